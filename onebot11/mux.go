package onebot11

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/duobot/duobot/internal/muxcore"
)

// Handler handles events. Bot.Run calls HandleEvent on its own goroutine
// per event, with a context carrying the Bot (FromContext).
type Handler interface {
	HandleEvent(ctx context.Context, ev Event) error
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(ctx context.Context, ev Event) error

// HandleEvent calls f.
func (f HandlerFunc) HandleEvent(ctx context.Context, ev Event) error { return f(ctx, ev) }

// Middleware wraps a Handler (logging, recovery, rate limiting, ...).
type Middleware func(Handler) Handler

// Mux routes events to typed handlers. Routes are tried in registration
// order; the first whose event type and matchers all accept the event
// handles it, and the others do not see it. An event no route takes is
// ignored. Middleware registered with Use wraps the whole dispatch.
//
// A Mux is safe for concurrent use; routes may be added while it serves.
type Mux struct {
	routes muxcore.Router[Event, Matcher, Match]
	mw     muxcore.Chain[Handler, Middleware]
}

// NewMux returns an empty Mux.
func NewMux() *Mux { return &Mux{} }

// Use appends middleware; the first registered is the outermost.
func (m *Mux) Use(mw ...Middleware) { m.mw.Use(mw...) }

// Handle registers h for every event the matchers accept.
func (m *Mux) Handle(h Handler, matchers ...Matcher) {
	m.routes.Add(muxcore.Route[Event, Matcher, Match]{Accept: func(Event) bool { return true }, Matchers: matchers, Handle: h.HandleEvent})
}

// On registers a handler for events of type E, checked at compile time:
// a concrete event type (*GroupMessageEvent) or an interface such as
// MessageEvent. The matchers must all accept the event.
func On[E Event](m *Mux, h func(ctx context.Context, ev E) error, matchers ...Matcher) {
	m.routes.Add(muxcore.Route[Event, Matcher, Match]{
		Accept:   func(ev Event) bool { _, ok := ev.(E); return ok },
		Matchers: matchers,
		Handle:   func(ctx context.Context, ev Event) error { return h(ctx, ev.(E)) },
	})
}

// OnMessage registers a handler for every message event (private, group,
// guild; received or sent by the bot): On[MessageEvent].
func OnMessage(m *Mux, h func(ctx context.Context, ev MessageEvent) error, matchers ...Matcher) {
	On(m, h, matchers...)
}

// HandleEvent dispatches ev through the middleware to the first route that
// accepts it.
func (m *Mux) HandleEvent(ctx context.Context, ev Event) error {
	return m.mw.Wrap(HandlerFunc(m.dispatch)).HandleEvent(ctx, ev)
}

func (m *Mux) dispatch(ctx context.Context, ev Event) error {
	return m.routes.Dispatch(ctx, ev, matchKey{}, (*Match).reset)
}

// Match is what a route's matchers found in the event; a handler reads it
// with MatchFrom.
type Match struct {
	// Command is the command name Command matched ("/echo").
	Command string
	// Prefix is the prefix Prefix matched.
	Prefix string
	// Args is the text after the command or prefix, trimmed.
	Args string
	// Captures are the submatches of Regex (Captures[0] is the whole
	// match).
	Captures []string
	// Named are Regex's named submatches.
	Named map[string]string

	text    string // MessageText of the event, computed once per dispatch
	hasText bool
}

// reset clears what a previous route's matchers recorded, keeping the
// cached text.
func (m *Match) reset() {
	text, has := m.text, m.hasText
	*m = Match{text: text, hasText: has}
}

// messageText returns MessageText(ev), computed once.
func (m *Match) messageText(ev MessageEvent) string {
	if !m.hasText {
		m.text, m.hasText = MessageText(ev), true
	}
	return m.text
}

// Fields returns Args split on white space.
func (m *Match) Fields() []string { return strings.Fields(m.Args) }

type matchKey struct{}

// MatchFrom returns the Match of the route handling the event of ctx (a
// zero Match outside a Mux route, never nil).
func MatchFrom(ctx context.Context) *Match {
	if m, ok := ctx.Value(matchKey{}).(*Match); ok {
		return m
	}
	return &Match{}
}

// Matcher decides whether a route takes an event, and may record what it
// matched in m.
type Matcher func(ctx context.Context, ev Event, m *Match) bool

// MessageText returns the text a command matcher sees: the message's text
// segments joined, with leading and trailing white space removed (so a
// leading reply or at segment does not hide a command).
func MessageText(ev MessageEvent) string {
	var only *TextSegment
	n := 0
	for _, seg := range ev.GetMessage() {
		if t, ok := seg.(*TextSegment); ok {
			only = t
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return strings.TrimSpace(only.Text)
	}
	return strings.TrimSpace(ev.GetMessage().PlainText())
}

// Command matches message events whose text's first word is one of names
// ("/echo" matches "/echo", "/echo hi", not "/echoes"); Match.Command is the
// name and Match.Args the rest of the text.
func Command(names ...string) Matcher {
	return textMatcher(func(text string, m *Match) (ok bool) {
		m.Command, m.Args, ok = muxcore.Command(text, names)
		return ok
	})
}

// Prefix matches message events whose text starts with one of prefixes
// (the first that matches wins); Match.Prefix is it and Match.Args the
// rest of the text, trimmed.
func Prefix(prefixes ...string) Matcher {
	return textMatcher(func(text string, m *Match) (ok bool) {
		m.Prefix, m.Args, ok = muxcore.Prefix(text, prefixes)
		return ok
	})
}

// Regex matches message events whose text re matches; Match.Captures and
// Match.Named hold the submatches.
func Regex(re *regexp.Regexp) Matcher {
	return textMatcher(func(text string, m *Match) bool {
		m.Captures, m.Named = muxcore.Regex(re, text)
		return m.Captures != nil
	})
}

// textMatcher makes a Matcher of message events from a test of their
// MessageText.
func textMatcher(f func(text string, m *Match) bool) Matcher {
	return func(_ context.Context, ev Event, m *Match) bool {
		me, ok := ev.(MessageEvent)
		return ok && f(m.messageText(me), m)
	}
}

// ToMe matches events addressed to the bot: a private message, a message
// that mentions the bot (an at segment with its self id), a reply to a
// message the bot sent (see Bot.SentByMe), or another event whose
// target_id is the bot (a poke). The bot's own messages never match.
func ToMe() Matcher {
	return func(ctx context.Context, ev Event, _ *Match) bool {
		me, ok := ev.(MessageEvent)
		if !ok {
			target, ok := int64Field(ev, "TargetID")
			return ok && target != 0 && target == ev.Header().SelfID
		}
		return !me.IsSelfSent() && IsToMe(FromContext(ctx), me)
	}
}

// IsToMe reports whether ev is addressed to the bot (see ToMe). b may be
// nil; replies to the bot's messages are then not recognised.
func IsToMe(b *Bot, ev MessageEvent) bool {
	src := ev.Source()
	if src.MessageType == "private" {
		return true
	}
	self := ev.Header().SelfID
	if self == 0 && b != nil {
		self = b.SelfID()
	}
	for _, seg := range ev.GetMessage() {
		switch s := seg.(type) {
		case *AtSegment:
			if id, ok := s.UserID(); ok && id == self && self != 0 {
				return true
			}
		case *ReplySegment:
			if id, ok := s.MessageID(); ok && b != nil && b.SentByMe(id) {
				return true
			}
		}
	}
	return false
}

// FromGroup matches events of the given groups: message events by their
// conversation's group (a temporary private chat counts for the group it
// came through), other events by their group_id field.
func FromGroup(ids ...int64) Matcher {
	return func(_ context.Context, ev Event, _ *Match) bool {
		if me, ok := ev.(MessageEvent); ok {
			return me.Source().GroupID != 0 && slices.Contains(ids, me.Source().GroupID)
		}
		id, ok := int64Field(ev, "GroupID")
		return ok && slices.Contains(ids, id)
	}
}

// FromUser matches events of the given users: message events by their
// sender, other events by their user_id field.
func FromUser(ids ...int64) Matcher {
	return func(_ context.Context, ev Event, _ *Match) bool {
		if me, ok := ev.(MessageEvent); ok {
			return slices.Contains(ids, me.Source().UserID)
		}
		id, ok := int64Field(ev, "UserID")
		return ok && slices.Contains(ids, id)
	}
}

// MatchFunc adapts a predicate on events of type E into a Matcher (false
// for events of other types).
func MatchFunc[E Event](f func(ctx context.Context, ev E) bool) Matcher {
	return func(ctx context.Context, ev Event, _ *Match) bool {
		e, ok := ev.(E)
		return ok && f(ctx, e)
	}
}

// int64Field reads an int64 field of a struct event by name.
func int64Field(ev Event, name string) (int64, bool) {
	v := reflect.ValueOf(ev)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return 0, false
	}
	f := v.Elem().FieldByName(name)
	if !f.IsValid() || f.Kind() != reflect.Int64 {
		return 0, false
	}
	return f.Int(), true
}
