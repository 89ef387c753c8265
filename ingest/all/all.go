// Package all imports every input format's reader for its side effect of
// registering with ingest; a program that loads files imports it once.
package all

import (
	_ "github.com/shellnet/shellnet/ingest/csv" // generic CSV
	_ "github.com/shellnet/shellnet/ingest/ftm" // FollowTheMoney JSON lines
)
