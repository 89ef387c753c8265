package ofac

import (
	"os"
	"testing"
	"time"

	"github.com/shellnet/shellnet/ingest"
)

func TestStated(t *testing.T) {
	adv, err := os.ReadFile("testdata/advanced/sdn_advanced.xml")
	if err != nil {
		t.Fatal(err)
	}
	legacy, err := os.ReadFile("testdata/sdn.csv")
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		head []byte
		want string
	}{
		"advanced XML":      {adv[:ingest.HeadSize], "2021-06-01"},
		"legacy CSV":        {legacy[:ingest.HeadSize], ""},
		"impossible date":   {[]byte(`<Sanctions><DateOfIssue><Year>2021</Year><Month>13</Month><Day>1</Day></DateOfIssue>`), ""},
		"no such day":       {[]byte(`<Sanctions><DateOfIssue><Year>2021</Year><Month>2</Month><Day>30</Day></DateOfIssue>`), ""},
		"date in a comment": {[]byte(`<!-- <Sanctions><DateOfIssue><Year>2021</Year><Month>1</Month><Day>1</Day></DateOfIssue> --><X/>`), ""},
	} {
		if got := Stated(c.head); got != c.want {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
}

// FuzzStated: a list's stated date is a real day or nothing.
func FuzzStated(f *testing.F) {
	f.Add([]byte(`<Sanctions><DateOfIssue><Year>2021</Year><Month>6</Month><Day>1</Day></DateOfIssue>`))
	f.Add([]byte(`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"`))
	f.Fuzz(func(t *testing.T, head []byte) {
		if d := Stated(head); d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				t.Fatalf("stated %q: not a date", d)
			}
		}
	})
}
