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

// bundleFiles are the file names of the published bundles, in the order
// they are read: nodes before the relationships between them. The first
// six are the current bundle (full-oldb); the last five the Panama Papers
// release of May 2016, whose nodes files put node_id near the end and
// whose edges are node_1,rel_type,node_2 with the role as rel_type.
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
	{"entities.csv", typeEntity},
	{"officers.csv", typeOfficer},
	{"intermediaries.csv", typeIntermediary},
	{"addresses.csv", typeAddress},
	{"all_edges.csv", typeRelationship},
}

// columnAliases give the current bundle's names of columns that other
// layouts name differently: the 2016 edges file, and the per-leak files
// of 2017-2018 written for neo4j-admin import (n.name, START_ID).
var columnAliases = map[string]string{
	"node_1": "node_id_start", "node_2": "node_id_end",
	"START_ID": "node_id_start", "END_ID": "node_id_end", "TYPE": "rel_type",
}

// canonical returns the current bundle's name of header column h.
func canonical(h string) string {
	h = strings.TrimPrefix(strings.TrimSpace(h), "n.")
	if a, ok := columnAliases[h]; ok {
		return a
	}
	return h
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

// bundleIn returns the bundle files in dir, in the order of bundleFiles;
// names are compared without case (Entities.csv is the 2016 name).
func bundleIn(dir string) []string {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, b := range bundleFiles {
		for _, de := range des {
			if !de.IsDir() && strings.EqualFold(de.Name(), b.name) {
				out = append(out, filepath.Join(dir, de.Name()))
			}
		}
	}
	return out
}

// classify tells a file's node type from its header, and from its name
// where the header is shared (officers and "other" nodes differ by a
// column or two only).
func classify(path string, header []string) (nodeType, error) {
	header = canonicalAll(header)
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
	case header[0] == "address" || len(header) > 1 && header[1] == "address" || strings.Contains(base, "address"):
		return typeAddress, nil
	case has("internal_id") || strings.Contains(base, "intermediar"):
		return typeIntermediary, nil
	default:
		return typeOfficer, nil
	}
	return 0, fmt.Errorf("ingest/icij: %s: the header has neither node_id nor node_id_start, node_id_end and rel_type: not an Offshore Leaks file", path)
}

func canonicalAll(header []string) []string {
	out := make([]string, len(header))
	for i, h := range header {
		out[i] = canonical(h)
	}
	return out
}
