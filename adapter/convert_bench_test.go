package adapter

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// BenchmarkMilkyEventToOneBot converts a group message (five segments,
// entities) to OneBot 11 and encodes it, against a baseline that only
// decodes and re-encodes the Milky frame.
func BenchmarkMilkyEventToOneBot(b *testing.B) {
	frame, err := os.ReadFile(golden.Path("milky", "events", "message_receive_group.json"))
	if err != nil {
		b.Fatal(err)
	}
	c := newTestConverter(b)
	b.Run("baseline_milky_parse_encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ev, err := milky.ParseEvent(frame)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse_convert_encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ev, err := milky.ParseEvent(frame)
			if err != nil {
				b.Fatal(err)
			}
			obs, _, err := c.MilkyEventToOneBot(b.Context(), ev)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(obs[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkOneBotToMilkySegments converts a CQ-string message to Milky
// outgoing segments and encodes them, against a baseline that parses and
// re-encodes the OneBot message.
func BenchmarkOneBotToMilkySegments(b *testing.B) {
	const cq = "hello [CQ:at,qq=1234567890] see [CQ:image,file=https://example.com/a.png] and [CQ:face,id=14] &#91;ok&#93;"
	c := newTestConverter(b)
	b.Run("baseline_onebot_parse_encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(onebot11.ParseCQ(cq)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse_convert_encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			segs, _, err := c.OneBotToMilkySegments(b.Context(), onebot11.ParseCQ(cq))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(segs); err != nil {
				b.Fatal(err)
			}
		}
	})
}
