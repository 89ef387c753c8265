package export

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// sorted returns the entities and links of sg in ID order, so that every
// export of the same graph is byte-identical.
func sorted(sg graph.Subgraph) ([]graph.Entity, []graph.Link) {
	es := slices.Clone(sg.Entities)
	ls := slices.Clone(sg.Links)
	slices.SortFunc(es, func(a, b graph.Entity) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(ls, func(a, b graph.Link) int { return cmp.Compare(a.ID, b.ID) })
	return es, ls
}

// text returns a property value as text: strings as they are, anything else
// as JSON.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// identifiers flattens identifiers as scheme:value;… in scheme order.
func identifiers(ids map[string][]string) string {
	schemes := make([]string, 0, len(ids))
	for s := range ids {
		schemes = append(schemes, s)
	}
	slices.Sort(schemes)
	var parts []string
	for _, s := range schemes {
		for _, v := range ids[s] {
			parts = append(parts, s+":"+v)
		}
	}
	return strings.Join(parts, ";")
}

func datasets(src []graph.Source) []string {
	var out []string
	for _, s := range src {
		if s.Dataset != "" && !slices.Contains(out, s.Dataset) {
			out = append(out, s.Dataset)
		}
	}
	slices.Sort(out)
	return out
}

// propKeys returns the union of the property keys, sorted.
func propKeys[T any](items []T, props func(*T) map[string]any, skip ...string) []string {
	seen := map[string]bool{}
	for i := range items {
		for k := range props(&items[i]) {
			if !slices.Contains(skip, k) {
				seen[k] = true
			}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
