package main

import (
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/graph/names"
)

func init() { register("compare", compareCommand) }

func compareCommand() *cli.Command {
	return &cli.Command{
		Name:      "compare",
		Usage:     "score how alike two names are, or the pairs of a CSV file, as screening does",
		ArgsUsage: "NAME NAME",
		Description: `Scores two names in [0, 1] as screen and search score a name against an
entry's (no store is read): scripts are romanised, legal forms, titles and
word order set aside, spellings and acronyms matched. A pair scoring
--threshold or more is a match. JSON lists {"left","right","score","match"}.

With --input, scores every pair of a CSV file whose header names a left
and a right column. When it also has a match column (1 for one party, 0
for two), a summary of the labelled pairs goes to stderr: precision,
recall and F1 at the threshold, to choose one on your own reviewed pairs.

Examples:
   shellnet compare "KIM, Jong Un" "김정은"
   shellnet compare "OOO Gudzon" "Obshchestvo s Ogranichennoy Otvetstvennostyu Gudzon"
   shellnet compare --input pairs.csv --format csv > scores.csv
   shellnet compare --input reviewed.csv --threshold 0.7 --format json`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "input", Aliases: []string{"i"}, Usage: "score the pairs of a CSV `FILE` with left and right columns (and an optional match column)"},
			&cli.Float64Flag{Name: "threshold", Usage: "score `S` (0 to 1) from which a pair is a match", Value: names.MatchThreshold},
			&cli.StringFlag{Name: "format", Usage: "output format: table, json or csv", Value: "table"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print nothing but results and errors"},
		},
		Action: runCompare,
	}
}

// compareRow is one pair scored.
type compareRow struct {
	Left  string  `json:"left"`
	Right string  `json:"right"`
	Score float64 `json:"score"`
	Match bool    `json:"match"`
}

func runCompare(c *cli.Context) (err error) {
	if c, err = interspersed(c); err != nil {
		return err
	}
	format, err := outputFormat(c)
	if err != nil {
		return err
	}
	threshold := c.Float64("threshold")
	if threshold < 0 || threshold > 1 {
		return usageError("--threshold %g: want a score from 0 to 1", threshold)
	}
	var pairs []names.Pair
	switch path, args := c.String("input"), c.Args().Slice(); {
	case path != "" && len(args) > 0:
		return usageError("compare takes two names or --input FILE, not both")
	case path != "":
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if pairs, err = names.ReadPairs(f, path); err != nil {
			return withCode(exitUsage, err)
		}
	case len(args) == 2 && strings.TrimSpace(args[0]) != "" && strings.TrimSpace(args[1]) != "":
		pairs = []names.Pair{{Left: args[0], Right: args[1]}}
	default:
		return usageError("compare needs two names (shellnet compare \"Pan Systems\" \"PAN SYSTEMS PTE LTD\") or --input FILE")
	}
	rows := make([]compareRow, len(pairs))
	var tally names.Tally
	labelled := 0
	for i, p := range pairs {
		// rounded as shown, so that a shown score and its match agree
		s := math.Round(names.Similarity(p.Left, p.Right)*1e4) / 1e4
		rows[i] = compareRow{Left: p.Left, Right: p.Right, Score: s, Match: s >= threshold}
		if p.Labelled {
			tally.Add(p.Same, s >= threshold)
			labelled++
		}
	}
	if labelled > 0 {
		info(c, "%d labelled pairs of %d, at threshold %g: precision %.3f, recall %.3f, F1 %.3f (%d true matches, %d false, %d missed, %d true non-matches)",
			labelled, len(pairs), threshold, tally.Precision(), tally.Recall(), tally.F1(), tally.TP, tally.FP, tally.FN, tally.TN)
	}
	if format == "json" {
		return writeJSON(c.App.Writer, rows)
	}
	t := table{header: []string{"left", "right", "score", "match"}}
	for _, r := range rows {
		t.add(r.Left, r.Right, fmt.Sprintf("%.4f", r.Score), r.Match)
	}
	return t.write(c.App.Writer, format)
}
