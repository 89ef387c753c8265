package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// GEXF writes sg as GEXF 1.3 (https://gexf.net), Gephi's native format: node
// labels are names, kind, countries, tags and listing are attributes, and
// edges carry their type as label and kind.
func GEXF(w io.Writer, sg graph.Subgraph) error {
	es, ls := sorted(sg)
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	bw.WriteString("  <meta><creator>shellnet</creator><description>shellnet graph export</description></meta>\n")
	bw.WriteString("  <graph defaultedgetype=\"directed\" mode=\"static\">\n")
	bw.WriteString("    <attributes class=\"node\">\n")
	nodeAttrs := []string{"kind", "countries", "tags", "identifiers", "listed", "datasets"}
	for i, a := range nodeAttrs {
		typ := "string"
		if a == "listed" {
			typ = "boolean"
		}
		fmt.Fprintf(bw, "      <attribute id=\"%d\" title=%q type=%q/>\n", i, a, typ)
	}
	bw.WriteString("    </attributes>\n    <attributes class=\"edge\">\n")
	edgeAttrs := []string{"amount", "currency", "date", "start", "end", "percentage", "goods", "datasets"}
	for i, a := range edgeAttrs {
		fmt.Fprintf(bw, "      <attribute id=\"%d\" title=%q type=\"string\"/>\n", i, a)
	}
	bw.WriteString("    </attributes>\n    <nodes>\n")
	for _, e := range es {
		fmt.Fprintf(bw, "      <node id=%s label=%s>\n        <attvalues>\n", attr(e.ID), attr(e.Name))
		vals := []string{string(e.Kind), strings.Join(e.Countries, ";"), strings.Join(e.Tags, ";"), identifiers(e.Identifiers), fmt.Sprint(e.Listed()), strings.Join(datasets(e.Sources), ";")}
		for i, v := range vals {
			if v != "" {
				fmt.Fprintf(bw, "          <attvalue for=\"%d\" value=%s/>\n", i, attr(v))
			}
		}
		bw.WriteString("        </attvalues>\n      </node>\n")
	}
	bw.WriteString("    </nodes>\n    <edges>\n")
	for _, l := range ls {
		fmt.Fprintf(bw, "      <edge id=%s source=%s target=%s label=%s kind=%s>\n        <attvalues>\n", attr(l.ID), attr(l.From), attr(l.To), attr(string(l.Type)), attr(string(l.Type)))
		for i, a := range edgeAttrs {
			v := l.Prop(a)
			if a == "datasets" {
				v = strings.Join(datasets(l.Sources), ";")
			}
			if v != "" {
				fmt.Fprintf(bw, "          <attvalue for=\"%d\" value=%s/>\n", i, attr(v))
			}
		}
		bw.WriteString("        </attvalues>\n      </edge>\n")
	}
	bw.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return bw.Flush()
}
