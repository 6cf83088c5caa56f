package muxcore

import (
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTextMatching(t *testing.T) {
	names := []string{"/echo", "/e"}
	for _, c := range []struct {
		text, name, args string
		ok               bool
	}{
		{"/echo", "/echo", "", true},
		{"/echo  hi there ", "/echo", "hi there", true},
		{"/e\tx", "/e", "x", true},
		{"/echoes", "", "", false},
		{"", "", "", false},
		{"echo /echo", "", "", false},
	} {
		name, args, ok := Command(c.text, names)
		assert.Equal(t, []any{c.name, c.args, c.ok}, []any{name, args, ok}, "Command(%q)", c.text)
	}
	_, _, ok := Command("", []string{""})
	assert.False(t, ok, "an empty text is no command, even the empty one")

	p, args, ok := Prefix("!!roll 2d6", []string{"!", "!!"})
	assert.Equal(t, []any{"!", "!roll 2d6", true}, []any{p, args, ok}, "the first prefix that matches wins")
	_, _, ok = Prefix("roll", []string{"!"})
	assert.False(t, ok)

	caps, named := Regex(regexp.MustCompile(`^roll (?P<n>\d+)d(\d+)$`), "roll 2d6")
	assert.Equal(t, []string{"roll 2d6", "2", "6"}, caps)
	assert.Equal(t, map[string]string{"n": "2"}, named)
	caps, named = Regex(regexp.MustCompile(`x`), "y")
	assert.Nil(t, caps)
	assert.Nil(t, named)
	_, named = Regex(regexp.MustCompile(`(a)`), "a")
	assert.Nil(t, named, "no named group, no map")
}

type match struct{ n int }

type matcher func(context.Context, string, *match) bool

type key struct{}

func TestRouterFirstMatchAndRemove(t *testing.T) {
	var r Router[string, matcher, match]
	var got []string
	record := func(name string) func(context.Context, string) error {
		return func(ctx context.Context, ev string) error {
			m := ctx.Value(key{}).(*match)
			got = append(got, name+":"+ev+":"+string(rune('0'+m.n)))
			return nil
		}
	}
	count := matcher(func(_ context.Context, _ string, m *match) bool { m.n++; return true })
	never := matcher(func(_ context.Context, _ string, m *match) bool { m.n += 5; return false })
	isA := func(ev string) bool { return ev == "a" }
	all := func(string) bool { return true }

	rmFirst := r.Add(Route[string, matcher, match]{Accept: isA, Matchers: []matcher{count, never}, Handle: record("first")})
	r.Add(Route[string, matcher, match]{Accept: isA, Matchers: []matcher{count}, Handle: record("second")})
	r.Add(Route[string, matcher, match]{Accept: all, Handle: record("rest")})
	reset := func(m *match) { *m = match{} }

	require.NoError(t, r.Dispatch(context.Background(), "a", key{}, reset))
	require.NoError(t, r.Dispatch(context.Background(), "b", key{}, reset))
	rmFirst()
	rmFirst() // a second call is harmless
	require.NoError(t, r.Dispatch(context.Background(), "a", key{}, reset))
	assert.Equal(t, []string{"second:a:1", "rest:b:0", "second:a:1"}, got,
		"the match value is reset between routes; a removed route is skipped")

	var empty Router[string, matcher, match]
	assert.NoError(t, empty.Dispatch(context.Background(), "a", key{}, reset))
}

func TestChainOrder(t *testing.T) {
	type h func(string) string
	type mw func(h) h
	var c Chain[h, mw]
	wrap := func(tag string) mw {
		return func(next h) h { return func(s string) string { return tag + "(" + next(s) + ")" } }
	}
	c.Use(wrap("outer"))
	c.Use(wrap("inner"))
	assert.Equal(t, "outer(inner(x))", c.Wrap(func(s string) string { return s })("x"))
}
