package ofac

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// null is the legacy files' marker of an empty field ("-0- " with a
// trailing space; trimmed before comparison).
const null = "-0-"

// lineReader yields the lines of a legacy OFAC file with their numbers,
// without line ends, the trailing 0x1A byte or a byte order mark.
type lineReader struct {
	r    *bufio.Reader
	line int
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next non-empty line and its number, or io.EOF.
func (l *lineReader) next() (string, int, error) {
	for {
		b, err := l.r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: gather it whole.
			var long []byte
			long = append(long, b...)
			for errors.Is(err, bufio.ErrBufferFull) {
				b, err = l.r.ReadSlice('\n')
				long = append(long, b...)
			}
			b = long
		}
		if len(b) == 0 && err != nil {
			return "", l.line, err
		}
		l.line++
		if l.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		b = bytes.TrimRight(b, "\r\n\x1a")
		if len(bytes.TrimSpace(b)) == 0 {
			if err != nil {
				return "", l.line, err
			}
			continue
		}
		s := string(b)
		if !utf8.ValidString(s) {
			// Older lists were published in Windows-1252.
			if d, derr := charmap.Windows1252.NewDecoder().String(s); derr == nil {
				s = d
			}
		}
		return s, l.line, nil
	}
}

// splitLine splits one line of the legacy CSV into trimmed fields, "-0-"
// turned into "". Fields never span lines in these files, so a quote left
// open is an error of this line alone.
func splitLine(line string) ([]string, error) {
	var out []string
	i := 0
	for {
		k := i
		for k < len(line) && line[k] == ' ' {
			k++
		}
		if k < len(line) && line[k] == '"' {
			i = k
			var b strings.Builder
			i++
			closed := false
			for i < len(line) {
				c := line[i]
				if c == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					closed = true
					break
				}
				b.WriteByte(c)
				i++
			}
			if !closed {
				return nil, errors.New("unbalanced quote: a quoted field is not closed")
			}
			// Only spaces may follow the closing quote before the comma.
			for i < len(line) && line[i] == ' ' {
				i++
			}
			if i < len(line) && line[i] != ',' {
				return nil, errors.New("unbalanced quote: text follows a closing quote (is a quote missing or not doubled?)")
			}
			out = append(out, field(b.String()))
		} else {
			j := strings.IndexByte(line[i:], ',')
			var f string
			if j < 0 {
				f = line[i:]
			} else {
				f = line[i : i+j]
			}
			if strings.IndexByte(f, '"') >= 0 {
				return nil, errors.New("unbalanced quote: a quote inside an unquoted field")
			}
			out = append(out, field(f))
			if j < 0 {
				return out, nil
			}
			i += j
		}
		if i >= len(line) {
			return out, nil
		}
		i++ // the comma
	}
}

func field(s string) string {
	s = strings.TrimSpace(s)
	if s == null {
		return ""
	}
	return s
}
