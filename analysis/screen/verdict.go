package screen

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Verdict is the outcome of screening one name, from the weakest to the
// strongest.
type Verdict uint8

const (
	Clear      Verdict = iota // nothing sanctioned within reach
	Review                    // reached only through a weak or shared-attribute link, or an uncertain name match
	Linked                    // a path of control, payment or trade links reaches a sanctioned party
	Sanctioned                // listed, or blocked by ownership (or control, under the EU rule)
)

var verdictNames = [...]string{"clear", "review", "linked", "sanctioned"}

func (v Verdict) String() string { return verdictNames[v] }

// MarshalJSON writes the verdict's name.
func (v Verdict) MarshalJSON() ([]byte, error) { return json.Marshal(v.String()) }

// UnmarshalJSON reads a verdict's name.
func (v *Verdict) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	p, err := ParseVerdict(s)
	*v = p
	return err
}

// ParseVerdict reads "sanctioned", "linked", "review" or "clear".
func ParseVerdict(s string) (Verdict, error) {
	for i, n := range verdictNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Verdict(i), nil
		}
	}
	return 0, fmt.Errorf("screen: verdict %q: want sanctioned, linked, review or clear", s)
}
