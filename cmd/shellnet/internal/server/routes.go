package server

import (
	"errors"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/fixtures"
	"github.com/shellnet/shellnet/graph"
)

// route is one endpoint: the mux pattern, its handler and its OpenAPI
// description, kept together so that none is served undocumented.
type route struct {
	method, path string
	summary      string
	tag          string
	params       []param
	body         []string // request content types; none for no body
	produces     string   // response content type
	engine       bool     // needs a loaded snapshot
	public       bool     // answers without the token
	h            handler
}

// param is a documented path or query parameter.
type param struct {
	name, in, typ, doc string
}

var (
	pDataset = param{"dataset", "path", "string", "the dataset to answer from: default (the whole store) or all"}
	pID      = param{"id", "path", "string", "an entity ID"}
	pLimit   = param{"limit", "query", "integer", "results to return, at most the server's cap (500 by default)"}
	pOffset  = param{"offset", "query", "integer", "results to skip"}
)

// routes are the API: yente's matching, search and entity endpoints, then
// shellnet's own.
var routes = []route{
	{method: "POST", path: "/match/{dataset}", tag: "Matching", engine: true, h: audited(handleMatch), body: []string{"application/json"}, produces: "application/json",
		summary: "Query by example: screen FtM-shaped queries (yente's request and response), with shellnet's verdicts, evidence paths and blocking shares",
		params: []param{pDataset, {"limit", "query", "integer", "results a query, 5 by default"},
			{"threshold", "query", "number", "score at or above which a result is a match (its `match`), the screening threshold (0.63) by default"},
			{"algorithm", "query", "string", "the scoring algorithm: shellnet (also default or best)"}}},
	{method: "GET", path: "/search/{dataset}", tag: "Matching", engine: true, h: handleSearch, produces: "application/json",
		summary: "Search parties by name or alias (fuzzy), and entities by an identifier (exact)",
		params:  []param{pDataset, {"q", "query", "string", "a name, an alias or an identifier"}, pLimit, pOffset}},
	{method: "GET", path: "/entities/{id}", tag: "Data access", engine: true, h: handleEntity, produces: "application/json",
		summary: "One entity in FollowTheMoney form, with its sources and listings", params: []param{pID}},
	{method: "GET", path: "/entities/{id}/adjacent", tag: "Data access", engine: true, h: handleAdjacent, produces: "application/json",
		summary: "The entity and its links, grouped by link type, each with the entity at its other end", params: []param{pID, pLimit, pOffset}},
	{method: "POST", path: "/screen", tag: "Screening", engine: true, h: handleScreenAudited, body: []string{"application/x-ndjson", "text/csv"}, produces: "application/x-ndjson",
		summary: "Screen a supplier list (NDJSON objects with name, id, country, reference; or CSV with a name column): one verdict a line, in input order, streamed as ready",
		params: []param{{"since", "query", "string", "a run ID (the X-Shellnet-Run header of a recorded answer): answer with what changed since that run, one change a line, with its causes (needs --audit)"},
			{"list", "query", "string", "the name of the list, recorded with the run"}}},
	{method: "POST", path: "/decisions", tag: "Screening", engine: true, h: handleDecision, body: []string{"application/json"}, produces: "application/json",
		summary: "Record an analyst's decision about a supplier's match ({supplier, id, match, finding: false_positive|true_positive, note, analyst}) in the audit trail"},
	{method: "GET", path: "/paths", tag: "Investigation", engine: true, h: handlePaths, produces: "application/json",
		summary: "Procurement paths from vendors to sanctioned parties, each hop marked against export rules",
		params: []param{{"from", "query", "string", "where paths start, a selector (default: tag:role.vendor country:US)"},
			{"to", "query", "string", "where paths end, a selector (default: tag:sanction)"},
			{"k", "query", "integer", "the K cheapest paths (5 by default)"},
			{"max_hops", "query", "integer", "links a path at most (6 by default)"},
			{"weak", "query", "boolean", "also walk weak and shared-attribute links"},
			{"policy", "query", "string", "policies to mark hops with: a list of us, eu, cn, or none"},
			{"records", "query", "boolean", "rank trade links documented by a shipment or payment record first, reading the records from the store (true by default); false ranks by link type alone, from memory, quick from one entity of a large store"},
			{"as_of", "query", "string", "only paths whose every hop was valid on this day, YYYY-MM-DD"}}},
	{method: "GET", path: "/neighbourhood/{id}", tag: "Investigation", engine: true, h: handleNeighbourhood, produces: "application/json",
		summary: "The entities within some links of one, nearest first, capped, with the links among them",
		params: []param{pID, {"hops", "query", "integer", "links from the entity, 1 to 4 (2 by default)"},
			{"limit", "query", "integer", "entities at most, the entity included (500 by default, at most 5000)"},
			{"types", "query", "string", "link types to walk, comma-separated (all but OBSERVED_IN, MADE_BY and RUNS by default)"},
			{"as_of", "query", "string", "only links valid on this day, YYYY-MM-DD"}}},
	{method: "GET", path: "/algorithms", tag: "System information", public: true, h: handleAlgorithms, produces: "application/json",
		summary: "The scoring algorithms /match accepts"},
	{method: "GET", path: "/healthz", tag: "System information", public: true, h: handleHealth, produces: "application/json",
		summary: "The process answers"},
	{method: "GET", path: "/readyz", tag: "System information", public: true, h: handleReady, produces: "application/json",
		summary: "A snapshot is loaded (503 while the first one loads)"},
	{method: "GET", path: "/metrics", tag: "System information", h: handleMetrics, produces: "text/plain",
		summary: "Prometheus metrics: requests by route and status, latency, snapshot version and age"},
	{method: "GET", path: "/openapi.json", tag: "System information", public: true, h: handleOpenAPI, produces: "application/json",
		summary: "This document"},
}

// intParam reads an integer query parameter between lo and hi, def when
// absent.
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s=%q: want an integer from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// limitParam reads limit and offset, capped.
func (s *Server) limitParam(r *http.Request, def int) (limit, offset int, err error) {
	if limit, err = intParam(r, "limit", def, 1, s.cfg.MaxLimit); err != nil {
		return 0, 0, err
	}
	offset, err = intParam(r, "offset", 0, 0, 10_000)
	return limit, offset, err
}

// checkDataset accepts the datasets this server answers from: the whole
// store, as default or all.
func checkDataset(r *http.Request) error {
	switch d := r.PathValue("dataset"); d {
	case "default", "all":
		return nil
	default:
		return notFoundf("dataset %q: this server answers from the whole store; use default", d)
	}
}

// entityID reads the {id} path value.
func entityID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	if strings.TrimSpace(id) == "" || len(id) > 1024 {
		return "", badRequest("entity ID %q: want the ID of an entity (GET /search/default?q=NAME finds it)", id)
	}
	return id, nil
}

// loadPolicies reads the shipped jurisdiction policies named in list
// (comma-separated; paths.LoadPolicies skips blanks); a request never
// names a file.
func loadPolicies(list string) (paths.Policies, error) {
	if l := strings.TrimSpace(strings.ToLower(list)); l == "" || l == "none" {
		return nil, nil
	}
	shipped, err := fs.Sub(fixtures.FS, "policies")
	if err != nil {
		return nil, err
	}
	ps, err := paths.LoadPolicies(shipped, strings.Split(list, ",")...)
	if err != nil {
		return nil, badRequest("policy: %v", err)
	}
	return ps, nil
}

func handlePaths(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	q := pathsQuery{policies: s.policies}
	for name, dst := range map[string]*graph.Selector{"from": &q.from, "to": &q.to} {
		if v := r.URL.Query().Get(name); v != "" {
			sel, err := graph.ParseSelector(v)
			if err != nil {
				return badRequest("%s: %v", name, err)
			}
			*dst = sel
		}
	}
	var err error
	if q.opt.K, err = intParam(r, "k", paths.DefaultK, 1, 100); err != nil {
		return err
	}
	if q.opt.MaxHops, err = intParam(r, "max_hops", paths.DefaultMaxHops, 1, 12); err != nil {
		return err
	}
	if v := r.URL.Query().Get("weak"); v != "" {
		if q.opt.Weak, err = strconv.ParseBool(v); err != nil {
			return badRequest("weak=%q: want true or false", v)
		}
	}
	if r.URL.Query().Has("policy") {
		if q.policies, err = loadPolicies(r.URL.Query().Get("policy")); err != nil {
			return err
		}
	}
	if v := r.URL.Query().Get("records"); v != "" {
		records, err := strconv.ParseBool(v)
		if err != nil {
			return badRequest("records=%q: want true or false", v)
		}
		q.unranked = !records
	}
	day, err := dayParam(r)
	if err != nil {
		return err
	}
	found, err := pathsOn(r.Context(), e, q, day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Paths    []paths.Evidence `json:"paths"`
		Sources  int              `json:"sources"`
		Targets  int              `json:"targets"`
		Snapshot Snapshot         `json:"snapshot"`
	}{found.Paths, len(found.Sources), len(found.Targets), e.Snapshot()})
}

// maxHood caps the entities of a neighbourhood.
const maxHood = 5000

func handleNeighbourhood(_ *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	id, err := entityID(r)
	if err != nil {
		return err
	}
	q := hoodQuery{id: id}
	if q.hops, err = intParam(r, "hops", 2, 1, 4); err != nil {
		return err
	}
	if q.limit, err = intParam(r, "limit", 500, 1, maxHood); err != nil {
		return err
	}
	if v := r.URL.Query().Get("types"); v != "" {
		for _, t := range strings.Split(v, ",") {
			lt := graph.LinkType(strings.ToUpper(strings.TrimSpace(t)))
			if !lt.Valid() {
				return badRequest("types: %q is not a link type (want some of %v)", t, graph.LinkTypes)
			}
			q.types = append(q.types, lt)
		}
	}
	if v := r.URL.Query().Get("as_of"); v != "" {
		if q.asOf, err = time.Parse("2006-01-02", v); err != nil {
			return badRequest("as_of=%q: want a date as YYYY-MM-DD", v)
		}
	}
	h, err := e.Neighbourhood(r.Context(), q)
	if errors.Is(err, graph.ErrNotFound) {
		return notFoundf("no entity %q: GET /search/default?q=NAME finds IDs", id)
	}
	if err != nil {
		return err
	}
	if h.Links == nil {
		h.Links = []hoodLink{}
	}
	return writeJSON(w, http.StatusOK, struct {
		ID string `json:"id"`
		hood
		Snapshot Snapshot `json:"snapshot"`
	}{id, h, e.Snapshot()})
}

// algorithm is yente's Algorithm, describing shellnet's one scorer.
type algorithm struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Features    map[string]string `json:"features"`
}

const algorithmName = "shellnet"

var algorithms = []algorithm{{
	Name: algorithmName,
	Description: "Names and aliases matched by graph/names (case, accents, punctuation, legal forms, word order, " +
		"a changed letter and a dropped word forgiven; words weighted by rarity); the verdict then comes from the graph: " +
		"listed or blocked under the ownership rule, linked within the hop limit, review, or clear.",
	Features: map[string]string{
		"name":       "similarity of the best of the query's names to the entity's name or an alias, in [0, 1]; the score",
		"country":    "1 when the query and the entity share a country, 0 when both have countries and share none (shown here; the screening weighs it as screen --input does, see the screening's match.explanations)",
		"birth_date": "1 when a birth date of the query and one of the entity agree (a year or a month agrees with the dates within it), 0 when both have some and none agree (shown here; the screening weighs it as screen --input does, see the screening's match.explanations)",
		"identifier": "1 when the entity carries one of the query's identifiers, 0 when it carries others of the same scheme (shown here; the screening weighs it as screen --input does, see the screening's match.explanations)",
	},
}}

func handleAlgorithms(_ *Server, w http.ResponseWriter, _ *http.Request, _ engine) error {
	return writeJSON(w, http.StatusOK, struct {
		Algorithms []algorithm `json:"algorithms"`
		Default    string      `json:"default"`
		Best       string      `json:"best"`
	}{algorithms, algorithmName, algorithmName})
}

type status struct {
	Status   string    `json:"status"`
	Snapshot *Snapshot `json:"snapshot,omitempty"`
}

func handleHealth(_ *Server, w http.ResponseWriter, _ *http.Request, _ engine) error {
	return writeJSON(w, http.StatusOK, status{Status: "ok"})
}

func handleReady(_ *Server, w http.ResponseWriter, _ *http.Request, e engine) error {
	if e == nil {
		w.Header().Set("Retry-After", "1")
		return writeJSON(w, http.StatusServiceUnavailable, status{Status: "loading"})
	}
	snap := e.Snapshot()
	return writeJSON(w, http.StatusOK, status{Status: "ok", Snapshot: &snap})
}
