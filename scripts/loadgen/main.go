// Command loadgen measures a running shellnet serve on this machine:
// requests a second and latency percentiles of POST /match, GET
// /neighbourhood and GET /search at a given concurrency, and the time of
// POST /screen lists. It is bounded in requests and in time, and talks to
// 127.0.0.1 (or ::1, localhost) only.
//
//	go run ./scripts/loadgen -url http://127.0.0.1:8080 -entities gen/entities.csv -scenario match -n 20000 -c 64
//
// Names and IDs come from a CSV file with "id" and "name" columns (the
// entities.csv that shellnet generate writes); the bearer token, when the
// server needs one, from SHELLNET_API_TOKEN.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Bounds on what one run may ask.
const (
	maxRequests = 1_000_000
	maxDuration = 10 * time.Minute
)

type config struct {
	base     string
	scenario string
	n, c     int
	duration time.Duration
	batch    int
	hops     int
	limit    int
	token    string
	seed     uint64
}

func main() {
	var cfg config
	entities := flag.String("entities", "", "CSV `FILE` with id and name columns to draw queries from (shellnet generate's entities.csv)")
	sample := flag.Int("sample", 20000, "draw queries from the first `N` parties of the file")
	flag.StringVar(&cfg.base, "url", "http://127.0.0.1:8080", "the server's base `URL` (127.0.0.1, ::1 or localhost only)")
	flag.StringVar(&cfg.scenario, "scenario", "match", "match, neighbourhood, search or screen")
	flag.IntVar(&cfg.n, "n", 10000, "requests in all (at most 1,000,000)")
	flag.IntVar(&cfg.c, "c", 64, "concurrent clients")
	flag.DurationVar(&cfg.duration, "duration", time.Minute, "stop after `D` (at most 10m)")
	flag.IntVar(&cfg.batch, "batch", 10000, "names a /screen request")
	flag.IntVar(&cfg.hops, "hops", 2, "hops of /neighbourhood")
	flag.IntVar(&cfg.limit, "limit", 500, "limit of /neighbourhood")
	flag.Uint64Var(&cfg.seed, "seed", 1, "seed of the draw of queries")
	flag.Parse()
	cfg.token = os.Getenv("SHELLNET_API_TOKEN")
	if err := run(cfg, *entities, *sample); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(cfg config, entities string, sample int) error {
	if err := checkLocal(cfg.base); err != nil {
		return err
	}
	switch {
	case cfg.n < 1 || cfg.n > maxRequests:
		return fmt.Errorf("-n %d: want 1 to %d", cfg.n, maxRequests)
	case cfg.c < 1 || cfg.c > 1000:
		return fmt.Errorf("-c %d: want 1 to 1000", cfg.c)
	case cfg.duration <= 0 || cfg.duration > maxDuration:
		return fmt.Errorf("-duration %s: want up to %s", cfg.duration, maxDuration)
	}
	if entities == "" {
		return errors.New("-entities FILE is needed: a CSV with id and name columns (shellnet generate's entities.csv)")
	}
	ids, names, err := readEntities(entities, sample)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0))
	var next func(i int) (*http.Request, error)
	switch cfg.scenario {
	case "match":
		next = func(i int) (*http.Request, error) {
			body := fmt.Sprintf(`{"queries": {"q": {"schema": "Company", "properties": {"name": [%q]}}}}`, names[i%len(names)])
			return http.NewRequest("POST", cfg.base+"/match/default", strings.NewReader(body))
		}
	case "search":
		next = func(i int) (*http.Request, error) {
			return http.NewRequest("GET", cfg.base+"/search/default?limit=10&q="+url.QueryEscape(names[i%len(names)]), nil)
		}
	case "neighbourhood":
		next = func(i int) (*http.Request, error) {
			return http.NewRequest("GET", fmt.Sprintf("%s/neighbourhood/%s?hops=%d&limit=%d", cfg.base, url.PathEscape(ids[i%len(ids)]), cfg.hops, cfg.limit), nil)
		}
	case "screen":
		next = func(int) (*http.Request, error) {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			for range cfg.batch {
				enc.Encode(map[string]string{"name": names[rng.IntN(len(names))]})
			}
			req, err := http.NewRequest("POST", cfg.base+"/screen", &b)
			if req != nil {
				req.Header.Set("Content-Type", "application/x-ndjson")
			}
			return req, err
		}
	default:
		return fmt.Errorf("-scenario %q: want match, neighbourhood, search or screen", cfg.scenario)
	}
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return load(cfg, next)
}

// checkLocal refuses any server but this machine's.
func checkLocal(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" {
		return fmt.Errorf("-url %q: want http://127.0.0.1:PORT", base)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-url %q: loadgen only loads a server on this machine (127.0.0.1, ::1 or localhost)", base)
	}
	return nil
}

// readEntities reads the IDs of entities and the names of parties (not
// addresses or accounts) among the first sample rows that have them.
func readEntities(path string, sample int) (ids, names []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(h)] = i
	}
	ic, ok1 := col["id"]
	nc, ok2 := col["name"]
	kc, hasKind := col["kind"]
	if !ok1 || !ok2 {
		return nil, nil, fmt.Errorf("%s: no id and name columns in the header", path)
	}
	for len(names) < sample {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if hasKind && (rec[kc] == "Address" || rec[kc] == "BankAccount") {
			continue
		}
		ids = append(ids, rec[ic])
		names = append(names, rec[nc])
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%s: no parties", path)
	}
	return ids, names, nil
}

// load sends cfg.n requests on cfg.c clients, or fewer when cfg.duration
// runs out, and prints what it measured.
func load(cfg config, next func(int) (*http.Request, error)) error {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.duration)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.c, MaxConnsPerHost: cfg.c}}
	var issued, failed atomic.Int64
	lat := make([][]time.Duration, cfg.c)
	var firstErr atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for w := range cfg.c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(issued.Add(1)) - 1
				if i >= cfg.n || ctx.Err() != nil {
					return
				}
				req, err := next(i)
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					failed.Add(1)
					continue
				}
				req = req.WithContext(ctx)
				if req.Method == "POST" && req.Header.Get("Content-Type") == "" {
					req.Header.Set("Content-Type", "application/json")
				}
				if cfg.token != "" {
					req.Header.Set("Authorization", "Bearer "+cfg.token)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
					}
				}
				if err != nil {
					if ctx.Err() != nil {
						return // the time ran out
					}
					firstErr.CompareAndSwap(nil, err)
					failed.Add(1)
					continue
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
	}
	out := map[string]any{
		"scenario": cfg.scenario, "clients": cfg.c, "ok": len(all), "failed": failed.Load(),
		"seconds": round3(elapsed.Seconds()), "requests_per_s": round3(float64(len(all)) / elapsed.Seconds()),
		"p50_ms": pct(0.50), "p90_ms": pct(0.90), "p99_ms": pct(0.99), "max_ms": pct(1),
	}
	if cfg.scenario == "screen" {
		out["names_per_request"] = cfg.batch
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
	if e, ok := firstErr.Load().(error); ok {
		return fmt.Errorf("%d requests failed; the first: %w", failed.Load(), e)
	}
	return nil
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
