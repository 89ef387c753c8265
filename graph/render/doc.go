// Package render draws part of a shellnet graph: DOT generation with
// shellnet's visual language (a shape and colour per kind and role, a key,
// goods flowing left to right, evidence drawn bold, restricted and loophole
// hops coloured, super-nodes collapsed), layout and SVG through go-graphviz
// (Graphviz compiled to WebAssembly, no cgo), and PNG drawn by shellnet's own
// Graphviz render engine.
package render
