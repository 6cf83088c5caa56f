package onebot11_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// slowHook is a webhook receiver over loopback that records the message_id
// of every event posted to it, taking delay per POST, and holds each POST
// until gate is closed (when gate is not nil) or the request is cancelled.
type slowHook struct {
	t       *testing.T
	delay   time.Duration
	gate    chan struct{}
	reply   string
	mu      sync.Mutex
	ids     []int
	arrived chan struct{} // one value per POST arriving (buffered, never blocks)
	srv     *httptest.Server
}

func newSlowHook(t *testing.T, delay time.Duration, gate chan struct{}, reply string) *slowHook {
	h := &slowHook{t: t, delay: delay, gate: gate, reply: reply, arrived: make(chan struct{}, 1024)}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		select {
		case h.arrived <- struct{}{}:
		default:
		}
		if h.gate != nil {
			select {
			case <-h.gate:
			case <-r.Context().Done():
				return
			}
		}
		select {
		case <-time.After(h.delay):
		case <-r.Context().Done():
			return
		}
		h.mu.Lock()
		h.ids = append(h.ids, eventID(t, body))
		h.mu.Unlock()
		if h.reply == "" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, h.reply)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *slowHook) received() []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int(nil), h.ids...)
}

// Shutdown refuses new events and event connections at once, then waits
// until every webhook URL got every event published before, in order (with
// their quick operations), and only then closes the server.
func TestServerShutdownDrainsWebhooks(t *testing.T) {
	noLeaks(t)
	ctx := srvCtx(t)
	gate := make(chan struct{})
	slow := newSlowHook(t, 10*time.Millisecond, gate, `{"reply":"ok","auto_escape":true}`)
	slower := newSlowHook(t, 25*time.Millisecond, gate, "")
	var replies atomic.Int64
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(func(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
		replies.Add(1)
		return &onebot11.SendGroupMsgResult{MessageID: 1}, nil
	})
	var errsMu sync.Mutex
	var errs []error
	s, base, hc := srvSetup(t, mux, &onebot11.ServerOptions{
		SelfID: 10, WebhookURLs: []string{slow.srv.URL, slower.srv.URL},
		OnError: func(err error) { errsMu.Lock(); errs = append(errs, err); errsMu.Unlock() },
	})
	const n = 20
	for i := range n {
		if err := s.Publish(ctx, srvEvent(t, i)); err != nil {
			t.Fatal(err)
		}
	}
	// Both receivers hold their first POST: nothing is delivered yet.
	<-slow.arrived
	<-slower.arrived

	done := make(chan error, 1)
	go func() { done <- s.Shutdown(ctx) }()
	// Events published until Shutdown begins are delivered too.
	total := n
	waitFor(t, func() bool {
		err := s.Publish(ctx, srvEvent(t, total))
		if err == nil {
			total++
			return false
		}
		if !errors.Is(err, transport.ErrClosed) {
			t.Fatalf("Publish during Shutdown: %v, want transport.ErrClosed", err)
		}
		return true
	})
	if st, _ := srvRaw(t, hc, "GET", base+"/_events", "", ""); st != http.StatusServiceUnavailable {
		t.Errorf("SSE during Shutdown: status %d, want 503", st)
	}
	// An API call is still served while the webhooks drain.
	if _, err := srvHTTPClient(t, base, "", hc).SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 20, Message: onebot11.Message{}}); err != nil {
		t.Errorf("API call during Shutdown: %v", err)
	}
	select {
	case err := <-done:
		t.Fatalf("Shutdown returned (%v) before the webhooks were answered", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(gate)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Shutdown: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("Shutdown did not return")
	}
	for name, h := range map[string]*slowHook{"slow": slow, "slower": slower} {
		got := h.received()
		if len(got) != total {
			t.Errorf("%s webhook got %d events, want %d: %v", name, len(got), total, got)
			continue
		}
		for i, id := range got {
			if id != i {
				t.Errorf("%s webhook: event %d is #%d", name, i, id)
			}
		}
	}
	if got := replies.Load(); got != int64(total)+1 {
		t.Errorf("send_group_msg ran %d times, want %d (one per quick reply, one API call)", got, total+1)
	}
	if err := s.Publish(ctx, srvEvent(t, 100)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Shutdown: %v, want transport.ErrClosed", err)
	}
	if err := s.PublishRaw(ctx, srvEventJSON(101)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("PublishRaw after Shutdown: %v, want transport.ErrClosed", err)
	}
	if err := s.Shutdown(ctx); err != nil {
		t.Errorf("second Shutdown: %v", err)
	}
	if st := s.Stats(); st.Published != uint64(total) || st.QueueDrops != 0 {
		t.Errorf("stats %+v", st)
	}
	errsMu.Lock()
	defer errsMu.Unlock()
	if len(errs) != 0 {
		t.Errorf("errors: %v", errs)
	}
}

// With a context that has already ended, Shutdown closes at once, cutting
// off the POST in flight, returns the context's error and leaves no
// goroutine behind (noLeaks).
func TestServerShutdownExpiredContext(t *testing.T) {
	noLeaks(t)
	ctx := srvCtx(t)
	gate := make(chan struct{}) // never opened: the receiver holds every POST
	hook := newSlowHook(t, 0, gate, "")
	s, _, _ := srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{WebhookURLs: []string{hook.srv.URL}})
	for i := range 5 {
		if err := s.Publish(ctx, srvEvent(t, i)); err != nil {
			t.Fatal(err)
		}
	}
	<-hook.arrived
	expired, cancel := context.WithCancel(ctx)
	cancel()
	start := time.Now()
	if err := s.Shutdown(expired); !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown with an ended context: %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Shutdown took %v", d)
	}
	if err := s.Publish(ctx, srvEvent(t, 9)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Shutdown: %v, want transport.ErrClosed", err)
	}
	// The deliveries were cut off: a later Shutdown says so.
	if err := s.Shutdown(ctx); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Shutdown after an interrupted one: %v, want transport.ErrClosed", err)
	}
	if got := hook.received(); len(got) != 0 {
		t.Errorf("received %v", got)
	}
}

// A deadline bounds the drain, retries included: Shutdown returns
// context.DeadlineExceeded once it passes.
func TestServerShutdownDeadline(t *testing.T) {
	noLeaks(t)
	ctx := srvCtx(t)
	var posts atomic.Int64
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		http.Error(w, "try again", http.StatusServiceUnavailable)
	}))
	defer hook.Close()
	s, _, _ := srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{
		WebhookURLs: []string{hook.URL}, WebhookMaxAttempts: 1000,
	})
	if err := s.Publish(ctx, srvEvent(t, 1)); err != nil {
		t.Fatal(err)
	}
	// Retries wait transport.DefaultBackoff (500ms ±20%, doubling): a
	// second attempt comes within the deadline, the third after it.
	sctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	start := time.Now()
	if err := s.Shutdown(sctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown: %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond || d > 4*time.Second {
		t.Errorf("Shutdown took %v, want about the 1s deadline", d)
	}
	if posts.Load() < 2 {
		t.Errorf("%d attempts: the event was not retried during Shutdown", posts.Load())
	}
}

// Close during Shutdown ends the drain: Shutdown returns an error wrapping
// transport.ErrClosed.
func TestServerCloseDuringShutdown(t *testing.T) {
	noLeaks(t)
	ctx := srvCtx(t)
	hook := newSlowHook(t, 0, make(chan struct{}), "")
	s, _, _ := srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{WebhookURLs: []string{hook.srv.URL}})
	if err := s.Publish(ctx, srvEvent(t, 1)); err != nil {
		t.Fatal(err)
	}
	<-hook.arrived
	done := make(chan error, 1)
	go func() { done <- s.Shutdown(ctx) }()
	waitFor(t, func() bool { return errors.Is(s.Publish(ctx, srvEvent(t, 2)), transport.ErrClosed) })
	s.Close()
	select {
	case err := <-done:
		if !errors.Is(err, transport.ErrClosed) {
			t.Errorf("Shutdown interrupted by Close: %v, want transport.ErrClosed", err)
		}
	case <-ctx.Done():
		t.Fatal("Shutdown did not return after Close")
	}
}

// Without webhooks there is nothing to wait for.
func TestServerShutdownNoWebhooks(t *testing.T) {
	noLeaks(t)
	ctx := srvCtx(t)
	s, _, _ := srvSetup(t, onebot11.NewServeMux(), nil)
	if err := s.Publish(ctx, srvEvent(t, 1)); err != nil {
		t.Fatal(err)
	}
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, srvEvent(t, 2)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Shutdown: %v", err)
	}
}
