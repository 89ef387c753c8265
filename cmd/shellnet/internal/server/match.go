package server

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/export"
	"github.com/shellnet/shellnet/ingest"
)

// Bounds of one /match query.
const (
	maxNameBytes = 1024
	maxValues    = 32 // values of one property
	defaultMatch = 5  // yente's MATCH_PAGE
)

// matchRequest is yente's EntityMatchQuery. Weights and config are
// accepted for compatibility; shellnet's scorer has none to tune.
type matchRequest struct {
	Queries map[string]json.RawMessage `json:"queries"`
	Weights map[string]float64         `json:"weights"`
	Config  map[string]any             `json:"config"`
}

// example is yente's EntityExample: an FtM-shaped query whose property
// values are a string or a list.
type example struct {
	ID         string                     `json:"id,omitempty"`
	Schema     string                     `json:"schema"`
	Properties map[string]json.RawMessage `json:"properties"`
}

// parsedExample is an example with its values read as lists of strings.
type parsedExample struct {
	ID         string              `json:"id,omitempty"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// matchSchemata are the FtM schemata a query may have.
var matchSchemata = []string{"Thing", "LegalEntity", "Person", "Company", "Organization", "PublicBody",
	"Vessel", "Airplane", "Aircraft", "Asset", "BankAccount", "Address"}

// matchResponse is yente's EntityMatchResponse, with the snapshot.
type matchResponse struct {
	Responses map[string]entityMatches `json:"responses"`
	Limit     int                      `json:"limit"`
	Snapshot  Snapshot                 `json:"snapshot"`
}

// entityMatches is yente's EntityMatches, with shellnet's verdict and the
// whole screening of the query (as the screen command's JSON lines give
// it) beside the results.
type entityMatches struct {
	Status    int            `json:"status"`
	Results   []scoredEntity `json:"results"`
	Total     total          `json:"total"`
	Query     parsedExample  `json:"query"`
	Verdict   screen.Verdict `json:"verdict"`
	Screening screen.Result  `json:"screening"`
}

type total struct {
	Value    int    `json:"value"`
	Relation string `json:"relation"`
}

// scoredEntity is yente's ScoredEntityResponse: the entity, its score,
// whether it is a match, and the features behind the score; shellnet adds
// the entity's own standing and, on the result that decided the verdict,
// the distance, the evidence paths and the shares that block.
type scoredEntity struct {
	entityResponse
	Score        float64             `json:"score"`
	Match        bool                `json:"match"`
	Features     map[string]float64  `json:"features"`
	Explanations map[string]features `json:"explanations"`
	Verdict      screen.Verdict      `json:"verdict"`
	Decisive     bool                `json:"decisive"` // the verdict of the query is about this entity
	Distance     *int                `json:"distance,omitempty"`
	Paths        []screen.Path       `json:"paths,omitempty"`
	BlockedBy    *screen.Ownership   `json:"blocked_by,omitempty"`
	Ownership    *screen.Ownership   `json:"ownership,omitempty"`
}

// features is one feature's result: its score, its weight in the overall
// score, and what it compared.
type features struct {
	Score  float64 `json:"score"`
	Weight float64 `json:"weight"`
	Detail string  `json:"detail"`
}

func handleMatch(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	if err := checkDataset(r); err != nil {
		return err
	}
	limit, err := intParam(r, "limit", defaultMatch, 1, s.cfg.MaxLimit)
	if err != nil {
		return err
	}
	threshold := s.threshold()
	if v := r.URL.Query().Get("threshold"); v != "" {
		if threshold, err = strconv.ParseFloat(v, 64); err != nil || !(threshold >= 0 && threshold <= 1) {
			return badRequest("threshold=%q: want a score from 0 to 1", v)
		}
	}
	switch a := r.URL.Query().Get("algorithm"); a {
	case "", algorithmName, "default", "best":
	default:
		return badRequest("algorithm %q: this server scores with %q (GET /algorithms describes it)", a, algorithmName)
	}
	var req matchRequest
	if err := decodeJSON(r, &req); err != nil {
		return err
	}
	if len(req.Queries) == 0 {
		return badRequest(`no queries: send {"queries": {"q1": {"schema": "Company", "properties": {"name": ["..."]}}}}`)
	}
	if len(req.Queries) > s.cfg.MaxQueries {
		return badRequest("%d queries: at most %d a request; send the rest in another, or a list to POST /screen", len(req.Queries), s.cfg.MaxQueries)
	}
	keys := make([]string, 0, len(req.Queries))
	for k := range req.Queries {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	resp := matchResponse{Responses: map[string]entityMatches{}, Limit: limit, Snapshot: e.Snapshot()}
	for _, k := range keys {
		q, err := parseExample(k, req.Queries[k])
		if err != nil {
			return err
		}
		m, err := matchOne(r, e, q, limit, threshold)
		if err != nil {
			return err
		}
		resp.Responses[k] = m
	}
	return writeJSON(w, http.StatusOK, resp)
}

func (s *Server) threshold() float64 {
	if t := s.cfg.Screen.Threshold; t > 0 {
		return t
	}
	return screen.DefaultThreshold
}

// decodeJSON reads one JSON value from the body.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return err
		}
		return badRequest("request body: %v: send a JSON object", err)
	}
	return nil
}

// parseExample reads one query and checks it: a known schema, at least
// one name, bounded values.
func parseExample(key string, raw json.RawMessage) (parsedExample, error) {
	var ex example
	if err := json.Unmarshal(raw, &ex); err != nil {
		return parsedExample{}, badRequest("query %q: %v: want {\"schema\": \"Company\", \"properties\": {\"name\": [\"...\"]}}", key, err)
	}
	if !slices.Contains(matchSchemata, ex.Schema) {
		return parsedExample{}, badRequest("query %q: schema %q: want one of %s", key, ex.Schema, strings.Join(matchSchemata, ", "))
	}
	out := parsedExample{ID: ex.ID, Schema: ex.Schema, Properties: map[string][]string{}}
	for prop, v := range ex.Properties {
		var vs []string
		var one string
		var many []any
		switch {
		case json.Unmarshal(v, &one) == nil:
			vs = []string{one}
		case json.Unmarshal(v, &many) == nil:
			for _, x := range many {
				switch y := x.(type) {
				case string:
					vs = append(vs, y)
				case float64:
					vs = append(vs, strconv.FormatFloat(y, 'f', -1, 64))
				}
			}
		default:
			return parsedExample{}, badRequest("query %q: property %q: want a string or a list of strings", key, prop)
		}
		if len(vs) > maxValues {
			return parsedExample{}, badRequest("query %q: property %q has %d values: at most %d", key, prop, len(vs), maxValues)
		}
		var kept []string
		for _, x := range vs {
			if x = strings.TrimSpace(x); x != "" {
				kept = append(kept, x)
			}
		}
		if len(kept) > 0 {
			out.Properties[prop] = kept
		}
	}
	names := out.Properties["name"]
	if len(names) == 0 {
		return parsedExample{}, badRequest("query %q: no name: give properties.name, the name to screen", key)
	}
	for _, n := range names {
		if len(n) > maxNameBytes {
			return parsedExample{}, badRequest("query %q: a name of %d bytes: at most %d", key, len(n), maxNameBytes)
		}
	}
	return out, nil
}

// first is the first of vs, or "".
func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// queryIdentifier is the first identifier a query's properties give, as
// "scheme:value" for the screening's identifier feature, or "".
func queryIdentifier(props map[string][]string) string {
	for _, scheme := range identifierOrder { // the same identifier every time a query gives several
		if v := first(props[ftmIdentifiers[scheme]]); v != "" {
			return scheme + ":" + v
		}
	}
	return ""
}

// matchOne screens each of a query's names and keeps the most serious
// result (then the highest score); its match and alternatives become the
// results, best score first.
func matchOne(r *http.Request, e engine, q parsedExample, limit int, threshold float64) (entityMatches, error) {
	base := screen.Query{ID: q.ID, Country: first(q.Properties["country"]), BirthDate: first(q.Properties["birthDate"]), Identifier: queryIdentifier(q.Properties)}
	var best screen.Result
	for i, name := range q.Properties["name"] {
		sq := base
		sq.Name = name
		res, err := e.Screen(r.Context(), sq)
		if err != nil {
			return entityMatches{}, err
		}
		if i == 0 || res.Verdict > best.Verdict || (res.Verdict == best.Verdict && res.Score > best.Score) {
			best = res
		}
	}
	out := entityMatches{Status: http.StatusOK, Query: q, Verdict: best.Verdict, Screening: best, Total: total{Relation: "eq"}}
	cands := make([]screen.Match, 0, 1+len(best.Alternatives))
	if best.Match != nil {
		cands = append(cands, *best.Match)
	}
	cands = append(cands, best.Alternatives...)
	slices.SortStableFunc(cands, func(a, b screen.Match) int { return cmp.Compare(b.Score, a.Score) })
	out.Total.Value = len(cands)
	cands = cands[:min(len(cands), limit)]
	out.Results = make([]scoredEntity, 0, len(cands))
	ids := make([]string, len(cands))
	for i, c := range cands {
		ids[i] = c.ID
	}
	ents, err := e.Entities(r.Context(), ids)
	if err != nil {
		return entityMatches{}, err
	}
	byID := make(map[string]*graph.Entity, len(ents))
	for i := range ents {
		byID[ents[i].ID] = &ents[i]
	}
	for _, c := range cands {
		ent, ok := byID[c.ID]
		if !ok { // written since the snapshot: what the snapshot knows
			ent = &graph.Entity{ID: c.ID, Name: c.Name, Kind: c.Kind}
		}
		se := scoredEntity{entityResponse: toFtM(ent), Score: c.Score, Match: c.Score >= threshold, Verdict: c.Verdict}
		se.Features, se.Explanations = explain(q, c, ent)
		if best.Match != nil && c.ID == best.Match.ID {
			se.Decisive = true
			se.Distance, se.Paths, se.BlockedBy, se.Ownership = best.Distance, best.Paths, best.BlockedBy, best.Ownership
		}
		out.Results = append(out.Results, se)
	}
	return out, nil
}

// explain scores a result's features: the name (the score) and, shown
// beside it, the country, the birth date and the identifiers.
func explain(q parsedExample, c screen.Match, ent *graph.Entity) (map[string]float64, map[string]features) {
	fs := map[string]float64{"name": c.Score}
	ex := map[string]features{"name": {Score: c.Score, Weight: 1, Detail: "matched " + strconv.Quote(c.Matched)}}
	if qc := q.Properties["country"]; len(qc) > 0 && len(ent.Countries) > 0 {
		f := features{Detail: "query " + strings.Join(qc, " ") + ", entity " + strings.Join(ent.Countries, " ")}
		for _, x := range qc {
			if slices.Contains(ent.Countries, strings.ToUpper(x)) {
				f.Score = 1
			}
		}
		fs["country"], ex["country"] = f.Score, f
	}
	if qb := q.Properties["birthDate"]; len(qb) > 0 {
		have := append(export.FtMValues(ent.Props["birth_date"]), export.FtMValues(ent.Props["birthDate"])...)
		if len(have) > 0 {
			f := features{Detail: "query " + strings.Join(qb, " ") + ", entity " + strings.Join(have, " ")}
			for _, x := range qb {
				for _, y := range have {
					// a year or a month matches the dates within it
					if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) {
						f.Score = 1
					}
				}
			}
			fs["birth_date"], ex["birth_date"] = f.Score, f
		}
	}
	compared := false
	var f features
	for _, scheme := range identifierOrder {
		prop := ftmIdentifiers[scheme]
		have := ent.Identifiers[scheme]
		for _, v := range q.Properties[prop] {
			if len(have) == 0 {
				continue
			}
			compared = true
			if slices.Contains(have, ingest.NormaliseIdentifier(scheme, v)) {
				f = features{Score: 1, Detail: prop + " " + v + " is the entity's"}
			}
		}
	}
	if compared {
		if f.Score == 0 {
			f.Detail = "the entity's identifiers of the schemes asked differ"
		}
		fs["identifier"], ex["identifier"] = f.Score, f
	}
	return fs, ex
}
