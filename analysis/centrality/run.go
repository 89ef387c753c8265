package centrality

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/analysis/internal/heapq"
	"github.com/shellnet/shellnet/graph"
)

// Algorithms lists the names that Run accepts.
var Algorithms = []string{"pagerank", "betweenness", "degree", "in-degree", "out-degree", "eigenvector", "closeness", "harmonic", "hits"}

// Config chooses a centrality and its options, as the command line does.
type Config struct {
	Algo string // one of Algorithms
	Options
	Sample int    // betweenness: pivots to sample (0: exact)
	Seed   uint64 // betweenness: chooses the pivots
}

// Result is one score per node, indexed like the projection's nodes.
type Result struct {
	Algo   string
	Scores []float64 // HITS: authorities
	Hubs   []float64 // HITS only
}

// Run computes the centrality that c names on p.
func Run(p *graph.Projection, c Config) (Result, error) {
	r := Result{Algo: c.Algo}
	var err error
	switch c.Algo {
	case "pagerank":
		r.Scores, err = PageRank(p, PageRankOptions{Options: c.Options})
	case "betweenness":
		r.Scores, err = Betweenness(p, BetweennessOptions{Options: c.Options, Sample: c.Sample, Seed: c.Seed})
	case "degree":
		r.Scores, err = Degree(p, Total, c.Weighted)
	case "in-degree":
		r.Scores, err = Degree(p, In, c.Weighted)
	case "out-degree":
		r.Scores, err = Degree(p, Out, c.Weighted)
	case "eigenvector":
		r.Scores, err = Eigenvector(p, IterOptions{Options: c.Options})
	case "closeness":
		r.Scores, err = Closeness(p, c.Options)
	case "harmonic":
		r.Scores, err = Harmonic(p, c.Options)
	case "hits":
		r.Hubs, r.Scores, err = HITS(p, IterOptions{Options: c.Options})
	default:
		return r, fmt.Errorf("analysis/centrality: unknown algorithm %q (known: %s)", c.Algo, strings.Join(Algorithms, ", "))
	}
	return r, err
}

// Top returns the indices of the n highest scores (all when n ≤ 0), best
// first, ties in node order (which is ID order). Asking for a few of many
// costs O(len·log n) through a bounded heap rather than a full sort.
func Top(scores []float64, n int) []int32 {
	better := func(a, b int32) bool { // a ranks before b
		return scores[a] > scores[b] || (scores[a] == scores[b] && a < b)
	}
	if n <= 0 || n >= len(scores) {
		idx := make([]int32, len(scores))
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortFunc(idx, func(a, b int32) int {
			if c := cmp.Compare(scores[b], scores[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		return idx
	}
	// h's top is the worst of the best n seen so far
	h := heapq.New(func(a, b int32) bool { return better(b, a) })
	for i := range int32(len(scores)) {
		switch {
		case h.Len() < n:
			h.Push(i)
		case better(i, h.Top()):
			h.ReplaceTop(i)
		}
	}
	top := h.Values()
	slices.SortFunc(top, func(a, b int32) int {
		if better(a, b) {
			return -1
		}
		return 1
	})
	return top
}
