package centrality

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/graph/network"
)

func TestHITSNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "lesmis"} {
		p := loadGraph(t, name)
		ref := loadReference(t, name)
		for _, directed := range []bool{false, true} {
			hubs, auth, err := HITS(p, IterOptions{Options: Options{Directed: directed}})
			if err != nil {
				t.Fatal(err)
			}
			// NetworkX: sparse SVD (ARPACK) run to tol 1e-12 by reference.py
			compare(t, p, name+" hubs"+dirName(directed), hubs, ref.want(t, directed, "hits_hubs"), 1e-8)
			compare(t, p, name+" authorities"+dirName(directed), auth, ref.want(t, directed, "hits_authorities"), 1e-8)
		}
	}
}

// TestHITSGonum checks against gonum's network.HITS, which normalises both
// vectors to unit Euclidean norm and ignores weights.
func TestHITSGonum(t *testing.T) {
	p := loadGraph(t, "lesmis")
	hubs, auth, err := HITS(p, IterOptions{Options: Options{Directed: true}})
	if err != nil {
		t.Fatal(err)
	}
	ha := network.HITS(p.Directed(), 1e-12)
	var hn, an float64
	for _, x := range ha {
		hn += x.Hub * x.Hub
		an += x.Authority * x.Authority
	}
	var hs, as float64
	for i := range hubs {
		hs += hubs[i] * hubs[i]
		as += auth[i] * auth[i]
	}
	for i := range hubs {
		x := ha[int64(i)]
		if math.Abs(hubs[i]/math.Sqrt(hs)-x.Hub/math.Sqrt(hn)) > 1e-8 || math.Abs(auth[i]/math.Sqrt(as)-x.Authority/math.Sqrt(an)) > 1e-8 {
			t.Errorf("node %s: hub %g authority %g, gonum %g %g", p.Nodes[i].ID, hubs[i]/math.Sqrt(hs), auth[i]/math.Sqrt(as), x.Hub/math.Sqrt(hn), x.Authority/math.Sqrt(an))
		}
	}
}
