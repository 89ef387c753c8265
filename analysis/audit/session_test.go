package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shellnet/shellnet/analysis/screen"
	"github.com/shellnet/shellnet/graph"
	"github.com/shellnet/shellnet/graph/sqlite"
)

// repeated is the supplier list n times over: more screenings than one
// batch of the trail holds.
func repeated(t *testing.T, n int) []screen.Query {
	var qs []screen.Query
	for range n {
		qs = append(qs, readSuppliers(t)...)
	}
	return qs
}

// TestScreenAllAppendFails screens more suppliers than a batch holds (the
// 12 of the list 100 times over) while the store refuses every record
// after the first batch (an SQLite trigger raises an error, as a full disk
// would): ScreenAll fails with the store's error, fn sees only the
// screenings in the trail, and the trail they are in verifies.
func TestScreenAllAppendFails(t *testing.T) {
	ctx := context.Background()
	s := sqliteStore(t)
	load(t, s, "2021-04")
	tr := openTrail(t, s)
	if got := len(screenList(t, s, tr, "first", readSuppliers(t))); got != 12 {
		t.Fatalf("%d screenings recorded, want 12", got)
	}
	db, err := sql.Open("sqlite", s.(*sqlite.Store).Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// a trigger takes no parameters: the bound is written in
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`CREATE TRIGGER refuse BEFORE INSERT ON audit WHEN NEW.seq > %d
BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`, 12+batch)); err != nil {
		t.Fatal(err)
	}
	sc, ss := session(t, s, tr)
	shown := 0
	err = ss.ScreenAll(ctx, sc, repeated(t, 100), Run{ID: "r2", List: "second", Who: "a", Via: "test"}, func(Screening) error {
		shown++
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "database or disk is full") {
		t.Fatalf("screening while the store refuses records: error %v, want the store's", err)
	}
	if shown != batch {
		t.Errorf("%d screenings shown, want the %d of the batch recorded", shown, batch)
	}
	holds(t, tr, 12+batch)
}

// TestScreenAllStops screens 1,200 suppliers with an fn that fails at the
// tenth screening shown: ScreenAll returns that error, the screening stops,
// and the batch recorded before it verifies.
func TestScreenAllStops(t *testing.T) {
	errStop := errors.New("the output is closed")
	onEachStore(t, func(t *testing.T, s graph.Store, tr *Trail) {
		sc, ss := session(t, s, tr)
		shown := 0
		err := ss.ScreenAll(context.Background(), sc, repeated(t, 100), Run{ID: "r1", List: "l", Who: "a", Via: "test"}, func(Screening) error {
			if shown++; shown == 10 {
				return errStop
			}
			return nil
		})
		if !errors.Is(err, errStop) || shown != 10 {
			t.Fatalf("error %v after %d screenings shown, want %v after 10", err, shown, errStop)
		}
		holds(t, tr, batch) // the first batch
	})
}

// TestScreenAllCancelled cancels the screening from fn: ScreenAll returns
// context.Canceled and what it recorded verifies.
func TestScreenAllCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := sqliteStore(t)
	load(t, s, "2021-04")
	tr := openTrail(t, s)
	sc, ss := session(t, s, tr)
	err := ss.ScreenAll(ctx, sc, repeated(t, 100), Run{ID: "r1", List: "l", Who: "a", Via: "test"}, func(Screening) error {
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	holds(t, tr, batch)
}

// TestLastRun records a run of a list, makes its first record unreadable
// (a body that is not JSON, as a damaged trail may hold), records more
// than runWindow other records and then two runs, of the list and of
// another: LastRun finds the second run of the list, with its 12
// screenings, without reading back as far as the damaged record.
func TestLastRun(t *testing.T) {
	onEachStore(t, func(t *testing.T, s graph.Store, tr *Trail) {
		ctx := context.Background()
		qs := readSuppliers(t)
		screenList(t, s, tr, "suppliers", qs)
		tamper(t, s, 1, `{"run":`, `["run":`)
		others := make([]Entry, 256)
		for i := range others {
			others[i] = Entry{Kind: KindRevocation, Body: Revocation{Decision: int64(i), Who: "w"}}
		}
		for range runWindow/len(others) + 1 {
			if _, err := tr.Append(ctx, others...); err != nil {
				t.Fatal(err)
			}
		}
		again := screenList(t, s, tr, "suppliers", qs)
		screenList(t, s, tr, "other", qs[:3])
		run, got, err := tr.LastRun(ctx, "suppliers")
		if err != nil {
			t.Fatal(err)
		}
		if run != again[0].Run || len(got) != 12 || got[11].Query.Name != again[11].Query.Name {
			t.Fatalf("last run %+v with %d screenings, want %+v with 12", run, len(got), again[0].Run)
		}
		if run, got, err := tr.LastRun(ctx, "never"); err != nil || run.ID != "" || len(got) != 0 {
			t.Fatalf("a list never screened: run %+v, %d screenings, %v", run, len(got), err)
		}
	})
}

// TestScreenAllPanics makes fn panic: the panic reaches ScreenAll's
// caller, as it would without the writer goroutine (a server recovers a
// handler's panics only in the handler's goroutine), and the batch
// recorded before it verifies.
func TestScreenAllPanics(t *testing.T) {
	s := sqliteStore(t)
	load(t, s, "2021-04")
	tr := openTrail(t, s)
	sc, ss := session(t, s, tr)
	defer func() {
		if p := recover(); p != "the connection broke" {
			t.Fatalf("recovered %v, want fn's panic", p)
		}
		holds(t, tr, batch)
	}()
	_ = ss.ScreenAll(context.Background(), sc, repeated(t, 100), Run{ID: "r1", List: "l", Who: "a", Via: "test"}, func(Screening) error {
		panic("the connection broke")
	})
	t.Fatal("ScreenAll returned")
}
