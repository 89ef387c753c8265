package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// The web app's speed in Chromium, on a store named by
// SHELLNET_WEB_BENCH_STORE (shellnet generate --entities 100000, then
// shellnet ingest) and an entity of it, SHELLNET_WEB_BENCH_FOCUS, whose
// neighbourhood of SHELLNET_WEB_BENCH_HOPS links (3 by default) fills the
// view, in Chromium started with the same flags as the browser tests and
// those of SHELLNET_WEB_BENCH_CHROMIUM (space-separated, as
// "--disable-gpu-vsync --use-angle=swiftshader"). They skip without a
// store.
func benchApp(b *testing.B) (*browserSession, string, string) {
	s, base, focus, _ := benchStore(b)
	return s, base, focus
}

// errEnough ends a walk of the store.
var errEnough = errors.New("enough")

// benchStore is benchApp with the store, for benchmarks that pick
// entities of it.
func benchStore(b *testing.B) (*browserSession, string, string, graph.Store) {
	path := os.Getenv("SHELLNET_WEB_BENCH_STORE")
	if path == "" {
		b.Skip("SHELLNET_WEB_BENCH_STORE names no store (shellnet generate --entities 100000, then shellnet ingest)")
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close(ctx) })
	_, ts := startServer(b, Config{Store: store})
	focus := os.Getenv("SHELLNET_WEB_BENCH_FOCUS")
	if focus == "" {
		focus = "co-29999"
	}
	var flags []chromedp.ExecAllocatorOption
	for _, f := range strings.Fields(os.Getenv("SHELLNET_WEB_BENCH_CHROMIUM")) {
		name, value, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if ok {
			flags = append(flags, chromedp.Flag(name, value))
		} else {
			flags = append(flags, chromedp.Flag(name, true))
		}
	}
	return newBrowser(b, 1400, 900, flags...), ts.URL, focus, store
}

// waitFor polls a page expression until it is true.
func waitFor(b testing.TB, s *browserSession, expr string, limit time.Duration) {
	b.Helper()
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if eval[bool](b, s, expr) {
			return
		}
	}
	b.Fatalf("%s: not true after %s; the status says %q", expr, limit, eval[string](b, s, `document.querySelector('#status').textContent`))
}

// BenchmarkWebAppFirstPaint loads / and reports the first contentful
// paint, as Chromium's Paint Timing API gives it (W3C Paint Timing).
func BenchmarkWebAppFirstPaint(b *testing.B) {
	s, base, _ := benchApp(b)
	var total float64
	for b.Loop() {
		s.do(b, "loading /", chromedp.Navigate(base+"/?"+strconv.Itoa(b.N)))
		waitFor(b, s, `performance.getEntriesByName('first-contentful-paint').length > 0`, 30*time.Second)
		total += eval[float64](b, s, `performance.getEntriesByName('first-contentful-paint')[0].startTime`)
	}
	b.ReportMetric(total/float64(b.N), "ms/first-paint")
}

// BenchmarkWebAppExpand opens one company after another (the store's
// first, in ID order) and reports the time the app measured
// for the expansion: GET /neighbourhood of one link, the capped groups,
// the graph drawn and the layout asked for.
func BenchmarkWebAppExpand(b *testing.B) {
	s, base, _, store := benchStore(b)
	var ids []string
	err := store.Entities(context.Background(), graph.Filter{Kinds: []graph.Kind{graph.Company}}, func(e graph.Entity) error {
		if ids = append(ids, e.ID); len(ids) == 1000 {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		b.Fatal(err)
	}
	s.do(b, "opening the app", chromedp.Navigate(base+"/"))
	waitFor(b, s, `document.querySelector('#snapshot').textContent !== ''`, time.Minute)
	var total float64
	i := 0
	for b.Loop() {
		id := ids[i%len(ids)]
		i++
		eval[any](b, s, `document.querySelector('#status').textContent = ''`)
		eval[any](b, s, fmt.Sprintf("location.hash = %q", "#/entity/"+id))
		waitFor(b, s, `/expanded .* in \d+ ms/.test(document.querySelector('#status').textContent)`, time.Minute)
		status := eval[string](b, s, `document.querySelector('#status').textContent`)
		m := regexp.MustCompile(` in (\d+) ms`).FindStringSubmatch(status)
		ms, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			b.Fatalf("status %q: %v", status, err)
		}
		total += ms
		b.Logf("%s: %.0f ms", id, ms)
		// the evidence paths (GET /paths) come after, and are not timed
		waitFor(b, s, `document.querySelector('#panel').textContent.includes('Evidence paths')`, time.Minute)
	}
	b.ReportMetric(total/float64(b.N), "ms/expand")
}

// BenchmarkWebAppPan fills the view with the focus's neighbourhood (5,000
// entities at most, and every link among them), keeps the link types of
// SHELLNET_WEB_BENCH_TYPES (SUPPLIES by default; "all" keeps every type)
// by clicking the type filter, drags the network to and fro for three
// seconds, and reports the frames Chromium drew a second, counted with
// requestAnimationFrame, with what was on screen and the share of the
// frames in which a large view's links were shown (links-shown); it fails
// when they were not on screen while panning.
func BenchmarkWebAppPan(b *testing.B) {
	s, base, focus := benchApp(b)
	hops := os.Getenv("SHELLNET_WEB_BENCH_HOPS")
	if hops == "" {
		hops = "3"
	}
	types := os.Getenv("SHELLNET_WEB_BENCH_TYPES")
	if types == "" {
		types = "SUPPLIES"
	}
	s.do(b, "opening the neighbourhood", chromedp.Navigate(base+"/#/entity/"+focus+"?hops="+hops+"&cap=5000"))
	waitFor(b, s, `document.querySelector('#status').textContent.includes('expanded')`, 2*time.Minute)
	if types != "all" {
		eval[any](b, s, fmt.Sprintf(`document.querySelectorAll('#types input').forEach(cb => { if (!%q.split(',').includes(cb.dataset.type)) cb.click(); }); 1`, types))
	}
	time.Sleep(10 * time.Second) // the layout worker's positions
	entities := eval[float64](b, s, `Number(document.querySelector('#status').textContent.match(/(\d+) entities/)[1])`)
	links := eval[float64](b, s, `[...document.querySelectorAll('#types label')].filter(l => l.querySelector('input').checked).reduce((n, l) => n + Number(l.textContent.match(/\((\d+)\)/)[1]), 0)`)
	var fps, shown float64
	for b.Loop() {
		v, err := chromedp.Run(s.ctx, chromedp.Evaluate[[]float64](dragJS, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		fps += v[0]
		shown += v[1]
		// a large view moves the picture of its links (web/src/pan.js):
		// it must be shown, and hold them, while the view moves
		if links > 5000 && (v[1] < 0.9 || v[2] < 1000) {
			b.Fatalf("the links were shown in %.0f%% of the frames of the drag, their picture has %.0f pixels drawn: want them on screen while panning", 100*v[1], v[2])
		}
	}
	b.ReportMetric(fps/float64(b.N), "frames/s")
	b.ReportMetric(shown/float64(b.N), "links-shown")
	b.ReportMetric(entities, "entities")
	b.ReportMetric(links, "links")
	size := eval[[]float64](b, s, `(() => { const r = document.querySelector('#graph').getBoundingClientRect(); return [r.width, r.height, devicePixelRatio]; })()`)
	b.Logf("the network view is %.0f × %.0f CSS pixels at device pixel ratio %g", size[0], size[1], size[2])
}

// dragJS drags the network with the mouse, one move a frame, for three
// seconds, and gives the frames a second, the share of the frames in
// which the picture of the links a large view moves was shown, and the
// pixels drawn in that picture (sampled one in four along each axis)
// halfway through.
const dragJS = `new Promise((resolve) => {
  const el = document.querySelector('#graph .sigma-mouse');
  const still = document.querySelector('#graph .sigma-links-still');
  const r = el.getBoundingClientRect();
  const x0 = r.left + r.width / 2, y0 = r.top + r.height / 2;
  const at = (dx) => ({ clientX: x0 + dx, clientY: y0 + dx / 2, button: 0, buttons: 1, bubbles: true });
  el.dispatchEvent(new MouseEvent('mousedown', at(0)));
  let frames = 0, shown = 0, inked = -1, dx = 0;
  const start = performance.now();
  function tick(now) {
    frames++;
    if (!still.hidden) shown++;
    if (inked < 0 && now - start > 1500) {
      inked = 0;
      const px = still.getContext('2d').getImageData(0, 0, still.width, still.height).data;
      for (let y = 0; y < still.height; y += 4) for (let x = 0; x < still.width; x += 4) if (px[(y * still.width + x) * 4 + 3]) inked++;
    }
    dx = 150 * Math.sin((now - start) / 300);
    el.dispatchEvent(new MouseEvent('mousemove', at(dx)));
    if (now - start < 3000) requestAnimationFrame(tick);
    else {
      el.dispatchEvent(new MouseEvent('mouseup', at(dx)));
      resolve([frames * 1000 / (performance.now() - start), shown / frames, inked]);
    }
  }
  requestAnimationFrame(tick);
})`
