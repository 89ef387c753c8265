package names

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// MatchThreshold is the similarity from which two names are taken to name
// the same party. It was chosen on the labelled pairs of
// testdata/namepairs.csv (pairs of names of one entry and of two close
// entries of the UN and OFAC lists, see PROVENANCE.md) for recall, and for
// the fewest STRONG pairs wrong, the pairs the lists leave no doubt about:
// at 0.63 Similarity finds 92.4% of the pairs that name one party with
// 91.6% of its matches right (F1 0.920, the best of those measured), one
// STRONG pair wrong; at 0.65, 91.4% at 92.1% (F1 0.918), two STRONG pairs
// wrong; at 0.6, 93.8% at 89.8%, a STRONG pair of two parties taken for
// one; at 0.7, 87% at 93.5%; at 0.9, 53% at 98%. For a compliance team a
// missed listed party costs more than an alert an analyst clears, but
// below 0.63 precision falls faster than recall rises. On the 4,929 pairs
// of the draw PROVENANCE.md says was read, 0.63 against 0.65: recall 0.925
// against 0.913, F1 0.916 against 0.915, STRONG pairs wrong 6 against 10.
// Index.Search scores with Similarity, so screening decides as these
// figures say.
const MatchThreshold = 0.63

// Similarity scores how alike two names are, in [0, 1]: 1 when they are
// the same once normalised and stripped of legal forms (word order
// ignored), 0 when they share nothing. It is symmetric.
//
// The score is the larger of two views of the names' core words:
//
//   - a token-set score: each word of one name is paired with at most one
//     word of the other, best pairs first, a pair counting its optimal string
//     alignment similarity (1 − d/max length, a transposition counting as one
//     edit) when that is at least 0.5. With M the character-weighted sum of the
//     paired words' similarities, the score is 0.6·2M/(|a|+|b|) + 0.4·M/min(|a|,|b|)
//     (a Dice coefficient over characters, and how much of the shorter name
//     is covered, the shorter being the one better covered), so word order
//     does not matter and a dropped word costs in proportion to its length;
//   - the Levenshtein similarity of the words joined without spaces, in their
//     order, which forgives a space added or removed ("Aero Caribbean",
//     "Aerocaribbean").
//
// One character changed in a name of 20 letters costs about 0.05; one word
// of three dropped about 0.12.
//
// Cost: O(k·l) word comparisons of O(w²) each for names of k and l words of
// w letters; a microsecond or two for the names found on sanctions lists.
//
// Two more views (rules.go) can raise the score to that of an acronym:
// a name's acronym given in parentheses ("Modern Industries Technique
// Company (MITEC)" against "MITEC"), and a word of one name written as two
// words in the other ("ALRAHMAH" against "AL RAHMAH") is compared joined.
//
// A name in Han characters is also read as Korean and as Cantonese
// (koreanReading, cantoneseReading), and the best of its readings counts.
func Similarity(a, b string) float64 {
	pa, pb := prepare(a), prepare(b)
	s, _ := similarityOf(&pa, &pb, nil)
	return s
}

// similarityOf is Similarity of two prepared names, with the share of b's
// words that a accounts for (see Match.Coverage). Word similarities are
// remembered in c when it is given.
func similarityOf(a, b *readings, c *wordCache) (score, coverage float64) {
	score, coverage = nameSimilarity(&a.name, &b.name, c, a.han, b.han)
	if a.han || b.han {
		for k := range hanReadingCount {
			if s, cov := nameSimilarity(a.reading(k), b.reading(k), c, a.han, b.han); s > score {
				score, coverage = s, cov
			}
		}
	}
	return score, coverage
}

// nameSimilarity is Similarity of one reading of each name; hanA and hanB
// tell whether a name is in Han, whose words are the syllables of one
// character each: they are not joined into a word near one of the other
// name (joinNearWords), for the reason Korean syllables are not. Joined,
// two syllables each changed into another ("zheng ruo", 鄭若, against
// "Zhongli", OFAC SDN 30513) would count as a few letters of one word.
//
// A name written surname first ("RAHMAN, Abdul") is also joined in the
// order its words are spoken, its given names before its surname, the
// order in which an a.k.a. writes them as one word ("Abdulrahman"; "Hing
// Bun Hieng" written "HIENG, Hing Bun" and "BUNHEANG, Hing", OFAC SDN
// 24682). Written first, the surname would sit on the wrong side of the
// word it is joined to.
func nameSimilarity(pa, pb *prepared, c *wordCache, hanA, hanB bool) (score, coverage float64) {
	score, coverage = joinViews(pa.words(), pb.words(), c, hanA, hanB, true)
	if pa.Surname > 0 || pb.Surname > 0 {
		if s, cov := joinViews(spokenOrder(pa), spokenOrder(pb), c, hanA, hanB, false); s > score {
			score, coverage = s, cov
		}
	}
	// (an acronym is one word: withForms is not built for longer names)
	if score < acronymScore && (namesQualifier(pa.Name, pb.Name) || namesQualifier(pb.Name, pa.Name) ||
		len(pa.Tokens) == 1 && len(pb.Forms) > 0 && acronymWithForms(pa.Tokens, pb.Name) ||
		len(pb.Tokens) == 1 && len(pa.Forms) > 0 && acronymWithForms(pb.Tokens, pa.Name)) {
		score, coverage = acronymScore, max(coverage, acronymScore)
	}
	if numbersDiffer(pa.Tokens, pb.Tokens) {
		score *= numberPenalty
	}
	if score > pairMin && relatives(&pa.Name, &pb.Name) {
		score *= relativePenalty
	}
	return score, coverage
}

// joinViews is the similarity of a and b with two adjacent words of one
// joined where the other writes them as one word (joinSplitWords) or
// nearly so (joinNearWords), or as they are; with whole false, only views
// in which words were joined count (0 when none were). The syllables of a
// name in Han (hanA, hanB) are not joined nearly.
func joinViews(a, b words, c *wordCache, hanA, hanB, whole bool) (score, coverage float64) {
	if ta, tb := joinSplitWords(a.toks, b.toks), joinSplitWords(b.toks, a.toks); len(ta) != len(a.toks) || len(tb) != len(b.toks) {
		a, b = joinedWords(a, ta, tb, b)
		whole = true
	}
	if whole {
		score, coverage = similarity(a, b, c)
	}
	na, nb := a.toks, b.toks
	if !hanA {
		na = joinNearWords(a.toks, b.toks)
	}
	if !hanB {
		nb = joinNearWords(b.toks, a.toks)
	}
	if len(na) != len(a.toks) || len(nb) != len(b.toks) {
		if s, cov := similarity(weighed(na), weighed(nb), nil); s > score {
			score, coverage = s, cov
		}
	}
	return score, coverage
}

// spokenOrder is p's words in the order they are spoken: a name written
// surname first ("RAHMAN, Abdul", Name.Surname) with its given names
// first.
func spokenOrder(p *prepared) words {
	w := p.words()
	k := p.Surname
	if k == 0 || k >= len(w.toks) {
		return w
	}
	out := words{toks: rotate(w.toks, k), w: rotate(w.w, k), u: rotate(w.u, k), cache: w.cache}
	if w.keys != nil {
		out.keys = rotate(w.keys, k)
	}
	return out
}

// rotate is s from its k-th element on, then its first k.
func rotate[T any](s []T, k int) []T {
	return append(append(make([]T, 0, len(s)), s[k:]...), s[:k]...)
}

// relatives tells whether two names written surname first ("SURNAME,
// Given", Name.Surname) share a surname but not the first word of their
// given names: that word, titles and particles after, pairs with no word
// of the other name, and the given names up to the first word they share
// (a father's name: "AL-RAWI, Walid Talib Zughayr", "AL-RAWI, Umar Talib
// Zughayr"; a patronymic: "Kakhaber Pavlovich", "Lasha Pavlovich"), joined,
// are less than half alike letter by letter (which "Abdelmalek" and "'Abd
// al-Malik" are not). Such names are two members of one family
// ("RODRIGUEZ OLIVERA, Miguel" and "RODRIGUEZ OLIVERA, Luis"; "NASRALLAH,
// Jawad" and "NASRALLAH, Hasan"), whom OFAC's list often designates
// together, and whose shared family name, rare, would otherwise outweigh
// their given names. An a.k.a. that changes the given name is rare, and
// one that keeps it anywhere ("SAFAVI, Yahya Rahim", "YAHYA SAFAVI,
// Sayed") or gives a kunya in its place ("Abu 'Ali") is not taken for a
// relative.
func relatives(a, b *Name) bool {
	if a.Surname == 0 || b.Surname == 0 || !pairsSome(a.Tokens[:a.Surname], b.Tokens[:b.Surname]) {
		return false
	}
	ga, gb := heavyFrom(a.Tokens[a.Surname:]), heavyFrom(b.Tokens[b.Surname:])
	if len(ga) == 0 || len(gb) == 0 || kunya[ga[0]] || kunya[gb[0]] || pairsAny(ga[0], b.Tokens) || pairsAny(gb[0], a.Tokens) {
		return false
	}
	// the given names up to the first word they share (a father's name),
	// joined
	ka, kb := sharedFrom(ga, gb), sharedFrom(gb, ga)
	return joinedView(ga[:ka], gb[:kb], 0) < pairMin
}

// kunya starts an Arabic name "father of" or "mother of" someone, which
// an a.k.a. gives in place of a given name ("Abu 'Ali").
var kunya = setOf("abu", "abou", "umm", "um")

// pairsSome tells whether a word of a pairs with a word of b (pairCredit).
func pairsSome(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return pairsAny(x, b) })
}

// heavyFrom is toks from its first word that is not light (a title, a
// particle) on.
func heavyFrom(toks []string) []string {
	for i, t := range toks {
		if !light(t) {
			return toks[i:]
		}
	}
	return nil
}

// sharedFrom is the place of the first word of a that pairs with a word
// of b, or len(a).
func sharedFrom(a, b []string) int {
	for i, t := range a {
		if pairsAny(t, b) {
			return i
		}
	}
	return len(a)
}

// relativePenalty multiplies the score of two names of relatives
// (relatives). On the labelled pairs of the OFAC and UN lists it removes 5
// false matches and loses 2 WEAK true ones ("ZAHEDI, Mohammed Reza" and
// "ZAHEDI, Ali Reza"); on the 4,929 pairs of 1,500 other OFAC entries it
// was written from (the draw PROVENANCE.md says was read), 39 false
// matches and 7 WEAK true ones ("GONZALEZ QUIRARTE, Eduardo" and
// "GONZALEZ QUIRARTE, Lalo"); on the second held-out set, 42 false matches
// and 6 true ones (F1 0.907 → 0.914). 0.75 in place of 0.8 keeps two of a
// family whose surname is long and rare below MatchThreshold
// ("RODRIGUEZ OLIVERA, Miguel" and "RODRIGUEZ OLIVERA, Luis" score 0.81
// before it): it removes one more false match on the labelled pairs and 4
// on the read draw, and no true one.
const relativePenalty = 0.75

// acronymWithForms tells whether a is the acronym of n's core words and
// legal forms (isAcronymOf), the forms taken by their initials or letters
// (withForms).
func acronymWithForms(a []string, n Name) bool {
	if isAcronymOf(a, withForms(n, false)) {
		return true
	}
	for _, f := range n.Forms {
		for w := range strings.FieldsSeq(f) {
			if abbreviatedForm(w) {
				return isAcronymOf(a, withForms(n, true))
			}
		}
	}
	return false
}

// withForms is a name's core words followed by the words of its legal
// forms, for acronyms that take the form's initial too ("IHSRC", Iran
// Helicopter Support and Renewal Company), or with letters each letter of
// a form of two or three letters, which an acronym may take whole
// ("PDVSA", Petróleos de Venezuela S.A., as OFAC's list gives it).
func withForms(n Name, letters bool) []string {
	out := slices.Clone(n.Tokens)
	for _, f := range n.Forms {
		for w := range strings.FieldsSeq(f) {
			if letters && abbreviatedForm(w) {
				for i := range len(w) {
					out = append(out, w[i:i+1])
				}
			} else {
				out = append(out, w)
			}
		}
	}
	return out
}

// abbreviatedForm tells whether a word of a legal form is an abbreviation
// an acronym may take whole: two or three ASCII letters ("sa", "srl").
func abbreviatedForm(w string) bool {
	return len(w) >= 2 && len(w) <= 3 && isASCII(w)
}

// TokenSimilarity is Similarity over names already parsed into core tokens.
func TokenSimilarity(a, b []string) float64 {
	s, _ := similarity(weighed(a), weighed(b), nil)
	return s
}

// similarity works on the core words of two names, and also returns the
// share of b's weight that the pairs account for, or the score where the
// words joined match better ("Aerocaribbean": that view covers the name as
// much as it matches it).
func similarity(a, b words, c *wordCache) (score, coverage float64) {
	if len(a.toks) == 0 || len(b.toks) == 0 {
		return 0, 0
	}
	// Put the pair in a canonical order so that ties in the greedy pairing
	// break the same way whichever name comes first.
	swapped := lessTokens(b.toks, a.toks)
	if swapped {
		a, b = b, a
	}
	tok, covA, covB, korean, crossed := tokenSet(a, b, c)
	score = nameRules(a.toks, b.toks, distinctJoinedView(a, b, tok, korean))
	if crossed {
		score *= chainPenalty
	}
	coverage = covB
	if swapped {
		coverage = covA
	}
	if score > tok {
		coverage = max(coverage, score)
	}
	return score, min(coverage, 1)
}

// distinctJoinedView is joinedView over the words that are not written
// alike in both names, the words they share counted whole, each word
// weighing its length times its rarity (wordRarity) as in the token-set
// score: the letters of a shared common word ("Holdings", "Mohammad")
// would otherwise make two different names look alike letter by letter
// ("Beit el Mal Holdings", "White Seal Holdings"). With S the weight of the
// shared words on each side, R_a and R_b that of the rest and j the joined
// view of the rest, the score is (2S + j·(R_a+R_b)) / (2S + R_a + R_b),
// and never below tok. A particle ("al") is left in when a word is in
// Arabic script, which writes the article onto the word it precedes
// ("عبدالخالق", "Abd al-Khaliq"): taken out, it would leave the letters of
// the rest out of place. When two Korean names contradict each other
// (korean, see tokenSet), what differs weighs j·w + (1−j)·u on each side,
// as a pair's words do in the token-set score: otherwise the joined view
// would take "Kim Jong Il" for "Kim Jong Un" with a letter or two changed.
func distinctJoinedView(wa, wb words, tok float64, korean bool) float64 {
	a, b := wa.toks, wb.toks
	if tok >= 1-1e-12 {
		return 1
	}
	var bufA, bufB [16]string
	ra, rb := bufA[:0], bufB[:0]
	var usedB uint64
	shared, wra, wrb, ura, urb := 0.0, 0.0, 0.0, 0.0, 0.0
	abjad := -1 // whether a word is consonantal, once asked (-1: not yet)
	keep := func(t string) bool {
		if !lightWords[t] {
			return false
		}
		if abjad < 0 {
			abjad = 0
			if slices.ContainsFunc(a, isConsonantal) || slices.ContainsFunc(b, isConsonantal) {
				abjad = 1
			}
		}
		return abjad == 1
	}
	for i, t := range a {
		found := false
		for j, u := range b {
			if j < 64 && usedB&(1<<j) == 0 && t == u && wordRarity(t) < sharedRarity && !keep(t) {
				usedB |= 1 << j
				found = true
				break
			}
		}
		if found {
			shared += wa.w[i]
		} else {
			ra = append(ra, t)
			wra += wa.w[i]
			ura += contradiction(wa, i, true)
		}
	}
	if len(ra) == len(a) {
		return joinedView(a, b, tok)
	}
	for j, u := range b {
		if j >= 64 || usedB&(1<<j) == 0 {
			rb = append(rb, u)
			wrb += wb.w[j]
			urb += contradiction(wb, j, true)
		}
	}
	if len(ra) == 0 || len(rb) == 0 {
		return tok
	}
	j := weakJoin(joinedView(ra, rb, 0))
	rest := wra + wrb
	if korean {
		// what differs contradicts, as in the token-set score
		rest = j*(wra+wrb) + (1-j)*(ura+urb)
	}
	return clamp01(max(tok, (2*shared+j*(wra+wrb))/(2*shared+rest)))
}

// joinedView returns the larger of tok and the similarity of the words
// joined without spaces, computed only when it can be larger: it forgives
// a space added or removed ("Aero Caribbean", "AEROCARIBBEAN"; a Korean
// name written by syllables or not), and weighs a changed letter by the
// whole name's length. When the names have as many words and one of them
// is a Korean syllable changed into another (see wordSimilarity), the
// joined view charges it as the token-set view does (syllableExtra). With a different
// number of words, or when a word is consonantal (an Arabic name joins
// "ʿAbd al-Qadir" into one word), the keys of the joined words
// (phonetic.go) count too.
func joinedView(q, c []string, tok float64) float64 {
	if tok >= 1-1e-12 {
		return 1
	}
	extra := 0.0
	if len(q) == len(c) {
		extra = syllableExtra(q, c)
	}
	la, lb := charLen(q), charLen(c)
	bound := 1 - (float64(absInt(la-lb))+extra)/float64(max(la, lb))
	j := 0.0
	if bound > tok {
		var bq, bc [96]byte
		j = 1 - (float64(levenshtein(appendJoined(bq[:0], q), appendJoined(bc[:0], c)))+extra)/float64(max(la, lb))
		tok = max(tok, j)
	}
	// the keys' view, for names of different numbers of words when the
	// letters are half alike already or the names are short and start
	// alike ("jo seon", "Chosun"), and whenever a word is consonantal (its
	// letters say little until reduced to its skeleton)
	// (a consonantal word's letters do not bound its skeleton's
	// similarity: "ʾbdlh" is Abdullah)
	if tok < 0.95 && (0.95*bound > tok && len(q) != len(c) && (j >= 0.5 || la+lb <= 14 && keyHead(q[0]) == keyHead(c[0])) || slices.ContainsFunc(q, isConsonantal) || slices.ContainsFunc(c, isConsonantal)) {
		tok = max(tok, joinedKeySimilarity(q, c))
	}
	return clamp01(tok)
}

// appendJoined appends the words to b without spaces.
func appendJoined(b []byte, toks []string) []byte {
	for _, t := range toks {
		b = append(b, t...)
	}
	return b
}

// syllableExtra is what the joined view adds to its edit distance for the
// words of q that are, in the same place in c, another Korean syllable one
// letter apart (see wordSimilarity): such a word costs 1 − syllableChanged
// of its letters, as in the token-set view, rather than one letter, so
// that the joined view keeps the order of the words without hiding the
// change ("Kim Yong Chol" against "Kim Yong Chon": 1 − 0.4·4/11).
func syllableExtra(q, c []string) float64 {
	extra := 0.0
	for i := range q {
		if q[i] != c[i] && len(q[i]) <= 5 && len(c[i]) <= 5 && absInt(len(q[i])-len(c[i])) <= 1 &&
			isKoreanSyllable(q[i]) && isKoreanSyllable(c[i]) && wordSimilarity(q[i], c[i]) == syllableChanged {
			extra += (1-syllableChanged)*float64(max(len(q[i]), len(c[i]))) - 1
		}
	}
	return extra
}

// weakJoin is what the joined view of the words two names do not share
// counts: itself from alikeJoin up, less and less below it, nothing at
// half alike. The joined view is there for a space added or dropped and
// for a letter mistyped, which leave the letters mostly alike; words half
// alike letter by letter ("Beit el Mal", "White Seal") are other words, and
// would otherwise count for half of them. nomenklatura's logic-v2 squares a
// part's similarity for the same reason, and gives nothing below 0.5.
func weakJoin(j float64) float64 {
	if j >= alikeJoin {
		return j
	}
	return j * max(0, (j-0.5)/(alikeJoin-0.5))
}

// alikeJoin is the joined view's similarity from which it counts whole.
const alikeJoin = 0.75

// sharedRarity is the rarity under which a word written alike in both names
// is taken out of the joined view.
const sharedRarity = 0.8

func lessTokens(a, b []string) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

func charLen(toks []string) int {
	n := 0
	for _, t := range toks {
		n += utf8.RuneCountInString(t)
	}
	return n
}

// coverWeight is the share of the token-set score that measures how much
// of the shorter name the longer one covers (the rest is the symmetric Dice
// coefficient): a name written in full on a list and shortened on an
// invoice should still score well. The shorter name is the one the other
// covers more of: taken as the one whose words weigh less, it changed with
// the weight of a word left out ("ABID HAMID MAHMUD AL-TIKRITI", with its
// article, and "Abed Mahmoud Hammud" weigh nearly alike). On the labelled
// pairs this found 6 true pairs more, no false one, and 2 STRONG pairs
// more right.
const coverWeight = 0.4

// pairMin is the least word similarity that pairs two words.
const pairMin = 0.5

// tokenSet is the token-set score: each word of a is paired with at most
// one word of b, best pairs first (pairCredit), each word weighing its
// length (light words and patronymics less, see wordWeight) times its
// rarity (wordRarity). With M_a and M_b the weights of the paired words of
// each side, each counted times the pair's credit, and W_a, W_b the total
// weights, the score is 0.6·(M_a+M_b)/(W_a+W_b) + 0.4·M_s/W_s where s is
// the lighter side. It also returns the share of each side's weight that
// the pairs account for (its coverage, see totalWeight).
//
// A word a name leaves unpaired while the other name leaves a word unpaired
// too contradicts it ("KONY, Ali" and "KONY, Salim"), as does what differs
// between two paired words, and weighs u, nearly its whole length whatever
// its rarity: that "Ali" is a common given name makes a shared "Ali" weak
// evidence of one person, not a differing one weak evidence of two. A word
// of a paired with credit s weighs s·w + (1−s)·u (its credit by w, what
// differs by u).
//
// Two Korean syllables one letter apart count syllableChanged, less than
// their letters say (see wordSimilarity). When two pairs or more are such
// syllables, each counts the square of it, as logic-v2 counts every part
// (nomenklatura's logic_v2/names/distance.py): a given name with both its
// syllables changed is another person's ("KANG, P'il-Hun", "KANG,
// Mun-kil"). One syllable changed may be a letter mistyped: squared, it
// cost 14 names with a letter changed their entry on the OFAC list
// (TestOFACDPRKNameMatching).
//
// Two Korean names that contradict each other (korean, returned) weigh
// each contradicting syllable as a word of koreanSyllableLetters letters at
// least (see contradiction): "Kim Jong Un" and "Kim Jong Il" are two
// people, where Un and Il are two letters each.
//
// A word only one name has, all the other's being paired ("KIM, Kwang" and
// "KIM, Kwang Chun"), is left out, and weighs omitWeight whatever the word
// (see there).
//
// Two Korean personal names whose syllables pair only out of order
// (crossed, returned; see keepsOrder) name two people: a given name is
// its two syllables in their order, "Yong Mu" is not "Mu Yong", and "RI,
// Yong Mu" and "RI, Su Yong" (two entries of OFAC's list) share a
// syllable in another place.
func tokenSet(a, b words, c *wordCache) (score, coveredA, coveredB float64, korean, crossed bool) {
	type pair struct {
		i, j int
		sim  float64
	}
	var buf [64]pair
	pairs := buf[:0]
	cached := c != nil && a.cache != b.cache && a.cache != 0 && b.cache != 0
	for i := range a.toks {
		for j := range b.toks {
			var s float64
			if cached {
				s = c.credit(a, i, b, j)
			} else {
				s = pairCredit(a.toks[i], b.toks[j])
			}
			if s > 0 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	if len(pairs) <= 16 { // insertion sort: the lists are short
		for k := 1; k < len(pairs); k++ {
			for m := k; m > 0 && better(pairs[m].sim, pairs[m].i, pairs[m].j, pairs[m-1].sim, pairs[m-1].i, pairs[m-1].j); m-- {
				pairs[m], pairs[m-1] = pairs[m-1], pairs[m]
			}
		}
	} else {
		slices.SortFunc(pairs, func(x, y pair) int {
			if better(x.sim, x.i, x.j, y.sim, y.i, y.j) {
				return -1
			}
			if better(y.sim, y.i, y.j, x.sim, x.i, x.j) {
				return 1
			}
			return 0
		})
	}
	var usedA, usedB uint64
	var bigA, bigB map[int]bool
	if len(a.toks) > 64 || len(b.toks) > 64 {
		bigA, bigB = map[int]bool{}, map[int]bool{}
	}
	chosen, syllables := pairs[:0], 0
	for _, p := range pairs {
		if bigA != nil {
			if bigA[p.i] || bigB[p.j] {
				continue
			}
			bigA[p.i], bigB[p.j] = true, true
		} else {
			if usedA&(1<<p.i) != 0 || usedB&(1<<p.j) != 0 {
				continue
			}
			usedA |= 1 << p.i
			usedB |= 1 << p.j
		}
		chosen = append(chosen, p)
		if p.sim == syllableChanged && isKoreanSyllable(a.toks[p.i]) && isKoreanSyllable(b.toks[p.j]) {
			syllables++
		}
	}
	coverA, coverB, blameA, blameB := 0.0, 0.0, 0.0, 0.0
	for _, p := range chosen {
		if syllables > 1 && p.sim == syllableChanged && isKoreanSyllable(a.toks[p.i]) && isKoreanSyllable(b.toks[p.j]) {
			p.sim *= p.sim
		}
		coverA += p.sim * a.w[p.i]
		coverB += p.sim * b.w[p.j]
		// what differs in a pair contradicts
		blameA += (1 - p.sim) * max(0, a.u[p.i]-a.w[p.i])
		blameB += (1 - p.sim) * max(0, b.u[p.j]-b.w[p.j])
	}
	contradict := unpaired(len(a.toks), usedA, bigA) && unpaired(len(b.toks), usedB, bigB)
	korean = contradict && koreanName(a.toks) && koreanName(b.toks)
	ta, ownA := totalWeight(a, usedA, bigA, contradict, korean)
	tb, ownB := totalWeight(b, usedB, bigB, contradict, korean)
	ta += blameA
	tb += blameB
	if ta <= 0 || tb <= 0 {
		return 0, 0, 0, korean, false
	}
	dice := (coverA + coverB) / (ta + tb)
	cover := max(coverA/ta, coverB/tb)
	score = (1-coverWeight)*dice + coverWeight*cover
	crossed = len(chosen) >= 3 && koreanName(a.toks) && koreanName(b.toks) &&
		slices.ContainsFunc(chosen, func(p pair) bool { return p.sim < 1 }) && !keepsOrder(len(a.toks), len(b.toks), len(chosen), func(i, j int) bool {
		return pairCredit(a.toks[i], b.toks[j]) > 0
	})
	return score, coverA / ownA, coverB / ownB, korean, crossed
}

// keepsOrder reports whether m words of a can be paired with m words of b
// (pairs a word credit above 0, paired(i, j)) in one order in both names,
// up to a rotation of b: a Korean name's surname may stand first or last
// ("Yong Mu Ri", "Ri Yong Mu"), but its given name's syllables keep their
// order. It is the longest common subsequence of a and each rotation of b,
// words matching when paired.
func keepsOrder(na, nb, m int, paired func(i, j int) bool) bool {
	if na > 8 || nb > 8 {
		return true
	}
	var dp [9][9]int
	for r := range nb {
		for i := 1; i <= na; i++ {
			for j := 1; j <= nb; j++ {
				dp[i][j] = max(dp[i-1][j], dp[i][j-1])
				if paired(i-1, (j-1+r)%nb) {
					dp[i][j] = max(dp[i][j], dp[i-1][j-1]+1)
				}
			}
		}
		if dp[na][nb] >= m {
			return true
		}
	}
	return false
}

// totalWeight is the weight of a name's words in the token-set score
// (tokenSet), and the weight its coverage is a share of: its paired words'
// own weight (w) and each unpaired word's, at least omitWeight, so that a
// name whose short common word is left out ("Il" of "KIM, Kwang Il") is
// not taken as covered. The words left out are counted apart and last, so
// that names that leave out different words of one query score exactly
// alike. An article left out weighs as a light word (articles).
func totalWeight(a words, used uint64, big map[int]bool, contradict, korean bool) (total, whole float64) {
	omitted := 0
	for i, w := range a.w {
		switch {
		case paired(used, big, i):
			total += w
			whole += w
			continue
		case contradict:
			total += contradiction(a, i, korean)
		case articles[a.toks[i]]:
			total += a.u[i]
		default:
			omitted++
		}
		whole += max(w, omitWeight)
	}
	return total + float64(omitted)*omitWeight, whole
}

// articles are the Arabic article as the lists write it apart (al, el, ul)
// and the Spanish el. A name left out of one word weighs omitWeight
// whatever the word, but an article left out weighs as a light word: one
// romanisation writes "al-Masli", another "Almasli" or "Masli" (the OFAC
// and UN lists write the Arabic article all three ways), so a name without
// it leaves nothing out.
var articles = map[string]bool{"al": true, "el": true, "ul": true}

// omitWeight is what a word that only one name has weighs, all the other
// name's words being paired, whatever the word: a query that leaves out a
// middle name or one word of a company's name omits one word, and which
// word it left out says nothing about whether it meant this entry.
// Weighing the omitted word by its length and rarity ranked "KIM, Kwang"
// closer to "KIM, Kwang Il" than to "KIM, Kwang Chun" only because "Il"
// is shorter; now both score alike, and screening shows both. On the OFAC
// list (TestOFACDPRKNameMatching, analysis/screen) it raised the share of
// dropped-word queries whose entry is among the best matches from 85% to
// 94%, and on the labelled pairs recall from 0.875 to 0.886.
const omitWeight = 2

// pairCredit is what a pair of words counts in the token-set score: their
// similarity (wordSimilarity) or that of a short form (shortForm), 0 when
// that is under pairMin (the words are not paired).
func pairCredit(x, y string) float64 {
	if x == y {
		return 1
	}
	if s := max(wordSimilarity(x, y), shortForm(x, y), abbreviated(x, y), abbreviated(y, x)); s >= pairMin {
		return s
	}
	return 0
}

// givenAbbreviations are the abbreviations of a given name that the lists
// write for it, with the name: Muhammad written Mohd (Malaysia, Brunei),
// Muhd, Md (Bangladesh), Mhd (Syria), Muh (Indonesia), as OFAC's a.k.a.s
// do ("SHAH, Mohd Yusuf" for "SHAH, Mohammad Yusuf", SDN 22563;
// "ALCHWIKI, Mhd Amer" and "CHWIKI, Mohammad Amer", SDN 26120; "IBRAHIM,
// Muh Sholeh" for "IBRAHIM, Muhammad Sholeh", SDN 18621) and the UN's
// ("Mohd Radi Bin Udin").
var givenAbbreviations = map[string]string{"mohd": "muhammad", "muhd": "muhammad", "md": "muhammad", "mhd": "muhammad", "muh": "muhammad"}

// abbreviated is shortFormScore when x is an abbreviation of a given name
// (givenAbbreviations) that y spells, 0 otherwise.
func abbreviated(x, y string) float64 {
	if len(x) > 4 || len(x) < 2 || x[0] != 'm' || len(y) < 5 { // (every abbreviation starts with m)
		return 0
	}
	if full, ok := givenAbbreviations[x]; ok && (y == full || wordSimilarity(full, y) >= 0.8) {
		return shortFormScore
	}
	return 0
}

// weighWord is a word's weight in the token-set score, its length times
// its rarity (wordWeight, wordRarity), and its weight when it contradicts
// the other name: for a generic word the same (a line of business is not
// who a party is), for any other at least contradictRarity of its length.
func weighWord(t string) (w, u float64) {
	n, r := wordWeight(t), wordRarity(t)
	w = n * r
	if r > genericRarity || !genericWords()[t] {
		r = max(r, contradictRarity)
	}
	return w, n * r
}

// contradictRarity is the least share of its length a contradicting word
// weighs.
const contradictRarity = 0.7

func better(s1 float64, i1, j1 int, s2 float64, i2, j2 int) bool {
	if s1 != s2 {
		return s1 > s2
	}
	if i1 != i2 {
		return i1 < i2
	}
	return j1 < j2
}

// wordSimilarity is 1 − OSA distance / longer length, raised by the
// phonetic keys (see phonetic.go) for spellings of one name in different
// romanisations, and adjusted for the cases where letters mislead:
//
//   - a word romanised from a consonantal script (Arabic, Hebrew) is
//     compared by its consonants only;
//   - a French spelling of an Arabic name is read as the English one
//     (frenchSimilarity: "Ayache", "Ayash");
//   - an initial ("K" in "K. Jong Un") is 0.8 like a word it starts;
//   - two Korean syllables (koreanSyllables) one letter apart that do not
//     share a key are syllableChanged, not 0.75: "Hyok" and "Hyon" are
//     different syllables, so a changed syllable of a two-syllable given
//     name costs half of the given name, though one letter may also be
//     mistyped. Two letters apart or more, they are not paired at all
//     ("Chol", "Chun"): the romanisations of one syllable differ by one
//     letter or share a key. A letter changed into something that is no
//     syllable ("Ywng") is a typing error, and costs as a letter.
func wordSimilarity(x, y string) float64 {
	if x == y {
		return 1
	}
	if isConsonantal(x) || isConsonantal(y) {
		return consonantalSimilarity(x, y)
	}
	nx, ny := utf8.RuneCountInString(x), utf8.RuneCountInString(y)
	n := max(nx, ny)
	if n == 0 {
		return 1
	}
	if nx == 1 || ny == 1 {
		if x[0] == y[0] && min(nx, ny) == 1 {
			return 0.8
		}
		return 0
	}
	// the distance is at least the length difference, and the letters
	// one word has more of than the other (bagDistance): past half the
	// length, the words are not paired by their letters
	if d := absInt(nx - ny); float64(d) > float64(n)*(1-pairMin) || float64(bagDistance(x, y)) > float64(n)*(1-pairMin) {
		return keySimilarity(x, y)
	}
	d := osa(x, y)
	s := 1 - float64(d)/float64(n)
	if s >= 0.9 {
		return s // more than a key gives
	}
	if k := max(keySimilarity(x, y), frenchSimilarity(x, y)); k > s {
		return k
	}
	if s >= pairMin && alikeByEnding(x, y) {
		return 0
	}
	if n <= 5 && isKoreanSyllable(x) && isKoreanSyllable(y) {
		if d == 1 {
			return syllableChanged
		}
		return 0
	}
	return s
}

// bagDistance is a lower bound of the edit distance of two ASCII words
// (0 for others): the larger of the number of letters x has more of than
// y and the number y has more of than x, counted with repetition (the bag
// distance, doi:10.1007/3-540-45735-6_5). An insertion, a deletion or a
// substitution changes each count by one at most, a transposition by none,
// so it is no more than the optimal string alignment distance either.
func bagDistance(x, y string) int {
	if !isASCII(x) || !isASCII(y) {
		return 0
	}
	var count [128]int32
	for i := 0; i < len(x); i++ {
		count[x[i]]++
	}
	for i := 0; i < len(y); i++ {
		count[y[i]]--
	}
	more, fewer := 0, 0
	for i := 0; i < len(x); i++ {
		if c := count[x[i]]; c > 0 {
			more += int(c)
			count[x[i]] = 0
		}
	}
	for i := 0; i < len(y); i++ {
		if c := count[y[i]]; c < 0 {
			fewer -= int(c)
			count[y[i]] = 0
		}
	}
	return max(more, fewer)
}

// syllableChanged is the similarity of two Korean syllables one letter
// apart.
const syllableChanged = 0.6

// WordSimilarity is the similarity of two single words used inside
// Similarity: 1 − (optimal string alignment distance) / (longer length).
func WordSimilarity(x, y string) float64 { return wordSimilarity(x, y) }

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

func isASCII[S string | []byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// osa is the optimal string alignment distance (Levenshtein plus adjacent
// transpositions, no substring edited twice).
func osa(x, y string) int {
	if isASCII(x) && isASCII(y) {
		return osaSeq([]byte(x), []byte(y))
	}
	return osaSeq([]rune(x), []rune(y))
}

func osaSeq[T byte | rune](a, b []T) int {
	n, m := len(a), len(b)
	if n == 0 {
		return m
	}
	if m == 0 {
		return n
	}
	var stack [3 * 65]int
	var rows []int
	if 3*(m+1) <= len(stack) {
		rows = stack[:3*(m+1)]
	} else {
		rows = make([]int, 3*(m+1))
	}
	prev2, prev, cur := rows[:m+1], rows[m+1:2*(m+1)], rows[2*(m+1):]
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// levenshtein is the edit distance between x and y, by Myers' bit-parallel
// algorithm (doi:10.1145/316542.316550) when the shorter is ASCII and at
// most 64 bytes long, by dynamic programming otherwise.
func levenshtein[S string | []byte](x, y S) int {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 {
		return utf8.RuneCountInString(string(y))
	}
	if len(x) <= 64 && isASCII(x) && isASCII(y) {
		return myers(x, y)
	}
	if isASCII(x) && isASCII(y) {
		return levSeq([]byte(x), []byte(y))
	}
	return levSeq([]rune(string(x)), []rune(string(y)))
}

// myers computes the edit distance with the pattern p (≤ 64 bytes) held in
// bit vectors, one text character per step.
func myers[S string | []byte](p, t S) int {
	var peq [128]uint64
	for i := 0; i < len(p); i++ {
		peq[p[i]] |= 1 << i
	}
	m := len(p)
	pv, mv := ^uint64(0), uint64(0)
	score := m
	last := uint64(1) << (m - 1)
	for i := 0; i < len(t); i++ {
		eq := peq[t[i]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
	}
	return score
}

func levSeq[T byte | rune](a, b []T) int {
	m := len(b)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[m]
}

// unpaired reports whether some of n words are not marked in used (or in
// big).
func unpaired(n int, used uint64, big map[int]bool) bool {
	for i := range n {
		if !paired(used, big, i) {
			return true
		}
	}
	return false
}

// paired reports whether word j is marked in used (or in big, for names
// of more than 64 words).
func paired(used uint64, big map[int]bool, j int) bool {
	if big != nil {
		return big[j]
	}
	return used&(1<<j) != 0
}

// contradiction is what word i of a weighs when it contradicts the other
// name (see tokenSet): its u, and in a Korean name set against another
// (korean) at least that of a word of koreanSyllableLetters letters,
// whatever its own: a syllable is half the given name, and one syllable
// for another ("Kim Jong Un", "Kim Jong Il") names another person, though
// "Un" has two letters.
func contradiction(a words, i int, korean bool) float64 {
	if korean {
		return max(a.u[i], koreanSyllableLetters*contradictRarity)
	}
	return a.u[i]
}

// koreanName reports whether every word of a name of two words or more is
// a Korean syllable: a Korean personal name, its surname and the
// syllables of its given name.
func koreanName(toks []string) bool {
	return len(toks) >= 2 && !slices.ContainsFunc(toks, func(t string) bool { return !isKoreanSyllable(t) })
}

// koreanSyllableLetters is the least length, in letters, a Korean
// syllable contradicts as: the mean length of a syllable of a given name,
// 3.55 letters over the 362 given-name syllables of the Korean names of
// the labelled pairs (testdata/namepairs.csv), rounded up.
const koreanSyllableLetters = 4
