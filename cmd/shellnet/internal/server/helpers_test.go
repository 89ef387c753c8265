package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
	"github.com/shellnet/shellnet/ingest"
	_ "github.com/shellnet/shellnet/ingest/all" // every input format
)

// The Glocom case, and the CLI's answers on it (shellnet screen and paths
// --format json over the whole fixture, kept by cmd/shellnet's golden
// tests).
const (
	glocomDir    = "../../../../fixtures/glocom"
	screenGolden = "../../testdata/screen_glocom.json"
	pathsGolden  = "../../testdata/paths_glocom.json"
	// Real lists for the ingests that change the store under a running
	// server: OFAC's SDN legacy CSV of 2021-04 and the UN consolidated
	// list (see their PROVENANCE.md).
	ofacDir = "../../../../ingest/ofac/testdata"
	unFile  = "../../../../ingest/un/testdata/consolidated.xml"
)

// glocomStore is an embedded store in a temporary folder with the Glocom
// case loaded, as `shellnet ingest fixtures/glocom` loads it.
func glocomStore(t testing.TB) (graph.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "case.db")
	return loadStore(t, path, glocomDir), path
}

func loadStore(t testing.TB, path string, inputs ...string) graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(ctx) })
	ingestInto(t, s, inputs...)
	return s
}

func ingestInto(t testing.TB, s graph.Store, inputs ...string) {
	t.Helper()
	if _, err := ingest.Load(context.Background(), s, inputs, ingest.Options{Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")}); err != nil {
		t.Fatal(err)
	}
}

// startServer serves s over a real socket on 127.0.0.1 once its first
// snapshot is loaded.
func startServer(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Watch(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch: %v", err)
		}
	})
	for deadline := time.Now().Add(30 * time.Second); !srv.Ready(); {
		if time.Now().After(deadline) {
			t.Fatal("no snapshot loaded in 30 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv, ts
}

// do sends a request and returns the status and body.
func do(t testing.TB, c *http.Client, method, url, contentType, body string, header ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// goldenLines reads the CLI's JSON lines, by query.
func goldenLines(t testing.TB) (queries []string, lines map[string][]byte) {
	t.Helper()
	b, err := os.ReadFile(screenGolden)
	if err != nil {
		t.Fatal(err)
	}
	lines = map[string][]byte{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct{ Query string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, r.Query)
		lines[r.Query] = append([]byte(nil), sc.Bytes()...)
	}
	if len(queries) != 23 {
		t.Fatalf("%s: %d lines, want the case's 23 suppliers", screenGolden, len(queries))
	}
	return queries, lines
}

// canonical re-encodes a JSON value as the CLI writes it (no HTML
// escaping), with the keys in drop removed.
func canonical(t testing.TB, b []byte, drop ...string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	for _, k := range drop {
		delete(v, k)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
