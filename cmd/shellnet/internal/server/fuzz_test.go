package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// fuzzServer is a server on the Glocom case with its snapshot loaded, for
// fuzzing the handlers through the real mux.
func fuzzServer(f *testing.F) *Server {
	f.Helper()
	store, _ := glocomStore(f)
	s, err := New(Config{Store: store, MaxBody: 1 << 16})
	if err != nil {
		f.Fatal(err)
	}
	if err := s.reload(context.Background()); err != nil {
		f.Fatal(err)
	}
	return s
}

// serveFuzz sends one request through the mux and checks what every
// answer must hold: it comes within ten seconds, it is not a server error,
// an error says what is wrong in yente's {"detail"}, and JSON is JSON.
func serveFuzz(t *testing.T, s *Server, method, target, contentType string, body []byte) {
	req, err := http.NewRequest(method, "http://127.0.0.1"+target, bytes.NewReader(body))
	if err != nil {
		return // not a request a client can send
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Handler().ServeHTTP(rec, req)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s %s: no answer in 10 s", method, target)
	}
	if rec.Code >= 500 {
		t.Fatalf("%s %s: status %d: %s", method, target, rec.Code, rec.Body.Bytes())
	}
	ct := rec.Header().Get("Content-Type")
	switch {
	case rec.Code >= 400:
		var e errorBody
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Detail == "" {
			t.Fatalf("%s %s: status %d without a detail: %s", method, target, rec.Code, rec.Body.Bytes())
		}
	case ct == "application/json":
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: invalid JSON: %.300s", method, target, rec.Body.Bytes())
		}
	case ct == "application/x-ndjson":
		for _, line := range bytes.Split(bytes.TrimSpace(rec.Body.Bytes()), []byte("\n")) {
			if !json.Valid(line) {
				t.Fatalf("%s %s: invalid JSON line: %.300s", method, target, line)
			}
		}
	}
}

func FuzzMatch(f *testing.F) {
	s := fuzzServer(f)
	f.Add("default", "limit=3&threshold=0.8", []byte(`{"queries": {"q1": {"schema": "Company", "properties": {"name": ["Glocom"], "country": "MY"}}}}`))
	f.Add("default", "algorithm=best", []byte(`{"queries": {"a": {"schema": "Person", "properties": {"name": "Kim", "passportNumber": ["123"], "registrationNumber": [1, {"x": 2}]}}}}`))
	f.Add("all", "limit=1000000000", []byte(`{"queries": {}}`))
	f.Add("x", "", []byte(`{"queries": {"q": {"schema": "Vessel", "properties": {"name": [""], "imoNumber": ["IMO 9000000"]}}}}`))
	f.Add("default", "threshold=-1", []byte(`not json`))
	f.Fuzz(func(t *testing.T, dataset, query string, body []byte) {
		serveFuzz(t, s, "POST", "/match/"+url.PathEscape(dataset)+"?"+query, "application/json", body)
	})
}

func FuzzSearch(f *testing.F) {
	s := fuzzServer(f)
	f.Add("default", "pan systems", "5", "0")
	f.Add("all", "glocom.com.my", "", "2")
	f.Add("default", "", "0", "-1")
	f.Add("default", "Ｇｌｏｃｏｍ 株式会社", "500", "10000")
	f.Fuzz(func(t *testing.T, dataset, q, limit, offset string) {
		v := url.Values{"q": {q}, "limit": {limit}, "offset": {offset}}
		serveFuzz(t, s, "GET", "/search/"+url.PathEscape(dataset)+"?"+v.Encode(), "", nil)
	})
}

func FuzzEntities(f *testing.F) {
	s := fuzzServer(f)
	f.Add("glocom", false, "")
	f.Add("glocom", true, "limit=2&offset=1")
	f.Add("rgb", true, "limit=0")
	f.Add("no such", false, "")
	f.Fuzz(func(t *testing.T, id string, adjacent bool, query string) {
		target := "/entities/" + url.PathEscape(id)
		if adjacent {
			target += "/adjacent"
		}
		serveFuzz(t, s, "GET", target+"?"+query, "", nil)
	})
}

func FuzzScreen(f *testing.F) {
	s := fuzzServer(f)
	f.Add("application/x-ndjson", []byte("{\"name\": \"Glocom\"}\n{\"name\": \"Apple Inc\", \"id\": \"s1\", \"country\": \"US\"}\n"))
	f.Add("text/csv", []byte("name,id\nGlocom,1\n\"Pan Systems\",2\n"))
	f.Add("text/csv", []byte("\uFEFFName;Country\nGlocom;MY\n"))
	f.Add("", []byte("{\"name\": 5}\n"))
	f.Add("text/csv", []byte("name\n\"open\n"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		serveFuzz(t, s, "POST", "/screen", contentType, body)
	})
}

func FuzzNeighbourhood(f *testing.F) {
	s := fuzzServer(f)
	f.Add("glocom", "2", "500", "", "")
	f.Add("rgb", "4", "5000", "OWNS,supplies", "2016-01-01")
	f.Add("glocom", "0", "1", "FRIENDS", "2016-13-01")
	f.Fuzz(func(t *testing.T, id, hops, limit, types, asOf string) {
		v := url.Values{"hops": {hops}, "limit": {limit}, "types": {types}, "as_of": {asOf}}
		serveFuzz(t, s, "GET", "/neighbourhood/"+url.PathEscape(id)+"?"+v.Encode(), "", nil)
	})
}

func FuzzPaths(f *testing.F) {
	s := fuzzServer(f)
	f.Add("", "", "", "", "", "")
	f.Add("id:vendor-apple", "id:rgb", "3", "8", "true", "us,cn")
	f.Add("name:", "tag:", "0", "99", "maybe", "none")
	f.Fuzz(func(t *testing.T, from, to, k, maxHops, weak, policy string) {
		v := url.Values{"from": {from}, "to": {to}, "k": {k}, "max_hops": {maxHops}, "weak": {weak}}
		if policy != "" {
			v.Set("policy", policy)
		}
		serveFuzz(t, s, "GET", "/paths?"+v.Encode(), "", nil)
	})
}

// FuzzRoutes sends any method and path: the probes, the documents and
// paths no route serves.
func FuzzRoutes(f *testing.F) {
	s := fuzzServer(f)
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/algorithms", "/openapi.json", "/", "/match", "/entities/", "/neighbourhood/"} {
		f.Add("GET", p)
	}
	f.Add("DELETE", "/entities/glocom")
	f.Add("POST", "/healthz")
	f.Fuzz(func(t *testing.T, method, path string) {
		if !strings.HasPrefix(path, "/") || strings.ContainsAny(method, " \t\r\n") || method == "" || method == "CONNECT" {
			return
		}
		serveFuzz(t, s, method, path, "", nil)
	})
}

// FuzzDecision sends POST /decisions bodies: malformed JSON, unknown
// fields, empty or oversized names, parties not matched; every answer is
// a 201 or a 4xx with a detail.
func FuzzDecision(f *testing.F) {
	s := fuzzServer(f)
	for _, seed := range []string{
		`{"supplier": "Glocom", "match": "glocom", "finding": "false_positive", "note": "checked"}`,
		`{"supplier": "Glocom", "match": "glocom", "finding": "true_positive", "note": "checked", "analyst": "x"}`,
		`{"supplier": "", "match": "", "finding": "maybe"}`,
		`{"supplier": "Glocom", "extra": 1}`, `[]`, `{`, `null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		serveFuzz(t, s, "POST", "/decisions", "application/json", body)
	})
}
