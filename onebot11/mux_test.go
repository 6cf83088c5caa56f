package onebot11_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/duobot/duobot/onebot11"
)

func parse(t *testing.T, frame []byte) onebot11.Event {
	t.Helper()
	ev, err := onebot11.ParseEvent(frame)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// matchOne runs ev through a Mux whose only route uses matcher.
func matchOne(t *testing.T, matcher onebot11.Matcher, ev onebot11.Event) (onebot11.Match, bool) {
	t.Helper()
	m := onebot11.NewMux()
	var got *onebot11.Match
	m.Handle(onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
		got = onebot11.MatchFrom(ctx)
		return nil
	}), matcher)
	if err := m.HandleEvent(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	if got == nil {
		return onebot11.Match{}, false
	}
	return *got, true
}

// matchString shows a Match's exported fields.
func matchString(m onebot11.Match) string {
	return fmt.Sprintf("command=%q prefix=%q args=%q captures=%q named=%v fields=%q", m.Command, m.Prefix, m.Args, m.Captures, m.Named, m.Fields())
}

func TestMatchers(t *testing.T) {
	g := func(text string) onebot11.Event {
		return parse(t, groupMsg(testSelf, testGroup, testUser, 1, textJSON(text)))
	}
	atMe := parse(t, groupMsg(testSelf, testGroup, testUser, 1,
		`[{"type":"at","data":{"qq":"10001"}},{"type":"text","data":{"text":"  /echo  a  b "}}]`))
	atOther := parse(t, groupMsg(testSelf, testGroup, testUser, 1,
		`[{"type":"at","data":{"qq":"999"}},{"type":"text","data":{"text":"hi"}}]`))
	atAll := parse(t, groupMsg(testSelf, testGroup, testUser, 1, `[{"type":"at","data":{"qq":"all"}}]`))
	private := parse(t, privateMsg(testSelf, testUser, 1, textJSON("/echo x")))
	sent := parse(t, []byte(`{"time":1,"self_id":10001,"post_type":"message_sent","message_type":"private","sub_type":"friend","message_id":5,"user_id":10001,"target_id":42,"message":[],"raw_message":"","font":0,"sender":{"user_id":10001,"nickname":"me"}}`))
	notice := parse(t, []byte(`{"time":1,"self_id":10001,"post_type":"notice","notice_type":"group_increase","sub_type":"approve","group_id":777,"operator_id":1,"user_id":42}`))
	unknown := parse(t, []byte(`{"time":1,"self_id":10001,"post_type":"notice","notice_type":"brand_new","group_id":777}`))
	pokeMe := parse(t, []byte(`{"time":1,"self_id":10001,"post_type":"notice","notice_type":"notify","sub_type":"poke","group_id":777,"user_id":42,"target_id":10001}`))
	pokeOther := parse(t, []byte(`{"time":1,"self_id":10001,"post_type":"notice","notice_type":"notify","sub_type":"poke","group_id":777,"user_id":42,"target_id":5}`))
	re := regexp.MustCompile(`^roll (?P<n>\d+)d(?P<sides>\d+)$`)

	tests := []struct {
		name    string
		matcher onebot11.Matcher
		ev      onebot11.Event
		ok      bool
		want    onebot11.Match
	}{
		{"command with args", onebot11.Command("/echo"), g("/echo hello  world"), true, onebot11.Match{Command: "/echo", Args: "hello  world"}},
		{"command alone", onebot11.Command("/echo"), g("/echo"), true, onebot11.Match{Command: "/echo"}},
		{"command alias", onebot11.Command("/e", "/echo"), g("/e\tx"), true, onebot11.Match{Command: "/e", Args: "x"}},
		{"command is a whole word", onebot11.Command("/echo"), g("/echoes x"), false, onebot11.Match{}},
		{"command not at start", onebot11.Command("/echo"), g("say /echo"), false, onebot11.Match{}},
		{"command after an at", onebot11.Command("/echo"), atMe, true, onebot11.Match{Command: "/echo", Args: "a  b"}},
		{"command in private", onebot11.Command("/echo"), private, true, onebot11.Match{Command: "/echo", Args: "x"}},
		{"command on a notice", onebot11.Command("/echo"), notice, false, onebot11.Match{}},
		{"prefix", onebot11.Prefix("!", "#"), g("#weather Paris"), true, onebot11.Match{Prefix: "#", Args: "weather Paris"}},
		{"prefix no match", onebot11.Prefix("!"), g("weather"), false, onebot11.Match{}},
		{"regex", onebot11.Regex(re), g("roll 2d6"), true, onebot11.Match{
			Captures: []string{"roll 2d6", "2", "6"}, Named: map[string]string{"n": "2", "sides": "6"}}},
		{"regex no match", onebot11.Regex(re), g("roll dice"), false, onebot11.Match{}},
		{"to me: at", onebot11.ToMe(), atMe, true, onebot11.Match{}},
		{"to me: at someone else", onebot11.ToMe(), atOther, false, onebot11.Match{}},
		{"to me: at all", onebot11.ToMe(), atAll, false, onebot11.Match{}},
		{"to me: plain group text", onebot11.ToMe(), g("hello"), false, onebot11.Match{}},
		{"to me: private", onebot11.ToMe(), private, true, onebot11.Match{}},
		{"to me: own message", onebot11.ToMe(), sent, false, onebot11.Match{}},
		{"to me: poke of the bot", onebot11.ToMe(), pokeMe, true, onebot11.Match{}},
		{"to me: poke of another", onebot11.ToMe(), pokeOther, false, onebot11.Match{}},
		{"to me: notice without target", onebot11.ToMe(), notice, false, onebot11.Match{}},
		{"from group", onebot11.FromGroup(1, testGroup), g("x"), true, onebot11.Match{}},
		{"from other group", onebot11.FromGroup(1), g("x"), false, onebot11.Match{}},
		{"from group: private", onebot11.FromGroup(testGroup), private, false, onebot11.Match{}},
		{"from group: notice field", onebot11.FromGroup(testGroup), notice, true, onebot11.Match{}},
		{"from group: unknown event", onebot11.FromGroup(testGroup), unknown, false, onebot11.Match{}},
		{"from user", onebot11.FromUser(testUser), g("x"), true, onebot11.Match{}},
		{"from user: notice field", onebot11.FromUser(testUser), notice, true, onebot11.Match{}},
		{"from other user", onebot11.FromUser(7), private, false, onebot11.Match{}},
		{"match func", onebot11.MatchFunc(func(_ context.Context, ev *onebot11.GroupMessageEvent) bool {
			return ev.Sender.Role == onebot11.RoleMember
		}), g("x"), true, onebot11.Match{}},
		{"match func other type", onebot11.MatchFunc(func(context.Context, *onebot11.GroupMessageEvent) bool { return true }), private, false, onebot11.Match{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := matchOne(t, tt.matcher, tt.ev)
			if ok != tt.ok {
				t.Fatalf("matched = %v, want %v", ok, tt.ok)
			}
			if matchString(got) != matchString(tt.want) {
				t.Errorf("match = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestMuxRoutingOrderTypesAndMiddleware(t *testing.T) {
	m := onebot11.NewMux()
	var log []string
	m.Use(func(next onebot11.Handler) onebot11.Handler {
		return onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
			log = append(log, "mw1:"+ev.PostType())
			return next.HandleEvent(ctx, ev)
		})
	}, func(next onebot11.Handler) onebot11.Handler {
		return onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
			log = append(log, "mw2")
			return next.HandleEvent(ctx, ev)
		})
	})
	onebot11.On(m, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		log = append(log, "group-cmd:"+onebot11.MatchFrom(ctx).Args)
		return nil
	}, onebot11.Command("/a"))
	onebot11.OnMessage(m, func(ctx context.Context, ev onebot11.MessageEvent) error {
		log = append(log, "any-message")
		return nil
	})
	onebot11.On(m, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		log = append(log, "never: shadowed by any-message")
		return nil
	})
	onebot11.On(m, func(ctx context.Context, ev *onebot11.UnknownEvent) error {
		log = append(log, "unknown")
		return errors.New("unknown failed")
	})

	ctx := context.Background()
	run := func(frame []byte) error { return m.HandleEvent(ctx, parse(t, frame)) }
	run(groupMsg(testSelf, testGroup, testUser, 1, textJSON("/a b")))
	run(groupMsg(testSelf, testGroup, testUser, 1, textJSON("/z")))
	run(privateMsg(testSelf, testUser, 1, textJSON("hi")))
	if err := run([]byte(`{"time":1,"self_id":1,"post_type":"notice","notice_type":"brand_new"}`)); err == nil || err.Error() != "unknown failed" {
		t.Errorf("handler error = %v", err)
	}
	run(lifecycleFrame(testSelf)) // no route: ignored
	want := []string{
		"mw1:message", "mw2", "group-cmd:b",
		"mw1:message", "mw2", "any-message",
		"mw1:message", "mw2", "any-message",
		"mw1:notice", "mw2", "unknown",
		"mw1:meta_event", "mw2",
	}
	if !slices.Equal(log, want) {
		t.Errorf("log =\n%q\nwant\n%q", log, want)
	}
}

// TestToMeReplyToBotMessage: a reply to a message the bot sent is to the
// bot, learnt from the send_group_msg answer, end to end.
func TestToMeReplyToBotMessage(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialHTTP(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	sent, err := b.Reply(ctx, parse(t, groupMsg(testSelf, testGroup, testUser, 1, `[]`)).(onebot11.MessageEvent), onebot11.Text("question?"))
	if err != nil {
		t.Fatal(err)
	}
	m.nextAction(t, "send_group_msg")
	if !b.SentByMe(sent) {
		t.Fatalf("SentByMe(%d) = false", sent)
	}
	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		_, err := onebot11.FromContext(ctx).ReplyQuote(ctx, ev, onebot11.Text("you answered"))
		return err
	}, onebot11.ToMe())
	runBot(t, b, mux)
	m.push(groupMsg(testSelf, testGroup, testUser, 50, `[{"type":"reply","data":{"id":"999"}},{"type":"text","data":{"text":"not to me"}}]`))
	m.push(groupMsg(testSelf, testGroup, testUser, 51, fmt.Sprintf(`[{"type":"reply","data":{"id":"%d"}},{"type":"text","data":{"text":"answer"}}]`, sent)))
	c := m.nextAction(t, "send_group_msg")
	if got, want := string(c.Params), `{"group_id":777,"message":[{"type":"reply","data":{"id":"51"}},{"type":"at","data":{"qq":"42"}},{"type":"text","data":{"text":" "}},{"type":"text","data":{"text":"you answered"}}]}`; got != want {
		t.Errorf("reply params\n%s\nwant\n%s", got, want)
	}
	m.noCall(t)
}

func TestReplyTargets(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialHTTP(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	cases := []struct {
		frame  string
		action string
		params string
	}{
		{string(privateMsg(testSelf, testUser, 1, `[]`)), "send_private_msg", `{"user_id":42,"message":[{"type":"text","data":{"text":"r"}}]}`},
		{`{"time":1,"self_id":10001,"post_type":"message","message_type":"private","sub_type":"group","message_id":2,"user_id":42,"group_id":777,"message":[],"raw_message":"","font":0,"sender":{"user_id":42,"nickname":"a"}}`,
			"send_private_msg", `{"user_id":42,"group_id":777,"message":[{"type":"text","data":{"text":"r"}}]}`},
		{`{"time":1,"self_id":10001,"post_type":"message_sent","message_type":"private","sub_type":"friend","message_id":3,"user_id":10001,"target_id":42,"message":[],"raw_message":"","font":0,"sender":{"user_id":10001,"nickname":"me"}}`,
			"send_private_msg", `{"user_id":42,"message":[{"type":"text","data":{"text":"r"}}]}`},
		{string(groupMsg(testSelf, testGroup, testUser, 4, `[]`)), "send_group_msg", `{"group_id":777,"message":[{"type":"text","data":{"text":"r"}}]}`},
		{`{"time":1,"self_id":10001,"post_type":"message","message_type":"guild","sub_type":"channel","guild_id":"g1","channel_id":"c1","user_id":"u1","message_id":"m1","message":[],"raw_message":"","font":0,"sender":{"user_id":5,"nickname":"a"},"self_tiny_id":"t"}`,
			"send_guild_channel_msg", `{"guild_id":"g1","channel_id":"c1","message":[{"type":"text","data":{"text":"r"}}]}`},
	}
	for _, c := range cases {
		ev, ok := parse(t, []byte(c.frame)).(onebot11.MessageEvent)
		if !ok {
			t.Fatalf("%s: not a message event", c.frame)
		}
		if _, err := b.Reply(ctx, ev, onebot11.Text("r")); err != nil {
			t.Fatal(err)
		}
		got := m.next(t)
		if got.Action != c.action || string(got.Params) != c.params {
			t.Errorf("reply to %s:\n got %s %s\nwant %s %s", c.frame, got.Action, got.Params, c.action, c.params)
		}
	}
}
