package screen

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/names"
	"github.com/shellnet/shellnet/ingest"
)

// TestOFACDPRKNameMatching loads the OFAC SDN list (2021-04) with its
// aliases and, for every name and alias of the entries on DPRK programs,
// screens three altered queries: one letter changed, one word dropped (names
// of three words or more) and the words in reverse order (names of two
// words or more). Each must find its own entry as the best match among all
// 8,890 entries' names and aliases. An own entry that shares the best score
// with another entry (two entries named alike) counts as found and is
// reported as a tie. Target: 98% or more (issue 4).
func TestOFACDPRKNameMatching(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the OFAC list")
	}
	ctx := context.Background()
	s := openStore(t)
	// the copy of the 2021 list that ingest/ofac's tests load (see its
	// PROVENANCE.md), read in place rather than kept twice
	dir := filepath.Join("..", "..", "ingest", "ofac", "testdata")
	paths := []string{filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "alt.csv")}
	if _, err := ingest.Load(ctx, s, paths, ingest.Options{Rejects: filepath.Join(t.TempDir(), "rejects.jsonl")}); err != nil {
		t.Fatal(err)
	}
	sc, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := sc.Snapshot().Projection()
	var entries []int32
	for i := range p.Nodes {
		if isDPRK(ctx, t, s, p.Nodes[i].ID, p.Nodes[i].Listed) {
			entries = append(entries, int32(i))
		}
	}
	t.Logf("%d entities on DPRK programs, %d names indexed in all", len(entries), sc.Index().Len())
	type kind struct {
		name                       string
		queries, hits, ties, first int
		widest                     int // most entries sharing the best score with a found one
	}
	kinds := []*kind{{name: "letter changed"}, {name: "word dropped"}, {name: "words reordered"}}
	var misses []string
	// coreSets holds every entity's names as sets of core words, to tell a
	// query whose remaining words another entity's name holds too (the
	// query does not single out its entry) from one that does.
	type named struct {
		node  int32
		words map[string]bool
	}
	var coreSets []named
	for i := range p.Nodes {
		if !p.Nodes[i].Kind.IsParty() {
			continue
		}
		e := p.Nodes[i].Entity()
		for _, nm := range e.Names() {
			ws := map[string]bool{}
			for _, w := range names.Parse(nm).Tokens {
				ws[w] = true
			}
			coreSets = append(coreSets, named{int32(i), ws})
		}
	}
	ambiguous := func(q string, own int32) bool {
		qs := names.Parse(q).Tokens
	next:
		for _, c := range coreSets {
			if c.node == own {
				continue
			}
			for _, w := range qs {
				if !c.words[w] {
					continue next
				}
			}
			return true
		}
		return false
	}
	amb := make([]int, 3)
	ambMiss := make([]int, 3)
	for _, u := range entries {
		n := &p.Nodes[u]
		e := n.Entity()
		for _, name := range e.Names() {
			rng := rand.New(rand.NewPCG(seedOf(n.ID+"|"+name), 1))
			for k, q := range []string{changeLetter(rng, name), dropWord(rng, name), reorder(name)} {
				if q == "" {
					continue
				}
				kinds[k].queries++
				isAmb := ambiguous(q, u)
				if isAmb {
					amb[k]++
				}
				ms := sc.Index().Search(q, 10)
				found, tie, width := false, false, 0
				for i, m := range ms {
					if m.Score < ms[0].Score {
						break
					}
					width++
					if m.Node == u {
						found, tie = true, i > 0 || (len(ms) > 1 && ms[1].Score == ms[0].Score)
					}
				}
				if len(ms) > 0 && ms[0].Node == u {
					kinds[k].first++
				}
				switch {
				case found && tie:
					kinds[k].hits++
					kinds[k].ties++
					kinds[k].widest = max(kinds[k].widest, width)
				case found:
					kinds[k].hits++
				default:
					if isAmb {
						ambMiss[k]++
					}
					best := "nothing"
					if len(ms) > 0 {
						best = fmt.Sprintf("%s %q %.3f", p.Nodes[ms[0].Node].ID, ms[0].Name, ms[0].Score)
					}
					own := "not in the top 10"
					for _, m := range ms {
						if m.Node == u {
							own = fmt.Sprintf("%.3f", m.Score)
						}
					}
					misses = append(misses, fmt.Sprintf("%s: %s %q → %q: best %s, own %s", kinds[k].name, n.ID, name, q, best, own))
				}
			}
		}
	}
	total, hits, identifiable, identHits := 0, 0, 0, 0
	for k, kd := range kinds {
		total += kd.queries
		hits += kd.hits
		identifiable += kd.queries - amb[k]
		identHits += kd.hits - (amb[k] - ambMiss[k])
		t.Logf("%-16s %5d queries, %5d found (%.2f%%), %d of them tied with other entries (at most %d entries share the best score), %d ranked first; %d leave words that another entry's name holds too (%d of the misses), on the other %d: %.2f%%",
			kd.name, kd.queries, kd.hits, 100*float64(kd.hits)/float64(kd.queries), kd.ties, kd.widest, kd.first, amb[k], ambMiss[k],
			kd.queries-amb[k], 100*float64(kd.hits-(amb[k]-ambMiss[k]))/float64(kd.queries-amb[k]))
	}
	rate := float64(hits) / float64(total)
	identRate := float64(identHits) / float64(identifiable)
	t.Logf("hit rate %.2f%% (%d of %d queries); on the %d queries whose words single out one entry %.2f%%; %d misses:",
		100*rate, hits, total, identifiable, 100*identRate, len(misses))
	slices.Sort(misses)
	for _, m := range misses {
		t.Log("  miss " + m)
	}
	// A query left with words that another entry's name also holds
	// ("KIM, Chol" from "KIM, Hyok Chol", which is another entry's whole
	// name) may name either entry: such queries count as found when their
	// own entry shares the best score, and those that single out their
	// entry are held to the same target on their own.
	// 1911 of the 1939 queries (98.56%) found their entry before names
	// were compared by phonetic keys and across scripts; matching may not
	// find fewer.
	if rate < 0.9855 {
		t.Errorf("hit rate %.2f%% on all queries, want at least 98.55%% (1911 of 1939 before phonetic matching)", 100*rate)
	}
	if identRate < 0.98 {
		t.Errorf("hit rate %.2f%% on queries that single out their entry, want at least 98%%", 100*identRate)
	}
}

// isDPRK reports whether the entity is listed on a DPRK program.
func isDPRK(ctx context.Context, t *testing.T, s graph.Store, id string, listed bool) bool {
	if !listed {
		return false
	}
	e, err := graph.Get(ctx, s, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range e.Sanctions {
		if strings.HasPrefix(x.Program, "DPRK") {
			return true
		}
	}
	return false
}

func seedOf(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// changeLetter replaces one letter, chosen at random, by another letter of
// the same case.
func changeLetter(rng *rand.Rand, s string) string {
	rs := []rune(s)
	var letters []int
	for i, r := range rs {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			letters = append(letters, i)
		}
	}
	if len(letters) == 0 {
		return ""
	}
	i := letters[rng.IntN(len(letters))]
	base := 'a'
	if rs[i] <= 'Z' {
		base = 'A'
	}
	old := rs[i] - base
	rs[i] = base + (old+1+rune(rng.IntN(25)))%26
	return string(rs)
}

// dropWord drops one word, chosen at random, from a name of three words or
// more.
func dropWord(rng *rand.Rand, s string) string {
	ws := strings.Fields(s)
	if len(ws) < 3 {
		return ""
	}
	i := rng.IntN(len(ws))
	return strings.Join(append(ws[:i:i], ws[i+1:]...), " ")
}

// reorder writes the words of a name of two words or more in reverse order.
func reorder(s string) string {
	ws := strings.Fields(s)
	if len(ws) < 2 {
		return ""
	}
	slices.Reverse(ws)
	return strings.Join(ws, " ")
}
