package ingest

import (
	"errors"
	"io"

	"github.com/shellnet/shellnet/graph"
)

// DefaultBatchSize is how many entities or links go into one write
// transaction when Options.BatchSize is zero. Measured with BenchmarkLoad
// (SHELLNET_BENCH_BATCH=1000, 5000, 20000; 500k entities and 2.5M links
// into the embedded store, batches written on a goroutine of their own
// while the next is prepared) a load took 29.1, 25.6 and 25.9 CPU-s; 5,000
// keeps each transaction's memory small while committing rarely. The
// Neo4j store splits a batch between its writers (graph/neo4j).
const DefaultBatchSize = 5000

// Options control a load.
type Options struct {
	// Format is "auto" (or empty) to recognise each file by its content,
	// or the name of a registered format to read every file as.
	Format string
	// Dataset names the source in provenance; each format's default
	// ("ofac-sdn", "ftm"…) when empty.
	Dataset string
	// Rejects is the file bad records are written to, one JSON object a
	// line; "<first input>.rejects.jsonl" when empty. It is created only
	// when a record is rejected.
	Rejects string
	// Strict writes nothing when any record is rejected; Load then returns
	// an error wrapping ErrRejected.
	Strict bool
	// BatchSize is how many entities or links go into one store
	// transaction; DefaultBatchSize when zero.
	BatchSize int
	// Progress draws a progress bar on stderr.
	Progress bool
	// Log receives one line per input file saying which format was chosen,
	// and the notes of the load; nil discards them.
	Log io.Writer
	// StrictReferences rejects the records of links to entities that are
	// neither loaded nor stored, instead of keeping those links pending.
	StrictReferences bool
	// Replace says whether the load is a whole release of each of its
	// datasets (see ReplaceMode).
	Replace ReplaceMode
}

// ReplaceMode says whether a load replaces its datasets' facts.
type ReplaceMode int

const (
	// ReplaceWholeReleases replaces the datasets read from formats whose
	// files are whole releases (Format.WholeRelease: the OFAC and UN
	// lists) and adds to the others.
	ReplaceWholeReleases ReplaceMode = iota
	// ReplaceAll makes the store hold exactly this load's facts for each
	// dataset it reads: what the store holds of the dataset and the load
	// no longer has is withdrawn.
	ReplaceAll
	// ReplaceNone adds to what the store holds.
	ReplaceNone
)

// Counts account for a load. Every record read was either loaded or
// rejected: Read == Loaded + Rejected (in a strict load that rejected
// something, Loaded is 0 and nothing was written).
type Counts struct {
	Read     int `json:"read"`     // records read
	Loaded   int `json:"loaded"`   // records loaded
	Rejected int `json:"rejected"` // records written to the rejects file
	Entities int `json:"entities"` // entities written, after merging
	Links    int `json:"links"`    // links written, SAME_AS candidates included
	Merged   int `json:"merged"`   // entities resolved into another by a shared strong identifier
	// Candidates is how many SAME_AS candidate links name agreement made.
	Candidates int `json:"candidates"`
	// Pending is how many links of this load wait for an entity not loaded
	// yet; they are kept in the store and are neither links nor rejects.
	Pending int `json:"pending"`
	// PendingFirst names the first of them: FILE:LINE → ID.
	PendingFirst string `json:"pending_first,omitempty"`
	// Completed is how many links that waited in the store for an entity
	// of this load became links.
	Completed int `json:"completed"`
	// Withdrawn is how many stored entities the releases of this load no
	// longer hold.
	Withdrawn int `json:"withdrawn"`
	// Releases are the releases of datasets this load recorded (shellnet
	// stats lists them).
	Releases []graph.Release `json:"-"`
	// Formats lists the format of each group of files read, in order.
	Formats []string `json:"formats"`
	// Notes are remarks that are not rejections (dropped hints, files
	// skipped in a folder, OFAC "Linked To" names not found…).
	Notes []string `json:"notes,omitempty"`
	// RejectsFile is where rejected records were written, if any were.
	RejectsFile string `json:"rejects_file,omitempty"`
}

// ErrRejected is wrapped by the error of a strict load that rejected records.
var ErrRejected = errors.New("records rejected")
