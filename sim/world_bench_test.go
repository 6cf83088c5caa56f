package sim

import (
	"fmt"
	"testing"
)

// BenchmarkSendGroup measures one group message through the world with 0
// subscribers (the baseline: state change only) and with 1 and 4 draining
// subscribers (the cost of fan-out).
func BenchmarkSendGroup(b *testing.B) {
	for _, subs := range []int{0, 1, 4} {
		b.Run(fmt.Sprintf("subscribers=%d", subs), func(b *testing.B) {
			w := New(WithSeed(1))
			defer w.Close()
			if err := w.SeedDemo(); err != nil {
				b.Fatal(err)
			}
			for range subs {
				ch, cancel := w.Subscribe(256)
				defer cancel()
				go func() {
					for range ch {
					}
				}()
			}
			content := txt("benchmark message")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := w.SendGroup(DemoGroupPlay, content); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
