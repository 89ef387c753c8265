package flags

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/topo"

	"github.com/shellnet/shellnet/graph"
)

// build makes a projection from lines "id Kind [CC] [tag…]" for nodes and
// "from TYPE to" for links.
func build(t testing.TB, lines ...string) *graph.Projection {
	t.Helper()
	b := graph.NewBuilder(0, 0)
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) == 3 && graph.LinkType(f[1]).Valid() {
			b.AddLink(f[0], f[2], graph.LinkType(f[1]), 1)
			continue
		}
		var countries, tags []string
		for _, x := range f[2:] {
			if len(x) == 2 && strings.ToUpper(x) == x {
				countries = append(countries, x)
			} else {
				tags = append(tags, x)
			}
		}
		n := graph.Node{ID: f[0], Name: strings.ToUpper(f[0]), Kind: graph.Kind(f[1]), Listed: slices.Contains(tags, graph.TagSanction)}
		b.AddNode(n.WithLists(nil, countries, tags))
	}
	return b.Build()
}

func ofKind(fs []Flag, kind string) []Flag {
	var out []Flag
	for _, f := range fs {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

func summary(fs []Flag) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Subject+": "+strings.Join(f.Entities, ","))
	}
	return out
}

func TestSharedAddressAndDirector(t *testing.T) {
	p := build(t,
		"a1 Address", "a2 Address", "c1 Company", "c2 Company", "c3 Organization", "c4 Company", "pp Person", "d Person", "e Person",
		"c1 LOCATED_AT a1", "c2 LOCATED_AT a1", "c3 LOCATED_AT a1", "pp LOCATED_AT a1", "c1 LOCATED_AT a1",
		"c4 LOCATED_AT a2", "c1 LOCATED_AT a2",
		"d DIRECTS c1", "d DIRECTS c2", "d DIRECTS c4",
		"e DIRECTS c1", "e DIRECTS c2", "e DIRECTS pp",
	)
	fs, err := Detect(p, Attributes{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := summary(ofKind(fs, SharedAddress)), []string{"a1: c1,c2,c3"}; !slices.Equal(got, want) {
		t.Errorf("addresses: %q, want %q", got, want)
	}
	if f := ofKind(fs, SharedAddress)[0]; len(f.Links) != 3 || f.Value != "A1" || f.Detail != "3 companies at one address" {
		t.Errorf("address evidence: %+v", f)
	}
	if got, want := summary(ofKind(fs, SharedDirector)), []string{"d: c1,c2,c4"}; !slices.Equal(got, want) {
		t.Errorf("directors: %q, want %q", got, want)
	}
	if fs, _ := Detect(p, Attributes{}, Options{Kinds: []string{SharedDirector}}); len(fs) != 1 || fs[0].Kind != SharedDirector {
		t.Errorf("only directors: %+v", fs)
	}
	fs, _ = Detect(p, Attributes{}, Options{AddressThreshold: 2, DirectorThreshold: 2})
	if got, want := summary(ofKind(fs, SharedAddress)), []string{"a1: c1,c2,c3", "a2: c1,c4"}; !slices.Equal(got, want) {
		t.Errorf("threshold 2: %q, want %q", got, want)
	}
	if got, want := summary(ofKind(fs, SharedDirector)), []string{"d: c1,c2,c4", "e: c1,c2"}; !slices.Equal(got, want) {
		t.Errorf("threshold 2: %q, want %q", got, want)
	}
	if _, err := Detect(p, Attributes{}, Options{AddressThreshold: 1}); err == nil {
		t.Error("threshold 1 accepted")
	}
}

func TestSharedIdentifiersAndAccounts(t *testing.T) {
	p := build(t,
		"x Company", "y Company", "parent Company", "sub Company", "z Company", "acct BankAccount", "acct2 BankAccount",
		"parent OWNS sub",
		"x HOLDS_ACCOUNT acct", "y HOLDS_ACCOUNT acct",
		"parent HOLDS_ACCOUNT acct2", "sub HOLDS_ACCOUNT acct2",
	)
	attrs := Attributes{Identifiers: []Identifier{
		{"x", graph.IDPhone, "+60 3-2274 1234"}, {"y", graph.IDPhone, "60322741234"}, // same number written twice
		{"parent", graph.IDWebsite, "https://www.group.example/"}, {"sub", graph.IDWebsite, "group.example"}, // one group
		{"parent", graph.IDEmail, "Sales@Group.example"}, {"sub", graph.IDEmail, "sales@group.example"}, {"z", graph.IDEmail, "sales@group.example "},
		{"x", graph.IDRegistration, "123"}, {"y", graph.IDRegistration, "123"}, // not a flagged scheme
	}}
	fs, err := Detect(p, attrs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, f := range ofKind(fs, SharedIdentifier) {
		got = append(got, f.Value+" "+strings.Join(f.Entities, ","))
	}
	want := []string{"email:sales@group.example parent,sub,z", "phone:60322741234 x,y"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("identifiers: %q, want %q", got, want)
	}
	if got, want := summary(ofKind(fs, SharedAccount)), []string{"acct: x,y"}; !slices.Equal(got, want) {
		t.Errorf("accounts: %q, want %q", got, want)
	}
}

func TestMergeFlags(t *testing.T) {
	p := build(t, "m Company", "n Company", "o Company")
	var attrs Attributes
	for _, e := range []graph.Entity{
		{ID: "m", Name: "Kestrelgate Supplies", Aliases: []string{"Orchidvale Components"}, Props: map[string]any{"merged_from": []any{"m2"}, "merged_on": []any{"email:a@b.example"}}},
		{ID: "n", Name: "Same Name Ltd", Aliases: []string{"SAME NAME  LTD"}, Props: map[string]any{"merged_from": "n2", "merged_on": "phone:123"}},
		{ID: "o", Name: "Other", Aliases: []string{"Another"}, Props: map[string]any{"merged_from": []string{"o2"}, "merged_on": []string{"registration:99"}}},
	} {
		attrs.Add(&e, nil)
	}
	fs, err := Detect(p, attrs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := ofKind(fs, SharedIdentifier)
	if got, want := summary(ids), []string{"m: m,m2"}; !slices.Equal(got, want) {
		t.Fatalf("merges: %q, want %q", got, want)
	}
	if ids[0].Value != "email:a@b.example" || !strings.Contains(ids[0].Detail, "Kestrelgate Supplies and Orchidvale Components") {
		t.Errorf("merge evidence: %+v", ids[0])
	}
}

func TestCircularOwnership(t *testing.T) {
	p := build(t,
		"a Company", "b Company", "c Company", "d Company", "e Company", "f Company", "g Company", "h Company",
		"a OWNS b", "b OWNS c", "c OWNS a", "c OWNS g", // a circle of three, with g hanging off it
		"d OWNS d",                     // owns itself
		"e SUPPLIES f", "f SUPPLIES e", // a circle, but of trade
		"g OWNS h", "h DIRECTS g", // not a circle of ownership
	)
	fs, err := Detect(p, Attributes{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := ofKind(fs, CircularOwnership)
	if got, want := summary(cs), []string{"a: a,b,c", "d: d"}; !slices.Equal(got, want) {
		t.Fatalf("cycles: %q, want %q", got, want)
	}
	if len(cs[0].Links) != 3 || compareLinks(cs[0].Links[0], LinkRef{From: "a", To: "b", Type: graph.Owns}) != 0 {
		t.Errorf("cycle links: %+v", cs[0].Links)
	}
}

// The circles found are gonum's strongly connected components (Tarjan) of
// more than one node, on random ownership graphs through the projection's
// directed view.
func TestCircularOwnershipAgreesWithGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for trial := range 200 {
		n := 3 + rng.IntN(30)
		b := graph.NewBuilder(n, 0)
		for i := range n {
			b.AddNode(graph.Node{ID: fmt.Sprintf("n%02d", i), Kind: graph.Company})
		}
		for range rng.IntN(2 * n) {
			u, v := rng.IntN(n), rng.IntN(n)
			if u != v {
				b.AddLink(fmt.Sprintf("n%02d", u), fmt.Sprintf("n%02d", v), graph.Owns, 1)
			}
		}
		p := b.Build()
		var want []string
		for _, comp := range topo.TarjanSCC(p.Directed()) {
			if len(comp) < 2 {
				continue
			}
			var ids []string
			for _, x := range comp {
				ids = append(ids, p.Nodes[x.ID()].ID)
			}
			slices.Sort(ids)
			want = append(want, strings.Join(ids, ","))
		}
		slices.Sort(want)
		var got []string
		for _, f := range circularOwnership(p) {
			got = append(got, strings.Join(f.Entities, ","))
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: %q, gonum %q", trial, got, want)
		}
	}
}

func TestHubTransit(t *testing.T) {
	p := build(t,
		"v Company US role.vendor", "r Company US", "hk Company HK", "de Company DE role.hub", "acc BankAccount HK", "t Company KP sanction",
		"v SUPPLIES r", "r SUPPLIES hk", "hk SUPPLIES t",
		"v SUPPLIES de", "de SUPPLIES t",
		"r HOLDS_ACCOUNT acc", "acc HOLDS_ACCOUNT t",
	)
	sources := p.Select(graph.MustSelector("tag:role.vendor"))
	targets := p.Select(graph.MustSelector("tag:sanction"))
	fs, err := Detect(p, Attributes{}, Options{Sources: sources, Targets: targets})
	if err != nil {
		t.Fatal(err)
	}
	hubs := ofKind(fs, HubTransit)
	if got, want := summary(hubs), []string{"de: v,de,t", "hk: v,r,hk,t"}; !slices.Equal(got, want) {
		t.Fatalf("hubs: %q, want %q", got, want)
	}
	if hubs[0].Value != graph.TagHub || hubs[1].Value != "HK" || len(hubs[1].Links) != 3 || hubs[1].Links[0].From != "v" {
		t.Errorf("hub evidence: %+v", hubs)
	}
	// without path ends there is no hub flag; with other hub countries, other hubs
	if fs, _ := Detect(p, Attributes{}, Options{}); len(ofKind(fs, HubTransit)) != 0 {
		t.Error("hub flags without sources")
	}
	fs, _ = Detect(p, Attributes{}, Options{Sources: sources, Targets: targets, HubCountries: []string{"US"}})
	if got, want := summary(ofKind(fs, HubTransit)), []string{"de: v,de,t", "r: v,r,hk,t"}; !slices.Equal(got, want) {
		t.Errorf("hub countries US: %q, want %q", got, want)
	}
}
