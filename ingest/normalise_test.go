package ingest

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

func TestNormaliseName(t *testing.T) {
	for in, want := range map[string]string{
		"Glocom":                         "Glocom",
		"  Pan   Systems\tPte.\nLtd. ":   "Pan Systems Pte. Ltd.",
		"KIM\u0000 Jong\u001b Un":        "KIM Jong Un",
		"Zero\u200bWidth\ufeff":          "ZeroWidth",
		"Cafe\u0301":                     "Café", // NFC
		"bad \xff utf8":                  "bad utf8",
		"\u00a0non-breaking\u00a0space ": "non-breaking space",
		"":                               "",
	} {
		if got := NormaliseName(in); got != want {
			t.Errorf("NormaliseName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormaliseIdentifier(t *testing.T) {
	for _, tc := range []struct{ scheme, in, want string }{
		{graph.IDSwift, "kkbc kp py", "KKBCKPPY"},
		{graph.IDIBAN, "de89 3704 0044 0532 0130 00", "DE89370400440532013000"},
		{graph.IDIMO, "IMO 7937317", "7937317"},
		{graph.IDIMO, "imo:7937317", "7937317"},
		{graph.IDEmail, " Info@KKBC.Example ", "info@kkbc.example"},
		{graph.IDEmail, "mailto:a@b.example", "a@b.example"},
		{graph.IDWebsite, "https://www.Glocom.com.my/", "glocom.com.my"},
		{graph.IDWebsite, "WWW.glocom.com.my", "glocom.com.my"},
		{graph.IDWebsite, "http://facebook.com/Glocom/", "facebook.com/Glocom"},
		{graph.IDPhone, "+60 3-2274 0000", "+60322740000"},
		{graph.IDPhone, "00 850 2 381 0000", "+85023810000"},
		{graph.IDPhone, "(03) 2274 0000", "0322740000"},
		{graph.IDPhone, "n/a", ""},
		{graph.IDRegistration, "  897452-T  (2009) ", "897452-T (2009)"},
		{graph.IDUN, "KPe.031", "KPe.031"},
		{graph.IDPassport, "or 801168", "OR801168"},
		{graph.IDNationalID, " 61101-9618232-1 ", "61101-9618232-1"},
	} {
		if got := NormaliseIdentifier(tc.scheme, tc.in); got != tc.want {
			t.Errorf("NormaliseIdentifier(%s, %q) = %q, want %q", tc.scheme, tc.in, got, tc.want)
		}
	}
}

func TestNormaliseRecord(t *testing.T) {
	rec := Record{Pos: Position{File: "x.csv", Line: 7}, Entities: []graph.Entity{{
		ID: " glocom ", Kind: graph.Company, Name: " Glocom ", Aliases: []string{"Glocom", " Global  Communications Co.", ""},
		Countries:   []string{"Malaysia", "MYS", "my", ""},
		Identifiers: map[string][]string{"Website": {"https://www.glocom.com.my/", "glocom.com.my"}, "phone": {"n/a"}},
		Tags:        []string{"Role.Front", "role.front", " "},
	}}, Links: []graph.Link{{From: "glocom", To: "rgb", Type: graph.Represents}}}
	if err := NormaliseRecord(&rec); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(rec.Entities[0])
	want := `{"id":"glocom","kind":"Company","name":"Glocom","aliases":["Global Communications Co."],"countries":["MY"],"identifiers":{"website":["glocom.com.my"]},"tags":["role.front"]}`
	if string(got) != want {
		t.Errorf("entity\n got  %s\n want %s", got, want)
	}
	if id := rec.Links[0].ID; id != graph.LinkID("glocom", graph.Represents, "rgb") {
		t.Errorf("link id %q: want one derived from its ends", id)
	}

	for _, tc := range []struct {
		rec   Record
		field string
		says  string
	}{
		{Record{Entities: []graph.Entity{{ID: " ", Kind: graph.Company, Name: "X"}}}, "id", "missing"},
		{Record{Entities: []graph.Entity{{ID: "a\x00b", Kind: graph.Company, Name: "X"}}}, "id", "missing"},
		{Record{Entities: []graph.Entity{{ID: "x", Kind: "Shell", Name: "X"}}}, "kind", `unknown kind "Shell"`},
		{Record{Entities: []graph.Entity{{ID: "x", Kind: graph.Company, Name: "X", Countries: []string{"Atlantis"}}}}, "countries", `unknown country "Atlantis"`},
		{Record{Entities: []graph.Entity{{ID: "x", Kind: graph.Company, Name: "X", Identifiers: map[string][]string{" ": {"1"}}}}}, "identifiers", "bad scheme"},
		{Record{Links: []graph.Link{{From: "a", To: "", Type: graph.Owns}}}, "to", "missing"},
		{Record{Links: []graph.Link{{From: "a", To: "b", Type: "LIKES"}}}, "type", `unknown link type "LIKES"`},
		{Record{Hints: []graph.Link{{From: "", To: "b", Type: graph.SameAs}}}, "from", "missing"},
	} {
		tc.rec.Pos = Position{File: "f.jsonl", Line: 3}
		err := NormaliseRecord(&tc.rec)
		var re *RecordError
		if !errors.As(err, &re) || re.Field != tc.field || !strings.Contains(re.Reason, tc.says) || re.Pos.Line != 3 || re.Raw == "" {
			t.Errorf("%+v: error %v, want field %q reason with %q at line 3", tc.rec, err, tc.field, tc.says)
		}
	}
}

// TestIdentifierKeys: free text is looked up under every searched scheme
// in that scheme's form (an IMO number without its prefix, an IP address
// as written, a phone number as its digits), and blank text under none.
func TestIdentifierKeys(t *testing.T) {
	keys := IdentifierKeys("IMO 9314533")
	if len(keys) != len(graph.StrongSchemes)+3 {
		t.Fatalf("IdentifierKeys(%q) gave %d keys, want one for each of the %d schemes: %v", "IMO 9314533", len(keys), len(graph.StrongSchemes)+3, keys)
	}
	for _, want := range []graph.IdentKey{{Scheme: graph.IDIMO, Value: "9314533"}, {Scheme: graph.IDPhone, Value: "9314533"}, {Scheme: graph.IDSwift, Value: "IMO9314533"}} {
		if !slices.Contains(keys, want) {
			t.Errorf("IdentifierKeys(%q) = %v: want %v among them", "IMO 9314533", keys, want)
		}
	}
	if keys := IdentifierKeys("175.45.178.1"); !slices.Contains(keys, graph.IdentKey{Scheme: graph.IDIP, Value: "175.45.178.1"}) {
		t.Errorf("IdentifierKeys(an IP address) = %v: want it under %s", keys, graph.IDIP)
	}
	if keys := IdentifierKeys("  "); len(keys) != 0 {
		t.Errorf("IdentifierKeys(blank) = %v, want none", keys)
	}
}
