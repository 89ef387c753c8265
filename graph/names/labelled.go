package names

import (
	"fmt"
	"io"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// A Pair is two names to compare, read by ReadPairs, with what a reviewer
// said of them when the file says it.
type Pair struct {
	Left, Right string
	// Labelled tells whether the file gave the pair a label, and Same
	// what the label is: the two names name one party.
	Labelled, Same bool
	// Line is the pair's line in the file.
	Line int
}

// ReadPairs reads pairs of names: CSV with a header naming a "left" and a
// "right" column and, optionally, a "match" column labelling the pair (1,
// true, yes or y for one party; 0, false, no or n for two; empty for no
// label), any case, other columns ignored; comma- or semicolon-separated,
// UTF-8 with or without a byte-order mark. file names the input in errors,
// which carry the line. A pair with an empty name, or a label that is none
// of those, is an error.
func ReadPairs(r io.Reader, file string) ([]Pair, error) {
	in, err := graph.ReadCSVHeader(r, file)
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file: want a header line with left and right columns", file)
	}
	if err != nil {
		return nil, err
	}
	for _, want := range []string{"left", "right"} {
		if !in.Has(want) {
			return nil, fmt.Errorf("%s line 1: no %q column in the header: name the columns of the two names left and right (and of the label, if any, match)", file, want)
		}
	}
	var out []Pair
	for {
		rec, line, err := in.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		p := Pair{Left: in.Get(rec, "left"), Right: in.Get(rec, "right"), Line: line}
		if p.Left == "" || p.Right == "" {
			return nil, fmt.Errorf("%s line %d: a name is empty: fill both names in or delete the row", file, line)
		}
		switch label := strings.ToLower(in.Get(rec, "match")); label {
		case "":
		case "1", "true", "yes", "y":
			p.Labelled, p.Same = true, true
		case "0", "false", "no", "n":
			p.Labelled = true
		default:
			return nil, fmt.Errorf("%s line %d: match %q: want 1 (one party), 0 (two parties) or nothing", file, line, label)
		}
		out = append(out, p)
	}
}

// Tally counts labelled pairs by their label and by whether a matcher
// called them a match: true and false positives and negatives.
type Tally struct {
	TP, FP, FN, TN int
}

// Add counts a pair that names one party (same) or two, and that the
// matcher called a match (matched) or not.
func (t *Tally) Add(same, matched bool) {
	switch {
	case matched && same:
		t.TP++
	case matched:
		t.FP++
	case same:
		t.FN++
	default:
		t.TN++
	}
}

// Precision is the share of the pairs scored a match that name one party
// (0 when none was).
func (t Tally) Precision() float64 { return ratio(t.TP, t.TP+t.FP) }

// Recall is the share of the pairs naming one party that scored a match
// (0 when there are none).
func (t Tally) Recall() float64 { return ratio(t.TP, t.TP+t.FN) }

// F1 is the harmonic mean of precision and recall.
func (t Tally) F1() float64 {
	p, r := t.Precision(), t.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
