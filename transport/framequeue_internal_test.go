package transport

import (
	"context"
	"encoding/binary"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// TestFrameQueueProducersKeepOrder races producers against a consumer that
// stalls now and then, with a tiny channel and backlog: half the producers
// wait for room (putWait), the others retry a refused frame later (as a
// TrySend caller cannot, but it keeps every frame for the check). Each
// producer's frames arrive once, in order; nothing is left accounted.
func TestFrameQueueProducersKeepOrder(t *testing.T) {
	const producers, n = 4, 5000
	for _, size := range []int{1, 3} {
		var q frameQueue
		q.init(size, 8*(8+frameOverhead))
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for p := range producers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range n {
					f := qframe{b: binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(make([]byte, 0, 8), uint32(p)), uint32(i))}
					if p%2 == 0 {
						if err := q.putWait(context.Background(), stop, f); err != nil {
							t.Error(err)
							return
						}
						continue
					}
					for !q.fast(f) && !q.putSlow(f, false).ok {
						time.Sleep(10 * time.Microsecond)
					}
				}
			}()
		}
		next := make([]uint32, producers)
		deadline := time.Now().Add(20 * time.Second)
		for got := 0; got < producers*n; {
			if time.Now().After(deadline) {
				t.Fatalf("queue %d: %d of %d frames in time", size, got, producers*n)
			}
			f, ok := q.pop()
			if !ok {
				select {
				case f = <-q.ch:
				case <-q.wake:
					continue
				case <-time.After(time.Millisecond):
					continue
				}
			}
			p, i := binary.BigEndian.Uint32(f.b), binary.BigEndian.Uint32(f.b[4:])
			if i != next[p] {
				t.Fatalf("queue %d: producer %d's frame %d arrived as number %d", size, p, i, next[p])
			}
			next[p]++
			got++
			if rand.IntN(200) == 0 {
				time.Sleep(100 * time.Microsecond)
			}
		}
		close(stop)
		wg.Wait()
		if _, ok := q.pop(); ok || q.bytes.Load() != 0 || q.slow.Load() || q.waiters.Load() != 0 || q.overflowed.Load() == 0 {
			t.Errorf("queue %d: left backlog %d, slow %v, waiters %d, overflowed %d",
				size, q.bytes.Load(), q.slow.Load(), q.waiters.Load(), q.overflowed.Load())
		}
	}
}

// TestFrameQueuePutWaitEnds: a waiting producer returns when its context
// ends or the queue is stopped, and is no longer counted as waiting.
func TestFrameQueuePutWaitEnds(t *testing.T) {
	for _, budget := range []int64{-1, 2 * (8 + frameOverhead)} {
		var q frameQueue
		q.init(1, budget)
		f := qframe{b: make([]byte, 8)}
		for !q.fast(f) && !q.putSlow(f, false).ok {
		}
		for q.putSlow(f, false).ok {
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		if err := q.putWait(ctx, nil, f); err != context.DeadlineExceeded {
			t.Errorf("budget %d: putWait after its context ended: %v", budget, err)
		}
		cancel()
		stop := make(chan struct{})
		time.AfterFunc(20*time.Millisecond, func() { close(stop) })
		if err := q.putWait(context.Background(), stop, f); err != errQueueStopped {
			t.Errorf("budget %d: putWait after stop: %v", budget, err)
		}
		if q.waiters.Load() != 0 {
			t.Errorf("budget %d: %d waiters left", budget, q.waiters.Load())
		}
	}
}

// testServerConn is a live server connection without a socket (its
// reader and writer are not started): for queue tests.
func testServerConn(queue int) *ServerConn {
	s := NewWSServer(&WSServerOptions{SendQueue: queue})
	sc := &ServerConn{srv: s}
	sc.c = newWSConn(nil, &s.set, nil, nil, nil)
	sc.live.Store(true)
	return sc
}

// TestWSConnSendFastPathAllocs: queueing an outgoing frame while the send
// queue has room, waiting (Send) or not (offer, as Broadcast does), and the
// writer taking it, allocate nothing.
func TestWSConnSendFastPathAllocs(t *testing.T) {
	sc := testServerConn(16)
	c := sc.c
	f := qframe{b: []byte(`{"post_type":"meta_event"}`)}
	ctx := context.Background()
	allocs := testing.AllocsPerRun(1000, func() {
		if err := c.send(ctx, f); err != nil {
			t.Fatal(err)
		}
		if !sc.offer(f.b) {
			t.Fatal("refused")
		}
		for range 2 {
			select {
			case <-c.out.ch:
			default:
				t.Fatal("frame lost")
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per send+tryPut pair", allocs)
	}
}

// BenchmarkSendQueueFastPath: an outgoing frame queued and taken while the
// send queue has room, against a bare buffered channel (the send queue
// before it had a backlog) as the in-run baseline.
func BenchmarkSendQueueFastPath(b *testing.B) {
	f := qframe{b: []byte(`{"post_type":"meta_event"}`)}
	b.Run("bare-channel", func(b *testing.B) {
		ch := make(chan qframe, DefaultSendQueue)
		done := make(chan struct{})
		b.ReportAllocs()
		for range b.N {
			select {
			case <-done:
			default:
			}
			select {
			case ch <- f:
			default:
				b.Fatal("full")
			}
			<-ch
		}
	})
	b.Run("ServerConn.offer", func(b *testing.B) {
		sc := testServerConn(0)
		b.ReportAllocs()
		for range b.N {
			if !sc.offer(f.b) {
				b.Fatal("refused")
			}
			<-sc.c.out.ch
		}
	})
}
