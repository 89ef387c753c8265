package server

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/shellnet/shellnet/analysis/paths"
	"github.com/shellnet/shellnet/graph"
)

// maxDatedPaths bounds the paths searched for when a day is asked for:
// the cheapest paths on every day are searched, then those whose every
// hop was valid on the day are kept.
const maxDatedPaths = 100

// pathsOn finds the paths q asks for as the network stood on day (every
// path when day is zero). The snapshot's projection does not date its
// links, so the search runs on the projection, for more paths than asked,
// and keeps the paths whose every hop has a store link valid on the day
// (graph.Link.Valid on the hop's records, which paths.Run reads for the
// paths' nodes only). It asks again for four times as many while fewer
// than K paths remain and the search found as many as it was asked for,
// up to maxDatedPaths: a path valid on the day that is not among the
// maxDatedPaths cheapest on every day is not found.
func pathsOn(ctx context.Context, e engine, q pathsQuery, day time.Time) (paths.Found, error) {
	if day.IsZero() {
		return e.Paths(ctx, q)
	}
	k := q.opt.K
	for ask := min(4*k, maxDatedPaths); ; ask = min(4*ask, maxDatedPaths) {
		q.opt.K = ask
		found, err := e.Paths(ctx, q)
		if err != nil {
			return found, err
		}
		all := len(found.Paths)
		found.Paths = slices.DeleteFunc(found.Paths, func(ev paths.Evidence) bool { return !validOn(ev, day) })
		if len(found.Paths) >= k || all < ask || ask == maxDatedPaths {
			found.Paths = found.Paths[:min(k, len(found.Paths))]
			return found, nil
		}
	}
}

// validOn reports whether every hop of ev has a store link valid on day;
// a hop with no store link behind it is taken as valid, as an undated
// link is.
func validOn(ev paths.Evidence, day time.Time) bool {
	for i := range ev.Links {
		recs := ev.Links[i].Records()
		if len(recs) > 0 && !slices.ContainsFunc(recs, func(l graph.Link) bool { return l.Valid(day) }) {
			return false
		}
	}
	return true
}

// dayParam reads the query's as_of, a day; zero when absent.
func dayParam(r *http.Request) (time.Time, error) {
	v := r.URL.Query().Get("as_of")
	if v == "" {
		return time.Time{}, nil
	}
	day, err := time.Parse("2006-01-02", v)
	if err != nil {
		return day, badRequest("as_of=%q: want a date as YYYY-MM-DD", v)
	}
	return day, nil
}
