package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/shellnet/shellnet/graph"
)

// Position is where a record sits in its source.
type Position struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (p Position) String() string { return fmt.Sprintf("%s line %d", p.File, p.Line) }

// Record is what a reader yields for one source record: the entities and
// links it describes (often one of either) and where it came from.
type Record struct {
	Pos      Position
	Entities []graph.Entity
	Links    []graph.Link
	// Notes are remarks that are not errors (an OFAC "Linked To" that names
	// no listed party, say); the pipeline reports them.
	Notes []string
	// Hints are links the source suggests but does not vouch for (FtM
	// referents naming records of other datasets): the pipeline keeps one
	// when both its ends are loaded or stored and drops it, with a note,
	// otherwise, without rejecting the record.
	Hints []graph.Link
}

// RecordError is a bad record: the pipeline writes it to the rejects file,
// counts it, and reads on.
type RecordError struct {
	Pos    Position
	Field  string
	Reason string
	Raw    string // the record as read, when available
}

func (e *RecordError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.Pos, e.Reason)
	}
	return fmt.Sprintf("%s: %s: %s", e.Pos, e.Field, e.Reason)
}

// Reader reads one source (a file or a bundle of files).
//
// Next returns the next record, io.EOF at the end, a *RecordError for a bad
// record (the reader must be able to go on after it), or any other error to
// stop the load.
type Reader interface {
	Next(ctx context.Context) (Record, error)
	Close() error
}

// Format is a source format that readers are registered for.
type Format struct {
	Name string // "ftm", "csv", "ofac", "un", "icij", "shodan"
	// Dataset is the default dataset name for records of this format.
	Dataset string
	// Detect reports whether the file at path, whose first bytes are head,
	// is in this format.
	Detect func(path string, head []byte) bool
	// Open opens a reader over files of this format, read together (the
	// four OFAC files, an ICIJ bundle, several FtM files).
	Open func(paths []string, opt ReadOptions) (Reader, error)
	// Gzip says that the format's reader opens its files with OpenFile or
	// FileSeq, and so reads them gzipped; a gzip file of another format is
	// refused rather than read as garbage.
	Gzip bool
	// WholeRelease says that a file of this format is a whole release of
	// its dataset (a sanctions list as published), so that a load
	// replaces the dataset's facts unless told otherwise.
	WholeRelease bool
	// Stated returns the date a file of this format states for itself
	// (YYYY-MM-DD), from its first bytes, or "" when it states none; nil
	// for formats whose files state none.
	Stated func(head []byte) string
}

// ReadOptions are passed to readers.
type ReadOptions struct {
	Dataset string // dataset name for Sources; the format's default if empty
}

var (
	formatsMu sync.RWMutex
	formats   = map[string]Format{}
	order     []string
)

// RegisterFormat makes a format available to detection and the pipeline;
// reader packages call it from init. It panics on a duplicate name.
func RegisterFormat(f Format) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	if _, dup := formats[f.Name]; dup {
		panic("ingest: RegisterFormat called twice for " + f.Name)
	}
	formats[f.Name] = f
	order = append(order, f.Name)
}

// Formats lists the registered format names, sorted.
func Formats() []string {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	out := append([]string(nil), order...)
	sort.Strings(out)
	return out
}

// LookupFormat returns the format registered under name.
func LookupFormat(name string) (Format, error) {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	f, ok := formats[name]
	if !ok {
		return Format{}, fmt.Errorf("ingest: unknown input format %q (known: auto, %s)", name, strings.Join(Formats(), ", "))
	}
	return f, nil
}

// HeadSize is how many leading bytes Detect is given.
const HeadSize = 8192

// Detect returns the format of the file at path, recognised by its content
// (and, where the content is ambiguous, its name); a gzip file is judged
// by what it decompresses to and by its name without .gz.
func Detect(path string) (Format, error) {
	head, name, err := readHead(path)
	if err != nil {
		return Format{}, fmt.Errorf("ingest: %w", err)
	}
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	// Sorted names give a stable order; formats must not claim each
	// other's files.
	names := append([]string(nil), order...)
	sort.Strings(names)
	for _, n := range names {
		if formats[n].Detect(filepath.Clean(name), head) {
			return formats[n], nil
		}
	}
	return Format{}, fmt.Errorf("ingest: %s: cannot tell its format (known: %s); name one with --input-format", path, strings.Join(names, ", "))
}
