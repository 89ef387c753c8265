package ftm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/ftm"
)

// FuzzFTMReader feeds arbitrary bytes to the reader: it must not panic,
// every line must come back as a record or a *ingest.RecordError carrying
// its line, and every record must either pass the pipeline's normalisation
// as valid entities and links or be rejected by it with a RecordError.
// ingest's TestFuzzCorpora loads the corpus into the embedded store (kept
// out of this package so that fuzzing does not instrument SQLite).
func FuzzFTMReader(f *testing.F) {
	for _, name := range []string{"testdata/opensanctions.ftm.jsonl", "testdata/bad.ftm.jsonl"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range bytes.Split(b, []byte("\n")) {
			f.Add(line)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","schema":"Company","properties":{"name":"One","country":[null,1,true,"kp"]}}`))
	f.Add([]byte(`{"id":"o","schema":"Ownership","properties":{"owner":["a","b"],"asset":["x"],"percentage":["NaN"]}}`))
	f.Add([]byte("{\"id\":\"\\u0000\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\\ud800\"]}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		r := ftm.NewReader(bytes.NewReader(data), "fuzz.ftm.jsonl", "")
		lines := bytes.Count(data, []byte("\n")) + 1
		records := 0
		for {
			rec, err := r.Next(ctx)
			if err == io.EOF {
				break
			}
			records++
			if records > lines {
				t.Fatalf("more records than lines")
			}
			var re *ingest.RecordError
			if errors.As(err, &re) {
				if re.Pos.Line < 1 || re.Pos.Line > lines || re.Reason == "" {
					t.Fatalf("record error without a line or reason: %+v", re)
				}
				continue
			}
			if err != nil {
				t.Fatalf("not a record error: %v", err)
			}
			if err := ingest.NormaliseRecord(&rec); err != nil {
				if !errors.As(err, &re) {
					t.Fatalf("normalising: not a record error: %v", err)
				}
				continue
			}
			for _, e := range rec.Entities {
				if e.ID == "" || (e.Kind != "" && !e.Kind.Valid()) {
					t.Fatalf("normalised entity is not valid: %+v", e)
				}
				if _, err := json.Marshal(e); err != nil {
					t.Fatalf("entity cannot be stored: %v", err)
				}
			}
			for _, l := range append(rec.Links, rec.Hints...) {
				if l.ID == "" || l.From == "" || l.To == "" || !l.Type.Valid() {
					t.Fatalf("normalised link is not valid: %+v", l)
				}
			}
		}
	})
}
