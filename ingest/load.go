package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"time"

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
// candidate. Records that repeat an id are merged, across files and with
// the stored entity, before the entity is judged: only a party that has
// no name once merged is rejected, with every record that made it. A link
// whose end is neither loaded nor stored waits for it in the store (see
// pending.go), unless opt.StrictReferences.
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
	for _, n := range st.Pending {
		l.storePending += n
	}

	l.bar.start("reading", -1)
	for gi, g := range groups {
		info, err := hashGroup(g)
		if err != nil {
			l.bar.finish()
			return l.counts, err
		}
		l.groups, l.curGroup = append(l.groups, info), gi
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
	l.planReleases()
	if err := l.refreshReleases(ctx); err != nil {
		return l.counts, err
	}
	if err := l.write(ctx); err != nil {
		return l.counts, err
	}
	if err := l.writePending(ctx); err != nil {
		return l.counts, err
	}
	if err := l.finishReleases(ctx); err != nil {
		return l.counts, err
	}
	return l.counts, nil
}

// loadGCPercent is the collector's pace (GOGC) under PaceMemory. A load keeps
// what it reads until it is written: at the default pace (100) the
// collector marks those records over and over. Measured with BenchmarkLoad
// (500k entities, 2.5M links): 100, 200 and 400 gave 31.8, 27.9 and 40.2
// cpu-s and a peak of 2.4, 3.7 and 5.9 GB; at 400 the fresh memory the heap
// grows into costs more than the marking saved.
var loadGCPercent = 200

var gcLoads struct {
	sync.Mutex
	n        int           // loads running
	old      int           // the pace before the first of them
	oldLimit int64         // the memory limit before the first of them
	stop     chan struct{} // ends watchMemory; nil when it does not run
	done     chan struct{}
}

// A load's slow collector pace trades memory for speed: records are held
// until they are written, and marking them over and over costs more than
// the heap they leave room for. The trade is bounded by a soft memory limit
// that follows the live heap, unless GOMEMLIMIT sets one: live ×
// memoryHeadroom + memoryFloor, at most loadMemoryShare of the machine.
// BenchmarkLoad/1M (1M entities, 5M links) at pace 200 peaked at 7.2 GB
// without the limit, and at 3.2 GB in as much time with a fixed limit of
// 3 GiB (live: about 2.3 GB); the memory the heap no longer grows into
// costs page faults, which the collector's extra work about repays.
const (
	memoryHeadroom  = 1.4
	memoryFloor     = 512 << 20
	loadMemoryShare = 0.5
	memoryTick      = 100 * time.Millisecond
)

// PaceMemory sets the collector's pace for loading, unless it is already
// slower, and starts the memory limit that follows the live heap unless
// one is set (GOMEMLIMIT), and returns the function that restores both
// once the last of the callers running together is done. Load leaves the
// process's collector alone; a program that loads large files calls this
// around its loads (shellnet ingest does).
func PaceMemory() (restore func()) {
	gcLoads.Lock()
	defer gcLoads.Unlock()
	gcLoads.n++
	if gcLoads.n == 1 {
		gcLoads.old = debug.SetGCPercent(loadGCPercent)
		if gcLoads.old < 0 || gcLoads.old > loadGCPercent {
			debug.SetGCPercent(gcLoads.old) // already off, or slower
		}
		gcLoads.oldLimit = debug.SetMemoryLimit(-1)
		if gcLoads.oldLimit == math.MaxInt64 {
			ceiling := int64(float64(physicalMemory()) * loadMemoryShare)
			gcLoads.stop, gcLoads.done = make(chan struct{}), make(chan struct{})
			followLiveHeap(ceiling)
			go watchMemory(gcLoads.stop, gcLoads.done, ceiling)
		}
	}
	return func() {
		gcLoads.Lock()
		defer gcLoads.Unlock()
		gcLoads.n--
		if gcLoads.n == 0 {
			if gcLoads.stop != nil {
				close(gcLoads.stop)
				<-gcLoads.done
				gcLoads.stop, gcLoads.done = nil, nil
			}
			debug.SetGCPercent(gcLoads.old)
			debug.SetMemoryLimit(gcLoads.oldLimit)
		}
	}
}

// watchMemory moves the memory limit with the live heap until stop closes.
func watchMemory(stop <-chan struct{}, done chan<- struct{}, ceiling int64) {
	defer close(done)
	t := time.NewTicker(memoryTick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			followLiveHeap(ceiling)
		}
	}
}

// followLiveHeap sets the memory limit from the live heap that the last
// collection measured; a ceiling of 0 is none.
func followLiveHeap(ceiling int64) {
	liveHeap := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(liveHeap)
	live := int64(0)
	if liveHeap[0].Value.Kind() == metrics.KindUint64 {
		live = int64(liveHeap[0].Value.Uint64())
	}
	limit := int64(float64(live)*memoryHeadroom) + memoryFloor
	if ceiling > 0 {
		limit = min(limit, ceiling)
	}
	debug.SetMemoryLimit(limit)
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
	storePending  int64 // pending links in the store before the load

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

	groups    []groupInfo                // each group of files, for releases
	curGroup  int                        // the group being read
	inRelease map[string]map[string]bool // replaced dataset → ids its release has
	// replaced dataset → ids of the links its release has
	linksInRelease map[string]map[string]bool
	releases       []graph.Release

	pend      []graph.Pending // links of this load that wait for an entity
	completed []string        // IDs of stored pending links this load completes

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
	dead bool // resolved into another entity, or written already (releases)
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
	seen := l.groups[l.curGroup].datasets
	for _, e := range rec.Entities {
		if len(e.Sources) == 0 {
			e.Sources = []graph.Source{l.source(ri)}
		}
		for _, src := range e.Sources {
			seen[src.Dataset] = true
		}
		for i := range e.Sanctions {
			if e.Sanctions[i].Dataset == "" {
				e.Sanctions[i].Dataset = e.Sources[0].Dataset
			}
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
// consumes them. Batches are written one at a time and in order (so the
// same input gives the same store), by a writer goroutine, while this one
// builds and prepares the next batch: a store writes on one processor, and
// the preparation (folding, merging, encoding) runs beside it.
func (l *loader) write(ctx context.Context) error {
	total := 0
	for i := range l.ents {
		if !l.ents[i].dead {
			total++
		}
	}
	l.bar.start("writing", total+l.links.len())
	size := l.opt.BatchSize
	prepE, prepL := prepareFuncs(l.store)
	w := newWriter(ctx, l.store, l.bar)

	ebatch := make([]graph.Entity, 0, min(size, total))
	flushE := func() error {
		if len(ebatch) == 0 {
			return nil
		}
		write, err := prepE(ctx, ebatch)
		if err != nil {
			return fmt.Errorf("ingest: write entities: %w", err)
		}
		n := len(ebatch)
		clear(ebatch)
		ebatch = ebatch[:0]
		return w.queue(func(ctx context.Context) error {
			if err := write(ctx); err != nil {
				return fmt.Errorf("ingest: write entities: %w", err)
			}
			return nil
		}, n, func() { l.counts.Entities += n })
	}
	for i := range l.ents {
		if l.ents[i].dead {
			continue
		}
		ebatch = append(ebatch, l.ents[i].e)
		if len(ebatch) == size {
			if err := flushE(); err != nil {
				return w.stop(err)
			}
		}
	}
	if err := flushE(); err != nil {
		return w.stop(err)
	}
	// the links' ends must be written before their batches are prepared
	if err := w.wait(); err != nil {
		return err
	}
	w.start()
	l.ents, l.index, l.stored = nil, nil, nil
	lbatch := make([]graph.Link, 0, min(size, l.links.len()))
	flushL := func() error {
		write, err := prepL(ctx, lbatch)
		if err != nil {
			return fmt.Errorf("ingest: write links: %w", err)
		}
		n := len(lbatch)
		clear(lbatch)
		lbatch = lbatch[:0]
		return w.queue(func(ctx context.Context) error {
			if err := write(ctx); err != nil {
				return fmt.Errorf("ingest: write links: %w", err)
			}
			return nil
		}, n, func() { l.counts.Links += n })
	}
	// Each block of links is let go of once it is copied into batches: the
	// collector then marks less while the store writes.
	for bi, block := range l.links.blocks {
		for i := range block {
			lbatch = append(lbatch, l.withSource(block[i]))
			if len(lbatch) == size {
				if err := flushL(); err != nil {
					return w.stop(err)
				}
			}
		}
		l.links.blocks[bi] = nil
	}
	if len(lbatch) > 0 {
		if err := flushL(); err != nil {
			return w.stop(err)
		}
	}
	if err := w.wait(); err != nil {
		return err
	}
	l.bar.finish()
	return nil
}

type prepareFunc[T any] func(ctx context.Context, batch []T) (func(context.Context) error, error)

// prepareFuncs returns the store's preparers, or, for a store without
// them, functions that keep a copy of the batch for its upsert.
func prepareFuncs(s graph.Store) (prepareFunc[graph.Entity], prepareFunc[graph.Link]) {
	if p, ok := s.(graph.Preparer); ok {
		return p.PrepareEntities, p.PrepareLinks
	}
	return func(_ context.Context, es []graph.Entity) (func(context.Context) error, error) {
			es = slices.Clone(es)
			return func(ctx context.Context) error { return s.UpsertEntities(ctx, es) }, nil
		}, func(_ context.Context, ls []graph.Link) (func(context.Context) error, error) {
			ls = slices.Clone(ls)
			return func(ctx context.Context) error { return s.UpsertLinks(ctx, ls) }, nil
		}
}

// writer runs queued writes on its own goroutines: one, in order, unless
// the store takes several calls at once to advantage (graph.Streamer). After a
// write fails, the rest are skipped and the first error is kept.
type writer struct {
	ctx     context.Context
	bar     *progress
	streams int
	jobs    chan writeJob
	done    chan struct{}
	fail    chan struct{}

	mu  sync.Mutex
	err error // the first failure
	n   int   // records written, for the progress bar
}

type writeJob struct {
	run   func(context.Context) error
	n     int
	after func() // once run succeeded, under the writer's lock
}

func newWriter(ctx context.Context, s graph.Store, bar *progress) *writer {
	w := &writer{ctx: ctx, bar: bar, streams: 1, fail: make(chan struct{})}
	if st, ok := s.(graph.Streamer); ok {
		w.streams = max(1, st.WriteStreams())
	}
	w.start()
	return w
}

func (w *writer) start() {
	// one batch queued beside those being written: enough to keep the
	// store busy, little memory
	w.jobs = make(chan writeJob, 1)
	w.done = make(chan struct{})
	var wg sync.WaitGroup
	for range w.streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range w.jobs {
				if w.failed() {
					continue
				}
				err := j.run(w.ctx)
				w.mu.Lock()
				switch {
				case err != nil && w.err == nil:
					w.err = err
					close(w.fail)
				case err == nil:
					w.n += j.n
					j.after()
					w.bar.set(w.n)
				}
				w.mu.Unlock()
			}
		}()
	}
	go func() {
		wg.Wait()
		close(w.done)
	}()
}

func (w *writer) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}

// queue hands a write of n records to the writer, with what to do once it
// succeeded; it returns the writer's error if a write has failed.
func (w *writer) queue(run func(context.Context) error, n int, after func()) error {
	select {
	case w.jobs <- writeJob{run, n, after}:
		return nil
	case <-w.fail:
		return w.wait()
	}
}

// wait lets the queued writes finish, ends the writer's goroutines and
// returns the first error; start takes writes again.
func (w *writer) wait() error {
	if w.jobs != nil {
		close(w.jobs)
		<-w.done
		w.jobs = nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// stop ends the writer after an error of the caller's, which it returns
// unless a write failed first.
func (w *writer) stop(err error) error {
	if werr := w.wait(); werr != nil {
		return werr
	}
	return err
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
