package icij

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// nodeType is what the rows of a file are.
type nodeType int

const (
	typeEntity nodeType = iota
	typeOfficer
	typeIntermediary
	typeAddress
	typeOther
	typeRelationship
)

var typeNames = [...]string{"Entity", "Officer", "Intermediary", "Address", "Other", "Relationship"}

// bundleFiles are the file names of the published bundle, in the order
// they are read: nodes before the relationships between them.
var bundleFiles = []struct {
	name string
	typ  nodeType
}{
	{"nodes-entities.csv", typeEntity},
	{"nodes-officers.csv", typeOfficer},
	{"nodes-intermediaries.csv", typeIntermediary},
	{"nodes-addresses.csv", typeAddress},
	{"nodes-others.csv", typeOther},
	{"relationships.csv", typeRelationship},
}

type file struct {
	path string
	typ  nodeType
}

// expand replaces folders by the bundle files they hold and orders the
// files so that nodes come before relationships.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest/icij: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		found := bundleIn(p)
		if len(found) == 0 {
			return nil, fmt.Errorf("ingest/icij: %s: no nodes-*.csv or relationships.csv in this folder", p)
		}
		out = append(out, found...)
	}
	return out, nil
}

func bundleIn(dir string) []string {
	var out []string
	for _, b := range bundleFiles {
		p := filepath.Join(dir, b.name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			out = append(out, p)
		}
	}
	return out
}

// classify tells a file's node type from its header, and from its name
// where the header is shared (officers and "other" nodes differ by a
// column or two only).
func classify(path string, header []string) (nodeType, error) {
	has := func(c string) bool { return slices.Contains(header, c) }
	base := strings.ToLower(filepath.Base(path))
	for _, b := range bundleFiles {
		if base == b.name {
			return b.typ, nil
		}
	}
	switch {
	case has("node_id_start") && has("node_id_end") && has("rel_type"):
		return typeRelationship, nil
	case !has("node_id"):
	case has("original_name") || has("company_type") || has("ibcRUC"):
		return typeEntity, nil
	case has("closed_date") || has("type"):
		return typeOther, nil
	case len(header) > 1 && header[1] == "address" || strings.Contains(base, "address"):
		return typeAddress, nil
	case has("internal_id") || strings.Contains(base, "intermediar"):
		return typeIntermediary, nil
	default:
		return typeOfficer, nil
	}
	return 0, fmt.Errorf("ingest/icij: %s: the header has neither node_id nor node_id_start, node_id_end and rel_type: not an Offshore Leaks file", path)
}
