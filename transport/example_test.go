package transport_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

func ExampleNewHTTPCaller() {
	// A stand-in OneBot 11 implementation.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Printf("%s %s %s %s\n", r.Method, r.URL.Path, r.Header.Get("Authorization"), body)
		io.WriteString(w, `{"status":"ok","retcode":0,"data":{"message_id":7}}`)
	}))
	defer srv.Close()

	c, err := transport.NewHTTPCaller(srv.URL+"/onebot", &transport.HTTPOptions{Token: "secret"})
	if err != nil {
		panic(err)
	}
	resp, err := c.Call(context.Background(), "send_group_msg", []byte(`{"group_id":1,"message":"hi"}`))
	fmt.Println(string(resp), err)
	// Output:
	// POST /onebot/send_group_msg Bearer secret {"group_id":1,"message":"hi"}
	// {"status":"ok","retcode":0,"data":{"message_id":7}} <nil>
}

func ExampleWSClient_Call() {
	// A stand-in implementation answering every request with its echo.
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		for {
			_, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req struct {
				Action string
				Echo   string
			}
			jsonUnmarshal(b, &req)
			ws.WriteMessage(websocket.TextMessage, fmt.Appendf(nil, `{"status":"ok","retcode":0,"data":%q,"echo":%q}`, req.Action, req.Echo))
		}
	}))
	defer srv.Close()

	c, err := transport.NewWSClient("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		panic(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := c.Call(ctx, "get_status", nil) // waits for the connection
	if err != nil {
		panic(err)
	}
	var r struct{ Status, Data string }
	jsonUnmarshal(resp, &r)
	fmt.Println(r.Status, r.Data)
	// Output: ok get_status
}

func ExampleSSEClient() {
	// A stand-in Milky implementation streaming two events.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, ": hello\n\nevent: milky_event\ndata: {\"event_type\":\ndata: \"message_receive\"}\n\n")
		io.WriteString(w, "event: milky_event\ndata: {\"event_type\":\"bot_offline\"}\n\n")
	}))
	defer srv.Close()

	c, err := transport.NewSSEClient(srv.URL+"/event", &transport.SSEOptions{Token: "secret", EventName: "milky_event"})
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n := 0
	_ = c.Run(ctx, func(frame []byte) {
		fmt.Printf("%q\n", frame)
		if n++; n == 2 {
			cancel()
		}
	})
	// Output:
	// "{\"event_type\":\n\"message_receive\"}"
	// "{\"event_type\":\"bot_offline\"}"
}

func ExampleSSEServer() {
	s := transport.NewSSEServer(nil) // keeps the last DefaultSSEReplay events
	srv := httptest.NewServer(s)
	defer srv.Close()
	defer s.Close()

	c, err := transport.NewSSEClient(srv.URL, nil)
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	go func() {
		for s.Subscribers() == 0 {
			time.Sleep(time.Millisecond)
		}
		s.Publish("milky_event", []byte("line 1\nline 2"))
	}()
	_ = c.Run(ctx, func(frame []byte) {
		fmt.Printf("%q\n", frame)
		cancel() // disconnect after the first event
	})
	// Published while nobody listens: kept for replay.
	s.Publish("milky_event", []byte("missed 1"))
	s.Publish("milky_event", []byte("missed 2"))

	// The client reconnects with Last-Event-ID and gets what it missed.
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n := 0
	_ = c.Run(ctx, func(frame []byte) {
		fmt.Printf("%q\n", frame)
		if n++; n == 2 {
			cancel()
		}
	})
	// Output:
	// "line 1\nline 2"
	// "missed 1"
	// "missed 2"
}
