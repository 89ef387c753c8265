package community

import (
	"slices"
	"testing"
)

func TestLabelPropagationPlanted(t *testing.T) {
	p, truth := planted(10, 100, 0.1, 0.005, 3)
	labels, count := LabelPropagation(p, LabelPropOptions{Seed: 1})
	score := nmi(truth, labels)
	t.Logf("%d communities, NMI %.4f, modularity %.4f", count, score, Modularity(p, labels, 1, false))
	if score < 0.9 {
		t.Errorf("NMI %.4f < 0.9", score)
	}
}

func TestLabelPropagationKarate(t *testing.T) {
	p := loadGraph(t, "karate")
	for seed := range uint64(10) {
		labels, count := LabelPropagation(p, LabelPropOptions{Seed: seed})
		q := Modularity(p, labels, 1, false)
		// label propagation finds a partition, not the best one: on the
		// karate club it lands between 1 community (Q = 0) and ~0.40
		if count < 1 || count > 34 || q < -0.01 || q > 0.4198 {
			t.Errorf("seed %d: %d communities, modularity %.4f", seed, count, q)
		}
		// every node has a label that is among the heaviest of its neighbours'
		u := p.Undirected()
		for v := range int32(p.Len()) {
			votes := map[int32]int{}
			for _, w := range u.Neighbours(v) {
				votes[labels[w]]++
			}
			top := 0
			for _, c := range votes {
				top = max(top, c)
			}
			if votes[labels[v]] != top {
				t.Errorf("seed %d: node %s keeps label %d with %d votes, another has %d", seed, p.Nodes[v].ID, labels[v], votes[labels[v]], top)
			}
		}
	}
}

func TestLabelPropagationDeterministic(t *testing.T) {
	p, _ := planted(10, 100, 0.05, 0.01, 6)
	a, _ := LabelPropagation(p, LabelPropOptions{Seed: 5})
	b, _ := LabelPropagation(p, LabelPropOptions{Seed: 5})
	if !slices.Equal(a, b) {
		t.Error("same seed, different labels")
	}
}
