package transport

import (
	"context"
	"math"
	"math/rand/v2"
	"time"
)

// Backoff computes reconnect and retry delays: exponential growth from
// Initial by Multiplier per attempt, capped at Max, with random jitter.
//
// The zero Backoff is [DefaultBackoff]. In a non-zero Backoff, a zero
// Initial, Max or Multiplier takes the default value while Jitter is used
// as given (0 means no jitter).
type Backoff struct {
	// Initial is the delay before the first retry (attempt 0).
	Initial time.Duration
	// Max caps every delay.
	Max time.Duration
	// Multiplier is the growth factor per attempt (values below 1 are
	// treated as 1: a constant delay).
	Multiplier float64
	// Jitter in [0, 1] is the fraction of each delay that is randomised:
	// the delay is drawn uniformly from [d*(1-Jitter), d].
	Jitter float64
}

// DefaultBackoff is used wherever a Backoff is left zero: 500ms doubling up
// to 30s, with 20% jitter.
var DefaultBackoff = Backoff{Initial: 500 * time.Millisecond, Max: 30 * time.Second, Multiplier: 2, Jitter: 0.2}

func (b Backoff) norm() Backoff {
	if b == (Backoff{}) {
		return DefaultBackoff
	}
	if b.Initial <= 0 {
		b.Initial = DefaultBackoff.Initial
	}
	if b.Max <= 0 {
		b.Max = DefaultBackoff.Max
	}
	if b.Max < b.Initial {
		b.Max = b.Initial
	}
	if b.Multiplier == 0 {
		b.Multiplier = DefaultBackoff.Multiplier
	} else if b.Multiplier < 1 {
		b.Multiplier = 1
	}
	b.Jitter = min(max(b.Jitter, 0), 1)
	return b
}

// Delay returns the delay before retry number attempt (0-based). Negative
// attempts count as 0. The result is never above Max nor below
// Initial*(1-Jitter).
func (b Backoff) Delay(attempt int) time.Duration {
	b = b.norm()
	attempt = max(attempt, 0)
	d := float64(b.Initial) * math.Pow(b.Multiplier, float64(attempt))
	if d > float64(b.Max) || math.IsInf(d, 0) || math.IsNaN(d) {
		d = float64(b.Max)
	}
	if b.Jitter > 0 {
		d -= d * b.Jitter * rand.Float64()
	}
	return time.Duration(d)
}

// Wait sleeps for Delay(attempt), returning ctx.Err() early if ctx ends.
func (b Backoff) Wait(ctx context.Context, attempt int) error {
	return sleep(ctx, b.Delay(attempt))
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
