package screen

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// ReadQueries reads a supplier list: CSV with a header naming a "name"
// column and, optionally, "id", "country", "reference", "birth_date" and
// "identifier" columns (any case; other columns are ignored), comma- or semicolon-separated (as a
// spreadsheet saved in a European locale writes it), UTF-8 with or without
// a byte-order mark. file names the input in errors, which carry the line.
// A row whose name is empty is an error: a supplier list with holes is
// better fixed than screened in part.
func ReadQueries(r io.Reader, file string) ([]Query, error) {
	in, err := graph.ReadCSVHeader(r, file)
	if err == io.EOF {
		return nil, fmt.Errorf("screen: %s: empty file: want a header line with a name column", file)
	}
	if err != nil {
		return nil, fmt.Errorf("screen: %w", err)
	}
	if !in.Has("name") {
		return nil, fmt.Errorf("screen: %s line 1: no \"name\" column in the header (found %s): add a header line naming the column of supplier names \"name\"",
			file, strings.Join(quoteAll(in.Columns), ", "))
	}
	var qs []Query
	for {
		rec, line, err := in.Next()
		if err == io.EOF {
			return qs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("screen: %w", err)
		}
		q := Query{ID: in.Get(rec, "id"), Country: in.Get(rec, "country"), Reference: in.Get(rec, "reference"), Line: line,
			BirthDate: in.Get(rec, "birth_date"), Identifier: in.Get(rec, "identifier"), Name: in.Get(rec, "name")}
		if q.Name == "" {
			return nil, fmt.Errorf("screen: %s line %d: empty name: fill it in or delete the row", file, line)
		}
		qs = append(qs, q)
	}
}

func quoteAll(ss []string) []string {
	out := slices.Clone(ss)
	for i, s := range out {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
