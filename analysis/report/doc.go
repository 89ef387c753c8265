// Package report writes self-contained HTML reports: one page with the
// store's summary, brokers, communities, procurement paths, red flags and
// screening results, with every diagram inline as SVG and also saved as its
// own file. A report needs no network to open and is byte-identical for the
// same input. It also selects what a diagram drawn on its own shows (Draw):
// a neighbourhood, procurement paths or a community of a snapshot, with the
// evidence behind them and the parties blocked by ownership marked.
package report
