package un

import (
	"bytes"

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
	})
}

// Detect reports whether head opens a UN consolidated list: its root
// element, CONSOLIDATED_LIST, within the first bytes.
func Detect(path string, head []byte) bool {
	i := bytes.Index(head, []byte("<CONSOLIDATED_LIST"))
	if i < 0 || i+len("<CONSOLIDATED_LIST") >= len(head) {
		return false
	}
	// The root element, not a mention in a comment or in text: only the
	// XML declaration, comments and spaces come before it.
	switch head[i+len("<CONSOLIDATED_LIST")] {
	case ' ', '>', '\n', '\r', '\t', '/':
	default:
		return false
	}
	return !bytes.Contains(head[:i], []byte("<CONSOLIDATED_LIST")) && bytes.Count(head[:i], []byte("<")) == bytes.Count(head[:i], []byte("<?"))+bytes.Count(head[:i], []byte("<!"))
}
