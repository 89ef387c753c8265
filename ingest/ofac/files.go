package ofac

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shellnet/shellnet/ingest"
)

// part is the role of a file in a list: the entries, their addresses,
// their aliases, or the continuation of their remarks.
type part int

const (
	partMain part = iota
	partAdd
	partAlt
	partComments
)

var partColumns = [...]int{partMain: 12, partAdd: 6, partAlt: 5, partComments: 2}

var partNames = [...]string{partMain: "entries", partAdd: "addresses", partAlt: "aliases", partComments: "remarks continuation"}

// list tells the SDN list from the consolidated non-SDN list: both use the
// same entry numbers, but each file joins only to its own list's entries.
type list string

const (
	listSDN  list = "sdn"
	listCons list = "cons"
)

// published are the file names OFAC publishes, lower case.
var published = map[string]struct {
	list list
	part part
}{
	"sdn.csv":           {listSDN, partMain},
	"add.csv":           {listSDN, partAdd},
	"alt.csv":           {listSDN, partAlt},
	"sdn_comments.csv":  {listSDN, partComments},
	"cons_prim.csv":     {listCons, partMain},
	"cons_add.csv":      {listCons, partAdd},
	"cons_alt.csv":      {listCons, partAlt},
	"cons_comments.csv": {listCons, partComments},
}

type file struct {
	path string
	list list
	part part
}

// classify tells a file's list and part from its published name, or else
// from its first line's column count (a renamed sdn.csv still loads).
func classify(path string) (file, error) {
	if p, ok := published[strings.ToLower(filepath.Base(path))]; ok {
		return file{path, p.list, p.part}, nil
	}
	f, err := ingest.OpenFile(path)
	if err != nil {
		return file{}, fmt.Errorf("ingest/ofac: %w", err)
	}
	defer f.Close()
	head := make([]byte, 8192)
	n, _ := f.Read(head)
	if p, ok := sniff(head[:n]); ok {
		return file{path, listSDN, p}, nil
	}
	return file{}, fmt.Errorf("ingest/ofac: %s: not a legacy OFAC CSV file (expected sdn.csv, add.csv, alt.csv, sdn_comments.csv or cons_*.csv)", path)
}

// expand replaces a folder by the published OFAC files it holds.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest/ofac: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		found, err := publishedIn(p)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("ingest/ofac: %s: no sdn.csv, cons_prim.csv or sdn_advanced.xml in this folder", p)
		}
		out = append(out, found...)
	}
	return out, nil
}

// publishedIn lists the published legacy OFAC files in dir, sorted, or,
// when there are none, its advanced XML lists.
func publishedIn(dir string) ([]string, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("ingest/ofac: %w", err)
	}
	var out, advanced []string
	for _, de := range des {
		if de.IsDir() {
			continue
		}
		name := strings.ToLower(de.Name())
		if _, ok := published[name]; ok {
			out = append(out, filepath.Join(dir, de.Name()))
		}
		if advancedNames[name] {
			advanced = append(advanced, filepath.Join(dir, de.Name()))
		}
	}
	if len(out) == 0 {
		// The advanced lists say what the legacy files say: read them
		// only in a folder that has no legacy file.
		out = advanced
	}
	sort.Strings(out)
	return out, nil
}

// sniff recognises a legacy OFAC file by its first line: no header, an
// entry number first, and the list's null marker or its entry types.
func sniff(head []byte) (part, bool) {
	line, _, complete := strings.Cut(string(head), "\n")
	if !complete && len(head) >= 8192 {
		return 0, false
	}
	line = strings.TrimRight(strings.TrimPrefix(line, "\xef\xbb\xbf"), "\r\x1a")
	fs, err := splitLine(line)
	if err != nil || len(fs) < 2 || !isNumber(fs[0]) {
		return 0, false
	}
	hasNull := strings.Contains(line, ","+null+" ") || strings.HasSuffix(line, ","+null+" ") || strings.HasSuffix(line, ","+null)
	switch len(fs) {
	case 12:
		switch fs[2] {
		case "", "individual", "vessel", "aircraft":
			return partMain, hasNull || strings.Contains(fs[3], "] [")
		}
	case 6:
		return partAdd, isNumber(fs[1]) && hasNull
	case 5:
		switch fs[2] {
		case "aka", "fka", "nka":
			return partAlt, isNumber(fs[1])
		}
	}
	return 0, false
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
