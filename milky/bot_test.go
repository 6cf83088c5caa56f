package milky

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/duobot/duobot/transport"
)

// runningBot is a Bot whose Run is active on its own goroutine.
type runningBot struct {
	*Bot
	cancel   context.CancelFunc
	done     chan error
	connects atomic.Int64
	modes    chan EventMode
	errs     chan error // from the error handler
}

// fastBackoff keeps reconnects quick in tests.
var fastBackoff = transport.Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond, Multiplier: 2}

// startBot dials base with o (nil: defaults) and runs h; the test's
// cleanup cancels Run, checks it returned context.Canceled and closes the
// bot. Connects and errors are recorded.
func startBot(t *testing.T, base string, h Handler, o *BotOptions) *runningBot {
	t.Helper()
	rb := &runningBot{done: make(chan error, 1), modes: make(chan EventMode, 16), errs: make(chan error, 64)}
	opts := *o.orZero()
	if opts.Backoff == (transport.Backoff{}) {
		opts.Backoff = fastBackoff
	}
	opts.OnConnect = func(m EventMode) {
		rb.connects.Add(1)
		select {
		case rb.modes <- m:
		default:
		}
	}
	opts.OnError = func(_ Event, err error) { rb.errs <- err }
	b, err := Dial(base, &opts)
	require.NoError(t, err)
	rb.Bot = b
	ctx, cancel := context.WithCancel(context.Background())
	rb.cancel = cancel
	go func() { rb.done <- b.Run(ctx, h) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-rb.done:
			if !errors.Is(err, context.Canceled) && !errors.Is(err, ErrBotClosed) {
				t.Errorf("Run returned %v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after cancel")
		}
		b.Close()
	})
	return rb
}

// waitMode waits for the next connect and checks its mode.
func (rb *runningBot) waitMode(t *testing.T, want EventMode) {
	t.Helper()
	select {
	case m := <-rb.modes:
		require.Equal(t, want, m, "event mode")
	case err := <-rb.done:
		t.Fatalf("Run ended before connecting: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("bot did not connect within 5s")
	}
}

// waitReady waits until the bot's event connection is established on the
// server side too, so that published events reach it.
func waitReady(t *testing.T, s *testServer, rb *runningBot, mode EventMode, wsConnects int64) {
	t.Helper()
	rb.waitMode(t, mode)
	if mode == EventsWebSocket {
		btWaitFor(t, "server-side WebSocket", func() bool { return s.wsConnects.Load() >= wsConnects })
	}
}

// echoMux answers "/echo <text>" in any scene with a quoting, mentioning
// reply and reports Reply's error.
func echoMux(t *testing.T, replyErr chan<- error) *Mux {
	m := NewMux()
	On(m, func(ctx context.Context, ev *MessageReceiveEvent) error {
		b := FromContext(ctx)
		if b == nil {
			t.Error("no Bot in the handler context")
			return nil
		}
		_, err := b.ReplyWith(ctx, ev, ReplyOptions{Quote: true, Mention: true}, Text(MatchFrom(ctx).Args))
		if replyErr != nil {
			replyErr <- err
		}
		return err
	}, Command("/echo"))
	return m
}

const wantGroupEcho = `{"group_id":30003,"message":[
	{"type":"reply","data":{"message_seq":7}},
	{"type":"mention","data":{"user_id":20002}},
	{"type":"text","data":{"text":" "}},
	{"type":"text","data":{"text":"hello  world"}}]}`

func TestBotGroupReplyModes(t *testing.T) {
	btNoLeak(t)
	cases := []struct {
		name     string
		srv      testServerConfig
		opts     BotOptions
		mode     EventMode // the mode that connects
		probeWS  int64     // server-side WebSocket connects before the real one
		tokenQry bool
	}{
		{name: "websocket", srv: testServerConfig{ws: true}, opts: BotOptions{Events: EventsWebSocket}, mode: EventsWebSocket},
		{name: "sse", srv: testServerConfig{sse: true}, opts: BotOptions{Events: EventsSSE}, mode: EventsSSE},
		{name: "sse unnamed events", srv: testServerConfig{sse: true, sseUnnamed: true}, opts: BotOptions{Events: EventsSSE}, mode: EventsSSE},
		{name: "auto picks websocket", srv: testServerConfig{ws: true, sse: true}, mode: EventsWebSocket, probeWS: 1},
		{name: "auto falls back on a 200 event stream", srv: testServerConfig{sse: true}, mode: EventsSSE},
		{name: "auto falls back on 426", srv: testServerConfig{sse: true, rejectUpgrade: http.StatusUpgradeRequired}, mode: EventsSSE},
		{name: "auto retries a 503 probe", srv: testServerConfig{ws: true, sse: true, failUpgrades: 2}, mode: EventsWebSocket, probeWS: 1},
		{name: "websocket retries a 503 handshake", srv: testServerConfig{ws: true, failUpgrades: 2}, opts: BotOptions{Events: EventsWebSocket}, mode: EventsWebSocket},
		{name: "auto falls back on 400", srv: testServerConfig{sse: true, rejectUpgrade: http.StatusBadRequest}, mode: EventsSSE},
		{name: "websocket token in query", srv: testServerConfig{ws: true}, opts: BotOptions{Events: EventsWebSocket, TokenInQuery: true}, mode: EventsWebSocket},
		{name: "sse token in query", srv: testServerConfig{sse: true}, opts: BotOptions{Events: EventsSSE, TokenInQuery: true}, mode: EventsSSE},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.srv.prefix, tc.srv.token = "/milky", "s3cret"
			s := newTestServer(t, tc.srv)
			replyErr := make(chan error, 1)
			tc.opts.AccessToken = "s3cret"
			rb := startBot(t, s.Base(), echoMux(t, replyErr), &tc.opts)
			waitReady(t, s, rb, tc.mode, tc.probeWS+1)

			s.Publish(btGroupMsg(30003, 20002, 7, btSegs(btMention(testSelfID), btText(" /echo hello  world "))))
			c := s.NextCall(t)
			assert.Equal(t, APISendGroupMessage, c.Name)
			assert.JSONEq(t, wantGroupEcho, string(c.Body))
			assert.Equal(t, "Bearer s3cret", c.Header.Get("Authorization"))
			require.NoError(t, <-replyErr)

			// Not a command: nothing is sent.
			s.Publish(btGroupMsg(30003, 20002, 8, btSegs(btText("/echoes"))))
			s.NoCall(t, 50*time.Millisecond)

			want := "header"
			if tc.opts.TokenInQuery {
				want = "query"
			}
			for _, how := range s.EventAuth() {
				assert.Equal(t, want, how, "token of the /event requests")
			}
		})
	}
}

func TestBotFriendAndTempReply(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{ws: true})
	replyErr := make(chan error, 4)
	rb := startBot(t, s.Base(), echoMux(t, replyErr), &BotOptions{Events: EventsWebSocket})
	waitReady(t, s, rb, EventsWebSocket, 1)

	s.Publish(btFriendMsg(40004, 3, btSegs(btText("/echo hi"))))
	c := s.NextCall(t)
	assert.Equal(t, APISendPrivateMessage, c.Name)
	// Mention is ignored in private chats; the quote stays.
	assert.JSONEq(t, `{"user_id":40004,"message":[{"type":"reply","data":{"message_seq":3}},{"type":"text","data":{"text":"hi"}}]}`, string(c.Body))
	require.NoError(t, <-replyErr)

	s.Publish(btTempMsg(50005, 4, btSegs(btText("/echo hi"))))
	err := <-replyErr
	assert.ErrorIs(t, err, ErrTempSend)
	assert.ErrorIs(t, <-rb.errs, ErrTempSend, "the handler's error reaches the error handler")
	s.NoCall(t, 50*time.Millisecond)
}

func TestBotSendScenes(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{})
	b, err := Dial(s.Base(), nil)
	require.NoError(t, err)
	defer b.Close()
	ctx := context.Background()

	m, err := b.Send(ctx, SceneGroup, 30003, Text("a"))
	require.NoError(t, err)
	assert.Equal(t, &SentMessage{Scene: SceneGroup, PeerID: 30003, MessageSeq: 1, Time: 1700000000}, m)
	assert.Equal(t, APISendGroupMessage, s.NextCall(t).Name)

	m, err = b.Send(ctx, SceneFriend, 40004, Text("b"))
	require.NoError(t, err)
	assert.Equal(t, int64(2), m.MessageSeq)
	assert.Equal(t, APISendPrivateMessage, s.NextCall(t).Name)

	_, err = b.Send(ctx, SceneTemp, 50005, Text("c"))
	assert.ErrorIs(t, err, ErrTempSend)
	_, err = b.Send(ctx, "channel", 1, Text("c"))
	assert.ErrorIs(t, err, ErrUnknownScene)
	_, err = b.Send(ctx, SceneGroup, 30003)
	assert.ErrorIs(t, err, ErrBadSegments)
	s.NoCall(t, 20*time.Millisecond)

	s.mu.Lock()
	s.apiStatus = http.StatusUnauthorized
	s.mu.Unlock()
	_, err = b.Send(ctx, SceneGroup, 30003, Text("x"))
	assert.ErrorIs(t, err, ErrUnauthorized)
}

func TestBotWebSocketReconnect(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{ws: true})
	got := make(chan int64, 4)
	m := NewMux()
	On(m, func(ctx context.Context, ev *GroupMuteEvent) error {
		got <- ev.Data.UserID
		return nil
	})
	rb := startBot(t, s.Base(), m, &BotOptions{Events: EventsWebSocket})
	waitReady(t, s, rb, EventsWebSocket, 1)
	s.Publish(btGroupMute(30003, 20001, 20009))
	assert.Equal(t, int64(20001), btRecv(t, got))

	s.DropWS()
	waitReady(t, s, rb, EventsWebSocket, 2)
	s.Publish(btGroupMute(30003, 20002, 20009))
	assert.Equal(t, int64(20002), btRecv(t, got))
	assert.Equal(t, int64(2), rb.connects.Load())
}

func btRecv[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(5 * time.Second):
		t.Fatal("nothing received within 5s")
		var zero T
		return zero
	}
}

func TestBotWebhook(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{token: "api-token"})
	recvr := NewWebhookReceiver("hook-token")
	hook := httptest.NewServer(recvr)
	defer hook.Close()
	replyErr := make(chan error, 2)
	rb := startBot(t, s.Base(), echoMux(t, replyErr), &BotOptions{AccessToken: "api-token", Source: recvr})

	post := func(auth string, body []byte) int {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, hook.URL, strings.NewReader(string(body)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := hook.Client().Do(req)
		require.NoError(t, err)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	frame := btGroupMsg(30003, 20002, 7, btSegs(btMention(testSelfID), btText(" /echo hello  world ")))
	assert.Equal(t, http.StatusUnauthorized, post("", frame), "missing token")
	assert.Equal(t, http.StatusUnauthorized, post("Bearer wrong", frame), "wrong token")
	resp, err := hook.Client().Get(hook.URL)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	s.NoCall(t, 50*time.Millisecond)

	assert.Equal(t, http.StatusNoContent, post("Bearer hook-token", frame))
	c := s.NextCall(t)
	assert.Equal(t, APISendGroupMessage, c.Name)
	assert.JSONEq(t, wantGroupEcho, string(c.Body))
	assert.Equal(t, "Bearer api-token", c.Header.Get("Authorization"))
	require.NoError(t, <-replyErr)

	// A frame that is not an event goes to the error handler.
	assert.Equal(t, http.StatusNoContent, post("Bearer hook-token", []byte(`{"event_type":`)))
	assert.Error(t, btRecv(t, rb.errs))
}

func TestBotUnknownEventDelivered(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{sse: true})
	got := make(chan Event, 2)
	m := NewMux()
	On(m, func(ctx context.Context, ev Event) error {
		got <- ev
		return nil
	})
	rb := startBot(t, s.Base(), m, &BotOptions{Events: EventsSSE, Concurrency: 1})
	waitReady(t, s, rb, EventsSSE, 0)
	// SSE events with another name are not Milky events.
	s.sse.Publish("keepalive", btGroupMute(30003, 20002, 20009))
	s.Publish(btUnknown())
	ev := btRecv(t, got).(*UnknownEvent)
	assert.Equal(t, "future_event", ev.EventType())
	assert.JSONEq(t, `{"x":1}`, string(ev.Data))
	select {
	case err := <-rb.errs:
		t.Fatalf("unknown event reported as error: %v", err)
	case ev := <-got:
		t.Fatalf("unexpected event %T", ev)
	case <-time.After(50 * time.Millisecond):
	}
}

func TestBotAuthFailureEndsRun(t *testing.T) {
	btNoLeak(t)
	for _, mode := range []EventMode{EventsAuto, EventsWebSocket, EventsSSE} {
		t.Run(mode.String(), func(t *testing.T) {
			s := newTestServer(t, testServerConfig{ws: true, sse: true, token: "right"})
			b, err := Dial(s.Base(), &BotOptions{AccessToken: "wrong", Events: mode})
			require.NoError(t, err)
			defer b.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err = b.Run(ctx, NewMux())
			assert.ErrorIs(t, err, transport.ErrUnauthorized)
			assert.NoError(t, ctx.Err(), "Run should fail at once, not at the deadline")
		})
	}
}

func TestBotWebSocketPolicyClose(t *testing.T) {
	btNoLeak(t)
	// LuckyLilliaBot accepts the socket and closes it with 1008 on a bad token.
	var wg sync.WaitGroup
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		up := websocket.Upgrader{}
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		wg.Add(1)
		defer wg.Done()
		_ = c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.ClosePolicyViolation, "Unauthorized"))
		c.Close()
	}))
	defer srv.Close()
	b, err := Dial(srv.URL, &BotOptions{Events: EventsWebSocket})
	require.NoError(t, err)
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = b.Run(ctx, NewMux())
	assert.ErrorIs(t, err, transport.ErrUnauthorized)
	assert.NoError(t, ctx.Err())
	wg.Wait()
}

func TestBotConcurrencyBound(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{ws: true})
	var inFlight, peak atomic.Int64
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	m := NewMux()
	On(m, func(ctx context.Context, ev *GroupMuteEvent) error {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		started <- struct{}{}
		<-release
		inFlight.Add(-1)
		return nil
	})
	rb := startBot(t, s.Base(), m, &BotOptions{Events: EventsWebSocket, Concurrency: 2})
	waitReady(t, s, rb, EventsWebSocket, 1)
	for i := range 5 {
		s.Publish(btGroupMute(30003, 20001+int64(i), 20009))
	}
	btRecv(t, started)
	btRecv(t, started)
	select {
	case <-started:
		t.Fatal("a third handler started while two were running")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	for range 3 {
		btRecv(t, started)
	}
	assert.Equal(t, int64(2), peak.Load())
}

func TestBotPanicRecovered(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{ws: true})
	handled := make(chan int64, 2)
	m := NewMux()
	On(m, func(ctx context.Context, ev *GroupMuteEvent) error {
		if ev.Data.UserID == 20001 {
			panic("boom")
		}
		handled <- ev.Data.UserID
		return nil
	})
	rb := startBot(t, s.Base(), m, &BotOptions{Events: EventsWebSocket, Concurrency: 1})
	waitReady(t, s, rb, EventsWebSocket, 1)
	s.Publish(btGroupMute(30003, 20001, 20009))
	s.Publish(btGroupMute(30003, 20002, 20009))
	var pe *PanicError
	require.ErrorAs(t, btRecv(t, rb.errs), &pe)
	assert.Equal(t, "boom", pe.Value)
	assert.Contains(t, string(pe.Stack), "TestBotPanicRecovered")
	assert.Equal(t, int64(20002), btRecv(t, handled), "Run goes on after a panic")
}

func TestBotRunWaitsForHandlers(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{ws: true})
	var finished atomic.Bool
	started := make(chan struct{})
	m := NewMux()
	On(m, func(ctx context.Context, ev *GroupMuteEvent) error {
		close(started)
		<-ctx.Done() // the handler context ends with Run's
		time.Sleep(50 * time.Millisecond)
		finished.Store(true)
		return nil
	})
	b, err := Dial(s.Base(), &BotOptions{Events: EventsWebSocket})
	require.NoError(t, err)
	defer b.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx, m) }()
	btWaitFor(t, "server-side WebSocket", func() bool { return len(s.ws.Conns()) == 1 })
	s.Publish(btGroupMute(30003, 20001, 20009))
	btRecv(t, started)
	cancel()
	err = btRecv(t, done)
	assert.ErrorIs(t, err, context.Canceled)
	assert.True(t, finished.Load(), "Run returned before its handler finished")
}

func TestBotClose(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{sse: true})
	b, err := Dial(s.Base(), &BotOptions{Events: EventsSSE})
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- b.Run(context.Background(), NewMux()) }()
	btWaitFor(t, "SSE subscriber", func() bool { return s.sse.Subscribers() == 1 })
	require.NoError(t, b.Close())
	assert.ErrorIs(t, btRecv(t, done), ErrBotClosed)
	assert.ErrorIs(t, b.Run(context.Background(), NewMux()), transport.ErrClosed)
	require.NoError(t, b.Close(), "Close is idempotent")
}

func TestBotRunTwice(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{sse: true})
	rb := startBot(t, s.Base(), NewMux(), &BotOptions{Events: EventsSSE})
	rb.waitMode(t, EventsSSE)
	assert.ErrorContains(t, rb.Run(context.Background(), NewMux()), "already running")
	assert.ErrorContains(t, rb.Run(context.Background(), nil), "nil handler")
	assert.ErrorContains(t, NewBot(nil, nil, nil).Run(context.Background(), NewMux()), "no event source")
}

func TestBotIdleTimeout(t *testing.T) {
	btNoLeak(t)
	for _, mode := range []EventMode{EventsSSE, EventsWebSocket} {
		s := newTestServer(t, testServerConfig{sse: true, ws: true})
		rb := startBot(t, s.Base(), NewMux(), &BotOptions{Events: mode, IdleTimeout: 80 * time.Millisecond})
		rb.waitMode(t, mode)
		rb.waitMode(t, mode) // reconnected after 80ms without events
	}

	// Off by default: a quiet stream stays connected.
	s2 := newTestServer(t, testServerConfig{sse: true})
	rb2 := startBot(t, s2.Base(), NewMux(), &BotOptions{Events: EventsSSE})
	rb2.waitMode(t, EventsSSE)
	time.Sleep(250 * time.Millisecond)
	assert.Equal(t, int64(1), rb2.connects.Load())
}

func TestDialErrors(t *testing.T) {
	for _, base := range []string{"ftp://x", "http://", "://bad", "localhost:3000"} {
		_, err := Dial(base, nil)
		assert.Error(t, err, base)
	}
	_, err := Dial("http://x", &BotOptions{Concurrency: -1})
	assert.Error(t, err)
	_, err = Dial("http://x", &BotOptions{Events: EventMode(9)})
	assert.Error(t, err)
	b, err := Dial("ws://127.0.0.1:1/milky/", nil)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:1/milky/event", b.src.(*eventConn).eventURL)
	assert.Equal(t, "ws://127.0.0.1:1/milky/event", b.src.(*eventConn).wsURL())
}

// btNoLeak checks for leaked goroutines after the test and all its
// cleanups (registered first, it runs last).
func btNoLeak(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) })
}

func TestBotWebSocketLiveness(t *testing.T) {
	btNoLeak(t)
	// A half-open peer: the server upgrades and then never reads, so our
	// pings are never answered. The bot must notice and reconnect.
	var mu sync.Mutex
	var conns []*websocket.Conn
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		up := websocket.Upgrader{}
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	}))
	defer func() {
		srv.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}()
	rb := startBot(t, srv.URL, NewMux(), &BotOptions{
		Events: EventsWebSocket,
		WS:     &transport.WSOptions{PingInterval: 20 * time.Millisecond, ReadTimeout: 60 * time.Millisecond},
	})
	rb.waitMode(t, EventsWebSocket)
	rb.waitMode(t, EventsWebSocket) // reconnected after the read timeout
}

func TestBotHandlerContext(t *testing.T) {
	btNoLeak(t)
	src := &frameSource{frame: btGroupMute(30003, 20001, 20009), n: 1}
	b := NewBot(nil, src, nil)
	got := make(chan context.Context, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- b.Run(ctx, HandlerFunc(func(ctx context.Context, ev Event) error {
			assert.Same(t, b, FromContext(ctx))
			assert.NoError(t, ctx.Err())
			got <- ctx
			return nil
		}))
	}()
	hctx := btRecv(t, got)
	btWaitFor(t, "handler context cancelled on return", func() bool { return hctx.Err() != nil })
	assert.Nil(t, FromContext(context.Background()))
	cancel()
	assert.ErrorIs(t, btRecv(t, done), context.Canceled)
}

func TestNewBot(t *testing.T) {
	btNoLeak(t)
	s := newTestServer(t, testServerConfig{token: "tk"})
	caller, err := transport.NewMilkyHTTPCaller(s.Base(), &transport.HTTPOptions{Token: "tk"})
	require.NoError(t, err)
	src := &frameSource{frame: btFriendMsg(40004, 3, btSegs(btText("/echo hi"))), n: 1}
	replyErr := make(chan error, 1)
	b := NewBot(caller, src, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done, exited := make(chan error, 1), make(chan struct{})
	go func() { defer close(exited); done <- b.Run(ctx, echoMux(t, replyErr)) }()
	// Runs before the leak check, also when NextCall skips the test (no
	// schema package installed).
	t.Cleanup(func() { cancel(); <-exited })
	c := s.NextCall(t)
	assert.Equal(t, APISendPrivateMessage, c.Name)
	require.NoError(t, <-replyErr)
	cancel()
	assert.ErrorIs(t, btRecv(t, done), context.Canceled)
	require.NoError(t, b.Close())
}
