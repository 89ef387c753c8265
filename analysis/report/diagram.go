package report

import (
	"context"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/render"
)

// MarkLabel is how a hop's policy mark is written on a diagram: "restricted
// (US)" or "loophole (CN)"; "" for marks not worth drawing (allowed,
// unassessed, not a trade hop).
func MarkLabel(m *paths.Mark) string {
	if m == nil || (m.Status != paths.Restricted && m.Status != paths.Loophole) {
		return ""
	}
	if m.Jurisdiction == "" {
		return m.Status
	}
	return m.Status + " (" + m.Jurisdiction + ")"
}

// PathsSubgraph returns what draws evidence paths: the entities on them, read
// from snap's evidence (so that labels show listings), the store links behind
// every hop, and render options with the paths bold and every restricted or
// loophole hop marked. Hops with no store link behind them are drawn from the
// evidence.
func PathsSubgraph(ctx context.Context, snap *snapshot.Snapshot, evs []paths.Evidence) (graph.Subgraph, render.Options, error) {
	opt := render.Options{Marks: map[string]string{}, Blocked: map[string]bool{}}
	var ids []string
	var links []graph.Link
	seen := map[string]bool{}
	for _, ev := range evs {
		route := make([]string, len(ev.Nodes))
		for i, n := range ev.Nodes {
			route[i] = n.ID
			ids = append(ids, n.ID)
			if n.Blocked {
				opt.Blocked[n.ID] = true
			}
		}
		opt.Paths = append(opt.Paths, route)
		for _, h := range ev.Links {
			recs := h.Records()
			if len(recs) == 0 {
				recs = []graph.Link{{ID: graph.LinkID(h.From, h.Type, h.To), From: h.From, To: h.To, Type: h.Type}}
			}
			for _, l := range recs {
				if !seen[l.ID] {
					seen[l.ID] = true
					links = append(links, l)
				}
			}
			if m := MarkLabel(h.Policy); m != "" {
				key := render.LinkKey(h.From, h.Type, h.To)
				if old, ok := opt.Marks[key]; !ok || gravity(m) > gravity(old) {
					opt.Marks[key] = m
				}
			}
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	sg := graph.Subgraph{Links: links}
	err := snap.Entities(ctx, ids, func(e graph.Entity) error {
		sg.Entities = append(sg.Entities, e)
		return nil
	})
	if err != nil {
		return sg, opt, fmt.Errorf("analysis/report: entities of the paths: %w", err)
	}
	return sg, opt, nil
}

// gravity orders drawn marks: a restricted hop outranks a loophole.
func gravity(mark string) int {
	if len(mark) >= len(paths.Restricted) && mark[:len(paths.Restricted)] == paths.Restricted {
		return 2
	}
	return 1
}
