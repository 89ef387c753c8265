package screen

import "github.com/shellnet/shellnet/graph"

// Result is the screening of one name: the JSON object of DESIGN.md's
// contract ({"query","verdict","match","distance","paths"}) with the score,
// its reasons, the ownership evidence and the input's columns beside them.
type Result struct {
	Query    string  `json:"query"`
	Verdict  Verdict `json:"verdict"`
	Match    *Match  `json:"match"`    // null when no name is close enough
	Distance *int    `json:"distance"` // links to the nearest sanctioned party: 0 when sanctioned, null when clear
	Paths    []Path  `json:"paths"`    // the shortest evidence paths, match first

	Score   float64  `json:"score"`   // ranks alerts; grows without bound with evidence
	Reasons []string `json:"reasons"` // what made the verdict and the score

	// BlockedBy shows the shares of listed and blocked parties that block
	// the match (sanctioned by ownership or control).
	BlockedBy *Ownership `json:"blocked_by,omitempty"`
	// Ownership shows shares of listed or blocked parties in a match they
	// do not block (49%, say).
	Ownership *Ownership `json:"ownership,omitempty"`
	// Alternatives are other names close to the query, best first.
	Alternatives []Match `json:"alternatives,omitempty"`

	// The input's columns, echoed.
	ID         string `json:"id,omitempty"`
	Country    string `json:"country,omitempty"`
	Reference  string `json:"reference,omitempty"`
	Line       int    `json:"line,omitempty"` // line of the input file
	BirthDate  string `json:"birth_date,omitempty"`
	Identifier string `json:"identifier,omitempty"`
}

// Match is the entity a query's name was matched to.
type Match struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Score   float64    `json:"score"`   // name similarity in [0, 1]
	Kind    graph.Kind `json:"kind"`    //
	Matched string     `json:"matched"` // the name or alias that matched
	Verdict Verdict    `json:"verdict"` // the entity's own standing in the graph
	// Explanations are, when the query gave a country, a date of birth or
	// an identifier, the name score ("name") and what each of those added
	// to it or took from it ("country", "birth_date", "identifier"); the
	// match is decided on their sum (features.go).
	Explanations map[string]float64 `json:"explanations,omitempty"`
}

// Path is one evidence path, as in the paths command's JSON.
type Path struct {
	Nodes []PathNode `json:"nodes"`
	Links []PathLink `json:"links"`
	// Cost is the path's length weighted by the strength of its links:
	// 1 a control or trade link, 1 an identity link, 2 a weak link, 3 a
	// shared attribute.
	Cost float64 `json:"cost"`
}

// PathNode is a node of an evidence path.
type PathNode struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Kind      graph.Kind `json:"kind"`
	Countries []string   `json:"countries"`
	Tags      []string   `json:"tags"`
	Status    string     `json:"status,omitempty"` // "listed" or "blocked"
}

// PathLink is a link of an evidence path with its sources, read from the
// store for the path's links only.
type PathLink struct {
	Type       graph.LinkType `json:"type"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Sources    []graph.Source `json:"sources"`
	ID         string         `json:"id,omitempty"`
	Percentage *float64       `json:"percentage,omitempty"` // OWNS links' share
}

// Ownership is the ownership (and, under the EU rule, control) evidence of
// the 50 Percent Rule for one entity.
type Ownership struct {
	Rule      string  `json:"rule"`      // "ofac" or "eu"
	Threshold string  `json:"threshold"` // "≥ 50%" or "> 50%"
	Total     float64 `json:"total"`     // percent held by listed and blocked parties, added up
	// Effective is the economic share listed parties hold, multiplied
	// through chains of listed and blocked owners, in [0, 1].
	Effective  float64 `json:"effective"`
	Controlled bool    `json:"controlled,omitempty"` // blocked for control (EU rule)
	Shares     []Share `json:"shares"`
}

// Share is one holding of a listed or blocked party.
type Share struct {
	Owner      string         `json:"owner"`
	Name       string         `json:"name"`
	Type       graph.LinkType `json:"type"`
	Percentage *float64       `json:"percentage"` // null when unknown or for control
	Status     string         `json:"status"`     // the owner's: "listed" or "blocked"
	Effective  float64        `json:"effective"`  // the owner's effective listed share
	Link       string         `json:"link,omitempty"`
}
