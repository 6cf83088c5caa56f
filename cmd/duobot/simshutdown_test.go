package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// slowReceiver is a webhook receiver over loopback that answers each POST
// after delay (or never, when hold is not nil and stays open) and records
// the bodies it answered.
type slowReceiver struct {
	mu     sync.Mutex
	bodies []string
	url    string
}

func newSlowReceiver(t *testing.T, delay time.Duration, hold <-chan struct{}) *slowReceiver {
	r := &slowReceiver{}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return
		}
		if hold != nil {
			select {
			case <-hold:
			case <-req.Context().Done():
				return
			}
		}
		select {
		case <-time.After(delay):
		case <-req.Context().Done():
			return
		}
		r.mu.Lock()
		r.bodies = append(r.bodies, string(b))
		r.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(hs.Close)
	r.url = hs.URL
	return r
}

// got returns the bodies answered so far that contain s.
func (r *slowReceiver) got(s string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, b := range r.bodies {
		if strings.Contains(b, s) {
			out = append(out, b)
		}
	}
	return out
}

// The scripted "say ... quit" from stdin posts the message to slow webhooks
// of both protocols before the command exits.
func TestSimQuitDeliversWebhooks(t *testing.T) {
	cleanEnv(t)
	hook := newSlowReceiver(t, 300*time.Millisecond, nil)
	stdin := "say 30001 20001 hello webhook\nsay 30001 20002 second one\nquit\n"
	code, out, errOut := runCmd(t, testCtx(t), stdin, "sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0",
		"--milky-webhook", hook.url+"/milky", "--onebot11-webhook", hook.url+"/ob11")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "Alice(20001): hello webhook") {
		t.Errorf("output lacks the message:\n%s", out)
	}
	if n := len(hook.got(`"event_type":"message_receive"`)); n != 2 {
		t.Errorf("milky webhook: %d messages delivered before exit, want 2", n)
	}
	if n := len(hook.got(`"post_type":"message"`)); n != 2 {
		t.Errorf("onebot11 webhook: %d messages delivered before exit, want 2", n)
	}
	for _, want := range []string{"hello webhook", "second one"} {
		if got := hook.got(want); len(got) != 2 {
			t.Errorf("%q reached the webhooks %d times before exit, want 2 (Milky and OneBot 11): %v", want, len(got), got)
		}
	}
}

// Ctrl-C (the context ending) also lets the webhooks receive what was
// emitted before.
func TestSimInterruptDeliversWebhooks(t *testing.T) {
	cleanEnv(t)
	hook := newSlowReceiver(t, 300*time.Millisecond, nil)
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0", "--milky-webhook", hook.url},
			strings.NewReader("say 30001 20001 before ctrl-c\n"), &out, &errb)
	}()
	waitFor(t, testCtx(t), "the message line", func() bool { return strings.Contains(out.String(), "before ctrl-c") })
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	if got := hook.got("before ctrl-c"); len(got) != 1 {
		t.Errorf("webhook got %d copies of the message before exit, want 1", len(got))
	}
}

// A webhook that does not answer delays the exit by --shutdown-grace at
// most; the command then reports the cut and exits 1.
func TestSimShutdownGrace(t *testing.T) {
	cleanEnv(t)
	hold := make(chan struct{}) // never opened
	hook := newSlowReceiver(t, 0, hold)
	start := time.Now()
	code, _, errOut := runCmd(t, testCtx(t), "say 30001 20001 stuck\nquit\n", "sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0",
		"--milky-webhook", hook.url, "--shutdown-grace", "300ms")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("exit after %v", d)
	}
	if code != exitFailed || !strings.Contains(errOut, "sim: shutdown: context deadline exceeded") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
