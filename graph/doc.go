// Package graph holds shellnet's data model (entities and links aligned with
// FollowTheMoney), the Store contract that every backend implements, Open to
// choose a backend by URI scheme, and the in-memory Projection on which the
// analyses run through gonum's graph interfaces.
package graph
