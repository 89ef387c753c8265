package screen

import (
	"context"
	"fmt"
)

// delisting says, for a matched entity that a later release of a list no
// longer holds, when and by which release it was withdrawn (the
// properties ingest records on withdrawal: delisted, delisted_by,
// withdrawn_listings), read through the snapshot; "" for any other entity.
func (s *Screener) delisting(ctx context.Context, u int32) string {
	if s.sanctioned[u] {
		return ""
	}
	e, err := s.Entity(ctx, s.p.Nodes[u].ID)
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
