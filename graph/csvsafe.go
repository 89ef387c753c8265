package graph

import "strconv"

// CSVSafe returns s ready for a CSV cell that a spreadsheet may open: a cell
// that starts like a formula (=, +, -, @, tab, carriage return) is prefixed
// with a single quote, as OWASP advises, unless it is a plain number.
func CSVSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}
