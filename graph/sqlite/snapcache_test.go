package sqlite_test

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// TestCacheDiskBytes: the bytes a projection stands for are its snapshot
// file's and those of the entries read or saved through its cache, each
// counted once, as the files on disk give them.
func TestCacheDiskBytes(t *testing.T) {
	ctx := context.Background()
	s := loaded(t, 300, 1500)
	p, err := s.Project(ctx, graph.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	size := func(path string) int64 {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}
	ds, ok := p.Cache().(graph.DiskSizer)
	if !ok {
		t.Fatalf("%T does not tell its size on disk", p.Cache())
	}
	snap := size(s.SnapshotPath())
	if got := ds.DiskBytes(); got != snap {
		t.Errorf("before any entry: %d bytes, want the snapshot's %d", got, snap)
	}
	text := strings.Repeat("x", 1000)
	if err := p.Cache().Save("names-all", func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
		t.Fatal(err)
	}
	entry := size(s.SnapshotPath() + ".names-all")
	if entry <= int64(len(text)) {
		t.Fatalf("entry of %d bytes holds %d bytes of text and a header", entry, len(text))
	}
	if got := ds.DiskBytes(); got != snap+entry {
		t.Errorf("after saving an entry: %d bytes, want %d + %d", got, snap, entry)
	}
	// served from the snapshot: the entry counts once it is opened, once
	p2, err := s.Project(ctx, graph.ProjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ds2 := p2.Cache().(graph.DiskSizer)
	if got := ds2.DiskBytes(); got != snap {
		t.Errorf("served from the snapshot: %d bytes, want %d", got, snap)
	}
	for range 2 {
		rc, err := p2.Cache().Open("names-all")
		if err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	if got := ds2.DiskBytes(); got != snap+entry {
		t.Errorf("after opening the entry twice: %d bytes, want %d + %d", got, snap, entry)
	}
}
