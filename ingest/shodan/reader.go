package shodan

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/internal/country"
)

// Dataset is named in sources when the load names none.
const Dataset = "shodan"

// banner is one Shodan banner, or a host object whose banners are in Data.
type banner struct {
	IPStr       string          `json:"ip_str"`
	Org         string          `json:"org"`
	ISP         string          `json:"isp"`
	ASN         string          `json:"asn"`
	Hostnames   []string        `json:"hostnames"`
	Domains     []string        `json:"domains"`
	Location    *location       `json:"location"`
	CountryCode string          `json:"country_code"` // host objects
	City        string          `json:"city"`         // host objects
	OS          string          `json:"os"`
	Product     string          `json:"product"`
	Version     string          `json:"version"`
	CPE         json.RawMessage `json:"cpe"`
	CPE23       []string        `json:"cpe23"`
	Port        int             `json:"port"`
	Transport   string          `json:"transport"`
	Timestamp   string          `json:"timestamp"`
	LastUpdate  string          `json:"last_update"`
	Tags        []string        `json:"tags"`
	Data        json.RawMessage `json:"data"` // a banner's text, or a host's banners
}

type location struct {
	CountryCode string `json:"country_code"`
	City        string `json:"city"`
}

// Reader reads Shodan banners and host objects in any of the layouts
// that framer splits.
type Reader = ingest.Files

// Open returns a reader over the given files, read in order.
func Open(paths []string, opt ingest.ReadOptions) (*Reader, error) {
	return ingest.NewFiles("ingest/shodan", paths, opt, Dataset, func(path string, br *bufio.Reader, opt ingest.ReadOptions) (ingest.FileDecoder, error) {
		return &file{opt: opt, path: path, f: framer{r: br}}, nil
	})
}

// file reads the objects of one file.
type file struct {
	opt  ingest.ReadOptions
	path string
	f    framer
}

// Next returns the record of the next object, a *ingest.RecordError for
// one that cannot be read, or io.EOF.
func (r *file) Next(context.Context) (ingest.Record, error) {
	v, line, err := r.f.next()
	if err == io.EOF {
		return ingest.Record{}, io.EOF
	}
	if err != nil {
		return ingest.Record{}, fmt.Errorf("ingest/shodan: %s line %d: %w", r.path, r.f.line+1, err)
	}
	return record(ingest.Position{File: r.path, Line: line}, v, r.opt.Dataset)
}

func bad(pos ingest.Position, raw []byte, field, reason string) (ingest.Record, error) {
	s := string(raw)
	if len(s) > 4096 {
		s = s[:4096] + "…"
	}
	return ingest.Record{}, &ingest.RecordError{Pos: pos, Field: field, Reason: reason, Raw: s}
}

// DeviceID returns the entity id of the device at ip.
func DeviceID(ip string) string { return "shodan-" + ip }

// host is what one object says about one IP address: a host object with
// its banners, or a banner alone (a host of one banner). Shodan's banner
// specification (datapedia.shodan.io) gives the fields.
type host struct {
	banner
	banners []banner
	ip      string // ip_str, normalised
	asn     string // AS131279, or "" when Shodan gives none
	seen    time.Time
}

// parseHost decodes one object; a *ingest.RecordError says why it cannot
// be used.
func parseHost(pos ingest.Position, raw []byte) (host, error) {
	var h host
	if err := json.Unmarshal(raw, &h.banner); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			_, err = bad(pos, raw, te.Field, fmt.Sprintf("%s where %s was expected", te.Value, te.Type))
			return h, err
		}
		_, err = bad(pos, raw, "", "not a JSON object: "+err.Error())
		return h, err
	}
	h.banners = []banner{h.banner}
	if len(h.Data) > 0 && h.Data[0] == '[' {
		// A host object: its banners carry the services.
		h.banners = nil
		if err := json.Unmarshal(h.Data, &h.banners); err != nil {
			_, err = bad(pos, raw, "data", "a host's data must be a list of banners: "+err.Error())
			return h, err
		}
	}
	ip, err := netip.ParseAddr(strings.TrimSpace(h.IPStr))
	if err != nil {
		reason := fmt.Sprintf("%q is not an IP address", h.IPStr)
		if h.IPStr == "" {
			reason = "missing: every record is about one IP address"
		}
		_, err = bad(pos, raw, "ip_str", reason)
		return h, err
	}
	asn, ok := normaliseASN(h.ASN)
	if !ok {
		_, err = bad(pos, raw, "asn", fmt.Sprintf("%q is not an AS number (AS131279)", h.ASN))
		return h, err
	}
	h.ip, h.asn, h.seen = ip.String(), asn, latest(h.banner, h.banners)
	return h, nil
}

// record maps one object to the device, its network and its products.
func record(pos ingest.Position, raw []byte, dataset string) (ingest.Record, error) {
	h, err := parseHost(pos, raw)
	if err != nil {
		return ingest.Record{}, err
	}
	src := graph.Source{Dataset: dataset, Record: filepath.Base(pos.File) + ":" + strconv.Itoa(pos.Line), Seen: h.seen}
	dev := h.device(src)
	rec := ingest.Record{Pos: pos}
	if net, ok := network(h.asn, h.banner, dev.Countries, src); ok {
		rec.Entities = append(rec.Entities, net)
		rec.Links = append(rec.Links, graph.Link{
			ID: graph.LinkID(dev.ID, graph.ObservedIn, net.ID), From: dev.ID, To: net.ID, Type: graph.ObservedIn,
			Props: dateProp(h.seen), Sources: []graph.Source{src},
		})
	}
	rs := runs{rec: &rec, dev: dev.ID, src: src, seen: h.seen, products: map[string]*graph.Entity{}}
	for _, b := range h.banners {
		rs.banner(pos, b)
	}
	if osName := rs.os(h); osName != "" {
		dev.SetProp("os", osName)
	}
	for _, id := range rs.order {
		rec.Entities = append(rec.Entities, *rs.products[id])
	}
	rec.Entities = append([]graph.Entity{dev}, dedupeEntities(rec.Entities)...)
	return rec, nil
}

// device is the Device at the host's address, with what the host and its
// banners say about it.
func (h host) device(src graph.Source) graph.Entity {
	dev := graph.Entity{ID: DeviceID(h.ip), Kind: graph.Device, Name: h.ip, Sources: []graph.Source{src}}
	dev.AddIdentifier(graph.IDIP, h.ip)
	dev.AddIdentifier(graph.IDASN, h.asn)
	cc, city := h.CountryCode, h.City
	if h.Location != nil {
		cc, city = firstNonEmpty(h.Location.CountryCode, cc), firstNonEmpty(h.Location.City, city)
	}
	if c, ok := country.Alpha2(cc); ok {
		dev.Countries = []string{c}
	}
	for _, n := range append(slices.Clone(h.Hostnames), h.Domains...) {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(dev.Aliases, n) {
			dev.Aliases = append(dev.Aliases, n)
		}
	}
	for k, v := range map[string]string{"org": h.Org, "isp": h.ISP, "city": city} {
		if v = strings.TrimSpace(v); v != "" {
			dev.SetProp(k, v)
		}
	}
	if !h.seen.IsZero() {
		dev.SetProp("last_seen", h.seen.Format(time.RFC3339))
	}
	var ports, tags []string
	for _, b := range h.banners {
		if b.Port > 0 {
			p := strconv.Itoa(b.Port) + "/" + firstNonEmpty(b.Transport, "tcp")
			if !slices.Contains(ports, p) {
				ports = append(ports, p)
			}
		}
		tags = append(tags, b.Tags...)
	}
	tags = append(tags, h.Tags...)
	slices.Sort(ports)
	if len(ports) > 0 {
		dev.SetProp("ports", ports)
	}
	if tags = dedupe(tags); len(tags) > 0 {
		dev.SetProp("shodan_tags", tags)
	}
	return dev
}

// runs collects the products a device runs, their vendors, and the links
// between them, into one record.
type runs struct {
	rec      *ingest.Record
	dev      string
	src      graph.Source
	seen     time.Time
	products map[string]*graph.Entity
	order    []string
}

// add records that the device runs p (made by vendor, when known), at
// version on port, as seen at the time of the banner that shows it: the
// link's date is the newest such banner's, so that a host object and its
// banners read one by one give the same link.
func (rs *runs) add(p graph.Entity, vendor *graph.Entity, version string, port int, seen time.Time) {
	if old, ok := rs.products[p.ID]; ok {
		addVersion(old, version)
	} else {
		addVersion(&p, version)
		rs.products[p.ID] = &p
		rs.order = append(rs.order, p.ID)
		if vendor != nil {
			rs.rec.Entities = append(rs.rec.Entities, *vendor)
			rs.rec.Links = append(rs.rec.Links, graph.Link{
				ID: graph.LinkID(p.ID, graph.MadeBy, vendor.ID), From: p.ID, To: vendor.ID, Type: graph.MadeBy,
				Sources: []graph.Source{rs.src},
			})
		}
	}
	l := graph.Link{ID: graph.LinkID(rs.dev, graph.Runs, p.ID), From: rs.dev, To: p.ID, Type: graph.Runs, Props: dateProp(seen), Sources: []graph.Source{rs.src}}
	i := slices.IndexFunc(rs.rec.Links, func(x graph.Link) bool { return x.ID == l.ID })
	if i < 0 {
		rs.rec.Links = append(rs.rec.Links, l)
		i = len(rs.rec.Links) - 1
	} else if d, _ := l.Props["date"].(string); d > rs.rec.Links[i].Prop("date") {
		rs.rec.Links[i].Props["date"] = d
	}
	if version != "" {
		appendList(rs.rec.Links[i].Props, "version", version)
	}
	if port > 0 {
		appendList(rs.rec.Links[i].Props, "port", strconv.Itoa(port))
	}
}

// banner adds the products one banner names: one for each CPE, the
// banner's product and os naming the first application and the operating
// system, and the product alone when no CPE names it.
func (rs *runs) banner(pos ingest.Position, b banner) {
	seen := rs.seen
	if t, ok := parseTime(b.Timestamp); ok {
		seen = t
	}
	cpes, notes := b.cpes()
	rs.rec.Notes = append(rs.rec.Notes, prefix(pos, notes)...)
	named := false
	for _, c := range cpes {
		name := title(c.product)
		version := c.version
		if c.part == "a" && !named && b.Product != "" {
			// The banner's product is its first application CPE.
			name, named = strings.TrimSpace(b.Product), true
			version = firstNonEmpty(b.Version, version)
		}
		if c.part == "o" && b.OS != "" {
			name = strings.TrimSpace(b.OS)
		}
		p, v := cpeProduct(c, name, rs.src)
		rs.add(p, &v, version, b.Port, seen)
	}
	if !named && strings.TrimSpace(b.Product) != "" {
		rs.add(namedProduct(b.Product, rs.src), nil, b.Version, b.Port, seen)
	}
}

// os adds the host's operating system, named by the host or its first
// banner that names one, unless a CPE has already given it; it returns
// the name. It is seen when the newest banner naming an operating system
// was, or when the host was if none does.
func (rs *runs) os(h host) string {
	osName := h.OS
	var seen time.Time
	for _, b := range h.banners {
		if strings.TrimSpace(b.OS) == "" {
			continue
		}
		osName = firstNonEmpty(osName, b.OS)
		if t, ok := parseTime(b.Timestamp); ok && t.After(seen) {
			seen = t
		}
	}
	if seen.IsZero() {
		seen = rs.seen
	}
	osName = strings.TrimSpace(osName)
	if osName == "" {
		return ""
	}
	if c, ok := osCPE(osName); ok {
		if _, dup := rs.products[productID(c)]; !dup {
			p, v := cpeProduct(c, osName, rs.src)
			rs.add(p, &v, "", 0, seen)
		}
	} else if !slices.ContainsFunc(rs.order, func(id string) bool { return rs.products[id].Name == osName }) {
		rs.add(namedProduct(osName, rs.src), nil, "", 0, seen)
	}
	return osName
}

// cpes returns the banner's CPE names, 2.3 ones first (they are the newer
// binding of the same names), without repeats, and notes for the ones
// that do not parse.
func (b banner) cpes() ([]cpeName, []string) {
	var raw []string
	raw = append(raw, b.CPE23...)
	if len(b.CPE) > 0 {
		var list []string
		if err := json.Unmarshal(b.CPE, &list); err != nil {
			var one string
			if json.Unmarshal(b.CPE, &one) == nil {
				list = []string{one}
			}
		}
		raw = append(raw, list...)
	}
	var out []cpeName
	var notes []string
	for _, s := range raw {
		c, err := parseCPE(strings.TrimSpace(s))
		if err != nil {
			notes = append(notes, err.Error())
			continue
		}
		if !slices.ContainsFunc(out, func(o cpeName) bool { return o.uri() == c.uri() }) {
			out = append(out, c)
		}
	}
	return out, notes
}

func productID(c cpeName) string { return "shodan-product-" + c.vendor + "-" + c.product }

// cpeProduct returns the Product a CPE names and its vendor.
func cpeProduct(c cpeName, name string, src graph.Source) (graph.Entity, graph.Entity) {
	p := graph.Entity{ID: productID(c), Kind: graph.Product, Name: name, Sources: []graph.Source{src}}
	p.AddIdentifier(graph.IDCPE, c.uri())
	p.SetProp("cpe_part", map[string]string{"a": "application", "o": "operating system", "h": "hardware"}[c.part])
	if t := title(c.product); t != name {
		p.Aliases = []string{t}
	}
	v := graph.Entity{ID: "shodan-vendor-" + c.vendor, Kind: graph.Company, Name: vendorName(c.vendor), Sources: []graph.Source{src}}
	if v.Name != c.vendor {
		v.Aliases = []string{c.vendor}
	}
	v.AddTag(graph.TagVendor)
	return p, v
}

// namedProduct is a Product known by its name only ("Apache httpd").
func namedProduct(name string, src graph.Source) graph.Entity {
	name = strings.TrimSpace(name)
	return graph.Entity{ID: "shodan-product-" + slug(name), Kind: graph.Product, Name: name, Sources: []graph.Source{src}}
}

// network returns the Network a host was seen in: its autonomous system,
// or its organisation when Shodan gives no AS.
func network(asn string, h banner, countries []string, src graph.Source) (graph.Entity, bool) {
	name := firstNonEmpty(strings.TrimSpace(h.Org), strings.TrimSpace(h.ISP), asn)
	var id string
	switch {
	case asn != "":
		id = "shodan-" + strings.ToLower(asn)
	case name != "":
		id = "shodan-net-" + slug(name)
	default:
		return graph.Entity{}, false
	}
	n := graph.Entity{ID: id, Kind: graph.Network, Name: name, Countries: slices.Clone(countries), Sources: []graph.Source{src}}
	n.AddIdentifier(graph.IDASN, asn)
	if isp := strings.TrimSpace(h.ISP); isp != "" && isp != name {
		n.Aliases = []string{isp}
		n.SetProp("isp", isp)
	}
	return n, true
}

// normaliseASN writes an AS number as "AS131279"; ok is false for a value
// that is no AS number. An empty value is fine (no AS known).
func normaliseASN(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return "", true
	}
	n := strings.TrimPrefix(s, "AS")
	v, err := strconv.ParseUint(n, 10, 32)
	if err != nil {
		return "", false
	}
	return "AS" + strconv.FormatUint(v, 10), true
}

// latest returns the newest timestamp of the host and its banners.
func latest(h banner, banners []banner) time.Time {
	var t time.Time
	for _, s := range append([]string{h.Timestamp, h.LastUpdate}, timestamps(banners)...) {
		if v, ok := parseTime(s); ok && v.After(t) {
			t = v
		}
	}
	return t
}

func timestamps(bs []banner) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Timestamp
	}
	return out
}

// parseTime reads Shodan's timestamps ("2021-01-28T07:21:33.444507",
// UTC without a zone) and RFC 3339.
func parseTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", time.RFC3339Nano} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func dateProp(t time.Time) map[string]any {
	if t.IsZero() {
		return map[string]any{}
	}
	return map[string]any{"date": t.Format("2006-01-02")}
}

func addVersion(p *graph.Entity, v string) {
	if v = strings.TrimSpace(v); v == "" {
		return
	}
	old, _ := p.Props["versions"].([]string)
	if !slices.Contains(old, v) {
		p.SetProp("versions", append(old, v))
	}
}

func appendList(props map[string]any, k, v string) {
	old, _ := props[k].([]string)
	if !slices.Contains(old, v) {
		props[k] = append(old, v)
	}
}

func prefix(pos ingest.Position, notes []string) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = pos.String() + ": " + n
	}
	return out
}

// slug is a name folded for an id: lower case, runs of other characters
// than letters and digits made one "-".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// dedupeEntities keeps the first of entities that share an id (a vendor
// of two products).
func dedupeEntities(es []graph.Entity) []graph.Entity {
	var out []graph.Entity
	for _, e := range es {
		if !slices.ContainsFunc(out, func(o graph.Entity) bool { return o.ID == e.ID }) {
			out = append(out, e)
		}
	}
	return out
}
