package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
)

// Defaults of Config.
const (
	DefaultPoll       = time.Second
	DefaultMaxBody    = 16 << 20
	DefaultMaxQueries = 100 // yente's MAX_BATCH
	DefaultMaxScreen  = 100_000
	DefaultMaxLimit   = 500 // yente's MAX_MATCHES
	DefaultTimeout    = 2 * time.Minute
)

// Config configures a Server.
type Config struct {
	Store  graph.Store
	Screen screen.Options // the screening options every answer is computed with
	Rule   sanctions.Rule // the ownership rule the snapshot blocks parties under
	AsOf   time.Time      // the day the snapshot's links are valid on; every link when zero
	// Token, when not empty, is the bearer token every request but the
	// health and readiness probes must carry.
	Token      string
	Poll       time.Duration // how often the store's version is read
	MaxBody    int64         // bytes of a request body
	MaxQueries int           // queries of one /match request
	MaxScreen  int           // names of one /screen request
	MaxLimit   int           // results asked for with limit
	// WriteTimeout bounds the writing of a response; a streamed /screen
	// response has it renewed at each line.
	WriteTimeout time.Duration
	Log          *slog.Logger // nil discards
	// Audit records every screening in the store's audit trail; Who is
	// the name screenings and decisions are recorded under (the token's
	// name, never the token).
	Audit bool
	Who   string
	// LimitMemory sets the Go runtime's soft memory limit after each
	// load from the snapshot's size on disk (memoryLimit). It is process
	// wide: Run sets it unless GOMEMLIMIT has set a limit.
	LimitMemory bool
}

func (c *Config) fill() {
	if c.Poll <= 0 {
		c.Poll = DefaultPoll
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.MaxQueries <= 0 {
		c.MaxQueries = DefaultMaxQueries
	}
	if c.MaxScreen <= 0 {
		c.MaxScreen = DefaultMaxScreen
	}
	if c.MaxLimit <= 0 {
		c.MaxLimit = DefaultMaxLimit
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = DefaultTimeout
	}
	if c.Log == nil {
		c.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// Server answers the HTTP API on the current engine, which Watch replaces
// when the store changes. Requests in flight finish on the engine they
// started with.
type Server struct {
	cfg      Config
	src      source
	cur      atomic.Pointer[loaded]
	metrics  *metrics
	mux      *http.ServeMux
	policies paths.Policies
	openapi  []byte
}

// loaded holds the current engine.
type loaded struct{ e engine }

// New returns a server over cfg.Store; it answers 503 until Watch has
// loaded the first snapshot.
func New(cfg Config) (*Server, error) {
	cfg.fill()
	pol, err := loadPolicies("us,eu,cn")
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, src: storeSource{store: cfg.Store, opt: cfg.Screen, rule: cfg.Rule, asOf: cfg.AsOf}, metrics: newMetrics(), policies: pol}
	if s.openapi, err = json.MarshalIndent(openAPI(), "", "  "); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	for _, rt := range routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	s.mux.Handle("/", s.wrap(route{path: "/", public: true, h: notFound}))
	s.webApp()
	return s, nil
}

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler { return sameOrigin(s.mux) }

// HTTPServer returns an http.Server for s on addr, with timeouts set.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// Ready reports whether a snapshot is loaded.
func (s *Server) Ready() bool { return s.cur.Load() != nil }

// Watch loads the first snapshot, then reads the store's version every
// Config.Poll and, when it changed and then held for one poll (a load
// writes in many transactions: the snapshot is built once it is done, not
// at each of them), builds the next snapshot and swaps it in, until ctx
// ends. A server that limits its memory sets the limit again at each
// poll. A failed build keeps the current snapshot and is tried again at
// the next poll; Watch returns an error only when the first load fails.
func (s *Server) Watch(ctx context.Context) error {
	if err := s.reload(ctx); err != nil {
		return err
	}
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	last := s.cur.Load().e.Snapshot().Version
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		if s.cfg.LimitMemory {
			s.limitMemory()
		}
		v, err := s.src.Version(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.cfg.Log.Warn("reading the store's version failed; serving the current snapshot", "err", err)
			continue
		}
		settled := v == last
		last = v
		if v == s.cur.Load().e.Snapshot().Version || !settled {
			continue
		}
		if err := s.reload(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Log.Warn("building the next snapshot failed; serving the current one", "err", err)
		}
	}
}

// reload builds an engine and makes it current.
func (s *Server) reload(ctx context.Context) error {
	start := time.Now()
	if s.cfg.LimitMemory {
		// the build holds the next snapshot beside the current one
		debug.SetMemoryLimit(math.MaxInt64)
	}
	e, err := s.src.Build(ctx)
	if err != nil {
		s.metrics.buildFailed()
		return fmt.Errorf("server: loading the snapshot: %w", err)
	}
	snap := e.Snapshot()
	s.metrics.swapped(snap) // first, so that a ready server's metrics show its snapshot
	s.cur.Store(&loaded{e})
	s.cfg.Log.Info("snapshot loaded", "version", snap.Version, "entities", snap.Entities, "links", snap.Links, "took", time.Since(start).Round(time.Millisecond))
	// a build leaves as much garbage as the snapshot it builds (decoded
	// files, the index's working sets): give it back to the system now
	// rather than hold twice the snapshot until the heap grows again
	debug.FreeOSMemory()
	if s.cfg.LimitMemory {
		s.limitMemory()
	}
	return nil
}

// limitMemory sets the runtime's soft memory limit for the current
// snapshot from the heap live at the last collection and the memory now
// resident outside the runtime, which grows as the store's connections
// fill their caches: Watch sets it again at each poll.
func (s *Server) limitMemory() {
	limit := memoryLimit(s.cur.Load().e.Snapshot().Bytes, liveHeap(), outsideRuntime())
	s.metrics.limited(limit)
	debug.SetMemoryLimit(limit)
}

// CheckAddr refuses to serve on an address other than the loopback
// interface without a token.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("server: address %q: %w (want HOST:PORT, such as 127.0.0.1:8080)", addr, err)
	}
	if token != "" || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("server: %s is reachable from other machines, so every request must carry a token: put one in a file and pass --token-file FILE, or set SHELLNET_API_TOKEN (or serve on 127.0.0.1)", addr)
}

// handler answers one route; e is nil on routes that need no engine.
type handler func(s *Server, w http.ResponseWriter, r *http.Request, e engine) error

// apiError is an error with its HTTP status; its message is the client's.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, a ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

func notFoundf(format string, a ...any) error {
	return &apiError{http.StatusNotFound, fmt.Sprintf(format, a...)}
}

// notFound answers what no route matches: 405 with the methods allowed
// when the path has routes, 404 otherwise.
func notFound(s *Server, w http.ResponseWriter, r *http.Request, _ engine) error {
	var allowed []string
	for _, m := range []string{"GET", "POST"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		return &apiError{http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, strings.Join(allowed, " or "))}
	}
	return notFoundf("no route %s %s: GET /openapi.json lists them", r.Method, r.URL.Path)
}

// statusOf maps an error to its HTTP status and the message the client
// reads, in one place.
func statusOf(err error) (int, string) {
	var ae *apiError
	var mb *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.msg
	case errors.As(err, &mb):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes: send fewer queries a request", mb.Limit)
	case errors.Is(err, graph.ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "request cancelled or timed out: try again"
	}
	return http.StatusInternalServerError, "internal error; the server's log says more"
}

// wrap adds what every route shares: metrics, the token check, the body
// cap, the current engine and the mapping of errors to statuses.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		sw.Header().Set("X-Content-Type-Options", "nosniff")
		sw.Header().Set("Cache-Control", "no-store") // answers change with the store
		defer func() { s.metrics.observe(strings.TrimSpace(rt.method+" "+rt.path), sw.status, time.Since(start)) }()
		if !rt.public && !s.authorised(r) {
			sw.Header().Set("WWW-Authenticate", `Bearer realm="shellnet"`)
			writeError(sw, http.StatusUnauthorized, "missing or wrong bearer token: send the header Authorization: Bearer TOKEN")
			return
		}
		r.Body = http.MaxBytesReader(sw, r.Body, s.cfg.MaxBody)
		var e engine
		if cur := s.cur.Load(); cur != nil {
			e = cur.e
			sw.Header().Set("X-Shellnet-Store-Version", strconv.FormatInt(e.Snapshot().Version, 10))
		} else if rt.engine {
			sw.Header().Set("Retry-After", "1")
			writeError(sw, http.StatusServiceUnavailable, "the snapshot is still loading: try again in a moment (GET /readyz says when it is ready)")
			return
		}
		if err := rt.h(s, sw, r, e); err != nil {
			status, msg := statusOf(err)
			if status == http.StatusInternalServerError {
				s.cfg.Log.Error("request failed", "route", rt.path, "err", err)
			}
			if sw.wrote {
				return // a streamed response already started: it ends with an error line
			}
			writeError(sw, status, msg)
		}
	})
}

func (s *Server) authorised(r *http.Request) bool {
	if s.cfg.Token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	// hashes make the comparison's time independent of the lengths too
	a, b := sha256.Sum256([]byte(strings.TrimSpace(got))), sha256.Sum256([]byte(s.cfg.Token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// statusWriter remembers the status written, for metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (flushes,
// write deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// errorBody is yente's ErrorResponse.
type errorBody struct {
	Detail string `json:"detail"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Run serves cfg's store on addr until ctx ends, then shuts down,
// letting requests in flight finish (for at most ten seconds). It refuses
// an address other than loopback without a token.
func Run(ctx context.Context, cfg Config, addr string) error {
	if err := CheckAddr(addr, cfg.Token); err != nil {
		return err
	}
	cfg.LimitMemory = cfg.LimitMemory || !limitSet()
	s, err := New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("server: %w (is another server on that port? choose another with --addr)", err)
	}
	hs := s.HTTPServer(addr)
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	watched := make(chan error, 1)
	go func() { watched <- s.Watch(wctx) }()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	s.cfg.Log.Info("listening", "addr", "http://"+ln.Addr().String(), "auth", cfg.Token != "")
	select {
	case <-ctx.Done():
	case err = <-watched:
	case err = <-served:
		return fmt.Errorf("server: %w", err)
	}
	stop()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if serr := hs.Shutdown(sctx); serr != nil && err == nil {
		err = fmt.Errorf("server: shutting down: %w", serr)
	}
	return err
}
