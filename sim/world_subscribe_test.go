package sim

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// drainN reads n events; safe to call from any goroutine.
func drainN(ch <-chan Event, n int) ([]Event, error) {
	out := make([]Event, 0, n)
	timeout := time.After(30 * time.Second)
	for len(out) < n {
		select {
		case ev, ok := <-ch:
			if !ok {
				return out, fmt.Errorf("channel closed after %d of %d events", len(out), n)
			}
			out = append(out, ev)
		case <-timeout:
			return out, fmt.Errorf("got %d of %d events", len(out), n)
		}
	}
	return out, nil
}

func TestSubscribersOrderedAndLossless(t *testing.T) {
	w, _, _ := demo(t)
	const writers, perWriter = 4, 2500
	const total = writers * perWriter
	type sub struct {
		ch     <-chan Event
		cancel func()
	}
	var subs []sub
	for _, buf := range []int{0, 1, 64} {
		ch, cancel := w.Subscribe(buf)
		subs = append(subs, sub{ch, cancel})
	}
	got := make([][]Event, len(subs))
	errs := make([]error, len(subs))
	var readers sync.WaitGroup
	for i, s := range subs {
		readers.Go(func() { got[i], errs[i] = drainN(s.ch, total) })
	}
	var wg sync.WaitGroup
	for wi := range writers {
		sender := []int64{DemoAlice, DemoBob, DemoCarol, DemoDave}[wi]
		wg.Go(func() {
			for i := range perWriter {
				_, err := w.UserSendGroup(DemoGroupDev, sender, txt(fmt.Sprint(i)))
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	readers.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	for _, s := range subs {
		s.cancel()
	}
	lastPerSender := map[int64]int64{}
	for i := range total {
		e := got[0][i].(*MessageEvent)
		require.Greater(t, e.Header().Seq, uint64(0))
		if i > 0 {
			require.Equal(t, got[0][i-1].Header().Seq+1, e.Header().Seq, "no gaps, in order")
			require.Equal(t, got[0][i-1].(*MessageEvent).Message.Seq+1, e.Message.Seq)
		}
		require.Greater(t, e.Message.Seq, lastPerSender[e.Message.SenderID])
		lastPerSender[e.Message.SenderID] = e.Message.Seq
		for s := 1; s < len(subs); s++ {
			require.Same(t, got[0][i], got[s][i], "every subscriber sees the same order")
		}
	}
	p, err := w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, Limit: 1})
	require.NoError(t, err)
	require.Equal(t, int64(total), p.Messages[0].Seq)
}

func TestSlowSubscriberDoesNotBlockWorld(t *testing.T) {
	w, _, _ := demo(t)
	slow, cancel := w.Subscribe(0)
	defer cancel()
	fast, cancelFast := w.Subscribe(0)
	defer cancelFast()
	const n = 10000
	type result struct {
		evs []Event
		err error
	}
	done := make(chan result, 1)
	go func() {
		evs, err := drainN(fast, n)
		done <- result{evs, err}
	}()
	sent := make(chan error, 1)
	start := time.Now()
	go func() {
		for i := range n {
			if _, err := w.SendGroup(DemoGroupPlay, txt(fmt.Sprint(i))); err != nil {
				sent <- err
				return
			}
		}
		sent <- nil
	}()
	select {
	case err := <-sent:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("the world blocked on a subscriber that does not read")
	}
	elapsed := time.Since(start)
	r := <-done
	require.NoError(t, r.err)
	fastGot := r.evs
	require.Len(t, fastGot, n, "the fast subscriber got everything while the slow one read nothing")
	// Only now does the slow subscriber read: nothing was lost.
	slowGot, err := drainN(slow, n)
	require.NoError(t, err)
	for i := range n {
		require.Same(t, fastGot[i], slowGot[i])
	}
	t.Logf("%d sends with a stalled subscriber took %s", n, elapsed)
}

func TestCancelStopsDelivery(t *testing.T) {
	clk := NewManualClock(epoch)
	w := New(WithClock(clk.Now), WithSeed(1))
	require.NoError(t, w.SeedDemo())
	ch, cancel := w.Subscribe(0)
	for range 100 {
		_, err := w.SendGroup(DemoGroupPlay, txt("queued"))
		require.NoError(t, err)
	}
	<-ch
	cancel()
	cancel() // idempotent
	for range ch {
		// whatever was already in the channel buffer (nothing: unbuffered) drains; then closed
	}
	_, err := w.SendGroup(DemoGroupPlay, txt("after cancel"))
	require.NoError(t, err)
	goleak.VerifyNone(t)

	ch2, cancel2 := w.Subscribe(4)
	w.Close()
	_, ok := <-ch2
	require.False(t, ok, "Close closes subscriptions")
	cancel2()
	ch3, cancel3 := w.Subscribe(4)
	_, ok = <-ch3
	require.False(t, ok, "subscribing after Close gives a closed channel")
	cancel3()
	_, err = w.SendGroup(DemoGroupPlay, txt("after close"))
	require.NoError(t, err, "the world still works")
	goleak.VerifyNone(t)
}

func TestConcurrentReadersAndWriters(t *testing.T) {
	w, _, _ := demo(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 200 {
				switch (i + j) % 6 {
				case 0:
					_, _ = w.UserSendGroup(DemoGroupDev, DemoBob, txt("x"))
				case 1:
					_, _ = w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, Limit: 5})
				case 2:
					_, _ = w.Members(DemoGroupDev)
				case 3:
					_ = w.Mute(DemoGroupDev, DemoDave, time.Duration(j%3)*time.Second)
				case 4:
					_ = w.UserReact(DemoGroupDev, DemoCarol, 1, "1", "", j%2 == 0)
				case 5:
					_, _ = w.UserUploadGroupFile(DemoGroupDev, DemoCarol, "", "f", []byte{byte(j)})
				}
			}
		})
	}
	wg.Wait()
	ms, err := w.Members(DemoGroupDev)
	require.NoError(t, err)
	require.Len(t, ms, 5)
}
