package shodan

import (
	"bufio"
	"bytes"
	"io"
)

// framer splits a file into the top-level JSON objects that Shodan's
// tools write, whatever their layout: one object a line (the stream and
// `shodan download`, gzipped or not), one object printed over many lines
// (`shodan host`, the host API saved by hand), objects one after another,
// or a JSON array of them (a search's matches saved as a list).
//
// It tracks strings and nesting, not the full grammar: the decoder judges
// each object. Outside an array, a line that opens with "{" while an
// object is still open starts a new object, so that a line cut short in a
// JSON-lines file costs that line only.
type framer struct {
	r     *bufio.Reader
	line  int    // lines read
	rest  []byte // the unread part of the current line
	inArr bool   // inside a top-level array
	depth int    // nesting of the open object; 0 between objects
	inStr bool
	esc   bool
	buf   []byte // the open object so far
	start int    // the line it opened on
}

// next returns the next top-level object and the line it starts on; text
// that is no object (a line of something else, an object cut short) is
// returned as it is, for the decoder to reject. It returns io.EOF at the
// end of the file.
func (f *framer) next() ([]byte, int, error) {
	for {
		if len(f.rest) == 0 {
			b, err := f.r.ReadBytes('\n')
			if len(b) == 0 && err == io.EOF {
				if f.depth > 0 {
					return f.flush(), f.start, nil
				}
				return nil, 0, io.EOF
			}
			if err != nil && err != io.EOF {
				return nil, 0, err
			}
			f.line++
			f.rest = b
			if f.depth > 0 && !f.inArr && b[0] == '{' {
				return f.flush(), f.start, nil
			}
		}
		if v, ok := f.scan(); ok {
			return v, f.start, nil
		}
	}
}

// scan reads f.rest until an object closes (ok), text that is no object
// is found (ok), or the line ends.
func (f *framer) scan() ([]byte, bool) {
	rest := f.rest
	from := 0 // start of the part of rest that belongs to the open object
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if f.depth == 0 {
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			case c == '[' && !f.inArr:
				f.inArr = true
			case (c == ',' || c == ']') && f.inArr:
				f.inArr = c == ','
			case c == '{':
				f.depth, f.start, from = 1, f.line, i
				f.buf = f.buf[:0]
			default:
				// Not an object: the rest of the line is rejected whole.
				f.rest = nil
				f.inArr = false
				f.start = f.line
				return bytes.TrimSpace(rest[i:]), true
			}
			continue
		}
		switch {
		case f.inStr:
			switch {
			case f.esc:
				f.esc = false
			case c == '\\':
				f.esc = true
			case c == '"':
				f.inStr = false
			}
		case c == '"':
			f.inStr = true
		case c == '{' || c == '[':
			f.depth++
		case c == '}' || c == ']':
			f.depth--
			if f.depth == 0 {
				f.buf = append(f.buf, rest[from:i+1]...)
				f.rest = rest[i+1:]
				return f.buf, true
			}
		}
	}
	if f.depth > 0 {
		f.buf = append(f.buf, rest[from:]...)
	}
	f.rest = nil
	return nil, false
}

// flush returns the open object, cut short, and closes it.
func (f *framer) flush() []byte {
	v := f.buf
	f.buf, f.depth, f.inStr, f.esc = nil, 0, false, false
	return bytes.TrimSpace(v)
}
