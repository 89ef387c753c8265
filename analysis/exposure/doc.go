// Package exposure scores every entity's exposure to sanctioned parties by
// personalised PageRank from the listed and blocked parties, and explains
// each score by the paths that contribute most to it.
package exposure
