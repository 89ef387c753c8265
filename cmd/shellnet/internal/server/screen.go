package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/shellnet/shellnet/analysis/screen"
)

// screenLine is one supplier of an NDJSON list.
type screenLine struct {
	Name       string `json:"name"`
	ID         string `json:"id"`
	Country    string `json:"country"`
	Reference  string `json:"reference"`
	BirthDate  string `json:"birth_date"`
	Identifier string `json:"identifier"`
}

// handleScreen reads the whole list first (so that a bad row is a 400
// before anything is screened), then streams one result a line, each
// flushed as it is written.
func handleScreen(s *Server, w http.ResponseWriter, r *http.Request, e engine) error {
	qs, err := readList(r, s.cfg.MaxScreen)
	if err != nil {
		return err
	}
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err = e.ScreenAll(r.Context(), qs, func(res screen.Result) error {
		_ = rc.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
		if err := enc.Encode(res); err != nil {
			return err
		}
		return rc.Flush()
	})
	if err != nil && r.Context().Err() == nil {
		// the status is sent: the stream ends with the error instead
		_, msg := statusOf(err)
		_ = enc.Encode(errorBody{msg})
	}
	return err
}

// readList reads an NDJSON or CSV supplier list, by the request's content
// type (NDJSON unless it says CSV).
func readList(r *http.Request, maxNames int) ([]screen.Query, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var qs []screen.Query
	if ct == "text/csv" {
		var err error
		if qs, err = screen.ReadQueries(r.Body, "request body"); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, err
			}
			return nil, badRequest("%v", err)
		}
	} else {
		sc := bufio.NewScanner(r.Body)
		sc.Buffer(nil, 64<<10)
		line := 0
		for sc.Scan() {
			line++
			b := strings.TrimSpace(sc.Text())
			if b == "" {
				continue
			}
			var l screenLine
			if err := json.Unmarshal([]byte(b), &l); err != nil {
				return nil, badRequest("line %d: %v: want one JSON object a line, {\"name\": \"...\"}, or send CSV as text/csv", line, err)
			}
			if l.Name = strings.TrimSpace(l.Name); l.Name == "" {
				return nil, badRequest("line %d: empty name: fill it in or delete the line", line)
			}
			qs = append(qs, screen.Query{Name: l.Name, ID: l.ID, Country: l.Country, Reference: l.Reference, BirthDate: l.BirthDate, Identifier: l.Identifier, Line: line})
			if len(qs) > maxNames {
				return nil, badRequest("more than %d names: split the list", maxNames)
			}
		}
		if err := sc.Err(); err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, err
			}
			return nil, badRequest("line %d: %v", line+1, err)
		}
	}
	if len(qs) == 0 {
		return nil, badRequest("no names: send one JSON object a line, {\"name\": \"...\"}, or CSV with a name column as text/csv")
	}
	if len(qs) > maxNames {
		return nil, badRequest("%d names: at most %d a request; split the list", len(qs), maxNames)
	}
	for _, q := range qs {
		if len(q.Name) > maxNameBytes {
			return nil, badRequest("line %d: a name of %d bytes: at most %d", q.Line, len(q.Name), maxNameBytes)
		}
	}
	return qs, nil
}
