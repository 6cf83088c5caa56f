package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/transport"
)

// implCall is one API call the test implementation received.
type implCall struct {
	Action string
	Params json.RawMessage
	Via    string // "http", "ws", "ws-api" or the reverse connection's role
}

// impl is a small OneBot 11 implementation for the bot tests: the HTTP API
// (POST /{action}) with LLOneBot's SSE stream (GET /_events), forward
// WebSocket (/ universal, /api, /event), reverse WebSocket dialing,
// and webhook posting. It answers send_* with increasing message ids,
// get_login_info with its self id (unless loginFails), and everything else
// with ok/null; every call is recorded on calls.
type impl struct {
	t      testing.TB
	selfID int64
	token  string

	loginFails atomic.Bool // get_login_info answers failed
	lifecycle  bool        // forward WS event connections get a lifecycle connect frame

	calls  chan implCall
	nextID atomic.Int64

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	sse                   *transport.SSEServer
	wsUni, wsAPI, wsEvent *transport.WSServer
	httpSrv, wsSrv        *httptest.Server
	mu                    sync.Mutex
	reverse               []*transport.WSClient
	reverseEvents         []*transport.WSClient
}

// botNoLeaks checks, after every other cleanup of the test, that the
// goroutines started by the test have ended.
func botNoLeaks(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		http.DefaultTransport.(*http.Transport).CloseIdleConnections()
		goleak.VerifyNone(t, opt)
	})
}

func newImpl(t testing.TB, selfID int64, token string) *impl {
	t.Helper()
	m := &impl{t: t, selfID: selfID, token: token, calls: make(chan implCall, 100)}
	m.nextID.Store(1000)
	m.ctx, m.cancel = context.WithCancel(context.Background())
	m.sse = transport.NewSSEServer(&transport.SSEServerOptions{Token: token})
	wsOpts := func(via string) *transport.WSServerOptions {
		return &transport.WSServerOptions{Token: token, OnConnect: func(c *transport.ServerConn) { m.wsConnected(c, via) }}
	}
	m.wsUni = transport.NewWSServer(wsOpts("ws"))
	m.wsAPI = transport.NewWSServer(wsOpts("ws-api"))
	m.wsEvent = transport.NewWSServer(wsOpts("ws-event"))

	api := http.NewServeMux()
	api.Handle("GET /_events", m.sse)
	api.Handle("POST /{action}", transport.RequireToken(token, transport.AuthOptions{})(http.HandlerFunc(m.serveHTTPAPI)))
	m.httpSrv = httptest.NewServer(api)

	ws := http.NewServeMux()
	ws.Handle("/api", m.wsAPI)
	ws.Handle("/event", m.wsEvent)
	ws.Handle("/", m.wsUni)
	m.wsSrv = httptest.NewServer(ws)

	t.Cleanup(m.close)
	return m
}

func (m *impl) close() {
	m.cancel()
	m.mu.Lock()
	clients := append(append([]*transport.WSClient(nil), m.reverse...), m.reverseEvents...)
	m.mu.Unlock()
	for _, c := range clients {
		c.Close()
	}
	m.sse.Close()
	m.wsUni.Close()
	m.wsAPI.Close()
	m.wsEvent.Close()
	m.httpSrv.Close()
	m.wsSrv.Close()
	m.wg.Wait()
}

// wsURL is the forward WebSocket URL of path.
func (m *impl) wsURL(path string) string {
	return "ws" + strings.TrimPrefix(m.wsSrv.URL, "http") + path
}

// answer records a call and builds its response envelope.
func (m *impl) answer(action string, params json.RawMessage, via string) map[string]any {
	select {
	case m.calls <- implCall{Action: action, Params: params, Via: via}:
	default:
		m.t.Errorf("impl: call log full, dropping %s", action)
	}
	ok := func(data any) map[string]any {
		return map[string]any{"status": "ok", "retcode": 0, "data": data, "message": "", "wording": ""}
	}
	switch action {
	case "send_msg", "send_group_msg", "send_private_msg":
		return ok(map[string]any{"message_id": m.nextID.Add(1)})
	case "get_login_info":
		if m.loginFails.Load() {
			return map[string]any{"status": "failed", "retcode": 1404, "data": nil, "message": "not supported"}
		}
		return ok(map[string]any{"user_id": m.selfID, "nickname": "duobot"})
	}
	return ok(nil)
}

func (m *impl) serveHTTPAPI(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, _ := json.Marshal(m.answer(r.PathValue("action"), body, "http"))
	w.Header().Set("Content-Type", "application/json")
	w.Write(resp)
}

// answerFrame answers one request frame; nil when frame is not a request.
func (m *impl) answerFrame(frame []byte, via string) []byte {
	var req struct {
		Action string          `json:"action"`
		Params json.RawMessage `json:"params"`
		Echo   json.RawMessage `json:"echo"`
	}
	if err := json.Unmarshal(frame, &req); err != nil || req.Action == "" {
		return nil
	}
	resp := m.answer(req.Action, req.Params, via)
	if req.Echo != nil {
		resp["echo"] = req.Echo
	}
	out, _ := json.Marshal(resp)
	return out
}

// wsConnected serves requests on a forward WebSocket connection.
func (m *impl) wsConnected(c *transport.ServerConn, via string) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		if m.lifecycle && via != "ws-api" {
			c.Send(m.ctx, lifecycleFrame(m.selfID))
		}
		c.Run(m.ctx, func(frame []byte) {
			if resp := m.answerFrame(frame, via); resp != nil {
				c.Send(m.ctx, resp)
			}
		})
	}()
}

// dialReverse connects to a bot's reverse WebSocket server with role and
// serves the requests it sends. It waits for the handshake.
func (m *impl) dialReverse(url, role string) *transport.WSClient {
	m.t.Helper()
	h := http.Header{}
	h.Set("X-Self-ID", fmt.Sprint(m.selfID))
	h.Set("X-Client-Role", role)
	c, err := transport.NewWSClient(url, &transport.WSOptions{Token: m.token, Header: h,
		Backoff: transport.Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond}})
	if err != nil {
		m.t.Fatal(err)
	}
	m.mu.Lock()
	if role == transport.RoleAPI {
		m.reverse = append(m.reverse, c)
	} else {
		m.reverseEvents = append(m.reverseEvents, c)
	}
	m.mu.Unlock()
	ctx, cancel := context.WithTimeout(m.ctx, 5*time.Second)
	defer cancel()
	if err := c.WaitConnected(ctx); err != nil {
		m.t.Fatalf("reverse dial %s: %v", role, err)
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		c.Run(m.ctx, func(frame []byte) {
			if resp := m.answerFrame(frame, role); resp != nil {
				c.Send(m.ctx, resp)
			}
		})
	}()
	return c
}

// push sends an event frame to every event subscriber: SSE, forward
// WebSocket (universal and /event) and reverse Universal / Event
// connections.
func (m *impl) push(frame []byte) {
	m.t.Helper()
	m.waitSubscriber()
	m.sse.Publish("", frame)
	m.wsUni.Broadcast(frame)
	m.wsEvent.Broadcast(frame)
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.reverseEvents {
		if err := c.Send(m.ctx, frame); err != nil && !errors.Is(err, transport.ErrClosed) {
			m.t.Errorf("impl: push: %v", err)
		}
	}
}

// waitSubscriber waits until an event subscriber is connected (SSE,
// forward WebSocket universal or /event, reverse WebSocket).
func (m *impl) waitSubscriber() {
	m.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		m.mu.Lock()
		n := len(m.reverseEvents)
		m.mu.Unlock()
		if n+m.sse.Subscribers()+len(m.wsUni.Conns())+len(m.wsEvent.Conns()) > 0 {
			return
		}
		if time.Now().After(deadline) {
			m.t.Fatal("impl: no event subscriber")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// postWebhook posts frame to url as the implementation's HTTP POST does
// and returns the reply.
func (m *impl) postWebhook(t *testing.T, url, secret string, frame []byte) transport.WebhookResult {
	t.Helper()
	s, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{
		URLs: []string{url}, Token: m.token, Secret: secret, SelfID: fmt.Sprint(m.selfID), MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, _ := s.Send(ctx, frame)
	return res[0]
}

// next returns the next recorded call, failing after a few seconds.
func (m *impl) next(t *testing.T) implCall {
	t.Helper()
	select {
	case c := <-m.calls:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("impl: no call received")
		return implCall{}
	}
}

// nextAction skips calls until one of action arrives.
func (m *impl) nextAction(t *testing.T, action string) implCall {
	t.Helper()
	for {
		if c := m.next(t); c.Action == action {
			return c
		}
	}
}

// noCall checks that no call arrives within a short while.
func (m *impl) noCall(t *testing.T) {
	t.Helper()
	select {
	case c := <-m.calls:
		t.Errorf("impl: unexpected call %s %s", c.Action, c.Params)
	case <-time.After(50 * time.Millisecond):
	}
}

func lifecycleFrame(selfID int64) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"post_type":"meta_event","meta_event_type":"lifecycle","sub_type":"connect"}`, selfID)
}

// groupMsg is a group message event frame; message is the JSON array.
func groupMsg(selfID, groupID, userID, msgID int64, message string) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"post_type":"message","message_type":"group","sub_type":"normal",`+
		`"message_id":%d,"group_id":%d,"user_id":%d,"anonymous":null,"message":%s,"raw_message":"","font":0,`+
		`"sender":{"user_id":%d,"nickname":"alice","role":"member"}}`, selfID, msgID, groupID, userID, message, userID)
}

// privateMsg is a private message event frame.
func privateMsg(selfID, userID, msgID int64, message string) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"post_type":"message","message_type":"private","sub_type":"friend",`+
		`"message_id":%d,"user_id":%d,"message":%s,"raw_message":"","font":0,`+
		`"sender":{"user_id":%d,"nickname":"alice"}}`, selfID, msgID, userID, message, userID)
}

func textJSON(s string) string {
	b, _ := json.Marshal(s)
	return `[{"type":"text","data":{"text":` + string(b) + `}}]`
}
