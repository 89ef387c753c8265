package centrality

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/shellnet/shellnet/graph"
)

// Options says how the links of a projection are read.
type Options struct {
	// Directed follows links from → to; otherwise links are undirected.
	Directed bool
	// Weighted uses link weights (graph.LinkWeight), summed over parallel
	// links; otherwise every linked pair weighs 1.
	Weighted bool
}

// ErrNoConvergence is wrapped by the error of an iterative algorithm that
// did not reach its tolerance in its iterations.
var ErrNoConvergence = errors.New("power iteration did not converge")

// csr is an adjacency in compressed sparse row form: the neighbours of u are
// adj[off[u]:off[u+1]], sorted, with weights w at the same positions (w is
// nil when the view is unweighted).
type csr struct {
	off []int32
	adj []int32
	w   []float32
}

func (c *csr) degree(u int32) int32 { return c.off[u+1] - c.off[u] }

// view is a projection read as a simple graph: out-neighbours and
// in-neighbours, which are the same lists when the view is undirected.
type view struct {
	n        int
	out, in  csr
	directed bool
	weighted bool
}

// newView reads p as o says. Parallel links fold into one (weights summed)
// and self-links are dropped. Weighted views refuse negative weights.
func newView(p *graph.Projection, o Options) (*view, error) {
	v := &view{n: p.Len(), directed: o.Directed, weighted: o.Weighted}
	if !o.Directed {
		u := p.Undirected()
		v.out = csr{off: u.Off, adj: u.Adj}
		if o.Weighted {
			v.out.w = u.W
		}
		v.in = v.out
	} else {
		v.out = foldLinks(p, o.Weighted, false)
		v.in = foldLinks(p, o.Weighted, true)
	}
	if o.Weighted {
		for i, w := range v.out.w {
			if !(w >= 0) {
				return nil, fmt.Errorf("analysis/centrality: link weight %g at position %d: weights must be zero or more (check the links' weight property)", w, i)
			}
		}
	}
	return v, nil
}

// foldLinks builds the directed out-adjacency (or in-adjacency when in is
// set) from the projection's sorted link arrays.
func foldLinks(p *graph.Projection, weighted, in bool) csr {
	n := p.Len()
	c := csr{off: make([]int32, n+1), adj: make([]int32, 0, p.Links())}
	if weighted {
		c.w = make([]float32, 0, p.Links())
	}
	for u := int32(0); int(u) < n; u++ {
		c.off[u] = int32(len(c.adj))
		start := len(c.adj)
		add := func(i int32, other int32) {
			if other == u {
				return
			}
			if len(c.adj) > start && c.adj[len(c.adj)-1] == other {
				if weighted {
					c.w[len(c.w)-1] += p.Weight(i)
				}
				return
			}
			c.adj = append(c.adj, other)
			if weighted {
				c.w = append(c.w, p.Weight(i))
			}
		}
		if in {
			for _, i := range p.In(u) {
				add(i, p.From[i])
			}
		} else {
			lo, hi := p.Out(u)
			for i := lo; i < hi; i++ {
				add(i, p.To[i])
			}
		}
	}
	c.off[n] = int32(len(c.adj))
	return c
}

// blocks splits the nodes 0..n-1 into parts ranges of about equal work
// (nodes plus adjacency entries of c). The split depends on the graph only,
// never on the number of processors, so that sums over blocks taken in
// block order give the same bits on every machine.
func blocks(c *csr, parts int) []int {
	n := len(c.off) - 1
	if parts > n {
		parts = max(n, 1)
	}
	total := int64(n) + int64(c.off[n])
	bounds := make([]int, 0, parts+1)
	bounds = append(bounds, 0)
	u := 0
	for b := 1; b < parts; b++ {
		target := total * int64(b) / int64(parts)
		for u < n && int64(u)+int64(c.off[u]) < target {
			u++
		}
		if u > bounds[len(bounds)-1] {
			bounds = append(bounds, u)
		}
	}
	if bounds[len(bounds)-1] != n || n == 0 {
		bounds = append(bounds, n)
	}
	return bounds
}

// parallel calls fn(b) for every block index 0..nb-1 on up to GOMAXPROCS
// goroutines and waits for them.
func parallel(nb int, fn func(b int)) {
	workers(nb, func(_, b int) { fn(b) })
}

// workerCount is the number of goroutines that workers starts for nb blocks.
func workerCount(nb int) int { return max(1, min(runtime.GOMAXPROCS(0), nb)) }

// workers calls fn(w, b) for every block index b in 0..nb-1 on
// workerCount(nb) goroutines numbered w, and waits for them. Which worker
// runs which block varies from run to run: results must depend on b only.
func workers(nb int, fn func(w, b int)) {
	nw := workerCount(nb)
	if nw == 1 {
		for b := 0; b < nb; b++ {
			fn(0, b)
		}
		return
	}
	var wg sync.WaitGroup
	next := make(chan int, nb)
	for b := 0; b < nb; b++ {
		next <- b
	}
	close(next)
	for w := range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range next {
				fn(w, b)
			}
		}()
	}
	wg.Wait()
}
