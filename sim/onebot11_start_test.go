package sim_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

// ob11Recorder is a OneBot11Publisher handing every event to a channel.
type ob11Recorder struct{ ch chan onebot11.Event }

func (r *ob11Recorder) Publish(ctx context.Context, ev onebot11.Event) error {
	select {
	case r.ch <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// An event emitted right after StartEvents returns is published, every
// time. (The same loop with `go ob.Run(ctx, pub)` in place of StartEvents
// misses the event in most rounds: Run subscribes only once its goroutine
// runs.)
func TestOneBot11StartEventsMissesNothing(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	w := sim.New(sim.WithSeed(5))
	defer w.Close()
	ob11Must(t, w.SeedDemo())
	ob := sim.NewOneBot11(w, nil)
	for i := range 300 {
		pub := &ob11Recorder{ch: make(chan onebot11.Event, 4)}
		stop := ob.StartEvents(t.Context(), pub)
		m, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: fmt.Sprint("round ", i)}})
		ob11Must(t, err)
		select {
		case ev := <-pub.ch:
			pm, ok := ev.(*onebot11.PrivateMessageEvent)
			if !ok || pm.MessageID != int64(m.ID) {
				t.Fatalf("round %d: published %#v, want the private message %d", i, ev, m.ID)
			}
		case <-time.After(ob11Wait):
			t.Fatalf("round %d: the event emitted right after StartEvents was not published", i)
		}
		if err := stop(); err != nil {
			t.Fatalf("round %d: stop: %v", i, err)
		}
	}
}

// StartEvents publishes heartbeats; stop is idempotent and returns nil; the
// goroutine ends with nil when the world closes and with ctx's error when
// ctx ends first.
func TestOneBot11StartEventsEnds(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	w := sim.New()
	ob := sim.NewOneBot11(w, &sim.OneBot11Options{HeartbeatInterval: time.Millisecond})

	pub := &ob11Recorder{ch: make(chan onebot11.Event, 1)}
	stop := ob.StartEvents(t.Context(), pub)
	select {
	case ev := <-pub.ch:
		hb, ok := ev.(*onebot11.HeartbeatMetaEvent)
		if !ok || hb.Interval != 1 || hb.SelfID != w.SelfID() {
			t.Fatalf("published %#v, want a heartbeat of 1ms", ev)
		}
	case <-time.After(ob11Wait):
		t.Fatal("no heartbeat was published")
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if err := stop(); err != nil {
		t.Fatalf("second stop: %v", err)
	}

	// A closed world ends the goroutine by itself; stop then returns nil.
	stop = ob.StartEvents(t.Context(), &ob11Recorder{ch: make(chan onebot11.Event, 1024)})
	w.Close()
	if err := stop(); err != nil {
		t.Fatalf("stop after the world closed: %v", err)
	}

	// ctx ending first is reported by stop.
	w2 := sim.New()
	defer w2.Close()
	ob2 := sim.NewOneBot11(w2, nil)
	ctx, cancel := context.WithCancel(t.Context())
	stop = ob2.StartEvents(ctx, &ob11Recorder{ch: make(chan onebot11.Event, 1)})
	cancel()
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Fatalf("stop after cancel: %v, want context.Canceled", err)
	}
	dctx, dcancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer dcancel()
	stop = ob2.StartEvents(dctx, &ob11Recorder{ch: make(chan onebot11.Event, 1)})
	<-dctx.Done()
	if err := stop(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("stop after the deadline: %v, want context.DeadlineExceeded", err)
	}
}
