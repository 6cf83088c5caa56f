package transport_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/goleak"

	"github.com/duobot/duobot/transport"
)

// peer is a raw gorilla WebSocket server standing in for an implementation.
type peer struct {
	srv   *httptest.Server
	url   string
	conns atomic.Int32
	wg    sync.WaitGroup
}

// newPeer serves handle on every accepted connection; the connection is
// closed when handle returns. Cleanup closes everything.
func newPeer(t testing.TB, handle func(n int, ws *websocket.Conn)) *peer {
	p := &peer{}
	up := websocket.Upgrader{}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		n := int(p.conns.Add(1))
		defer ws.Close()
		handle(n, ws)
	}))
	p.url = "ws" + strings.TrimPrefix(p.srv.URL, "http")
	t.Cleanup(func() {
		p.srv.CloseClientConnections()
		p.srv.Close()
	})
	return p
}

type request struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
	Echo   json.RawMessage `json:"echo"`
}

func reply(req request) []byte {
	return []byte(fmt.Sprintf(`{"status":"ok","retcode":0,"data":{"action":%q,"params":%s},"echo":%s}`, req.Action, req.Params, req.Echo))
}

// echoServe answers every request frame with its params, until the
// connection fails.
func echoServe(ws *websocket.Conn) {
	for {
		_, b, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var req request
		if json.Unmarshal(b, &req) != nil {
			continue
		}
		if ws.WriteMessage(websocket.TextMessage, reply(req)) != nil {
			return
		}
	}
}

func fastBackoff() transport.Backoff {
	return transport.Backoff{Initial: 5 * time.Millisecond, Max: 20 * time.Millisecond, Multiplier: 2}
}

func newClient(t testing.TB, url string, o *transport.WSOptions) *transport.WSClient {
	t.Helper()
	if o == nil {
		o = &transport.WSOptions{}
	}
	if o.Backoff == (transport.Backoff{}) {
		o.Backoff = fastBackoff()
	}
	c, err := transport.NewWSClient(url, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestWSClientCall(t *testing.T) {
	var gotHeader http.Header
	var mu sync.Mutex
	p := newPeer(t, func(n int, ws *websocket.Conn) { echoServe(ws) })
	// Wrap to capture the handshake headers.
	inner := p.srv.Config.Handler
	p.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gotHeader = r.Header.Clone()
		mu.Unlock()
		inner.ServeHTTP(w, r)
	})
	c := newClient(t, p.url, &transport.WSOptions{Token: "tk", Header: http.Header{"X-Self-ID": {"42"}}})
	resp, err := c.Call(ctxT(t, 5*time.Second), "get_status", nil)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Data struct {
			Action string
			Params json.RawMessage
		}
		Echo string
	}
	if err := json.Unmarshal(resp, &r); err != nil {
		t.Fatal(err)
	}
	if r.Data.Action != "get_status" || string(r.Data.Params) != "{}" || r.Echo == "" {
		t.Errorf("response %s", resp)
	}
	resp, err = c.Call(ctxT(t, 5*time.Second), "send\"msg\u00e9", []byte(`{"message":[{"type":"text"}]}`))
	if err != nil || !strings.Contains(string(resp), `"params":{"message":[{"type":"text"}]}`) || !strings.Contains(string(resp), `send\"msg`) {
		t.Errorf("resp %s err %v", resp, err)
	}
	mu.Lock()
	if gotHeader.Get("Authorization") != "Bearer tk" || gotHeader.Get("X-Self-ID") != "42" {
		t.Errorf("handshake headers %v", gotHeader)
	}
	mu.Unlock()
	if _, err := c.Call(ctxT(t, time.Second), "x", []byte(`{bad`)); err == nil {
		t.Error("invalid params accepted")
	}
	if _, err := c.Call(ctxT(t, time.Second), "", nil); err == nil {
		t.Error("empty action accepted")
	}
}

func TestWSClientTokenInQuery(t *testing.T) {
	srv := transport.NewWSServer(&transport.WSServerOptions{Token: "q"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Close()
	c := newClient(t, "ws"+strings.TrimPrefix(hs.URL, "http")+"/?x=1", &transport.WSOptions{Token: "q", TokenInQuery: true})
	if err := c.WaitConnected(ctxT(t, 5*time.Second)); err != nil {
		t.Fatal(err)
	}
}

func TestWSClientOutOfOrder(t *testing.T) {
	const n = 20
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		var reqs []request
		for len(reqs) < n {
			_, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req request
			json.Unmarshal(b, &req)
			reqs = append(reqs, req)
		}
		for i := len(reqs) - 1; i >= 0; i-- {
			ws.WriteMessage(websocket.TextMessage, reply(reqs[i]))
		}
		echoServe(ws)
	})
	c := newClient(t, p.url, nil)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			params := fmt.Sprintf(`{"i":%d}`, i)
			resp, err := c.Call(ctxT(t, 10*time.Second), "a", []byte(params))
			if err == nil && !strings.Contains(string(resp), `"params":`+params) {
				err = fmt.Errorf("call %d got %s", i, resp)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestWSClientManyConcurrentCalls(t *testing.T) {
	p := newPeer(t, func(_ int, ws *websocket.Conn) { echoServe(ws) })
	c := newClient(t, p.url, nil)
	const n = 1000
	var wg sync.WaitGroup
	var bad atomic.Int32
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			params := fmt.Sprintf(`{"i":%d}`, i)
			resp, err := c.Call(ctxT(t, 20*time.Second), "a", []byte(params))
			if err != nil || !strings.Contains(string(resp), `"params":`+params+`}`) {
				bad.Add(1)
			}
		}()
	}
	wg.Wait()
	if bad.Load() != 0 {
		t.Fatalf("%d of %d calls failed or got a wrong response", bad.Load(), n)
	}
	if st := c.Stats(); st.Connects != 1 || st.Stale != 0 || st.Dropped != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestWSClientCallFrameAnyEchoType(t *testing.T) {
	// The peer re-encodes the echo with different whitespace.
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		for {
			_, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req map[string]any
			json.Unmarshal(b, &req)
			echo, _ := json.MarshalIndent(req["echo"], "", "  ")
			ws.WriteMessage(websocket.TextMessage, []byte(fmt.Sprintf(`{"data" : {"x":"}"}, "echo" :  %s , "status":"ok"}`, echo)))
		}
	})
	c := newClient(t, p.url, nil)
	for _, echo := range []string{`42`, `-1.5`, `{"a": [1, {"b": "}"}]}`, `[1,2]`, `null`, `true`, `"plain"`, `"e\u0063ho"`} {
		frame := []byte(`{"action":"x","params":{},"echo":` + echo + `}`)
		resp, err := c.CallFrame(ctxT(t, 5*time.Second), frame)
		if err != nil {
			t.Errorf("echo %s: %v", echo, err)
			continue
		}
		var r struct{ Echo json.RawMessage }
		json.Unmarshal(resp, &r)
		var a, b any
		json.Unmarshal(r.Echo, &a)
		json.Unmarshal([]byte(echo), &b)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("echo %s: got response %s", echo, resp)
		}
	}
	if _, err := c.CallFrame(ctxT(t, time.Second), []byte(`{"action":"x"}`)); err == nil {
		t.Error("frame without echo accepted")
	}
}

func TestWSClientServerKilledMidCall(t *testing.T) {
	got := make(chan struct{}, 10)
	var second []string // actions the second connection received
	var mu sync.Mutex
	p := newPeer(t, func(n int, ws *websocket.Conn) {
		if n == 1 {
			// Read the requests, never answer, then die.
			for range 3 {
				if _, _, err := ws.ReadMessage(); err != nil {
					return
				}
				got <- struct{}{}
			}
			ws.UnderlyingConn().Close()
			return
		}
		for {
			_, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req request
			json.Unmarshal(b, &req)
			mu.Lock()
			second = append(second, req.Action)
			mu.Unlock()
			ws.WriteMessage(websocket.TextMessage, reply(req))
		}
	})
	var disconnects atomic.Int32
	c := newClient(t, p.url, &transport.WSOptions{OnDisconnect: func(error) { disconnects.Add(1) }})
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			_, err := c.Call(ctxT(t, 30*time.Second), "a", nil)
			errs <- err
		}()
	}
	for range 3 {
		<-got
	}
	start := time.Now()
	for range 3 {
		err := <-errs
		if !errors.Is(err, transport.ErrClosed) {
			t.Errorf("pending call: %v, want ErrClosed", err)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("pending calls took %v to fail", d)
	}
	resp, err := c.Call(ctxT(t, 5*time.Second), "again", nil)
	if err != nil || !strings.Contains(string(resp), `"again"`) {
		t.Fatalf("call after reconnect: %s %v", resp, err)
	}
	if p.conns.Load() != 2 || disconnects.Load() != 1 {
		t.Errorf("conns %d disconnects %d", p.conns.Load(), disconnects.Load())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(second) != 1 || second[0] != "again" {
		t.Errorf("the new connection received %q: calls must never be replayed", second)
	}
}

func TestWSClientCallCancel(t *testing.T) {
	release := make(chan struct{})
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		_, b, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var req request
		json.Unmarshal(b, &req)
		<-release
		ws.WriteMessage(websocket.TextMessage, reply(req)) // too late: stale
		echoServe(ws)
	})
	c := newClient(t, p.url, nil)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	if _, err := c.Call(ctx, "slow", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	close(release)
	if _, err := c.Call(ctxT(t, 5*time.Second), "next", nil); err != nil {
		t.Fatal(err)
	}
	events := make(chan []byte, 1)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	c.Run(ctx2, func(f []byte) { events <- f })
	if st := c.Stats(); st.Stale != 1 || len(events) != 0 {
		t.Errorf("late response: stats %+v, delivered %d", st, len(events))
	}
}

func TestWSClientNotConnected(t *testing.T) {
	// Nothing listens: the call waits for a connection until ctx ends.
	hs := httptest.NewServer(http.NotFoundHandler())
	url := "ws" + strings.TrimPrefix(hs.URL, "http")
	hs.Close()
	var dialErrs atomic.Int32
	c := newClient(t, url, &transport.WSOptions{OnDialError: func(error) { dialErrs.Add(1) }})
	start := time.Now()
	_, err := c.Call(ctxT(t, 150*time.Millisecond), "x", nil)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "last error") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("call hung for %v", d)
	}
	if dialErrs.Load() == 0 {
		t.Error("no dial error reported")
	}
}

func TestWSClientAuthFailureIsPermanent(t *testing.T) {
	srv := transport.NewWSServer(&transport.WSServerOptions{Token: "right"})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Close()
	c := newClient(t, "ws"+strings.TrimPrefix(hs.URL, "http"), &transport.WSOptions{Token: "wrong"})
	_, err := c.Call(ctxT(t, 5*time.Second), "x", nil)
	if !errors.Is(err, transport.ErrForbidden) || !errors.Is(err, transport.ErrClosed) {
		t.Fatalf("err = %v, want ErrForbidden", err)
	}
	if err := c.Run(ctxT(t, 5*time.Second), func([]byte) {}); !errors.Is(err, transport.ErrForbidden) {
		t.Fatalf("Run = %v", err)
	}
}

func TestWSClientHalfOpenPeer(t *testing.T) {
	p := newPeer(t, func(n int, ws *websocket.Conn) {
		if n == 1 {
			// Half-open: swallow pings, never answer, never close.
			ws.SetPingHandler(func(string) error { return nil })
			for {
				if _, _, err := ws.ReadMessage(); err != nil {
					return
				}
			}
		}
		echoServe(ws)
	})
	disc := make(chan error, 2)
	c := newClient(t, p.url, &transport.WSOptions{
		PingInterval: 50 * time.Millisecond, ReadTimeout: 400 * time.Millisecond,
		OnDisconnect: func(err error) { disc <- err },
	})
	select {
	case err := <-disc:
		if !strings.Contains(err.Error(), "timeout") {
			t.Errorf("disconnect cause %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("half-open peer not detected")
	}
	if _, err := c.Call(ctxT(t, 5*time.Second), "x", nil); err != nil {
		t.Fatal(err)
	}
	// A healthy peer answering pings keeps the connection well past ReadTimeout.
	time.Sleep(time.Second)
	if st := c.Stats(); st.Connects != 2 {
		t.Errorf("connects = %d, want 2", st.Connects)
	}
}

func TestWSClientOversizedFrame(t *testing.T) {
	p := newPeer(t, func(n int, ws *websocket.Conn) {
		if n == 1 {
			_, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req request
			json.Unmarshal(b, &req)
			big := fmt.Sprintf(`{"data":%q,"echo":%s}`, strings.Repeat("x", 5000), req.Echo)
			ws.WriteMessage(websocket.TextMessage, []byte(big))
			ws.ReadMessage()
			return
		}
		echoServe(ws)
	})
	c := newClient(t, p.url, &transport.WSOptions{ReadLimit: 4096})
	_, err := c.Call(ctxT(t, 5*time.Second), "big", nil)
	if !errors.Is(err, transport.ErrTooLarge) || !errors.Is(err, transport.ErrClosed) || !strings.Contains(err.Error(), "4096") {
		t.Fatalf("err = %v, want ErrTooLarge naming the limit", err)
	}
	if _, err := c.Call(ctxT(t, 5*time.Second), "small", nil); err != nil {
		t.Fatalf("after reconnect: %v", err)
	}
}

func TestWSClientEventsAndCallFromHandler(t *testing.T) {
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		for i := range 5 {
			ws.WriteMessage(websocket.TextMessage, []byte(fmt.Sprintf(`{"post_type":"meta_event","i":%d}`, i)))
		}
		echoServe(ws)
	})
	c := newClient(t, p.url, &transport.WSOptions{EventQueue: 16})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var got []string
	err := c.Run(ctx, func(frame []byte) {
		// A handler calling back on the same connection must not deadlock.
		resp, err := c.Call(ctx, "from_handler", nil)
		if err != nil || !strings.Contains(string(resp), "from_handler") {
			t.Errorf("call from handler: %s %v", resp, err)
		}
		got = append(got, string(frame))
		if len(got) == 5 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	for i, f := range got {
		if f != fmt.Sprintf(`{"post_type":"meta_event","i":%d}`, i) {
			t.Errorf("event %d = %s (order or content)", i, f)
		}
	}
	if len(got) != 5 {
		t.Errorf("got %d events", len(got))
	}
}

func TestWSClientEventsOnlyAndDrops(t *testing.T) {
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		for i := range 10 {
			// An "echo" key inside an event must not be taken for a response.
			ws.WriteMessage(websocket.TextMessage, []byte(fmt.Sprintf(`{"event_type":"x","echo":"%d"}`, i)))
		}
		ws.ReadMessage()
	})
	var drops atomic.Int32
	// No backlog: frames beyond the queue are dropped at once.
	c := newClient(t, p.url, &transport.WSOptions{EventsOnly: true, EventQueue: 4, EventBacklog: -1, OnDrop: func([]byte) { drops.Add(1) }})
	if _, err := c.Call(ctxT(t, time.Second), "x", nil); err == nil {
		t.Error("Call on events-only client succeeded")
	}
	deadline := time.Now().Add(5 * time.Second)
	for c.Stats().Dropped < 6 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	var got []string
	c.Run(ctx, func(f []byte) { got = append(got, string(f)) })
	if len(got) != 4 || got[0] != `{"event_type":"x","echo":"0"}` || c.Stats().Dropped != 6 || drops.Load() != 6 {
		t.Errorf("got %q, stats %+v", got, c.Stats())
	}
}

func TestWSClientCloseStopsEverything(t *testing.T) {
	p := newPeer(t, func(_ int, ws *websocket.Conn) { echoServe(ws) })
	// Everything running now (the peer's server) may stay; nothing the
	// client starts may outlive Close.
	before := goleak.IgnoreCurrent()
	c, err := transport.NewWSClient(p.url, &transport.WSOptions{Backoff: fastBackoff()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(ctxT(t, 5*time.Second), "x", nil); err != nil {
		t.Fatal(err)
	}
	runErr := make(chan error, 1)
	go func() { runErr <- c.Run(context.Background(), func([]byte) {}) }()
	c.Close()
	// Strict: right when Close returns, no goroutine of the package is left
	// (goleak below retries, so it alone would not prove this).
	if left := packageGoroutines(); len(left) > 0 {
		t.Errorf("goroutines left after Close:\n%s", strings.Join(left, "\n\n"))
	}
	if err := <-runErr; !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Run after Close = %v", err)
	}
	if _, err := c.Call(context.Background(), "x", nil); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Call after Close = %v", err)
	}
	c.Close() // idempotent
	// The peer's handler for this connection ends once it sees the close.
	goleak.VerifyNone(t, before)
	if _, err := transport.NewWSClient("http://x", nil); err == nil {
		t.Error("http:// URL accepted")
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// packageGoroutines returns the stacks of goroutines blocked in code of the
// transport package (other than Run, and other than this test's own).
// Runnable ones are skipped: they are past their WaitGroup.Done and exiting.
func packageGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "[runnable") || strings.Contains(header, "[running") {
			continue
		}
		if strings.Contains(g, "duobot/transport.(*") && !strings.Contains(g, "packageGoroutines") && !strings.Contains(g, ").Run(") {
			out = append(out, g)
		}
	}
	return out
}

func TestWSClientPeerPingsKeepAlive(t *testing.T) {
	pongs := make(chan struct{}, 100)
	p := newPeer(t, func(n int, ws *websocket.Conn) {
		// The peer ignores our pings but pings us itself: that is activity.
		ws.SetPingHandler(func(string) error { return nil })
		ws.SetPongHandler(func(string) error { pongs <- struct{}{}; return nil })
		go func() {
			for {
				if _, _, err := ws.ReadMessage(); err != nil {
					return
				}
			}
		}()
		tk := time.NewTicker(20 * time.Millisecond)
		defer tk.Stop()
		for range tk.C {
			if ws.WriteControl(websocket.PingMessage, []byte("p"), time.Now().Add(time.Second)) != nil {
				return
			}
		}
	})
	var disconnects atomic.Int32
	c := newClient(t, p.url, &transport.WSOptions{
		PingInterval: 50 * time.Millisecond, ReadTimeout: 400 * time.Millisecond,
		OnDisconnect: func(error) { disconnects.Add(1) },
	})
	if err := c.WaitConnected(ctxT(t, 5*time.Second)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if disconnects.Load() != 0 || c.Stats().Connects != 1 {
		t.Errorf("connection dropped although the peer pinged: %d disconnects", disconnects.Load())
	}
	if len(pongs) == 0 {
		t.Error("peer pings not answered")
	}
}
