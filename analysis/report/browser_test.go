package report

import (
	"bufio"
	"bytes"
	"context"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Chromium's own background traffic, which is not the page's doing.
var chromiumHosts = []string{"google.com", "googleapis.com", "gvt1.com", "gstatic.com", "googleusercontent.com"}

// browse opens page in headless Chromium behind a recording proxy and
// returns the console messages, the requests that left the browser, and a
// screenshot. It skips when Chromium is missing, unless
// SHELLNET_REQUIRE_CHROMIUM is set (as scripts/test.sh does in CI).
func browse(t *testing.T, page string) (console, requests []string, shot []byte) {
	t.Helper()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("SHELLNET_REQUIRE_CHROMIUM") != "" {
			t.Fatal("Chromium is required (SHELLNET_REQUIRE_CHROMIUM is set) but not installed: apt-get install chromium")
		}
		t.Skip("Chromium not installed (apt-get install chromium); skipping the browser check")
	}
	var mu sync.Mutex
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if r.Method != http.MethodConnect {
			host = r.URL.Host
		}
		h, _, err := net.SplitHostPort(host)
		if err != nil {
			h = host
		}
		internal := false
		for _, c := range chromiumHosts {
			if h == c || strings.HasSuffix(h, "."+c) {
				internal = true
			}
		}
		if !internal {
			mu.Lock()
			requests = append(requests, r.Method+" "+r.URL.String()+" "+r.Host)
			mu.Unlock()
		}
		http.Error(w, "no network in tests", http.StatusBadGateway)
	})}
	go srv.Serve(ln)
	defer srv.Close()

	dir := t.TempDir()
	shotPath := filepath.Join(dir, "shot.png")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute) // Chromium starts slowly on a loaded machine
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--proxy-server=http://"+ln.Addr().String(),
		"--proxy-bypass-list=<-loopback>", "--enable-logging=stderr", "--v=0", "--window-size=1400,1800",
		"--virtual-time-budget=3000", "--screenshot="+shotPath, "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if strings.Contains(sc.Text(), ":CONSOLE") {
			console = append(console, sc.Text())
		}
	}
	shot, err = os.ReadFile(shotPath)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, stderr.String())
	}
	mu.Lock()
	defer mu.Unlock()
	return console, requests, shot
}

// TestBrowserHarnessCatches shows the check can fail: a page that logs to
// the console and fetches an image from the network is caught doing both.
func TestBrowserHarnessCatches(t *testing.T) {
	page := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(page, []byte(`<!DOCTYPE html><html><body><p>bad</p><script>console.error("boom")</script><img src="http://example.invalid/x.png"></body></html>`), 0o644)
	console, requests, _ := browse(t, page)
	if len(console) == 0 {
		t.Error("console error not detected")
	}
	if !strings.Contains(strings.Join(requests, "\n"), "example.invalid") {
		t.Errorf("network request not detected: %v", requests)
	}
}

func TestReportOpensOfflineInChromium(t *testing.T) {
	dir := t.TempDir()
	path, err := Write(dir, "", sampleReport(t))
	if err != nil {
		t.Fatal(err)
	}
	console, requests, shot := browse(t, path)
	if len(console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
	}
	if len(requests) > 0 {
		t.Errorf("network requests:\n%s", strings.Join(requests, "\n"))
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	// The diagram's red listed node must be on screen: count its pixels.
	b := img.Bounds()
	red := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 170 && g>>8 < 80 && bl>>8 < 80 {
				red++
			}
		}
	}
	if red < 50 {
		t.Errorf("the screenshot shows no listed node (%d red samples)", red)
	}
	if out := os.Getenv("SHELLNET_SCREENSHOT"); out != "" {
		os.WriteFile(out, shot, 0o644)
	}
}

// countColour counts the pixels of an image within a small distance of a
// colour, sampling every other pixel.
func countColour(img image.Image, r0, g0, b0 uint32) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, r0) && near(g>>8, g0) && near(bl>>8, b0) {
				n++
			}
		}
	}
	return n
}

func near(a, b uint32) bool { return a+10 >= b && a <= b+10 }

// The real Glocom report, screening included, opens offline in Chromium
// with nothing on the console and no request leaving the page, and the
// screenshot shows the procurement diagram: the US vendors' blue, the
// resellers' light blue and the red of restricted hops, colours that only
// the diagrams use.
func TestGlocomReportOpensOfflineInChromium(t *testing.T) {
	dir := t.TempDir()
	path, err := Write(dir, "", builtGlocom(t))
	if err != nil {
		t.Fatal(err)
	}
	console, requests, shot := browse(t, path)
	if len(console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
	}
	if len(requests) > 0 {
		t.Errorf("network requests:\n%s", strings.Join(requests, "\n"))
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what    string
		r, g, b uint32
		min     int
	}{
		{"vendor blue", 0x2e, 0x86, 0xc1, 300},
		{"reseller light blue", 0xae, 0xd6, 0xf1, 300},
		{"restricted red", 0x92, 0x2b, 0x21, 50},
	} {
		if n := countColour(img, c.r, c.g, c.b); n < c.min {
			t.Errorf("the screenshot shows %d samples of %s, want %d or more: is the diagram drawn?", n, c.what, c.min)
		}
	}
	if out := os.Getenv("SHELLNET_SCREENSHOT"); out != "" {
		os.WriteFile(strings.TrimSuffix(out, ".png")+"-glocom.png", shot, 0o644)
	}
}
