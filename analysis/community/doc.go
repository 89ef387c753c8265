// Package community partitions the nodes of a projection into weakly
// connected components, Louvain communities or label-propagation
// communities, scores partitions by modularity as NetworkX does, and
// summarises each community for an investigator.
//
// Links are read as undirected: a pair of nodes linked once or several
// times, either way, is one edge, whose weight is 1, or the sum of the
// links' weights when weights are asked for. Self-links are ignored.
// Community labels are numbered from 0 by decreasing size (ties by the
// smallest member), so that the same partition always prints the same way.
package community
