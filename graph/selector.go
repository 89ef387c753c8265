package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Selector picks entities: `id:X`, `name:TEXT`, `tag:T`, `kind:K`,
// `country:CC`; several separated by spaces must all hold. A term without a
// prefix is read as name:TERM. The zero Selector matches every entity.
type Selector struct {
	Terms []Term
}

// Term is one condition of a Selector.
type Term struct {
	Field string // id, name, tag, kind, country
	Value string
}

// ParseSelector parses a selector expression.
func ParseSelector(s string) (Selector, error) {
	var sel Selector
	for _, f := range strings.Fields(s) {
		field, value, ok := strings.Cut(f, ":")
		if !ok {
			field, value = "name", f
		}
		field = strings.ToLower(field)
		switch field {
		case "id", "name", "tag", "kind", "country":
		default:
			return Selector{}, fmt.Errorf("graph: selector %q: unknown field %q (use id:, name:, tag:, kind: or country:)", s, field)
		}
		if value == "" {
			return Selector{}, fmt.Errorf("graph: selector %q: empty value for %s (write %s:VALUE)", s, field, field)
		}
		// consecutive name terms form one phrase: "name:Pan Systems"
		if field == "name" && len(sel.Terms) > 0 && sel.Terms[len(sel.Terms)-1].Field == "name" && !strings.Contains(f, ":") {
			sel.Terms[len(sel.Terms)-1].Value += " " + value
			continue
		}
		sel.Terms = append(sel.Terms, Term{Field: field, Value: value})
	}
	return sel, nil
}

// MustSelector parses s and panics on error; for constants in code and tests.
func MustSelector(s string) Selector {
	sel, err := ParseSelector(s)
	if err != nil {
		panic(err)
	}
	return sel
}

// String returns the selector in its textual form.
func (s Selector) String() string {
	parts := make([]string, len(s.Terms))
	for i, t := range s.Terms {
		parts[i] = t.Field + ":" + t.Value
	}
	return strings.Join(parts, " ")
}

// IsZero reports whether s has no terms.
func (s Selector) IsZero() bool { return len(s.Terms) == 0 }

// Match reports whether e satisfies every term. Names match case-insensitively
// as a substring of the name or an alias; kinds case-insensitively; tags match
// exactly or as a dotted prefix (tag:sanction matches sanction.linked only
// when written tag:sanction.*).
func (s Selector) Match(e *Entity) bool {
	for _, t := range s.Terms {
		if !t.match(e) {
			return false
		}
	}
	return true
}

func (t Term) match(e *Entity) bool {
	switch t.Field {
	case "id":
		return e.ID == t.Value
	case "kind":
		return strings.EqualFold(string(e.Kind), t.Value)
	case "country":
		return slices.ContainsFunc(e.Countries, func(c string) bool { return strings.EqualFold(c, t.Value) })
	case "tag":
		if prefix, ok := strings.CutSuffix(t.Value, ".*"); ok {
			return slices.ContainsFunc(e.Tags, func(tag string) bool { return tag == prefix || strings.HasPrefix(tag, prefix+".") })
		}
		if t.Value == TagSanction && len(e.Sanctions) > 0 {
			return true
		}
		return slices.Contains(e.Tags, t.Value)
	case "name":
		v := strings.ToLower(t.Value)
		return slices.ContainsFunc(e.Names(), func(n string) bool { return strings.Contains(strings.ToLower(n), v) })
	}
	return false
}
