package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

func TestCommunitiesGolden(t *testing.T) {
	store := karateStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"communities_louvain.json", []string{"--format", "json"}},
		{"communities_wcc.json", []string{"--algo", "wcc", "--format", "json"}},
		{"communities_labelprop.csv", []string{"--algo", "labelprop", "--seed", "2", "--top", "2", "--format", "csv"}},
		{"communities_louvain.txt", []string{"--resolution", "1.5"}},
	} {
		args := append([]string{"communities", "--store", store, "--quiet"}, c.args...)
		got, err := run(t, args...)
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		again, _ := run(t, args...)
		if again != got {
			t.Errorf("%v: two runs print different bytes", c.args)
		}
		golden(t, c.name, got)
	}
}

// TestCommunitiesLouvainKarate: the JSON contract, and a modularity of at
// least 0.41 on the karate club (best known 0.4198,
// doi:10.1140/epjb/e2013-40829-0) whose members add up to 34.
func TestCommunitiesLouvainKarate(t *testing.T) {
	store := karateStore(t)
	out, err := run(t, "communities", "--store", store, "--quiet", "--format", "json", "--write")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Algorithm   string  `json:"algorithm"`
		Modularity  float64 `json:"modularity"`
		Communities []struct {
			ID      int      `json:"id"`
			Size    int      `json:"size"`
			Members []string `json:"members"`
			Listed  []string `json:"listed"`
		} `json:"communities"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Algorithm != "louvain" || got.Modularity < 0.41 {
		t.Errorf("algorithm %q, modularity %v: want louvain, at least 0.41", got.Algorithm, got.Modularity)
	}
	members, listed := 0, 0
	stored := map[string]int{}
	for _, c := range got.Communities {
		if c.Size != len(c.Members) {
			t.Errorf("community %d: size %d, %d members", c.ID, c.Size, len(c.Members))
		}
		members += c.Size
		listed += len(c.Listed)
		for _, id := range c.Members {
			stored[id] = c.ID
		}
	}
	if members != 34 || listed != 1 {
		t.Errorf("%d members, %d listed: want 34 and 1", members, listed)
	}
	// --write left community.louvain on every entity, equal to the printed id
	ctx := context.Background()
	s, err := graph.Open(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	n := 0
	err = s.Entities(ctx, graph.Filter{}, func(e graph.Entity) error {
		n++
		v, ok := e.Props["community.louvain"].(float64) // JSON numbers come back as float64
		if !ok {
			if i, isInt := e.Props["community.louvain"].(int); isInt {
				v, ok = float64(i), true
			}
		}
		if !ok || int(v) != stored[e.ID] {
			t.Errorf("%s: stored community %v, printed %d", e.ID, e.Props["community.louvain"], stored[e.ID])
		}
		return nil
	})
	if err != nil || n != 34 {
		t.Errorf("read back %d entities: %v", n, err)
	}
}

func TestCommunitiesUsage(t *testing.T) {
	store := karateStore(t)
	for _, args := range [][]string{{"--algo", "girvan"}, {"--resolution", "0"}, {"--resolution", "-1"}} {
		_, err := run(t, append([]string{"communities", "--store", store}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit code %d (%v), want %d", args, code, err, exitUsage)
		}
	}
}

// TestCommunitiesBlocked: a company 60% owned by the listed k33 is blocked
// under the 50 Percent Rule and shown as such in its community.
func TestCommunitiesBlocked(t *testing.T) {
	store := karateStore(t)
	ctx := context.Background()
	s, err := graph.Open(ctx, store)
	if err != nil {
		t.Fatal(err)
	}
	err = s.UpsertEntities(ctx, []graph.Entity{{ID: "shell-co", Kind: graph.Company, Name: "Shell Co", Countries: []string{"HK"}}})
	if err == nil {
		err = s.UpsertLinks(ctx, []graph.Link{{ID: "k33>owns>shell-co", From: "k33", To: "shell-co", Type: graph.Owns, Props: map[string]any{"percentage": "60"}}})
	}
	s.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "communities", "--store", store, "--quiet", "--format", "json", "--top", "0")
	if err != nil {
		t.Fatal(err)
	}
	var got communitiesOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var blocked []string
	for _, c := range got.Communities {
		blocked = append(blocked, c.Blocked...)
	}
	if len(blocked) != 1 || blocked[0] != "shell-co" {
		t.Errorf("blocked members %v, want [shell-co]", blocked)
	}
}
