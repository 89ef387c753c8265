package ingest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileSeq(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	if err := os.WriteFile(a, []byte("\xef\xbb\xbfalpha\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("beta\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	s := NewFileSeq([]string{a, b, missing})
	for _, want := range []struct{ path, text string }{{a, "alpha\n"}, {b, "beta\n"}} {
		r, err := s.Next()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if s.Path() != want.path || string(got) != want.text {
			t.Errorf("file %s: read %q, want %s %q (byte order mark skipped)", s.Path(), got, want.path, want.text)
		}
	}
	if _, err := s.Next(); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("Next on a missing file: %v, want an error naming it", err)
	}
	if _, err := s.Next(); err != io.EOF {
		t.Errorf("Next after the last file: %v, want io.EOF", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
