// Package heapq is the binary min-heap that the analyses' searches share:
// Dijkstra's and A*'s open sets, best-first path enumeration, Yen's
// candidate pool and top-n selection. It keeps values of one type in a
// slice ordered by a less function, like container/heap (Williams' binary
// heap, CACM 7(6), 1964) but typed, so that pushes and pops convert
// nothing to interfaces.
package heapq

// Heap is a binary min-heap of T ordered by less, a strict weak order:
// Pop returns a smallest value. Values that tie leave in an order fixed by
// the sequence of pushes and pops, so a search that uses it is
// deterministic. Make one with New; the zero Heap panics on Push.
type Heap[T any] struct {
	s    []T
	less func(a, b T) bool
}

// New returns an empty heap ordered by less.
func New[T any](less func(a, b T) bool) Heap[T] { return Heap[T]{less: less} }

// Len returns the number of values in h.
func (h *Heap[T]) Len() int { return len(h.s) }

// Reset empties h, keeping its storage for the next search.
func (h *Heap[T]) Reset() { h.s = h.s[:0] }

// Push adds x to h in O(log n).
func (h *Heap[T]) Push(x T) {
	h.s = append(h.s, x)
	h.up(len(h.s) - 1)
}

// Top returns a smallest value of h without removing it; it panics when h
// is empty.
func (h *Heap[T]) Top() T { return h.s[0] }

// Pop removes and returns a smallest value of h in O(log n); it panics
// when h is empty.
func (h *Heap[T]) Pop() T {
	s := h.s
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	h.s = s[:last]
	h.down(0)
	return top
}

// ReplaceTop replaces a smallest value of h by x in O(log n): a Pop and a
// Push in one pass. It panics when h is empty.
func (h *Heap[T]) ReplaceTop(x T) {
	h.s[0] = x
	h.down(0)
}

// Values returns h's values in heap order (the first is a smallest); the
// slice is h's own, valid until the next Push, Pop or ReplaceTop.
func (h *Heap[T]) Values() []T { return h.s }

func (h *Heap[T]) up(i int) {
	s := h.s
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(s[i], s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *Heap[T]) down(i int) {
	s := h.s
	n := len(s)
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.less(s[l], s[m]) {
			m = l
		}
		if r < n && h.less(s[r], s[m]) {
			m = r
		}
		if m == i {
			return
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
}
