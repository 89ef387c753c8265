package graph

import (
	"slices"
	"strings"
	"time"
)

// Kind is the schema of an entity, named as in FollowTheMoney where FtM has one.
type Kind string

// The kinds of entity shellnet knows.
const (
	Company      Kind = "Company"
	Organization Kind = "Organization"
	Person       Kind = "Person"
	LegalEntity  Kind = "LegalEntity"
	BankAccount  Kind = "BankAccount"
	Address      Kind = "Address"
	Vessel       Kind = "Vessel"
	Aircraft     Kind = "Aircraft"
	Device       Kind = "Device"
	Product      Kind = "Product"
	Network      Kind = "Network"
)

// Kinds lists every kind; stores use it as the allow-list for labels.
var Kinds = []Kind{Company, Organization, Person, LegalEntity, BankAccount, Address, Vessel, Aircraft, Device, Product, Network}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// IsParty reports whether entities of kind k can own, trade or be listed
// (companies, organisations, persons, legal entities, vessels, aircraft).
func (k Kind) IsParty() bool {
	switch k {
	case Company, Organization, Person, LegalEntity, Vessel, Aircraft:
		return true
	}
	return false
}

// LinkType is the type of a link between two entities.
type LinkType string

// The link types of DESIGN.md, from → to.
const (
	Supplies     LinkType = "SUPPLIES"      // seller → buyer; goods flow forward
	Pays         LinkType = "PAYS"          // payer → beneficiary; goods flow backward
	Owns         LinkType = "OWNS"          // owner → asset
	Directs      LinkType = "DIRECTS"       // director → organisation
	Represents   LinkType = "REPRESENTS"    // agent → client (fronts, nominees)
	HoldsAccount LinkType = "HOLDS_ACCOUNT" // holder → bank account
	Employs      LinkType = "EMPLOYS"       // employer → employee
	MemberOf     LinkType = "MEMBER_OF"     // member → organisation
	Associate    LinkType = "ASSOCIATE"     // person ↔ person
	Family       LinkType = "FAMILY"        // person ↔ relative
	LocatedAt    LinkType = "LOCATED_AT"    // entity → address
	SameAs       LinkType = "SAME_AS"       // entity ↔ entity, identity
	ObservedIn   LinkType = "OBSERVED_IN"   // device → network
	MadeBy       LinkType = "MADE_BY"       // product → vendor
	Runs         LinkType = "RUNS"          // device → product seen on it
)

// LinkTypes lists every link type; stores use it as the allow-list for
// relationship types.
var LinkTypes = []LinkType{Supplies, Pays, Owns, Directs, Represents, HoldsAccount, Employs, MemberOf, Associate, Family, LocatedAt, SameAs, ObservedIn, MadeBy, Runs}

// Valid reports whether t is one of LinkTypes.
func (t LinkType) Valid() bool { return slices.Contains(LinkTypes, t) }

// Class groups link types by what they mean for screening and paths.
type Class uint8

// Link classes, from the strongest evidence to the weakest.
const (
	ClassTrade     Class = iota // SUPPLIES, PAYS: goods or money moved
	ClassControl                // OWNS, DIRECTS, REPRESENTS, HOLDS_ACCOUNT
	ClassWeak                   // EMPLOYS, MEMBER_OF, ASSOCIATE, FAMILY
	ClassShared                 // LOCATED_AT: a shared attribute
	ClassIdentity               // SAME_AS
	ClassTechnical              // OBSERVED_IN, MADE_BY, RUNS
)

// Class returns the class of t.
func (t LinkType) Class() Class {
	switch t {
	case Supplies, Pays:
		return ClassTrade
	case Owns, Directs, Represents, HoldsAccount:
		return ClassControl
	case Employs, MemberOf, Associate, Family:
		return ClassWeak
	case LocatedAt:
		return ClassShared
	case SameAs:
		return ClassIdentity
	}
	return ClassTechnical
}

// Well-known tags: FtM topics and shellnet's roles.
const (
	TagSanction       = "sanction"
	TagSanctionLinked = "sanction.linked"
	TagExportControl  = "export.control"
	TagShell          = "corp.shell"
	TagVendor         = "role.vendor"
	TagReseller       = "role.reseller"
	TagFront          = "role.front"
	TagEndUser        = "role.enduser"
	TagHub            = "role.hub" // a transshipment hub
)

// Identifier schemes. Strong schemes identify one party on their own and are
// used to resolve duplicates.
const (
	IDRegistration = "registration"
	IDTax          = "tax"
	IDSwift        = "swift"
	IDIBAN         = "iban"
	IDIMO          = "imo"
	IDPhone        = "phone"
	IDEmail        = "email"
	IDWebsite      = "website"
	IDOFAC         = "ofac"
	IDUN           = "un"
	IDLEI          = "lei"
	IDPassport     = "passport"
	IDNationalID   = "national_id"
	IDIP           = "ip"
	IDASN          = "asn"
	IDCPE          = "cpe"
)

// StrongSchemes are the identifier schemes that resolve entities into one.
var StrongSchemes = []string{IDRegistration, IDTax, IDSwift, IDIBAN, IDIMO, IDEmail, IDPhone, IDWebsite, IDOFAC, IDUN, IDLEI, IDPassport, IDNationalID}

// IsStrong reports whether scheme identifies one party on its own.
func IsStrong(scheme string) bool { return slices.Contains(StrongSchemes, scheme) }

// Sanction is one listing of an entity.
type Sanction struct {
	Authority string    `json:"authority"`         // "OFAC", "UN", "EU"…
	Program   string    `json:"program,omitempty"` // "DPRK", "DPRK2"…
	Listed    time.Time `json:"listed,omitzero"`   // listing date
	Reference string    `json:"reference,omitempty"`
	// Dataset is the dataset whose release states the listing, so that a
	// later release of that dataset can withdraw it.
	Dataset string `json:"dataset,omitempty"`
}

// Source says where a fact came from.
type Source struct {
	Dataset string    `json:"dataset"`          // "ofac-sdn", "glocom"…
	Record  string    `json:"record,omitempty"` // file:line or record id
	Seen    time.Time `json:"seen,omitzero"`    // when the source last saw it
}

// Entity is a party, account, address, device or product.
type Entity struct {
	ID          string              `json:"id"`
	Kind        Kind                `json:"kind"`
	Name        string              `json:"name"`
	Aliases     []string            `json:"aliases,omitempty"`
	Countries   []string            `json:"countries,omitempty"` // ISO 3166 alpha-2, upper case
	Identifiers map[string][]string `json:"identifiers,omitempty"`
	Tags        []string            `json:"tags,omitempty"`
	Sanctions   []Sanction          `json:"sanctions,omitempty"`
	Props       map[string]any      `json:"props,omitempty"`
	Sources     []Source            `json:"sources,omitempty"`
}

// HasTag reports whether e carries tag t.
func (e *Entity) HasTag(t string) bool { return slices.Contains(e.Tags, t) }

// Listed reports whether e is itself on a sanctions list.
func (e *Entity) Listed() bool { return len(e.Sanctions) > 0 || e.HasTag(TagSanction) }

// Names returns the name followed by the aliases.
func (e *Entity) Names() []string {
	out := make([]string, 0, 1+len(e.Aliases))
	if e.Name != "" {
		out = append(out, e.Name)
	}
	return append(out, e.Aliases...)
}

// AddIdentifier adds value under scheme unless it is already there.
func (e *Entity) AddIdentifier(scheme, value string) {
	if value == "" {
		return
	}
	if e.Identifiers == nil {
		e.Identifiers = map[string][]string{}
	}
	if !slices.Contains(e.Identifiers[scheme], value) {
		e.Identifiers[scheme] = append(e.Identifiers[scheme], value)
	}
}

// AddTag adds t unless it is already there.
func (e *Entity) AddTag(t string) {
	if t != "" && !slices.Contains(e.Tags, t) {
		e.Tags = append(e.Tags, t)
	}
}

// SetProp sets a property, creating the map.
func (e *Entity) SetProp(k string, v any) {
	if e.Props == nil {
		e.Props = map[string]any{}
	}
	e.Props[k] = v
}

// Link is a typed relation between two entities.
type Link struct {
	ID      string         `json:"id"`
	From    string         `json:"from"`
	To      string         `json:"to"`
	Type    LinkType       `json:"type"`
	Props   map[string]any `json:"props,omitempty"`
	Sources []Source       `json:"sources,omitempty"`
}

// LinkID derives a stable link id from its ends and type, for sources that
// give links no id of their own.
func LinkID(from string, t LinkType, to string) string {
	return from + ">" + strings.ToLower(string(t)) + ">" + to
}

// Prop returns the string form of a property, or "".
func (l *Link) Prop(k string) string {
	v, ok := l.Props[k]
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	}
	return toString(v)
}

// Valid reports whether the link is valid on day t according to its
// start, end and date properties (dates as YYYY-MM-DD or a prefix of it).
// A zero t matches every link.
func (l *Link) Valid(t time.Time) bool {
	if t.IsZero() {
		return true
	}
	day := t.Format("2006-01-02")
	if s := l.Prop("start"); s != "" && prefixAfter(s, day) {
		return false
	}
	if e := l.Prop("end"); e != "" && prefixBefore(e, day) {
		return false
	}
	if d := l.Prop("date"); d != "" && l.Prop("start") == "" && prefixAfter(d, day) {
		return false
	}
	return true
}

// prefixAfter reports whether the (possibly partial) date d starts after day.
func prefixAfter(d, day string) bool {
	if len(d) > len(day) {
		d = d[:len(day)]
	}
	return d > day[:len(d)]
}

// prefixBefore reports whether the (possibly partial) date d ends before day.
func prefixBefore(d, day string) bool {
	if len(d) > len(day) {
		d = d[:len(day)]
	}
	return d < day[:len(d)]
}
