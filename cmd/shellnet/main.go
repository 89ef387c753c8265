// Command shellnet maps the corporate shell networks through which
// sanctioned regimes buy technology, and screens suppliers against them.
//
// The command only parses flags, wires packages together and formats their
// results; the work is done in the graph, ingest and analysis packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"slices"
	"syscall"

	"github.com/urfave/cli/v2"
)

// Exit codes of the contract in DESIGN.md.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	exitFlagged = 3 // ingest rejected records, or screen --fail-on triggered
)

// order is the order in which subcommands appear in --help.
var order = []string{"demo", "ingest", "stats", "search", "compare", "screen", "paths", "centrality", "communities", "exposure", "flags", "render", "report", "export", "generate", "serve"}

var registered = map[string]func() *cli.Command{}

// register adds a subcommand; each command's file calls it from init.
func register(name string, cmd func() *cli.Command) { registered[name] = cmd }

// commands returns the registered subcommands in help order.
func commands() []*cli.Command {
	var out []*cli.Command
	for _, name := range order {
		if f, ok := registered[name]; ok {
			out = append(out, actionCoded(f()))
		}
	}
	var rest []string
	for name := range registered {
		if !slices.Contains(order, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range rest {
		out = append(out, actionCoded(registered[name]()))
	}
	return out
}

// actionCoded gives every error of cmd's action an exit code (1, failed,
// unless the action chose one), so that main can tell them from the errors
// the cli library returns before an action runs: an undefined flag, a bad
// flag value, a required flag missing, an unknown help topic, all bad
// usage. urfave/cli v2 gives those no type of their own.
func actionCoded(cmd *cli.Command) *cli.Command {
	action := cmd.Action
	cmd.Action = func(c *cli.Context) error {
		err := action(c)
		var ee *exitError
		if err != nil && !errors.As(err, &ee) {
			return withCode(exitFailed, err)
		}
		return err
	}
	return cmd
}

func newApp() *cli.App {
	return &cli.App{
		Name:  "shellnet",
		Usage: "map the shell-company networks that carry technology to sanctioned end users",
		Description: `shellnet loads sanctions lists, registries, leaks, trade and payment records
and device scans into a graph store, then finds brokers, clusters and
procurement paths, screens suppliers, and draws the evidence.

Examples:
   shellnet demo                                  # the Glocom case end to end
   shellnet ingest sdn.csv add.csv alt.csv        # OFAC SDN list into ./shellnet.db
   shellnet screen "Pan Systems Pte Ltd"          # is this supplier linked?
   shellnet paths --format json                   # US vendors to sanctioned parties
   shellnet render --paths --out paths.svg`,
		Commands:             commands(),
		EnableBashCompletion: true,
		ExitErrHandler:       func(*cli.Context, error) {}, // main decides exit codes
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := cpuProfile(os.Getenv("SHELLNET_CPUPROFILE"))
	err := newApp().RunContext(ctx, os.Args)
	stopProfile()
	stop()
	os.Exit(exitCode(err))
}

// cpuProfile writes a CPU profile of the command to path, for
// "go tool pprof", when path is not empty; the returned func ends it.
func cpuProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "shellnet: SHELLNET_CPUPROFILE:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// exitError carries an exit code chosen by an action.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err (which may be nil, for a silent exit) with an exit code.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// usageError marks a bad-usage error (exit code 2).
func usageError(format string, a ...any) error {
	return withCode(exitUsage, fmt.Errorf(format, a...))
}

// exitCode turns an action's error into the process exit code, printing it.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	// an error without a code comes from the cli library, not from an
	// action (see actionCoded)
	code := exitUsage
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
	}
	fmt.Fprintln(os.Stderr, "shellnet:", err)
	return code
}
