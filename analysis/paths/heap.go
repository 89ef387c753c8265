package paths

// minHeap is a binary min-heap of values keyed by float64, for Dijkstra's
// algorithm with lazy deletion.
type minHeap[T any] struct {
	keys []float64
	vals []T
}

func (h *minHeap[T]) len() int { return len(h.keys) }

func (h *minHeap[T]) push(k float64, v T) {
	h.keys = append(h.keys, k)
	h.vals = append(h.vals, v)
	for i := len(h.keys) - 1; i > 0; {
		up := (i - 1) / 2
		if h.keys[up] <= h.keys[i] {
			break
		}
		h.swap(i, up)
		i = up
	}
}

func (h *minHeap[T]) pop() (float64, T) {
	k, v := h.keys[0], h.vals[0]
	last := len(h.keys) - 1
	h.swap(0, last)
	h.keys, h.vals = h.keys[:last], h.vals[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.keys[l] < h.keys[m] {
			m = l
		}
		if r < last && h.keys[r] < h.keys[m] {
			m = r
		}
		if m == i {
			break
		}
		h.swap(i, m)
		i = m
	}
	return k, v
}

func (h *minHeap[T]) swap(i, j int) {
	h.keys[i], h.keys[j] = h.keys[j], h.keys[i]
	h.vals[i], h.vals[j] = h.vals[j], h.vals[i]
}
