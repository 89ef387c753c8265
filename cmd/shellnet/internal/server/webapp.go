package server

import (
	"embed"
	"io/fs"
	"net/http"
	"unicode/utf8"
)

// The investigator's web app: its bundle, built from web/ by
// scripts/web.sh and committed, so that building shellnet needs no Node.
//
//go:embed web/dist
var webDist embed.FS

// contentSecurityPolicy lets the app's pages load only what the binary
// serves: its own scripts (the layout worker included), styles and API
// calls, and images it draws itself (the PNG export renders the SVG
// through a blob URL). No inline script or style attribute in markup, no
// frame, no request to another origin (W3C Content Security Policy
// Level 3).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// webApp serves the app's page at / and its assets under /app/, each with
// the policy above.
func (s *Server) webApp() {
	dist, err := fs.Sub(webDist, "web/dist")
	if err != nil {
		panic(err) // the embedded tree always holds web/dist
	}
	files := http.FileServerFS(dist)
	secure := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "no-referrer")
			h.Set("Cache-Control", "no-cache")
			if !utf8.ValidString(r.URL.Path) { // no file of the bundle has such a name
				writeError(w, http.StatusNotFound, "no such file: the app's files are under /app/")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	s.mux.Handle("GET /{$}", secure(files))
	s.mux.Handle("GET /app/", http.StripPrefix("/app", secure(files)))
}

// sameOrigin refuses state-changing requests a browser sends from another
// site (by Sec-Fetch-Site, or Origin against Host), so that a page
// elsewhere cannot make an investigator's browser post to the server;
// clients that are not browsers send neither header and pass.
func sameOrigin(h http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusForbidden, "cross-origin request refused: send it from the app's own page, or from a client that is not a browser")
	}))
	return p.Handler(h)
}
