package transport

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// frameOverhead is what one waiting frame costs beyond its buffer (the
// slot in the backlog), counted against the backlog budget so that a
// flood of tiny frames is bounded too.
const frameOverhead = 32

// qframe is one queued frame; a pooled buffer goes back to framePool once
// written (outgoing request frames built by the correlator).
type qframe struct {
	b      []byte
	pooled *[]byte
}

func (f qframe) cost() int64 { return int64(cap(f.b)) + frameOverhead }

// frameQueue is the ordered queue between the producers of frames and the
// one goroutine consuming them, used both ways on a WebSocket connection:
// incoming frames waiting for Run ([eventQueue]) and outgoing frames
// waiting for the writer (wsConn.out).
//
// Frames go into a buffered channel of the nominal length: the fast path,
// no lock, no allocation. When it is full the queue turns slow: frames
// join an overflow list (the backlog) under a lock, bounded by a byte
// budget; a frame that would exceed the budget is refused (putSlow) or
// waits for room (putWait). The consumer first empties the channel (older
// frames), then takes the backlog over in whole batches (one lock per
// batch), and the queue returns to the fast path once channel, batch and
// backlog are all empty. While the queue is slow nothing enters the
// channel, so the frames of each producer keep their order. Producers may
// be concurrent (frames queued concurrently have no order between them);
// pop is called by one goroutine at a time.
type frameQueue struct {
	ch chan qframe
	// slow is set (under mu) when the channel is full and frames go to the
	// backlog, or are refused; cleared (under mu) by the consumer once
	// everything is taken. Read without the lock on the fast paths.
	slow atomic.Bool
	// wake is signalled when the queue turns slow, so that a consumer
	// waiting on the channel looks at the backlog.
	wake chan struct{}
	// bytes is the cost of the frames in over and cur[ci:]: producers add
	// under mu, the consumer subtracts as it takes frames.
	bytes  atomic.Int64
	budget int64 // < 0: no backlog
	// waiters counts producers in putWait waiting for backlog room.
	waiters atomic.Int32

	mu   sync.Mutex
	over []qframe // the backlog, oldest first
	// room is closed by the consumer when it frees backlog bytes while
	// producers wait; made by the first waiter.
	room    chan struct{}
	refused uint64 // frames refused since the queue turned slow
	warned  bool   // the backlog passed half its budget since the queue turned slow

	// cur[ci:] is the batch of backlog frames the consumer is taking;
	// consumer-owned.
	cur []qframe
	ci  int

	overflowed atomic.Uint64

	// caughtUp, when set, is called by the consumer when the queue returns
	// to the fast path after refusing n frames.
	caughtUp func(n uint64)
}

// putResult tells a producer what became of a frame that took the slow
// path.
type putResult struct {
	ok    bool  // queued
	first bool  // refused, the first refusal since the queue turned slow
	half  bool  // queued, and the backlog just passed half its budget for the first time since the queue turned slow
	held  int64 // backlog bytes after the attempt
	room  chan struct{}
}

// init makes the channel of nominal length size (> 0) and sets the
// backlog budget (< 0: no backlog).
func (q *frameQueue) init(size int, budget int64) {
	q.ch = make(chan qframe, size)
	q.wake = make(chan struct{}, 1)
	q.budget = budget
}

// fast queues f if the queue is on the fast path and the channel has
// room; it never blocks.
func (q *frameQueue) fast(f qframe) bool {
	if !q.slow.Load() {
		select {
		case q.ch <- f:
			return true
		default:
		}
	}
	return false
}

// putSlow queues a frame that found the channel full or the queue slow:
// into the backlog, or refused when the backlog budget would be exceeded.
// With wait set, a frame refused registers its producer as a waiter: the
// result's room is closed once the consumer has freed backlog bytes (the
// producer then decrements waiters and tries again), and an empty backlog
// takes the frame whatever its size (so that a frame bigger than the
// budget does not wait forever).
func (q *frameQueue) putSlow(f qframe, wait bool) putResult {
	q.mu.Lock()
	wasSlow := q.slow.Load()
	if !wasSlow {
		// The consumer may have made room since the fast path looked.
		select {
		case q.ch <- f:
			q.mu.Unlock()
			return putResult{ok: true}
		default:
		}
		q.slow.Store(true)
	}
	cost := f.cost()
	held := q.bytes.Load() // the consumer only lowers it meanwhile
	if q.budget < 0 || (held+cost > q.budget && !(wait && held == 0)) {
		r := putResult{held: held}
		if wait {
			q.waiters.Add(1)
			if q.room == nil {
				q.room = make(chan struct{})
			}
			r.room = q.room
		} else {
			q.refused++
			r.first = q.refused == 1
		}
		q.mu.Unlock()
		q.signal(wasSlow)
		return r
	}
	q.over = append(q.over, f)
	held = q.bytes.Add(cost)
	r := putResult{ok: true, held: held}
	if !q.warned && held > q.budget/2 {
		q.warned, r.half = true, true
	}
	q.mu.Unlock()
	q.overflowed.Add(1)
	q.signal(wasSlow)
	return r
}

// errQueueStopped is putWait's error when stop is closed.
var errQueueStopped = errors.New("transport: queue stopped")

// putWait queues f, waiting while the backlog has no room for it, until
// ctx ends (ctx.Err()) or stop is closed (errQueueStopped). Without a
// backlog it waits for room in the channel.
func (q *frameQueue) putWait(ctx context.Context, stop <-chan struct{}, f qframe) error {
	if q.fast(f) {
		return nil
	}
	if q.budget < 0 {
		// Only the channel: nothing waits beyond it, so nothing can be
		// overtaken.
		select {
		case q.ch <- f:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		case <-stop:
			return errQueueStopped
		}
	}
	for {
		r := q.putSlow(f, true)
		if r.ok {
			return nil
		}
		select {
		case <-r.room:
			q.waiters.Add(-1)
		case <-ctx.Done():
			q.waiters.Add(-1)
			return ctx.Err()
		case <-stop:
			q.waiters.Add(-1)
			return errQueueStopped
		}
	}
}

// signal wakes the consumer when the queue just turned slow.
func (q *frameQueue) signal(wasSlow bool) {
	if !wasSlow {
		select {
		case q.wake <- struct{}{}:
		default:
		}
	}
}

// freed wakes the producers waiting for backlog room, if any.
func (q *frameQueue) freed() {
	if q.waiters.Load() == 0 {
		return
	}
	q.mu.Lock()
	if q.room != nil {
		close(q.room)
		q.room = nil
	}
	q.mu.Unlock()
}

// pop returns the next frame without waiting; false when none waits (the
// queue is then back on the fast path, unless a producer turned it slow
// again meanwhile).
func (q *frameQueue) pop() (qframe, bool) {
	for {
		if q.ci < len(q.cur) {
			f := q.cur[q.ci]
			q.cur[q.ci] = qframe{}
			q.ci++
			q.bytes.Add(-f.cost())
			q.freed()
			return f, true
		}
		select {
		case f := <-q.ch:
			return f, true
		default:
		}
		if !q.slow.Load() {
			return qframe{}, false
		}
		// The channel is empty and stays so while the queue is slow: take
		// the backlog over.
		q.mu.Lock()
		if len(q.over) > 0 {
			q.cur, q.over, q.ci = q.over, q.cur[:0], 0
			q.mu.Unlock()
			continue
		}
		// Everything is taken: back to the fast path. Buffers grown by a
		// big burst are released.
		if cap(q.over) > 4*cap(q.ch) {
			q.over = nil
		}
		if cap(q.cur) > 4*cap(q.ch) {
			q.cur = nil
		}
		q.cur, q.ci = q.cur[:0], 0
		refused := q.refused
		q.refused, q.warned = 0, false
		q.slow.Store(false)
		q.mu.Unlock()
		if refused > 0 && q.caughtUp != nil {
			q.caughtUp(refused)
		}
		return qframe{}, false
	}
}

// waiting reports whether frames wait (in the channel or the backlog).
func (q *frameQueue) waiting() bool { return len(q.ch) > 0 || q.slow.Load() }
