package render

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"sync"

	"github.com/flopp/go-findfont"
	"github.com/fogleman/gg"
	"github.com/goccy/go-graphviz/gvc"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// pngEngine draws Graphviz's rendering primitives into an image. It stands
// in for go-graphviz's own PNG renderer, which in v0.2.10 receives every
// shape as filled (its WebAssembly bridge passes the wrong argument), so
// that edges come out as black wedges and unfilled outlines vanish
// (goccy/go-graphviz#106). Whether a shape is filled is read instead from
// the object being drawn: a node or cluster whose style fills it, an
// arrowhead, or the page's background. Text falls back, rune by rune, to
// the first installed font that has the glyph, so that Korean and Chinese
// names draw when a CJK font is installed.
type pngEngine struct {
	*gvc.DefaultRenderEngine
	dc     *gg.Context
	sx, sy float64 // the page's scale, read once: every read crosses into WebAssembly
}

func newPNGEngine() *pngEngine { return &pngEngine{DefaultRenderEngine: new(gvc.DefaultRenderEngine)} }

func (r *pngEngine) BeginPage(_ context.Context, job *gvc.Job) error {
	r.dc = gg.NewContext(int(job.Width()), int(job.Height()))
	t := job.Translation()
	s := job.Scale()
	r.sx, r.sy = s.X(), s.Y()
	r.dc.Translate(r.sx*t.X(), -r.sy*t.Y())
	return nil
}

func (r *pngEngine) EndPage(_ context.Context, job *gvc.Job) error {
	var buf bytes.Buffer
	// diagrams are large flat areas of few colours: the fastest compression
	// costs little in size and saves most of the encoding time
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, r.dc.Image()); err != nil {
		return err
	}
	job.SetOutputData(buf.Bytes())
	job.SetOutputDataPosition(uint(buf.Len()))
	r.dc = nil
	return nil
}

// point maps a Graphviz point (y up) to the image (y down).
func (r *pngEngine) point(_ *gvc.Job, p *gvc.PointFloat) (float64, float64) {
	return r.sx * p.X(), -r.sy * p.Y()
}

// fills reports whether the shape being drawn is filled: for nodes and
// clusters their style says so; an edge's closed shapes are its arrowheads,
// filled with the edge's colour; the root graph's one polygon is the page.
func fills(job *gvc.Job, closed bool) bool {
	o := job.Object()
	switch o.Type() {
	case gvc.RootGraphObjectType:
		return closed
	case gvc.EdgeObjectType:
		return closed
	}
	return o.Fill() != gvc.FillNone
}

func setColour(dc *gg.Context, c *gvc.Color) bool {
	v := c.RGBAUint()
	if v[3] == 0 {
		return false
	}
	dc.SetRGBA255(int(v[0]), int(v[1]), int(v[2]), int(v[3]))
	return true
}

// paint fills (when the shape is filled) and strokes the current path, as
// Graphviz's cairo renderer does.
func (r *pngEngine) paint(job *gvc.Job, fill bool) {
	o := job.Object()
	dc := r.dc
	if fill && setColour(dc, o.FillColor()) {
		dc.FillPreserve()
	}
	if o.Pen() != gvc.PenNone && setColour(dc, o.PenColor()) {
		w := o.PenWidth() * r.sx
		dc.SetLineWidth(w)
		switch o.Pen() {
		case gvc.PenDashed:
			dc.SetDash(4*w, 3*w)
		case gvc.PenDotted:
			dc.SetDash(w, 2*w)
		default:
			dc.SetDash()
		}
		dc.StrokePreserve()
	}
	dc.ClearPath()
	dc.SetDash()
}

func (r *pngEngine) Polygon(_ context.Context, job *gvc.Job, a []*gvc.PointFloat, _ bool) error {
	if len(a) == 0 {
		return nil
	}
	r.dc.NewSubPath()
	for i, p := range a {
		x, y := r.point(job, p)
		if i == 0 {
			r.dc.MoveTo(x, y)
		} else {
			r.dc.LineTo(x, y)
		}
	}
	r.dc.ClosePath()
	r.paint(job, fills(job, true))
	return nil
}

func (r *pngEngine) Ellipse(_ context.Context, job *gvc.Job, a []*gvc.PointFloat, _ bool) error {
	if len(a) < 2 {
		return nil
	}
	cx, cy := r.point(job, a[0])
	ex, ey := r.point(job, a[1])
	r.dc.NewSubPath()
	r.dc.DrawEllipse(cx, cy, abs(ex-cx), abs(ey-cy))
	r.paint(job, fills(job, true))
	return nil
}

func (r *pngEngine) BezierCurve(_ context.Context, job *gvc.Job, a []*gvc.PointFloat, _ bool) error {
	if len(a) == 0 {
		return nil
	}
	r.dc.NewSubPath()
	r.dc.MoveTo(r.point(job, a[0]))
	for i := 1; i+2 < len(a); i += 3 {
		x1, y1 := r.point(job, a[i])
		x2, y2 := r.point(job, a[i+1])
		x3, y3 := r.point(job, a[i+2])
		r.dc.CubicTo(x1, y1, x2, y2, x3, y3)
	}
	// an edge's curve is a line; a node's (rounded boxes, cylinders) closes
	r.paint(job, job.Object().Type() != gvc.EdgeObjectType && fills(job, false))
	return nil
}

func (r *pngEngine) Polyline(_ context.Context, job *gvc.Job, a []*gvc.PointFloat) error {
	if len(a) == 0 {
		return nil
	}
	r.dc.NewSubPath()
	for i, p := range a {
		x, y := r.point(job, p)
		if i == 0 {
			r.dc.MoveTo(x, y)
		} else {
			r.dc.LineTo(x, y)
		}
	}
	r.paint(job, false)
	return nil
}

func (r *pngEngine) TextSpan(_ context.Context, job *gvc.Job, p *gvc.PointFloat, span *gvc.TextSpan) error {
	text := span.Text()
	if text == "" {
		return nil
	}
	if !setColour(r.dc, job.Object().PenColor()) {
		return nil
	}
	size := span.Font().Size() * job.Zoom() * fontScale()
	bold := span.Font().Flags()&htmlBold != 0
	runs, width := layoutText(text, size, job.DPI().X(), bold)
	// Graphviz sized the shape around its own estimate of the text's
	// width (Helvetica's metrics); a wider installed font is scaled down to
	// fit it rather than spill over the shape's border.
	if est := span.Size().X() * r.sx; est > 0 && width > est*1.02 {
		runs, width = layoutText(text, size*est/width, job.DPI().X(), bold)
	}
	x, y := r.point(job, p)
	switch span.Just() {
	case 'r':
		x -= width
	case 'l':
	default:
		x -= width / 2
	}
	y -= r.sy * (span.YOffsetCenterLine() + span.YOffsetLayout())
	for _, run := range runs {
		r.dc.SetFontFace(run.face)
		r.dc.DrawString(run.text, x, y)
		x += measure(run.face, run.text)
	}
	return nil
}

// layoutText cuts text into runs of one face each, at size, and returns
// their total width in pixels.
func layoutText(text string, size, dpi float64, bold bool) ([]run, float64) {
	runs := splitRuns(text, facesFor(size, dpi, bold))
	width := 0.0
	for _, r := range runs {
		width += measure(r.face, r.text)
	}
	return runs, width
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

type run struct {
	face font.Face
	text string
}

// splitRuns cuts text into runs that one face can draw, trying faces in
// order for each rune; a rune no face has goes with the first face.
func splitRuns(text string, faces []font.Face) []run {
	var out []run
	for _, r := range text {
		f := faces[0]
		for _, g := range faces {
			if _, ok := g.GlyphAdvance(r); ok {
				f = g
				break
			}
		}
		if n := len(out); n > 0 && out[n-1].face == f {
			out[n-1].text += string(r)
		} else {
			out = append(out, run{f, string(r)})
		}
	}
	return out
}

func measure(f font.Face, s string) float64 {
	return float64(font.MeasureString(f, s)) / 64
}

// helvetica holds the advance widths of Helvetica (Adobe's AFM, thousandths
// of an em) of the letters, digits and space, by which Graphviz sizes shapes
// around text.
var helvetica = map[rune]int{
	' ': 278, '0': 556, '1': 556, '2': 556, '3': 556, '4': 556, '5': 556, '6': 556, '7': 556, '8': 556, '9': 556,
	'a': 556, 'b': 556, 'c': 500, 'd': 556, 'e': 556, 'f': 278, 'g': 556, 'h': 556, 'i': 222, 'j': 222, 'k': 500,
	'l': 222, 'm': 833, 'n': 556, 'o': 556, 'p': 556, 'q': 556, 'r': 333, 's': 500, 't': 278, 'u': 556, 'v': 500,
	'w': 722, 'x': 500, 'y': 500, 'z': 500,
	'A': 667, 'B': 667, 'C': 722, 'D': 722, 'E': 667, 'F': 611, 'G': 778, 'H': 722, 'I': 278, 'J': 500, 'K': 667,
	'L': 556, 'M': 833, 'N': 722, 'O': 778, 'P': 667, 'Q': 778, 'R': 722, 'S': 667, 'T': 611, 'U': 722, 'V': 667,
	'W': 944, 'X': 667, 'Y': 667, 'Z': 611,
}

// calibration is typical diagram text, for comparing a font with Helvetica.
const calibration = "Meridale Electronics Pte Ltd Company front SG supplies 2016 05 01 phone accessories"

// fontScale is the factor that makes the Latin font as wide as Helvetica
// on typical text (at most 1), so that text fits the shapes Graphviz sized
// for Helvetica and every line of a label keeps the same size.
func fontScale() float64 {
	fontsOnce.Do(loadFonts)
	return latinScale
}

func measureScale(f *sfnt.Font) float64 {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 1000, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return 1
	}
	want := 0
	for _, r := range calibration {
		want += helvetica[r]
	}
	got := measure(face, calibration)
	if got <= 0 {
		return 1
	}
	return min(1, float64(want)/got)
}

// Fonts for PNG output, by file name as findfont searches the system's
// font folders: a sans-serif for Latin text, then fonts with Korean,
// Chinese and Japanese glyphs. Go's own font, built in, is always last.
var (
	// Liberation Sans and Arial have Helvetica's widths, which Graphviz sizes
	// shapes by; others are scaled to them (fontScale)
	latinFonts = []string{"LiberationSans-Regular.ttf", "Arial.ttf", "DejaVuSans.ttf", "NotoSans-Regular.ttf"}
	boldFonts  = []string{"LiberationSans-Bold.ttf", "Arial Bold.ttf", "DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf"}
	// x/image/font/sfnt reads these; it cannot read the big CJK collections
	// (Noto Sans CJK, Microsoft YaHei: too many cmap segments; WenQuanYi Zen
	// Hei: table offsets), so they are not tried. On Debian, fonts-nanum
	// and fonts-droid-fallback give Korean and Chinese.
	cjkFonts = []string{"NanumGothic.ttf", "DroidSansFallbackFull.ttf", "NotoSansKR-Regular.otf", "NotoSansSC-Regular.otf", "UnDotum.ttf", "AppleSDGothicNeo.ttc", "Hiragino Sans GB.ttc", "malgun.ttf", "simsun.ttc"}
)

var (
	fontsOnce  sync.Once
	fonts      []*sfnt.Font // loaded once: latin first, then CJK, then Go's
	boldLatin  *sfnt.Font   // in place of fonts[0] for bold text
	latinScale = 1.0
	facesMu    sync.Mutex
	faces      = map[faceKey][]font.Face{}
)

func loadFonts() {
	var out []*sfnt.Font
	// one Latin font; up to three CJK ones, since a Korean font may lack
	// Chinese characters and the other way round
	for _, group := range []struct {
		names []string
		most  int
	}{{latinFonts, 1}, {cjkFonts, 3}} {
		n := 0
		for _, name := range group.names {
			if n == group.most {
				break
			}
			path, err := findfont.Find(name)
			if err != nil {
				continue
			}
			if f := parseFont(path); f != nil {
				out = append(out, f)
				n++
			}
		}
	}
	if f, err := opentype.Parse(goregular.TTF); err == nil {
		out = append(out, f)
	}
	fonts = out
	latinScale = measureScale(out[0])
	for _, name := range boldFonts {
		if path, err := findfont.Find(name); err == nil {
			if boldLatin = parseFont(path); boldLatin != nil {
				break
			}
		}
	}
	if boldLatin == nil {
		boldLatin, _ = opentype.Parse(gobold.TTF)
	}
}

// htmlBold is Graphviz's flag for bold text in HTML-like labels.
const htmlBold = 1

type faceKey struct {
	size, dpi float64
	bold      bool
}

func parseFont(path string) *sfnt.Font {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	if f, err := opentype.Parse(data); err == nil {
		return f
	}
	c, err := opentype.ParseCollection(data)
	if err != nil || c.NumFonts() == 0 {
		return nil
	}
	f, err := c.Font(0)
	if err != nil {
		return nil
	}
	return f
}

// facesFor returns the fallback faces at a size, cached.
func facesFor(size, dpi float64, bold bool) []font.Face {
	fontsOnce.Do(loadFonts)
	facesMu.Lock()
	defer facesMu.Unlock()
	key := faceKey{size, dpi, bold}
	if fs, ok := faces[key]; ok {
		return fs
	}
	var fs []font.Face
	list := fonts
	if bold && boldLatin != nil {
		list = append([]*sfnt.Font{boldLatin}, fonts...)
	}
	for _, f := range list {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: dpi, Hinting: font.HintingNone})
		if err == nil {
			fs = append(fs, face)
		}
	}
	if len(fs) == 0 {
		panic(fmt.Sprintf("graph/render: no font at size %g (Go's built-in font failed to load)", size))
	}
	faces[key] = fs
	return fs
}
