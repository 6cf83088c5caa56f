package transport_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// readText reads one frame within 5 s.
func readText(t *testing.T, ws *websocket.Conn) string {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, b, err := ws.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return string(b)
}

// TestWSServerBroadcastRightAfterDial broadcasts the moment the client's
// dial returns: the frame must arrive every time, and OnConnect and
// OnDisconnect run once per connection.
func TestWSServerBroadcastRightAfterDial(t *testing.T) {
	var connects, disconnects atomic.Int64
	srv, url := newWSServer(t, &transport.WSServerOptions{
		OnConnect:    func(*transport.ServerConn) { connects.Add(1) },
		OnDisconnect: func(*transport.ServerConn, error) { disconnects.Add(1) },
	})
	const n = 300
	for i := range n {
		ws, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := strconv.Itoa(i)
		if got := srv.Broadcast([]byte(want)); got != 1 {
			ws.Close()
			t.Fatalf("iteration %d: Broadcast reached %d connections, want 1", i, got)
		}
		if got := readText(t, ws); got != want {
			t.Fatalf("iteration %d: got %q", i, got)
		}
		ws.Close()
		waitFor(t, func() bool { return len(srv.Conns()) == 0 })
	}
	waitFor(t, func() bool { return disconnects.Load() == n })
	if c := connects.Load(); c != n {
		t.Errorf("OnConnect ran %d times for %d connections", c, n)
	}
}

// TestWSClientFirstEventRightAfterConnect is the same through WSClient:
// the first frame broadcast after WaitConnected returns is delivered.
func TestWSClientFirstEventRightAfterConnect(t *testing.T) {
	srv, url := newWSServer(t, nil)
	for i := range 100 {
		c, err := transport.NewWSClient(url, &transport.WSOptions{Backoff: fastBackoff()})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := c.WaitConnected(ctx); err != nil {
			t.Fatal(err)
		}
		srv.Broadcast([]byte(`{"n":` + strconv.Itoa(i) + `}`))
		got := make(chan string, 1)
		go c.Run(ctx, func(f []byte) {
			select {
			case got <- string(f):
			default:
			}
		})
		select {
		case f := <-got:
			if want := `{"n":` + strconv.Itoa(i) + `}`; f != want {
				t.Errorf("iteration %d: got %s", i, f)
			}
		case <-ctx.Done():
			t.Fatalf("iteration %d: first event lost", i)
		}
		cancel()
		c.Close()
		waitFor(t, func() bool { return len(srv.Conns()) == 0 })
	}
}

// handshakeGate returns an upgrader whose origin check (run inside Upgrade,
// before the 101 is written) lets requests without an X-Gate header through
// at once; for the others it reports on started, waits for release and
// accepts if X-Gate is "allow".
//
// release is idempotent; tests also register it as a cleanup (after the
// server's) so that a failing test does not leave a handler blocked.
func handshakeGate() (u *websocket.Upgrader, started chan struct{}, release func()) {
	started, gate := make(chan struct{}, 1), make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	u = &websocket.Upgrader{CheckOrigin: func(r *http.Request) bool {
		g := r.Header.Get("X-Gate")
		if g == "" {
			return true
		}
		started <- struct{}{}
		<-gate
		return g == "allow"
	}}
	return u, started, release
}

// gatedDial dials in the background; the result arrives on the channel
// (nil on failure, with the status code).
func gatedDial(url string, h http.Header) chan dialResult {
	ch := make(chan dialResult, 1)
	go func() {
		ws, resp, err := websocket.DefaultDialer.Dial(url, h)
		r := dialResult{ws: ws, err: err}
		if resp != nil {
			r.status = resp.StatusCode
		}
		ch <- r
	}()
	return ch
}

type dialResult struct {
	ws     *websocket.Conn
	status int
	err    error
}

// TestWSServerOnConnectFramesComeFirst: what OnConnect sends precedes the
// frames broadcast while the handshake was under way, which keep their order.
func TestWSServerOnConnectFramesComeFirst(t *testing.T) {
	u, started, release := handshakeGate()
	srv, url := newWSServer(t, &transport.WSServerOptions{
		Upgrader:  u,
		OnConnect: func(c *transport.ServerConn) { c.TrySend([]byte("hello")) },
	})
	t.Cleanup(release)
	dialed := gatedDial(url, http.Header{"X-Gate": {"allow"}})
	<-started
	if len(srv.Conns()) != 0 {
		t.Error("a connection still in its handshake is listed by Conns")
	}
	for _, f := range []string{"a", "b"} {
		if n := srv.Broadcast([]byte(f)); n != 1 {
			t.Fatalf("Broadcast during the handshake reached %d", n)
		}
	}
	release()
	r := <-dialed
	if r.err != nil {
		t.Fatal(r.err)
	}
	defer r.ws.Close()
	srv.Broadcast([]byte("c"))
	for _, want := range []string{"hello", "a", "b", "c"} {
		if got := readText(t, r.ws); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

// TestWSServerHandshakeFailureAfterRegistration: a connection whose upgrade
// fails after it took broadcasts is unregistered, runs no hooks and does
// not displace the open connection with the same identity.
func TestWSServerHandshakeFailureAfterRegistration(t *testing.T) {
	u, started, release := handshakeGate()
	var connects, disconnects atomic.Int64
	srv, url := newWSServer(t, &transport.WSServerOptions{
		Upgrader:     u,
		OnConnect:    func(*transport.ServerConn) { connects.Add(1) },
		OnDisconnect: func(*transport.ServerConn, error) { disconnects.Add(1) },
	})
	t.Cleanup(release)
	h := http.Header{"X-Self-ID": {"7"}, "X-Client-Role": {"Event"}}
	old, _, err := websocket.DefaultDialer.Dial(url, h)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	waitFor(t, func() bool { return srv.Conn("7", "Event") != nil })
	first := srv.Conn("7", "Event")

	h2 := h.Clone()
	h2.Set("X-Gate", "refuse")
	dialed := gatedDial(url, h2)
	<-started
	if n := srv.Broadcast([]byte("x")); n != 2 {
		t.Errorf("Broadcast during the handshake reached %d, want 2", n)
	}
	release()
	if r := <-dialed; r.err == nil || r.status != http.StatusForbidden {
		t.Fatalf("refused dial: status %d, err %v", r.status, r.err)
	}
	waitFor(t, func() bool { return srv.Broadcast([]byte("y")) == 1 })
	if c := srv.Conn("7", "Event"); c != first || c.Err() != nil {
		t.Errorf("open connection displaced by a failed handshake (err %v)", c.Err())
	}
	if got := readText(t, old); got != "x" {
		t.Errorf("old peer got %q", got)
	}
	if n := len(srv.Conns()); n != 1 {
		t.Errorf("%d connections listed", n)
	}
	if connects.Load() != 1 || disconnects.Load() != 0 {
		t.Errorf("hooks: %d connects, %d disconnects; want 1, 0", connects.Load(), disconnects.Load())
	}
}

// TestWSServerCloseDuringHandshake: Close while a handshake is under way
// closes that connection too (the peer sees a close), runs no hooks and
// leaves nothing behind (goleak in TestMain).
func TestWSServerCloseDuringHandshake(t *testing.T) {
	u, started, release := handshakeGate()
	var connects atomic.Int64
	srv, url := newWSServer(t, &transport.WSServerOptions{
		Upgrader:  u,
		OnConnect: func(*transport.ServerConn) { connects.Add(1) },
	})
	t.Cleanup(release)
	dialed := gatedDial(url, http.Header{"X-Gate": {"allow"}})
	<-started
	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	waitFor(t, func() bool { return srv.Broadcast([]byte("x")) == 0 })
	select {
	case <-closed:
		t.Fatal("Close returned while a handshake was still running")
	default:
	}
	release()
	<-closed
	r := <-dialed
	if r.err == nil {
		defer r.ws.Close()
		r.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, _, err := r.ws.ReadMessage(); !websocket.IsCloseError(err, websocket.CloseNormalClosure) {
			t.Errorf("peer read after Close: %v", err)
		}
	}
	if connects.Load() != 0 {
		t.Error("OnConnect ran for a connection closed during its handshake")
	}
}

// TestWSServerSlowDuringHandshake: frames held for a connection in its
// handshake are bounded like its send queue: SendQueue frames, then
// SendBacklog bytes; beyond, it is dropped as a slow peer. Within the
// bounds the peer receives every frame, in order.
func TestWSServerSlowDuringHandshake(t *testing.T) {
	// A frame costs its capacity (100) plus an overhead between 10 and 64
	// bytes: a budget of 330 holds two frames beyond the queue.
	const budget = 330
	for _, tc := range []struct {
		name    string
		backlog int64
		want    []int
		dropped bool
	}{
		{"no-backlog", -1, []int{1, 1, 0, 0}, true},
		{"backlog", budget, []int{1, 1, 1, 1}, false},
		{"backlog-full", budget, []int{1, 1, 1, 1, 0}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, started, release := handshakeGate()
			var slow atomic.Int64
			srv, url := newWSServer(t, &transport.WSServerOptions{
				Upgrader:    u,
				SendQueue:   2,
				SendBacklog: tc.backlog,
				OnSlow:      func(*transport.ServerConn) { slow.Add(1) },
			})
			t.Cleanup(release)
			dialed := gatedDial(url, http.Header{"X-Gate": {"allow"}})
			<-started
			for i, want := range tc.want {
				f := append(make([]byte, 0, 100), 'f', byte('0'+i))
				if n := srv.Broadcast(f); n != want {
					t.Errorf("broadcast %d reached %d, want %d", i, n, want)
				}
			}
			release()
			r := <-dialed
			if r.err == nil {
				defer r.ws.Close()
				r.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
				if tc.dropped {
					if _, _, err := r.ws.ReadMessage(); err == nil {
						t.Error("a dropped peer received a frame")
					}
				} else {
					for i := range tc.want {
						_, f, err := r.ws.ReadMessage()
						if err != nil || string(f) != "f"+string(rune('0'+i)) {
							t.Fatalf("frame %d: %q, %v", i, f, err)
						}
					}
				}
			} else if !tc.dropped {
				t.Fatal(r.err)
			}
			wantDrops := 0
			if tc.dropped {
				wantDrops = 1
				waitFor(t, func() bool { return len(srv.Conns()) == 0 })
			}
			if srv.SlowDrops() != uint64(wantDrops) || slow.Load() != int64(wantDrops) {
				t.Errorf("SlowDrops %d, OnSlow %d; want %d", srv.SlowDrops(), slow.Load(), wantDrops)
			}
		})
	}
}

// TestWSServerSameIdentityHandshakesRace: two handshakes with one identity
// finish together; one connection keeps the identity, the other is closed
// as replaced, and the survivor receives the frame broadcast during the
// handshakes.
func TestWSServerSameIdentityHandshakesRace(t *testing.T) {
	u, started, release := handshakeGate()
	replaced := make(chan error, 2)
	srv, url := newWSServer(t, &transport.WSServerOptions{
		Upgrader:     u,
		OnDisconnect: func(_ *transport.ServerConn, err error) { replaced <- err },
	})
	t.Cleanup(release)
	h := http.Header{"X-Self-ID": {"7"}, "X-Client-Role": {"Universal"}, "X-Gate": {"allow"}}
	a, b := gatedDial(url, h), gatedDial(url, h)
	<-started
	<-started
	if n := srv.Broadcast([]byte("x")); n != 2 {
		t.Errorf("Broadcast during the handshakes reached %d, want 2", n)
	}
	release()
	// The survivor gets the frame; the replaced one gets it or, when it
	// was replaced before its writer sent it, the close.
	got := 0
	for _, ch := range []chan dialResult{a, b} {
		r := <-ch
		if r.err != nil {
			t.Fatal(r.err)
		}
		defer r.ws.Close()
		r.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, f, err := r.ws.ReadMessage()
		switch {
		case err == nil && string(f) == "x":
			got++
		case websocket.IsCloseError(err, websocket.CloseNormalClosure):
		default:
			t.Errorf("read %q, %v", f, err)
		}
	}
	if got == 0 {
		t.Error("the surviving connection did not receive the frame")
	}
	select {
	case err := <-replaced:
		if !errors.Is(err, transport.ErrReplaced) {
			t.Errorf("cause %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no connection replaced")
	}
	waitFor(t, func() bool { return len(srv.Conns()) == 1 })
	if c := srv.Conn("7", "Universal"); c == nil || c.Err() != nil {
		t.Error("identity lost")
	}
}
