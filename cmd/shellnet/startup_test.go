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

// TestStartupLoadsNoGraphviz checks that starting shellnet does not set up
// Graphviz's WebAssembly module (upstream go-graphviz compiles and
// instantiates it when its package initialises: 28 ms and 4.3 MB on every
// command, 0.7-1 s on a cold compilation cache): only commands that draw
// pay for it. It starts this test binary, which links every package
// shellnet does, with GODEBUG=inittrace=1 and reads what each package's
// initialisation allocated.
func TestStartupLoadsNoGraphviz(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	seen := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// init github.com/goccy/go-graphviz/internal/wasm @2.1 ms, 28 ms clock, 4350976 bytes, 9139 allocs
		f := strings.Fields(sc.Text())
		if len(f) < 8 || f[0] != "init" || !strings.HasPrefix(f[1], "github.com/goccy/go-graphviz") {
			continue
		}
		seen++
		bytes, err := strconv.Atoi(f[7])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", sc.Text(), err)
		}
		if bytes > 64<<10 {
			t.Errorf("%s allocates %d bytes when it initialises: the WebAssembly module is set up at start-up", f[1], bytes)
		}
	}
	if seen == 0 {
		t.Fatalf("no go-graphviz package in the init trace:\n%s", stderr.String())
	}
}
