package shodan

import (
	"fmt"
	"strings"
	"unicode"
)

// cpeName is the vendor, product and version of a CPE name, in either
// binding: the 2.2 URI ("cpe:/o:microsoft:windows_10") or the 2.3
// formatted string ("cpe:2.3:o:microsoft:windows_10:-:*:*:*:*:*:*:*").
type cpeName struct {
	part, vendor, product, version string
}

func parseCPE(s string) (cpeName, error) {
	var fs []string
	switch {
	case strings.HasPrefix(s, "cpe:2.3:"):
		fs = splitCPE23(strings.TrimPrefix(s, "cpe:2.3:"))
	case strings.HasPrefix(s, "cpe:/"):
		fs = strings.Split(strings.TrimPrefix(s, "cpe:/"), ":")
	default:
		return cpeName{}, fmt.Errorf("%q is not a CPE name (cpe:/part:vendor:product or cpe:2.3:part:vendor:product)", s)
	}
	if len(fs) < 3 {
		return cpeName{}, fmt.Errorf("%q has no vendor and product", s)
	}
	c := cpeName{part: fs[0], vendor: unescape(fs[1]), product: unescape(fs[2])}
	if len(fs) > 3 {
		c.version = unescape(fs[3])
	}
	switch c.part {
	case "a", "o", "h":
	default:
		return cpeName{}, fmt.Errorf("%q: part %q is not a (application), o (operating system) or h (hardware)", s, c.part)
	}
	if invalid(c.vendor) || invalid(c.product) {
		return cpeName{}, fmt.Errorf("%q has no vendor and product", s)
	}
	c.vendor, c.product = strings.ToLower(c.vendor), strings.ToLower(c.product)
	if c.version == "*" || c.version == "-" {
		c.version = ""
	}
	return c, nil
}

func invalid(s string) bool {
	return s == "" || s == "*" || s == "-" || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '/' })
}

// splitCPE23 splits a 2.3 formatted string on the colons that are not
// escaped with a backslash.
func splitCPE23(s string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			b.WriteByte(s[i])
			b.WriteByte(s[i+1])
			i++
		case s[i] == ':':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(out, b.String())
}

// unescape drops the backslashes of a 2.3 value and decodes the %XX of a
// 2.2 URI ("microsoft\\.net", "at%26t").
func unescape(s string) string {
	if !strings.ContainsAny(s, `\%`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// uri is the version-less 2.2 URI of c, the form the cpe identifier takes.
func (c cpeName) uri() string { return "cpe:/" + c.part + ":" + c.vendor + ":" + c.product }

// vendorNames are display names where title case is wrong.
var vendorNames = map[string]string{
	"hp": "HP", "ibm": "IBM", "zte": "ZTE", "mikrotik": "MikroTik", "openbsd": "OpenBSD",
	"freebsd": "FreeBSD", "netgear": "NETGEAR", "tp-link": "TP-Link", "d-link": "D-Link",
	"vmware": "VMware", "openssl": "OpenSSL", "openbsd_foundation": "OpenBSD Foundation",
	"lg": "LG", "nginx": "nginx", "f5": "F5", "sonicwall": "SonicWall", "fortinet": "Fortinet",
}

// title turns a CPE component into a display name: "windows_10" into
// "Windows 10", "galaxy_s8" into "Galaxy S8".
func title(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func vendorName(v string) string {
	if n, ok := vendorNames[v]; ok {
		return n
	}
	return title(v)
}

// knownOS gives the CPE of the operating systems Shodan names without one
// ("Windows 10", "iOS"), so that they meet the Product and vendor that a
// CPE elsewhere names. Prefixes are matched case-insensitively, longest
// first.
var knownOS = []struct{ prefix, cpe string }{
	{"windows 10", "cpe:/o:microsoft:windows_10"},
	{"windows 11", "cpe:/o:microsoft:windows_11"},
	{"windows 7 or 8", "cpe:/o:microsoft:windows"},
	{"windows 7", "cpe:/o:microsoft:windows_7"},
	{"windows 8.1", "cpe:/o:microsoft:windows_8.1"},
	{"windows 8", "cpe:/o:microsoft:windows_8"},
	{"windows xp", "cpe:/o:microsoft:windows_xp"},
	{"windows server 2008", "cpe:/o:microsoft:windows_server_2008"},
	{"windows server 2012", "cpe:/o:microsoft:windows_server_2012"},
	{"windows server 2016", "cpe:/o:microsoft:windows_server_2016"},
	{"windows server 2019", "cpe:/o:microsoft:windows_server_2019"},
	{"windows", "cpe:/o:microsoft:windows"},
	{"ios", "cpe:/o:apple:iphone_os"},
	{"mac os x", "cpe:/o:apple:mac_os_x"},
	{"macos", "cpe:/o:apple:macos"},
	{"android", "cpe:/o:google:android"},
	{"linux", "cpe:/o:linux:linux_kernel"},
}

// osCPE returns the CPE of a well-known operating system name.
func osCPE(name string) (cpeName, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, k := range knownOS {
		if n == k.prefix || strings.HasPrefix(n, k.prefix+" ") || strings.HasPrefix(n, k.prefix+".") {
			c, err := parseCPE(k.cpe)
			return c, err == nil
		}
	}
	return cpeName{}, false
}
