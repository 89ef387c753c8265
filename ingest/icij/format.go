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

// Detect reports whether path is a file of an Offshore Leaks bundle, by
// its header: relationships.csv starts node_id_start,node_id_end,rel_type
// and the 2016 all_edges.csv node_1,rel_type,node_2; a nodes file has a
// node_id column and ICIJ's provenance columns sourceID and valid_until
// (first in the current bundle, near the end in the 2016 one). A folder
// holding a bundle's files is recognised too.
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
	header = canonicalAll(header)
	if header[0] == "node_id_start" && header[1] == "node_id_end" && header[2] == "rel_type" ||
		header[0] == "node_id_start" && header[1] == "rel_type" && header[2] == "node_id_end" {
		return true
	}
	return slices.Contains(header, "node_id") && slices.Contains(header, "sourceID") && slices.Contains(header, "valid_until")
}
