package sanctions

import (
	"context"
	"fmt"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// StoreSource reads the holdings of sanctioned parties from s, a round of
// the fixed point at a time: the links of the rule's holding types that
// touch the owners asked about and are valid on asOf (any day when zero).
func StoreSource(ctx context.Context, s graph.Store, p *graph.Projection, rule Rule, asOf time.Time) Source {
	types := rule.HoldingTypes()
	return func(owners []int32) ([]Holding, error) {
		var out []Holding
		for lo := 0; lo < len(owners); lo += storeBatch {
			chunk := owners[lo:min(lo+storeBatch, len(owners))]
			ids := make([]string, len(chunk))
			for i, o := range chunk {
				ids[i] = p.Nodes[o].ID
			}
			err := s.Links(ctx, graph.Filter{IDs: ids, Types: types, AsOf: asOf}, func(l graph.Link) error {
				if h, ok := HoldingOf(&l, p.Index); ok {
					out = append(out, h)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		return out, nil
	}
}

// storeBatch is the number of entity IDs asked of the store at once.
const storeBatch = 500

// FromStore finds who in p is listed or blocked under rule: the fixed
// point of Compute, with the holdings of the parties found sanctioned so
// far read from s round by round (StoreSource), so that a store is read
// for the sanctioned parties' holdings only.
func FromStore(ctx context.Context, s graph.Store, p *graph.Projection, rule Rule, asOf time.Time) (*Result, error) {
	listed := make([]bool, p.Len())
	for i := range p.Nodes {
		listed[i] = p.Nodes[i].Listed
	}
	res, err := Compute(listed, StoreSource(ctx, s, p, rule, asOf), rule)
	if err != nil {
		return nil, fmt.Errorf("analysis/sanctions: parties blocked under the %s rule: %w", rule, err)
	}
	return res, nil
}
