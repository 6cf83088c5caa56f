package onebot11_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/duobot/duobot/onebot11"
)

// BenchmarkMuxDispatch routes a group message through a Mux of 20 command
// routes to the last one; the baseline is the same decision written by
// hand (a type switch and a loop over the command names).
func BenchmarkMuxDispatch(b *testing.B) {
	ev, err := onebot11.ParseEvent(groupMsg(testSelf, testGroup, testUser, 1, textJSON("/cmd19 some args")))
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, 20)
	for i := range names {
		names[i] = fmt.Sprintf("/cmd%d", i)
	}
	ctx := context.Background()
	var hits int
	b.Run("mux", func(b *testing.B) {
		m := onebot11.NewMux()
		for _, n := range names {
			onebot11.On(m, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
				hits += len(onebot11.MatchFrom(ctx).Args)
				return nil
			}, onebot11.Command(n))
		}
		b.ReportAllocs()
		for b.Loop() {
			m.HandleEvent(ctx, ev)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if g, ok := ev.(*onebot11.GroupMessageEvent); ok {
				text := strings.TrimSpace(g.Message.PlainText())
				word, rest, _ := strings.Cut(text, " ")
				for _, n := range names {
					if word == n {
						hits += len(strings.TrimSpace(rest))
						break
					}
				}
			}
		}
	})
	if hits == 0 {
		b.Fatal("no route was hit")
	}
}
