package screen

import (
	"context"
	"fmt"

	"github.com/shellnet/shellnet/graph"
)

// delisting says, for a matched entity that a later release of a list no
// longer holds, when and by which release it was withdrawn, read through
// the snapshot; "" for any other entity.
func (s *Screener) delisting(ctx context.Context, u int32) string {
	if s.sanctioned[u] {
		return ""
	}
	e, err := s.Entity(ctx, s.p.Nodes[u].ID)
	if err != nil {
		return ""
	}
	return Delisting(e)
}

// Delisting says when and by which release e lost its last listing, from
// the properties ingest records on a withdrawal (delisted, delisted_by,
// withdrawn_listings): "delisted on DAY: RELEASE no longer lists it (was
// LISTINGS)"; "" for an entity never delisted. A screening gives it among
// its reasons, a re-screening among the causes of a change.
func Delisting(e graph.Entity) string {
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
