package main

import (
	"path/filepath"
	"testing"
)

// TestExitCodes checks that the errors the cli library returns before an
// action runs end in exit code 2 (bad usage), and an action's own failure
// in 1.
func TestExitCodes(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.csv")
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"stats", "--no-such-flag"}, exitUsage},
		{[]string{"--no-such-flag"}, exitUsage},
		{[]string{"centrality", "--top", "many"}, exitUsage},
		{[]string{"render", "--paths"}, exitUsage}, // --out is required
		{[]string{"help", "no-such-command"}, exitUsage},
		{[]string{"ingest", "--store", filepath.Join(t.TempDir(), "s.db"), missing}, exitFailed},
	} {
		_, err := run(t, c.args...)
		if code := exitCode(err); code != c.want {
			t.Errorf("%v: exit code %d (%v), want %d", c.args, code, err, c.want)
		}
	}
}
