package simplecsv

import (
	"bytes"
	"encoding/csv"
	"slices"

	"github.com/shellnet/shellnet/ingest"
)

// Format is the name the format is registered under.
const Format = "opensanctions-csv"

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    Format,
		Dataset: Dataset,
		Detect:  Detect,
		Open: func(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
			return Open(paths, opt)
		},
	})
}

// Detect reports whether head opens a targets.simple.csv: a header that
// starts id, schema, name and has the sanctions and dataset columns.
func Detect(_ string, head []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), []byte("\n"))
	h, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil || len(h) < 3 {
		return false
	}
	return h[0] == "id" && h[1] == "schema" && h[2] == "name" && slices.Contains(h, "sanctions") && slices.Contains(h, "dataset")
}
