package adapter

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// pumpFrame is a Milky group message event like the end-to-end benchmark's.
func pumpFrame(n int) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":10086001,"event_type":"message_receive","data":{"message_scene":"group","peer_id":30001,"message_seq":%d,"sender_id":20001,"time":1700000000,"segments":[{"type":"text","data":{"text":"seq:%d"}}],"group":{"group_id":30001,"group_name":"bench","member_count":3,"max_member_count":200,"remark":"","created_time":0,"description":"","question":"","announcement":""},"group_member":{"user_id":20001,"nickname":"Alice","sex":"female","group_id":30001,"card":"","title":"","level":1,"role":"member","join_time":0,"last_sent_time":0}}}`, n, n)
}

// BenchmarkBridgePump measures the forward bridge's own work per upstream
// event (parse the Milky frame, convert, encode and publish to a OneBot 11
// server without subscribers), against a baseline that parses the frame and
// re-encodes it as Milky (the least a forwarding hop can do with a typed
// event).
func BenchmarkBridgePump(b *testing.B) {
	frames := make([][]byte, 4096)
	for i := range frames {
		frames[i] = pumpFrame(i)
	}
	b.Run("baseline_milky_parse_encode", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			ev, err := milky.ParseEvent(frames[i%len(frames)])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ev.(*milky.MessageReceiveEvent).MarshalJSON(); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("bridge", func(b *testing.B) {
		srv, err := onebot11.NewServer(onebot11.NewServeMux(), &onebot11.ServerOptions{SelfID: 10086001})
		if err != nil {
			b.Fatal(err)
		}
		defer srv.Close()
		br := &Bridge{conv: newTestConverter(b), ob11Srv: srv, log: slog.New(slog.DiscardHandler)}
		ctx := b.Context()
		b.ReportAllocs()
		var p milkyPump
		i := 0
		for b.Loop() {
			if ev := br.parseFrame(frames[i%len(frames)]); ev != nil {
				br.pumpEvent(ctx, &p, ev)
			}
			i++
		}
		if got := br.Stats(); got.Published != got.Received || got.Received == 0 {
			b.Fatalf("stats %+v", got)
		}
	})
}
