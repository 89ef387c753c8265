package names

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shellnet/shellnet/graph"
)

// Match is one node found by Index.Search.
type Match struct {
	Node  int32   // the node's index in the projection (or the NewIndexFunc numbering)
	Name  string  // the name or alias that matched best
	Score float64 // Similarity(query, Name)
	// Coverage is the share of Name's words, each weighing its length
	// times its rarity (a word left out at least omitWeight), that the
	// query's words account for: 1 when the query mentions every word of
	// Name, about 0.6 when it leaves out one of three ("KIM, Kwang" for
	// "KIM, Kwang Chun"). Score treats every left-out word alike (see
	// omitWeight); Coverage tells how much of the name went unmentioned,
	// for callers that must be certain.
	Coverage float64
}

// Index finds the names most similar to a query among many. Every name and
// alias of every node is an entry; entries are retrieved through an inverted
// index from their core words to the entries holding them, and a query word
// reaches the words one edit away through a symmetric-deletion table (each
// word and each of its one-letter deletions, hashed; doi:10.1145/1571941.1572018
// describes the idea, SymSpell made it popular). Words held by many entries
// are not enumerated but checked on the candidates the rarer words bring in,
// so a query costs O(candidates), not O(names). A rare query word, whose
// spellings within an edit few entries hold, also reaches the words that
// spell it otherwise: by its phonetic key and skeleton, two edits away, as
// a short or long form (affix.go), by its Korean syllables, and joined
// with a neighbour; a word reached so brings in its entries only when they
// are few, so that a name no edit reaches is found without a common word
// flooding the candidates. Candidates are ranked by an IDF-weighted Dice
// of the words they share with the query, and the best are scored with
// Similarity: the index keeps what Similarity needs of each name (its
// words, their weights, its legal forms and parenthetical), so that a
// candidate is not parsed again.
//
// An Index is read-only once built and safe for concurrent searches.
type Index struct {
	nodes   int
	entNode []int32
	entName []string
	tokOff  []int32 // entry e's words are toks[tokOff[e]:tokOff[e+1]]
	toks    []int32
	entW    []float32 // sum of the idf of an entry's words

	words   []string
	vocab   map[string]int32
	postOff []int32 // word w's entries are post[postOff[w]:postOff[w+1]]
	post    []int32
	// postW[i] is entW of the entry post[i], so that gathering a word's
	// entries reads their weights in order rather than one by one from
	// entW, a cache miss each on a large index
	postW []float32
	idf   []float32

	// entMore[e] numbers entry e's legal forms and parenthetical in mores
	// (0: none); it is negative, ^number, for an entry that is a reading
	// of a name in Han: a name in Han is followed by hanReadingCount such
	// entries, its Korean reading then its Cantonese one.
	entMore []int32
	mores   []nameMore
	wordW   []float64 // a word's weights in Similarity (weighWord)
	wordU   []float64
	// consonantal tells whether some word was romanised from a
	// consonantal script (isConsonantal)
	consonantal bool

	delHash []uint64 // sorted; delWord[i] is the word delHash[i] came from
	delWord []int32

	// the words' numbers in the order of their letters, and of their
	// letters read backwards (affix.go)
	byPrefix, bySuffix []int32

	acrHash []uint64 // sorted; acrEnt[i] is the entry whose acronym acrHash[i] is
	acrEnt  []int32

	frequent int // a word held by more entries than this is checked, not enumerated
	pool     sync.Pool
}

// NewIndex indexes the names and aliases of nodes, numbered by their
// position (the projection's dense indices). With kinds given, only nodes
// of those kinds are indexed.
func NewIndex(nodes []graph.Node, kinds ...graph.Kind) *Index {
	return NewIndexFunc(len(nodes), func(i int32) []string {
		n := &nodes[i]
		if len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
			return nil
		}
		if len(n.Aliases()) == 0 {
			if n.Name == "" {
				return nil
			}
			return []string{n.Name}
		}
		out := make([]string, 0, 1+len(n.Aliases()))
		if n.Name != "" {
			out = append(out, n.Name)
		}
		return append(out, n.Aliases()...)
	})
}

// NewIndexFunc indexes n nodes whose names namesOf returns (name first,
// then aliases). Building parses every name once, on all cores.
func NewIndexFunc(n int, namesOf func(i int32) []string) *Index {
	ix := &Index{nodes: n}
	var readAs []string // the reading an entry is parsed from, when not its name
	// entries, in node order
	for i := int32(0); i < int32(n); i++ {
		seen := ""
		for k, s := range namesOf(i) {
			if s == "" || (k > 0 && s == seen) {
				continue
			}
			if k == 0 {
				seen = s
			}
			ix.entNode = append(ix.entNode, i)
			ix.entName = append(ix.entName, s)
			readAs = append(readAs, "")
			// a name in Han is an entry by its Korean and its
			// Cantonese reading too
			if kr, cr, ok := hanReadings(s); ok {
				ix.entNode = append(ix.entNode, i, i)
				ix.entName = append(ix.entName, s, s)
				readAs = append(readAs, kr, cr)
			}
		}
	}
	ne := len(ix.entName)
	parsed := make([][]string, ne)
	more := make([]nameMore, ne)
	workers := runtime.GOMAXPROCS(0)
	// each worker's acronym hashes and entries, in entry order
	acrH, acrE := make([][]uint64, workers), make([][]int32, workers)
	var wg sync.WaitGroup
	chunk := (ne + workers - 1) / max(workers, 1)
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, ne)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var hs []uint64
			for e := lo; e < hi; e++ {
				text := ix.entName[e]
				if readAs[e] != "" {
					text = readAs[e]
				}
				nm := Parse(text)
				parsed[e] = nm.Tokens
				more[e] = nameMore{nm.Forms, nm.Qualifier, nm.Surname}
				hs = acronymHashes(nm, hs[:0])
				for _, h := range hs {
					acrH[w] = append(acrH[w], h)
					acrE[w] = append(acrE[w], int32(e))
				}
			}
		}()
	}
	wg.Wait()

	ix.vocab = make(map[string]int32, ne/2+16)
	ix.tokOff = make([]int32, ne+1)
	ix.toks = make([]int32, 0, ne*3)
	var df []int32
	for e, toks := range parsed {
		for _, t := range toks {
			id, ok := ix.vocab[t]
			if !ok {
				id = int32(len(ix.words))
				t = string([]byte(t)) // detach from the folded name
				ix.vocab[t] = id
				ix.words = append(ix.words, t)
				df = append(df, 0)
			}
			if !slices.Contains(ix.toks[ix.tokOff[e]:], id) {
				df[id]++
			}
			ix.toks = append(ix.toks, id)
		}
		ix.tokOff[e+1] = int32(len(ix.toks))
		parsed[e] = nil
	}
	nw := len(ix.words)
	ix.postOff = make([]int32, nw+1)
	for w := 0; w < nw; w++ {
		ix.postOff[w+1] = ix.postOff[w] + df[w]
	}
	ix.post = make([]int32, ix.postOff[nw])
	next := slices.Clone(ix.postOff[:nw])
	ix.idf = make([]float32, nw)
	for w := 0; w < nw; w++ {
		ix.idf[w] = float32(math.Log(1 + float64(ne)/float64(df[w])))
	}
	ix.entW = make([]float32, ne)
	for e := 0; e < ne; e++ {
		ts := ix.toks[ix.tokOff[e]:ix.tokOff[e+1]]
		for k, w := range ts {
			if slices.Contains(ts[:k], w) {
				continue
			}
			ix.post[next[w]] = int32(e)
			next[w]++
			ix.entW[e] += ix.idf[w]
		}
	}
	ix.vocab = nil // only building needs it
	ix.entMore, ix.mores = internMores(more, readAs)
	ix.derive()
	ix.buildDeletions()
	if hs := slices.Concat(acrH...); len(hs) > 0 {
		ix.acrHash, ix.acrEnt = radixSort(hs, slices.Concat(acrE...))
	}
	ix.frequent = max(2000, ne/256)
	return ix
}

// derive computes what the index holds beside what it writes (WriteTo):
// each word's weights in Similarity, the weights of the postings'
// entries, and the words' orders by their starts and ends.
func (ix *Index) derive() {
	ix.postW = make([]float32, len(ix.post))
	for i, e := range ix.post {
		ix.postW[i] = ix.entW[e]
	}
	ix.wordW, ix.wordU = make([]float64, len(ix.words)), make([]float64, len(ix.words))
	ix.consonantal = false
	for w, t := range ix.words {
		ix.wordW[w], ix.wordU[w] = weighWord(t)
		ix.consonantal = ix.consonantal || isConsonantal(t)
	}
	ix.sortAffixes()
}

// nameMore is what Similarity needs of a name beside its core words: its
// legal forms and parenthetical (Name), for acronyms.
type nameMore struct {
	forms     []string
	qualifier string
	surname   int // Name.Surname
}

// internMores numbers the distinct legal forms and parentheticals of the
// entries, the first (0) none, marking the entries that are a reading of
// a name in Han (see Index.entMore).
func internMores(more []nameMore, readAs []string) ([]int32, []nameMore) {
	ids := make([]int32, len(more))
	mores := []nameMore{{}}
	seen := map[string]int32{"": 0}
	for e, m := range more {
		k := m.key()
		id, ok := seen[k]
		if !ok {
			id = int32(len(mores))
			seen[k] = id
			mores = append(mores, m)
		}
		if readAs[e] != "" {
			id = ^id
		}
		ids[e] = id
	}
	return ids, mores
}

// key is m written as one string: a 3 byte and the number of surname
// words when there are some, its forms, each followed by a 0 byte (a
// canonical legal form has none), then a 1 byte and its parenthetical.
func (m nameMore) key() string {
	if len(m.forms) == 0 && m.qualifier == "" && m.surname == 0 {
		return ""
	}
	var b strings.Builder
	if m.surname > 0 {
		b.WriteByte(3)
		b.WriteByte(byte(m.surname))
	}
	for _, f := range m.forms {
		b.WriteString(f)
		b.WriteByte(0)
	}
	b.WriteByte(1)
	b.WriteString(m.qualifier)
	return b.String()
}

// parseMore reads back a nameMore written by key.
func parseMore(k string) (nameMore, bool) {
	if k == "" {
		return nameMore{}, true
	}
	var m nameMore
	if k[0] == 3 {
		if len(k) < 2 || k[1] == 0 {
			return m, false
		}
		m.surname, k = int(k[1]), k[2:]
	}
	for k != "" && k[0] != 1 {
		f, rest, ok := strings.Cut(k, "\x00")
		if !ok {
			return m, false
		}
		m.forms = append(m.forms, f)
		k = rest
	}
	if k == "" {
		return m, false
	}
	m.qualifier = k[1:]
	return m, true
}

// buildDeletions fills the symmetric-deletion table: the hashes of every
// word and of its one-letter deletions, sorted, with the word each came
// from. Words are appended in order and a word's hashes are distinct, so a
// stable sort on the hash alone leaves equal hashes in word order.
func (ix *Index) buildDeletions() {
	total := 0
	for _, w := range ix.words {
		total += 3 + utf8.RuneCountInString(w)
	}
	hashes := make([]uint64, 0, total)
	words := make([]int32, 0, total)
	var hs []uint64
	for id, w := range ix.words {
		hs = deletionHashes(w, hs[:0])
		for _, h := range hs {
			hashes = append(hashes, h)
			words = append(words, int32(id))
		}
	}
	ix.delHash, ix.delWord = radixSort(hashes, words)
}

// How acronymHashes takes a name's legal forms: not at all, by their
// words' initials, or a form of two or three letters by its letters
// (withForms).
const (
	noForms = iota
	formInitials
	formLetters
)

// minAcronym is the least length of an acronym the index keeps for a name
// of its initials: two letters stand for too many names to retrieve by.
const minAcronym = 3

// acronymHashes appends the hashes (fnvSkip) of the words by which a
// one-word query reaches a name as its acronym (see isAcronymOf and
// namesQualifier): the initials of its core words, and of its core words
// and legal forms ("IHSRC"; a short form's letters, "PDVSA"), with and
// without light words, and its
// parenthetical when it is one word ("KKBC" in "Korea Kwangson Banking
// Corporation (KKBC)"). They are hashed as they are made: an index makes
// them for every name.
func acronymHashes(nm Name, out []uint64) []uint64 {
	if nm.Qualifier != "" {
		if q := tokenize(nm.Qualifier); len(q) == 1 && len(q[0]) >= 2 && (len(nm.Tokens) > 1 || q[0] != nm.Tokens[0]) {
			out = append(out, fnvSkip(q[0], -1, 0))
		}
	}
	for _, forms := range []int{noForms, formInitials, formLetters} {
		if forms != noForms && len(nm.Forms) == 0 {
			break
		}
		for _, skipLight := range []bool{false, true} {
			h, n := uint64(fnvOffset), 0
			for _, t := range nm.Tokens {
				if skipLight && lightWords[t] {
					continue
				}
				if t[0] >= utf8.RuneSelf {
					return out
				}
				h, n = (h^uint64(t[0]))*fnvPrime, n+1
			}
			for k := 0; forms != noForms && k < len(nm.Forms); k++ {
				for w := range strings.FieldsSeq(nm.Forms[k]) {
					if forms == formLetters && abbreviatedForm(w) {
						for i := range len(w) {
							h, n = (h^uint64(w[i]))*fnvPrime, n+1
						}
					} else {
						h, n = (h^uint64(w[0]))*fnvPrime, n+1
					}
				}
			}
			if n >= minAcronym && !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	// a name with one number is also reached by the initials of its other
	// words and the number ("APT39", "Advanced Persistent Threat 39"), the
	// number standing for a date with its month ("M23", "Mouvement du 23
	// mars"; see isAcronymOf)
	if num := slices.IndexFunc(nm.Tokens, isNumber); num >= 0 && len(nm.Tokens) >= 3 && !slices.ContainsFunc(nm.Tokens[num+1:], isNumber) {
		rest, dated := withoutDate(nm.Tokens, num)
		for _, words := range [][]string{slices.Delete(slices.Clone(nm.Tokens), num, num+1), rest} {
			for _, skipLight := range []bool{false, true} {
				h, n := uint64(fnvOffset), 0
				for _, t := range words {
					if !(skipLight && lightWords[t]) {
						h, n = (h^uint64(t[0]))*fnvPrime, n+1
					}
				}
				for _, c := range []byte(nm.Tokens[num]) {
					h = (h ^ uint64(c)) * fnvPrime
				}
				if (n > 1 || dated && n == 1) && !slices.Contains(out, h) {
					out = append(out, h)
				}
			}
			if !dated {
				break
			}
		}
	}
	return out
}

// acronymEntries returns the entries whose acronym keys hold w.
func (ix *Index) acronymEntries(w string) []int32 {
	h := fnvSkip(w, -1, 0)
	i, _ := slices.BinarySearch(ix.acrHash, h)
	j := i
	for j < len(ix.acrHash) && ix.acrHash[j] == h {
		j++
	}
	return ix.acrEnt[i:j]
}

// oneWordEntries returns up to n entries whose only core word hashes to
// h (fnvSkip).
func (ix *Index) oneWordEntries(h uint64, n int) []int32 {
	var out []int32
	i, _ := slices.BinarySearch(ix.delHash, h)
	for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
		id := ix.delWord[i]
		if fnvSkip(ix.words[id], -1, 0) != h {
			continue // a deletion of another word
		}
		for _, e := range ix.post[ix.postOff[id]:ix.postOff[id+1]] {
			if len(out) == n {
				return out
			}
			if ix.tokOff[e+1]-ix.tokOff[e] == 1 {
				out = append(out, e)
			}
		}
	}
	return out
}

// radixSort sorts keys, and vals alongside, stably, 16 bits a pass from the
// lowest: four passes over the table, where a comparison sort of millions
// of entries makes twenty. It may return the buffers it allocates.
func radixSort(keys []uint64, vals []int32) ([]uint64, []int32) {
	n := len(keys)
	if n < 256 {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
		k2, v2 := make([]uint64, n), make([]int32, n)
		for i, j := range idx {
			k2[i], v2[i] = keys[j], vals[j]
		}
		return k2, v2
	}
	return radixPasses(keys, vals, make([]uint64, n), make([]int32, n), make([]int, 1<<16), 16, 0, 64)
}

// radixPasses sorts keys, and vals alongside, stably by their bits from lo
// up to hi, digit bits a pass from the lowest, with bk and bv (as long) as
// buffers and count (1 << digit long) for the counts; a pass is skipped
// when every key has the same digit. It returns keys and vals or the
// buffers, whichever holds the sorted order.
func radixPasses(keys []uint64, vals []int32, bk []uint64, bv []int32, count []int, digit, lo, hi uint) ([]uint64, []int32) {
	n := len(keys)
	for shift := lo; shift < hi && n > 0; shift += digit {
		mask := uint64(1)<<min(digit, hi-shift) - 1
		clear(count)
		for _, k := range keys {
			count[(k>>shift)&mask]++
		}
		if count[(keys[0]>>shift)&mask] == n {
			continue // every key has this digit
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for i, k := range keys {
			d := (k >> shift) & mask
			j := count[d]
			count[d]++
			bk[j], bv[j] = k, vals[i]
		}
		keys, bk = bk, keys
		vals, bv = bv, vals
	}
	return keys, vals
}

// deletionHashes appends the FNV-1a hashes of w and of w with each one of
// its letters deleted, then of its phonetic key and consonant skeleton
// (phonetic.go, marked apart from words; distinct values only). The keys
// let a query word reach spellings more than one letter away ("choson",
// "joseon"; "ʾmhmd", "muhammad").
func deletionHashes(w string, out []uint64) []uint64 {
	return keyHashes(w, editHashes(w, out), true)
}

// editHashes appends the hashes of w and of its one-letter deletions.
func editHashes(w string, out []uint64) []uint64 {
	out = append(out, fnvSkip(w, -1, 0))
	if utf8.RuneCountInString(w) < 2 {
		return out
	}
	for i, r := range w {
		h := fnvSkip(w, i, utf8.RuneLen(r))
		if !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// keyHashes appends the hashes of w's phonetic key and, with skeleton, of
// its consonant skeleton.
func keyHashes(w string, out []uint64, skeleton bool) []uint64 {
	var buf [64]byte
	if key := appendKey(append(buf[:0], 1), w, true); len(key) > 2 {
		if h := fnvSkip(string(key), -1, 0); !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	if h := skeletonHash(w); skeleton && h != 0 && !slices.Contains(out, h) {
		out = append(out, h)
	}
	return out
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// skeletonHash is the hash of w's consonant skeleton (marked apart from
// words), or 0 when it has less than two letters.
func skeletonHash(w string) uint64 {
	var buf [64]byte
	key := appendKey(append(buf[:0], 2), w, false)
	if len(key) <= 2 {
		return 0
	}
	return fnvSkip(string(key), -1, 0)
}

// fnvSkip hashes w without the n bytes at position skip.
func fnvSkip(w string, skip, n int) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		if i == skip {
			i += n - 1
			continue
		}
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return h
}

// Len is the number of entries (names and aliases) indexed.
func (ix *Index) Len() int { return len(ix.entName) }

// Words is the number of distinct core words indexed.
func (ix *Index) Words() int { return len(ix.words) }

// scratch is the per-search working memory.
type scratch struct {
	// the postings gathered (accumulate), each its entry << 32 | the
	// bits of its weight, and its entry's weight (entW) as bits, with
	// buffers to sort them; an array over all the index's entries would
	// miss the cache on every posting
	posts, postsBuf []uint64
	postW, postWBuf []int32
	counts          []int
	// the entries gathered, in entry order (sumPostings), with their Dice
	// numerator (acc) and weight (entW), so that ranking reads them in order
	touched []int32
	acc     []float32
	entW    []float32
	off     []int32  // where entries' words are: the touched ones' (rank), the candidates' (best)
	node    []int32  // the candidates' nodes
	names   []string // and names
	ids     []int32  // the candidates' words
	hs      []uint64
	// the terms of the query's words (queryTerms), and their variants
	terms    []term
	variants []variant
	cache    wordCache
	cand     []int32 // the entries to score
	name     readings
}

// keyedPostings is the most entries a word reached by its phonetic key
// alone may bring in as candidates (see Search).
const keyedPostings = 64

// variant is an indexed word that a query word reaches.
type variant struct {
	word   int32
	sim    float32
	byKey  bool // reached by a phonetic key, not within one edit
	across bool // by a key, in the other kind of script (consonantal or not)
	far    bool // two edits away (farHashes)
	// by a key, in the same kind of script, from a word whose spellings
	// within an edit are rare (rareEdits), from two words joined, or by
	// the skeleton of a word of five letters; or a short or long form,
	// or a syllable's spelling: gathered only when few names hold it
	rare bool
}

// term is a query word (or two adjacent query words joined) with the
// indexed words it reaches.
type term struct {
	variants []variant
	df       int32   // entries holding the term's best variant
	bestIDF  float32 // idf of the best variant
	own      bool    // a word of the query (not a join of two)
	edited   bool    // some variant is within one edit
	exact    bool    // the word itself is indexed
	near     bool    // some variant is within one edit or reached by a key
	// a word of the query that nothing is within an edit of, or whose
	// spellings within an edit are rare (rareEdits)
	rare bool
}

// Search returns the limit nodes whose names are most similar to query,
// best first (ties by node index); a node appears once, with its
// best-matching name. Nodes with nothing in common with the query are not
// returned.
//
// A node's score is Similarity(query, name) for the best of its names:
// the index only chooses which names to compare. A one-word query also
// reaches the names it is the acronym of, by their initials or their
// parenthetical (acronymHashes), and a longer one the one-word names that
// are its acronym. A query in Han characters is also searched by its
// Korean and its Cantonese reading (hanReadings).
func (ix *Index) Search(query string, limit int) []Match {
	if limit <= 0 {
		return nil
	}
	out := ix.matches(query, max(200, 20*limit))
	return out[:min(len(out), limit)]
}

// matches scores the names of the c candidates that the query's words
// gather best and of those it reaches as an acronym, and returns every
// node scored, best first (see Search).
func (ix *Index) matches(query string, c int) []Match {
	if len(ix.entName) == 0 {
		return nil
	}
	q := prepareQuery(query)
	sc, _ := ix.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer func() {
		sc.cache.reset()
		sc.cand = sc.cand[:0]
		ix.pool.Put(sc)
	}()
	ix.candidates(sc, q.name.Name, c)
	if q.han {
		for k := range q.read {
			ix.candidates(sc, q.read[k].Name, c)
		}
	}
	return ix.best(&q, sc)
}

// prepareQuery prepares a query for scoring against many candidates: its
// words numbered for the word cache, those of its readings in Korean and
// Cantonese after them.
func prepareQuery(query string) readings {
	q := prepare(query)
	n := 0
	for _, p := range []*prepared{&q.name, &q.read[0], &q.read[1]} {
		p.cache = queryWords
		p.keys = make([]int32, len(p.Tokens))
		for i := range p.keys {
			p.keys[i] = int32(n)
			n++
		}
	}
	return q
}

// candidates appends to sc.cand the entries worth scoring for the query's
// words qn: those its terms and acronyms gather, the c best by a weighted
// Dice, and those it reaches as an acronym.
func (ix *Index) candidates(sc *scratch, qn Name, c int) {
	q := qn.Tokens
	if len(q) == 0 {
		return
	}
	defer func() {
		sc.posts, sc.postW = sc.posts[:0], sc.postW[:0]
		sc.variants = sc.variants[:0]
		sc.touched, sc.acc, sc.entW = sc.touched[:0], sc.acc[:0], sc.entW[:0]
	}()
	terms, qW := ix.queryTerms(q, sc)
	acr := ix.acronymCandidates(qn, c)
	n := len(sc.cand)
	sc.cand = ix.clippedCandidates(qn, sc.cand, c)
	if len(terms) == 0 && len(acr) == 0 && len(sc.cand) == n {
		return
	}
	var checked checkSet
	ix.gather(sc, terms, &checked)
	for _, cd := range ix.rank(sc, &checked, qW, c) {
		sc.cand = append(sc.cand, cd.entry)
	}
	sc.cand = append(sc.cand, acr...)
}

// queryTerms turns the query's words into the terms that bring candidates
// in: each word with the indexed words it reaches, the indexed words a word
// written together is made of, the two indexed words an indexed word may
// be written apart as, and each pair of adjacent words joined. It also
// returns the query's weight for the Dice (the idf of each word's best
// variant, the highest idf for a word found nowhere).
func (ix *Index) queryTerms(q []string, sc *scratch) (terms []term, qW float32) {
	terms = sc.terms[:0]
	maxIDF := float32(math.Log(1 + float64(len(ix.entName))))
	prevRare := false // the word before is rare (term.rare)
	for i, t := range q {
		tm := ix.lookup(t, allKeys, sc)
		tm.own = true
		if !tm.near {
			qW += maxIDF
			// words written together ("kwangsonbank"): the indexed words
			// they are made of bring the candidates in
			parts := ix.split(t, true)
			for _, part := range parts {
				if pt := ix.lookup(part, editsOnly, sc); len(pt.variants) > 0 {
					terms = append(terms, pt)
				}
			}
			// or a particle written together with the name it precedes
			// ("benhammedi", "bin hammidi"): the rest is a word of the
			// query, spelled otherwise perhaps
			if rest := ix.afterParticle(t); parts == nil && rest != "" {
				if pt := ix.lookup(rest, allKeys, sc); pt.near {
					terms = append(terms, pt)
				}
			}
		} else {
			qW += tm.bestIDF
			terms = append(terms, tm)
			// an indexed word may still be written apart in other names
			// ("allahdad", "allah dad"): the two indexed words it is made
			// of, as they are, bring those names in too (two only: a word
			// of a name is seldom written as three elsewhere, and three
			// short words make many words by chance), each only if it is
			// rare, as a word reached by its key (keyedPostings): most
			// words split into two indexed words by chance
			if tm.exact {
				for _, part := range ix.split(t, false) {
					if id, ok := ix.wordID(part); ok {
						terms = append(terms, term{variants: []variant{{word: id, sim: 1, byKey: true}}, df: ix.postOff[id+1] - ix.postOff[id], bestIDF: ix.idf[id], edited: true})
					}
				}
			}
		}
		// a rare Korean name written together ("namchongang") and
		// written apart, each syllable otherwise perhaps, in other names
		// ("nam chong gan"): its syllables, and the words within an edit
		// of each, bring those names in when few names hold them. Only
		// syllables of three letters or more: one of two ("ri", "ko") is
		// an edit away from too many words.
		if tm.rare && len(t) >= 6 {
			var buf [8]string
			if parts := koreanParts(t, buf[:0]); len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool { return len(p) < 3 }) {
				for _, part := range parts {
					pt := ix.lookup(part, editsOnly, sc)
					for k := range pt.variants {
						pt.variants[k].byKey, pt.variants[k].rare = true, true
					}
					if len(pt.variants) > 0 {
						terms = append(terms, pt)
					}
				}
			}
		}
		// the word joined with the one before (and, by the skeleton, its
		// spelling in the other kind of script, "ansar eddine" and
		// "ʾnsardyn", see joinTheophoric, or, when either word is rare,
		// a compound spelled otherwise, "abdul satar" and "Abdulasattar")
		joinKeys := acrossKeys
		if tm.rare || prevRare {
			joinKeys = joinedKeys
		}
		prevRare = tm.rare
		if i >= 1 {
			if jt := ix.lookup(q[i-1]+t, joinKeys, sc); len(jt.variants) > 0 {
				terms = append(terms, jt)
			}
		}
		// and three, when the middle one is the Arabic article written
		// apart ("shams ur rahman", "Shamsurrahman")
		if i >= 2 && len(q[i-1]) <= 3 && arabicArticles[q[i-1]] {
			if jt := ix.lookup(q[i-2]+q[i-1]+t, joinKeys, sc); len(jt.variants) > 0 {
				terms = append(terms, jt)
			}
		}
	}
	sc.terms = terms
	return terms, qW
}

// afterParticle is what follows a name particle that starts t (nasabParticles)
// when the particle is an indexed word and four letters or more follow, or
// "".
func (ix *Index) afterParticle(t string) string {
	for _, p := range nasabParticles {
		if len(t) >= len(p)+4 && strings.HasPrefix(t, p) && ix.has(p) {
			return t[len(p):]
		}
	}
	return ""
}

// nasabParticles are the particles of Arabic names that the lists write
// apart or together with the name that follows: the article al/el, bin,
// ben and ibn (son of), bint (daughter of), abu, abou and bou (father of),
// and the Mauritanian ould (son of); the UK Foreign and Commonwealth
// Office's Guide to Names and Naming Practices (2006), Arabic names.
// Longer spellings come before their prefixes ("bint" before "bin").
var nasabParticles = []string{"bint", "bin", "ben", "ibn", "abou", "abu", "bou", "ould", "al", "el"}

// arabicArticles are the spellings of the Arabic article al- in Latin
// names, as the lists write it between the two words of a compound: al,
// el, and with its l assimilated to the sun letter that follows (ad-Din,
// ar-Rahman, as-Salam, ash-Shams, at-Tawwab, az-Zahir, an-Nur), after the
// u of the first word's case ending too (ud-Din, ur-Rahman, ul-Haq,
// us-Salam), as in "Shams ur-Rahman" for Shamsurrahman (the assimilation
// is that of Arabic grammar's sun letters; Wright, A Grammar of the
// Arabic Language, §14).
var arabicArticles = setOf("al", "el", "ul", "ad", "ud", "ed", "ar", "ur", "er", "as", "us", "es", "ash", "ush", "at", "ut", "az", "uz", "an", "un", "ez", "en")

// acronymCandidates is at most c entries reached as acronyms: the names a
// one-word query is the acronym of (or a query of an acronym and its
// number, "APT 39"), or the one-word names that are the
// acronym of a longer query (acronymHashes). They are scored whatever
// their Dice, since an acronym shares no word with what it stands for.
func (ix *Index) acronymCandidates(qn Name, c int) []int32 {
	q := qn.Tokens
	var acr []int32
	if letters, number, ok := numberedAcronym(q); ok && len(q) == 2 && isASCII(letters) {
		acr = ix.acronymEntries(letters + number)
		acr = acr[:min(len(acr), c)]
	} else if len(q) == 1 && len(q[0]) >= 2 && isASCII(q[0]) {
		acr = ix.acronymEntries(q[0])
		acr = acr[:min(len(acr), c)]
	} else if len(q)+len(qn.Forms) >= minAcronym {
		for _, h := range acronymHashes(qn, nil) {
			acr = append(acr, ix.oneWordEntries(h, c-len(acr))...)
		}
	}
	return acr
}

// clippedCandidates appends to cand at most c entries that a one-word query
// is clipped from (isClippedCompound: "FANAMOJ", "Fanavari Moj Khavar"),
// among those holding the indexed words that share the query's longest
// start that any shares, of clipPiece letters or more, when affixWords
// words at most share it and keyedPostings entries at most hold the word.
// Like acronyms, they are scored whatever their Dice: the query shares no
// word with them.
func (ix *Index) clippedCandidates(qn Name, cand []int32, c int) []int32 {
	if len(qn.Tokens) != 1 || len(qn.Tokens[0]) < 2*clipPiece || !isASCII(qn.Tokens[0]) {
		return cand
	}
	t := qn.Tokens[0]
	n := 0
	for k := len(t) - 1; k >= clipPiece; k-- {
		i := ix.lowerBound(ix.byPrefix, t[:k], false)
		j := i
		for j < len(ix.byPrefix) && j-i <= affixWords && strings.HasPrefix(ix.words[ix.byPrefix[j]], t[:k]) {
			j++
		}
		if j-i > affixWords {
			break // a shorter start is shared by more words
		}
		found := false
		for _, w := range ix.byPrefix[i:j] {
			if strings.HasPrefix(ix.words[w], t) {
				continue // a longer form of t, which its term reaches
			}
			found = true
			if ix.postOff[w+1]-ix.postOff[w] > keyedPostings {
				continue // a common word, which a clipped name seldom starts with
			}
			for _, e := range ix.post[ix.postOff[w]:ix.postOff[w+1]] {
				ts := ix.toks[ix.tokOff[e]:ix.tokOff[e+1]]
				if len(ts) < 2 || len(ts) > maxClippedWords {
					continue
				}
				var buf [maxClippedWords]string
				ws := buf[:len(ts)]
				for k, id := range ts {
					ws[k] = ix.words[id]
				}
				if !clippedFrom(t, ws) {
					continue
				}
				if n == c {
					return cand
				}
				cand = append(cand, int32(e))
				n++
			}
		}
		if found {
			break
		}
	}
	return cand
}

// gather enumerates the entries of the terms' rare words into the
// scratch's accumulators and puts the frequent words in checked, to be
// counted only on those entries (rank): enumerating the postings of a
// frequent word ("trading", "kim") would cost more than the rest of the
// query. When every term is frequent, the rarest term is enumerated
// instead, so that some entries are candidates.
func (ix *Index) gather(sc *scratch, terms []term, checked *checkSet) {
	enumerated := false
	for _, tm := range terms {
		if int(tm.df) > ix.frequent {
			continue
		}
		for _, v := range tm.variants {
			df := int(ix.postOff[v.word+1] - ix.postOff[v.word])
			if v.rare {
				if df <= keyedPostings {
					ix.accumulate(sc, v)
					enumerated = true
				}
				continue
			}
			// a word two edits away brings in its entries if they are
			// few (another spelling of a name: "Rynrado" for "Rungrado"),
			// and is not checked: two edits join many words
			if v.far {
				if df <= keyedPostings {
					ix.accumulate(sc, v)
					enumerated = true
				}
				continue
			}
			// a word reached by its key only, when the query word reaches
			// others within an edit (the parts of an indexed word written
			// apart, see queryTerms), brings in its entries if they are few
			// (another spelling of a name) and the query word itself is not
			// indexed: keys join many words, and enumerating or checking
			// them all would double a query's cost. A word in the other kind
			// of script (across) is no other spelling: it is gathered as a
			// word within an edit is.
			if v.byKey && tm.edited && !v.across {
				if df <= keyedPostings && (!tm.exact || v.rare) {
					ix.accumulate(sc, v)
					enumerated = true
				}
				continue
			}
			if df > ix.frequent {
				checked.add(v.word, v.sim)
				continue
			}
			ix.accumulate(sc, v)
			enumerated = true
		}
	}
	if !enumerated && len(terms) > 0 {
		rarest := 0
		for k, tm := range terms {
			if tm.df < terms[rarest].df {
				rarest = k
			}
		}
		for _, v := range terms[rarest].variants {
			ix.accumulate(sc, v)
		}
		for k, tm := range terms {
			if k != rarest {
				checked.addTerm(tm)
			}
		}
		return
	}
	for _, tm := range terms {
		if int(tm.df) > ix.frequent {
			checked.addTerm(tm)
		}
	}
}

// rank keeps the c gathered entries with the best weighted Dice against
// the query (weight qW), the checked words counted on each entry in the
// same pass: a cheap filter so that only those few are scored with
// Similarity.
func (ix *Index) rank(sc *scratch, checked *checkSet, qW float32, c int) candHeap {
	ix.sumPostings(sc)
	if len(checked.words) > 0 {
		// the entries' word offsets first, then their words: the loads
		// of one pass do not wait on each other, and a large index
		// misses the cache on each
		sc.off = sc.off[:0]
		for _, e := range sc.touched {
			sc.off = append(sc.off, ix.tokOff[e], ix.tokOff[e+1])
		}
		for k := range sc.touched {
			for _, w := range ix.toks[sc.off[2*k]:sc.off[2*k+1]] {
				if s, ok := checked.get(w); ok {
					sc.acc[k] += ix.idf[w] * s
				}
			}
		}
	}
	top := make(candHeap, 0, c)
	for k, e := range sc.touched {
		cd := cand{e, 2 * sc.acc[k] / (qW + sc.entW[k])}
		if len(top) < c {
			top = append(top, cd)
			top.up(len(top) - 1)
		} else if candLess(top[0], cd) {
			top[0] = cd
			top.down(0)
		}
	}
	return top
}

// best scores the candidate entries with Similarity against the query q,
// each name once (an entry and its readings are one name), and
// returns the nodes, each once with its best entry, best first (ties by
// node).
func (ix *Index) best(q *readings, sc *scratch) []Match {
	cand := sc.cand
	for k := range cand {
		for ix.entMore[cand[k]] < 0 {
			cand[k]-- // a reading is scored with its name
		}
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	if len(cand) == 0 {
		return nil
	}
	// the candidates' nodes, names and words, read in passes of their
	// own: on a large index each read misses the cache, and reads that do
	// not wait on one another overlap
	sc.off, sc.node, sc.names, sc.ids = sc.off[:0], sc.node[:0], sc.names[:0], sc.ids[:0]
	for _, e := range cand {
		sc.off = append(sc.off, ix.tokOff[e], ix.tokOff[e+1])
		sc.node = append(sc.node, ix.entNode[e])
		sc.names = append(sc.names, ix.entName[e])
	}
	for k := range cand {
		lo := len(sc.ids)
		sc.ids = append(sc.ids, ix.toks[sc.off[2*k]:sc.off[2*k+1]]...)
		sc.off[2*k], sc.off[2*k+1] = int32(lo), int32(len(sc.ids))
	}
	// the best of each node: entries are numbered in node order, so a
	// node's sit together in cand (ties to the earlier entry, its name
	// before its aliases)
	out := make([]Match, 0, len(cand))
	for k, e := range cand {
		ix.entry(e, sc.ids[sc.off[2*k]:sc.off[2*k+1]], &sc.name)
		s, cov := similarityOf(q, &sc.name, &sc.cache)
		if s <= 0 {
			continue
		}
		m := Match{Node: sc.node[k], Name: sc.names[k], Score: s, Coverage: cov}
		if n := len(out); n > 0 && out[n-1].Node == m.Node {
			if s > out[n-1].Score {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return cmp.Compare(a.Node, b.Node)
	})
	return out
}

// entry fills r with entry e, whose words are ids, as Similarity takes
// it, reusing r's slices: its words and their weights, its legal forms and
// parenthetical, and, when the next entries are its readings (a name in
// Han), those readings.
func (ix *Index) entry(e int32, ids []int32, r *readings) {
	ix.entryReading(e, ids, &r.name)
	r.han = int(e+1) < len(ix.entMore) && ix.entMore[e+1] < 0
	if r.han {
		for k := range r.read {
			x := e + 1 + int32(k)
			ix.entryReading(x, ix.toks[ix.tokOff[x]:ix.tokOff[x+1]], &r.read[k])
		}
	}
}

func (ix *Index) entryReading(e int32, ids []int32, p *prepared) {
	p.Tokens, p.w, p.u, p.keys = p.Tokens[:0], p.w[:0], p.u[:0], p.keys[:0]
	for _, w := range ids {
		p.Tokens = append(p.Tokens, ix.words[w])
		p.w = append(p.w, ix.wordW[w])
		p.u = append(p.u, ix.wordU[w])
		p.keys = append(p.keys, w)
	}
	m := ix.entMore[e]
	if m < 0 {
		m = ^m
	}
	p.Forms, p.Qualifier, p.Surname = ix.mores[m].forms, ix.mores[m].qualifier, ix.mores[m].surname
	p.cache = indexedWords
}

// checkSet is the words checked on candidates (frequent ones, and those
// reached by a key only), with the best similarity of a query word to each;
// a slice while they are few, a map beyond.
type checkSet struct {
	words []int32
	sims  []float32
	big   map[int32]float32
}

func (c *checkSet) add(w int32, s float32) {
	if c.big != nil {
		c.big[w] = max(c.big[w], s)
		return
	}
	for i, x := range c.words {
		if x == w {
			c.sims[i] = max(c.sims[i], s)
			return
		}
	}
	c.words = append(c.words, w)
	c.sims = append(c.sims, s)
	if len(c.words) > 8 {
		c.big = make(map[int32]float32, 2*len(c.words))
		for i, x := range c.words {
			c.big[x] = c.sims[i]
		}
	}
}

// addTerm checks a term's variants, leaving out those reached by a key
// only when the term's word reaches others within an edit (see gather).
func (c *checkSet) addTerm(tm term) {
	for _, v := range tm.variants {
		if !v.far && !v.rare && (!v.byKey || !tm.edited) {
			c.add(v.word, v.sim)
		}
	}
}

func (c *checkSet) get(w int32) (float32, bool) {
	if c.big != nil {
		s, ok := c.big[w]
		return s, ok
	}
	for i, x := range c.words {
		if x == w {
			return c.sims[i], true
		}
	}
	return 0, false
}

// accumulate gathers the postings of v's word, each weighing the word's
// idf times v's similarity (summed by entry in sumPostings).
func (ix *Index) accumulate(sc *scratch, v variant) {
	wt := uint64(math.Float32bits(ix.idf[v.word] * v.sim))
	lo, hi := ix.postOff[v.word], ix.postOff[v.word+1]
	ws := ix.postW[lo:hi]
	for k, e := range ix.post[lo:hi] {
		sc.posts = append(sc.posts, uint64(e)<<32|wt)
		sc.postW = append(sc.postW, int32(math.Float32bits(ws[k])))
	}
}

// sumPostings sorts the gathered postings by entry, stably, and sums them
// into touched, acc and entW, each entry once: an entry's weights add up
// in the order they were gathered, as they would in an accumulator of its
// own.
func (ix *Index) sumPostings(sc *scratch) {
	n := len(sc.posts)
	if cap(sc.postsBuf) < n {
		sc.postsBuf, sc.postWBuf = make([]uint64, n, 2*n), make([]int32, n, 2*n)
	}
	if sc.counts == nil {
		sc.counts = make([]int, 1<<gatherDigit)
	}
	entryBits := uint(bits.Len(uint(len(ix.entName))))
	posts, ws := radixPasses(sc.posts, sc.postW, sc.postsBuf[:n], sc.postWBuf[:n], sc.counts, gatherDigit, 32, 32+entryBits)
	for i, p := range posts {
		e, wt := int32(p>>32), math.Float32frombits(uint32(p))
		if k := len(sc.touched) - 1; k >= 0 && sc.touched[k] == e {
			sc.acc[k] += wt
			continue
		}
		sc.touched = append(sc.touched, e)
		sc.acc = append(sc.acc, wt)
		sc.entW = append(sc.entW, math.Float32frombits(uint32(ws[i])))
	}
}

// gatherDigit is the bits of an entry number sumPostings sorts by in a
// pass: two passes for an index of up to four million entries, with
// counts that stay in cache.
const gatherDigit = 11

// split cuts a word of six letters or more into two or, with three, three
// indexed words of two letters or more ("kwangsonbank", "kimjongun"), when
// it can: the first cuts from the left that make them.
func (ix *Index) split(t string, three bool) []string {
	if len(t) < 6 || !isASCII(t) {
		return nil
	}
	for i := 2; i <= len(t)-2; i++ {
		if !ix.has(t[:i]) {
			continue
		}
		if ix.has(t[i:]) {
			return []string{t[:i], t[i:]}
		}
		for j := i + 2; three && j <= len(t)-2; j++ {
			if ix.has(t[i:j]) && ix.has(t[j:]) {
				return []string{t[:i], t[i:j], t[j:]}
			}
		}
	}
	return nil
}

// has tells whether w is an indexed word.
func (ix *Index) has(w string) bool {
	_, ok := ix.wordID(w)
	return ok
}

// wordID is the number of the indexed word w.
func (ix *Index) wordID(w string) (int32, bool) {
	h := fnvSkip(w, -1, 0)
	i, _ := slices.BinarySearch(ix.delHash, h)
	for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
		if id := ix.delWord[i]; ix.words[id] == w {
			return id, true
		}
	}
	return 0, false
}

// keyMode tells lookup which keys of a word to look up besides the words
// within one edit of it.
type keyMode uint8

const (
	editsOnly  keyMode = iota // none
	acrossKeys                // its consonant skeleton, for words in the other kind of script only
	joinedKeys                // its consonant skeleton
	allKeys                   // its phonetic key and skeleton, and the words two edits away
)

// lookup finds the indexed words within one edit of t (symmetric deletion)
// and, with allKeys, its spellings in a consonantal script by their
// skeleton and, for a word that has none within one edit or is rare
// (rareEdits), its other spellings: by their phonetic key and consonant
// skeleton (keyHashes), two edits away (farHashes), and its short and long
// forms (affixes); each verified by wordSimilarity ≥ pairMin. All keys
// are looked up for a word of the query, the skeleton for two of its
// words joined (acrossKeys: their spelling in the other kind of script;
// joinedKeys, when one of the two is rare: also a compound spelled
// otherwise that few names hold, "Abdul Satar" and "Abdulasattar"), none
// for the parts of one split, which are there for the words within an
// edit.
func (ix *Index) lookup(t string, keys keyMode, sc *scratch) term {
	var tm term
	start := len(sc.variants) // the term's variants are sc.variants[start:]
	var seenBuf [32]int32
	seen := seenBuf[:0] // words already verified: few, a slice beats a map
	sc.hs = editHashes(t, sc.hs[:0])
	// sc.hs: the edits' hashes, then the keys' from nEdit, the
	// skeleton's from nSkeleton, the words two edits away's from nFar
	nEdit, nSkeleton, nFar := len(sc.hs), len(sc.hs), math.MaxInt
	consonantal := isConsonantal(t)
	exactDF := 0 // entries holding t itself
	rare := false
	// a rare word that is near indexed words is looked up by its
	// skeleton only when the skeleton has minRareSkeleton consonants or
	// half as many as the word has letters: a shorter one is shared by
	// names that have little else in common ("clearwell" and "galloway"
	// read k-l, "clearwood" and "gallardo" k-l-t; "qadhaf" and "gaddef"
	// k-t-f are one name)
	longSkeleton := false
	for k := 0; ; k++ {
		if k == nEdit && keys == allKeys {
			// a word whose spellings within an edit are in few names
			// (rareEdits) is looked up by its keys as well: the names
			// that spell it otherwise are few too, and may be the only
			// ones it names ("Paeksol", "Baeksul")
			rare = tm.edited && ix.rareEdits(sc.variants[start:])
			if rare {
				var kb [64]byte
				n := len(appendKey(kb[:0], t, false))
				longSkeleton = n >= minRareSkeleton || 2*n >= len(t)
			}
			// other spellings by the phonetic key only when no word is
			// within an edit (one that is finds the name already) or the
			// word is rare, spellings in the other kind of script by the
			// skeleton when the index holds some, and words two edits away
			if !tm.edited || rare {
				sc.hs = keyHashes(t, sc.hs, false)
			}
			nSkeleton = len(sc.hs)
			if !tm.edited || rare || consonantal || ix.consonantal {
				if h := skeletonHash(t); h != 0 && !slices.Contains(sc.hs, h) {
					sc.hs = append(sc.hs, h)
				}
			}
			// a French spelling of an Arabic name (frenchSimilarity) by
			// the skeleton of its English one, for its spelling in Arabic
			// script: "djouadi" is "juadi", j-d as "ʾjwady"
			if ix.consonantal && !consonantal {
				var fb [48]byte
				if f, ok := appendFrench(fb[:0], t); ok {
					if h := skeletonHash(string(f)); h != 0 && !slices.Contains(sc.hs, h) {
						sc.hs = append(sc.hs, h)
					}
				}
			}
			// for a word that nothing is within an edit of, that is rare,
			// or that is itself in a few names ("rungrado"): not for a
			// word in many names ("trading"), whose other spellings bring
			// in names that share only that
			nFar = len(sc.hs)
			if !tm.edited || rare || tm.exact && exactDF <= keyedPostings {
				sc.hs = farHashes(t, sc.hs)
			}
		}
		if k == nEdit && keys == acrossKeys && ix.consonantal {
			if h := skeletonHash(t); h != 0 && !slices.Contains(sc.hs, h) {
				sc.hs = append(sc.hs, h)
			}
		}
		if k == nEdit && keys == joinedKeys {
			// the words that share the skeleton of two query words
			// joined are another spelling of the compound only when
			// few names hold them (variant.rare)
			rare = true
			if h := skeletonHash(t); h != 0 && !slices.Contains(sc.hs, h) {
				sc.hs = append(sc.hs, h)
			}
		}
		if k == len(sc.hs) {
			break
		}
		h := sc.hs[k]
		i, _ := slices.BinarySearch(ix.delHash, h)
		for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
			w := ix.delWord[i]
			// a word reached by a key: always one in the other kind of
			// script (a Latin word and one romanised from Arabic, by their
			// skeletons), which no edit reaches; others only when no word
			// is within an edit or the word is rare, and by the skeleton
			// only from a word of five letters or more (a shorter Latin
			// word's skeleton, "km" for "kim", is shared by too many words
			// to say anything), those reached from a word of five only
			// when few names hold them (variant.rare: "nsiem" and
			// "naseem")
			far := k >= nFar
			byKey := k >= nEdit && !far
			across := byKey && isConsonantal(ix.words[w]) != consonantal
			if byKey && !across {
				switch skeleton := k >= nSkeleton && !consonantal; {
				case keys == acrossKeys:
					continue // the other kind of script only
				case keys == allKeys && tm.edited && !rare:
					continue // a word within an edit finds the name
				case keys == allKeys && skeleton && (len(t) < 5 || tm.edited && !longSkeleton):
					continue // a skeleton too short to say anything
				}
			}
			if slices.Contains(seen, w) {
				continue
			}
			seen = append(seen, w)
			var s float64
			if ix.words[w] == t {
				s = 1
			} else {
				s = wordSimilarity(t, ix.words[w])
			}
			if s < pairMin || keys == joinedKeys && byKey && !across && s < joinedMin {
				continue
			}
			gated := byKey && !across && (rare || k >= nSkeleton && len(t) < 6)
			sc.variants = append(sc.variants, variant{w, float32(s), byKey, across, far, gated})
			tm.near = tm.near || !far
			tm.edited = tm.edited || k < nEdit
			if s == 1 && k < nEdit {
				tm.exact, exactDF = true, int(ix.postOff[w+1]-ix.postOff[w])
			}
		}
	}
	tm.rare = keys == allKeys && (rare || !tm.edited)
	if tm.rare {
		// a rare word's longer and other short forms (affix.go)
		n := len(sc.variants)
		sc.variants = ix.affixes(t, sc.variants)
		kept := sc.variants[:n]
		for _, v := range sc.variants[n:] {
			if !slices.Contains(seen, v.word) {
				seen = append(seen, v.word)
				kept = append(kept, v)
				tm.near = true
			}
		}
		sc.variants = kept
	}
	tm.variants = sc.variants[start:len(sc.variants):len(sc.variants)]
	bestSim := float32(-1)
	for _, v := range tm.variants {
		df := ix.postOff[v.word+1] - ix.postOff[v.word]
		if v.sim > bestSim || (v.sim == bestSim && df > tm.df) {
			bestSim, tm.df, tm.bestIDF = v.sim, df, ix.idf[v.word]
		}
	}
	return tm
}

// minRareSkeleton is the number of consonants in a skeleton by which a
// rare word is looked up whatever its length (see lookup): four, fewer
// than "hekmatyar" and "hikmetyar" (h-k-m-t-l), "abdelrazak" and
// "abdrazzak" (p-t-l-z-k) have.
const minRareSkeleton = 4

// joinedMin is the least similarity of a word reached by the skeleton of
// two query words joined, in the same kind of script: a compound spelled
// otherwise differs from the joined words by a letter or two ("abdulsatar",
// "abdulasattar" 0.83), where two words joined share a skeleton with many
// words of a few syllables by chance.
const joinedMin = 0.75

// rareEdits tells whether the indexed words within an edit of a query word
// (vs) are held by keyedPostings entries or fewer in all: a rare name,
// whose other spellings a search can afford to look up by their keys.
func (ix *Index) rareEdits(vs []variant) bool {
	n := int32(0)
	for _, v := range vs {
		n += ix.postOff[v.word+1] - ix.postOff[v.word]
	}
	return n <= keyedPostings
}

// farLength is the least length of a word that lookup looks up two edits
// away: two letters of seven changed leave it 0.71 alike, a pair
// (pairMin) that Similarity may still call one name ("Rungrado",
// "Rynrado"; "Heungjin", "Hunjin").
const farLength = 7

// farMaxLength is the greatest length of a word looked up two edits away:
// a word of n letters has n(n−1)/2 such deletions, each hashed in O(n)
// and kept once, so that a word of a thousand letters (a query the server
// takes) would cost seconds. No name's word is that long: the longest of
// the OFAC and UN lists' names has 24 letters ("KRYMTEPLOELEKTROTSENTRAL").
const farMaxLength = 24

// farHashes appends the hashes of w with two of its letters deleted, for
// an ASCII word of farLength letters or more (others are left as they
// are): against the index's words and their one-letter deletions, they
// reach the words that are w with a letter deleted and another deleted or
// changed, or one deleted and one inserted elsewhere — two edits, where
// the symmetric deletions of one letter reach one.
func farHashes(w string, out []uint64) []uint64 {
	if len(w) < farLength || len(w) > farMaxLength || !isASCII(w) {
		return out
	}
	for i := 0; i < len(w); i++ {
		for j := i + 1; j < len(w); j++ {
			if h := fnvSkip2(w, i, j); !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}

// fnvSkip2 hashes w without its bytes at i and j, as fnvSkip hashes it
// without one.
func fnvSkip2(w string, i, j int) uint64 {
	h := uint64(fnvOffset)
	for k := 0; k < len(w); k++ {
		if k == i || k == j {
			continue
		}
		h ^= uint64(w[k])
		h *= fnvPrime
	}
	return h
}

type cand struct {
	entry int32
	pre   float32
}

// candLess orders candidates worst first: lower score, then higher entry.
func candLess(a, b cand) bool {
	if a.pre != b.pre {
		return a.pre < b.pre
	}
	return a.entry > b.entry
}

// candHeap is a min-heap of candidates, worst at the root (candLess),
// kept by hand rather than through container/heap's interface: it is
// sifted once for each of thousands of candidates a query touches.
type candHeap []cand

func (h candHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !candLess(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (h candHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		m := l
		if r := l + 1; r < len(h) && candLess(h[r], h[l]) {
			m = r
		}
		if !candLess(h[m], h[i]) {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
