package onebot11_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"regexp"
	"strconv"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// Typed handlers with matchers: a command, a regular expression, and
// messages addressed to the bot. The same code runs over every connection
// mode; here it is a forward WebSocket.
func ExampleOn() {
	impl := startExampleImpl()
	defer impl.Close()

	mux := onebot11.NewMux()
	mux.Use(func(next onebot11.Handler) onebot11.Handler { // middleware sees every event
		return onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
			fmt.Println("event:", ev.PostType(), ev.DetailType())
			return next.HandleEvent(ctx, ev)
		})
	})
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		_, err := onebot11.Respond(ctx, ev, onebot11.Text(onebot11.MatchFrom(ctx).Args)) // answer in the same chat
		return err
	}, onebot11.Command("/echo"))
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		m := onebot11.MatchFrom(ctx).Named
		n, _ := strconv.Atoi(m["n"])
		sides, _ := strconv.Atoi(m["sides"])
		_, err := onebot11.Respond(ctx, ev, onebot11.Text(fmt.Sprintf("max %d", n*sides)))
		return err
	}, onebot11.Regex(regexp.MustCompile(`^roll (?P<n>\d+)d(?P<sides>\d+)$`)))
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		// Quote the message and mention its sender.
		_, err := onebot11.FromContext(ctx).ReplyQuote(ctx, ev, onebot11.Text("yes?"))
		return err
	}, onebot11.ToMe())

	ctx, cancel := context.WithCancel(context.Background())
	bot, err := onebot11.DialWS(ctx, impl.URL(), &onebot11.BotOptions{Concurrency: 1})
	if err != nil {
		log.Fatal(err)
	}
	defer bot.Close()
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx, mux) }()

	group := func(id int, message string) string {
		return fmt.Sprintf(`{"time":1,"self_id":10001,"post_type":"message","message_type":"group","sub_type":"normal","message_id":%d,`+
			`"group_id":777,"user_id":42,"message":%s,"raw_message":"","font":0,"sender":{"user_id":42,"nickname":"alice"}}`, id, message)
	}
	impl.Push(group(1, `[{"type":"text","data":{"text":"/echo hi there"}}]`))
	fmt.Println(<-impl.sent)
	impl.Push(group(2, `[{"type":"text","data":{"text":"roll 3d6"}}]`))
	fmt.Println(<-impl.sent)
	impl.Push(group(3, `[{"type":"at","data":{"qq":"10001"}},{"type":"text","data":{"text":" bot"}}]`))
	fmt.Println(<-impl.sent)

	cancel()
	fmt.Println(<-done)
	// Output:
	// event: message group
	// send_group_msg {"group_id":777,"message":[{"type":"text","data":{"text":"hi there"}}]}
	// event: message group
	// send_group_msg {"group_id":777,"message":[{"type":"text","data":{"text":"max 18"}}]}
	// event: message group
	// send_group_msg {"group_id":777,"message":[{"type":"reply","data":{"id":"3"}},{"type":"at","data":{"qq":"42"}},{"type":"text","data":{"text":" "}},{"type":"text","data":{"text":"yes?"}}]}
	// context canceled
}

// Answer an event with a quick operation. In webhook mode (the
// implementation POSTs events to the bot) it is the HTTP reply; over
// WebSocket the bot sends it with .handle_quick_operation.
func ExampleSetQuickOperation() {
	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.FriendRequestEvent) error {
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickApprove{Approve: true, Remark: "from the bot"})
	})
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{
			Reply:    onebot11.Message{onebot11.Text("no links, please")},
			AtSender: true,
			Delete:   true,
		})
	}, onebot11.Regex(regexp.MustCompile(`https?://`)))

	// The bot's API caller would point at the implementation's HTTP API.
	api, err := transport.NewHTTPCaller("http://127.0.0.1:3000", nil)
	if err != nil {
		log.Fatal(err)
	}
	bot := onebot11.NewWebhookBot(api, &onebot11.BotOptions{Secret: "hmac-secret"})
	srv := httptest.NewServer(bot) // in a program: http.ListenAndServe(":8080", bot)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx, mux) }()

	// The implementation side: post events as NapCat / LLOneBot would.
	post, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{
		URLs: []string{srv.URL}, Secret: "hmac-secret", SelfID: "10001",
		MaxAttempts: 100, Backoff: transport.Backoff{Initial: 20 * time.Millisecond, Max: 20 * time.Millisecond},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, ev := range []string{
		`{"time":1,"self_id":10001,"post_type":"request","request_type":"friend","user_id":42,"comment":"hi","flag":"f1"}`,
		`{"time":1,"self_id":10001,"post_type":"message","message_type":"group","sub_type":"normal","message_id":9,"group_id":777,"user_id":42,` +
			`"message":[{"type":"text","data":{"text":"see https://spam.example"}}],"raw_message":"","font":0,"sender":{"user_id":42,"nickname":"eve"}}`,
	} {
		res, _ := post.Send(ctx, []byte(ev)) // retried while the bot starts (503)
		fmt.Println(res[0].StatusCode, string(res[0].Body))
	}
	cancel()
	<-done
	// Output:
	// 200 {"approve":true,"remark":"from the bot"}
	// 200 {"reply":[{"type":"text","data":{"text":"no links, please"}}],"at_sender":true,"delete":true}
}
