package graph

import (
	"io"
	"strings"
	"testing"
)

// TestCSVInput reads a header and rows as spreadsheets save them, and
// reports a quoting error with its file and line.
func TestCSVInput(t *testing.T) {
	in, err := ReadCSVHeader(strings.NewReader("\uFEFF Name ;ID;name\n\na; 1 ;b\n;\nc\n"), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(in.Columns, ",") != "name,id,name" || !in.Has("id") || in.Has("country") {
		t.Fatalf("columns %q", in.Columns)
	}
	var got []string
	for {
		row, line, err := in.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, in.Get(row, "name")+"|"+in.Get(row, "id")+"|"+strings.Repeat("l", line))
	}
	// the first name column counts; a row of empty cells is no blank line
	if want := "a|1|lll ||llll c||lllll"; strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, " "), want)
	}
	if _, err := ReadCSVHeader(strings.NewReader(""), "x.csv"); err != io.EOF {
		t.Errorf("empty input: %v, want io.EOF", err)
	}
	in, _ = ReadCSVHeader(strings.NewReader("a,b\n1,2\n\"3,4\n"), "x.csv")
	in.Next()
	if _, _, err := in.Next(); err == nil || !strings.Contains(err.Error(), "x.csv line 3") {
		t.Errorf("bad quoting: %v, want an error on x.csv line 3", err)
	}
}

func FuzzCSVInput(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\uFEFFa;b\n1;2\n\n", "a\n\"\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		named := func(err error) {
			if !strings.Contains(err.Error(), "f.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
		}
		in, err := ReadCSVHeader(strings.NewReader(s), "f.csv")
		if err == io.EOF {
			return
		}
		if err != nil {
			named(err)
			return
		}
		last := 1
		for {
			row, line, err := in.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				named(err)
				return
			}
			if line <= last || len(row) == 1 && strings.TrimSpace(row[0]) == "" {
				t.Fatalf("row %q on line %d after line %d: out of order, or blank", row, line, last)
			}
			last = line
		}
	})
}
