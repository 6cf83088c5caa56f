package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// The webhook sender signs the raw body, sends X-Self-ID, and executes the
// quick operation in the reply through the mux's handlers.
func TestServerWebhookQuickOperation(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	var mu sync.Mutex
	var calls []string
	note := func(s string) { mu.Lock(); calls = append(calls, s); mu.Unlock() }
	mux.HandleDeleteMsg(func(ctx context.Context, p *onebot11.DeleteMsgParams) error {
		note("delete " + itoa(p.MessageID))
		return nil
	})
	mux.HandleSetGroupBan(func(ctx context.Context, p *onebot11.SetGroupBanParams) error {
		note("ban " + itoa(p.UserID) + " " + itoa(p.Duration))
		return nil
	})
	mux.HandleSetGroupAddRequest(func(ctx context.Context, p *onebot11.SetGroupAddRequestParams) error {
		note("group request " + p.Flag + " " + p.SubType + " " + boolStr(p.Approve) + " " + p.Reason)
		return nil
	})

	headers := make(chan http.Header, 10)
	bodies := make(chan string, 10)
	wr := transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Secret: "key",
		Handler: func(ctx context.Context, body []byte, h http.Header) ([]byte, error) {
			headers <- h.Clone()
			bodies <- string(body)
			switch {
			case strings.Contains(string(body), `"post_type":"request"`):
				return []byte(`{"approve":false,"reason":"no"}`), nil
			case strings.Contains(string(body), `"message_id":1,`):
				return []byte(`{"reply":"pong [CQ:face,id=1]","delete":true,"ban":true,"ban_duration":60}`), nil
			}
			return nil, nil // 204: no operation
		},
	})
	hook := httptest.NewServer(wr)
	defer hook.Close()
	var errs []error
	s, _, _ := srvSetup(t, mux, &onebot11.ServerOptions{
		SelfID: 10, Secret: "key", WebhookURLs: []string{hook.URL},
		OnError: func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() },
	})
	ctx := srvCtx(t)
	if err := s.Publish(ctx, srvEvent(t, 0)); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, srvEvent(t, 1)); err != nil {
		t.Fatal(err)
	}
	req, err := onebot11.ParseEvent([]byte(`{"time":1,"self_id":10,"post_type":"request","request_type":"group","sub_type":"add","group_id":20,"user_id":30,"comment":"hi","flag":"F1"}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, req); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		h := <-headers
		if h.Get("X-Self-ID") != "10" || !strings.HasPrefix(h.Get("X-Signature"), "sha1=") || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Errorf("webhook headers: %v", h)
		}
	}
	if b := <-bodies; eventID(t, []byte(b)) != 0 {
		t.Errorf("first body: %s", b)
	}
	p := rec.next(t)
	if p.GroupID != 20 || msgText(t, p.Message) != `[{"type":"at","data":{"qq":"30"}},{"type":"text","data":{"text":" "}},{"type":"text","data":{"text":"pong "}},{"type":"face","data":{"id":"1"}}]` {
		t.Errorf("quick reply: %d %s", p.GroupID, msgText(t, p.Message))
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(calls) == 3 })
	mu.Lock()
	want := []string{"delete 1", "ban 30 60", "group request F1 add false no"}
	for i := range want {
		if calls[i] != want[i] {
			t.Errorf("operation %d: %q, want %q", i, calls[i], want[i])
		}
	}
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
	mu.Unlock()
}

// A registered .handle_quick_operation handler takes over the webhook's
// quick operations; a wrong signature secret on the receiver is reported.
func TestServerWebhookCustomQuickOperation(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	got := make(chan *onebot11.HandleQuickOperationParams, 1)
	mux.HandleHandleQuickOperation(func(ctx context.Context, p *onebot11.HandleQuickOperationParams) error {
		got <- p
		return nil
	})
	wr := transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Secret: "key",
		Handler: func(ctx context.Context, body []byte, h http.Header) ([]byte, error) {
			return []byte(`{"reply":"hi","at_sender":false}`), nil
		},
	})
	hook := httptest.NewServer(wr)
	defer hook.Close()
	bad := httptest.NewServer(transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{Secret: "other"}))
	defer bad.Close()
	errc := make(chan error, 1)
	s, _, _ := srvSetup(t, mux, &onebot11.ServerOptions{
		Secret: "key", WebhookURLs: []string{hook.URL, bad.URL},
		OnError: func(err error) { errc <- err },
	})
	ctx := srvCtx(t)
	if err := s.Publish(ctx, srvEvent(t, 7)); err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-got:
		if eventID(t, p.Context) != 7 || string(p.Operation) != `{"reply":"hi","at_sender":false}` {
			t.Errorf("quick operation: %s %s", p.Context, p.Operation)
		}
	case <-ctx.Done():
		t.Fatal("no quick operation")
	}
	select {
	case err := <-errc:
		if !errors.Is(err, transport.ErrForbidden) {
			t.Errorf("wrong signature: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("no error for the refused webhook")
	}
}

// botSide is the bot's reverse WebSocket server (what nonebot or ZeroBot
// run), accepting our dialer.
type botSide struct {
	ws    *transport.WSServer
	conns chan *transport.ServerConn
}

func newBotSide(t *testing.T, token string) (*botSide, *httptest.Server) {
	b := &botSide{conns: make(chan *transport.ServerConn, 10)}
	b.ws = transport.NewWSServer(&transport.WSServerOptions{Token: token, OnConnect: func(c *transport.ServerConn) { b.conns <- c }})
	hs := httptest.NewServer(b.ws)
	t.Cleanup(func() { b.ws.Close(); hs.Close() })
	return b, hs
}

func (b *botSide) accept(t *testing.T) *transport.ServerConn {
	t.Helper()
	select {
	case c := <-b.conns:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no reverse connection")
		return nil
	}
}

func TestServerReverseUniversal(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	bot, hs := newBotSide(t, "tok")
	s, _, _ := srvSetup(t, mux, &onebot11.ServerOptions{SelfID: 10, ReverseToken: "tok",
		ReverseURL:     "ws" + strings.TrimPrefix(hs.URL, "http") + "/onebot/v11/ws",
		ReverseBackoff: transport.Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond}})
	ctx := srvCtx(t)
	c := bot.accept(t)
	if c.Role() != "Universal" || c.SelfID() != "10" || c.Header().Get("Authorization") != "Bearer tok" {
		t.Errorf("handshake: role %q self %q auth %q", c.Role(), c.SelfID(), c.Header().Get("Authorization"))
	}
	col := newCollector()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); c.Run(runCtx, func(f []byte) { col.add(t, f) }) }()
	defer func() { stop(); <-done }()
	// The bot calls an action over the same connection.
	res, err := onebot11.NewClient(c).SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 3, Message: onebot11.ParseCQ("r")})
	if err != nil || res.MessageID != 1 {
		t.Fatalf("reverse call: %+v %v", res, err)
	}
	rec.next(t)
	for i := range 20 {
		s.Publish(ctx, srvEvent(t, i))
	}
	col.wait(t, "reverse universal", 20, 10*time.Second)
	col.mu.Lock()
	if len(col.other) != 1 || !strings.Contains(string(col.other[0]), `"meta_event_type":"lifecycle"`) {
		t.Errorf("connect event: %q", col.other)
	}
	col.mu.Unlock()

	// The bot drops the connection: the server reconnects.
	c.Close()
	c2 := bot.accept(t)
	if _, err := onebot11.NewClient(c2).SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 3, Message: onebot11.ParseCQ("r")}); err != nil {
		t.Errorf("after reconnect: %v", err)
	}
	rec.next(t)
}

func TestServerReverseSplit(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	bot, hs := newBotSide(t, "")
	u := "ws" + strings.TrimPrefix(hs.URL, "http")
	s, _, _ := srvSetup(t, mux, &onebot11.ServerOptions{SelfID: 10, ReverseAPIURL: u + "/api", ReverseEventURL: u + "/event"})
	ctx := srvCtx(t)
	roles := map[string]*transport.ServerConn{}
	for range 2 {
		c := bot.accept(t)
		roles[c.Role()] = c
	}
	api, event := roles["API"], roles["Event"]
	if api == nil || event == nil {
		t.Fatalf("roles: %v", roles)
	}
	col := newCollector()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); event.Run(runCtx, func(f []byte) { col.add(t, f) }) }()
	defer func() { stop(); <-done }()
	if _, err := onebot11.NewClient(api).SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 3, Message: onebot11.ParseCQ("r")}); err != nil {
		t.Errorf("split API call: %v", err)
	}
	rec.next(t)
	for i := range 20 {
		s.Publish(ctx, srvEvent(t, i))
	}
	col.wait(t, "reverse event", 20, 10*time.Second)
}

func TestServerAsyncAndRateLimited(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	var errCount atomic.Int32
	_, base, hc := srvSetup(t, mux, &onebot11.ServerOptions{RateLimitInterval: 100 * time.Millisecond,
		OnError: func(error) { errCount.Add(1) }})
	ctx := srvCtx(t)
	c := srvHTTPClient(t, base, "", hc)
	st, body := srvRaw(t, hc, "POST", base+"/send_group_msg_async", "application/json", `{"group_id":1,"message":"a"}`)
	if st != 200 || body != `{"status":"async","retcode":1,"data":null,"message":"","wording":""}` {
		t.Errorf("async: %d %s", st, body)
	}
	rec.next(t)
	if res, err := c.Async().SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 1}); err != nil || res != nil {
		t.Errorf("client async: %v %v", res, err)
	}
	rec.next(t)
	// Bad params are answered at once, not run.
	if err := c.Async().Call(ctx, "send_group_msg", json.RawMessage(`{"group_id":"x"}`), nil); !errors.Is(err, onebot11.ErrBadRequest) {
		t.Errorf("async bad params: %v", err)
	}
	// A failure in the background goes to OnError.
	c.Async().SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 0})
	rec.next(t)
	waitFor(t, func() bool { return errCount.Load() == 1 })
	// Unknown base action: 1404.
	if err := c.Async().SendLike(ctx, &onebot11.SendLikeParams{}); !errors.Is(err, onebot11.ErrUnknownAction) {
		t.Errorf("async unknown: %v", err)
	}
	// Rate-limited calls are answered at once (while the first one is still
	// running) and run one at a time, an interval apart.
	release := make(chan struct{})
	var mu sync.Mutex
	var starts []time.Time
	mux.HandleSetGroupCard(func(ctx context.Context, p *onebot11.SetGroupCardParams) error {
		mu.Lock()
		starts = append(starts, time.Now())
		first := len(starts) == 1
		mu.Unlock()
		if first {
			<-release
		}
		return nil
	})
	for range 3 {
		if err := c.RateLimited().SetGroupCard(ctx, &onebot11.SetGroupCardParams{GroupID: 1}); err != nil {
			t.Fatal(err)
		}
	}
	close(release)
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(starts) == 3 })
	mu.Lock()
	for i := 1; i < len(starts); i++ {
		if d := starts[i].Sub(starts[i-1]); d < 100*time.Millisecond {
			t.Errorf("rate-limited call %d started %v after the previous one, want >= the interval", i, d)
		}
	}
	mu.Unlock()
}

// A subscriber that stops reading never delays the others: Publish returns
// at once, every other subscriber gets every event in order, and the stalled
// ones are counted.
func TestServerPublishSlowSubscriber(t *testing.T) {
	noLeaks(t)
	release := make(chan struct{})
	slowHook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
		w.WriteHeader(204)
	}))
	defer slowHook.Close()
	defer close(release)
	fastCol := newCollector()
	fastHook := httptest.NewServer(transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Handler: func(ctx context.Context, body []byte, h http.Header) ([]byte, error) {
			fastCol.add(t, body)
			return nil, nil
		},
	}))
	defer fastHook.Close()
	var drops atomic.Int64
	const n = 3000
	s, base, hc := srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{
		WebhookURLs: []string{slowHook.URL, fastHook.URL}, EventQueue: n, SendQueue: n,
		NoConnectEvent: true,
		OnDrop:         func(string) { drops.Add(1) },
	})
	ctx := srvCtx(t)
	// A WebSocket subscriber that never reads (its TCP buffers fill up).
	stalled, resp, err := websocket.DefaultDialer.DialContext(ctx, "ws"+strings.TrimPrefix(base, "http")+"/event", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	defer stalled.Close()
	ws := srvWSClient(t, base+"/event", &transport.WSOptions{EventQueue: 2 * n})
	wsCol := newCollector()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); ws.Run(runCtx, func(f []byte) { wsCol.add(t, f) }) }()
	defer func() { stop(); <-done }()
	sc, err := transport.NewSSEClient(base+"/_events", &transport.SSEOptions{Client: hc})
	if err != nil {
		t.Fatal(err)
	}
	sseCol := newCollector()
	sseDone := make(chan struct{})
	go func() { defer close(sseDone); sc.Run(runCtx, func(f []byte) { sseCol.add(t, f) }) }()
	defer func() { stop(); <-sseDone }()
	waitFor(t, func() bool { st := s.Stats(); return st.SSESubscribers == 1 && st.WebSockets == 2 })

	frames := make([][]byte, n)
	for i := range frames {
		frames[i] = srvEventJSON(i)
	}
	start := time.Now()
	for i := range n {
		if err := s.PublishRaw(ctx, frames[i]); err != nil {
			t.Fatal(err)
		}
		// Give the live subscribers a chance to keep up (the point is that
		// the stalled ones don't slow this loop down).
		if i%500 == 499 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("publishing %d events took %v", n, d)
	}
	wsCol.wait(t, "WebSocket", n, 20*time.Second)
	sseCol.wait(t, "SSE", n, 20*time.Second)
	fastCol.wait(t, "fast webhook", n, 20*time.Second)
	// Overflow the stalled webhook's queue: the extra event is dropped and
	// reported, nothing blocks.
	for i := range 5 {
		s.PublishRaw(ctx, srvEventJSON(n+i))
	}
	waitFor(t, func() bool { return s.Stats().QueueDrops >= 1 && drops.Load() >= 1 })
	t.Logf("stats %+v, drops reported %d", s.Stats(), drops.Load())
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

func boolStr(b bool) string { return strconv.FormatBool(b) }

// Close cancels background actions, waits for them, and later Publish calls
// fail with transport.ErrClosed.
func TestServerClose(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	started := make(chan struct{})
	mux.HandleSetRestart(func(ctx context.Context, p *onebot11.SetRestartParams) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	s, base, hc := srvSetup(t, mux, nil)
	ctx := srvCtx(t)
	if err := srvHTTPClient(t, base, "", hc).Async().SetRestart(ctx, nil); err != nil {
		t.Fatal(err)
	}
	<-started
	ws := srvWSClient(t, base+"/", nil)
	if err := ws.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("Close did not return")
	}
	if err := s.Publish(ctx, srvEvent(t, 1)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Close: %v", err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.Publish(canceled, srvEvent(t, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("Publish with a canceled context: %v", err)
	}
	if st, _ := srvRaw(t, hc, "GET", base+"/", "", ""); st != 404 {
		t.Errorf("GET / without upgrade: %d", st)
	}
}

// Heartbeats carry the get_status handler's status and the interval;
// handlers see where their request came from, also when run _async.
func TestServerHeartbeatAndRequestInfo(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	mux.HandleGetStatus(func(ctx context.Context, p *onebot11.GetStatusParams) (*onebot11.GetStatusResult, error) {
		return &onebot11.GetStatusResult{Online: true, Good: false, Extra: map[string]json.RawMessage{"stat": json.RawMessage(`{"x":1}`)}}, nil
	})
	infos := make(chan onebot11.RequestInfo, 4)
	mux.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		info, ok := onebot11.RequestInfoFromContext(ctx)
		if !ok {
			t.Error("no RequestInfo")
			return nil, nil
		}
		infos <- *info
		return &onebot11.GetLoginInfoResult{UserID: 10}, nil
	})
	s, base, hc := srvSetup(t, mux, &onebot11.ServerOptions{SelfID: 10, HeartbeatInterval: 20 * time.Millisecond, NoConnectEvent: true})
	ctx := srvCtx(t)
	ws := srvWSClient(t, base+"/", &transport.WSOptions{Header: http.Header{"X-Test": {"ws"}}})
	runCtx, stop := context.WithCancel(ctx)
	frames := make(chan []byte, 100)
	done := make(chan struct{})
	go func() {
		defer close(done)
		ws.Run(runCtx, func(f []byte) {
			select {
			case frames <- f:
			default:
			}
		})
	}()
	defer func() { stop(); <-done }()
	select {
	case f := <-frames:
		ev, err := onebot11.ParseEvent(f)
		hb, ok := ev.(*onebot11.HeartbeatMetaEvent)
		if err != nil || !ok || hb.Interval != 20 || hb.SelfID != 10 || !hb.Status.Online || hb.Status.Good || string(hb.Status.Extra["stat"]) != `{"x":1}` {
			t.Errorf("heartbeat %s: %v", f, err)
		}
	case <-ctx.Done():
		t.Fatal("no heartbeat")
	}
	if s.Stats().Published == 0 {
		t.Error("heartbeats not counted")
	}
	if _, err := onebot11.NewClient(ws).GetLoginInfo(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if info := <-infos; info.Transport != onebot11.TransportWebSocket || info.Header.Get("X-Test") != "ws" || info.RemoteAddr == "" {
		t.Errorf("WS info: %+v", info)
	}
	srvRaw(t, hc, "POST", base+"/get_login_info_async", "application/json", "{}", "X-Test", "http")
	if info := <-infos; info.Transport != onebot11.TransportHTTP || info.Header.Get("X-Test") != "http" {
		t.Errorf("HTTP async info: %+v", info)
	}
}

// A reverse connection refused for its token is reported (and not retried
// forever); Close still returns cleanly.
func TestServerReverseRefused(t *testing.T) {
	noLeaks(t)
	_, hs := newBotSide(t, "tok")
	errc := make(chan error, 10)
	srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{SelfID: 10, AccessToken: "wrong",
		ReverseURL: "ws" + strings.TrimPrefix(hs.URL, "http"),
		OnError: func(err error) {
			select {
			case errc <- err:
			default:
			}
		}})
	select {
	case err := <-errc:
		if !errors.Is(err, transport.ErrForbidden) {
			t.Errorf("refused reverse connection: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no error reported")
	}
}
