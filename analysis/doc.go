// Package analysis groups the algorithms that run on an in-memory projection
// of the graph (centrality, communities, paths, screening, exposure, red
// flags); its sub-packages never read a store.
package analysis
