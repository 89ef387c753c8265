package ofac

import "strings"

// nameIndex finds the entries of a load by name or alias, case-insensitive.
// Names come before aliases: "NATIONAL IRANIAN TANKER COMPANY" is one
// entry's name and another's alias, and a "Linked To" means the former.
type nameIndex struct {
	names, aliases map[string][]*entry
}

func newNameIndex() nameIndex {
	return nameIndex{names: map[string][]*entry{}, aliases: map[string][]*entry{}}
}

func (x nameIndex) add(e *entry) {
	put(x.names, e.f[1], e)
	for _, a := range e.alts {
		put(x.aliases, a.f[3], e)
	}
}

func put(m map[string][]*entry, name string, e *entry) {
	k := strings.ToUpper(strings.TrimSpace(name))
	for _, o := range m[k] {
		if o == e {
			return
		}
	}
	m[k] = append(m[k], e)
}

// resolve returns the one entry other than self named name, or nil and why
// not. A name that ends the remarks may carry their full stop ("Linked To:
// HIZBALLAH."), so the name is tried as written and then without it.
func (x nameIndex) resolve(name string, self *entry) (*entry, string) {
	k := strings.ToUpper(strings.TrimSpace(name))
	keys := []string{k}
	if t := strings.TrimSpace(strings.TrimSuffix(k, ".")); t != k {
		keys = append(keys, t)
	}
	for _, m := range []map[string][]*entry{x.names, x.aliases} {
		for _, k := range keys {
			switch cands := others(m[k], self); len(cands) {
			case 0:
				continue
			case 1:
				return cands[0], ""
			default:
				nums := make([]string, len(cands))
				for i, c := range cands {
					nums[i] = c.num
				}
				return nil, "which names several entries (" + strings.Join(nums, ", ") + ")"
			}
		}
	}
	return nil, "which names no entry or alias of this load"
}

func others(es []*entry, self *entry) []*entry {
	var out []*entry
	for _, e := range es {
		if e != self {
			out = append(out, e)
		}
	}
	return out
}
