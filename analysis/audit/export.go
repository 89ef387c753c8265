package audit

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// ExportColumns are the columns of a CSV export, in order: the record's
// place in the chain, then what a reviewer reads of a screening or a
// decision.
var ExportColumns = []string{"seq", "time", "kind", "who", "run", "list", "supplier", "query", "verdict", "standing", "match_id", "match_name",
	"match_score", "decision", "finding", "note", "releases", "settings", "store_version", "prev", "hash"}

// Export writes the records recorded in [from, to) (either zero: open) as
// JSON, one record a line ({"seq","time","kind","prev","hash","body"}, the
// body as recorded, so that a reader can check the hashes), or as CSV
// with ExportColumns (cells that a spreadsheet would read as a formula are
// quoted). It returns how many records it wrote.
func (t *Trail) Export(ctx context.Context, w io.Writer, from, to time.Time, format string) (int, error) {
	f := graph.AuditFilter{From: from, To: to}
	n := 0
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		err := t.Records(ctx, f, func(r graph.AuditRecord) error {
			n++
			return enc.Encode(r)
		})
		return n, err
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(ExportColumns); err != nil {
			return 0, err
		}
		err := t.Records(ctx, f, func(r graph.AuditRecord) error {
			row, err := exportRow(r)
			if err != nil {
				return err
			}
			for i := range row {
				row[i] = graph.CSVSafe(row[i])
			}
			n++
			return cw.Write(row)
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return n, err
	}
	return 0, fmt.Errorf("audit: export format %q: want json or csv", format)
}

// exportRow is one record's CSV row.
func exportRow(r graph.AuditRecord) ([]string, error) {
	col := map[string]string{"seq": strconv.FormatInt(r.Seq, 10), "time": r.Time.UTC().Format(time.RFC3339Nano), "kind": r.Kind, "prev": r.Prev, "hash": r.Hash}
	switch r.Kind {
	case KindScreening:
		var s Screening
		if err := unmarshal(r, &s); err != nil {
			return nil, err
		}
		col["who"], col["run"], col["list"], col["supplier"], col["query"] = s.Run.Who, s.Run.ID, s.Run.List, s.Supplier, s.Query.Name
		col["verdict"], col["standing"] = s.Outcome.Verdict, s.Outcome.Standing.String()
		if m := s.Outcome.Match; m != nil {
			col["match_id"], col["match_name"], col["match_score"] = m.ID, m.Name, strconv.FormatFloat(m.Score, 'f', -1, 64)
		}
		if d := s.Outcome.Decision; d != nil {
			col["decision"], col["finding"], col["note"] = strconv.FormatInt(d.ID, 10), d.Finding, d.Note
		}
		var rs []string
		for _, rel := range s.Basis.Releases {
			rs = append(rs, rel.Label+" "+rel.Key[strings.LastIndexByte(rel.Key, ' ')+1:])
		}
		col["releases"] = strings.Join(rs, "; ")
		st := s.Basis.Settings
		col["settings"] = fmt.Sprintf("%s threshold %g rule %s max-hops %d", st.Algorithm, st.Threshold, st.Rule, st.MaxHops)
		if st.AsOf != "" {
			col["settings"] += " as-of " + st.AsOf
		}
		col["store_version"] = strconv.FormatInt(s.Basis.StoreVersion, 10)
	case KindDecision:
		var d Decision
		if err := unmarshal(r, &d); err != nil {
			return nil, err
		}
		col["who"], col["supplier"], col["match_id"], col["finding"], col["note"] = d.Who, d.Supplier, d.Match, d.Finding, d.Note
		col["decision"] = strconv.FormatInt(r.Seq, 10)
	case KindRevocation:
		var v Revocation
		if err := unmarshal(r, &v); err != nil {
			return nil, err
		}
		col["who"], col["decision"], col["note"] = v.Who, strconv.FormatInt(v.Decision, 10), v.Note
	}
	row := make([]string, len(ExportColumns))
	for i, c := range ExportColumns {
		row[i] = col[c]
	}
	return row, nil
}
