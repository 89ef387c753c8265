package names

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// MatchThreshold is the similarity from which two names are taken to name
// the same party. It was chosen on the labelled pairs of
// testdata/namepairs.csv (pairs of names of one entry and of two close
// entries of the UN and OFAC lists, see PROVENANCE.md) for recall: at 0.65
// Similarity finds 88% of the pairs that name one party with 91% of its
// matches right (F1 0.89; on the dev half recall 0.877 at precision 0.909,
// on the held-out half 0.869 at 0.909); at 0.68, the most precise on the
// dev half with recall 0.85, the held-out half falls to 0.848; at 0.7, 83%
// at 93%; at 0.9, 43% at 98%. For a compliance team a missed listed party
// costs more than an alert an analyst clears. The threshold is also
// Index.Search's, whose scores weigh words by their rarity among the
// indexed names rather than on the lists: raising it would cost screening
// recall without the precision Similarity gained.
const MatchThreshold = 0.65

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
//     is covered), so word order does not matter and a dropped word costs in
//     proportion to its length;
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
// A name in Han characters is also read as Korean (koreanReading), and the
// better of the two readings counts.
func Similarity(a, b string) float64 {
	s := nameSimilarity(a, b)
	ka, oka := koreanReading(a)
	kb, okb := koreanReading(b)
	if oka || okb {
		s = max(s, nameSimilarity(ka, kb))
	}
	return s
}

// nameSimilarity is Similarity of one reading of each name.
func nameSimilarity(a, b string) float64 {
	pa, pb := Parse(a), Parse(b)
	ta, tb := joinSplitWords(pa.Tokens, pb.Tokens), joinSplitWords(pb.Tokens, pa.Tokens)
	s := similarity(ta, tb)
	if na, nb := joinNearWords(ta, tb), joinNearWords(tb, ta); len(na) != len(ta) || len(nb) != len(tb) {
		s = max(s, similarity(na, nb))
	}
	if s < acronymScore && (namesQualifier(pa, pb) || namesQualifier(pb, pa) ||
		len(pb.Forms) > 0 && isAcronymOf(pa.Tokens, withForms(pb)) || len(pa.Forms) > 0 && isAcronymOf(pb.Tokens, withForms(pa))) {
		s = acronymScore
	}
	if numbersDiffer(pa.Tokens, pb.Tokens) {
		s *= numberPenalty
	}
	return s
}

// withForms is a name's core words followed by the words of its legal
// forms, for acronyms that take the form's initial too ("IHSRC", Iran
// Helicopter Support and Renewal Company).
func withForms(n Name) []string {
	out := slices.Clone(n.Tokens)
	for _, f := range n.Forms {
		out = append(out, strings.Fields(f)...)
	}
	return out
}

// TokenSimilarity is Similarity over names already parsed into core tokens.
func TokenSimilarity(a, b []string) float64 { return similarity(a, b) }

// similarity works on the core tokens of two names.
func similarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// Put the pair in a canonical order so that ties in the greedy pairing
	// break the same way whichever name comes first.
	if lessTokens(b, a) {
		a, b = b, a
	}
	var bufA, bufB, fullA, fullB [16]float64
	wa, ua := wordWeights(a, bufA[:0], fullA[:0])
	wb, ub := wordWeights(b, bufB[:0], fullB[:0])
	return nameRules(a, b, distinctJoinedView(a, b, wa, wb, tokenSetScore(a, b, wa, wb, ua, ub)))
}

// distinctJoinedView is joinedView over the words that are not written
// alike in both names, the words they share counted whole, each word
// weighing its length times its rarity (wordRarity) as in the token-set
// score: the letters of a shared common word ("Holdings", "Mohammad")
// would otherwise make two different names look alike letter by letter
// ("Beit el Mal Holdings", "White Seal Holdings"). With S the weight of the
// shared words on each side, R_a and R_b that of the rest and j the joined
// view of the rest, the score is (2S + j·(R_a+R_b)) / (2S + R_a + R_b),
// and never below tok.
func distinctJoinedView(a, b []string, wa, wb []float64, tok float64) float64 {
	if tok >= 1-1e-12 {
		return 1
	}
	var bufA, bufB [16]string
	ra, rb := bufA[:0], bufB[:0]
	var usedB uint64
	shared, wra, wrb := 0.0, 0.0, 0.0
	for i, t := range a {
		found := false
		for j, u := range b {
			if j < 64 && usedB&(1<<j) == 0 && t == u && wordRarity(t) < sharedRarity {
				usedB |= 1 << j
				found = true
				break
			}
		}
		if found {
			shared += wa[i]
		} else {
			ra = append(ra, t)
			wra += wa[i]
		}
	}
	if len(ra) == len(a) {
		return joinedView(a, b, tok)
	}
	for j, u := range b {
		if j >= 64 || usedB&(1<<j) == 0 {
			rb = append(rb, u)
			wrb += wb[j]
		}
	}
	if len(ra) == 0 || len(rb) == 0 {
		return tok
	}
	j := weakJoin(joinedView(ra, rb, 0))
	return clamp01(max(tok, (2*shared+j*(wra+wrb))/(2*shared+wra+wrb)))
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
// invoice should still score well.
const coverWeight = 0.4

// pairMin is the least word similarity that pairs two words.
const pairMin = 0.5

// tokenSetScore pairs words greedily, best pair first, each word weighing
// wa or wb: its length in letters (light words and patronymics less, see
// wordWeight) times its rarity (wordRarity).
//
// A word a name leaves unpaired while the other name leaves a word unpaired
// too contradicts it ("KONY, Ali" and "KONY, Salim"), as does what differs
// between two paired words, and weighs ua or ub, nearly its whole length
// whatever its rarity: that "Ali" is a common given name makes a shared
// "Ali" weak evidence of one person, not a differing one weak evidence of
// two. A word only one name has is left out ("KIM, Kwang" and "KIM, Kwang
// Chun") and weighs as its rarity says. A word may pair with its short form
// (shortForm). Two Korean syllables one letter apart (syllableChanged)
// count the square of their similarity, as logic-v2 counts every part
// (nomenklatura's logic_v2/names/distance.py): a given name with both its
// syllables changed is another person's ("KANG, P'il-Hun", "KANG,
// Mun-kil").
func tokenSetScore(a, b []string, wa, wb, ua, ub []float64) float64 {
	score, _ := tokenSet(a, b, wa, wb, ua, ub, 0, func(i, j int) float64 {
		if a[i] == b[j] {
			return 1
		}
		s := wordSimilarity(a[i], b[j])
		if s == syllableChanged && isKoreanSyllable(a[i]) && isKoreanSyllable(b[j]) {
			return s * s
		}
		return max(s, shortForm(a[i], b[j]))
	})
	return score
}

// wordWeights appends to w each word's weight in the token-set score, its
// length times its rarity (wordWeight, wordRarity), and to u its weight
// when it contradicts the other name: for a generic word the same (a line
// of business is not who a party is), for any other at least
// contradictRarity of its length.
func wordWeights(toks []string, w, u []float64) ([]float64, []float64) {
	for _, t := range toks {
		n, r := wordWeight(t), wordRarity(t)
		w = append(w, n*r)
		if r > genericRarity || !genericWords[t] {
			r = max(r, contradictRarity)
		}
		u = append(u, n*r)
	}
	return w, u
}

// contradictRarity is the least share of its length a contradicting word
// weighs.
const contradictRarity = 0.7

// weightedTokenSetFunc is the token-set score with given word weights and
// the word similarity of a[i] and b[j] given by sim (which may remember
// it): with M_a and M_b the weights of the paired words of each side, each
// counted times the pair's similarity, and W_a, W_b the total weights,
// 0.6·(M_a+M_b)/(W_a+W_b) + 0.4·M_s/W_s where s is the lighter side. When
// omit > 0, a word of b paired with no word of a weighs omit in b's total
// instead of its own weight (see omitWeight). It also returns the share of
// b's own total weight that the pairs account for (b's coverage).
func weightedTokenSetFunc(a, b []string, wa, wb []float64, omit float64, sim func(i, j int) float64) (score, covered float64) {
	return tokenSet(a, b, wa, wb, nil, nil, omit, sim)
}

// tokenSet is weightedTokenSetFunc where, when ua and ub are given, what
// contradicts the other name weighs by them: a word of a paired with
// similarity s weighs s·wa[i] + (1−s)·ua[i] (its credit by wa, what differs
// by ua), and when both names leave a word unpaired, an unpaired word of a
// weighs ua[i]; likewise for b (see tokenSetScore).
func tokenSet(a, b []string, wa, wb, ua, ub []float64, omit float64, sim func(i, j int) float64) (score, covered float64) {
	type pair struct {
		i, j int
		sim  float64
	}
	var buf [64]pair
	pairs := buf[:0]
	for i := range a {
		for j := range b {
			if s := sim(i, j); s >= pairMin {
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
	if len(a) > 64 || len(b) > 64 {
		bigA, bigB = map[int]bool{}, map[int]bool{}
	}
	coverA, coverB, blameA, blameB := 0.0, 0.0, 0.0, 0.0
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
		coverA += p.sim * wa[p.i]
		coverB += p.sim * wb[p.j]
		if ua != nil { // what differs in a pair contradicts
			blameA += (1 - p.sim) * max(0, ua[p.i]-wa[p.i])
			blameB += (1 - p.sim) * max(0, ub[p.j]-wb[p.j])
		}
	}
	contradict := ua != nil && unpaired(len(a), usedA, bigA) && unpaired(len(b), usedB, bigB)
	ta, tb, tbOwn := blameA, blameB, 0.0
	for i, w := range wa {
		if contradict && !paired(usedA, bigA, i) {
			w = ua[i]
		}
		ta += w
	}
	for j, w := range wb {
		tbOwn += w
		if omit > 0 && !paired(usedB, bigB, j) {
			w = omit
		}
		if contradict && !paired(usedB, bigB, j) {
			w = ub[j]
		}
		tb += w
	}
	if ta <= 0 || tb <= 0 {
		return 0, 0
	}
	dice := (coverA + coverB) / (ta + tb)
	cover := coverA / ta
	if tb < ta {
		cover = coverB / tb
	}
	return (1-coverWeight)*dice + coverWeight*cover, coverB / tbOwn
}

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
//   - an initial ("K" in "K. Jong Un") is 0.8 like a word it starts;
//   - two Korean syllables (koreanSyllables) one letter apart that do not
//     share a key are 0.5, not 0.75: "Hyok" and "Hyon" are different
//     syllables, so a changed syllable of a two-syllable given name costs
//     half of the given name. A letter changed into something that is no
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
	// the distance is at least the length difference
	if d := absInt(nx - ny); float64(d) > float64(n)*(1-pairMin) {
		return keySimilarity(x, y)
	}
	d := osa(x, y)
	s := 1 - float64(d)/float64(n)
	if s >= 0.9 {
		return s // more than a key gives
	}
	if k := keySimilarity(x, y); k > s {
		return k
	}
	if d == 1 && n <= 5 && isKoreanSyllable(x) && isKoreanSyllable(y) {
		return syllableChanged
	}
	return s
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

func isASCII(s string) bool {
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
func levenshtein(x, y string) int {
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) == 0 {
		return utf8.RuneCountInString(y)
	}
	if len(x) <= 64 && isASCII(x) && isASCII(y) {
		return myers(x, y)
	}
	if isASCII(x) && isASCII(y) {
		return levSeq([]byte(x), []byte(y))
	}
	return levSeq([]rune(x), []rune(y))
}

// myers computes the edit distance with the pattern p (≤ 64 bytes) held in
// bit vectors, one text character per step.
func myers(p, t string) int {
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
