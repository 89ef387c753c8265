package un

import (
	"os"
	"testing"
	"time"

	"github.com/shellnet/shellnet/ingest"
)

func TestStated(t *testing.T) {
	b, err := os.ReadFile("testdata/consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got := Stated(b[:ingest.HeadSize]); got != "2026-02-27" {
		t.Errorf("stated %q, want 2026-02-27 (the list's dateGenerated)", got)
	}
}

// FuzzStated: a list's stated date is a real day or nothing.
func FuzzStated(f *testing.F) {
	f.Add([]byte(`<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">`))
	f.Fuzz(func(t *testing.T, head []byte) {
		if d := Stated(head); d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				t.Fatalf("stated %q: not a date", d)
			}
		}
	})
}
