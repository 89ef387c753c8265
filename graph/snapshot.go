package graph

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

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
		for _, ss := range [][]string{nd.Aliases, nd.Countries, nd.Tags} {
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
		for _, ss := range [][]string{nd.Aliases, nd.Countries, nd.Tags} {
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
	for _, x := range p.Weight {
		binary.LittleEndian.PutUint32(buf[:], math.Float32bits(x))
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
	bad := func(what string, err error) error {
		if err != nil {
			return fmt.Errorf("graph: read projection: %s: %w (%w)", what, ErrBadSnapshot, err)
		}
		return fmt.Errorf("graph: read projection: %s: %w", what, ErrBadSnapshot)
	}
	var hdr [40]byte
	if _, err := io.ReadFull(cr, hdr[:]); err != nil {
		return nil, bad("header", err)
	}
	if [8]byte(hdr[:8]) != snapshotMagic {
		return nil, bad("header", nil)
	}
	n := binary.LittleEndian.Uint64(hdr[8:])
	m := binary.LittleEndian.Uint64(hdr[16:])
	blobLen := binary.LittleEndian.Uint64(hdr[24:])
	lensLen := binary.LittleEndian.Uint64(hdr[32:])
	if n >= maxSnapshot || m >= maxSnapshot || blobLen >= 1<<40 || lensLen >= 1<<40 {
		return nil, bad("header counts", nil)
	}
	blob, err := binio.ReadN(cr, blobLen)
	if err != nil {
		return nil, bad("labels", err)
	}
	strs := string(blob)
	lens, err := binio.ReadN(cr, lensLen)
	if err != nil {
		return nil, bad("label lengths", err)
	}
	if n*7 > lensLen { // every node takes at least 7 bytes of lengths
		return nil, bad("header counts", nil)
	}
	p := &Projection{Nodes: make([]Node, n)}
	var off, li uint64
	next := func() (uint64, bool) {
		v, k := binary.Uvarint(lens[li:])
		if k <= 0 {
			return 0, false
		}
		li += uint64(k)
		return v, true
	}
	str := func() (string, bool) {
		l, ok := next()
		if !ok || l > uint64(len(strs))-off {
			return "", false
		}
		s := strs[off : off+l]
		off += l
		return s, true
	}
	list := func() ([]string, bool) {
		c, ok := next()
		if !ok || c > uint64(len(lens))-li {
			return nil, false
		}
		if c == 0 {
			return nil, true
		}
		out := make([]string, c)
		for i := range out {
			if out[i], ok = str(); !ok {
				return nil, false
			}
		}
		return out, true
	}
	kinds := map[string]Kind{}
	for i := range p.Nodes {
		nd := &p.Nodes[i]
		var kind string
		ok1, ok2, ok3 := true, true, true
		nd.ID, ok1 = str()
		nd.Name, ok2 = str()
		kind, ok3 = str()
		if !ok1 || !ok2 || !ok3 {
			return nil, bad(fmt.Sprintf("node %d", i), nil)
		}
		k, seen := kinds[kind]
		if !seen {
			k = Kind(kind)
			kinds[kind] = k
		}
		nd.Kind = k
		var ok bool
		if nd.Aliases, ok = list(); !ok {
			return nil, bad(fmt.Sprintf("node %d aliases", i), nil)
		}
		if nd.Countries, ok = list(); !ok {
			return nil, bad(fmt.Sprintf("node %d countries", i), nil)
		}
		if nd.Tags, ok = list(); !ok {
			return nil, bad(fmt.Sprintf("node %d tags", i), nil)
		}
		if li >= uint64(len(lens)) {
			return nil, bad(fmt.Sprintf("node %d", i), nil)
		}
		nd.Listed = lens[li] == 1
		li++
	}
	p.index = newIDIndex(p.Nodes)
	if off != uint64(len(strs)) || li != uint64(len(lens)) {
		return nil, bad("labels", nil)
	}
	if p.From, err = readInt32s(cr, m); err == nil {
		p.To, err = readInt32s(cr, m)
	}
	if err != nil {
		return nil, bad("links", err)
	}
	types, err := binio.ReadN(cr, m)
	if err != nil {
		return nil, bad("link types", err)
	}
	p.Type = make([]LinkCode, m)
	for i, t := range types {
		if int(t) >= len(LinkTypes) {
			return nil, bad(fmt.Sprintf("link %d type", i), nil)
		}
		p.Type[i] = LinkCode(t)
	}
	ws, err := readInt32s(cr, m)
	if err != nil {
		return nil, bad("weights", err)
	}
	p.Weight = make([]float32, m)
	for i, x := range ws {
		p.Weight[i] = math.Float32frombits(uint32(x))
	}
	if p.OutOff, err = readInt32s(cr, n+1); err == nil {
		if p.InOff, err = readInt32s(cr, n+1); err == nil {
			p.InLink, err = readInt32s(cr, m)
		}
	}
	if err != nil {
		return nil, bad("offsets", err)
	}
	sum := cr.Sum32()
	var tail [4]byte
	if _, err := io.ReadFull(r, tail[:]); err != nil {
		return nil, bad("checksum", err)
	}
	if binary.LittleEndian.Uint32(tail[:]) != sum {
		return nil, bad("checksum mismatch", nil)
	}
	if err := p.check(); err != nil {
		return nil, bad(err.Error(), nil)
	}
	return p, nil
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

func readInt32s(r io.Reader, n uint64) ([]int32, error) {
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
