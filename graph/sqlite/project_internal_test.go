package sqlite

import (
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// TestProjectWhileWriting writes to the store after the projection's
// first transaction has started and before the link ranges' own begin:
// those see another version, and the ranges are read again in the first
// transaction, so that the projection is the store as it was when the
// projection started, links of weight 1 and others alike.
func TestProjectWhileWriting(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	var es []graph.Entity
	var ls []graph.Link
	for i := range 300 {
		es = append(es, graph.Entity{ID: fmt.Sprintf("e%03d", i), Kind: graph.Company, Name: fmt.Sprintf("Company %d", i)})
	}
	for i := range 1000 {
		l := graph.Link{From: fmt.Sprintf("e%03d", i%300), To: fmt.Sprintf("e%03d", (i*7+1)%300), Type: graph.Supplies,
			ID: fmt.Sprintf("l%04d", i)}
		if i%4 == 0 {
			l.Props = map[string]any{"weight": 0.5 + float64(i%5)}
		}
		ls = append(ls, l)
	}
	if err := s.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertLinks(ctx, ls); err != nil {
		t.Fatal(err)
	}
	before, err := s.ProjectFresh(ctx, graph.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}

	wrote := false
	testHookAside = func() {
		if wrote {
			return
		}
		wrote = true
		if err := s.UpsertEntities(ctx, []graph.Entity{{ID: "zz", Kind: graph.Company, Name: "Late Co"}}); err != nil {
			t.Error(err)
		}
		// a new link (past the row numbers the ranges read) and a new
		// weight on a stored one (within them)
		if err := s.UpsertLinks(ctx, []graph.Link{
			{From: "e001", To: "e002", Type: graph.Owns},
			{ID: "l0001", From: "e001", To: "e008", Type: graph.Supplies, Props: map[string]any{"weight": 9.0}},
		}); err != nil {
			t.Error(err)
		}
	}
	defer func() { testHookAside = nil }()
	during, err := s.ProjectFresh(ctx, graph.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !wrote {
		t.Fatal("the hook did not run: the test checks nothing")
	}
	if during.Len() != before.Len() || !slices.Equal(during.From, before.From) || !slices.Equal(during.To, before.To) ||
		!slices.Equal(during.Type, before.Type) || !slices.Equal(during.Weights(), before.Weights()) {
		t.Errorf("projection begun before a write: %d nodes %d links, want %d and %d as before it", during.Len(), during.Links(), before.Len(), before.Links())
	}
	after, err := s.ProjectFresh(ctx, graph.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if after.Len() != before.Len()+1 || after.Links() != before.Links()+1 || slices.Equal(after.Weights()[:before.Links()], before.Weights()) {
		t.Errorf("after the write: %d nodes %d links, want %d and %d, and a weight changed", after.Len(), after.Links(), before.Len()+1, before.Links()+1)
	}
}

// unpack puts the rows of a blob in row order, whatever order they came
// in, and refuses a blob cut inside a row.
func TestUnpack(t *testing.T) {
	var blob []byte
	for _, n := range []int64{7, 3, 9, 4} {
		blob = binary.LittleEndian.AppendUint64(blob, uint64(n))
		blob = binary.LittleEndian.AppendUint64(blob, uint64(n*100))
		blob = binary.LittleEndian.AppendUint32(blob, uint32(n))
	}
	var r rawLinks
	if err := r.unpack(blob); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.ends, []int64{300, 400, 700, 900}) || !slices.Equal(r.tw, []int32{3, 4, 7, 9}) {
		t.Errorf("unpacked %v %v", r.ends, r.tw)
	}
	if err := r.unpack(blob[:25]); err == nil {
		t.Error("a blob cut inside a row unpacked")
	}
	if err := r.unpack(nil); err != nil || len(r.ends) != 4 {
		t.Errorf("an empty range: %v, %d rows", err, len(r.ends))
	}
}
