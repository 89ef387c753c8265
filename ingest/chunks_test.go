package ingest

import "testing"

func TestChunks(t *testing.T) {
	var c chunks[int]
	const n = 3*chunkSize + 17
	for i := range n {
		c.add(i)
	}
	if c.len() != n || *c.at(chunkSize) != chunkSize || *c.at(n - 1) != n-1 {
		t.Fatalf("len %d, at(chunkSize) %d, at(n-1) %d", c.len(), *c.at(chunkSize), *c.at(n - 1))
	}
	c.keep(func(v *int) bool { return *v%3 == 0 })
	want := (n + 2) / 3
	if c.len() != want || len(c.blocks) != (want+chunkSize-1)/chunkSize {
		t.Fatalf("after keep: len %d (want %d), %d blocks", c.len(), want, len(c.blocks))
	}
	i := 0
	for v := range c.all() {
		if *v != 3*i {
			t.Fatalf("item %d is %d, want %d", i, *v, 3*i)
		}
		i++
	}
	if i != want {
		t.Fatalf("all yielded %d items, want %d", i, want)
	}
	c.add(-1)
	if *c.at(want) != -1 || c.len() != want+1 {
		t.Fatalf("add after keep: %d", *c.at(want))
	}
	c.keep(func(*int) bool { return false })
	if c.len() != 0 || len(c.blocks) != 0 {
		t.Fatalf("emptied: len %d, %d blocks", c.len(), len(c.blocks))
	}
	c.add(7)
	if *c.at(0) != 7 {
		t.Fatal("add after emptying")
	}
}
