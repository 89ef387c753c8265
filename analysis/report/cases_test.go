package report

import (
	"strconv"
	"strings"
	"testing"
)

func TestReadCases(t *testing.T) {
	for name, c := range map[string]struct {
		in   string
		want string // name|focus|hops|line, one a case
	}{
		"csv":                               {"name,focus,hops\nGlocom,id:glocom,2\n\"Pan Systems, all\",name:Pan Systems,\n", "Glocom|id:glocom|2|2 Pan Systems, all|name:Pan Systems|2|3"},
		"csv, other columns, any case, BOM": {"\uFEFFNote,Focus,NAME\nx,tag:role.front country:SG,Fronts in SG\n", "Fronts in SG|tag:role.front country:SG|2|2"},
		"csv, semicolons":                   {"name;focus;hops\nRGB;id:rgb;0\n", "RGB|id:rgb|0|2"},
		"csv, blank lines":                  {"name,focus\n\nA,id:a\n,\n", "A|id:a|2|3"},
		"json": {`[
  {"name": "Glocom", "focus": "id:glocom", "hops": 1},
  {"name": "Pan \"Systems\" {x}", "focus": "name:Pan Systems", "hops": "3"}
]`, "Glocom|id:glocom|1|2 Pan \"Systems\" {x}|name:Pan Systems|3|3"},
	} {
		cases, err := ReadCases(strings.NewReader(c.in), "cases")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got []string
		for _, x := range cases {
			got = append(got, strings.Join([]string{x.Name, x.Focus.String(), itoa(x.Hops), itoa(x.Line)}, "|"))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: got %q, want %q", name, g, c.want)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// Errors name the file and the line, and say what to write instead.
func TestReadCasesErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                                     "cases: no case",
		"name,hops\nA,1\n":                     `cases line 1: no "focus" column`,
		"name,focus,hops\nA,id:a,1\nB,,1\n":    `cases line 3: case "B" has no focus`,
		"name,focus,hops\nA,id:a,1\n,id:b,1\n": "cases line 3: the case has no name",
		"name,focus,hops\nA,id:a,x\n":          `cases line 2: case "A": hops "x": want a whole number from 0 to 6`,
		"name,focus,hops\nA,id:a,9\n":          `hops "9"`,
		"name,focus\nA,colour:red\n":           `cases line 2: case "A": graph: selector "colour:red": unknown field`,
		"name,focus\nA,\"id:a\n":               "cases line 2",
		"[\n {\"name\": \"A\", \"focus\": \"id:a\"},\n {\"name\": 1}\n]":     "cases line 3: json: cannot unmarshal number",
		"[\n {\"name\": \"A\",\n  \"focus\": }\n]":                           "cases line 3: invalid character '}'",
		"[\n {\"name\": \"A\", \"focus\": \"id:a\"},\n {\"name\": \"B\"}\n]": `cases line 3: case "B" has no focus`,
		"[{\"name\": \"0\", \"focus\": \" \"}]":                              `cases line 1: case "0" has no focus`,
		"[{\"name\": \" \", \"focus\": \"id:a\"}]":                           "cases line 1: the case has no name",
	} {
		_, err := ReadCases(strings.NewReader(in), "cases")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadCases(%q): %v, want an error with %q", in, err, want)
		}
	}
}

func FuzzReadCases(f *testing.F) {
	for _, s := range []string{"name,focus,hops\nGlocom,id:glocom,2\n", `[{"name":"A","focus":"id:a","hops":1}]`, "name;focus\nA;tag:x\n", "[", "name,focus\n\"", "\uFEFF[]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		cases, err := ReadCases(strings.NewReader(in), "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "analysis/report: fuzz") {
				t.Fatalf("error without the file's name: %v", err)
			}
			return
		}
		if len(cases) == 0 {
			t.Fatal("no error and no case")
		}
		slugs := Slugs(cases)
		seen := map[string]bool{}
		for i, c := range cases {
			if c.Name == "" || c.Focus.IsZero() || c.Hops < 0 || c.Hops > MaxCaseHops {
				t.Fatalf("case %+v", c)
			}
			s := slugs[i]
			if seen[s] || strings.ContainsAny(s, "/\\. ") || s == "" {
				t.Fatalf("slug %q (%v)", s, slugs)
			}
			seen[s] = true
		}
	})
}

func TestSlugs(t *testing.T) {
	got := Slugs([]Case{{Name: "Glocom"}, {Name: "Pan Systems / Pyongyang"}, {Name: "조선"}, {Name: "../../etc"}, {Name: "Glocom"}})
	want := []string{"01-glocom", "02-pan-systems-pyongyang", "03", "04-etc", "05-glocom"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Slugs = %v, want %v", got, want)
	}
}

// The index links each case's page and shows its figures.
func TestIndex(t *testing.T) {
	r := Index("Nightly", IndexEntry{Name: "The whole store", Href: "store/index.html", Summary: []Fact{{"entities", "35"}}},
		[]IndexEntry{{Name: nasty, Focus: "id:x", Hops: "2", Href: "01/index.html", Summary: []Fact{{"listed", "1"}}}})
	html, err := HTML(r)
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	for _, want := range []string{`<a href="store/index.html">The whole store</a>`, `<a href="01/index.html">&lt;script&gt;`, "<th>listed</th>", "<td>35</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("index lacks %s", want)
		}
	}
	// a link from data cannot run code: html/template neutralises the scheme
	bad := Index("x", IndexEntry{Name: "s", Href: "javascript:alert(1)"}, nil)
	html, _ = HTML(bad)
	if strings.Contains(string(html), "javascript:") {
		t.Error("a javascript: link reached the page")
	}
}
