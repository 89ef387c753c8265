package flags

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// sharedAddresses flags each address that at least threshold companies are
// located at (LOCATED_AT links into an Address node).
func sharedAddresses(p *graph.Projection, threshold int) []Flag {
	at := graph.LocatedAt.Code()
	var out []Flag
	for a := range p.Nodes {
		if p.Nodes[a].Kind != graph.Address {
			continue
		}
		f := Flag{Kind: SharedAddress, Subject: p.Nodes[a].ID, Value: p.Nodes[a].Name}
		seen := map[int32]bool{}
		for _, i := range p.In(int32(a)) {
			u := p.From[i]
			if p.Type[i] != at || !isCompany(p.Nodes[u].Kind) {
				continue
			}
			f.Links = append(f.Links, linkRef(p, i))
			if !seen[u] {
				seen[u] = true
				f.Entities = append(f.Entities, p.Nodes[u].ID)
			}
		}
		if len(seen) >= threshold {
			f.Detail = fmt.Sprintf("%d companies at one address", len(seen))
			out = append(out, f)
		}
	}
	return out
}

// sharedDirectors flags each party that directs at least threshold
// companies.
func sharedDirectors(p *graph.Projection, threshold int) []Flag {
	dir := graph.Directs.Code()
	var out []Flag
	for d := range p.Nodes {
		f := Flag{Kind: SharedDirector, Subject: p.Nodes[d].ID, Value: p.Nodes[d].Name}
		seen := map[int32]bool{}
		lo, hi := p.Out(int32(d))
		for i := lo; i < hi; i++ {
			v := p.To[i]
			if p.Type[i] != dir || !isCompany(p.Nodes[v].Kind) || v == int32(d) {
				continue
			}
			f.Links = append(f.Links, linkRef(p, i))
			if !seen[v] {
				seen[v] = true
				f.Entities = append(f.Entities, p.Nodes[v].ID)
			}
		}
		if len(seen) >= threshold {
			f.Detail = fmt.Sprintf("one %s directs %d companies", strings.ToLower(string(p.Nodes[d].Kind)), len(seen))
			out = append(out, f)
		}
	}
	return out
}

// ownershipGroups numbers the weakly connected components of the OWNS
// links: parties in one group are related by ownership, and sharing an
// identifier among them is ordinary.
func ownershipGroups(p *graph.Projection) []int32 {
	parent := make([]int32, p.Len())
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	owns := graph.Owns.Code()
	for i := range p.From {
		if p.Type[i] == owns {
			a, b := find(p.From[i]), find(p.To[i])
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	for i := range parent {
		parent[i] = find(int32(i))
	}
	return parent
}

// normalise puts an identifier in the form in which equal values compare
// equal: lower case; a phone's digits; a website without its scheme, www.
// and trailing slash; an IBAN without spaces.
func normalise(scheme, v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	switch scheme {
	case graph.IDPhone:
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, v)
	case graph.IDWebsite:
		for _, pre := range []string{"https://", "http://", "www."} {
			v = strings.TrimPrefix(v, pre)
		}
		return strings.TrimSuffix(v, "/")
	case graph.IDIBAN, graph.IDSwift:
		return strings.ReplaceAll(v, " ", "")
	}
	return v
}

// sharedIdentifiers flags each identifier value held by parties of two or
// more ownership groups, and each merge that ingest made on such a value
// between records with different names (the records were two parties until
// resolution joined them; the names say they were presented as unrelated).
func sharedIdentifiers(p *graph.Projection, attrs Attributes, schemes []string, groups []int32) []Flag {
	type key struct{ scheme, value string }
	holders := map[key][]int32{}
	for _, id := range attrs.Identifiers {
		if !slices.Contains(schemes, id.Scheme) {
			continue
		}
		v, ok := p.Index(id.Entity)
		k := key{id.Scheme, normalise(id.Scheme, id.Value)}
		if !ok || k.value == "" || slices.Contains(holders[k], v) {
			continue
		}
		holders[k] = append(holders[k], v)
	}
	var out []Flag
	for k, hs := range holders {
		gs := map[int32]bool{}
		for _, v := range hs {
			gs[groups[v]] = true
		}
		if len(gs) < 2 {
			continue
		}
		slices.Sort(hs)
		f := Flag{Kind: SharedIdentifier, Subject: p.Nodes[hs[0]].ID, Value: k.scheme + ":" + k.value,
			Detail: fmt.Sprintf("%s %s shared by %d parties not related by ownership", k.scheme, k.value, len(hs))}
		for _, v := range hs {
			f.Entities = append(f.Entities, p.Nodes[v].ID)
		}
		out = append(out, f)
	}
	for _, m := range attrs.Merges {
		var on []string
		for _, o := range m.On {
			scheme, _, _ := strings.Cut(o, ":")
			if slices.Contains(schemes, scheme) {
				on = append(on, o)
			}
		}
		if len(on) == 0 || len(distinctNames(m.Names)) < 2 {
			continue
		}
		f := Flag{Kind: SharedIdentifier, Subject: m.Entity, Value: strings.Join(on, " "),
			Entities: append([]string{m.Entity}, m.MergedFrom...),
			Detail:   fmt.Sprintf("records named %s share %s and were resolved into one", strings.Join(distinctNames(m.Names), " and "), strings.Join(on, ", "))}
		out = append(out, f)
	}
	return out
}

// distinctNames drops names that differ only in case and spacing.
func distinctNames(names []string) []string {
	var out, keys []string
	for _, n := range names {
		k := strings.Join(strings.Fields(strings.ToLower(n)), " ")
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
			out = append(out, n)
		}
	}
	return out
}

// sharedAccounts flags each bank account held (HOLDS_ACCOUNT) by parties
// of two or more ownership groups.
func sharedAccounts(p *graph.Projection, groups []int32) []Flag {
	holds := graph.HoldsAccount.Code()
	var out []Flag
	for a := range p.Nodes {
		if p.Nodes[a].Kind != graph.BankAccount {
			continue
		}
		f := Flag{Kind: SharedAccount, Subject: p.Nodes[a].ID, Value: p.Nodes[a].Name}
		gs := map[int32]bool{}
		for _, i := range p.In(int32(a)) {
			if p.Type[i] != holds || p.From[i] == int32(a) {
				continue
			}
			f.Links = append(f.Links, linkRef(p, i))
			f.Entities = append(f.Entities, p.Nodes[p.From[i]].ID)
			gs[groups[p.From[i]]] = true
		}
		if len(gs) >= 2 {
			f.Detail = fmt.Sprintf("one bank account held by %s not related by ownership", plural(len(gs), "party", "parties"))
			out = append(out, f)
		}
	}
	return out
}
