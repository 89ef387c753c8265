package ingesttest

import (
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// SplitNetwork writes a generated network of n entities as two loads: A,
// the links and the entities of even rows; B, the entities of odd rows.
// Links of A to entities of B wait for B.
func SplitNetwork(t testing.TB, dir string, n int) (a, b []string) {
	t.Helper()
	_, ents, links := network(t, dir, n)
	row := 0
	even := filterCSV(t, ents, filepath.Join(dir, "entities-a.csv"), func([]string) bool { row++; return row%2 == 0 })
	row = 0
	odd := filterCSV(t, ents, filepath.Join(dir, "entities-b.csv"), func([]string) bool { row++; return row%2 == 1 })
	return []string{even, links}, []string{odd}
}

// testPendingAcrossLoads loads A, whose links wait for the entities of B,
// then B: the store then equals one where both were loaded together.
func testPendingAcrossLoads(t *testing.T, open Open) {
	dir := t.TempDir()
	a, b := SplitNetwork(t, dir, 1500)
	var apart, together map[string]string
	var stApart, stTogether graph.Stats
	use(t, open, func(s graph.Store) {
		ca := load(t, s, ingest.Options{}, a...)
		if ca.Rejected != 0 || ca.Pending == 0 || ca.PendingFirst == "" {
			t.Fatalf("load A: %+v: want links waiting for B's entities, none rejected", ca)
		}
		_, st := Dump(t, s)
		var waiting int64
		for _, n := range st.Pending {
			waiting += n
		}
		if waiting != int64(ca.Pending) || st.Links+waiting != int64(ca.Links+ca.Pending) {
			t.Errorf("after A: %d pending in the store, the load reported %d", waiting, ca.Pending)
		}
		cb := load(t, s, ingest.Options{}, b...)
		if cb.Rejected != 0 || cb.Pending != 0 || cb.Completed != ca.Pending {
			t.Errorf("load B: %+v: want the %d links of A completed, nothing pending", cb, ca.Pending)
		}
		apart, stApart = Dump(t, s)
	})
	use(t, open, func(s graph.Store) {
		c := load(t, s, ingest.Options{}, append(append([]string{}, a...), b...)...)
		if c.Pending != 0 {
			t.Errorf("A and B together: %d pending", c.Pending)
		}
		together, stTogether = Dump(t, s)
	})
	stApart.Releases, stTogether.Releases = nil, nil // one release or two
	if js(stApart) != js(stTogether) {
		t.Errorf("stats after A then B %s\nafter both together %s", js(stApart), js(stTogether))
	}
	if len(apart) != len(together) {
		t.Errorf("%d records after A then B, %d after both together", len(apart), len(together))
	}
	for k, v := range together {
		if apart[k] != v {
			t.Errorf("%s differs:\nA then B: %s\ntogether: %s", k, apart[k], v)
			break
		}
	}
}
