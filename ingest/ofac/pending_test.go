package ofac_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

// Relationships of the advanced XML to a party the file does not hold
// (here KOMID, 9345, cut out of the sample with its sanctions entry) wait
// for it, and the legacy list, which holds it, completes them.
func TestAdvancedRelationsWait(t *testing.T) {
	b, err := os.ReadFile("testdata/advanced/sdn_advanced.xml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	var kept []string
	for i, l := range lines {
		// lines 138-169: the DistinctParty of 9345; 354-362: its SanctionsEntry
		if n := i + 1; (n >= 138 && n <= 169) || (n >= 354 && n <= 362) {
			continue
		}
		kept = append(kept, l)
	}
	cut := strings.Join(kept, "")
	if strings.Contains(cut, `FixedRef="9345"`) || strings.Contains(cut, `<SanctionsEntry ID="9345"`) || !strings.Contains(cut, `To-ProfileID="9345"`) {
		t.Fatal("the sample's lines moved: cut KOMID's party and sanctions entry by their new lines")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "sdn_advanced.xml")
	if err := os.WriteFile(path, []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}
	s, c := load(t, path)
	if c.Rejected != 0 || c.Pending != 2 || !strings.HasSuffix(c.PendingFirst, "→ ofac-9345") {
		t.Errorf("counts %+v: want the 2 relationships to 9345 pending, nothing rejected", c)
	}
	ctx := context.Background()
	c2, err := ingest.Load(ctx, s, legacy, ingest.Options{Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	if c2.Completed != 2 {
		t.Errorf("the legacy list completed %d relationships, want 2", c2.Completed)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Pending) != 0 {
		t.Errorf("pending after the legacy list: %v", st.Pending)
	}
	n := 0
	err = s.Links(ctx, graph.Filter{IDs: []string{"ofac-9345"}}, func(l graph.Link) error {
		if l.Props["ofac_relation"] != nil {
			n++
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Errorf("KOMID has %d links from the advanced XML's relationships (%v), want 2", n, err)
	}
}
