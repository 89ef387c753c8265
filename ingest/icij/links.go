package icij

import (
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// sameAs are ICIJ's similarity edges; rel_type is kept on the link because
// they range from identity (same_as) to a shared name (same_name_as).
var sameAs = map[string]bool{
	"same_as": true, "same_name_as": true, "similar": true, "same_company_as": true,
	"same_intermediary_as": true, "same_id_as": true, "probably_same_officer_as": true,
	"same_address_as": true,
}

// roleWords maps words of an officer's role to the link types they mean.
// A role may name several ("Director and Shareholder of").
var roleWords = []struct {
	t     graph.LinkType
	words []string
}{
	{graph.Represents, []string{"registered agent", "agent", "attorney", "signatory", "authorised person", "authorized person", "nominee name", "intermediary"}},
	{graph.Directs, []string{"director", "secretary", "officer", "president", "chairman", "chairperson", "treasurer", "manager", "managing", "trustee", "board", "executive", "ceo", "cfo", "controller", "liquidator", "receiver"}},
	{graph.Owns, []string{"shareholder", "stockholder", "beneficial owner", "beneficiary", "owner", "partner", "subscriber", "settlor", "founder"}},
}

// linkTypes returns the link types of a relationship with its role. The
// current bundle's rel_type is a machine name (officer_of) with the role
// beside it in link; the 2016 edges file has the role itself as rel_type
// ("shareholder of", "similar name and address as").
func linkTypes(relType, role string) []graph.LinkType {
	rt := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(relType)), " ", "_")
	switch {
	case rt == "intermediary_of":
		return []graph.LinkType{graph.Represents}
	case rt == "registered_address":
		return []graph.LinkType{graph.LocatedAt}
	case sameAs[rt] || (strings.HasPrefix(rt, "same_") || strings.HasPrefix(rt, "similar_")) && strings.HasSuffix(rt, "_as"):
		return []graph.LinkType{graph.SameAs}
	case rt != "officer_of":
		role = relType
	}
	if out := roleTypes(role); len(out) > 0 {
		return out
	}
	return []graph.LinkType{graph.Associate}
}

// roleTypes returns the link types the words of an officer's role mean.
func roleTypes(role string) []graph.LinkType {
	r := strings.ToLower(role)
	var out []graph.LinkType
	for _, rw := range roleWords {
		for _, w := range rw.words {
			if containsWord(r, w) {
				out = append(out, rw.t)
				break
			}
		}
	}
	return out
}

// containsWord reports whether w occurs in s as whole words ("officer"
// in "officer of", not in "officers"; "agent" not in "management").
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isLetter(s[j-1])) && (end == len(s) || !isLetter(s[end])) {
			return true
		}
		i = j + 1
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
