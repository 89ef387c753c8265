package server

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// The page and its assets are served with the policy, and the page holds
// no inline script, no inline style and no event-handler attribute: the
// policy would block them, and their absence is what lets it be strict.
func TestWebAppServed(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	for _, c := range []struct{ path, ctype string }{
		{"/", "text/html"}, {"/app/app.js", "text/javascript"}, {"/app/layout.js", "text/javascript"},
		{"/app/style.css", "text/css"}, {"/app/favicon.svg", "image/svg+xml"},
	} {
		resp, err := ts.Client().Get(ts.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ctype) {
			t.Errorf("GET %s: %d %s, want 200 %s", c.path, resp.StatusCode, resp.Header.Get("Content-Type"), c.ctype)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != contentSecurityPolicy {
			t.Errorf("GET %s: Content-Security-Policy %q", c.path, got)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", c.path)
		}
	}
	if code, _ := do(t, ts.Client(), "GET", ts.URL+"/app/nothing.js", "", ""); code != http.StatusNotFound {
		t.Errorf("GET /app/nothing.js: %d, want 404", code)
	}
	// the API's answers to unknown paths are unchanged
	if code, out := do(t, ts.Client(), "GET", ts.URL+"/nothing", "", ""); code != http.StatusNotFound || !strings.Contains(string(out), "detail") {
		t.Errorf("GET /nothing: %d %s", code, out)
	}

	page, err := fs.ReadFile(webDist, "web/dist/index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`<script[^>]*>[^<]`),                  // an inline script
		regexp.MustCompile(`\sstyle\s*=`),                        // an inline style
		regexp.MustCompile(`<style`),                             // a style element
		regexp.MustCompile(`\son[a-z]+\s*=`),                     // an event handler attribute
		regexp.MustCompile(`(?:src|href)\s*=\s*"(?:[a-z]+:)?//`), // anything from another origin
	} {
		if m := bad.Find(page); m != nil {
			t.Errorf("index.html: %q", m)
		}
	}
	if n := strings.Count(string(page), "<script"); n != 1 || !strings.Contains(string(page), `<script type="module" src="/app/app.js"></script>`) {
		t.Errorf("index.html: %d scripts, want the app's one", n)
	}
	// the bundle never writes markup: data reaches the page as text
	for _, name := range []string{"web/dist/app.js", "web/dist/layout.js"} {
		js, err := fs.ReadFile(webDist, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if strings.Contains(string(js), sink) {
				t.Errorf("%s uses %s", name, sink)
			}
		}
	}
}

// A page on another site cannot make an investigator's browser post to
// the server; the app's own page and clients that are not browsers can.
func TestWebAppCrossOrigin(t *testing.T) {
	store, _ := glocomStore(t)
	_, ts := startServer(t, Config{Store: store})
	body := `{"name": "Glocom"}` + "\n"
	for _, c := range []struct {
		what   string
		header []string
		want   int
	}{
		{"no browser", nil, http.StatusOK},
		{"the app's page", []string{"Sec-Fetch-Site", "same-origin", "Origin", ts.URL}, http.StatusOK},
		{"another site", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, http.StatusForbidden},
		{"a sibling site", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://other.localhost"}, http.StatusForbidden},
		{"an old browser on another site", []string{"Origin", "https://evil.example"}, http.StatusForbidden},
	} {
		code, out := do(t, ts.Client(), "POST", ts.URL+"/screen", "text/plain", body, c.header...)
		if code != c.want {
			t.Errorf("%s: POST /screen: %d, want %d: %.200s", c.what, code, c.want, out)
		}
		if code == http.StatusForbidden && !strings.Contains(string(out), `"detail"`) {
			t.Errorf("%s: refusal without a detail: %s", c.what, out)
		}
	}
	// reading is allowed from anywhere: nothing changes
	if code, _ := do(t, ts.Client(), "GET", ts.URL+"/search/default?q=Glocom", "", "", "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"); code != http.StatusOK {
		t.Errorf("cross-site GET /search: %d", code)
	}
}

// FuzzWebApp sends any path to the app's routes: an asset or a 404, never
// a server error, a directory listing or a file outside the bundle.
func FuzzWebApp(f *testing.F) {
	s, err := New(Config{Store: nil})
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{"/", "/app/app.js", "/app/", "/app/../server.go", "/app/%2e%2e/webapp.go", "/app//etc/passwd", "/app/index.html", "/app/dist", "/app/\x00"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, path string) {
		req, err := http.NewRequestWithContext(context.Background(), "GET", "http://127.0.0.1/", nil)
		if err != nil {
			return
		}
		req.URL.Path = path
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q: %d", path, rec.Code)
		}
		body := rec.Body.String()
		if rec.Code == http.StatusOK && strings.HasPrefix(path, "/app/") {
			if rec.Header().Get("Content-Security-Policy") != contentSecurityPolicy {
				t.Fatalf("GET %q: no policy", path)
			}
			if strings.Contains(body, "package server") || strings.Contains(body, "<pre>") && strings.Contains(body, "href=") {
				t.Fatalf("GET %q: served a file outside the bundle or a listing: %.200s", path, body)
			}
		}
	})
}
