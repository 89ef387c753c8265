package ingest

import "iter"

// chunkSize is how many items one block of a chunks holds.
const chunkSize = 1 << 15

// chunks is a sequence kept in fixed-size blocks, so that growing it never
// copies what it already holds: a load keeps millions of links, and
// doubling a slice of them would copy each twice and stall the collector.
type chunks[T any] struct {
	blocks [][]T
	n      int
}

func (c *chunks[T]) add(v T) {
	if c.n == len(c.blocks)*chunkSize {
		c.blocks = append(c.blocks, make([]T, 0, chunkSize))
	}
	b := &c.blocks[len(c.blocks)-1]
	*b = append(*b, v)
	c.n++
}

func (c *chunks[T]) len() int { return c.n }

// at returns the i-th item; it panics if i is out of range.
func (c *chunks[T]) at(i int) *T { return &c.blocks[i/chunkSize][i%chunkSize] }

// all yields every item in order.
func (c *chunks[T]) all() iter.Seq[*T] {
	return func(yield func(*T) bool) {
		for _, b := range c.blocks {
			for i := range b {
				if !yield(&b[i]) {
					return
				}
			}
		}
	}
}

// keep compacts the sequence in place to the items keep reports true for,
// in order.
func (c *chunks[T]) keep(keep func(*T) bool) {
	n := 0
	for v := range c.all() {
		if keep(v) {
			*c.at(n) = *v
			n++
		}
	}
	c.truncate(n)
}

// truncate drops the items from n on, letting go of what they hold.
func (c *chunks[T]) truncate(n int) {
	if n >= c.n {
		return
	}
	nb := (n + chunkSize - 1) / chunkSize
	for i := nb; i < len(c.blocks); i++ {
		c.blocks[i] = nil
	}
	c.blocks = c.blocks[:nb]
	if nb > 0 {
		last := &c.blocks[nb-1]
		k := n - (nb-1)*chunkSize
		clear((*last)[k:])
		*last = (*last)[:k]
	}
	c.n = n
}
