package flags

import (
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// circularOwnership flags each set of parties that own each other in a
// circle: the strongly connected components of the OWNS links with more
// than one member, or one that owns itself. Tarjan's algorithm
// (doi:10.1137/0201010), iterative so that long chains cannot overflow
// the stack; O(n + m).
func circularOwnership(p *graph.Projection) []Flag {
	owns := graph.Owns.Code()
	n := p.Len()
	index := make([]int32, n) // 0: not visited; else visit order + 1
	low := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct {
		v    int32
		next int32 // next outgoing link to look at
	}
	var calls []frame
	var out []Flag
	counter := int32(0)
	for root := range int32(n) {
		if index[root] != 0 {
			continue
		}
		calls = append(calls[:0], frame{root, p.OutOff[root]})
		counter++
		index[root], low[root] = counter, counter
		stack = append(stack, root)
		onStack[root] = true
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.next < p.OutOff[v+1] {
				i := f.next
				f.next++
				if p.Type[i] != owns {
					continue
				}
				w := p.To[i]
				if index[w] == 0 {
					counter++
					index[w], low[w] = counter, counter
					stack = append(stack, w)
					onStack[w] = true
					calls = append(calls, frame{w, p.OutOff[w]})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var comp []int32
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if f, ok := cycleFlag(p, comp); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

// cycleFlag makes the flag of one strongly connected component, if it is
// a circle: more than one member, or a member that owns itself.
func cycleFlag(p *graph.Projection, comp []int32) (Flag, bool) {
	owns := graph.Owns.Code()
	slices.Sort(comp)
	f := Flag{Kind: CircularOwnership, Subject: p.Nodes[comp[0]].ID}
	for _, v := range comp {
		f.Entities = append(f.Entities, p.Nodes[v].ID)
		lo, hi := p.Out(v)
		for i := lo; i < hi; i++ {
			if _, in := slices.BinarySearch(comp, p.To[i]); in && p.Type[i] == owns {
				f.Links = append(f.Links, linkRef(p, i))
			}
		}
	}
	if len(comp) == 1 && len(f.Links) == 0 {
		return Flag{}, false
	}
	if len(comp) == 1 {
		f.Detail = "a party owns itself"
	} else {
		f.Detail = fmt.Sprintf("%d parties own each other in a circle", len(comp))
	}
	return f, true
}
