package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/analysis/flags"
)

func TestFlagsGolden(t *testing.T) {
	store := glocomCaseStore(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"flags_glocom.json", []string{"--format", "json"}},
		{"flags_glocom.txt", nil},
		{"flags_glocom.csv", []string{"--format", "csv", "--only", "shared-address", "--only", "circular-ownership"}},
		{"flags_glocom_thresholds.txt", []string{"--address-threshold", "5", "--director-threshold", "2", "--hub-countries", "HK", "--only", "shared-address", "--only", "shared-director", "--only", "hub-transit"}},
	} {
		args := append([]string{"flags", "--store", store, "--quiet"}, c.args...)
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

// Every flag planted in the case is reported, with the store's link IDs in
// its evidence.
func TestFlagsGlocom(t *testing.T) {
	store := glocomCaseStore(t)
	out, err := run(t, "flags", "--store", store, "--quiet", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var fs []flags.Flag
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range fs {
		seen[f.Kind+" "+f.Subject] = true
		for _, l := range f.Links {
			if len(l.IDs) == 0 {
				t.Errorf("%s %s: link %s>%s without the store's id", f.Kind, f.Subject, l.From, l.To)
			}
		}
	}
	for _, want := range []string{
		"shared-address address-brickfields", "shared-director person-a", "shared-identifier front-my",
		"circular-ownership front-hk", "hub-transit front-hk", "hub-transit front-cn", "hub-transit forwarder-cn",
	} {
		if !seen[want] {
			t.Errorf("flag %q missing", want)
		}
	}
}

func TestFlagsUsage(t *testing.T) {
	store := glocomCaseStore(t)
	for _, args := range [][]string{
		{"--only", "shell"},
		{"--address-threshold", "1"},
		{"--hub-countries", "HKG"},
		{"--from", "colour:red"},
		{"--k", "0"},
		{"--rule", "un"},
	} {
		_, err := run(t, append([]string{"flags", "--store", store}, args...)...)
		if code := exitCode(err); code != exitUsage {
			t.Errorf("%v: exit code %d (%v), want %d", args, code, err, exitUsage)
		}
	}
	out, err := run(t, "flags", "--help")
	if err != nil || !strings.Contains(out, "Examples:") || !strings.Contains(out, "circular-ownership") {
		t.Errorf("help: %v\n%s", err, out)
	}
}
