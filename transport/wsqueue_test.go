package transport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// seqFrame is event number i; seqOf reads it back.
func seqFrame(i int) []byte { return fmt.Appendf(nil, `{"post_type":"meta_event","seq":%d}`, i) }

func seqOf(t *testing.T, frame []byte) int {
	t.Helper()
	var v struct {
		Seq *int `json:"seq"`
	}
	if err := json.Unmarshal(frame, &v); err != nil || v.Seq == nil {
		t.Fatalf("not an event frame: %s (%v)", frame, err)
	}
	return *v.Seq
}

// waitUntil polls cond until it holds or d passes.
func waitUntil(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWSClientStalledConsumerLosesNothing: the consumer stalls while the
// peer sends a burst of 50 times the nominal queue, then resumes and gets
// every frame, in order.
func TestWSClientStalledConsumerLosesNothing(t *testing.T) {
	const queue, n = 64, 3200
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		for i := range n {
			if ws.WriteMessage(websocket.TextMessage, seqFrame(i)) != nil {
				return
			}
		}
		ws.ReadMessage()
	})
	var drops atomic.Int32
	c := newClient(t, p.url, &transport.WSOptions{EventsOnly: true, EventQueue: queue, OnDrop: func([]byte) { drops.Add(1) }})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	next := 0
	err := c.Run(ctx, func(f []byte) {
		if next == 0 {
			// Stall until the whole burst has been read off the socket.
			waitUntil(t, 10*time.Second, "the burst to be read", func() bool { return c.Stats().Overflowed >= n-queue-1 })
		}
		if got := seqOf(t, f); got != next {
			t.Fatalf("frame %d arrived as number %d", got, next)
		}
		if next++; next == n {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v after %d frames", err, next)
	}
	st := c.Stats()
	if next != n || st.Dropped != 0 || drops.Load() != 0 || st.Overflowed < n-queue-1 || st.Backlog != 0 {
		t.Errorf("delivered %d of %d, stats %+v, OnDrop %d", next, n, st, drops.Load())
	}
}

// TestWSClientCallFromHandlerDuringBurst: handlers call back on the same
// connection while the peer keeps pushing events; the queue is full most
// of the time, yet every call completes and every event arrives in order.
func TestWSClientCallFromHandlerDuringBurst(t *testing.T) {
	const queue, n = 8, 2000
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		var wmu sync.Mutex
		write := func(b []byte) error {
			wmu.Lock()
			defer wmu.Unlock()
			return ws.WriteMessage(websocket.TextMessage, b)
		}
		go func() {
			for i := range n {
				if write(seqFrame(i)) != nil {
					return
				}
				if i%64 == 0 {
					time.Sleep(time.Millisecond) // keep the stream going during calls
				}
			}
		}()
		for {
			_, b, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req request
			if json.Unmarshal(b, &req) != nil {
				continue
			}
			// Answer a little late: more events pile up meanwhile.
			time.Sleep(2 * time.Millisecond)
			if write(reply(req)) != nil {
				return
			}
		}
	})
	c := newClient(t, p.url, &transport.WSOptions{EventQueue: queue})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	next, calls := 0, 0
	err := c.Run(ctx, func(f []byte) {
		if got := seqOf(t, f); got != next {
			t.Fatalf("frame %d arrived as number %d", got, next)
		}
		if next%50 == 0 {
			callCtx, stop := context.WithTimeout(ctx, 10*time.Second)
			resp, err := c.Call(callCtx, "from_handler", fmt.Appendf(nil, `{"at":%d}`, next))
			stop()
			if err != nil || !bytes.Contains(resp, fmt.Appendf(nil, `{"at":%d}`, next)) {
				t.Fatalf("call from handler at event %d: %s %v", next, resp, err)
			}
			calls++
		}
		if next++; next == n {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v after %d frames", err, next)
	}
	if st := c.Stats(); next != n || calls != n/50 || st.Dropped != 0 || st.Overflowed == 0 {
		t.Errorf("delivered %d of %d, %d calls, stats %+v (the queue should have overflowed)", next, n, calls, st)
	}
}

// TestWSClientBacklogBudget: past the byte budget frames are dropped,
// counted, reported and logged; the frames kept are in order, and once the
// consumer catches up frames are accepted again.
func TestWSClientBacklogBudget(t *testing.T) {
	const queue, n, size = 4, 200, 4 << 10
	pad := strings.Repeat("x", size)
	more := make(chan struct{})
	p := newPeer(t, func(_ int, ws *websocket.Conn) {
		send := func(from, to int) bool {
			for i := from; i < to; i++ {
				if ws.WriteMessage(websocket.TextMessage, fmt.Appendf(nil, `{"seq":%d,"pad":%q}`, i, pad)) != nil {
					return false
				}
			}
			return true
		}
		if !send(0, n) {
			return
		}
		<-more
		send(n, n+10)
		ws.ReadMessage()
	})
	var logs lockedBuffer
	var reported atomic.Int32
	c := newClient(t, p.url, &transport.WSOptions{
		EventsOnly: true, EventQueue: queue, EventBacklog: 64 << 10,
		OnDrop: func(f []byte) { reported.Add(1) },
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	waitUntil(t, 10*time.Second, "the burst to be read", func() bool {
		st := c.Stats()
		return st.Overflowed+st.Dropped >= n-queue
	})
	st := c.Stats()
	// 64 KiB holds fewer than 16 frames of 4 KiB; the rest is dropped.
	if st.Dropped < n-queue-16 || st.Overflowed == 0 || st.Overflowed > 16 || uint64(reported.Load()) != st.Dropped {
		t.Fatalf("stats %+v, OnDrop %d", st, reported.Load())
	}
	if st.Backlog <= 0 || st.Backlog > 64<<10 {
		t.Errorf("backlog %d bytes, budget %d", st.Backlog, 64<<10)
	}
	if !strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "dropping frames") {
		t.Errorf("no error logged for the drops:\n%s", logs.String())
	}
	kept := int(uint64(n) - st.Dropped)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var got []int
	c.Run(ctx, func(f []byte) {
		got = append(got, seqOf(t, f))
		if len(got) == kept {
			// Drained: once the queue has noticed (and logged it), the
			// peer sends more.
			go func() {
				for !strings.Contains(logs.String(), "caught up after dropping") && ctx.Err() == nil {
					time.Sleep(time.Millisecond)
				}
				close(more)
			}()
		}
		if len(got) == kept+10 {
			cancel()
		}
	})
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Fatalf("out of order: %v", got)
		}
	}
	if len(got) != kept+10 || got[0] != 0 || got[len(got)-1] != n+9 || c.Stats().Dropped != st.Dropped {
		t.Errorf("got %d frames %v, stats %+v", len(got), got, c.Stats())
	}
	if !strings.Contains(logs.String(), "caught up after dropping") || !strings.Contains(logs.String(), fmt.Sprintf("dropped=%d", st.Dropped)) {
		t.Errorf("recovery not logged with the drop count:\n%s", logs.String())
	}
}

// TestServerConnBacklogDrainedAfterClose: a reverse-WebSocket peer pushes
// far more than the nominal queue and hangs up while Run is stalled; Run
// then delivers every frame, in order, and reports the close.
func TestServerConnBacklogDrainedAfterClose(t *testing.T) {
	const queue, n = 16, 1000
	conns := make(chan *transport.ServerConn, 1)
	_, url := newWSServer(t, &transport.WSServerOptions{EventQueue: queue, OnConnect: func(c *transport.ServerConn) { conns <- c }})
	ws, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := <-conns
	for i := range n {
		if err := ws.WriteMessage(websocket.TextMessage, seqFrame(i)); err != nil {
			t.Fatal(err)
		}
	}
	ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
	ws.Close()
	<-sc.Done()
	next := 0
	err = sc.Run(ctxT(t, 10*time.Second), func(f []byte) {
		if got := seqOf(t, f); got != next {
			t.Fatalf("frame %d arrived as number %d", got, next)
		}
		next++
	})
	if !errors.Is(err, transport.ErrClosed) || next != n || sc.Dropped() != 0 || sc.Overflowed() < n-queue {
		t.Errorf("Run = %v, delivered %d of %d, dropped %d, overflowed %d", err, next, n, sc.Dropped(), sc.Overflowed())
	}
}
