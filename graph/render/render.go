package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/gvc"
)

// Format is an output format.
type Format string

// Output formats.
const (
	SVG    Format = "svg"
	PNG    Format = "png"
	DOTOut Format = "dot"
)

// FormatOf returns the format named by a file's extension.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return SVG, nil
	case ".png":
		return PNG, nil
	case ".dot", ".gv":
		return DOTOut, nil
	}
	return "", fmt.Errorf("graph/render: %s: unknown diagram format (use .svg, .png or .dot)", path)
}

// Layout limits. dot gives the clearest diagrams but grows steeply (36 s at
// 200 nodes and 600 edges here); sfdp lays out 1,000 nodes in under a second.
const (
	DotMaxNodes   = 150
	DotMaxEdges   = 400
	NeatoMaxNodes = 600
)

// ChooseLayout returns the layout to use for a diagram of n nodes and m
// edges: the one asked for when it is safe at that size, else sfdp. "" or
// "auto" picks dot while small and sfdp beyond. The second result explains
// a change, for the user.
func ChooseLayout(asked string, n, m int) (string, string) {
	switch asked {
	case "", "auto":
		if n <= DotMaxNodes && m <= DotMaxEdges {
			return "dot", ""
		}
		return "sfdp", ""
	case "dot":
		if n > DotMaxNodes || m > DotMaxEdges {
			return "sfdp", fmt.Sprintf("%d nodes and %d links are too many for the dot layout to finish in reasonable time; using sfdp", n, m)
		}
	case "neato":
		if n > NeatoMaxNodes {
			return "sfdp", fmt.Sprintf("%d nodes are too many for neato; using sfdp", n)
		}
	}
	return asked, ""
}

// PNGDPI is the resolution of PNG diagrams, and PNGMaxInches the largest
// side of one: 3,456 pixels.
const (
	PNGDPI       = 144
	PNGMaxInches = 24
)

// newGraphviz starts Graphviz with shellnet's PNG renderer in place of
// go-graphviz's (see pngEngine); SVG comes from Graphviz's own renderer.
func newGraphviz(ctx context.Context) (*graphviz.Graphviz, error) {
	render, err := gvc.NewRenderPlugin(ctx, "png", newPNGEngine())
	if err != nil {
		return nil, err
	}
	device, err := gvc.PNGDevicePlugin(ctx)
	if err != nil {
		return nil, err
	}
	gv, err := graphviz.NewWithPlugins(ctx, render, device)
	if err != nil {
		return nil, err
	}
	// sfdp's first layout in a process differs from every later one of the
	// same graph (some state is set up on first use): spend it here, so
	// that every diagram is laid out the same way whenever it is drawn.
	g, err := graphviz.ParseBytes([]byte("graph { a -- b; b -- c; c -- a }"))
	if err != nil {
		return nil, err
	}
	defer g.Close()
	gv.SetLayout(graphviz.SFDP)
	if err := gv.Render(ctx, g, graphviz.SVG, io.Discard); err != nil {
		return nil, err
	}
	return gv, nil
}

var (
	gvOnce sync.Once
	gv     *graphviz.Graphviz
	gvErr  error
	gvMu   sync.Mutex // the WASM instance is not safe for concurrent use
)

// Render lays out a DOT diagram and renders it as SVG or PNG (DOT is
// returned as it is). layout is one of dot, neato, sfdp, or "" to choose by
// size; see ChooseLayout.
func Render(ctx context.Context, dot []byte, format Format, layout string) ([]byte, error) {
	if format == DOTOut {
		return dot, nil
	}
	if format != SVG && format != PNG {
		return nil, fmt.Errorf("graph/render: unknown format %q (svg, png or dot)", format)
	}
	switch layout {
	case "", "auto", "dot", "neato", "sfdp":
	default:
		return nil, fmt.Errorf("graph/render: unknown layout %q (dot, neato or sfdp)", layout)
	}
	n, m := countDOT(dot)
	layout, _ = ChooseLayout(layout, n, m)
	gvOnce.Do(func() { gv, gvErr = newGraphviz(context.Background()) })
	if gvErr != nil {
		return nil, fmt.Errorf("graph/render: start graphviz: %w", gvErr)
	}
	gvMu.Lock()
	defer gvMu.Unlock()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("graph/render: parse DOT: %w", err)
	}
	defer g.Close()
	if format == PNG {
		// 1.5 times Graphviz's 96 dpi default: sharp when projected or
		// printed; a drawing larger than PNGMaxInches is scaled down to it,
		// so that a big diagram does not make an image of hundreds of
		// megabytes (SVG, which scales, is the format for those)
		g.SetDPI(PNGDPI)
		g.SafeSet("size", fmt.Sprintf("%d,%d", PNGMaxInches, PNGMaxInches), "")
	}
	gv.SetLayout(graphviz.Layout(layout))
	var buf bytes.Buffer
	gvFormat := graphviz.SVG
	if format == PNG {
		gvFormat = graphviz.PNG
	}
	if err := gv.Render(ctx, g, gvFormat, &buf); err != nil {
		return nil, fmt.Errorf("graph/render: %s layout: %w", layout, err)
	}
	return buf.Bytes(), nil
}

// WriteFile renders dot into path, in the format its extension names,
// writing through a temporary file so that a failed render leaves no
// half-written diagram.
func WriteFile(ctx context.Context, path string, dot []byte, layout string) error {
	format, err := FormatOf(path)
	if err != nil {
		return err
	}
	out, err := Render(ctx, dot, format, layout)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".shellnet-*")
	if err != nil {
		return fmt.Errorf("graph/render: %w", err)
	}
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("graph/render: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("graph/render: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("graph/render: %w", err)
	}
	return nil
}

// countDOT counts node and edge statements in DOT written by this package
// (one statement a line), legend excluded.
func countDOT(dot []byte) (nodes, edges int) {
	for _, line := range bytes.Split(dot, []byte("\n")) {
		t := bytes.TrimSpace(line)
		switch {
		case bytes.HasPrefix(t, []byte("legend")):
		case bytes.Contains(t, []byte(" -> ")):
			edges++
		case len(t) > 1 && (t[0] == 'n' || t[0] == 'g') && bytes.Contains(t, []byte(" [label=")):
			nodes++
		}
	}
	return nodes, edges
}
