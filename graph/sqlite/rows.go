package sqlite

import (
	"context"
	"sync"
)

// rowCache remembers the row numbers of entity IDs, which never change once
// written (entities are never deleted), so that writing links need not ask
// SQLite for the row of every end. Only committed rows are added. It is
// cleared when full, to bound its memory (about 60 bytes an entry).
type rowCache struct {
	mu sync.RWMutex
	m  map[string]int64
}

const rowCacheMax = 1 << 21

func (c *rowCache) get(id string) (int64, bool) {
	c.mu.RLock()
	n, ok := c.m[id]
	c.mu.RUnlock()
	return n, ok
}

func (c *rowCache) addAll(m map[string]int64) {
	if len(m) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(m) > rowCacheMax {
		c.m = make(map[string]int64, min(len(m), rowCacheMax))
	}
	for id, n := range m {
		if len(c.m) >= rowCacheMax {
			break
		}
		c.m[id] = n
	}
}

// rows maps entity IDs to their row numbers, from the cache or else from
// SQLite; IDs not stored are absent.
func (s *Store) rows(ctx context.Context, q querier, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	var miss []string
	for _, id := range ids {
		if n, ok := s.rowc.get(id); ok {
			out[id] = n
		} else {
			miss = append(miss, id)
		}
	}
	if len(miss) == 0 {
		return out, nil
	}
	found, err := entityRows(ctx, q, miss)
	if err != nil {
		return nil, err
	}
	for id, n := range found {
		out[id] = n
	}
	s.rowc.addAll(found)
	return out, nil
}
