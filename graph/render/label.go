package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// nodeLabel is the name, wrapped, then kind, roles and countries, then the
// listing.
func nodeLabel(e *graph.Entity, blocked bool) string {
	lines := wrap(e.Name, 22)
	if len(lines) == 0 {
		lines = []string{e.ID}
	}
	// the kind is shown unless the roles say more (a company that is a
	// front is a front)
	var meta []string
	if words := roleWords(e); words != "" {
		meta = append(meta, words)
	} else {
		meta = append(meta, string(e.Kind))
	}
	if len(e.Countries) > 0 {
		cs := e.Countries
		if len(cs) > 4 {
			cs = append(slices.Clone(cs[:4]), "…")
		}
		meta = append(meta, strings.Join(cs, ", "))
	}
	lines = append(lines, strings.Join(meta, " · "))
	switch {
	case e.Listed():
		lines = append(lines, "SANCTIONED")
		if l := listings(e); l != "" {
			lines = append(lines, l)
		}
	case blocked:
		lines = append(lines, "BLOCKED by ownership")
	}
	return quoteLines(lines)
}

// roleWords names the roles an entity's tags give it, beyond its shape.
func roleWords(e *graph.Entity) string {
	var w []string
	for _, t := range []struct{ tag, word string }{
		{graph.TagVendor, "vendor"}, {graph.TagReseller, "reseller"}, {graph.TagFront, "front"},
		{graph.TagHub, "hub"}, {graph.TagShell, "shell"}, {graph.TagEndUser, "end user"},
	} {
		if e.HasTag(t.tag) {
			w = append(w, t.word)
		}
	}
	return strings.Join(w, ", ")
}

// listings writes an entity's listings grouped by authority: "OFAC DPRK,
// DPRK2 · UN".
func listings(e *graph.Entity) string {
	var auths []string
	progs := map[string][]string{}
	for _, s := range e.Sanctions {
		a := s.Authority
		if a == "" {
			a = "listed"
		}
		if !slices.Contains(auths, a) {
			auths = append(auths, a)
		}
		if s.Program != "" && !slices.Contains(progs[a], s.Program) {
			progs[a] = append(progs[a], s.Program)
		}
	}
	if len(auths) == 0 {
		return ""
	}
	if len(auths) > 3 {
		auths = append(auths[:3], "…")
	}
	parts := make([]string, len(auths))
	for i, a := range auths {
		ps := progs[a]
		if len(ps) > 3 {
			ps = append(slices.Clone(ps[:3]), "…")
		}
		parts[i] = strings.TrimSpace(a + " " + strings.Join(ps, ", "))
	}
	return strings.Join(parts, " · ")
}

// edgeLabel sums up the links of an edge, one fact a line: the type (with
// the count and ownership share), the goods, the value and dates, and the
// policy mark in its colour.
func edgeLabel(e edge, mark string) string {
	var goods, dates []string
	sums := map[string]float64{}
	var currencies []string
	unsummed := false
	for i := range e.links {
		l := &e.links[i]
		g := l.Prop("goods")
		if g == "" {
			g = l.Prop("description")
		}
		if g != "" && !slices.Contains(goods, g) {
			goods = append(goods, g)
		}
		for _, k := range []string{"date", "start", "end"} {
			if v := l.Prop(k); v != "" {
				dates = append(dates, truncate(v, 10))
			}
		}
		if a := l.Prop("amount"); a != "" {
			v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(a), ",", ""), 64)
			if err != nil {
				unsummed = true
				continue
			}
			c := strings.ToUpper(l.Prop("currency"))
			if _, ok := sums[c]; !ok {
				currencies = append(currencies, c)
			}
			sums[c] += v
		}
	}
	plain := []string{verbs(e)}
	lines := []string{htmlText(plain[0])}
	if len(goods) > 0 {
		g := truncate(goods[0], 20)
		if len(goods) > 1 {
			g += fmt.Sprintf(" +%d", len(goods)-1)
		}
		lines = append(lines, "<I>"+htmlText(g)+"</I>")
	}
	var facts []string
	slices.Sort(currencies)
	for _, c := range currencies {
		facts = append(facts, strings.TrimSpace(thousands(sums[c])+" "+c))
	}
	if unsummed && len(currencies) == 0 {
		facts = append(facts, truncate(e.links[0].Prop("amount"), 16))
	}
	if len(dates) > 0 {
		slices.Sort(dates)
		if dates[0] == dates[len(dates)-1] {
			facts = append(facts, dates[0])
		} else {
			facts = append(facts, month(dates[0])+"–"+month(dates[len(dates)-1]))
		}
	}
	if len(facts) > 0 {
		lines = append(lines, htmlText(strings.Join(facts, ", ")))
	}
	if mark != "" {
		lines = append(lines, "<B>"+htmlText(strings.ToUpper(mark))+"</B>")
	}
	if len(lines) == 1 {
		// a plain label lays out faster than an HTML-like one
		return quoteLines(plain)
	}
	return "<" + strings.Join(lines, "<BR/>") + ">"
}

// month cuts a date to its year and month.
func month(d string) string {
	if len(d) > 7 {
		return d[:7]
	}
	return d
}

// markColour is the colour of a hop marked restricted or loophole.
func markColour(mark string) string {
	if strings.HasPrefix(mark, "restricted") {
		return restrictedColour
	}
	return loopholeColour
}

// verbs names an edge's link types, each with its count when more than
// one and its ownership shares: "pays ×2", "directs · owns 50%".
func verbs(e edge) string {
	var parts []string
	for _, t := range e.types() {
		v := strings.ToLower(strings.ReplaceAll(string(t), "_", " "))
		n := 0
		var pcts []string
		for i := range e.links {
			l := &e.links[i]
			if l.Type != t {
				continue
			}
			n++
			if p := l.Prop("percentage"); p != "" {
				p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), "%")) + "%"
				if !slices.Contains(pcts, p) {
					pcts = append(pcts, p)
				}
			}
		}
		if n > 1 {
			v += " ×" + strconv.Itoa(n)
		}
		if len(pcts) > 0 {
			v += " " + strings.Join(pcts, ", ")
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " · ")
}

// thousands writes a whole amount with thousands separators ("79,850"),
// keeping cents when there are some.
func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v != float64(int64(v)) {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
