package main

import (
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/cmd/shellnet/internal/server"
)

// serveAuditFlags are serve's flags for the audit trail.
func serveAuditFlags() []cli.Flag {
	return []cli.Flag{
		screenFlags("audit")[0],
		&cli.StringFlag{Name: "token-name", Usage: "the `NAME` screenings and decisions are recorded under (default: the token file's name, or $USER without a token)"},
	}
}

// readServeAudit reads --audit and who the trail records: --token-name,
// the token file's name, the environment variable's, or the user running
// the server; never the token.
func readServeAudit(c *cli.Context, cfg *server.Config) {
	cfg.Audit = c.Bool("audit")
	switch {
	case strings.TrimSpace(c.String("token-name")) != "":
		cfg.Who = strings.TrimSpace(c.String("token-name"))
	case c.String("token-file") != "":
		cfg.Who = filepath.Base(c.String("token-file"))
	case cfg.Token != "":
		cfg.Who = "SHELLNET_API_TOKEN"
	default:
		cfg.Who, _ = analyst(c) // none: the server records itself ("server")
	}
}
