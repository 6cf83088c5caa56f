package adapter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// errSourceEnded is the cause of a bridge whose caller-supplied Source
// returned without an error while the bridge was running.
var errSourceEnded = errors.New("adapter: upstream event source ended")

// isAuthError tells whether err says the upstream refused the credentials.
func isAuthError(err error) bool {
	return errors.Is(err, transport.ErrUnauthorized) || errors.Is(err, transport.ErrForbidden)
}

// authError returns err made to match transport.ErrUnauthorized or
// ErrForbidden when it is an authentication failure: an HTTP status
// (matching already) or a OneBot 11 retcode 1401 or 1403 (which match only
// onebot11's sentinels). It returns nil for any other error.
func authError(err error) error {
	switch {
	case isAuthError(err):
		return err
	case errors.Is(err, onebot11.ErrUnauthorized):
		return fmt.Errorf("%w: %w", transport.ErrUnauthorized, err)
	case errors.Is(err, onebot11.ErrForbidden):
		return fmt.Errorf("%w: %w", transport.ErrForbidden, err)
	}
	return nil
}

// finalStreamError tells whether an event stream error ends the stream for
// good (the transport returns it instead of reconnecting).
func finalStreamError(err error) bool {
	return isAuthError(err) || errors.Is(err, transport.ErrSSEStopped)
}

// fail records err as the reason the bridge stops on its own (the first
// one wins) and has the watcher started by StartBridge close it. A failure
// while StartBridge runs is picked up when the watcher starts (if
// StartBridge itself did not fail).
func (b *Bridge) fail(err error) {
	b.failOnce.Do(func() {
		b.failErr = err
		close(b.failed)
	})
}

// Err returns why the bridge stopped on its own: the upstream refused the
// credentials when an event stream reconnected (an error matching
// transport.ErrUnauthorized or ErrForbidden), or its event stream ended for
// good otherwise. It is nil while the bridge serves normally and when it
// was stopped by Close, Shutdown or its start context. Done is closed soon
// after Err becomes non-nil.
func (b *Bridge) Err() error {
	select {
	case <-b.failed:
		return b.failErr
	default:
		return nil
	}
}

// eventsEnded handles the return of an upstream event reader: unless the
// bridge is closing, the bridge fails with err.
func (b *Bridge) eventsEnded(runCtx context.Context, what string, err error) {
	if runCtx.Err() != nil {
		return
	}
	if err == nil {
		err = errSourceEnded
	}
	if isAuthError(err) {
		err = fmt.Errorf("adapter: %s refused the credentials: %w", what, err)
	} else {
		err = fmt.Errorf("adapter: %s ended for good: %w", what, err)
	}
	b.log.Error("bridge: upstream events ended; the bridge stops", "err", err)
	b.fail(err)
}

// getStatus serves get_status downstream like upstreamStatus: good only
// while the upstream event stream is up.
func (b *Bridge) getStatus(backend *OneBotOnMilky) func(context.Context, *onebot11.GetStatusParams) (*onebot11.GetStatusResult, error) {
	return func(ctx context.Context, p *onebot11.GetStatusParams) (*onebot11.GetStatusResult, error) {
		r, err := backend.GetStatus(ctx, p)
		if err != nil {
			return nil, err
		}
		r.Good = r.Good && b.link.up.Load()
		return r, nil
	}
}

// upstreamLink tracks the upstream event connection: whether it is up (for
// heartbeats and get_status) and the failed connect attempts since it was
// last up (for a log that a long outage does not flood).
type upstreamLink struct {
	up atomic.Bool

	mu        sync.Mutex
	failures  int       // failed attempts since the last connect
	downSince time.Time // when the stream went down (zero: never up)
	connects  int
}

// linkConnected records a successful connect of the upstream event stream
// and logs it, with the failed attempts and the outage it ends.
func (b *Bridge) linkConnected() {
	l := &b.link
	l.mu.Lock()
	failures, since := l.failures, l.downSince
	l.failures, l.downSince = 0, time.Time{}
	l.connects++
	first := l.connects == 1
	l.up.Store(true)
	l.mu.Unlock()
	switch {
	case first && failures == 0:
		b.log.Info("bridge: upstream events connected")
	case since.IsZero():
		b.log.Info("bridge: upstream events connected", "failed_attempts", failures)
	default:
		b.log.Info("bridge: upstream events connected", "failed_attempts", failures, "down_for", time.Since(since).Round(time.Millisecond))
	}
}

// linkDisconnected records that an established event stream ended with
// err; the transport reconnects.
func (b *Bridge) linkDisconnected(ctx context.Context, err error) {
	l := &b.link
	l.up.Store(false)
	if ctx.Err() != nil {
		// The bridge is shutting down: no reconnect follows.
		b.log.Debug("bridge: upstream events closed", "err", err)
		return
	}
	if finalStreamError(err) {
		return // eventsEnded reports it
	}
	l.mu.Lock()
	l.downSince = time.Now()
	l.mu.Unlock()
	b.log.Warn("bridge: upstream events disconnected; reconnecting", "err", err)
}

// linkAttemptFailed records a failed connect attempt of the event stream
// and logs it at the level retryLevel says.
func (b *Bridge) linkAttemptFailed(ctx context.Context, err error) {
	l := &b.link
	l.up.Store(false)
	if ctx.Err() != nil || finalStreamError(err) {
		return // shutting down, or eventsEnded reports it
	}
	l.mu.Lock()
	l.failures++
	n, since := l.failures, l.downSince
	l.mu.Unlock()
	level := retryLevel(n)
	attrs := []slog.Attr{slog.Int("attempt", n), slog.Any("err", err)}
	if !since.IsZero() {
		attrs = append(attrs, slog.Duration("down_for", time.Since(since).Round(time.Millisecond)))
	}
	b.log.LogAttrs(ctx, level, "bridge: upstream events reconnect failed; retrying", attrs...)
}

// retryLevel is the log level of failed attempt n (from 1) of something
// retried with backoff: warn for attempts 1, 2, 4, ..., 64, then every
// 64th, else debug. With the default backoff (30s at most between
// attempts) a long outage logs a warning about every half hour.
func retryLevel(n int) slog.Level {
	if n <= 64 && n&(n-1) == 0 || n%64 == 0 {
		return slog.LevelWarn
	}
	return slog.LevelDebug
}

// upstreamStatus returns the status a OneBot 11 heartbeat or get_status
// reports: good only while the upstream event stream is up and get_status
// (get_impl_info upstream) answers; online as the upstream says (false
// when it does not answer).
func (b *Bridge) upstreamStatus(ctx context.Context, backend *OneBotOnMilky) onebot11.HeartbeatStatus {
	s, err := backend.GetStatus(ctx, &onebot11.GetStatusParams{})
	if err != nil {
		return onebot11.HeartbeatStatus{}
	}
	return onebot11.HeartbeatStatus{Online: s.Online, Good: s.Good && b.link.up.Load()}
}

// sseDisconnected returns the OnDisconnect hook of an upstream SSE client,
// which the client calls both when an established stream ends and when a
// connect attempt fails: the link's state tells which.
func (b *Bridge) sseDisconnected(ctx context.Context) func(error) {
	return func(err error) {
		if b.link.up.Load() {
			b.linkDisconnected(ctx, err)
		} else {
			b.linkAttemptFailed(ctx, err)
		}
	}
}
