package ingest

import (
	"testing"
	"time"
)

func TestXMLRootAttr(t *testing.T) {
	for _, c := range []struct{ head, want string }{
		{`<?xml version="1.0"?>` + "\n" + `<CONSOLIDATED_LIST xmlns:xsi="x" dateGenerated="2026-02-27T00:00:09.554Z">`, "2026-02-27T00:00:09.554Z"},
		{`<CONSOLIDATED_LIST>`, ""},
		{`<!-- dateGenerated="2020-01-01" --><CONSOLIDATED_LIST a="b">`, ""},
		{`<OTHER dateGenerated="2020-01-01">`, ""},
		{`<CONSOLIDATED_LIST dateGenerated='2020-01-01'`, ""}, // the tag is cut: no attribute to trust
	} {
		if got := XMLRootAttr([]byte(c.head), "CONSOLIDATED_LIST", "dateGenerated"); got != c.want {
			t.Errorf("%q: %q, want %q", c.head, got, c.want)
		}
	}
}

func TestDay(t *testing.T) {
	for in, want := range map[string]string{
		"2024-03-28T18:57:01": "2024-03-28", "2026-02-27": "2026-02-27",
		"2026-02-30": "", "2026-2-3": "", "": "", "yesterday!": "",
	} {
		if got := Day(in); got != want {
			t.Errorf("Day(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzXMLRootAttr: an attribute is only ever read from the root element
// XMLRoot finds, and Day makes a date of it or nothing.
func FuzzXMLRootAttr(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS/>`))
	f.Add([]byte(`<!-- <CONSOLIDATED_LIST dateGenerated="1"> --><X/>`))
	f.Fuzz(func(t *testing.T, head []byte) {
		v := XMLRootAttr(head, "CONSOLIDATED_LIST", "dateGenerated")
		if _, ok := XMLRoot(head, "CONSOLIDATED_LIST"); !ok && v != "" {
			t.Fatalf("attribute %q of a root XMLRoot does not find", v)
		}
		if d := Day(v); d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				t.Fatalf("Day(%q) = %q, not a date", v, d)
			}
		}
	})
}
