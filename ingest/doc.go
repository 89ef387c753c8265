// Package ingest loads source files into a graph store: readers turn each
// source format into entities and links, and one pipeline normalises them,
// resolves duplicates, writes them in batches and accounts for every record.
package ingest
