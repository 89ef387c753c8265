// Package storetest is the conformance suite that every graph.Store backend
// must pass: round trips, idempotent upserts, merge rules, provenance,
// filters, look-ups, neighbourhoods and the change counter, all through the
// graph.Store API alone.
package storetest
