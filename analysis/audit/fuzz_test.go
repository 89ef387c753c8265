package audit

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// FuzzExportRow reads record bodies as a store may hand them back, changed
// or corrupted: every body gives a row of ExportColumns or an error, never
// a panic, and a record's hash changes with its body.
func FuzzExportRow(f *testing.F) {
	for _, seed := range []struct {
		kind string
		body string
	}{
		{KindScreening, `{"run":{"id":"r1","list":"suppliers.csv","who":"a","via":"cli"},"supplier":"id:S01","query":{"name":"Manuel Antonio Noriega","id":"S01"},"basis":{"releases":[{"dataset":"ofac-sdn","key":"ofac-sdn 1cc5","label":"ofac-sdn loaded 2026-12-07","loaded":"2026-12-07T10:00:00Z"}],"store_version":3,"settings":{"algorithm":"shellnet","threshold":0.9,"possible":0.75,"rule":"ofac","max_hops":3,"paths":3}},"outcome":{"query":"Manuel Antonio Noriega","match":{"id":"ofac-1572","name":"NORIEGA, Manuel Antonio","score":1,"kind":"Person","matched":"NORIEGA, Manuel Antonio","verdict":"sanctioned"},"distance":0,"paths":[],"score":200,"reasons":[],"verdict":"sanctioned","standing":"sanctioned"}}`},
		{KindDecision, `{"supplier":"id:V1","match":"glocom","finding":"false_positive","note":"=cmd|' /C calc'!A0","who":"b","facts":null}`},
		{KindRevocation, `{"decision":2,"note":"x","who":"c"}`},
		{KindScreening, `{"outcome":{"standing":"bogus"}}`},
		{"other", `not json`},
	} {
		f.Add(seed.kind, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, kind string, body []byte) {
		r := graph.AuditRecord{Seq: 1, Time: time.Unix(0, 0), Kind: kind, Body: body}
		row, err := exportRow(r)
		if err == nil && len(row) != len(ExportColumns) {
			t.Fatalf("a row of %d cells, want %d", len(row), len(ExportColumns))
		}
		if err != nil && json.Valid(body) && kind != KindScreening && kind != KindDecision && kind != KindRevocation {
			t.Fatalf("a %q record of valid JSON refused: %v", kind, err)
		}
		h := Hash(&r)
		r.Body = append(append([]byte{}, body...), ' ')
		if Hash(&r) == h {
			t.Fatal("a changed body keeps its hash")
		}
	})
}
