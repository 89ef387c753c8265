package main

import "github.com/urfave/cli/v2"

// ruleFlag names the ownership rule that decides who is blocked
// (sanctions.ParseRule reads it).
func ruleFlag() *cli.StringFlag {
	return &cli.StringFlag{Name: "rule", Usage: "who is blocked by ownership: ofac (50 Percent Rule), eu (owned or controlled, holdings added up) or uk (owned or controlled by one designated person)", Value: "ofac"}
}
