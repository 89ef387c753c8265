package neo4j

import (
	"fmt"

	"github.com/shellnet/shellnet/graph"
)

// Labels and relationship types cannot be query parameters, so they are
// written into Cypher text; they come only from the fixed allow-lists
// graph.Kinds and graph.LinkTypes, whose names are plain identifiers.

// label returns k as a node label. It panics on a kind outside graph.Kinds:
// callers validate first (checkKind), so a panic is a programming error.
func label(k graph.Kind) string {
	if !k.Valid() || !plain(string(k)) {
		panic(fmt.Sprintf("graph/neo4j: label %q is not in graph.Kinds", string(k)))
	}
	return string(k)
}

// relType returns t as a relationship type. It panics on a type outside
// graph.LinkTypes: callers validate first (checkType).
func relType(t graph.LinkType) string {
	if !t.Valid() || !plain(string(t)) {
		panic(fmt.Sprintf("graph/neo4j: relationship type %q is not in graph.LinkTypes", string(t)))
	}
	return string(t)
}

// checkKind returns an error for a kind outside the allow-list.
func checkKind(k graph.Kind) error {
	if !k.Valid() || !plain(string(k)) {
		return fmt.Errorf("unknown kind %q (known: %v)", string(k), graph.Kinds)
	}
	return nil
}

// checkType returns an error for a link type outside the allow-list.
func checkType(t graph.LinkType) error {
	if !t.Valid() || !plain(string(t)) {
		return fmt.Errorf("unknown link type %q (known: %v)", string(t), graph.LinkTypes)
	}
	return nil
}

// plain reports whether s is an identifier that needs no quoting in
// Cypher: ASCII letters, digits and underscores, not starting with a
// digit. It guards the allow-lists themselves.
func plain(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c == '_':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// typePattern returns "A|B|C" for a relationship pattern over ts, or over
// every link type when ts is empty. Each type is validated.
func typePattern(ts []graph.LinkType) (string, error) {
	if len(ts) == 0 {
		ts = graph.LinkTypes
	}
	out := ""
	seen := map[graph.LinkType]bool{}
	for _, t := range ts {
		if err := checkType(t); err != nil {
			return "", err
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		if out != "" {
			out += "|"
		}
		out += relType(t)
	}
	return out, nil
}
