package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/graph"
)

// TestAuditedServer runs a server with the audit trail on: a /screen of
// two suppliers is recorded under the token's name and names its run; a
// decision clears one supplier's match; /screen?since=RUN answers with
// that change alone, with its cause; /match is recorded too, and the
// chain holds.
func TestAuditedServer(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store, Audit: true, Who: "compliance-team"})
	list := `{"name": "Glocom", "id": "V1"}` + "\n" + `{"name": "Pan Systems Pte Ltd", "id": "V2"}` + "\n"
	req, _ := http.NewRequest("POST", ts.URL+"/screen?list=vendors", strings.NewReader(list))
	req.Header.Set("Content-Type", "application/x-ndjson")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var first []map[string]any
	dec := json.NewDecoder(resp.Body)
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		first = append(first, m)
	}
	resp.Body.Close()
	run := resp.Header.Get(runHeader)
	if resp.StatusCode != http.StatusOK || run == "" || len(first) != 2 || first[0]["verdict"] != "linked" {
		t.Fatalf("audited /screen: status %d, run %q, %d results: %v", resp.StatusCode, run, len(first), first)
	}
	match := first[0]["match"].(map[string]any)["id"].(string)
	a, err := graph.AuditorOf(store)
	if err != nil {
		t.Fatal(err)
	}
	tr := audit.Open(a)
	_, recs, err := tr.RunOf(context.Background(), run)
	if err != nil || len(recs) != 2 || recs[0].Run.Who != "compliance-team" || recs[0].Run.Via != "server" || recs[0].Run.List != "vendors" {
		t.Fatalf("run %s recorded: %d records (%v), %+v", run, len(recs), err, recs)
	}
	code, out := do(t, ts.Client(), "POST", ts.URL+"/decisions", "application/json",
		`{"supplier": "Glocom", "id": "V1", "match": "`+match+`", "finding": "false_positive", "note": "another Glocom, registered in Ohio", "analyst": "j.doe"}`)
	if code != http.StatusCreated || !strings.Contains(string(out), `"who":"j.doe (token compliance-team)"`) {
		t.Fatalf("POST /decisions: %d %s", code, out)
	}
	if code, out := do(t, ts.Client(), "POST", ts.URL+"/decisions", "application/json",
		`{"supplier": "Glocom", "match": "no-such-party", "finding": "false_positive", "note": "x"}`); code != http.StatusConflict {
		t.Errorf("a decision about a party not matched: %d %s", code, out)
	}
	code, out = do(t, ts.Client(), "POST", ts.URL+"/screen?since="+run, "application/x-ndjson", list)
	var ch audit.Change
	if err := json.Unmarshal(out, &ch); code != http.StatusOK || err != nil || strings.Count(string(out), "\n") != 1 {
		t.Fatalf("/screen?since: %d %s", code, out)
	}
	if ch.Supplier != "id:V1" || ch.Before != "linked" || ch.After != "cleared" || ch.Worse ||
		len(ch.Causes) != 1 || !strings.HasPrefix(ch.Causes[0], "cleared as a false positive by j.doe (token compliance-team) on ") {
		t.Errorf("change since %s: %+v", run, ch)
	}
	if code, _ := do(t, ts.Client(), "POST", ts.URL+"/screen?since=no-such-run", "application/x-ndjson", list); code != http.StatusNotFound {
		t.Errorf("since an unknown run: %d", code)
	}
	if code, out := do(t, ts.Client(), "POST", ts.URL+"/match/default", "application/json",
		`{"queries": {"q1": {"schema": "Company", "properties": {"name": ["Glocom"]}}}}`); code != http.StatusOK {
		t.Fatalf("/match: %d %s", code, out)
	}
	v, err := tr.Verify(context.Background())
	if err != nil || v.Broken != nil || v.Records != 2+1+2+1 {
		t.Errorf("trail: %+v %v; want 6 records (2 screenings, a decision, 2 screenings, a match) and no break", v, err)
	}
}
