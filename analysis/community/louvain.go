package community

import (
	"fmt"
	"math/rand/v2"

	"github.com/shellnet/shellnet/graph"
)

// LouvainOptions tunes Louvain.
type LouvainOptions struct {
	Resolution float64 // γ: above 1 favours smaller communities; 0 means 1
	Seed       uint64  // orders the nodes; the same seed gives the same partition
	Weighted   bool    // use link weights (summed over parallel links)
	// Threshold is the least gain in modularity for which a new level is
	// worth it; 0 means 1e-7, NetworkX's default.
	Threshold float64
}

// Louvain partitions p's undirected view into communities of high
// modularity (Blondel et al. 2008, doi:10.1088/1742-5468/2008/10/P10008)
// and returns the label of every node, numbered as Canonical numbers
// them, with the number of communities and the partition's modularity.
//
// Each level visits the nodes in an order drawn from Seed and moves each
// one to the neighbouring community with the largest gain
//
//	ΔQ ∝ k_{i,C} − γ·Σ_C·k_i/2m
//
// (k_{i,C}: weight from i into C; Σ_C: total degree of C; k_i: degree of
// i), revisiting the neighbours of moved nodes until no move gains; then each
// community becomes a node of the next level, whose edges sum the weights
// between communities, and the levels go on until a level gains less
// than Threshold. Finally the partition is refined from the top level
// down (see below). Each sweep costs O(n + m); the number of levels is
// small (logarithmic in practice). It runs on one processor, so the
// result depends on the seed alone.
func Louvain(p *graph.Projection, o LouvainOptions) (labels []int32, count int, q float64, err error) {
	if o.Resolution == 0 {
		o.Resolution = 1
	}
	if o.Threshold == 0 {
		o.Threshold = 1e-7
	}
	if o.Resolution < 0 {
		return nil, 0, 0, fmt.Errorf("analysis/community: louvain resolution %g: want a positive value", o.Resolution)
	}
	g := newUndirected(p, o.Weighted)
	n := g.n()
	labels = make([]int32, n)
	for i := range labels {
		labels[i] = int32(i)
	}
	for _, w := range g.w {
		if w < 0 {
			return nil, 0, 0, fmt.Errorf("analysis/community: louvain needs link weights of zero or more (drop --weighted, or fix the links' weight property)")
		}
	}
	r := rand.New(rand.NewPCG(o.Seed, 0x10a7a1))
	lv := newLevel(g)
	levels := []*level{lv}
	var ups [][]int32 // ups[i][u]: the node of level i+1 that level-i node u became
	best := g.modularity(labels, o.Resolution)
	for lv.total > 0 {
		comm, moved := lv.sweep(r, o.Resolution, nil)
		if !moved {
			break
		}
		next := make([]int32, n)
		for i, l := range labels {
			next[i] = comm[l]
		}
		nq := g.modularity(next, o.Resolution)
		if nq-best < o.Threshold {
			break
		}
		labels, best = next, nq
		ups = append(ups, comm)
		lv = lv.aggregate(comm)
		levels = append(levels, lv)
	}
	// Refine from the top level down (Rotta and Noack 2011,
	// doi:10.1145/1963190.1970376): at each level, start from the final
	// partition and move that level's nodes (whole sub-communities) where
	// they gain; this repairs nodes that an early level placed badly.
	if len(ups) > 0 {
		top := levels[len(levels)-1]
		cur := make([]int32, top.n())
		for i := range cur {
			cur[i] = int32(i)
		}
		for i := len(ups) - 1; i >= 0; i-- {
			part := make([]int32, levels[i].n())
			for u, up := range ups[i] {
				part[u] = cur[up]
			}
			cur, _ = levels[i].sweep(r, o.Resolution, part)
		}
		if nq := g.modularity(cur, o.Resolution); nq > best {
			labels, best = cur, nq
		}
	}
	count = Canonical(labels)
	return labels, count, best, nil
}

// level is the graph of one Louvain level: CSR adjacency without
// self-loops and each node's degree k, which counts the edges folded
// inside the node from both ends (they move with it, so they never change
// a gain and need no list of their own).
type level struct {
	off   []int32
	adj   []int32
	w     []float64
	k     []float64
	total float64 // 2m: Σ k
}

func newLevel(g *undirected) *level {
	n := g.n()
	lv := &level{off: g.off, adj: g.adj, w: g.w, k: make([]float64, n)}
	for u := range n {
		s := 0.0
		for j := g.off[u]; j < g.off[u+1]; j++ {
			s += g.w[j]
		}
		lv.k[u] = s
		lv.total += s
	}
	return lv
}

func (lv *level) n() int { return len(lv.k) }

// sweep moves nodes between communities, starting from init (nil: every
// node alone; else labels below n), until no node gains by moving, and
// returns the community of every node, numbered densely in order of first
// appearance, and whether any node moved.
//
// Nodes are visited from a queue that starts with every node in random
// order; when a node moves, its neighbours outside its new community are
// queued again, since only their gains changed (the pruning of Ozaki,
// Tezuka and Inaba 2016, doi:10.1109/ICACSIS.2016.7872740; Traag et al.'s
// fast local moving, doi:10.1038/s41598-019-41695-z). It reaches the same
// kind of local optimum as repeated full sweeps in a fraction of the visits.
func (lv *level) sweep(r *rand.Rand, gamma float64, init []int32) (comm []int32, moved bool) {
	n := lv.n()
	comm = make([]int32, n)
	tot := make([]float64, n) // Σ_C
	for i := range comm {
		comm[i] = int32(i)
		if init != nil {
			comm[i] = init[i]
		}
		tot[comm[i]] += lv.k[i]
	}
	queue := newRing(n)
	for _, x := range r.Perm(n) {
		queue.push(int32(x))
	}
	weight := make([]float64, n) // weight from the current node into each community
	mark := make([]bool, n)
	touched := make([]int32, 0, 64)
	m2 := lv.total
	for queue.len() > 0 {
		i := queue.pop()
		ki, old := lv.k[i], comm[i]
		touched = touched[:0]
		for j := lv.off[i]; j < lv.off[i+1]; j++ {
			c := comm[lv.adj[j]]
			if !mark[c] {
				mark[c] = true
				touched = append(touched, c)
			}
			weight[c] += lv.w[j]
		}
		tot[old] -= ki
		best, bestGain := old, weight[old]-gamma*tot[old]*ki/m2
		for _, c := range touched {
			if g := weight[c] - gamma*tot[c]*ki/m2; g > bestGain {
				best, bestGain = c, g
			}
		}
		tot[best] += ki
		for _, c := range touched {
			weight[c] = 0
			mark[c] = false
		}
		if best == old {
			continue
		}
		comm[i] = best
		moved = true
		for j := lv.off[i]; j < lv.off[i+1]; j++ {
			if x := lv.adj[j]; comm[x] != best {
				queue.push(x)
			}
		}
	}
	// number the communities densely
	dense := make([]int32, n)
	for i := range dense {
		dense[i] = -1
	}
	next := int32(0)
	for i, c := range comm {
		if dense[c] < 0 {
			dense[c] = next
			next++
		}
		comm[i] = dense[c]
	}
	return comm, moved
}

// ring is a FIFO queue of distinct nodes: pushing a queued node does nothing.
type ring struct {
	buf        []int32
	queued     []bool
	head, size int
}

func newRing(n int) *ring { return &ring{buf: make([]int32, max(n, 1)), queued: make([]bool, n)} }

func (q *ring) len() int { return q.size }

func (q *ring) push(x int32) {
	if q.queued[x] {
		return
	}
	q.queued[x] = true
	q.buf[(q.head+q.size)%len(q.buf)] = x
	q.size++
}

func (q *ring) pop() int32 {
	x := q.buf[q.head]
	q.head = (q.head + 1) % len(q.buf)
	q.size--
	q.queued[x] = false
	return x
}

// aggregate returns the next level, in which community c of comm (numbered
// densely) is node c.
func (lv *level) aggregate(comm []int32) *level {
	n := lv.n()
	k := 0
	for _, c := range comm {
		k = max(k, int(c)+1)
	}
	// members of each community, by counting sort
	start := make([]int32, k+1)
	for _, c := range comm {
		start[c+1]++
	}
	for c := range k {
		start[c+1] += start[c]
	}
	members := make([]int32, n)
	fill := append([]int32(nil), start[:k]...)
	for i, c := range comm {
		members[fill[c]] = int32(i)
		fill[c]++
	}
	next := &level{off: make([]int32, k+1), k: make([]float64, k), total: lv.total}
	weight := make([]float64, k)
	mark := make([]bool, k)
	var touched []int32
	for c := range int32(k) {
		touched = touched[:0]
		for _, u := range members[start[c]:start[c+1]] {
			next.k[c] += lv.k[u]
			for j := lv.off[u]; j < lv.off[u+1]; j++ {
				d := comm[lv.adj[j]]
				if d == c {
					continue
				}
				if !mark[d] {
					mark[d] = true
					touched = append(touched, d)
				}
				weight[d] += lv.w[j]
			}
		}
		for _, d := range touched {
			next.adj = append(next.adj, d)
			next.w = append(next.w, weight[d])
			weight[d] = 0
			mark[d] = false
		}
		next.off[c+1] = int32(len(next.adj))
	}
	return next
}
