package graph

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"testing"
)

// sample is a small projection with every node field in use.
func sample() *Projection {
	b := NewBuilder(0, 0)
	b.AddNode(Node{ID: "rgb", Name: "Reconnaissance General Bureau", Kind: Organization, Listed: true}.WithLists([]string{"RGB", "정찰총국"}, []string{"KP"}, []string{TagSanction}))
	b.AddNode(Node{ID: "glocom", Name: "Glocom", Kind: Company}.WithLists([]string{"Global Communications Co."}, []string{"MY"}, []string{TagFront, TagShell}))
	b.AddNode(Node{ID: "front-cn", Name: "中国前沿贸易有限公司", Kind: Company}.WithLists(nil, []string{"CN"}, nil))
	b.AddNode(Node{ID: "igs", Name: "", Kind: Company})
	b.AddLink("glocom", "rgb", Represents, 1)
	b.AddLink("rgb", "front-cn", Owns, 0.5)
	b.AddLink("front-cn", "glocom", Supplies, 2.25)
	b.AddLink("front-cn", "glocom", Pays, 1)
	b.AddLink("igs", "glocom", Represents, 1)
	b.AddLink("igs", "igs", SameAs, 1)
	return b.Build()
}

func equalProjections(t *testing.T, got, want *Projection) {
	t.Helper()
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"Nodes", got.Nodes, want.Nodes},
		{"From", got.From, want.From}, {"To", got.To, want.To}, {"Type", got.Type, want.Type}, {"Weight", got.Weights(), want.Weights()},
		{"OutOff", got.OutOff, want.OutOff}, {"InOff", got.InOff, want.InOff}, {"InLink", got.InLink, want.InLink},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s: got %v, want %v", f.name, f.got, f.want)
		}
	}
	for i := range want.Nodes {
		if j, ok := got.Index(want.Nodes[i].ID); !ok || int(j) != i {
			t.Errorf("Index(%q) = %d, %v: want %d", want.Nodes[i].ID, j, ok, i)
		}
	}
	if _, ok := got.Index("no such id"); ok {
		t.Error(`Index("no such id") found a node`)
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	for _, p := range []*Projection{sample(), NewBuilder(0, 0).Build()} {
		var buf bytes.Buffer
		n, err := p.WriteTo(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if n != int64(buf.Len()) {
			t.Errorf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
		}
		// framed: what follows the projection is left unread
		buf.WriteString("tail")
		got, err := ReadProjection(&buf)
		if err != nil {
			t.Fatal(err)
		}
		equalProjections(t, got, p)
		if buf.String() != "tail" {
			t.Errorf("ReadProjection left %q, want the tail", buf.String())
		}
		// the views work on what was read
		if got.Len() > 0 && got.Undirected().Edges() != p.Undirected().Edges() {
			t.Errorf("undirected edges: got %d, want %d", got.Undirected().Edges(), p.Undirected().Edges())
		}
	}
}

func TestSnapshotDamaged(t *testing.T) {
	var buf bytes.Buffer
	if _, err := sample().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	enc := buf.Bytes()
	for cut := 0; cut < len(enc); cut++ {
		if _, err := ReadProjection(bytes.NewReader(enc[:cut])); !errors.Is(err, ErrBadSnapshot) {
			t.Fatalf("cut at %d of %d: got %v, want ErrBadSnapshot", cut, len(enc), err)
		}
	}
	for i := 0; i < len(enc); i++ {
		c := bytes.Clone(enc)
		c[i] ^= 0x01
		if _, err := ReadProjection(bytes.NewReader(c)); !errors.Is(err, ErrBadSnapshot) {
			t.Fatalf("bit flipped in byte %d: got %v, want ErrBadSnapshot", i, err)
		}
	}
}

// FuzzReadProjection checks that no input makes ReadProjection panic, and
// that whatever it accepts writes back to the same bytes.
func FuzzReadProjection(f *testing.F) {
	for _, p := range []*Projection{sample(), NewBuilder(0, 0).Build()} {
		var buf bytes.Buffer
		if _, err := p.WriteTo(&buf); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("shnproj\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ReadProjection(bytes.NewReader(b))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := p.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), b[:buf.Len()]) {
			t.Fatalf("accepted input does not write back the same")
		}
		for i := range p.Nodes {
			if j, ok := p.Index(p.Nodes[i].ID); !ok || p.Nodes[j].ID != p.Nodes[i].ID {
				t.Fatalf("node %d (%q): Index gives %d, %v", i, p.Nodes[i].ID, j, ok)
			}
		}
		p.Undirected()
	})
}

// Filter gives what a builder given only the nodes of those kinds and the
// links of those types gives.
func TestFilter(t *testing.T) {
	p := sample()
	for _, c := range []struct {
		kinds []Kind
		types []LinkType
	}{
		{nil, nil},
		{[]Kind{Company}, nil},
		{nil, []LinkType{Represents, Pays}},
		{[]Kind{Company, Organization}, []LinkType{Owns, Supplies, SameAs}},
		{[]Kind{Vessel}, nil},
	} {
		b := NewBuilder(0, 0)
		for _, n := range p.Nodes {
			if len(c.kinds) == 0 || slices.Contains(c.kinds, n.Kind) {
				b.AddNode(n)
			}
		}
		for i := range p.From {
			if t := p.LinkType(int32(i)); len(c.types) == 0 || slices.Contains(c.types, t) {
				b.AddLink(p.Nodes[p.From[i]].ID, p.Nodes[p.To[i]].ID, t, p.Weight(int32(i)))
			}
		}
		want := b.Build()
		got := p.Filter(c.kinds, c.types)
		if got.Len() != want.Len() || got.Links() != want.Links() {
			t.Errorf("%v %v: %d nodes %d links, want %d and %d", c.kinds, c.types, got.Len(), got.Links(), want.Len(), want.Links())
		}
		equalProjections(t, got, want)
	}
}

// TestCompactNodesAndWeights checks what a projection leaves out of
// memory: the weights of links that all weigh 1, and second copies of
// equal lists, whether it was built or read back from its snapshot.
func TestCompactNodesAndWeights(t *testing.T) {
	b := NewBuilder(0, 0)
	kp := append(make([]string, 0, 4), "KP")
	b.AddNode(Node{ID: "a", Kind: Company}.WithLists(nil, kp, []string{TagFront}))
	b.AddNode(Node{ID: "b", Kind: Company}.WithLists(nil, []string{"KP"}, []string{TagFront}))
	b.AddNode(Node{ID: "c", Kind: Company}.WithLists([]string{"C Ltd"}, []string{"KP"}, []string{TagFront}))
	b.AddNode(Node{ID: "d", Kind: Company}.WithLists(nil, []string{"KP", "CN"}, nil))
	b.AddNode(Node{ID: "e", Kind: Company}.WithLists(nil, []string{"KP"}, []string{"CN"}))
	b.AddLink("a", "b", Owns, 1)
	b.AddLink("b", "c", Supplies, 1)
	built := b.Build()
	var buf bytes.Buffer
	if _, err := built.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	read, err := ReadProjection(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for what, p := range map[string]*Projection{"built": built, "read": read} {
		if p.weights != nil || !slices.Equal(p.Weights(), []float32{1, 1}) || p.Bytes() != built.Bytes() {
			t.Errorf("%s: weights %v held as %v, %d bytes: want 1 and 1 held as nil", what, p.Weights(), p.weights, p.Bytes())
		}
		n := p.Nodes
		if n[0].lists != n[1].lists || n[0].lists == n[2].lists || n[0].lists == n[3].lists || n[3].lists == n[4].lists {
			t.Errorf("%s: lists %p %p %p %p %p: want the first two shared, the others apart", what, n[0].lists, n[1].lists, n[2].lists, n[3].lists, n[4].lists)
		}
		if !slices.Equal(n[2].Aliases(), []string{"C Ltd"}) || !slices.Equal(n[2].Countries(), []string{"KP"}) || !slices.Equal(n[3].Countries(), []string{"KP", "CN"}) || n[3].Tags() != nil {
			t.Errorf("%s: lists %v %v %v %v", what, n[2].Aliases(), n[2].Countries(), n[3].Countries(), n[3].Tags())
		}
		// an append to a node's list copies it, never writing into the
		// array another node shares
		if c := n[0].Countries(); cap(c) != len(c) {
			t.Errorf("%s: countries %v have room for %d", what, c, cap(c))
		}
	}
	if sample().weights == nil {
		t.Error("sample: weights of 0.5 and 2.25 left out")
	}
}
