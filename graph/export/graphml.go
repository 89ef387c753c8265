package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// GraphML writes sg as GraphML 1.0 (http://graphml.graphdrawing.org/), one
// node per entity with its name, kind, countries, tags and listing, and one
// directed edge per link with its type and properties. Text is XML-escaped.
func GraphML(w io.Writer, sg graph.Subgraph) error {
	es, ls := sorted(sg)
	bw := bufio.NewWriter(w)
	nodeKeys := propKeys(es, func(e *graph.Entity) map[string]any { return e.Props })
	linkKeys := propKeys(ls, func(l *graph.Link) map[string]any { return l.Props })
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	fixed := []string{"name", "kind", "aliases", "countries", "tags", "identifiers", "listed", "sanctions", "datasets"}
	for _, k := range fixed {
		typ := "string"
		if k == "listed" {
			typ = "boolean"
		}
		fmt.Fprintf(bw, "  <key id=%q for=\"node\" attr.name=%q attr.type=%q/>\n", "n_"+k, k, typ)
	}
	for _, k := range nodeKeys {
		fmt.Fprintf(bw, "  <key id=%s for=\"node\" attr.name=%s attr.type=\"string\"/>\n", attr("np_"+k), attr("prop."+k))
	}
	fmt.Fprintf(bw, "  <key id=\"e_type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n")
	fmt.Fprintf(bw, "  <key id=\"e_datasets\" for=\"edge\" attr.name=\"datasets\" attr.type=\"string\"/>\n")
	for _, k := range linkKeys {
		fmt.Fprintf(bw, "  <key id=%s for=\"edge\" attr.name=%s attr.type=\"string\"/>\n", attr("ep_"+k), attr(k))
	}
	bw.WriteString("  <graph id=\"shellnet\" edgedefault=\"directed\">\n")
	for _, e := range es {
		fmt.Fprintf(bw, "    <node id=%s>\n", attr(e.ID))
		data(bw, "n_name", e.Name)
		data(bw, "n_kind", string(e.Kind))
		data(bw, "n_aliases", strings.Join(e.Aliases, ";"))
		data(bw, "n_countries", strings.Join(e.Countries, ";"))
		data(bw, "n_tags", strings.Join(e.Tags, ";"))
		data(bw, "n_identifiers", identifiers(e.Identifiers))
		data(bw, "n_listed", fmt.Sprint(e.Listed()))
		if len(e.Sanctions) > 0 {
			data(bw, "n_sanctions", text(e.Sanctions))
		}
		data(bw, "n_datasets", strings.Join(datasets(e.Sources), ";"))
		for _, k := range nodeKeys {
			if v, ok := e.Props[k]; ok {
				data(bw, "np_"+k, text(v))
			}
		}
		bw.WriteString("    </node>\n")
	}
	for _, l := range ls {
		fmt.Fprintf(bw, "    <edge id=%s source=%s target=%s>\n", attr(l.ID), attr(l.From), attr(l.To))
		data(bw, "e_type", string(l.Type))
		data(bw, "e_datasets", strings.Join(datasets(l.Sources), ";"))
		for _, k := range linkKeys {
			if v, ok := l.Props[k]; ok {
				data(bw, "ep_"+k, text(v))
			}
		}
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// attr returns s as a double-quoted, escaped XML attribute value.
func attr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	xml.EscapeText(&b, []byte(cleanXML(s)))
	b.WriteByte('"')
	return b.String()
}

func data(w *bufio.Writer, key, value string) {
	if value == "" {
		return
	}
	fmt.Fprintf(w, "      <data key=%s>", attr(key))
	xml.EscapeText(w, []byte(cleanXML(value)))
	w.WriteString("</data>\n")
}

// cleanXML drops the characters XML 1.0 cannot hold at all.
func cleanXML(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return -1
	}, s)
}
