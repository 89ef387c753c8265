package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
)

func init() { register("search", searchCommand) }

func searchCommand() *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "find entities by name, alias (fuzzy) or identifier (exact), best first",
		ArgsUsage: "TEXT",
		Description: `Matches TEXT against every entity's name and aliases, forgiving case,
accents, punctuation, legal forms ("Co., Ltd." = "Company Limited"), word
order, a letter changed and a word dropped, and looks it up as an identifier
of any scheme (registration, tax, SWIFT/BIC, IBAN, IMO, e-mail, phone,
website, OFAC or UN reference, LEI, passport…). Scores are in [0, 1]; an
identifier found scores 1. JSON lists {"id","name","kind","score","matched"}.

Examples:
   shellnet search "Pan Systems"
   shellnet search "KOREA KWANGSON BANKING CORP" --limit 5 --format json
   shellnet search glocom.com.my                  # a website, as an identifier
   shellnet search 12210 --store sdn.db           # an OFAC entry number`,
		Flags: withCommon(
			&cli.IntFlag{Name: "limit", Aliases: []string{"n"}, Usage: "list at most `N` entities", Value: 10},
		),
		Action: runSearch,
	}
}

// identifierSchemes are the schemes search looks TEXT up in.
var identifierSchemes = append(append([]string{}, graph.StrongSchemes...), graph.IDIP, graph.IDASN, graph.IDCPE)

func runSearch(c *cli.Context) (err error) {
	if c, err = interspersed(c); err != nil {
		return err
	}
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(c.Args().Slice(), " "))
	if text == "" {
		return usageError("search needs TEXT: a name, an alias or an identifier (shellnet search \"Pan Systems\")")
	}
	limit := c.Int("limit")
	if limit < 1 {
		return usageError("--limit %d: want 1 or more", limit)
	}
	var keys []graph.IdentKey
	for _, scheme := range identifierSchemes {
		if v := ingest.NormaliseIdentifier(scheme, text); v != "" {
			keys = append(keys, graph.IdentKey{Scheme: scheme, Value: v})
		}
	}
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)
	hits, err := screen.Search(c.Context, s, text, keys, limit)
	if err != nil {
		return err
	}
	if format == "json" {
		return writeJSON(c.App.Writer, hits)
	}
	t := table{header: []string{"id", "name", "kind", "score", "matched"}}
	for _, h := range hits {
		t.add(h.ID, h.Name, string(h.Kind), h.Score, h.Matched)
	}
	return t.write(c.App.Writer, format)
}
