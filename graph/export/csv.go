package export

import (
	"encoding/csv"
	"io"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// linkColumns are the links file's named columns after from, to and type.
var linkColumns = []string{"start", "end", "date", "amount", "currency", "goods", "hs", "percentage"}

// CSV writes sg as shellnet's generic CSV pair (DESIGN.md): an entities file
// (id,kind,name,aliases,countries,tags,identifiers, then one column per
// property) and a links file (id,from,to,type,start,end,date,amount,
// currency,goods,hs,percentage,source, then one column per other property).
// Every cell goes through graph.CSVSafe, so a name that starts like a formula
// is written with a leading quote and cannot run in a spreadsheet.
func CSV(entities, links io.Writer, sg graph.Subgraph) error {
	es, ls := sorted(sg)
	ew := csv.NewWriter(entities)
	fixed := []string{"id", "kind", "name", "aliases", "countries", "tags", "identifiers", "datasets"}
	// a property named like a column (FtM's datasets, say) is left to it
	keys := propKeys(es, func(e *graph.Entity) map[string]any { return e.Props }, fixed...)
	header := append(slices.Clone(fixed), keys...)
	ew.Write(header)
	for _, e := range es {
		row := []string{e.ID, string(e.Kind), e.Name, strings.Join(e.Aliases, ";"), strings.Join(e.Countries, ";"), strings.Join(tagsWithListing(&e), ";"), identifiers(e.Identifiers), strings.Join(datasets(e.Sources), ";")}
		for _, k := range keys {
			row = append(row, text(e.Props[k]))
		}
		writeSafe(ew, row)
	}
	ew.Flush()
	if err := ew.Error(); err != nil {
		return err
	}
	lw := csv.NewWriter(links)
	lkeys := propKeys(ls, func(l *graph.Link) map[string]any { return l.Props }, append([]string{"id", "from", "to", "type", "source", "datasets"}, linkColumns...)...)
	lw.Write(append(append(append([]string{"id", "from", "to", "type"}, linkColumns...), "source", "datasets"), lkeys...))
	for _, l := range ls {
		row := []string{l.ID, l.From, l.To, string(l.Type)}
		for _, c := range linkColumns {
			row = append(row, l.Prop(c))
		}
		row = append(row, l.Prop("source"), strings.Join(datasets(l.Sources), ";"))
		for _, k := range lkeys {
			row = append(row, text(l.Props[k]))
		}
		writeSafe(lw, row)
	}
	lw.Flush()
	return lw.Error()
}

// tagsWithListing keeps a listed entity listed when re-read from CSV, which
// has no column for sanctions: the sanction tag says it.
func tagsWithListing(e *graph.Entity) []string {
	if e.Listed() && !e.HasTag(graph.TagSanction) {
		return append(append([]string(nil), e.Tags...), graph.TagSanction)
	}
	return e.Tags
}

func writeSafe(w *csv.Writer, row []string) {
	for i := range row {
		row[i] = graph.CSVSafe(row[i])
	}
	w.Write(row)
}
