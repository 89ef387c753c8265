// Package names normalises, compares and indexes the names of parties, so
// that "SAMSUNG ELECTRONICS COMPANY LIMITED" finds "Samsung Electronics Co.,
// Ltd." and a supplier list with a typo still finds the listed entity.
//
// Normalize folds case, compatibility forms and diacritics (Unicode NFKD via
// golang.org/x/text), romanises Cyrillic, Greek and Hangul with small tables,
// drops punctuation, spells & as "and" and rewrites legal forms to one
// canonical abbreviation. Parse splits a name into its core tokens and the
// legal forms it carried; Key is the sorted core tokens, a blocking key for
// duplicate candidates. Similarity scores two names in [0, 1], robust to a
// character changed, a word dropped and words reordered. Index retrieves the
// best matches for a query among millions of names in a few milliseconds.
package names
