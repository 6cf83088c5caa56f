package milky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/goleak"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/internal/milkyschema"
	"github.com/duobot/duobot/transport"
)

// subscriber collects the frames one event-stream client receives.
type subscriber struct {
	name   string
	frames chan []byte
	done   chan error
	stop   func()
}

// run starts src.Run on its own goroutine until the test (or stop) ends.
func runSubscriber(t *testing.T, name string, src transport.Source, closer func() error, buf int) *subscriber {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	s := &subscriber{name: name, frames: make(chan []byte, buf), done: make(chan error, 1)}
	go func() {
		s.done <- src.Run(ctx, func(frame []byte) {
			s.frames <- bytes.Clone(frame)
		})
	}()
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			<-s.done
			if closer != nil {
				_ = closer()
			}
		})
	}
	t.Cleanup(s.stop)
	return s
}

func wsSubscriber(t *testing.T, url string, o *transport.WSOptions, buf int) *subscriber {
	t.Helper()
	o.EventsOnly = true
	c, err := transport.NewWSClient(url, o)
	if err != nil {
		t.Fatal(err)
	}
	return runSubscriber(t, "ws "+url, c, c.Close, buf)
}

func sseSubscriber(t *testing.T, url string, o *transport.SSEOptions, buf int) *subscriber {
	t.Helper()
	o.EventName = serverSSEEvent
	c, err := transport.NewSSEClient(url, o)
	if err != nil {
		t.Fatal(err)
	}
	return runSubscriber(t, "sse "+url, c, nil, buf)
}

// next waits for the subscriber's next frame.
func (s *subscriber) next(t *testing.T) []byte {
	t.Helper()
	select {
	case f := <-s.frames:
		return f
	case err := <-s.done:
		t.Fatalf("%s ended: %v", s.name, err)
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no frame within 10s", s.name)
	}
	return nil
}

// waitUntil polls cond until it holds or 10 s pass.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// webhookSink is a webhook receiver recording bodies and Authorization
// headers.
type webhookSink struct {
	mu     sync.Mutex
	bodies [][]byte
	auths  []string
	frames chan []byte
	hs     *httptest.Server
}

func newWebhookSink(t *testing.T, buf int) *webhookSink {
	t.Helper()
	w := &webhookSink{frames: make(chan []byte, buf)}
	w.hs = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("webhook Content-Type %q", ct)
		}
		w.mu.Lock()
		w.auths = append(w.auths, r.Header.Get("Authorization"))
		w.mu.Unlock()
		w.frames <- b
		rw.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(w.hs.Close)
	return w
}

func (w *webhookSink) next(t *testing.T) []byte {
	t.Helper()
	select {
	case f := <-w.frames:
		return f
	case <-time.After(10 * time.Second):
		t.Fatal("webhook: no POST within 10s")
	}
	return nil
}

// TestServerPublishEveryEvent publishes every event fixture and checks
// that WebSocket and SSE subscribers (Bearer header and access_token query)
// and a webhook (with Bearer) each receive the same JSON value, in order,
// and that every Milky 1.2 event the server emits passes the official
// schema strictly.
func TestServerPublishEveryEvent(t *testing.T) {
	hook := newWebhookSink(t, 64)
	env := newSrvEnv(t, nil, &ServerOptions{Token: srvToken, Prefix: "/milky", WebhookURLs: []string{hook.hs.URL}})
	wsURL := "ws" + strings.TrimPrefix(env.base, "http") + "/event"
	subs := []*subscriber{
		wsSubscriber(t, wsURL, &transport.WSOptions{Token: srvToken}, 64),
		wsSubscriber(t, wsURL, &transport.WSOptions{Token: srvToken, TokenInQuery: true}, 64),
		sseSubscriber(t, env.base+"/event", &transport.SSEOptions{Token: srvToken, Client: env.hc}, 64),
		sseSubscriber(t, env.base+"/event", &transport.SSEOptions{Token: srvToken, TokenInQuery: true, Client: env.hc}, 64),
	}
	waitUntil(t, "4 subscribers", func() bool {
		st := env.srv.Stats()
		return st.WebSocketSubscribers == 2 && st.SSESubscribers == 2
	})
	files := eventFixtures(t)
	for _, file := range files {
		in := readTestdata(t, "events", file)
		ev, err := ParseEvent(in)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := env.srv.Publish(t.Context(), ev); err != nil {
			t.Fatalf("%s: Publish: %v", file, err)
		}
	}
	check := func(who, file string, in, got []byte) {
		if !golden.SameJSON(in, got) {
			t.Errorf("%s, %s: got\n%s\nwant\n%s", who, file, got, in)
		}
	}
	for _, file := range files {
		in := readTestdata(t, "events", file)
		for _, s := range subs {
			check(s.name, file, in, s.next(t))
		}
		got := hook.next(t)
		check("webhook", file, in, got)
		if !strings.HasPrefix(file, "unknown") && !strings.HasPrefix(file, EventGroupDisband) {
			milkyschema.CheckStrict(t, "event", got)
		}
	}
	hook.mu.Lock()
	for _, a := range hook.auths {
		if a != "Bearer "+srvToken {
			t.Errorf("webhook Authorization %q", a)
		}
	}
	hook.mu.Unlock()
	if st := env.srv.Stats(); st.Published != uint64(len(files)) || st.WebhookDelivered != uint64(len(files)) || st.SlowDisconnects != 0 || st.WebhookDropped != 0 || st.WebhookFailed != 0 {
		t.Errorf("stats %+v", st)
	}
}

// TestServerSSEMultiLine publishes a pretty-printed frame (as the spec's
// example does): SSE sends it over several data: lines and the client joins
// them back; WebSocket sends it unchanged.
func TestServerSSEMultiLine(t *testing.T) {
	env := newSrvEnv(t, nil, nil)
	ws := wsSubscriber(t, "ws"+strings.TrimPrefix(env.base, "http")+"/event", &transport.WSOptions{}, 4)
	sse := sseSubscriber(t, env.base+"/event", &transport.SSEOptions{Client: env.hc}, 4)
	waitUntil(t, "subscribers", func() bool {
		st := env.srv.Stats()
		return st.WebSocketSubscribers == 1 && st.SSESubscribers == 1
	})
	var frame bytes.Buffer
	if err := json.Indent(&frame, readTestdata(t, "events", "group_mute.json"), "", "  "); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(frame.Bytes(), []byte("\n")) {
		t.Fatal("frame is on one line")
	}
	if err := env.srv.PublishFrame(t.Context(), frame.Bytes()); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*subscriber{ws, sse} {
		if got := s.next(t); !bytes.Equal(got, frame.Bytes()) {
			t.Errorf("%s: got\n%s\nwant\n%s", s.name, got, frame.Bytes())
		}
	}
}

// TestServerSSEWire reads the raw SSE stream: the event name, the data
// lines and the headers.
func TestServerSSEWire(t *testing.T) {
	env := newSrvEnv(t, nil, &ServerOptions{Token: srvToken})
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, env.base+"/event?access_token="+srvToken, nil)
	resp, err := env.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	waitUntil(t, "subscriber", func() bool { return env.srv.Stats().SSESubscribers == 1 })
	if err := env.srv.PublishFrame(t.Context(), []byte("{\"a\":\n1}")); err != nil {
		t.Fatal(err)
	}
	// The transport's SSE server numbers events for replay on reconnect
	// (Last-Event-ID): a data-less id block on connect, then the event
	// with the next id.
	want := regexp.MustCompile(`^id: (\d+)\n\nid: (\d+)\nevent: milky_event\ndata: \{"a":\ndata: 1\}\n\n$`)
	got := make([]byte, len("id: 1795638716340356\n\nid: 1795638716340357\nevent: milky_event\ndata: {\"a\":\ndata: 1}\n\n"))
	if _, err := io.ReadFull(resp.Body, got); err != nil {
		t.Fatal(err)
	}
	m := want.FindSubmatch(got)
	if m == nil {
		t.Fatalf("stream %q, want %q", got, want)
	}
	if a, b := string(m[1]), string(m[2]); len(a) != len(b) || a >= b {
		t.Errorf("ids %s then %s, want increasing", a, b)
	}
}

func TestServerEventAuth(t *testing.T) {
	env := newSrvEnv(t, nil, &ServerOptions{Token: srvToken})
	wsURL := "ws" + strings.TrimPrefix(env.base, "http") + "/event"
	for _, tc := range []struct {
		name, query, auth string
		want              int
	}{
		{"missing", "", "", 401},
		{"wrong header", "", "Bearer nope", 401},
		{"wrong query", "?access_token=nope", "", 401},
		{"header", "", "Bearer " + srvToken, 0},
		{"query", "?access_token=" + srvToken, "", 0},
	} {
		h := http.Header{}
		if tc.auth != "" {
			h.Set("Authorization", tc.auth)
		}
		// SSE
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, env.base+"/event"+tc.query, nil)
		req.Header = h.Clone()
		resp, err := env.hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want := max(tc.want, 200); resp.StatusCode != want {
			t.Errorf("SSE %s: status %d, want %d", tc.name, resp.StatusCode, want)
		}
		// WebSocket
		d := websocket.Dialer{}
		conn, resp, err := d.DialContext(t.Context(), wsURL+tc.query, h)
		if tc.want == 0 {
			if err != nil {
				t.Errorf("WS %s: %v", tc.name, err)
				continue
			}
			conn.Close()
			continue
		}
		if err == nil {
			conn.Close()
			t.Errorf("WS %s: accepted", tc.name)
			continue
		}
		if resp == nil || resp.StatusCode != tc.want {
			t.Errorf("WS %s: %v, want status %d", tc.name, err, tc.want)
		}
	}
	// The SSE client treats 401 as permanent.
	c, err := transport.NewSSEClient(env.base+"/event", &transport.SSEOptions{Client: env.hc})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Run(t.Context(), func([]byte) {}); !errors.Is(err, transport.ErrUnauthorized) {
		t.Errorf("SSE client without token: %v", err)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, env.base+"/event", nil)
	req.Header.Set("Authorization", "Bearer "+srvToken)
	if status, _ := env.do(t, req); status != http.StatusMethodNotAllowed {
		t.Errorf("POST /event: %d, want 405", status)
	}
}

// TestServerSlowSubscribers publishes large events in lock-step with fast
// subscribers (WebSocket, SSE, webhook) while a WebSocket peer, an SSE peer
// and a webhook never read: the fast ones get every event in order, the
// slow ones are dropped and reported, and Publish never waits.
func TestServerSlowSubscribers(t *testing.T) {
	release := make(chan struct{})
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer stuck.Close()
	defer close(release)
	fastHook := newWebhookSink(t, 8)
	var mu sync.Mutex
	drops := map[string]int{}
	env := newSrvEnv(t, nil, &ServerOptions{
		EventQueue:   8,
		WebhookQueue: 4,
		WebhookURLs:  []string{fastHook.hs.URL, stuck.URL},
		OnDrop: func(d Drop) {
			mu.Lock()
			drops[d.Kind]++
			mu.Unlock()
		},
	})
	wsURL := "ws" + strings.TrimPrefix(env.base, "http") + "/event"
	fastWS := wsSubscriber(t, wsURL, &transport.WSOptions{}, 8)
	fastSSE := sseSubscriber(t, env.base+"/event", &transport.SSEOptions{Client: env.hc}, 8)
	waitUntil(t, "fast subscribers", func() bool {
		st := env.srv.Stats()
		return st.WebSocketSubscribers == 1 && st.SSESubscribers == 1
	})
	// Slow peers: a WebSocket and an SSE stream nobody reads.
	slowWS, _, err := websocket.DefaultDialer.DialContext(t.Context(), wsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer slowWS.Close()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, env.base+"/event", nil)
	slowSSE, err := (&http.Client{Transport: &http.Transport{}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer slowSSE.Body.Close()
	waitUntil(t, "slow subscribers", func() bool {
		st := env.srv.Stats()
		return st.WebSocketSubscribers == 2 && st.SSESubscribers == 2
	})

	// 600 events of 64 KiB: well past what the slow WebSocket's send
	// backlog (transport.DefaultSendBacklog, 16 MiB, about 230 such
	// frames) and the kernel's socket buffers hold.
	const n = 600
	pad := strings.Repeat("x", 64<<10)
	var slowest time.Duration
	for i := range n {
		frame := []byte(`{"time":` + itoa(i) + `,"self_id":10001,"event_type":"padding","data":{"pad":"` + pad + `"}}`)
		start := time.Now()
		if err := env.srv.PublishFrame(t.Context(), frame); err != nil {
			t.Fatal(err)
		}
		slowest = max(slowest, time.Since(start))
		for _, s := range []*subscriber{fastWS, fastSSE} {
			if got := s.next(t); !bytes.Equal(got, frame) {
				t.Fatalf("%s: event %d out of order or changed", s.name, i)
			}
		}
		if got := fastHook.next(t); !bytes.Equal(got, frame) {
			t.Fatalf("webhook: event %d out of order or changed", i)
		}
	}
	if slowest > time.Second {
		t.Errorf("a Publish took %v", slowest)
	}
	waitUntil(t, "slow peers dropped", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return drops["websocket"] == 1 && drops["sse"] == 1 && drops["webhook"] > 0
	})
	st := env.srv.Stats()
	if st.SlowDisconnects != 2 || st.WebSocketSubscribers != 1 || st.SSESubscribers != 1 || st.WebhookDropped == 0 {
		t.Errorf("stats %+v", st)
	}
}

func itoa(i int) string { return strings.TrimSpace(string(must(json.Marshal(i)))) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestServerClose checks that Close ends every stream, stops the webhook
// workers, refuses new subscribers and leaves no goroutine behind.
func TestServerClose(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	func() {
		release := make(chan struct{})
		stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}))
		defer stuck.Close()
		defer close(release)
		srv, err := NewServer(nil, &ServerOptions{WebhookURLs: []string{stuck.URL}})
		if err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer(srv)
		defer hs.Close()
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		hc := &http.Client{Transport: tr}

		ws, _, err := websocket.DefaultDialer.DialContext(t.Context(), "ws"+strings.TrimPrefix(hs.URL, "http")+"/event", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, hs.URL+"/event", nil)
		sse, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer sse.Body.Close()
		waitUntil(t, "subscribers", func() bool {
			st := srv.Stats()
			return st.WebSocketSubscribers == 1 && st.SSESubscribers == 1
		})
		// A webhook POST in flight (the stuck URL never answers) and more
		// queued behind it.
		for range 3 {
			if err := srv.PublishFrame(t.Context(), []byte(`{}`)); err != nil {
				t.Fatal(err)
			}
		}
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
		if err := srv.Close(); err != nil {
			t.Fatalf("second Close: %v", err)
		}
		// The three events published before Close may arrive first; then
		// the connection must end.
		ended := false
		for range 4 {
			if _, _, err := ws.ReadMessage(); err != nil {
				ended = true
				break
			}
		}
		if !ended {
			t.Error("WebSocket still open after Close")
		}
		if _, err := io.ReadAll(sse.Body); err != nil {
			t.Errorf("SSE stream did not end cleanly: %v", err)
		}
		if err := srv.PublishFrame(t.Context(), []byte(`{}`)); !errors.Is(err, ErrServerClosed) {
			t.Errorf("Publish after Close: %v", err)
		}
		req, _ = http.NewRequestWithContext(t.Context(), http.MethodGet, hs.URL+"/event", nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("subscribe after Close: %d, want 503", resp.StatusCode)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := srv.PublishFrame(ctx, []byte(`{}`)); !errors.Is(err, context.Canceled) {
			t.Errorf("Publish with a cancelled context: %v", err)
		}
	}()
}

// TestServerServe checks that Serve stops when its context ends, closing
// the server, its subscribers and its webhook workers without leaks.
func TestServerServe(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	func() {
		hook := newWebhookSink(t, 4)
		defer hook.hs.Close()
		htr := &http.Transport{}
		defer htr.CloseIdleConnections()
		mux := NewServeMux()
		mux.HandleGetLoginInfo(func(ctx context.Context) (*GetLoginInfoResult, error) {
			return &GetLoginInfoResult{Uin: 10001, Nickname: "bot"}, nil
		})
		srv, err := NewServer(mux, &ServerOptions{WebhookURLs: []string{hook.hs.URL}, WebhookClient: &http.Client{Transport: htr}})
		if err != nil {
			t.Fatal(err)
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ctx, l) }()

		base := "http://" + l.Addr().String()
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		caller, err := transport.NewMilkyHTTPCaller(base, &transport.HTTPOptions{Client: &http.Client{Transport: tr}})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := NewClient(caller).GetLoginInfo(t.Context()); err != nil || r.Uin != 10001 {
			t.Fatalf("get_login_info: %+v, %v", r, err)
		}
		ws, _, err := websocket.DefaultDialer.DialContext(t.Context(), "ws://"+l.Addr().String()+"/event", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		waitUntil(t, "subscriber", func() bool { return srv.Stats().WebSocketSubscribers == 1 })
		if err := srv.PublishFrame(t.Context(), []byte(`{"n":1}`)); err != nil {
			t.Fatal(err)
		}
		if got := hook.next(t); string(got) != `{"n":1}` {
			t.Fatalf("webhook got %s", got)
		}
		cancel()
		select {
		case err := <-served:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Serve returned %v, want context.Canceled", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Serve did not return after its context ended")
		}
		select {
		case <-srv.Done():
		default:
			t.Error("server not closed after Serve returned")
		}
		if err := srv.PublishFrame(t.Context(), []byte(`{}`)); !errors.Is(err, ErrServerClosed) {
			t.Errorf("Publish after Serve returned: %v", err)
		}
		ended := false
		for range 2 {
			if _, _, err := ws.ReadMessage(); err != nil {
				ended = true
				break
			}
		}
		if !ended {
			t.Error("WebSocket still open")
		}
	}()
}

// TestServerConcurrent runs API calls, publishing and subscribers coming
// and going at the same time (for the race detector).
func TestServerConcurrent(t *testing.T) {
	mux := NewServeMux()
	mux.HandleGetUserProfile(func(ctx context.Context, p *GetUserProfileParams) (*GetUserProfileResult, error) {
		return &GetUserProfileResult{Nickname: "u" + itoa(int(p.UserID)), Sex: "unknown"}, nil
	})
	env := newSrvEnv(t, mux, &ServerOptions{Token: srvToken, EventQueue: 4096})
	c := env.client(t, srvToken)
	wsURL := "ws" + strings.TrimPrefix(env.base, "http") + "/event"
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				id := int64(g*100 + i)
				r, err := c.GetUserProfile(t.Context(), &GetUserProfileParams{UserID: id})
				if err != nil || r.Nickname != "u"+itoa(int(id)) {
					t.Errorf("call %d: %+v, %v", id, r, err)
					return
				}
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				cl, err := transport.NewWSClient(wsURL, &transport.WSOptions{Token: srvToken, EventsOnly: true})
				if err != nil {
					t.Error(err)
					return
				}
				ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
				_ = cl.Run(ctx, func([]byte) {})
				cancel()
				_ = cl.Close()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 300 {
			if err := env.srv.PublishFrame(t.Context(), []byte(`{"n":`+itoa(i)+`}`)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	wg.Wait()
	if st := env.srv.Stats(); st.Published != 300 || st.SlowDisconnects != 0 {
		t.Errorf("stats %+v", st)
	}
}
