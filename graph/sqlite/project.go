package sqlite

import (
	"bufio"
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	sqlitedriver "modernc.org/sqlite"

	"github.com/shellnet/shellnet/graph"
)

var _ graph.Projector = (*Store)(nil)

// SnapshotPath is where the store caches its projection of every entity
// and link (graph.ProjectOptions{}).
func (s *Store) SnapshotPath() string { return s.snapshotPath(optionsKey(graph.ProjectOptions{})) }

// snapshotPath is the file that caches the projection for the options
// whose key is key: one file per set of options, so that commands that
// project differently (screen, search, centrality) do not replace each
// other's snapshot.
func (s *Store) snapshotPath(key string) string {
	if key == optionsKey(graph.ProjectOptions{}) {
		return s.path + ".snap"
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return fmt.Sprintf("%s.%016x.snap", s.path, h.Sum64())
}

// maxSnapshots bounds the snapshot files kept beside a store: when a new
// one would pass it, the least recently written go.
const maxSnapshots = 8

// pruneSnapshots removes the oldest snapshot files beyond maxSnapshots,
// never the whole store's, from which the others are derived.
func (s *Store) pruneSnapshots() {
	files, _ := filepath.Glob(globEscape(s.path) + "." + strings.Repeat("?", 16) + ".snap")
	if len(files) <= maxSnapshots-1 {
		return
	}
	type aged struct {
		path string
		mod  int64
	}
	var aging []aged
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			aging = append(aging, aged{f, st.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(aging, func(a, b aged) int { return cmp.Compare(b.mod, a.mod) })
	for _, a := range aging[min(maxSnapshots-1, len(aging)):] {
		os.Remove(a.path)
		entries, _ := filepath.Glob(globEscape(a.path) + ".*") // its cache entries
		for _, e := range entries {
			os.Remove(e)
		}
	}
}

// globEscape escapes the characters filepath.Match reads as a pattern.
func globEscape(path string) string {
	var b strings.Builder
	for _, r := range path {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Project builds the projection selected by opt. It is served from the
// snapshot beside the store when that was written for the same store
// version and options; otherwise entities and links are scanned as integers
// (row numbers, type codes, weights) and the snapshot is rewritten. A
// snapshot that cannot be read or written is ignored: it is only a cache.
//
// A projection without a day (ProjectOptions.AsOf) is derived from the
// projection of the whole store, read from its snapshot or scanned and
// written first: one scan of the tables serves every set of kinds and
// types (on 1M entities and 5M links a scan takes about 5 s, a
// derivation from the snapshot about 1 s).
func (s *Store) Project(ctx context.Context, opt graph.ProjectOptions) (*graph.Projection, error) {
	p, _, err := s.project(ctx, opt)
	return p, err
}

// project is Project, also returning the store version the projection is
// of.
func (s *Store) project(ctx context.Context, opt graph.ProjectOptions) (*graph.Projection, int64, error) {
	key := optionsKey(opt)
	v, err := s.Version(ctx)
	if err != nil {
		return nil, 0, err
	}
	if p, err := s.readSnapshot(v, key); err == nil {
		p.SetCache(&snapCache{snap: s.snapshotPath(key), version: v, key: key})
		return p, v, nil
	}
	var p *graph.Projection
	if whole := (graph.ProjectOptions{}); opt.AsOf.IsZero() && key != optionsKey(whole) {
		full, fv, err := s.project(ctx, whole)
		if err != nil {
			return nil, 0, err
		}
		p, v = full.Filter(opt.Kinds, opt.Types), fv
	} else if p, v, err = s.scan(ctx, opt); err != nil {
		return nil, 0, err
	}
	// a cache that cannot be written is no error
	if s.writeSnapshot(p, v, key) == nil {
		p.SetCache(&snapCache{snap: s.snapshotPath(key), version: v, key: key})
	}
	return p, v, nil
}

// ProjectFresh builds the projection from the tables, ignoring and leaving
// the snapshot as it is.
func (s *Store) ProjectFresh(ctx context.Context, opt graph.ProjectOptions) (*graph.Projection, error) {
	p, _, err := s.scan(ctx, opt)
	return p, err
}

// optionsKey is the canonical text of opt, which a snapshot must match.
func optionsKey(opt graph.ProjectOptions) string {
	kinds := make([]string, len(opt.Kinds))
	for i, k := range opt.Kinds {
		kinds[i] = string(k)
	}
	types := make([]string, len(opt.Types))
	for i, t := range opt.Types {
		types[i] = string(t)
	}
	slices.Sort(kinds)
	slices.Sort(types)
	asOf := ""
	if !opt.AsOf.IsZero() {
		asOf = opt.AsOf.Format("2006-01-02")
	}
	return "kinds=" + strings.Join(slices.Compact(kinds), ",") + ";types=" + strings.Join(slices.Compact(types), ",") + ";asof=" + asOf
}

// scan reads the projection in one read transaction, so that it matches
// the version returned with it.
func (s *Store) scan(ctx context.Context, opt graph.ProjectOptions) (*graph.Projection, int64, error) {
	tx, err := s.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("graph/sqlite: project: %w", err)
	}
	defer tx.Rollback()
	var v, maxN int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'version'`).Scan(&v); err != nil {
		return nil, 0, fmt.Errorf("graph/sqlite: project: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) FROM entities`).Scan(&maxN); err != nil {
		return nil, 0, fmt.Errorf("graph/sqlite: project: %w", err)
	}
	// Without a day to check, the links are read side by side with the
	// entities, in ranges of row numbers, each in a read transaction of
	// its own (see readLinksAside).
	var aside *linksAside
	if opt.AsOf.IsZero() {
		aside = s.readLinksAside(ctx, tx, v)
	}
	// dense[n] is the projection index of entity row n, or -1
	dense := make([]int32, maxN+1)
	for i := range dense {
		dense[i] = -1
	}
	// read in row order (sequential pages), packed (see readEntityChunk),
	// then number the nodes in ID order, as graph.Builder does
	nodes := make([]graph.Node, 0, maxN)
	rowNs := make([]int64, 0, maxN)
	kinds := map[string]graph.Kind{}
	for c := int64(0); c <= maxN; c += packChunk {
		if nodes, rowNs, err = readEntityChunk(ctx, tx, c, opt.Kinds, nodes, rowNs, kinds); err != nil {
			return nil, 0, fmt.Errorf("graph/sqlite: project entities: %w", err)
		}
	}
	for _, n := range rowNs {
		if n < 0 || n > maxN {
			return nil, 0, fmt.Errorf("graph/sqlite: project entities: row %d out of range", n)
		}
	}
	order := make([]int32, len(nodes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(nodes[a].ID, nodes[b].ID) })
	sorted := make([]graph.Node, len(nodes))
	for i, j := range order {
		sorted[i] = nodes[j]
		dense[rowNs[j]] = int32(i)
	}
	nodes, rowNs = sorted, nil

	// type codes of this store to graph link codes; -1 for types left out
	var maxCode int64
	for c := range s.names {
		maxCode = max(maxCode, c)
	}
	codeOf := make([]int16, maxCode+1)
	for c, t := range s.names {
		codeOf[c] = -1
		if t.Valid() && (len(opt.Types) == 0 || slices.Contains(opt.Types, t)) {
			codeOf[c] = int16(t.Code())
		}
	}
	var count int64
	_ = tx.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM counts WHERE what = 'type'`).Scan(&count)
	lk := linkArrays{
		from: make([]int32, 0, count), to: make([]int32, 0, count),
		typ: make([]graph.LinkCode, 0, count), w: make([]float32, 0, count),
	}
	keep := func(src, dst, code int64) (u, v int32, c int16, ok bool) {
		if src < 0 || src > maxN || dst < 0 || dst > maxN || code < 0 || code > maxCode {
			return 0, 0, 0, false
		}
		u, v, c = dense[src], dense[dst], codeOf[code]
		return u, v, c, u >= 0 && v >= 0 && c >= 0
	}
	if opt.AsOf.IsZero() {
		err = aside.add(ctx, tx, &lk, keep)
	} else {
		err = scanLinksAsOf(ctx, tx, &lk, keep, opt.AsOf)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("graph/sqlite: project links: %w", err)
	}
	return graph.NewProjection(nodes, lk.from, lk.to, lk.typ, lk.w), v, nil
}

type linkArrays struct {
	from, to []int32
	typ      []graph.LinkCode
	w        []float32
}

func (a *linkArrays) add(u, v int32, c int16, w float64) {
	a.from, a.to = append(a.from, u), append(a.to, v)
	a.typ, a.w = append(a.typ, graph.LinkCode(c)), append(a.w, float32(w))
}

// linkRanges is the number of ranges of row numbers the links are read in,
// side by side with each other and with the entities: reading rows through
// database/sql costs about 1 µs each, on one core per transaction.
const linkRanges = 2

// rawLinks are links as stored, in row order: both ends packed into one
// integer, the type code with a flag (1 << 16) for a weight other than 1,
// and the weights of the flagged links.
type rawLinks struct {
	ends    []int64
	tw      []int32
	weights []float32
}

// readLinkRange reads the links with row numbers in [lo, hi): their ends
// and type codes through the shellnet_pack aggregate, in chunks of
// packChunk rows, each chunk one blob; the few weighted links are read
// again for their weights. A row read through database/sql costs about
// 1 µs, a row packed inside SQLite less than half of it.
func readLinkRange(ctx context.Context, tx *sql.Tx, lo, hi int64) (rawLinks, error) {
	var r rawLinks
	for c := lo; c < hi; c += packChunk {
		var blob []byte
		err := tx.QueryRowContext(ctx, `SELECT shellnet_pack(n, (src << 32) | dst, type | ((weight != 1.0) << 16)) FROM links WHERE n >= ? AND n < ?`, c, min(c+packChunk, hi)).Scan(&blob)
		if err != nil {
			return r, err
		}
		if err := r.unpack(blob); err != nil {
			return r, err
		}
	}
	flagged := 0
	for _, tw := range r.tw {
		if tw>>16 != 0 {
			flagged++
		}
	}
	if flagged == 0 {
		return r, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT weight FROM links WHERE n >= ? AND n < ? AND weight != 1.0 ORDER BY n`, lo, hi)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var w float64
		if err := rows.Scan(&w); err != nil {
			return r, err
		}
		r.weights = append(r.weights, float32(w))
	}
	if len(r.weights) != flagged {
		return r, errors.New("weights changed during the scan")
	}
	return r, rows.Err()
}

// packChunk is how many rows of links one shellnet_pack call reads.
const packChunk = 1 << 16

// packedRow is the size of a row in a shellnet_pack blob: the row number,
// the ends, the type code and weight flag.
const packedRow = 8 + 8 + 4

// unpack appends the rows of a shellnet_pack blob, in row order: SQLite
// feeds an aggregate the rows of a rowid range in rowid order, and should
// a version not, the rows are sorted here.
func (r *rawLinks) unpack(blob []byte) error {
	if len(blob)%packedRow != 0 {
		return fmt.Errorf("packed links: %d bytes, not rows of %d", len(blob), packedRow)
	}
	k := len(blob) / packedRow
	ns := make([]int64, k)
	ordered := true
	for i := range k {
		row := blob[i*packedRow:]
		ns[i] = int64(binary.LittleEndian.Uint64(row))
		ordered = ordered && (i == 0 || ns[i] > ns[i-1])
	}
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	if !ordered {
		slices.SortFunc(order, func(a, b int) int { return cmp.Compare(ns[a], ns[b]) })
	}
	for _, i := range order {
		row := blob[i*packedRow:]
		r.ends = append(r.ends, int64(binary.LittleEndian.Uint64(row[8:])))
		r.tw = append(r.tw, int32(binary.LittleEndian.Uint32(row[16:])))
	}
	return nil
}

// readEntityChunk appends the nodes of the entities with row numbers in
// [lo, lo+packChunk), of the given kinds (all when none), and their row
// numbers. The rows come as one blob from the shellnet_pack_entity
// aggregate, whose strings become substrings of one string: a row costs
// neither a trip through database/sql nor an allocation per column.
func readEntityChunk(ctx context.Context, tx *sql.Tx, lo int64, kindsWanted []graph.Kind, nodes []graph.Node, rowNs []int64, kinds map[string]graph.Kind) ([]graph.Node, []int64, error) {
	q := `SELECT shellnet_pack_entity(n, id, name, kind, aliases, countries, tags, listed) FROM entities WHERE n >= ? AND n < ?`
	args := []any{lo, lo + packChunk}
	if len(kindsWanted) > 0 {
		q += ` AND kind IN (` + placeholders(len(kindsWanted)) + `)`
		args = append(args, anys(kindsWanted)...)
	}
	var blob []byte
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&blob); err != nil {
		return nodes, rowNs, err
	}
	text := unsafe.String(unsafe.SliceData(blob), len(blob)) // blob is this function's own copy, never written again
	var fields [6]string
	for off := 0; off < len(text); {
		if len(text)-off < 9 {
			return nodes, rowNs, errors.New("packed entities cut short")
		}
		n := int64(binary.LittleEndian.Uint64(blob[off:]))
		listed := blob[off+8] != 0
		off += 9
		for i := range fields {
			l, k := binary.Uvarint(blob[off:])
			if k <= 0 || uint64(len(text)-off-k) < l {
				return nodes, rowNs, errors.New("packed entities cut short")
			}
			off += k
			fields[i] = text[off : off+int(l)]
			off += int(l)
		}
		k, ok := kinds[fields[2]]
		if !ok {
			k = graph.Kind(strings.Clone(fields[2]))
			kinds[string(k)] = k
		}
		nodes = append(nodes, graph.Node{ID: fields[0], Name: fields[1], Kind: k, Listed: listed}.
			WithLists(split(fields[3]), split(fields[4]), split(fields[5])))
		rowNs = append(rowNs, n)
	}
	return nodes, rowNs, nil
}

// entityPacker is the shellnet_pack_entity aggregate: each row as its row
// number (8 bytes), its listed flag (1 byte), and its id, name, kind,
// aliases, countries and tags, each a uvarint length and the bytes.
type entityPacker struct{ buf []byte }

var _ sqlitedriver.AggregateFunction = (*entityPacker)(nil)

func (p *entityPacker) Step(_ *sqlitedriver.FunctionContext, args []driver.Value) error {
	n, ok1 := args[0].(int64)
	listed, ok2 := args[7].(int64)
	if !ok1 || !ok2 {
		return errors.New("shellnet_pack_entity: row number and listed flag must be integers")
	}
	p.buf = binary.LittleEndian.AppendUint64(p.buf, uint64(n))
	p.buf = append(p.buf, byte(min(listed, 1)))
	for _, a := range args[1:7] {
		s, ok := a.(string)
		if !ok {
			return fmt.Errorf("shellnet_pack_entity: %T where text is wanted", a)
		}
		p.buf = binary.AppendUvarint(p.buf, uint64(len(s)))
		p.buf = append(p.buf, s...)
	}
	return nil
}

func (p *entityPacker) WindowInverse(*sqlitedriver.FunctionContext, []driver.Value) error {
	return errors.New("shellnet_pack_entity is no window function")
}

func (p *entityPacker) WindowValue(*sqlitedriver.FunctionContext) (driver.Value, error) {
	return p.buf, nil
}

func (p *entityPacker) Final(*sqlitedriver.FunctionContext) {}

// packer is the shellnet_pack aggregate: it appends each row's three
// integers to one blob (row number and ends as 8 bytes, the last as 4).
type packer struct{ buf []byte }

var _ sqlitedriver.AggregateFunction = (*packer)(nil)

func (p *packer) Step(_ *sqlitedriver.FunctionContext, args []driver.Value) error {
	var v [3]int64
	for i, a := range args {
		x, ok := a.(int64)
		if !ok {
			return fmt.Errorf("shellnet_pack: argument %d is %T, not an integer", i+1, a)
		}
		v[i] = x
	}
	p.buf = binary.LittleEndian.AppendUint64(p.buf, uint64(v[0]))
	p.buf = binary.LittleEndian.AppendUint64(p.buf, uint64(v[1]))
	p.buf = binary.LittleEndian.AppendUint32(p.buf, uint32(v[2]))
	return nil
}

func (p *packer) WindowInverse(*sqlitedriver.FunctionContext, []driver.Value) error {
	return errors.New("shellnet_pack is no window function")
}

func (p *packer) WindowValue(*sqlitedriver.FunctionContext) (driver.Value, error) { return p.buf, nil }

func (p *packer) Final(*sqlitedriver.FunctionContext) {}

func init() {
	sqlitedriver.MustRegisterFunction("shellnet_pack", &sqlitedriver.FunctionImpl{
		NArgs: 3,
		MakeAggregate: func(sqlitedriver.FunctionContext) (sqlitedriver.AggregateFunction, error) {
			return &packer{buf: make([]byte, 0, packChunk*packedRow)}, nil
		},
	})
	sqlitedriver.MustRegisterFunction("shellnet_pack_entity", &sqlitedriver.FunctionImpl{
		NArgs:        8,
		VolatileArgs: true, // Step copies the text at once
		MakeAggregate: func(sqlitedriver.FunctionContext) (sqlitedriver.AggregateFunction, error) {
			return &entityPacker{}, nil
		},
	})
}

// linksAside are the link ranges being read beside the entities.
type linksAside struct {
	bounds []int64 // range i is [bounds[i], bounds[i+1])
	done   chan struct{}
	ranges []rawLinks
	errs   []error
}

// testHookAside, when set by a test, runs before the link ranges' own
// transactions start.
var testHookAside func()

// errMoved tells that a transaction saw another version of the store.
var errMoved = errors.New("the store changed between two read transactions")

// readLinksAside starts reading the links in linkRanges ranges, each in a
// read transaction of its own that must see version v, as tx does (every
// change of content changes the version). add then waits for them.
func (s *Store) readLinksAside(ctx context.Context, tx *sql.Tx, v int64) *linksAside {
	var maxL int64
	_ = tx.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) FROM links`).Scan(&maxL)
	a := &linksAside{done: make(chan struct{}), ranges: make([]rawLinks, linkRanges), errs: make([]error, linkRanges)}
	if testHookAside != nil {
		testHookAside()
	}
	for i := range linkRanges + 1 {
		a.bounds = append(a.bounds, int64(i)*(maxL+1)/linkRanges)
	}
	var wg sync.WaitGroup
	for i := range linkRanges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rtx, err := s.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
			if err != nil {
				a.errs[i] = err
				return
			}
			defer rtx.Rollback()
			var rv int64
			if err := rtx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'version'`).Scan(&rv); err != nil {
				a.errs[i] = err
				return
			}
			if rv != v {
				a.errs[i] = errMoved
				return
			}
			a.ranges[i], a.errs[i] = readLinkRange(ctx, rtx, a.bounds[i], a.bounds[i+1])
		}()
	}
	go func() {
		wg.Wait()
		close(a.done)
	}()
	return a
}

// add waits for the ranges and adds the links that keep maps to lk, in row
// order. A range whose transaction saw another version of the store is
// read again in tx.
func (a *linksAside) add(ctx context.Context, tx *sql.Tx, lk *linkArrays, keep func(src, dst, code int64) (int32, int32, int16, bool)) error {
	<-a.done
	for i := range a.ranges {
		if errors.Is(a.errs[i], errMoved) {
			a.ranges[i], a.errs[i] = readLinkRange(ctx, tx, a.bounds[i], a.bounds[i+1])
		}
		if a.errs[i] != nil {
			return a.errs[i]
		}
		r := &a.ranges[i]
		j := 0
		for k, ends := range r.ends {
			w := float32(1)
			if r.tw[k]>>16 != 0 {
				w = r.weights[j]
				j++
			}
			if u, v, c, ok := keep(ends>>32, ends&(1<<32-1), int64(r.tw[k]&0xffff)); ok {
				lk.add(u, v, c, float64(w))
			}
		}
		a.ranges[i] = rawLinks{} // let it go
	}
	return nil
}

// scanLinksAsOf reads the links valid on day t.
func scanLinksAsOf(ctx context.Context, tx *sql.Tx, lk *linkArrays, keep func(src, dst, code int64) (int32, int32, int16, bool), t time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT src, dst, type, weight, coalesce(start, ''), coalesce("end", ''), coalesce(date, '') FROM links`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var l graph.Link
	for rows.Next() {
		var src, dst, code int64
		var weight float64
		var start, end, date string
		if err := rows.Scan(&src, &dst, &code, &weight, &start, &end, &date); err != nil {
			return err
		}
		u, v, c, ok := keep(src, dst, code)
		if !ok {
			continue
		}
		l.Props = map[string]any{"start": start, "end": end, "date": date}
		if l.Valid(t) {
			lk.add(u, v, c, weight)
		}
	}
	return rows.Err()
}

// The snapshot file: snapMagic, the store version, the options key, then
// the projection as graph.(*Projection).WriteTo writes it.
var snapMagic = [8]byte{'s', 'h', 'n', 's', 'n', 'a', 'p', 1}

var errStale = errors.New("stale snapshot")

func (s *Store) readSnapshot(v int64, key string) (*graph.Projection, error) {
	f, err := os.Open(s.snapshotPath(key))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var hdr [20]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	if [8]byte(hdr[:8]) != snapMagic || int64(binary.LittleEndian.Uint64(hdr[8:])) != v {
		return nil, errStale
	}
	kl := binary.LittleEndian.Uint32(hdr[16:])
	if kl != uint32(len(key)) {
		return nil, errStale
	}
	kb := make([]byte, kl)
	if _, err := io.ReadFull(r, kb); err != nil || string(kb) != key {
		return nil, errStale
	}
	return graph.ReadProjection(r)
}

// writeSnapshot writes the snapshot to a temporary file beside the store and
// renames it into place, so that readers see the old file or the new one.
func (s *Store) writeSnapshot(p *graph.Projection, v int64, key string) error {
	var hdr []byte
	hdr = append(hdr, snapMagic[:]...)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(v))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(key)))
	hdr = append(hdr, key...)
	err := writeAtomic(s.snapshotPath(key), func(w io.Writer) error {
		if _, err := w.Write(hdr); err != nil {
			return err
		}
		_, err := p.WriteTo(w)
		return err
	})
	if err != nil {
		return err
	}
	s.pruneSnapshots()
	return nil
}
