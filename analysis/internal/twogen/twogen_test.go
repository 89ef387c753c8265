package twogen

import (
	"sync"
	"testing"
)

// TestBound: a cache of generations of 4 never holds more than 8 entries,
// keeps the last 4 put, and drops the rest as whole generations.
func TestBound(t *testing.T) {
	c := New[int, int](4)
	for i := range 100 {
		c.Put(i, i*i)
		if n, _ := c.Len(); n > 8 {
			t.Fatalf("after %d puts the cache holds %d entries, want at most 8", i+1, n)
		}
	}
	for i := 96; i < 100; i++ {
		if v, ok := c.Get(i); !ok || v != i*i {
			t.Errorf("Get(%d) = %d, %v; want %d, true", i, v, ok, i*i)
		}
	}
	if _, ok := c.Get(0); ok {
		t.Error("Get(0) found an entry 99 puts old")
	}
	n, evicted := c.Len()
	if int64(n)+evicted != 100 {
		t.Errorf("%d cached + %d dropped, want 100 in all", n, evicted)
	}
}

// TestHitSurvives: an entry read while old moves back to the young
// generation and outlives the entries put around it.
func TestHitSurvives(t *testing.T) {
	c := New[string, int](2)
	c.Put("kept", 1)
	c.Put("a", 2)
	c.Put("b", 3) // "kept" and "a" are old now
	if _, ok := c.Get("kept"); !ok {
		t.Fatal("kept is gone after one generation")
	}
	c.Put("c", 4) // the old generation ("a") is dropped
	if _, ok := c.Get("kept"); !ok {
		t.Error("kept, read while old, was dropped with its generation")
	}
	if _, ok := c.Get("a"); ok {
		t.Error("a, never read, outlived two generations")
	}
}

// TestConcurrent runs readers and writers together (go test -race).
func TestConcurrent(t *testing.T) {
	c := New[int, int](64)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				k := (i * (g + 1)) % 500
				if v, ok := c.Get(k); ok && v != -k {
					t.Errorf("Get(%d) = %d, want %d", k, v, -k)
					return
				}
				c.Put(k, -k)
			}
		})
	}
	wg.Wait()
	if n, _ := c.Len(); n > 128 {
		t.Errorf("%d entries, want at most 128", n)
	}
}
