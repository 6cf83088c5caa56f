package milky_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/transport"
)

// A group message "/ping", as a Milky implementation pushes it.
const pingFrame = `{"time":1764000000,"self_id":3141592653,"event_type":"message_receive","data":{"message_scene":"group","peer_id":987654321,"message_seq":41,"sender_id":1234567890,"time":1764000000,"segments":[{"type":"text","data":{"text":"/ping"}}],"group":{"group_id":987654321,"group_name":"duobot","member_count":2,"max_member_count":200,"remark":"","created_time":0,"description":"","question":"","announcement":""},"group_member":{"user_id":1234567890,"nickname":"alice","sex":"female","group_id":987654321,"card":"","title":"","level":1,"role":"member","join_time":0,"last_sent_time":0}}}`

// exampleMilky stands in for a Milky implementation under the prefix
// /milky: it pushes pingFrame to every event WebSocket and prints the
// params of every send_group_message call.
func exampleMilky() (srv *httptest.Server, stop func()) {
	events := transport.NewWSServer(&transport.WSServerOptions{
		OnConnect: func(c *transport.ServerConn) { c.TrySend([]byte(pingFrame)) },
	})
	mux := http.NewServeMux()
	mux.Handle("GET /milky/event", events)
	mux.HandleFunc("POST /milky/api/send_group_message", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Printf("send_group_message %s\n", body)
		io.WriteString(w, `{"status":"ok","retcode":0,"data":{"message_seq":42,"time":1764000001}}`)
	})
	srv = httptest.NewServer(mux)
	return srv, func() {
		events.Close()
		srv.Close()
	}
}

func ExampleDial() {
	srv, stop := exampleMilky()
	defer stop()

	// API calls go to {base}/api/{name}, events come from {base}/event
	// (WebSocket, SSE, or whichever works with the default EventsAuto).
	bot, err := milky.Dial(srv.URL+"/milky", &milky.BotOptions{Events: milky.EventsWebSocket})
	if err != nil {
		panic(err)
	}
	defer bot.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mux := milky.NewMux()
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		sent, err := bot.Reply(ctx, ev, milky.Text("pong"))
		if err != nil {
			return err
		}
		fmt.Println("sent", sent.Scene, sent.PeerID, sent.MessageSeq)
		cancel() // stop after one reply
		return nil
	}, milky.Command("/ping"))

	err = bot.Run(ctx, mux)
	fmt.Println("Run:", err)
	// Output:
	// send_group_message {"group_id":987654321,"message":[{"type":"text","data":{"text":"pong"}}]}
	// sent group 987654321 42
	// Run: context canceled
}

func ExampleNewWebhookReceiver() {
	srv, stop := exampleMilky()
	defer stop()

	// The implementation POSTs events to our HTTP server with
	// "Authorization: Bearer hook-secret".
	hook := milky.NewWebhookReceiver("hook-secret")
	hookSrv := httptest.NewServer(hook)
	defer hookSrv.Close()

	bot, err := milky.Dial(srv.URL+"/milky", &milky.BotOptions{Source: hook})
	if err != nil {
		panic(err)
	}
	defer bot.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mux := milky.NewMux()
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		// FromContext finds the Bot running the handler.
		_, err := milky.FromContext(ctx).ReplyWith(ctx, ev, milky.ReplyOptions{Quote: true, Mention: true}, milky.Text("pong"))
		cancel()
		return err
	}, milky.Command("/ping"))
	done := make(chan error, 1)
	go func() { done <- bot.Run(ctx, mux) }()

	var answers []int
	for _, token := range []string{"wrong", "hook-secret"} {
		req, _ := http.NewRequest(http.MethodPost, hookSrv.URL, strings.NewReader(pingFrame))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		answers = append(answers, resp.StatusCode)
	}
	err = <-done
	fmt.Println("webhook answered", answers)
	fmt.Println("Run:", err)
	// Output:
	// send_group_message {"group_id":987654321,"message":[{"type":"reply","data":{"message_seq":41}},{"type":"mention","data":{"user_id":1234567890}},{"type":"text","data":{"text":" "}},{"type":"text","data":{"text":"pong"}}]}
	// webhook answered [401 204]
	// Run: context canceled
}
