package server

import (
	"maps"
	"slices"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/export"
)

// entityResponse is yente's EntityResponse (an entity in FollowTheMoney
// form, https://followthemoney.tech), with shellnet's sources and
// listings beside it.
type entityResponse struct {
	ID         string              `json:"id"`
	Caption    string              `json:"caption"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"` // the IDs resolved into this one
	Target     bool                `json:"target"`    // on a sanctions list itself
	FirstSeen  *time.Time          `json:"first_seen"`
	LastSeen   *time.Time          `json:"last_seen"`
	LastChange *time.Time          `json:"last_change"`
	Sources    []graph.Source      `json:"sources"`
	Sanctions  []graph.Sanction    `json:"sanctions,omitempty"`
}

// ftmIdentifiers are the FtM properties of identifier schemes; the
// schemes not here keep their own name.
var ftmIdentifiers = export.FtMIdentifiers(export.FtMFull)

// identifierOrder are the schemes of ftmIdentifiers in order, so that
// identifiers are compared and chosen the same way every time.
var identifierOrder = slices.Sorted(maps.Keys(ftmIdentifiers))

// toFtM converts an entity as graph/export maps it to FtM (every
// property kept), with its caption, sources and listings beside it;
// merged_from becomes referents.
func toFtM(e *graph.Entity) entityResponse {
	f := export.FtMOf(e, export.FtMFull)
	out := entityResponse{ID: e.ID, Caption: e.Name, Schema: f.Schema, Properties: f.Properties, Datasets: f.Datasets,
		Referents: export.FtMValues(e.Props["merged_from"]), Target: e.Listed(), Sources: e.Sources, Sanctions: e.Sanctions}
	if out.Caption == "" {
		out.Caption = e.ID
	}
	if out.Datasets == nil {
		out.Datasets = []string{}
	}
	if out.Referents == nil {
		out.Referents = []string{}
	}
	if out.Sources == nil {
		out.Sources = []graph.Source{}
	}
	for _, s := range e.Sources {
		if s.Seen.IsZero() {
			continue
		}
		if out.FirstSeen == nil || s.Seen.Before(*out.FirstSeen) {
			out.FirstSeen = &s.Seen
		}
		if out.LastSeen == nil || s.Seen.After(*out.LastSeen) {
			out.LastSeen = &s.Seen
		}
	}
	out.LastChange = out.LastSeen
	return out
}
