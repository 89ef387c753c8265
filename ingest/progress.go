package ingest

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws a bar on stderr for each phase of a load, or nothing.
type progress struct {
	on  bool
	bar *progressbar.ProgressBar
}

func newProgress(on bool) *progress { return &progress{on: on} }

// start begins a phase; total -1 means unknown (a counter is shown).
func (p *progress) start(desc string, total int) {
	if !p.on {
		return
	}
	p.finish()
	p.bar = progressbar.NewOptions64(int64(total),
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *progress) set(n int) {
	if p.bar != nil {
		_ = p.bar.Set(n)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}
