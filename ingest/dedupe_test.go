package ingest

import (
	"fmt"
	"hash/maphash"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// TestDedupeLinks merges links that share an id, with a hash that is
// honest and with one under which every id of one length collides.
func TestDedupeLinks(t *testing.T) {
	defer func(h func(maphash.Seed, string) uint64) { linkHash = h }(linkHash)
	for name, h := range map[string]func(maphash.Seed, string) uint64{
		"maphash":   maphash.String,
		"collision": func(_ maphash.Seed, s string) uint64 { return uint64(len(s)) },
	} {
		linkHash = h
		l := &loader{recs: []recMeta{{}, {}, {}, {}, {}, {}}, files: []fileInfo{{name: "x.csv", base: "x.csv", dataset: "d"}}}
		for i, id := range []string{"a1", "b1", "a1", "c22", "b1", "a1"} {
			l.recs[i].line = int32(i + 2)
			l.links.add(linkFrag{rec: int32(i), l: graph.Link{ID: id, From: "x", To: "y", Type: graph.Owns}})
		}
		l.dedupeLinks()
		var got []string
		for lf := range l.links.all() {
			k := l.withSource(*lf)
			got = append(got, lf.l.ID+":"+string(rune('0'+len(k.Sources))))
		}
		if want := "[a1:3 b1:2 c22:1]"; fmt.Sprint(got) != want {
			t.Errorf("%s: links %v, want %s (id:sources)", name, got, want)
		}
	}
}
