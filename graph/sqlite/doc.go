// Package sqlite is shellnet's embedded graph store: one SQLite file, written
// through a pure-Go driver (modernc.org/sqlite, no cgo), with dense integer
// keys for entities and links so that projections scan integers, not strings.
package sqlite
