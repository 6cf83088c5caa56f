package milky

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustEvent(t *testing.T, frame []byte) Event {
	t.Helper()
	ev, err := ParseEvent(frame)
	require.NoError(t, err, "%s", frame)
	return ev
}

// pub keeps the exported fields of a Match.
func pub(m *Match) Match {
	return Match{Command: m.Command, Prefix: m.Prefix, Args: m.Args, Captures: m.Captures, Named: m.Named}
}

func TestMatchers(t *testing.T) {
	const group, other, user = 30003, 30004, 20002
	grp := func(segs ...string) []byte { return btGroupMsg(group, user, 9, btSegs(segs...)) }
	isMute := MatchFunc(func(_ context.Context, ev *GroupMuteEvent) bool { return ev.Data.Duration > 0 })
	cases := []struct {
		name    string
		matcher Matcher
		frame   []byte
		want    bool
		match   Match
	}{
		{"command alone", Command("/echo"), grp(btText("/echo")), true, Match{Command: "/echo"}},
		{"command args", Command("/echo"), grp(btText("/echo a  b\tc")), true, Match{Command: "/echo", Args: "a  b\tc"}},
		{"command after mention", Command("/echo"), grp(btMention(testSelfID), btText("  /echo hi ")), true, Match{Command: "/echo", Args: "hi"}},
		{"command after quote", Command("/echo"), grp(btReply(3, user), btText("/echo hi")), true, Match{Command: "/echo", Args: "hi"}},
		{"command second name", Command("/say", "/echo"), grp(btText("/echo x")), true, Match{Command: "/echo", Args: "x"}},
		{"command longer word", Command("/echo"), grp(btText("/echoes x")), false, Match{}},
		{"command not at start", Command("/echo"), grp(btText("say /echo x")), false, Match{}},
		{"command case-sensitive", Command("/echo"), grp(btText("/ECHO x")), false, Match{}},
		{"command empty name", Command(""), grp(btText(" ")), false, Match{}},
		{"command on a notice", Command("/echo"), btGroupMute(group, user, 20009), false, Match{}},
		{"command unicode space", Command("/echo"), grp(btText("/echo\u3000你好")), true, Match{Command: "/echo", Args: "你好"}},
		{"prefix", Prefix("!", "#"), grp(btText("#roll 2d6")), true, Match{Prefix: "#", Args: "roll 2d6"}},
		{"prefix miss", Prefix("!"), grp(btText("roll")), false, Match{}},
		{"regex", Regex(regexp.MustCompile(`^roll (\d+)d(?P<sides>\d+)$`)), grp(btText("roll 2d6")), true, Match{Captures: []string{"roll 2d6", "2", "6"}, Named: map[string]string{"sides": "6"}}},
		{"regex miss", Regex(regexp.MustCompile(`^roll`)), grp(btText("x roll")), false, Match{}},
		{"friend scene", FromFriend(), btFriendMsg(user, 1, btSegs(btText("x"))), true, Match{}},
		{"friend scene on group", FromFriend(), grp(btText("x")), false, Match{}},
		{"temp scene", FromTemp(), btTempMsg(user, 1, btSegs(btText("x"))), true, Match{}},
		{"group any", FromGroup(), grp(btText("x")), true, Match{}},
		{"group listed", FromGroup(other, group), grp(btText("x")), true, Match{}},
		{"group other", FromGroup(other), grp(btText("x")), false, Match{}},
		{"group notice", FromGroup(group), btGroupMute(group, user, 20009), true, Match{}},
		{"group on friend", FromGroup(), btFriendMsg(user, 1, btSegs(btText("x"))), false, Match{}},
		{"user", FromUser(user), grp(btText("x")), true, Match{}},
		{"user other", FromUser(20003), grp(btText("x")), false, Match{}},
		{"user operator of mute", FromUser(20009), btGroupMute(group, user, 20009), true, Match{}},
		{"mention bot", MentionsBot(), grp(btText("hi "), btMention(testSelfID)), true, Match{}},
		{"mention other", MentionsBot(), grp(btMention(20005), btText("hi")), false, Match{}},
		{"reply to bot", RepliesToBot(), grp(btReply(5, testSelfID), btText("ok")), true, Match{}},
		{"reply to other", RepliesToBot(), grp(btReply(5, 20005), btText("ok")), false, Match{}},
		{"to me friend", ToMe(), btFriendMsg(user, 1, btSegs(btText("x"))), true, Match{}},
		{"to me temp", ToMe(), btTempMsg(user, 1, btSegs(btText("x"))), true, Match{}},
		{"to me group plain", ToMe(), grp(btText("x")), false, Match{}},
		{"to me group mention", ToMe(), grp(btMention(testSelfID)), true, Match{}},
		{"to me group reply", ToMe(), grp(btReply(5, testSelfID), btText("x")), true, Match{}},
		{"to me own message", ToMe(), btGroupMsg(group, testSelfID, 9, btSegs(btMention(testSelfID))), false, Match{}},
		{"not self", NotSelf(), grp(btText("x")), true, Match{}},
		{"not self own message", NotSelf(), btGroupMsg(group, testSelfID, 9, btSegs(btText("x"))), false, Match{}},
		{"not", Not(FromFriend()), grp(btText("x")), true, Match{}},
		{"not discards", Not(Prefix("y")), grp(btText("x")), true, Match{}},
		{"any", Any(FromFriend(), Prefix("x")), grp(btText("xy")), true, Match{Prefix: "x", Args: "y"}},
		{"any none", Any(FromFriend(), FromTemp()), grp(btText("x")), false, Match{}},
		{"match func", isMute, btGroupMute(group, user, 1), true, Match{}},
		{"match func other type", isMute, grp(btText("x")), false, Match{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mt := &Match{}
			ok := tc.matcher(context.Background(), mustEvent(t, tc.frame), mt)
			require.Equal(t, tc.want, ok)
			if ok {
				assert.Equal(t, tc.match, pub(mt))
			}
		})
	}
	assert.Equal(t, []string{"a", "b"}, (&Match{Args: " a  b "}).Fields())
}

func TestMuxDispatch(t *testing.T) {
	var trace []string
	add := func(s string) { trace = append(trace, s) }
	m := NewMux()
	m.Use(func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, ev Event) error {
			add("mw1>")
			err := next.HandleEvent(ctx, ev)
			add("<mw1")
			return err
		})
	}, func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, ev Event) error {
			add("mw2")
			return next.HandleEvent(ctx, ev)
		})
	})
	errEcho := errors.New("echo failed")
	On(m, func(ctx context.Context, ev *MessageReceiveEvent) error {
		add("echo:" + strings.Join(MatchFrom(ctx).Fields(), ","))
		return errEcho
	}, Command("/echo"))
	removeMute := On(m, func(ctx context.Context, ev *GroupMuteEvent) error {
		add("mute")
		return nil
	}, FromGroup(30003))
	m.Handle(HandlerFunc(func(ctx context.Context, ev Event) error {
		add("fallback:" + ev.EventType() + ":" + MatchFrom(ctx).Command)
		return nil
	}))

	// The first matching route takes the event; the fallback does not see it.
	err := m.HandleEvent(context.Background(), mustEvent(t, btGroupMsg(30003, 20002, 1, btSegs(btText("/echo x y")))))
	assert.ErrorIs(t, err, errEcho)
	assert.Equal(t, []string{"mw1>", "mw2", "echo:x,y", "<mw1"}, trace)

	trace = nil
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btGroupMute(30003, 20002, 20009))))
	assert.Equal(t, []string{"mw1>", "mw2", "mute", "<mw1"}, trace)

	// A route whose matcher failed leaves nothing in the next route's Match.
	trace = nil
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btGroupMsg(30003, 20002, 1, btSegs(btText("/echoes"))))))
	assert.Equal(t, []string{"mw1>", "mw2", "fallback:message_receive:", "<mw1"}, trace)

	trace = nil
	removeMute()
	removeMute() // removing twice is harmless
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btGroupMute(30003, 20002, 20009))))
	assert.Equal(t, []string{"mw1>", "mw2", "fallback:group_mute:", "<mw1"}, trace)

	// No route at all: ignored.
	trace = nil
	require.NoError(t, NewMux().HandleEvent(context.Background(), mustEvent(t, btUnknown())))
	assert.Empty(t, trace)
	assert.Equal(t, Match{}, pub(MatchFrom(context.Background())))
}

func TestMuxMiddlewareCanSkip(t *testing.T) {
	m := NewMux()
	m.Use(func(next Handler) Handler {
		return HandlerFunc(func(ctx context.Context, ev Event) error {
			if _, ok := ev.(*UnknownEvent); ok {
				return nil
			}
			return next.HandleEvent(ctx, ev)
		})
	})
	n := 0
	On(m, func(ctx context.Context, ev Event) error { n++; return nil })
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btUnknown())))
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btGroupMute(30003, 20002, 20009))))
	assert.Equal(t, 1, n)
}

func TestMuxConcurrentRegistration(t *testing.T) {
	m := NewMux()
	ev := mustEvent(t, btGroupMute(30003, 20002, 20009))
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 200 {
			remove := On(m, func(ctx context.Context, ev *GroupMuteEvent) error { return nil })
			remove()
		}
	}()
	for range 200 {
		require.NoError(t, m.HandleEvent(context.Background(), ev))
	}
	<-done
}

func TestGroupOfUserOf(t *testing.T) {
	g, ok := GroupOf(mustEvent(t, btFriendMsg(20002, 1, btSegs(btText("x")))))
	assert.False(t, ok)
	assert.Zero(t, g)
	u, ok := UserOf(mustEvent(t, btFriendMsg(20002, 1, btSegs(btText("x")))))
	assert.True(t, ok)
	assert.Equal(t, int64(20002), u)
	_, ok = UserOf(mustEvent(t, btUnknown()))
	assert.False(t, ok)
	_, ok = GroupOf(mustEvent(t, btUnknown()))
	assert.False(t, ok)
}
