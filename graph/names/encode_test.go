package names

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/shellnet/shellnet/graph"
)

// An index read back searches exactly as the one written: same arrays,
// same results for typed, misspelt and partial queries.
func TestIndexRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	nodes := append(testNodes(), generatedNodes(rng, 3000)...)
	ix := NewIndex(nodes)
	var buf bytes.Buffer
	n, err := ix.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo = %d, %v (wrote %d)", n, err, buf.Len())
	}
	got, err := ReadIndex(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"nodes", "entNode", "entName", "tokOff", "toks", "entW", "words", "postOff", "post", "idf", "delHash", "delWord", "acrHash", "acrEnt", "entMore", "mores", "wordW", "wordU", "frequent"} {
		a, b := reflect.ValueOf(ix).Elem().FieldByName(f), reflect.ValueOf(got).Elem().FieldByName(f)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s differs after the round trip", f)
		}
	}
	queries := []string{"Glocom", "Pan Systms Pyongyang", "Reconnaissance Bureau", "International Global", "RGB", "IGS"}
	for i := 0; i < 200; i++ {
		queries = append(queries, mutate(rng, nodes[rng.IntN(len(nodes))].Name))
	}
	for _, q := range queries {
		if a, b := fmt.Sprint(ix.Search(q, 5)), fmt.Sprint(got.Search(q, 5)); a != b {
			t.Errorf("Search(%q): written %s, read %s", q, a, b)
		}
	}
	// written again, byte for byte
	var again bytes.Buffer
	if _, err := got.WriteTo(&again); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("the index read back writes differently (%v)", err)
	}
}

// Damaged input gives ErrBadIndex: cut anywhere, or one byte changed.
func TestReadIndexDamaged(t *testing.T) {
	var buf bytes.Buffer
	if _, err := NewIndex(testNodes()).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	for _, cut := range []int{0, 7, 8, 31, 40, len(b) / 2, len(b) - 5, len(b) - 1} {
		if _, err := ReadIndex(bytes.NewReader(b[:cut])); !errors.Is(err, ErrBadIndex) {
			t.Errorf("cut at %d: %v", cut, err)
		}
	}
	for _, at := range []int{9, 40, len(b) / 3, len(b) / 2, len(b) - 10} {
		d := bytes.Clone(b)
		d[at] ^= 0x55
		if _, err := ReadIndex(bytes.NewReader(d)); !errors.Is(err, ErrBadIndex) {
			t.Errorf("byte %d changed: %v", at, err)
		}
	}
}

// An index fails to read where its fields do not fit together, even with
// a correct checksum.
func TestIndexCheck(t *testing.T) {
	ix := NewIndex(append(testNodes(), graph.Node{ID: "han", Kind: graph.Person, Name: "曾國衞"}))
	reading := func(x *Index) int { return slices.IndexFunc(x.entMore, func(m int32) bool { return m < 0 }) }
	for name, spoil := range map[string]func(*Index){
		"entry node": func(x *Index) { x.entNode[0] = int32(x.nodes) },
		"token":      func(x *Index) { x.toks[0] = int32(len(x.words)) },
		"posting":    func(x *Index) { x.post[0] = -1 },
		"offsets":    func(x *Index) { x.tokOff[1], x.tokOff[2] = x.tokOff[2], x.tokOff[1]+1 },
		"deletions":  func(x *Index) { x.delHash[0], x.delHash[1] = x.delHash[1], x.delHash[0] },
		"idf":        func(x *Index) { x.idf = x.idf[1:] },

		// a name in Han is followed by all its readings, of its node
		"reading first": func(x *Index) { x.entMore[0] = ^x.entMore[0] },
		"one reading":   func(x *Index) { e := reading(x); x.entMore[e+1] = ^x.entMore[e+1] },
		"reading node":  func(x *Index) { e := reading(x); x.entNode[e+1]-- },
		// a surname leaves a given name
		"surname": func(x *Index) {
			x.mores = append(x.mores, nameMore{surname: 200})
			x.entMore[0] = int32(len(x.mores) - 1)
		},
	} {
		var buf bytes.Buffer
		if _, err := ix.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		c, err := ReadIndex(&buf)
		if err != nil {
			t.Fatal(err)
		}
		spoil(c)
		buf.Reset()
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadIndex(&buf); !errors.Is(err, ErrBadIndex) {
			t.Errorf("%s spoilt: %v", name, err)
		}
	}
}

func FuzzReadIndex(f *testing.F) {
	var buf bytes.Buffer
	if _, err := NewIndex(testNodes()[:3]).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	// legal forms, a parenthetical and a name in Han with its Korean and
	// Cantonese readings
	buf.Reset()
	if _, err := NewIndexFunc(2, func(i int32) []string {
		return [][]string{{"Korea Kwangson Banking Corporation (KKBC)"}, {"金日成", "KIM, Il Sung", "RODRIGUEZ OLIVERA, Miguel Angel"}}[i]
	}).WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(indexMagic[:])
	f.Fuzz(func(t *testing.T, in []byte) {
		ix, err := ReadIndex(bytes.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrBadIndex) {
				t.Fatalf("error without ErrBadIndex: %v", err)
			}
			return
		}
		// whatever reads back must search without failing
		for _, q := range []string{"Glocom", "Pan Systems", "x"} {
			for _, m := range ix.Search(q, 3) {
				if m.Node < 0 || int(m.Node) >= ix.nodes {
					t.Fatalf("match %+v out of range", m)
				}
			}
		}
	})
}
