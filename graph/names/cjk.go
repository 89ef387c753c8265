package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Legal forms and words of a line of business written in Han, kana or
// Hangul, taken out or translated before the name is romanised: romanised
// one character or syllable at a time, "有限公司" reads "you xian gong si",
// four words that neither splitForms nor any Latin name knows, so that a
// Chinese company's name scored nothing against its Latin form.
//
// The forms are those the company laws require in a company's name: the
// Company Law of the People's Republic of China (arts. 7 and 8: 有限责任公司
// or 有限公司, 股份有限公司 or 股份公司), Hong Kong's Companies Ordinance
// (Cap. 622, s. 100: 有限公司), Japan's Companies Act (art. 6: 株式会社,
// 合名会社, 合資会社, 合同会社; 有限会社 under the Act on the Arrangement of
// Relevant Acts), and the Korean Commercial Act (art. 19: 주식회사, 유한회사,
// 합명회사, 합자회사, 유한책임회사), as ISO 20275's Entity Legal Forms code
// list records them. 公司, 会社 and 회사 alone ("company") are taken too.
var cjkForms = []struct{ spelling, canon string }{
	// longest first: a form that ends another is tried after it
	{"股份有限公司", "jsc"}, {"有限责任公司", "llc"}, {"有限責任公司", "llc"}, {"有限公司", "co ltd"},
	{"股份公司", "jsc"}, {"公司", "co"},
	{"株式会社", "kk"}, {"有限会社", "kk"}, {"合同会社", "kk"}, {"合名会社", "kk"}, {"合資会社", "kk"},
	{"株式會社", "kk"}, {"有限會社", "kk"}, {"会社", "co"}, {"會社", "co"},
	{"유한책임회사", "llc"}, {"주식회사", "co ltd"}, {"유한회사", "ltd"}, {"합명회사", "co"}, {"합자회사", "co"},
	{"(주)", "co ltd"}, {"㈜", "co ltd"}, {"회사", "co"},
}

// cjkWords are words of a line of business in Han and Hangul with the
// English word they are written for, which genericWords weighs little and
// which meets the English name: the Han and Hangul spellings of rigour's
// org_symbols (resources/names/symbols.yml, opensanctions/rigour @
// 0092946d37015a58bfcbd4faee045db969b8064c: intl 国际, tech 技术, trade 贸易,
// bank 銀行, electronic 电子 and 전자, investment 投資 and 투자, energy 能源 and
// 에너지, grp 集体), with their simplified or traditional twins, and the
// words Chinese companies write for shipping (海运, 航运, 船务).
var cjkWords = []struct{ spelling, word string }{
	{"国际", "international"}, {"國際", "international"}, {"국제", "international"},
	{"技术", "technology"}, {"技術", "technology"}, {"기술", "technology"},
	{"贸易", "trading"}, {"貿易", "trading"}, {"무역", "trading"},
	{"银行", "bank"}, {"銀行", "bank"}, {"은행", "bank"},
	{"电子", "electronics"}, {"電子", "electronics"}, {"전자", "electronics"},
	{"投资", "investment"}, {"投資", "investment"}, {"투자", "investment"},
	{"能源", "energy"}, {"에너지", "energy"},
	{"集团", "group"}, {"集團", "group"}, {"그룹", "group"},
	{"海运", "shipping"}, {"海運", "shipping"}, {"航运", "shipping"}, {"航運", "shipping"},
	{"船务", "shipping"}, {"船務", "shipping"}, {"해운", "shipping"},
}

// cutCJKForms returns s without the legal forms written in Han, kana or
// Hangul at its end or start, with its words of a line of business in those
// scripts written in English (cjkWords), and the canonical forms it cut.
// A name with none of those scripts is returned as it is, and a form is
// cut only where words are left ("ՙ公司": a sign that romanises to nothing
// leaves the form the name).
func cutCJKForms(s string) (string, []string) {
	if !hasCJK(s) {
		return s, nil
	}
	var forms []string
	s = strings.TrimSpace(s)
	for cut := true; cut; {
		cut = false
		for _, f := range cjkForms {
			if rest, ok := strings.CutSuffix(s, f.spelling); ok && hasWords(rest) {
				s, cut = strings.TrimSpace(rest), true
				forms = append([]string{f.canon}, forms...)
				break
			}
			if rest, ok := strings.CutPrefix(s, f.spelling); ok && hasWords(rest) && f.canon != "co" {
				s, cut = strings.TrimSpace(rest), true
				forms = append(forms, f.canon)
				break
			}
		}
	}
	for _, w := range cjkWords {
		if strings.Contains(s, w.spelling) {
			s = strings.ReplaceAll(s, w.spelling, " "+w.word+" ")
		}
	}
	return s, forms
}

// hasWords tells whether s has a letter that tokenize reads as a word.
func hasWords(s string) bool { return hasLetter(s) && len(tokenize(s)) > 0 }

// hasCJK tells whether s holds a character from U+2E80 on (Han, kana,
// Hangul and their punctuation); the first byte of such a character in
// UTF-8 is 0xE2 or more.
func hasCJK(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xE2 {
			for _, r := range s[i:] {
				if r >= 0x2E80 {
					return true
				}
			}
			return false
		}
	}
	return false
}

// hasLetter tells whether s has a letter or digit left once a form is cut
// (as tokenize reads them: an invalid byte is none).
func hasLetter(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
