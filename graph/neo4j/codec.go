package neo4j

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// The properties of an entity node. Nested values are JSON strings (read
// back exactly); the lists beside them (ident_keys, programs, datasets) and
// the flat copies of props are for Cypher queries and Neo4j Browser.
const (
	pID          = "id"
	pKind        = "kind"
	pName        = "name"
	pAliases     = "aliases"
	pCountries   = "countries"
	pTags        = "tags"
	pIdentifiers = "identifiers" // JSON: scheme → values
	pIdentKeys   = "ident_keys"  // ["scheme:value", …]
	pSanctions   = "sanctions"   // JSON: [graph.Sanction]
	pPrograms    = "programs"    // ["OFAC DPRK", "UN", …]
	pListed      = "listed"      // graph.Entity.Listed()
	pProps       = "props"       // JSON: graph.Entity.Props
	pSources     = "sources"     // JSON: [graph.Source]
	pDatasets    = "datasets"    // the sources' datasets
)

// reserved are the property names that flat copies of props never take.
var reserved = map[string]bool{
	pID: true, pKind: true, pName: true, pAliases: true, pCountries: true, pTags: true,
	pIdentifiers: true, pIdentKeys: true, pSanctions: true, pPrograms: true, pListed: true,
	pProps: true, pSources: true, pDatasets: true,
}

// entityCols returns the columns decodeEntity reads, for node variable v.
func entityCols(v string) string {
	cols := []string{pID, pKind, pName, pAliases, pCountries, pTags, pIdentifiers, pSanctions, pProps, pSources}
	for i, c := range cols {
		cols[i] = v + "." + c
	}
	return strings.Join(cols, ", ")
}

// nEntityCols is the number of columns of entityCols.
const nEntityCols = 10

// linkCols returns the columns decodeLink reads, for (a)-[r]->(b).
func linkCols(a, r, b string) string {
	return fmt.Sprintf("%[2]s.id, type(%[2]s), %[1]s.id, %[3]s.id, %[2]s.props, %[2]s.sources", a, r, b)
}

// nLinkCols is the number of columns of linkCols.
const nLinkCols = 6

// canon is the canonical form of a record: JSON with sorted map keys and no
// HTML escaping. Two records are the same content exactly when their
// canonical forms are equal, which is how upserts tell a change from a
// no-op (as the embedded store does).
func canon(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// entityProps returns the node properties of e.
func entityProps(e *graph.Entity) (map[string]any, error) {
	p := map[string]any{pID: e.ID, pKind: string(e.Kind), pListed: e.Listed()}
	if e.Name != "" {
		p[pName] = e.Name
	}
	setList(p, pAliases, e.Aliases)
	setList(p, pCountries, e.Countries)
	setList(p, pTags, e.Tags)
	if len(e.Identifiers) > 0 {
		s, err := canon(e.Identifiers)
		if err != nil {
			return nil, fmt.Errorf("identifiers: %w", err)
		}
		p[pIdentifiers] = s
		setList(p, pIdentKeys, identKeys(e))
	}
	if len(e.Sanctions) > 0 {
		s, err := canon(e.Sanctions)
		if err != nil {
			return nil, fmt.Errorf("sanctions: %w", err)
		}
		p[pSanctions] = s
		var progs []string
		for _, sn := range e.Sanctions {
			pr := strings.TrimSpace(sn.Authority + " " + sn.Program)
			if pr != "" && !slices.Contains(progs, pr) {
				progs = append(progs, pr)
			}
		}
		setList(p, pPrograms, progs)
	}
	if err := setProps(p, e.Props); err != nil {
		return nil, err
	}
	if err := setSources(p, e.Sources); err != nil {
		return nil, err
	}
	return p, nil
}

// linkProps returns the relationship properties of l (its type and ends
// are the relationship's own).
func linkProps(l *graph.Link) (map[string]any, error) {
	p := map[string]any{pID: l.ID}
	if err := setProps(p, l.Props); err != nil {
		return nil, err
	}
	if err := setSources(p, l.Sources); err != nil {
		return nil, err
	}
	return p, nil
}

func setList(p map[string]any, k string, v []string) {
	if len(v) > 0 {
		p[k] = v
	}
}

// setProps stores props as JSON, and each value that Neo4j can hold as a
// property (a string, number or boolean, or a list of one of them) also
// flat under its own name unless the name is reserved. Numbers go through
// JSON first, so that a value has the same Neo4j type however it reached
// the store (an int from a reader, a float64 read back).
func setProps(p map[string]any, props map[string]any) error {
	if len(props) == 0 {
		return nil
	}
	s, err := canon(props)
	if err != nil {
		return fmt.Errorf("props: %w", err)
	}
	p[pProps] = s
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var flat map[string]any
	if err := dec.Decode(&flat); err != nil {
		return fmt.Errorf("props: %w", err)
	}
	for k, v := range flat {
		if reserved[k] || k == "" {
			continue
		}
		if fv, ok := flatValue(v); ok {
			p[k] = fv
		}
	}
	return nil
}

// flatValue converts a JSON value (numbers as json.Number) to a Neo4j
// property value: scalars, and homogeneous non-empty lists of scalars.
func flatValue(v any) (any, bool) {
	switch x := v.(type) {
	case string, bool:
		return x, true
	case json.Number:
		return number(x), true
	case []any:
		if len(x) == 0 {
			return nil, false
		}
		switch x[0].(type) {
		case string:
			out := make([]string, len(x))
			for i, e := range x {
				s, ok := e.(string)
				if !ok {
					return nil, false
				}
				out[i] = s
			}
			return out, true
		case bool:
			out := make([]bool, len(x))
			for i, e := range x {
				b, ok := e.(bool)
				if !ok {
					return nil, false
				}
				out[i] = b
			}
			return out, true
		case json.Number:
			ints := make([]int64, len(x))
			floats := make([]float64, len(x))
			allInt := true
			for i, e := range x {
				n, ok := e.(json.Number)
				if !ok {
					return nil, false
				}
				switch nv := number(n).(type) {
				case int64:
					ints[i], floats[i] = nv, float64(nv)
				case float64:
					floats[i], allInt = nv, false
				}
			}
			if allInt {
				return ints, true
			}
			return floats, true
		}
	}
	return nil, false
}

// number is an int64 when n is integral and fits, a float64 otherwise.
func number(n json.Number) any {
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, _ := n.Float64()
	return f
}

func setSources(p map[string]any, ss []graph.Source) error {
	if len(ss) == 0 {
		return nil
	}
	s, err := canon(ss)
	if err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	p[pSources] = s
	setList(p, pDatasets, datasets(ss))
	return nil
}

// idents returns e's identifiers as (scheme, value) pairs, schemes sorted.
func idents(e *graph.Entity) [][2]string {
	schemes := make([]string, 0, len(e.Identifiers))
	for sc := range e.Identifiers {
		schemes = append(schemes, sc)
	}
	slices.Sort(schemes)
	var out [][2]string
	for _, sc := range schemes {
		for _, v := range e.Identifiers[sc] {
			if v != "" {
				out = append(out, [2]string{sc, v})
			}
		}
	}
	return out
}

// identKeys returns e's identifiers as "scheme:value", schemes sorted.
func identKeys(e *graph.Entity) []string {
	var out []string
	for _, sv := range idents(e) {
		out = append(out, identKey(sv[0], sv[1]))
	}
	return out
}

func identKey(scheme, value string) string { return scheme + ":" + value }

// datasets returns the distinct datasets of a record's sources.
func datasets(ss []graph.Source) []string {
	var out []string
	for _, s := range ss {
		if s.Dataset != "" && !slices.Contains(out, s.Dataset) {
			out = append(out, s.Dataset)
		}
	}
	return out
}

func inDatasets(ss []graph.Source, want []string) bool {
	if len(want) == 0 {
		return true
	}
	return slices.ContainsFunc(ss, func(s graph.Source) bool { return slices.Contains(want, s.Dataset) })
}

// decodeEntity reads the columns of entityCols.
func decodeEntity(vals []any) (graph.Entity, error) {
	var e graph.Entity
	if len(vals) < nEntityCols {
		return e, fmt.Errorf("%d columns, want %d", len(vals), nEntityCols)
	}
	e.ID, _ = vals[0].(string)
	k, _ := vals[1].(string)
	e.Kind = graph.Kind(k)
	e.Name, _ = vals[2].(string)
	e.Aliases = strs(vals[3])
	e.Countries = strs(vals[4])
	e.Tags = strs(vals[5])
	if err := fromJSON(vals[6], &e.Identifiers); err != nil {
		return e, fmt.Errorf("entity %q: identifiers: %w", e.ID, err)
	}
	if err := fromJSON(vals[7], &e.Sanctions); err != nil {
		return e, fmt.Errorf("entity %q: sanctions: %w", e.ID, err)
	}
	if err := fromJSON(vals[8], &e.Props); err != nil {
		return e, fmt.Errorf("entity %q: props: %w", e.ID, err)
	}
	if err := fromJSON(vals[9], &e.Sources); err != nil {
		return e, fmt.Errorf("entity %q: sources: %w", e.ID, err)
	}
	return e, nil
}

// decodeLink reads the columns of linkCols.
func decodeLink(vals []any) (graph.Link, error) {
	var l graph.Link
	if len(vals) < nLinkCols {
		return l, fmt.Errorf("%d columns, want %d", len(vals), nLinkCols)
	}
	l.ID, _ = vals[0].(string)
	t, _ := vals[1].(string)
	l.Type = graph.LinkType(t)
	l.From, _ = vals[2].(string)
	l.To, _ = vals[3].(string)
	if err := fromJSON(vals[4], &l.Props); err != nil {
		return l, fmt.Errorf("link %q: props: %w", l.ID, err)
	}
	if err := fromJSON(vals[5], &l.Sources); err != nil {
		return l, fmt.Errorf("link %q: sources: %w", l.ID, err)
	}
	return l, nil
}

// strs converts a Neo4j list of strings; an absent property is nil.
func strs(v any) []string {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func fromJSON(v any, dst any) error {
	s, ok := v.(string)
	if !ok || s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), dst)
}

// normEntity puts times in UTC without a monotonic reading, as they come
// back from the store, so that merging a record into its stored self
// compares equal.
func normEntity(e *graph.Entity) {
	if len(e.Sanctions) > 0 {
		e.Sanctions = slices.Clone(e.Sanctions)
		for i := range e.Sanctions {
			e.Sanctions[i].Listed = e.Sanctions[i].Listed.UTC()
		}
	}
	e.Sources = normSources(e.Sources)
}

func normSources(ss []graph.Source) []graph.Source {
	if len(ss) == 0 {
		return ss
	}
	ss = slices.Clone(ss)
	for i := range ss {
		ss[i].Seen = ss[i].Seen.UTC()
	}
	return ss
}
