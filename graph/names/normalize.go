package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Name is a name taken apart for matching.
type Name struct {
	// Tokens are the words of the name without its legal forms, in order,
	// normalised as by Normalize; "and" is left out of names of three words
	// or more ("Import & Export" reads as "Import Export").
	Tokens []string
	// Forms are the canonical legal forms the name carried ("co ltd",
	// "sdn bhd", "ooo"), prefixes first; they are left out of matching but
	// kept so that a caller can show or compare them.
	Forms []string
	// Qualifier is a parenthetical at the end of the name, as written
	// ("illustrative" in "Harbourlight Trading Ltd (illustrative)", "IRGC"):
	// an acronym, a note or a place, left out of matching.
	Qualifier string
	// Surname is the number of Tokens written before a comma, a personal
	// name's surname as the lists write it ("RODRIGUEZ OLIVERA, Miguel":
	// 2), or 0 when the name is not so written.
	Surname int
}

// Parse normalises s and separates its legal forms from its core words;
// titles and placeholders that are no part of the name (cutTitles) are
// left out.
func Parse(s string) Name {
	s, cjk := cutCJKForms(s)
	s, q := cutQualifier(s)
	toks := cutTitles(s, tokenize(s))
	pre, core, suf := splitForms(toks)
	suf, core = append(suf, cjk...), trimAnd(core, cjk)
	// "and" is often written "&" or left out ("Import & Export", "Import
	// Export"): it does not tell names apart.
	if len(core) > 2 && slices.Contains(core, "and") {
		core = slices.DeleteFunc(slices.Clone(core), func(t string) bool { return t == "and" })
	}
	var forms []string
	if len(pre)+len(suf) > 0 {
		forms = append(append(forms, pre...), suf...)
	}
	return Name{Tokens: core, Forms: forms, Qualifier: q, Surname: surnameWords(s, core)}
}

// surnameWords is the number of core words written before a comma that
// splits a name in two, the surname first ("RODRIGUEZ OLIVERA, Miguel",
// as OFAC's and the UN's lists write personal names), when the words
// after the comma are core words too; 0 otherwise (no comma, or a legal
// form after it: "CONSORCIO NUJOMA, S.C.").
func surnameWords(s string, core []string) int {
	i := strings.IndexByte(s, ',')
	if i <= 0 || len(core) < 2 {
		return 0
	}
	before := cutTitles(s[:i], tokenize(s[:i]))
	n := len(before)
	if n == 0 || n >= len(core) || n > 255 || !slices.Equal(before, core[:n]) {
		return 0
	}
	return n
}

// cutQualifier splits off parentheticals at the end of s, as long as
// something with a letter or digit is left before them.
func cutQualifier(s string) (string, string) {
	var quals []string
	for {
		t := strings.TrimRightFunc(s, unicode.IsSpace)
		if !strings.HasSuffix(t, ")") {
			break
		}
		depth, open := 0, -1
		for i := len(t) - 1; i >= 0; i-- {
			switch t[i] {
			case ')':
				depth++
			case '(':
				depth--
			}
			if depth == 0 {
				open = i
				break
			}
		}
		if open <= 0 || !strings.ContainsFunc(t[:open], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			break
		}
		quals = append([]string{strings.TrimSpace(t[open+1 : len(t)-1])}, quals...)
		s = t[:open]
	}
	return s, strings.Join(quals, "; ")
}

// Normalize returns s in the form names are compared in: lower case,
// compatibility forms folded and diacritics stripped (NFKD), Cyrillic, Greek
// and Hangul romanised, punctuation dropped, "&" spelled "and", dotted
// initials joined ("S.A." → "sa") and legal forms rewritten to one canonical
// abbreviation ("Company Limited" → "co ltd"); words are separated by one
// space. A parenthetical at the end ("(illustrative)", "(IRGC)") is left
// out (Parse keeps it as the Qualifier), as are titles and placeholders
// (cutTitles). Normalize is idempotent.
func Normalize(s string) string {
	s, cjk := cutCJKForms(s)
	s, _ = cutQualifier(s)
	toks := cutTitles(s, tokenize(s))
	pre, core, suf := splitForms(toks)
	suf, core = append(suf, cjk...), trimAnd(core, cjk)
	if len(pre)+len(suf) == 0 {
		return strings.Join(core, " ")
	}
	out := make([]string, 0, len(pre)+len(core)+len(suf))
	out = append(append(append(out, pre...), core...), suf...)
	return strings.Join(out, " ")
}

// Key returns a blocking key for s: its core words (legal forms dropped),
// sorted and joined by one space. Names that differ only in legal form, case,
// punctuation, accents or word order share a key.
func Key(s string) string {
	core := Parse(s).Tokens
	if len(core) > 1 {
		core = slices.Clone(core)
		slices.Sort(core)
	}
	return strings.Join(core, " ")
}

// tokenize folds s and splits it into words.
func tokenize(s string) []string {
	s = fold(splitCamel(s))
	var toks []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			toks = append(toks, s[start:end])
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			if start < 0 {
				start = i
			}
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if start < 0 {
				start = i
			}
		case r == '\x00':
			// an apostrophe, removed by fold: joins the word around it
		case r == '&':
			flush(i)
			toks = append(toks, "and")
		default:
			flush(i)
		}
	}
	flush(len(s))
	if len(toks) > 0 && strings.Contains(s, "\x00") {
		toks = slices.Clone(toks)
		for i, t := range toks {
			toks[i] = strings.ReplaceAll(t, "\x00", "")
		}
		toks = slices.DeleteFunc(toks, func(t string) bool { return t == "" })
	}
	return regroup(toks)
}

// regroup joins the words of a name that tokenize reads as one: Arabic
// compounds (joinTheophoric), initials (joinInitials), number words
// (spellNumbers).
func regroup(toks []string) []string {
	return spellNumbers(joinInitials(joinTheophoric(toks)))
}

// splitCamel puts a space before a capital that follows a lower-case
// letter and starts a capitalised word, so that words written together in
// camel case ("KimJongUn", "KwangsonBank") are read apart, while
// abbreviations ending in a capital ("GmbH") stay whole.
func splitCamel(s string) string {
	var b []byte
	prevLower := false
	last := 0
	for i, r := range s {
		if prevLower && unicode.IsUpper(r) {
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); unicode.IsLower(next) {
				b = append(append(b, s[last:i]...), ' ')
				last = i
			}
		}
		prevLower = unicode.IsLower(r)
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// joinInitials joins runs of two or more one-letter words: "s a" → "sa",
// "j p morgan" → "jp morgan", so that "S.A.", "S. A." and "SA" agree.
func joinInitials(toks []string) []string {
	single := func(t string) bool {
		r, n := utf8.DecodeRuneInString(t)
		return n == len(t) && unicode.IsLetter(r)
	}
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && single(toks[j]) {
			j++
		}
		switch {
		case j-i >= 2:
			out = append(out, strings.Join(toks[i:j], ""))
			i = j
		default:
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

// fold lower-cases s, romanises other scripts, strips diacritics and marks
// apostrophes with a NUL so that tokenize can drop them inside words.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		var b strings.Builder
		b.Grow(len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'' || c == '`':
				c = 0
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	// Arabic letters in their presentation forms (U+FB50–FDFF,
	// U+FE70–FEFF: "ﻤﺤﻤﺪ" for "محمد") read as the letters they are, so
	// that they are romanised as Arabic (the compatibility decomposition,
	// UAX #15)
	if strings.ContainsFunc(s, func(r rune) bool { return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF }) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	rs := []rune(s)
	inAbjad := false
	persian := strings.ContainsAny(s, persianLetters)
	for i := 0; i < len(rs); i++ {
		if rom, n := armenianAt(rs, i); n > 0 {
			b.WriteString(rom)
			i += n - 1
			inAbjad = false
			continue
		}
		if _, ok := indicBlock(rs[i]); ok {
			b.WriteString(indicAt(rs, i))
			inAbjad = false
			continue
		}
		if isKhmer(rs[i]) {
			rom, n := khmerAt(rs, i)
			b.WriteString(rom)
			i += n - 1
			inAbjad = false
			continue
		}
		if isBurmese(rs[i]) {
			// a syllable a space after it, as Hangul's; a sign with no
			// letter before it is dropped
			rom, n := burmeseAt(rs, i)
			b.WriteString(rom)
			i += max(n, 1) - 1
			inAbjad = false
			continue
		}
		r := unicode.ToLower(rs[i])
		rom, ok := romanise(r)
		if isHebrewLetter(r) {
			rom = hebrewAt(rs, i)
		}
		if p, isP := persianValues[r]; persian && isP {
			rom = p
		}
		if ok && isAbjad(r) {
			if !inAbjad {
				inAbjad = true
				// the Arabic article al- before a word of two letters or more
				if r == 'ا' && i+3 < len(rs) && rs[i+1] == 'ل' && isAbjad(rs[i+2]) && isAbjad(rs[i+3]) {
					b.WriteString("al ")
					inAbjad = false
					i++
					continue
				}
				b.WriteRune(consonantal)
			}
		} else if unicode.IsLetter(r) || !unicode.Is(unicode.Mn, r) {
			inAbjad = false
		}
		if ok {
			b.WriteString(rom)
			continue
		}
		b.WriteRune(r)
	}
	d := norm.NFKD.String(b.String())
	b.Reset()
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
			continue
		}
		r = unicode.ToLower(r)
		if rom, ok := romanise(r); ok {
			b.WriteString(rom)
			continue
		}
		switch r {
		case '\'', '`', '\u2018', '\u2019', '\u02bc', '\u02b9', '\u00b4':
			b.WriteByte(0)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// trimAnd is core without a dangling "and" when legal forms written in
// Han, kana or Hangul (cjk) follow it, as splitForms leaves none before
// a Latin form ("Smith & Co."): Normalize writes those forms after the
// core, and reads them so again.
func trimAnd(core, cjk []string) []string {
	for len(cjk) > 0 && len(core) > 1 && core[len(core)-1] == "and" {
		core = core[:len(core)-1]
	}
	return core
}
