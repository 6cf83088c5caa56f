package sim_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Events reach SSE subscribers and webhooks too, and a webhook's quick
// operation reply acts on the world through the front-end's handlers.
func TestOneBot11WebhookAndSSE(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	w := sim.New(sim.WithSeed(3))
	defer w.Close()
	ob11Must(t, w.SeedDemo())

	hooked := make(chan onebot11.Event, 64)
	hook := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := onebot11.ParseEvent(body)
		if err != nil {
			t.Errorf("webhook body %s: %v", body, err)
			return
		}
		hooked <- ev
		reply := ""
		switch ev := ev.(type) {
		case *onebot11.GroupMessageEvent:
			if ev.RawMessage == "ping" {
				reply = `{"reply":"pong","at_sender":false}`
			}
		case *onebot11.FriendRequestEvent:
			reply = `{"approve":true,"remark":"via webhook"}`
		case *onebot11.GroupRequestEvent:
			reply = `{"approve":true}`
		}
		if reply != "" {
			rw.Header().Set("Content-Type", "application/json")
			io.WriteString(rw, reply)
			return
		}
		rw.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()

	ob := sim.NewOneBot11(w, nil)
	mux := onebot11.NewServeMux()
	ob.Register(mux)
	srv, err := onebot11.NewServer(mux, &onebot11.ServerOptions{SelfID: w.SelfID(), WebhookURLs: []string{hook.URL},
		OnError: func(err error) { t.Errorf("server: %v", err) }})
	ob11Must(t, err)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), ob11Wait)
	defer cancel()
	// StartEvents subscribes before it returns, so the world's first event
	// below cannot be missed (with `go ob.Run(...)` it could).
	stopEvents := ob.StartEvents(ctx, srv)
	defer func() {
		if err := stopEvents(); err != nil {
			t.Errorf("StartEvents: %v", err)
		}
	}()

	sse, err := transport.NewSSEClient(ts.URL+"/_events", nil)
	ob11Must(t, err)
	streamed := make(chan onebot11.Event, 64)
	sseCtx, sseStop := context.WithCancel(ctx)
	sseDone := make(chan error, 1)
	go func() {
		sseDone <- sse.Run(sseCtx, func(frame []byte) {
			if ev, err := onebot11.ParseEvent(frame); err == nil {
				streamed <- ev
			}
		})
	}()
	defer func() { sseStop(); <-sseDone }()
	// Wait until the SSE subscriber is attached before the world acts.
	for srv.Stats().SSESubscribers == 0 {
		select {
		case <-ctx.Done():
			t.Fatal("SSE subscriber never attached")
		case <-time.After(5 * time.Millisecond):
		}
	}

	m, err := w.UserSendGroup(sim.DemoGroupDev, sim.DemoBob, []sim.Element{sim.Text{Text: "ping"}})
	ob11Must(t, err)
	next := func(ch chan onebot11.Event, want func(onebot11.Event) bool) onebot11.Event {
		t.Helper()
		for {
			select {
			case ev := <-ch:
				if want(ev) {
					return ev
				}
			case <-ctx.Done():
				t.Fatal("event did not arrive")
				return nil
			}
		}
	}
	isPing := func(ev onebot11.Event) bool {
		gm, ok := ev.(*onebot11.GroupMessageEvent)
		return ok && gm.MessageID == int64(m.ID)
	}
	next(streamed, isPing)
	next(hooked, isPing)
	// The quick reply is sent by the bot: it shows up as message_sent.
	sent := next(streamed, func(ev onebot11.Event) bool {
		s, ok := ev.(*onebot11.GroupMessageSentEvent)
		return ok && s.GroupID == sim.DemoGroupDev
	}).(*onebot11.GroupMessageSentEvent)
	if sent.RawMessage != "pong" {
		t.Fatalf("quick reply %q", sent.RawMessage)
	}
	page, err := w.History(sim.HistoryQuery{Scene: sim.SceneGroup, Peer: sim.DemoGroupDev, Limit: 1})
	ob11Must(t, err)
	if len(page.Messages) != 1 || sim.PlainText(page.Messages[0].Content) != "pong" || page.Messages[0].SenderID != w.SelfID() {
		t.Fatalf("latest message %+v", page.Messages)
	}

	// Quick operations approve requests.
	_, err = w.RequestFriend(sim.DemoDave, "hi")
	ob11Must(t, err)
	next(streamed, func(ev onebot11.Event) bool {
		fa, ok := ev.(*onebot11.FriendAddNoticeEvent)
		return ok && fa.UserID == sim.DemoDave
	})
	if f, err := w.Friend(sim.DemoDave); err != nil || f.Remark != "via webhook" {
		t.Fatalf("Dave after the quick approve: %+v %v", f, err)
	}
	_, err = w.RequestJoinGroup(sim.DemoGroupPlay, sim.DemoCarol, "hi")
	ob11Must(t, err)
	next(streamed, func(ev onebot11.Event) bool {
		in, ok := ev.(*onebot11.GroupIncreaseNoticeEvent)
		return ok && in.UserID == sim.DemoCarol && in.GroupID == sim.DemoGroupPlay
	})

	// An _async call acts later.
	hc := &http.Client{Transport: &http.Transport{}}
	defer hc.CloseIdleConnections()
	caller, err := transport.NewHTTPCaller(ts.URL, &transport.HTTPOptions{Client: hc})
	ob11Must(t, err)
	c := onebot11.NewClient(caller).Async()
	_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay, Message: onebot11.Message{onebot11.Text("later")}})
	ob11Must(t, err)
	next(streamed, func(ev onebot11.Event) bool {
		s, ok := ev.(*onebot11.GroupMessageSentEvent)
		return ok && s.RawMessage == "later"
	})
}

// Run ends with nil when the world closes, and with ctx's error when ctx
// ends, leaving no goroutine behind.
func TestOneBot11RunEnds(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv, err := onebot11.NewServer(onebot11.NewServeMux(), nil)
	ob11Must(t, err)
	defer srv.Close()

	w := sim.New()
	ob := sim.NewOneBot11(w, &sim.OneBot11Options{HeartbeatInterval: time.Millisecond})
	done := make(chan error, 1)
	go func() { done <- ob.Run(context.Background(), srv) }()
	deadline := time.Now().Add(ob11Wait)
	for srv.Stats().Published == 0 { // wait for a heartbeat
		if time.Now().After(deadline) {
			t.Fatal("no heartbeat was published")
		}
		time.Sleep(time.Millisecond)
	}
	w.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after Close: %v", err)
		}
	case <-time.After(ob11Wait):
		t.Fatal("Run did not end when the world closed")
	}

	w2 := sim.New()
	defer w2.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- sim.NewOneBot11(w2, nil).Run(ctx, srv) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel: %v", err)
	}
}
