package main

import (
	"bytes"
	"os"
	"testing"
)

// TestGenerated checks that graph/names/wordfreq.go is what the lists in
// the repository's test data give: a change to them, to names.Parse or to
// this command must come with the file generated again.
func TestGenerated(t *testing.T) {
	src, summary, err := generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("../../graph/names/wordfreq.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(src, have) {
		t.Fatalf("graph/names/wordfreq.go differs from what the lists give (%s): run go generate ./graph/names", summary)
	}
	t.Log(summary)
}
