package ingesttest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// testReleases loads OFAC's SDN list of April 2021, then its release of
// October 2025 (both cut at the same entry; see testdata): the three
// parties removed in between are withdrawn, keep their history and no
// longer screen sanctioned, with the delisting among the reasons; the
// others keep their listing; both releases are recorded.
func testReleases(t *testing.T, open Open) {
	dir := t.TempDir()
	r2021 := Copy(t, dir, "ofac-releases/2021-04")
	r2025 := Copy(t, dir, "ofac-releases/2025-10")
	ctx := context.Background()
	use(t, open, func(s graph.Store) {
		c1 := load(t, s, ingest.Options{}, r2021)
		if c1.Entities != 69 || c1.Withdrawn != 0 {
			t.Errorf("2021: %+v: want 69 entities, nothing withdrawn", c1)
		}
		before := verdicts(t, s, []string{"HABBASH, George", "NORIEGA, Manuel Antonio", "AEROCARIBBEAN AIRLINES", "NASRALLAH, Hasan"})
		for q, v := range before {
			if v != "sanctioned" {
				t.Errorf("2021: %q %s, want sanctioned", q, v)
			}
		}
		c2 := load(t, s, ingest.Options{}, r2025)
		if c2.Entities != 66 || c2.Withdrawn != 3 {
			t.Errorf("2025: %+v: want 66 entities, 3 withdrawn", c2)
		}
		today := time.Now().UTC().Format("2006-01-02")
		h, err := graph.Get(ctx, s, "ofac-2680")
		if err != nil {
			t.Fatal(err)
		}
		if h.Listed() || h.Name != "HABBASH, George" || h.Props[ingest.PropListed] != false || h.Props[ingest.PropDelisted] != today ||
			h.Props[ingest.PropDelistedBy] != "ofac-sdn loaded "+today || js(h.Props[ingest.PropWithdrawnFrom]) != `["ofac-sdn"]` ||
			js(h.Props[ingest.PropWithdrawn]) != `["OFAC SDGT 2680"]` || len(h.Identifiers[graph.IDOFAC]) != 1 {
			t.Errorf("HABBASH after the 2025 release: %s", js(h))
		}
		// what both releases list is as the later one says: 2686 is no
		// longer under the SYRIA program, 2677 has a new name
		n, err := graph.Get(ctx, s, "ofac-2686")
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Sanctions) != 1 || n.Sanctions[0].Program != "SDGT" || !n.Listed() {
			t.Errorf("NASRALLAH after the 2025 release: sanctions %s, want SDGT only", js(n.Sanctions))
		}
		z, err := graph.Get(ctx, s, "ofac-2677")
		if err != nil {
			t.Fatal(err)
		}
		if z.Name != "AL-ZOMOR, Abboud Abdul Latif Hassan" || !slices.Contains(z.Aliases, "AL-ZUMAR, Abbud") || len(z.Sources) != 1 || z.Sources[0].Record != "sdn.csv:57" || z.Props["title"] != nil {
			t.Errorf("2677 after the 2025 release: %s, want the 2025 name, the 2021 one as an alias, the 2025 record as source", js(z))
		}
		sc, err := screen.New(ctx, s, screen.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"HABBASH, George", "NORIEGA, Manuel Antonio", "SIEIRO DE NORIEGA, Felicidad"} {
			r, err := sc.Screen(ctx, screen.Query{Name: q})
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict.String() != "clear" || !slices.ContainsFunc(r.Reasons, func(s string) bool {
				return strings.Contains(s, "delisted on "+today) && strings.Contains(s, "ofac-sdn loaded "+today)
			}) {
				t.Errorf("%q after the 2025 release: %s, reasons %q: want clear, with the delisting", q, r.Verdict, r.Reasons)
			}
		}
		for q, v := range verdicts(t, s, []string{"AEROCARIBBEAN AIRLINES", "NASRALLAH, Hasan", "YASSIN, Sheik Ahmed Ismail"}) {
			if v != "sanctioned" {
				t.Errorf("%q, in both releases: %s, want sanctioned", q, v)
			}
		}
		_, st := Dump(t, s)
		want := []graph.Release{
			{Dataset: "ofac-sdn", Files: []graph.ReleaseFile{{Name: "sdn.csv", SHA256: "8362bee6699678e634d838f5434d465584c1815289630b12cae6501050b6eccb"}}, Replace: true, Entities: 69},
			{Dataset: "ofac-sdn", Files: []graph.ReleaseFile{{Name: "sdn.csv", SHA256: "7f171da92b9c167769a1e76b31178cb6d236222786d3c80ab2806342d5c8890c"}}, Replace: true, Entities: 66, Withdrawn: 3},
		}
		if js(st.Releases) != js(want) {
			t.Errorf("releases %s\nwant %s", js(st.Releases), js(want))
		}
		if st.Entities != 69 || st.Datasets["ofac-sdn"] != 66 {
			t.Errorf("stats %s: want 69 entities, 66 of them in ofac-sdn", js(st))
		}

		// the same release again changes nothing
		v0, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c := load(t, s, ingest.Options{}, r2025); c.Withdrawn != 0 {
			t.Errorf("2025 again withdrew %d", c.Withdrawn)
		}
		if v, err := s.Version(ctx); err != nil || v != v0 {
			t.Errorf("2025 loaded again changed the store (version %d → %d, %v)", v0, v, err)
		}
		// a list that lists a party again lists it as before, without the
		// marks of its withdrawal
		load(t, s, ingest.Options{}, r2021)
		h, err = graph.Get(ctx, s, "ofac-2680")
		if err != nil {
			t.Fatal(err)
		}
		if !h.Listed() || h.Props[ingest.PropDelisted] != nil || h.Props[ingest.PropWithdrawnFrom] != nil || len(h.Sanctions) != 1 {
			t.Errorf("HABBASH listed again: %s", js(h))
		}
		// added, not replaced: nothing is withdrawn
		if c := load(t, s, ingest.Options{Replace: ingest.ReplaceNone}, r2025); c.Withdrawn != 0 {
			t.Errorf("2025 added withdrew %d", c.Withdrawn)
		}
	})
}
