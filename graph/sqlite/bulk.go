package sqlite

import (
	"context"
	"database/sql"
	"runtime"
	"strings"
	"sync"
)

// rowsPer is the number of rows an inserter writes per statement: one
// statement of many rows costs far less than as many statements of one.
const rowsPer = 64

// inserter writes rows to one table in multi-row INSERT statements.
type inserter struct {
	ctx   context.Context
	tx    *sql.Tx
	width int
	many  *sql.Stmt
	one   *sql.Stmt
	args  []any
}

func newInserter(ctx context.Context, tx *sql.Tx, verb, table string, cols ...string) (*inserter, error) {
	head := verb + " INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES "
	row := "(" + placeholders(len(cols)) + ")"
	many, err := tx.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(row+",", rowsPer), ","))
	if err != nil {
		return nil, err
	}
	one, err := tx.PrepareContext(ctx, head+row)
	if err != nil {
		many.Close()
		return nil, err
	}
	return &inserter{ctx: ctx, tx: tx, width: len(cols), many: many, one: one, args: make([]any, 0, rowsPer*len(cols))}, nil
}

// add queues one row, writing a full statement's worth when it has one.
func (b *inserter) add(vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < rowsPer*b.width {
		return nil
	}
	_, err := b.many.ExecContext(b.ctx, b.args...)
	clear(b.args)
	b.args = b.args[:0]
	return err
}

// flush writes the queued rows.
func (b *inserter) flush() error {
	for lo := 0; lo < len(b.args); lo += b.width {
		if _, err := b.one.ExecContext(b.ctx, b.args[lo:lo+b.width]...); err != nil {
			return err
		}
	}
	clear(b.args)
	b.args = b.args[:0]
	return nil
}

func (b *inserter) close() {
	b.many.Close()
	b.one.Close()
}

// parallel calls fn(i) for i in [0, n) on all processors; the preparation
// of records (merging, encoding) runs there while SQLite, which is single
// threaded per connection, waits for nothing else.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/256+1)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*per, min((w+1)*per, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// maxRow returns the highest row number of table; new rows are numbered
// after it (rows are never deleted).
func maxRow(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(n), 0) FROM `+table).Scan(&n)
	return n, err
}
