package ingest

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gzipped(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, p := range parts {
		z := gzip.NewWriter(&b)
		z.Write([]byte(p))
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// OpenFile decompresses by the magic bytes whatever the name, reads every
// member of a multi-member file as gunzip does, passes other files
// through, and names a damaged gzip header's file in its error.
func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		body []byte
		want string
	}{
		{"plain.csv", []byte("id,kind,name\n"), "id,kind,name\n"},
		{"renamed", gzipped(t, "id,kind,name\n"), "id,kind,name\n"},
		{"two-members.jsonl.gz", gzipped(t, "{\"a\":1}\n", "{\"b\":2}\n"), "{\"a\":1}\n{\"b\":2}\n"},
		{"gz-magic-only.txt", []byte{0x1f, 0x8b}, "\x1f\x8b"},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, c.body, 0o644); err != nil {
			t.Fatal(err)
		}
		rc, err := OpenFile(p)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || string(got) != c.want {
			t.Errorf("%s: read %q, %v; want %q", c.name, got, err, c.want)
		}
		head, name, err := readHead(p)
		if err != nil || string(head) != c.want || (strings.HasSuffix(c.name, ".gz") && name != strings.TrimSuffix(p, ".gz")) {
			t.Errorf("%s: head %q name %s, %v", c.name, head, name, err)
		}
	}
	bad := filepath.Join(dir, "bad.gz")
	if err := os.WriteFile(bad, []byte{0x1f, 0x8b, 0x08, 0xff}, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFile(bad); err == nil || !strings.Contains(err.Error(), "bad.gz") {
		t.Errorf("damaged header: %v, want an error naming the file", err)
	}
}

// Any bytes, gzip or not, damaged or not, open and read without a panic;
// a read error of a damaged stream is an error, not a short file.
func FuzzOpenFile(f *testing.F) {
	f.Add(gzipped(f, "id,kind,name\n"))
	f.Add([]byte("plain text\n"))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "in")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rc, err := OpenFile(p)
		if err != nil {
			return
		}
		defer rc.Close()
		got, err := io.ReadAll(rc)
		if err == nil && !IsGzip(b) && !bytes.Equal(got, b) {
			t.Fatalf("plain file read as %q", got)
		}
		_, _, _ = readHead(p)
	})
}
