package server

import (
	"net/http"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// searchResponse is yente's SearchResponse.
type searchResponse struct {
	Limit    int            `json:"limit"`
	Offset   int            `json:"offset"`
	Total    total          `json:"total"`
	Results  []searchResult `json:"results"`
	Facets   map[string]any `json:"facets"`
	Snapshot Snapshot       `json:"snapshot"`
}

// searchResult is an entity with its search score and the name or
// identifier that matched.
type searchResult struct {
	entityResponse
	Score   float64 `json:"score"`
	Matched string  `json:"matched"`
}

func handleSearch(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	if err := checkDataset(r); err != nil {
		return err
	}
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" {
		return badRequest("no q: give a name, an alias or an identifier (GET /search/default?q=Glocom)")
	}
	if len(text) > maxNameBytes {
		return badRequest("q of %d bytes: at most %d", len(text), maxNameBytes)
	}
	limit, offset, err := s.limitParam(r, 10)
	if err != nil {
		return err
	}
	want := min(offset+limit, s.cfg.MaxLimit)
	hits, err := e.Search(r.Context(), text, want)
	if err != nil {
		return err
	}
	// a full page may have more behind it: yente's "gte"
	tot := total{len(hits), "eq"}
	if len(hits) >= want {
		tot.Relation = "gte"
	}
	resp := searchResponse{Limit: limit, Offset: offset, Total: tot, Results: []searchResult{}, Facets: map[string]any{}, Snapshot: e.Snapshot()}
	hits = hits[min(offset, len(hits)):]
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	ents, err := e.Entities(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, h := range hits {
		i, ok := slices.BinarySearchFunc(ents, h.ID, func(x graph.Entity, id string) int { return strings.Compare(x.ID, id) })
		ent := graph.Entity{ID: h.ID, Name: h.Name, Kind: h.Kind}
		if ok {
			ent = ents[i]
		}
		resp.Results = append(resp.Results, searchResult{toFtM(&ent), h.Score, h.Matched})
	}
	return writeJSON(w, http.StatusOK, resp)
}

func handleEntity(_ *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	ent, err := oneEntity(r, e)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		entityResponse
		Snapshot Snapshot `json:"snapshot"`
	}{toFtM(&ent), e.Snapshot()})
}

func oneEntity(r *http.Request, e engine) (graph.Entity, error) {
	id, err := entityID(r)
	if err != nil {
		return graph.Entity{}, err
	}
	ents, err := e.Entities(r.Context(), []string{id})
	if err != nil {
		return graph.Entity{}, err
	}
	if len(ents) == 0 {
		return graph.Entity{}, notFoundf("no entity %q: GET /search/default?q=NAME finds IDs", id)
	}
	return ents[0], nil
}

// adjacentResponse is yente's EntityAdjacentResponse: the entity, and its
// links grouped by type (lower case, as FtM names properties).
type adjacentResponse struct {
	Entity   entityResponse             `json:"entity"`
	Adjacent map[string]adjacentResults `json:"adjacent"`
	Snapshot Snapshot                   `json:"snapshot"`
}

type adjacentResults struct {
	Results []adjacentLink `json:"results"`
	Total   total          `json:"total"`
	Limit   int            `json:"limit"`
	Offset  int            `json:"offset"`
}

// adjacentLink is one link with the entity at its other end.
type adjacentLink struct {
	graph.Link
	Direction string         `json:"direction"` // "out" from the entity, "in" to it
	Other     entityResponse `json:"other"`
}

func handleAdjacent(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	limit, offset, err := s.limitParam(r, 10)
	if err != nil {
		return err
	}
	ent, err := oneEntity(r, e)
	if err != nil {
		return err
	}
	links, err := e.Adjacent(r.Context(), ent.ID)
	if err != nil {
		return err
	}
	byType := map[string][]graph.Link{}
	for _, l := range links {
		t := strings.ToLower(string(l.Type))
		byType[t] = append(byType[t], l)
	}
	resp := adjacentResponse{Entity: toFtM(&ent), Adjacent: map[string]adjacentResults{}, Snapshot: e.Snapshot()}
	var others []string
	for t, ls := range byType {
		page := ls[min(offset, len(ls)):min(offset+limit, len(ls))]
		byType[t] = page
		for _, l := range page {
			others = append(others, otherEnd(l, ent.ID))
		}
		resp.Adjacent[t] = adjacentResults{Results: []adjacentLink{}, Total: total{len(ls), "eq"}, Limit: limit, Offset: offset}
	}
	slices.Sort(others)
	ents, err := e.Entities(r.Context(), slices.Compact(others))
	if err != nil {
		return err
	}
	byID := make(map[string]*graph.Entity, len(ents))
	for i := range ents {
		byID[ents[i].ID] = &ents[i]
	}
	for t, page := range byType {
		res := resp.Adjacent[t]
		for _, l := range page {
			dir := "out"
			if l.From != ent.ID {
				dir = "in"
			}
			other := graph.Entity{ID: otherEnd(l, ent.ID)}
			if o, ok := byID[other.ID]; ok {
				other = *o
			}
			res.Results = append(res.Results, adjacentLink{Link: l, Direction: dir, Other: toFtM(&other)})
		}
		resp.Adjacent[t] = res
	}
	return writeJSON(w, http.StatusOK, resp)
}

func otherEnd(l graph.Link, id string) string {
	if l.From == id {
		return l.To
	}
	return l.From
}
