package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/shellnet/shellnet/graph"
)

// A load is a release of each dataset it reads. A release records its
// files' SHA-256, the date the source states and when it was loaded. When
// a release replaces its dataset (Options.Replace, by default the formats
// whose files are whole releases: a sanctions list as published), the
// store holds exactly its facts for that dataset afterwards: what the
// dataset said before of an entity the release still has is refreshed,
// and a stored entity the release no longer has is withdrawn from the
// dataset, not deleted. A withdrawn entity keeps its names, identifiers
// and the facts of other datasets; it loses the dataset's sources and
// listings, and with its last listing the sanction tag, and records
// when and by which release it was withdrawn (props withdrawn_from,
// delisted, delisted_by, listed).

// Property names of withdrawals.
const (
	PropWithdrawnFrom = "withdrawn_from"     // datasets whose releases no longer have the entity
	PropDelisted      = "delisted"           // day of the release that dropped its last listing
	PropDelistedBy    = "delisted_by"        // that release (graph.Release.Label)
	PropListed        = "listed"             // whether it is listed after the withdrawal
	PropWithdrawn     = "withdrawn_listings" // the listings the withdrawals took away
)

// groupInfo is what a load records of each group of files for releases.
type groupInfo struct {
	files    []graph.ReleaseFile
	stated   string
	whole    bool            // its format's files are whole releases
	datasets map[string]bool // datasets its entities came from
}

// hashGroup records the SHA-256 and stated date of each file of g.
func hashGroup(g group) (groupInfo, error) {
	gi := groupInfo{whole: g.format.WholeRelease, datasets: map[string]bool{}}
	for _, p := range g.paths {
		f, err := os.Open(p)
		if err != nil {
			return gi, fmt.Errorf("ingest: %w", err)
		}
		head := make([]byte, HeadSize)
		n, _ := io.ReadFull(f, head)
		h := sha256.New()
		h.Write(head[:n])
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return gi, fmt.Errorf("ingest: hash %s: %w", p, err)
		}
		gi.files = append(gi.files, graph.ReleaseFile{Name: p, SHA256: hex.EncodeToString(h.Sum(nil))})
		if g.format.Stated != nil {
			gi.stated = max(gi.stated, g.format.Stated(head[:n]))
		}
	}
	return gi, nil
}

// Day returns the YYYY-MM-DD day that starts a date or timestamp, or ""
// when s does not start with one.
func Day(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// replaces reports whether the load replaces the datasets of group gi.
func (l *loader) replaces(gi *groupInfo) bool {
	switch l.opt.Replace {
	case ReplaceAll:
		return true
	case ReplaceNone:
		return false
	}
	return gi.whole
}

// planReleases builds the release of each dataset of the load, from what
// was read and resolved; it must run before write consumes the entities.
func (l *loader) planReleases() {
	byDS := map[string]*graph.Release{}
	var order []string
	now := time.Now().UTC()
	for gi := range l.groups {
		g := &l.groups[gi]
		dss := make([]string, 0, len(g.datasets))
		for ds := range g.datasets {
			dss = append(dss, ds)
		}
		slices.Sort(dss)
		for _, ds := range dss {
			r, ok := byDS[ds]
			if !ok {
				r = &graph.Release{Dataset: ds, Loaded: now}
				byDS[ds] = r
				order = append(order, ds)
			}
			r.Files = append(r.Files, g.files...)
			r.Stated = max(r.Stated, g.stated)
			r.Replace = r.Replace || l.replaces(g)
		}
	}
	if len(order) == 0 {
		return
	}
	l.inRelease = map[string]map[string]bool{}
	for _, ds := range order {
		if byDS[ds].Replace {
			l.inRelease[ds] = map[string]bool{}
		}
	}
	lastChange := map[string]string{}
	for i := range l.ents {
		e := &l.ents[i].e
		if l.ents[i].dead || e.Kind == "" {
			continue
		}
		lc := Day(propString(e.Props["last_change"]))
		for j, src := range e.Sources {
			r := byDS[src.Dataset]
			if r == nil || slices.ContainsFunc(e.Sources[:j], func(s graph.Source) bool { return s.Dataset == src.Dataset }) {
				continue
			}
			r.Entities++
			if set := l.inRelease[src.Dataset]; set != nil {
				set[e.ID] = true
			}
			lastChange[src.Dataset] = max(lastChange[src.Dataset], lc)
		}
	}
	l.linksInRelease = map[string]map[string]bool{}
	for ds := range l.inRelease {
		l.linksInRelease[ds] = map[string]bool{}
	}
	if len(l.inRelease) > 0 {
		for lf := range l.links.all() {
			for _, src := range l.withSource(*lf).Sources {
				if set := l.linksInRelease[src.Dataset]; set != nil {
					set[lf.l.ID] = true
				}
			}
		}
	}
	for absorbed, canonical := range l.alias {
		for _, set := range l.inRelease {
			if set[canonical] {
				set[absorbed] = true
			}
		}
	}
	for _, ds := range order {
		r := byDS[ds]
		if r.Stated == "" {
			r.Stated = lastChange[ds]
		}
		if r.Stated == "" && r.Replace {
			l.note(fmt.Sprintf("%s: the source states no date of its own; the release is dated by its load (%s)", ds, now.Format("2006-01-02")))
		}
		l.releases = append(l.releases, *r)
	}
}

func propString(v any) string {
	s, _ := v.(string)
	return s
}

// refreshReleases writes the stored entities that a replacing release
// still has as the release leaves them: what their dataset said before
// (its sources, listings and withdrawal marks) replaced by what the
// release says, so that the store holds exactly its facts.
func (l *loader) refreshReleases(ctx context.Context) error {
	if len(l.inRelease) == 0 || l.storeEmpty {
		return nil
	}
	var ids []string
	for _, set := range l.inRelease {
		for id := range set {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if err := l.fetch(ctx, ids); err != nil {
		return err
	}
	var batch []graph.Entity
	var written []int32
	for _, id := range ids {
		se := l.stored[id]
		if se == nil {
			continue
		}
		e := *se
		for ds, set := range l.inRelease {
			if set[id] {
				e = strip(e, ds)
				e.Props = withoutWithdrawal(e.Props, ds)
			}
		}
		if i, ok := l.index[id]; ok && !l.ents[i].dead {
			// the entity as the release leaves it, written here in one
			// step (a load killed midway never leaves it stripped), unless
			// the release says again what the store holds
			if len(e.Sources) == 0 {
				// the release is all that speaks of it: it is as the
				// release says, with its earlier names and identifiers
				// kept (as aliases) for the look-ups that find it
				e = graph.KeepIndexed(e, l.ents[i].e)
				e = graph.Merge(graph.Entity{ID: id}, e)
			} else {
				e = graph.Merge(e, l.ents[i].e)
			}
			if sameEntity(&e, se) {
				continue
			}
			written = append(written, i)
		} else if sameEntity(&e, se) {
			continue
		}
		batch = append(batch, e)
	}
	if err := l.replaceAll(ctx, batch); err != nil {
		return err
	}
	for _, i := range written {
		l.ents[i].dead = true // written: write leaves it alone
	}
	l.counts.Entities += len(written)
	return nil
}

// finishReleases withdraws what each replacing release no longer has and
// records the releases.
func (l *loader) finishReleases(ctx context.Context) error {
	for i := range l.releases {
		r := &l.releases[i]
		set := l.inRelease[r.Dataset]
		if r.Replace && set != nil && !l.storeEmpty {
			var batch []graph.Entity
			err := l.store.Entities(ctx, graph.Filter{Datasets: []string{r.Dataset}}, func(e graph.Entity) error {
				if !set[e.ID] {
					batch = append(batch, withdraw(e, r))
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("ingest: store: %w", err)
			}
			if err := l.replaceAll(ctx, batch); err != nil {
				return err
			}
			r.Withdrawn = len(batch)
			l.counts.Withdrawn += len(batch)
			if err := l.withdrawLinks(ctx, r); err != nil {
				return err
			}
		}
		if err := l.store.AddRelease(ctx, *r); err != nil {
			return fmt.Errorf("ingest: record release of %s: %w", r.Dataset, err)
		}
	}
	l.counts.Releases = l.releases
	return nil
}

// withdrawLinks deletes the stored links that only the dataset of r spoke
// of and that r no longer has; a link another dataset speaks of too stays.
func (l *loader) withdrawLinks(ctx context.Context, r *graph.Release) error {
	set := l.linksInRelease[r.Dataset]
	var gone []string
	err := l.store.Links(ctx, graph.Filter{Datasets: []string{r.Dataset}}, func(k graph.Link) error {
		if !set[k.ID] && !slices.ContainsFunc(k.Sources, func(s graph.Source) bool { return s.Dataset != r.Dataset }) {
			gone = append(gone, k.ID)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("ingest: store: %w", err)
	}
	for lo := 0; lo < len(gone); lo += l.opt.BatchSize {
		if err := l.store.DeleteLinks(ctx, gone[lo:min(lo+l.opt.BatchSize, len(gone))]); err != nil {
			return fmt.Errorf("ingest: withdraw links: %w", err)
		}
	}
	r.WithdrawnLinks = len(gone)
	return nil
}

func (l *loader) replaceAll(ctx context.Context, es []graph.Entity) error {
	for lo := 0; lo < len(es); lo += l.opt.BatchSize {
		if err := l.store.ReplaceEntities(ctx, es[lo:min(lo+l.opt.BatchSize, len(es))]); err != nil {
			return fmt.Errorf("ingest: withdraw: %w", err)
		}
	}
	return nil
}

// strip returns e without the sources and listings of dataset ds.
func strip(e graph.Entity, ds string) graph.Entity {
	out := e.Clone()
	out.Sources = slices.DeleteFunc(out.Sources, func(s graph.Source) bool { return s.Dataset == ds })
	out.Sanctions = slices.DeleteFunc(out.Sanctions, func(s graph.Sanction) bool { return s.Dataset == ds })
	return out
}

// withdraw returns e as it stands once release r no longer has it: r's
// dataset's sources and listings gone and, when no listing is left and no
// other dataset speaks of it, the sanction tag too; the withdrawal
// recorded in its properties.
func withdraw(e graph.Entity, r *graph.Release) graph.Entity {
	was := e.Listed()
	out := strip(e, r.Dataset)
	var gone []string
	for _, sn := range e.Sanctions {
		if sn.Dataset == r.Dataset {
			gone = append(gone, strings.TrimSpace(sn.Authority+" "+sn.Program+" "+sn.Reference))
		}
	}
	if len(gone) > 0 {
		out.SetProp(PropWithdrawn, unionStrings(out.Props[PropWithdrawn], gone))
	}
	if len(out.Sanctions) == 0 && len(out.Sources) == 0 {
		out.Tags = slices.DeleteFunc(out.Tags, func(t string) bool { return t == graph.TagSanction })
	}
	out.SetProp(PropWithdrawnFrom, unionStrings(out.Props[PropWithdrawnFrom], []string{r.Dataset}))
	out.SetProp(PropListed, out.Listed())
	if was && !out.Listed() {
		day := r.Stated
		if day == "" {
			day = r.Loaded.Format("2006-01-02")
		}
		out.SetProp(PropDelisted, day)
		out.SetProp(PropDelistedBy, r.Label())
	}
	return out
}

// withoutWithdrawal removes the marks of a withdrawal from ds.
func withoutWithdrawal(props map[string]any, ds string) map[string]any {
	from := unionStrings(props[PropWithdrawnFrom], nil)
	if !slices.Contains(from, ds) {
		return props
	}
	out := make(map[string]any, len(props))
	for k, v := range props {
		out[k] = v
	}
	from = slices.DeleteFunc(from, func(s string) bool { return s == ds })
	if len(from) > 0 {
		out[PropWithdrawnFrom] = from
		return out
	}
	for _, k := range []string{PropWithdrawnFrom, PropDelisted, PropDelistedBy, PropListed, PropWithdrawn} {
		delete(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func sameEntity(a, b *graph.Entity) bool {
	x, err := json.Marshal(a)
	if err != nil {
		return false
	}
	y, err := json.Marshal(b)
	return err == nil && bytes.Equal(x, y)
}
