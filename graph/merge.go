package graph

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Merge folds b, a later record about the same entity, into a and returns the
// result. List fields are unioned (order of first appearance kept), sources
// are appended unless already present, and a scalar (kind, name, a property)
// keeps a's value unless b's newest source is newer than a's. Merging a record
// into itself changes nothing, so upserts are idempotent. a and b are not
// modified.
func Merge(a, b Entity) Entity {
	out := a.Clone()
	newer := latest(b.Sources).After(latest(a.Sources))
	if out.Name == "" || (newer && b.Name != "") {
		if out.Name != "" && out.Name != b.Name {
			out.Aliases = union(out.Aliases, []string{out.Name})
		}
		out.Name = b.Name
	} else if b.Name != "" && b.Name != out.Name {
		out.Aliases = union(out.Aliases, []string{b.Name})
	}
	if out.Kind == "" || (newer && b.Kind != "" && b.Kind != LegalEntity) || refines(out.Kind, b.Kind) {
		if b.Kind != "" {
			out.Kind = b.Kind
		}
	}
	out.Aliases = slices.DeleteFunc(union(out.Aliases, b.Aliases), func(s string) bool { return s == out.Name })
	out.Countries = union(out.Countries, b.Countries)
	out.Tags = union(out.Tags, b.Tags)
	for scheme, vs := range b.Identifiers {
		for _, v := range vs {
			out.AddIdentifier(scheme, v)
		}
	}
	for _, s := range b.Sanctions {
		if !slices.Contains(out.Sanctions, s) {
			out.Sanctions = append(out.Sanctions, s)
		}
	}
	out.Props = mergeProps(out.Props, b.Props, newer)
	out.Sources = mergeSources(out.Sources, b.Sources)
	return out
}

// MergeLink folds b, a later record of the same link, into a.
func MergeLink(a, b Link) Link {
	out := a
	out.Props = mergeProps(cloneProps(a.Props), b.Props, latest(b.Sources).After(latest(a.Sources)))
	out.Sources = mergeSources(slices.Clone(a.Sources), b.Sources)
	return out
}

// refines reports whether kind b is a more precise kind than a
// (a LegalEntity or Organization later known to be a Company, say).
func refines(a, b Kind) bool {
	switch a {
	case LegalEntity:
		return b == Company || b == Organization || b == Person
	case Organization:
		return b == Company
	}
	return false
}

// Clone returns a deep copy of e.
func (e Entity) Clone() Entity {
	out := e
	out.Aliases = slices.Clone(e.Aliases)
	out.Countries = slices.Clone(e.Countries)
	out.Tags = slices.Clone(e.Tags)
	out.Sanctions = slices.Clone(e.Sanctions)
	out.Sources = slices.Clone(e.Sources)
	if e.Identifiers != nil {
		out.Identifiers = make(map[string][]string, len(e.Identifiers))
		for k, v := range e.Identifiers {
			out.Identifiers[k] = slices.Clone(v)
		}
	}
	out.Props = cloneProps(e.Props)
	return out
}

func cloneProps(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = v
	}
	return out
}

func mergeProps(a, b map[string]any, newer bool) map[string]any {
	for k, v := range b {
		old, ok := a[k]
		if !ok {
			if a == nil {
				a = map[string]any{}
			}
			a[k] = v
			continue
		}
		if ol, ok := asList(old); ok {
			if nl, ok := asList(v); ok {
				a[k] = unionAny(ol, nl)
				continue
			}
		}
		if newer {
			a[k] = v
		}
	}
	return a
}

func asList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

func unionAny(a, b []any) []any {
	out := slices.Clone(a)
	for _, v := range b {
		if !slices.ContainsFunc(out, func(w any) bool { return fmt.Sprint(w) == fmt.Sprint(v) }) {
			out = append(out, v)
		}
	}
	return out
}

func mergeSources(a, b []Source) []Source {
	for _, s := range b {
		i := slices.IndexFunc(a, func(t Source) bool { return t.Dataset == s.Dataset && t.Record == s.Record })
		if i < 0 {
			a = append(a, s)
		} else if s.Seen.After(a[i].Seen) {
			a[i].Seen = s.Seen
		}
	}
	return a
}

func union(a, b []string) []string {
	for _, s := range b {
		if s != "" && !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

func latest(ss []Source) time.Time {
	var t time.Time
	for _, s := range ss {
		if s.Seen.After(t) {
			t = s.Seen
		}
	}
	return t
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64, int, int64, bool, json.Number:
		return fmt.Sprint(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// NormTimes puts the times of e (listing dates, when sources saw it) in UTC
// without a monotonic reading, as they come back from a store, so that
// merging a record into its stored self compares equal. Stores call it
// before they merge.
func NormTimes(e *Entity) {
	if len(e.Sanctions) > 0 {
		e.Sanctions = slices.Clone(e.Sanctions)
		for i := range e.Sanctions {
			e.Sanctions[i].Listed = e.Sanctions[i].Listed.UTC()
		}
	}
	e.Sources = NormSources(e.Sources)
}

// NormSources returns a copy of ss with its times as NormTimes puts them.
func NormSources(ss []Source) []Source {
	if len(ss) == 0 {
		return ss
	}
	ss = slices.Clone(ss)
	for i := range ss {
		ss[i].Seen = ss[i].Seen.UTC()
	}
	return ss
}
