package sim_test

import (
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

// BenchmarkOneBot11GroupMessage measures turning a world group message event
// into OneBot 11 wire JSON: the conversion alone, conversion plus the
// event's own (generated) MarshalJSON, and (baseline) conversion plus encoding/json's
// reflection on the same struct.
func BenchmarkOneBot11GroupMessage(b *testing.B) {
	w := sim.New(sim.WithSeed(1))
	defer w.Close()
	if err := w.SeedDemo(); err != nil {
		b.Fatal(err)
	}
	ob := sim.NewOneBot11(w, nil)
	ch, cancel := w.Subscribe(1)
	defer cancel()
	if _, err := w.UserSendGroup(sim.DemoGroupDev, sim.DemoCarol, []sim.Element{sim.Text{Text: "hello "},
		sim.Mention{UserID: sim.DemoBob}, sim.Face{ID: "14"}, sim.Image{URI: "https://example.com/a.png"}}); err != nil {
		b.Fatal(err)
	}
	ev := <-ch
	type plain onebot11.GroupMessageEvent // no MarshalJSON: encoding/json reflects
	b.Run("convert", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = ob.Events(ev)
		}
	})
	b.Run("convert+marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ob.Events(ev)[0].(json.Marshaler).MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("convert+encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p := plain(*ob.Events(ev)[0].(*onebot11.GroupMessageEvent))
			if _, err := json.Marshal(&p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
