package ofac

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/legalform"
)

// Datasets named in sources when the load names none.
const (
	DatasetSDN  = "ofac-sdn"
	DatasetCons = "ofac-cons"
)

// Stats counts what a load joined, so that a test or a log can reconcile
// it with the files' row counts.
type Stats struct {
	Entries   int // entries read (records yielded, not rejected)
	Addresses int // address rows joined to their entry
	Aliases   int // alias rows joined to their entry
	Comments  int // remarks continuations joined to their entry
	Rejected  int // rows rejected
	Linked    int // "Linked To" remarks resolved to a link
	Unlinked  int // "Linked To" remarks left as notes
}

// Reader reads a set of legacy OFAC files. The files of a list are read
// whole on the first call to Next (an entry's addresses, aliases and the
// end of its remarks sit in other files, and a "Linked To" may name an
// entry further down), then yielded one entry per record.
type Reader struct {
	files  []file
	opt    ingest.ReadOptions
	loaded bool
	items  []item
	next   int
	stats  Stats
	index  nameIndex
}

var _ ingest.Reader = (*Reader)(nil)

type item struct {
	entry *entry // nil for an error
	err   error
}

type entry struct {
	list     list
	num      string
	pos      ingest.Position
	f        []string // the 12 fields
	programs []string
	addrs    []row
	alts     []row
	comments []string
}

// row is an address or alias row: its number, fields and position.
type row struct {
	num string
	f   []string
	pos ingest.Position
}

// Open opens the given files (or folders) of one or both lists. Address,
// alias and comments files need their list's entries file in the same load.
func Open(paths []string, opt ingest.ReadOptions) (*Reader, error) {
	paths, err := expand(paths)
	if err != nil {
		return nil, err
	}
	r := &Reader{opt: opt}
	mains := map[list]bool{}
	for _, p := range paths {
		f, err := classify(p)
		if err != nil {
			return nil, err
		}
		r.files = append(r.files, f)
		if f.part == partMain {
			mains[f.list] = true
		}
	}
	for _, f := range r.files {
		if f.part != partMain && !mains[f.list] {
			main := "sdn.csv"
			if f.list == listCons {
				main = "cons_prim.csv"
			}
			return nil, fmt.Errorf("ingest/ofac: %s holds the %s of %s entries: load it together with %s", f.path, partNames[f.part], main, main)
		}
	}
	// Entries first, so that the other files find them.
	slices.SortStableFunc(r.files, func(a, b file) int { return int(a.part) - int(b.part) })
	return r, nil
}

// Stats returns the counts of the load so far.
func (r *Reader) Stats() Stats { return r.stats }

// Close releases nothing: files are closed as soon as they are read.
func (r *Reader) Close() error { return nil }

// Next returns the next entry's record, a *ingest.RecordError for a bad
// row, or io.EOF.
func (r *Reader) Next(ctx context.Context) (ingest.Record, error) {
	if err := ctx.Err(); err != nil {
		return ingest.Record{}, err
	}
	if !r.loaded {
		if err := r.load(ctx); err != nil {
			return ingest.Record{}, err
		}
		r.loaded = true
	}
	if r.next >= len(r.items) {
		return ingest.Record{}, io.EOF
	}
	it := r.items[r.next]
	r.next++
	if it.err != nil {
		return ingest.Record{}, it.err
	}
	return r.record(it.entry), nil
}

func (r *Reader) reject(pos ingest.Position, fieldName, reason, raw string) {
	r.stats.Rejected++
	r.items = append(r.items, item{err: &ingest.RecordError{Pos: pos, Field: fieldName, Reason: reason, Raw: raw}})
}

// load reads every file, joins rows to their entries and builds the name
// index used to resolve "Linked To".
func (r *Reader) load(ctx context.Context) error {
	entries := map[list]map[string]*entry{}
	for _, f := range r.files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if entries[f.list] == nil {
			entries[f.list] = map[string]*entry{}
		}
		if err := r.readFile(f, entries[f.list]); err != nil {
			return err
		}
	}
	r.index = newNameIndex()
	for _, it := range r.items {
		if it.entry != nil {
			r.index.add(it.entry)
		}
	}
	return nil
}

func (r *Reader) readFile(f file, entries map[string]*entry) error {
	fh, err := ingest.OpenFile(f.path)
	if err != nil {
		return fmt.Errorf("ingest/ofac: %w", err)
	}
	defer fh.Close()
	lr := newLineReader(fh)
	want := partColumns[f.part]
	for {
		line, n, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("ingest/ofac: %s line %d: %w", f.path, n, err)
		}
		pos := ingest.Position{File: f.path, Line: n}
		fs, err := splitLine(line)
		if err != nil {
			r.reject(pos, "", err.Error(), line)
			continue
		}
		if len(fs) != want {
			r.reject(pos, "", fmt.Sprintf("%d columns, expected %d for a file of %s (is a comma missing, or a quote?)", len(fs), want, partNames[f.part]), line)
			continue
		}
		if !isNumber(fs[0]) {
			r.reject(pos, "ent_num", fmt.Sprintf("%q is not an entry number", fs[0]), line)
			continue
		}
		if f.part == partMain {
			r.readEntry(f, pos, fs, line, entries)
			continue
		}
		e := entries[fs[0]]
		if e == nil {
			r.reject(pos, "ent_num", fmt.Sprintf("no entry %s in the %s list's entries file", fs[0], f.list), line)
			continue
		}
		switch f.part {
		case partAdd, partAlt:
			numName := "add_num"
			if f.part == partAlt {
				numName = "alt_num"
			}
			if !isNumber(fs[1]) {
				r.reject(pos, numName, fmt.Sprintf("%q is not a number", fs[1]), line)
				continue
			}
			if f.part == partAdd {
				e.addrs = append(e.addrs, row{fs[1], fs, pos})
				r.stats.Addresses++
				continue
			}
			if fs[3] == "" {
				r.reject(pos, "alt_name", "empty alias", line)
				continue
			}
			e.alts = append(e.alts, row{fs[1], fs, pos})
			r.stats.Aliases++
		case partComments:
			e.comments = append(e.comments, fs[1])
			r.stats.Comments++
		}
	}
}

func (r *Reader) readEntry(f file, pos ingest.Position, fs []string, line string, entries map[string]*entry) {
	if fs[1] == "" {
		r.reject(pos, "SDN_Name", "empty name", line)
		return
	}
	switch fs[2] {
	case "", "individual", "vessel", "aircraft":
	default:
		r.reject(pos, "SDN_Type", fmt.Sprintf("unknown type %q (expected individual, vessel, aircraft or -0-)", fs[2]), line)
		return
	}
	progs, err := programs(fs[3])
	if err != nil {
		r.reject(pos, "Program", err.Error(), line)
		return
	}
	if old := entries[fs[0]]; old != nil {
		r.reject(pos, "ent_num", fmt.Sprintf("entry %s already read at %s", fs[0], old.pos), line)
		return
	}
	e := &entry{list: f.list, num: fs[0], pos: pos, f: fs, programs: progs}
	entries[fs[0]] = e
	r.stats.Entries++
	r.items = append(r.items, item{entry: e})
}

// programs splits "DPRK3] [DPRK4" into its programs.
func programs(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for p := range strings.SplitSeq(s, "] [") {
		p = strings.TrimSpace(p)
		if p == "" || strings.ContainsAny(p, "[]") {
			return nil, fmt.Errorf("unbalanced bracket in %q (programs are written \"A] [B\")", s)
		}
		out = append(out, p)
	}
	return out, nil
}

func (r *Reader) dataset(l list) string {
	if r.opt.Dataset != "" {
		return r.opt.Dataset
	}
	if l == listCons {
		return DatasetCons
	}
	return DatasetSDN
}

func source(ds string, pos ingest.Position) graph.Source {
	return graph.Source{Dataset: ds, Record: filepath.Base(pos.File) + ":" + strconv.Itoa(pos.Line)}
}

// ID returns the entity id of OFAC entry number num.
func ID(num string) string { return "ofac-" + num }

// kind maps SDN_Type to a kind; see the package comment for entries
// without a type.
func kind(sdnType, name string, rk remarks) graph.Kind {
	switch sdnType {
	case "individual":
		return graph.Person
	case "vessel":
		return graph.Vessel
	case "aircraft":
		return graph.Aircraft
	}
	if legalform.Has(name) {
		return graph.Company
	}
	for _, id := range rk.ids {
		switch id[0] {
		case graph.IDRegistration, graph.IDTax, graph.IDSwift, graph.IDLEI:
			return graph.Company
		}
	}
	return graph.Organization
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
