// Package paths finds procurement paths: the k cheapest loopless paths, of at
// most a given number of hops, from a set of sources (vendors) to a set of
// targets (sanctioned parties) on the goods-flow graph derived from a
// projection, and marks each hop against jurisdiction policies.
package paths
