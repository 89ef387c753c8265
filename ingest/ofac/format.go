package ofac

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
		Open:    OpenAny,
		// a list file is a whole release; the legacy CSV states no date,
		// the advanced XML its DateOfIssue
		WholeRelease: true,
		Stated:       Stated,
	})
}

// Stated returns the day an advanced XML list says it was issued (its
// DateOfIssue, among the first elements), or "" for the legacy CSV files,
// which state none.
func Stated(head []byte) string {
	rest, ok := ingest.XMLRoot(head, "Sanctions")
	if !ok {
		return ""
	}
	d := xml.NewDecoder(bytes.NewReader(rest))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "DateOfIssue" {
			var v struct{ Year, Month, Day int }
			if d.DecodeElement(&v, &se) != nil || v.Year < 1 || v.Year > 9999 || v.Month < 1 || v.Day < 1 {
				return ""
			}
			return ingest.Day(fmt.Sprintf("%04d-%02d-%02d", v.Year, v.Month, v.Day)) // a day that exists, or ""
		}
	}
}

// Detect reports whether path is an advanced XML list, a legacy OFAC file,
// or a folder holding sdn.csv, cons_prim.csv or an advanced XML list. A file with a published name must also look
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
			if b := strings.ToLower(filepath.Base(p)); b == "sdn.csv" || b == "cons_prim.csv" || advancedNames[b] {
				return true
			}
		}
		return false
	}
	if IsAdvanced(head) {
		return true
	}
	if _, ok := published[strings.ToLower(filepath.Base(path))]; ok {
		line, _, _ := strings.Cut(strings.TrimPrefix(string(head), "\xef\xbb\xbf"), ",")
		return isNumber(line)
	}
	_, ok := sniff(head)
	return ok
}

// advancedNames are the file names of OFAC's advanced XML lists, lower case.
var advancedNames = map[string]bool{"sdn_advanced.xml": true, "cons_advanced.xml": true}

// OpenAny opens OFAC files of either layout: the legacy CSV files (or
// their folder) with Open, the advanced XML lists with OpenAdvanced. Given
// both, it reads the CSV files first.
func OpenAny(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
	paths, err := expand(paths)
	if err != nil {
		return nil, err
	}
	var legacy, advanced []string
	for _, p := range paths {
		if isAdvancedFile(p) {
			advanced = append(advanced, p)
		} else {
			legacy = append(legacy, p)
		}
	}
	var rs []ingest.Reader
	if len(legacy) > 0 {
		r, err := Open(legacy, opt)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	if len(advanced) > 0 {
		r, err := OpenAdvanced(advanced, opt)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	if len(rs) == 1 {
		return rs[0], nil
	}
	return &chain{rs: rs}, nil
}

// isAdvancedFile reports whether the file at path opens an advanced XML
// list.
func isAdvancedFile(path string) bool {
	f, err := ingest.OpenFile(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, ingest.HeadSize)
	n, _ := io.ReadFull(f, head)
	return IsAdvanced(head[:n]) // XMLRoot skips a byte order mark
}

// chain reads its readers one after another.
type chain struct {
	rs []ingest.Reader
}

func (c *chain) Next(ctx context.Context) (ingest.Record, error) {
	for len(c.rs) > 0 {
		rec, err := c.rs[0].Next(ctx)
		if err != io.EOF {
			return rec, err
		}
		if err := c.rs[0].Close(); err != nil {
			return ingest.Record{}, err
		}
		c.rs = c.rs[1:]
	}
	return ingest.Record{}, io.EOF
}

func (c *chain) Close() error {
	var errs []error
	for _, r := range c.rs {
		errs = append(errs, r.Close())
	}
	return errors.Join(errs...)
}
