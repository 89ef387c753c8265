// Package render draws part of a shellnet graph: DOT generation with
// shellnet's visual language (a shape and colour per kind and role, a legend,
// evidence drawn bold, super-nodes collapsed) and rendering to SVG and PNG
// through go-graphviz (Graphviz compiled to WebAssembly, no cgo).
package render
