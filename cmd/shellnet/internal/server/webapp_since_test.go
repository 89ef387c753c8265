package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shellnet/shellnet/analysis/audit"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// Two releases of OFAC's SDN list (April 2021 and October 2025, real
// excerpts) and a supplier list that holds parties delisted, added and
// kept between them: see their PROVENANCE.md.
const auditData = "../../../../analysis/audit/testdata"

// A compliance analyst screens the supplier list in the app on a server
// that records screenings, sees the run named, and once October 2025's
// release is loaded compares the list with that run: the app shows
// exactly the suppliers and causes the API gives for the same request
// (the 7 that analysis/audit's TestRescreen names: 5 delisted, 2 newly
// listed), as text. On a server that records nothing the comparison says
// how to turn recording on. Nothing is written to the console and no
// request leaves the server's origin.
func TestWebAppSince(t *testing.T) {
	chromium(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lists.db")
	store := loadStore(t, path, filepath.Join(auditData, "2021-04", "sdn.csv"))
	srv, ts := startServer(t, Config{Store: store, Audit: true, Poll: 20 * time.Millisecond})
	_, plain := startServer(t, Config{Store: store})
	list, err := os.ReadFile(filepath.Join(auditData, "suppliers.csv"))
	if err != nil {
		t.Fatal(err)
	}

	// a server that records nothing: the comparison says so, and the
	// refusal is the one problem Chromium reports
	nb := newBrowser(t, 1400, 900)
	nb.do(t, "comparing on a server without audit", chromedp.Navigate(plain.URL+"/#/screen"), chromedp.WaitVisible(chromedp.CSS("#list")),
		chromedp.SetValue(chromedp.CSS("#list"), string(list)), chromedp.SetValue(chromedp.CSS("#since-run"), "20260101T000000Z-0000"),
		chromedp.Click(chromedp.CSS("#since-compare")))
	nb.waitText(t, "#since-status", "Comparison failed: since: this server does not record screenings; run it with --audit")
	if p := nb.problemsSeen(); len(p) != 1 || !strings.Contains(p[0], "status of 400") || !strings.Contains(p[0], plain.URL+"/screen?since=") {
		t.Errorf("without audit, the page reported:\n%s\nwant the one refusal of /screen?since", strings.Join(p, "\n"))
	}
	if off := nb.offSite(plain.URL); len(off) > 0 {
		t.Errorf("requests left %s:\n%s", plain.URL, strings.Join(off, "\n"))
	}

	shots := screenshotDir(t)
	b := newBrowser(t, 1400, 900)

	// the list screened on April 2021's release: the run is named
	b.do(t, "screening the list", chromedp.Navigate(ts.URL+"/#/screen"), chromedp.WaitVisible(chromedp.CSS("#list")),
		chromedp.SetValue(chromedp.CSS("#list"), string(list)), chromedp.Click(chromedp.CSS("#screen-run")))
	b.waitText(t, "#screen-status", "12 screened")
	run := eval[string](t, b, `document.querySelector('#since-run').value`)
	if st := b.text(t, "#screen-status"); run == "" || !strings.HasSuffix(st, " · run "+run) {
		t.Fatalf("the status says %q, the comparison is prefilled with %q: want the run named", st, run)
	}
	tr, err := srv.trail()
	if err != nil {
		t.Fatal(err)
	}
	if _, recs, err := tr.RunOf(ctx, run); err != nil || len(recs) != 12 {
		t.Fatalf("run %s: %d screenings recorded, %v; want the list's 12", run, len(recs), err)
	}

	// October 2025's release loaded by another connection, as `shellnet
	// ingest` would; the server swaps its snapshot
	writer, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close(ctx)
	ingestInto(t, writer, filepath.Join(auditData, "2025-10", "sdn.csv"))
	v, err := writer.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); srv.cur.Load().e.Snapshot().Version != v; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server still answers on version %d, the store is at %d", srv.cur.Load().e.Snapshot().Version, v)
		}
	}

	// compared with the first run in the app
	b.do(t, "comparing", chromedp.Click(chromedp.CSS("#since-compare")))
	b.waitText(t, "#since-status", "changed since run "+run)
	shown := eval[[]string](t, b, `[...document.querySelectorAll('#changes tbody tr')].map(tr => [...tr.children].map(td => td.children.length ? [...td.children].map(d => d.textContent).join('\n') : td.textContent).join('\t'))`)
	eval[bool](t, b, `(document.querySelector('#since-run').scrollIntoView({ block: 'start' }), true)`)
	b.shot(t, shots, "8-changes-since.png")

	// the API's answer to the same request
	code, out := do(t, ts.Client(), "POST", ts.URL+"/screen?since="+run, "text/csv", string(list))
	if code != 200 {
		t.Fatalf("POST /screen?since=%s: %d %s", run, code, out)
	}
	var want []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var c audit.Change
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%v: %s", err, sc.Bytes())
		}
		before := c.Before
		if before == "" {
			before = "new"
		}
		want = append(want, strings.Join([]string{c.Query.Name, before, c.After, c.BeforeMatch, c.AfterMatch, strings.Join(c.Causes, "\n")}, "\t"))
	}
	var names []string
	for _, w := range want {
		name, _, _ := strings.Cut(w, "\t")
		names = append(names, name)
	}
	if changed := []string{"Manuel Antonio Noriega", "MIDCO FINANCE S.A.", "Concretos Cali S.A.", "Gustavo Francisco Petro Urrego",
		"Armando Alberto Benedetti Villaneda", "George Habbash", "Diego Valdivieso Fontal"}; !slices.Equal(names, changed) {
		t.Errorf("the API reports changes to %q, want the 7 of the releases' delistings and listings %q", names, changed)
	}
	if !slices.Equal(shown, want) {
		t.Errorf("the app shows\n%s\nthe API answers\n%s", strings.Join(shown, "\n"), strings.Join(want, "\n"))
	}
	if st := b.text(t, "#since-status"); !strings.HasPrefix(st, "7 changed since run "+run+" · run ") {
		t.Errorf("the status says %q", st)
	}

	if p := b.problemsSeen(); len(p) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(p, "\n"))
	}
	if off := b.offSite(ts.URL); len(off) > 0 {
		t.Errorf("requests left %s:\n%s", ts.URL, strings.Join(off, "\n"))
	}
}
