package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// The Glocom case over a real socket: what the server adds to a
// screening (decoding, the entities read back, encoding, HTTP). Figures
// on a 1M-entity store come from scripts/loadgen (scripts/bench.sh serve).

func BenchmarkMatch(b *testing.B) {
	store, _ := glocomStore(b)
	_, ts := startServer(b, Config{Store: store})
	body := `{"queries": {"q": {"schema": "Company", "properties": {"name": ["Jadebridge Import Export Co Ltd"]}}}}`
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		c := ts.Client()
		for pb.Next() {
			post(b, c, ts.URL+"/match/default", "application/json", body)
		}
	})
}

func BenchmarkNeighbourhood(b *testing.B) {
	store, _ := glocomStore(b)
	_, ts := startServer(b, Config{Store: store})
	c := ts.Client()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Get(ts.URL + "/neighbourhood/glocom?hops=2")
		if err != nil {
			b.Fatal(err)
		}
		drain(b, resp)
	}
}

// BenchmarkScreen streams the case's 23 suppliers.
func BenchmarkScreen(b *testing.B) {
	store, _ := glocomStore(b)
	_, ts := startServer(b, Config{Store: store})
	queries, _ := goldenLines(b)
	var nd strings.Builder
	for _, q := range queries {
		nd.WriteString(`{"name": "` + q + `"}` + "\n")
	}
	c := ts.Client()
	b.ReportAllocs()
	for b.Loop() {
		post(b, c, ts.URL+"/screen", "application/x-ndjson", nd.String())
	}
}

func post(b *testing.B, c *http.Client, url, ct, body string) {
	resp, err := c.Post(url, ct, strings.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	drain(b, resp)
}

func drain(b *testing.B, resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("status %d", resp.StatusCode)
	}
}

// storeBench serves the store named by $SHELLNET_BENCH_STORE (a generated
// 1M-entity store, say: scripts/bench.sh serve makes one) and returns the
// names of every 50th party, to profile the server on a store of a size
// the Glocom case cannot show. It skips when the variable is not set.
func storeBench(b *testing.B) (*httptest.Server, []string) {
	path := os.Getenv("SHELLNET_BENCH_STORE")
	if path == "" {
		b.Skip("SHELLNET_BENCH_STORE names no store")
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close(ctx) })
	srv, ts := startServer(b, Config{Store: store})
	p := srv.cur.Load().e.(*screenEngine).sc.Snapshot().Projection()
	var names []string
	for i := 0; i < p.Len(); i += 50 {
		if k := p.Nodes[i].Kind; k != graph.Address && k != graph.BankAccount {
			names = append(names, p.Nodes[i].Name)
		}
	}
	return ts, names
}

// BenchmarkMatchStore is BenchmarkMatch on $SHELLNET_BENCH_STORE, one
// party's name a request.
func BenchmarkMatchStore(b *testing.B) {
	ts, names := storeBench(b)
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		c := ts.Client()
		for pb.Next() {
			name, _ := json.Marshal(names[int(next.Add(1))%len(names)])
			post(b, c, ts.URL+"/match/default", "application/json", `{"queries": {"q": {"schema": "Company", "properties": {"name": [`+string(name)+`]}}}}`)
		}
	})
}

// BenchmarkScreenStore is BenchmarkScreen on $SHELLNET_BENCH_STORE: one
// list of 10,000 parties' names.
func BenchmarkScreenStore(b *testing.B) {
	ts, names := storeBench(b)
	var nd strings.Builder
	for i := range 10000 {
		line, _ := json.Marshal(map[string]string{"name": names[(i*7919)%len(names)]})
		nd.Write(line)
		nd.WriteByte('\n')
	}
	c := ts.Client()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		post(b, c, ts.URL+"/screen", "application/x-ndjson", nd.String())
	}
}
