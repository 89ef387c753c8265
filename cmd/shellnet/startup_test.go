package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// graphvizInit is the package of go-graphviz that compiles and instantiates
// Graphviz's WebAssembly module when it initialises (internal/wasm's init in
// upstream v0.2.10), so that every program linking go-graphviz pays for it
// at start-up, whether it draws or not.
const graphvizInit = "github.com/goccy/go-graphviz/internal/wasm"

// TestStartupCost reads what each package's initialisation allocates when
// this test binary, which links every package shellnet does, starts with
// GODEBUG=inittrace=1. It checks the two halves of what README says about
// start-up: go-graphviz sets up its WebAssembly module there (more than
// 1 MB; should upstream ever defer it to first use, this fails and the
// README's start-up figures are to be measured again), and no other package
// does significant work before main runs (at most 256 KB each).
func TestStartupCost(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	inits, gv := 0, 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init github.com/goccy/go-graphviz/internal/wasm @2.1 ms, 28 ms clock, 4350976 bytes, 9139 allocs
		f := strings.Fields(sc.Text())
		if len(f) < 9 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		inits++
		bytes, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", sc.Text(), err)
		}
		switch {
		case f[1] == graphvizInit:
			gv = bytes
		case bytes > 256<<10:
			t.Errorf("%s allocates %d bytes when it initialises: start-up work belongs in the command that needs it", f[1], bytes)
		}
	}
	if inits == 0 {
		t.Fatalf("no init trace:\n%s", stderr.String())
	}
	if gv < 1<<20 {
		t.Errorf("%s allocates %d bytes when it initialises: go-graphviz no longer sets up its module at start-up; measure README's start-up figures again", graphvizInit, gv)
	}
}

// BenchmarkStartup starts this test binary, which links what shellnet
// links, and lets it exit without running anything: the start-up cost of a
// command that draws nothing. cold gives go-graphviz an empty temporary
// folder each time, where it keeps wazero's compilation cache, so that the
// WebAssembly module is compiled again.
func BenchmarkStartup(b *testing.B) {
	start := func(b *testing.B, env []string) {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
	b.Run("warm", func(b *testing.B) {
		env := os.Environ()
		start(b, env) // fills the cache
		for b.Loop() {
			start(b, env)
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			tmp, err := os.MkdirTemp("", "shellnet-startup-")
			if err != nil {
				b.Fatal(err)
			}
			env := append(os.Environ(), "TMPDIR="+tmp)
			b.StartTimer()
			start(b, env)
			b.StopTimer()
			os.RemoveAll(tmp)
			b.StartTimer()
		}
	})
}
