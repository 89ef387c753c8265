package names

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/shellnet/shellnet/graph"
)

// A read index shares its names' text with the projection it indexes,
// keeps a name the projection does not have apart, and searches as the
// index written.
func TestIndexSharesNames(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	nodes := append(testNodes(), generatedNodes(rng, 2000)...)
	nodes = append(nodes, graph.Node{ID: "zz-han", Kind: graph.Company, Name: "朝鮮光鮮銀行"}.WithLists([]string{"KKBC"}, nil, nil))
	ix := NewIndex(nodes)
	// the projection read with the index has one name the index does not
	renamed := slices.Clone(nodes)
	renamed[1].Name += " Sdn Bhd"
	var buf bytes.Buffer
	if _, err := ix.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadIndex(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got.shareNames(renamed)
	if !slices.Equal(got.entName, ix.entName) {
		t.Fatal("names changed by sharing")
	}
	shared, apart := 0, 0
	for e, s := range got.entName {
		n := &renamed[got.entNode[e]]
		switch {
		case unsafe.StringData(s) == unsafe.StringData(n.Name):
			shared++
		case slices.ContainsFunc(n.Aliases(), func(a string) bool { return unsafe.StringData(a) == unsafe.StringData(s) }):
			shared++
		default:
			apart++
			if s == n.Name || slices.Contains(n.Aliases(), s) {
				t.Errorf("entry %d %q not shared with its node", e, s)
			}
		}
	}
	if shared != len(got.entName)-1 || apart != 1 {
		t.Errorf("%d names shared, %d apart: want all but the renamed node's", shared, apart)
	}
	for _, q := range []string{"Glocom", "Chosun Kwangson Bank", "RGB", mutate(rng, nodes[100].Name)} {
		if a, b := fmt.Sprint(ix.Search(q, 5)), fmt.Sprint(got.Search(q, 5)); a != b {
			t.Errorf("Search(%q): written %s, read %s", q, a, b)
		}
	}
}
