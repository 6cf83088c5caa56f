package transport

import (
	"context"
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"time"
)

// TestEventQueueOrderUnderStalls races one producer against a consumer
// that stalls now and then, with a tiny nominal queue so that frames keep
// moving between the channel and the backlog: every frame arrives once,
// in order.
func TestEventQueueOrderUnderStalls(t *testing.T) {
	const n = 20000
	for _, size := range []int{1, 2, 7} {
		q := newEventQueue(size, 0, func([]byte) { t.Error("frame dropped") }, nil)
		go func() {
			for i := range n {
				f := binary.BigEndian.AppendUint32(make([]byte, 0, 4), uint32(i))
				q.push(f)
				if rand.IntN(500) == 0 {
					time.Sleep(50 * time.Microsecond)
				}
			}
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		next := uint32(0)
		q.run(ctx, nil, nil, func(f []byte) {
			if got := binary.BigEndian.Uint32(f); got != next {
				t.Fatalf("queue %d: frame %d arrived as number %d", size, got, next)
			}
			if next++; next == n {
				cancel()
			}
			if rand.IntN(300) == 0 {
				time.Sleep(200 * time.Microsecond)
			}
		})
		cancel()
		if next != n || q.dropped.Load() != 0 || q.overflowed.Load() == 0 || q.bytes.Load() != 0 {
			t.Errorf("queue %d: delivered %d of %d, dropped %d, overflowed %d, backlog %d",
				size, next, n, q.dropped.Load(), q.overflowed.Load(), q.bytes.Load())
		}
	}
}

// TestEventQueueFastPathAllocs: queueing and taking a frame while the
// nominal queue has room allocates nothing.
func TestEventQueueFastPathAllocs(t *testing.T) {
	q := newEventQueue(16, 0, nil, nil)
	f := []byte(`{"post_type":"meta_event"}`)
	allocs := testing.AllocsPerRun(1000, func() {
		q.push(f)
		q.push(f)
		if g, ok := q.pop(); !ok || len(g.b) != len(f) {
			t.Fatal("frame lost")
		}
		if _, ok := q.pop(); !ok {
			t.Fatal("frame lost")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per push+pop pair", allocs)
	}
}

// TestEventQueueBacklogReleased: a burst's backlog is given back once
// drained, and its bytes are accounted exactly.
func TestEventQueueBacklogReleased(t *testing.T) {
	q := newEventQueue(4, 10*(64+frameOverhead), nil, nil)
	for range 20 {
		q.push(make([]byte, 10, 64))
	}
	if got, want := q.bytes.Load(), int64(10*(64+frameOverhead)); got != want || q.dropped.Load() != 6 || q.overflowed.Load() != 10 {
		t.Fatalf("backlog %d bytes (want %d), dropped %d, overflowed %d", got, want, q.dropped.Load(), q.overflowed.Load())
	}
	n := 0
	for {
		if _, ok := q.pop(); !ok {
			break
		}
		n++
	}
	if n != 14 || q.bytes.Load() != 0 || q.slow.Load() || q.refused != 0 || len(q.over) != 0 || len(q.cur) != 0 {
		t.Errorf("popped %d, backlog %d, slow %v, refused %d, over %d, cur %d", n, q.bytes.Load(), q.slow.Load(), q.refused, len(q.over), len(q.cur))
	}
	// Back on the fast path.
	q.push([]byte("x"))
	if q.slow.Load() || len(q.ch) != 1 {
		t.Error("queue did not return to the fast path")
	}
}
