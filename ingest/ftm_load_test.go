package ingest_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// ftmSample is ingest/ftm's OpenSanctions-shaped sample.
const ftmSample = "ftm/testdata/opensanctions.ftm.jsonl"

// TestLoadSample loads the OpenSanctions-shaped sample through the pipeline
// into the embedded store and checks what DESIGN.md says ingest repairs and
// resolves: fragments merged, the shared SWIFT code resolved, an owned bank
// account held, an owned Organization made a Company, names agreeing across
// datasets made a SAME_AS candidate, referents to records not loaded kept
// as pending links.
func TestLoadFtMSample(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	c, err := ingest.Load(ctx, s, []string{ftmSample}, ingest.Options{Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 34 || c.Loaded != 34 || c.Rejected != 0 || c.Entities != 15 || c.Links != 16 || c.Merged != 1 || c.Candidates != 1 {
		t.Errorf("counts %+v: want read 34, loaded 34, rejected 0, entities 15, links 16, merged 1, candidates 1", c)
	}
	if len(c.Notes) != 0 || c.Pending != 6 {
		t.Errorf("notes %q, pending %d: want the six referents of records not loaded pending, no notes", c.Notes, c.Pending)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := map[string]int64{"OWNS": 2, "HOLDS_ACCOUNT": 3, "DIRECTS": 1, "PAYS": 1, "REPRESENTS": 1, "EMPLOYS": 1,
		"MEMBER_OF": 1, "ASSOCIATE": 2, "FAMILY": 1, "SUPPLIES": 1, "LOCATED_AT": 1, "SAME_AS": 1}
	if js(st.ByType) != js(wantTypes) {
		t.Errorf("by type %v, want %v", st.ByType, wantTypes)
	}
	wantKinds := map[string]int64{"Address": 1, "Aircraft": 1, "BankAccount": 2, "Company": 4, "LegalEntity": 1, "Organization": 2, "Person": 3, "Vessel": 1}
	if js(st.ByKind) != js(wantKinds) {
		t.Errorf("by kind %v, want %v", st.ByKind, wantKinds)
	}

	kkbc := get(t, s, "NK-KwangsonBank")
	if !slices.Equal(kkbc.Countries, []string{"KP"}) {
		t.Errorf("KKBC countries %q: want kp and \"Korea, North\" as KP", kkbc.Countries)
	}
	for scheme, want := range map[string][]string{
		graph.IDSwift: {"KKBCKPPY"}, graph.IDWebsite: {"kkbc.example"}, graph.IDEmail: {"info@kkbc.example"},
		graph.IDPhone: {"+85023810000"}, graph.IDTax: {"7701234567", "KP 991 77"},
	} {
		if !slices.Equal(kkbc.Identifiers[scheme], want) {
			t.Errorf("KKBC %s = %q, want %q", scheme, kkbc.Identifiers[scheme], want)
		}
	}
	for _, a := range []string{"KKBC", "Kwangson Banking Corporation", "KOREA KWANGSON BANKING CORPORATION", "Korea Kwangson Banking Corp"} {
		if !slices.Contains(kkbc.Aliases, a) {
			t.Errorf("KKBC aliases %q lack %q", kkbc.Aliases, a)
		}
	}
	if !slices.Contains(kkbc.Tags, graph.TagExportControl) || !slices.Contains(kkbc.Tags, graph.TagSanction) {
		t.Errorf("KKBC tags %q: want both fragments' topics", kkbc.Tags)
	}
	if js(kkbc.Props["merged_from"]) != `["kkbc-eu"]` || js(kkbc.Props["merged_on"]) != `["swift:KKBCKPPY"]` {
		t.Errorf("KKBC merge record: merged_from %v merged_on %v", kkbc.Props["merged_from"], kkbc.Props["merged_on"])
	}
	var ds []string
	for _, src := range kkbc.Sources {
		ds = append(ds, src.Dataset+"@"+src.Record)
	}
	if want := []string{"us_ofac_sdn@opensanctions.ftm.jsonl:2", "eu_fsf@opensanctions.ftm.jsonl:3", "eu_fsf@opensanctions.ftm.jsonl:34"}; !slices.Equal(ds, want) {
		t.Errorf("KKBC sources %q, want %q (kept through fragments and resolution)", ds, want)
	}

	rgb := get(t, s, "NK-3wQ4Ux7P3Xk5dC9bq5ZK2e")
	if len(rgb.Sanctions) != 3 || !rgb.Listed() {
		t.Errorf("RGB sanctions %+v: want the three listings of its two Sanction records", rgb.Sanctions)
	}
	if k := get(t, s, "NK-PyongsuFrontCo").Kind; k != graph.Company {
		t.Errorf("Pyongsu Trading is %s: an Organization that is owned is a Company", k)
	}
	if n := get(t, s, "NK-KimJongSu"); !slices.Equal(n.Identifiers[graph.IDPassport], []string{"836110035"}) {
		t.Errorf("KIM Jong-su identifiers %v: want the passport", n.Identifiers)
	}

	links := map[string]graph.Link{}
	if err := s.Links(ctx, graph.Filter{}, func(l graph.Link) error { links[l.ID] = l; return nil }); err != nil {
		t.Fatal(err)
	}
	if l := links["own-kkbc-account"]; l.Type != graph.HoldsAccount || l.From != "NK-KwangsonBank" || l.To != "acct-kkbc-usd" {
		t.Errorf("ownership of a bank account: %+v, want HOLDS_ACCOUNT", l)
	}
	same := links[graph.LinkID("NK-PyongsuFrontCo", graph.SameAs, "hk-pyongsu")]
	if same.Type != graph.SameAs || same.Props["candidate"] != true || same.Props["score"] != 1.0 {
		t.Errorf("SAME_AS candidate: %+v", same)
	}
	if _, ok := links[graph.LinkID("kkbc-eu", graph.LocatedAt, "addr-pyongyang-1")]; ok {
		t.Errorf("the absorbed entity's link was not rewritten to the entity it was resolved into")
	}
	if _, ok := links[graph.LinkID("NK-KwangsonBank", graph.LocatedAt, "addr-pyongyang-1")]; !ok {
		t.Errorf("KKBC's LOCATED_AT link is missing")
	}

	// Loading it again changes nothing.
	v1, _ := s.Version(ctx)
	if _, err := ingest.Load(ctx, s, []string{ftmSample}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	st2, _ := s.Stats(ctx)
	v2, _ := s.Version(ctx)
	if v1 != v2 || js(st) != js(st2) {
		t.Errorf("second load changed the store: version %d → %d, stats %v → %v", v1, v2, st, st2)
	}
}

func get(t *testing.T, s graph.Store, id string) graph.Entity {
	t.Helper()
	e, err := graph.Get(context.Background(), s, id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
