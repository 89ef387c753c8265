package shodan

import (
	"bytes"

	"github.com/shellnet/shellnet/ingest"
)

func init() {
	ingest.RegisterFormat(ingest.Format{
		Name:    "shodan",
		Dataset: Dataset,
		Detect:  Detect,
		Open: func(paths []string, opt ingest.ReadOptions) (ingest.Reader, error) {
			return Open(paths, opt)
		},
	})
}

// Detect reports whether head opens Shodan output in one of the layouts
// the reader takes: a JSON object, or an array of them, with Shodan's
// ip_str key or the _shodan crawler metadata that every banner carries.
// For one object a line, the first line decides (FtM lines have id,
// schema and properties instead); for an object printed over many lines,
// whose first line holds only its brace, the rest of head does.
func Detect(path string, head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) > 0 && head[0] == '[' {
		head = bytes.TrimLeft(head[1:], " \t\r\n")
	}
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	if line, _, _ := bytes.Cut(head, []byte("\n")); len(bytes.TrimSpace(line)) > 1 {
		head = line
	}
	return bytes.Contains(head, []byte(`"ip_str"`)) || bytes.Contains(head, []byte(`"_shodan"`))
}
