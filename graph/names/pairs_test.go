package names

import (
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// labelledPair is one pair of testdata/namepairs.csv (see PROVENANCE.md):
// two names, whether they name the same party, how certain that label is,
// and what kind of difference separates them.
type labelledPair struct {
	left, right          string
	match                bool
	tier, kind, script   string
	schema, split, entry string
	logicV2              float64 // nomenklatura logic-v2's score of the pair
}

func readPairs(t testing.TB) []labelledPair { return readPairsOf(t, "namepairs") }

// readPairsOf reads the pairs of testdata/NAME.csv with logic-v2's scores
// of them, testdata/NAME-logicv2.csv.
func readPairsOf(t testing.TB, name string) []labelledPair {
	t.Helper()
	rows := readCSV(t, "testdata/"+name+".csv")
	scores := readCSV(t, "testdata/"+name+"-logicv2.csv")
	if len(scores) != len(rows) {
		t.Fatalf("%s-logicv2.csv has %d scores for %d pairs: score the pairs again (scripts/bench/logicv2.py)", name, len(scores), len(rows))
	}
	out := make([]labelledPair, len(rows))
	for i, r := range rows {
		if n, _ := strconv.Atoi(scores[i]["pair"]); n != i+1 {
			t.Fatalf("%s-logicv2.csv row %d scores pair %q, want %d", name, i+1, scores[i]["pair"], i+1)
		}
		lv, err := strconv.ParseFloat(scores[i]["score"], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = labelledPair{
			left: r["left"], right: r["right"], match: r["match"] == "1", tier: r["tier"], kind: r["kind"],
			script: r["script"], schema: r["schema"], split: r["split"], entry: r["left_entry"], logicV2: lv,
		}
	}
	return out
}

func readCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// confusion counts a matcher's decisions on labelled pairs, and the
// STRONG pairs among those it got wrong.
type confusion struct {
	Tally
	strongWrong int
}

func (c *confusion) add(p labelledPair, said bool) {
	c.Add(p.match, said)
	if said != p.match && p.tier == "STRONG" {
		c.strongWrong++
	}
}

func (c confusion) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d tn %d; STRONG wrong %d)", c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN, c.TN, c.strongWrong)
}

// logicV2Threshold is the score at which yente's logic-v2 reports a match
// (yente's default threshold).
const logicV2Threshold = 0.7

// TestNamePairs scores Similarity on the labelled pairs derived from the UN
// and OFAC lists (testdata/namepairs.csv) at MatchThreshold, and
// nomenklatura's logic-v2 (yente's matcher) on the same pairs at its own
// default threshold, overall, on the dev and held-out halves (split by
// entry), by kind of difference, by script and by schema.
func TestNamePairs(t *testing.T) {
	groups := pairFigures(t, readPairs(t))
	all := groups["all"]
	if all.ours.F1() < 0.82 || all.ours.F1() <= all.lv.F1() {
		t.Errorf("F1 %.3f: want 0.82 or more and above logic-v2's %.3f", all.ours.F1(), all.lv.F1())
	}
	if all.ours.Recall() < 0.85 {
		t.Errorf("recall %.3f: want 0.85 or more", all.ours.Recall())
	}
	// what weighing words by their rarity (rarity.go), contradicting words
	// by their length, short forms, words joined (rules.go), numbers that
	// differ (numbers.go) and words left out (omitWeight) reached:
	// precision 0.802 → 0.903, STRONG pairs wrong 25 → 12; titles and the
	// UN list's "na" (titles.go), Arabic-script compounds, Persian letter
	// values and French spellings (translit.go, phonetic.go): recall 0.888
	// → 0.898 at precision 0.905, STRONG pairs wrong 12 → 8. The 8 left
	// are translations ("Higher Institute of Applied Science and
	// Technology", "Institut des Sciences Appliquées et de Technologie"),
	// a.k.a.s that share no name ("CHO, Il-U", "JO, Chol") and other names
	// of one person ("FAZAL RAHIM", "Fazil Rahman"). A Korean syllable
	// that contradicts weighing a syllable's length whatever its letters
	// (contradiction): precision 0.905 → 0.911 (13 pairs of namesakes on
	// the DPRK lists, "KIM, Jong Sik" and "KIM, Jong Un", told apart) for
	// one STRONG pair more wrong, "KIM, Su-Kwang" a.k.a. "KIM, Son-kwang";
	// Korean syllables two letters apart not paired (wordSimilarity):
	// precision 0.914, 6 more namesakes told apart ("KIM, Hyok Chol",
	// "KIM, Sok Chol"), one WEAK pair lost ("PARK, Jin Hyok", "PAK, Jin
	// Hek"). The pairs' second version (PROVENANCE.md), whose tiers no
	// longer call other names STRONG spellings ("CHO, Il-U" and "JO,
	// Chol"): P 0.915 R 0.901, STRONG pairs wrong 6; every spelling of
	// Maulavi the lists write a title, and an Arabic article left out
	// weighing as a light word (articles): R 0.905 at P 0.916, STRONG
	// pairs wrong 5; the shorter name taken as the one better covered
	// (coverWeight): R 0.909, STRONG pairs wrong 3. Relatives
	// (relatives), clipped names, acronyms with a legal form's letters and
	// a word's rare end as a short form ("Kipli", "Julkipli"): P 0.919
	// R 0.913, STRONG pairs wrong 2. MatchThreshold 0.65 → 0.63, with
	// numbers that differ and relatives kept below it: P 0.911 R 0.921,
	// STRONG pairs wrong 1 ("‘ABD AL-RAHMAN BIN ‘UMAYR AL-NU’AYMI" a.k.a.
	// "'Abd al-Rahman bin 'Amir al-Nu'imi", a father's name changed);
	// rigour's lines of business in every language it spells them
	// (genericWords): P 0.915 R 0.922; a date in an acronym ("M23",
	// "Mouvement du 23 mars"): P 0.916 R 0.924.
	if all.ours.Precision() < 0.90 {
		t.Errorf("precision %.3f: want 0.90 or more", all.ours.Precision())
	}
	if all.ours.strongWrong > 1 {
		t.Errorf("%d STRONG pairs wrong: want 1 at most", all.ours.strongWrong)
	}
	for n, g := range groups {
		if strings.HasPrefix(n, "kind ") && g.ours.TP == 0 && g.ours.FN > 0 {
			t.Errorf("%s: no true match found", n)
		}
	}
}

// pairGroup is shellnet's and logic-v2's decisions on a group of pairs.
type pairGroup struct{ ours, lv confusion }

// pairFigures scores the pairs with Similarity at MatchThreshold and
// logic-v2 at its own default threshold, overall, on the dev and held-out
// halves, by kind of difference, by script and by schema, and logs the
// figures of each group.
func pairFigures(t *testing.T, pairs []labelledPair) map[string]*pairGroup {
	groups := map[string]*pairGroup{}
	for _, p := range pairs {
		s := Similarity(p.left, p.right)
		ours, lv := s >= MatchThreshold, p.logicV2 >= logicV2Threshold
		for _, name := range []string{"all", "split " + p.split, "kind " + p.kind, "script " + p.script, "schema " + p.schema} {
			g := groups[name]
			if g == nil {
				g = &pairGroup{}
				groups[name] = g
			}
			g.ours.add(p, ours)
			g.lv.add(p, lv)
		}
	}
	var b strings.Builder
	for _, n := range slices.Sorted(maps.Keys(groups)) {
		g := groups[n]
		fmt.Fprintf(&b, "\n%-22s shellnet %s\n%-22s logic-v2 %s", n, g.ours, "", g.lv)
	}
	t.Logf("%d pairs, shellnet at %.2f, logic-v2 at %.2f:%s", len(pairs), MatchThreshold, logicV2Threshold, b.String())
	return groups
}

// TestNamePairsHoldout2 scores the second held-out set
// (testdata/namepairs-holdout2.csv: every pair of 1,500 OFAC entries the
// benchmark leaves out, whose pairs no rule was written from; see
// PROVENANCE.md) as TestNamePairs does. Its figures when it was first
// scored, with the matcher of that time: P 0.903 R 0.920 F1 0.912, 10 of
// its 2,377 STRONG pairs wrong; logic-v2 F1 0.723; the release before,
// P 0.893 R 0.919 F1 0.906, 13 STRONG pairs wrong. With relatives that
// share a father's name (relatives): P 0.908 R 0.920 F1 0.914. At
// MatchThreshold 0.63 (chosen on the benchmark, not here): P 0.898
// R 0.926 F1 0.912, 9 STRONG pairs wrong; with family endings
// (alikeByEnding) and rigour's lines of business (genericWords): P 0.901
// R 0.929 F1 0.914, 10 STRONG pairs wrong.
func TestNamePairsHoldout2(t *testing.T) {
	pairs := readPairsOf(t, "namepairs-holdout2")
	if len(pairs) != 4792 {
		t.Fatalf("%d pairs, want 4,792", len(pairs))
	}
	all := pairFigures(t, pairs)["all"]
	if all.ours.F1() < 0.82 || all.ours.F1() <= all.lv.F1() || all.ours.Recall() < 0.85 {
		t.Errorf("F1 %.3f, recall %.3f: want F1 0.82 or more and above logic-v2's %.3f, recall 0.85 or more", all.ours.F1(), all.ours.Recall(), all.lv.F1())
	}
	if all.ours.strongWrong > 10 {
		t.Errorf("%d STRONG pairs wrong: want 10 or fewer, as when the set was first scored", all.ours.strongWrong)
	}
}

// BenchmarkNamePairs compares the names of every labelled pair once per
// iteration: names compared a second, on real names of every script.
func BenchmarkNamePairs(b *testing.B) {
	pairs := readPairs(b)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pairs {
			Similarity(p.left, p.right)
		}
	}
	b.ReportMetric(float64(b.N*len(pairs))/b.Elapsed().Seconds(), "pairs/s")
}
