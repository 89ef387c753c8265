package ofac

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/shellnet/shellnet/ingest"
)

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    "ofac",
		Dataset: DatasetSDN,
		Detect:  Detect,
		Open: func(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
			return Open(paths, opt)
		},
	})
}

// Detect reports whether path is a legacy OFAC file or a folder holding
// sdn.csv or cons_prim.csv. A file with a published name must also look
// like one (a number first, no header); a file with another name must show
// the list's shape on its first line: 12 columns with an entry type and the
// "-0- " null marker (sdn.csv), 6 columns with two numbers and the marker
// (add.csv), or 5 with an alias type (alt.csv). A comments file, two
// columns of number and text, is recognised by its name only.
func Detect(path string, head []byte) bool {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		found, err := publishedIn(path)
		if err != nil {
			return false
		}
		for _, p := range found {
			if b := strings.ToLower(filepath.Base(p)); b == "sdn.csv" || b == "cons_prim.csv" {
				return true
			}
		}
		return false
	}
	if _, ok := published[strings.ToLower(filepath.Base(path))]; ok {
		line, _, _ := strings.Cut(strings.TrimPrefix(string(head), "\xef\xbb\xbf"), ",")
		return isNumber(line)
	}
	_, ok := sniff(head)
	return ok
}
