package audit

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/neo4j"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// tamper changes one byte of the body of record seq in the store itself,
// as someone with access to the file or the database could.
func tamper(t *testing.T, s graph.Store, seq int64, old, new string) {
	t.Helper()
	if len(old) != len(new) {
		t.Fatal("tamper: same length wanted")
	}
	ctx := context.Background()
	switch st := s.(type) {
	case *sqlite.Store:
		db, err := sql.Open("sqlite", st.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		res, err := db.ExecContext(ctx, `UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), ?, ?) AS BLOB) WHERE seq = ?`, old, new, seq)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("tamper: %d rows", n)
		}
	case *neo4j.Store:
		d, err := neo4jdriver.NewDriverWithContext(st.URI(), neo4jdriver.NoAuth())
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close(ctx)
		sess := d.NewSession(ctx, neo4jdriver.SessionConfig{})
		defer sess.Close(ctx)
		res, err := sess.Run(ctx, `MATCH (a:ShellnetAudit {seq: $seq}) SET a.body = replace(a.body, $old, $new) RETURN count(a)`,
			map[string]any{"seq": seq, "old": old, "new": new})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := res.Consume(ctx); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("tamper: %T", s)
	}
}

// TestChain records the screening of a supplier list, verifies the
// chain, then changes one byte of the third record in the store: Verify
// names that record, and the ones before it still hold.
func TestChain(t *testing.T) {
	onEachStore(t, func(t *testing.T, s graph.Store, tr *Trail) {
		ctx := context.Background()
		recs := screenList(t, s, tr, "suppliers", readSuppliers(t))
		if len(recs) != 12 {
			t.Fatalf("%d screenings recorded, want 12", len(recs))
		}
		v, err := tr.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Records != 12 || v.Broken != nil {
			t.Fatalf("verify: %+v, want 12 records and no break", v)
		}
		if recs[2].Query.Name != "Concretos Cali S.A." || recs[2].Outcome.Verdict != "sanctioned" {
			t.Fatalf("record 3: %s %s", recs[2].Query.Name, recs[2].Outcome.Verdict)
		}
		tamper(t, s, 3, `"verdict":"sanctioned"`, `"verdict":"sanctionee"`)
		v, err = tr.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Broken == nil || v.Broken.Seq != 3 || v.Records != 2 || !strings.Contains(v.Broken.Reason, "changed after it was recorded") {
			t.Fatalf("verify after a byte of record 3 changed: %+v (broken %+v), want record 3 named", v, v.Broken)
		}
	})
}

// TestHash pins the canonical encoding: a record's hash is the SHA-256 of
// {"seq","time","kind","prev","body"} as documented, computed here
// independently with encoding/json on a map (which sorts keys, so the
// order is spelled out by hand).
func TestHash(t *testing.T) {
	r := graph.AuditRecord{Seq: 7, Time: time.Date(2026, 3, 3, 10, 4, 5, 6, time.FixedZone("CET", 3600)), Kind: "decision",
		Prev: strings.Repeat("ab", 32), Body: json.RawMessage(`{"note":"<not> \"html\" é"}`)}
	want := `{"seq":7,"time":"2026-03-03T09:04:05.000000006Z","kind":"decision","prev":"` + r.Prev + `","body":{"note":"<not> \"html\" é"}}`
	if got := Hash(&r); got != sha256hex(want) {
		t.Errorf("hash %s, want sha256 of %s", got, want)
	}
	r2 := r
	r2.Body = json.RawMessage(`{"note":"<not> \"html\" è"}`)
	if Hash(&r2) == Hash(&r) {
		t.Error("a changed body keeps its hash")
	}
}

// TestExport records a list screened on three days and exports March:
// the two March runs, as JSON lines whose hashes check, and as CSV.
func TestExport(t *testing.T) {
	ctx := context.Background()
	s := sqliteStore(t)
	load(t, s, "2021-04")
	tr := openTrail(t, s)
	qs := readSuppliers(t)
	for _, day := range []string{"2026-02-27", "2026-03-01", "2026-03-31", "2026-04-01"} {
		d, _ := time.Parse("2006-01-02", day)
		tr.now = func() time.Time { return d.Add(9 * time.Hour) }
		screenList(t, s, tr, "suppliers", qs)
	}
	from, _ := time.Parse("2006-01-02", "2026-03-01")
	to, _ := time.Parse("2006-01-02", "2026-04-01")
	var js bytes.Buffer
	n, err := tr.Export(ctx, &js, from, to, "json")
	if err != nil {
		t.Fatal(err)
	}
	if n != 24 {
		t.Fatalf("%d records exported for March, want 24 (two runs of 12)", n)
	}
	sc := bufio.NewScanner(&js)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		var r graph.AuditRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if Hash(&r) != r.Hash || r.Time.Before(from) || !r.Time.Before(to) || r.Seq != int64(13+lines) {
			t.Errorf("exported record %d at %s: hash or range wrong", r.Seq, r.Time)
		}
		lines++
	}
	var cs bytes.Buffer
	if n, err = tr.Export(ctx, &cs, from, to, "csv"); err != nil || n != 24 {
		t.Fatalf("csv export: %d, %v", n, err)
	}
	rows, err := csv.NewReader(&cs).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 25 || !slices.Equal(rows[0], ExportColumns) || rows[1][0] != "13" || rows[1][3] != "analyst-a" || rows[1][7] != "Manuel Antonio Noriega" ||
		rows[1][8] != "sanctioned" || rows[1][10] != "ofac-1572" || !strings.HasPrefix(rows[1][16], "ofac-sdn loaded ") {
		t.Errorf("csv export: %d rows; first %q", len(rows), rows[1])
	}
	if _, err := tr.Export(ctx, &cs, from, to, "xml"); err == nil {
		t.Error("export as xml: no error")
	}
}

// TestReplay replays a recorded screening: the same answer while its
// release is current; refused, naming the release, once another release
// of the list replaced it.
func TestReplay(t *testing.T) {
	ctx := context.Background()
	s := sqliteStore(t)
	load(t, s, "2021-04")
	tr := openTrail(t, s)
	recs := screenList(t, s, tr, "suppliers", readSuppliers(t))
	run := func(ctx context.Context, set Settings, q screen.Query) (screen.Result, error) {
		sc, err := screenerOf(ctx, s, set)
		if err != nil {
			return screen.Result{}, err
		}
		return sc.Screen(ctx, q)
	}
	basis := storeBasis(t, s)
	for _, seq := range []int64{1, 4, 9} {
		got, err := tr.Replay(ctx, seq, basis, run)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Same || got.Now.Verdict != recs[seq-1].Outcome.Standing {
			t.Errorf("replay of %d: same %v, differences %q", seq, got.Same, got.Differences)
		}
	}
	load(t, s, "2025-10")
	basis = storeBasis(t, s)
	if _, err := tr.Replay(ctx, 1, basis, run); !errors.Is(err, ErrReleasesGone) || !strings.Contains(err.Error(), "1cc559cac442") {
		t.Errorf("replay after a new release: %v, want ErrReleasesGone naming the 2021 release", err)
	}
}

// TestDecision clears a supplier's only match as a false positive: the
// next screening shows it cleared with who, when and why; after the
// matched party gains a new listing in a new release (the UN list's
// entry for the same passport) it is raised again with that cause; a
// revoked decision no longer applies.
func TestDecision(t *testing.T) {
	onEachStore(t, func(t *testing.T, s graph.Store, tr *Trail) {
		ctx := context.Background()
		q := []screen.Query{{Name: "Ayman al Zawahiri", ID: "V-1009"}}
		first := screenList(t, s, tr, "", q)[0]
		if first.Outcome.Verdict != "sanctioned" || first.Outcome.Match.ID != "ofac-2676" || first.Supplier != "id:V-1009" {
			t.Fatalf("before a decision: %s, match %+v", first.Outcome.Verdict, first.Outcome.Match)
		}
		d, err := tr.Decide(ctx, Decision{Supplier: first.Supplier, Match: "ofac-2676", Finding: FalsePositive, Who: "analyst-b",
			Note: "our supplier is a machine shop owner born 1979 in Alexandria", Facts: first.Facts})
		if err != nil {
			t.Fatal(err)
		}
		next := screenList(t, s, tr, "", q)[0]
		o := next.Outcome
		if o.Verdict != Cleared || o.Standing != screen.Sanctioned || o.Decision == nil || o.Decision.ID != d.ID || o.Decision.Who != "analyst-b" ||
			!o.Decision.When.Equal(d.When) || !strings.Contains(o.Decision.Note, "machine shop") || len(o.Raised) != 0 {
			t.Fatalf("after the decision: %s, decision %+v, raised %q; want cleared by analyst-b", o.Verdict, o.Decision, o.Raised)
		}
		if c := load(t, s, "un-2026-02-27"); c.Merged != 1 {
			t.Fatalf("the UN entry merged into %d entities, want 1", c.Merged)
		}
		raised := screenList(t, s, tr, "", q)[0].Outcome
		want := []string{"new listing of ofac-2676: UN Al-Qaida (QDi.006) in release un-sc of 2026-02-27 (sha256 b15d22d66bc1)"}
		if raised.Verdict != "sanctioned" || !slices.Equal(raised.Raised, want) || raised.Decision == nil {
			t.Fatalf("after the UN listing: %s, raised %q; want sanctioned, raised with %q", raised.Verdict, raised.Raised, want)
		}
		if err := tr.Revoke(ctx, d.ID, "analyst-c", "second look"); err != nil {
			t.Fatal(err)
		}
		if err := tr.Revoke(ctx, d.ID, "analyst-c", "again"); !errors.Is(err, ErrNoDecision) {
			t.Errorf("revoking twice: %v", err)
		}
		if o := screenList(t, s, tr, "", q)[0].Outcome; o.Decision != nil || o.Verdict != "sanctioned" {
			t.Errorf("after the revocation: %s, decision %+v", o.Verdict, o.Decision)
		}
		all, err := tr.Decisions(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 || all[0].Revoked == nil || all[0].Revoked.Who != "analyst-c" {
			t.Errorf("decisions: %+v", all)
		}
		if v, err := tr.Verify(ctx); err != nil || v.Broken != nil || v.Records != 6 {
			t.Errorf("verify: %+v, %v; want 6 records (4 screenings, a decision, a revocation)", v, err)
		}
	})
}

// TestRescreen screens a supplier list on OFAC's SDN list of April 2021,
// loads its release of October 2025, screens again and compares: exactly
// the suppliers whose match was delisted (5) or newly listed (2) are
// reported, each with its release; the parties both releases list, even
// those that lost a program (NASRALLAH), and the names matching nothing
// are not.
func TestRescreen(t *testing.T) {
	onEachStore(t, func(t *testing.T, s graph.Store, tr *Trail) {
		ctx := context.Background()
		qs := readSuppliers(t)
		screenList(t, s, tr, "suppliers", qs)
		load(t, s, "2025-10")
		_, prev, err := tr.LastRun(ctx, "suppliers")
		if err != nil || len(prev) != 12 {
			t.Fatalf("last run: %d records, %v", len(prev), err)
		}
		now := screenList(t, s, tr, "suppliers", qs)
		changes, err := Diff(ctx, prev, now, storeEntities(s))
		if err != nil {
			t.Fatal(err)
		}
		today := time.Now().UTC().Format("2006-01-02")
		rel := "ofac-sdn loaded " + today
		// the listing each party had in the SDN list of April 2021
		delisted := func(name, id, was string) string {
			return fmt.Sprintf("%s (%s) delisted on %s: %s no longer lists it (was [%s])", name, id, today, rel, was)
		}
		want := map[string][]string{
			"id:S01": {delisted("NORIEGA, Manuel Antonio", "ofac-1572", "OFAC CUBA 1572")},
			"id:S02": {delisted("MIDCO FINANCE S.A.", "ofac-2831", "OFAC IRAQ2 2831")},
			"id:S03": {delisted("CONCRETOS CALI S.A.", "ofac-4302", "OFAC SDNT 4302")},
			"id:S04": {"PETRO URREGO, Gustavo Francisco (ofac-56062) listed in release " + rel + " (sha256 b5b6f1d9cf8e) (OFAC ILLICIT-DRUGS-EO14059 (56062))"},
			"id:S05": {"BENEDETTI VILLANEDA, Armando Alberto (ofac-56067) listed in release " + rel + " (sha256 b5b6f1d9cf8e) (OFAC ILLICIT-DRUGS-EO14059 (56067))"},
			"id:S11": {delisted("HABBASH, George", "ofac-2680", "OFAC SDGT 2680")},
			"id:S12": {delisted("VALDIVIESO FONTAL, Diego", "ofac-4624", "OFAC SDNT 4624")},
		}
		got := map[string][]string{}
		for _, c := range changes {
			got[c.Supplier] = c.Causes
			worse := c.Supplier == "id:S04" || c.Supplier == "id:S05"
			if c.Worse != worse {
				t.Errorf("%s: worse %v", c.Supplier, c.Worse)
			}
			if worse && (c.Before != "clear" || c.After != "sanctioned") || !worse && (c.Before != "sanctioned" || c.After != "clear") {
				t.Errorf("%s: %s → %s", c.Supplier, c.Before, c.After)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%d suppliers changed, want %d: %q", len(got), len(want), got)
		}
		for k, w := range want {
			if !slices.Equal(got[k], w) {
				t.Errorf("%s: causes %q, want %q", k, got[k], w)
			}
		}
	})
}

// TestConcurrentAppend appends from eight goroutines through two Trails
// of the same store (as two processes would: each must find the end of
// the trail again when the other appended first) and one shared Trail:
// every record is kept once and the chain holds.
func TestConcurrentAppend(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			shared := openTrail(t, s)
			other := &Trail{a: s.(graph.Auditor), now: time.Now}
			errs := make(chan error, 8)
			for g := range 8 {
				tr := shared
				if g%2 == 1 {
					tr = other
				}
				go func() {
					for i := range 5 {
						if _, err := tr.Append(ctx, Entry{Kind: KindRevocation, Body: Revocation{Decision: int64(g*100 + i), Who: "w"}}); err != nil {
							errs <- err
							return
						}
					}
					errs <- nil
				}()
			}
			for range 8 {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
			v, err := shared.Verify(ctx)
			if err != nil || v.Broken != nil || v.Records != 40 {
				t.Fatalf("after 40 concurrent appends: %+v %v", v, err)
			}
			seen := map[int64]bool{}
			if err := shared.Records(ctx, graph.AuditFilter{}, func(r graph.AuditRecord) error {
				var rv Revocation
				if err := json.Unmarshal(r.Body, &rv); err != nil {
					return err
				}
				if seen[rv.Decision] {
					t.Errorf("%d recorded twice", rv.Decision)
				}
				seen[rv.Decision] = true
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
