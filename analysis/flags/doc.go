// Package flags finds the red flags of shell companies in a projection:
// many companies at one address, one director across many companies, an
// identifier or bank account shared by unrelated companies, circular
// ownership, and hubs on procurement paths; each flag with its evidence.
package flags
