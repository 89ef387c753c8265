package neo4j

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// The properties of an entity node. Lists are Neo4j arrays; props that
// Neo4j can hold (strings, numbers, booleans and lists of one of them) are
// properties of their own. What the flat properties cannot give back
// exactly is kept as JSON beside them: props with nested values, sources
// with records or dates, identifiers that "scheme:value" keys cannot
// carry, and sanctions.
const (
	pID          = "id"
	pKind        = "kind"
	pName        = "name"
	pAliases     = "aliases"
	pCountries   = "countries"
	pTags        = "tags"
	pIdentifiers = "identifiers" // JSON: scheme → values, when ident_keys cannot carry them
	pIdentKeys   = "ident_keys"  // ["scheme:value", …]
	pSanctions   = "sanctions"   // JSON: [graph.Sanction]
	pPrograms    = "programs"    // ["OFAC DPRK", "UN", …]
	pListed      = "listed"      // true when graph.Entity.Listed(), absent otherwise
	pProps       = "props"       // JSON: props, when flat properties cannot carry them
	pSources     = "sources"     // JSON: [graph.Source], when datasets cannot carry them
	pDatasets    = "datasets"    // the sources' datasets
)

// reserved are the property names that props never take as flat
// properties (a prop of such a name sends props to JSON).
var reserved = map[string]bool{
	pID: true, pKind: true, pName: true, pAliases: true, pCountries: true, pTags: true,
	pIdentifiers: true, pIdentKeys: true, pSanctions: true, pPrograms: true, pListed: true,
	pProps: true, pSources: true, pDatasets: true,
}

// entityCols returns the columns decodeEntity reads, for node variable v.
func entityCols(v string) string { return "properties(" + v + ")" }

// linkCols returns the columns decodeLink reads, for (a)-[r]->(b).
func linkCols(a, r, b string) string {
	return fmt.Sprintf("type(%[2]s), %[1]s.id, %[3]s.id, properties(%[2]s)", a, r, b)
}

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
	p := map[string]any{pID: e.ID, pKind: string(e.Kind)}
	if e.Listed() {
		p[pListed] = true
	}
	if e.Name != "" {
		p[pName] = e.Name
	}
	setList(p, pAliases, e.Aliases)
	setList(p, pCountries, e.Countries)
	setList(p, pTags, e.Tags)
	if len(e.Identifiers) > 0 {
		keys := identKeys(e)
		setList(p, pIdentKeys, keys)
		if !sameIdents(e.Identifiers, identsOf(keys)) {
			s, err := canon(e.Identifiers)
			if err != nil {
				return nil, fmt.Errorf("identifiers: %w", err)
			}
			p[pIdentifiers] = s
		}
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

func sameIdents(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !slices.Equal(v, w) {
			return false
		}
	}
	return true
}

// identsOf rebuilds identifiers from "scheme:value" keys.
func identsOf(keys []string) map[string][]string {
	if len(keys) == 0 {
		return nil
	}
	out := map[string][]string{}
	for _, k := range keys {
		sc, v, _ := strings.Cut(k, ":")
		out[sc] = append(out[sc], v)
	}
	return out
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

// setProps stores each prop that Neo4j can hold as a property (a string,
// number or boolean, or a non-empty list of one of them) under its own
// name, and props as JSON when some prop cannot be held so or has a
// reserved name. Numbers go through JSON first, so that a value has the
// same Neo4j type however it reached the store (an int from a reader, a
// float64 read back); read back, flat props are what JSON would decode.
func setProps(p map[string]any, props map[string]any) error {
	if len(props) == 0 {
		return nil
	}
	s, err := canon(props)
	if err != nil {
		return fmt.Errorf("props: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var flat map[string]any
	if err := dec.Decode(&flat); err != nil {
		return fmt.Errorf("props: %w", err)
	}
	exact := true
	for k, v := range flat {
		if reserved[k] || k == "" {
			exact = false
			continue
		}
		if fv, ok := flatValue(v); ok {
			p[k] = fv
		} else {
			exact = false
		}
	}
	if !exact {
		p[pProps] = s
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

// number is an int64 when n is integral and fits, a float64 otherwise
// (negative zero included, which an int64 would lose).
func number(n json.Number) any {
	if i, err := n.Int64(); err == nil && n != "-0" {
		return i
	}
	f, _ := n.Float64()
	return f
}

// setSources stores the sources' datasets, and the sources as JSON unless
// the datasets alone give them back (sources with a dataset and nothing
// else, each dataset once).
func setSources(p map[string]any, ss []graph.Source) error {
	if len(ss) == 0 {
		return nil
	}
	ds := datasets(ss)
	setList(p, pDatasets, ds)
	if len(ds) == len(ss) && !slices.ContainsFunc(ss, func(s graph.Source) bool { return s.Record != "" || !s.Seen.IsZero() }) {
		return nil
	}
	s, err := canon(ss)
	if err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	p[pSources] = s
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
	if len(vals) < 1 {
		return e, fmt.Errorf("no columns")
	}
	p, _ := vals[0].(map[string]any)
	e.ID, _ = p[pID].(string)
	k, _ := p[pKind].(string)
	e.Kind = graph.Kind(k)
	e.Name, _ = p[pName].(string)
	e.Aliases = strs(p[pAliases])
	e.Countries = strs(p[pCountries])
	e.Tags = strs(p[pTags])
	if _, ok := p[pIdentifiers]; ok {
		if err := fromJSON(p[pIdentifiers], &e.Identifiers); err != nil {
			return e, fmt.Errorf("entity %q: identifiers: %w", e.ID, err)
		}
	} else {
		e.Identifiers = identsOf(strs(p[pIdentKeys]))
	}
	if err := fromJSON(p[pSanctions], &e.Sanctions); err != nil {
		return e, fmt.Errorf("entity %q: sanctions: %w", e.ID, err)
	}
	var err error
	if e.Props, err = decodeProps(p); err != nil {
		return e, fmt.Errorf("entity %q: %w", e.ID, err)
	}
	if e.Sources, err = decodeSources(p); err != nil {
		return e, fmt.Errorf("entity %q: %w", e.ID, err)
	}
	return e, nil
}

// decodeLink reads the columns of linkCols.
func decodeLink(vals []any) (graph.Link, error) {
	var l graph.Link
	if len(vals) < 4 {
		return l, fmt.Errorf("%d columns, want 4", len(vals))
	}
	t, _ := vals[0].(string)
	l.Type = graph.LinkType(t)
	l.From, _ = vals[1].(string)
	l.To, _ = vals[2].(string)
	p, _ := vals[3].(map[string]any)
	l.ID, _ = p[pID].(string)
	var err error
	if l.Props, err = decodeProps(p); err != nil {
		return l, fmt.Errorf("link %q: %w", l.ID, err)
	}
	if l.Sources, err = decodeSources(p); err != nil {
		return l, fmt.Errorf("link %q: %w", l.ID, err)
	}
	return l, nil
}

// decodeProps returns the props of a node or relationship: its JSON if it
// has one, else its flat properties as JSON would decode them.
func decodeProps(p map[string]any) (map[string]any, error) {
	if s, ok := p[pProps]; ok {
		var out map[string]any
		if err := fromJSON(s, &out); err != nil {
			return nil, fmt.Errorf("props: %w", err)
		}
		return out, nil
	}
	var out map[string]any
	for k, v := range p {
		if reserved[k] {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = jsonValue(v)
	}
	return out, nil
}

// jsonValue converts a Neo4j property value to what encoding/json decodes
// the same value to: numbers as float64, lists as []any.
func jsonValue(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}

// decodeSources returns the sources of a node or relationship: their JSON
// if it has one, else one source per dataset.
func decodeSources(p map[string]any) ([]graph.Source, error) {
	if s, ok := p[pSources]; ok {
		var out []graph.Source
		if err := fromJSON(s, &out); err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		return out, nil
	}
	var out []graph.Source
	for _, d := range strs(p[pDatasets]) {
		out = append(out, graph.Source{Dataset: d})
	}
	return out, nil
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
