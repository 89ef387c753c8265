package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// auditData is the audit package's real data: two OFAC SDN releases, an
// excerpt of the UN list and a supplier list (see its PROVENANCE.md).
var auditData = filepath.Join("..", "..", "analysis", "audit", "testdata")

func copyAuditFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(auditData, name))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestAuditCommands runs a compliance team's commands end to end on the
// embedded store: a first rescreen of a supplier list on OFAC's SDN list
// of April 2021, a decision, the list's release of October 2025 and a
// rescreen that reports exactly what the release changed, the chain
// verified and exported, a replay, then one byte of one record changed
// in the file: audit verify fails naming it.
func TestAuditCommands(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "case.db")
	suppliers := copyAuditFile(t, dir, "suppliers.csv")
	must := func(args ...string) string {
		t.Helper()
		out, err := run(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	coded := func(code int, args ...string) string {
		t.Helper()
		out, err := run(t, args...)
		if got := exitCode(err); got != code {
			t.Fatalf("%v: exit %d (%v), want %d", args, got, err, code)
		}
		return out
	}
	changed := func(out string) map[string]map[string]any {
		got := map[string]map[string]any{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var ch map[string]any
			if err := json.Unmarshal([]byte(line), &ch); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			got[ch["supplier"].(string)] = ch
		}
		return got
	}
	must("ingest", "--store", store, "--quiet", copyAuditFile(t, dir, "2021-04/sdn.csv"))
	rescreen := []string{"rescreen", "--store", store, "--quiet", "--input", suppliers, "--analyst", "a.analyst", "--format", "json"}
	first := changed(coded(exitFlagged, rescreen...))
	if len(first) != 8 || first["id:S04"] != nil || first["id:S07"]["after"] != "sanctioned" {
		t.Fatalf("first rescreen: %d suppliers reported, want the 8 not clear", len(first))
	}
	// the analyst clears S07's match as a false positive
	out := must("decide", "--store", store, "Hasan Nasrallah", "--id", "S07", "--match", "ofac-2686", "--false-positive",
		"--note", "a Beirut wholesaler of the same name", "--analyst", "b.analyst")
	if !strings.HasPrefix(out, "decision 13 recorded: Hasan Nasrallah is a false positive of ofac-2686 (by b.analyst)") {
		t.Errorf("decide: %q", out)
	}
	must("ingest", "--store", store, "--quiet", copyAuditFile(t, dir, "2025-10/sdn.csv"))
	second := changed(coded(exitFlagged, rescreen...))
	want := []string{"id:S01", "id:S02", "id:S03", "id:S04", "id:S05", "id:S07", "id:S11", "id:S12"}
	if keys := slicesSorted(second); !slices.Equal(keys, want) {
		t.Fatalf("second rescreen reports %q, want %q", keys, want)
	}
	if ch := second["id:S07"]; ch["after"] != "cleared" || ch["worse"] != false ||
		!strings.HasPrefix(ch["causes"].([]any)[0].(string), "cleared as a false positive by b.analyst on ") {
		t.Errorf("S07: %v", ch)
	}
	if ch := second["id:S04"]; ch["before"] != "clear" || ch["after"] != "sanctioned" || ch["worse"] != true ||
		!strings.Contains(ch["causes"].([]any)[0].(string), "(ofac-56062) listed in release ofac-sdn loaded ") {
		t.Errorf("S04: %v", ch)
	}
	if out := must("audit", "verify", "--store", store); out != "audit trail holds: 25 records, chain intact\n" {
		t.Errorf("verify: %q", out)
	}
	today := time.Now().UTC().Format("2006-01-02")
	csvOut := must("audit", "export", "--store", store, "--quiet", "--from", today, "--to", today, "--format", "csv")
	if n := strings.Count(csvOut, "\n"); n != 26 {
		t.Errorf("export of today: %d lines, want a header and 25 records", n)
	}
	if csvOut2 := must("audit", "export", "--store", store, "--quiet", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv"); strings.Count(csvOut2, "\n") != 1 {
		t.Errorf("export of January 2026: %q, want the header alone", csvOut2)
	}
	if out := must("audit", "replay", "--store", store, "25"); out != "record 25: the same answer: clear\n" {
		t.Errorf("replay: %q", out)
	}
	coded(exitFailed, "audit", "replay", "--store", store, "1")
	// screen --since the first run: the same changes as the second rescreen
	line, _, _ := strings.Cut(must("audit", "export", "--store", store, "--quiet", "--format", "json"), "\n")
	var first1 struct {
		Body struct {
			Run struct{ ID string } `json:"run"`
		} `json:"body"`
	}
	if err := json.Unmarshal([]byte(line), &first1); err != nil {
		t.Fatal(err)
	}
	since := changed(coded(exitFlagged, "screen", "--store", store, "--quiet", "--since", first1.Body.Run.ID, "--input", suppliers, "--analyst", "c.analyst", "--format", "json"))
	if keys := slicesSorted(since); !slices.Equal(keys, want) {
		t.Errorf("screen --since %s reports %q, want %q", first1.Body.Run.ID, keys, want)
	}
	// one byte of record 20 changed in the file
	db, err := sql.Open("sqlite", store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), `UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), '"who":"a.analyst"', '"who":"a.anaXyst"') AS BLOB) WHERE seq = 20`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = run(t, "audit", "verify", "--store", store)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitFailed || !strings.Contains(err.Error(), "audit trail broken at record 20 (screening") ||
		!strings.Contains(err.Error(), "the 19 records before it hold") {
		t.Errorf("verify after a change to record 20: %v", err)
	}
}

func slicesSorted[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
