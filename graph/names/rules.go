package names

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Rules of name matching that look at a name's words together rather than
// one word against another.

// lightWords weigh little in a name: articles, prepositions and the
// particles of Arabic, Romance, Dutch and German names ("al", "bin", "de",
// "van"), which say little about who is meant. The list follows the
// particles that OFAC's and the UN's lists carry in their names.
var lightWords = map[string]bool{
	"al": true, "el": true, "ul": true, "bin": true, "ibn": true, "bint": true, "ben": true, "bent": true,
	"ould": true, "of": true, "the": true, "and": true, "for": true, "de": true, "da": true, "do": true,
	"dos": true, "das": true, "du": true, "del": true, "della": true, "la": true, "le": true, "van": true,
	"von": true, "der": true, "den": true, "y": true, "des": true, "les": true, "et": true, "los": true, "las": true,
	"di": true,
}

// patronymicEndings end the patronymics of Russian, Ukrainian and Turkic
// names (ICAO Doc 9303 part 3 and the BGN/PCGN Russian system describe the
// name order: given name, patronymic, surname): "Vladimirovich",
// "Ivanovna", "Aliyevich", "Mammad oglu". A patronymic is often left out
// ("Vladimir Ivanov"), so it weighs little.
var patronymicEndings = []string{"ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna", "ogly", "oglu", "ugli", "kyzy", "qizi"}

// familyEndings end surnames and patronymics of the former Soviet Union's
// languages: Russian, Ukrainian and Belarusian -ov, -ev, -sky, -enko, -uk
// (with their feminine forms), Armenian -yan, Georgian -dze and -shvili,
// and the patronymic endings above.
var familyEndings = append([]string{
	"ova", "eva", "ov", "ev", "skaya", "skiy", "skii", "sky", "ski", "enko", "chuk", "yuk",
	"yan", "ian", "dze", "shvili",
}, patronymicEndings...)

// alikeByEnding tells whether two words that end alike in a family ending
// (familyEndings) are alike only by it: their stems do not pair. The
// ending is a suffix thousands of names share, not a part of the name
// ("Antipov" and "Alisov", "Yurievich" and "Borisovich" are 0.57 and 0.6
// alike letter by letter; "Antip" and "Alis", "Yuri" and "Boris" are not
// alike), while two spellings of one name stay alike without it
// ("Yurievich", "Yuryevich").
func alikeByEnding(x, y string) bool {
	for _, e := range familyEndings {
		if len(x) >= len(e)+2 && len(y) >= len(e)+2 && strings.HasSuffix(x, e) && strings.HasSuffix(y, e) {
			return wordSimilarity(x[:len(x)-len(e)], y[:len(y)-len(e)]) < pairMin
		}
	}
	return false
}

// lightWeight is the share of its length that a light word or a
// patronymic weighs.
const lightWeight = 0.3

// wordWeight is how much a word of a name weighs: its length in letters,
// times lightWeight for particles, patronymics and titles in the middle of
// a name ("MOHAMED HAJI OMAR": cutTitles takes them only at its start).
func wordWeight(t string) float64 {
	n := float64(utf8.RuneCountInString(t))
	if len(t) <= 5 && lightWords[t] || titleWords[t] {
		return n * lightWeight
	}
	if len(t) >= 7 {
		switch t[len(t)-1] { // the last letters of patronymicEndings
		case 'h', 'a', 'y', 'u', 'i':
			for _, e := range patronymicEndings {
				if strings.HasSuffix(t, e) {
					return n * lightWeight
				}
			}
		}
	}
	return n
}

// chainMarkers link the names of a patronymic chain: "Ali bin Ahmad" is
// Ali, son of Ahmad, not Ahmad, son of Ali.
var chainMarkers = map[string]bool{"bin": true, "ibn": true, "bint": true, "ben": true, "ould": true, "walad": true}

// chainPenalty multiplies the score of two names whose patronymic chains
// disagree on who is whose son, and of two Korean names whose given names
// hold their syllables in another order (see tokenSet). A chain disagrees
// when the name before each name's first marker pairs with no word before
// the other's ("Ali bin Ahmad", "Ahmad bin Ali"); a name spelled otherwise
// ("Lazher Ben Khalifa", "Al-Azhar Ben Khalifa") or a name added before
// the marker ("AUF, Awad Ibn", "AUF, Awad Muhammad Ibn": OFAC a.k.a.s of
// one entry) does not.
const chainPenalty = 0.6

// acronymScore is the score of an acronym and the name it abbreviates
// ("KPA", "Korean People's Army"): a possible match, above MatchThreshold,
// but below a name of three words with one letter mistyped, since one
// acronym stands for many names ("PTC" for "Paeksol Trading Corporation"
// and for PTC GmbH, two entries of OFAC's list).
const acronymScore = 0.75

// nameRules adjusts the score s of two names' core words for what the
// word-by-word comparison cannot see: the order of a patronymic chain and
// an acronym.
func nameRules(a, b []string, s float64) float64 {
	if s < acronymScore && (isAcronymOf(a, b) || isAcronymOf(b, a) || isClippedCompound(a, b) || isClippedCompound(b, a)) {
		s = acronymScore
	}
	if ia, ib := chainStart(a), chainStart(b); ia > 0 && ib > 0 && !pairsAny(a[ia-1], b[:ib]) && !pairsAny(b[ib-1], a[:ia]) {
		s *= chainPenalty
	}
	return s
}

// pairsAny tells whether w pairs with a word of toks (pairCredit).
func pairsAny(w string, toks []string) bool {
	return slices.ContainsFunc(toks, func(t string) bool { return pairCredit(w, t) > 0 })
}

// chainStart is the position of the first chain marker in a name, or -1.
func chainStart(toks []string) int {
	for i, t := range toks {
		if len(t) <= 5 && chainMarkers[t] {
			return i
		}
	}
	return -1
}

// isAcronymOf tells whether a is one word of two letters or more made of
// the initials of b's words (of all of them, or of all but the light
// ones). An acronym may carry a number, written onto it or apart, that b
// holds too: its letters are then the initials of b's other words ("APT39"
// and "APT 39" for "Advanced Persistent Threat 39", as OFAC's list names
// the group). When the number is a day, a month's name beside it, the
// acronym writes the date as the number, and one letter may then stand
// for the one word left: "M23" for "Mouvement du 23 mars" and "March 23
// Movement" (OFAC SDN 15585's a.k.a.s, UN CDe.006).
func isAcronymOf(a, b []string) bool {
	if letters, number, ok := numberedAcronym(a); ok {
		i := slices.Index(b, number)
		if i < 0 {
			return false
		}
		rest, dated := withoutDate(b, i)
		if len(letters) == 1 {
			heavy := slices.DeleteFunc(rest, func(t string) bool { return lightWords[t] })
			return dated && len(heavy) == 1 && heavy[0][0] == letters[0]
		}
		return isAcronymOf([]string{letters}, rest)
	}
	if len(a) != 1 || len(b) < 2 || len(a[0]) < 2 || len(a[0]) > len(b) || !isASCII(a[0]) {
		return false
	}
	acr := a[0]
	for _, skipLight := range []bool{false, true} {
		i := 0
		ok := true
		for _, t := range b {
			if skipLight && lightWords[t] {
				continue
			}
			if i >= len(acr) || t[0] != acr[i] {
				ok = false
				break
			}
			i++
		}
		if ok && i == len(acr) {
			return true
		}
	}
	return false
}

// isClippedCompound tells whether a is one word joined from the starts of
// b's words in their order, clipPiece letters of each at least, as Russian,
// Persian and Chinese names of organisations are clipped into one word
// ("Gazprom" of "Gazovaya Promyshlennost"; "MINOCONGO" of "Minoterie du
// Congo" and "FANAMOJ" of "Fanavari Moj Khavar", a.k.a.s on OFAC's list):
// two words at least, the light words (particles, patronymics, titles:
// never clipped) and one other left out at most. On the OFAC list of
// 2021, 3 of its 639 one-word names are so clipped from another entry's
// name of its 8,251 longer ones ("FARATECH", "Farayand Technique"): the
// rule scores as an acronym does, a possible match.
func isClippedCompound(a, b []string) bool {
	if len(a) != 1 || len(b) < 2 || !isASCII(a[0]) {
		return false
	}
	return clippedFrom(a[0], b)
}

// maxClipped and maxClippedWords bound the word and the name that
// isClippedCompound compares: the longest one-word name of the OFAC and
// UN lists has 24 letters, and a name clipped into one word has few
// words. Within them, the search is over at most 25·9·2·3 states.
const (
	maxClipped      = 24
	maxClippedWords = 8
)

// clippedFrom tells whether w is clipped from the words of b (see
// isClippedCompound).
func clippedFrom(w string, b []string) bool {
	if len(w) < 2*clipPiece || len(w) > maxClipped || len(b) < 2 || len(b) > maxClippedWords {
		return false
	}
	var c clipSearch
	c.w, c.b = w, b
	return c.from(0, 0, 0, 0)
}

// maxClipStates is the number of states clipSearch may try.
const maxClipStates = (maxClipped + 1) * (maxClippedWords + 1) * 2 * 3

// clipSearch searches for the pieces of a clipped word over the place in
// w, the word of b from which on to clip, the words left out so far (0 or
// 1) and the pieces clipped so far (0, 1, 2 or more), each state tried
// once.
type clipSearch struct {
	w      string
	b      []string
	failed [maxClipped + 1][maxClippedWords + 1][2][3]bool
	tried  int // states searched
}

func (c *clipSearch) from(at, from, skips, pieces int) bool {
	w, b := c.w, c.b
	if at == len(w) {
		return pieces >= 2 && skips+countHeavy(b[from:]) <= 1
	}
	if c.failed[at][from][skips][pieces] {
		return false
	}
	c.tried++
	ok := false
	sk := skips
	for j := from; j < len(b) && !ok; j++ {
		t := b[j]
		if light(t) {
			continue // never clipped, left out freely
		}
		for n := min(len(t), len(w)-at); n >= clipPiece && !ok; n-- {
			ok = w[at:at+n] == t[:n] && c.from(at+n, j+1, sk, min(pieces+1, 2))
		}
		if sk++; sk > 1 {
			break
		}
	}
	c.failed[at][from][skips][pieces] = !ok
	return ok
}

// clipPiece is the least length of the start of a word that a clipped
// compound takes: with two letters, "NASHA" would be clipped from
// "NASrallah, HAsan".
const clipPiece = 3

// countHeavy is the number of words that are not light (see light).
func countHeavy(toks []string) int {
	n := 0
	for _, t := range toks {
		if !light(t) {
			n++
		}
	}
	return n
}

// light tells whether a word weighs less than its length (wordWeight): a
// particle, a patronymic or a title.
func light(t string) bool {
	return wordWeight(t) < float64(utf8.RuneCountInString(t))
}

// withoutDate is toks without its i-th word, a number, and without a
// month's name beside it (monthNames): a date, "23 mars", "March 23".
// dated tells whether a month was taken out.
func withoutDate(toks []string, i int) (rest []string, dated bool) {
	from, to := i, i+1
	switch {
	case to < len(toks) && monthNames[toks[to]]:
		to++
	case from > 0 && monthNames[toks[from-1]]:
		from--
	}
	rest = append(slices.Clone(toks[:from]), toks[to:]...)
	return rest, to-from == 2
}

// monthNames are the names of the months in English, French and Spanish,
// as Normalize leaves them (CLDR's wide month names): the languages of
// the names of the lists that write a date into a name ("Mouvement du 23
// mars", "March 23 Movement").
var monthNames = setOf(
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
	"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)

// numberedAcronym splits an acronym with a number, "apt39" or "apt 39",
// into its letters and its number.
func numberedAcronym(a []string) (letters, number string, ok bool) {
	switch {
	case len(a) == 2 && isNumber(a[1]) && !hasNumber(a[:1]):
		return a[0], a[1], true
	case len(a) == 1:
		i := strings.IndexFunc(a[0], func(r rune) bool { return r >= '0' && r <= '9' })
		if i > 0 && isNumber(a[0][i:]) {
			return a[0][:i], a[0][i:], true
		}
	}
	return "", "", false
}

// namesQualifier tells whether a's parenthetical (an acronym, as lists give
// it: "Korea Kwangson Banking Corporation (KKBC)") is b.
func namesQualifier(a, b Name) bool {
	if a.Qualifier == "" || len(b.Tokens) != 1 {
		return false
	}
	q := tokenize(a.Qualifier)
	return len(q) == 1 && q[0] == b.Tokens[0]
}

// joinSplitWords returns a with two adjacent words joined where b holds
// them as one word ("al rahmah" against "alrahmah"), or a itself.
func joinSplitWords(a, b []string) []string {
	return joinPairs(a, func(i int) (string, int) {
		if len(a[i])+len(a[i+1]) >= 5 {
			for _, t := range b {
				if len(t) == len(a[i])+len(a[i+1]) && strings.HasPrefix(t, a[i]) && strings.HasSuffix(t, a[i+1]) {
					return t, 2
				}
			}
		}
		return "", 0
	})
}

// joinPairs returns a with the n words from a[i] on replaced by the one
// word join(i) gives, where it gives one (n > 0; from the left, a joined
// word not joined again), or a itself when it gives none. join is asked
// only where two words or more are left.
func joinPairs(a []string, join func(i int) (string, int)) []string {
	var out []string
	for i := 0; i < len(a); i++ {
		if i+1 < len(a) {
			if j, n := join(i); n > 0 {
				if out == nil {
					out = append(make([]string, 0, len(a)), a[:i]...)
				}
				out = append(out, j)
				i += n - 1
				continue
			}
		}
		if out != nil {
			out = append(out, a[i])
		}
	}
	if out == nil {
		return a
	}
	return out
}

// shortFormScore is the similarity of a word and the longer word it starts
// (see shortForm), that of an initial and its word.
const shortFormScore = 0.8

// shortForm is shortFormScore when one word is the start of the other, of
// four letters or more and at least a third of the other's: a name
// shortened as people shorten it ("Siraj" for "Sirajuddin", "Ghias" for
// "Ghiassouddine", "Akhund" for "Akhundzada", "Parlin" for
// "Parlindungan", all a.k.a.s the UN list gives for its own entries); or
// when one word is the end of the other, of five letters or more and at
// least half of the other's, and rare (wordRarity from sharedRarity): a
// name cut after its first syllables ("Kipli" for "Julkipli", a UN a.k.a.)
// or a compound's second element ("Express", "Interexpress"), where a
// common end ("Allah" of "Hizballah", "Nasrallah") is no short form; or
// when a word of three letters or more starts a generic word, a line of
// business or a kind of body, as names abbreviate them ("HESCO ENG & CON.
// CO" for "HESCO ENGINEERING & CONSTRUCTION CO", OFAC SDN 18997); 0
// otherwise. Similarity takes it; the index finds such words by their
// shared ends (affix.go).
func shortForm(x, y string) float64 {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) >= 4 && 3*len(x) >= len(y) && strings.HasPrefix(y, x) {
		return shortFormScore
	}
	if len(x) >= 3 && strings.HasPrefix(y, x) && genericWords()[y] {
		return shortFormScore
	}
	if len(x) >= 5 && 2*len(x) >= len(y) && strings.HasSuffix(y, x) && wordRarity(x) >= sharedRarity {
		return shortFormScore
	}
	return 0
}

// nearJoin is the least similarity to a word of the other name at which
// joinNearWords joins two words.
const nearJoin = 0.75

// joinNearWords returns a with two adjacent words joined where the joined
// word is like a word of b (nearJoin or more) and more like it than either
// word alone: a particle written onto the name ("Bin Hammidi",
// "Benhammedi"), a name written in one word and spelled otherwise ("Zar
// Jameel", "Zarjmil"). joinSplitWords takes the words written alike. Two
// Korean syllables are not joined: joined, a syllable changed into
// another ("Chon Kyong", "Chonmyong") would count as a letter of a long
// word, where apart it counts as the syllable it is (syllableChanged).
func joinNearWords(a, b []string) []string {
	return joinPairs(a, func(i int) (string, int) {
		n := len(a[i]) + len(a[i+1])
		if n < 6 {
			return "", 0
		}
		// alike words start alike and differ in length by a quarter at
		// most: the rest are not compared
		alike := func(t string) bool { return t[0] == a[i][0] && 4*absInt(n-len(t)) <= max(n, len(t)) }
		first := slices.IndexFunc(b, alike)
		if first < 0 || isKoreanSyllable(a[i]) && isKoreanSyllable(a[i+1]) {
			return "", 0
		}
		j := a[i] + a[i+1] // only compared, it may stay on the stack
		for _, t := range b[first:] {
			if !alike(t) {
				continue
			}
			if s := wordSimilarity(j, t); s >= nearJoin && s > wordSimilarity(a[i], t) && s > wordSimilarity(a[i+1], t) {
				return strings.Clone(j), 2
			}
		}
		return "", 0
	})
}
