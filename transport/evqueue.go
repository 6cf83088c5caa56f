package transport

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
)

// DefaultEventBacklog is the default byte budget of the frames that may
// wait beyond a WebSocket event queue's nominal length (see
// [WSOptions.EventBacklog]).
const DefaultEventBacklog = 64 << 20

// frameOverhead is what one waiting frame costs beyond its buffer (the
// slice header in the backlog), counted against the backlog budget so
// that a flood of tiny frames is bounded too.
const frameOverhead = 24

// eventQueue carries the frames a WebSocket reader pushes to the one
// goroutine delivering them (Run), in order, without ever blocking the
// reader: a reader that waited for a slow consumer would also hold back
// the responses to calls made from that consumer, a deadlock.
//
// Frames go into a buffered channel of the nominal length: the fast path,
// no lock, no allocation. When it is full the queue turns slow: frames
// join an overflow list (the backlog) under a lock, bounded by a byte
// budget; only a frame that would exceed the budget is dropped, counted
// and reported. The consumer first empties the channel (older frames),
// then takes the backlog over in whole batches (one lock per batch), and
// the queue returns to the fast path once channel, batch and backlog are
// all empty. While the queue is slow nothing enters the channel, so the
// order is kept.
//
// push is called by one goroutine at a time (the connection's reader; a
// client's successive connections never overlap); run and pop by one
// goroutine at a time (Run).
type eventQueue struct {
	ch chan []byte
	// slow is set (under mu) when the channel is full and frames go to the
	// backlog, or are dropped; cleared (under mu) by the consumer once
	// everything is delivered. Read without the lock on the fast paths.
	slow atomic.Bool
	// wake is signalled when the queue turns slow, so that a consumer
	// waiting on the channel looks at the backlog.
	wake chan struct{}
	// bytes is the cost of the frames in over and cur[ci:]: the producer
	// adds under mu, the consumer subtracts as it delivers.
	bytes  atomic.Int64
	budget int64 // < 0: no backlog

	mu       sync.Mutex
	over     [][]byte // the backlog, oldest first
	dropping uint64   // frames dropped since the queue turned slow
	warned   bool     // the backlog passed half its budget since the queue turned slow

	// cur[ci:] is the batch of backlog frames the consumer is delivering;
	// consumer-owned.
	cur [][]byte
	ci  int

	overflowed, dropped atomic.Uint64

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
	return &eventQueue{
		ch:     make(chan []byte, size),
		wake:   make(chan struct{}, 1),
		budget: budget,
		onDrop: onDrop,
		logger: logger,
		attrs:  attrs,
	}
}

func frameCost(f []byte) int64 { return int64(cap(f)) + frameOverhead }

// push queues frame; it never blocks.
func (q *eventQueue) push(frame []byte) {
	if !q.slow.Load() {
		select {
		case q.ch <- frame:
			return
		default:
		}
	}
	q.pushSlow(frame)
}

// pushSlow queues a frame that found the channel full or the queue slow:
// into the backlog, or dropped when the backlog budget would be exceeded.
func (q *eventQueue) pushSlow(frame []byte) {
	q.mu.Lock()
	wasSlow := q.slow.Load()
	if !wasSlow {
		// The consumer may have made room since the fast path looked.
		select {
		case q.ch <- frame:
			q.mu.Unlock()
			return
		default:
		}
		q.slow.Store(true)
	}
	cost := frameCost(frame)
	held := q.bytes.Load() // the consumer only lowers it meanwhile
	if q.budget < 0 || held+cost > q.budget {
		q.dropping++
		first := q.dropping == 1
		q.mu.Unlock()
		q.dropped.Add(1)
		q.signal(wasSlow)
		if first && q.logger != nil {
			q.logger.Error("transport: event queue and backlog full, dropping frames until the consumer catches up",
				append([]any{"queue", cap(q.ch), "backlog_bytes", held, "budget_bytes", q.budget, "frame_bytes", len(frame)}, q.attrs...)...)
		}
		if q.onDrop != nil {
			q.onDrop(frame)
		}
		return
	}
	q.over = append(q.over, frame)
	held = q.bytes.Add(cost)
	half := !q.warned && held > q.budget/2
	if half {
		q.warned = true
	}
	q.mu.Unlock()
	q.overflowed.Add(1)
	q.signal(wasSlow)
	if half && q.logger != nil {
		q.logger.Warn("transport: event backlog over half its budget: the consumer is falling behind",
			append([]any{"queue", cap(q.ch), "backlog_bytes", held, "budget_bytes", q.budget}, q.attrs...)...)
	}
}

// signal wakes the consumer when the queue just turned slow.
func (q *eventQueue) signal(wasSlow bool) {
	if !wasSlow {
		select {
		case q.wake <- struct{}{}:
		default:
		}
	}
}

// pop returns the next frame without waiting; false when none waits (the
// queue is then back on the fast path, unless the producer turned it slow
// again meanwhile).
func (q *eventQueue) pop() ([]byte, bool) {
	for {
		if q.ci < len(q.cur) {
			f := q.cur[q.ci]
			q.cur[q.ci] = nil
			q.ci++
			q.bytes.Add(-frameCost(f))
			return f, true
		}
		select {
		case f := <-q.ch:
			return f, true
		default:
		}
		if !q.slow.Load() {
			return nil, false
		}
		// The channel is empty and stays so while the queue is slow: take
		// the backlog over.
		q.mu.Lock()
		if len(q.over) > 0 {
			q.cur, q.over, q.ci = q.over, q.cur[:0], 0
			q.mu.Unlock()
			continue
		}
		// Everything is delivered: back to the fast path. Buffers grown by
		// a big burst are released.
		if cap(q.over) > 4*cap(q.ch) {
			q.over = nil
		}
		if cap(q.cur) > 4*cap(q.ch) {
			q.cur = nil
		}
		q.cur, q.ci = q.cur[:0], 0
		recovered := q.dropping
		q.dropping, q.warned = 0, false
		q.slow.Store(false)
		q.mu.Unlock()
		if recovered > 0 && q.logger != nil {
			q.logger.Warn("transport: event queue caught up after dropping frames",
				append([]any{"dropped", recovered}, q.attrs...)...)
		}
		return nil, false
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
			deliver(f)
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
			deliver(f)
		case <-q.wake:
		}
	}
}
