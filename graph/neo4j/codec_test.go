package neo4j

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/shellnet/shellnet/graph"
)

// neo4jValues converts property values as the driver gives them back
// (lists as []any).
func neo4jValues(p map[string]any) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = neo4jValue(v)
	}
	return out
}

func neo4jValue(v any) any {
	switch x := v.(type) {
	case []string:
		return anyList(x)
	case []int64:
		return anyList(x)
	case []float64:
		return anyList(x)
	case []bool:
		return anyList(x)
	}
	return v
}

func anyList[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// roundTrip encodes e as node properties and decodes them as they come
// back from the server.
func roundTrip(t testing.TB, e graph.Entity) graph.Entity {
	t.Helper()
	p, err := entityProps(&e)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range p {
		switch v.(type) {
		case string, bool, int64, float64, []string, []int64, []float64, []bool:
		default:
			t.Fatalf("property %q is a %T, which Neo4j cannot store", k, v)
		}
	}
	out, err := decodeEntity([]any{neo4jValues(p)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// viaJSON is e as JSON gives it back: the form the stores promise.
func viaJSON(t testing.TB, e graph.Entity) string {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back graph.Entity
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return mustCanonTB(t, back)
}

func mustCanonTB(t testing.TB, v any) string {
	t.Helper()
	s, err := canon(v)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCodecRoundTrip(t *testing.T) {
	seen := time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC)
	cases := []graph.Entity{
		{ID: "min", Kind: graph.Company},
		{ID: "flat", Kind: graph.Person, Name: "N", Props: map[string]any{"a": 1, "b": 2.5, "c": "s", "d": true, "e": []any{"x", "y"}, "f": []any{1, 2}, "g": []any{1, 2.5}, "h": []string{"p"}}},
		{ID: "nested", Kind: graph.Company, Props: map[string]any{"m": map[string]any{"k": 1}, "mixed": []any{1, "a"}, "empty": []any{}, "nil": nil, "id": "x", "": 1}},
		{ID: "sources", Kind: graph.Company, Sources: []graph.Source{{Dataset: "a"}, {Dataset: "b", Record: "r"}, {Dataset: "c", Seen: seen}}},
		{ID: "datasets-only", Kind: graph.Company, Sources: []graph.Source{{Dataset: "a"}, {Dataset: "b"}}},
		{ID: "dup-dataset", Kind: graph.Company, Sources: []graph.Source{{Dataset: "a"}, {Dataset: "a"}}},
		{ID: "empty-dataset", Kind: graph.Company, Sources: []graph.Source{{}}},
		{ID: "idents", Kind: graph.Company, Identifiers: map[string][]string{"ofac": {"1", "2"}, "un": {"KPe.031"}}},
		{ID: "idents-odd", Kind: graph.Company, Identifiers: map[string][]string{"a:b": {"c"}, "e": {}, "f": {""}}},
		{ID: "sanctions", Kind: graph.Organization, Sanctions: []graph.Sanction{{Authority: "OFAC", Program: "DPRK", Listed: seen}}, Tags: []string{graph.TagSanction}},
	}
	for _, e := range cases {
		if got, want := mustCanonTB(t, roundTrip(t, e)), viaJSON(t, e); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s", e.ID, got, want)
		}
	}
	// the JSON copies are kept only where the flat properties fall short
	for id, want := range map[string][]string{
		"flat": nil, "nested": {pProps}, "sources": {pSources}, "datasets-only": nil,
		"dup-dataset": {pSources}, "idents": nil, "idents-odd": {pIdentifiers},
	} {
		for _, e := range cases {
			if e.ID != id {
				continue
			}
			p, _ := entityProps(&e)
			for _, k := range []string{pProps, pSources, pIdentifiers} {
				_, has := p[k]
				wanted := false
				for _, w := range want {
					wanted = wanted || w == k
				}
				if has != wanted {
					t.Errorf("%s: property %q present %v, want %v", id, k, has, wanted)
				}
			}
		}
	}
}

// FuzzCodec checks that any props and sources given as JSON come back from
// the node properties exactly as JSON gives them back.
func FuzzCodec(f *testing.F) {
	f.Add(`{"a":1,"b":[1,2.5],"c":{"d":null}}`, `[{"dataset":"x"}]`, "ofac:1")
	f.Add(`{"id":"x","":[],"e":[true,false],"f":["a"]}`, `[{"dataset":"x","record":"1"},{"dataset":""}]`, "a:b:c")
	f.Add(`{"n":12345678901234567890,"m":-0.0,"o":1e300}`, `[]`, ":")
	f.Fuzz(func(t *testing.T, props, sources, ident string) {
		var e graph.Entity
		e.ID, e.Kind = "e", graph.Company
		if json.Unmarshal([]byte(props), &e.Props) != nil || json.Unmarshal([]byte(sources), &e.Sources) != nil {
			return
		}
		if !utf8.ValidString(ident) {
			return // Bolt carries UTF-8 only; ingest makes strings valid
		}
		sc, v, _ := cutColon(ident)
		e.Identifiers = map[string][]string{sc: {v}}
		graph.NormTimes(&e)
		if _, err := canon(e); err != nil {
			return
		}
		if got, want := mustCanonTB(t, roundTrip(t, e)), viaJSON(t, e); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

func cutColon(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
