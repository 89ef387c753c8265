package shodan

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/readertest"
)

// scan is a small scan in the shapes of Shodan's API: a host object (the
// /shodan/host/{ip} shape, banners in "data", location flattened) for a
// Windows 10 machine on Star JV's network (AS131279, North Korea's
// upstream), single banners (the search and stream shape) for an iPhone
// and a Samsung phone there, a DNS resolver elsewhere, a line that is not
// JSON and a line with no IP address.
var scan = strings.Join([]string{
	`{"ip_str":"175.45.178.10","ip":2938876426,"org":"Star JV","isp":"Star Joint Venture Co. Ltd.","asn":"AS131279","country_code":"KP","country_name":"North Korea","city":"Pyongyang","os":"Windows 10","hostnames":[],"ports":[80,3389],"last_update":"2021-03-01T10:20:30.123456","data":[` +
		`{"ip_str":"175.45.178.10","port":80,"transport":"tcp","product":"Microsoft IIS httpd","version":"10.0","cpe23":["cpe:2.3:a:microsoft:internet_information_services:10.0","cpe:2.3:o:microsoft:windows"],"cpe":["cpe:/a:microsoft:internet_information_services:10.0","cpe:/o:microsoft:windows"],"timestamp":"2021-03-01T10:20:30.123456","data":"HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0\r\n"},` +
		`{"ip_str":"175.45.178.10","port":3389,"transport":"tcp","product":"Remote Desktop Protocol","os":"Windows 10","cpe23":["cpe:2.3:o:microsoft:windows_10:-"],"timestamp":"2021-02-27T08:00:00.000000","data":"Remote Desktop Protocol\n"}]}`,
	`{"ip_str":"175.45.178.55","port":62078,"transport":"tcp","org":"Star JV","isp":"Star Joint Venture Co. Ltd.","asn":"AS131279","location":{"country_code":"KP","country_name":"North Korea","city":"Pyongyang","latitude":39.0339,"longitude":125.7543},"product":"Apple iPhone lockdownd","os":"iOS","cpe":["cpe:/h:apple:iphone_x","cpe:/o:apple:iphone_os:12.1"],"hostnames":["iphone.star.net.kp"],"timestamp":"2021-03-02T01:02:03.000000","data":""}`,
	``,
	`{"ip_str":"175.45.178.77","port":7676,"transport":"tcp","org":"Star JV","isp":"Star Joint Venture Co. Ltd.","asn":"AS131279","location":{"country_code":"KP","city":"Pyongyang"},"product":"Samsung AllShare UPnP","version":"1.0","os":"Android","cpe23":["cpe:2.3:h:samsung:galaxy_s8\\+:-:*:*:*:*:*:*:*"],"timestamp":"2021-03-03T04:05:06.000000","data":"HTTP/1.1 200 OK\r\nSERVER: Linux/3.18 UPnP/1.0 Samsung AllShare\r\n"}`,
	`{"ip_str":"175.45.178.99","port":80,"org":"Star JV","asn":"AS131279","location":{"country_code":"KP"},"product":"nginx","version":"1.14.0","timestamp":"2021-03-04T00:00:00.000000","data":"HTTP/1.1 200 OK"`,
	`{"ip_str":"8.8.8.8","port":53,"transport":"udp","org":"Google","isp":"Google","asn":"AS15169","location":{"country_code":"US","country_name":"United States"},"hostnames":["dns.google"],"timestamp":"2021-01-28T07:21:33.444507","data":"Recursion: enabled"}`,
	`{"ip_str":"","port":80,"asn":"AS131279","data":""}`,
	`{"ip_str":"175.45.178.11","port":"eighty","asn":"AS131279","data":""}`,
	`{"ip_str":"175.45.178.12","asn":"Star JV","data":""}`,
}, "\n") + "\n"

type loaded struct {
	recs     []ingest.Record
	rejects  []*ingest.RecordError
	entities map[string]graph.Entity
	links    []graph.Link
	notes    []string
}

func readAll(t testing.TB, paths ...string) loaded {
	t.Helper()
	r, err := Open(paths, ingest.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := loaded{entities: map[string]graph.Entity{}}
	out.recs, out.rejects = readertest.Drain(t, r)
	for _, rec := range out.recs {
		for _, e := range rec.Entities {
			if old, ok := out.entities[e.ID]; ok {
				e = graph.Merge(old, e)
			}
			out.entities[e.ID] = e
		}
		out.links = append(out.links, rec.Links...)
		out.notes = append(out.notes, rec.Notes...)
	}
	return out
}

func (l loaded) has(from string, t graph.LinkType, to string) *graph.Link {
	for i, x := range l.links {
		if x.From == from && x.Type == t && x.To == to {
			return &l.links[i]
		}
	}
	return nil
}

func writeScan(t testing.TB) string {
	p := filepath.Join(t.TempDir(), "scan.jsonl")
	if err := os.WriteFile(p, []byte(scan), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScan(t *testing.T) {
	p := writeScan(t)
	got := readAll(t, p)

	want := []struct {
		line  int
		field string
		in    string
	}{
		{5, "", "not a JSON object"},
		{7, "ip_str", "missing"},
		{8, "port", "string where int was expected"},
		{9, "asn", "not an AS number"},
	}
	if len(got.rejects) != len(want) {
		t.Fatalf("rejects %v", got.rejects)
	}
	for i, w := range want {
		r := got.rejects[i]
		if r.Pos.File != p || r.Pos.Line != w.line || r.Field != w.field || !strings.Contains(r.Reason, w.in) || r.Raw == "" {
			t.Errorf("reject %d = %v, want line %d %s …%s…", i, r, w.line, w.field, w.in)
		}
	}
	if len(got.recs) != 4 {
		t.Fatalf("%d records, want 4", len(got.recs))
	}

	// The network: one entity for the three North Korean hosts.
	net := got.entities["shodan-as131279"]
	if net.Kind != graph.Network || net.Name != "Star JV" || !slices.Equal(net.Countries, []string{"KP"}) ||
		!slices.Equal(net.Identifiers[graph.IDASN], []string{"AS131279"}) || !slices.Equal(net.Aliases, []string{"Star Joint Venture Co. Ltd."}) {
		t.Errorf("network = %+v", net)
	}
	for _, ip := range []string{"175.45.178.10", "175.45.178.55", "175.45.178.77"} {
		d := got.entities["shodan-"+ip]
		if d.Kind != graph.Device || !slices.Equal(d.Countries, []string{"KP"}) || !slices.Equal(d.Identifiers[graph.IDIP], []string{ip}) ||
			!slices.Equal(d.Identifiers[graph.IDASN], []string{"AS131279"}) {
			t.Errorf("device %s = %+v", ip, d)
		}
		if got.has("shodan-"+ip, graph.ObservedIn, "shodan-as131279") == nil {
			t.Errorf("%s not OBSERVED_IN the Star JV network", ip)
		}
	}

	// The Windows 10 host: three products, each made by Microsoft.
	win := "shodan-175.45.178.10"
	for _, c := range []struct{ product, name, cpe string }{
		{"shodan-product-microsoft-windows_10", "Windows 10", "cpe:/o:microsoft:windows_10"},
		{"shodan-product-microsoft-windows", "Windows", "cpe:/o:microsoft:windows"},
		{"shodan-product-microsoft-internet_information_services", "Microsoft IIS httpd", "cpe:/a:microsoft:internet_information_services"},
	} {
		p := got.entities[c.product]
		if p.Kind != graph.Product || p.Name != c.name || !slices.Equal(p.Identifiers[graph.IDCPE], []string{c.cpe}) {
			t.Errorf("product %s = %+v", c.product, p)
		}
		if got.has(win, graph.Runs, c.product) == nil || got.has(c.product, graph.MadeBy, "shodan-vendor-microsoft") == nil {
			t.Errorf("%s: not run by the host or not made by Microsoft", c.product)
		}
	}
	if v, _ := got.entities["shodan-product-microsoft-internet_information_services"].Props["versions"].([]string); !slices.Equal(v, []string{"10.0"}) {
		t.Errorf("IIS versions %v", v)
	}
	if r := got.has(win, graph.Runs, "shodan-product-microsoft-internet_information_services"); r.Prop("date") != "2021-03-01" {
		t.Errorf("RUNS props %v", r.Props)
	}
	ms := got.entities["shodan-vendor-microsoft"]
	if ms.Kind != graph.Company || ms.Name != "Microsoft" || !slices.Equal(ms.Aliases, []string{"microsoft"}) || !ms.HasTag(graph.TagVendor) {
		t.Errorf("vendor = %+v", ms)
	}
	dev := got.entities[win]
	if ports, _ := dev.Props["ports"].([]string); !slices.Equal(ports, []string{"3389/tcp", "80/tcp"}) || dev.Props["os"] != "Windows 10" {
		t.Errorf("host props %v", dev.Props)
	}
	if seen := dev.Sources[0].Seen; !seen.Equal(time.Date(2021, 3, 1, 10, 20, 30, 123456000, time.UTC)) {
		t.Errorf("seen %v", seen)
	}
	// Remote Desktop is a banner product without an application CPE.
	if got.has(win, graph.Runs, "shodan-product-remote-desktop-protocol") == nil {
		t.Error("Remote Desktop Protocol not a product of the host")
	}

	// The iPhone: the hardware and iOS, both Apple's.
	ip := "shodan-175.45.178.55"
	for _, p := range []string{"shodan-product-apple-iphone_x", "shodan-product-apple-iphone_os"} {
		if got.has(ip, graph.Runs, p) == nil || got.has(p, graph.MadeBy, "shodan-vendor-apple") == nil {
			t.Errorf("iPhone host: %s missing or not Apple's", p)
		}
	}
	if n := got.entities["shodan-product-apple-iphone_os"].Name; n != "iOS" {
		t.Errorf("iOS product named %q", n)
	}
	if v, _ := got.entities["shodan-product-apple-iphone_os"].Props["versions"].([]string); !slices.Equal(v, []string{"12.1"}) {
		t.Errorf("iOS versions %v", v)
	}
	if a := got.entities[ip].Aliases; !slices.Equal(a, []string{"iphone.star.net.kp"}) {
		t.Errorf("host names %v", a)
	}

	// The Samsung phone: an escaped CPE 2.3 product, and Android by its
	// well-known CPE.
	sam := "shodan-175.45.178.77"
	if got.has(sam, graph.Runs, "shodan-product-samsung-galaxy_s8+") == nil || got.has("shodan-product-samsung-galaxy_s8+", graph.MadeBy, "shodan-vendor-samsung") == nil {
		t.Error("Samsung Galaxy S8+ missing")
	}
	if got.entities["shodan-vendor-samsung"].Name != "Samsung" {
		t.Errorf("vendor %+v", got.entities["shodan-vendor-samsung"])
	}
	if got.has(sam, graph.Runs, "shodan-product-google-android") == nil || got.has("shodan-product-google-android", graph.MadeBy, "shodan-vendor-google") == nil {
		t.Error("Android not made by Google")
	}
	if got.has(sam, graph.Runs, "shodan-product-samsung-allshare-upnp") == nil {
		t.Error("banner product without CPE missing")
	}

	// The resolver: a device in the US on Google's network, no product.
	g := got.entities["shodan-8.8.8.8"]
	if !slices.Equal(g.Countries, []string{"US"}) || got.has("shodan-8.8.8.8", graph.ObservedIn, "shodan-as15169") == nil {
		t.Errorf("resolver %+v", g)
	}
	for _, l := range got.links {
		if l.From == "shodan-8.8.8.8" && l.Type == graph.Runs {
			t.Errorf("resolver runs %s", l.To)
		}
	}
	if d := readertest.Dangling(got.links, got.entities); len(d) > 0 {
		t.Errorf("link ends not in the load: %v", d)
	}
}

func TestCPE(t *testing.T) {
	for _, c := range []struct {
		in   string
		want cpeName
	}{
		{"cpe:/o:microsoft:windows_10", cpeName{"o", "microsoft", "windows_10", ""}},
		{"cpe:/a:apache:http_server:2.4.7", cpeName{"a", "apache", "http_server", "2.4.7"}},
		{"cpe:2.3:o:microsoft:windows_10:1809:*:*:*:*:*:*:*", cpeName{"o", "microsoft", "windows_10", "1809"}},
		{`cpe:2.3:h:samsung:galaxy_s8\+:-:*:*:*:*:*:*:*`, cpeName{"h", "samsung", "galaxy_s8+", ""}},
		{"cpe:/a:at%26t:router", cpeName{"a", "at&t", "router", ""}},
		{"cpe:/h:Apple:iPhone_X", cpeName{"h", "apple", "iphone_x", ""}},
	} {
		got, err := parseCPE(c.in)
		if err != nil || got != c.want {
			t.Errorf("parseCPE(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"", "windows", "cpe:/x:a:b", "cpe:/a:microsoft", "cpe:2.3:a:*:*", "cpe:/a:micro soft:x"} {
		if _, err := parseCPE(in); err == nil {
			t.Errorf("parseCPE(%q) accepted", in)
		}
	}
	if c, ok := osCPE("Windows 7 or 8"); !ok || c.product != "windows" {
		t.Errorf("Windows 7 or 8 = %+v", c)
	}
	if c, ok := osCPE("Windows 8.1"); !ok || c.product != "windows_8.1" {
		t.Errorf("Windows 8.1 = %+v", c)
	}
	if _, ok := osCPE("Plan 9"); ok {
		t.Error("Plan 9 is not a known OS")
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		head string
		want bool
	}{
		{scan, true},
		{"\xef\xbb\xbf" + `{"ip_str":"1.2.3.4"}`, true},
		{`{"id":"glocom","schema":"Company","properties":{"name":["Glocom"]}}` + "\n" + `{"ip_str":"1.2.3.4"}`, false},
		{"id,kind,name\n", false},
		{`[{"ip_str":"1.2.3.4"}]`, true},
		{"[\n  {\n    \"_shodan\": {\"module\": \"http\"},\n    \"port\": 80\n  }\n]\n", true},
		{"{\n  \"id\": \"glocom\",\n  \"schema\": \"Company\"\n}\n", false},
		{"", false},
	} {
		if got := Detect("scan.json", []byte(c.head)); got != c.want {
			t.Errorf("Detect(%.50q) = %v, want %v", c.head, got, c.want)
		}
	}
}

func BenchmarkRead(b *testing.B) {
	lines := strings.Split(scan, "\n")
	var sb strings.Builder
	for range 2000 {
		for _, l := range lines[:2] {
			sb.WriteString(l + "\n")
		}
	}
	p := filepath.Join(b.TempDir(), "scan.jsonl")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	// Records are only counted: merging the same vendor 4,000 times is
	// the store's work, not the reader's.
	for b.Loop() {
		r, err := Open([]string{p}, ingest.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next(context.Background())
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		r.Close()
		if n != 4000 {
			b.Fatal(n)
		}
	}
}

func FuzzShodan(f *testing.F) {
	for _, l := range strings.Split(scan, "\n") {
		f.Add([]byte(l))
	}
	// The other layouts: a host object over many lines, an array of
	// banners, an array cut short, objects one after another.
	f.Add([]byte("{\n    \"ip_str\": \"8.8.8.8\",\n    \"asn\": \"AS15169\",\n    \"data\": [\n        {\"port\": 53, \"transport\": \"udp\", \"data\": \"Recursion: enabled\"}\n    ]\n}\n"))
	f.Add([]byte(`[{"ip_str":"1.1.1.1","port":53,"asn":"AS13335"},{"ip_str":"1.1.1.1","port":80,"product":"cloudflare"}]`))
	f.Add([]byte("[\n  {\"ip_str\": \"1.1.1.1\",\n"))
	f.Add([]byte(`{"ip_str":"1.1.1.1"}{"ip_str":"1.0.0.1","data":"}{\"]"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		p := filepath.Join(t.TempDir(), "scan.jsonl")
		if err := os.WriteFile(p, line, 0o644); err != nil {
			t.Fatal(err)
		}
		got := readAll(t, p)
		for _, r := range got.rejects {
			if r.Pos.Line <= 0 || r.Reason == "" {
				t.Fatalf("reject without line or reason: %+v", r)
			}
		}
		for _, rec := range got.recs {
			if rec.Entities[0].Kind != graph.Device {
				t.Fatalf("first entity %+v", rec.Entities[0])
			}
		}
		_ = Detect(p, line)
	})
}
