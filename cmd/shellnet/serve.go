package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/cmd/shellnet/internal/server"
)

func init() { register("serve", serveCommand) }

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "answer screening, search and investigation over HTTP, from one snapshot held in memory",
		ArgsUsage: " ",
		Description: `Loads the store's snapshot once and answers from memory; when the store
changes (an ingest, a --write) it builds the next snapshot in the background
and swaps it in, so that no request fails or sees half of each.

POST /match/{dataset}, GET /search/{dataset}, GET /entities/{id} and
GET /entities/{id}/adjacent follow OpenSanctions' yente API, so that its
clients work; POST /screen streams one verdict a line for an NDJSON or CSV
supplier list; GET /paths, /neighbourhood/{id}, /algorithms, /healthz,
/readyz, /metrics; GET /openapi.json documents them all.

It listens on 127.0.0.1 unless --addr says otherwise; any other address
needs a token (--token-file FILE, or SHELLNET_API_TOKEN), which every
request but /healthz, /readyz, /algorithms and /openapi.json must carry as
"Authorization: Bearer TOKEN".

Examples:
   shellnet serve
   shellnet serve --addr 127.0.0.1:9000 --store /data/shellnet.db
   shellnet serve --addr 0.0.0.0:8080 --token-file /run/secrets/shellnet-token
   curl -s localhost:8080/match/default -d '{"queries":{"q1":{"schema":"Company","properties":{"name":["Glocom"]}}}}'`,
		Flags: append(withCommon(
			&cli.StringFlag{Name: "addr", Usage: "listen on `HOST:PORT`", Value: "127.0.0.1:8080"},
			&cli.StringFlag{Name: "token-file", Usage: "read the bearer token from `FILE` (or set SHELLNET_API_TOKEN)"},
			&cli.DurationFlag{Name: "poll", Usage: "read the store's version every `D` to swap in a new snapshot", Value: server.DefaultPoll},
			&cli.Int64Flag{Name: "max-body", Usage: "refuse request bodies over `BYTES`", Value: server.DefaultMaxBody},
			&cli.IntFlag{Name: "max-queries", Usage: "queries of one /match request at most `N`", Value: server.DefaultMaxQueries},
			&cli.IntFlag{Name: "max-screen", Usage: "names of one /screen request at most `N`", Value: server.DefaultMaxScreen},
			&cli.IntFlag{Name: "max-limit", Usage: "results a limit may ask for at most `N`", Value: server.DefaultMaxLimit},
			&cli.DurationFlag{Name: "write-timeout", Usage: "give up writing a response (a line of /screen) after `D`", Value: server.DefaultTimeout},
			&cli.IntFlag{Name: "max-hops", Usage: "reach at most `H` links from a match", Value: screen.DefaultMaxHops},
			&cli.StringFlag{Name: "rule", Usage: "who is blocked by ownership: ofac (50 Percent Rule) or eu (owned or controlled)", Value: "ofac"},
			&cli.Float64Flag{Name: "threshold", Usage: "name score `S` (0 to 1) a match needs", Value: screen.DefaultThreshold},
			&cli.IntFlag{Name: "paths", Usage: "up to `K` evidence paths a name", Value: screen.DefaultPaths},
			asOfFlag,
		), serveAuditFlags()...),
		Action: runServe,
	}
}

func readServeConfig(c *cli.Context) (server.Config, error) {
	cfg := server.Config{Poll: c.Duration("poll"), MaxBody: c.Int64("max-body"), MaxQueries: c.Int("max-queries"),
		MaxScreen: c.Int("max-screen"), MaxLimit: c.Int("max-limit"), WriteTimeout: c.Duration("write-timeout")}
	set, err := readScreenOptions(c)
	if err != nil {
		return cfg, err
	}
	cfg.Screen, cfg.Rule, cfg.AsOf = set.opt, set.rule, set.asOf
	cfg.Token = os.Getenv("SHELLNET_API_TOKEN")
	if f := c.String("token-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return cfg, withCode(exitUsage, fmt.Errorf("--token-file: %w", err))
		}
		if cfg.Token = strings.TrimSpace(string(b)); cfg.Token == "" {
			return cfg, usageError("--token-file %s is empty: write a long random token into it (openssl rand -hex 32 > %s)", f, f)
		}
	}
	readServeAudit(c, &cfg)
	if err := server.CheckAddr(c.String("addr"), cfg.Token); err != nil {
		return cfg, withCode(exitUsage, err)
	}
	return cfg, nil
}

func runServe(c *cli.Context) (err error) {
	cfg, err := readServeConfig(c)
	if err != nil {
		return err
	}
	level := slog.LevelInfo
	if c.Bool("quiet") {
		level = slog.LevelWarn
	}
	cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	if cfg.Store, err = openStore(c); err != nil {
		return err
	}
	defer closeStore(c.Context, cfg.Store, &err)
	return server.Run(c.Context, cfg, c.String("addr"))
}
