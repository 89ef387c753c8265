package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// Neighbourhood returns the entities within hops of seeds and the links
// among them, computed on the server so that only the subgraph is read. It
// returns what graph.Neighbourhood's generic walk returns: the links (of
// f.Types, in f.Datasets, valid on f.AsOf) that touch an entity fewer than
// hops links away from a seed, their ends, and the seeds.
//
// Without f.AsOf this is one query: a variable-length match bounded by
// hops-1 finds the entities to expand (Neo4j prunes it breadth-first since
// only distinct ends are kept), and their links are returned. With f.AsOf,
// whose date rules live in graph.Link.Valid, the walk goes one hop per
// query on the server and the dates are checked here before expanding.
func (s *Store) Neighbourhood(ctx context.Context, seeds []string, hops int, f graph.Filter) (graph.Subgraph, error) {
	pattern, err := typePattern(f.Types)
	if err != nil {
		return graph.Subgraph{}, fmt.Errorf("graph/neo4j: neighbourhood: %w", err)
	}
	seen := map[string]bool{}
	var frontier []string
	for _, id := range seeds {
		if !seen[id] {
			seen[id] = true
			frontier = append(frontier, id)
		}
	}
	links := map[string]graph.Link{}
	add := func(l graph.Link) {
		links[l.ID] = l
		seen[l.From], seen[l.To] = true, true
	}
	keep := func(l *graph.Link) bool { return inDatasets(l.Sources, f.Datasets) && l.Valid(f.AsOf) }
	switch {
	case hops <= 0 || len(frontier) == 0:
	case f.AsOf.IsZero():
		dsRel := "true"
		if len(f.Datasets) > 0 {
			dsRel = "any(d IN r.datasets WHERE d IN $ds)"
		}
		q := fmt.Sprintf(`UNWIND $seeds AS sid
MATCH (s:Entity {id: sid})
MATCH (s)-[rs:%[1]s*0..%[2]d]-(a:Entity)
WHERE all(r IN rs WHERE %[3]s)
WITH DISTINCT a
MATCH (a)-[r:%[1]s]-(:Entity)
WHERE %[3]s
WITH DISTINCT r
MATCH (x)-[r]->(y)
RETURN %[4]s`, pattern, hops-1, dsRel, linkCols("x", "r", "y"))
		err := s.run(ctx, q, map[string]any{"seeds": frontier, "ds": f.Datasets}, func(r *neo4j.Record) error {
			l, err := decodeLink(r.Values)
			if err == nil {
				add(l)
			}
			return err
		})
		if err != nil {
			return graph.Subgraph{}, s.wrap("neighbourhood", err)
		}
	default:
		types := f.Types
		if len(types) == 0 {
			types = graph.LinkTypes
		}
		for h := 0; h < hops && len(frontier) > 0; h++ {
			ls, err := s.linksTouching(ctx, frontier, types, keep)
			if err != nil {
				return graph.Subgraph{}, s.wrap("neighbourhood", err)
			}
			var next []string
			for _, l := range ls {
				for _, end := range []string{l.From, l.To} {
					if !seen[end] {
						next = append(next, end)
					}
				}
				add(l)
			}
			frontier = next
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	var sg graph.Subgraph
	if err := s.Entities(ctx, graph.Filter{IDs: ids}, func(e graph.Entity) error {
		sg.Entities = append(sg.Entities, e)
		return nil
	}); err != nil {
		return graph.Subgraph{}, err
	}
	for _, l := range links {
		sg.Links = append(sg.Links, l)
	}
	slices.SortFunc(sg.Links, func(a, b graph.Link) int { return strings.Compare(a.ID, b.ID) })
	return sg, nil
}

// PathsToSanctioned returns, for each listed entity within maxHops links of
// seed over links of the given types (every type when none is given,
// either direction), one shortest path to it, found on the server by
// Neo4j's ANY SHORTEST search. Paths come shortest first, then by the
// listed entity's ID; each subgraph holds the path's entities from the
// seed on and its links in the same order.
func (s *Store) PathsToSanctioned(ctx context.Context, seed string, maxHops int, types []graph.LinkType) ([]graph.Subgraph, error) {
	pattern, err := typePattern(types)
	if err != nil {
		return nil, fmt.Errorf("graph/neo4j: paths to sanctioned: %w", err)
	}
	if maxHops <= 0 {
		return nil, nil
	}
	q := fmt.Sprintf(`MATCH p = ANY SHORTEST (s:Entity {id: $seed})-[:%s]-{1,%d}(t:Entity WHERE t.listed = true AND t.id <> $seed)
RETURN [n IN nodes(p) | [%s]] AS nodes,
       [r IN relationships(p) | [%s]] AS rels
ORDER BY length(p), t.id`, pattern, maxHops, entityCols("n"), linkCols("startNode(r)", "r", "endNode(r)"))
	var out []graph.Subgraph
	err = s.run(ctx, q, map[string]any{"seed": seed}, func(r *neo4j.Record) error {
		var sg graph.Subgraph
		nodes, _ := r.Values[0].([]any)
		for _, n := range nodes {
			vals, _ := n.([]any)
			e, err := decodeEntity(vals)
			if err != nil {
				return err
			}
			sg.Entities = append(sg.Entities, e)
		}
		rels, _ := r.Values[1].([]any)
		for _, rel := range rels {
			vals, _ := rel.([]any)
			l, err := decodeLink(vals)
			if err != nil {
				return err
			}
			sg.Links = append(sg.Links, l)
		}
		out = append(out, sg)
		return nil
	})
	if err != nil {
		return nil, s.wrap("paths to sanctioned", err)
	}
	return out, nil
}

// projPage is the number of rows per query when projecting; the rows are
// small (ids and a few flat properties).
const projPage = 20000

// Project builds the in-memory projection from the flat properties alone
// (no JSON is decoded): entities by id pages, then each link type by id
// pages through its index.
func (s *Store) Project(ctx context.Context, opt graph.ProjectOptions) (*graph.Projection, error) {
	b := graph.NewBuilder(0, 0)
	q := `MATCH (e:Entity) WHERE e.id > $after`
	params := map[string]any{"after": "", "n": projPage}
	if len(opt.Kinds) > 0 {
		q += ` AND e.kind IN $kinds`
		params["kinds"] = kindStrings(opt.Kinds)
	}
	q += ` RETURN e.id, e.name, e.kind, e.aliases, e.countries, e.tags, e.listed ORDER BY e.id LIMIT $n`
	for {
		n := 0
		err := s.run(ctx, q, params, func(r *neo4j.Record) error {
			v := r.Values
			id, _ := v[0].(string)
			name, _ := v[1].(string)
			kind, _ := v[2].(string)
			listed, _ := v[6].(bool)
			b.AddNode(graph.Node{ID: id, Name: name, Kind: graph.Kind(kind), Aliases: strs(v[3]), Countries: strs(v[4]), Tags: strs(v[5]), Listed: listed})
			params["after"] = id
			n++
			return nil
		})
		if err != nil {
			return nil, s.wrap("project entities", err)
		}
		if n < projPage {
			break
		}
	}
	types := opt.Types
	if len(types) == 0 {
		types = graph.LinkTypes
	}
	for _, t := range types {
		if checkType(t) != nil {
			continue
		}
		q := "MATCH (a:Entity)-[r:" + relType(t) + "]->(b:Entity) WHERE r.id > $after RETURN r.id, a.id, b.id, r.weight, r.start, r.end, r.date ORDER BY r.id LIMIT $n"
		params := map[string]any{"after": "", "n": projPage}
		for {
			n := 0
			err := s.run(ctx, q, params, func(r *neo4j.Record) error {
				v := r.Values
				params["after"], _ = v[0].(string)
				n++
				from, _ := v[1].(string)
				to, _ := v[2].(string)
				if !opt.AsOf.IsZero() {
					l := graph.Link{Props: map[string]any{}}
					for i, k := range []string{"start", "end", "date"} {
						if v[4+i] != nil {
							l.Props[k] = v[4+i]
						}
					}
					if !l.Valid(opt.AsOf) {
						return nil
					}
				}
				w := float32(1)
				switch x := v[3].(type) {
				case float64:
					w = float32(x)
				case int64:
					w = float32(x)
				}
				b.AddLink(from, to, t, w)
				return nil
			})
			if err != nil {
				return nil, s.wrap("project links", err)
			}
			if n < projPage {
				break
			}
		}
	}
	return b.Build(), nil
}
