package server

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shellnet/shellnet/fixtures/synth"
	"github.com/shellnet/shellnet/graph"
)

// A large view (a generated network of 3,000 entities and 15,000 links,
// three links around a company) keeps its links on screen while it is
// dragged: the picture of them from the last still frame (web/src/pan.js)
// is shown in nearly every frame of the drag and holds them, and once the
// drag ends the links are drawn afresh and the picture is hidden. Nothing
// is written to the console and no request leaves the server's origin.
func TestWebAppPanLarge(t *testing.T) {
	chromium(t)
	ctx := context.Background()
	net := synth.Generate(synth.Config{Entities: 3000, LinksPerEntity: 5, Chains: 3, Seed: 7})
	entities, links, err := net.WriteCSV(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	store := loadStore(t, filepath.Join(t.TempDir(), "net.db"), entities, links)
	var focus string
	err = store.Entities(ctx, graph.Filter{Kinds: []graph.Kind{graph.Company}}, func(e graph.Entity) error {
		focus = e.ID
		return errEnough
	})
	if err != nil && !errors.Is(err, errEnough) {
		t.Fatal(err)
	}
	_, ts := startServer(t, Config{Store: store})
	b := newBrowser(t, 1400, 900)
	b.do(t, "opening the neighbourhood", chromedp.Navigate(ts.URL+"/#/entity/"+focus+"?hops=3&cap=5000"))
	waitFor(t, b, `document.querySelector('#status').textContent.includes('expanded')`, time.Minute)
	onScreen := eval[int](t, b, `Number(document.querySelector('#status').textContent.match(/(\d+) links/)[1])`)
	if onScreen <= 5000 {
		t.Fatalf("%d links on screen: want a large view, above 5,000", onScreen)
	}
	time.Sleep(2 * time.Second) // the layout worker's positions

	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]float64](dragJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if v[1] < 0.9 || v[2] < 1000 {
		t.Errorf("with %d links on screen, their picture was shown in %.0f%% of the frames of the drag and has %.0f pixels drawn: want them on screen while panning", onScreen, 100*v[1], v[2])
	}
	waitFor(t, b, `document.querySelector('#graph .sigma-links-still').hidden`, 10*time.Second)

	if p := b.problemsSeen(); len(p) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
	if off := b.offSite(ts.URL); len(off) > 0 {
		t.Errorf("requests left %s:\n%s", ts.URL, strings.Join(off, "\n"))
	}
}
