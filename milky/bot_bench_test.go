package milky

import (
	"context"
	"sync/atomic"
	"testing"
)

// frameSource delivers the same frame n times, then waits for ctx.
type frameSource struct {
	frame []byte
	n     int
}

func (s *frameSource) Run(ctx context.Context, deliver func([]byte)) error {
	for range s.n {
		deliver(s.frame)
	}
	<-ctx.Done()
	return ctx.Err()
}

// BenchmarkBotRun measures Bot.Run's per-event cost (parse, bounded
// goroutine per event, Mux dispatch) with an in-memory source; baseline
// parses and dispatches the same frames sequentially on one goroutine.
func BenchmarkBotRun(b *testing.B) {
	frame := btGroupMsg(30003, 20002, 7, btSegs(btText("/echo hello world")))
	var handled, target atomic.Int64
	var all chan struct{}
	m := NewMux()
	On(m, func(ctx context.Context, ev *MessageReceiveEvent) error {
		if handled.Add(1) == target.Load() {
			close(all)
		}
		return nil
	}, Command("/echo"))
	b.Run("bot", func(b *testing.B) {
		handled.Store(0)
		target.Store(int64(b.N))
		all = make(chan struct{})
		src := &frameSource{frame: frame, n: b.N}
		bot, err := Dial("http://127.0.0.1:1", &BotOptions{Source: src})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		b.ReportAllocs()
		b.ResetTimer()
		go func() { done <- bot.Run(ctx, m) }()
		<-all
		b.StopTimer()
		cancel()
		<-done
		bot.Close()
	})
	b.Run("baseline", func(b *testing.B) {
		handled.Store(0)
		target.Store(-1)
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			ev, err := ParseEvent(frame)
			if err != nil {
				b.Fatal(err)
			}
			if err := m.HandleEvent(ctx, ev); err != nil {
				b.Fatal(err)
			}
		}
		if handled.Load() != int64(b.N) {
			b.Fatalf("handled %d of %d", handled.Load(), b.N)
		}
	})
}
