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

func TestMatchers(t *testing.T) {
	const group, other, user = 30003, 30004, 20002
	grp := func(segs ...string) []byte { return btGroupMsg(group, user, 9, btSegs(segs...)) }
	cases := []struct {
		name    string
		matcher Matcher
		frame   []byte
		want    bool
		match   Match
	}{
		{"command alone", Command("/echo"), grp(btText("/echo")), true, Match{Command: "/echo", Args: []string{}, Rest: ""}},
		{"command args", Command("/echo"), grp(btText("/echo a  b\tc")), true, Match{Command: "/echo", Args: []string{"a", "b", "c"}, Rest: "a  b\tc"}},
		{"command after mention", Command("/echo"), grp(btMention(testSelfID), btText("  /echo hi ")), true, Match{Command: "/echo", Args: []string{"hi"}, Rest: "hi"}},
		{"command after quote", Command("/echo"), grp(btReply(3, user), btText("/echo hi")), true, Match{Command: "/echo", Args: []string{"hi"}, Rest: "hi"}},
		{"command second name", Command("/say", "/echo"), grp(btText("/echo x")), true, Match{Command: "/echo", Args: []string{"x"}, Rest: "x"}},
		{"command longer word", Command("/echo"), grp(btText("/echoes x")), false, Match{}},
		{"command not at start", Command("/echo"), grp(btText("say /echo x")), false, Match{}},
		{"command case-sensitive", Command("/echo"), grp(btText("/ECHO x")), false, Match{}},
		{"command empty name", Command(""), grp(btText("x")), false, Match{}},
		{"command on a notice", Command("/echo"), btGroupMute(group, user, 20009), false, Match{}},
		{"command unicode space", Command("/echo"), grp(btText("/echo\u3000你好")), true, Match{Command: "/echo", Args: []string{"你好"}, Rest: "你好"}},
		{"prefix", Prefix("!", "#"), grp(btText("#roll 2d6")), true, Match{Rest: "roll 2d6"}},
		{"prefix miss", Prefix("!"), grp(btText("roll")), false, Match{}},
		{"regexp", Regexp(regexp.MustCompile(`^roll (\d+)d(\d+)$`)), grp(btText("roll 2d6")), true, Match{Groups: []string{"roll 2d6", "2", "6"}}},
		{"regexp miss", Regexp(regexp.MustCompile(`^roll`)), grp(btText("x roll")), false, Match{}},
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
		{"not self", NotSelf(), grp(btText("x")), true, Match{}},
		{"not self own message", NotSelf(), btGroupMsg(group, testSelfID, 9, btSegs(btText("x"))), false, Match{}},
		{"not", Not(FromFriend()), grp(btText("x")), true, Match{}},
		{"any", Any(FromFriend(), Prefix("x")), grp(btText("xy")), true, Match{Rest: "y"}},
		{"any none", Any(FromFriend(), FromTemp()), grp(btText("x")), false, Match{}},
		{"when", When(func(ev Event) bool { return ev.EventType() == EventGroupMute }), btGroupMute(group, user, 1), true, Match{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, ok := tc.matcher(context.Background(), mustEvent(t, tc.frame))
			require.Equal(t, tc.want, ok)
			assert.Equal(t, tc.match, MatchFrom(ctx))
		})
	}
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
	errA, errB := errors.New("a failed"), errors.New("b failed")
	On(m, func(ctx context.Context, ev *MessageReceiveEvent) error {
		add("echo:" + strings.Join(MatchFrom(ctx).Args, ","))
		return errA
	}, Command("/echo"))
	removeAll := On(m, func(ctx context.Context, ev Event) error {
		add("all:" + ev.EventType())
		return errB
	})
	On(m, func(ctx context.Context, ev *GroupMuteEvent) error {
		add("mute")
		return nil
	}, FromGroup(30003))
	m.Fallback(HandlerFunc(func(ctx context.Context, ev Event) error {
		add("fallback:" + ev.EventType())
		return nil
	}))

	err := m.HandleEvent(context.Background(), mustEvent(t, btGroupMsg(30003, 20002, 1, btSegs(btText("/echo x y")))))
	assert.ErrorIs(t, err, errA)
	assert.ErrorIs(t, err, errB)
	assert.Equal(t, []string{"mw1>", "mw2", "echo:x,y", "all:message_receive", "<mw1"}, trace)

	trace = nil
	removeAll()
	removeAll() // removing twice is harmless
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btGroupMute(30003, 20002, 20009))))
	assert.Equal(t, []string{"mw1>", "mw2", "mute", "<mw1"}, trace)

	trace = nil
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btGroupMute(30004, 20002, 20009))))
	assert.Equal(t, []string{"mw1>", "mw2", "fallback:group_mute", "<mw1"}, trace)

	trace = nil
	m.Fallback(nil)
	require.NoError(t, m.HandleEvent(context.Background(), mustEvent(t, btUnknown())))
	assert.Equal(t, []string{"mw1>", "mw2", "<mw1"}, trace)
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
