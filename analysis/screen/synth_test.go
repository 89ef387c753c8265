package screen

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/shellnet/shellnet/analysis/internal/testnet"
	"github.com/shellnet/shellnet/analysis/sanctions"
	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
)

// synthStore loads a generated network into a fresh embedded store.
func synthStore(t testing.TB, net *synth.Network) graph.Store {
	t.Helper()
	s := openStore(t)
	testnet.Write(t, s, net)
	return s
}

// TestSynthProbes screens the probes of generated networks (supplier
// names as supplier lists write them: upper case, punctuation dropped,
// legal form spelled out, abbreviated or dropped) and compares each
// verdict with the generator's ground truth. Target: 97% (issue 4).
func TestSynthProbes(t *testing.T) {
	cfgs := []synth.Config{
		{Entities: 4000, LinksPerEntity: 5, Chains: 60, Seed: 7},
		{Entities: 30_000, LinksPerEntity: 6, Chains: 200, Seed: 11},
	}
	if testing.Short() {
		cfgs = cfgs[:1]
	}
	ctx := context.Background()
	for _, cfg := range cfgs {
		t.Run(fmt.Sprintf("%d entities seed %d", cfg.Entities, cfg.Seed), func(t *testing.T) {
			net := synth.Generate(cfg)
			s := synthStore(t, net)
			sc, err := newScreener(ctx, s, time.Time{}, sanctions.OFAC, Options{MaxHops: synth.MaxHops})
			if err != nil {
				t.Fatal(err)
			}
			qs := make([]Query, len(net.Probes))
			for i, p := range net.Probes {
				qs[i] = Query{Name: p.Query, ID: p.ID}
			}
			right, matched := 0, 0
			confusion := map[string]int{}
			i := 0
			err = sc.ScreenAll(ctx, qs, func(r Result) error {
				p := net.Probes[i]
				i++
				if r.Match != nil && r.Match.ID == p.ID {
					matched++
				}
				if r.Verdict.String() == p.Verdict {
					right++
					if r.Distance != nil && r.Verdict != Sanctioned && *r.Distance != p.Hops {
						t.Errorf("probe %q: distance %d, ground truth %d", p.Query, *r.Distance, p.Hops)
					}
				} else {
					confusion[p.Verdict+"→"+r.Verdict.String()]++
					if len(confusion) < 20 {
						t.Logf("probe %q (%s): %s, ground truth %s; %q", p.Query, p.ID, r.Verdict, p.Verdict, r.Reasons)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			rate := float64(right) / float64(len(qs))
			t.Logf("%d probes: verdict right for %d (%.2f%%), matched to their own entity %d (%.2f%%); wrong: %v",
				len(qs), right, 100*rate, matched, 100*float64(matched)/float64(len(qs)), confusion)
			if rate < 0.97 {
				t.Errorf("verdict right for %.2f%% of probes, want at least 97%%", 100*rate)
			}
		})
	}
}
