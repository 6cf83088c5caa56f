package onebot11_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// exampleImpl is a tiny in-process OneBot 11 implementation standing in for
// NapCat or LLOneBot in the examples: a forward WebSocket at "/" that
// answers every call and records the sends.
type exampleImpl struct {
	srv  *httptest.Server
	ws   *transport.WSServer
	wg   sync.WaitGroup
	sent chan string
}

func startExampleImpl() *exampleImpl {
	e := &exampleImpl{sent: make(chan string, 16)}
	e.ws = transport.NewWSServer(&transport.WSServerOptions{OnConnect: func(c *transport.ServerConn) {
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			c.Run(context.Background(), func(frame []byte) {
				var req struct {
					Action string          `json:"action"`
					Params json.RawMessage `json:"params"`
					Echo   json.RawMessage `json:"echo"`
				}
				json.Unmarshal(frame, &req)
				data := `null`
				switch req.Action {
				case "get_login_info":
					data = `{"user_id":10001,"nickname":"duobot"}`
				case "send_group_msg", "send_private_msg", "send_msg":
					data = `{"message_id":501}`
					e.sent <- req.Action + " " + string(req.Params)
				}
				c.Send(context.Background(), []byte(`{"status":"ok","retcode":0,"data":`+data+`,"echo":`+string(req.Echo)+`}`))
			})
		}()
	}})
	e.srv = httptest.NewServer(e.ws)
	return e
}

// URL is the forward WebSocket's universal endpoint.
func (e *exampleImpl) URL() string { return "ws" + strings.TrimPrefix(e.srv.URL, "http") + "/" }

// Push sends an event to every connected bot, once one is connected.
func (e *exampleImpl) Push(frame string) {
	for len(e.ws.Conns()) == 0 {
		time.Sleep(time.Millisecond)
	}
	e.ws.Broadcast([]byte(frame))
}

func (e *exampleImpl) Close() {
	e.ws.Close()
	e.srv.Close()
	e.wg.Wait()
}

// Connect to an implementation's forward WebSocket, learn the account and
// send a message.
func ExampleDialWS() {
	impl := startExampleImpl() // stands in for ws://127.0.0.1:3001/ of NapCat or LLOneBot
	defer impl.Close()
	ctx := context.Background()

	bot, err := onebot11.DialWS(ctx, impl.URL(), &onebot11.BotOptions{AccessToken: ""})
	if err != nil {
		log.Fatal(err)
	}
	defer bot.Close()

	self, err := bot.WaitSelfID(ctx) // X-Self-ID, an event, or get_login_info
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("logged in as", self)

	res, err := bot.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{
		GroupID: 777,
		Message: onebot11.Message{onebot11.Text("hello, "), onebot11.At(42)},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("message id", res.MessageID)
	fmt.Println(<-impl.sent)
	// Output:
	// logged in as 10001
	// message id 501
	// send_group_msg {"group_id":777,"message":[{"type":"text","data":{"text":"hello, "}},{"type":"at","data":{"qq":"42"}}]}
}

// Serve implementations that connect to the bot (reverse WebSocket): one Bot
// per X-Self-ID, all running the same handler.
func ExampleNewReverseServer() {
	rs := onebot11.NewReverseServer(&onebot11.BotOptions{AccessToken: "secret"})
	srv := httptest.NewServer(rs) // in a program: http.ListenAndServe(":8080", rs)
	defer srv.Close()
	defer rs.Close()

	mux := onebot11.NewMux()
	onebot11.OnMessage(mux, func(ctx context.Context, ev onebot11.MessageEvent) error {
		bot := onebot11.FromContext(ctx) // the account that received ev
		_, err := bot.Reply(ctx, ev, onebot11.Text(fmt.Sprintf("pong from %d", bot.SelfID())))
		return err
	}, onebot11.Command("/ping"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rs.Run(ctx, mux) }()

	// The implementation side (normally NapCat / LLOneBot configured with
	// this URL): an account connecting with its id and role.
	h := http.Header{}
	h.Set("X-Self-ID", "10001")
	h.Set("X-Client-Role", "Universal")
	impl, err := transport.NewWSClient("ws"+strings.TrimPrefix(srv.URL, "http"), &transport.WSOptions{Token: "secret", Header: h})
	if err != nil {
		log.Fatal(err)
	}
	defer impl.Close()
	reply := make(chan string, 1)
	go impl.Run(ctx, func(frame []byte) { // the bot's calls
		var req struct {
			Action string          `json:"action"`
			Params json.RawMessage `json:"params"`
			Echo   json.RawMessage `json:"echo"`
		}
		json.Unmarshal(frame, &req)
		reply <- req.Action + " " + string(req.Params)
		impl.Send(ctx, []byte(`{"status":"ok","retcode":0,"data":{"message_id":1},"echo":`+string(req.Echo)+`}`))
	})
	impl.Send(ctx, []byte(`{"time":1,"self_id":10001,"post_type":"message","message_type":"private","sub_type":"friend",`+
		`"message_id":7,"user_id":42,"message":[{"type":"text","data":{"text":"/ping"}}],"raw_message":"/ping","font":0,"sender":{"user_id":42,"nickname":"alice"}}`))

	fmt.Println(<-reply)
	cancel()
	fmt.Println(<-done)
	// Output:
	// send_private_msg {"user_id":42,"message":[{"type":"text","data":{"text":"pong from 10001"}}]}
	// context canceled
}

// Use the HTTP API, with events from LLOneBot's Server-Sent Events stream
// (GET /_events). The implementation here is the project's own
// onebot11.Server.
func ExampleDialHTTP() {
	sm := onebot11.NewServeMux()
	sm.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		return &onebot11.GetLoginInfoResult{UserID: 10001, Nickname: "duobot"}, nil
	})
	sent := make(chan string, 1)
	sm.HandleSendPrivateMsg(func(ctx context.Context, p *onebot11.SendPrivateMsgParams) (*onebot11.SendPrivateMsgResult, error) {
		sent <- fmt.Sprintf("to %d: %s", p.UserID, p.Message.CQString())
		return &onebot11.SendPrivateMsgResult{MessageID: 1}, nil
	})
	impl, err := onebot11.NewServer(sm, &onebot11.ServerOptions{SelfID: 10001, AccessToken: "secret"})
	if err != nil {
		log.Fatal(err)
	}
	defer impl.Close()
	hs := httptest.NewServer(impl) // stands in for http://127.0.0.1:3000 of LLOneBot
	defer hs.Close()

	bot, err := onebot11.DialHTTP(hs.URL, &onebot11.BotOptions{AccessToken: "secret"})
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	self, err := bot.WaitSelfID(ctx) // no event yet: asks get_login_info
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("self", self)

	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.PrivateMessageEvent) error {
		_, err := onebot11.Respond(ctx, ev, onebot11.Text("hi "+ev.Sender.Nickname), onebot11.Face(14))
		return err
	})
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx, mux) }()
	for impl.Stats().SSESubscribers == 0 { // wait until the stream is open
		time.Sleep(time.Millisecond)
	}
	impl.PublishRaw(ctx, []byte(`{"time":1,"self_id":10001,"post_type":"message","message_type":"private","sub_type":"friend",`+
		`"message_id":7,"user_id":42,"message":[{"type":"text","data":{"text":"hello"}}],"raw_message":"hello","font":0,"sender":{"user_id":42,"nickname":"alice"}}`))
	fmt.Println(<-sent)
	cancel()
	fmt.Println(<-done)
	// Output:
	// self 10001
	// to 42: hi alice[CQ:face,id=14]
	// context canceled
}
