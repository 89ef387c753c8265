package screen

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/shellnet/shellnet/graph"
)

// Evidence beyond the name. When a query gives a country, a date or year of
// birth or an identifier, each one that the matched party's record
// confirms raises the match's score and each one that it contradicts
// lowers it, as compliance teams weigh secondary identifiers (FATF,
// "Guidance on Financial Inclusion and Anti-Money Laundering", 2017, and
// the Wolfsberg Group's "Guidance on Sanctions Screening", 2019, §3: a name
// hit is confirmed or discounted by date of birth, nationality or country,
// and identifying numbers). The weights of contradictions follow
// nomenklatura's logic-v2 (the matcher of OpenSanctions' yente): a country
// that differs −0.2, birth years that differ −0.15, days of birth that
// differ in the same year −0.25; an identifier both carry makes the match
// certain, as logic-v2's identifier features score 0.85-0.98 on their own.
// Confirmations weigh less than contradictions: many parties share a
// country or a year.
const (
	countryMatch      = 0.05
	countryMismatch   = -0.2
	birthDateMatch    = 0.1
	birthYearMatch    = 0.05
	birthYearMismatch = -0.15
	birthDayMismatch  = -0.25
	identifierDiffers = -0.1
)

// Feature names, the keys of Match.Explanations (as yente's /match
// explains a score feature by feature).
const (
	featName       = "name"
	featCountry    = "country"
	featBirthDate  = "birth_date"
	featIdentifier = "identifier"
)

// hasFeatures tells whether q carries evidence beyond the name.
func (q Query) hasFeatures() bool {
	return q.Country != "" || q.BirthDate != "" || q.Identifier != ""
}

// weigh fills c's explanations and total from the query's evidence and the
// matched party's record: its countries from the projection, its dates of
// birth and identifiers from the store (when there is one).
func (s *Screener) weigh(ctx context.Context, q Query, c *candidate) {
	c.total = c.Score
	if !q.hasFeatures() {
		return
	}
	c.expl = map[string]float64{featName: round4(c.Score)}
	n := &s.p.Nodes[c.Node]
	if q.Country != "" && len(n.Countries()) > 0 {
		c.expl[featCountry] = countryFeature(q.Country, n.Countries())
	}
	if q.BirthDate != "" || q.Identifier != "" {
		e, err := s.Entity(ctx, n.ID)
		ok := err == nil
		if ok && q.BirthDate != "" {
			if dates := graph.PropStrings(e.Props["birth_date"]); len(dates) > 0 {
				c.expl[featBirthDate] = birthFeature(q.BirthDate, dates)
			}
		}
		if ok && q.Identifier != "" {
			switch identifierFeature(q.Identifier, e.Identifiers) {
			case idSame:
				// the identifier makes the match certain whatever the name
				c.idMatch = true
				c.expl[featIdentifier] = round4(1 - c.Score)
			case idDiffers:
				c.expl[featIdentifier] = identifierDiffers
			}
		}
	}
	for _, k := range []string{featCountry, featBirthDate, featIdentifier} { // in a fixed order: the same sum every time
		c.total += c.expl[k]
	}
	c.total = round4(min(1, max(0, c.total)))
}

func countryFeature(q string, countries []string) float64 {
	q = strings.ToUpper(strings.TrimSpace(q))
	for _, c := range countries {
		if c == q {
			return countryMatch
		}
	}
	return countryMismatch
}

// birthFeature compares a date of birth given as YYYY, YYYY-MM or
// YYYY-MM-DD with the party's (ISO 8601, as the ingesters write them): the
// best agreement among the party's dates counts. Two full dates that differ
// contradict more than two years that differ, as in logic-v2.
func birthFeature(q string, dates []string) float64 {
	q = strings.TrimSpace(q)
	best := math.Inf(-1)
	for _, d := range dates {
		if len(q) < 4 || len(d) < 4 {
			continue
		}
		full := len(q) >= 10 && len(d) >= 10
		switch {
		case full && q[:10] == d[:10]:
			return birthDateMatch
		case full:
			best = max(best, birthDayMismatch)
		case q[:4] == d[:4]:
			best = max(best, birthYearMatch)
		default:
			best = max(best, birthYearMismatch)
		}
	}
	if math.IsInf(best, -1) {
		return 0
	}
	return best
}

// idAgreement is what a query's identifier says of a party.
type idAgreement int

const (
	idUnknown idAgreement = iota // the party carries no identifier to compare
	idSame                       // the party carries it
	idDiffers                    // the party carries other values of the query's scheme
)

// identifierFeature compares an identifier given as "value" or
// "scheme:value" (the schemes of DESIGN.md: registration, imo, swift…)
// with the party's, letters and digits only, case folded.
func identifierFeature(q string, ids map[string][]string) idAgreement {
	scheme, value, hasScheme := strings.Cut(q, ":")
	if !hasScheme {
		value = q
	}
	scheme = strings.ToLower(strings.TrimSpace(scheme))
	want := canonicalID(value)
	if want == "" {
		return idUnknown
	}
	for sch, vals := range ids {
		for _, x := range vals {
			if canonicalID(x) == want && (!hasScheme || sch == scheme) {
				return idSame
			}
		}
	}
	if hasScheme && len(ids[scheme]) > 0 {
		return idDiffers
	}
	return idUnknown
}

func canonicalID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// featureReason says what the evidence beyond the name did to the score.
func featureReason(c candidate) string {
	var parts []string
	for _, k := range []string{featCountry, featBirthDate, featIdentifier} {
		if v, ok := c.expl[k]; ok {
			parts = append(parts, fmt.Sprintf("%s %+.2f", strings.ReplaceAll(k, "_", " "), v))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("nothing in the party's record to compare the query's country, date of birth or identifier with: score %.2f", c.total)
	}
	return fmt.Sprintf("beyond the name: %s; score %.2f", strings.Join(parts, ", "), c.total)
}
