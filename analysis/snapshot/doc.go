// Package snapshot is the one value every analysis runs on: a store's
// projection at a date, the sanctions state at that date, the name index,
// and an evidence reader bound to the same date, built once and read-only
// afterwards (DESIGN.md: store → projection → analysis → output).
package snapshot
