package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph/sqlite"
)

// While another connection ingests real lists (OFAC's SDN list, then the
// UN consolidated list) into the store, requests keep coming: none fails,
// each is answered on one snapshot (its header and its body name the same
// version), the snapshot is swapped, and the new lists are screened once
// it is. SHELLNET_SOAK=1 makes it the soak of 20,000 requests at 100
// concurrent clients; the default is 2,000 at 16.
func TestSwapDuringIngest(t *testing.T) {
	requests, clients := 2000, 16
	if os.Getenv("SHELLNET_SOAK") != "" {
		requests, clients = 20_000, 100
	}
	store, path := glocomStore(t)
	srv, ts := startServer(t, Config{Store: store, Poll: 20 * time.Millisecond})
	ctx := context.Background()
	first := srv.cur.Load().e.Snapshot().Version

	writer, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close(ctx)
	ingested := make(chan int64, 1)
	go func() {
		defer close(ingested)
		ingestInto(t, writer, filepath.Join(ofacDir, "sdn.csv"), filepath.Join(ofacDir, "add.csv"), filepath.Join(ofacDir, "alt.csv"))
		ingestInto(t, writer, unFile)
		v, err := writer.Version(ctx)
		if err != nil {
			t.Error(err)
		}
		ingested <- v
	}()

	names := []string{"Glocom", "Pan Systems Pte Ltd", "Korea Kwangson Banking Corp", "Apple Inc", "Reconnaissance General Bureau"}
	var sent, failed atomic.Int64
	var final atomic.Int64 // the store's version after the ingests, once known
	var finalSeen atomic.Bool
	var mu sync.Mutex
	versions := map[int64]int{}
	deadline := time.Now().Add(10 * time.Minute)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := ts.Client()
			for i := w; ; i += clients {
				if n := sent.Load(); (n >= int64(requests) && finalSeen.Load()) || time.Now().After(deadline) {
					return
				}
				sent.Add(1)
				body := fmt.Sprintf(`{"queries": {"q": {"schema": "Company", "properties": {"name": [%q]}}}}`, names[i%len(names)])
				resp, err := c.Post(ts.URL+"/match/default", "application/json", strings.NewReader(body))
				if err != nil {
					failed.Add(1)
					t.Errorf("request %d: %v", i, err)
					continue
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				var m struct{ Snapshot Snapshot }
				if err != nil || resp.StatusCode != http.StatusOK || json.Unmarshal(b, &m) != nil {
					failed.Add(1)
					t.Errorf("request %d: status %d, %v: %.200s", i, resp.StatusCode, err, b)
					continue
				}
				if h := resp.Header.Get("X-Shellnet-Store-Version"); h != strconv.FormatInt(m.Snapshot.Version, 10) {
					failed.Add(1)
					t.Errorf("request %d: header says version %s, body %d", i, h, m.Snapshot.Version)
				}
				mu.Lock()
				versions[m.Snapshot.Version]++
				mu.Unlock()
				if f := final.Load(); f != 0 && m.Snapshot.Version == f {
					finalSeen.Store(true)
				}
			}
		}()
	}
	v := <-ingested
	final.Store(v)
	wg.Wait()
	t.Logf("%d requests at %d clients, %d failed; versions answered on: %v", sent.Load(), clients, failed.Load(), versions)
	if failed.Load() != 0 {
		t.Fatalf("%d requests failed", failed.Load())
	}
	if !finalSeen.Load() || len(versions) < 2 || versions[first] == 0 {
		t.Fatalf("versions answered on %v: want the first (%d) and the last (%d)", versions, first, v)
	}
	// the new lists are screened
	code, out := do(t, ts.Client(), "POST", ts.URL+"/match/default", "application/json",
		`{"queries": {"q": {"schema": "Company", "properties": {"name": ["Korea Kwangson Banking Corp"]}}}}`)
	var m matchResponse
	json.Unmarshal(out, &m)
	if r := m.Responses["q"]; code != 200 || r.Verdict.String() != "sanctioned" || len(r.Results) == 0 || !strings.HasPrefix(r.Results[0].ID, "ofac-") {
		t.Errorf("after the ingest, Korea Kwangson Banking Corp: status %d, %.400s", code, out)
	}
}
