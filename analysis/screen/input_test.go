package screen

import (
	"strings"
	"testing"
)

func TestReadQueries(t *testing.T) {
	in := "\uFEFFReference,NAME,Country,id,notes\r\n" +
		"PO-1,Glocom,MY,s1,first\r\n" +
		"\r\n" +
		"PO-2,\"Pan Systems Pte. Ltd.\",SG,s2,\"with, comma\"\r\n" +
		"PO-3,  Apple Inc.  ,US,,\r\n"
	qs, err := ReadQueries(strings.NewReader(in), "suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Query{
		{Name: "Glocom", ID: "s1", Country: "MY", Reference: "PO-1", Line: 2},
		{Name: "Pan Systems Pte. Ltd.", ID: "s2", Country: "SG", Reference: "PO-2", Line: 4},
		{Name: "Apple Inc.", Country: "US", Reference: "PO-3", Line: 5},
	}
	if len(qs) != len(want) {
		t.Fatalf("%d queries, want %d: %+v", len(qs), len(want), qs)
	}
	for i := range want {
		if qs[i] != want[i] {
			t.Errorf("query %d = %+v, want %+v", i, qs[i], want[i])
		}
	}
}

func TestReadQueriesSemicolon(t *testing.T) {
	qs, err := ReadQueries(strings.NewReader("name;country\nGlocom, Kuala Lumpur;MY\n"), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || qs[0].Name != "Glocom, Kuala Lumpur" || qs[0].Country != "MY" {
		t.Errorf("semicolon-separated: %+v", qs)
	}
}

func TestReadQueriesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "empty file"},
		{"supplier,country\nGlocom,MY\n", `s.csv line 1: no "name" column in the header (found "supplier", "country")`},
		{"name,id\nGlocom,1\n,2\n", "s.csv line 3: empty name"},
		{"name,id\nGlocom,1\n\"Pan Systems,2\n", "s.csv line 3"},
	}
	for _, tt := range tests {
		_, err := ReadQueries(strings.NewReader(tt.in), "s.csv")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadQueries(%q) error %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

// FuzzReadQueries checks that the supplier-list parser never panics, that
// every query it returns has a name, and that its errors name the file.
func FuzzReadQueries(f *testing.F) {
	for _, s := range []string{"name\nGlocom\n", "id,name,country,reference\n1,\"A, B\",MY,x\n", "name;id\na;1\n", "\uFEFFname\n\"\n", "x\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		qs, err := ReadQueries(strings.NewReader(s), "f.csv")
		if err != nil {
			if !strings.Contains(err.Error(), "f.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, q := range qs {
			if q.Name == "" || q.Line < 2 {
				t.Fatalf("query %+v: empty name or line before the header", q)
			}
		}
	})
}

func TestReadQueriesFeatures(t *testing.T) {
	in := "name,country,birth_date,identifier\n" +
		"\"KIM, Kwang Hyok\",KP,1970-04-20,\n" +
		"CHONG CHON GANG,KP,,IMO:7937317\n"
	qs, err := ReadQueries(strings.NewReader(in), "suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Query{
		{Name: "KIM, Kwang Hyok", Country: "KP", BirthDate: "1970-04-20", Line: 2},
		{Name: "CHONG CHON GANG", Country: "KP", Identifier: "IMO:7937317", Line: 3},
	}
	if len(qs) != len(want) || qs[0] != want[0] || qs[1] != want[1] {
		t.Errorf("queries %+v, want %+v", qs, want)
	}
}
