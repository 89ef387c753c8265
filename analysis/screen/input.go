package screen

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// ReadQueries reads a supplier list: CSV with a header naming a "name"
// column and, optionally, "id", "country", "reference", "birth_date" and
// "identifier" columns (any case; other columns are ignored), comma- or semicolon-separated (as a
// spreadsheet saved in a European locale writes it), UTF-8 with or without
// a byte-order mark. file names the input in errors, which carry the line.
// A row whose name is empty is an error: a supplier list with holes is
// better fixed than screened in part.
func ReadQueries(r io.Reader, file string) ([]Query, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		br.Discard(3)
	}
	head, _ := br.Peek(4096)
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	if line, _, _ := bytes.Cut(head, []byte("\n")); !bytes.ContainsRune(line, ',') && bytes.ContainsRune(line, ';') {
		cr.Comma = ';'
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("screen: %s: empty file: want a header line with a name column", file)
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	col := map[string]int{}
	var cols []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		cols = append(cols, h)
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	nameCol, ok := col["name"]
	if !ok {
		return nil, fmt.Errorf("screen: %s line 1: no \"name\" column in the header (found %s): add a header line naming the column of supplier names \"name\"",
			file, strings.Join(quoteAll(cols), ", "))
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var qs []Query
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		q := Query{ID: get(rec, "id"), Country: get(rec, "country"), Reference: get(rec, "reference"), Line: line,
			BirthDate: get(rec, "birth_date"), Identifier: get(rec, "identifier")}
		if nameCol < len(rec) {
			q.Name = strings.TrimSpace(rec[nameCol])
		}
		if q.Name == "" {
			return nil, fmt.Errorf("screen: %s line %d: empty name: fill it in or delete the row", file, line)
		}
		qs = append(qs, q)
	}
	return qs, nil
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("screen: %s line %d: %w: check the quoting of that row", file, pe.Line, pe.Err)
	}
	return fmt.Errorf("screen: %s: %w", file, err)
}

func quoteAll(ss []string) []string {
	out := slices.Clone(ss)
	for i, s := range out {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
