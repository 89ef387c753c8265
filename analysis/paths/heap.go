package paths

// keyed is a node with its cost, in the queues of the bidirectional
// Dijkstra (entries made stale by a cheaper one are skipped when popped).
type keyed struct {
	k float64
	v int32
}

func (x keyed) less(y keyed) bool { return x.k < y.k }
