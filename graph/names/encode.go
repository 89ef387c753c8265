package names

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/internal/binio"
)

// indexMagic starts an encoded index; the last byte is the layout's version.
var indexMagic = [8]byte{'s', 'h', 'n', 'n', 'a', 'm', 'e', 8}

var _ io.WriterTo = (*Index)(nil)

// ErrBadIndex is wrapped by ReadIndex's errors for input that is not an
// index written by this shellnet, or that is damaged.
var ErrBadIndex = errors.New("not a name index, or a damaged one, or one of another shellnet")

// maxIndex bounds the counts read, so that damaged input fails cleanly.
const maxIndex = 1 << 31

// probes are names whose parse and phonetic keys fingerprint the
// normalisation: an index written by a shellnet that folds,
// transliterates, reads Han (in Korean and Cantonese), drops legal forms
// or keys words differently is not read back. The titles (titleSpellings)
// and the light words (lightWords) are fingerprinted whole.
var probes = []string{
	"林鄭月娥 鄧炳強 鄭若驊 盧偉聰 曾國衞 李家超",
	"KIM, Kwang Hyok", "Pan Systems Pte. Ltd.", "Korea Mining Development Trading Corp.",
	"Chongch'al Ch'ongguk", "조선광선은행", "朝鲜矿业开发贸易公司", "Müller & Söhne GmbH",
	"O'Neil-Smith S.A. de C.V.", "Futbol y Corazon, Asociacion Civil", "ООО «Ромашка»", "Al-Qaida fi Bilad al-Rafidayn", "ＧＬＯＣＯＭ  ３",
	"Dr. Hamed Abdullah Al-Ali", "FAIZULLAH KHAN NOORZAI na", "حاجى فیض الله خان نورزى", "شمس الدين",
	"AVIATRANS ANSTALT", "Kim Young Chul", "Mao Tse-tung", "Qaddafi Hussein", "Ռուբեն Երևան", "မင်းအောင်လှိုင်", "محمد عمر ځدران", "ហ៊ុន សែន", "नरेन्द्र अमित सचिन हाफ़िज़", "መለስ ዜናዊ", "יעקב יוסף",
}

var fingerprint = sync.OnceValue(func() uint64 {
	h := fnv.New64a()
	var key []byte
	for _, p := range probes {
		texts := []string{p}
		if kr, cr, ok := hanReadings(p); ok {
			texts = append(texts, kr, cr)
		}
		for _, text := range texts {
			toks := Parse(text).Tokens
			h.Write([]byte(strings.Join(toks, "\x00")))
			for _, t := range toks {
				key = appendKey(append(key[:0], 0), t, true)
				h.Write(appendKey(key, t, false))
			}
			h.Write([]byte{0xff})
		}
	}
	// (a title the probes lack would change names the index holds, and a
	// light word the acronyms it holds, acronymHashes)
	h.Write([]byte(strings.Join(titleSpellings, "\x00")))
	h.Write([]byte(strings.Join(slices.Sorted(maps.Keys(lightWords)), "\x00")))
	return h.Sum64()
})

// WriteTo writes the index in a binary form that ReadIndex reads back (the
// io.WriterTo interface): its arrays as they are held, little-endian, the
// names in one string table, and a CRC-32 of everything at the end.
func (ix *Index) WriteTo(w io.Writer) (int64, error) {
	cw := binio.NewCountWriter(w)
	bw := bufio.NewWriterSize(cw, 1<<16)
	hdr := append([]byte(nil), indexMagic[:]...)
	for _, v := range []uint64{fingerprint(), uint64(ix.nodes), uint64(ix.frequent)} {
		hdr = binary.LittleEndian.AppendUint64(hdr, v)
	}
	bw.Write(hdr)
	writeStrings(bw, ix.entName)
	writeStrings(bw, ix.words)
	mores := make([]string, len(ix.mores))
	for i, m := range ix.mores {
		mores[i] = m.key()
	}
	writeStrings(bw, mores)
	for _, a := range [][]int32{ix.entNode, ix.tokOff, ix.toks, ix.postOff, ix.post, ix.delWord, ix.acrEnt, ix.entMore} {
		writeUint32s(bw, len(a), func(i int) uint32 { return uint32(a[i]) })
	}
	for _, a := range [][]float32{ix.entW, ix.idf} {
		writeUint32s(bw, len(a), func(i int) uint32 { return math.Float32bits(a[i]) })
	}
	var buf [8]byte
	for _, a := range [][]uint64{ix.delHash, ix.acrHash} {
		binary.LittleEndian.PutUint64(buf[:], uint64(len(a)))
		bw.Write(buf[:])
		for _, h := range a {
			binary.LittleEndian.PutUint64(buf[:], h)
			bw.Write(buf[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.N, fmt.Errorf("names: write index: %w", err)
	}
	binary.LittleEndian.PutUint32(buf[:4], cw.Sum32())
	if _, err := w.Write(buf[:4]); err != nil {
		return cw.N, fmt.Errorf("names: write index: %w", err)
	}
	return cw.N + 4, nil
}

func writeStrings(w *bufio.Writer, ss []string) {
	var buf [8]byte
	total := 0
	for _, s := range ss {
		total += len(s)
	}
	binary.LittleEndian.PutUint64(buf[:], uint64(len(ss)))
	w.Write(buf[:])
	binary.LittleEndian.PutUint64(buf[:], uint64(total))
	w.Write(buf[:])
	for _, s := range ss {
		binary.LittleEndian.PutUint32(buf[:4], uint32(len(s)))
		w.Write(buf[:4])
	}
	for _, s := range ss {
		w.WriteString(s)
	}
}

func writeUint32s(w *bufio.Writer, n int, at func(int) uint32) {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], uint64(n))
	w.Write(buf[:])
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint32(buf[:4], at(i))
		w.Write(buf[:4])
	}
}

// ReadIndex reads an index written by WriteTo, checking that it is whole
// and consistent, so that a damaged file gives an error, never a bad
// search.
func ReadIndex(r io.Reader) (*Index, error) {
	cr := binio.NewCRCReader(r)
	bad := func(what string, err error) (*Index, error) {
		if err != nil {
			return nil, fmt.Errorf("names: read index: %s: %w (%w)", what, ErrBadIndex, err)
		}
		return nil, fmt.Errorf("names: read index: %s: %w", what, ErrBadIndex)
	}
	var hdr [32]byte
	if _, err := io.ReadFull(cr, hdr[:]); err != nil {
		return bad("header", err)
	}
	if [8]byte(hdr[:8]) != indexMagic || binary.LittleEndian.Uint64(hdr[8:]) != fingerprint() {
		return bad("header", nil)
	}
	nodes, frequent := binary.LittleEndian.Uint64(hdr[16:]), binary.LittleEndian.Uint64(hdr[24:])
	if nodes > maxIndex || frequent > maxIndex {
		return bad("header", nil)
	}
	ix := &Index{nodes: int(nodes), frequent: int(frequent)}
	var err error
	if ix.entName, err = readStrings(cr); err != nil {
		return bad("names", err)
	}
	if ix.words, err = readStrings(cr); err != nil {
		return bad("words", err)
	}
	mores, err := readStrings(cr)
	if err != nil {
		return bad("legal forms", err)
	}
	ix.mores = make([]nameMore, len(mores))
	for i, k := range mores {
		var ok bool
		if ix.mores[i], ok = parseMore(k); !ok {
			return bad("legal forms", nil)
		}
	}
	for _, a := range []*[]int32{&ix.entNode, &ix.tokOff, &ix.toks, &ix.postOff, &ix.post, &ix.delWord, &ix.acrEnt, &ix.entMore} {
		if *a, err = readInt32s(cr); err != nil {
			return bad("arrays", err)
		}
	}
	for _, a := range []*[]float32{&ix.entW, &ix.idf} {
		v, err := readInt32s(cr)
		if err != nil {
			return bad("weights", err)
		}
		*a = make([]float32, len(v))
		for i, x := range v {
			(*a)[i] = math.Float32frombits(uint32(x))
		}
	}
	var buf [8]byte
	for _, a := range []*[]uint64{&ix.delHash, &ix.acrHash} {
		if _, err := io.ReadFull(cr, buf[:]); err != nil {
			return bad("hashes", err)
		}
		n := binary.LittleEndian.Uint64(buf[:])
		if n > maxIndex {
			return bad("hashes", nil)
		}
		b, err := binio.ReadN(cr, 8*n)
		if err != nil {
			return bad("hashes", err)
		}
		*a = make([]uint64, n)
		for i := range *a {
			(*a)[i] = binary.LittleEndian.Uint64(b[8*i:])
		}
	}
	sum := cr.Sum32()
	if _, err := io.ReadFull(r, buf[:4]); err != nil {
		return bad("checksum", err)
	}
	if binary.LittleEndian.Uint32(buf[:4]) != sum {
		return bad("checksum", nil)
	}
	if err := ix.check(); err != nil {
		return bad(err.Error(), nil)
	}
	ix.derive()
	return ix, nil
}

// check tells whether the arrays of a read index fit together.
func (ix *Index) check() error {
	ne, nw := len(ix.entName), len(ix.words)
	switch {
	case len(ix.entNode) != ne || len(ix.entW) != ne || len(ix.tokOff) != ne+1 || len(ix.entMore) != ne:
		return errors.New("entries")
	case len(ix.mores) == 0 || len(ix.mores[0].forms) > 0 || ix.mores[0].qualifier != "" || ix.mores[0].surname != 0:
		return errors.New("legal forms")
	case len(ix.postOff) != nw+1 || len(ix.idf) != nw:
		return errors.New("words")
	case len(ix.delHash) != len(ix.delWord) || !slices.IsSorted(ix.delHash):
		return errors.New("deletions")
	case len(ix.acrHash) != len(ix.acrEnt) || !slices.IsSorted(ix.acrHash):
		return errors.New("acronyms")
	}
	if err := checkOffsets(ix.tokOff, len(ix.toks)); err != nil {
		return fmt.Errorf("entry words: %w", err)
	}
	if err := checkOffsets(ix.postOff, len(ix.post)); err != nil {
		return fmt.Errorf("postings: %w", err)
	}
	for _, c := range []struct {
		a     []int32
		limit int
	}{{ix.entNode, ix.nodes}, {ix.toks, nw}, {ix.post, ne}, {ix.delWord, nw}, {ix.acrEnt, ne}} {
		for _, x := range c.a {
			if x < 0 || int(x) >= c.limit {
				return errors.New("an index out of range")
			}
		}
	}
	// a name's entry is followed by none of its readings or all
	// (hanReadingCount), each of the same node and name
	for e := 0; e < len(ix.entMore); {
		if ix.entMore[e] < 0 {
			return errors.New("a reading of a name in Han without its name")
		}
		n := 0
		for x := e + 1; x < len(ix.entMore) && ix.entMore[x] < 0; x++ {
			if ix.entNode[x] != ix.entNode[e] || ix.entName[x] != ix.entName[e] {
				return errors.New("a reading of a name in Han without its name")
			}
			n++
		}
		if n != 0 && n != hanReadingCount {
			return errors.New("a name in Han without its readings")
		}
		e += 1 + n
	}
	for e, m := range ix.entMore {
		if m < 0 {
			m = ^m
		}
		if int(m) >= len(ix.mores) {
			return errors.New("an index out of range")
		}
		// a surname leaves a given name after it
		if ix.mores[m].surname >= int(ix.tokOff[e+1]-ix.tokOff[e]) && ix.mores[m].surname > 0 {
			return errors.New("a surname longer than its name")
		}
	}
	return nil
}

func checkOffsets(off []int32, n int) error {
	if off[0] != 0 || int(off[len(off)-1]) != n {
		return errors.New("offsets")
	}
	for i := 1; i < len(off); i++ {
		if off[i-1] > off[i] {
			return errors.New("offsets")
		}
	}
	return nil
}

// readStrings reads a string table: its strings share one allocation.
func readStrings(r io.Reader) ([]string, error) {
	var buf [16]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil {
		return nil, err
	}
	n, total := binary.LittleEndian.Uint64(buf[:]), binary.LittleEndian.Uint64(buf[8:])
	if n > maxIndex || total > 1<<40 {
		return nil, errors.New("string table too large")
	}
	lens, err := binio.ReadN(r, 4*n)
	if err != nil {
		return nil, err
	}
	blob, err := binio.ReadN(r, total)
	if err != nil {
		return nil, err
	}
	all := unsafe.String(unsafe.SliceData(blob), len(blob))
	out := make([]string, n)
	off := uint64(0)
	for i := range out {
		l := uint64(binary.LittleEndian.Uint32(lens[4*i:]))
		if off+l > total {
			return nil, errors.New("string lengths")
		}
		out[i] = all[off : off+l]
		off += l
	}
	if off != total {
		return nil, errors.New("string lengths")
	}
	return out, nil
}

func readInt32s(r io.Reader) ([]int32, error) {
	var buf [8]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil {
		return nil, err
	}
	n := binary.LittleEndian.Uint64(buf[:])
	if n > maxIndex {
		return nil, errors.New("array too large")
	}
	b, err := binio.ReadN(r, 4*n)
	if err != nil {
		return nil, err
	}
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out, nil
}

// Cached returns the index that p's cache keeps under name, or, when there
// is none (or it cannot be read), builds it with build and keeps it there
// for the next command. A projection without a cache always builds.
func Cached(p *graph.Projection, name string, build func() *Index) *Index {
	c := p.Cache()
	if c == nil {
		return build()
	}
	if rc, err := c.Open(name); err == nil {
		ix, err := ReadIndex(bufio.NewReaderSize(rc, 1<<20))
		rc.Close()
		if err == nil {
			ix.shareNames(p.Nodes)
			return ix
		}
	}
	ix := build()
	_ = c.Save(name, func(w io.Writer) error { // a cache that cannot be written is no error
		_, err := ix.WriteTo(w)
		return err
	})
	return ix
}

// shareNames points the names of a read index at the same text in nodes,
// the projection it indexes, and copies the few that are not there (its
// readings of names in Han) into one string of their own, so that the
// text read from the file is not held twice: the names are most of what
// the file holds.
func (ix *Index) shareNames(nodes []graph.Node) {
	var rest []int
	total := 0
	for e, s := range ix.entName {
		if n := int(ix.entNode[e]); n < len(nodes) {
			if nodes[n].Name == s {
				ix.entName[e] = nodes[n].Name
				continue
			}
			a := nodes[n].Aliases()
			if i := slices.Index(a, s); i >= 0 {
				ix.entName[e] = a[i]
				continue
			}
		}
		rest = append(rest, e)
		total += len(s)
	}
	var b strings.Builder
	b.Grow(total)
	for _, e := range rest {
		b.WriteString(ix.entName[e])
	}
	all, off := b.String(), 0
	for _, e := range rest {
		l := len(ix.entName[e])
		ix.entName[e] = all[off : off+l]
		off += l
	}
}
