package paths

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
)

func shippedPolicies(t testing.TB) Policies {
	t.Helper()
	sub, err := fsSub("policies")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := LoadPolicies(sub, "us", "eu", "cn")
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// hop builds a one-hop evidence: seller in country sells to an end user in
// dest (listed when sanctioned) a link with the given props.
func hop(country, dest string, sanctioned bool, t graph.LinkType, props map[string]any) Evidence {
	from, to := "seller", "buyer"
	if t == graph.Pays {
		from, to = "buyer", "seller"
	}
	return Evidence{
		Nodes: []Node{{ID: "seller", Countries: []string{country}}, {ID: "buyer", Countries: []string{dest}, Listed: sanctioned}},
		Links: []Link{{Type: t, From: from, To: to, records: []graph.Link{{From: from, To: to, Type: t, Props: props}}}},
	}
}

func TestPolicyMarks(t *testing.T) {
	ps := shippedPolicies(t)
	phones := map[string]any{"goods": "phones and parts carried to Pyongyang"}
	cases := []struct {
		name                string
		country, dest       string
		sanctioned          bool
		typ                 graph.LinkType
		props               map[string]any
		status, rule, juris string
	}{
		{"US electronics to KP, any value", "US", "KP", true, graph.Supplies, map[string]any{"goods": "Smartphones", "amount": 1.0, "currency": "USD"}, Restricted, "us-kp-electronics", "US"},
		{"US electronics by HS code", "US", "KP", false, graph.Supplies, map[string]any{"hs": "8517.13"}, Restricted, "us-kp-electronics", "US"},
		{"US anything else to KP", "US", "KP", false, graph.Supplies, map[string]any{"goods": "cotton towels"}, Restricted, "us-kp-all-items", "US"},
		{"US goods unrecorded to KP", "US", "KP", false, graph.Supplies, nil, Restricted, "us-kp-all-items", "US"},
		{"US to a blocked party elsewhere", "US", "CN", true, graph.Supplies, phones, Restricted, "us-blocked-end-user", "US"},
		{"US to an unsanctioned party elsewhere", "US", "CN", false, graph.Supplies, phones, Allowed, "", "US"},
		{"PAYS walked backward: beneficiary sells", "US", "KP", true, graph.Pays, map[string]any{"goods": "Windows 10 licences and laptops", "amount": 48600.0, "currency": "USD"}, Restricted, "us-kp-electronics", "US"},
		{"EU luxury above 50 EUR", "DE", "KP", true, graph.Supplies, map[string]any{"goods": "consumer electronics", "amount": 60.0, "currency": "EUR"}, Restricted, "eu-kp-luxury-above-50", "EU"},
		{"EU luxury at 50 EUR: loophole", "FR", "KP", true, graph.Supplies, map[string]any{"goods": "consumer electronics", "amount": 50.0, "currency": "EUR"}, Loophole, "eu-kp-luxury-up-to-50", "EU"},
		{"EU luxury at 50 EUR, end user not listed", "FR", "KP", false, graph.Supplies, map[string]any{"goods": "consumer electronics", "amount": "50", "currency": "EUR"}, Allowed, "eu-kp-luxury-up-to-50", "EU"},
		{"EU, 100 USD is 94.87 EUR", "IT", "KP", true, graph.Supplies, map[string]any{"goods": "laptop", "amount": 100.0, "currency": "USD"}, Restricted, "eu-kp-luxury-above-50", "EU"},
		{"EU, 50 USD is 47.44 EUR", "IT", "KP", true, graph.Supplies, map[string]any{"goods": "laptop", "amount": 50.0, "currency": "USD"}, Loophole, "eu-kp-luxury-up-to-50", "EU"},
		{"EU, value unknown: taken as above", "NL", "KP", true, graph.Supplies, map[string]any{"goods": "smartphones"}, Restricted, "eu-kp-luxury-above-50", "EU"},
		{"EU, currency without a rate", "NL", "KP", true, graph.Supplies, map[string]any{"goods": "smartphones", "amount": 10.0, "currency": "JPY"}, Restricted, "eu-kp-luxury-above-50", "EU"},
		{"EU goods no rule covers", "NL", "KP", true, graph.Supplies, map[string]any{"goods": "servo motors"}, Loophole, "", "EU"},
		{"CN consumer electronics: loophole", "CN", "KP", true, graph.Supplies, phones, Loophole, "cn-kp-consumer-electronics", "CN"},
		{"CN luxury", "CN", "KP", true, graph.Supplies, map[string]any{"goods": "luxury watches"}, Restricted, "cn-kp-luxury", "CN"},
		{"CN goods unrecorded", "CN", "KP", true, graph.Supplies, nil, Unassessed, "", "CN"},
		{"CN description stands for goods", "CN", "KP", true, graph.Supplies, map[string]any{"description": "iPhones and Galaxy phones"}, Loophole, "cn-kp-consumer-electronics", "CN"},
		{"HK: no policy", "HK", "KP", true, graph.Supplies, phones, Unassessed, "", "HK"},
		{"control hop", "US", "KP", true, graph.Owns, nil, NotTrade, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs := []Evidence{hop(c.country, c.dest, c.sanctioned, c.typ, c.props)}
			ps.Mark(evs)
			m := evs[0].Links[0].Policy
			if m == nil {
				t.Fatal("no mark")
			}
			if m.Status != c.status || m.Rule != c.rule || m.Jurisdiction != c.juris {
				t.Errorf("got %+v, want status %s rule %q jurisdiction %q", *m, c.status, c.rule, c.juris)
			}
			if m.Status != NotTrade && m.Note == "" {
				t.Errorf("mark %+v has no note", *m)
			}
		})
	}
}

// A hop with several shipments or seller countries takes the gravest mark.
func TestPolicyGravestMark(t *testing.T) {
	ps := shippedPolicies(t)
	ev := hop("CN", "KP", true, graph.Supplies, map[string]any{"goods": "smartphones"})
	ev.Links[0].records = append(ev.Links[0].records, graph.Link{From: "seller", To: "buyer", Type: graph.Supplies, Props: map[string]any{"goods": "luxury watches"}})
	evs := []Evidence{ev}
	ps.Mark(evs)
	if m := evs[0].Links[0].Policy; m.Status != Restricted || m.Rule != "cn-kp-luxury" {
		t.Errorf("two shipments: got %+v, want restricted by cn-kp-luxury", *m)
	}
	ev = hop("HK", "KP", true, graph.Supplies, map[string]any{"goods": "smartphones"})
	ev.Nodes[0].Countries = []string{"HK", "CN"}
	evs = []Evidence{ev}
	ps.Mark(evs)
	if m := evs[0].Links[0].Policy; m.Status != Loophole || m.Jurisdiction != "CN" {
		t.Errorf("two countries: got %+v, want a CN loophole", *m)
	}
}

func TestParsePolicyErrors(t *testing.T) {
	good := `{"jurisdiction":"XX","countries":["XX"],"currency":"USD","sources":[{"id":"s","title":"t"}],
"rules":[{"id":"r","goods":["*"],"destinations":["KP"],"restricted":true,"note":"n","source":"s"}]}`
	if _, err := ParsePolicy("good.json", []byte(good)); err != nil {
		t.Fatalf("good policy: %v", err)
	}
	cases := []struct{ name, doc, want string }{
		{"syntax", "{\n\"jurisdiction\": \"XX\",\n\"countries\": [\"XX\",]\n}", "bad.json: line 3"},
		{"unknown field", strings.Replace(good, `"currency"`, `"curency"`, 1), `unknown field "curency"`},
		{"type", strings.Replace(good, `"restricted":true`, `"restricted":"yes"`, 1), "bad.json: line 2"},
		{"country", strings.Replace(good, `"countries":["XX"]`, `"countries":["usa"]`, 1), `country "usa"`},
		{"destination", strings.Replace(good, `"destinations":["KP"]`, `"destinations":["North Korea"]`, 1), `destination "North Korea"`},
		{"source", strings.Replace(good, `"source":"s"`, `"source":"s; x"`, 1), `source "x" is not among`},
		{"end user", strings.Replace(good, `"restricted":true`, `"restricted":true,"end_user":"listed"`, 1), `end_user "listed"`},
		{"no rules", strings.Replace(good, `"rules":[{"id":"r","goods":["*"],"destinations":["KP"],"restricted":true,"note":"n","source":"s"}]`, `"rules":[]`, 1), `"rules" is empty`},
		{"two objects", good + good, "data after the policy object"},
	}
	for _, c := range cases {
		_, err := ParsePolicy("bad.json", []byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "paths: policy bad.json: ") {
			t.Errorf("%s: got %v, want an error with %q", c.name, err, c.want)
		}
	}
	if _, err := LoadPolicies(fixtures.FS, "nowhere"); err == nil || !strings.Contains(err.Error(), "known policies are") {
		t.Errorf("unknown policy: got %v", err)
	}
}

func TestContainsPhrase(t *testing.T) {
	cases := []struct {
		text, phrase string
		want         bool
	}{
		{"Consumer Electronics", "electronics", true},
		{"consumer electronics", "consumer electronics", true},
		{"electronics for consumers", "consumer electronics", false},
		{"Smartphones", "smartphone", true},
		{"network switches and routers", "switch", true},
		{"smartphones", "phone", false},
		{"phones", "phone", true},
		{"", "phone", false},
		{"phone", "", false},
	}
	for _, c := range cases {
		if got := containsPhrase(words(c.text), words(c.phrase)); got != c.want {
			t.Errorf("containsPhrase(%q, %q) = %v", c.text, c.phrase, got)
		}
	}
}

func FuzzParsePolicy(f *testing.F) {
	for _, n := range []string{"us.json", "eu.json", "cn.json"} {
		data, err := fixtures.FS.ReadFile("policies/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"jurisdiction":"X"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pol, err := ParsePolicy("fuzz.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "paths: policy fuzz.json: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		// a valid policy marks a hop without panicking
		evs := []Evidence{hop(pol.Countries[0], "KP", true, graph.Supplies, map[string]any{"goods": "phones", "amount": 10.0, "currency": "USD"})}
		Policies{pol}.Mark(evs)
		if evs[0].Links[0].Policy == nil {
			t.Fatal("no mark")
		}
	})
}

func fsSub(dir string) (fs.FS, error) { return fs.Sub(fixtures.FS, dir) }
