package adapter_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
)

// TestBridgeEmbeddedSimulator: with no upstream URL the bridge starts the
// demo simulator and serves OneBot 11 on it (the README's first command);
// a webhook and a reverse WebSocket bot receive its events, and the reverse
// bot's calls reach the simulator.
func TestBridgeEmbeddedSimulator(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)

	type post struct {
		body []byte
		sig  string
	}
	posts := make(chan post, 64)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		select {
		case posts <- post{b, r.Header.Get("X-Signature")}:
		default:
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()

	rev := onebot11.NewReverseServer(&onebot11.BotOptions{AccessToken: "rev-token"})
	revTS := httptest.NewServer(rev)
	defer revTS.Close()
	defer rev.Close()
	revEvents := make(chan onebot11.Event, 64)
	runCtx, cancel := context.WithCancel(ctx)
	runDone := make(chan struct{})
	go func() {
		defer close(runDone)
		_ = rev.Run(runCtx, onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
			select {
			case revEvents <- ev:
			default:
			}
			return nil
		}))
	}()
	defer func() { cancel(); <-runDone }()

	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{Listen: "127.0.0.1:0", HeartbeatInterval: 50 * time.Millisecond,
		WebhookURLs: []string{hook.URL}, Secret: "s3cret",
		ReverseURL: "ws" + strings.TrimPrefix(revTS.URL, "http"), AccessToken: "rev-token"})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	if br.Sim() == nil || br.SelfID() != sim.DefaultSelfID {
		t.Fatalf("embedded simulator: %v, self id %d", br.Sim(), br.SelfID())
	}
	w := br.Sim().World()

	bot, err := rev.WaitBot(ctx, sim.DefaultSelfID)
	if err != nil {
		t.Fatal(err)
	}
	// The reverse connection's lifecycle event says it is up.
	waitFor(t, ctx, revEvents, func(ev onebot11.Event) bool {
		_, ok := ev.(*onebot11.LifecycleMetaEvent)
		return ok
	})
	// The upstream subscription completes asynchronously (see the report
	// on transport.WSServer): send until a message arrives.
	pm := untilEvent(t, ctx, revEvents, func() {
		if _, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "hello bridge"}}); err != nil {
			t.Fatal(err)
		}
	}, func(ev onebot11.Event) bool {
		_, ok := ev.(*onebot11.PrivateMessageEvent)
		return ok
	}).(*onebot11.PrivateMessageEvent)
	if pm.UserID != sim.DemoAlice || pm.Message.PlainText() != "hello bridge" {
		t.Errorf("private message %+v", pm)
	}
	for {
		select {
		case p := <-posts:
			if !strings.Contains(string(p.body), "hello bridge") {
				continue
			}
			if !strings.HasPrefix(p.sig, "sha1=") {
				t.Errorf("webhook signature %q", p.sig)
			}
		case <-ctx.Done():
			t.Fatal("webhook got no message event")
		}
		break
	}
	// Heartbeats are synthesized with the upstream's status.
	hb := waitFor(t, ctx, revEvents, func(ev onebot11.Event) bool {
		_, ok := ev.(*onebot11.HeartbeatMetaEvent)
		return ok
	}).(*onebot11.HeartbeatMetaEvent)
	if hb.Interval != 50 || !hb.Status.Online {
		t.Errorf("heartbeat %+v", hb)
	}
	// The reverse bot answers through the bridge.
	if _, err := bot.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice, Message: onebot11.Message{onebot11.Text("hi back")}}); err != nil {
		t.Fatal(err)
	}
	page, err := w.History(sim.HistoryQuery{Scene: sim.SceneFriend, Peer: sim.DemoAlice, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Messages) != 1 || sim.PlainText(page.Messages[0].Content) != "hi back" {
		t.Errorf("last message %+v", page.Messages)
	}
}

// TestBridgeReportsLoss: conversion losses of events and API calls reach
// OnLoss and the debug log.
func TestBridgeReportsLoss(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	var logBuf syncBuffer
	type loss struct {
		api string
		rep *adapter.Report
	}
	losses := make(chan loss, 64)
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		UpstreamURL: inst.MilkyURL(), UpstreamToken: inst.MilkyToken(), Listen: "127.0.0.1:0", HeartbeatInterval: -1,
		Logger: slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		OnLoss: func(_ context.Context, api string, r *adapter.Report) {
			select {
			case losses <- loss{api, r}:
			default:
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	c := onebot11.NewClient(httpCaller(t, br.URL(), ""))
	// A poke segment has no Milky form: the text is sent, the poke reported.
	if _, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
		Message: onebot11.Message{onebot11.Text("hi"), onebot11.PokeUser(sim.DemoAlice)}}); err != nil {
		t.Fatal(err)
	}
	l := waitFor(t, ctx, losses, func(l loss) bool { return l.api == onebot11.ActionSendGroupMsg })
	if !l.rep.Has(adapter.LossOneBotOnlySeg) {
		t.Errorf("send_group_msg loss %v", l.rep)
	}
	// The bot's own message comes back as an event, whose entities lose
	// fields OneBot has no slot for.
	// (Sent again until one arrives: the upstream subscription completes
	// asynchronously.)
	ev := untilEvent(t, ctx, losses, func() {
		if _, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
			Message: onebot11.Message{onebot11.Text("again")}}); err != nil {
			t.Fatal(err)
		}
	}, func(l loss) bool { return l.api == "message_receive" })
	if ev.rep.Empty() {
		t.Error("empty event report")
	}
	if s := logBuf.String(); !strings.Contains(s, "level=DEBUG") || !strings.Contains(s, string(adapter.LossOneBotOnlySeg)) {
		t.Errorf("debug log lacks the loss:\n%s", s)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBridgeCancel: ending the context passed to StartBridge closes the
// bridge (no goroutine left behind, the port is free), and Close after
// that is harmless.
func TestBridgeCancel(t *testing.T) {
	leakCheck(t)
	inst := simtest.Start(t)
	ctx, cancel := context.WithCancel(testCtx(t))
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamURL: inst.MilkyURL(), Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	addr := br.Addr()
	cancel()
	select {
	case <-br.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("bridge still running after its context ended")
	}
	if err := br.Close(); err != nil {
		t.Errorf("Close after cancel: %v", err)
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Errorf("%s still accepts connections", addr)
	}
}

// TestBridgeReconnects: the upstream goes away and comes back on the same
// address; the bridge reconnects and events flow again.
func TestBridgeReconnects(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	start := func(addr string) *sim.Instance {
		inst, err := sim.Start(ctx, &sim.StartOptions{SeedDemo: true, MilkyAddr: addr, OneBot11Addr: "127.0.0.1:0"})
		if err != nil {
			t.Fatal(err)
		}
		return inst
	}
	inst := start("127.0.0.1:0")
	addr := inst.MilkyAddr()
	var logBuf syncBuffer
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamURL: inst.MilkyURL(), Listen: "127.0.0.1:0",
		HeartbeatInterval: -1, Backoff: transport.Backoff{Initial: 20 * time.Millisecond, Max: 100 * time.Millisecond},
		Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	_, evs := oneBotClient(t, ctx, br)
	send := func(w *sim.World) func() {
		return func() {
			if _, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "are you there"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	isMsg := func(ev onebot11.Event) bool { _, ok := ev.(*onebot11.PrivateMessageEvent); return ok }
	untilEvent(t, ctx, evs, send(inst.World()), isMsg)

	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	inst2 := start(addr)
	defer inst2.Close()
	untilEvent(t, ctx, evs, send(inst2.World()), isMsg)
	// A real disconnect is worth a warning (unlike a shutdown).
	if !strings.Contains(logBuf.String(), "upstream events disconnected; reconnecting") {
		t.Errorf("no reconnect warning logged:\n%s", logBuf.String())
	}
}

// TestBridgeShutdownQuiet: a normal shutdown (Close, or the start context
// ending) logs no reconnect warning, nor any other warning or error.
func TestBridgeShutdownQuiet(t *testing.T) {
	leakCheck(t)
	for _, how := range []string{"close", "cancel"} {
		t.Run(how, func(t *testing.T) {
			inst := simtest.Start(t)
			var logBuf syncBuffer
			ctx, cancel := context.WithCancel(testCtx(t))
			defer cancel()
			br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamURL: inst.MilkyURL(), UpstreamToken: inst.MilkyToken(),
				Listen: "127.0.0.1:0", HeartbeatInterval: -1,
				Logger: slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(logBuf.String(), "upstream events connected") {
				t.Fatalf("no connect message logged (is the log captured?):\n%s", logBuf.String())
			}
			if how == "close" {
				if err := br.Close(); err != nil {
					t.Fatal(err)
				}
			} else {
				cancel()
				<-br.Done()
			}
			s := logBuf.String()
			if strings.Contains(s, "reconnecting") || strings.Contains(s, "level=WARN") || strings.Contains(s, "level=ERROR") {
				t.Errorf("shutdown logged a warning:\n%s", s)
			}
		})
	}
}
