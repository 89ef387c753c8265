package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/shellnet/shellnet/graph"
)

// Load reads the files at paths (folders stand for the files in them),
// normalises and resolves what they describe and writes it to s.
//
// Each file's format is recognised by Detect unless opt.Format names one;
// files of one format are read together. A bad record is written to the
// rejects file and counted, never dropped silently; the good ones are
// loaded unless opt.Strict. Entities that share a strong identifier (see
// graph.IsStrong) are resolved into one, within the load and against the
// store, and the merge is recorded in their merged_from property; parties
// of different datasets whose names agree get a SAME_AS link marked as a
// candidate. A link whose ends are neither loaded nor stored is rejected.
//
// Loading the same files again changes nothing; a load interrupted at any
// point and run again completes with no duplicates, since writes are
// idempotent upserts of the same resolved records.
func Load(ctx context.Context, s graph.Store, paths []string, opt Options) (counts Counts, err error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	files, err := expand(paths)
	if err != nil {
		return Counts{}, err
	}
	l := newLoader(s, opt, defaultRejects(paths, opt.Rejects))
	defer func() {
		if cerr := l.rejects.close(); cerr != nil && err == nil {
			err = cerr
		}
		if l.counts.Rejected > 0 {
			l.counts.RejectsFile = l.rejects.path
		}
		if l.moreNotes > 0 {
			l.counts.Notes = append(l.counts.Notes, fmt.Sprintf("and %d more notes", l.moreNotes))
		}
		counts = l.counts
	}()
	groups, err := l.plan(files)
	if err != nil {
		return l.counts, err
	}
	st, err := s.Stats(ctx)
	if err != nil {
		return l.counts, fmt.Errorf("ingest: store: %w", err)
	}
	l.storeEmpty = st.Entities == 0
	l.storeDatasets = st.Datasets

	l.bar.start("reading", -1)
	for _, g := range groups {
		l.counts.Formats = append(l.counts.Formats, g.format.Name)
		if err := l.read(ctx, g); err != nil {
			l.bar.finish()
			return l.counts, err
		}
	}
	l.bar.finish()
	if err := l.resolve(ctx); err != nil {
		return l.counts, err
	}
	l.counts.Loaded = l.counts.Read - l.counts.Rejected
	if opt.Strict && l.counts.Rejected > 0 {
		l.counts.Loaded = 0
		return l.counts, fmt.Errorf("ingest: %d of %d records rejected, nothing written (strict); see %s: %w",
			l.counts.Rejected, l.counts.Read, l.rejects.path, ErrRejected)
	}
	if err := l.write(ctx); err != nil {
		return l.counts, err
	}
	return l.counts, nil
}

// defaultRejects is the rejects file: the one asked for, or one beside the
// first input.
func defaultRejects(paths []string, asked string) string {
	if asked != "" {
		return asked
	}
	first := filepath.Clean(paths[0])
	return first + rejectsSuffix
}

// loader holds one load from reading to writing.
type loader struct {
	store   graph.Store
	opt     Options
	counts  Counts
	rejects *rejectWriter
	bar     *progress

	storeEmpty    bool
	storeDatasets map[string]int64

	files     []fileInfo
	fileIndex map[string]int32
	recs      []recMeta
	frags     chunks[frag]     // entity fragments in read order
	links     chunks[linkFrag] // links in read order
	hints     chunks[linkFrag]

	// Built from frags by resolve.
	ents   []entState
	index  map[string]int32         // entity id → ents index
	alias  map[string]string        // absorbed id → the id it was resolved into
	stored map[string]*graph.Entity // fetched from the store; nil: not stored
	extra  []graph.Link             // links made by resolution

	notes     map[string]bool
	moreNotes int // notes past maxNotes, counted only
}

type fileInfo struct {
	name    string // as the reader gave it
	base    string // for provenance
	dataset string
}

// recMeta is what is kept of a record once its content is spread into
// frags and links.
type recMeta struct {
	file     int32
	line     int32
	rejected bool
	entities bool // contributed entity fragments
}

type frag struct {
	rec int32
	e   graph.Entity
}

type linkFrag struct {
	rec int32
	l   graph.Link
}

type entState struct {
	e    graph.Entity
	dead bool // resolved into another entity
}

func newLoader(s graph.Store, opt Options, rejects string) *loader {
	return &loader{
		store:     s,
		opt:       opt,
		rejects:   &rejectWriter{path: rejects},
		bar:       newProgress(opt.Progress),
		fileIndex: map[string]int32{},
		notes:     map[string]bool{},
		stored:    map[string]*graph.Entity{},
	}
}

func (l *loader) logf(format string, a ...any) {
	fmt.Fprintf(l.opt.Log, format+"\n", a...)
}

// maxNotes bounds the notes kept; the rest are counted.
const maxNotes = 1000

func (l *loader) note(n string) {
	if l.notes[n] {
		return
	}
	if len(l.counts.Notes) >= maxNotes {
		l.moreNotes++
		return
	}
	l.notes[n] = true
	l.counts.Notes = append(l.counts.Notes, n)
	l.logf("%s", n)
}

// read reads one group of files to the end.
func (l *loader) read(ctx context.Context, g group) (err error) {
	r, err := g.format.Open(g.paths, ReadOptions{Dataset: l.opt.Dataset})
	if err != nil {
		return fmt.Errorf("ingest: open %s files: %w", g.format.Name, err)
	}
	defer func() {
		if cerr := r.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("ingest: %s: %w", g.format.Name, cerr)
		}
	}()
	dataset := l.opt.Dataset
	if dataset == "" {
		dataset = g.format.Dataset
	}
	if dataset == "" {
		dataset = g.format.Name
	}
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("ingest: %w", err)
			}
			l.bar.set(l.counts.Read)
		}
		rec, err := r.Next(ctx)
		if err == io.EOF {
			return nil
		}
		var re *RecordError
		if errors.As(err, &re) {
			l.counts.Read++
			if err := l.reject(re); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("ingest: %s: %w", g.format.Name, err)
		}
		l.counts.Read++
		if err := NormaliseRecord(&rec); err != nil {
			if err := l.reject(err.(*RecordError)); err != nil {
				return err
			}
			continue
		}
		l.add(&rec, dataset)
	}
}

func (l *loader) reject(e *RecordError) error {
	l.counts.Rejected++
	return l.rejects.write(e)
}

// add spreads a good record into fragments and links.
func (l *loader) add(rec *Record, dataset string) {
	fi, ok := l.fileIndex[rec.Pos.File]
	if !ok {
		fi = int32(len(l.files))
		l.fileIndex[rec.Pos.File] = fi
		l.files = append(l.files, fileInfo{name: rec.Pos.File, base: filepath.Base(rec.Pos.File), dataset: dataset})
	}
	ri := int32(len(l.recs))
	l.recs = append(l.recs, recMeta{file: fi, line: int32(rec.Pos.Line), entities: len(rec.Entities) > 0})
	for _, e := range rec.Entities {
		if len(e.Sources) == 0 {
			e.Sources = []graph.Source{l.source(ri)}
		}
		l.frags.add(frag{rec: ri, e: e})
	}
	for _, k := range rec.Links {
		l.links.add(linkFrag{rec: ri, l: k})
	}
	for _, k := range rec.Hints {
		l.hints.add(linkFrag{rec: ri, l: k})
	}
	for _, n := range rec.Notes {
		l.note(n)
	}
}

// source is the provenance of record ri: its dataset and file:line.
func (l *loader) source(ri int32) graph.Source {
	m := l.recs[ri]
	f := l.files[m.file]
	return graph.Source{Dataset: f.dataset, Record: f.base + ":" + strconv.Itoa(int(m.line))}
}

// rejectRec rejects a record that was read well but cannot be loaded.
// It reports whether the record was newly rejected.
func (l *loader) rejectRec(ri int32, field, reason string, what any) (bool, error) {
	m := &l.recs[ri]
	if m.rejected {
		return false, nil
	}
	m.rejected = true
	return true, l.reject(&RecordError{
		Pos:    Position{File: l.files[m.file].name, Line: int(m.line)},
		Field:  field,
		Reason: reason,
		Raw:    rawJSON(what),
	})
}

// write upserts the resolved entities, then the links, in batches; it
// consumes them.
func (l *loader) write(ctx context.Context) error {
	total := 0
	for i := range l.ents {
		if !l.ents[i].dead {
			total++
		}
	}
	l.bar.start("writing", total+l.links.len())
	done := 0
	size := l.opt.BatchSize
	ebatch := make([]graph.Entity, 0, min(size, total))
	flushE := func() error {
		if len(ebatch) == 0 {
			return nil
		}
		if err := l.store.UpsertEntities(ctx, ebatch); err != nil {
			return fmt.Errorf("ingest: write entities: %w", err)
		}
		l.counts.Entities += len(ebatch)
		done += len(ebatch)
		l.bar.set(done)
		clear(ebatch)
		ebatch = ebatch[:0]
		return nil
	}
	for i := range l.ents {
		if l.ents[i].dead {
			continue
		}
		ebatch = append(ebatch, l.ents[i].e)
		if len(ebatch) == size {
			if err := flushE(); err != nil {
				return err
			}
		}
	}
	if err := flushE(); err != nil {
		return err
	}
	l.ents, l.index, l.stored = nil, nil, nil
	lbatch := make([]graph.Link, 0, min(size, l.links.len()))
	flushL := func() error {
		if err := l.store.UpsertLinks(ctx, lbatch); err != nil {
			return fmt.Errorf("ingest: write links: %w", err)
		}
		l.counts.Links += len(lbatch)
		done += len(lbatch)
		l.bar.set(done)
		clear(lbatch)
		lbatch = lbatch[:0]
		return nil
	}
	// Each block of links is let go of once it is copied into batches: the
	// collector then marks less while the store writes.
	for bi, block := range l.links.blocks {
		for i := range block {
			lbatch = append(lbatch, l.withSource(block[i]))
			if len(lbatch) == size {
				if err := flushL(); err != nil {
					return err
				}
			}
		}
		l.links.blocks[bi] = nil
	}
	if len(lbatch) > 0 {
		if err := flushL(); err != nil {
			return err
		}
	}
	l.bar.finish()
	return nil
}

// fetch returns the stored entities among ids (nil for an id not stored),
// asking the store only about ids not asked before.
func (l *loader) fetch(ctx context.Context, ids []string) error {
	if l.storeEmpty {
		for _, id := range ids {
			l.stored[id] = nil
		}
		return nil
	}
	var ask []string
	for _, id := range ids {
		if _, ok := l.stored[id]; !ok {
			ask = append(ask, id)
			l.stored[id] = nil
		}
	}
	const chunk = 500
	for lo := 0; lo < len(ask); lo += chunk {
		hi := min(lo+chunk, len(ask))
		err := l.store.Entities(ctx, graph.Filter{IDs: ask[lo:hi]}, func(e graph.Entity) error {
			e2 := e
			l.stored[e.ID] = &e2
			return nil
		})
		if err != nil {
			return fmt.Errorf("ingest: store: %w", err)
		}
	}
	return nil
}

// kindOf returns the kind of a loaded or stored entity, "" if neither.
func (l *loader) kindOf(id string) graph.Kind {
	if i, ok := l.index[id]; ok && l.ents[i].e.Kind != "" {
		return l.ents[i].e.Kind
	}
	if e := l.stored[id]; e != nil {
		return e.Kind
	}
	return ""
}

func quoteID(id string) string { return strconv.Quote(id) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
