package audit

import (
	"encoding/json"
	"strings"
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

// FuzzHash checks Hash against the documented encoding built with
// encoding/json on a struct of the same fields in the same order: any
// sequence number, time, kind and previous hash, and a body that is the
// canonical encoding of any string.
func FuzzHash(f *testing.F) {
	f.Add(int64(7), int64(1772528645000000006), "decision", strings.Repeat("ab", 32), "<not> \"html\" é")
	f.Add(int64(1), int64(0), "screening", "", "")
	f.Add(int64(-3), int64(-62135596800000000), "k\u2028\"\\\x01\xff", "é", "\x00\u2029")
	f.Fuzz(func(t *testing.T, seq, nanos int64, kind, prev, note string) {
		body, err := canonical(map[string]string{"note": note})
		if err != nil {
			t.Fatal(err)
		}
		r := graph.AuditRecord{Seq: seq, Time: time.Unix(0, nanos), Kind: kind, Prev: prev, Body: body}
		want, err := canonical(struct {
			Seq  int64           `json:"seq"`
			Time string          `json:"time"`
			Kind string          `json:"kind"`
			Prev string          `json:"prev"`
			Body json.RawMessage `json:"body"`
		}{r.Seq, r.Time.UTC().Format(timeLayout), r.Kind, r.Prev, r.Body})
		if err != nil {
			t.Fatal(err)
		}
		if got := Hash(&r); got != sha256hex(string(want)) {
			t.Fatalf("hash %s, want the sha256 of %s", got, want)
		}
	})
}
