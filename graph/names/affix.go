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
// letters read backwards: by radix on their first (last) eight bytes, then
// by comparison among the few words that share those, for a comparison
// sort of a large index's words takes a second.
func (ix *Index) sortAffixes() {
	ix.byPrefix = ix.sortWords(false)
	ix.bySuffix = ix.sortWords(true)
}

// sortWords is the words' numbers in the order of their letters, read
// backwards with backwards.
func (ix *Index) sortWords(backwards bool) []int32 {
	n := len(ix.words)
	keys, ids := make([]uint64, n), make([]int32, n)
	for i, w := range ix.words {
		keys[i], ids[i] = affixKey(w, backwards), int32(i)
	}
	keys, ids = radixSort(keys, ids)
	for i := 0; i < n; {
		j := i + 1
		for j < n && keys[j] == keys[i] {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(ids[i:j], func(a, b int32) int {
				if backwards {
					return compareBackwards(ix.words[a], ix.words[b])
				}
				return strings.Compare(ix.words[a], ix.words[b])
			})
		}
		i = j
	}
	return ids
}

// affixKey is w's first eight bytes, or with backwards its last eight
// read backwards, big-endian, a shorter word padded with zeros: keys
// order as the words' starts (ends) do.
func affixKey(w string, backwards bool) uint64 {
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(w) {
			if backwards {
				k |= uint64(w[len(w)-1-i])
			} else {
				k |= uint64(w[i])
			}
		}
	}
	return k
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
