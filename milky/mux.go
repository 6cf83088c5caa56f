package milky

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/duobot/duobot/internal/muxcore"
)

// Middleware wraps a [Handler] (logging, recovery, rate limiting, ...);
// see [Mux.Use].
type Middleware func(Handler) Handler

// Mux routes events to typed handlers (the same design as the onebot11
// Mux). Routes are tried in registration order; the first whose event type
// and matchers all accept the event handles it, and the others do not see
// it. An event no route takes is ignored (register a catch-all last, e.g.
// On[Event] or [Mux.Handle] without matchers, for a fallback). Middleware
// registered with [Mux.Use] wraps the whole dispatch.
//
// A Mux is safe for concurrent use; routes may be added and removed while
// it serves.
type Mux struct {
	routes muxcore.Router[Event, Matcher, Match]
	mw     muxcore.Chain[Handler, Middleware]
}

// NewMux returns an empty Mux.
func NewMux() *Mux { return &Mux{} }

// Use appends middleware; the first registered is the outermost. A
// middleware may drop an event by not calling the next handler.
func (m *Mux) Use(mw ...Middleware) { m.mw.Use(mw...) }

// Handle registers h for every event the matchers accept. It returns a
// function removing the route.
func (m *Mux) Handle(h Handler, matchers ...Matcher) (remove func()) {
	return m.routes.Add(muxcore.Route[Event, Matcher, Match]{Accept: func(Event) bool { return true }, Matchers: matchers, Handle: h.HandleEvent})
}

// On registers h for events of type E, checked at compile time: a
// concrete event type (*MessageReceiveEvent, *GroupNudgeEvent, ...,
// *UnknownEvent) or [Event] for every event. The matchers must all accept
// the event. It returns a function removing the route.
func On[E Event](m *Mux, h func(ctx context.Context, ev E) error, matchers ...Matcher) (remove func()) {
	return m.routes.Add(muxcore.Route[Event, Matcher, Match]{
		Accept:   func(ev Event) bool { _, ok := ev.(E); return ok },
		Matchers: matchers,
		Handle:   func(ctx context.Context, ev Event) error { return h(ctx, ev.(E)) },
	})
}

// HandleEvent dispatches ev through the middleware to the first route that
// accepts it.
func (m *Mux) HandleEvent(ctx context.Context, ev Event) error {
	return m.mw.Wrap(HandlerFunc(m.dispatch)).HandleEvent(ctx, ev)
}

func (m *Mux) dispatch(ctx context.Context, ev Event) error {
	return m.routes.Dispatch(ctx, ev, matchKey{}, func(mt *Match) {
		*mt = Match{text: mt.text, textDone: mt.textDone} // keep the cached text
	})
}

// Match is what a route's matchers found in the event; a handler reads it
// with [MatchFrom].
type Match struct {
	// Command is the command name [Command] matched ("/echo").
	Command string
	// Prefix is the prefix [Prefix] matched.
	Prefix string
	// Args is the text after the command or prefix, trimmed.
	Args string
	// Captures are the submatches of [Regex] (Captures[0] is the whole
	// match).
	Captures []string
	// Named are Regex's named submatches.
	Named map[string]string

	text     string // MessageText, computed once per dispatch
	textDone bool
}

// Fields returns Args split on white space.
func (m *Match) Fields() []string { return strings.Fields(m.Args) }

// messageText returns the MessageText of the message, cached in m.
func (m *Match) messageText(msg *IncomingMessage) string {
	if !m.textDone {
		m.text, m.textDone = MessageText(msg), true
	}
	return m.text
}

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

// MatchFunc adapts a predicate on events of type E into a [Matcher]
// (false for events of other types).
func MatchFunc[E Event](f func(ctx context.Context, ev E) bool) Matcher {
	return func(ctx context.Context, ev Event, _ *Match) bool {
		e, ok := ev.(E)
		return ok && f(ctx, e)
	}
}

// Not inverts a matcher (what it records is discarded).
func Not(f Matcher) Matcher {
	return func(ctx context.Context, ev Event, m *Match) bool {
		scratch := *m
		return !f(ctx, ev, &scratch)
	}
}

// Any accepts an event that any of fs accepts (the first that does
// records into the Match).
func Any(fs ...Matcher) Matcher {
	return func(ctx context.Context, ev Event, m *Match) bool {
		for _, f := range fs {
			scratch := *m
			if f(ctx, ev, &scratch) {
				*m = scratch
				return true
			}
		}
		return false
	}
}

func messageOf(ev Event) *IncomingMessage {
	if e, ok := ev.(*MessageReceiveEvent); ok {
		return &e.Data
	}
	return nil
}

// MessageText returns the text command matchers see: the text of the
// message's text segments joined (unknown segments read as "[type]"),
// with leading and trailing white space removed, so a leading quote or
// mention does not hide a command: "@bot /echo hi" reads "/echo hi".
func MessageText(m *IncomingMessage) string {
	return strings.TrimSpace(m.Segments.PlainText())
}

// Command matches messages whose text's first word is one of names
// ("/echo" matches "/echo" and "/echo hi", not "/echoes"); Match.Command is
// the name and Match.Args the rest of the text, trimmed. Names are
// case-sensitive.
func Command(names ...string) Matcher {
	return textMatcher(func(text string, mt *Match) (ok bool) {
		mt.Command, mt.Args, ok = muxcore.Command(text, names)
		return ok
	})
}

// Prefix matches messages whose text starts with one of prefixes (the
// first that matches wins); Match.Prefix is it and Match.Args the rest of
// the text, trimmed.
func Prefix(prefixes ...string) Matcher {
	return textMatcher(func(text string, mt *Match) (ok bool) {
		mt.Prefix, mt.Args, ok = muxcore.Prefix(text, prefixes)
		return ok
	})
}

// Regex matches messages whose text re matches; Match.Captures and
// Match.Named hold the submatches.
func Regex(re *regexp.Regexp) Matcher {
	return textMatcher(func(text string, mt *Match) bool {
		mt.Captures, mt.Named = muxcore.Regex(re, text)
		return mt.Captures != nil
	})
}

// textMatcher makes a Matcher of received messages from a test of their
// MessageText.
func textMatcher(f func(text string, mt *Match) bool) Matcher {
	return func(_ context.Context, ev Event, mt *Match) bool {
		msg := messageOf(ev)
		return msg != nil && f(mt.messageText(msg), mt)
	}
}

// pred makes a Matcher of a predicate.
func pred(f func(ev Event) bool) Matcher {
	return func(_ context.Context, ev Event, _ *Match) bool { return f(ev) }
}

func sceneMatcher(scene string) Matcher {
	return pred(func(ev Event) bool {
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
	return pred(func(ev Event) bool {
		g, ok := GroupOf(ev)
		return ok && (len(ids) == 0 || slices.Contains(ids, g))
	})
}

// FromUser matches events caused by one of the users (see [UserOf]).
func FromUser(ids ...int64) Matcher {
	return pred(func(ev Event) bool {
		u, ok := UserOf(ev)
		return ok && slices.Contains(ids, u)
	})
}

// NotSelf rejects messages the bot sent itself (implementations may echo
// them as message_receive; sender_id equals self_id).
func NotSelf() Matcher {
	return pred(func(ev Event) bool {
		m := messageOf(ev)
		return m == nil || m.SenderID != ev.SelfID()
	})
}

// MentionsBot matches a message with a mention segment of the bot's own
// QQ number (the event's self_id).
func MentionsBot() Matcher {
	return pred(func(ev Event) bool {
		m := messageOf(ev)
		return m != nil && mentions(m.Segments, ev.SelfID())
	})
}

// RepliesToBot matches a message quoting a message the bot sent (a reply
// segment whose sender_id is the event's self_id).
func RepliesToBot() Matcher {
	return pred(func(ev Event) bool {
		m := messageOf(ev)
		return m != nil && repliesTo(m.Segments, ev.SelfID())
	})
}

// ToMe matches a message addressed to the bot: a private (friend or temp)
// message, or a group message that mentions the bot or quotes its message.
// The bot's own messages never match.
func ToMe() Matcher {
	return pred(func(ev Event) bool {
		m := messageOf(ev)
		if m == nil || m.SenderID == ev.SelfID() {
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
