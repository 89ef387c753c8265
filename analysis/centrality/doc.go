// Package centrality ranks the nodes of a projection by degree, PageRank,
// betweenness, closeness, harmonic, eigenvector and HITS scores, normalised
// as NetworkX normalises them by default so that results can be checked
// against it.
//
// The algorithms run on the projection's compact arrays (CSR), not on
// gonum's map-based graph types, so that they scale to millions of links;
// the tests keep them in agreement with gonum's graph/network package.
//
// Links are read as undirected unless Options.Directed is set; parallel
// links between two nodes count once (or with their summed weight when
// Options.Weighted is set), as in a NetworkX Graph or DiGraph built from the
// same links; self-links are ignored, since a party linked to itself says
// nothing about its place in the network.
package centrality
