// Package audit keeps the compliance record of screening: an append-only,
// hash-chained trail of every screening (who, when, what was asked, on
// which dataset releases, with which settings, what came back) and of
// analysts' decisions, kept in the store beside the data it refers to;
// verification that names the first broken record, export by date range,
// replay of a past screening, decisions that clear a false positive until
// the facts behind it change, and the changes between two runs of a list
// with their causes.
package audit
