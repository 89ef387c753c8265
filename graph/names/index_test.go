package names

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
)

func testNodes() []graph.Node {
	return []graph.Node{
		graph.Node{ID: "glocom", Kind: graph.Company, Name: "Glocom"}.WithLists([]string{"Global Communications Co."}, nil, nil),
		{ID: "igs", Kind: graph.Company, Name: "International Global System Sdn Bhd"},
		{ID: "igsv", Kind: graph.Company, Name: "International Golden Services Sdn Bhd"},
		{ID: "pan-systems-pyongyang", Kind: graph.Company, Name: "Pan Systems Pyongyang Branch"},
		{ID: "pan-systems-singapore", Kind: graph.Company, Name: "Pan Systems Pte. Ltd."},
		graph.Node{ID: "rgb", Kind: graph.Organization, Name: "Reconnaissance General Bureau"}.WithLists([]string{"RGB", "Chongch'al Ch'ongguk"}, nil, nil),
		{ID: "address-brickfields", Kind: graph.Address, Name: "Brickfields, Kuala Lumpur"},
		{ID: "vendor-samsung", Kind: graph.Company, Name: "Samsung Electronics Co., Ltd."},
	}
}

func TestIndexSearch(t *testing.T) {
	nodes := testNodes()
	ix := NewIndex(nodes)
	tests := []struct {
		query, want, name string
		min               float64
	}{
		{"GLOCOM", "glocom", "Glocom", 1},
		{"Global Communications Company", "glocom", "Global Communications Co.", 1},
		{"Pan Systems Private Limited", "pan-systems-singapore", "Pan Systems Pte. Ltd.", 1},
		{"pan systems pyongyang", "pan-systems-pyongyang", "Pan Systems Pyongyang Branch", 0.8},
		{"Reconaissance General Bureau", "rgb", "Reconnaissance General Bureau", 0.94}, // one letter missing
		{"General Bureau Reconnaissance", "rgb", "Reconnaissance General Bureau", 1},
		{"chongchal chongguk", "rgb", "Chongch'al Ch'ongguk", 1},
		{"INTERNATIONAL GOLDEN SERVICES SENDIRIAN BERHAD", "igsv", "International Golden Services Sdn Bhd", 1},
		{"SAMSUNG ELECTRONICS", "vendor-samsung", "Samsung Electronics Co., Ltd.", 1},
	}
	for _, tt := range tests {
		ms := ix.Search(tt.query, 3)
		if len(ms) == 0 {
			t.Errorf("Search(%q): nothing found", tt.query)
			continue
		}
		got := nodes[ms[0].Node]
		if got.ID != tt.want || ms[0].Name != tt.name || ms[0].Score < tt.min {
			t.Errorf("Search(%q) = %s %q %.3f, want %s %q ≥ %.2f", tt.query, got.ID, ms[0].Name, ms[0].Score, tt.want, tt.name, tt.min)
		}
		for i := 1; i < len(ms); i++ {
			if ms[i].Score > ms[i-1].Score {
				t.Errorf("Search(%q): results not sorted by score: %v", tt.query, ms)
			}
			if ms[i].Node == ms[i-1].Node {
				t.Errorf("Search(%q): node %d twice", tt.query, ms[i].Node)
			}
		}
	}
	if ms := ix.Search("zzzz qqqq", 3); len(ms) != 0 {
		t.Errorf("Search(unrelated) = %v, want nothing", ms)
	}
	if ms := ix.Search("", 3); ms != nil {
		t.Errorf("Search(\"\") = %v, want nil", ms)
	}
}

func TestIndexKinds(t *testing.T) {
	nodes := testNodes()
	ix := NewIndex(nodes, graph.Company, graph.Organization)
	for _, m := range ix.Search("Brickfields Kuala Lumpur", 5) {
		if nodes[m.Node].Kind == graph.Address {
			t.Errorf("address indexed although only companies and organisations were asked for: %v", m)
		}
	}
	if got, want := ix.Len(), 10; got != want { // 7 parties' names, 2 aliases of rgb, 1 of glocom
		t.Errorf("index holds %d names, want %d", got, want)
	}
}

// TestIndexAgreesWithScan checks on generated names that the index returns
// the best score that Similarity against every name would give: candidate
// retrieval loses nothing that matters.
func TestIndexAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	nodes := generatedNodes(rng, 5000)
	ix := NewIndex(nodes)
	misses := 0
	for q := 0; q < 300; q++ {
		target := nodes[rng.IntN(len(nodes))]
		query := mutate(rng, target.Name)
		best := 0.0
		for _, n := range nodes {
			best = max(best, Similarity(query, n.Name))
		}
		ms := ix.Search(query, 1)
		if len(ms) == 0 || ms[0].Score < best-1e-9 {
			misses++
			t.Logf("query %q: index %v, scan best %.3f", query, ms, best)
		}
	}
	if misses > 3 { // 1%: the index may miss a candidate that shares no word
		t.Errorf("index missed the best scan score for %d of 300 queries", misses)
	}
}

func TestIndexConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	nodes := generatedNodes(rng, 2000)
	ix := NewIndex(nodes)
	want := make([][]Match, 50)
	for i := range want {
		want[i] = ix.Search(nodes[i*7].Name, 5)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range want {
				got := ix.Search(nodes[i*7].Name, 5)
				if fmt.Sprint(got) != fmt.Sprint(want[i]) {
					t.Errorf("concurrent search %d differs: %v vs %v", i, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

var syllables = strings.Fields("ka ko ku ki ke ra ro ru ri re na no nu ni ne ma mo mu mi me sa so su si se ta to tu ti te ba bo bu bi be la lo lu li le da do du di de ga go gu gi ge ha ho hu hi he pa po pu pi pe va vo vu vi ve")
var forms = []string{"Co., Ltd.", "Ltd", "LLC", "GmbH", "Sdn Bhd", "Pte. Ltd.", "Trading Co", "Inc.", "", "", "JSC", "S.A."}

// generatedNodes makes n company names of 2-4 invented words and a legal form.
func generatedNodes(rng *rand.Rand, n int) []graph.Node {
	vocab := make([]string, 20000)
	for i := range vocab {
		var b strings.Builder
		for k := 0; k < 2+rng.IntN(3); k++ {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		w := b.String()
		vocab[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	nodes := make([]graph.Node, n)
	for i := range nodes {
		k := 2 + rng.IntN(3)
		ws := make([]string, k)
		for j := range ws {
			// Zipf-like: a few words are common, as "Trading" or "International" are
			ws[j] = vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64()*rng.Float64())]
		}
		name := strings.Join(ws, " ")
		if f := forms[rng.IntN(len(forms))]; f != "" {
			name += " " + f
		}
		nodes[i] = graph.Node{ID: fmt.Sprintf("n%07d", i), Kind: graph.Company, Name: name}
	}
	return nodes
}

// mutate changes one letter, drops a word of three or more, or swaps two words.
func mutate(rng *rand.Rand, name string) string {
	ws := strings.Fields(name)
	switch rng.IntN(3) {
	case 0:
		w := []byte(ws[0])
		w[rng.IntN(len(w))] = byte('a' + rng.IntN(26))
		ws[0] = string(w)
	case 1:
		if len(ws) >= 3 {
			i := rng.IntN(len(ws))
			ws = append(ws[:i], ws[i+1:]...)
		}
	case 2:
		if len(ws) >= 2 {
			ws[0], ws[1] = ws[1], ws[0]
		}
	}
	return strings.Join(ws, " ")
}

func BenchmarkIndexBuild100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	nodes := generatedNodes(rng, 100_000)
	b.ResetTimer()
	for b.Loop() {
		NewIndex(nodes)
	}
}

// BenchmarkSearch1M is one query on a warm index of a million generated
// company names.
func BenchmarkSearch1M(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	nodes := generatedNodes(rng, 1_000_000)
	ix := NewIndex(nodes)
	queries := make([]string, 1000)
	for i := range queries {
		queries[i] = mutate(rng, nodes[rng.IntN(len(nodes))].Name)
	}
	b.ReportMetric(float64(ix.Words()), "words")
	runtime.GC()
	start := cpuTime()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		ix.Search(queries[i%len(queries)], 10)
		i++
	}
	// on a shared machine the CPU time tells the work done from the time
	// waited
	b.ReportMetric(float64(cpuTime()-start)/1e6/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkSimilarity(b *testing.B) {
	for b.Loop() {
		Similarity("Korea Mining Development Trading Corporation", "KOREA MINING DEVELOPMNT CORP")
	}
}

// TestIndexOmittedWords checks that a query leaving out one word of several
// names scores them alike, whichever word it left out, and that Coverage
// tells how much of each name the query accounts for.
func TestIndexOmittedWords(t *testing.T) {
	nodes := []graph.Node{
		{ID: "chun", Kind: graph.Person, Name: "KIM, Kwang Chun"},
		{ID: "il", Kind: graph.Person, Name: "KIM, Kwang Il"},
		{ID: "hyokchol", Kind: graph.Person, Name: "KIM, Hyok Chol"},
		{ID: "pacific", Kind: graph.Company, Name: "Pacific Ocean Shipping Limited"},
		{ID: "kwang", Kind: graph.Person, Name: "KIM, Kwang"},
	}
	ix := NewIndex(nodes)
	ms := ix.Search("Kwang KIM", 3)
	if len(ms) != 3 || nodes[ms[0].Node].ID != "kwang" || ms[0].Score != 1 || ms[0].Coverage != 1 {
		t.Fatalf("Search(Kwang KIM) = %+v, want the exact name first with score and coverage 1", ms)
	}
	if ms[1].Score != ms[2].Score {
		t.Errorf("KIM, Kwang Chun and KIM, Kwang Il score %.4f and %.4f for a query that names neither's given name; want a tie", ms[1].Score, ms[2].Score)
	}
	for _, m := range ms[1:] {
		if m.Coverage <= 0.3 || m.Coverage >= 0.75 {
			t.Errorf("%s: coverage %.3f, want between 0.3 and 0.75 (one word of three left out)", nodes[m.Node].ID, m.Coverage)
		}
	}
	ms = ix.Search("Ocean Shipping Ltd", 1)
	if len(ms) != 1 || nodes[ms[0].Node].ID != "pacific" || ms[0].Coverage >= 0.75 {
		t.Errorf("Search(Ocean Shipping Ltd) = %+v, want pacific with coverage below 0.75", ms)
	}
	ms = ix.Search("Pacific Ocean Shiping Limited", 1) // a letter dropped
	if len(ms) != 1 || nodes[ms[0].Node].ID != "pacific" || ms[0].Coverage < 0.9 {
		t.Errorf("Search(one letter dropped) = %+v, want pacific with coverage 0.9 or more", ms)
	}
}

// radixSort agrees with a comparison sort on (key, position), keys with
// many duplicates and digits in every 16-bit place, and so do radix passes
// over some of the keys' bits (as a search sorts its postings by entry)
// on those bits.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 255, 256, 1000, 100000} {
		keys := make([]uint64, n)
		vals := make([]int32, n)
		for i := range keys {
			switch i % 3 {
			case 0:
				keys[i] = rng.Uint64()
			case 1:
				keys[i] = rng.Uint64() & 0xff00ff // few distinct values
			default:
				keys[i] = uint64(rng.IntN(50)) << 48
			}
			vals[i] = int32(i)
		}
		type kv struct {
			k uint64
			v int32
		}
		want := make([]kv, n)
		for i := range keys {
			want[i] = kv{keys[i], vals[i]}
		}
		for _, r := range [][2]uint{{0, 64}, {32, 52}} {
			lo, hi := r[0], r[1]
			digits := func(k uint64) uint64 { return k >> lo & (1<<(hi-lo) - 1) }
			slices.SortFunc(want, func(a, b kv) int {
				if c := cmp.Compare(digits(a.k), digits(b.k)); c != 0 {
					return c
				}
				return cmp.Compare(a.v, b.v)
			})
			var gk []uint64
			var gv []int32
			if hi-lo == 64 {
				gk, gv = radixSort(slices.Clone(keys), slices.Clone(vals))
			} else {
				gk, gv = radixPasses(slices.Clone(keys), slices.Clone(vals), make([]uint64, n), make([]int32, n), make([]int, 1<<gatherDigit), gatherDigit, lo, hi)
			}
			for i := range want {
				if gk[i] != want[i].k || gv[i] != want[i].v {
					t.Fatalf("n=%d, bits %d to %d: entry %d = (%x, %d), want (%x, %d)", n, lo, hi, i, gk[i], gv[i], want[i].k, want[i].v)
				}
			}
		}
	}
}

// TestIndexReachesPairRules checks that the views Similarity takes beyond
// word against word (an acronym against the initials of a name or its
// parenthetical, words written together or apart) are reached through the
// index too: for every true pair of those kinds in testdata/namepairs.csv
// that Similarity matches, a search for one name among the other names of
// all pairs finds the other at MatchThreshold or above.
func TestIndexReachesPairRules(t *testing.T) {
	var nodes []graph.Node
	type want struct {
		query string
		node  int32
	}
	var wants []want
	for _, p := range readPairs(t) {
		nodes = append(nodes, graph.Node{ID: fmt.Sprint(len(nodes)), Kind: graph.Organization, Name: p.right})
		if p.match && (p.kind == "acronym" || p.kind == "joined") && Similarity(p.left, p.right) >= MatchThreshold {
			wants = append(wants, want{p.left, int32(len(nodes) - 1)}, want{p.right, -1})
			nodes = append(nodes, graph.Node{ID: fmt.Sprint(len(nodes)), Kind: graph.Organization, Name: p.left})
			wants[len(wants)-1].node = int32(len(nodes) - 1)
		}
	}
	if len(wants) < 40 {
		t.Fatalf("%d acronym and joined pairs, want 40 or more: is namepairs.csv whole?", len(wants)/2)
	}
	ix := NewIndex(nodes)
	missed := 0
	for _, w := range wants {
		found := false
		ms := ix.Search(w.query, 10)
		for _, m := range ms {
			if nodes[m.Node].Name == nodes[w.node].Name && m.Score >= MatchThreshold {
				found = true
			}
		}
		// ten names at least as close as the pair's crowd it out
		crowded := len(ms) == 10 && ms[9].Score >= Similarity(w.query, nodes[w.node].Name)
		if !found && !crowded {
			missed++
			t.Errorf("Search(%q) does not find %q at %.2f or above: %v", w.query, nodes[w.node].Name, MatchThreshold, ms)
		}
	}
	t.Logf("%d searches, %d missed", len(wants), missed)
}

// TestIndexNumberedAcronym checks that an acronym with a number reaches
// the name it stands for, and the name the acronym, through the index:
// OFAC's SDN 29849 "ADVANCED PERSISTENT THREAT 39" a.k.a. "APT39", SDN
// 27308 "BLUENOROFF" a.k.a. "APT38", another group, and SDN 15585 "M23"
// a.k.a. "MOUVEMENT DU 23 MARS", whose number is a date.
func TestIndexNumberedAcronym(t *testing.T) {
	nodes := []graph.Node{
		{ID: "apt39", Kind: graph.Organization, Name: "ADVANCED PERSISTENT THREAT 39"},
		{ID: "apt38", Kind: graph.Organization, Name: "APT38"},
		{ID: "m23", Kind: graph.Organization, Name: "MOUVEMENT DU 23 MARS"},
		{ID: "un-m23", Kind: graph.Organization, Name: "M23"},
	}
	ix := NewIndex(nodes)
	for _, tt := range []struct{ query, want string }{
		{"APT39", "apt39"}, {"APT 39", "apt39"}, {"Advanced Persistent Threat 38", "apt38"},
		// a date in an acronym (OFAC SDN 15585, UN CDe.006)
		{"M23", "un-m23"}, {"March 23 Movement", "un-m23"},
	} {
		ms := ix.Search(tt.query, 3)
		if len(ms) == 0 || nodes[ms[0].Node].ID != tt.want || ms[0].Score < MatchThreshold {
			t.Errorf("Search(%q) = %v, want %s first at %.2f or more", tt.query, ms, tt.want, MatchThreshold)
		}
	}
	// the number tells the groups apart
	if s := Similarity("APT39", "APT38"); s >= MatchThreshold {
		t.Errorf("Similarity(APT39, APT38) = %.2f, want under %.2f", s, MatchThreshold)
	}
}

// TestIndexFormLetters checks that an acronym taking a legal form's letters
// reaches the name through the index, and the name the acronym: OFAC's
// SDN 26367 "PETROLEOS DE VENEZUELA, S.A." and its a.k.a. "PDVSA", beside
// another entry's name, the vessel "PDVSA CARDON" (SDN 26640).
func TestIndexFormLetters(t *testing.T) {
	for _, tt := range []struct{ name, query string }{
		{"PETROLEOS DE VENEZUELA, S.A.", "PDVSA"},
		{"PDVSA", "PETROLEOS DE VENEZUELA, S.A."},
	} {
		nodes := []graph.Node{
			{ID: "want", Kind: graph.Organization, Name: tt.name},
			{ID: "other", Kind: graph.Vessel, Name: "PDVSA CARDON"},
		}
		ms := NewIndex(nodes).Search(tt.query, 3)
		if !slices.ContainsFunc(ms, func(m Match) bool { return nodes[m.Node].ID == "want" && m.Score >= MatchThreshold }) {
			t.Errorf("Search(%q) = %v, want %q at %.2f or more", tt.query, ms, tt.name, MatchThreshold)
		}
	}
}

// TestIndexKoreanReading checks that a name in hanja finds its romanised
// entry through the index, and a romanised query the entry in hanja.
func TestIndexKoreanReading(t *testing.T) {
	nodes := []graph.Node{
		{ID: "kju", Kind: graph.Person, Name: "KIM, Jong Un"},
		{ID: "hanja", Kind: graph.Person, Name: "金日成"},
		{ID: "other", Kind: graph.Person, Name: "KIM, Jong Il"},
	}
	ix := NewIndex(nodes)
	for _, tt := range []struct{ query, want string }{{"金正恩", "kju"}, {"Kim Il Sung", "hanja"}} {
		ms := ix.Search(tt.query, 3)
		if len(ms) == 0 || nodes[ms[0].Node].ID != tt.want || ms[0].Score < MatchThreshold {
			t.Errorf("Search(%q) = %v, want %s first at %.2f or more", tt.query, ms, tt.want, MatchThreshold)
		}
	}
}

// TestIndexScoresAreSimilarity checks that screening scores what the
// labelled benchmark measures: an index of the right-hand names of
// testdata/namepairs.csv, searched for each left-hand name, gives the
// right-hand name Similarity's score, and decides the pairs as
// TestNamePairs does, a pair whose right-hand name is not among the
// candidates a search scores counting as score 0 (a name that ten closer
// names crowd out of Search's results is the ranking's doing, not the
// gathering's).
func TestIndexScoresAreSimilarity(t *testing.T) {
	pairs := readPairs(t)
	ix, node := rightHandIndex(pairs)
	var direct, searched confusion
	missed, crowded := 0, 0
	for _, p := range pairs {
		want := Similarity(p.left, p.right)
		direct.add(p, want >= MatchThreshold)
		got, found := 0.0, false
		for _, m := range ix.matches(p.left, 200) { // the candidates Search(p.left, 10) scores
			if m.Node == node[p.right] {
				got, found = m.Score, true
			}
		}
		if found && math.Abs(got-want) > 1e-9 {
			t.Errorf("Search(%q) scores %q %.12f, Similarity %.12f", p.left, p.right, got, want)
		}
		if !found && want >= MatchThreshold {
			missed++
			t.Logf("Search(%q) does not score %q (Similarity %.3f)", p.left, p.right, want)
		}
		if found && !slices.ContainsFunc(ix.Search(p.left, 10), func(m Match) bool { return m.Node == node[p.right] }) {
			crowded++
		}
		searched.add(p, got >= MatchThreshold)
	}
	t.Logf("%d pairs, %d right-hand names; Similarity %s; through the index %s; %d matches not scored, %d scored but crowded out of the best ten",
		len(pairs), len(node), direct, searched, missed, crowded)
	// Recall falls short by the pairs whose right-hand name the query's
	// words reach neither within two edits, nor by a key, nor as a short
	// or long form (affix.go), nor by their Korean syllables: two letters
	// changed in a long word ("Haegumgang", "Naegu'ngang"), 1 of 1,773
	// true pairs (16 before rare words were looked up by their keys, two
	// words joined by their skeleton, particles, short forms and
	// syllables).
	if missed > 1 {
		t.Errorf("%d true matches never scored: want 1 at most", missed)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		tolerance float64
	}{{"precision", searched.Precision(), direct.Precision(), 0.005}, {"recall", searched.Recall(), direct.Recall(), 0.005}, {"F1", searched.F1(), direct.F1(), 0.005}} {
		if math.Abs(c.got-c.want) > c.tolerance {
			t.Errorf("%s through the index %.3f, Similarity's %.3f: want them within %.3f", c.name, c.got, c.want, c.tolerance)
		}
	}
	if searched.strongWrong > direct.strongWrong+1 {
		t.Errorf("%d STRONG pairs wrong through the index, %d by Similarity: want one more at most", searched.strongWrong, direct.strongWrong)
	}
}

// rightHandIndex indexes the right-hand names of pairs, each once, and
// returns the node of each.
func rightHandIndex(pairs []labelledPair) (*Index, map[string]int32) {
	var nodes []graph.Node
	node := map[string]int32{}
	for _, p := range pairs {
		if _, ok := node[p.right]; !ok {
			node[p.right] = int32(len(nodes))
			nodes = append(nodes, graph.Node{ID: fmt.Sprint(len(nodes)), Kind: graph.Organization, Name: p.right})
		}
	}
	return NewIndex(nodes), node
}
