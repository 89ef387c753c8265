package community

import (
	"cmp"
	"slices"

	"github.com/shellnet/shellnet/graph"
)

// Summary describes one community for an investigator.
type Summary struct {
	ID        int            `json:"id"`
	Size      int            `json:"size"`
	Members   []string       `json:"members"`   // IDs, sorted
	Listed    []string       `json:"listed"`    // members on a sanctions list
	Blocked   []string       `json:"blocked"`   // members blocked by ownership
	Countries map[string]int `json:"countries"` // members per country
	Kinds     map[string]int `json:"kinds"`     // members per kind
	Central   []Member       `json:"central"`   // the most central members, best first
}

// Member is a community member with its centrality.
type Member struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Kind  graph.Kind `json:"kind"`
	Score float64    `json:"score"`
}

// SummaryOptions tunes Summarize.
type SummaryOptions struct {
	// Blocked holds the IDs of parties blocked by ownership (the 50
	// Percent Rule), when the caller has them; nil means none known.
	Blocked map[string]bool
	// Scores ranks the members (a centrality indexed like p.Nodes); nil
	// means the number of distinct neighbours.
	Scores []float64
	Top    int // central members listed per community; 0 means 5
	Limit  int // communities summarised, largest first; 0 means all
}

// Summarize describes the communities of labels (numbered 0..count−1 as
// Canonical numbers them, so the largest come first). O(n log n).
func Summarize(p *graph.Projection, labels []int32, count int, o SummaryOptions) []Summary {
	if o.Top == 0 {
		o.Top = 5
	}
	if o.Limit == 0 || o.Limit > count {
		o.Limit = count
	}
	scores := o.Scores
	if scores == nil {
		u := p.Undirected()
		scores = make([]float64, p.Len())
		for i := range scores {
			scores[i] = float64(u.Degree(int32(i)))
		}
	}
	out := make([]Summary, o.Limit)
	members := make([][]int32, o.Limit)
	for i := range out {
		out[i] = Summary{ID: i, Members: []string{}, Listed: []string{}, Blocked: []string{}, Countries: map[string]int{}, Kinds: map[string]int{}}
	}
	for i, l := range labels { // node order is ID order, so lists come out sorted
		if int(l) >= o.Limit {
			continue
		}
		s, n := &out[l], &p.Nodes[i]
		s.Size++
		s.Members = append(s.Members, n.ID)
		members[l] = append(members[l], int32(i))
		if n.Listed {
			s.Listed = append(s.Listed, n.ID)
		}
		if o.Blocked[n.ID] {
			s.Blocked = append(s.Blocked, n.ID)
		}
		for _, c := range n.Countries() {
			s.Countries[c]++
		}
		s.Kinds[string(n.Kind)]++
	}
	for c := range out {
		ms := members[c]
		slices.SortStableFunc(ms, func(a, b int32) int { return cmp.Compare(scores[b], scores[a]) })
		out[c].Central = make([]Member, 0, min(o.Top, len(ms)))
		for _, i := range ms[:min(o.Top, len(ms))] {
			n := &p.Nodes[i]
			out[c].Central = append(out[c].Central, Member{ID: n.ID, Name: n.Name, Kind: n.Kind, Score: scores[i]})
		}
	}
	return out
}
