package names

import (
	"cmp"
	"slices"
	"strings"
)

// Short and long forms of one name. A name is often written short in one
// list and long in another: a word cut after its first syllables ("Sidi",
// "Sidiki"; "Rafi", "Rafiuddin"), or a compound whose first element differs
// or is dropped ("Suramericana", "Panamericana"; "Abdikadir", "Abdulkadir";
// "Cholsan", "Chkholsan"). Neither an edit nor a phonetic key brings such a
// word to the other: the index finds them by their shared start or end,
// from the words sorted by their letters (byPrefix) and by their letters
// read backwards (bySuffix). Only a rare query word is looked up so
// (term.rare), and only a start or end that few indexed words share
// (affixWords): a short form of a common name is a prefix of too many.

// minAffix is the least length of a shared start or end, four letters: a
// syllable or two of a Korean or Arabic name ("sidi", "rafi") says little
// less than the whole word, three ("kim", "abd") say little.
const minAffix = 4

// affixWords is the most indexed words a start or end may be shared by for
// them to be looked up: beyond, the query word is a common start ("abdu")
// rather than a short form.
const affixWords = 8

// sortAffixes orders the indexed words by their letters and by their
// letters read backwards.
func (ix *Index) sortAffixes() {
	n := int32(len(ix.words))
	ix.byPrefix, ix.bySuffix = make([]int32, n), make([]int32, n)
	for i := range n {
		ix.byPrefix[i], ix.bySuffix[i] = i, i
	}
	slices.SortFunc(ix.byPrefix, func(a, b int32) int { return strings.Compare(ix.words[a], ix.words[b]) })
	slices.SortFunc(ix.bySuffix, func(a, b int32) int { return compareBackwards(ix.words[a], ix.words[b]) })
}

// compareBackwards compares a and b read from their last byte to their
// first.
func compareBackwards(a, b string) int {
	for i, j := len(a)-1, len(b)-1; i >= 0 && j >= 0; i, j = i-1, j-1 {
		if a[i] != b[j] {
			return cmp.Compare(a[i], b[j])
		}
	}
	return cmp.Compare(len(a), len(b))
}

// affixes appends to out the indexed words other than t that start with
// the query word t, with the share of the longer word the shared letters
// make, and those that end as t does once its first one to four letters
// are dropped, at least minAffix letters and half of t remaining, and are
// as alike as a compound spelled otherwise (joinedMin: "suramericana" and
// "panamericana" 0.75; not "clearwell" and "starwell", two names that
// share an English word), with their similarity; each start or end shared
// by affixWords words at most.
func (ix *Index) affixes(t string, out []variant) []variant {
	if len(t) < minAffix || !isASCII(t) {
		return out
	}
	// words that start with t
	i := ix.lowerBound(ix.byPrefix, t, false)
	j := i
	for j < len(ix.byPrefix) && j-i <= affixWords && strings.HasPrefix(ix.words[ix.byPrefix[j]], t) {
		j++
	}
	if j-i <= affixWords {
		for _, w := range ix.byPrefix[i:j] {
			if u := ix.words[w]; u != t {
				out = append(out, variant{word: w, sim: float32(len(t)) / float32(len(u)), byKey: true, rare: true})
			}
		}
	}
	// words that end as t does without its first letters
	for d := 1; d <= 4 && len(t)-d >= max(minAffix, (len(t)+1)/2); d++ {
		s := t[d:]
		i := ix.lowerBound(ix.bySuffix, s, true)
		j := i
		for j < len(ix.bySuffix) && j-i <= affixWords && strings.HasSuffix(ix.words[ix.bySuffix[j]], s) {
			j++
		}
		if j-i > affixWords {
			continue
		}
		for _, w := range ix.bySuffix[i:j] {
			if u := ix.words[w]; u != t {
				if sim := wordSimilarity(t, u); sim >= joinedMin {
					out = append(out, variant{word: w, sim: float32(sim), byKey: true, rare: true})
				}
			}
		}
	}
	return out
}

// lowerBound is the first place in order (byPrefix, or bySuffix with
// backwards) whose word is not before t. A loop of its own, comparing with
// <, rather than slices.BinarySearchFunc or strings.Compare, through
// which t would escape to the heap: every query word looked up would be
// copied there.
func (ix *Index) lowerBound(order []int32, t string, backwards bool) int {
	lo, hi := 0, len(order)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		w := ix.words[order[m]]
		if backwards && compareBackwards(w, t) < 0 || !backwards && w < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
