package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/shellnet/shellnet/graph"

	"modernc.org/sqlite" // registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

func init() {
	graph.Register("sqlite", func(ctx context.Context, uri string) (graph.Store, error) {
		return Open(ctx, PathOf(uri))
	})
}

// PathOf returns the file path named by a store URI: `sqlite:PATH`,
// `sqlite://PATH`, `file:PATH` or a plain path.
func PathOf(uri string) string {
	for _, scheme := range []string{"sqlite:", "file:"} {
		if rest, ok := strings.CutPrefix(uri, scheme); ok {
			if r, ok := strings.CutPrefix(rest, "//"); ok {
				rest = r
			}
			return rest
		}
	}
	return uri
}

// Store is the embedded store. It is safe for concurrent use; writes are
// serialised, reads run beside them (WAL).
type Store struct {
	path string
	rd   *sql.DB // readers
	wr   *sql.DB // the single writer connection

	wmu   sync.Mutex               // serialises write transactions in this process
	types map[graph.LinkType]int64 // store-local code of each link type
	names map[int64]graph.LinkType // and back
	rowc  rowCache                 // entity row numbers by ID

	entityIDs, linkIDs written // IDs this Store wrote, while they are all the table holds
}

var (
	_ graph.Store = (*Store)(nil)
)

// schemaVersion is the layout written by this package; Open refuses files
// with another one.
const schemaVersion = 4

// schema creates the tables. Entities and links have dense integer keys (n)
// so that projections scan integers; string IDs are unique columns. Foreign
// keys are checked in Go before writing (a link's ends must be stored), so
// SQLite's enforcement, which would cost a look-up per row, stays off.
// Each row ends with its record (canonical JSON, the data column): one row
// per record costs one B-tree insert where a separate table of records
// would cost two. Dates of links are NULL when absent.
//
// The look-up tables (names, identifiers, and adjacency, which lists the
// links touching each entity) are kept up to date lazily: rows written
// after the watermarks in meta (entities_indexed, adjacency_indexed)
// are not in them yet. Writes thus touch only the record tables, whose
// keys grow in order; a read that needs a look-up table first brings it up
// to date in one sorted pass, or scans the few rows past the watermark.
// Bulk loads, which write many batches and read nothing, gain several
// times in speed: random-key index pages are written once, not per batch.
const schema = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities(
	n INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	listed INTEGER NOT NULL,
	aliases TEXT NOT NULL,
	countries TEXT NOT NULL,
	tags TEXT NOT NULL,
	idents TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS identifiers(
	scheme TEXT NOT NULL, value TEXT NOT NULL, entity INTEGER NOT NULL,
	PRIMARY KEY(scheme, value, entity)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names(
	name TEXT NOT NULL, entity INTEGER NOT NULL,
	PRIMARY KEY(name, entity)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS link_types(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS links(
	n INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	src INTEGER NOT NULL,
	dst INTEGER NOT NULL,
	type INTEGER NOT NULL,
	weight REAL NOT NULL,
	start TEXT,
	"end" TEXT,
	date TEXT,
	data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS adjacency(entity INTEGER PRIMARY KEY, links BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS counts(what TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(what, key)) WITHOUT ROWID;
INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', 4), ('version', 0), ('entities_indexed', 0), ('adjacency_indexed', 0);
`

// pragmas are set on every connection. WAL lets readers run beside the
// writer; synchronous=NORMAL is durable across process crashes (a power cut
// may lose the last transactions, never consistency).
var pragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"temp_store(MEMORY)",
	"wal_autocheckpoint(10000)",
}

// The writer, which loads, keeps a large page cache and maps the file. A
// reader connection keeps a small cache and reads through the system's
// page cache instead: there are up to eight of them, and each one's cache
// and mapping count in the process's resident memory (a server reading
// evidence at random held 0.3 GB of mapped pages and, without the
// mapping, 0.5 GB of page caches), while the files' pages stay cached by
// the system for every connection at once.
var (
	writerPragmas = []string{"cache_size(-65536)", "mmap_size(268435456)"}
	readerPragmas = []string{"cache_size(-2048)", "mmap_size(0)"}
)

func dsn(path string, writer bool) string {
	var b strings.Builder
	b.WriteString("file:")
	b.WriteString(path)
	b.WriteString("?")
	own := readerPragmas
	if writer {
		own = writerPragmas
	}
	for i, p := range append(slices.Clone(pragmas), own...) {
		if i > 0 {
			b.WriteString("&")
		}
		b.WriteString("_pragma=")
		b.WriteString(p)
	}
	if writer {
		b.WriteString("&_txlock=immediate")
	}
	return b.String()
}

// Open opens the store in the file at path, creating it if it does not
// exist.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("graph/sqlite: empty path (give a file name such as shellnet.db)")
	}
	if strings.ContainsAny(path, "?#") || path == ":memory:" {
		return nil, fmt.Errorf("graph/sqlite: %q: the store must be a file whose name has no '?' or '#'", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("graph/sqlite: open %s: folder %s does not exist (create it first)", path, dir)
		}
	}
	wr, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("graph/sqlite: open %s: %w", path, err)
	}
	wr.SetMaxOpenConns(1)
	wr.SetMaxIdleConns(1)
	wr.SetConnMaxLifetime(0)
	s := &Store{path: path, wr: wr}
	if err := s.init(ctx); err != nil {
		wr.Close()
		return nil, err
	}
	rd, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		wr.Close()
		return nil, fmt.Errorf("graph/sqlite: open %s: %w", path, err)
	}
	rd.SetMaxOpenConns(8)
	rd.SetMaxIdleConns(4)
	s.rd = rd
	return s, nil
}

// isSQLError reports whether err is SQLite's generic SQL error
// (SQLITE_ERROR: a missing table or column, a syntax error), as opposed to
// a file that is not a database, a locked one or a failed read.
func isSQLError(err error) bool {
	var serr *sqlite.Error
	return errors.As(err, &serr) && serr.Code() == sqlite3.SQLITE_ERROR
}

func (s *Store) init(ctx context.Context) error {
	var v int64
	err := s.wr.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema'`).Scan(&v)
	switch {
	case err == nil:
		if v > schemaVersion {
			return fmt.Errorf("graph/sqlite: %s has store layout %d, newer than this shellnet understands (%d): upgrade shellnet", s.path, v, schemaVersion)
		}
		if v < schemaVersion {
			return fmt.Errorf("graph/sqlite: %s has store layout %d from an earlier development version of shellnet: delete it and ingest again", s.path, v)
		}
	case isSQLError(err):
		// no meta table (the one SQL error this statement can meet in
		// a database file): a new file, or a SQLite file of something
		// else, which the schema statements below tell apart
	default:
		return fmt.Errorf("graph/sqlite: open %s: %w (is it a shellnet store?)", s.path, err)
	}
	if _, err := s.wr.ExecContext(ctx, schema+ledgerSchema); err != nil {
		return fmt.Errorf("graph/sqlite: open %s: create tables: %w (is it a shellnet store?)", s.path, err)
	}
	for _, t := range graph.LinkTypes {
		if _, err := s.wr.ExecContext(ctx, `INSERT OR IGNORE INTO link_types(name) VALUES (?)`, string(t)); err != nil {
			return fmt.Errorf("graph/sqlite: open %s: link types: %w", s.path, err)
		}
	}
	rows, err := s.wr.QueryContext(ctx, `SELECT code, name FROM link_types`)
	if err != nil {
		return fmt.Errorf("graph/sqlite: open %s: link types: %w", s.path, err)
	}
	defer rows.Close()
	s.types = map[graph.LinkType]int64{}
	s.names = map[int64]graph.LinkType{}
	for rows.Next() {
		var code int64
		var name string
		if err := rows.Scan(&code, &name); err != nil {
			return fmt.Errorf("graph/sqlite: open %s: link types: %w", s.path, err)
		}
		s.types[graph.LinkType(name)] = code
		s.names[code] = graph.LinkType(name)
	}
	return rows.Err()
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close closes the store's connections.
func (s *Store) Close(ctx context.Context) error {
	err := s.rd.Close()
	if err2 := s.wr.Close(); err == nil {
		err = err2
	}
	if err != nil {
		return fmt.Errorf("graph/sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// Version returns the store's change counter.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.rd.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'version'`).Scan(&v); err != nil {
		return 0, fmt.Errorf("graph/sqlite: version: %w", err)
	}
	return v, nil
}

// Stats returns the counts kept up to date by every write.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{ByKind: map[string]int64{}, ByType: map[string]int64{}, Datasets: map[string]int64{}}
	rows, err := s.rd.QueryContext(ctx, `SELECT what, key, n FROM counts WHERE n != 0`)
	if err != nil {
		return graph.Stats{}, fmt.Errorf("graph/sqlite: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var what, key string
		var n int64
		if err := rows.Scan(&what, &key, &n); err != nil {
			return graph.Stats{}, fmt.Errorf("graph/sqlite: stats: %w", err)
		}
		switch what {
		case countKind:
			st.ByKind[key] = n
			st.Entities += n
		case countType:
			st.ByType[key] = n
			st.Links += n
		case countDataset:
			st.Datasets[key] = n
		}
	}
	if err := rows.Err(); err != nil {
		return graph.Stats{}, fmt.Errorf("graph/sqlite: stats: %w", err)
	}
	if err := s.ledgerStats(ctx, &st); err != nil {
		return graph.Stats{}, err
	}
	return st, nil
}

// The rows of the counts table.
const (
	countKind    = "kind"
	countType    = "type"
	countDataset = "dataset"
)
