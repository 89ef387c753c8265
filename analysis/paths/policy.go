package paths

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/shellnet/shellnet/graph"
)

// Policy is one jurisdiction's export rules, as in fixtures/policies (whose
// README gives the format and how hops are marked).
type Policy struct {
	Jurisdiction string             `json:"jurisdiction"`
	Name         string             `json:"name"`
	Countries    []string           `json:"countries"`
	Currency     string             `json:"currency"`
	Rates        map[string]float64 `json:"rates,omitempty"`
	RatesSource  string             `json:"rates_source,omitempty"`
	Sources      []Reference        `json:"sources"`
	Rules        []Rule             `json:"rules"`
}

// Reference is a source a policy's rules rest on.
type Reference struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Rule says whether goods may go to destinations. The first rule of a
// policy that matches a shipment decides.
type Rule struct {
	ID           string   `json:"id"`
	Goods        []string `json:"goods"`               // phrases, or "*" for any goods
	HS           []string `json:"hs,omitempty"`        // HS code prefixes
	Destinations []string `json:"destinations"`        // end users' countries, or "*"
	EndUser      string   `json:"end_user,omitempty"`  // "sanctioned": only for listed or blocked end users
	MinValue     float64  `json:"min_value,omitempty"` // only above this value…
	Currency     string   `json:"currency,omitempty"`  // …in this currency (the policy's when empty)
	Restricted   bool     `json:"restricted"`
	Note         string   `json:"note"`
	Source       string   `json:"source"` // reference ids, separated by ";"
}

// EndUserSanctioned is the only value Rule.EndUser takes besides "".
const EndUserSanctioned = "sanctioned"

// ParsePolicy reads and checks one policy; name (a file name) prefixes its
// errors.
func ParsePolicy(name string, data []byte) (*Policy, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var pol Policy
	if err := dec.Decode(&pol); err != nil {
		return nil, fmt.Errorf("paths: policy %s: %w", name, jsonError(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("paths: policy %s: data after the policy object (one object a file)", name)
	}
	if err := pol.check(); err != nil {
		return nil, fmt.Errorf("paths: policy %s: %w", name, err)
	}
	return &pol, nil
}

// jsonError adds the line to a JSON decoding error.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err
	}
	return fmt.Errorf("line %d: %w", 1+bytes.Count(data[:off], []byte("\n")), err)
}

func (pol *Policy) check() error {
	if pol.Jurisdiction == "" {
		return errors.New(`"jurisdiction" is empty: give the code shown on marked hops, such as "US"`)
	}
	if len(pol.Countries) == 0 {
		return errors.New(`"countries" is empty: list the ISO 3166 codes of the sellers this policy judges`)
	}
	for _, c := range pol.Countries {
		if !isCountry(c) {
			return fmt.Errorf("country %q: want an upper-case ISO 3166 alpha-2 code", c)
		}
	}
	if !isCurrency(pol.Currency) {
		return fmt.Errorf("currency %q: want an ISO 4217 code such as USD", pol.Currency)
	}
	for c, r := range pol.Rates {
		if !isCurrency(c) || !(r > 0) || math.IsInf(r, 0) {
			return fmt.Errorf("rate %q: %v: want a currency code and a positive rate", c, r)
		}
	}
	refs := map[string]bool{}
	for _, r := range pol.Sources {
		if r.ID == "" || r.Title == "" {
			return fmt.Errorf("source %q: want an id and a title", r.ID)
		}
		refs[r.ID] = true
	}
	if pol.RatesSource != "" && !refs[pol.RatesSource] {
		return fmt.Errorf("rates_source %q is not among the sources", pol.RatesSource)
	}
	if len(pol.Rules) == 0 {
		return errors.New(`"rules" is empty`)
	}
	ids := map[string]bool{}
	for i := range pol.Rules {
		r := &pol.Rules[i]
		if err := r.check(refs, pol.Currency); err != nil {
			return fmt.Errorf("rule %d (%s): %w", i+1, r.ID, err)
		}
		if ids[r.ID] {
			return fmt.Errorf("rule %d: id %q used twice", i+1, r.ID)
		}
		ids[r.ID] = true
	}
	return nil
}

func (r *Rule) check(refs map[string]bool, currency string) error {
	switch {
	case r.ID == "":
		return errors.New(`"id" is empty`)
	case len(r.Goods) == 0 && len(r.HS) == 0:
		return errors.New(`"goods" and "hs" are empty: list phrases, HS prefixes, or "*" for any goods`)
	case len(r.Destinations) == 0:
		return errors.New(`"destinations" is empty: list country codes, or "*"`)
	case r.EndUser != "" && r.EndUser != EndUserSanctioned:
		return fmt.Errorf(`end_user %q: want "sanctioned" or nothing`, r.EndUser)
	case r.MinValue < 0 || math.IsNaN(r.MinValue) || math.IsInf(r.MinValue, 0):
		return fmt.Errorf("min_value %v: want 0 or more", r.MinValue)
	case r.Note == "":
		return errors.New(`"note" is empty: say what the rule means for a hop`)
	case r.Source == "":
		return errors.New(`"source" is empty: cite the ids of the policy's sources`)
	}
	for _, g := range r.Goods {
		if strings.TrimSpace(g) == "" {
			return errors.New("an empty goods phrase")
		}
	}
	for _, h := range r.HS {
		if hsDigits(h) == "" {
			return fmt.Errorf("hs %q: want digits", h)
		}
	}
	for _, d := range r.Destinations {
		if d != "*" && !isCountry(d) {
			return fmt.Errorf(`destination %q: want an upper-case ISO 3166 alpha-2 code or "*"`, d)
		}
	}
	if r.Currency == "" {
		r.Currency = currency
	} else if !isCurrency(r.Currency) {
		return fmt.Errorf("currency %q: want an ISO 4217 code", r.Currency)
	}
	for _, id := range strings.Split(r.Source, ";") {
		if !refs[strings.TrimSpace(id)] {
			return fmt.Errorf("source %q is not among the policy's sources", strings.TrimSpace(id))
		}
	}
	return nil
}

func isCountry(c string) bool {
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

func isCurrency(c string) bool {
	return len(c) == 3 && strings.ToUpper(c) == c && strings.IndexFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0
}

// Policies are the loaded policies; a seller is judged by the first whose
// countries include its country.
type Policies []*Policy

// LoadPolicies reads the named policies from fsys: "us" reads "us.json";
// a name ending in ".json" is read as it is.
func LoadPolicies(fsys fs.FS, names ...string) (Policies, error) {
	var out Policies
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		file := n
		if !strings.HasSuffix(file, ".json") {
			file = strings.ToLower(n) + ".json"
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("paths: policy %q: %w (known policies are us, eu and cn; or give a .json file)", n, err)
		}
		pol, err := ParsePolicy(file, data)
		if err != nil {
			return nil, err
		}
		out = append(out, pol)
	}
	return out, nil
}

// For returns the policy that judges sellers in country, or nil.
func (ps Policies) For(country string) *Policy {
	for _, p := range ps {
		if slices.Contains(p.Countries, country) {
			return p
		}
	}
	return nil
}

// Statuses of a marked hop, gravest first.
const (
	Restricted = "restricted" // the seller's jurisdiction forbids these goods for this destination
	Loophole   = "loophole"   // legal under the seller's rules, but the end user is sanctioned
	Allowed    = "allowed"    // legal under the seller's rules; the end user is not sanctioned
	Unassessed = "unassessed" // no loaded policy for the seller's country, or goods not recorded
	NotTrade   = "n/a"        // not a trade hop
)

var gravity = map[string]int{Restricted: 4, Loophole: 3, Allowed: 2, Unassessed: 1, NotTrade: 0}

// Mark is the verdict on one hop.
type Mark struct {
	Status       string `json:"status"`
	Jurisdiction string `json:"jurisdiction,omitempty"`
	Rule         string `json:"rule,omitempty"`
	Note         string `json:"note,omitempty"`
	Source       string `json:"source,omitempty"`
}

// Mark marks every hop of every path: see fixtures/policies/README.md.
// The destination is the path's last node's country; the end user is
// sanctioned when that node is listed or blocked.
func (ps Policies) Mark(evs []Evidence) {
	for i := range evs {
		ev := &evs[i]
		if len(ev.Nodes) == 0 {
			continue
		}
		end := ev.Nodes[len(ev.Nodes)-1]
		for j := range ev.Links {
			l := &ev.Links[j]
			m := ps.judge(l, ev.node(l.Seller()), end.Countries, end.Listed || end.Blocked)
			l.Policy = &m
		}
	}
}

func (ev *Evidence) node(id string) *Node {
	for i := range ev.Nodes {
		if ev.Nodes[i].ID == id {
			return &ev.Nodes[i]
		}
	}
	return nil
}

// judge marks one hop: the gravest mark over the seller's countries and
// the hop's shipments.
func (ps Policies) judge(l *Link, seller *Node, dest []string, sanctionedEnd bool) Mark {
	if l.Seller() == "" || seller == nil {
		return Mark{Status: NotTrade}
	}
	if len(seller.Countries) == 0 {
		return Mark{Status: Unassessed, Note: "the seller's country is not recorded"}
	}
	best := Mark{Status: NotTrade}
	consider := func(m Mark) {
		if gravity[m.Status] > gravity[best.Status] {
			best = m
		}
	}
	shipments := l.records
	if len(shipments) == 0 {
		shipments = []graph.Link{{}}
	}
	for _, c := range seller.Countries {
		pol := ps.For(c)
		if pol == nil {
			consider(Mark{Status: Unassessed, Jurisdiction: c, Note: "no policy loaded for " + c})
			continue
		}
		for k := range shipments {
			consider(pol.judge(shipmentOf(&shipments[k]), dest, sanctionedEnd))
		}
	}
	return best
}

// shipment is what a rule looks at in a trade link.
type shipment struct {
	goods    []string // words of the goods text, lower case
	hs       string   // digits
	amount   float64
	hasValue bool
	currency string
}

func shipmentOf(l *graph.Link) shipment {
	s := shipment{goods: words(goodsText(l)), hs: hsDigits(l.Prop("hs")), currency: strings.ToUpper(strings.TrimSpace(l.Prop("currency")))}
	s.amount, s.hasValue = amount(l)
	return s
}

func (pol *Policy) judge(s shipment, dest []string, sanctionedEnd bool) Mark {
	known := len(s.goods) > 0 || s.hs != ""
	for i := range pol.Rules {
		r := &pol.Rules[i]
		if !r.matchGoods(s) || !r.matchDestination(dest) || (r.EndUser == EndUserSanctioned && !sanctionedEnd) {
			continue
		}
		note := r.Note
		if r.MinValue > 0 {
			v, ok := pol.convert(s, r.Currency)
			if ok && v <= r.MinValue {
				continue
			}
			if !ok {
				note = fmt.Sprintf("value not comparable with %g %s, so taken as above it; %s", r.MinValue, r.Currency, note)
			}
		}
		m := Mark{Status: Allowed, Jurisdiction: pol.Jurisdiction, Rule: r.ID, Note: note, Source: r.Source}
		if r.Restricted {
			m.Status = Restricted
		} else if sanctionedEnd {
			m.Status = Loophole
		}
		return m
	}
	if !known {
		return Mark{Status: Unassessed, Jurisdiction: pol.Jurisdiction, Note: "goods not recorded"}
	}
	m := Mark{Status: Allowed, Jurisdiction: pol.Jurisdiction, Note: "no rule of " + pol.Jurisdiction + " covers these goods for this destination"}
	if sanctionedEnd {
		m.Status = Loophole
	}
	return m
}

func (r *Rule) matchGoods(s shipment) bool {
	for _, g := range r.Goods {
		if g == "*" || containsPhrase(s.goods, words(g)) {
			return true
		}
	}
	for _, h := range r.HS {
		if s.hs != "" && strings.HasPrefix(s.hs, hsDigits(h)) {
			return true
		}
	}
	return false
}

func (r *Rule) matchDestination(dest []string) bool {
	for _, d := range r.Destinations {
		if d == "*" || slices.Contains(dest, d) {
			return true
		}
	}
	return false
}

// convert returns the shipment's value in currency, converting with the
// policy's rates; ok is false when there is no value or no rate.
func (pol *Policy) convert(s shipment, currency string) (float64, bool) {
	switch {
	case !s.hasValue || s.currency == "":
		return 0, false
	case s.currency == currency:
		return s.amount, true
	case currency == pol.Currency && pol.Rates[s.currency] > 0:
		return s.amount * pol.Rates[s.currency], true
	}
	return 0, false
}

// words splits text into lower-case words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsPhrase reports whether the words of phrase occur in text in a
// row, each equal to the text's word or differing by a plural s or es.
func containsPhrase(text, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for i := 0; i+len(phrase) <= len(text); i++ {
		ok := true
		for j, p := range phrase {
			if !sameWord(text[i+j], p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func sameWord(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	return a == b || a == b+"s" || a == b+"es"
}

// hsDigits keeps the digits of an HS code ("8517.13" → "851713").
func hsDigits(h string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, h)
}
