package csv_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/ingest"
	"github.com/shellnet/shellnet/ingest/csv"
)

// FuzzCSVReader feeds arbitrary bytes to the reader: no panic; a file whose
// header is not shellnet's is refused as a whole; every row comes back as
// one entity or link, or as a *ingest.RecordError with its line; every
// record passes the pipeline's normalisation or is rejected by it with a
// RecordError. ingest's TestFuzzCorpora loads the corpus into the embedded
// store (kept out of this package so that fuzzing does not instrument
// SQLite).
func FuzzCSVReader(f *testing.F) {
	for _, name := range []string{"entities.csv", "links.csv", "bad.csv", "bad-links.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("id,kind,name,identifiers\nx,Company,X,\"a:b;c\"\n"))
	f.Add([]byte("from,to,type,amount,percentage,date\na,b,OWNS,1e309,-0,0000-00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		r, err := csv.NewReader(bytes.NewReader(data), "fuzz.csv", "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ingest/csv: fuzz.csv") {
				t.Fatalf("header error does not name the file: %v", err)
			}
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for n := 0; ; n++ {
			rec, err := r.Next(ctx)
			if err == io.EOF {
				break
			}
			if n > lines {
				t.Fatalf("more records than lines")
			}
			var re *ingest.RecordError
			if errors.As(err, &re) {
				if re.Pos.Line < 2 || re.Pos.Line > lines || re.Reason == "" {
					t.Fatalf("record error without its line or reason: %+v", re)
				}
				continue
			}
			if err != nil {
				t.Fatalf("not a record error: %v", err)
			}
			if len(rec.Entities)+len(rec.Links) != 1 || rec.Pos.Line < 2 {
				t.Fatalf("a row is one entity or one link, with its line: %+v", rec)
			}
			if err := ingest.NormaliseRecord(&rec); err != nil && !errors.As(err, &re) {
				t.Fatalf("normalising: not a record error: %v", err)
			}
		}
		r.Close()
	})
}
