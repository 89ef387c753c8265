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

// Detect reports whether head starts with a JSON object that has Shodan's
// ip_str key (as far as head reaches into the first line). FtM lines have
// id, schema and properties instead.
func Detect(path string, head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return bytes.Contains(line, []byte(`"ip_str"`))
}
