package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/graph"
)

// focusFlags select part of the graph: --focus SEL with --hops H.
func focusFlags(defaultHops int) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "focus", Usage: "entities to centre on, as a selector (`SEL`: id:X name:TEXT tag:T kind:K country:CC)"},
		&cli.IntFlag{Name: "hops", Usage: "how many links out from the focus to include", Value: defaultHops},
	}
}

// selectEntities returns the IDs of the stored entities that sel matches.
func selectEntities(ctx context.Context, s graph.Store, sel graph.Selector) ([]string, error) {
	if len(sel.Terms) == 1 && sel.Terms[0].Field == "id" {
		if _, err := graph.Get(ctx, s, sel.Terms[0].Value); err != nil {
			return nil, err
		}
		return []string{sel.Terms[0].Value}, nil
	}
	var f graph.Filter
	for _, t := range sel.Terms {
		if t.Field == "kind" {
			f.Kinds = append(f.Kinds, graph.Kind(t.Value))
		}
	}
	var ids []string
	err := s.Entities(ctx, f, func(e graph.Entity) error {
		if sel.Match(&e) {
			ids = append(ids, e.ID)
		}
		return nil
	})
	return ids, err
}

// subgraphFor returns the whole store, or with --focus the neighbourhood of
// the selected entities (read on the server when the store can).
func subgraphFor(c *cli.Context, s graph.Store, asOf graph.Filter) (graph.Subgraph, error) {
	ctx := c.Context
	if c.String("focus") == "" {
		var sg graph.Subgraph
		if err := s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error { sg.Entities = append(sg.Entities, e); return nil }); err != nil {
			return sg, err
		}
		err := s.Links(ctx, asOf, func(l graph.Link) error { sg.Links = append(sg.Links, l); return nil })
		return sg, err
	}
	sel, err := graph.ParseSelector(c.String("focus"))
	if err != nil {
		return graph.Subgraph{}, withCode(exitUsage, err)
	}
	ids, err := selectEntities(ctx, s, sel)
	if err != nil {
		return graph.Subgraph{}, err
	}
	if len(ids) == 0 {
		return graph.Subgraph{}, fmt.Errorf("--focus %q matches no entity (try shellnet search)", c.String("focus"))
	}
	return graph.Neighbourhood(ctx, s, ids, c.Int("hops"), asOf)
}
