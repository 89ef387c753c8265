package centrality

import (
	"errors"
	"testing"
)

func TestEigenvectorNetworkX(t *testing.T) {
	for _, name := range []string{"karate", "lesmis"} {
		p := loadGraph(t, name)
		ref := loadReference(t, name)
		for _, weighted := range []bool{false, true} {
			measure := "eigenvector"
			if weighted {
				measure += "_weighted"
			}
			got, err := Eigenvector(p, IterOptions{Options: Options{Weighted: weighted}})
			if err != nil {
				t.Fatal(err)
			}
			// same iteration and stopping rule as NetworkX
			compare(t, p, name+" "+measure, got, ref.want(t, false, measure), 1e-9)
		}
	}
}

func TestEigenvectorNoConvergence(t *testing.T) {
	// the karate edges read from source to target form a graph without
	// cycles: NetworkX raises PowerIterationFailedConvergence there too
	// (its reference file has no directed eigenvector scores)
	p := loadGraph(t, "karate")
	if _, err := Eigenvector(p, IterOptions{Options: Options{Directed: true}}); !errors.Is(err, ErrNoConvergence) {
		t.Errorf("directed karate: error %v, want ErrNoConvergence", err)
	}
}
