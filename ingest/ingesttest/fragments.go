package ingesttest

import "testing"

func testFragments(t *testing.T, open Open)         {}
func testPendingAcrossLoads(t *testing.T, open Open) {}
func testReleases(t *testing.T, open Open)           {}
