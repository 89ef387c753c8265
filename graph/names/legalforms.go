package names

import "strings"

// Legal forms, each canonical abbreviation with its spellings as they read
// after normalisation (lower case, no punctuation, single letters joined:
// "S.A." reads "sa", "L.L.C." reads "llc"). A form is dropped from the core
// of a name only at its end (or, for prefixForms, at its start), never from
// the middle, and never when nothing would be left.
//
// Sources: the ISO 20275 Entity Legal Forms code list for the spellings,
// and the sanctions lists shellnet reads for which forms occur in practice.
var suffixForms = map[string][]string{
	"co":         {"co", "company", "compania", "compagnie", "companhia", "cia", "cie", "kompaniya"},
	"corp":       {"corp", "corporation", "corpn"},
	"inc":        {"inc", "incorporated"},
	"ltd":        {"ltd", "limited", "ltda", "limitada"},
	"co ltd":     {"co ltd", "company ltd", "company limited", "co limited", "colt", "coltd", "corp ltd", "corporation limited"},
	"llc":        {"llc", "limited liability company", "limited liability co"},
	"llp":        {"llp", "limited liability partnership"},
	"lp":         {"lp", "limited partnership"},
	"plc":        {"plc", "public limited company", "public ltd co"},
	"gmbh":       {"gmbh", "gesellschaft mit beschrankter haftung", "ges mbh", "gesmbh"},
	"ag":         {"ag", "aktiengesellschaft"},
	"kg":         {"kg", "kommanditgesellschaft", "gmbh and co kg", "gmbh co kg"},
	"sa":         {"sa", "societe anonyme", "sociedad anonima", "sociedade anonima"},
	"sarl":       {"sarl", "societe a responsabilite limitee"},
	"sas":        {"sas", "societe par actions simplifiee"},
	"srl":        {"srl", "societa a responsabilita limitata", "sociedad de responsabilidad limitada"},
	"spa":        {"spa", "societa per azioni"},
	"sl":         {"sl", "sociedad limitada"},
	"sa de cv":   {"sa de cv", "s de rl de cv", "s de rl"},
	"sc":         {"sc", "sociedad civil"},   // ISO 20275: Mexico's civil company
	"ac":         {"ac", "asociacion civil"}, // ISO 20275: Mexico's civil association
	"bv":         {"bv", "besloten vennootschap"},
	"nv":         {"nv", "naamloze vennootschap"},
	"ab":         {"ab", "aktiebolag"},
	"asa":        {"asa"},
	"oy":         {"oy", "oyj", "osakeyhtio"},
	"aps":        {"aps"},
	"sp z oo":    {"sp z oo", "spzoo", "sp zoo", "spolka z ograniczona odpowiedzialnoscia"},
	"sro":        {"sro", "spol sro"},
	"kk":         {"kk", "kabushiki kaisha", "kabushiki gaisha", "yk", "yugen kaisha", "godo kaisha"},
	"sdn bhd":    {"sdn bhd", "sendirian berhad", "sdnbhd", "sdn berhad"},
	"bhd":        {"bhd", "berhad"},
	"pte ltd":    {"pte ltd", "private limited", "pvt ltd", "private ltd", "pte limited", "pvt limited", "pteltd"},
	"pte":        {"pte", "pvt"},
	"jsc":        {"jsc", "joint stock company", "joint stock co"},
	"ojsc":       {"ojsc", "open joint stock company", "oao"},
	"cjsc":       {"cjsc", "closed joint stock company", "zao"},
	"pjsc":       {"pjsc", "public joint stock company", "pao"},
	"ooo":        {"ooo", "tov", "obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostiu", "obshchestvo s ogranichennoy otvetstvennostiu", "tovarystvo z obmezhenoyu vidpovidalnistyu"},
	"fze":        {"fze", "fzco", "fzc", "fz llc", "fzllc", "free zone establishment", "free zone company", "dmcc"},
	"est":        {"est", "establishment", "anstalt"}, // ISO 20275: Liechtenstein's Anstalt; the Gulf's Establishment
	"tbk":        {"tbk"},
	"ev":         {"ev", "eingetragener verein"},
	"pt":         {"pt", "perseroan terbatas"},
	"pty ltd":    {"pty ltd", "proprietary limited", "pty limited", "proprietary ltd"},
	"pty":        {"pty", "proprietary"},
	"as":         {"as", "anonim sirketi", "aksjeselskap", "akciova spolecnost"},
	"trading co": {"trading co", "trading company", "trading corp", "trading corporation", "trading co ltd", "trading company limited", "trading llc", "trading ltd", "trading limited", "general trading", "general trading llc", "general trading co", "general trading company", "general trading corp", "general trading corporation"},
}

// prefixForms are forms written before the name (Russian, Ukrainian,
// Indonesian usage): "OOO Romashka", "PT Bank Mandiri".
//
// The Russian and Ukrainian forms spelled out are those of the Civil Code
// of the Russian Federation (art. 66.3, 87, 96-97) and of Ukraine, as
// BGN/PCGN romanises them ("Obshchestvo s Ogranichennoy Otvetstvennostyu",
// the spelling of OFAC's and the UN's lists, or with -oi/-iu endings).
var prefixForms = map[string][]string{
	"ooo": {"ooo", "tov", "llc", "limited liability company", "obshchestvo s ogranichennoy otvetstvennostyu",
		"obshchestvo s ogranichennoi otvetstvennostiu", "obshchestvo s ogranichennoy otvetstvennostiu",
		"tovarystvo z obmezhenoyu vidpovidalnistyu", "tovarystvo z obmezhenoiu vidpovidalnistiu"},
	"ojsc": {"oao", "ojsc", "open joint stock company", "otkrytoe aktsionernoe obshchestvo", "otkrytoye aktsionernoye obshchestvo"},
	"cjsc": {"zao", "cjsc", "closed joint stock company", "zakrytoe aktsionernoe obshchestvo", "zakrytoye aktsionernoye obshchestvo"},
	"pjsc": {"pao", "pjsc", "public joint stock company", "publichnoe aktsionernoe obshchestvo", "publichnoye aktsionernoye obshchestvo", "publichne aktsionerne tovarystvo"},
	"jsc":  {"jsc", "ao", "joint stock company", "aktsionernoe obshchestvo", "aktsionernoye obshchestvo", "nepublichnoe aktsionernoe obshchestvo", "aktsionerne tovarystvo", "pryvatne aktsionerne tovarystvo"},
	"pt":   {"pt"},
	"fgup": {"fgup", "gup", "fgbu", "federalnoe gosudarstvennoe unitarnoe predpriyatie", "gosudarstvennoe unitarnoe predpriyatie", "federalnoye gosudarstvennoye unitarnoye predpriyatiye"},
}

// leadingForms are the suffix forms also dropped from the start of a name of
// three words or more: a query's words come in any order (Similarity ignores
// it), and "Corporation Trading Paek Sol" is "Paek Sol Trading
// Corporation" reordered. Only the spelled-out English forms and their
// unambiguous abbreviations are taken: short forms such as "as" or "sa"
// begin names too ("As Salam").
var leadingForms = map[string]bool{
	"company": true, "corporation": true, "corp": true, "limited": true, "ltd": true,
	"incorporated": true, "inc": true, "llc": true, "plc": true, "gmbh": true,
}

// formTable maps a spelling (tokens joined by one space) to its canonical form.
type formTable struct {
	canon  map[string]string
	maxLen int // most tokens in a spelling
}

func newFormTable(groups map[string][]string) formTable {
	t := formTable{canon: map[string]string{}}
	for canon, spellings := range groups {
		for _, s := range append(spellings, canon) {
			t.canon[s] = canon
			if n := strings.Count(s, " ") + 1; n > t.maxLen {
				t.maxLen = n
			}
		}
	}
	return t
}

var (
	suffixTable = newFormTable(suffixForms)
	prefixTable = newFormTable(prefixForms)
)

// lookup returns the canonical form spelled by toks, if any.
func (t formTable) lookup(toks []string) (string, bool) {
	var key string
	if len(toks) == 1 {
		key = toks[0]
	} else {
		key = strings.Join(toks, " ")
	}
	c, ok := t.canon[key]
	return c, ok
}

// splitForms separates the legal forms at the end and at the start of toks
// from the core. The longest spelling wins; several forms in a row are all
// taken ("co ltd", "trading co ltd"); at least one core token is kept.
func splitForms(toks []string) (pre, core, suf []string) {
	core = toks
	for len(core) > 1 {
		found := false
		for n := min(suffixTable.maxLen, len(core)-1); n >= 1; n-- {
			if c, ok := suffixTable.lookup(core[len(core)-n:]); ok {
				suf = append([]string{c}, suf...)
				core = core[:len(core)-n]
				found = true
				break
			}
		}
		if !found {
			break
		}
		// "Smith & Co." leaves a dangling "and".
		for len(core) > 1 && core[len(core)-1] == "and" {
			core = core[:len(core)-1]
		}
	}
	for len(core) > 1 {
		found := false
		for n := min(prefixTable.maxLen, len(core)-1); n >= 1; n-- {
			if c, ok := prefixTable.lookup(core[:n]); ok {
				pre = append(pre, c)
				core = core[n:]
				found = true
				break
			}
		}
		if !found && len(core) > 2 && leadingForms[core[0]] {
			c, _ := suffixTable.lookup(core[:1])
			pre = append(pre, c)
			core = core[1:]
			found = true
		}
		if !found {
			break
		}
	}
	if len(core) > 1 && core[0] == "the" {
		core = core[1:]
	}
	return pre, core, suf
}
