package graph

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unsafe"

	"github.com/shellnet/shellnet/graph/internal/binio"
)

// snapshotMagic starts every encoded projection; the last byte is the
// format's version.
var snapshotMagic = [8]byte{'s', 'h', 'n', 'p', 'r', 'o', 'j', 1}

// ErrBadSnapshot is wrapped by ReadProjection's errors for input that is not
// a projection written by this version of WriteTo, or that is damaged.
var ErrBadSnapshot = errors.New("not a projection snapshot, or a damaged one")

// WriteTo writes p in a compact binary form that ReadProjection reads back
// (the io.WriterTo interface). The node labels go into one string table and
// the link arrays are written as they are held, little-endian, so that
// reading needs neither sorting nor one allocation per string. A CRC-32 of
// everything closes the stream.
func (p *Projection) WriteTo(w io.Writer) (int64, error) {
	cw := binio.NewCountWriter(w)
	bw := bufio.NewWriterSize(cw, 1<<16)
	n, m := len(p.Nodes), len(p.From)
	var blobLen uint64
	var lens []byte
	for i := range p.Nodes {
		nd := &p.Nodes[i]
		for _, s := range []string{nd.ID, nd.Name, string(nd.Kind)} {
			lens = binary.AppendUvarint(lens, uint64(len(s)))
			blobLen += uint64(len(s))
		}
		for _, ss := range [][]string{nd.Aliases(), nd.Countries(), nd.Tags()} {
			lens = binary.AppendUvarint(lens, uint64(len(ss)))
			for _, s := range ss {
				lens = binary.AppendUvarint(lens, uint64(len(s)))
				blobLen += uint64(len(s))
			}
		}
		listed := byte(0)
		if nd.Listed {
			listed = 1
		}
		lens = append(lens, listed)
	}
	var hdr []byte
	hdr = append(hdr, snapshotMagic[:]...)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(n))
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(m))
	hdr = binary.LittleEndian.AppendUint64(hdr, blobLen)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(lens)))
	bw.Write(hdr)
	for i := range p.Nodes {
		nd := &p.Nodes[i]
		bw.WriteString(nd.ID)
		bw.WriteString(nd.Name)
		bw.WriteString(string(nd.Kind))
		for _, ss := range [][]string{nd.Aliases(), nd.Countries(), nd.Tags()} {
			for _, s := range ss {
				bw.WriteString(s)
			}
		}
	}
	bw.Write(lens)
	var buf [4]byte
	for _, a := range [][]int32{p.From, p.To} {
		for _, x := range a {
			binary.LittleEndian.PutUint32(buf[:], uint32(x))
			bw.Write(buf[:])
		}
	}
	for _, t := range p.Type {
		bw.WriteByte(byte(t))
	}
	for i := range p.Type {
		binary.LittleEndian.PutUint32(buf[:], math.Float32bits(p.Weight(int32(i))))
		bw.Write(buf[:])
	}
	for _, a := range [][]int32{p.OutOff, p.InOff, p.InLink} {
		for _, x := range a {
			binary.LittleEndian.PutUint32(buf[:], uint32(x))
			bw.Write(buf[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return cw.N, fmt.Errorf("graph: write projection: %w", err)
	}
	binary.LittleEndian.PutUint32(buf[:], cw.Sum32())
	if _, err := w.Write(buf[:]); err != nil {
		return cw.N, fmt.Errorf("graph: write projection: %w", err)
	}
	return cw.N + 4, nil
}

// maxSnapshot bounds the counts read from a header, so that damaged input
// fails cleanly instead of asking for absurd allocations.
const maxSnapshot = 1 << 31

// ReadProjection reads a projection written by WriteTo. It reads exactly
// what WriteTo wrote, so a caller may frame it inside a larger file.
func ReadProjection(r io.Reader) (*Projection, error) {
	cr := binio.NewCRCReader(r)
	h, err := readSnapshotHeader(cr)
	if err != nil {
		return nil, err
	}
	labels, err := readLabelTable(cr, h)
	if err != nil {
		return nil, err
	}
	p := &Projection{}
	if p.Nodes, err = labels.nodes(h.nodes); err != nil {
		return nil, err
	}
	p.index = newIDIndex(p.Nodes)
	if !labels.done() {
		return nil, badSnapshot("labels", nil)
	}
	if err := p.readLinks(cr, h); err != nil {
		return nil, err
	}
	if err := readChecksum(r, cr.Sum32()); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, badSnapshot(err.Error(), nil)
	}
	return p, nil
}

// badSnapshot is the error for a damaged part of a snapshot, what, with
// the read error that found it if there is one.
func badSnapshot(what string, err error) error {
	if err != nil {
		return fmt.Errorf("graph: read projection: %s: %w (%w)", what, ErrBadSnapshot, err)
	}
	return fmt.Errorf("graph: read projection: %s: %w", what, ErrBadSnapshot)
}

// snapshotHeader is the fixed part that opens a snapshot after its magic:
// the counts that size every section after it.
type snapshotHeader struct {
	nodes, links     uint64
	blobLen, lensLen uint64 // bytes of the string table and of its lengths
}

// readSnapshotHeader reads the magic and the counts, and bounds the counts
// (maxSnapshot) before anything is allocated by them.
func readSnapshotHeader(r io.Reader) (snapshotHeader, error) {
	var hdr [40]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return snapshotHeader{}, badSnapshot("header", err)
	}
	if [8]byte(hdr[:8]) != snapshotMagic {
		return snapshotHeader{}, badSnapshot("header", nil)
	}
	h := snapshotHeader{
		nodes:   binary.LittleEndian.Uint64(hdr[8:]),
		links:   binary.LittleEndian.Uint64(hdr[16:]),
		blobLen: binary.LittleEndian.Uint64(hdr[24:]),
		lensLen: binary.LittleEndian.Uint64(hdr[32:]),
	}
	if h.nodes >= maxSnapshot || h.links >= maxSnapshot || h.blobLen >= 1<<40 || h.lensLen >= 1<<40 {
		return snapshotHeader{}, badSnapshot("header counts", nil)
	}
	return h, nil
}

// labelTable is the node section of a snapshot: every label in one string
// (strs) and, per node, the uvarint lengths and counts that cut it (lens),
// then its listed byte. The labels decoded are substrings of strs, so that
// a node costs no allocation per label.
type labelTable struct {
	strs    string
	lens    []byte
	off, li uint64 // read positions in strs and lens
	// ones are the lists of one label read so far, by label: countries
	// and tags repeat across nodes (most companies have one country),
	// and a projection is read-only, so nodes share them rather than
	// hold a slice each (about 12 MB on 1M nodes).
	ones map[string][]string
}

// readLabelTable reads the string table and the lengths that h announces.
func readLabelTable(r io.Reader, h snapshotHeader) (labelTable, error) {
	blob, err := binio.ReadN(r, h.blobLen)
	if err != nil {
		return labelTable{}, badSnapshot("labels", err)
	}
	// blob is this function's own and never written again: the labels
	// are cut from it without a copy
	t := labelTable{strs: unsafe.String(unsafe.SliceData(blob), len(blob))}
	if t.lens, err = binio.ReadN(r, h.lensLen); err != nil {
		return labelTable{}, badSnapshot("label lengths", err)
	}
	if h.nodes*7 > h.lensLen { // every node takes at least 7 bytes of lengths
		return labelTable{}, badSnapshot("header counts", nil)
	}
	return t, nil
}

// uvarint reads the next length or count.
func (t *labelTable) uvarint() (uint64, bool) {
	v, k := binary.Uvarint(t.lens[t.li:])
	if k <= 0 {
		return 0, false
	}
	t.li += uint64(k)
	return v, true
}

// str reads the next label.
func (t *labelTable) str() (string, bool) {
	l, ok := t.uvarint()
	if !ok || l > uint64(len(t.strs))-t.off {
		return "", false
	}
	s := t.strs[t.off : t.off+l]
	t.off += l
	return s, true
}

// list reads the next list of labels; an empty one is nil, as WriteTo
// cannot tell nil from empty. A list of one label is shared with the
// nodes before that have the same one when share is set.
func (t *labelTable) list(share bool) ([]string, bool) {
	c, ok := t.uvarint()
	if !ok || c > uint64(len(t.lens))-t.li {
		return nil, false
	}
	if c == 0 {
		return nil, true
	}
	if c == 1 && share {
		s, ok := t.str()
		if !ok {
			return nil, false
		}
		one, seen := t.ones[s]
		if !seen {
			if t.ones == nil {
				t.ones = map[string][]string{}
			}
			one = []string{s}
			t.ones[s] = one
		}
		return one, true
	}
	out := make([]string, c)
	for i := range out {
		if out[i], ok = t.str(); !ok {
			return nil, false
		}
	}
	return out, true
}

// nodes decodes n nodes in the order WriteTo wrote them. A node's kind is
// interned so that nodes of one kind share one string.
func (t *labelTable) nodes(n uint64) ([]Node, error) {
	nodes := make([]Node, n)
	kinds := map[string]Kind{}
	var lists listsInterner
	for i := range nodes {
		nd := &nodes[i]
		var kind string
		ok1, ok2, ok3 := true, true, true
		nd.ID, ok1 = t.str()
		nd.Name, ok2 = t.str()
		kind, ok3 = t.str()
		if !ok1 || !ok2 || !ok3 {
			return nil, badSnapshot(fmt.Sprintf("node %d", i), nil)
		}
		k, seen := kinds[kind]
		if !seen {
			k = Kind(kind)
			kinds[kind] = k
		}
		nd.Kind = k
		aliases, ok := t.list(false)
		if !ok {
			return nil, badSnapshot(fmt.Sprintf("node %d aliases", i), nil)
		}
		countries, ok := t.list(true)
		if !ok {
			return nil, badSnapshot(fmt.Sprintf("node %d countries", i), nil)
		}
		tags, ok := t.list(true)
		if !ok {
			return nil, badSnapshot(fmt.Sprintf("node %d tags", i), nil)
		}
		nd.lists = lists.share(nodeLists{aliases, countries, tags})
		if t.li >= uint64(len(t.lens)) {
			return nil, badSnapshot(fmt.Sprintf("node %d", i), nil)
		}
		nd.Listed = t.lens[t.li] == 1
		t.li++
	}
	return nodes, nil
}

// done reports whether the nodes used the whole table: a table with bytes
// left over was not written for this many nodes.
func (t *labelTable) done() bool {
	return t.off == uint64(len(t.strs)) && t.li == uint64(len(t.lens))
}

// readLinks reads the link section into p: the link arrays as they are
// held, then the adjacency offsets (which check verifies).
func (p *Projection) readLinks(r io.Reader, h snapshotHeader) error {
	n, m := h.nodes, h.links
	var err error
	if p.From, err = readInt32s(r, m); err == nil {
		p.To, err = readInt32s(r, m)
	}
	if err != nil {
		return badSnapshot("links", err)
	}
	types, err := binio.ReadN(r, m)
	if err != nil {
		return badSnapshot("link types", err)
	}
	for i, t := range types {
		if int(t) >= len(LinkTypes) {
			return badSnapshot(fmt.Sprintf("link %d type", i), nil)
		}
	}
	p.Type = unsafe.Slice((*LinkCode)(unsafe.SliceData(types)), len(types)) // LinkCode is a byte
	ws, err := readInt32s(r, m)
	if err != nil {
		return badSnapshot("weights", err)
	}
	if w := unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(ws))), len(ws)); !allOnes(w) { // the bits as read
		p.weights = w
	}
	if p.OutOff, err = readInt32s(r, n+1); err == nil {
		if p.InOff, err = readInt32s(r, n+1); err == nil {
			p.InLink, err = readInt32s(r, m)
		}
	}
	if err != nil {
		return badSnapshot("offsets", err)
	}
	return nil
}

// readChecksum reads the CRC-32 that closes a snapshot from r, outside the
// checksummed stream, and compares it with sum, that of what came before.
func readChecksum(r io.Reader, sum uint32) error {
	var tail [4]byte
	if _, err := io.ReadFull(r, tail[:]); err != nil {
		return badSnapshot("checksum", err)
	}
	if binary.LittleEndian.Uint32(tail[:]) != sum {
		return badSnapshot("checksum mismatch", nil)
	}
	return nil
}

// check verifies the invariants that the views index by, so that a
// projection read from outside cannot make them panic.
func (p *Projection) check() error {
	n, m := len(p.Nodes), len(p.From)
	for _, off := range [][]int32{p.OutOff, p.InOff} {
		if off[0] != 0 || int(off[n]) != m {
			return errors.New("offsets")
		}
		for u := 0; u < n; u++ {
			if off[u] > off[u+1] {
				return errors.New("offsets")
			}
		}
	}
	for u := 0; u < n; u++ {
		for i := p.OutOff[u]; i < p.OutOff[u+1]; i++ {
			if int(p.From[i]) != u || p.To[i] < 0 || int(p.To[i]) >= n {
				return fmt.Errorf("link %d", i)
			}
		}
		for j := p.InOff[u]; j < p.InOff[u+1]; j++ {
			if i := p.InLink[j]; i < 0 || int(i) >= m || int(p.To[i]) != u {
				return fmt.Errorf("incoming link %d", j)
			}
		}
	}
	return nil
}

// readInt32s reads n little-endian int32s. On a little-endian machine
// the bytes read are the array, without a second copy (the buffer starts
// an allocation of its own, so it is aligned for int32).
func readInt32s(r io.Reader, n uint64) ([]int32, error) {
	b, err := binio.ReadN(r, 4*n)
	if err != nil {
		return nil, err
	}
	if littleEndian && len(b) > 0 {
		return unsafe.Slice((*int32)(unsafe.Pointer(unsafe.SliceData(b))), n), nil
	}
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out, nil
}

// littleEndian reports whether this machine stores integers as the
// snapshot does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1
