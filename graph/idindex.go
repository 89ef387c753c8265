package graph

import (
	"hash/maphash"
	"slices"
	"strings"
)

// idIndex finds a node by its ID. Nodes in strictly increasing ID order,
// as every projection a store or a snapshot gives has them, are found by
// binary search and need no table: on 1M nodes a lookup costs about 20
// string comparisons, and the projection 16 MB less. Other orders get an
// open-addressing hash table (linear probing, at most half full) whose
// slots hold a node's position and the high bits of its ID's hash, so
// that a probe reads a node only when the hashes agree: building it
// hashes each ID once and fills one []uint64, where a map[string]int32 of
// a million IDs costs several times more to build. Read-only once built,
// so safe for concurrent readers.
type idIndex struct {
	sorted bool // the nodes' IDs increase strictly: no table
	seed   maphash.Seed
	slots  []uint64 // hash>>32<<32 | position+1; 0 for an empty slot
	mask   uint64
}

// newIDIndex indexes nodes by ID; of nodes sharing an ID, the last counts.
func newIDIndex(nodes []Node) idIndex {
	increasing := true
	for i := 1; i < len(nodes) && increasing; i++ {
		increasing = nodes[i-1].ID < nodes[i].ID
	}
	if increasing {
		return idIndex{sorted: true}
	}
	size := uint64(1)
	for size < 2*uint64(len(nodes)) {
		size <<= 1
	}
	ix := idIndex{seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: size - 1}
	for i := range nodes {
		h := maphash.String(ix.seed, nodes[i].ID)
		tag := h >> 32 << 32
		for j := h & ix.mask; ; j = (j + 1) & ix.mask {
			s := ix.slots[j]
			if s == 0 || (s>>32<<32 == tag && nodes[uint32(s)-1].ID == nodes[i].ID) {
				ix.slots[j] = tag | uint64(i+1)
				break
			}
		}
	}
	return ix
}

// find returns the position in nodes (those the index was built from) of
// the node with the given ID.
func (ix *idIndex) find(nodes []Node, id string) (int32, bool) {
	if ix.sorted {
		i, ok := slices.BinarySearchFunc(nodes, id, func(n Node, id string) int { return strings.Compare(n.ID, id) })
		return int32(i), ok
	}
	if len(ix.slots) == 0 {
		return 0, false
	}
	h := maphash.String(ix.seed, id)
	tag := h >> 32 << 32
	for j := h & ix.mask; ; j = (j + 1) & ix.mask {
		s := ix.slots[j]
		if s == 0 {
			return 0, false
		}
		if s>>32<<32 == tag {
			if i := int32(uint32(s) - 1); nodes[i].ID == id {
				return i, true
			}
		}
	}
}
