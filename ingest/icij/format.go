package icij

import (
	"bytes"
	"encoding/csv"
	"os"
	"slices"

	"github.com/shellnet/shellnet/ingest"
)

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    "icij",
		Dataset: Dataset,
		Detect:  Detect,
		Open: func(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
			return Open(paths, opt)
		},
	})
}

// Detect reports whether path is a file of the Offshore Leaks bundle, by
// its header: relationships.csv starts node_id_start,node_id_end,rel_type;
// a nodes file starts with node_id and has ICIJ's provenance columns
// sourceID and valid_until. A folder holding the bundle's files is
// recognised too.
func Detect(path string, head []byte) bool {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return len(bundleIn(path)) > 0
	}
	line, _, complete := bytes.Cut(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), []byte("\n"))
	if !complete && len(head) >= ingest.HeadSize {
		return false
	}
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil || len(header) < 3 {
		return false
	}
	if header[0] == "node_id_start" && header[1] == "node_id_end" && header[2] == "rel_type" {
		return true
	}
	return header[0] == "node_id" && slices.Contains(header, "sourceID") && slices.Contains(header, "valid_until")
}
