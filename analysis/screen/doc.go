// Package screen tells whether a supplier is sanctioned, linked to a
// sanctioned party, worth a review or clear, with the name match, the
// shortest evidence paths and their sources, to the semantics of DESIGN.md.
package screen
