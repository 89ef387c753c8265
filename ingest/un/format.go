package un

import (
	"github.com/shellnet/shellnet/ingest"
)

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    "un",
		Dataset: Dataset,
		Detect:  Detect,
		Open: func(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
			return Open(paths, opt)
		},
		Gzip:         true,
		WholeRelease: true,
		Stated:       Stated,
	})
}

// Stated returns the day the list says it was generated (its root's
// dateGenerated attribute), or "".
func Stated(head []byte) string {
	return ingest.Day(ingest.XMLRootAttr(head, "CONSOLIDATED_LIST", "dateGenerated"))
}

// Detect reports whether head opens a UN consolidated list: its root
// element, CONSOLIDATED_LIST, within the first bytes.
func Detect(path string, head []byte) bool {
	_, ok := ingest.XMLRoot(head, "CONSOLIDATED_LIST")
	return ok
}
