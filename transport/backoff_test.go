package transport_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/duobot/duobot/transport"
)

func TestBackoffDelay(t *testing.T) {
	b := transport.Backoff{Initial: 100 * time.Millisecond, Max: time.Second, Multiplier: 2}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for i, w := range want {
		if got := b.Delay(i); got != w*time.Millisecond {
			t.Errorf("Delay(%d) = %v, want %v", i, got, w*time.Millisecond)
		}
	}
	if got := b.Delay(10000); got != time.Second {
		t.Errorf("Delay(huge) = %v, want cap", got)
	}
	if got := b.Delay(-3); got != 100*time.Millisecond {
		t.Errorf("Delay(-3) = %v", got)
	}
	j := transport.Backoff{Initial: time.Second, Max: time.Second, Jitter: 0.5}
	seen := map[time.Duration]bool{}
	for range 50 {
		d := j.Delay(3)
		if d < 500*time.Millisecond || d > time.Second {
			t.Fatalf("jittered delay %v out of [0.5s, 1s]", d)
		}
		seen[d] = true
	}
	if len(seen) < 2 {
		t.Errorf("jitter produced no variation")
	}
	if d := (transport.Backoff{}).Delay(0); d > transport.DefaultBackoff.Initial || d < transport.DefaultBackoff.Initial*8/10 {
		t.Errorf("zero Backoff first delay %v, want about the default", d)
	}
}

func TestBackoffWaitCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	start := time.Now()
	err := transport.Backoff{Initial: time.Hour, Max: time.Hour}.Wait(ctx, 0)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait = %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("Wait did not return promptly")
	}
	if err := (transport.Backoff{Initial: time.Millisecond, Max: time.Millisecond}).Wait(context.Background(), 0); err != nil {
		t.Fatalf("Wait = %v", err)
	}
}
