package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed returns a context in which the flags written after a
// command's positional arguments are parsed too, as DESIGN.md writes them
// (shellnet screen NAME --max-hops 2; shellnet search TEXT --limit 5):
// urfave/cli v2 stops parsing flags at the first argument. Flags given
// before the arguments keep their values; "--" ends the flags.
func interspersed(c *cli.Context) (*cli.Context, error) {
	args := c.Args().Slice()
	hasFlag := false
	for _, a := range args {
		if a == "--" {
			break
		}
		if isFlagArg(a) {
			hasFlag = true
			break
		}
	}
	if !hasFlag {
		return c, nil
	}
	set := flag.NewFlagSet(c.Command.Name, flag.ContinueOnError)
	set.SetOutput(io.Discard)
	for _, f := range c.Command.Flags {
		if err := f.Apply(set); err != nil {
			return nil, err
		}
	}
	for _, name := range c.LocalFlagNames() {
		if c.IsSet(name) && set.Lookup(name) != nil {
			if err := set.Set(name, fmt.Sprint(c.Value(name))); err != nil {
				return nil, usageError("--%s: %v", name, err)
			}
		}
	}
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !isFlagArg(a) {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if fl := set.Lookup(name); fl != nil {
			if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
		}
		if i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	if err := set.Parse(append(append(flags, "--"), rest...)); err != nil {
		return nil, usageError("%v", err)
	}
	nc := cli.NewContext(c.App, set, c.Lineage()[1])
	nc.Command = c.Command
	return nc, nil
}

// isFlagArg reports whether a looks like a flag: "-x", "--name", "--name=v".
func isFlagArg(a string) bool {
	return len(a) > 1 && a[0] == '-' && a != "--" && !(a[1] >= '0' && a[1] <= '9')
}
