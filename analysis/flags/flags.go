package flags

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/graph"
)

// Kinds of flag, in the order they are reported.
const (
	SharedAddress     = "shared-address"     // many companies at one address
	SharedDirector    = "shared-director"    // one director across many companies
	SharedIdentifier  = "shared-identifier"  // a phone, e-mail, website, IBAN… held by unrelated parties
	SharedAccount     = "shared-account"     // a bank account held by unrelated parties
	CircularOwnership = "circular-ownership" // companies that own each other in a circle
	HubTransit        = "hub-transit"        // a company in a transshipment hub on a procurement path
)

// Kinds lists the kinds of flag in report order.
var Kinds = []string{SharedAddress, SharedDirector, SharedIdentifier, SharedAccount, CircularOwnership, HubTransit}

// Flag is one red flag with its evidence.
type Flag struct {
	Kind     string    `json:"flag"`
	Subject  string    `json:"subject"`         // what the flag is about: the address, director, account, hub company…
	Entities []string  `json:"entities"`        // the entities the evidence names, sorted (hub-transit: the path, in order)
	Links    []LinkRef `json:"links"`           // the links that make the flag
	Value    string    `json:"value,omitempty"` // the shared value (address, director's name, scheme:value…)
	Detail   string    `json:"detail"`          // the flag in words
}

// LinkRef is a link of the evidence by its ends and type; IDs are the
// store's links behind it, when AttachLinkIDs was given them.
type LinkRef struct {
	From string         `json:"from"`
	To   string         `json:"to"`
	Type graph.LinkType `json:"type"`
	IDs  []string       `json:"ids,omitempty"`
}

// Options tune Detect. Zero fields take the defaults.
type Options struct {
	// AddressThreshold is how many companies at one address make a flag; 3.
	AddressThreshold int
	// DirectorThreshold is how many companies one director must direct; 3.
	DirectorThreshold int
	// Schemes are the identifier schemes whose shared values are flags;
	// DefaultSchemes when nil.
	Schemes []string
	// HubCountries are the transshipment hubs; DefaultHubCountries when
	// nil. Entities tagged role.hub count as hubs wherever they are.
	HubCountries []string
	// Sources and Targets are the ends of the procurement paths searched
	// for hubs (vendors and sanctioned parties); no hub flags without them.
	Sources, Targets []int32
	// Paths tunes that search; K is DefaultPaths when 0.
	Paths paths.Options
	// Kinds are the kinds of flag to look for; all when nil.
	Kinds []string
}

// Defaults of Options.
var (
	DefaultSchemes      = []string{graph.IDPhone, graph.IDEmail, graph.IDWebsite, graph.IDIBAN, graph.IDSwift}
	DefaultHubCountries = []string{"HK", "CN", "SG", "MY", "AE", "TR"}
)

// DefaultPaths is how many procurement paths the hub search looks at.
const DefaultPaths = 50

// Attributes are what the projection does not hold and some flags need:
// the parties' identifiers and the merges ingest made on shared ones.
type Attributes struct {
	Identifiers []Identifier
	Merges      []Merge
}

// Identifier is one identifier of an entity.
type Identifier struct {
	Entity string
	Scheme string
	Value  string
}

// Merge records entities that ingest resolved into one because they shared
// an identifier: Entity absorbed MergedFrom, on the identifiers On
// ("scheme:value"). Names are the merged entity's name and aliases.
type Merge struct {
	Entity     string
	MergedFrom []string
	On         []string
	Names      []string
}

// Add adds e's identifiers of the given schemes, and its merge
// record (the merged_from and merged_on properties ingest writes), to a.
func (a *Attributes) Add(e *graph.Entity, schemes []string) {
	if schemes == nil {
		schemes = DefaultSchemes
	}
	for _, s := range schemes {
		for _, v := range e.Identifiers[s] {
			a.Identifiers = append(a.Identifiers, Identifier{Entity: e.ID, Scheme: s, Value: v})
		}
	}
	from, on := stringList(e.Props["merged_from"]), stringList(e.Props["merged_on"])
	if len(from) > 0 {
		a.Merges = append(a.Merges, Merge{Entity: e.ID, MergedFrom: from, On: on, Names: e.Names()})
	}
}

// stringList reads a property that is a string or a list of strings.
func stringList(v any) []string { return graph.PropStrings(v) }

// Detect finds every flag in p. attrs may be empty (no identifier flags
// then but those of merges and accounts).
func Detect(p *graph.Projection, attrs Attributes, opt Options) ([]Flag, error) {
	if opt.AddressThreshold == 0 {
		opt.AddressThreshold = 3
	}
	if opt.DirectorThreshold == 0 {
		opt.DirectorThreshold = 3
	}
	if opt.AddressThreshold < 2 || opt.DirectorThreshold < 2 {
		return nil, fmt.Errorf("flags: thresholds %d (address) and %d (director): want 2 or more", opt.AddressThreshold, opt.DirectorThreshold)
	}
	if opt.Schemes == nil {
		opt.Schemes = DefaultSchemes
	}
	if opt.HubCountries == nil {
		opt.HubCountries = DefaultHubCountries
	}
	if opt.Paths.K == 0 {
		opt.Paths.K = DefaultPaths
	}
	want := func(kind string) bool { return opt.Kinds == nil || slices.Contains(opt.Kinds, kind) }
	var out []Flag
	if want(SharedAddress) {
		out = append(out, sharedAddresses(p, opt.AddressThreshold)...)
	}
	if want(SharedDirector) {
		out = append(out, sharedDirectors(p, opt.DirectorThreshold)...)
	}
	if want(SharedIdentifier) || want(SharedAccount) {
		groups := ownershipGroups(p)
		if want(SharedIdentifier) {
			out = append(out, sharedIdentifiers(p, attrs, opt.Schemes, groups)...)
		}
		if want(SharedAccount) {
			out = append(out, sharedAccounts(p, groups)...)
		}
	}
	if want(CircularOwnership) {
		out = append(out, circularOwnership(p)...)
	}
	if want(HubTransit) {
		hubs, err := hubTransit(p, opt)
		if err != nil {
			return nil, err
		}
		out = append(out, hubs...)
	}
	for i := range out {
		if out[i].Kind != HubTransit { // a path keeps its order
			slices.Sort(out[i].Entities)
			out[i].Entities = slices.Compact(out[i].Entities)
			slices.SortFunc(out[i].Links, compareLinks)
		}
		out[i].Links = slices.CompactFunc(out[i].Links, func(a, b LinkRef) bool { return compareLinks(a, b) == 0 })
		if out[i].Links == nil {
			out[i].Links = []LinkRef{}
		}
	}
	slices.SortStableFunc(out, func(a, b Flag) int {
		return cmp.Or(cmp.Compare(slices.Index(Kinds, a.Kind), slices.Index(Kinds, b.Kind)), cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Value, b.Value))
	})
	return out, nil
}

func compareLinks(a, b LinkRef) int {
	return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Type, b.Type))
}

// AttachLinkIDs fills the IDs of the flags' links from the store's links
// touching the flagged entities.
func AttachLinkIDs(fs []Flag, links []graph.Link) {
	type ends struct {
		from, to string
		t        graph.LinkType
	}
	byEnds := map[ends][]string{}
	for _, l := range links {
		k := ends{l.From, l.To, l.Type}
		byEnds[k] = append(byEnds[k], l.ID)
	}
	for i := range fs {
		for j := range fs[i].Links {
			l := &fs[i].Links[j]
			l.IDs = slices.Sorted(slices.Values(byEnds[ends{l.From, l.To, l.Type}]))
		}
	}
}

// EntityIDs returns the entities the flags name, sorted: the filter with
// which to fetch their links for AttachLinkIDs.
func EntityIDs(fs []Flag) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Entities...)
		out = append(out, f.Subject)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// linkRef names projection link i.
func linkRef(p *graph.Projection, i int32) LinkRef {
	return LinkRef{From: p.Nodes[p.From[i]].ID, To: p.Nodes[p.To[i]].ID, Type: p.LinkType(i)}
}

// isCompany reports whether a node is a company-like party (not a person,
// account, address or thing).
func isCompany(k graph.Kind) bool {
	return k == graph.Company || k == graph.Organization || k == graph.LegalEntity
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
