package main

import (
	"github.com/urfave/cli/v2"

	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// withSnapshot opens the store --store names, builds the snapshot opt
// describes and calls run with both (the store for commands that write
// scores back); the store is closed after run.
func withSnapshot(c *cli.Context, opt snapshot.Options, run func(graph.Store, *snapshot.Snapshot) error) (err error) {
	s, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(c.Context, s, &err)
	snap, err := snapshot.Build(c.Context, s, opt)
	if err != nil {
		return err
	}
	return run(s, snap)
}
