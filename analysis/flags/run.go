package flags

import (
	"context"
	"fmt"
	"slices"

	"github.com/shellnet/shellnet/analysis/snapshot"
	"github.com/shellnet/shellnet/graph"
)

// Run detects the flags opt asks for on snap's projection (Detect), with
// the identifiers of every stored entity read from the snapshot's evidence
// when shared identifiers are among the kinds asked for, and names the
// store's links valid on the snapshot's day behind each flag
// (AttachLinkIDs).
func Run(ctx context.Context, snap *snapshot.Snapshot, opt Options) ([]Flag, error) {
	var attrs Attributes
	if len(opt.Kinds) == 0 || slices.Contains(opt.Kinds, SharedIdentifier) {
		err := snap.EachEntity(ctx, func(e graph.Entity) error { attrs.Add(&e, opt.Schemes); return nil })
		if err != nil {
			return nil, fmt.Errorf("analysis/flags: identifiers: %w", err)
		}
	}
	fs, err := Detect(snap.Projection(), attrs, opt)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return fs, nil
	}
	var links []graph.Link
	err = snap.Links(ctx, EntityIDs(fs), nil, func(l graph.Link) error {
		links = append(links, l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("analysis/flags: links of the flags: %w", err)
	}
	AttachLinkIDs(fs, links)
	return fs, nil
}
