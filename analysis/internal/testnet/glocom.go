package testnet

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all" // the readers of the case's files
)

// Glocom loads the Glocom case (fixtures/glocom: its FtM records, device
// scans and device links, as the dataset "glocom") into a fresh embedded
// store, from a test of a package directly under analysis; a record
// rejected fails the test.
func Glocom(t testing.TB) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	s, err := sqlite.Open(ctx, filepath.Join(dir, "glocom.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	var files []string
	for _, f := range []string{"glocom.ftm.jsonl", "devices.csv", "device-links.csv"} {
		files = append(files, filepath.Join("..", "..", "fixtures", "glocom", f))
	}
	n, err := ingest.Load(ctx, s, files, ingest.Options{Dataset: "glocom", Rejects: filepath.Join(dir, "rejects.jsonl")})
	if err != nil || n.Rejected > 0 {
		t.Fatalf("load the Glocom case: %+v, %v", n, err)
	}
	return s
}

// Write writes a generated network into s, 20,000 records a call.
func Write(t testing.TB, s *sqlite.Store, net *synth.Network) {
	t.Helper()
	ctx := context.Background()
	const batch = 20_000
	for lo := 0; lo < len(net.Entities); lo += batch {
		if err := s.UpsertEntities(ctx, net.Entities[lo:min(lo+batch, len(net.Entities))]); err != nil {
			t.Fatal(err)
		}
	}
	for lo := 0; lo < len(net.Links); lo += batch {
		if err := s.UpsertLinks(ctx, net.Links[lo:min(lo+batch, len(net.Links))]); err != nil {
			t.Fatal(err)
		}
	}
}
