package names

import (
	"strings"
	"testing"
)

// TestReadPairs reads pairs with and without labels, separated by commas
// or semicolons, with a byte-order mark, and counts the labelled ones.
func TestReadPairs(t *testing.T) {
	for _, c := range []struct {
		text            string
		pairs, labelled int
		same            int
	}{
		{"left,right\nA,B\n\nC,D\n", 2, 0, 0},
		{"\uFEFFid;Left;RIGHT;Match\n1;A;B;1\n2;C;D;no\n3;E;F;\n", 3, 2, 1},
		{"right,left,match\n\"B, b\",A,true\n", 1, 1, 1},
	} {
		ps, err := ReadPairs(strings.NewReader(c.text), "p.csv")
		if err != nil {
			t.Fatalf("%q: %v", c.text, err)
		}
		labelled, same := 0, 0
		for _, p := range ps {
			if p.Labelled {
				labelled++
			}
			if p.Same {
				same++
			}
		}
		if len(ps) != c.pairs || labelled != c.labelled || same != c.same {
			t.Errorf("%q: %d pairs, %d labelled, %d one party; want %d, %d, %d", c.text, len(ps), labelled, same, c.pairs, c.labelled, c.same)
		}
	}
	ps, _ := ReadPairs(strings.NewReader("right,left,match\n\"B, b\",A,true\n"), "p.csv")
	if p := ps[0]; p.Left != "A" || p.Right != "B, b" || p.Line != 2 {
		t.Errorf("read %+v, want left A, right \"B, b\" on line 2", p)
	}
}

// TestTally checks the tally against counts worked by hand.
func TestTally(t *testing.T) {
	var ta Tally
	for _, x := range []struct{ same, matched bool }{{true, true}, {true, true}, {true, false}, {false, true}, {false, false}, {false, false}} {
		ta.Add(x.same, x.matched)
	}
	if ta.TP != 2 || ta.FN != 1 || ta.FP != 1 || ta.TN != 2 {
		t.Fatalf("tally %+v, want TP 2 FN 1 FP 1 TN 2", ta)
	}
	if p, r, f := ta.Precision(), ta.Recall(), ta.F1(); p != 2.0/3 || r != 2.0/3 || f < 0.6666 || f > 0.6667 {
		t.Errorf("precision %v recall %v F1 %v, want 2/3 each", p, r, f)
	}
	if (Tally{}).F1() != 0 {
		t.Error("F1 of nothing counted is not 0")
	}
}

func FuzzReadPairs(f *testing.F) {
	for _, s := range []string{"left,right\nA,B\n", "left;right;match\na;b;1\n", "\uFEFFleft,right,match\n\"x, y\",z,0\n", "left\n", "left,right\n\"\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ReadPairs(strings.NewReader(s), "f.csv")
		if err != nil {
			if !strings.Contains(err.Error(), "f.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, p := range ps {
			if p.Left == "" || p.Right == "" || p.Line < 2 || p.Same && !p.Labelled {
				t.Fatalf("pair %+v: an empty name, a line before the header, or one party unlabelled", p)
			}
		}
	})
}
