// Package muxcore is the protocol-neutral core of the onebot11 and milky
// event Muxes: the route table with its first-match dispatch, the
// middleware chain, and the text matching behind the Command, Prefix and
// Regex matchers. Each protocol package keeps its own public types (Event,
// Handler, Matcher, Match) and builds them on these pieces.
package muxcore

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Route is one entry of a [Router]: Accept checks the event's type, then
// every matcher must accept the event (recording what it found in the
// route's match value M) before Handle runs.
type Route[E any, F ~func(context.Context, E, *M) bool, M any] struct {
	Accept   func(ev E) bool
	Matchers []F
	Handle   func(ctx context.Context, ev E) error
}

// Router is a route table tried in registration order. It is safe for
// concurrent use; routes may be added and removed while it dispatches
// (the table is copied on write).
type Router[E any, F ~func(context.Context, E, *M) bool, M any] struct {
	mu     sync.RWMutex
	routes []*Route[E, F, M]
}

// Add appends r (its matchers are copied) and returns a function removing
// it.
func (t *Router[E, F, M]) Add(r Route[E, F, M]) (remove func()) {
	r.Matchers = slices.Clone(r.Matchers)
	p := &r
	t.mu.Lock()
	t.routes = append(slices.Clip(t.routes), p)
	t.mu.Unlock()
	return func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		if i := slices.Index(t.routes, p); i >= 0 {
			t.routes = slices.Delete(slices.Clone(t.routes), i, i+1)
		}
	}
}

// Dispatch runs the first route that accepts ev, with a context carrying
// the route's match value under key; it returns nil when no route does.
// The match value is allocated once per dispatch; reset clears it between
// the routes tried (and may keep what is cached about the event).
func (t *Router[E, F, M]) Dispatch(ctx context.Context, ev E, key any, reset func(*M)) error {
	t.mu.RLock()
	routes := t.routes
	t.mu.RUnlock()
	var mt *M
	for _, r := range routes {
		if !r.Accept(ev) {
			continue
		}
		if mt == nil {
			mt = new(M)
		} else {
			reset(mt)
		}
		if matchAll(ctx, ev, mt, r.Matchers) {
			return r.Handle(context.WithValue(ctx, key, mt), ev)
		}
	}
	return nil
}

func matchAll[E any, F ~func(context.Context, E, *M) bool, M any](ctx context.Context, ev E, mt *M, fs []F) bool {
	for _, f := range fs {
		if !f(ctx, ev, mt) {
			return false
		}
	}
	return true
}

// Chain is a list of middleware over handlers of type H; the first added
// is the outermost. It is safe for concurrent use.
type Chain[H any, MW ~func(H) H] struct {
	mu sync.RWMutex
	mw []MW
}

// Use appends middleware.
func (c *Chain[H, MW]) Use(mw ...MW) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.mw = append(slices.Clip(c.mw), mw...)
}

// Wrap returns h wrapped in the middleware.
func (c *Chain[H, MW]) Wrap(h H) H {
	c.mu.RLock()
	mw := c.mw
	c.mu.RUnlock()
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// Command reports whether text's first word (up to white space) is one of
// names, and returns it and the rest of the text, trimmed. An empty text
// never matches.
func Command(text string, names []string) (name, args string, ok bool) {
	word, rest := text, ""
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		word, rest = text[:i], text[i:]
	}
	if word == "" || !slices.Contains(names, word) {
		return "", "", false
	}
	return word, strings.TrimSpace(rest), true
}

// Prefix reports whether text starts with one of prefixes (the first that
// does wins), and returns it and the rest of the text, trimmed.
func Prefix(text string, prefixes []string) (prefix, args string, ok bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(text, p); ok {
			return p, strings.TrimSpace(rest), true
		}
	}
	return "", "", false
}

// Regex returns re's submatches in text (nil when it does not match) and
// the named ones (nil when re has no named group).
func Regex(re *regexp.Regexp, text string) (captures []string, named map[string]string) {
	sub := re.FindStringSubmatch(text)
	if sub == nil {
		return nil, nil
	}
	for i, name := range re.SubexpNames() {
		if name != "" {
			if named == nil {
				named = map[string]string{}
			}
			named[name] = sub[i]
		}
	}
	return sub, named
}
