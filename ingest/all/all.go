// Package all imports every input format's reader for its side effect of
// registering with ingest; a program that loads files imports it once.
package all

import (
	_ "github.com/shellnet/shellnet/ingest/csv"       // generic CSV
	_ "github.com/shellnet/shellnet/ingest/ftm"       // FollowTheMoney JSON lines
	_ "github.com/shellnet/shellnet/ingest/icij"      // ICIJ Offshore Leaks CSV bundle
	_ "github.com/shellnet/shellnet/ingest/ofac"      // OFAC SDN and consolidated lists, legacy CSV
	_ "github.com/shellnet/shellnet/ingest/shodan"    // Shodan banners and hosts: JSON lines, host objects, arrays, gzipped
	_ "github.com/shellnet/shellnet/ingest/simplecsv" // OpenSanctions targets.simple.csv
	_ "github.com/shellnet/shellnet/ingest/un"        // UN Security Council consolidated list XML
)
