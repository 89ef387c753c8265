package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestSearchShowsResolution loads the same party from two sources: once with
// a shared registration number (resolved into one entity) and once with only
// the name in common (kept apart, as a SAME_AS candidate). search shows both.
func TestSearchShowsResolution(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "s.db")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.csv", "id,kind,name,countries,identifiers\n"+
		"a-1,Company,Korea Kumsan Trading Corporation,KP,registration:KP-778\n"+
		"a-2,Company,Ocean Breeze Shipping Co,KP,\n")
	b := write("b.csv", "id,kind,name,countries,identifiers\n"+
		"b-1,Company,KOREA KUMSAN TRADING CORP.,KP,registration:KP-778\n"+
		"b-2,Company,OCEAN BREEZE SHIPPING COMPANY,KP,\n")
	if _, err := run(t, "ingest", "--store", store, "--dataset", "list-a", "--quiet", a); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "ingest", "--store", store, "--dataset", "list-b", "--quiet", b); err != nil {
		t.Fatal(err)
	}
	check := func(text, wantID string, wantSame, wantMerged []string) {
		t.Helper()
		out, err := run(t, "search", "--store", store, "--format", "json", "--limit", "1", text)
		if err != nil {
			t.Fatal(err)
		}
		var rows []searchRow
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(rows) != 1 || rows[0].ID != wantID {
			t.Fatalf("search %q: %s", text, out)
		}
		if got := rows[0].SameAs; len(got) != len(wantSame) || (len(got) > 0 && got[0] != wantSame[0]) {
			t.Errorf("search %q: same_as %v, want %v", text, got, wantSame)
		}
		if got := rows[0].MergedFrom; len(got) != len(wantMerged) || (len(got) > 0 && got[0] != wantMerged[0]) {
			t.Errorf("search %q: merged_from %v, want %v", text, got, wantMerged)
		}
	}
	check("Korea Kumsan Trading", "a-1", nil, []string{"b-1"})
	check("Ocean Breeze Shipping", "a-2", []string{"b-2"}, nil)
}
