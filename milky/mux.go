package milky

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Middleware wraps a [Handler]; see [Mux.Use].
type Middleware func(Handler) Handler

// Mux routes events to typed handlers registered with [On]. It is a
// [Handler]. Safe for concurrent use; handlers may be added and removed
// while events are dispatched.
//
// For each event, every route whose event type and matchers match runs, in
// registration order, one after another on the event's goroutine; their
// errors are joined. When no route matches, the fallback ([Mux.Fallback])
// runs, if any.
type Mux struct {
	mu       sync.RWMutex
	routes   []*route // copy on write
	mw       []Middleware
	fallback Handler
}

type route struct {
	// try runs the handler if ev has the route's type and every matcher
	// matches; it reports whether it ran.
	try func(ctx context.Context, ev Event) (bool, error)
}

// NewMux returns an empty Mux.
func NewMux() *Mux { return &Mux{} }

// Matcher decides whether a route takes an event. It may return a context
// carrying what it extracted (see [MatchFrom]); a matcher that extracts
// nothing returns ctx unchanged. Build simple ones with [When].
type Matcher func(ctx context.Context, ev Event) (context.Context, bool)

// On registers h for events of type E (a pointer event type such as
// *MessageReceiveEvent or *GroupNudgeEvent; [Event] itself takes every
// event) that all matchers accept, checked in order. It returns a function
// removing the route.
func On[E Event](m *Mux, h func(ctx context.Context, e E) error, matchers ...Matcher) (remove func()) {
	ms := slices.Clone(matchers)
	r := &route{try: func(ctx context.Context, ev Event) (bool, error) {
		e, ok := ev.(E)
		if !ok {
			return false, nil
		}
		for _, match := range ms {
			if ctx, ok = match(ctx, ev); !ok {
				return false, nil
			}
		}
		return true, h(ctx, e)
	}}
	m.mu.Lock()
	m.routes = append(slices.Clip(m.routes), r)
	m.mu.Unlock()
	return func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		if i := slices.Index(m.routes, r); i >= 0 {
			m.routes = slices.Delete(slices.Clone(m.routes), i, i+1)
		}
	}
}

// Use adds middleware around the whole dispatch of every event (the first
// added is the outermost). A middleware may skip an event by not calling
// the next handler.
func (m *Mux) Use(mw ...Middleware) {
	m.mu.Lock()
	m.mw = append(slices.Clip(m.mw), mw...)
	m.mu.Unlock()
}

// Fallback sets the handler for events no route took (nil removes it).
func (m *Mux) Fallback(h Handler) {
	m.mu.Lock()
	m.fallback = h
	m.mu.Unlock()
}

// HandleEvent dispatches ev through the middleware to the matching routes.
func (m *Mux) HandleEvent(ctx context.Context, ev Event) error {
	m.mu.RLock()
	routes, mw, fallback := m.routes, m.mw, m.fallback
	m.mu.RUnlock()
	var h Handler = HandlerFunc(func(ctx context.Context, ev Event) error {
		if messageOf(ev) != nil {
			ctx = context.WithValue(ctx, textKey{}, &textCache{})
		}
		var errs []error
		ran := false
		for _, r := range routes {
			ok, err := r.try(ctx, ev)
			ran = ran || ok
			if err != nil {
				errs = append(errs, err)
			}
		}
		if !ran && fallback != nil {
			return fallback.HandleEvent(ctx, ev)
		}
		return errors.Join(errs...)
	})
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h.HandleEvent(ctx, ev)
}

// Match holds what the matchers of a route extracted from a message.
type Match struct {
	// Command is the command name matched by [Command] ("/echo").
	Command string
	// Args are the whitespace-separated words after the command.
	Args []string
	// Rest is the text after the command or prefix ([Command], [Prefix]),
	// with leading white space removed.
	Rest string
	// Groups are the submatches of [Regexp] (Groups[0] is the whole match).
	Groups []string
}

type matchKey struct{}

// MatchFrom returns what the matchers of the running route extracted
// (the zero Match when none did).
func MatchFrom(ctx context.Context) Match {
	m, _ := ctx.Value(matchKey{}).(Match)
	return m
}

func withMatch(ctx context.Context, set func(*Match)) context.Context {
	m := MatchFrom(ctx)
	set(&m)
	return context.WithValue(ctx, matchKey{}, m)
}

// When makes a [Matcher] of a predicate.
func When(pred func(ev Event) bool) Matcher {
	return func(ctx context.Context, ev Event) (context.Context, bool) { return ctx, pred(ev) }
}

// Not inverts a matcher (whatever it extracted is discarded).
func Not(m Matcher) Matcher {
	return func(ctx context.Context, ev Event) (context.Context, bool) {
		_, ok := m(ctx, ev)
		return ctx, !ok
	}
}

// Any accepts an event that any of ms accepts (the first that does supplies
// the context).
func Any(ms ...Matcher) Matcher {
	return func(ctx context.Context, ev Event) (context.Context, bool) {
		for _, m := range ms {
			if c, ok := m(ctx, ev); ok {
				return c, true
			}
		}
		return ctx, false
	}
}

func messageOf(ev Event) *IncomingMessage {
	if e, ok := ev.(*MessageReceiveEvent); ok {
		return &e.Data
	}
	return nil
}

// textKey carries a *textCache through one dispatch, so that the
// matchers of all routes compute the command text once.
type textKey struct{}

type textCache struct {
	text string
	done bool
}

func commandText(ctx context.Context, m *IncomingMessage) string {
	c, _ := ctx.Value(textKey{}).(*textCache)
	if c == nil {
		return CommandText(m)
	}
	if !c.done {
		c.text, c.done = CommandText(m), true
	}
	return c.text
}

// CommandText returns the text commands are matched against: the text of
// the message's text segments (unknown segments read as "[type]"), with
// leading and trailing white space removed. Mentions and the quote are not
// part of it, so "@bot /echo hi" reads "/echo hi".
func CommandText(m *IncomingMessage) string {
	return strings.TrimSpace(m.Segments.PlainText())
}

// Command matches a message whose [CommandText] is one of names ("/echo")
// alone or followed by white space; the name, the arguments and the rest
// of the text are available from [MatchFrom]. Names are case-sensitive.
func Command(names ...string) Matcher {
	return func(ctx context.Context, ev Event) (context.Context, bool) {
		m := messageOf(ev)
		if m == nil {
			return ctx, false
		}
		text := commandText(ctx, m)
		for _, name := range names {
			rest, ok := strings.CutPrefix(text, name)
			if !ok || name == "" {
				continue
			}
			if rest != "" && !unicode.IsSpace([]rune(rest)[0]) {
				continue
			}
			rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
			return withMatch(ctx, func(mt *Match) {
				mt.Command, mt.Args, mt.Rest = name, strings.Fields(rest), rest
			}), true
		}
		return ctx, false
	}
}

// Prefix matches a message whose [CommandText] starts with one of
// prefixes; Rest in [MatchFrom] holds the text after it.
func Prefix(prefixes ...string) Matcher {
	return func(ctx context.Context, ev Event) (context.Context, bool) {
		m := messageOf(ev)
		if m == nil {
			return ctx, false
		}
		text := commandText(ctx, m)
		for _, p := range prefixes {
			if rest, ok := strings.CutPrefix(text, p); ok {
				rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
				return withMatch(ctx, func(mt *Match) { mt.Rest = rest }), true
			}
		}
		return ctx, false
	}
}

// Regexp matches a message whose [CommandText] re matches; Groups in
// [MatchFrom] holds the submatches.
func Regexp(re *regexp.Regexp) Matcher {
	return func(ctx context.Context, ev Event) (context.Context, bool) {
		m := messageOf(ev)
		if m == nil {
			return ctx, false
		}
		g := re.FindStringSubmatch(commandText(ctx, m))
		if g == nil {
			return ctx, false
		}
		return withMatch(ctx, func(mt *Match) { mt.Groups = g }), true
	}
}

func sceneMatcher(scene string) Matcher {
	return When(func(ev Event) bool {
		m := messageOf(ev)
		return m != nil && m.MessageScene == scene
	})
}

// FromFriend matches messages of the friend scene.
func FromFriend() Matcher { return sceneMatcher(SceneFriend) }

// FromTemp matches messages of the temp scene.
func FromTemp() Matcher { return sceneMatcher(SceneTemp) }

// FromGroup matches group-scene messages and group events (any event with
// a group_id: group_*, and message_recall / peer_pin_change in the group
// scene); with ids, only those of these groups.
func FromGroup(ids ...int64) Matcher {
	return When(func(ev Event) bool {
		g, ok := GroupOf(ev)
		return ok && (len(ids) == 0 || slices.Contains(ids, g))
	})
}

// FromUser matches events caused by one of the users (see [UserOf]).
func FromUser(ids ...int64) Matcher {
	return When(func(ev Event) bool {
		u, ok := UserOf(ev)
		return ok && slices.Contains(ids, u)
	})
}

// NotSelf rejects messages the bot sent itself (implementations may echo
// them as message_receive; sender_id equals self_id).
func NotSelf() Matcher {
	return When(func(ev Event) bool {
		m := messageOf(ev)
		return m == nil || m.SenderID != ev.SelfID()
	})
}

// MentionsBot matches a message with a mention segment of the bot's own
// QQ number (the event's self_id).
func MentionsBot() Matcher {
	return When(func(ev Event) bool {
		m := messageOf(ev)
		return m != nil && mentions(m.Segments, ev.SelfID())
	})
}

// RepliesToBot matches a message quoting a message the bot sent (a reply
// segment whose sender_id is the event's self_id).
func RepliesToBot() Matcher {
	return When(func(ev Event) bool {
		m := messageOf(ev)
		return m != nil && repliesTo(m.Segments, ev.SelfID())
	})
}

// ToMe matches a message addressed to the bot: a private (friend or temp)
// message, or a group message that mentions the bot or quotes its message.
func ToMe() Matcher {
	return When(func(ev Event) bool {
		m := messageOf(ev)
		if m == nil {
			return false
		}
		if m.MessageScene != SceneGroup {
			return true
		}
		return mentions(m.Segments, ev.SelfID()) || repliesTo(m.Segments, ev.SelfID())
	})
}

func mentions(segs IncomingSegments, id int64) bool {
	for _, s := range segs {
		if ms, ok := s.(*IncomingMentionSegment); ok && ms.UserID == id {
			return true
		}
	}
	return false
}

func repliesTo(segs IncomingSegments, id int64) bool {
	for _, s := range segs {
		if rs, ok := s.(*IncomingReplySegment); ok && rs.SenderID == id {
			return true
		}
	}
	return false
}

// GroupOf returns the group an event belongs to: the peer of a group-scene
// message_receive, message_recall or peer_pin_change, or the group_id of a
// group event. ok is false for other events.
func GroupOf(ev Event) (groupID int64, ok bool) {
	switch e := ev.(type) {
	case *MessageReceiveEvent:
		return groupPeer(e.Data.MessageScene, e.Data.PeerID)
	case *MessageRecallEvent:
		return groupPeer(e.Data.MessageScene, e.Data.PeerID)
	case *PeerPinChangeEvent:
		return groupPeer(e.Data.MessageScene, e.Data.PeerID)
	case *GroupJoinRequestEvent:
		return e.Data.GroupID, true
	case *GroupInvitedJoinRequestEvent:
		return e.Data.GroupID, true
	case *GroupInvitationEvent:
		return e.Data.GroupID, true
	case *GroupAdminChangeEvent:
		return e.Data.GroupID, true
	case *GroupEssenceMessageChangeEvent:
		return e.Data.GroupID, true
	case *GroupMemberIncreaseEvent:
		return e.Data.GroupID, true
	case *GroupMemberDecreaseEvent:
		return e.Data.GroupID, true
	case *GroupNameChangeEvent:
		return e.Data.GroupID, true
	case *GroupMessageReactionEvent:
		return e.Data.GroupID, true
	case *GroupMuteEvent:
		return e.Data.GroupID, true
	case *GroupWholeMuteEvent:
		return e.Data.GroupID, true
	case *GroupNudgeEvent:
		return e.Data.GroupID, true
	case *GroupFileUploadEvent:
		return e.Data.GroupID, true
	case *GroupDisbandEvent:
		return e.Data.GroupID, true
	}
	return 0, false
}

func groupPeer(scene string, peer int64) (int64, bool) {
	if scene == SceneGroup {
		return peer, true
	}
	return 0, false
}

// UserOf returns the user who caused an event: the sender of a message or
// of a group nudge; the initiator of a request or invitation; the operator
// of a recall, admin change, essence change, name change, mute,
// whole-group mute or disband; the user_id of the other user events (friend
// nudge, file uploads, member increase/decrease, reaction). ok is false for
// bot_offline, peer_pin_change and unknown events.
func UserOf(ev Event) (userID int64, ok bool) {
	switch e := ev.(type) {
	case *MessageReceiveEvent:
		return e.Data.SenderID, true
	case *MessageRecallEvent:
		return e.Data.OperatorID, true
	case *FriendRequestEvent:
		return e.Data.InitiatorID, true
	case *GroupJoinRequestEvent:
		return e.Data.InitiatorID, true
	case *GroupInvitedJoinRequestEvent:
		return e.Data.InitiatorID, true
	case *GroupInvitationEvent:
		return e.Data.InitiatorID, true
	case *FriendNudgeEvent:
		return e.Data.UserID, true
	case *FriendFileUploadEvent:
		return e.Data.UserID, true
	case *GroupAdminChangeEvent:
		return e.Data.OperatorID, true
	case *GroupEssenceMessageChangeEvent:
		return e.Data.OperatorID, true
	case *GroupMemberIncreaseEvent:
		return e.Data.UserID, true
	case *GroupMemberDecreaseEvent:
		return e.Data.UserID, true
	case *GroupNameChangeEvent:
		return e.Data.OperatorID, true
	case *GroupMessageReactionEvent:
		return e.Data.UserID, true
	case *GroupMuteEvent:
		return e.Data.OperatorID, true
	case *GroupWholeMuteEvent:
		return e.Data.OperatorID, true
	case *GroupNudgeEvent:
		return e.Data.SenderID, true
	case *GroupFileUploadEvent:
		return e.Data.UserID, true
	case *GroupDisbandEvent:
		return e.Data.OperatorID, true
	}
	return 0, false
}
