package neo4j

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The tests run against the Neo4j server named by NEO4J_URI (with
// NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), such as the one
// scripts/neo4j.sh start prints. Without NEO4J_URI they skip, unless
// SHELLNET_REQUIRE_NEO4J=1 (as in CI), when they fail. The tests delete
// everything in that database.

// requireNeo4j reports whether a missing server is a failure.
func requireNeo4j() bool { return os.Getenv("SHELLNET_REQUIRE_NEO4J") == "1" }

func skipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if requireNeo4j() {
		t.Fatalf("%s (SHELLNET_REQUIRE_NEO4J=1: the Neo4j tests must run)", msg)
	}
	t.Skip(msg)
}

// testURI returns NEO4J_URI or skips.
func testURI(t testing.TB) string {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		skipOrFail(t, "NEO4J_URI is not set: start a test server with `eval \"$(scripts/neo4j.sh start)\"; export NEO4J_URI` (or run scripts/test.sh) to run the Neo4j tests")
	}
	return uri
}

// envOptions are the options Open takes from the environment.
func envOptions() Options {
	return Options{Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// openTest opens the test database and empties it.
func openTest(t testing.TB) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, testURI(t))
	if err != nil {
		t.Fatalf("open test server: %v", err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := wipe(ctx, s); err != nil {
		t.Fatal(err)
	}
	return s
}

// wipe deletes every node and relationship, after checking that the
// database holds nothing but shellnet's own data, and makes s forget the
// entities it knew to be stored.
func wipe(ctx context.Context, s *Store) error {
	s.known.reset()
	var foreign int64
	err := s.run(ctx, `MATCH (n) WHERE NOT (n:Entity OR n:Identifier OR n:ShellnetMeta OR n:ShellnetPending OR n:ShellnetRelease OR n:ShellnetAudit) RETURN count(n)`, nil, func(r *neo4j.Record) error {
		foreign, _ = r.Values[0].(int64)
		return nil
	})
	if err != nil {
		return err
	}
	if foreign > 0 {
		return fmt.Errorf("the database at %s holds %d nodes that are not shellnet's; the tests delete everything, so point NEO4J_URI at a test server (scripts/neo4j.sh start)", s.uri, foreign)
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// repoRoot is the repository's root folder.
func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

var (
	jarOnce sync.Once
	jarPath string
	jarErr  error
)

// launcherJar returns the launcher's jar, building it if needed
// ($SHELLNET_NEO4J_LAUNCHER names another one).
func launcherJar(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("java"); err != nil {
		skipOrFail(t, "java not found: install a Java 17 runtime to run the tests that start their own Neo4j server")
	}
	jarOnce.Do(func() {
		if p := os.Getenv("SHELLNET_NEO4J_LAUNCHER"); p != "" {
			jarPath = p
			return
		}
		root := repoRoot(t)
		out, err := exec.Command("bash", filepath.Join(root, "scripts", "neo4j.sh"), "build").CombinedOutput()
		if err != nil {
			jarErr = fmt.Errorf("scripts/neo4j.sh build: %v\n%s", err, out)
			return
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		jarPath = lines[len(lines)-1]
	})
	if jarErr != nil {
		t.Fatal(jarErr)
	}
	return jarPath
}

// server is a Neo4j server started by a test from the launcher jar.
type server struct {
	t        testing.TB
	dir      string
	port     int
	auth     bool
	password string
	cmd      *exec.Cmd
	done     chan struct{}
	log      *strings.Builder
	mu       sync.Mutex
}

var readyLine = regexp.MustCompile(`^READY port=(\d+)`)

// startServer starts a server with its data in dir on port (0: any free
// port) and waits until Bolt answers. It is stopped when the test ends.
func startServer(t testing.TB, dir string, port int, auth bool, password string) *server {
	t.Helper()
	srv := &server{t: t, dir: dir, port: port, auth: auth, password: password}
	srv.start()
	t.Cleanup(srv.stop)
	return srv
}

func (srv *server) start() {
	t := srv.t
	t.Helper()
	// C1 only: half the start-up time, and these servers hold little
	args := []string{"-Xms128m", "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", launcherJar(t), "--data", srv.dir, "--port", fmt.Sprint(srv.port), "--pagecache", "128m"}
	if srv.auth {
		args = append(args, "--auth")
	}
	cmd := exec.Command("java", args...)
	cmd.Env = append(os.Environ(), "NEO4J_PASSWORD="+srv.password)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	srv.log = &strings.Builder{}
	cmd.Stderr = &lockedWriter{mu: &srv.mu, w: srv.log}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the Neo4j launcher: %v", err)
	}
	srv.cmd = cmd
	srv.done = make(chan struct{})
	ready := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			srv.mu.Lock()
			srv.log.WriteString(line + "\n")
			srv.mu.Unlock()
			if m := readyLine.FindStringSubmatch(line); m != nil {
				var p int
				fmt.Sscan(m[1], &p)
				ready <- p
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() { cmd.Wait(); close(srv.done) }()
	select {
	case p := <-ready:
		srv.port = p
	case <-srv.done:
		t.Fatalf("the Neo4j launcher exited before it was ready:\n%s", srv.output())
	case <-time.After(4 * time.Minute):
		srv.kill()
		t.Fatalf("the Neo4j launcher was not ready within 4 minutes:\n%s", srv.output())
	}
}

func (srv *server) output() string {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return srv.log.String()
}

func (srv *server) uri() string { return fmt.Sprintf("bolt://127.0.0.1:%d", srv.port) }

// stop sends SIGTERM and waits for a clean shutdown.
func (srv *server) stop() {
	if srv.cmd == nil {
		return
	}
	srv.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-srv.done:
	case <-time.After(2 * time.Minute):
		srv.cmd.Process.Kill()
		<-srv.done
	}
	srv.cmd = nil
}

// kill stops the server at once, as a crash would.
func (srv *server) kill() {
	if srv.cmd == nil {
		return
	}
	srv.cmd.Process.Kill()
	<-srv.done
	srv.cmd = nil
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
