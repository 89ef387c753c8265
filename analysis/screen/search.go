package screen

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// Hit is one entity found by Search, as the search command's JSON lists it.
type Hit struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Kind    graph.Kind `json:"kind"`
	Score   float64    `json:"score"`
	Matched string     `json:"matched"` // the name or alias that matched, or "scheme:value" of an identifier
}

// SearchOptions are the options of the snapshot Search needs: every
// entity, and links of one rare type only (names are all it reads).
func SearchOptions() snapshot.Options {
	return snapshot.Options{Types: []graph.LinkType{graph.SameAs}}
}

// Search finds the entities of snap whose name or alias is close to text
// (any kind of entity the snapshot's name index holds: parties,
// addresses, accounts, vessels…), and those carrying one of the
// identifiers keys (exact; score 1), best first, at most limit of them.
// Ties are broken by ID. snap is best built with SearchOptions; on a
// screening snapshot (SnapshotOptions) it finds parties only, as the
// screening server's search does.
func Search(ctx context.Context, snap *snapshot.Snapshot, text string, keys []graph.IdentKey, limit int) ([]Hit, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("screen: search limit %d: want 1 or more", limit)
	}
	p := snap.Projection()
	best := map[string]Hit{}
	add := func(h Hit) {
		if old, ok := best[h.ID]; !ok || h.Score > old.Score {
			best[h.ID] = h
		}
	}
	if len(keys) > 0 {
		found, err := snap.Lookup(ctx, keys)
		if err != nil {
			return nil, fmt.Errorf("screen: search identifiers: %w", err)
		}
		for k, id := range found {
			h := Hit{ID: id, Score: 1, Matched: k.Scheme + ":" + k.Value}
			if i, ok := p.Index(id); ok {
				h.Name, h.Kind = p.Nodes[i].Name, p.Nodes[i].Kind
			}
			if old, ok := best[id]; !ok || old.Matched > h.Matched { // deterministic among several keys
				best[id] = h
			}
		}
	}
	for _, m := range snap.Names().Search(text, limit) {
		n := &p.Nodes[m.Node]
		add(Hit{ID: n.ID, Name: n.Name, Kind: n.Kind, Score: round4(m.Score), Matched: m.Name})
	}
	out := make([]Hit, 0, len(best))
	for _, h := range best {
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b Hit) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
