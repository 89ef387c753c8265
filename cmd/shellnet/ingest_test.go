package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest/ingesttest"
)

const glocomDir = "../../fixtures/glocom"

// TestIngestGolden loads the Glocom case and prints the counts and the
// store's statistics in each format.
func TestIngestGolden(t *testing.T) {
	store := filepath.Join(t.TempDir(), "case.db")
	out, err := run(t, "ingest", "--store", store, "--quiet", glocomDir)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ingest_glocom.txt", out)
	out, err = run(t, "ingest", "--store", store, "--quiet", "--format", "json", glocomDir)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "ingest_glocom.json", out)
	var counts map[string]any
	if err := json.Unmarshal([]byte(out), &counts); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"read", "loaded", "rejected", "entities", "links"} {
		if _, ok := counts[k]; !ok {
			t.Errorf("ingest JSON lacks %q (DESIGN.md's contract)", k)
		}
	}
	for _, f := range []string{"table", "json", "csv"} {
		out, err := run(t, "stats", "--store", store, "--format", f)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "stats_glocom."+map[string]string{"table": "txt", "json": "json", "csv": "csv"}[f], sameTime(out))
	}
	out, _ = run(t, "stats", "--store", store, "--format", "json")
	var st map[string]any
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"entities", "links", "by_kind", "by_type", "datasets"} {
		if _, ok := st[k]; !ok {
			t.Errorf("stats JSON lacks %q (DESIGN.md's contract)", k)
		}
	}
}

func TestIngestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(good, []byte("id,kind,name\na,Company,Alpha\n"), 0o644)
	os.WriteFile(bad, []byte("id,kind,name,countries\nb,Company,Beta,SG\nc,Shell,Gamma,SG\nd,Company,Delta,Atlantis\n"), 0o644)
	store := filepath.Join(dir, "x.db")

	out, err := run(t, "ingest", "--store", store, "--quiet", "--format", "json", bad)
	if code := exitCode(err); code != exitFlagged {
		t.Errorf("rejects: exit code %d, want 3", code)
	}
	if err == nil || !strings.Contains(err.Error(), "2 of 3 records rejected") || !strings.Contains(err.Error(), bad+".rejects.jsonl") {
		t.Errorf("rejects: error %v, want the count and the rejects file", err)
	}
	var counts struct{ Read, Loaded, Rejected int }
	if json.Unmarshal([]byte(out), &counts); counts.Read != 3 || counts.Loaded != 1 || counts.Rejected != 2 {
		t.Errorf("rejects: printed %s", out)
	}

	rejects := filepath.Join(dir, "strict.jsonl")
	_, err = run(t, "ingest", "--store", filepath.Join(dir, "strict.db"), "--quiet", "--strict", "--rejects", rejects, good, bad)
	if code := exitCode(err); code != exitFailed || !strings.Contains(err.Error(), rejects) {
		t.Errorf("strict: exit code %d (%v), want 1 naming the rejects file", code, err)
	}
	out, _ = run(t, "stats", "--store", filepath.Join(dir, "strict.db"), "--format", "json")
	if !strings.Contains(out, `"entities": 0`) {
		t.Errorf("strict load wrote something: %s", out)
	}

	for _, args := range [][]string{
		{"ingest", "--store", store},
		{"ingest", "--store", store, "--input-format", "xml", good},
		{"ingest", "--store", store, "--batch-size", "0", good},
		{"ingest", "--store", store, "--format", "yaml", good},
		{"ingest", "--store", store, "--no-such-flag", good},
		{"stats", "--store", store, "extra"},
	} {
		if _, err := run(t, args...); exitCode(err) != exitUsage {
			t.Errorf("%v: exit code %d (%v), want 2", args, exitCode(err), err)
		}
	}
	if _, err := run(t, "ingest", "--store", store, filepath.Join(dir, "missing.csv")); exitCode(err) != exitFailed {
		t.Errorf("missing file: exit code %d, want 1", exitCode(err))
	}
	if _, err := run(t, "ingest", "--store", store, "--quiet", good); err != nil {
		t.Errorf("good file: %v", err)
	}
}

func TestIngestHelp(t *testing.T) {
	for _, cmd := range []string{"ingest", "stats"} {
		out, err := run(t, cmd, "--help")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Examples:") || !strings.Contains(out, "shellnet "+cmd) {
			t.Errorf("%s --help lacks examples:\n%s", cmd, out)
		}
	}
}

// writeNetwork writes a generated network of n entities and m links as
// shellnet's generic CSV into dir, deterministically; one company in fifty
// shares an e-mail address with the next, so resolution has work.
func writeNetwork(t *testing.T, dir string, n, m int) {
	t.Helper()
	for _, f := range []struct {
		name string
		fill func(w *bufio.Writer)
	}{
		{"entities.csv", func(w *bufio.Writer) {
			fmt.Fprintln(w, "id,kind,name,countries,identifiers")
			cc := []string{"MY", "SG", "HK", "CN", "KP", "US"}
			for i := range n {
				kind, ids := "Company", fmt.Sprintf("registration:R%07d", i)
				if i%5 == 4 {
					kind, ids = "Person", ""
				}
				if i%50 == 0 {
					ids += fmt.Sprintf(";email:sales%d@example.com", i/100)
				}
				fmt.Fprintf(w, "e%d,%s,Party %d Trading,%s,%s\n", i, kind, i, cc[i%len(cc)], strings.TrimPrefix(ids, ";"))
			}
		}},
		{"links.csv", func(w *bufio.Writer) {
			fmt.Fprintln(w, "from,to,type,percentage")
			types := []string{"OWNS", "DIRECTS", "SUPPLIES", "PAYS", "ASSOCIATE"}
			x := uint64(1)
			for j := range m {
				x = x*6364136223846793005 + 1442695040888963407
				a, b := int(x>>33)%n, int(x>>13)%n
				if a == b {
					b = (b + 1) % n
				}
				pct := ""
				if j%5 == 0 {
					pct = fmt.Sprint(1 + j%100)
				}
				fmt.Fprintf(w, "e%d,e%d,%s,%s\n", a, b, types[j%len(types)], pct)
			}
		}},
	} {
		file, err := os.Create(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(file)
		f.fill(w)
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		file.Close()
	}
}

// storeSize is the bytes a store has on disk, write-ahead log included.
func storeSize(path string) int64 {
	var n int64
	for _, s := range []string{"", "-wal"} {
		if st, err := os.Stat(path + s); err == nil {
			n += st.Size()
		}
	}
	return n
}

// TestIngestInterrupted kills a real shellnet process with SIGKILL midway
// through a load, runs the load again, and compares the store with one
// loaded without interruption: same stats, same entities and links.
func TestIngestInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds shellnet and loads 100,000 records twice")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "shellnet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	os.Mkdir(data, 0o755)
	writeNetwork(t, data, 20_000, 80_000)
	shellnet := func(args ...string) (string, error) {
		out, err := exec.Command(bin, args...).Output()
		return string(out), err
	}

	full := filepath.Join(dir, "full.db")
	start := time.Now()
	if out, err := shellnet("ingest", "--store", full, "--quiet", data); err != nil {
		t.Fatalf("uninterrupted load: %v\n%s", err, out)
	}
	took := time.Since(start)
	want, err := shellnet("stats", "--store", full, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("uninterrupted load: %v, %d bytes", took, storeSize(full))

	// Killed early (while entities are written) and late (while links are).
	for _, frac := range []float64{0.15, 0.6} {
		cut := filepath.Join(dir, fmt.Sprintf("cut%.0f.db", 100*frac))
		partial := killAt(t, bin, cut, data, int64(frac*float64(storeSize(full))), took)
		if partial == want {
			t.Fatalf("the load killed at %.0f%% had already written everything; kill it earlier", 100*frac)
		}
		if out, err := shellnet("ingest", "--store", cut, "--quiet", data); err != nil {
			t.Fatalf("load run again: %v\n%s", err, out)
		}
		got, err := shellnet("stats", "--store", cut, "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		if sameTime(got) != sameTime(want) {
			t.Errorf("killed at %.0f%%: stats after the load completed:\n%s\nafter an uninterrupted one:\n%s", 100*frac, got, want)
		}
		a, b := dump(t, full), dump(t, cut)
		if len(a) != len(b) {
			t.Errorf("killed at %.0f%%: %d records in the uninterrupted store, %d in the completed one", 100*frac, len(a), len(b))
		}
		for k, v := range a {
			if b[k] != v {
				t.Errorf("killed at %.0f%%: %s differs:\n%s\n%s", 100*frac, k, v, b[k])
				break
			}
		}
		t.Logf("killed at %.0f%% of the store's size; stats then %s", 100*frac, compact(partial))
	}
}

// killAt runs shellnet ingest into store and kills it with SIGKILL once the
// store holds size bytes, returning the store's stats as JSON after the
// kill.
func killAt(t *testing.T, bin, store, data string, size int64, took time.Duration) string {
	t.Helper()
	cmd := exec.Command(bin, "ingest", "--store", store, "--quiet", data)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for killed := false; !killed; {
		select {
		case err := <-done:
			t.Fatalf("the load ended (%v) before its store reached %d bytes; grow the input (the whole load took %v)", err, size, took)
		case <-tick.C:
			if storeSize(store) >= size {
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		}
	}
	var ee *exec.ExitError
	if err := <-done; !errors.As(err, &ee) || ee.ExitCode() != -1 {
		t.Fatalf("the load was not killed: %v", err)
	}
	out, err := exec.Command(bin, "stats", "--store", store, "--format", "json").Output()
	if err != nil {
		t.Fatalf("stats after the kill: %v", err)
	}
	return string(out)
}

func compact(s string) string { return strings.Join(strings.Fields(s), " ") }

// dump reads every entity, link and pending link of a store as JSON.
func dump(t *testing.T, path string) map[string]string {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	out, _ := ingesttest.Dump(t, s)
	return out
}

// loadedAt matches when a release was loaded, in stats' JSON and tables.
var loadedAt = regexp.MustCompile(`"loaded": "[^"]*"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ`)

// sameTime puts one time in place of the load times of releases, which
// differ from run to run, so that outputs compare by what was loaded.
func sameTime(out string) string {
	return loadedAt.ReplaceAllString(out, "LOADED")
}
