package main

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

func TestExposureGolden(t *testing.T) {
	store := glocomCaseStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"exposure_glocom.json", []string{"--top", "5", "--format", "json"}},
		{"exposure_glocom.txt", []string{"--top", "10"}},
		{"exposure_glocom.csv", []string{"--top", "5", "--kind", "Person", "--kind", "BankAccount", "--include-sanctioned", "--format", "csv"}},
		{"exposure_glocom_eu.txt", []string{"--top", "5", "--rule", "eu", "--include-sanctioned"}},
	} {
		args := append([]string{"exposure", "--store", store, "--quiet"}, c.args...)
		got, err := run(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		again, _ := run(t, args...)
		if again != got {
			t.Errorf("%v: two runs print different bytes", c.args)
		}
		golden(t, c.name, got)
	}
}

// The fronts one link from the RGB or a blocked party outrank the party
// with no link to the case, which scores nothing; --write stores scores
// that sum to 1.
func TestExposureGlocom(t *testing.T) {
	store := glocomCaseStore(t)
	out, err := run(t, "exposure", "--store", store, "--quiet", "--top", "0", "--format", "json", "--write")
	if err != nil {
		t.Fatal(err)
	}
	var rows []exposureRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{}
	for _, r := range rows {
		rank[r.ID] = r.Rank
		if r.Status != "" {
			t.Errorf("%s is %s: sanctioned parties are not ranked by default", r.ID, r.Status)
		}
	}
	for _, id := range []string{"glocom", "pan-systems-pyongyang", "front-hk"} {
		if rank[id] == 0 || rank[id] > 3 {
			t.Errorf("%s ranks %d, want in the top 3 (%v)", id, rank[id], rank)
		}
	}
	if _, ok := rank["supplier-us"]; ok {
		t.Errorf("supplier-us, linked to nobody, has a score")
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	sum := 0.0
	err = s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error {
		x, _ := e.Props["exposure.score"].(float64)
		sum += x
		return nil
	})
	if err != nil || math.Abs(sum-1) > 1e-9 {
		t.Errorf("stored scores sum to %v (%v)", sum, err)
	}
}

func TestExposureUsage(t *testing.T) {
	store := glocomCaseStore(t)
	for _, args := range [][]string{
		{"--damping", "1"},
		{"--top", "-1"},
		{"--max-hops", "0"},
		{"--kind", "Spaceship"},
		{"--rule", "un"},
		{"--as-of", "soon"},
	} {
		_, err := run(t, append([]string{"exposure", "--store", store}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit code %d (%v), want %d", args, code, err, exitUsage)
		}
	}
	out, err := run(t, "exposure", "--help")
	if err != nil || !strings.Contains(out, "Examples:") || !strings.Contains(out, "shellnet exposure --top 50") {
		t.Errorf("help: %v\n%s", err, out)
	}
}
