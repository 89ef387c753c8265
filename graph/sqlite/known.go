package sqlite

import (
	"hash/maphash"
	"sync"
)

// written is the set of IDs this Store has written to one table (entities
// or links), kept as 64-bit hashes, so that an upsert of records that are
// certainly new skips the query for the stored ones.
//
// The set answers only while it covers the whole table: the table was
// empty at this Store's first write, and its highest row number is still
// the one this Store's last write left (rows are numbered in order and
// never deleted, so a row written by anyone else, another process or
// another Store on the same file, raises it). Once that fails the set is
// dropped for good and upserts query every ID, as they would without it.
// An ID in the set may also be a hash collision: such IDs are queried.
type written struct {
	mu    sync.Mutex
	began bool  // the first write was seen
	whole bool  // the set covers every row of the table
	top   int64 // the table's highest row number after the last write
	set   map[uint64]struct{}
}

var idSeed = maphash.MakeSeed()

func idHash(id string) uint64 { return maphash.String(idSeed, id) }

// covers reports whether the set covers a table whose highest row number,
// read in the current write transaction, is top.
func (w *written) covers(top int64) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.began {
		w.began, w.whole, w.top = true, top == 0, top
		if w.whole {
			w.set = map[uint64]struct{}{}
		}
	}
	if w.whole && top != w.top {
		w.whole, w.set = false, nil
	}
	return w.whole
}

// mayHave reports whether id may be stored: false only when it certainly is
// not. Call it only after covers returned true in the same transaction.
func (w *written) mayHave(id string) bool {
	_, ok := w.set[idHash(id)]
	return ok
}

// committed records the IDs a committed transaction added, and the table's
// highest row number after it. A transaction whose commit failed calls
// lost instead.
func (w *written) committed(ids []string, top int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.whole {
		return
	}
	for _, id := range ids {
		w.set[idHash(id)] = struct{}{}
	}
	w.top = top
}

// lost drops the set: a transaction ended in an unknown state.
func (w *written) lost() {
	w.mu.Lock()
	w.whole, w.set = false, nil
	w.mu.Unlock()
}
