package shodan

import (
	"context"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// The scan loads through the pipeline into the embedded store: the four
// good lines loaded, the four bad ones rejected with their lines, and the
// question "whose products are seen on the Star JV network?" answered from
// the store.
func TestLoad(t *testing.T) {
	ctx := context.Background()
	s, c := readertest.Load(t, []string{writeScan(t)}, ingest.Options{})
	if c.Read != 8 || c.Loaded != 4 || c.Rejected != 4 {
		t.Fatalf("counts %+v", c)
	}
	// Walk network ← device → product → vendor in the store.
	vendors := map[string]bool{}
	var devices []string
	err := s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.ObservedIn}}, func(l graph.Link) error {
		if l.To == "shodan-as131279" {
			devices = append(devices, l.From)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]bool{}
	err = s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.Runs}}, func(l graph.Link) error {
		if slices.Contains(devices, l.From) {
			runs[l.To] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Links(ctx, graph.Filter{Types: []graph.LinkType{graph.MadeBy}}, func(l graph.Link) error {
		if runs[l.From] {
			v, err := graph.Get(ctx, s, l.To)
			if err != nil {
				return err
			}
			vendors[v.Name] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(devices) != 3 || !vendors["Microsoft"] || !vendors["Apple"] || !vendors["Samsung"] || !vendors["Google"] || len(vendors) != 4 {
		t.Errorf("devices %v, vendors %v", devices, vendors)
	}
}
