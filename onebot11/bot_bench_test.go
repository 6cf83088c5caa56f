package onebot11_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// BenchmarkBotRun measures event delivery over a loopback forward
// WebSocket through Bot.Run and a Mux route (parse, self-id learning,
// bounded goroutine per event, type and command match). The baseline reads
// the same frames with the bare transport client and calls ParseEvent and
// the handler inline.
func BenchmarkBotRun(b *testing.B) {
	m := newImpl(b, testSelf, "")
	frame := groupMsg(testSelf, testGroup, testUser, 1, textJSON("/echo hello world"))
	// push sends n frames, keeping at most 128 ahead of the handler so the
	// server's send queue never overflows.
	push := func(b *testing.B, handled *atomic.Int64) {
		for i := range b.N {
			for int64(i)-handled.Load() >= 128 {
				time.Sleep(10 * time.Microsecond)
			}
			m.wsUni.Broadcast(frame)
		}
		for handled.Load() < int64(b.N) {
			time.Sleep(10 * time.Microsecond)
		}
	}
	waitConns := func(n int) {
		for len(m.wsUni.Conns()) != n {
			time.Sleep(time.Millisecond)
		}
	}

	b.Run("bot", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		bot, err := onebot11.DialWS(ctx, m.wsURL("/"), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer bot.Close()
		var handled atomic.Int64
		mux := onebot11.NewMux()
		onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
			handled.Add(1)
			return nil
		}, onebot11.Command("/echo"))
		done := make(chan struct{})
		go func() { defer close(done); bot.Run(ctx, mux) }()
		waitConns(1)
		b.ReportAllocs()
		b.ResetTimer()
		push(b, &handled)
		b.StopTimer()
		cancel()
		<-done
		bot.Close()
		waitConns(0)
	})
	b.Run("baseline", func(b *testing.B) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ws, err := transport.NewWSClient(m.wsURL("/"), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer ws.Close()
		var handled atomic.Int64
		h := func(ev *onebot11.GroupMessageEvent) {
			if onebot11.MessageText(ev) != "" {
				handled.Add(1)
			}
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			ws.Run(ctx, func(frame []byte) {
				if ev, err := onebot11.ParseEvent(frame); err == nil {
					if g, ok := ev.(*onebot11.GroupMessageEvent); ok {
						h(g)
					}
				}
			})
		}()
		if err := ws.WaitConnected(ctx); err != nil {
			b.Fatal(err)
		}
		waitConns(1)
		b.ReportAllocs()
		b.ResetTimer()
		push(b, &handled)
		b.StopTimer()
		cancel()
		<-done
		ws.Close()
		waitConns(0)
	})
}
