package server

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/shellnet/shellnet/graph"
)

// hostileName is a company name that would run as script, or fetch an
// image, if the app put data into the page as markup.
const hostileName = `<script>window.pwned=1</script><img src="/pwned.png" onerror="window.pwned=2"> & "Co" 조선`

// browserSession is headless Chromium driven over the DevTools protocol,
// with everything the page writes to its console, every exception and
// every request it makes recorded.
type browserSession struct {
	ctx      context.Context
	dir      string // downloads
	mu       sync.Mutex
	problems []string // console errors, exceptions, CSP reports
	requests []string // URLs requested
}

// chromium finds Debian's Chromium; it skips the test when it is missing,
// unless SHELLNET_REQUIRE_CHROMIUM is set (as scripts/test.sh does in CI).
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SHELLNET_REQUIRE_CHROMIUM") != "" {
		t.Fatal("Chromium is required (SHELLNET_REQUIRE_CHROMIUM is set) but not installed: apt-get install chromium")
	}
	t.Skip("Chromium not installed (apt-get install chromium); skipping the browser test")
	return ""
}

// newBrowser starts Chromium headless, with software WebGL (no GPU), at
// width × height, with the extra options given.
func newBrowser(t testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) *browserSession {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(width, height),
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 5*time.Minute) // Chromium starts slowly on a loaded machine
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	b := &browserSession{ctx: ctx, dir: filepath.Join(dir, "downloads")}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				b.problems = append(b.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if ex := ev.ExceptionDetails.Exception; ex != nil {
				msg += " " + ex.Description
			}
			b.problems = append(b.problems, "exception: "+msg)
		case *cdplog.EventEntryAdded:
			// Chromium's software GL reports its own stalls as rendering
			// warnings: they are the driver's, not the page's
			if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning && ev.Entry.Source != cdplog.EntrySourceRendering {
				b.problems = append(b.problems, fmt.Sprintf("%s %s: %s %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text, ev.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, ev.Request.URL)
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	events := true
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: b.dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browserSession) do(t testing.TB, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval runs an expression in the page (as the DevTools console does).
func eval[T any](t testing.TB, b *browserSession, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// text reads the text of the element sel, in one step, so that an
// element the app replaces meanwhile cannot be read half.
func (b *browserSession) text(t testing.TB, sel string) string {
	t.Helper()
	return eval[string](t, b, fmt.Sprintf("(document.querySelector(%q) || {}).textContent || ''", sel))
}

// waitText waits until the element sel shows want.
func (b *browserSession) waitText(t testing.TB, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	got := ""
	for time.Now().Before(deadline) {
		got = b.text(t, sel)
		if strings.Contains(got, want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s shows %q, want %q", sel, got, want)
}

// shot saves a screenshot of the page under name in dir.
func (b *browserSession) shot(t testing.TB, dir, name string) image.Image {
	t.Helper()
	time.Sleep(300 * time.Millisecond)
	buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// downloaded waits for a file the page saved.
func (b *browserSession) downloaded(t testing.TB, name string) []byte {
	t.Helper()
	path := filepath.Join(b.dir, name)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return data
		}
	}
	t.Fatalf("%s was not downloaded", name)
	return nil
}

// offSite lists the requests that did not go to origin (the page's own
// blob: and data: URLs stay in the browser).
func (b *browserSession) offSite(origin string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, u := range b.requests {
		if strings.HasPrefix(u, origin+"/") || strings.HasPrefix(u, "blob:"+origin+"/") || strings.HasPrefix(u, "data:") {
			continue
		}
		out = append(out, u)
	}
	return out
}

func (b *browserSession) problemsSeen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.problems)
}

// waitList waits until the elements sel show exactly want, in order.
func (b *browserSession) waitList(t testing.TB, sel string, want []string) {
	t.Helper()
	var got []string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		got = eval[[]string](t, b, fmt.Sprintf("[...document.querySelectorAll(%q)].map(e => e.textContent)", sel))
		if slices.Equal(got, want) {
			return
		}
	}
	t.Fatalf("%s shows %q, want %q", sel, got, want)
}

// linkPixel finds, within box (left, top, right, bottom), the pixel of
// the evidence path's colour (#f1c40f) nearest the middle of all such
// pixels: on one straight highlighted link, a point of that link.
func linkPixel(img image.Image, box []float64) (x, y float64, ok bool) {
	var pts []image.Point
	var sx, sy int
	for py := int(box[1]); py < int(box[3]); py++ {
		for px := int(box[0]); px < int(box[2]); px++ {
			if near(img.At(px, py), 0xf1, 0xc4, 0x0f) {
				pts = append(pts, image.Pt(px, py))
				sx += px
				sy += py
			}
		}
	}
	if len(pts) == 0 {
		return 0, 0, false
	}
	mid := image.Pt(sx/len(pts), sy/len(pts))
	best := pts[0]
	for _, p := range pts {
		if d, e := p.Sub(mid), best.Sub(mid); d.X*d.X+d.Y*d.Y < e.X*e.X+e.Y*e.Y {
			best = p
		}
	}
	return float64(best.X), float64(best.Y), true
}

// near reports whether c is within 12 of a colour in each channel.
func near(c color.Color, r0, g0, b0 int) bool {
	r, g, b, _ := c.RGBA()
	close := func(a uint32, b int) bool { d := int(a>>8) - b; return d >= -12 && d <= 12 }
	return close(r, r0) && close(g, g0) && close(b, b0)
}

// countNear counts the pixels within 12 of a colour in each channel,
// sampling every other pixel.
func countNear(img image.Image, r0, g0, b0 int) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			if near(img.At(x, y), r0, g0, b0) {
				n++
			}
		}
	}
	return n
}

// screenshotDir is where the test leaves its screenshots: the folder the
// README shows when SHELLNET_SCREENSHOTS=1, a temporary one otherwise.
func screenshotDir(t testing.TB) string {
	if os.Getenv("SHELLNET_SCREENSHOTS") != "" {
		dir, err := filepath.Abs("web/screenshots")
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		return dir
	}
	return t.TempDir()
}

// An investigator works the Glocom case in the app, in Chromium, on the
// real server over a real socket: searches "Glocom", opens it, expands,
// sees the evidence path to the Reconnaissance General Bureau
// highlighted, opens the Reuters record behind Glocom's link to it, moves
// the date slider before 2016 and sees the payments go, screens the
// case's 23 suppliers and downloads the verdicts as CSV, draws the
// procurement paths and exports them as GraphML; a hostile company name
// shows as text. Nothing is written to the console and no request leaves
// the server's origin.
func TestWebAppGlocom(t *testing.T) {
	chromium(t)
	store, _ := glocomStore(t)
	ctx := context.Background()
	// a company with a hostile name, selling to Glocom
	if err := store.UpsertEntities(ctx, []graph.Entity{{ID: "hostile-co", Kind: graph.Company, Name: hostileName, Countries: []string{"MY"},
		Sources: []graph.Source{{Dataset: "browser-test", Record: "webapp_browser_test.go"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := store.UpsertLinks(ctx, []graph.Link{{ID: "supply-hostile-glocom", From: "hostile-co", To: "glocom", Type: graph.Supplies,
		Sources: []graph.Source{{Dataset: "browser-test", Record: "webapp_browser_test.go"}}}}); err != nil {
		t.Fatal(err)
	}
	_, ts := startServer(t, Config{Store: store})
	shots := screenshotDir(t)
	b := newBrowser(t, 1400, 900)

	// search with suggestions as one types
	b.do(t, "opening the app", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#search")),
		chromedp.SendKeys(chromedp.CSS("#search"), "Glocom"),
		chromedp.WaitVisible(chromedp.CSS(`#suggestions li[data-id="glocom"]`)))
	b.shot(t, shots, "1-search.png")

	// open it: the entity page, its network, its evidence paths
	b.do(t, "opening Glocom", chromedp.Click(chromedp.CSS(`#suggestions li[data-id="glocom"]`)))
	b.waitText(t, "#entity-name", "Glocom")
	b.waitText(t, "#panel", "Source records")
	b.waitText(t, "#panel", "glocom: glocom.ftm.jsonl:3")
	b.waitText(t, "#evidence", "Glocom -REPRESENTS-> Reconnaissance General Bureau")
	b.waitText(t, "#status", "entities")
	// on every date: to the RGB it represents, and through the Pan Systems
	// branch that directs it to the forwarder the branch shipped radios
	// through in July 2016
	b.waitList(t, "#evidence li", []string{"Glocom -REPRESENTS-> Reconnaissance General Bureau",
		"Glocom <-DIRECTS- Pan Systems Pyongyang Branch -SUPPLIES-> Lanternfield Air Cargo Co., Ltd. (illustrative)"})

	// expand every entity on screen, one link further
	b.do(t, "expanding", chromedp.Click(chromedp.CSS("#expand-all")))
	b.waitText(t, `#types label[data-type="PAYS"]`, "PAYS (2)")
	time.Sleep(2 * time.Second) // the layout worker's positions
	img := b.shot(t, shots, "2-network.png")
	// the evidence path is drawn in its colour, #f1c40f
	if n := countNear(img, 0xf1, 0xc4, 0x0f); n < 30 {
		t.Errorf("the evidence path to the RGB is not highlighted: %d pixels of its colour", n)
	}
	// the hostile name is text, in the list of links on screen
	b.waitText(t, "#links", hostileName)

	// the view exported: SVG that parses, its names escaped, and the PNG
	// drawn from it
	b.do(t, "exporting SVG and PNG", chromedp.Click(chromedp.CSS("#export-svg")), chromedp.Click(chromedp.CSS("#export-png")))
	svg := b.downloaded(t, "shellnet-network.svg")
	var doc struct {
		Circles []struct{} `xml:"g>circle"`
		Texts   []string   `xml:"g>text"`
		Scripts []struct{} `xml:"script"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("SVG: %v", err)
	}
	nodes := eval[int](t, b, `Number(document.querySelector('#status').textContent.match(/(\d+) entities/)[1])`)
	if len(doc.Circles) != nodes || !slices.Contains(doc.Texts, hostileName) || len(doc.Scripts) > 0 || bytes.Contains(svg, []byte("<script>")) {
		t.Errorf("SVG: %d circles for %d entities on screen, hostile name as text %v, %d scripts", len(doc.Circles), nodes, slices.Contains(doc.Texts, hostileName), len(doc.Scripts))
	}
	if shot, err := png.Decode(bytes.NewReader(b.downloaded(t, "shellnet-network.png"))); err != nil || shot.Bounds().Dx() != 1600 {
		t.Errorf("PNG: %v", err)
	}

	// the source record of Glocom's link to the RGB
	b.do(t, "opening the link", chromedp.Click(chromedp.CSS(`#links button[data-link="glocom|REPRESENTS|rgb"]`)))
	b.waitText(t, "#link-title", "Glocom REPRESENTS Reconnaissance General Bureau")
	b.waitText(t, "#panel .record", "Reuters 27 Feb 2017")
	b.waitText(t, "#panel .record", "glocom.ftm.jsonl:10")
	b.shot(t, shots, "3-link-record.png")

	// the date slider before 2016: the payments (2016) go
	box := eval[[]float64](t, b, `(() => { const r = document.querySelector('#asof').getBoundingClientRect(); return [r.left, r.top, r.width, r.height, Number(document.querySelector('#asof').max)]; })()`)
	step := float64((2015-2000)*12 + 6) // 2015-07
	x := box[0] + 8 + (box[2]-16)*step/box[4]
	b.do(t, "moving the slider", chromedp.MouseClickXY(x, box[1]+box[3]/2))
	for range 24 { // a person nudges it into 2015 with the arrow keys
		label := b.text(t, "#asof-label")
		if strings.HasPrefix(label, "2015-") {
			break
		}
		key := kb.ArrowLeft
		if label < "2015" {
			key = kb.ArrowRight
		}
		b.do(t, "nudging the slider", chromedp.SendKeys(chromedp.CSS("#asof"), key))
	}
	if label := b.text(t, "#asof-label"); !strings.HasPrefix(label, "2015-") {
		t.Fatalf("the slider shows %q, want a day of 2015", label)
	}
	b.waitText(t, "#status", "expanded")
	time.Sleep(time.Second)
	var payments int
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		payments = eval[int](t, b, `document.querySelectorAll('#types label[data-type="PAYS"]').length`)
		if payments == 0 {
			break
		}
	}
	if payments != 0 {
		t.Error("the payments of 2016 are still shown on a day of 2015")
	}
	b.waitText(t, `#types label[data-type="SUPPLIES"]`, "SUPPLIES")
	// the evidence paths on that day: the shipment of July 2016 had not
	// happened, the RGB path alone is highlighted
	b.waitText(t, "#panel", "Evidence paths to sanctioned parties on 2015-")
	b.waitList(t, "#evidence li", []string{"Glocom -REPRESENTS-> Reconnaissance General Bureau"})
	time.Sleep(time.Second) // the layout worker's positions
	img = b.shot(t, shots, "4-as-of-2015.png")

	// the one highlighted link clicked on the canvas: its source record
	x, y, ok := linkPixel(img, eval[[]float64](t, b, `(() => { const r = document.querySelector('#graph').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()`))
	if !ok {
		t.Fatal("no pixel of the evidence path's colour on the canvas on a day of 2015")
	}
	b.do(t, "clicking the link on the canvas", chromedp.MouseClickXY(x, y))
	b.waitText(t, "#link-title", "Glocom REPRESENTS Reconnaissance General Bureau")
	b.waitText(t, "#panel .record", "Reuters 27 Feb 2017")

	// screening: the case's 23 suppliers pasted, verdicts as the CLI's
	queries, golden := goldenLines(t)
	b.do(t, "pasting the list", chromedp.Click(chromedp.CSS(`header nav a[data-view="screen"]`)), chromedp.WaitVisible(chromedp.CSS("#list")),
		chromedp.SetValue(chromedp.CSS("#list"), strings.Join(queries, "\n")), chromedp.Click(chromedp.CSS("#screen-run")))
	b.waitText(t, "#screen-status", "23 screened")
	cells := eval[[]string](t, b, `[...document.querySelectorAll('#verdicts tbody tr')].map(tr => tr.children[1].textContent + '\t' + tr.children[2].textContent)`)
	want := map[string]string{}
	for _, q := range queries {
		var g struct{ Verdict string }
		json.Unmarshal(golden[q], &g)
		want[q] = g.Verdict
	}
	if len(cells) != len(queries) {
		t.Fatalf("%d rows, want %d", len(cells), len(queries))
	}
	for _, c := range cells {
		q, v, _ := strings.Cut(c, "\t")
		if want[q] != v {
			t.Errorf("%s: the table says %q, the CLI %q", q, v, want[q])
		}
	}
	b.shot(t, shots, "5-screening.png")
	b.do(t, "downloading the CSV", chromedp.Click(chromedp.CSS("#screen-csv")))
	rows, err := csv.NewReader(bytes.NewReader(b.downloaded(t, "shellnet-screening.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(queries)+1 || rows[0][1] != "query" || rows[0][2] != "verdict" {
		t.Fatalf("CSV: %d rows, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if want[r[1]] != r[2] {
			t.Errorf("CSV: %s: %q, the CLI %q", r[1], r[2], want[r[1]])
		}
	}

	// the same list uploaded as a CSV file with a name column: the same
	// verdicts, each with its line of the file
	upload := filepath.Join(t.TempDir(), "glocom-suppliers.csv")
	if err := os.WriteFile(upload, []byte("name\n"+strings.Join(queries, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	eval[any](t, b, `document.querySelector('#list').value = ''`)
	b.do(t, "uploading the list", chromedp.SetUploadFiles(chromedp.CSS("#upload"), []string{upload}))
	for deadline := time.Now().Add(30 * time.Second); eval[string](t, b, `document.querySelector('#list').value`) == ""; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the uploaded file did not fill the list")
		}
	}
	if got, want := eval[string](t, b, `document.querySelector('#list').value`), "name\n"+strings.Join(queries, "\n")+"\n"; got != want {
		t.Fatalf("the list shows %q, want the file's %q", got, want)
	}
	b.do(t, "screening the uploaded list", chromedp.Click(chromedp.CSS("#screen-run")))
	b.waitText(t, "#screen-status", "23 screened")
	uploaded := eval[[]string](t, b, `[...document.querySelectorAll('#verdicts tbody tr')].map(tr => tr.children[1].textContent + '\t' + tr.children[2].textContent)`)
	if !slices.Equal(uploaded, cells) {
		t.Errorf("the uploaded list gives\n%s\nthe pasted one\n%s", strings.Join(uploaded, "\n"), strings.Join(cells, "\n"))
	}
	if err := os.Remove(filepath.Join(b.dir, "shellnet-screening.csv")); err != nil { // the pasted list's
		t.Fatal(err)
	}
	b.do(t, "downloading the CSV", chromedp.Click(chromedp.CSS("#screen-csv")))
	lines, err := csv.NewReader(bytes.NewReader(b.downloaded(t, "shellnet-screening.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(queries)+1 {
		t.Fatalf("CSV of the upload: %d rows, want a header and %d", len(lines), len(queries))
	}
	for i, r := range lines[1:] {
		if r[0] != strconv.Itoa(i+2) || want[r[1]] != r[2] {
			t.Errorf("CSV of the upload, row %d: line %q, %s: %q, want line %d and the CLI's %q", i+1, r[0], r[1], r[2], i+2, want[r[1]])
		}
	}

	// procurement paths, with restricted hops marked, drawn and exported
	b.do(t, "finding procurement paths", chromedp.Click(chromedp.CSS(`header nav a[data-view="paths"]`)), chromedp.Click(chromedp.CSS("#paths-run")))
	b.waitText(t, "#paths-status", "5 paths")
	b.waitText(t, "#paths-list", "SUPPLIES · restricted")
	b.shot(t, shots, "6-procurement-paths.png")
	b.do(t, "drawing the paths", chromedp.Click(chromedp.CSS("#paths-list button")))
	b.waitText(t, "#status", "5 procurement paths")
	time.Sleep(time.Second)
	b.shot(t, shots, "7-procurement-network.png")
	b.do(t, "exporting GraphML", chromedp.Click(chromedp.CSS("#export-graphml")))
	var gml struct {
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"graph>node"`
		Edges []struct{} `xml:"graph>edge"`
	}
	if err := xml.Unmarshal(b.downloaded(t, "shellnet-network.graphml"), &gml); err != nil {
		t.Fatal(err)
	}
	_, out := do(t, ts.Client(), "GET", ts.URL+"/paths", "", "")
	var found struct {
		Paths []struct {
			Nodes []struct{ ID string }
		}
	}
	json.Unmarshal(out, &found)
	onPaths := map[string]bool{}
	for _, p := range found.Paths {
		for _, n := range p.Nodes {
			onPaths[n.ID] = true
		}
	}
	if len(gml.Nodes) != len(onPaths) || len(gml.Edges) == 0 {
		t.Errorf("GraphML: %d nodes and %d links, the paths %d nodes", len(gml.Nodes), len(gml.Edges), len(onPaths))
	}

	// the hostile company's own page: its name as text, nothing run
	b.do(t, "opening the hostile company", chromedp.Navigate(ts.URL+"/#/entity/"+url.PathEscape("hostile-co")))
	b.waitText(t, "#panel", "Evidence paths") // the page drawn again with its paths
	b.waitText(t, "#entity-name", "조선")
	if got := b.text(t, "#entity-name"); got != hostileName {
		t.Errorf("the name shows as %q, want %q", got, hostileName)
	}
	pwned := eval[bool](t, b, `window.pwned !== undefined`)
	scripts := eval[int](t, b, `document.querySelectorAll('script').length + document.querySelectorAll('#panel img').length`)
	if pwned || scripts != 1 {
		t.Errorf("the hostile name ran (pwned %v) or added elements (%d scripts and images, want the app's 1)", pwned, scripts)
	}

	if p := b.problemsSeen(); len(p) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
	if off := b.offSite(ts.URL); len(off) > 0 {
		t.Errorf("requests left %s:\n%s", ts.URL, strings.Join(off, "\n"))
	}
}
