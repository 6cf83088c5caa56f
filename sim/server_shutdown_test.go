package sim_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// noLeaksAfter checks, once everything the test registered is cleaned up,
// that no goroutine started since is left. Call it first.
func noLeaksAfter(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// hookRecorder is a webhook receiver over loopback that records the bodies
// containing mark, taking delay per POST, and holds every POST while hold
// is open (nil: never holds).
type hookRecorder struct {
	mu     sync.Mutex
	bodies []string
	srv    *httptest.Server
}

func newHookRecorder(t *testing.T, delay time.Duration, hold <-chan struct{}, mark string) *hookRecorder {
	h := &hookRecorder{}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		if hold != nil {
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			}
		}
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		if strings.Contains(string(b), mark) {
			h.mu.Lock()
			h.bodies = append(h.bodies, string(b))
			h.mu.Unlock()
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hookRecorder) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.bodies)
}

// Shutdown right after world operations still posts every resulting event
// to slow webhooks of both protocols, in order, before it returns.
func TestInstanceShutdownDeliversWebhooks(t *testing.T) {
	noLeaksAfter(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	ob := newHookRecorder(t, 15*time.Millisecond, nil, `"post_type":"message"`)
	mk := newHookRecorder(t, 15*time.Millisecond, nil, `"event_type":"message_receive"`)
	inst, err := sim.Start(ctx, &sim.StartOptions{
		SeedDemo: true,
		OneBot11: &onebot11.ServerOptions{WebhookURLs: []string{ob.srv.URL}},
		Milky:    &milky.ServerOptions{WebhookURLs: []string{mk.srv.URL}},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	const n = 15
	for i := range n {
		text := "shutdown " + string(rune('a'+i))
		if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: text}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := inst.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for name, h := range map[string]*hookRecorder{"onebot11": ob, "milky": mk} {
		h.mu.Lock()
		if len(h.bodies) != n {
			t.Errorf("%s webhook got %d messages, want %d", name, len(h.bodies), n)
		}
		for i, b := range h.bodies {
			if want := "shutdown " + string(rune('a'+i)); !strings.Contains(b, want) {
				t.Errorf("%s webhook message %d lacks %q: %s", name, i, want, b)
			}
		}
		h.mu.Unlock()
	}
	if err := inst.OneBot11Server().Publish(ctx, &onebot11.HeartbeatMetaEvent{}); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("OneBot 11 Publish after Shutdown: %v", err)
	}
	if _, err := http.Get(inst.OneBot11URL() + "/get_login_info"); err == nil {
		t.Error("the OneBot 11 listener still accepts connections after Shutdown")
	}
	if err := inst.Close(); err != nil {
		t.Errorf("Close after Shutdown: %v", err)
	}
}

// With a context that has already ended, Shutdown stops everything at once
// and returns the context's error; nothing is left running.
func TestInstanceShutdownExpired(t *testing.T) {
	noLeaksAfter(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	hold := make(chan struct{}) // never opened
	hook := newHookRecorder(t, 0, hold, "")
	inst, err := sim.Start(ctx, &sim.StartOptions{SeedDemo: true, Milky: &milky.ServerOptions{WebhookURLs: []string{hook.srv.URL}}})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	for range 3 {
		if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "held"}}); err != nil {
			t.Fatal(err)
		}
	}
	expired, stop := context.WithCancel(ctx)
	stop()
	start := time.Now()
	if err := inst.Shutdown(expired); !errors.Is(err, context.Canceled) {
		t.Errorf("Shutdown: %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Shutdown took %v", d)
	}
	if hook.count() != 0 {
		t.Errorf("held webhook recorded %d bodies", hook.count())
	}
}

// Close during Shutdown makes it give up waiting for a webhook that does
// not answer.
func TestInstanceCloseDuringShutdown(t *testing.T) {
	noLeaksAfter(t)
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	hook := newHookRecorder(t, 0, make(chan struct{}), "")
	inst, err := sim.Start(ctx, &sim.StartOptions{SeedDemo: true, OneBot11: &onebot11.ServerOptions{WebhookURLs: []string{hook.srv.URL}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "held"}}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- inst.Shutdown(ctx) }()
	// Shutdown has begun once the server takes no more events.
	for !errors.Is(inst.OneBot11Server().Publish(ctx, &onebot11.HeartbeatMetaEvent{}), transport.ErrClosed) {
		if ctx.Err() != nil {
			t.Fatal("Shutdown did not begin")
		}
		time.Sleep(2 * time.Millisecond)
	}
	inst.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Error("Shutdown interrupted by Close returned nil")
		}
	case <-ctx.Done():
		t.Fatal("Shutdown did not return after Close")
	}
}
