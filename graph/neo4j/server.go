package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

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
// either direction) valid on asOf (every link when it is zero), one
// shortest path to it, found on the server by Neo4j's ANY SHORTEST search.
// Paths come shortest first, then by the listed entity's ID; each subgraph
// holds the path's entities from the seed on and its links in the same
// order.
func (s *Store) PathsToSanctioned(ctx context.Context, seed string, maxHops int, types []graph.LinkType, asOf time.Time) ([]graph.Subgraph, error) {
	pattern, err := typePattern(types)
	if err != nil {
		return nil, fmt.Errorf("graph/neo4j: paths to sanctioned: %w", err)
	}
	if maxHops <= 0 {
		return nil, nil
	}
	params := map[string]any{"seed": seed}
	rel := "[:" + pattern + "]"
	if !asOf.IsZero() {
		rel = "[r:" + pattern + " WHERE " + validCypher("r", "$day") + "]"
		params["day"] = asOf.Format("2006-01-02")
	}
	q := fmt.Sprintf(`MATCH p = ANY SHORTEST (s:Entity {id: $seed})-%s-{1,%d}(t:Entity WHERE t.listed = true AND t.id <> $seed)
RETURN [n IN nodes(p) | [%s]] AS nodes,
       [r IN relationships(p) | [%s]] AS rels
ORDER BY length(p), t.id`, rel, maxHops, entityCols("n"), linkCols("startNode(r)", "r", "endNode(r)"))
	var out []graph.Subgraph
	err = s.run(ctx, q, params, func(r *neo4j.Record) error {
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

// validCypher is the Cypher predicate that relationship r is valid on day (a
// YYYY-MM-DD string), as graph.Link.Valid says: its start (or, without a
// start, its date) is not after day and its end not before it, each
// compared as a possibly partial date (2016, 2016-05) with as much of day.
func validCypher(r, day string) string {
	notAfter := func(p string) string {
		v := "left(toString(" + r + "." + p + "), 10)"
		return "(" + r + "." + p + " IS NULL OR " + v + " = '' OR " + v + " <= left(" + day + ", size(" + v + ")))"
	}
	notBefore := func(p string) string {
		v := "left(toString(" + r + "." + p + "), 10)"
		return "(" + r + "." + p + " IS NULL OR " + v + " = '' OR " + v + " >= left(" + day + ", size(" + v + ")))"
	}
	hasStart := "(" + r + ".start IS NOT NULL AND toString(" + r + ".start) <> '')"
	return notAfter("start") + " AND " + notBefore("end") + " AND (" + hasStart + " OR " + notAfter("date") + ")"
}

// Project builds the in-memory projection from the flat properties alone
// (no JSON is decoded), streaming the entities and then the links of each
// type in one read transaction; if the driver runs the transaction again,
// the projection starts over.
func (s *Store) Project(ctx context.Context, opt graph.ProjectOptions) (*graph.Projection, error) {
	types := opt.Types
	if len(types) == 0 {
		types = graph.LinkTypes
	}
	var valid []graph.LinkType
	for _, t := range types {
		if checkType(t) == nil && !slices.Contains(valid, t) {
			valid = append(valid, t)
		}
	}
	nodeQ := `MATCH (e:Entity) RETURN e.id, e.name, e.kind, e.aliases, e.countries, e.tags, e.listed`
	params := map[string]any{}
	if len(opt.Kinds) > 0 {
		nodeQ = `MATCH (e:Entity) WHERE e.kind IN $kinds RETURN e.id, e.name, e.kind, e.aliases, e.countries, e.tags, e.listed`
		params["kinds"] = kindStrings(opt.Kinds)
	}
	p, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		b := graph.NewBuilder(0, 0)
		res, err := tx.Run(ctx, nodeQ, params)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			v := res.Record().Values
			id, _ := v[0].(string)
			name, _ := v[1].(string)
			kind, _ := v[2].(string)
			listed, _ := v[6].(bool)
			b.AddNode(graph.Node{ID: id, Name: name, Kind: graph.Kind(kind), Listed: listed}.WithLists(strs(v[3]), strs(v[4]), strs(v[5])))
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		for _, t := range valid {
			res, err := tx.Run(ctx, "MATCH (a:Entity)-[r:"+relType(t)+"]->(b:Entity) RETURN a.id, b.id, r.weight, r.start, r.end, r.date", nil)
			if err != nil {
				return nil, err
			}
			for res.Next(ctx) {
				v := res.Record().Values
				if !opt.AsOf.IsZero() && !validOn(v[3:6], opt.AsOf) {
					continue
				}
				from, _ := v[0].(string)
				to, _ := v[1].(string)
				b.AddLink(from, to, t, weight(v[2]))
			}
			if err := res.Err(); err != nil {
				return nil, err
			}
		}
		return b.Build(), nil
	})
	if err != nil {
		return nil, s.wrap("project", err)
	}
	return p.(*graph.Projection), nil
}

// validOn applies graph.Link.Valid to a link's start, end and date.
func validOn(startEndDate []any, day time.Time) bool {
	l := graph.Link{Props: map[string]any{}}
	for i, k := range []string{"start", "end", "date"} {
		if startEndDate[i] != nil {
			l.Props[k] = startEndDate[i]
		}
	}
	return l.Valid(day)
}

// weight is graph.LinkWeight of a link whose weight property is v: a
// number read back from JSON is a float64 there, and an int64 or a float64
// here.
func weight(v any) float32 {
	switch x := v.(type) {
	case float64:
		return float32(x)
	case int64:
		return float32(x)
	}
	return 1
}
