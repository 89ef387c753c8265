package screen

import (
	"context"
	"fmt"

	"github.com/shellnet/shellnet/graph"
)

// delisting says, for a matched entity that a later release of a list no
// longer holds, when and by which release it was withdrawn (the
// properties ingest records on withdrawal: delisted, delisted_by,
// withdrawn_listings); "" for any other entity, or without a store.
func (s *Screener) delisting(ctx context.Context, u int32) string {
	if s.store == nil || s.sanctioned[u] {
		return ""
	}
	e, err := graph.Get(ctx, s.store, s.p.Nodes[u].ID)
	if err != nil {
		return ""
	}
	day, _ := e.Props["delisted"].(string)
	if day == "" {
		return ""
	}
	by, _ := e.Props["delisted_by"].(string)
	r := fmt.Sprintf("delisted on %s: %s no longer lists it", day, by)
	if was := e.Props["withdrawn_listings"]; was != nil {
		r += fmt.Sprintf(" (was %v)", was)
	}
	return r
}
