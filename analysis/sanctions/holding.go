package sanctions

import (
	"math"
	"strconv"
	"strings"

	"github.com/shellnet/shellnet/graph"
)

// Holding is one party's stake in, or control of, another, by dense node
// index (a projection's numbering).
type Holding struct {
	Owner, Asset int32 // the holder or controller, and what it holds
	Type         graph.LinkType
	// Percentage is the share of Asset that Owner holds, 0 to 100, for
	// OWNS; NaN when the source gives none. HOLDS_ACCOUNT counts as 100
	// (the account is the holder's property); DIRECTS and REPRESENTS carry
	// no share.
	Percentage float64
	Link       string // the link's ID, for evidence
}

// HoldingOf reads the holding a link makes, with nodes numbered by index;
// ok is false when the link makes none (another type, an end not indexed).
func HoldingOf(l *graph.Link, index func(id string) (int32, bool)) (Holding, bool) {
	fromEnd, ok := Controller(l.Type)
	if !ok {
		return Holding{}, false
	}
	owner, asset := l.From, l.To
	if !fromEnd {
		owner, asset = l.To, l.From
	}
	o, ok1 := index(owner)
	a, ok2 := index(asset)
	if !ok1 || !ok2 || o == a {
		return Holding{}, false
	}
	h := Holding{Owner: o, Asset: a, Type: l.Type, Percentage: math.NaN(), Link: l.ID}
	switch l.Type {
	case graph.Owns:
		h.Percentage = Percentage(l.Props["percentage"])
	case graph.HoldsAccount:
		h.Percentage = 100
	}
	return h, true
}

// Percentage reads an ownership share as sources write it: a number, or a
// string such as "50", "50%", "50.5 %" or "50,5". Shares are in percent (FtM's
// Ownership.percentage is); a value outside [0, 100] or unreadable is NaN.
func Percentage(v any) float64 {
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case float32:
		f = float64(x)
	case int:
		f = float64(x)
	case int64:
		f = float64(x)
	case string:
		s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(x), "%"))
		s = strings.ReplaceAll(s, ",", ".")
		var err error
		if f, err = strconv.ParseFloat(s, 64); err != nil {
			return math.NaN()
		}
	case []any: // a multi-valued property: the first value
		if len(x) > 0 {
			return Percentage(x[0])
		}
		return math.NaN()
	case []string:
		if len(x) > 0 {
			return Percentage(x[0])
		}
		return math.NaN()
	default:
		return math.NaN()
	}
	if math.IsNaN(f) || f < 0 || f > 100 {
		return math.NaN()
	}
	return f
}
