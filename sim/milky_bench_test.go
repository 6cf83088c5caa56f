package sim

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/milky"
)

// BenchmarkMilkySendGroupMessage measures the Milky front-end's cost over
// the world: "world" is the baseline (World.SendGroup with ready content),
// "mux" a send_group_message call through the ServeMux (params decoding,
// segment conversion, result encoding), "event" the conversion and
// encoding of the resulting message_receive event.
func BenchmarkMilkySendGroupMessage(b *testing.B) {
	w := New(WithSeed(1))
	if err := w.SeedDemo(); err != nil {
		b.Fatal(err)
	}
	be := NewMilkyBackend(w, nil)
	mux := be.NewMilkyServeMux()
	content := []Element{Mention{UserID: DemoCarol}, Text{Text: " hello "}, Face{ID: "14"}, Image{URI: "https://example.invalid/a.png"}}
	params, err := json.Marshal(&milky.SendGroupMessageParams{
		GroupID: DemoGroupDev,
		Message: milky.OutgoingSegments{milky.Mention(DemoCarol), milky.Text(" hello "), milky.Face("14"), milky.Image("https://example.invalid/a.png")},
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()

	b.Run("world", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := w.SendGroup(DemoGroupDev, content); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("mux", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := mux.ServeAPI(ctx, milky.APISendGroupMessage, params); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("event", func(b *testing.B) {
		m, err := w.SendGroup(DemoGroupDev, content)
		if err != nil {
			b.Fatal(err)
		}
		g, _ := w.Group(DemoGroupDev)
		mem, _ := w.Member(DemoGroupDev, w.SelfID())
		ev := &MessageEvent{Message: m, Self: true, Group: &g, Member: &mem}
		b.ReportAllocs()
		for b.Loop() {
			mev, ok := be.Event(ev)
			if !ok {
				b.Fatal("no event")
			}
			if _, err := json.Marshal(mev); err != nil {
				b.Fatal(err)
			}
		}
	})
}
