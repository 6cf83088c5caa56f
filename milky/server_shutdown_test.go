package milky

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/transport"
)

// gatedHook is a webhook receiver over loopback that records every body
// posted to it, taking delay per POST, after holding each POST until gate
// is closed (or the request is cancelled).
type gatedHook struct {
	delay   time.Duration
	gate    chan struct{}
	mu      sync.Mutex
	bodies  []string
	arrived chan struct{}
	hs      *httptest.Server
}

func newGatedHook(t *testing.T, delay time.Duration, gate chan struct{}) *gatedHook {
	h := &gatedHook{delay: delay, gate: gate, arrived: make(chan struct{}, 1024)}
	h.hs = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		select {
		case h.arrived <- struct{}{}:
		default:
		}
		select {
		case <-h.gate:
		case <-r.Context().Done():
			return
		}
		select {
		case <-time.After(h.delay):
		case <-r.Context().Done():
			return
		}
		h.mu.Lock()
		h.bodies = append(h.bodies, string(b))
		h.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(h.hs.Close)
	return h
}

func (h *gatedHook) received() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.bodies...)
}

func shutdownFrame(i int) []byte { return fmt.Appendf(nil, `{"event_type":"x","n":%d}`, i) }

// shutdownNoLeaks checks, after everything the test registered is cleaned
// up, that no goroutine started since is left. Call it first.
func shutdownNoLeaks(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// newShutdownServer serves a Server over loopback; cleanup closes both.
func newShutdownServer(t *testing.T, o *ServerOptions) (*Server, string) {
	t.Helper()
	srv, err := NewServer(nil, o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		srv.Close()
		hs.Close()
	})
	return srv, hs.URL
}

// Shutdown refuses new events and /event connections at once, then waits
// until every webhook URL got every event published before, in order, and
// only then closes the server.
func TestServerShutdownDrainsWebhooks(t *testing.T) {
	shutdownNoLeaks(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	gate := make(chan struct{})
	slow, slower := newGatedHook(t, 10*time.Millisecond, gate), newGatedHook(t, 25*time.Millisecond, gate)
	srv, base := newShutdownServer(t, &ServerOptions{WebhookURLs: []string{slow.hs.URL, slower.hs.URL}})
	total := 0
	for ; total < 20; total++ {
		if err := srv.PublishFrame(ctx, shutdownFrame(total)); err != nil {
			t.Fatal(err)
		}
	}
	<-slow.arrived
	<-slower.arrived

	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(ctx) }()
	// Events published until Shutdown begins are delivered too.
	waitUntil(t, "Publish to fail", func() bool {
		err := srv.PublishFrame(ctx, shutdownFrame(total))
		if err == nil {
			total++
			return false
		}
		if !errors.Is(err, ErrServerClosed) || !errors.Is(err, transport.ErrClosed) {
			t.Fatalf("Publish during Shutdown: %v, want ErrServerClosed wrapping transport.ErrClosed", err)
		}
		return true
	})
	resp, err := http.Get(base + "/event")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/event during Shutdown: %d, want 503", resp.StatusCode)
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
	for name, h := range map[string]*gatedHook{"slow": slow, "slower": slower} {
		got := h.received()
		if len(got) != total {
			t.Errorf("%s webhook got %d events, want %d", name, len(got), total)
			continue
		}
		for i, b := range got {
			if b != string(shutdownFrame(i)) {
				t.Errorf("%s webhook: event %d is %s", name, i, b)
			}
		}
	}
	if err := srv.PublishFrame(ctx, shutdownFrame(100)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Shutdown: %v, want transport.ErrClosed", err)
	}
	if err := srv.Shutdown(ctx); err != nil {
		t.Errorf("second Shutdown: %v", err)
	}
	st := srv.Stats()
	if st.WebhookDelivered != uint64(2*total) || st.WebhookFailed != 0 || st.WebhookDropped != 0 {
		t.Errorf("stats %+v", st)
	}
	select {
	case <-srv.Done():
	default:
		t.Error("Done not closed after Shutdown")
	}
}

// With a context that has already ended, Shutdown closes at once, cutting
// off the POST in flight, returns the context's error and leaves no
// goroutine behind; a later Shutdown reports the cut.
func TestServerShutdownExpiredContext(t *testing.T) {
	shutdownNoLeaks(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	hook := newGatedHook(t, 0, make(chan struct{}))
	srv, _ := newShutdownServer(t, &ServerOptions{WebhookURLs: []string{hook.hs.URL}})
	for i := range 5 {
		if err := srv.PublishFrame(ctx, shutdownFrame(i)); err != nil {
			t.Fatal(err)
		}
	}
	<-hook.arrived
	expired, stop := context.WithCancel(ctx)
	stop()
	start := time.Now()
	if err := srv.Shutdown(expired); !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown with an ended context: %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Shutdown took %v", d)
	}
	if err := srv.PublishFrame(ctx, shutdownFrame(9)); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Publish after Shutdown: %v, want transport.ErrClosed", err)
	}
	if err := srv.Shutdown(ctx); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("Shutdown after an interrupted one: %v, want transport.ErrClosed", err)
	}
	if got := hook.received(); len(got) != 0 {
		t.Errorf("received %v", got)
	}
}

// A deadline bounds the drain, retries included.
func TestServerShutdownDeadline(t *testing.T) {
	shutdownNoLeaks(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	var posts atomic.Int64
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		http.Error(w, "try again", http.StatusServiceUnavailable)
	}))
	defer hook.Close()
	srv, _ := newShutdownServer(t, &ServerOptions{WebhookURLs: []string{hook.URL}, WebhookAttempts: 1000})
	if err := srv.PublishFrame(ctx, shutdownFrame(1)); err != nil {
		t.Fatal(err)
	}
	// Retries wait transport.DefaultBackoff (500ms ±20%, doubling): a
	// second attempt comes within the deadline, the third after it.
	sctx, stop := context.WithTimeout(ctx, time.Second)
	defer stop()
	start := time.Now()
	if err := srv.Shutdown(sctx); !errors.Is(err, context.DeadlineExceeded) {
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
	shutdownNoLeaks(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	hook := newGatedHook(t, 0, make(chan struct{}))
	srv, _ := newShutdownServer(t, &ServerOptions{WebhookURLs: []string{hook.hs.URL}})
	if err := srv.PublishFrame(ctx, shutdownFrame(1)); err != nil {
		t.Fatal(err)
	}
	<-hook.arrived
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(ctx) }()
	waitUntil(t, "Publish to fail", func() bool {
		return errors.Is(srv.PublishFrame(ctx, shutdownFrame(2)), ErrServerClosed)
	})
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, transport.ErrClosed) {
			t.Errorf("Shutdown interrupted by Close: %v, want transport.ErrClosed", err)
		}
	case <-ctx.Done():
		t.Fatal("Shutdown did not return after Close")
	}
}
