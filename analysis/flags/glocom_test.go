package flags

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all"
)

// The red flags planted in the Glocom case (fixtures/glocom/README.md,
// "Red flags planted") are found, with their evidence, from the case
// loaded into the embedded store.
func TestGlocomFlags(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "glocom.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	var files []string
	for _, f := range []string{"glocom.ftm.jsonl", "devices.csv", "device-links.csv"} {
		files = append(files, filepath.Join("..", "..", "fixtures", "glocom", f))
	}
	if n, err := ingest.Load(ctx, s, files, ingest.Options{Dataset: "glocom", Rejects: filepath.Join(dir, "rejects.jsonl")}); err != nil || n.Rejected > 0 {
		t.Fatalf("load: %+v, %v", n, err)
	}
	p, err := graph.Project(ctx, s, graph.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var attrs Attributes
	if err := s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error { attrs.Add(&e, nil); return nil }); err != nil {
		t.Fatal(err)
	}
	listed := make([]bool, p.Len())
	for i := range p.Nodes {
		listed[i] = p.Nodes[i].Listed
	}
	var hs []sanctions.Holding
	err = s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.Owns}}, func(l graph.Link) error {
		if h, ok := sanctions.HoldingOf(&l, p.Index); ok {
			hs = append(hs, h)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	status, err := sanctions.Compute(listed, sanctions.Holdings(hs), sanctions.OFAC)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{
		Sources: p.Select(graph.MustSelector("tag:role.vendor country:US")),
		Targets: slices.Concat(p.Select(graph.MustSelector("tag:sanction")), status.Blocked()),
	}
	fs, err := Detect(p, attrs, opt)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, f := range fs {
		got[f.Kind] = append(got[f.Kind], f.Subject+": "+strings.Join(f.Entities, ","))
		if f.Detail == "" {
			t.Errorf("flag without detail: %+v", f)
		}
	}
	want := map[string][]string{
		SharedAddress:     {"address-brickfields: agent-brickfields,glocom,igs,igsv"},
		SharedDirector:    {"person-a: front-sg,igs,igsv"},
		SharedIdentifier:  {"front-my: front-my,front-sg-2"},
		CircularOwnership: {"front-hk: front-hk,holding-my,holding-sg"},
	}
	for kind, w := range want {
		if !slices.Equal(got[kind], w) {
			t.Errorf("%s: %q, want %q", kind, got[kind], w)
		}
	}
	if len(got[SharedAccount]) != 0 {
		t.Errorf("shared accounts: %q, want none (account-us has one holder)", got[SharedAccount])
	}
	var hubs []string
	for _, f := range fs {
		if f.Kind == HubTransit {
			hubs = append(hubs, f.Subject)
		}
	}
	for _, h := range []string{"front-hk", "front-cn", "forwarder-cn"} {
		if !slices.Contains(hubs, h) {
			t.Errorf("hub %s not flagged (hubs: %v)", h, hubs)
		}
	}
	for _, h := range hubs {
		if strings.HasPrefix(h, "vendor-") || strings.HasPrefix(h, "reseller-us") {
			t.Errorf("%s flagged as a hub", h)
		}
	}
}
