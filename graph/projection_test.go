package graph

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
)

// karateEdge is one friendship of Zachary's karate club (testdata/karate).
type karateEdge struct {
	u, v int
	w    float64
}

// karate reads the 78 weighted edges of Zachary's karate club.
func karate(t testing.TB) []karateEdge {
	t.Helper()
	f, err := os.Open("testdata/karate/karate_edges_weighted.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []karateEdge
	for i, r := range recs[1:] {
		u, err1 := strconv.Atoi(r[0])
		v, err2 := strconv.Atoi(r[1])
		w, err3 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("testdata/karate/karate_edges_weighted.csv line %d: %q", i+2, r)
		}
		out = append(out, karateEdge{u, v, w})
	}
	if len(out) != 78 {
		t.Fatalf("karate: %d edges, want 78", len(out))
	}
	return out
}

// kid is the ID of karate member i; zero-padded so that ID order, which
// numbers the projection's nodes, is member order.
func kid(i int) string { return fmt.Sprintf("k%02d", i) }

// karateProjection projects the club with one link per friendship, from the
// lower-numbered member, weighted (or not).
func karateProjection(t testing.TB, weighted bool) *Projection {
	b := NewBuilder(34, 78)
	for i := 33; i >= 0; i-- { // any order: Build sorts
		b.AddNode(Node{ID: kid(i), Name: fmt.Sprint("member ", i), Kind: Person})
	}
	for _, e := range karate(t) {
		w := float32(1)
		if weighted {
			w = float32(e.w)
		}
		b.AddLink(kid(e.u), kid(e.v), Associate, w)
	}
	return b.Build()
}

func TestBuildKarate(t *testing.T) {
	p := karateProjection(t, true)
	if p.Len() != 34 || p.Links() != 78 {
		t.Fatalf("got %d nodes %d links, want 34 and 78", p.Len(), p.Links())
	}
	for i := 0; i < 34; i++ {
		if j, ok := p.Index(kid(i)); !ok || int(j) != i || p.Nodes[i].ID != kid(i) {
			t.Errorf("member %d: index %d, %v; node %s", i, j, ok, p.Nodes[i].ID)
		}
	}
	// every edge is where the offsets say, with its weight
	deg := make([]int, 34)
	for _, e := range karate(t) {
		deg[e.u]++
		lo, hi := p.Out(int32(e.u))
		k := slices.Index(p.To[lo:hi], int32(e.v))
		if k < 0 {
			t.Errorf("edge %d-%d missing", e.u, e.v)
			continue
		}
		if i := lo + int32(k); p.From[i] != int32(e.u) || float64(p.Weight(i)) != e.w || p.LinkType(i) != Associate {
			t.Errorf("edge %d-%d: from %d weight %v type %s", e.u, e.v, p.From[i], p.Weight(i), p.LinkType(i))
		}
	}
	for u := int32(0); u < 34; u++ {
		lo, hi := p.Out(u)
		if int(hi-lo) != deg[u] {
			t.Errorf("member %d: %d outgoing links, want %d", u, hi-lo, deg[u])
		}
		for _, i := range p.In(u) {
			if p.To[i] != u {
				t.Errorf("member %d: incoming link %d goes to %d", u, i, p.To[i])
			}
		}
		if !slices.IsSortedFunc(p.In(u), func(a, b int32) int { return int(p.From[a] - p.From[b]) }) {
			t.Errorf("member %d: incoming links not sorted by tail", u)
		}
	}
	if got := p.InOff[34]; got != 78 {
		t.Errorf("incoming offsets end at %d, want 78", got)
	}
	// 17 bytes a link for the arrays, 8 a node for the offsets
	if got, want := p.Bytes(), 78*17+35*8; got != want {
		t.Errorf("Bytes: got %d, want %d", got, want)
	}
}

func TestBuildDropsAndDedups(t *testing.T) {
	b := NewBuilder(0, 0)
	b.AddNode(Node{ID: "b", Name: "B"})
	b.AddNode(Node{ID: "a", Name: "A"})
	b.AddNode(Node{ID: "a", Name: "second A"}) // ignored
	b.AddLink("a", "b", Owns, 1)
	b.AddLink("a", "outside", Owns, 1) // end outside the projection: dropped
	b.AddLink("b", "a", Pays, 2)
	b.AddLink("a", "b", Directs, 3)
	p := b.Build()
	if p.Len() != 2 || p.Nodes[0].Name != "A" || p.Links() != 3 {
		t.Fatalf("got %d nodes (%+v), %d links", p.Len(), p.Nodes, p.Links())
	}
	// sorted by from, to, then type code
	want := []LinkType{Owns, Directs, Pays}
	for i, w := range want {
		if p.LinkType(int32(i)) != w {
			t.Errorf("link %d: type %s, want %s", i, p.LinkType(int32(i)), w)
		}
	}
}

func TestLinkWeight(t *testing.T) {
	cases := []struct {
		v    any
		want float32
	}{
		{nil, 1}, {2.5, 2.5}, {3, 3}, {int64(4), 4}, {float32(0.5), 0.5}, {json.Number("7"), 7},
		{"2.25", 2.25}, {" 8 ", 8}, {"heavy", 1}, {math.NaN(), 1}, {math.Inf(1), 1}, {-2.0, 1}, {0.0, 0}, {true, 1},
	}
	for _, c := range cases {
		l := Link{Props: map[string]any{"weight": c.v}}
		if c.v == nil {
			l.Props = nil
		}
		if got := LinkWeight(&l); got != c.want {
			t.Errorf("weight %#v: got %v, want %v", c.v, got, c.want)
		}
	}
}

func TestSelect(t *testing.T) {
	b := NewBuilder(0, 0)
	b.AddNode(Node{ID: "rgb", Name: "Reconnaissance General Bureau", Kind: Organization, Listed: true}.WithLists(nil, []string{"KP"}, nil))
	b.AddNode(Node{ID: "glocom", Name: "Glocom", Kind: Company}.WithLists([]string{"Global Communications Co."}, []string{"MY"}, []string{TagFront}))
	b.AddNode(Node{ID: "front-hk", Name: "HK Front", Kind: Company}.WithLists(nil, []string{"HK"}, []string{TagFront, TagHub}))
	p := b.Build()
	cases := []struct {
		sel  string
		want []string
	}{
		{"tag:sanction", []string{"rgb"}},
		{"tag:role.front", []string{"front-hk", "glocom"}},
		{"tag:role.* country:MY", []string{"glocom"}},
		{"name:global communications", []string{"glocom"}},
		{"kind:company", []string{"front-hk", "glocom"}},
		{"id:rgb", []string{"rgb"}},
		{"id:nobody", nil},
	}
	for _, c := range cases {
		var got []string
		for _, i := range p.Select(MustSelector(c.sel)) {
			got = append(got, p.Nodes[i].ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("select %q: got %q, want %q", c.sel, got, c.want)
		}
	}
}

// BenchmarkNewProjection lays out 5M random links over 1M nodes, as a
// store's fast scan hands them over.
func BenchmarkNewProjection(b *testing.B) {
	const n, m = 1_000_000, 5_000_000
	nodes := make([]Node, n)
	for i := range nodes {
		nodes[i] = Node{ID: fmt.Sprintf("n%07d", i)}
	}
	from, to := make([]int32, m), make([]int32, m)
	typ, w := make([]LinkCode, m), make([]float32, m)
	x := uint64(1)
	for i := range from {
		x = x*6364136223846793005 + 1442695040888963407
		from[i], to[i], typ[i], w[i] = int32((x>>33)%n), int32((x>>13)%n), LinkCode(x%8), 1
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := NewProjection(nodes, from, to, typ, w)
		b.ReportMetric(float64(p.Bytes())/float64(m), "bytes/link")
	}
}

// Index finds every node whatever the order of the nodes (of nodes sharing
// an ID, the last), and finds no other.
func TestIndexInAndOutOfOrder(t *testing.T) {
	for _, ids := range [][]string{{"a", "b", "c"}, {"c", "a", "b"}, {"a", "a", "b"}, {}} {
		nodes := make([]Node, len(ids))
		for i, id := range ids {
			nodes[i] = Node{ID: id, Kind: Company}
		}
		p := NewProjection(nodes, nil, nil, nil, nil)
		for i, id := range ids {
			j, ok := p.Index(id)
			if !ok || p.Nodes[j].ID != id || (j != int32(i) && ids[j] != id) {
				t.Errorf("%v: Index(%q) = %d, %v", ids, id, j, ok)
			}
		}
		if _, ok := p.Index("z"); ok {
			t.Errorf("%v: Index(\"z\") found a node", ids)
		}
	}
}

// BenchmarkIndex builds the ID index of a projection of 1M nodes and
// looks IDs up in it in random order, beside a map[string]int32 doing the
// same: the nodes in ID order (binary search), then shuffled (the hash
// table).
func BenchmarkIndex(b *testing.B) {
	const n = 1_000_000
	nodes := make([]Node, n)
	for i := range nodes {
		nodes[i] = Node{ID: fmt.Sprintf("co-%07d", i)}
	}
	b.Run("build", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			newIDIndex(nodes)
		}
	})
	b.Run("build-map", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			m := make(map[string]int32, n)
			for j := range nodes {
				m[nodes[j].ID] = int32(j)
			}
		}
	})
	ix := newIDIndex(nodes)
	m := make(map[string]int32, n)
	for j := range nodes {
		m[nodes[j].ID] = int32(j)
	}
	x := uint64(1)
	b.Run("find", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			x = x*6364136223846793005 + 1442695040888963407
			if _, ok := ix.find(nodes, nodes[(x>>33)%n].ID); !ok {
				b.Fatal("not found")
			}
		}
	})
	b.Run("find-map", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			x = x*6364136223846793005 + 1442695040888963407
			if _, ok := m[nodes[(x>>33)%n].ID]; !ok {
				b.Fatal("not found")
			}
		}
	})
	shuffled := slices.Clone(nodes)
	rand.New(rand.NewPCG(1, 2)).Shuffle(n, func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	hx := newIDIndex(shuffled)
	if hx.sorted {
		b.Fatal("shuffled nodes indexed as sorted")
	}
	b.Run("find-hash", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			x = x*6364136223846793005 + 1442695040888963407
			if _, ok := hx.find(shuffled, shuffled[(x>>33)%n].ID); !ok {
				b.Fatal("not found")
			}
		}
	})
}
