package ingest

import (
	"errors"
	"io"
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
}

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
