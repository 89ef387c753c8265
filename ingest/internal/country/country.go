// Package country maps the country names and codes found in sanctions lists
// and leak datasets to ISO 3166-1 alpha-2 codes.
package country

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// table holds one country per line: alpha-2, alpha-3, then its names
// separated by "|": the ISO short name first, then the forms the sources
// use (OFAC writes "Korea, North" and "Burma", the UN writes "Democratic
// People's Republic of Korea" and "Iran (Islamic Republic of)", ICIJ
// writes ISO alpha-3 codes). Codes withdrawn from ISO 3166-1 (AN) are kept
// because old records still carry them.
const table = `
AD AND Andorra
AE ARE United Arab Emirates|UAE
AF AFG Afghanistan
AG ATG Antigua and Barbuda
AI AIA Anguilla
AL ALB Albania
AM ARM Armenia
AN ANT Netherlands Antilles
AO AGO Angola
AQ ATA Antarctica
AR ARG Argentina
AS ASM American Samoa
AT AUT Austria
AU AUS Australia
AW ABW Aruba
AX ALA Åland Islands
AZ AZE Azerbaijan
BA BIH Bosnia and Herzegovina|Bosnia-Herzegovina
BB BRB Barbados
BD BGD Bangladesh
BE BEL Belgium
BF BFA Burkina Faso
BG BGR Bulgaria
BH BHR Bahrain
BI BDI Burundi
BJ BEN Benin
BL BLM Saint Barthélemy
BM BMU Bermuda
BN BRN Brunei Darussalam|Brunei
BO BOL Bolivia|Bolivia (Plurinational State of)
BQ BES Bonaire, Sint Eustatius and Saba|Caribbean Netherlands
BR BRA Brazil
BS BHS Bahamas|Bahamas, The|The Bahamas
BT BTN Bhutan
BV BVT Bouvet Island
BW BWA Botswana
BY BLR Belarus
BZ BLZ Belize
CA CAN Canada
CC CCK Cocos (Keeling) Islands
CD COD Democratic Republic of the Congo|Congo, Democratic Republic of the|Congo (Kinshasa)|DR Congo|Zaire
CF CAF Central African Republic
CG COG Congo|Republic of the Congo|Congo, Republic of the|Congo (Brazzaville)
CH CHE Switzerland
CI CIV Côte d'Ivoire|Cote d Ivoire|Ivory Coast
CK COK Cook Islands
CL CHL Chile
CM CMR Cameroon
CN CHN China|People's Republic of China
CO COL Colombia
CR CRI Costa Rica
CU CUB Cuba
CV CPV Cabo Verde|Cape Verde
CW CUW Curaçao
CX CXR Christmas Island
CY CYP Cyprus
CZ CZE Czechia|Czech Republic
DE DEU Germany
DJ DJI Djibouti
DK DNK Denmark
DM DMA Dominica
DO DOM Dominican Republic
DZ DZA Algeria
EC ECU Ecuador
EE EST Estonia
EG EGY Egypt
EH ESH Western Sahara
ER ERI Eritrea
ES ESP Spain
ET ETH Ethiopia
FI FIN Finland
FJ FJI Fiji
FK FLK Falkland Islands|Falkland Islands (Malvinas)
FM FSM Micronesia|Micronesia (Federated States of)|Micronesia, Federated States of
FO FRO Faroe Islands
FR FRA France
GA GAB Gabon
GB GBR United Kingdom|United Kingdom of Great Britain and Northern Ireland|Great Britain|UK|England|Scotland|Wales|Northern Ireland
GD GRD Grenada
GE GEO Georgia
GF GUF French Guiana
GG GGY Guernsey
GH GHA Ghana
GI GIB Gibraltar
GL GRL Greenland
GM GMB Gambia|The Gambia|Gambia, The
GN GIN Guinea
GP GLP Guadeloupe
GQ GNQ Equatorial Guinea
GR GRC Greece
GS SGS South Georgia and the South Sandwich Islands
GT GTM Guatemala
GU GUM Guam
GW GNB Guinea-Bissau
GY GUY Guyana
HK HKG Hong Kong|China, Hong Kong Special Administrative Region|Hong Kong SAR China|Hong Kong SAR
HM HMD Heard Island and McDonald Islands
HN HND Honduras
HR HRV Croatia
HT HTI Haiti
HU HUN Hungary
ID IDN Indonesia
IE IRL Ireland
IL ISR Israel
IM IMN Isle of Man
IN IND India
IO IOT British Indian Ocean Territory
IQ IRQ Iraq
IR IRN Iran|Iran (Islamic Republic of)|Islamic Republic of Iran|Iran, Islamic Republic of
IS ISL Iceland
IT ITA Italy
JE JEY Jersey
JM JAM Jamaica
JO JOR Jordan
JP JPN Japan
KE KEN Kenya
KG KGZ Kyrgyzstan|Kyrgyz Republic
KH KHM Cambodia
KI KIR Kiribati
KM COM Comoros
KN KNA Saint Kitts and Nevis|St. Kitts and Nevis
KP PRK North Korea|Korea, North|Democratic People's Republic of Korea|Korea, Democratic People's Republic of|DPRK
KR KOR South Korea|Korea, South|Republic of Korea|Korea, Republic of
KW KWT Kuwait
KY CYM Cayman Islands
KZ KAZ Kazakhstan
LA LAO Laos|Lao People's Democratic Republic
LB LBN Lebanon
LC LCA Saint Lucia
LI LIE Liechtenstein
LK LKA Sri Lanka
LR LBR Liberia
LS LSO Lesotho
LT LTU Lithuania
LU LUX Luxembourg
LV LVA Latvia
LY LBY Libya|Libyan Arab Jamahiriya
MA MAR Morocco
MC MCO Monaco
MD MDA Moldova|Republic of Moldova|Moldova, Republic of
ME MNE Montenegro
MF MAF Saint Martin|Saint Martin (French part)
MG MDG Madagascar
MH MHL Marshall Islands
MK MKD North Macedonia|Macedonia|The former Yugoslav Republic of Macedonia
ML MLI Mali|Region: Northern Mali
MM MMR Myanmar|Burma
MN MNG Mongolia
MO MAC Macao|Macau|China, Macao Special Administrative Region|Macau SAR China
MP MNP Northern Mariana Islands
MQ MTQ Martinique
MR MRT Mauritania
MS MSR Montserrat
MT MLT Malta
MU MUS Mauritius
MV MDV Maldives
MW MWI Malawi
MX MEX Mexico
MY MYS Malaysia
MZ MOZ Mozambique
NA NAM Namibia
NC NCL New Caledonia
NE NER Niger
NF NFK Norfolk Island
NG NGA Nigeria
NI NIC Nicaragua
NL NLD Netherlands|The Netherlands|Holland
NO NOR Norway
NP NPL Nepal
NR NRU Nauru
NU NIU Niue
NZ NZL New Zealand
OM OMN Oman
PA PAN Panama
PE PER Peru
PF PYF French Polynesia
PG PNG Papua New Guinea
PH PHL Philippines
PK PAK Pakistan
PL POL Poland
PM SPM Saint Pierre and Miquelon
PN PCN Pitcairn
PR PRI Puerto Rico
PS PSE Palestine|State of Palestine|Palestinian|Palestinian Territories|Occupied Palestinian Territory|West Bank|Gaza|Gaza Strip|Region: Gaza
PT PRT Portugal
PW PLW Palau
PY PRY Paraguay
QA QAT Qatar
RE REU Réunion
RO ROU Romania
RS SRB Serbia
RU RUS Russia|Russian Federation
RW RWA Rwanda
SA SAU Saudi Arabia
SB SLB Solomon Islands
SC SYC Seychelles
SD SDN Sudan
SE SWE Sweden
SG SGP Singapore
SH SHN Saint Helena|Saint Helena, Ascension and Tristan da Cunha
SI SVN Slovenia
SJ SJM Svalbard and Jan Mayen
SK SVK Slovakia
SL SLE Sierra Leone
SM SMR San Marino
SN SEN Senegal
SO SOM Somalia
SR SUR Suriname
SS SSD South Sudan
ST STP Sao Tome and Principe
SV SLV El Salvador
SX SXM Sint Maarten|Sint Maarten (Dutch part)
SY SYR Syria|Syrian Arab Republic
SZ SWZ Eswatini|Swaziland
TC TCA Turks and Caicos Islands
TD TCD Chad
TF ATF French Southern Territories
TG TGO Togo
TH THA Thailand
TJ TJK Tajikistan
TK TKL Tokelau
TL TLS Timor-Leste|East Timor
TM TKM Turkmenistan
TN TUN Tunisia
TO TON Tonga
TR TUR Türkiye|Turkey
TT TTO Trinidad and Tobago
TV TUV Tuvalu
TW TWN Taiwan|Taiwan, Province of China
TZ TZA Tanzania|United Republic of Tanzania|Tanzania, United Republic of
UA UKR Ukraine|Crimea|Region: Crimea
UG UGA Uganda
UM UMI United States Minor Outlying Islands
US USA United States|United States of America|USA|U.S.A.
UY URY Uruguay
UZ UZB Uzbekistan
VA VAT Holy See|Vatican City|Holy See (Vatican City State)
VC VCT Saint Vincent and the Grenadines
VE VEN Venezuela|Venezuela (Bolivarian Republic of)
VG VGB British Virgin Islands|Virgin Islands, British
VI VIR United States Virgin Islands|Virgin Islands, U.S.
VN VNM Viet Nam|Vietnam
VU VUT Vanuatu
WF WLF Wallis and Futuna
WS WSM Samoa
XK XKX Kosovo
YE YEM Yemen
YT MYT Mayotte
ZA ZAF South Africa
ZM ZMB Zambia
ZW ZWE Zimbabwe
`

var (
	byName   = map[string]string{} // normalised name → alpha-2
	byAlpha3 = map[string]string{} // alpha-3 → alpha-2
	alpha2   = map[string]bool{}
)

func init() {
	for line := range strings.SplitSeq(table, "\n") {
		if line == "" {
			continue
		}
		a2, rest, _ := strings.Cut(line, " ")
		a3, names, _ := strings.Cut(rest, " ")
		alpha2[a2] = true
		byAlpha3[a3] = a2
		for name := range strings.SplitSeq(names, "|") {
			byName[key(name)] = a2
		}
	}
}

// Name returns the ISO 3166-1 alpha-2 code of the country named s, in any
// of the forms of the table. Matching ignores case, accents and
// punctuation. ok is false when s names no country (an empty string,
// "undetermined", "na", a region that spans countries). Codes are not
// names: Name("NA") is not Namibia, since sources write "na" for "not
// available".
func Name(s string) (code string, ok bool) {
	c, ok := byName[key(s)]
	return c, ok
}

// Alpha2 returns s upper-cased when it is an ISO 3166-1 alpha-2 code.
func Alpha2(s string) (string, bool) {
	u := strings.ToUpper(strings.TrimSpace(s))
	return u, alpha2[u]
}

// Alpha3 returns the alpha-2 code for an ISO 3166-1 alpha-3 code.
func Alpha3(s string) (string, bool) {
	c, ok := byAlpha3[strings.ToUpper(strings.TrimSpace(s))]
	return c, ok
}

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// key folds a name for look-up: accents removed, lower case, every run of
// other characters than letters and digits turned into one space.
func key(s string) string {
	if out, _, err := transform.String(stripMarks, s); err == nil {
		s = out
	}
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}
