package screen

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/fixtures"
)

type glocomExpected struct {
	MaxHops   int               `json:"max_hops"`
	Rule      string            `json:"rule"`
	Verdicts  map[string]string `json:"verdicts"`
	Matches   map[string]string `json:"matches"`
	Distances map[string]int    `json:"distances"`
}

func readExpected(t *testing.T) glocomExpected {
	t.Helper()
	b, err := fs.ReadFile(fixtures.FS, "glocom/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var exp glocomExpected
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatalf("glocom/expected.json: %v", err)
	}
	return exp
}

// TestGlocomVerdicts screens the Glocom case's suppliers, written as a
// supplier list writes them, and checks each verdict, match and distance
// against fixtures/glocom/expected.json.
func TestGlocomVerdicts(t *testing.T) {
	exp := readExpected(t)
	s := glocomStore(t)
	rule, err := sanctions.ParseRule(exp.Rule)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := newScreener(context.Background(), s, time.Time{}, rule, Options{MaxHops: exp.MaxHops})
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for q := range exp.Verdicts {
		queries = append(queries, q)
	}
	sort.Strings(queries)
	for _, q := range queries {
		res, err := sc.Screen(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ParseVerdict(exp.Verdicts[q])
		if res.Verdict != want {
			t.Errorf("%s: verdict %s, want %s (reasons %q)", q, res.Verdict, want, res.Reasons)
		}
		if id := exp.Matches[q]; res.Match == nil || res.Match.ID != id {
			t.Errorf("%s: match %+v, want %s", q, res.Match, id)
		}
		if d, ok := exp.Distances[q]; ok {
			if res.Distance == nil || *res.Distance != d {
				t.Errorf("%s: distance %v, want %d", q, res.Distance, d)
			}
		} else if res.Distance != nil {
			t.Errorf("%s: distance %d, want none (clear)", q, *res.Distance)
		}
		checkPaths(t, q, res)
	}
}

// checkPaths checks that evidence paths start at the match, end at a
// sanctioned party, are as long as the distance, and that every link has
// sources and joins consecutive nodes.
func checkPaths(t *testing.T, q string, res Result) {
	t.Helper()
	if res.Verdict == Linked || res.Verdict == Review {
		if len(res.Paths) == 0 {
			t.Errorf("%s: %s with no evidence path", q, res.Verdict)
		}
	}
	for _, pa := range res.Paths {
		if pa.Nodes[0].ID != res.Match.ID {
			t.Errorf("%s: path starts at %s, not the match %s", q, pa.Nodes[0].ID, res.Match.ID)
		}
		last := pa.Nodes[len(pa.Nodes)-1]
		if last.Status != "listed" && last.Status != "blocked" {
			t.Errorf("%s: path ends at %s, which is neither listed nor blocked", q, last.ID)
		}
		if res.Distance != nil && res.Verdict != Sanctioned && len(pa.Links) != *res.Distance {
			t.Errorf("%s: path of %d links, distance %d", q, len(pa.Links), *res.Distance)
		}
		for i, l := range pa.Links {
			a, b := pa.Nodes[i].ID, pa.Nodes[i+1].ID
			if !(l.From == a && l.To == b || l.From == b && l.To == a) {
				t.Errorf("%s: link %d %s→%s does not join %s and %s", q, i, l.From, l.To, a, b)
			}
			if len(l.Sources) == 0 || l.ID == "" {
				t.Errorf("%s: link %s %s→%s has no sources or id", q, l.Type, l.From, l.To)
			}
		}
	}
}

// TestGlocomEU: under the EU's owned-or-controlled test, Glocom (a front
// representing the RGB) is controlled by it and so sanctioned; the
// Malaysian companies that represent Glocom are controlled in turn.
func TestGlocomEU(t *testing.T) {
	s := glocomStore(t)
	sc, err := newScreener(context.Background(), s, time.Time{}, sanctions.EU, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]Verdict{
		"GLOCOM":                              Sanctioned, // represents the RGB: controlled
		"INTERNATIONAL GLOBAL SYSTEM SDN BHD": Sanctioned, // represents Glocom
		"JADEBRIDGE IMPORT EXPORT CO LTD":     Linked,     // 50% is not more than 50%
		"PAN SYSTEMS PYONGYANG BRANCH":        Linked,     // directs Glocom: the director is not controlled
	} {
		res, err := sc.Screen(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Verdict != want {
			t.Errorf("EU %s: %s, want %s (%q)", q, res.Verdict, want, res.Reasons)
		}
		if want == Sanctioned && (res.BlockedBy == nil || !res.BlockedBy.Controlled) {
			t.Errorf("EU %s: blocked_by %+v, want control evidence", q, res.BlockedBy)
		}
	}
}

// TestGlocomBlockedEvidence checks the 50 Percent Rule's evidence on the
// fixture: Jadebridge (front-cn) is 50% owned by the RGB; Lanternfield
// (forwarder-cn) 25% by the RGB and 30% by Jadebridge, which is blocked.
func TestGlocomBlockedEvidence(t *testing.T) {
	s := glocomStore(t)
	sc, err := newScreener(context.Background(), s, time.Time{}, sanctions.OFAC, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := sc.Screen(context.Background(), Query{Name: "Lanternfield Air Cargo Co., Ltd."})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verdict != Sanctioned || res.BlockedBy == nil {
		t.Fatalf("forwarder-cn: %s, blocked_by %+v", res.Verdict, res.BlockedBy)
	}
	b := res.BlockedBy
	var got []string
	for _, sh := range b.Shares {
		got = append(got, sh.Owner+" "+pct(*sh.Percentage)+" "+sh.Status)
	}
	if want := []string{"front-cn 30% blocked", "rgb 25% listed"}; !slices.Equal(got, want) {
		t.Errorf("shares %q, want %q", got, want)
	}
	// effective: 0.25 + 0.30 × 0.5 = 0.40
	if b.Total != 55 || b.Effective != 0.4 {
		t.Errorf("total %g%%, effective %g; want 55%%, 0.4", b.Total, b.Effective)
	}
	if len(res.Paths) == 0 || len(res.Paths[0].Links) != 1 || res.Paths[0].Nodes[1].ID != "rgb" {
		t.Errorf("ownership path %+v, want forwarder-cn ← rgb", res.Paths)
	}
}

// The second screener on an unchanged store reads the name index the
// first one kept beside the snapshot, and screens exactly alike; so does
// Search.
func TestCachedIndexScreensAlike(t *testing.T) {
	ctx := context.Background()
	exp := readExpected(t)
	s := glocomStore(t)
	var queries []Query
	for q := range exp.Verdicts {
		queries = append(queries, Query{Name: q}, Query{Name: q[:len(q)-1]})
	}
	slices.SortFunc(queries, func(a, b Query) int { return cmp.Compare(a.Name, b.Name) })
	run := func() (string, *Screener) {
		sc, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{MaxHops: exp.MaxHops})
		if err != nil {
			t.Fatal(err)
		}
		var out []Result
		if err := sc.ScreenAll(ctx, queries, func(r Result) error { out = append(out, r); return nil }); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(out)
		return string(b), sc
	}
	first, sc1 := run()
	if sc1.Snapshot().Projection().Cache() == nil {
		t.Fatal("the embedded store's projection has no cache")
	}
	entry := s.SnapshotPath()
	files, _ := filepath.Glob(strings.TrimSuffix(entry, ".snap") + ".*.snap.names-*")
	if len(files) != 1 {
		t.Fatalf("name index files %v, want one", files)
	}
	rc, err := sc1.Snapshot().Projection().Cache().Open(files[0][strings.LastIndex(files[0], ".")+1:])
	if err != nil {
		t.Fatalf("no name index kept after the first screener: %v", err)
	}
	rc.Close()
	before, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	second, sc2 := run()
	if after, err := os.Stat(files[0]); err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("the name index was written again, not read (%v)", err)
	}
	if sc2.Index() == sc1.Index() || sc2.Index().Len() != sc1.Index().Len() {
		t.Fatal("the second screener did not read an index of its own")
	}
	if first != second {
		t.Errorf("screening differs with the cached index:\n%s\n%s", first, second)
	}
	hits := func() string {
		h, err := search(ctx, s, "Pan Systems", 10)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(h)
	}
	if a, b := hits(), hits(); a != b || a == "[]" {
		t.Errorf("Search differs with the cached index: %s, %s", a, b)
	}
}
