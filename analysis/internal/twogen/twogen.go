// Package twogen is a size-bounded cache for values that are costly to
// read again but cheap to keep for a while: the entities and links a
// long-lived screener reads from its store.
//
// It keeps two generations of entries, as sync.Pool keeps its primary and
// victim caches: new entries go into the young generation; when it is
// full, the old generation is dropped and the young one becomes old. A hit
// in the old generation moves the entry back to the young one, so entries
// in use survive and the cache never holds more than twice its
// generation's size, with no per-entry bookkeeping beside the two maps.
package twogen

import "sync"

// Cache maps keys to values, holding at most 2×size entries. It is safe for
// concurrent use; the zero value is not usable, New makes one.
type Cache[K comparable, V any] struct {
	mu         sync.Mutex
	size       int
	young, old map[K]V
	evicted    int64
}

// New returns a cache whose generations hold size entries each (at least
// one).
func New[K comparable, V any](size int) *Cache[K, V] {
	size = max(size, 1)
	return &Cache[K, V]{size: size, young: make(map[K]V)}
}

// Get returns the value cached for k.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.young[k]; ok {
		return v, true
	}
	v, ok := c.old[k]
	if ok {
		delete(c.old, k)
		c.put(k, v)
	}
	return v, ok
}

// Put caches v for k.
func (c *Cache[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.old, k)
	c.put(k, v)
}

func (c *Cache[K, V]) put(k K, v V) {
	if _, ok := c.young[k]; !ok && len(c.young) >= c.size {
		c.evicted += int64(len(c.old))
		c.old, c.young = c.young, make(map[K]V, c.size)
	}
	c.young[k] = v
}

// Len returns the number of entries cached, and the number dropped so far.
func (c *Cache[K, V]) Len() (entries int, evicted int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.young) + len(c.old), c.evicted
}
