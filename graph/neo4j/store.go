package neo4j

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/shellnet/shellnet/graph"
)

func init() {
	graph.Register("neo4j", func(ctx context.Context, uri string) (graph.Store, error) {
		return Open(ctx, uri)
	})
}

// DefaultBatchSize is the number of rows sent in one UNWIND statement,
// chosen with BenchmarkUpsert: with two writers, 2,000 and 5,000 rows ran
// at the same speed (30,507 and 30,419 records/s, 100k entities and 500k
// links, 2 cores), and smaller statements cost less memory on both sides.
const DefaultBatchSize = 2000

// DefaultWriters is the number of transactions a large write call is
// split into (by lock shard, so that they never wait for each other's
// locks) and run side by side: Neo4j runs each transaction on one core.
// Measured with BenchmarkUpsert on 2 cores (100k entities + 500k links,
// scripts/neo4j.sh's server): one writer 15,000-18,500 records/s, two
// 29,863-30,507, three 29,304-31,108 (within the noise of two).
const DefaultWriters = 2

// DefaultStreams is the number of write calls a load keeps in flight, so
// that the next call's transactions start while the last one's finish.
// Measured with BenchmarkIngestLoad on 2 cores (100k entities + 500k
// links, two writers): on a server warmed by three loads, one call at a
// time 29,264 records/s, two 31,546-32,453, three 31,428.
const DefaultStreams = 2

// Options configure a store beyond its URI.
type Options struct {
	// Username and Password authenticate; with neither, the driver
	// connects without authentication. Open takes them from
	// NEO4J_USERNAME and NEO4J_PASSWORD, or from the URI's user part.
	Username, Password string
	// Database is the database to use; "" is the server's default. Open
	// takes it from NEO4J_DATABASE.
	Database string
	// BatchSize is the number of rows per UNWIND statement
	// (DefaultBatchSize when 0).
	BatchSize int
	// Writers is the number of transactions a large UpsertEntities or
	// UpsertLinks call is split into and run side by side
	// (DefaultWriters when 0; 1 writes each call in one transaction).
	Writers int
	// Streams is the number of write calls a load (ingest) keeps in
	// flight at once (DefaultStreams when 0).
	Streams int
	// MaxRetryTime bounds the driver's retries of a transaction that
	// failed for a transient reason or a lost connection (the driver's
	// default, 30 s, when 0).
	MaxRetryTime time.Duration
}

// Store is a graph.Store in a Neo4j database. It is safe for concurrent
// use.
type Store struct {
	driver neo4j.DriverWithContext
	uri    string // without credentials, for messages
	opt    Options

	schemaMu   sync.Mutex
	schemaDone bool

	known           knownSet     // entity IDs known to be stored
	carefulEntities atomic.Int32 // entity parts still to write the careful way
	carefulLinks    atomic.Int32 // link parts still to write the careful way
}

var (
	_ graph.Store           = (*Store)(nil)
	_ graph.Neighbourhooder = (*Store)(nil)
	_ graph.PathFinder      = (*Store)(nil)
	_ graph.Projector       = (*Store)(nil)
)

// Open connects to the Neo4j database at uri (neo4j://, neo4j+s://,
// bolt://, bolt+s://…) with the credentials and database named by
// NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE, and checks that it
// answers.
func Open(ctx context.Context, uri string) (*Store, error) {
	return OpenWith(ctx, uri, Options{
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	})
}

// OpenWith is Open with explicit options; the environment is not read.
func OpenWith(ctx context.Context, uri string, opt Options) (*Store, error) {
	target, user, pass, err := splitURI(uri)
	if err != nil {
		return nil, err
	}
	if user != "" || pass != "" {
		opt.Username, opt.Password = user, pass
	}
	if opt.Password != "" && opt.Username == "" {
		opt.Username = "neo4j"
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if opt.Streams <= 0 {
		opt.Streams = DefaultStreams
	}
	if opt.Writers <= 0 {
		opt.Writers = DefaultWriters
	}
	auth := neo4j.NoAuth()
	if opt.Username != "" {
		auth = neo4j.BasicAuth(opt.Username, opt.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(target, auth, func(c *config.Config) {
		if opt.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = opt.MaxRetryTime
		}
		c.SocketConnectTimeout = 10 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
		c.UserAgent = "shellnet"
	})
	if err != nil {
		return nil, fmt.Errorf("graph/neo4j: %s: %s (use neo4j://, neo4j+s://, bolt:// or bolt+s://HOST:PORT)", target, scrub(err.Error(), opt.Password))
	}
	s := &Store{driver: driver, uri: target, opt: opt}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(ctx)
		return nil, s.openError(err)
	}
	// VerifyConnectivity does not touch the database; a first query
	// tells a missing database (or one the user may not read) now rather
	// than at the first write.
	if _, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "RETURN 1", nil)
		if err != nil {
			return nil, err
		}
		_, err = res.Consume(ctx)
		return nil, err
	}); err != nil {
		driver.Close(ctx)
		return nil, s.openError(err)
	}
	return s, nil
}

// splitURI removes credentials from a URI, returning them apart.
func splitURI(uri string) (target, user, pass string, err error) {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return "", "", "", fmt.Errorf("graph/neo4j: %q is not a Neo4j URI (expected neo4j://HOST:PORT, neo4j+s://HOST, bolt://HOST:PORT or bolt+s://HOST)", graph.Redact(uri))
	}
	if u.User != nil {
		user = u.User.Username()
		pass, _ = u.User.Password()
		u.User = nil
	}
	return u.String(), user, pass, nil
}

// URI returns the store's URI, without credentials.
func (s *Store) URI() string { return s.uri }

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error {
	if err := s.driver.Close(ctx); err != nil {
		return fmt.Errorf("graph/neo4j: close %s: %w", s.uri, err)
	}
	return nil
}

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.opt.Database})
}

// read runs work in a managed read transaction.
func (s *Store) read(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	return sess.ExecuteRead(ctx, work)
}

// write runs work in a managed write transaction, which the driver retries
// on transient errors and lost connections; work must therefore be
// idempotent and consume its results, and it reports whether it changed
// the content. The transaction first takes the write locks named by locks
// (lockKeys), so that two writers never read and write back the same
// record at once, which could lose an update; writers on records of other
// lock shards run side by side. When work changed something, its last
// statement bumps the version node, whose lock is then held only while
// the transaction commits.
func (s *Store) write(ctx context.Context, locks []string, work func(tx neo4j.ManagedTransaction) (bool, error)) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if len(locks) > 0 {
			if err := runTx(ctx, tx, `UNWIND $keys AS k MERGE (m:ShellnetMeta {key: k}) SET m.writer = true REMOVE m.writer`,
				map[string]any{"keys": locks}); err != nil {
				return nil, err
			}
		}
		changed, err := work(tx)
		if err != nil || !changed {
			return nil, err
		}
		return nil, bumpVersion(ctx, tx)
	})
	return err
}

// run executes one statement in a managed read transaction and calls fn for
// each record once the transaction is over. The records are collected
// first because the driver may run the transaction again after a lost
// connection, and fn must see each record once.
func (s *Store) run(ctx context.Context, cypher string, params map[string]any, fn func(*neo4j.Record) error) error {
	recs, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	})
	if err != nil {
		return err
	}
	for _, r := range recs.([]*neo4j.Record) {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Version returns the store's change counter: the value of the
// (:ShellnetMeta {key: 'version'}) node, 0 in a new database.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	err := s.run(ctx, `MATCH (m:ShellnetMeta {key: 'version'}) RETURN m.value`, nil, func(r *neo4j.Record) error {
		if n, ok := r.Values[0].(int64); ok {
			v = n
		}
		return nil
	})
	if err != nil {
		return 0, s.wrap("version", err)
	}
	return v, nil
}

// Stats counts entities by kind (from Neo4j's label counts), links by type
// (from its relationship type counts) and entities by dataset.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{ByKind: map[string]int64{}, ByType: map[string]int64{}, Datasets: map[string]int64{}}
	var parts []string
	for _, k := range graph.Kinds {
		parts = append(parts, fmt.Sprintf("MATCH (n:Entity:%s) RETURN 'kind' AS what, %q AS key, count(n) AS n", label(k), string(k)))
	}
	for _, t := range graph.LinkTypes {
		parts = append(parts, fmt.Sprintf("MATCH ()-[r:%s]->() RETURN 'type' AS what, %q AS key, count(r) AS n", relType(t), string(t)))
	}
	parts = append(parts, "MATCH (e:Entity) UNWIND e.datasets AS d RETURN 'dataset' AS what, d AS key, count(*) AS n")
	err := s.run(ctx, strings.Join(parts, "\nUNION ALL\n"), nil, func(r *neo4j.Record) error {
		what, _ := r.Values[0].(string)
		key, _ := r.Values[1].(string)
		n, _ := r.Values[2].(int64)
		if n == 0 {
			return nil
		}
		switch what {
		case "kind":
			st.ByKind[key] = n
			st.Entities += n
		case "type":
			st.ByType[key] = n
			st.Links += n
		case "dataset":
			st.Datasets[key] = n
		}
		return nil
	})
	if err != nil {
		return graph.Stats{}, s.wrap("stats", err)
	}
	if err := s.ledgerStats(ctx, &st); err != nil {
		return graph.Stats{}, err
	}
	return st, nil
}

// openError explains why a store could not be opened.
func (s *Store) openError(err error) error {
	var nerr *neo4j.Neo4jError
	switch {
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.Unauthorized":
		if s.opt.Username == "" {
			return fmt.Errorf("graph/neo4j: Neo4j at %s requires authentication (set NEO4J_USERNAME and NEO4J_PASSWORD)", s.uri)
		}
		return fmt.Errorf("graph/neo4j: Neo4j at %s rejected the credentials of user %q: authentication failed (check NEO4J_USERNAME and NEO4J_PASSWORD)", s.uri, s.opt.Username)
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
		return fmt.Errorf("graph/neo4j: Neo4j at %s refuses logins for user %q after too many failed attempts (wait, then check NEO4J_USERNAME and NEO4J_PASSWORD)", s.uri, s.opt.Username)
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Database.DatabaseNotFound":
		return fmt.Errorf("graph/neo4j: Neo4j at %s has no database %q (check NEO4J_DATABASE; unset it for the server's default)", s.uri, s.opt.Database)
	case errors.As(err, &nerr):
		return fmt.Errorf("graph/neo4j: Neo4j at %s: %s: %s", s.uri, nerr.Code, scrub(nerr.Msg, s.opt.Password))
	}
	if reason, ok := connectivity(err); ok {
		return fmt.Errorf("graph/neo4j: cannot reach Neo4j at %s: %s (is it running? set NEO4J_URI)", s.uri, scrub(reason, s.opt.Password))
	}
	return fmt.Errorf("graph/neo4j: cannot use Neo4j at %s: %s", s.uri, scrub(err.Error(), s.opt.Password))
}

// wrap turns an error of a store operation into one that says what
// happened and what to do; op names the operation ("upsert entities").
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("graph/neo4j: %s: %w", op, err)
	}
	if reason, ok := connectivity(err); ok {
		return &Error{Op: op, URI: s.uri, Reason: scrub(reason, s.opt.Password), Lost: true, err: err}
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) || errors.As(lastAttempt(err), &nerr) {
		return &Error{Op: op, URI: s.uri, Reason: nerr.Code + ": " + scrub(nerr.Msg, s.opt.Password), err: err}
	}
	return &Error{Op: op, URI: s.uri, Reason: scrub(err.Error(), s.opt.Password), err: err}
}

// Error is an error of a store operation against Neo4j.
type Error struct {
	Op     string // "upsert entities"…
	URI    string // without credentials
	Reason string
	Lost   bool // the connection was lost or refused
	err    error
}

func (e *Error) Error() string {
	if e.Lost {
		return fmt.Sprintf("graph/neo4j: %s: lost the connection to Neo4j at %s: %s (is the server still running? once it answers again, run the same command again: writes are idempotent and each batch is one transaction)", e.Op, e.URI, e.Reason)
	}
	return fmt.Sprintf("graph/neo4j: %s: Neo4j at %s: %s", e.Op, e.URI, e.Reason)
}

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.err }

// lastAttempt returns the last error of a transaction the driver gave up
// retrying, or err itself.
func lastAttempt(err error) error {
	var lim *neo4j.TransactionExecutionLimit
	if errors.As(err, &lim) && len(lim.Errors) > 0 {
		return lim.Errors[len(lim.Errors)-1]
	}
	return err
}

// connectivity reports whether err is a failure to reach the server, with
// a short reason ("connection refused").
func connectivity(err error) (string, bool) {
	err = lastAttempt(err)
	var cerr *neo4j.ConnectivityError
	if !errors.As(err, &cerr) {
		// the attempts a TransactionExecutionLimit keeps are errors as
		// the connection gave them, before the driver classified them
		return networkReason(err)
	}
	if cerr.Inner == nil {
		return "connectivity error", true
	}
	return reasonOf(cerr.Inner), true
}
