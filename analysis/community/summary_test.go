package community

import (
	"encoding/json"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

func TestSummarize(t *testing.T) {
	b := graph.NewBuilder(6, 5)
	for _, n := range []graph.Node{
		graph.Node{ID: "rgb", Name: "Reconnaissance General Bureau", Kind: graph.Organization, Listed: true}.WithLists(nil, []string{"KP"}, nil),
		graph.Node{ID: "glocom", Name: "Glocom", Kind: graph.Company}.WithLists(nil, []string{"MY"}, nil),
		graph.Node{ID: "front-cn", Name: "Front CN", Kind: graph.Company}.WithLists(nil, []string{"CN"}, nil),
		graph.Node{ID: "igs", Name: "IGS", Kind: graph.Company}.WithLists(nil, []string{"MY"}, nil),
		graph.Node{ID: "vendor-apple", Name: "Apple Inc.", Kind: graph.Company}.WithLists(nil, []string{"US"}, nil),
		graph.Node{ID: "reseller-us-1", Name: "Reseller", Kind: graph.Company}.WithLists(nil, []string{"US"}, nil),
	} {
		b.AddNode(n)
	}
	b.AddLink("glocom", "rgb", graph.Represents, 1)
	b.AddLink("rgb", "front-cn", graph.Owns, 1)
	b.AddLink("igs", "glocom", graph.Represents, 1)
	b.AddLink("vendor-apple", "reseller-us-1", graph.Supplies, 1)
	p := b.Build()
	labels, count := Components(p)
	got := Summarize(p, labels, count, SummaryOptions{Blocked: map[string]bool{"front-cn": true}, Top: 2})
	data, _ := json.Marshal(got)
	want := `[{"id":0,"size":4,"members":["front-cn","glocom","igs","rgb"],"listed":["rgb"],"blocked":["front-cn"],"countries":{"CN":1,"KP":1,"MY":2},"kinds":{"Company":3,"Organization":1},"central":[{"id":"glocom","name":"Glocom","kind":"Company","score":2},{"id":"rgb","name":"Reconnaissance General Bureau","kind":"Organization","score":2}]},` +
		`{"id":1,"size":2,"members":["reseller-us-1","vendor-apple"],"listed":[],"blocked":[],"countries":{"US":2},"kinds":{"Company":2},"central":[{"id":"reseller-us-1","name":"Reseller","kind":"Company","score":1},{"id":"vendor-apple","name":"Apple Inc.","kind":"Company","score":1}]}]`
	if string(data) != want {
		t.Errorf("got  %s\nwant %s", data, want)
	}
	if lim := Summarize(p, labels, count, SummaryOptions{Limit: 1}); len(lim) != 1 || lim[0].Size != 4 {
		t.Errorf("limit 1: %+v", lim)
	}
}
