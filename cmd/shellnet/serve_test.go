package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMain runs shellnet itself when SHELLNET_RUN_MAIN is set, so that
// tests can start the command as a process of its own and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("SHELLNET_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// startServe starts `shellnet serve` as a process on a free port of
// 127.0.0.1 and returns it with its base URL once it is ready.
func startServe(t *testing.T, args ...string) (*exec.Cmd, string, time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "SHELLNET_RUN_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`msg=listening addr=(http://127\.0\.0\.1:\d+)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	var base string
	select {
	case base = <-addr:
	case <-time.After(30 * time.Second):
		t.Fatal("shellnet serve did not say where it listens in 30 s")
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("shellnet serve not ready in 30 s")
		}
	}
	return cmd, base, time.Since(start)
}

// matchScreening posts one /match query and returns its screening, without
// the snapshot's load time.
func matchScreening(t *testing.T, base, name string) string {
	t.Helper()
	resp, err := http.Post(base+"/match/default", "application/json",
		strings.NewReader(`{"queries": {"q": {"schema": "Company", "properties": {"name": ["`+name+`"]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m struct {
		Responses map[string]struct {
			Screening json.RawMessage `json:"screening"`
		} `json:"responses"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %v", resp.StatusCode, err)
	}
	return string(m.Responses["q"].Screening)
}

// Killed with SIGKILL, shellnet serve starts again on the same store and
// answers as before.
func TestServeKillRestart(t *testing.T) {
	store := glocomCaseStore(t)
	cmd, base, took := startServe(t, "--store", store)
	t.Logf("start to ready: %s", took)
	before := matchScreening(t, base, "GLOCOM")
	if !strings.Contains(before, `"verdict":"linked"`) {
		t.Fatalf("GLOCOM: %s", before)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	_, base, took = startServe(t, "--store", store)
	t.Logf("start to ready after kill -9: %s", took)
	if after := matchScreening(t, base, "GLOCOM"); after != before {
		t.Errorf("after the restart:\n%s\nbefore:\n%s", after, before)
	}
}

// serve refuses an address other than loopback without a token, and an
// empty token file, saying what to do.
func TestServeNeedsToken(t *testing.T) {
	store := glocomCaseStore(t)
	_, err := run(t, "serve", "--store", store, "--addr", "0.0.0.0:0")
	if err == nil || !strings.Contains(err.Error(), "--token-file") || exitCode(err) != exitUsage {
		t.Errorf("0.0.0.0 without a token: %v", err)
	}
	empty := filepath.Join(t.TempDir(), "token")
	os.WriteFile(empty, []byte("\n"), 0o600)
	_, err = run(t, "serve", "--store", store, "--addr", "0.0.0.0:0", "--token-file", empty)
	if err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("empty token file: %v", err)
	}
}
