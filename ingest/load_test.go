package ingest_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all"
	"github.com/shellnet/shellnet/ingest/ingesttest"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	return s
}

// write creates files under dir from name → content and returns their paths.
func write(t *testing.T, dir string, files map[string]string) []string {
	t.Helper()
	var paths []string
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// snapshot is every entity and link of a store, as JSON, and its stats.
func snapshot(t *testing.T, s graph.Store) (map[string]string, graph.Stats, int64) {
	t.Helper()
	out, st := ingesttest.Dump(t, s)
	v, err := s.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return out, st, v
}

func js(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// badInput has bad records of every kind the pipeline meets: rejected by
// the reader (unknown kind), by normalisation (unknown country), by link
// checking (an end nobody describes), and in cascade (a record rejected for
// its link takes its entity with it, so a link to that entity goes too).
var badInput = map[string]string{
	"entities.csv": "id,kind,name,countries\n" +
		"a,Company,Alpha Ltd,SG\n" + // 2 ok
		"b,Shell,Beta,SG\n" + // 3 reader: unknown kind
		"c,Company,Gamma,Atlantis\n" + // 4 pipeline: unknown country
		"d,Person,Delta,KP\n", // 5 ok
	"links.csv": "from,to,type\n" +
		"a,d,ASSOCIATE\n" + // 2 ok
		"a,c,OWNS\n" + // 3 c was rejected
		"a,zeta,OWNS\n" + // 4 nobody describes zeta
		"d,a,DIRECTS\n", // 5 ok
	"more.ftm.jsonl": `{"id":"e","schema":"Company","properties":{"name":["Epsilon"],"addressEntity":["addr-missing"]}}` + "\n" + // 1: its address is missing
		`{"id":"own-a-e","schema":"Ownership","properties":{"owner":["a"],"asset":["e"]}}` + "\n" + // 2: e went with line 1
		`{"id":"f","schema":"Company","properties":{"name":["Phi"],"country":["kp"]}}` + "\n" + // 3 ok
		`{"id":"dir-d-f","schema":"Directorship","properties":{"director":["d"],"organization":["f"]}}` + "\n", // 4 ok
}

type rejectLine struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
	Raw    string `json:"raw"`
}

func readRejects(t *testing.T, path string) []rejectLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []rejectLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r rejectLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("rejects line %q: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out
}

// TestLoadPendingReferences loads the bad input without
// StrictReferences: a link to an entity neither loaded nor stored costs
// nothing but itself, and waits in the store; only the records that are
// bad in themselves are rejected.
func TestLoadPendingReferences(t *testing.T) {
	ctx := context.Background()
	paths := write(t, t.TempDir(), badInput)
	s := openStore(t)
	c, err := ingest.Load(ctx, s, paths, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != c.Loaded+c.Rejected {
		t.Errorf("read %d != loaded %d + rejected %d", c.Read, c.Loaded, c.Rejected)
	}
	// pending: links.csv:3 (c was rejected), links.csv:4 (zeta), more.ftm.jsonl:1 (addr-missing)
	if c.Read != 12 || c.Rejected != 2 || c.Entities != 4 || c.Links != 4 || c.Pending != 3 || c.PendingFirst != "links.csv:3 → c" {
		t.Errorf("counts %+v: want read 12, rejected 2, entities 4 (a, d, e, f), links 4, pending 3, first links.csv:3 → c", c)
	}
	snap, st, _ := snapshot(t, s)
	var keys []string
	for k := range snap {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"entity a", "entity d", "entity e", "entity f", "link " + graph.LinkID("a", graph.Associate, "d"), "link " + graph.LinkID("d", graph.Directs, "a"), "link dir-d-f", "link own-a-e",
		"pending a>owns>c", "pending a>owns>zeta", "pending e>located_at>addr-missing"}
	if !slices.Equal(keys, want) {
		t.Errorf("store holds %q, want %q", keys, want)
	}
	if js(st.Pending) != js(map[string]int64{"OWNS": 2, "LOCATED_AT": 1}) {
		t.Errorf("pending by type %v, want OWNS 2, LOCATED_AT 1", st.Pending)
	}
	var waits []string
	if err := s.Pending(ctx, nil, func(p graph.Pending) error {
		waits = append(waits, p.Record+" "+strings.Join(p.Waits, ","))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(waits)
	if wantW := []string{"links.csv:3 c", "links.csv:4 zeta", "more.ftm.jsonl:1 addr-missing"}; !slices.Equal(waits, wantW) {
		t.Errorf("pending %q, want %q", waits, wantW)
	}
}

func TestLoadRejectsAndReconciles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	paths := write(t, dir, badInput)
	s := openStore(t)
	var log bytes.Buffer
	c, err := ingest.Load(ctx, s, paths, ingest.Options{Log: &log, StrictReferences: true})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != c.Loaded+c.Rejected {
		t.Errorf("read %d != loaded %d + rejected %d", c.Read, c.Loaded, c.Rejected)
	}
	if c.Read != 12 || c.Rejected != 6 || c.Entities != 3 || c.Links != 3 {
		t.Errorf("counts %+v: want read 12, rejected 6, entities 3 (a, d, f), links 3", c)
	}
	// The default rejects file sits beside the first input.
	if want := paths[0] + ".rejects.jsonl"; c.RejectsFile != want {
		t.Errorf("rejects file %q, want %q", c.RejectsFile, want)
	}
	got := map[string]rejectLine{}
	for _, r := range readRejects(t, c.RejectsFile) {
		if r.Raw == "" || r.Reason == "" {
			t.Errorf("reject %+v: want a reason and the raw record", r)
		}
		got[filepath.Base(r.File)+":"+js(r.Line)] = r
	}
	for key, want := range map[string]struct{ field, says string }{
		"entities.csv:3":   {"kind", `unknown kind "Shell"`},
		"entities.csv:4":   {"countries", `unknown country "Atlantis"`},
		"links.csv:3":      {"to", `unknown entity "c"`},
		"links.csv:4":      {"to", `unknown entity "zeta"`},
		"more.ftm.jsonl:1": {"to", `unknown entity "addr-missing"`},
		"more.ftm.jsonl:2": {"to", `unknown entity "e"`},
	} {
		r, ok := got[key]
		if !ok || r.Field != want.field || !strings.Contains(r.Reason, want.says) {
			t.Errorf("reject of %s: %+v, want field %q and %q", key, r, want.field, want.says)
		}
	}
	if len(got) != 6 {
		t.Errorf("%d rejects, want 6: %v", len(got), got)
	}
	snap, st, _ := snapshot(t, s)
	var keys []string
	for k := range snap {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"entity a", "entity d", "entity f", "link " + graph.LinkID("a", graph.Associate, "d"), "link " + graph.LinkID("d", graph.Directs, "a"), "link dir-d-f"}
	if !slices.Equal(keys, want) || st.Entities != 3 {
		t.Errorf("store holds %q, want %q", keys, want)
	}
	for _, line := range []string{"entities.csv: csv (detected)", "more.ftm.jsonl: ftm (detected)"} {
		if !strings.Contains(log.String(), line) {
			t.Errorf("log %q lacks %q", log.String(), line)
		}
	}
}

func TestLoadStrictWritesNothing(t *testing.T) {
	ctx := context.Background()
	paths := write(t, t.TempDir(), badInput)
	s := openStore(t)
	_, _, v0 := snapshot(t, s)
	rejects := filepath.Join(t.TempDir(), "bad.jsonl")
	c, err := ingest.Load(ctx, s, paths, ingest.Options{Strict: true, StrictReferences: true, Rejects: rejects})
	if !errors.Is(err, ingest.ErrRejected) || !strings.Contains(err.Error(), rejects) {
		t.Errorf("error %v: want ErrRejected naming the rejects file", err)
	}
	if c.Loaded != 0 || c.Rejected != 6 || c.Entities != 0 {
		t.Errorf("counts %+v: want nothing loaded, 6 rejected", c)
	}
	snap, st, v := snapshot(t, s)
	if len(snap) != 0 || st.Entities != 0 || v != v0 {
		t.Errorf("strict load wrote %d records (version %d → %d)", len(snap), v0, v)
	}
	if n := len(readRejects(t, rejects)); n != 6 {
		t.Errorf("%d rejects written, want 6", n)
	}
}

// glocom copies the Glocom fixture's data files into a folder.
func glocom(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(fixtures.FS, "glocom", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fixtures.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoadTwiceChangesNothing loads the Glocom case (FtM and CSV) twice:
// every entity and link, the stats and the version stay as they were.
func TestLoadTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := glocom(t)
	s := openStore(t)
	c1, err := ingest.Load(ctx, s, []string{dir}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c1.Rejected != 0 || c1.Read != c1.Loaded || c1.Merged != 1 {
		t.Errorf("first load %+v: want no rejects and front-sg-2 resolved into front-my", c1)
	}
	snap1, st1, v1 := snapshot(t, s)
	c2, err := ingest.Load(ctx, s, []string{dir}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snap2, st2, v2 := snapshot(t, s)
	if v1 != v2 || js(st1) != js(st2) {
		t.Errorf("second load: version %d → %d, stats %s → %s", v1, v2, js(st1), js(st2))
	}
	for k, v := range snap1 {
		if snap2[k] != v {
			t.Errorf("%s changed:\n%s\n%s", k, v, snap2[k])
		}
	}
	if c1.Entities != c2.Entities || c1.Links != c2.Links || c1.Merged != c2.Merged {
		t.Errorf("counts differ: %+v then %+v", c1, c2)
	}
	front, err := graph.Get(ctx, s, "front-my")
	if err != nil {
		t.Fatal(err)
	}
	if js(front.Props["merged_from"]) != `["front-sg-2"]` || js(front.Props["merged_on"]) != `["email:procurement@kestrelgate.example"]` {
		t.Errorf("front-my merge record: %v %v", front.Props["merged_from"], front.Props["merged_on"])
	}
	if _, err := graph.Get(ctx, s, "front-sg-2"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("front-sg-2 is stored on its own: %v", err)
	}
}

// TestLoadResolvesAgainstStore loads two sources one after the other: the
// second's entities that share a strong identifier with stored ones are
// resolved into them, links are rewritten, names that agree across
// datasets become SAME_AS candidates, FtM referents to stored records are
// kept; a person sharing a company's phone number stays apart.
func TestLoadResolvesAgainstStore(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	first := write(t, t.TempDir(), map[string]string{"list.csv": "id,kind,name,countries,identifiers\n" +
		"ofac-1,Company,Korea Kwangson Banking Corp,KP,swift:KKBCKPPY;phone:+850 2 381 0000\n" +
		"ofac-2,Organization,Reconnaissance General Bureau,KP,\n" +
		"ofac-3,Company,Daesong Trading Company,KP,email:sales@daesong.example\n"})
	if _, err := ingest.Load(ctx, s, first, ingest.Options{Dataset: "ofac"}); err != nil {
		t.Fatal(err)
	}
	second := write(t, t.TempDir(), map[string]string{"un.ftm.jsonl": `{"id":"un-1","schema":"Company","properties":{"name":["KKBC"],"swiftBic":["kkbc kp py"]}}` + "\n" +
		`{"id":"un-2","schema":"Organization","properties":{"name":["RECONNAISSANCE GENERAL BUREAU"]},"referents":["ofac-2","gone-1"]}` + "\n" +
		`{"id":"un-own","schema":"Ownership","properties":{"owner":["un-2"],"asset":["un-1"]}}` + "\n" +
		`{"id":"un-3","schema":"Person","properties":{"name":["Ri Song"],"phone":["+85023810000"]}}` + "\n" +
		`{"id":"un-4","schema":"Company","properties":{"name":["Daesong Trading Corp"],"swiftBic":["KKBCKPPY"],"email":["SALES@daesong.example"]}}` + "\n"})
	c, err := ingest.Load(ctx, s, second, ingest.Options{Dataset: "un"})
	if err != nil {
		t.Fatal(err)
	}
	// un-1 and un-4 share the SWIFT code with ofac-1; un-4 also shares an
	// e-mail with ofac-3, so the group matches two stored entities: it
	// takes the smaller id and the other is tied to it by SAME_AS.
	if c.Merged != 2 || c.Entities != 3 || c.Candidates != 0 || c.Rejected != 0 {
		t.Errorf("counts %+v: want 2 merged, 3 entities (ofac-1, un-2, un-3), no candidate (the referent ties un-2 to ofac-2)", c)
	}
	kkbc, err := graph.Get(ctx, s, "ofac-1")
	if err != nil {
		t.Fatal(err)
	}
	if js(kkbc.Props["merged_from"]) != `["un-1","un-4"]` || !slices.Contains(kkbc.Aliases, "KKBC") {
		t.Errorf("ofac-1: merged_from %v aliases %q", kkbc.Props["merged_from"], kkbc.Aliases)
	}
	if got := datasets(kkbc); !slices.Equal(got, []string{"ofac", "un"}) {
		t.Errorf("ofac-1 sources %v: want both datasets kept", got)
	}
	links := map[string]graph.Link{}
	s.Links(ctx, graph.Filter{}, func(l graph.Link) error { links[l.ID] = l; return nil })
	if l := links["un-own"]; l.From != "un-2" || l.To != "ofac-1" {
		t.Errorf("ownership: %s → %s, want un-2 → ofac-1", l.From, l.To)
	}
	if l := links[graph.LinkID("un-2", graph.SameAs, "ofac-2")]; l.Type != graph.SameAs || l.Props["referent"] != true {
		t.Errorf("referent to a stored record: %+v, want a SAME_AS", l)
	}
	if l := links[graph.LinkID("ofac-1", graph.SameAs, "ofac-3")]; l.Type != graph.SameAs || l.Props["reason"] != "shared strong identifier" {
		t.Errorf("two stored entities found to be one party: %+v, want them tied by SAME_AS", l)
	}
	if p, err := graph.Get(ctx, s, "un-3"); err != nil || p.Kind != graph.Person {
		t.Errorf("the person sharing the bank's phone number must stay apart: %v %v", p, err)
	}

	// A third source where the names alone agree (once graph/names has set
	// legal forms and a trailing parenthetical aside): SAME_AS candidates
	// with the stored parties of other datasets.
	third := write(t, t.TempDir(), map[string]string{"eu.csv": "id,kind,name\neu-9,Organization,Reconnaissance General Bureau (RGB)\neu-10,Company,Daesong Trading Co. Ltd\n" +
		"eu-11,Vessel,Daesong\n"}) // a vessel is not a company of the same name
	c, err = ingest.Load(ctx, s, third, ingest.Options{Dataset: "eu"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Candidates != 4 {
		t.Errorf("candidates %d, want 4", c.Candidates)
	}
	links = map[string]graph.Link{}
	s.Links(ctx, graph.Filter{}, func(l graph.Link) error { links[l.ID] = l; return nil })
	for _, tc := range []struct {
		a, b  string
		score float64
	}{
		{"eu-10", "ofac-3", 1},
		{"eu-10", "ofac-1", 0.9}, // ofac-1 took Daesong Trading Corp's name as an alias
		{"eu-9", "ofac-2", 1},
		{"eu-9", "un-2", 1},
	} {
		l := links[graph.LinkID(tc.a, graph.SameAs, tc.b)]
		if l.Type != graph.SameAs || l.Props["candidate"] != true || l.Props["score"] != tc.score {
			t.Errorf("candidate %s ~ %s: %+v, want score %v", tc.a, tc.b, l, tc.score)
		}
	}

	// Loading the second source again changes nothing.
	snap1, st1, v1 := snapshot(t, s)
	if _, err := ingest.Load(ctx, s, second, ingest.Options{Dataset: "un"}); err != nil {
		t.Fatal(err)
	}
	snap2, st2, v2 := snapshot(t, s)
	if v1 != v2 || js(st1) != js(st2) {
		t.Errorf("reloading changed the store: version %d → %d", v1, v2)
	}
	for k, v := range snap2 {
		if snap1[k] != v {
			t.Errorf("%s changed:\n%s\n%s", k, snap1[k], v)
		}
	}
}

func datasets(e graph.Entity) []string {
	var out []string
	for _, s := range e.Sources {
		if !slices.Contains(out, s.Dataset) {
			out = append(out, s.Dataset)
		}
	}
	slices.Sort(out)
	return out
}

// TestLoadFragmentsAndRepairs: a Sanction about an entity loaded earlier
// lists it; about an entity nobody describes it is rejected; an ownership
// of a stored Organization makes it a Company.
func TestLoadFragmentsAndRepairs(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	first := write(t, t.TempDir(), map[string]string{"a.ftm.jsonl": `{"id":"rgb","schema":"Organization","properties":{"name":["RGB"],"country":["kp"]}}` + "\n"})
	if _, err := ingest.Load(ctx, s, first, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	second := write(t, t.TempDir(), map[string]string{"b.ftm.jsonl": `{"id":"s1","schema":"Sanction","properties":{"entity":["rgb"],"authority":["OFAC"],"program":["DPRK"],"authorityId":["12210"]}}` + "\n" +
		`{"id":"s2","schema":"Sanction","properties":{"entity":["nobody"],"authority":["OFAC"],"program":["DPRK"]}}` + "\n" +
		`{"id":"holder","schema":"Company","properties":{"name":["Holder Ltd"]}}` + "\n" +
		`{"id":"own","schema":"Ownership","properties":{"owner":["holder"],"asset":["rgb"],"percentage":["50"]}}` + "\n"})
	c, err := ingest.Load(ctx, s, second, ingest.Options{Rejects: filepath.Join(t.TempDir(), "r.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 4 || c.Rejected != 1 || c.Loaded != 3 {
		t.Errorf("counts %+v: want the sanction of nobody rejected", c)
	}
	rgb, err := graph.Get(ctx, s, "rgb")
	if err != nil {
		t.Fatal(err)
	}
	if !rgb.Listed() || len(rgb.Sanctions) != 1 || rgb.Sanctions[0].Reference != "12210" || rgb.Name != "RGB" {
		t.Errorf("rgb %+v: want it listed, its name kept", rgb)
	}
	if rgb.Kind != graph.Company {
		t.Errorf("rgb is %s: an owned Organization is a Company", rgb.Kind)
	}
	r := readRejects(t, c.RejectsFile)
	if len(r) != 1 || r[0].Line != 2 || !strings.Contains(r[0].Reason, `unknown entity "nobody"`) {
		t.Errorf("rejects %+v", r)
	}
}

func TestLoadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"data/a.csv":             "id,kind,name\nx,Company,X\n",
		"data/notes.txt":         "not data\n",
		"data/.hidden.csv":       "id,kind,name\nh,Company,H\n",
		"data/old.rejects.jsonl": `{"file":"x"}` + "\n",
		"data/sub/b.ftm.jsonl":   `{"id":"y","schema":"Company","properties":{"name":["Y"]}}` + "\n",
	})
	s := openStore(t)
	var log bytes.Buffer
	c, err := ingest.Load(ctx, s, []string{filepath.Join(dir, "data")}, ingest.Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 2 || !slices.Equal(c.Formats, []string{"csv", "ftm"}) {
		t.Errorf("counts %+v: want a.csv and sub/b.ftm.jsonl read, the rest skipped", c)
	}
	if !strings.Contains(log.String(), "notes.txt: skipped (format not recognised)") || len(c.Notes) != 1 {
		t.Errorf("log %q notes %q: want the skipped file said", log.String(), c.Notes)
	}
	// A file named on its own must be readable.
	if _, err := ingest.Load(ctx, s, []string{filepath.Join(dir, "data", "notes.txt")}, ingest.Options{}); err == nil || !strings.Contains(err.Error(), "cannot tell its format") {
		t.Errorf("unknown file named: %v", err)
	}
	// A format given is used for every file, and said.
	log.Reset()
	if _, err := ingest.Load(ctx, s, []string{filepath.Join(dir, "data", "a.csv")}, ingest.Options{Format: "csv", Log: &log}); err != nil || !strings.Contains(log.String(), "a.csv: csv (given)") {
		t.Errorf("given format: %v, log %q", err, log.String())
	}
	if _, err := ingest.Load(ctx, s, []string{filepath.Join(dir, "data", "a.csv")}, ingest.Options{Format: "xml"}); err == nil || !strings.Contains(err.Error(), `unknown input format "xml"`) {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := ingest.Load(ctx, s, []string{filepath.Join(dir, "missing.csv")}, ingest.Options{}); err == nil {
		t.Errorf("missing file: no error")
	}
}

// TestLoadKeepsListEntriesApart: two entries of one list that share a
// website are two parties (their list numbers differ), however the loads
// are split; a third source's entity sharing a passport with one of them
// is resolved into it.
func TestLoadKeepsListEntriesApart(t *testing.T) {
	ctx := context.Background()
	for _, split := range []bool{false, true} {
		s := openStore(t)
		files := map[string]string{
			"ofac.csv": "id,kind,name,identifiers\n" +
				"ofac-1,Company,Grupo Arosfran SARL,ofac:1;website:grupoarosfran.net\n" +
				"ofac-2,Company,Arosfran Empreendimentos,ofac:2;website:www.grupoarosfran.net\n" +
				"ofac-3,Person,Kassim Tajideen,ofac:3;passport:A123\n",
			"un.csv": "id,kind,name,identifiers\n" +
				"un-9,Person,TAJIDEEN Kassim,un:QDi.9;passport:a 123;website:grupoarosfran.net\n",
		}
		var c ingest.Counts
		if split {
			dir := t.TempDir()
			if _, err := ingest.Load(ctx, s, write(t, dir, map[string]string{"ofac.csv": files["ofac.csv"]}), ingest.Options{Dataset: "ofac"}); err != nil {
				t.Fatal(err)
			}
			var err error
			if c, err = ingest.Load(ctx, s, write(t, t.TempDir(), map[string]string{"un.csv": files["un.csv"]}), ingest.Options{Dataset: "un"}); err != nil {
				t.Fatal(err)
			}
		} else {
			var err error
			if c, err = ingest.Load(ctx, s, write(t, t.TempDir(), files), ingest.Options{}); err != nil {
				t.Fatal(err)
			}
		}
		_, st, _ := snapshot(t, s)
		if st.Entities != 3 || c.Merged != 1 {
			t.Errorf("split %v: %d entities, %d merged; want ofac-1 and ofac-2 apart, un-9 resolved into ofac-3", split, st.Entities, c.Merged)
		}
		p, err := graph.Get(ctx, s, "ofac-3")
		if err != nil {
			t.Fatal(err)
		}
		if js(p.Props["merged_from"]) != `["un-9"]` || js(p.Props["merged_on"]) != `["passport:A123"]` {
			t.Errorf("split %v: ofac-3 merge record %v %v", split, p.Props["merged_from"], p.Props["merged_on"])
		}
	}
}

// TestLoadOFACThenUN loads the real OFAC SDN files and then the real UN
// consolidated list (the readers' test data, 2021 and 2026): UN entries
// whose passport or national id numbers are on an OFAC entry are resolved
// into it; entries whose names agree become SAME_AS candidates; no two
// OFAC entries are resolved into one.
func TestLoadOFACThenUN(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 10,000 real list entries")
	}
	ctx := context.Background()
	s := openStore(t)
	ofac, err := ingest.Load(ctx, s, []string{"ofac/testdata/sdn.csv", "ofac/testdata/add.csv", "ofac/testdata/alt.csv"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	un, err := ingest.Load(ctx, s, []string{"un/testdata/consolidated.xml"}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ofac.Rejected+un.Rejected != 0 || ofac.Merged != 0 {
		t.Errorf("OFAC %+v\nUN %+v\nwant no rejects and no OFAC entry resolved into another", ofac, un)
	}
	if un.Merged < 100 || un.Candidates < 500 {
		t.Errorf("UN load: %d resolved into OFAC entries, %d candidates; want over 100 and 500", un.Merged, un.Candidates)
	}
	soleimani, err := graph.Get(ctx, s, "ofac-10481")
	if err != nil {
		t.Fatal(err)
	}
	if js(soleimani.Props["merged_from"]) != `["un-IRi.039"]` || !slices.Contains(datasets(soleimani), "un-sc") {
		t.Errorf("SOLEIMANI, Qasem: merged_from %v, datasets %v; want the UN entry IRi.039 resolved in by passport", soleimani.Props["merged_from"], datasets(soleimani))
	}
	same := map[string]graph.Link{}
	err = s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.SameAs}}, func(l graph.Link) error { same[l.ID] = l; return nil })
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]string{{"ofac-12215", "un-KPe.018"}, {"ofac-11598", "un-KPe.007"}} {
		l, ok := same[graph.LinkID(pair[0], graph.SameAs, pair[1])]
		if !ok || l.Props["candidate"] != true {
			t.Errorf("%s ~ %s (Second Academy of Natural Sciences; General Bureau of Atomic Energy): no SAME_AS candidate", pair[0], pair[1])
		}
	}
	err = s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error {
		if strings.HasPrefix(e.ID, "ofac-") && strings.Contains(js(e.Props["merged_from"]), `"ofac-`) {
			t.Errorf("%s absorbed another OFAC entry: %v", e.ID, e.Props["merged_from"])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A record that adds properties to an entity a earlier load stored, without
// naming it, is merged into the stored entity before it is judged.
func TestLoadFragmentOfStoredEntity(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t)
	first := write(t, dir, map[string]string{"a.ftm.jsonl": `{"id":"co","schema":"Company","properties":{"name":["Korea Kwangson Banking Corp"],"country":["kp"]}}` + "\n"})
	if c, err := ingest.Load(ctx, s, first, ingest.Options{}); err != nil || c.Entities != 1 {
		t.Fatalf("first load: %+v, %v", c, err)
	}
	sub := filepath.Join(dir, "later")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	later := write(t, sub, map[string]string{"b.ftm.jsonl": `{"id":"co","schema":"Company","properties":{"addressEntity":["addr"],"topics":["sanction"]}}` + "\n" +
		`{"id":"addr","schema":"Address","properties":{"full":["Pyongyang"]}}` + "\n"})
	c, err := ingest.Load(ctx, s, later, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 2 || c.Rejected != 0 || c.Links != 1 || c.Pending != 0 {
		t.Errorf("counts %+v: want the fragment merged into the stored entity, its address linked", c)
	}
	e := get(t, s, "co")
	if e.Name != "Korea Kwangson Banking Corp" || !e.Listed() || len(e.Sources) != 2 {
		t.Errorf("merged entity %+v: want the stored name, listed, both records as sources", e)
	}
}

// A release that replaces its dataset withdraws the entities and the links
// it no longer has; a link another dataset speaks of too stays.
func TestLoadReleaseWithdrawsLinks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openStore(t)
	v1 := filepath.Join(dir, "v1")
	v2 := filepath.Join(dir, "v2")
	other := filepath.Join(dir, "other")
	for _, d := range []string{v1, v2, other} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ents := "id,kind,name,tags\na,Company,Alpha,sanction\nb,Company,Beta,\nc,Company,Gamma,sanction\n"
	write(t, v1, map[string]string{"entities.csv": ents, "links.csv": "from,to,type\na,b,OWNS\nb,c,OWNS\nc,a,SUPPLIES\n"})
	write(t, v2, map[string]string{"entities.csv": "id,kind,name,tags\na,Company,Alpha,sanction\nb,Company,Beta,\n", "links.csv": "from,to,type\na,b,OWNS\n"})
	write(t, other, map[string]string{"links.csv": "from,to,type\nc,a,SUPPLIES\n"})
	opt := ingest.Options{Dataset: "trade", Replace: ingest.ReplaceAll}
	if _, err := ingest.Load(ctx, s, []string{v1}, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Load(ctx, s, []string{other}, ingest.Options{Dataset: "customs"}); err != nil {
		t.Fatal(err)
	}
	c, err := ingest.Load(ctx, s, []string{v2}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if c.Withdrawn != 1 || len(c.Releases) != 1 || c.Releases[0].WithdrawnLinks != 1 {
		t.Errorf("counts %+v, releases %+v: want c withdrawn and b>owns>c", c, c.Releases)
	}
	snap, _, _ := snapshot(t, s)
	for _, k := range []string{"link " + graph.LinkID("a", graph.Owns, "b"), "link " + graph.LinkID("c", graph.Supplies, "a"), "entity c"} {
		if _, ok := snap[k]; !ok {
			t.Errorf("%s is gone, want it kept", k)
		}
	}
	if _, ok := snap["link "+graph.LinkID("b", graph.Owns, "c")]; ok {
		t.Errorf("b>owns>c, which only the withdrawn release had, is still a link")
	}
	if e := get(t, s, "c"); e.Listed() || e.Props[ingest.PropDelisted] == nil {
		t.Errorf("c after the release that dropped it: %+v", e)
	}
}
