package names

// Names prepared for comparison: Similarity compares two names once, the
// index compares one query with hundreds of candidates. Both go through
// similarityOf, so that a search scores exactly what Similarity scores; a
// search parses and weighs the query once, takes the candidates' words
// and weights from the index, and remembers word similarities from one
// candidate to the next (wordCache).

// prepared is one reading of a name taken apart (Parse), with each core
// word's weights (weighWord).
type prepared struct {
	Name
	w, u []float64
	// keys number the words for a wordCache: a query's words by their
	// place, an indexed name's by the index's word numbers; cache tells
	// which (0: not cached).
	keys  []int32
	cache cacheSide
}

// readings is a name as written and, for a name in Han, as read in Korean
// and in Cantonese (hanReadings).
type readings struct {
	name prepared
	read [hanReadingCount]prepared // the Korean and the Cantonese reading, when han
	han  bool
}

// hanReadingCount is the number of readings of a name in Han besides its
// own (Mandarin, by Unidecode): Korean and Cantonese. The index holds them
// in this order after the name's entry (see Index.entMore).
const hanReadingCount = 2

// reading is r's k-th reading of a name in Han, or its name when it is
// not one.
func (r *readings) reading(k int) *prepared {
	if !r.han {
		return &r.name
	}
	return &r.read[k]
}

// prepare parses and weighs s.
func prepare(s string) readings {
	r := readings{name: prepareReading(s)}
	if kr, cr, ok := hanReadings(s); ok {
		r.read, r.han = [hanReadingCount]prepared{prepareReading(kr), prepareReading(cr)}, true
	}
	return r
}

func prepareReading(s string) prepared {
	n := Parse(s)
	w := weighed(n.Tokens)
	return prepared{Name: n, w: w.w, u: w.u}
}

// words are core words with their weights, as the token-set score takes
// them.
type words struct {
	toks  []string
	w, u  []float64
	keys  []int32
	cache cacheSide
}

// words is p's core words.
func (p *prepared) words() words {
	return words{toks: p.Tokens, w: p.w, u: p.u, keys: p.keys, cache: p.cache}
}

// weighed is toks with their weights (weighWord).
func weighed(toks []string) words {
	out := words{toks: toks, w: make([]float64, len(toks)), u: make([]float64, len(toks))}
	for i, t := range toks {
		out.w[i], out.u[i] = weighWord(t)
	}
	return out
}

// joinedWords are a and b with the words of ta and tb, where
// joinSplitWords joined two adjacent words of a name into the one word the
// other name writes ("Kum Gang", "Kumgang Bank"): a joined word weighs
// what its two words weighed, and the same word of the other name no more.
// One name written by syllables and another in one word name the same
// party, and neither spelling is rarer than the other; weighed as a word
// of its own, the joined word would count as rare ("yusong") where its
// syllables are common ("yu", "song").
func joinedWords(a words, ta, tb []string, b words) (words, words) {
	ja, joinedA := joinWeights(a, ta)
	jb, joinedB := joinWeights(b, tb)
	for i, t := range ja.toks {
		for j, u := range jb.toks {
			if t == u && (joinedA[i] || joinedB[j]) {
				ja.w[i], jb.w[j] = min(ja.w[i], jb.w[j]), min(ja.w[i], jb.w[j])
				ja.u[i], jb.u[j] = min(ja.u[i], jb.u[j]), min(ja.u[i], jb.u[j])
			}
		}
	}
	return ja, jb
}

// joinWeights is a's words as joined lists them (some adjacent pairs
// joined by joinSplitWords), a joined word weighing what its two words
// weighed; isJoined tells which are joined.
func joinWeights(a words, joined []string) (out words, isJoined []bool) {
	out = words{toks: joined, w: make([]float64, 0, len(joined)), u: make([]float64, 0, len(joined))}
	isJoined = make([]bool, len(joined))
	i := 0
	for k, t := range joined {
		if a.toks[i] == t {
			out.w, out.u = append(out.w, a.w[i]), append(out.u, a.u[i])
			i++
			continue
		}
		out.w, out.u = append(out.w, a.w[i]+a.w[i+1]), append(out.u, a.u[i]+a.u[i+1])
		isJoined[k] = true
		i += 2
	}
	return out, isJoined
}

// cacheSide tells a wordCache which side of a pair a list of words is.
type cacheSide uint8

const (
	queryWords   cacheSide = 1 // keys are the words' places in the query
	indexedWords cacheSide = 2 // keys are the index's word numbers
)

// wordCache remembers the credit of pairs of words (pairCredit) by query
// word << 32 | indexed word, in an open-addressing table kept from query
// to query (a map made for each query cost a quarter of a query's
// scoring). When it is three quarters full, further credits are computed,
// not remembered. The candidates of one query share many words.
type wordCache struct {
	keys []uint64 // key + 1; 0 marks an empty slot
	vals []float64
	used []int32 // the slots filled, to empty them for the next query
}

const wordCacheBits = 12

// credit is pairCredit of a's word i and b's word j, one side the query's
// and the other the index's.
func (c *wordCache) credit(a words, i int, b words, j int) float64 {
	if a.toks[i] == b.toks[j] {
		return 1
	}
	q, x := a.keys[i], b.keys[j]
	if a.cache == indexedWords {
		q, x = x, q
	}
	k := uint64(uint32(q))<<32 | uint64(uint32(x))
	if s, ok := c.get(k); ok {
		return s
	}
	s := pairCredit(a.toks[i], b.toks[j])
	c.put(k, s)
	return s
}

func (c *wordCache) slot(k uint64) int {
	return int((k * 0x9E3779B97F4A7C15) >> (64 - wordCacheBits))
}

func (c *wordCache) get(k uint64) (float64, bool) {
	if c.keys == nil {
		return 0, false
	}
	for i := c.slot(k); ; i = (i + 1) & (1<<wordCacheBits - 1) {
		switch c.keys[i] {
		case 0:
			return 0, false
		case k + 1:
			return c.vals[i], true
		}
	}
}

func (c *wordCache) put(k uint64, v float64) {
	if c.keys == nil {
		c.keys, c.vals = make([]uint64, 1<<wordCacheBits), make([]float64, 1<<wordCacheBits)
	}
	if len(c.used) >= 3<<(wordCacheBits-2) {
		return
	}
	i := c.slot(k)
	for c.keys[i] != 0 {
		i = (i + 1) & (1<<wordCacheBits - 1)
	}
	c.keys[i], c.vals[i] = k+1, v
	c.used = append(c.used, int32(i))
}

// reset empties the cache for another query.
func (c *wordCache) reset() {
	for _, i := range c.used {
		c.keys[i] = 0
	}
	c.used = c.used[:0]
}
