package community

import (
	"math/rand/v2"

	"github.com/shellnet/shellnet/graph"
)

// LabelPropOptions tunes LabelPropagation.
type LabelPropOptions struct {
	Seed     uint64 // orders the nodes and breaks ties
	Weighted bool   // count neighbours by link weight
	MaxIter  int    // sweeps before stopping anyway; 0 means 100
}

// LabelPropagation partitions p's undirected view by asynchronous label
// propagation (Raghavan, Albert and Kumara 2007,
// doi:10.1103/PhysRevE.76.036106), as NetworkX's asyn_lpa_communities does
// it: every node starts with a label of its own; each sweep visits the
// nodes in a fresh random order and gives each one the label that weighs
// most among its neighbours, keeping its own label when that is among the
// heaviest and otherwise picking one of the heaviest at random; it stops
// after a sweep that changes nothing (or MaxIter sweeps). Each sweep costs
// O(n + m). It returns the labels, numbered as Canonical numbers them, and
// their number; the result depends on the seed alone.
func LabelPropagation(p *graph.Projection, o LabelPropOptions) (labels []int32, count int) {
	if o.MaxIter == 0 {
		o.MaxIter = 100
	}
	g := newUndirected(p, o.Weighted)
	n := g.n()
	labels = make([]int32, n)
	for i := range labels {
		labels[i] = int32(i)
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x1abe1))
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	weight := make([]float64, n)
	mark := make([]bool, n)
	var touched, heaviest []int32
	for range o.MaxIter {
		r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		changed := false
		for _, u := range order {
			if g.off[u] == g.off[u+1] {
				continue
			}
			touched = touched[:0]
			for j := g.off[u]; j < g.off[u+1]; j++ {
				l := labels[g.adj[j]]
				if !mark[l] {
					mark[l] = true
					touched = append(touched, l)
				}
				weight[l] += g.w[j]
			}
			top := 0.0
			for _, l := range touched {
				top = max(top, weight[l])
			}
			heaviest = heaviest[:0]
			keep := false
			for _, l := range touched {
				if weight[l] == top {
					heaviest = append(heaviest, l)
					keep = keep || l == labels[u]
				}
				weight[l] = 0
				mark[l] = false
			}
			if !keep {
				labels[u] = heaviest[r.IntN(len(heaviest))]
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return labels, Canonical(labels)
}
