// Package csv reads shellnet's generic CSV: an entities file (id, kind, name
// and optional aliases, countries, tags, identifiers) and a links file
// (from, to, type and optional dates, amounts and goods), recognised by
// their headers. Importing it registers the "csv" input format.
package csv
