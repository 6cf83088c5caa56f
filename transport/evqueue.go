package transport

import (
	"context"
	"log/slog"
	"sync/atomic"
)

// DefaultEventBacklog is the default byte budget of the frames that may
// wait beyond a WebSocket event queue's nominal length (see
// [WSOptions.EventBacklog]).
const DefaultEventBacklog = 64 << 20

// eventQueue carries the frames a WebSocket reader pushes to the one
// goroutine delivering them (Run), in order, without ever blocking the
// reader: a reader that waited for a slow consumer would also hold back
// the responses to calls made from that consumer, a deadlock.
//
// It is a [frameQueue] whose frames beyond the backlog budget are dropped,
// counted and reported (onDrop, an error log once per run of drops, a
// warning when the backlog passes half its budget and when the queue has
// caught up after dropping).
//
// push is called by one goroutine at a time (the connection's reader; a
// client's successive connections never overlap); run and pop by one
// goroutine at a time (Run).
type eventQueue struct {
	frameQueue

	dropped atomic.Uint64

	onDrop func(frame []byte)
	logger *slog.Logger
	attrs  []any
}

// newEventQueue returns a queue of nominal length size (default
// DefaultEventQueue) with a backlog of budget bytes (0: the default;
// negative: none, frames beyond size are dropped).
func newEventQueue(size int, budget int64, onDrop func([]byte), logger *slog.Logger, attrs ...any) *eventQueue {
	if size <= 0 {
		size = DefaultEventQueue
	}
	if budget == 0 {
		budget = DefaultEventBacklog
	}
	q := &eventQueue{onDrop: onDrop, logger: logger, attrs: attrs}
	q.init(size, budget)
	if logger != nil {
		q.caughtUp = func(n uint64) {
			logger.Warn("transport: event queue caught up after dropping frames", append([]any{"dropped", n}, attrs...)...)
		}
	}
	return q
}

// push queues frame; it never blocks.
func (q *eventQueue) push(frame []byte) {
	if !q.fast(qframe{b: frame}) {
		q.pushSlow(frame)
	}
}

// pushSlow queues a frame that found the channel full or the queue slow:
// into the backlog, or dropped when the backlog budget would be exceeded.
func (q *eventQueue) pushSlow(frame []byte) {
	r := q.putSlow(qframe{b: frame}, false)
	if r.ok {
		if r.half && q.logger != nil {
			q.logger.Warn("transport: event backlog over half its budget: the consumer is falling behind",
				append([]any{"queue", cap(q.ch), "backlog_bytes", r.held, "budget_bytes", q.budget}, q.attrs...)...)
		}
		return
	}
	q.dropped.Add(1)
	if r.first && q.logger != nil {
		q.logger.Error("transport: event queue and backlog full, dropping frames until the consumer catches up",
			append([]any{"queue", cap(q.ch), "backlog_bytes", r.held, "budget_bytes", q.budget, "frame_bytes", len(frame)}, q.attrs...)...)
	}
	if q.onDrop != nil {
		q.onDrop(frame)
	}
}

// run delivers frames in order until ctx ends (ctx.Err()) or stop is
// closed (stopErr()). Frames not delivered stay for the next run.
func (q *eventQueue) run(ctx context.Context, stop <-chan struct{}, stopErr func() error, deliver func([]byte)) error {
	for {
		for q.slow.Load() {
			f, ok := q.pop()
			if !ok {
				break
			}
			deliver(f.b)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-stop:
				return stopErr()
			default:
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-stop:
			return stopErr()
		case f := <-q.ch:
			deliver(f.b)
		case <-q.wake:
		}
	}
}
