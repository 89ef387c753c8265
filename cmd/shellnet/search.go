package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/analysis/snapshot"
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
	keys := ingest.IdentifierKeys(text)
	return withSnapshot(c, screen.SearchOptions(), func(_ graph.Store, snap *snapshot.Snapshot) error {
		hits, err := screen.Search(c.Context, snap, text, keys, limit)
		if err != nil {
			return err
		}
		rows, err := withResolution(c, snap, hits)
		if err != nil {
			return err
		}
		return writeSearchRows(c.App.Writer, format, rows)
	})
}

// writeSearchRows prints the hits as JSON, CSV or a table.
func writeSearchRows(w io.Writer, format string, rows []searchRow) error {
	if format == "json" {
		return writeJSON(w, rows)
	}
	t := table{header: []string{"id", "name", "kind", "score", "matched", "same_as", "merged_from"}}
	for _, r := range rows {
		t.add(r.ID, r.Name, string(r.Kind), r.Score, r.Matched, strings.Join(r.SameAs, " "), strings.Join(r.MergedFrom, " "))
	}
	return t.write(w, format)
}

// searchRow is a hit with what resolution across sources says of it: the
// entities it may be (SAME_AS candidates, whose names agree across
// datasets) and those it was resolved from (by a shared strong identifier).
type searchRow struct {
	screen.Hit
	SameAs     []string `json:"same_as,omitempty"`
	MergedFrom []string `json:"merged_from,omitempty"`
}

func withResolution(c *cli.Context, snap *snapshot.Snapshot, hits []screen.Hit) ([]searchRow, error) {
	rows := make([]searchRow, len(hits))
	ids := make([]string, len(hits))
	at := map[string]int{}
	for i, h := range hits {
		rows[i].Hit = h
		ids[i] = h.ID
		at[h.ID] = i
	}
	if len(ids) == 0 {
		return rows, nil
	}
	err := snap.Links(c.Context, ids, []graph.LinkType{graph.SameAs}, func(l graph.Link) error {
		if i, ok := at[l.From]; ok && !slices.Contains(rows[i].SameAs, l.To) {
			rows[i].SameAs = append(rows[i].SameAs, l.To)
		}
		if i, ok := at[l.To]; ok && !slices.Contains(rows[i].SameAs, l.From) {
			rows[i].SameAs = append(rows[i].SameAs, l.From)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = snap.Entities(c.Context, ids, func(e graph.Entity) error {
		if v, ok := e.Props["merged_from"]; ok {
			switch x := v.(type) {
			case []any:
				for _, m := range x {
					rows[at[e.ID]].MergedFrom = append(rows[at[e.ID]].MergedFrom, fmt.Sprint(m))
				}
			case []string:
				rows[at[e.ID]].MergedFrom = append(rows[at[e.ID]].MergedFrom, x...)
			case string:
				rows[at[e.ID]].MergedFrom = append(rows[at[e.ID]].MergedFrom, x)
			}
		}
		return nil
	})
	for i := range rows {
		slices.Sort(rows[i].SameAs)
		slices.Sort(rows[i].MergedFrom)
	}
	return rows, err
}
