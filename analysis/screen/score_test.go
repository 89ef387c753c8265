package screen

import (
	"context"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
)

// TestScoreRanks checks that scores rank the Glocom suppliers as the
// evidence does, and that more evidence raises a score (no saturation).
func TestScoreRanks(t *testing.T) {
	s := glocomStore(t)
	ctx := context.Background()
	score := func(sc *Screener, q string) float64 {
		t.Helper()
		r, err := sc.Screen(ctx, Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		return r.Score
	}
	sc, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ranked := []string{
		"RECONNAISSANCE GENERAL BUREAU",       // listed: 200
		"JADEBRIDGE IMPORT EXPORT CO LTD",     // blocked, 50%, effective 0.5: 125
		"GLOCOM",                              // one REPRESENTS link to the listed RGB: 75
		"INTERNATIONAL GLOBAL SYSTEM SDN BHD", // two REPRESENTS links: 56.25
		"APPLE INC",                           // three SUPPLIES links to a blocked party: 10
		"TAMARIND OFFICE SERVICES SDN BHD",    // review, through a shared address: 3
		"MICROSOFT CORPORATION",               // clear: 0
	}
	want := []float64{200, 125, 75, 56.25, 10, 3, 0}
	for i, q := range ranked {
		if got := score(sc, q); got != want[i] {
			t.Errorf("%s: score %g, want %g", q, got, want[i])
		}
	}
	// Pan Systems Pte Ltd has two shortest paths: with both it scores more
	// than with one.
	one, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{Paths: 1})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := score(one, "PAN SYSTEMS PTE LTD"), score(sc, "PAN SYSTEMS PTE LTD"); !(b > a && a > 0) {
		t.Errorf("Pan Systems: %g with one path, %g with all: want more evidence to score more", a, b)
	}
	// an uncertain match scores half: "GLOCON" is one below 0.9
	strict, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{Threshold: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := score(strict, "GLOCON"), score(strict, "GLOCOM"); a >= b/2+1e-9 {
		t.Errorf("GLOCON %g, GLOCOM %g: a possible match should score at most half", a, b)
	}
}

// TestCertainNeedsCoverage checks that a name scoring above the threshold
// but leaving out the rarest word of a listed party's name is a possible
// match (review), not a certain one (sanctioned), and that the same name
// with its letters slightly changed still is certain.
func TestCertainNeedsCoverage(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	listed := []graph.Sanction{{Authority: "OFAC", Program: "DPRK3"}}
	upsert(t, s, []graph.Entity{
		{ID: "pacific", Kind: graph.Company, Name: "PACIFIC OCEAN SHIPPING LIMITED", Sanctions: listed},
		{ID: "other", Kind: graph.Company, Name: "Harbour Logistics GmbH"},
	}, nil)
	sc, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		want  Verdict
	}{
		{"PACIFIC OCEAN SHIPPING LTD", Sanctioned},
		{"PACIFIK OCEAN SHIPPING LIMITED", Sanctioned},
		{"OCEAN SHIPPING LTD", Review},
		{"HARBOUR LOGISTICS", Clear},
	} {
		r, err := sc.Screen(ctx, Query{Name: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tt.want {
			t.Errorf("%s: verdict %s (match %+v, reasons %q), want %s", tt.query, r.Verdict, r.Match, r.Reasons, tt.want)
		}
	}
}
