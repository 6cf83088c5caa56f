package adapter

import (
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// Round trips through both conversions of one bridge give back the same
// value wherever the mapping is lossless (both reports empty).

// TestRoundTripOneBotMessage: a OneBot message to send -> Milky outgoing
// segments -> OneBot message.
func TestRoundTripOneBotMessage(t *testing.T) {
	cases := map[string]string{
		"text":     `[{"type":"text","data":{"text":"hi [x] & y"}}]`,
		"at":       `[{"type":"at","data":{"qq":"1234567890"}},{"type":"at","data":{"qq":"all"}}]`,
		"face":     `[{"type":"face","data":{"id":"14"}},{"type":"face","data":{"id":"355","large":"true"}}]`,
		"image":    `[{"type":"image","data":{"file":"https://example.com/a.png"}}]`,
		"sticker":  `[{"type":"image","data":{"file":"base64://AAAA","subType":"1","summary":"[s]"}}]`,
		"record":   `[{"type":"record","data":{"file":"file:///tmp/a.silk"}}]`,
		"video":    `[{"type":"video","data":{"file":"https://example.com/v.mp4","cover":"https://example.com/c.jpg"}}]`,
		"json":     `[{"type":"json","data":{"data":"{\"app\":\"x\"}"}}]`,
		"nodes":    `[{"type":"node","data":{"user_id":"10001","nickname":"A","content":[{"type":"text","data":{"text":"hi"}}]}},{"type":"node","data":{"user_id":"10002","nickname":"B","content":[{"type":"node","data":{"user_id":"10003","nickname":"C","time":"1700000000","content":[{"type":"face","data":{"id":"1"}}]}}]}}]`,
		"cq_mixed": `"hi [CQ:at,qq=10001][CQ:face,id=2] bye"`,
		"empty":    `[]`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			c := newTestConverter(t)
			var msg onebot11.Message
			if err := json.Unmarshal([]byte(in), &msg); err != nil {
				t.Fatal(err)
			}
			segs, rep, err := c.OneBotToMilkySegments(t.Context(), msg)
			if err != nil || !rep.Empty() {
				t.Fatalf("to Milky: %v, report %v", err, rep)
			}
			back, rep := c.MilkyOutgoingToOneBot(segs)
			if !rep.Empty() {
				t.Fatalf("back: report %v", rep)
			}
			golden.EqualJSON(t, mustJSON(t, msg), mustJSON(t, back))
		})
	}
}

// TestRoundTripMilkyIncoming: a received Milky message -> OneBot message ->
// Milky incoming segments (forward ids passing through).
func TestRoundTripMilkyIncoming(t *testing.T) {
	cases := map[string]string{
		"text":        `[{"type":"text","data":{"text":"hi [x] & y"}}]`,
		"mention":     `[{"type":"mention","data":{"user_id":1234567890,"name":"Alice"}},{"type":"mention_all","data":{}}]`,
		"face":        `[{"type":"face","data":{"face_id":"14","is_large":false}},{"type":"face","data":{"face_id":"355","is_large":true}}]`,
		"market_face": `[{"type":"market_face","data":{"emoji_package_id":230727,"emoji_id":"c9","key":"k","summary":"[doge]","url":"https://x/y.gif"}}]`,
		"light_app":   `[{"type":"light_app","data":{"app_name":"com.tencent.miniapp","json_payload":"{\"app\":\"com.tencent.miniapp\"}"}}]`,
		"xml":         `[{"type":"xml","data":{"service_id":0,"xml_payload":"<msg/>"}}]`,
		"markdown":    `[{"type":"markdown","data":{"content":"# t"}}]`,
		"file":        `[{"type":"file","data":{"file_id":"/f-1","file_name":"a.pdf","file_size":99}}]`,
		"forward":     `[{"type":"forward","data":{"forward_id":"res-1","title":"","preview":[],"summary":""}}]`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			st, _ := NewMemoryStore()
			defer st.Close()
			c, _ := NewConverter(st, WithForwardIDPassthrough())
			var segs milky.IncomingSegments
			if err := json.Unmarshal([]byte(in), &segs); err != nil {
				t.Fatal(err)
			}
			msg, rep, err := c.MilkyToOneBotSegments(t.Context(), SceneGroup, 987654321, segs)
			if err != nil || !rep.Empty() {
				t.Fatalf("to OneBot: %v, report %v", err, rep)
			}
			back, rep := c.OneBotMessageToMilky(msg)
			if !rep.Empty() {
				t.Fatalf("back: report %v", rep)
			}
			golden.EqualJSON(t, []byte(in), mustJSON(t, back))
		})
	}
}

// TestRoundTripReplyIDs: reply references survive each bridge's round trip.
func TestRoundTripReplyIDs(t *testing.T) {
	ctx := t.Context()
	c := newTestConverter(t)
	// Forward bridge: a received Milky reply -> OneBot id -> sent back.
	for _, seq := range []int64{0, 1, 4200, 1 << 40} {
		in := milky.IncomingSegments{&milky.IncomingReplySegment{MessageSeq: seq, SenderID: 10001, Segments: milky.IncomingSegments{}}}
		msg, _, err := c.MilkyToOneBotSegments(ctx, SceneFriend, 10001, in)
		if err != nil {
			t.Fatal(err)
		}
		out, rep, err := c.OneBotToMilkySegments(ctx, msg)
		if err != nil || !rep.Empty() {
			t.Fatalf("seq %d: %v %v", seq, err, rep)
		}
		if got := out[0].(*milky.OutgoingReplySegment).MessageSeq; got != seq {
			t.Errorf("seq %d came back as %d", seq, got)
		}
	}
	// Reverse bridge: a OneBot reply id -> Milky seq -> sent back.
	for _, id := range []int64{0, 1, -1, 2147483647, -2147483648, 12345} {
		segs, _ := c.OneBotMessageToMilky(onebot11.Message{onebot11.Reply(id)})
		seq := segs[0].(*milky.IncomingReplySegment).MessageSeq
		msg, rep := c.MilkyOutgoingToOneBot(milky.OutgoingSegments{milky.Reply(seq)})
		if !rep.Empty() {
			t.Fatalf("id %d: %v", id, rep)
		}
		if got, _ := msg[0].(*onebot11.ReplySegment).MessageID(); got != id {
			t.Errorf("id %d came back as %d", id, got)
		}
	}
}

// TestRoundTripEvents: Milky -> OneBot -> Milky and OneBot -> Milky ->
// OneBot for the events whose mapping is lossless.
func TestRoundTripEvents(t *testing.T) {
	milkyFrames := []string{
		`{"time":1,"self_id":3141592653,"event_type":"group_mute","data":{"group_id":987654321,"user_id":1234567890,"operator_id":1111111111,"duration":600}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_mute","data":{"group_id":987654321,"user_id":1234567890,"operator_id":1111111111,"duration":0}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_name_change","data":{"group_id":987654321,"new_group_name":"n","operator_id":1111111111}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_member_decrease","data":{"group_id":987654321,"user_id":1234567890,"operator_id":1111111111}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_member_decrease","data":{"group_id":987654321,"user_id":3141592653,"operator_id":1111111111}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_member_decrease","data":{"group_id":987654321,"user_id":1234567890}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_member_increase","data":{"group_id":987654321,"user_id":1234567890,"operator_id":1111111111}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_member_increase","data":{"group_id":987654321,"user_id":1234567890,"invitor_id":1111111111}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_file_upload","data":{"group_id":987654321,"user_id":1234567890,"file_id":"f","file_name":"a","file_size":3}}`,
		`{"time":1,"self_id":3141592653,"event_type":"group_nudge","data":{"group_id":987654321,"sender_id":1234567890,"receiver_id":3141592653,"display_action":"","display_suffix":"","display_action_img_url":""}}`,
		`{"time":1,"self_id":3141592653,"event_type":"friend_nudge","data":{"user_id":1234567890,"is_self_send":false,"is_self_receive":true,"display_action":"","display_suffix":"","display_action_img_url":""}}`,
		`{"time":1,"self_id":3141592653,"event_type":"friend_nudge","data":{"user_id":1234567890,"is_self_send":true,"is_self_receive":false,"display_action":"","display_suffix":"","display_action_img_url":""}}`,
	}
	for _, f := range milkyFrames {
		c := newTestConverter(t)
		ev, err := milky.ParseEvent([]byte(f))
		if err != nil {
			t.Fatal(err)
		}
		obs, rep, err := c.MilkyEventToOneBot(t.Context(), ev)
		if err != nil || !rep.Empty() || len(obs) != 1 {
			t.Fatalf("%s: %v %v %d", f, err, rep, len(obs))
		}
		back, rep, err := c.OneBotEventToMilky(t.Context(), obs[0])
		if err != nil || !rep.Empty() || len(back) != 1 {
			t.Fatalf("%s back: %v %v %d", f, err, rep, len(back))
		}
		golden.EqualJSON(t, []byte(f), mustJSON(t, back[0]))
	}
	oneBotFrames := []string{
		`{"time":1,"self_id":3141592653,"post_type":"notice","notice_type":"group_ban","sub_type":"ban","group_id":987654321,"operator_id":1111111111,"user_id":1234567890,"duration":60}`,
		`{"time":1,"self_id":3141592653,"post_type":"notice","notice_type":"group_decrease","sub_type":"kick","group_id":987654321,"operator_id":1111111111,"user_id":1234567890}`,
		`{"time":1,"self_id":3141592653,"post_type":"notice","notice_type":"group_increase","sub_type":"approve","group_id":987654321,"operator_id":0,"user_id":1234567890}`,
		`{"time":1,"self_id":3141592653,"post_type":"notice","notice_type":"notify","sub_type":"poke","group_id":987654321,"user_id":1234567890,"target_id":1111111111}`,
		`{"time":1,"self_id":3141592653,"post_type":"notice","notice_type":"notify","sub_type":"group_name","group_id":987654321,"user_id":1234567890,"name_new":"n"}`,
	}
	for _, f := range oneBotFrames {
		c := newTestConverter(t)
		ev, err := onebot11.ParseEvent([]byte(f))
		if err != nil {
			t.Fatal(err)
		}
		ms, rep, err := c.OneBotEventToMilky(t.Context(), ev)
		if err != nil || !rep.Empty() || len(ms) != 1 {
			t.Fatalf("%s: %v %v %d", f, err, rep, len(ms))
		}
		back, rep, err := c.MilkyEventToOneBot(t.Context(), ms[0])
		if err != nil || !rep.Empty() || len(back) != 1 {
			t.Fatalf("%s back: %v %v %d", f, err, rep, len(back))
		}
		golden.EqualJSON(t, []byte(f), mustJSON(t, back[0]))
	}
}
