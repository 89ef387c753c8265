package country

import (
	"testing"

	"github.com/shellnet/shellnet/ingest"
)

func TestName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Korea, North", "KP"},
		{"Democratic People's Republic of Korea", "KP"},
		{"KOREA, NORTH", "KP"},
		{"Korea, South", "KR"},
		{"Burma", "MM"},
		{"Iran (Islamic Republic of)", "IR"},
		{"Türkiye", "TR"},
		{"Turkey", "TR"},
		{"Côte d’Ivoire", "CI"},
		{"Cote d Ivoire", "CI"},
		{"China, Hong Kong Special Administrative Region", "HK"},
		{"United Kingdom of Great Britain and Northern Ireland", "GB"},
		{"Congo, Democratic Republic of the", "CD"},
		{"Congo", "CG"},
		{"Bahamas, The", "BS"},
		{"Region: Crimea", "UA"},
		{"Virgin Islands, British", "VG"},
	} {
		got, ok := Name(c.in)
		if !ok || got != c.want {
			t.Errorf("Name(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, in := range []string{"", "na", "undetermined", "former Soviet Union", "Region: Kafia Kingi", "NA", "Netherlands Antilles"} {
		if got, ok := Name(in); ok {
			t.Errorf("Name(%q) = %q, want no country", in, got)
		}
	}
}

func TestCodes(t *testing.T) {
	if c, ok := Alpha3("prk"); !ok || c != "KP" {
		t.Errorf("Alpha3(prk) = %q, %v", c, ok)
	}
	if _, ok := Alpha3("XXX"); ok {
		t.Error("Alpha3(XXX) should be unknown")
	}
	if c, ok := Alpha2("kp"); !ok || c != "KP" {
		t.Errorf("Alpha2(kp) = %q, %v", c, ok)
	}
	if _, ok := Alpha2("UK"); ok {
		t.Error("UK is not an ISO alpha-2 code")
	}
	if c, ok := Name("UK"); !ok || c != "GB" {
		t.Errorf("Name(UK) = %q, %v", c, ok)
	}
}

// Every OFAC add.csv country of the 2021 list and every UN consolidated
// list country maps, except the ones that name no current country
// (checked above), and every code it gives passes the pipeline's check.
func TestSourceNames(t *testing.T) {
	for _, n := range []string{"Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Aruba", "Australia", "Austria", "Azerbaijan", "Bahamas, The", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bolivia", "Bosnia and Herzegovina", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burma", "Burundi", "Cambodia", "Canada", "Cayman Islands", "Central African Republic", "Chile", "China", "Colombia", "Comoros", "Congo, Democratic Republic of the", "Congo, Republic of the", "Costa Rica", "Cote d Ivoire", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Denmark", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea", "Eritrea", "Ethiopia", "Finland", "France", "Georgia", "Germany", "Ghana", "Gibraltar", "Greece", "Guatemala", "Guyana", "Haiti", "Honduras", "Hong Kong", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jersey", "Jordan", "Kazakhstan", "Kenya", "Korea, North", "Korea, South", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Liberia", "Libya", "Liechtenstein", "Luxembourg", "Macau", "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mexico", "Moldova", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Namibia", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "Norway", "Oman", "Pakistan", "Palau", "Palestinian", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Qatar", "Region: Crimea", "Region: Gaza", "Region: Northern Mali", "Romania", "Russia", "Rwanda", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines", "Samoa", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "The Gambia", "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Vietnam", "Virgin Islands, British", "West Bank", "Yemen", "Zimbabwe",
		"British Virgin Islands", "Democratic Republic of the Congo", "Gabon", "Guinea-Bissau", "Iran (Islamic Republic of)", "Russian Federation", "State of Palestine", "Syrian Arab Republic", "Türkiye", "United Kingdom of Great Britain and Northern Ireland", "United Republic of Tanzania", "United States of America", "Viet Nam"} {
		c, ok := Name(n)
		if !ok {
			t.Errorf("Name(%q): no country", n)
			continue
		}
		if cc, ok := ingest.CountryCode(c); !ok || cc != c {
			t.Errorf("Name(%q) = %q, which the pipeline does not accept", n, c)
		}
	}
}
