package names

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestHongKongSpelling spells the examples of the correspondence table of
// Wikipedia's "Hong Kong Government Cantonese Romanisation" (place names,
// each written as the Government writes it), from their Jyutping as the
// r/Cantonese post "Making the Hong Kong Gov't romanization functional"
// (2024-08-07) gives it beside the table's examples, or as Unihan's
// kCantonese reads the characters. The table gives two spellings for
// several sounds; hongKongSpelling takes the one names use most, so that
// some place names come out otherwise ("Chim Sha Tsui" for Tsim Sha
// Tsui): those must still match the published spelling.
func TestHongKongSpelling(t *testing.T) {
	examples := []struct{ jyutping, published string }{
		{"sai1 jing4 pun4", "Sai Ying Pun"},
		{"bou2 lam4", "Po Lam"},
		{"tyun4 mun4", "Tuen Mun"},
		{"daai6 ou3", "Tai O"},
		{"kai2 dak1", "Kai Tak"},
		{"daai6 gok3 zeoi2", "Tai Kok Tsui"},
		{"sou3 gon1 bou3", "So Kon Po"},
		{"saau1 gei1 waan1", "Shau Kei Wan"},
		{"jau6 jat1 cyun1", "Yau Yat Tsuen"},
		{"kwai4 cung1", "Kwai Chung"},
		{"zim1 saa1 zeoi2", "Tsim Sha Tsui"},
		{"jyu5 zau1", "Yu Chau"},
		{"jung4 syu6 waan1", "Yung Shue Wan"},
		{"caai4 waan1", "Chai Wan"},
		{"mai5 bou3", "Mai Po"},
		{"maa5 liu6 seoi2", "Ma Liu Shui"},
		{"daai6 mou6 saan1", "Tai Mo Shan"},
		{"soeng6 waan4", "Sheung Wan"},
		{"naam4 coeng1", "Nam Cheong"},
		{"seon6 lei6", "Shun Lee"},
		{"gwun1 tong4", "Kwun Tong"},
		{"jau4 maa4 dei6", "Yau Ma Tei"},
		{"ngau4 tau4 gok3", "Ngau Tau Kok"},
		{"laam4 tin4", "Lam Tin"},
		{"fo2 taan3", "Fo Tan"},
		{"jau4 tong4", "Yau Tong"},
		{"wong4 daai6 sin1", "Wong Tai Sin"},
		{"aap3 lei6 zau1", "Ap Lei Chau"},
		{"sek6 ou3", "Shek O"},
		{"ce1 gung1 miu6", "Che Kung Miu"},
		{"cing1 ji1", "Tsing Yi"},
		{"ci4 wan4 saan1", "Tsz Wan Shan"},
		{"mei5 fu1", "Mei Foo"},
		{"lei6 on1", "Lee On"},
		{"sai1 waan1 ho4", "Sai Wan Ho"},
		{"jiu4 dung1", "Yiu Tung"},
		{"coi2 hung4", "Choi Hung"},
		{"bui3 ou3", "Pui O"},
		{"sam1 seoi2 bou3", "Sham Shui Po"},
		{"dung1 cung1", "Tung Chung"},
		{"ng4 tung4", "Ng Tung"},
	}
	same, near, far := 0, 0, 0
	for _, ex := range examples {
		var words []string
		for _, syl := range strings.Fields(ex.jyutping) {
			words = append(words, hongKongSpelling(strings.TrimRight(syl, "0123456789")))
		}
		got := strings.Join(words, " ")
		if strings.EqualFold(got, ex.published) {
			same++
			continue
		}
		s := Similarity(got, ex.published)
		if s >= MatchThreshold {
			near++
		} else {
			far++
		}
		t.Logf("%s spelled %q, published %q (%.2f alike)", ex.jyutping, got, ex.published, s)
	}
	// letter for letter: all but the nine that take the table's other
	// spelling (ts in Tsuen, Tsim, Tsing, Tsz; eo in Cheong; ue in Shue;
	// ei in Lei; oo in Foo; sh in Sham), and of those only "Tsing Yi",
	// both of whose syllables are spelled otherwise ("ching yee", as the
	// names 清 and 儀 are), does not match
	if same != 32 || near != 8 || far != 1 {
		t.Errorf("of %d examples %d spelled as published, %d matching, %d not; want 32, 8, 1", len(examples), same, near, far)
	}
}

// hkOfficial is a person on OFAC's HK-EO13936 program whose name in Han
// is public, with the source that gives it.
type hkOfficial struct {
	uid, han, source string
	// the entry's names that do not spell the name in Han: a surname
	// and an English given name
	english string
}

// hkOfficials are the officials OFAC designated on 7 August 2020 under
// Executive Order 13936 (Hong Kong normalization) whose Chinese names
// their Wikipedia articles give.
var hkOfficials = []hkOfficial{
	{uid: "29249", han: "林鄭月娥", english: "LAM, Carrie", source: "en.wikipedia.org Carrie Lam: Carrie Lam Cheng Yuet-ngor (林鄭月娥)"},
	{uid: "29242", han: "鄧炳強", english: "TANG, Chris", source: "en.wikipedia.org Chris Tang: Chris Tang Ping-keung, Traditional Chinese 鄧炳強"},
	{uid: "29243", han: "鄭若驊", english: "CHENG, Teresa", source: "en.wikipedia.org Teresa Cheng (politician): Teresa Cheng Yeuk-wah (鄭若驊)"},
	{uid: "29244", han: "盧偉聰", english: "LO, Stephen", source: "en.wikipedia.org Stephen Lo: Stephen Lo Wai-chung, Traditional Chinese 盧偉聰"},
	{uid: "29246", han: "曾國衞", english: "TSANG, Erick", source: "en.wikipedia.org Erick Tsang: Erick Tsang Kwok-wai (曾國衞)"},
	{uid: "29250", han: "李家超", english: "LEE, John", source: "en.wikipedia.org John Lee (government official): John Lee Ka-chiu (李家超)"},
	// a mainland official, in pinyin on the list
	{uid: "29262", han: "夏寶龍", source: "macaubusiness.com, More control (2020): Xia Baolong 夏寶龍"},
	{uid: "29262", han: "夏宝龙", source: "the simplified form of 夏寶龍"},
}

// readOFACNames reads the names and a.k.a.s of the entries of an excerpt of
// OFAC's legacy CSV (testdata/ofac-hk, see PROVENANCE.md) by entry number:
// the name first.
func readOFACNames(t *testing.T) (names map[string][]string, akas int) {
	t.Helper()
	names = map[string][]string{}
	for _, file := range []string{"sdn.csv", "alt.csv"} {
		f, err := os.Open("testdata/ofac-hk/" + file)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			if file == "sdn.csv" {
				names[rec[0]] = append([]string{rec[1]}, names[rec[0]]...)
				continue
			}
			names[rec[0]] = append(names[rec[0]], rec[3])
			akas++
		}
	}
	return names, akas
}

// TestHongKongOfficials matches the Chinese names of the Hong Kong
// officials on OFAC's list against the names the list gives them: Hong
// Kong's written by their Cantonese readings ("LAM CHENG, Yuet-ngor"),
// the mainland's in pinyin ("XIA, Baolong"). Each name in Han scores
// MatchThreshold or more against each of its entry's names that spell it
// (all but the English ones: "LAM, Carrie", "LEE, John"), less against
// every name of the other officials; an index of the program's entries
// finds its entry first, and an index of the names in Han finds it from
// each of those names.
func TestHongKongOfficials(t *testing.T) {
	names, akas := readOFACNames(t)
	if len(names) != 35 || akas != 33 {
		t.Fatalf("read %d entries and %d a.k.a.s, want 35 and 33", len(names), akas)
	}
	var uids []string
	for uid := range names {
		uids = append(uids, uid)
	}
	slices.Sort(uids)
	ix := NewIndexFunc(len(uids), func(i int32) []string { return names[uids[i]] })
	for _, o := range hkOfficials {
		own := names[o.uid]
		if o.english != "" && !slices.Contains(own, o.english) {
			t.Fatalf("%s has no name %q", o.uid, o.english)
		}
		for _, n := range own {
			s := Similarity(o.han, n)
			t.Logf("%s (%s) %-32q %.3f", o.han, o.uid, n, s)
			if n != o.english && s < MatchThreshold {
				t.Errorf("Similarity(%q, %q) = %.3f, want %.2f or more", o.han, n, s, MatchThreshold)
			}
		}
		for uid, other := range names {
			if uid == o.uid {
				continue
			}
			for _, n := range other {
				if s := Similarity(o.han, n); s >= MatchThreshold {
					t.Errorf("%s (%s) matches %q of %s: %.3f", o.han, o.uid, n, uid, s)
				}
			}
		}
		ms := ix.Search(o.han, 1)
		if len(ms) == 0 || uids[ms[0].Node] != o.uid || ms[0].Score < MatchThreshold {
			t.Errorf("Search(%q) = %+v, want entry %s at %.2f or more", o.han, ms, o.uid, MatchThreshold)
		}
	}
	// and an index of the names in Han finds each from the list's names
	// that spell it
	hix := NewIndexFunc(len(hkOfficials), func(i int32) []string { return []string{hkOfficials[i].han} })
	for _, o := range hkOfficials {
		for _, n := range names[o.uid] {
			if n == o.english {
				continue
			}
			ms := hix.Search(n, 1)
			if len(ms) == 0 || hkOfficials[ms[0].Node].uid != o.uid || ms[0].Score < MatchThreshold {
				t.Errorf("Search(%q) in the names in Han = %+v, want %s", n, ms, o.han)
			}
		}
	}
	// two officials' names in Han do not match each other
	for i, a := range hkOfficials {
		for _, b := range hkOfficials[i+1:] {
			if a.uid != b.uid {
				if s := Similarity(a.han, b.han); s >= MatchThreshold {
					t.Errorf("Similarity(%q, %q) = %.3f", a.han, b.han, s)
				}
			}
		}
	}
}

// TestCantoneseReading reads names in Han as Hong Kong writes them, and
// leaves names without Han alone.
func TestCantoneseReading(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"林鄭月娥", "lam cheng yuet ngo", true},
		{"曾國衞", "tsang kwok wai", true},
		{"李家超", "lee ka chiu", true},
		{"曾国卫", "tsang kwok wai", true}, // simplified
		{"Carrie Lam", "carrie lam", false},
		{"김정은", "", false},
	} {
		got, ok := cantoneseReading(tt.in)
		if ok != tt.ok || ok && strings.Join(strings.Fields(got), " ") != tt.want {
			t.Errorf("cantoneseReading(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestCantoneseTable reads the generated table whole: as many characters
// as its header counts (cantonese_table.go), each spelled in lower-case
// Latin letters.
func TestCantoneseTable(t *testing.T) {
	m := cantoneseTable()
	if len(m) != 19133 {
		t.Errorf("%d characters, want 19133", len(m))
	}
	for r, w := range m {
		if w == "" || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Errorf("%c spelled %q", r, w)
		}
	}
}
