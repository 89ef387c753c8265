// Package server is shellnet's HTTP API: yente-shaped screening
// (https://www.opensanctions.org/docs/api/) with shellnet's verdicts and
// evidence, on one snapshot of a store held in memory and swapped for the
// next when the store changes.
package server
