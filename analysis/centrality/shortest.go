package centrality

import (
	"fmt"
	"math"

	"github.com/shellnet/shellnet/analysis/internal/heapq"
)

// search is the scratch space of one single-source shortest-path search:
// distances, numbers of shortest paths and the order in which nodes were
// settled. It is reset in O(visited) between sources, so that a search
// from one source costs O(reached nodes + their links), not O(n).
type search struct {
	hop   []int32   // BFS: hops from the source, −1 when not reached
	dist  []float64 // Dijkstra: distance from the source, +Inf when not reached
	sigma []float64 // number of shortest paths from the source
	order []int32   // nodes in the order they were settled
	heap  heapq.Heap[item]
}

func newSearch(n int, weighted, paths bool) *search {
	s := &search{order: make([]int32, 0, n), heap: heapq.New(item.less)}
	if weighted {
		s.dist = make([]float64, n)
		for i := range s.dist {
			s.dist[i] = math.Inf(1)
		}
	} else {
		s.hop = make([]int32, n)
		for i := range s.hop {
			s.hop[i] = -1
		}
	}
	if paths {
		s.sigma = make([]float64, n)
	}
	return s
}

// reset forgets the last search.
func (s *search) reset() {
	for _, v := range s.order {
		if s.hop != nil {
			s.hop[v] = -1
		} else {
			s.dist[v] = math.Inf(1)
		}
		if s.sigma != nil {
			s.sigma[v] = 0
		}
	}
	s.order = s.order[:0]
}

// bfs searches from src along c, counting shortest paths when sigma is kept.
func (s *search) bfs(c *csr, src int32) {
	s.reset()
	s.hop[src] = 0
	if s.sigma != nil {
		s.sigma[src] = 1
	}
	s.order = append(s.order, src)
	for head := 0; head < len(s.order); head++ {
		v := s.order[head]
		next := s.hop[v] + 1
		for _, w := range c.adj[c.off[v]:c.off[v+1]] {
			if s.hop[w] < 0 {
				s.hop[w] = next
				s.order = append(s.order, w)
			}
			if s.sigma != nil && s.hop[w] == next {
				s.sigma[w] += s.sigma[v]
			}
		}
	}
}

// dijkstra searches from src along c with its weights as lengths. Paths of
// exactly equal length are counted as NetworkX counts them (floating-point
// equality of the summed lengths). Lengths must be positive, so that a node
// is settled after every node on its shortest paths; pushes for a node
// have strictly falling distances, so only the last one is not stale.
func (s *search) dijkstra(c *csr, src int32) {
	s.reset()
	s.heap.Reset()
	s.dist[src] = 0
	if s.sigma != nil {
		s.sigma[src] = 1
	}
	s.heap.Push(item{0, src})
	for s.heap.Len() > 0 {
		it := s.heap.Pop()
		v := it.node
		if it.dist > s.dist[v] {
			continue // stale: v was pushed again with a shorter distance
		}
		s.order = append(s.order, v)
		for j := c.off[v]; j < c.off[v+1]; j++ {
			w := c.adj[j]
			d := it.dist + float64(c.w[j])
			switch {
			case d < s.dist[w]:
				s.dist[w] = d
				if s.sigma != nil {
					s.sigma[w] = s.sigma[v]
				}
				s.heap.Push(item{d, w})
			case d == s.dist[w] && s.sigma != nil:
				s.sigma[w] += s.sigma[v]
			}
		}
	}
}

// positive reports an error when a weighted view has a link whose length
// is not positive; shortest paths need positive lengths.
func positive(v *view) error {
	if !v.weighted {
		return nil
	}
	for i, w := range v.out.w {
		if !(w > 0) {
			return fmt.Errorf("analysis/centrality: link weight %g at position %d: shortest paths need positive weights (drop --weighted, or fix the links' weight property)", w, i)
		}
	}
	return nil
}

type item struct {
	dist float64
	node int32
}

// less orders items by distance, then node, so that the settle order,
// and with it every sum, is deterministic.
func (x item) less(y item) bool {
	if x.dist != y.dist {
		return x.dist < y.dist
	}
	return x.node < y.node
}

// fromEveryNode searches from every node u along the incoming links of the
// view (so the distances found are those from the other nodes to u, as
// NetworkX measures closeness on a directed graph) and calls fn(u, s) with
// the finished search. Searches run on all processors; fn must write only
// to u's own slot.
func fromEveryNode(v *view, fn func(u int32, s *search)) {
	nb := min(v.n, 64*workerCount(v.n))
	scratch := make([]*search, workerCount(nb))
	workers(nb, func(w, b int) {
		if scratch[w] == nil {
			scratch[w] = newSearch(v.n, v.weighted, false)
		}
		s := scratch[w]
		for u := int32(b * v.n / nb); u < int32((b+1)*v.n/nb); u++ {
			if v.weighted {
				s.dijkstra(&v.in, u)
			} else {
				s.bfs(&v.in, u)
			}
			fn(u, s)
		}
	})
}

// distance is the length of the path the search found to v.
func (s *search) distance(v int32) float64 {
	if s.hop != nil {
		return float64(s.hop[v])
	}
	return s.dist[v]
}
