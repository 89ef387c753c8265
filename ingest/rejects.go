package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

// reject is one line of the rejects file.
type reject struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
	Raw    string `json:"raw"`
}

// rejectWriter writes rejected records as JSON lines, creating its file on
// the first one.
type rejectWriter struct {
	path string
	f    *os.File
	w    *bufio.Writer
	enc  *json.Encoder
}

func (r *rejectWriter) write(e *RecordError) error {
	if r.f == nil {
		f, err := os.Create(r.path)
		if err != nil {
			return fmt.Errorf("ingest: rejects file: %w (choose another with --rejects)", err)
		}
		r.f, r.w = f, bufio.NewWriter(f)
		r.enc = json.NewEncoder(r.w)
		r.enc.SetEscapeHTML(false)
	}
	return r.enc.Encode(reject{File: e.Pos.File, Line: e.Pos.Line, Field: e.Field, Reason: e.Reason, Raw: e.Raw})
}

// close flushes and closes the file, if one was created.
func (r *rejectWriter) close() error {
	if r.f == nil {
		return nil
	}
	err := r.w.Flush()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	r.f = nil
	if err != nil {
		return fmt.Errorf("ingest: rejects file: %w", err)
	}
	return nil
}
