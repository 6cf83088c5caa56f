package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// srvSetup starts a Server for mux on a loopback httptest server and returns
// it with its base URL and an HTTP client whose connections are closed at the
// end. Goroutine leaks are checked after everything is closed.
func srvSetup(t *testing.T, mux *onebot11.ServeMux, o *onebot11.ServerOptions) (*onebot11.Server, string, *http.Client) {
	t.Helper()
	s, err := onebot11.NewServer(mux, o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		s.Close()
		hs.Close()
		hc.CloseIdleConnections()
	})
	return s, hs.URL, hc
}

// noLeaks checks, after everything the test registered is cleaned up, that
// no goroutine is left. Call it first.
func noLeaks(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) })
}

func srvCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func srvHTTPClient(t *testing.T, base, token string, hc *http.Client) *onebot11.Client {
	t.Helper()
	c, err := transport.NewHTTPCaller(base, &transport.HTTPOptions{Token: token, Client: hc})
	if err != nil {
		t.Fatal(err)
	}
	return onebot11.NewClient(c)
}

func srvWSClient(t *testing.T, u string, o *transport.WSOptions) *transport.WSClient {
	t.Helper()
	c, err := transport.NewWSClient("ws"+strings.TrimPrefix(u, "http"), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// srvRaw sends one HTTP request and returns the status and body.
func srvRaw(t *testing.T, hc *http.Client, method, u, ctype, body string, hdr ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// recorder keeps the params each handler received.
type recorder struct {
	mu  sync.Mutex
	got []*onebot11.SendGroupMsgParams
	ch  chan *onebot11.SendGroupMsgParams
}

func newRecorder() *recorder { return &recorder{ch: make(chan *onebot11.SendGroupMsgParams, 100)} }

func (r *recorder) sendGroupMsg(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
	r.mu.Lock()
	r.got = append(r.got, p)
	n := len(r.got)
	r.mu.Unlock()
	r.ch <- p
	if p.GroupID == 0 {
		return nil, &onebot11.APIError{Retcode: 200, Message: "Error: group 0 not found", Wording: "群不存在"}
	}
	return &onebot11.SendGroupMsgResult{MessageID: int64(n)}, nil
}

func (r *recorder) next(t *testing.T) *onebot11.SendGroupMsgParams {
	t.Helper()
	select {
	case p := <-r.ch:
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("handler not called")
		return nil
	}
}

func msgText(t *testing.T, m onebot11.Message) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServerHTTPAPI(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	var banned *onebot11.SetGroupBanParams
	mux.HandleSetGroupBan(func(ctx context.Context, p *onebot11.SetGroupBanParams) error {
		banned = p
		return nil
	})
	_, base, hc := srvSetup(t, mux, nil)
	ctx := srvCtx(t)

	// The client over HTTP (JSON body).
	c := srvHTTPClient(t, base, "", hc)
	res, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 123, Message: onebot11.ParseCQ("hi")})
	if err != nil || res.MessageID != 1 {
		t.Fatalf("SendGroupMsg: %+v %v", res, err)
	}
	if p := rec.next(t); p.GroupID != 123 || msgText(t, p.Message) != `[{"type":"text","data":{"text":"hi"}}]` {
		t.Errorf("JSON params: %+v", p)
	}
	// duration 0 is sent and decoded (unmute).
	if err := c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: 1, UserID: 2, Duration: 0}); err != nil || banned == nil || banned.UserID != 2 {
		t.Fatalf("SetGroupBan: %v %+v", err, banned)
	}

	for _, tc := range []struct {
		name, method, path, ctype, body string
	}{
		{"query", "GET", "/send_group_msg?group_id=-42&message=hi", "", ""},
		{"query trailing slash", "GET", "/send_group_msg/?group_id=-42&message=hi", "", ""},
		{"query on POST", "POST", "/send_group_msg?group_id=-42&message=hi", "", ""},
		{"form", "POST", "/send_group_msg", "application/x-www-form-urlencoded", "group_id=-42&message=hi&auto_escape=true"},
		{"form with JSON message", "POST", "/send_group_msg", "application/x-www-form-urlencoded",
			"group_id=-42&message=" + url.QueryEscape(`[{"type":"text","data":{"text":"hi"}}]`)},
		{"JSON with charset, query merged", "POST", "/send_group_msg?group_id=-42", "application/json; charset=utf-8", `{"message":"hi"}`},
		{"JSON string id", "POST", "/send_group_msg/", "application/json", `{"group_id":"-42","message":"hi"}`},
		{"go-cqhttp POST /", "POST", "/", "application/json", `{"action":"send_group_msg","params":{"group_id":-42,"message":"hi"}}`},
	} {
		st, body := srvRaw(t, hc, tc.method, base+tc.path, tc.ctype, tc.body)
		if st != 200 || !strings.HasPrefix(body, `{"status":"ok","retcode":0,"data":{"message_id":`) {
			t.Errorf("%s: %d %s", tc.name, st, body)
			continue
		}
		p := rec.next(t)
		if p.GroupID != -42 || msgText(t, p.Message) != `[{"type":"text","data":{"text":"hi"}}]` {
			t.Errorf("%s: params %d %s", tc.name, p.GroupID, msgText(t, p.Message))
		}
		if tc.name == "form" && !p.AutoEscape {
			t.Errorf("form: auto_escape=true not coerced")
		}
	}
}

func TestServerHTTPErrors(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	mux.HandleDeleteMsg(func(ctx context.Context, p *onebot11.DeleteMsgParams) error {
		return errors.New("no such message")
	})
	_, base, hc := srvSetup(t, mux, nil)
	ctx := srvCtx(t)
	c := srvHTTPClient(t, base, "", hc)

	// Unknown action: HTTP 404 with an envelope, retcode 1404.
	err := c.SendLike(ctx, &onebot11.SendLikeParams{UserID: 1})
	var ae *onebot11.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 404 || ae.Retcode != 1404 || !errors.Is(err, onebot11.ErrUnknownAction) {
		t.Errorf("unknown action: %#v", err)
	}
	st, body := srvRaw(t, hc, "POST", base+"/no_such_action", "application/json", `{}`)
	if st != 404 || body != `{"status":"failed","retcode":1404,"data":null,"message":"unknown action: no_such_action","wording":"unknown action: no_such_action"}` {
		t.Errorf("unknown action body: %d %s", st, body)
	}
	// Handler APIError keeps its retcode and texts (HTTP 200).
	_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 0, Message: onebot11.ParseCQ("x")})
	if !errors.As(err, &ae) || ae.HTTPStatus != 0 || ae.Retcode != 200 || ae.Message != "Error: group 0 not found" || ae.Wording != "群不存在" {
		t.Errorf("APIError: %#v", err)
	}
	rec.next(t)
	// A plain error is retcode 100.
	err = c.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: 1})
	if !errors.As(err, &ae) || ae.Retcode != onebot11.RetcodeFailed || ae.Message != "no such message" {
		t.Errorf("plain error: %#v", err)
	}
	for _, tc := range []struct {
		name, method, path, ctype, body string
		status                          int
	}{
		{"bad param type", "POST", "/send_group_msg", "application/json", `{"group_id":"abc"}`, 400},
		{"bad query type", "GET", "/send_group_msg?group_id=abc", "", "", 400},
		{"malformed JSON", "POST", "/send_group_msg", "application/json", `{"group_id":`, 400},
		{"JSON not an object", "POST", "/send_group_msg", "application/json", `[1]`, 400},
		{"unsupported content type", "POST", "/send_group_msg", "text/plain", `group_id=1`, 406},
		{"method", "PUT", "/send_group_msg", "application/json", `{}`, 405},
	} {
		st, body := srvRaw(t, hc, tc.method, base+tc.path, tc.ctype, tc.body)
		if st != tc.status || !strings.Contains(body, `"status":"failed"`) {
			t.Errorf("%s: %d %s", tc.name, st, body)
		}
		if tc.status == 400 && !strings.Contains(body, `"retcode":1400`) {
			t.Errorf("%s: %s", tc.name, body)
		}
	}
	// The client sees 400 as ErrBadRequest.
	err = c.Call(ctx, "send_group_msg", json.RawMessage(`{"group_id":{}}`), nil)
	if !errors.Is(err, onebot11.ErrBadRequest) || !errors.Is(err, transport.ErrBadRequest) {
		t.Errorf("bad request via client: %v", err)
	}
}

func TestServerAuth(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	mux.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		return &onebot11.GetLoginInfoResult{UserID: 10, Nickname: "bot"}, nil
	})
	_, base, hc := srvSetup(t, mux, &onebot11.ServerOptions{AccessToken: "s3cret"})
	ctx := srvCtx(t)
	for _, tc := range []struct {
		name   string
		path   string
		hdr    []string
		status int
	}{
		{"missing", "/get_login_info", nil, 401},
		{"wrong bearer", "/get_login_info", []string{"Authorization", "Bearer nope"}, 403},
		{"wrong query", "/get_login_info?access_token=nope", nil, 403},
		{"bearer", "/get_login_info", []string{"Authorization", "Bearer s3cret"}, 200},
		{"token scheme", "/get_login_info", []string{"Authorization", "Token s3cret"}, 200},
		{"query", "/get_login_info?access_token=s3cret", nil, 200},
		{"SSE missing", "/_events", nil, 401},
		{"SSE wrong", "/_events?access_token=x", nil, 403},
	} {
		method := "POST"
		if strings.HasPrefix(tc.path, "/_events") {
			method = "GET"
		}
		st, body := srvRaw(t, hc, method, base+tc.path, "", "", tc.hdr...)
		if st != tc.status {
			t.Errorf("%s: %d %s", tc.name, st, body)
		}
		if st == 200 && !strings.Contains(body, `"nickname":"bot"`) {
			t.Errorf("%s: %s", tc.name, body)
		}
	}
	// The client: missing token is ErrUnauthorized, wrong ErrForbidden.
	if _, err := srvHTTPClient(t, base, "", hc).GetLoginInfo(ctx, nil); !errors.Is(err, onebot11.ErrUnauthorized) {
		t.Errorf("client without token: %v", err)
	}
	if _, err := srvHTTPClient(t, base, "x", hc).GetLoginInfo(ctx, nil); !errors.Is(err, onebot11.ErrForbidden) {
		t.Errorf("client with wrong token: %v", err)
	}
	// WebSocket handshakes are refused the same way.
	for _, tc := range []struct {
		token string
		want  error
	}{{"", onebot11.ErrUnauthorized}, {"x", onebot11.ErrForbidden}} {
		ws := srvWSClient(t, base+"/api", &transport.WSOptions{Token: tc.token})
		_, err := onebot11.NewClient(ws).GetLoginInfo(ctx, nil)
		if !errors.Is(err, tc.want) {
			t.Errorf("WS token %q: %v", tc.token, err)
		}
		ws.Close()
	}
	ws := srvWSClient(t, base+"/api/", &transport.WSOptions{Token: "s3cret", TokenInQuery: true})
	if r, err := onebot11.NewClient(ws).GetLoginInfo(ctx, nil); err != nil || r.UserID != 10 {
		t.Errorf("WS with token: %+v %v", r, err)
	}
}

// srvEvent returns a group message event with the given message id.
func srvEvent(t testing.TB, id int) onebot11.Event {
	t.Helper()
	ev, err := onebot11.ParseEvent(srvEventJSON(id))
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func srvEventJSON(id int) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":10,"post_type":"message","message_type":"group","sub_type":"normal",`+
		`"message_id":%d,"group_id":20,"user_id":30,"anonymous":null,"message":[{"type":"text","data":{"text":"ping"}}],`+
		`"raw_message":"ping","font":0,"sender":{"user_id":30,"nickname":"u","card":"","role":"member"}}`, id)
}

// eventID reads message_id (or -1 for other events, e.g. lifecycle).
func eventID(t testing.TB, frame []byte) int {
	t.Helper()
	var v struct {
		PostType  string `json:"post_type"`
		MessageID *int   `json:"message_id"`
	}
	if err := json.Unmarshal(frame, &v); err != nil {
		t.Errorf("event %s: %v", frame, err)
		return -2
	}
	if v.MessageID == nil {
		return -1
	}
	return *v.MessageID
}

// collector gathers the message ids of delivered events.
type collector struct {
	mu    sync.Mutex
	ids   []int
	other [][]byte
	more  chan struct{}
}

func newCollector() *collector { return &collector{more: make(chan struct{}, 1)} }

func (c *collector) add(t testing.TB, frame []byte) {
	id := eventID(t, frame)
	c.mu.Lock()
	if id < 0 {
		c.other = append(c.other, append([]byte(nil), frame...))
	} else {
		c.ids = append(c.ids, id)
	}
	c.mu.Unlock()
	select {
	case c.more <- struct{}{}:
	default:
	}
}

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ids)
}

// wait waits until n events arrived, then checks they are 0..n-1 in order.
func (c *collector) wait(t testing.TB, name string, n int, d time.Duration) {
	t.Helper()
	deadline := time.After(d)
	for c.count() < n {
		select {
		case <-c.more:
		case <-deadline:
			t.Errorf("%s: %d of %d events", name, c.count(), n)
			return
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.ids) != n {
		t.Errorf("%s: %d events, want %d", name, len(c.ids), n)
	}
	for i, id := range c.ids {
		if id != i {
			t.Errorf("%s: event %d has id %d (lost or reordered)", name, i, id)
			return
		}
	}
}

func TestServerForwardWebSocket(t *testing.T) {
	noLeaks(t)
	rec := newRecorder()
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(rec.sendGroupMsg)
	s, base, _ := srvSetup(t, mux, &onebot11.ServerOptions{SelfID: 10})
	ctx := srvCtx(t)

	universal := srvWSClient(t, base+"/", nil)
	api := srvWSClient(t, base+"/api", nil)
	event := srvWSClient(t, base+"/event/", nil)
	colU, colE := newCollector(), newCollector()
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, x := range []struct {
		c   *transport.WSClient
		col *collector
	}{{universal, colU}, {event, colE}} {
		wg.Add(1)
		go func() { defer wg.Done(); x.c.Run(runCtx, func(f []byte) { x.col.add(t, f) }) }()
	}
	defer func() { stop(); wg.Wait() }()
	for _, c := range []*transport.WSClient{universal, api, event} {
		if err := c.WaitConnected(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Calls over / and /api, with echo correlation and error retcodes.
	for _, c := range []*transport.WSClient{universal, api} {
		res, err := onebot11.NewClient(c).SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 5, Message: onebot11.ParseCQ("x")})
		if err != nil || res.MessageID == 0 {
			t.Errorf("WS call: %+v %v", res, err)
		}
		rec.next(t)
		err = onebot11.NewClient(c).SendLike(ctx, &onebot11.SendLikeParams{})
		var ae *onebot11.APIError
		if !errors.As(err, &ae) || ae.Retcode != 1404 || ae.HTTPStatus != 0 {
			t.Errorf("WS unknown action: %v", err)
		}
	}
	// Raw frames: any echo type comes back as sent; bad params are 1400.
	for _, tc := range []struct{ frame, want string }{
		{`{"action":"send_group_msg","params":{"group_id":"x"},"echo":{"seq":[1,2]}}`, `"retcode":1400`},
		{`{"action":"nope","echo":7}`, `"retcode":1404`},
		{`{"params":{},"echo":"e"}`, `"retcode":1400`},
	} {
		resp, err := api.CallFrame(ctx, []byte(tc.frame))
		if err != nil || !strings.Contains(string(resp), tc.want) || !strings.Contains(string(resp), `"status":"failed"`) {
			t.Errorf("%s: %s %v", tc.frame, resp, err)
		}
	}
	// Events: to / and /event, not /api; lifecycle connect first.
	for i := range 50 {
		if err := s.Publish(ctx, srvEvent(t, i)); err != nil {
			t.Fatal(err)
		}
	}
	colU.wait(t, "universal", 50, 10*time.Second)
	colE.wait(t, "event", 50, 10*time.Second)
	for name, col := range map[string]*collector{"universal": colU, "event": colE} {
		col.mu.Lock()
		if len(col.other) != 1 || !strings.Contains(string(col.other[0]), `"sub_type":"connect"`) ||
			!strings.Contains(string(col.other[0]), `"self_id":10`) {
			t.Errorf("%s: connect event: %q", name, col.other)
		}
		col.mu.Unlock()
	}
}

func TestServerSSE(t *testing.T) {
	noLeaks(t)
	s, base, hc := srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{AccessToken: "t"})
	ctx := srvCtx(t)
	sc, err := transport.NewSSEClient(base+"/_events", &transport.SSEOptions{Token: "t", Client: hc})
	if err != nil {
		t.Fatal(err)
	}
	col := newCollector()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); sc.Run(runCtx, func(f []byte) { col.add(t, f) }) }()
	defer func() { stop(); <-done }()
	waitFor(t, func() bool { return s.Stats().SSESubscribers > 0 })
	for i := range 100 {
		if err := s.Publish(ctx, srvEvent(t, i)); err != nil {
			t.Fatal(err)
		}
	}
	col.wait(t, "SSE", 100, 10*time.Second)
}

func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Serve runs until its context ends, then closes everything.
func TestServerServe(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	mux.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		return &onebot11.GetLoginInfoResult{UserID: 1}, nil
	})
	s, err := onebot11.NewServer(mux, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(srvCtx(t))
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	hc := &http.Client{Transport: &http.Transport{}}
	defer hc.CloseIdleConnections()
	base := "http://" + l.Addr().String()
	if r, err := srvHTTPClient(t, base, "", hc).GetLoginInfo(ctx, nil); err != nil || r.UserID != 1 {
		t.Fatalf("%+v %v", r, err)
	}
	ws := srvWSClient(t, base+"/", nil)
	if err := ws.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Serve returned %v", err)
	}
	if err := s.Publish(context.Background(), srvEvent(t, 1)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Serve ended: %v", err)
	}
}
