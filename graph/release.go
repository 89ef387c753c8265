package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Pending is a link that waits for an entity not stored yet: a source may
// name parties it does not describe (an OpenSanctions entity's
// addressEntity, an OFAC relationship to a party of another list), and
// the link is kept until its other end is loaded, when it becomes an
// ordinary link. Pending links are not links: analyses never see them.
type Pending struct {
	Link Link `json:"link"`
	// Waits lists the ends not stored when the link was read.
	Waits []string `json:"waits"`
	// Record is where the link was read, FILE:LINE.
	Record string `json:"record"`
}

// Release is one publication of a dataset as it was loaded: which files,
// the date the source itself states, and when the load took place.
type Release struct {
	Dataset string        `json:"dataset"`
	Files   []ReleaseFile `json:"files"`
	// Stated is the date the source gives for itself (OFAC's publication
	// date, the UN list's dateGenerated, the latest FtM last_change), as
	// YYYY-MM-DD; empty when the source states none.
	Stated string    `json:"stated,omitempty"`
	Loaded time.Time `json:"loaded"`
	// Replace is whether the load made the store hold exactly this
	// release's facts for the dataset.
	Replace bool `json:"replace"`
	// Entities is how many entities of the dataset the release holds;
	// Withdrawn how many stored entities it no longer holds (they stay,
	// withdrawn from the dataset).
	Entities  int `json:"entities"`
	Withdrawn int `json:"withdrawn"`
	// WithdrawnLinks is how many stored links of the dataset alone the
	// release no longer has; they are deleted.
	WithdrawnLinks int `json:"withdrawn_links"`
}

// ReleaseFile is one source file of a release and its SHA-256.
type ReleaseFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// Key identifies a release: its dataset and the hashes of its files.
func (r *Release) Key() string {
	var b strings.Builder
	b.WriteString(r.Dataset)
	for _, f := range r.Files {
		b.WriteByte(' ')
		b.WriteString(f.SHA256)
	}
	return b.String()
}

// Label names a release for people: the dataset and the date the source
// states, or the load date when it states none.
func (r *Release) Label() string {
	if r.Stated != "" {
		return r.Dataset + " of " + r.Stated
	}
	return r.Dataset + " loaded " + r.Loaded.UTC().Format("2006-01-02")
}

// SortReleases orders releases by dataset, then by load time.
func SortReleases(rs []Release) {
	slices.SortStableFunc(rs, func(a, b Release) int {
		return cmp.Or(strings.Compare(a.Dataset, b.Dataset), a.Loaded.Compare(b.Loaded))
	})
}

// KeepIndexed returns e with the names and identifiers of old that it
// lacks added back (old's other names as aliases): a replacement keeps
// what look-ups index, so that a withdrawn entity is still found by the
// names it was listed under. Stores call it in ReplaceEntities.
func KeepIndexed(old, e Entity) Entity {
	out := e.Clone()
	names := out.Names()
	for _, n := range old.Names() {
		if !slices.Contains(names, n) {
			if out.Name == "" {
				out.Name = n
			} else {
				out.Aliases = append(out.Aliases, n)
			}
			names = append(names, n)
		}
	}
	for scheme, vs := range old.Identifiers {
		for _, v := range vs {
			out.AddIdentifier(scheme, v)
		}
	}
	return out
}

// MergePending folds b, a later reading of the same pending link, into a.
func MergePending(a, b Pending) Pending {
	out := a
	out.Link = MergeLink(a.Link, b.Link)
	out.Waits = union(slices.Clone(a.Waits), b.Waits)
	if out.Record == "" {
		out.Record = b.Record
	}
	return out
}

// ApplyProps sets props on e; a nil value removes the property.
func ApplyProps(e *Entity, props map[string]any) {
	for k, v := range props {
		if v == nil {
			delete(e.Props, k)
			continue
		}
		e.SetProp(k, v)
	}
	if len(e.Props) == 0 {
		e.Props = nil
	}
}

// FoldPending checks pending links and folds those that share a link ID
// (deriving it with LinkID where missing), keeping first-appearance
// order; stores call it first in UpsertPending.
func FoldPending(ps []Pending) ([]Pending, error) {
	byID := map[string]int{}
	var out []Pending
	for _, p := range ps {
		if p.Link.ID == "" {
			p.Link.ID = LinkID(p.Link.From, p.Link.Type, p.Link.To)
		}
		if !p.Link.Type.Valid() {
			return nil, fmt.Errorf("pending link %q: unknown type %q (known: %v)", p.Link.ID, p.Link.Type, LinkTypes)
		}
		if i, ok := byID[p.Link.ID]; ok {
			out[i] = MergePending(out[i], p)
			continue
		}
		byID[p.Link.ID] = len(out)
		out = append(out, p)
	}
	return out, nil
}

// EachPending calls fn for each of ps in link ID order, once per link ID
// (a link found by both its ends comes back once); stores end Pending
// with it.
func EachPending(ps []Pending, fn func(Pending) error) error {
	slices.SortFunc(ps, func(a, b Pending) int { return strings.Compare(a.Link.ID, b.Link.ID) })
	for i, p := range ps {
		if i > 0 && ps[i-1].Link.ID == p.Link.ID {
			continue
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}
