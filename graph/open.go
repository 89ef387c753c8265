package graph

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
)

// DefaultStore is the store used when neither --store nor $SHELLNET_STORE is set.
const DefaultStore = "shellnet.db"

// Opener opens a store from its URI.
type Opener func(ctx context.Context, uri string) (Store, error)

var (
	mu      sync.RWMutex
	openers = map[string]Opener{}
)

// Register makes a backend available to Open under a URI scheme ("sqlite",
// "neo4j"…). It panics if the scheme is registered twice, as database/sql does.
func Register(scheme string, o Opener) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := openers[scheme]; dup {
		panic("graph: Register called twice for scheme " + scheme)
	}
	openers[scheme] = o
}

// Schemes lists the registered URI schemes.
func Schemes() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(openers))
	for s := range openers {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// ResolveURI returns uri, or $SHELLNET_STORE, or DefaultStore.
func ResolveURI(uri string) string {
	if uri != "" {
		return uri
	}
	if env := os.Getenv("SHELLNET_STORE"); env != "" {
		return env
	}
	return DefaultStore
}

// Open opens the store named by uri: a path or sqlite:PATH for the embedded
// store, neo4j://, neo4j+s://, bolt:// or bolt+s:// for Neo4j. The backend's
// package must be imported (for its side effect of registering).
func Open(ctx context.Context, uri string) (Store, error) {
	uri = ResolveURI(uri)
	scheme := "sqlite"
	if i := strings.Index(uri, "://"); i > 0 {
		scheme = uri[:i]
	} else if i := strings.Index(uri, ":"); i > 1 && !strings.ContainsAny(uri[:i], `/\.`) {
		scheme = uri[:i]
	}
	switch scheme {
	case "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc":
		scheme = "neo4j"
	case "file":
		scheme = "sqlite"
	}
	mu.RLock()
	o, ok := openers[scheme]
	mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("graph: unknown store scheme %q in %q (known: %s; for a file in the current folder use a plain path or sqlite:PATH; forgotten import of its package?)",
			scheme, redact(uri), strings.Join(Schemes(), ", "))
	}
	return o(ctx, uri)
}

// redact removes a password from a URI before it is shown.
func redact(uri string) string {
	i := strings.Index(uri, "://")
	if i < 0 {
		return uri
	}
	rest := uri[i+3:]
	at := strings.Index(rest, "@")
	if at < 0 {
		return uri
	}
	user := rest[:at]
	if c := strings.Index(user, ":"); c >= 0 {
		user = user[:c] + ":xxxxx"
	}
	return uri[:i+3] + user + rest[at:]
}

// Redact returns uri with any password in it replaced, for messages.
func Redact(uri string) string { return redact(uri) }
