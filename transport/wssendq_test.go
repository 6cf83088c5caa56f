package transport_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/goleak"

	"github.com/duobot/duobot/transport"
)

// smallBufListener shrinks the send buffer of accepted connections (and
// pausedPeer its receive buffer), so that a peer that stops reading holds
// back the server's writer after some tens of kilobytes rather than
// megabytes of kernel buffers.
type smallBufListener struct{ net.Listener }

func (l smallBufListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(16 << 10)
	}
	return c, err
}

// sendqServer starts srv on loopback with small socket buffers; close
// stops it (idempotent).
func sendqServer(t *testing.T, srv *transport.WSServer) (url string, close func()) {
	hs := httptest.NewUnstartedServer(srv)
	hs.Listener = smallBufListener{hs.Listener}
	hs.Start()
	var once sync.Once
	close = func() {
		once.Do(func() {
			srv.Close()
			hs.Close()
		})
	}
	t.Cleanup(close)
	return "ws" + strings.TrimPrefix(hs.URL, "http"), close
}

// pausedPeer dials url with a small receive buffer and reads nothing until
// resume is called; then it reads frames onto the returned channel, which
// is closed when the connection ends.
func pausedPeer(t *testing.T, url string) (frames chan []byte, resume func(), ws *websocket.Conn) {
	d := websocket.Dialer{NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetReadBuffer(64 << 10)
		}
		return c, err
	}}
	ws, _, err := d.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	frames = make(chan []byte, 1<<16)
	gate := make(chan struct{})
	var once sync.Once
	t.Cleanup(func() {
		ws.Close()
		once.Do(func() { close(gate) })
		for range frames {
		}
	})
	go func() {
		defer close(frames)
		<-gate
		for {
			_, f, err := ws.ReadMessage()
			if err != nil {
				return
			}
			frames <- f
		}
	}()
	return frames, func() { once.Do(func() { close(gate) }) }, ws
}

// logBuffer is a concurrency-safe log sink.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), s)
}

func eventFrame(i int) []byte {
	return []byte(fmt.Sprintf(`{"post_type":"notice","n":%06d,"pad":"%s"}`, i, strings.Repeat("x", 200)))
}

func nextFrame(t *testing.T, frames chan []byte) []byte {
	t.Helper()
	select {
	case f, ok := <-frames:
		if !ok {
			t.Fatal("connection ended")
		}
		return f
	case <-time.After(10 * time.Second):
		t.Fatal("no frame in time")
	}
	return nil
}

// TestWSServerSendBacklogPausedPeer: a peer that stops reading during a
// burst far beyond SendQueue, then resumes, receives every frame in order
// (a response sent and a frame offered in the middle of the burst in
// their place) and stays connected; nothing leaks after Close.
func TestWSServerSendBacklogPausedPeer(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var logs logBuffer
	conns := make(chan *transport.ServerConn, 1)
	srv := transport.NewWSServer(&transport.WSServerOptions{
		OnConnect: func(c *transport.ServerConn) { conns <- c },
		Logger:    slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	url, closeSrv := sendqServer(t, srv)
	frames, resume, _ := pausedPeer(t, url)
	sc := <-conns

	const n, mid = 5000, 3000 // 5000 frames of ~240 bytes: about 1.2 MB
	for i := range n {
		if i == mid {
			if err := sc.Send(ctxT(t, 5*time.Second), []byte(`{"echo":"response"}`)); err != nil {
				t.Fatalf("Send during the burst: %v", err)
			}
			if !sc.TrySend([]byte(`{"echo":"try"}`)) {
				t.Fatal("TrySend during the burst refused")
			}
		}
		if got := srv.Broadcast(eventFrame(i)); got != 1 {
			t.Fatalf("frame %d reached %d peers", i, got)
		}
	}
	if sc.SendOverflowed() == 0 || sc.SendBacklog() == 0 {
		t.Fatalf("the burst did not reach the backlog (overflowed %d, backlog %d bytes)", sc.SendOverflowed(), sc.SendBacklog())
	}
	resume()
	for i := range n {
		if i == mid {
			for _, want := range []string{`{"echo":"response"}`, `{"echo":"try"}`} {
				if f := nextFrame(t, frames); string(f) != want {
					t.Fatalf("frame %d: got %.40s, want %s", i, f, want)
				}
			}
		}
		if f, want := nextFrame(t, frames), eventFrame(i); !bytes.Equal(f, want) {
			t.Fatalf("frame %d: got %.40s, want %.40s", i, f, want)
		}
	}
	waitFor(t, func() bool { return sc.SendBacklog() == 0 })
	if sc.Err() != nil || srv.SlowDrops() != 0 || len(srv.Conns()) != 1 {
		t.Fatalf("peer dropped: err %v, slow drops %d", sc.Err(), srv.SlowDrops())
	}
	if logs.count("over half its budget") != 0 || logs.count("dropping") != 0 {
		t.Errorf("unexpected warnings:\n%s", logs.b.String())
	}
	closeSrv()
}

// TestWSServerSendBacklogBudget: a paused peer whose backlog would pass
// SendBacklog is dropped as slow: counted, logged and reported once, its
// error wrapping ErrSlowPeer and ErrClosed; until then frames beyond
// SendQueue were accepted.
func TestWSServerSendBacklogBudget(t *testing.T) {
	var logs logBuffer
	var slowMu sync.Mutex
	slowCalls := 0
	disc := make(chan error, 1)
	const queue, budget = 16, 64 << 10
	srv := transport.NewWSServer(&transport.WSServerOptions{
		SendQueue: queue, SendBacklog: budget,
		OnSlow: func(*transport.ServerConn) {
			slowMu.Lock()
			slowCalls++
			slowMu.Unlock()
		},
		OnDisconnect: func(_ *transport.ServerConn, err error) { disc <- err },
		Logger:       slog.New(slog.NewTextHandler(&logs, nil)),
	})
	url, _ := sendqServer(t, srv)
	_, _, _ = pausedPeer(t, url)
	waitFor(t, func() bool { return len(srv.Conns()) == 1 })

	accepted := 0
	for i := 0; ; i++ {
		if i == 10000 {
			t.Fatal("peer never dropped")
		}
		if srv.Broadcast(eventFrame(i)) == 0 {
			break
		}
		accepted++
	}
	// The backlog alone holds well over 200 such frames.
	if accepted < queue+200 {
		t.Errorf("only %d frames accepted before the drop", accepted)
	}
	for i := range 10 {
		srv.Broadcast(eventFrame(i)) // the dropped peer is not counted again
	}
	select {
	case err := <-disc:
		if !errors.Is(err, transport.ErrSlowPeer) || !errors.Is(err, transport.ErrClosed) {
			t.Errorf("cause %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("dropped peer not disconnected")
	}
	slowMu.Lock()
	calls := slowCalls
	slowMu.Unlock()
	if srv.SlowDrops() != 1 || calls != 1 {
		t.Errorf("SlowDrops %d, OnSlow %d; want 1, 1", srv.SlowDrops(), calls)
	}
	if got := logs.count("dropping slow websocket peer"); got != 1 {
		t.Errorf("drop logged %d times:\n%s", got, logs.b.String())
	}
	// Once per episode: the writer may have caught up once while the
	// kernel buffers were still filling.
	if got := logs.count("over half its budget"); got == 0 {
		t.Error("no half-budget warning")
	}
}

// TestWSServerSendWaitsForBacklogRoom: Send never drops a frame nor the
// peer: past the budget it waits (failing only when its context ends, the
// frame then not sent), and a frame bigger than the whole budget goes once
// the backlog is empty.
func TestWSServerSendWaitsForBacklogRoom(t *testing.T) {
	conns := make(chan *transport.ServerConn, 1)
	const budget = 16 << 10
	srv := transport.NewWSServer(&transport.WSServerOptions{
		SendQueue: 4, SendBacklog: budget,
		OnConnect: func(c *transport.ServerConn) { conns <- c },
	})
	url, _ := sendqServer(t, srv)
	frames, resume, _ := pausedPeer(t, url)
	sc := <-conns

	sent := 0
	for {
		if sent == 20000 {
			t.Fatal("Send never waited")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		err := sc.Send(ctx, eventFrame(sent))
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			t.Logf("Send waited after %d frames", sent)
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		sent++
	}
	if sc.Err() != nil || srv.SlowDrops() != 0 {
		t.Fatalf("waiting sender dropped the peer: %v", sc.Err())
	}
	// Two more wait for room: one ordinary frame, then one bigger than the
	// budget.
	big := []byte(`{"big":"` + strings.Repeat("y", 2*budget) + `"}`)
	done := make(chan error, 1)
	go func() {
		ctx := ctxT(t, 20*time.Second)
		if err := sc.Send(ctx, eventFrame(sent)); err != nil {
			done <- err
			return
		}
		done <- sc.Send(ctx, big)
	}()
	select {
	case err := <-done:
		t.Fatalf("Send did not wait: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	resume()
	for i := range sent + 1 {
		if f, want := nextFrame(t, frames), eventFrame(i); !bytes.Equal(f, want) {
			t.Fatalf("frame %d: got %.40s, want %.40s", i, f, want)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if f := nextFrame(t, frames); !bytes.Equal(f, big) {
		t.Fatalf("got %.40s, want the big frame", f)
	}
	if sc.Err() != nil || srv.SlowDrops() != 0 {
		t.Fatalf("peer dropped: %v", sc.Err())
	}
}
