package heapq

import (
	"cmp"
	"container/heap"
	"math/rand/v2"
	"slices"
	"testing"
)

type pair struct{ key, seq int }

// ref is container/heap over the same values: the reference order.
type ref []pair

func (r ref) Len() int           { return len(r) }
func (r ref) Less(i, j int) bool { return r[i].key < r[j].key }
func (r ref) Swap(i, j int)      { r[i], r[j] = r[j], r[i] }
func (r *ref) Push(x any)        { *r = append(*r, x.(pair)) }
func (r *ref) Pop() any {
	old := *r
	x := old[len(old)-1]
	*r = old[:len(old)-1]
	return x
}

// TestAgainstContainerHeap mixes pushes, pops and top replacements on keys
// with many ties, and checks that every pop returns what container/heap's
// returns on the same sequence (the very value, tie included), and that
// the values come out sorted.
func TestAgainstContainerHeap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	h := New(func(a, b pair) bool { return a.key < b.key })
	var r ref
	for seq := range 20_000 {
		switch op := rng.IntN(10); {
		case op < 6 || h.Len() == 0:
			x := pair{rng.IntN(50), seq}
			h.Push(x)
			heap.Push(&r, x)
		case op < 8:
			got, want := h.Pop(), heap.Pop(&r).(pair)
			if got != want {
				t.Fatalf("step %d: pop %v, container/heap pops %v", seq, got, want)
			}
		default:
			x := pair{rng.IntN(50), seq}
			h.ReplaceTop(x)
			r[0] = x
			heap.Fix(&r, 0)
		}
		if h.Len() != r.Len() || h.Top() != r[0] {
			t.Fatalf("step %d: %d values, top %v; container/heap has %d, top %v", seq, h.Len(), h.Top(), r.Len(), r[0])
		}
	}
	var out []pair
	for h.Len() > 0 {
		out = append(out, h.Pop())
	}
	if !slices.IsSortedFunc(out, func(a, b pair) int { return cmp.Compare(a.key, b.key) }) {
		t.Error("values do not come out sorted")
	}
	h.Reset()
	if h.Len() != 0 {
		t.Error("Reset left values")
	}
}
