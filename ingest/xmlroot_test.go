package ingest

import "testing"

func TestXMLRoot(t *testing.T) {
	for _, c := range []struct {
		head string
		ok   bool
	}{
		{`<?xml version="1.0"?>` + "\n<!-- a list -->\n<LIST date=\"x\">", true},
		{"<LIST>", true},
		{"<LIST/>x", true},
		{"<LISTS>", false},
		{"<other><LIST>", false},
		{"<!-- <LIST> -->", false},
		{"<LIST", false},
		{"text", false},
	} {
		rest, ok := XMLRoot([]byte(c.head), "LIST")
		if ok != c.ok || (ok && string(rest[:5]) != "<LIST") {
			t.Errorf("XMLRoot(%q) = %q, %v; want %v", c.head, rest, ok, c.ok)
		}
	}
}
