package ofac

import (
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest/internal/country"
)

// remarks is what the Remarks field of an entry says, clause by clause.
type remarks struct {
	ids         [][2]string // scheme, value
	countries   []string    // ISO codes: nationality, citizenship, registration country
	props       map[string][]string
	linkedTo    []string // "Linked To: NAME."
	ownedBy     []string // "Owned or Controlled By: NAME."
	weakAliases []string // "a.k.a. 'NAME'"
}

// idClauses maps the lead words of a Remarks clause to the identifier
// scheme of the number that follows. Longer leads come first where one
// is the prefix of another ("Company Number IMO" before "Company Number").
var idClauses = []struct{ lead, scheme string }{
	{"Vessel Registration Identification IMO ", graph.IDIMO},
	{"Company Number IMO ", graph.IDIMO},
	{"Identification Number IMO ", graph.IDIMO},
	{"SWIFT/BIC ", graph.IDSwift},
	{"Website ", graph.IDWebsite},
	{"Email Address ", graph.IDEmail},
	{"Email ", graph.IDEmail},
	{"Telephone ", graph.IDPhone},
	{"Phone Number ", graph.IDPhone},
	{"Legal Entity Number ", graph.IDLEI},
	{"Registration Number ", graph.IDRegistration},
	{"Registration ID ", graph.IDRegistration},
	{"Company Number ", graph.IDRegistration},
	{"UK Company Number ", graph.IDRegistration},
	{"Commercial Registry Number ", graph.IDRegistration},
	{"Business Registration Number ", graph.IDRegistration},
	{"Business Registration Document # ", graph.IDRegistration},
	{"Public Registration Number ", graph.IDRegistration},
	{"Certificate of Incorporation Number ", graph.IDRegistration},
	{"Chamber of Commerce Number ", graph.IDRegistration},
	{"Commercial Registry No. ", graph.IDRegistration},
	{"C.R. No. ", graph.IDRegistration},
	{"Trade License No. ", graph.IDRegistration},
	{"Matricula Mercantil No ", graph.IDRegistration},
	{"Folio Mercantil No. ", graph.IDRegistration},
	{"Tax ID No. ", graph.IDTax},
	{"NIT # ", graph.IDTax},
	{"RUC # ", graph.IDTax},
	{"RIF # ", graph.IDTax},
	{"RFC ", graph.IDTax},
	{"VAT Number ", graph.IDTax},
	{"Italian Fiscal Code ", graph.IDTax},
	{"C.U.I.T. ", graph.IDTax},
	{"Diplomatic Passport ", graph.IDPassport},
	{"Passport ", graph.IDPassport},
	{"National ID No. ", graph.IDNationalID},
	{"Cedula No. ", graph.IDNationalID},
	{"D.N.I. ", graph.IDNationalID},
	{"Personal ID Card ", graph.IDNationalID},
	{"SSN ", graph.IDNationalID},
	{"Identification Number ", graph.IDNationalID},
	{"MMSI ", "mmsi"},
	{"D-U-N-S Number ", "duns"},
}

// propClauses maps lead words to the property that keeps the rest.
var propClauses = []struct{ lead, prop string }{
	{"POB ", "birth_place"},
	{"Gender ", "gender"},
	{"Fax ", "fax"},
	{"Organization Established Date ", "incorporation_date"},
	{"Organization Type: ", "organization_type"},
	{"Target Type ", "target_type"},
	{"Former Vessel Flag ", "former_flag"},
	{"Vessel Year of Build ", "build_year"},
	{"Aircraft Model ", "aircraft_model"},
	{"Aircraft Operator ", "aircraft_operator"},
	{"Aircraft Tail Number ", "tail_number"},
	{"Aircraft Manufacturer's Serial Number (MSN) ", "serial_number"},
	{"Aircraft Manufacture Date ", "manufacture_date"},
	{"Additional Sanctions Information - ", "sanctions_info"},
	{"Secondary sanctions risk: ", "sanctions_info"},
}

// parseRemarks reads the clauses of a Remarks field ("DOB 10 Dec 1948;
// nationality Korea, North; Linked To: KOREA RYONBONG GENERAL
// CORPORATION."). Clauses it does not know stay in the raw remarks only.
func parseRemarks(text string) remarks {
	var r remarks
	for clause := range strings.SplitSeq(text, ";") {
		clause = strings.TrimSpace(clause)
		clause = strings.TrimPrefix(clause, "alt. ")
		if clause == "" {
			continue
		}
		r.clause(clause)
	}
	return r
}

func (r *remarks) prop(k, v string) {
	v = trimEnd(v)
	if v == "" {
		return
	}
	if r.props == nil {
		r.props = map[string][]string{}
	}
	for _, w := range r.props[k] {
		if w == v {
			return
		}
	}
	r.props[k] = append(r.props[k], v)
}

// clause reads one clause, and reports whether it knew its lead words.
func (r *remarks) clause(c string) bool {
	switch {
	case strings.HasPrefix(c, "Linked To: "):
		if n := strings.TrimSpace(strings.TrimPrefix(c, "Linked To: ")); n != "" {
			r.linkedTo = append(r.linkedTo, n)
		}
		return true
	case strings.HasPrefix(c, "Owned or Controlled By: "):
		if n := strings.TrimSpace(strings.TrimPrefix(c, "Owned or Controlled By: ")); n != "" {
			r.ownedBy = append(r.ownedBy, n)
		}
		return true
	case strings.HasPrefix(c, "a.k.a. "), strings.HasPrefix(c, "f.k.a. "), strings.HasPrefix(c, "n.k.a. "):
		n := strings.Trim(trimEnd(c[len("a.k.a. "):]), "'")
		if n = strings.TrimSpace(n); n != "" {
			r.weakAliases = append(r.weakAliases, n)
		}
		return true
	case strings.HasPrefix(c, "DOB "):
		r.prop("birth_date", date(strings.TrimPrefix(c, "DOB ")))
		return true
	case strings.HasPrefix(c, "nationality "), strings.HasPrefix(c, "citizen "):
		prop, rest, _ := strings.Cut(c, " ")
		if prop == "citizen" {
			prop = "citizenship"
		}
		rest = trimEnd(rest)
		r.prop(prop, rest)
		if cc, ok := country.Name(rest); ok {
			r.countries = append(r.countries, cc)
		}
		return true
	case strings.HasPrefix(c, "Digital Currency Address - "):
		// "Digital Currency Address - XBT 1Kuf2Rd8m…": currency, address.
		_, addr, _ := strings.Cut(strings.TrimPrefix(c, "Digital Currency Address - "), " ")
		if addr = trimEnd(addr); addr != "" {
			r.ids = append(r.ids, [2]string{"crypto", addr})
		}
		return true
	}
	for _, ic := range idClauses {
		if strings.HasPrefix(c, ic.lead) {
			r.identifier(ic.scheme, c[len(ic.lead):])
			return true
		}
	}
	for _, pc := range propClauses {
		if strings.HasPrefix(c, pc.lead) {
			r.prop(pc.prop, c[len(pc.lead):])
			return true
		}
	}
	return false
}

// identifier reads "02696754 (United Kingdom)", "G025057 issued 23 Jun
// 1999 expires 05 Feb 2004" or "IMO 9187629" into a value and, for a
// registration, the country that issued it.
func (r *remarks) identifier(scheme, text string) {
	v := trimEnd(text)
	var where string
	if i := strings.Index(v, " ("); i >= 0 {
		if j := strings.IndexByte(v[i:], ')'); j > 0 {
			where = v[i+2 : i+j]
		}
		v = v[:i]
	}
	for _, stop := range []string{" issued ", " expires ", " - "} {
		if i := strings.Index(v, stop); i >= 0 {
			v = v[:i]
		}
	}
	v = strings.TrimSpace(v)
	switch scheme {
	case graph.IDIMO:
		v = strings.TrimSpace(strings.TrimPrefix(v, "IMO"))
	case graph.IDSwift:
		v = strings.ToUpper(v)
	case graph.IDEmail, graph.IDWebsite:
		v = strings.ToLower(v)
	case graph.IDPhone:
		v = digits(v)
	}
	if v == "" {
		return
	}
	r.ids = append(r.ids, [2]string{scheme, v})
	if where == "" {
		return
	}
	cc, ok := country.Name(where)
	if !ok {
		return
	}
	switch scheme {
	case graph.IDRegistration, graph.IDTax:
		// The country that registered the company is where it is
		// incorporated (FtM's jurisdiction).
		r.prop("jurisdiction", cc)
		r.countries = append(r.countries, cc)
	case graph.IDPassport, graph.IDNationalID:
		r.prop(scheme+"_country", cc)
	}
}

// digits keeps the digits of a telephone number written "(98)(21)(66153220)".
func digits(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// trimEnd drops the spaces and the full stop that end a clause.
func trimEnd(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
}

// date turns the list's "10 Dec 1948", "Dec 1948" and "1948" into ISO
// 8601 ("1948-12-10", "1948-12", "1948"); other forms ("circa 1951",
// "1955 to 1958") are kept as written.
func date(s string) string {
	s = trimEnd(s)
	for _, f := range []struct{ in, out string }{
		{"02 Jan 2006", "2006-01-02"},
		{"2 Jan 2006", "2006-01-02"},
		{"Jan 2006", "2006-01"},
		{"2006", "2006"},
	} {
		if t, err := time.Parse(f.in, s); err == nil {
			return t.Format(f.out)
		}
	}
	return s
}
