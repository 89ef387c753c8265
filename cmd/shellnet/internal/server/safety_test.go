package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Bad requests get a 4xx with a message saying what is wrong, never a 500
// or a hang.
func TestBadRequests(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store, MaxBody: 4096, MaxQueries: 3})
	q := func(props string) string {
		return `{"queries": {"q1": {"schema": "Company", "properties": ` + props + `}}}`
	}
	for _, c := range []struct {
		method, path, ct, body string
		status                 int
		says                   string
	}{
		{"POST", "/match/default", "application/json", `{"queries": `, 400, "request body"},
		{"POST", "/match/default", "application/json", `[1, 2]`, 400, "request body"},
		{"POST", "/match/default", "application/json", `{}`, 400, "no queries"},
		{"POST", "/match/default", "application/json", `{"queries": {"q1": {"schema": "Spaceship", "properties": {"name": ["X"]}}}}`, 400, `schema "Spaceship"`},
		{"POST", "/match/default", "application/json", q(`{"name": [""]}`), 400, "no name"},
		{"POST", "/match/default", "application/json", q(`{"country": ["KP"]}`), 400, "no name"},
		{"POST", "/match/default", "application/json", q(`{"name": {"a": 1}}`), 400, "property \"name\""},
		{"POST", "/match/default", "application/json", q(`{"name": ["` + strings.Repeat("a", 2000) + `"]}`), 400, "at most 1024"},
		{"POST", "/match/default?limit=1000000000", "application/json", q(`{"name": ["Glocom"]}`), 400, "limit"},
		{"POST", "/match/default?limit=-1", "application/json", q(`{"name": ["Glocom"]}`), 400, "limit"},
		{"POST", "/match/default?threshold=2", "application/json", q(`{"name": ["Glocom"]}`), 400, "threshold"},
		{"POST", "/match/default?threshold=NaN", "application/json", q(`{"name": ["Glocom"]}`), 400, "threshold"},
		{"POST", "/match/default?algorithm=logic-v2", "application/json", q(`{"name": ["Glocom"]}`), 400, "algorithm"},
		{"POST", "/match/us_ofac_sdn", "application/json", q(`{"name": ["Glocom"]}`), 404, "whole store"},
		{"POST", "/match/default", "application/json", `{"queries": {"a": {"schema": "Company", "properties": {"name": "A"}}, "b": {"schema": "Company", "properties": {"name": "B"}},
			"c": {"schema": "Company", "properties": {"name": "C"}}, "d": {"schema": "Company", "properties": {"name": "D"}}}}`, 400, "at most 3"},
		{"POST", "/match/default", "application/json", q(`{"name": ["` + strings.Repeat("a ", 3000) + `"]}`), 413, "larger than 4096"},
		{"GET", "/match/default", "", "", 405, ""},
		{"GET", "/search/default", "", "", 400, "no q"},
		{"GET", "/search/default?q=glocom&limit=501", "", "", 400, "limit"},
		{"GET", "/search/default?q=glocom&offset=x", "", "", 400, "offset"},
		{"GET", "/entities/nobody", "", "", 404, "no entity"},
		{"GET", "/entities/nobody/adjacent", "", "", 404, "no entity"},
		{"POST", "/screen", "application/x-ndjson", "", 400, "no names"},
		{"POST", "/screen", "application/x-ndjson", `{"name": "Glocom"}` + "\n" + `{"name": " "}`, 400, "line 2: empty name"},
		{"POST", "/screen", "application/x-ndjson", `{"name": "Glocom"}` + "\n" + `not json`, 400, "line 2"},
		{"POST", "/screen", "text/csv", "supplier\nGlocom\n", 400, `no "name" column`},
		{"POST", "/screen", "text/csv", "name\nGlocom\n\"unclosed\n", 400, "line 3"},
		{"GET", "/neighbourhood/glocom?hops=99", "", "", 400, "hops"},
		{"GET", "/neighbourhood/glocom?limit=1000000000", "", "", 400, "limit"},
		{"GET", "/neighbourhood/glocom?types=FRIENDS", "", "", 400, "not a link type"},
		{"GET", "/neighbourhood/glocom?as_of=yesterday", "", "", 400, "as_of"},
		{"GET", "/neighbourhood/nobody", "", "", 404, "no entity"},
		{"GET", "/paths?from=colour:red", "", "", 400, "from"},
		{"GET", "/paths?k=0", "", "", 400, "k="},
		{"GET", "/paths?policy=atlantis", "", "", 400, "policy"},
		{"GET", "/paths?weak=perhaps", "", "", 400, "weak"},
		{"GET", "/nowhere", "", "", 404, "no route"},
	} {
		t.Run(c.method+c.path, func(t *testing.T) {
			code, out := do(t, ts.Client(), c.method, ts.URL+c.path, c.ct, c.body)
			if code != c.status {
				t.Fatalf("status %d, want %d: %s", code, c.status, out)
			}
			if c.says == "" {
				return
			}
			var e errorBody
			if err := json.Unmarshal(out, &e); err != nil || !strings.Contains(e.Detail, c.says) {
				t.Errorf("body %s: want a detail saying %q", out, c.says)
			}
		})
	}
}

// Until the first snapshot is loaded, the probes answer and everything
// else says to wait.
func TestNotReady(t *testing.T) {
	store, _ := glocomStore(t)
	s, err := New(Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for path, want := range map[string]int{"/healthz": 200, "/readyz": 503, "/openapi.json": 200, "/algorithms": 200, "/metrics": 200,
		"/search/default?q=glocom": 503, "/entities/glocom": 503, "/paths": 503} {
		if code, out := do(t, ts.Client(), "GET", ts.URL+path, "", ""); code != want {
			t.Errorf("%s: status %d, want %d: %s", path, code, want, out)
		}
	}
	if err := s.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, ts.Client(), "GET", ts.URL+"/readyz", "", ""); code != 200 {
		t.Errorf("/readyz after loading: status %d", code)
	}
}

// With a token, every route but the probes and the documents needs it;
// a wrong token, another scheme or none gets a 401.
func TestToken(t *testing.T) {
	store, _ := glocomStore(t)
	const token = "9b1f0c3e-token-of-a-test"
	_, ts := startServer(t, Config{Store: store, Token: token})
	c := ts.Client()
	for _, h := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "Basic " + token}, {"Authorization", "Bearer " + token + "x"}, {"Authorization", token}} {
		for _, path := range []string{"/entities/glocom", "/metrics", "/search/default?q=glocom"} {
			code, out := do(t, c, "GET", ts.URL+path, "", "", h...)
			if code != http.StatusUnauthorized || strings.Contains(string(out), token) {
				t.Errorf("%s with %v: status %d: %s", path, h, code, out)
			}
		}
	}
	for _, path := range []string{"/entities/glocom", "/metrics"} {
		if code, out := do(t, c, "GET", ts.URL+path, "", "", "Authorization", "Bearer "+token); code != 200 {
			t.Errorf("%s with the token: status %d: %s", path, code, out)
		}
	}
	for _, path := range []string{"/healthz", "/readyz", "/openapi.json", "/algorithms"} {
		if code, _ := do(t, c, "GET", ts.URL+path, "", ""); code != 200 {
			t.Errorf("%s without a token: status %d", path, code)
		}
	}
}

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"127.0.0.1:0", "", true},
		{"[::1]:8080", "", true},
		{"localhost:8080", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"[::]:8080", "", false},
		{"10.1.2.3:8080", "", false},
		{"example.org:8080", "", false},
		{"0.0.0.0:8080", "secret", true},
		{"8080", "", false},
	} {
		err := CheckAddr(c.addr, c.token)
		if (err == nil) != c.ok {
			t.Errorf("%q token %v: %v", c.addr, c.token != "", err)
		}
		if err != nil && c.token == "" && strings.Contains(c.addr, ":") && !strings.Contains(err.Error(), "--token-file") && !strings.Contains(err.Error(), "HOST:PORT") {
			t.Errorf("%q: %v does not say what to do", c.addr, err)
		}
	}
}

// /metrics counts every request by route and status, its latency
// histogram adds up, and the snapshot gauges are the snapshot's.
func TestMetrics(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	c := ts.Client()
	for range 3 {
		do(t, c, "GET", ts.URL+"/healthz", "", "")
	}
	do(t, c, "GET", ts.URL+"/entities/nobody", "", "")
	do(t, c, "POST", ts.URL+"/match/default", "application/json", `{"queries": {"q": {"schema": "Company", "properties": {"name": "Glocom"}}}}`)
	_, out := do(t, c, "GET", ts.URL+"/metrics", "", "")
	text := string(out)
	v, _ := store.Version(context.Background())
	for _, want := range []string{
		`shellnet_http_requests_total{route="GET /healthz",code="200"} 3`,
		`shellnet_http_requests_total{route="GET /entities/{id}",code="404"} 1`,
		`shellnet_http_requests_total{route="POST /match/{dataset}",code="200"} 1`,
		`shellnet_http_request_duration_seconds_count{route="GET /healthz"} 3`,
		`shellnet_http_request_duration_seconds_bucket{route="GET /healthz",le="+Inf"} 3`,
		"shellnet_snapshot_ready 1",
		"shellnet_snapshot_version " + strconv.FormatInt(v, 10),
		"shellnet_snapshot_loads_total 1",
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("no line %q in\n%s", want, text)
		}
	}
	// each histogram's buckets grow to its count
	re := regexp.MustCompile(`(?m)^shellnet_http_request_duration_seconds_bucket\{route="([^"]+)",le="([^"]+)"\} (\d+)$`)
	last := map[string]int{}
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[3])
		if n < last[m[1]] {
			t.Errorf("%s: bucket le=%s holds %d, fewer than the one before", m[1], m[2], n)
		}
		last[m[1]] = n
	}
	if !regexp.MustCompile(`(?m)^shellnet_snapshot_age_seconds \d+\.\d{3}$`).MatchString(text) {
		t.Error("no snapshot age")
	}
	heap := regexp.MustCompile(`(?m)^shellnet_heap_objects_bytes (\d+)$`).FindStringSubmatch(text)
	total := regexp.MustCompile(`(?m)^shellnet_memory_bytes (\d+)$`).FindStringSubmatch(text)
	if heap == nil || total == nil {
		t.Fatal("no memory gauges")
	}
	h, _ := strconv.ParseUint(heap[1], 10, 64)
	m, _ := strconv.ParseUint(total[1], 10, 64)
	if h == 0 || h > m {
		t.Errorf("heap %d bytes, memory %d bytes", h, m)
	}
}

// Every route served is in /openapi.json, and every documented operation
// answers (neither 404 nor 405) with its parameters filled in.
func TestOpenAPI(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	_, out := do(t, ts.Client(), "GET", ts.URL+"/openapi.json", "", "")
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct{ Name, In string }
			RequestBody *struct {
				Content map[string]any
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	// the API of DESIGN.md, documented
	for _, op := range []string{"POST /match/{dataset}", "GET /search/{dataset}", "GET /entities/{id}", "GET /entities/{id}/adjacent",
		"POST /screen", "GET /paths", "GET /neighbourhood/{id}", "GET /algorithms", "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json"} {
		method, path, _ := strings.Cut(op, " ")
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("%s is not documented", op)
		}
	}
	values := map[string]string{"dataset": "default", "id": "glocom", "q": "glocom", "limit": "3", "offset": "0", "threshold": "0.8",
		"algorithm": "best", "from": "tag:role.vendor", "to": "tag:sanction", "k": "2", "max_hops": "4", "weak": "false", "policy": "us",
		"hops": "2", "types": "OWNS", "as_of": "2016-01-01", "since": "", "list": "suppliers", "records": "false"}
	bodies := map[string]string{
		"application/json":     `{"queries": {"q1": {"schema": "Company", "properties": {"name": ["Glocom"]}}}}`,
		"application/x-ndjson": `{"name": "Glocom"}`,
		"text/csv":             "name\nGlocom\n",
	}
	operations := 0
	for path, item := range doc.Paths {
		for method, op := range item {
			url := path
			var query []string
			for _, p := range op.Parameters {
				v, ok := values[p.Name]
				if !ok {
					t.Errorf("%s %s: no example for parameter %s", method, path, p.Name)
				}
				if p.In == "path" {
					url = strings.ReplaceAll(url, "{"+p.Name+"}", v)
				} else {
					query = append(query, p.Name+"="+v)
				}
			}
			if strings.Contains(url, "{") {
				t.Errorf("%s %s: a path parameter is not documented", method, path)
			}
			if len(query) > 0 {
				url += "?" + strings.Join(query, "&")
			}
			cts := []string{""}
			if op.RequestBody != nil {
				cts = nil
				for ct := range op.RequestBody.Content {
					cts = append(cts, ct)
				}
			}
			for _, ct := range cts {
				body, want := bodies[ct], http.StatusOK
				if path == "/decisions" {
					body, want = `{"supplier": "Glocom", "match": "glocom", "finding": "false_positive", "note": "checked"}`, http.StatusCreated
				}
				code, out := do(t, ts.Client(), strings.ToUpper(method), ts.URL+url, ct, body)
				if code != want {
					t.Errorf("%s %s (%s): status %d: %.300s", method, url, ct, code, out)
				}
				operations++
			}
		}
	}
	if operations != len(routes)+1 { // /screen takes two content types
		t.Errorf("%d operations answered, %d routes", operations, len(routes))
	}
}

// A client that stops reading a streamed /screen does not hold the
// server: the request ends when its context does.
func TestScreenClientGone(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	var body strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&body, "{\"name\": \"Glocom %d\"}\n", i)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/screen", strings.NewReader(body.String()))
	resp, err := ts.Client().Do(req)
	if err == nil {
		resp.Body.Close()
	}
	// the server is still answering
	if code, _ := do(t, ts.Client(), "GET", ts.URL+"/healthz", "", ""); code != 200 {
		t.Errorf("healthz after a client left: %d", code)
	}
}
