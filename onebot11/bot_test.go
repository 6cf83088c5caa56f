package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

const (
	testSelf  = 10001
	testGroup = 777
	testUser  = 42
)

// echoMux answers "/echo <text>" in any chat with <text>.
func echoMux() *onebot11.Mux {
	m := onebot11.NewMux()
	onebot11.OnMessage(m, func(ctx context.Context, ev onebot11.MessageEvent) error {
		_, err := onebot11.Respond(ctx, ev, onebot11.Text(onebot11.MatchFrom(ctx).Args))
		return err
	}, onebot11.Command("/echo"))
	return m
}

// runBot runs b with h until the test ends, and checks Run's result.
func runBot(t *testing.T, b *onebot11.Bot, h onebot11.Handler) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx, h) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run returned %v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after cancel")
		}
	})
}

// checkGroupEcho pushes "/echo hello" to the group and checks the reply.
func checkGroupEcho(t *testing.T, m *impl, wantVia string) {
	t.Helper()
	m.push(groupMsg(m.selfID, testGroup, testUser, 1, textJSON("/echo hello")))
	c := m.nextAction(t, "send_group_msg")
	golden.EqualJSON(t, []byte(`{"group_id":777,"message":[{"type":"text","data":{"text":"hello"}}]}`), c.Params)
	if wantVia != "" && c.Via != wantVia {
		t.Errorf("reply went through %q, want %q", c.Via, wantVia)
	}
}

func TestBotHTTPAndSSE(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "tok")
	b, err := onebot11.DialHTTP(m.httpSrv.URL, &onebot11.BotOptions{AccessToken: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	runBot(t, b, echoMux())
	checkGroupEcho(t, m, "http")
	if b.SelfID() != testSelf {
		t.Errorf("SelfID = %d, want %d (from the event)", b.SelfID(), testSelf)
	}
}

func TestBotHTTPWrongToken(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "tok")
	b, err := onebot11.DialHTTP(m.httpSrv.URL, &onebot11.BotOptions{AccessToken: "bad"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := b.Run(ctx, echoMux()); !errors.Is(err, transport.ErrForbidden) {
		t.Errorf("Run = %v, want ErrForbidden", err)
	}
	if _, err := b.GetLoginInfo(ctx, nil); !errors.Is(err, onebot11.ErrForbidden) && !errors.Is(err, transport.ErrForbidden) {
		t.Errorf("GetLoginInfo = %v, want forbidden", err)
	}
}

func TestBotWebhook(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "tok")
	caller, err := transport.NewHTTPCaller(m.httpSrv.URL, &transport.HTTPOptions{Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	mux := echoMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{Reply: onebot11.Message{onebot11.Text("pong")}, AtSender: true})
	}, onebot11.Command("/ping"))
	wb := onebot11.NewWebhookBot(caller, &onebot11.BotOptions{AccessToken: "tok", Secret: "s3cret"})
	srv := httptest.NewServer(wb)
	defer srv.Close()

	// Not running yet: 503.
	if r := m.postWebhook(t, srv.URL, "s3cret", groupMsg(testSelf, testGroup, testUser, 1, textJSON("/ping"))); r.StatusCode != 503 {
		t.Errorf("before Run: status %d, want 503", r.StatusCode)
	}
	runBot(t, wb.Bot, mux)
	waitRunning(t, func() bool {
		return m.postWebhook(t, srv.URL, "s3cret", groupMsg(testSelf, testGroup, testUser, 1, `[]`)).StatusCode == 204
	})

	// A reply through the API.
	if r := m.postWebhook(t, srv.URL, "s3cret", groupMsg(testSelf, testGroup, testUser, 2, textJSON("/echo hello"))); r.StatusCode != 204 || r.Err != nil {
		t.Errorf("echo: status %d, err %v", r.StatusCode, r.Err)
	}
	c := m.nextAction(t, "send_group_msg")
	golden.EqualJSON(t, []byte(`{"group_id":777,"message":[{"type":"text","data":{"text":"hello"}}]}`), c.Params)
	if wb.SelfID() != testSelf {
		t.Errorf("SelfID = %d", wb.SelfID())
	}

	// A quick operation as the reply body.
	r := m.postWebhook(t, srv.URL, "s3cret", groupMsg(testSelf, testGroup, testUser, 3, textJSON("/ping")))
	if r.StatusCode != 200 {
		t.Fatalf("quick: status %d, err %v", r.StatusCode, r.Err)
	}
	golden.EqualJSON(t, []byte(`{"reply":[{"type":"text","data":{"text":"pong"}}],"at_sender":true}`), r.Body)

	// Wrong and missing signatures.
	if r := m.postWebhook(t, srv.URL, "wrong", groupMsg(testSelf, testGroup, testUser, 4, `[]`)); r.StatusCode != 403 {
		t.Errorf("wrong signature: status %d, want 403", r.StatusCode)
	}
	if r := m.postWebhook(t, srv.URL, "", groupMsg(testSelf, testGroup, testUser, 4, `[]`)); r.StatusCode != 401 {
		t.Errorf("missing signature: status %d, want 401", r.StatusCode)
	}
	m.noCall(t)
}

// waitRunning polls ok until it holds.
func waitRunning(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestBotForwardWSUniversal(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "tok")
	m.lifecycle = true
	ctx := testCtx(t)
	b, err := onebot11.DialWS(ctx, m.wsURL("/"), &onebot11.BotOptions{AccessToken: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	runBot(t, b, echoMux())
	// The lifecycle event tells the self id.
	m.loginFails.Store(true)
	id, err := b.WaitSelfID(ctx)
	if err != nil || id != testSelf {
		t.Fatalf("WaitSelfID = %d, %v", id, err)
	}
	checkGroupEcho(t, m, "ws")
}

func TestBotForwardWSRefused(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "tok")
	ctx := testCtx(t)
	_, err := onebot11.DialWS(ctx, m.wsURL("/"), &onebot11.BotOptions{AccessToken: "bad"})
	if !errors.Is(err, transport.ErrForbidden) {
		t.Fatalf("DialWS with a wrong token = %v, want ErrForbidden", err)
	}
}

func TestBotForwardWSSplit(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "tok")
	ctx := testCtx(t)
	b, err := onebot11.DialWSSplit(ctx, m.wsURL("/api"), m.wsURL("/event"), &onebot11.BotOptions{AccessToken: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	runBot(t, b, echoMux())
	waitRunning(t, func() bool { return len(m.wsEvent.Conns()) == 1 })
	checkGroupEcho(t, m, "ws-api")
}

func TestBotSelfIDFromGetLoginInfo(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialHTTP(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.SelfID() != 0 {
		t.Fatalf("SelfID before anything = %d", b.SelfID())
	}
	// No events at all (Run not even started): get_login_info answers.
	id, err := b.WaitSelfID(testCtx(t))
	if err != nil || id != testSelf {
		t.Fatalf("WaitSelfID = %d, %v", id, err)
	}
	if c := m.next(t); c.Action != "get_login_info" {
		t.Errorf("call %s, want get_login_info", c.Action)
	}
	// Known now: no second call.
	if id, _ := b.WaitSelfID(testCtx(t)); id != testSelf {
		t.Errorf("second WaitSelfID = %d", id)
	}
	m.noCall(t)
}

func TestBotSelfIDBoundedWait(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	m.loginFails.Store(true)
	b, err := onebot11.DialHTTP(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	// get_login_info fails and no event comes: the wait ends with ctx,
	// reporting both causes.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = b.WaitSelfID(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, onebot11.ErrUnknownAction) {
		t.Errorf("WaitSelfID = %v, want deadline exceeded and ErrUnknownAction", err)
	}
}

func TestBotSelfIDFromEventWhileLoginFails(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	m.loginFails.Store(true)
	b, err := onebot11.DialHTTP(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	runBot(t, b, onebot11.NewMux())
	got := make(chan int64, 1)
	go func() {
		id, _ := b.WaitSelfID(testCtx(t))
		got <- id
	}()
	m.nextAction(t, "get_login_info")
	m.push(lifecycleFrame(testSelf))
	select {
	case id := <-got:
		if id != testSelf {
			t.Errorf("WaitSelfID = %d", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("WaitSelfID did not return after the lifecycle event")
	}
}

func TestReverseWSUniversalTwoBots(t *testing.T) {
	botNoLeaks(t)
	rs := onebot11.NewReverseServer(&onebot11.BotOptions{AccessToken: "tok"})
	srv := httptest.NewServer(rs)
	defer srv.Close()
	defer rs.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + "/onebot"

	a, b := newImpl(t, 111, "tok"), newImpl(t, 222, "tok")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rs.Run(ctx, echoMux()) }()
	defer func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("ReverseServer.Run = %v", err)
		}
	}()

	a.dialReverse(url, transport.RoleUniversal)
	b.dialReverse(url, transport.RoleUniversal)
	for _, id := range []int64{111, 222} {
		bot, err := rs.WaitBot(testCtx(t), id)
		if err != nil || bot.SelfID() != id {
			t.Fatalf("WaitBot(%d) = %v, %v", id, bot, err)
		}
	}
	if n := len(rs.Bots()); n != 2 {
		t.Errorf("%d bots, want 2", n)
	}
	checkGroupEcho(t, a, transport.RoleUniversal)
	checkGroupEcho(t, b, transport.RoleUniversal)
	a.noCall(t)
	b.noCall(t)

	// Calls from outside a handler go to the right account too.
	if r, err := rs.Bot(222).GetLoginInfo(testCtx(t), nil); err != nil || r.UserID != 222 {
		t.Errorf("bot 222 GetLoginInfo = %+v, %v", r, err)
	}
}

func TestReverseWSAPIAndEvent(t *testing.T) {
	botNoLeaks(t)
	rs := onebot11.NewReverseServer(nil)
	srv := httptest.NewServer(rs)
	defer srv.Close()
	defer rs.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http")

	a, b := newImpl(t, 111, ""), newImpl(t, 222, "")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rs.Run(ctx, echoMux()) }()
	defer func() {
		cancel()
		<-done
	}()
	for _, m := range []*impl{a, b} {
		m.dialReverse(url, transport.RoleEvent)
		m.dialReverse(url, transport.RoleAPI)
	}
	for _, id := range []int64{111, 222} {
		if _, err := rs.WaitBot(testCtx(t), id); err != nil {
			t.Fatal(err)
		}
	}
	checkGroupEcho(t, b, transport.RoleAPI)
	checkGroupEcho(t, a, transport.RoleAPI)
}

func TestReverseWSRejectsMissingSelfID(t *testing.T) {
	botNoLeaks(t)
	rs := onebot11.NewReverseServer(nil)
	srv := httptest.NewServer(rs)
	defer srv.Close()
	defer rs.Close()
	c, err := transport.NewWSClient("ws"+strings.TrimPrefix(srv.URL, "http"), &transport.WSOptions{
		Backoff: transport.Backoff{Initial: time.Millisecond, Max: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := c.WaitConnected(ctx); err == nil {
		t.Error("a connection without X-Self-ID was accepted")
	}
	if len(rs.Bots()) != 0 {
		t.Error("a bot was created")
	}
}

func TestBotQuickOperationOverWS(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	ctx := testCtx(t)
	b, err := onebot11.DialWS(ctx, m.wsURL("/"), &onebot11.BotOptions{
		OnError: func(ev onebot11.Event, err error) {
			if !errors.Is(err, context.Canceled) { // the last call, at shutdown
				t.Errorf("reported: %v", err)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{Reply: onebot11.Message{onebot11.Text("pong")}, Delete: true})
	})
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.FriendRequestEvent) error {
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickApprove{Approve: false, Remark: "x"})
	})
	runBot(t, b, mux)
	ev := groupMsg(testSelf, testGroup, testUser, 5, textJSON("ping"))
	m.push(ev)
	c := m.nextAction(t, ".handle_quick_operation")
	var p struct {
		Context, Operation json.RawMessage
	}
	if err := json.Unmarshal(c.Params, &p); err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, ev, p.Context)
	golden.EqualJSON(t, []byte(`{"reply":[{"type":"text","data":{"text":"pong"}}],"at_sender":false,"delete":true}`), p.Operation)

	m.push([]byte(`{"time":1,"self_id":10001,"post_type":"request","request_type":"friend","user_id":5,"comment":"hi","flag":"f1"}`))
	c = m.nextAction(t, ".handle_quick_operation")
	if err := json.Unmarshal(c.Params, &p); err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"approve":false,"remark":"x"}`), p.Operation)
}

func TestBotConcurrencyBound(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), &onebot11.BotOptions{Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	var cur, peak atomic.Int32
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(3)
	h := onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
		n := cur.Add(1)
		defer cur.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		if n <= 3 {
			started.Done()
		}
		<-release
		return nil
	})
	runBot(t, b, h)
	for i := range 10 {
		m.push(groupMsg(testSelf, testGroup, testUser, int64(i), textJSON("x")))
	}
	started.Wait()
	time.Sleep(50 * time.Millisecond) // give a fourth handler the chance to start, wrongly
	if got := cur.Load(); got != 3 {
		t.Errorf("%d handlers running, want 3", got)
	}
	close(release)
	waitRunning(t, func() bool { return cur.Load() == 0 })
	if p := peak.Load(); p != 3 {
		t.Errorf("peak concurrency %d, want 3", p)
	}
}

func TestBotPanicRecovered(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	errs := make(chan error, 10)
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), &onebot11.BotOptions{
		OnError: func(ev onebot11.Event, err error) { errs <- err },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	mux := echoMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		panic("boom")
	}, onebot11.Command("/panic"))
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		return errors.New("plain failure")
	}, onebot11.Command("/fail"))
	runBot(t, b, mux)

	m.push(groupMsg(testSelf, testGroup, testUser, 1, textJSON("/panic")))
	err = <-errs
	var pe *onebot11.PanicError
	if !errors.As(err, &pe) || pe.Value != "boom" || len(pe.Stack) == 0 {
		t.Fatalf("reported %v, want a PanicError", err)
	}
	m.push(groupMsg(testSelf, testGroup, testUser, 2, textJSON("/fail")))
	if err := <-errs; err == nil || err.Error() != "plain failure" {
		t.Errorf("reported %v", err)
	}
	m.push([]byte(`[1,2]`))
	if err := <-errs; err == nil {
		t.Error("an undecodable frame was not reported")
	}
	// Still running.
	checkGroupEcho(t, m, "ws")
}

func TestBotRunTwice(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	runBot(t, b, echoMux())
	checkGroupEcho(t, m, "ws") // Run is active
	if err := b.Run(testCtx(t), echoMux()); !errors.Is(err, onebot11.ErrRunning) {
		t.Errorf("second Run = %v, want ErrRunning", err)
	}
}

func TestBotCloseEndsRun(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- b.Run(context.Background(), echoMux()) }()
	b.Close()
	select {
	case err := <-done:
		if !errors.Is(err, transport.ErrClosed) {
			t.Errorf("Run after Close = %v, want ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after Close")
	}
}

func TestNewBotWithoutSource(t *testing.T) {
	b := onebot11.NewBot(nil, nil, nil)
	if err := b.Run(context.Background(), echoMux()); !errors.Is(err, onebot11.ErrNoSource) {
		t.Errorf("Run = %v, want ErrNoSource", err)
	}
}

func TestBotWebhookAsync(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	caller, err := transport.NewHTTPCaller(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		<-release // a slow handler does not hold the POST
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{Kick: true})
	})
	wb := onebot11.NewWebhookBot(caller, &onebot11.BotOptions{WebhookAsync: true})
	srv := httptest.NewServer(wb)
	defer srv.Close()
	runBot(t, wb.Bot, mux)
	ev := groupMsg(testSelf, testGroup, testUser, 1, textJSON("x"))
	waitRunning(t, func() bool { return m.postWebhook(t, srv.URL, "", ev).StatusCode == 204 })
	close(release)
	c := m.nextAction(t, ".handle_quick_operation")
	var p struct{ Context, Operation json.RawMessage }
	if err := json.Unmarshal(c.Params, &p); err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, ev, p.Context)
	golden.EqualJSON(t, []byte(`{"at_sender":false,"kick":true}`), p.Operation)
}

func TestReverseWSReconnectAndWaitingCall(t *testing.T) {
	botNoLeaks(t)
	rs := onebot11.NewReverseServer(nil)
	srv := httptest.NewServer(rs)
	defer srv.Close()
	defer rs.Close()
	url := "ws" + strings.TrimPrefix(srv.URL, "http")
	m := newImpl(t, 111, "")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- rs.Run(ctx, echoMux()) }()
	defer func() {
		cancel()
		<-done
	}()

	// An Event connection alone: the bot exists, its calls wait for an API
	// connection.
	m.dialReverse(url, transport.RoleEvent)
	bot, err := rs.WaitBot(testCtx(t), 111)
	if err != nil {
		t.Fatal(err)
	}
	called := make(chan error, 1)
	go func() {
		_, err := bot.GetLoginInfo(testCtx(t), nil)
		called <- err
	}()
	select {
	case err := <-called:
		t.Fatalf("call returned without an API connection: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	api := m.dialReverse(url, "") // no X-Client-Role: Universal
	if err := <-called; err != nil {
		t.Fatalf("waiting call: %v", err)
	}
	m.nextAction(t, "get_login_info")

	// The Universal connection drops and a new one comes: the same Bot
	// answers through it, and events still flow from the Event connection.
	api.Close()
	m.dialReverse(url, transport.RoleAPI)
	if rs.Bot(111) != bot {
		t.Error("a reconnect made a new Bot")
	}
	checkGroupEcho(t, m, transport.RoleAPI)
}

// TestBotLearnsOwnMessagesFromMessageSent: a message_sent event marks its id
// as the bot's, so a reply to it is to the bot.
func TestBotLearnsOwnMessagesFromMessageSent(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		_, err := onebot11.FromContext(ctx).Reply(ctx, ev, onebot11.Text("to me"))
		return err
	}, onebot11.ToMe())
	runBot(t, b, mux)
	m.push([]byte(`{"time":1,"self_id":10001,"post_type":"message_sent","message_type":"group","sub_type":"normal","message_id":-77,"group_id":777,"user_id":10001,"message":[{"type":"text","data":{"text":"sent elsewhere"}}],"raw_message":"","font":0,"sender":{"user_id":10001,"nickname":"me"}}`))
	waitRunning(t, func() bool { return b.SentByMe(-77) })
	m.push(groupMsg(testSelf, testGroup, testUser, 9, `[{"type":"reply","data":{"id":"-77"}},{"type":"text","data":{"text":"re"}}]`))
	m.nextAction(t, "send_group_msg")
}

func TestBotReportsToLogger(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	var mu sync.Mutex
	var buf strings.Builder
	logger := slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, nil))
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), &onebot11.BotOptions{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	mux := echoMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		panic(errors.New("kaput"))
	}, onebot11.Command("/panic"))
	runBot(t, b, mux)
	m.push(groupMsg(testSelf, testGroup, testUser, 1, textJSON("/panic")))
	checkGroupEcho(t, m, "ws") // still running
	waitRunning(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return strings.Contains(buf.String(), "kaput")
	})
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	for _, want := range []string{"level=ERROR", "handler panic: kaput", "post_type=message", "detail_type=group", "stack=", "self_id=10001"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestPanicErrorUnwrap(t *testing.T) {
	cause := errors.New("cause")
	if err := error(&onebot11.PanicError{Value: cause}); !errors.Is(err, cause) || err.Error() != "onebot11: handler panic: cause" {
		t.Errorf("PanicError{error} = %v", err)
	}
	if errors.Unwrap(&onebot11.PanicError{Value: 3}) != nil {
		t.Error("a non-error panic value unwraps")
	}
}

func TestReverseServerClose(t *testing.T) {
	botNoLeaks(t)
	rs := onebot11.NewReverseServer(nil)
	srv := httptest.NewServer(rs)
	defer srv.Close()
	m := newImpl(t, 111, "")
	m.dialReverse("ws"+strings.TrimPrefix(srv.URL, "http"), transport.RoleEvent)
	bot, err := rs.WaitBot(testCtx(t), 111)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rs.Run(context.Background(), echoMux()) }()
	called := make(chan error, 1)
	go func() { _, err := bot.GetLoginInfo(context.Background(), nil); called <- err }()
	rs.Close()
	if err := <-done; !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Run after Close = %v, want ErrClosed", err)
	}
	if err := <-called; !errors.Is(err, transport.ErrClosed) {
		t.Errorf("pending call after Close = %v, want ErrClosed", err)
	}
	if _, err := rs.WaitBot(testCtx(t), 222); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("WaitBot after Close = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := onebot11.NewReverseServer(nil).WaitBot(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitBot timeout = %v", err)
	}
}

func TestBotConcurrencyOneKeepsOrder(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), &onebot11.BotOptions{Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	got := make(chan int64, 50)
	runBot(t, b, onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
		if g, ok := ev.(*onebot11.GroupMessageEvent); ok {
			time.Sleep(time.Millisecond) // later events arrive meanwhile
			got <- g.MessageID
		}
		return nil
	}))
	for i := range 30 {
		m.push(groupMsg(testSelf, testGroup, testUser, int64(i), textJSON("x")))
	}
	for i := range 30 {
		select {
		case id := <-got:
			if id != int64(i) {
				t.Fatalf("event %d handled in position %d", id, i)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("events missing")
		}
	}
}

// TestWebhookClientGoneCancelsHandler: when the implementation gives up on
// a POST, the handler's context ends.
func TestWebhookClientGoneCancelsHandler(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	caller, err := transport.NewHTTPCaller(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	entered, cancelled := make(chan struct{}, 1), make(chan error, 1)
	wb := onebot11.NewWebhookBot(caller, nil)
	srv := httptest.NewServer(wb)
	defer srv.Close()
	runBot(t, wb.Bot, onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
		if _, ok := ev.(*onebot11.GroupMessageEvent); !ok {
			return nil
		}
		entered <- struct{}{}
		<-ctx.Done()
		cancelled <- ctx.Err()
		return nil
	}))
	waitRunning(t, func() bool { return m.postWebhook(t, srv.URL, "", lifecycleFrame(testSelf)).StatusCode == 204 })

	ctx, cancel := context.WithCancel(context.Background())
	s, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{URLs: []string{srv.URL}, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		s.Send(ctx, groupMsg(testSelf, testGroup, testUser, 1, textJSON("slow")))
	}()
	<-entered
	cancel()
	select {
	case err := <-cancelled:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("handler context ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the handler's context did not end when the POST was abandoned")
	}
	<-sent
}

func TestWebhookDedup(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	caller, err := transport.NewHTTPCaller(m.httpSrv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	wb := onebot11.NewWebhookBot(caller, &onebot11.BotOptions{WebhookDedup: 2})
	srv := httptest.NewServer(wb)
	defer srv.Close()
	var handled atomic.Int32
	runBot(t, wb.Bot, onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
		if _, ok := ev.(*onebot11.GroupMessageEvent); ok {
			handled.Add(1)
		}
		return nil
	}))
	waitRunning(t, func() bool { return m.postWebhook(t, srv.URL, "", lifecycleFrame(testSelf)).StatusCode == 204 })
	a, b, c := groupMsg(testSelf, testGroup, testUser, 1, `[]`), groupMsg(testSelf, testGroup, testUser, 2, `[]`), groupMsg(testSelf, testGroup, testUser, 3, `[]`)
	for i, body := range [][]byte{a, a, b, a, c, a} { // the memory holds 2 bodies
		if r := m.postWebhook(t, srv.URL, "", body); r.StatusCode != 204 {
			t.Fatalf("post %d: status %d", i, r.StatusCode)
		}
	}
	// a, b, c, then a again: b and c took the two places in memory.
	if n := handled.Load(); n != 4 {
		t.Errorf("handled %d events, want 4", n)
	}
}
