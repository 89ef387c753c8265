package ingest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/shellnet/shellnet/graph"
)

// NormaliseRecord cleans a record in place, as the pipeline does before
// resolving it: names trimmed, spaces collapsed and control characters
// dropped; countries as ISO 3166-1 alpha-2; identifiers in the canonical form
// of their scheme (see NormaliseIdentifier); tags lower case; link ids
// derived where the source gave none. It returns a *RecordError for what
// cannot be repaired: a missing id, an unknown kind, link type or country, a
// link without an end.
//
// An entity without a kind or a name is a fragment (a FtM Sanction adding a
// listing to an entity described elsewhere, a record that adds properties
// to an id): it is merged into the entity of the same id, loaded or
// stored, and judged once merged (see Load).
func NormaliseRecord(rec *Record) error {
	for i := range rec.Entities {
		if err := normaliseEntity(&rec.Entities[i]); err != nil {
			return recordError(rec, err, rec.Entities[i])
		}
	}
	for i := range rec.Links {
		if err := normaliseLink(&rec.Links[i]); err != nil {
			return recordError(rec, err, rec.Links[i])
		}
	}
	for i := range rec.Hints {
		if err := normaliseLink(&rec.Hints[i]); err != nil {
			return recordError(rec, err, rec.Hints[i])
		}
	}
	return nil
}

// fieldError is a normalisation failure before its position is known.
type fieldError struct{ field, reason string }

func (e *fieldError) Error() string { return e.field + ": " + e.reason }

func recordError(rec *Record, err error, what any) error {
	fe := err.(*fieldError)
	return &RecordError{Pos: rec.Pos, Field: fe.field, Reason: fe.reason, Raw: rawJSON(what)}
}

// rawJSON renders what was read, for the rejects file, cut at 4 KiB.
func rawJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	const max = 4096
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

func normaliseEntity(e *graph.Entity) error {
	e.ID = cleanID(e.ID)
	if e.ID == "" {
		return &fieldError{"id", "missing"}
	}
	if e.Kind != "" && !e.Kind.Valid() {
		return &fieldError{"kind", fmt.Sprintf("unknown kind %q (want one of %s)", e.Kind, kindList())}
	}
	e.Name = NormaliseName(e.Name)
	e.Aliases = cleanNames(e.Aliases, e.Name)
	if e.Name == "" && len(e.Aliases) > 0 {
		e.Name, e.Aliases = e.Aliases[0], e.Aliases[1:]
	}
	if len(e.Countries) > 0 {
		out := e.Countries[:0:0]
		for _, c := range e.Countries {
			if strings.TrimSpace(c) == "" {
				continue
			}
			code, ok := CountryCode(c)
			if !ok {
				return &fieldError{"countries", fmt.Sprintf("unknown country %q (give an ISO 3166 code or an English name)", c)}
			}
			if !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
		e.Countries = out
	}
	if len(e.Identifiers) > 0 {
		ids := make(map[string][]string, len(e.Identifiers))
		for scheme, vs := range e.Identifiers {
			s := strings.ToLower(strings.TrimSpace(scheme))
			if s == "" || !validText(s) {
				return &fieldError{"identifiers", fmt.Sprintf("bad scheme %q", scheme)}
			}
			for _, v := range vs {
				if n := NormaliseIdentifier(s, v); n != "" && !slices.Contains(ids[s], n) {
					ids[s] = append(ids[s], n)
				}
			}
		}
		for s, vs := range ids {
			if len(vs) == 0 {
				delete(ids, s)
			}
		}
		e.Identifiers = ids
		if len(ids) == 0 {
			e.Identifiers = nil
		}
	}
	if len(e.Tags) > 0 {
		out := e.Tags[:0:0]
		for _, t := range e.Tags {
			t = strings.ToLower(NormaliseName(t))
			if t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		e.Tags = out
	}
	for i := range e.Sanctions {
		s := &e.Sanctions[i]
		s.Authority = NormaliseName(s.Authority)
		s.Program = NormaliseName(s.Program)
		s.Reference = NormaliseName(s.Reference)
	}
	return nil
}

func normaliseLink(l *graph.Link) error {
	l.From, l.To = cleanID(l.From), cleanID(l.To)
	if l.From == "" {
		return &fieldError{"from", "missing"}
	}
	if l.To == "" {
		return &fieldError{"to", "missing"}
	}
	if !l.Type.Valid() {
		return &fieldError{"type", fmt.Sprintf("unknown link type %q (want one of %s)", l.Type, typeList())}
	}
	l.ID = cleanID(l.ID)
	if l.ID == "" {
		l.ID = graph.LinkID(l.From, l.Type, l.To)
	}
	return nil
}

// cleanID trims an id; ids with control characters or invalid UTF-8 are
// refused (returned empty), since they would not survive a round trip.
func cleanID(s string) string {
	s = strings.TrimSpace(s)
	if !validText(s) {
		return ""
	}
	return s
}

func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return true
}

func kindList() string {
	s := make([]string, len(graph.Kinds))
	for i, k := range graph.Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func typeList() string {
	s := make([]string, len(graph.LinkTypes))
	for i, t := range graph.LinkTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// cleanNames normalises aliases, dropping empty ones, repeats and the name.
func cleanNames(names []string, name string) []string {
	if len(names) == 0 {
		return names
	}
	out := names[:0:0]
	for _, a := range names {
		a = NormaliseName(a)
		if a != "" && a != name && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// NormaliseName returns s in Unicode NFC with leading and trailing space
// trimmed, runs of white space made one space, invalid UTF-8, control
// characters and zero-width marks dropped.
func NormaliseName(s string) string {
	if plainName(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), r == '\u200b', r == '\ufeff':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// plainName reports whether s is printable ASCII with single inner spaces
// and none at either end: the common case, returned as it is.
func plainName(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || (c == ' ' && s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// searchedSchemes are the schemes free text is looked up in as an
// identifier: the strong ones, and the network identifiers of device scans.
var searchedSchemes = append(append([]string{}, graph.StrongSchemes...), graph.IDIP, graph.IDASN, graph.IDCPE)

// IdentifierKeys returns text as an identifier of every scheme a search
// looks it up in, each in its scheme's canonical form (NormaliseIdentifier);
// schemes under which nothing is left are skipped.
func IdentifierKeys(text string) []graph.IdentKey {
	var keys []graph.IdentKey
	for _, scheme := range searchedSchemes {
		if v := NormaliseIdentifier(scheme, text); v != "" {
			keys = append(keys, graph.IdentKey{Scheme: scheme, Value: v})
		}
	}
	return keys
}

// NormaliseIdentifier returns value in the canonical form of its scheme, so
// that the same identifier written two ways matches: SWIFT/BIC, IBAN, IMO,
// LEI, passport and national id numbers upper case without spaces (IMO
// without its "IMO" prefix); e-mail lower
// case; a website as its lower-case host without scheme or "www.", with its
// path but no trailing slash; a phone number as its digits, with a leading
// "+" when it was written in international form (+ or 00). Other schemes are
// trimmed with spaces collapsed. It returns "" for a value with nothing left.
func NormaliseIdentifier(scheme, value string) string {
	v := NormaliseName(value)
	switch scheme {
	case graph.IDSwift, graph.IDIBAN, graph.IDLEI, graph.IDPassport, graph.IDNationalID:
		return strings.ToUpper(dropSpaces(v))
	case graph.IDIMO:
		v = strings.ToUpper(dropSpaces(v))
		v = strings.TrimPrefix(v, "IMO")
		return strings.TrimLeft(v, ":#-")
	case graph.IDEmail:
		v = strings.ToLower(dropSpaces(v))
		return strings.TrimPrefix(v, "mailto:")
	case graph.IDWebsite:
		return normaliseWebsite(v)
	case graph.IDPhone:
		return normalisePhone(v)
	}
	return v
}

func dropSpaces(s string) string {
	if !strings.ContainsRune(s, ' ') {
		return s
	}
	return strings.ReplaceAll(s, " ", "")
}

func normaliseWebsite(v string) string {
	v = dropSpaces(v)
	if v == "" {
		return ""
	}
	raw := v
	if !strings.Contains(v, "://") {
		raw = "http://" + v
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.TrimSuffix(strings.ToLower(v), "/")
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	host = strings.TrimSuffix(host, ".")
	path := strings.TrimRight(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return host + path
}

func normalisePhone(v string) string {
	intl := strings.HasPrefix(v, "+")
	var b strings.Builder
	for _, r := range v {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if !intl && strings.HasPrefix(d, "00") {
		intl, d = true, d[2:]
	}
	if d == "" {
		return ""
	}
	if intl {
		return "+" + d
	}
	return d
}
