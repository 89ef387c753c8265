package neo4j

import (
	"context"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/shellnet/shellnet/graph"
)

// TestLinkEndsByElementID checks that a Store remembers the element IDs of
// the entities it creates, that the statement creating links between them
// seeks the ends by element ID (not through the :Entity(id) index), and
// that element IDs gone stale (the database emptied and filled again by
// another Store) make the links be written through the index instead, with
// the right ends.
func TestLinkEndsByElementID(t *testing.T) {
	ctx := context.Background()
	a := openTest(t)
	es := []graph.Entity{
		{ID: "x", Kind: graph.Company, Name: "X Ltd"},
		{ID: "y", Kind: graph.Company, Name: "Y Ltd"},
	}
	if err := a.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	a.known.mu.Lock()
	fa, ta := a.known.ids["x"], a.known.ids["y"]
	a.known.mu.Unlock()
	if fa == "" || ta == "" || fa == ta {
		t.Fatalf("element IDs remembered for x and y: %q, %q; want two different ones", fa, ta)
	}

	sess := a.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	// the ends' look-up alone: the driver's Plan.Children gives the last
	// child for every child of an operator with two (SubqueryForeach,
	// CartesianProduct)
	res, err := sess.Run(ctx, "EXPLAIN UNWIND $rows AS row "+linkEndsMatch(true)+" RETURN a.id, b.id", map[string]any{
		"rows": []map[string]any{{"from": "x", "to": "y", "fa": fa, "ta": ta, "p": map[string]any{"id": "l"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ops := planOperators(sum.Plan())
	seeks := 0
	for _, op := range ops {
		if strings.HasPrefix(op, "NodeByElementIdSeek") {
			seeks++
		}
		if strings.HasPrefix(op, "NodeUniqueIndexSeek") || strings.HasPrefix(op, "NodeIndexSeek") || strings.HasPrefix(op, "AllNodesScan") {
			t.Errorf("link create by element ID plans %s: %v", op, ops)
		}
	}
	if seeks == 0 { // not counted: the driver's copies of one child stand for the others
		t.Errorf("link create by element ID: no NodeByElementIdSeek operator: %v", ops)
	}

	// another Store empties the database and stores the same IDs again,
	// after another entity, so that a's element IDs name other nodes or
	// none
	b := openTest(t)
	if err := b.UpsertEntities(ctx, []graph.Entity{{ID: "filler", Kind: graph.Person, Name: "Filler"}}); err != nil {
		t.Fatal(err)
	}
	if err := b.UpsertEntities(ctx, []graph.Entity{es[1], es[0]}); err != nil {
		t.Fatal(err)
	}
	if err := a.UpsertLinks(ctx, []graph.Link{{From: "x", To: "y", Type: graph.Owns}}); err != nil {
		t.Fatalf("upsert link with stale element IDs: %v", err)
	}
	var got [][2]string
	err = a.run(ctx, `MATCH (f:Entity)-[r]->(t:Entity) RETURN f.id, t.id`, nil, func(r *neo4j.Record) error {
		got = append(got, [2]string{r.Values[0].(string), r.Values[1].(string)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != [2]string{"x", "y"} {
		t.Errorf("links after a write with stale element IDs: %v, want one from x to y", got)
	}
}

// planOperators lists the operator types of a plan, depth first.
func planOperators(p neo4j.Plan) []string {
	if p == nil {
		return nil
	}
	out := []string{p.Operator()}
	for _, c := range p.Children() {
		out = append(out, planOperators(c)...)
	}
	return out
}
