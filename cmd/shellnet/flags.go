package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/shellnet/shellnet/graph"
)

// commonFlags are accepted by every command after its name.
func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "store", Usage: "graph store: a file path, sqlite:PATH, or neo4j://, neo4j+s://, bolt:// URI", EnvVars: []string{"SHELLNET_STORE"}, Value: graph.DefaultStore},
		&cli.StringFlag{Name: "format", Usage: "output format: table, json or csv", Value: "table"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but results and errors; no progress bar"},
	}
}

// withCommon appends the common flags to a command's own.
func withCommon(fs ...cli.Flag) []cli.Flag { return append(fs, commonFlags()...) }

// asOfFlag is --as-of DATE for analyses.
var asOfFlag = &cli.StringFlag{Name: "as-of", Usage: "keep only links valid on `DATE` (YYYY-MM-DD)"}

// parseAsOf reads --as-of.
func parseAsOf(c *cli.Context) (time.Time, error) {
	s := c.String("as-of")
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usageError("--as-of %q: want a date as YYYY-MM-DD", s)
	}
	return t, nil
}

// openStore opens the store named by --store.
func openStore(c *cli.Context) (graph.Store, error) {
	return graph.Open(c.Context, c.String("store"))
}

// outputFormat reads --format and checks it.
func outputFormat(c *cli.Context) (string, error) {
	f := strings.ToLower(c.String("format"))
	switch f {
	case "table", "json", "csv":
		return f, nil
	}
	return "", usageError("--format %q: want table, json or csv", c.String("format"))
}

// showProgress reports whether a progress bar should be drawn: stderr is a
// terminal and --quiet is off.
func showProgress(c *cli.Context) bool {
	return !c.Bool("quiet") && term.IsTerminal(int(os.Stderr.Fd()))
}

// info prints a line to stderr unless --quiet.
func info(c *cli.Context, format string, a ...any) {
	if !c.Bool("quiet") {
		fmt.Fprintf(os.Stderr, format+"\n", a...)
	}
}

// closeStore closes s, keeping the first error.
func closeStore(ctx context.Context, s graph.Store, err *error) {
	if cerr := s.Close(ctx); cerr != nil && *err == nil {
		*err = cerr
	}
}
