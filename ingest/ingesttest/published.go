package ingesttest

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// testOpenSanctionsExport loads a real OpenSanctions export whose entities
// name addresses and records of other datasets that it does not contain:
// nothing is rejected, every entity is stored, every reference is a link
// or a pending link, and each party with the sanction topic screens
// sanctioned under its caption.
func testOpenSanctionsExport(t *testing.T, open Open) {
	path := Copy(t, t.TempDir(), "eu_fsf.ftm.jsonl")
	type record struct {
		ID         string              `json:"id"`
		Caption    string              `json:"caption"`
		Properties map[string][]string `json:"properties"`
		Referents  []string            `json:"referents"`
	}
	var recs []record
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	f.Close()
	use(t, open, func(s graph.Store) {
		c := load(t, s, ingest.Options{}, path)
		// 7 entities; they name 2 addresses and 63 records of other
		// datasets that the file does not hold (see testdata/PROVENANCE.md)
		if c.Read != 7 || c.Rejected != 0 || c.Entities != 7 || c.Links != 0 || c.Pending != 65 {
			t.Errorf("counts %+v: want read 7, rejected 0, entities 7, links 0, pending 65", c)
		}
		_, st := Dump(t, s)
		if js(st.Pending) != js(map[string]int64{"LOCATED_AT": 2, "SAME_AS": 63}) {
			t.Errorf("pending by type %v, want LOCATED_AT 2, SAME_AS 63", st.Pending)
		}
		var captions []string
		for _, r := range recs {
			e, err := graph.Get(context.Background(), s, r.ID)
			if err != nil {
				t.Errorf("entity of the file not stored: %v", err)
				continue
			}
			for _, topic := range r.Properties["topics"] {
				if topic == graph.TagSanction {
					captions = append(captions, r.Caption)
					if !e.Listed() {
						t.Errorf("%s (%s) has the sanction topic but is not listed", r.ID, r.Caption)
					}
				}
			}
		}
		if len(captions) != 6 {
			t.Errorf("%d parties with the sanction topic, want 6", len(captions))
		}
		for name, v := range verdicts(t, s, captions) {
			if v != "sanctioned" {
				t.Errorf("screen %q: %s, want sanctioned", name, v)
			}
		}
	})
}
