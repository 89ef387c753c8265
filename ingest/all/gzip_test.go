package all_test

import (
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
)

// gzipTo writes the file at src gzipped to dst.
func gzipTo(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	z := gzip.NewWriter(f)
	if _, err := z.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// A real file of each format whose reader opens files through ingest
// (OpenFile, FileSeq), gzipped, is recognised by its content whether or not its name ends in
// .gz, and loads exactly as the plain file does.
func TestGzip(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		path, format string
	}{
		{"../un/testdata/consolidated.xml", "un"},
		{"../simplecsv/testdata/wikidata-peps.targets.simple.csv", "opensanctions-csv"},
		{"../shodan/testdata/hosts/62.189.202.32.json", "shodan"},
		{"../csv/testdata/entities.csv", "csv"},
	} {
		dir := t.TempDir()
		gz, renamed := filepath.Join(dir, filepath.Base(c.path)+".gz"), filepath.Join(dir, "download")
		gzipTo(t, c.path, gz)
		gzipTo(t, c.path, renamed)
		var want ingest.Counts
		for i, p := range []string{c.path, gz, renamed} {
			f, err := ingest.Detect(p)
			if err != nil || f.Name != c.format {
				t.Errorf("Detect(%s) = %s, %v; want %s", p, f.Name, err, c.format)
				continue
			}
			s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ingest.Load(ctx, s, []string{p}, ingest.Options{Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")})
			s.Close(ctx)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if i == 0 {
				want = got
				if want.Read == 0 {
					t.Errorf("%s: nothing read", p)
				}
				continue
			}
			if got.Read != want.Read || got.Loaded != want.Loaded || got.Rejected != want.Rejected || got.Entities != want.Entities || got.Links != want.Links {
				t.Errorf("%s: %+v, the plain file %+v", p, got, want)
			}
		}
	}
}

// The OFAC legacy files gzipped, with their published names and .gz, and
// a gzipped FtM export load exactly as the plain files do.
func TestGzipListsAndFtM(t *testing.T) {
	ctx := context.Background()
	for _, files := range [][]string{
		{"../ofac/testdata/sdn.csv", "../ofac/testdata/add.csv", "../ofac/testdata/alt.csv"},
		{"../ftm/testdata/opensanctions.ftm.jsonl"},
	} {
		dir := t.TempDir()
		var gz []string
		for _, p := range files {
			gz = append(gz, filepath.Join(dir, filepath.Base(p)+".gz"))
			gzipTo(t, p, gz[len(gz)-1])
		}
		var counts [2]ingest.Counts
		for i, paths := range [][]string{files, gz} {
			s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
			if err != nil {
				t.Fatal(err)
			}
			counts[i], err = ingest.Load(ctx, s, paths, ingest.Options{Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")})
			s.Close(ctx)
			if err != nil {
				t.Fatalf("%v: %v", paths, err)
			}
		}
		p, g := counts[0], counts[1]
		if p.Read == 0 || g.Read != p.Read || g.Loaded != p.Loaded || g.Rejected != p.Rejected || g.Entities != p.Entities || g.Links != p.Links {
			t.Errorf("%v gzipped: %+v, plain %+v", files, g, p)
		}
	}
}
