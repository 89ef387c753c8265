package sqlite

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// sep joins list fields kept in their own columns for projections.
const sep = "\x1f"

func join(ss []string) string { return strings.Join(ss, sep) }

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// encode is the canonical form of a record: JSON with sorted map keys and no
// HTML escaping. Two records are the same content exactly when their
// encodings are equal, which is how upserts tell a change from a no-op.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

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

// idSep separates an identifier's scheme from its value in the idents
// column.
const idSep = "\x1e"

// joinIdents lists identifiers as scheme␞value pairs, by scheme.
func joinIdents(ids map[string][]string) string {
	schemes := make([]string, 0, len(ids))
	for sc := range ids {
		schemes = append(schemes, sc)
	}
	slices.Sort(schemes)
	var b strings.Builder
	for _, sc := range schemes {
		for _, v := range ids[sc] {
			if v == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(sc)
			b.WriteString(idSep)
			b.WriteString(v)
		}
	}
	return b.String()
}

func splitIdents(s string) []graph.IdentKey {
	var out []graph.IdentKey
	for _, p := range split(s) {
		sc, v, _ := strings.Cut(p, idSep)
		out = append(out, graph.IdentKey{Scheme: sc, Value: v})
	}
	return out
}

// nameKey is the form under which names and aliases are indexed.
func nameKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func decodeEntity(data []byte, e *graph.Entity) error { return json.Unmarshal(data, e) }

func decodeLink(data []byte, l *graph.Link) error { return json.Unmarshal(data, l) }
