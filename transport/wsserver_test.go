package transport_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// newWSServer serves a WSServer on loopback; cleanup closes both in order.
func newWSServer(t testing.TB, o *transport.WSServerOptions) (*transport.WSServer, string) {
	s := transport.NewWSServer(o)
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		hs.Close()
	})
	return s, "ws" + strings.TrimPrefix(hs.URL, "http")
}

func TestWSServerAuthMatrix(t *testing.T) {
	for _, milky := range []bool{false, true} {
		_, url := newWSServer(t, &transport.WSServerOptions{Token: testToken, Auth: transport.AuthOptions{WrongTokenIs401: milky}})
		checkAuthMatrix(t, milky, func(prepare func(*http.Request)) int {
			req, _ := http.NewRequest("GET", url, nil)
			prepare(req)
			ws, resp, err := websocket.DefaultDialer.Dial(req.URL.String(), req.Header)
			if err == nil {
				ws.Close()
				return 0
			}
			if resp == nil {
				t.Fatal(err)
			}
			return resp.StatusCode
		})
	}
}

// TestWSServerReverse has the implementation side (a WSClient) connect to
// the bot side (WSServer): the server calls, the client answers and pushes
// events.
func TestWSServerReverse(t *testing.T) {
	conns := make(chan *transport.ServerConn, 1)
	closed := make(chan error, 1)
	srv, url := newWSServer(t, &transport.WSServerOptions{
		OnConnect:    func(c *transport.ServerConn) { conns <- c },
		OnDisconnect: func(c *transport.ServerConn, err error) { closed <- err },
	})
	impl := newClient(t, url, &transport.WSOptions{Header: http.Header{"X-Self-ID": {"10001"}, "X-Client-Role": {"universal"}}})
	// The implementation answers every request frame it receives.
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() {
		runDone <- impl.Run(ctx, func(frame []byte) {
			var req request
			if err := jsonUnmarshal(frame, &req); err != nil || req.Action == "" {
				return
			}
			impl.Send(ctx, reply(req))
		})
	}()
	var sc *transport.ServerConn
	select {
	case sc = <-conns:
	case <-time.After(5 * time.Second):
		t.Fatal("no connection")
	}
	if sc.SelfID() != "10001" || sc.Role() != transport.RoleUniversal || srv.Conn("10001", "Universal") != sc {
		t.Errorf("identity %q %q", sc.SelfID(), sc.Role())
	}
	resp, err := sc.Call(ctxT(t, 5*time.Second), "get_login_info", []byte(`{"a":1}`))
	if err != nil || !strings.Contains(string(resp), `"params":{"a":1}`) {
		t.Fatalf("call: %s %v", resp, err)
	}
	// Events pushed by the implementation reach ServerConn.Run.
	impl.Send(ctx, []byte(`{"post_type":"message","echo_like":1}`))
	impl.Send(ctx, []byte(`{"post_type":"notice"}`))
	var got []string
	sctx, scancel := context.WithCancel(context.Background())
	sc.Run(sctx, func(f []byte) {
		got = append(got, string(f))
		if len(got) == 2 {
			scancel()
		}
	})
	scancel()
	if len(got) != 2 || got[1] != `{"post_type":"notice"}` {
		t.Errorf("events %q", got)
	}
	// Forward direction: frames sent by the server reach the client.
	if err := sc.Send(ctxT(t, time.Second), []byte(`{"post_type":"meta_event"}`)); err != nil {
		t.Fatal(err)
	}
	cancel()
	<-runDone
	impl.Close()
	select {
	case err := <-closed:
		if !errors.Is(err, transport.ErrClosed) {
			t.Errorf("close cause %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("disconnect not announced")
	}
	if _, err := sc.Call(ctxT(t, time.Second), "x", nil); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("call on closed conn: %v", err)
	}
	if !errors.Is(sc.Err(), transport.ErrClosed) {
		t.Errorf("Err = %v", sc.Err())
	}
}

func TestWSServerServerKilledMidCall(t *testing.T) {
	conns := make(chan *transport.ServerConn, 1)
	_, url := newWSServer(t, &transport.WSServerOptions{OnConnect: func(c *transport.ServerConn) { conns <- c }})
	ws, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := <-conns
	errc := make(chan error, 1)
	go func() {
		_, err := sc.Call(ctxT(t, 30*time.Second), "x", nil)
		errc <- err
	}()
	ws.ReadMessage() // the request arrives; the peer dies without answering
	ws.Close()
	select {
	case err := <-errc:
		if !errors.Is(err, transport.ErrClosed) {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("pending call not failed")
	}
}

func TestWSServerIdentityReplacement(t *testing.T) {
	disc := make(chan error, 4)
	srv, url := newWSServer(t, &transport.WSServerOptions{
		OnDisconnect: func(c *transport.ServerConn, err error) { disc <- err },
	})
	h := http.Header{"X-Self-ID": {"7"}, "X-Client-Role": {"Event"}}
	old, _, err := websocket.DefaultDialer.Dial(url, h)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	other, _, err := websocket.DefaultDialer.Dial(url, http.Header{"X-Self-ID": {"7"}, "X-Client-Role": {"API"}})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	waitFor(t, func() bool { return len(srv.Conns()) == 2 })
	first := srv.Conn("7", "Event")
	newer, _, err := websocket.DefaultDialer.Dial(url, h)
	if err != nil {
		t.Fatal(err)
	}
	defer newer.Close()
	select {
	case err := <-disc:
		if !errors.Is(err, transport.ErrReplaced) || !errors.Is(err, transport.ErrClosed) {
			t.Errorf("cause %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stale connection not closed")
	}
	old.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, _, err := old.ReadMessage(); !websocket.IsCloseError(err, websocket.CloseNormalClosure) {
		t.Errorf("old peer read: %v", err)
	}
	waitFor(t, func() bool { return len(srv.Conns()) == 2 })
	if c := srv.Conn("7", "Event"); c == nil || c == first {
		t.Error("identity not taken over by the new connection")
	}
	if srv.Conn("7", "API") == nil {
		t.Error("a different role must not be replaced")
	}
}

func TestWSServerSlowPeerDoesNotBlockOthers(t *testing.T) {
	slowDropped := make(chan *transport.ServerConn, 1)
	srv, url := newWSServer(t, &transport.WSServerOptions{
		SendQueue: 4, SendBacklog: 1 << 20, WriteTimeout: 30 * time.Second,
		OnSlow: func(c *transport.ServerConn) { slowDropped <- c },
	})
	slow, _, err := websocket.DefaultDialer.Dial(url, http.Header{"X-Self-ID": {"slow"}})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close() // never reads
	fast, _, err := websocket.DefaultDialer.Dial(url, http.Header{"X-Self-ID": {"fast"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close()
	waitFor(t, func() bool { return len(srv.Conns()) == 2 })
	received := make(chan int, 1024)
	go func() {
		for {
			_, b, err := fast.ReadMessage()
			if err != nil {
				close(received)
				return
			}
			var n int
			fmt.Sscanf(string(b[:20]), `{"n":%d`, &n)
			received <- n
		}
	}()
	pad := strings.Repeat("x", 256<<10)
	dropped := false
	for i := 0; i < 400; i++ {
		start := time.Now()
		sent := srv.Broadcast([]byte(fmt.Sprintf(`{"n":%08d,"pad":"%s"}`, i, pad)))
		// A blocking Broadcast would wait for the stalled peer's write
		// timeout (30s); allow for a loaded machine.
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Broadcast blocked for %v", d)
		}
		if sent == 0 {
			t.Fatalf("frame %d reached nobody", i)
		}
		select {
		case n := <-received:
			if n != i {
				t.Fatalf("fast peer got frame %d, want %d", n, i)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("fast peer starved at frame %d", i)
		}
		if !dropped {
			select {
			case c := <-slowDropped:
				if c.SelfID() != "slow" {
					t.Fatalf("dropped %v", c)
				}
				dropped = true
			default:
			}
		}
		if dropped && i > 0 && sent == 1 {
			break
		}
	}
	if !dropped || srv.SlowDrops() != 1 {
		t.Fatalf("slow peer not dropped (drops %d)", srv.SlowDrops())
	}
	waitFor(t, func() bool { return len(srv.Conns()) == 1 })
}

func TestWSServerClose(t *testing.T) {
	var connected atomic.Int32
	srv := transport.NewWSServer(&transport.WSServerOptions{OnConnect: func(*transport.ServerConn) { connected.Add(1) }})
	hs := httptest.NewServer(srv)
	defer hs.Close()
	url := "ws" + strings.TrimPrefix(hs.URL, "http")
	ws, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	waitFor(t, func() bool { return connected.Load() == 1 })
	srv.Close()
	if _, _, err := ws.ReadMessage(); err == nil {
		t.Error("connection still open after Close")
	}
	_, resp, err := websocket.DefaultDialer.Dial(url, nil)
	if err == nil || resp == nil || resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("dial after Close: %v", err)
	}
}

func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestWSServerReadLimitAndHalfOpen(t *testing.T) {
	disc := make(chan error, 2)
	_, url := newWSServer(t, &transport.WSServerOptions{
		ReadLimit: 1024, PingInterval: 20 * time.Millisecond, ReadTimeout: 100 * time.Millisecond,
		OnDisconnect: func(c *transport.ServerConn, err error) { disc <- err },
	})
	big, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer big.Close()
	big.WriteMessage(websocket.TextMessage, []byte(strings.Repeat("x", 2000)))
	select {
	case err := <-disc:
		if !errors.Is(err, transport.ErrTooLarge) || !strings.Contains(err.Error(), "1024") {
			t.Errorf("oversized frame: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("oversized frame accepted")
	}
	_, _, err = big.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseMessageTooBig) {
		t.Errorf("peer told %v, want close 1009", err)
	}

	// A peer that never reads (so never answers pings) is detected.
	mute, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer mute.Close()
	select {
	case err := <-disc:
		if !strings.Contains(err.Error(), "timeout") {
			t.Errorf("half-open cause %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("half-open peer not detected")
	}
}
