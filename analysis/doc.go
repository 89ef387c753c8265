// Package analysis groups the algorithms that run on an in-memory projection
// of the graph (centrality, communities, paths, screening, exposure, red
// flags). Its sub-packages never read a store themselves: analysis/snapshot
// reads one once into the value they take (the projection at a date, the
// sanctions state, the name index, and an evidence reader bound to the
// same date), and a test keeps every other exported function from taking a
// graph.Store.
package analysis
