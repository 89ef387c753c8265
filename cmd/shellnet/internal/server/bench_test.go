package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
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
