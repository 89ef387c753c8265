// Package export writes a shellnet graph, or a part of it, in formats other
// tools open: GraphML (yEd, Gephi, NetworkX), GEXF (Gephi), FollowTheMoney
// JSON lines (Aleph, OpenSanctions tools, another shellnet) and shellnet's
// generic CSV pair (spreadsheets, another shellnet).
package export
