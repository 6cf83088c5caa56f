package milky

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/internal/jsonx"
)

// Method-free mirrors of the message_receive types, so that encoding/json
// decodes them by reflection: the in-run baseline of BenchmarkParseEvent.
// Segments, a union, decode as encoding/json users must decode them: the
// {type, data} envelopes first, then each data into its mirror type.
type (
	plainSegment struct {
		Type string          `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	plainText struct {
		Text string `json:"text"`
	}
	plainMention struct {
		UserID int64  `json:"user_id"`
		Name   string `json:"name"`
	}
	plainFace struct {
		FaceID  string `json:"face_id"`
		IsLarge bool   `json:"is_large"`
	}
	plainImage struct {
		ResourceID string `json:"resource_id"`
		TempURL    string `json:"temp_url"`
		Width      int64  `json:"width"`
		Height     int64  `json:"height"`
		Summary    string `json:"summary"`
		SubType    string `json:"sub_type"`
	}
	plainReply struct {
		MessageSeq int64          `json:"message_seq"`
		SenderID   int64          `json:"sender_id"`
		SenderName *string        `json:"sender_name,omitempty"`
		Time       int64          `json:"time"`
		Raw        []plainSegment `json:"segments"`
		Segments   []any          `json:"-"`
	}
	plainCategory struct {
		CategoryID   int64  `json:"category_id"`
		CategoryName string `json:"category_name"`
	}
	plainGroup struct {
		GroupID        int64  `json:"group_id"`
		GroupName      string `json:"group_name"`
		MemberCount    int64  `json:"member_count"`
		MaxMemberCount int64  `json:"max_member_count"`
		Remark         string `json:"remark"`
		CreatedTime    int64  `json:"created_time"`
		Description    string `json:"description"`
		Question       string `json:"question"`
		Announcement   string `json:"announcement"`
	}
	plainMember struct {
		UserID        int64  `json:"user_id"`
		Nickname      string `json:"nickname"`
		Sex           string `json:"sex"`
		GroupID       int64  `json:"group_id"`
		Card          string `json:"card"`
		Title         string `json:"title"`
		Level         int64  `json:"level"`
		Role          string `json:"role"`
		JoinTime      int64  `json:"join_time"`
		LastSentTime  int64  `json:"last_sent_time"`
		ShutUpEndTime *int64 `json:"shut_up_end_time,omitempty"`
	}
	plainFriend struct {
		UserID   int64         `json:"user_id"`
		Nickname string        `json:"nickname"`
		Sex      string        `json:"sex"`
		QID      string        `json:"qid"`
		Remark   string        `json:"remark"`
		Category plainCategory `json:"category"`
	}
	plainMessage struct {
		MessageScene string         `json:"message_scene"`
		PeerID       int64          `json:"peer_id"`
		MessageSeq   int64          `json:"message_seq"`
		SenderID     int64          `json:"sender_id"`
		Time         int64          `json:"time"`
		RawSegments  []plainSegment `json:"segments"`
		Segments     []any          `json:"-"`
		Friend       *plainFriend   `json:"friend,omitempty"`
		Group        *plainGroup    `json:"group,omitempty"`
		GroupMember  *plainMember   `json:"group_member,omitempty"`
	}
	plainFrame struct {
		Time      int64        `json:"time"`
		SelfID    int64        `json:"self_id"`
		EventType string       `json:"event_type"`
		Data      plainMessage `json:"data"`
	}
)

// groupMessageFrame returns the group message_receive fixture compacted,
// with the frame keys in the order implementations send them (time,
// self_id, event_type, data; the golden file has them sorted).
func groupMessageFrame(b *testing.B) []byte {
	var f struct {
		Time      json.RawMessage `json:"time"`
		SelfID    json.RawMessage `json:"self_id"`
		EventType json.RawMessage `json:"event_type"`
		Data      json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(readTestdata(b, "events", "message_receive_group.json"), &f); err != nil {
		b.Fatal(err)
	}
	out, err := json.Marshal(f) // compact, keys in struct order
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkParseEvent decodes a ~1 KB group message_receive frame (5
// segments, group and member entities) with ParseEvent and, as the in-run
// baseline, with encoding/json into method-free mirrors of the same types.
func BenchmarkParseEvent(b *testing.B) {
	benchParse(b, groupMessageFrame(b))
}

// BenchmarkParseEventNoSegments is BenchmarkParseEvent on the same frame
// with an empty segment list: the cost of this package's own decoding
// (frame, message, group and member entities), segment decoding aside.
func BenchmarkParseEventNoSegments(b *testing.B) {
	frame := groupMessageFrame(b)
	i := bytes.Index(frame, []byte(`"segments":[`))
	if i < 0 {
		b.Fatal("no segments in fixture")
	}
	r := jsonx.NewReader(frame[i+len(`"segments":`):])
	if err := r.Skip(); err != nil {
		b.Fatal(err)
	}
	end := i + len(`"segments":`) + r.Offset()
	frame = append(append(append([]byte(nil), frame[:i]...), `"segments":[]`...), frame[end:]...)
	benchParse(b, frame)
}

func benchParse(b *testing.B, frame []byte) {
	ev, err := ParseEvent(frame)
	if err != nil {
		b.Fatal(err)
	}
	segs := ev.(*MessageReceiveEvent).Data.Segments
	b.Run("ParseEvent", func(b *testing.B) {
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			ev, err := ParseEvent(frame)
			if err != nil {
				b.Fatal(err)
			}
			if m := ev.(*MessageReceiveEvent).Data; m.GroupMember == nil || len(m.Segments) != len(segs) {
				b.Fatal("not decoded")
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			var f plainFrame
			if err := json.Unmarshal(frame, &f); err != nil {
				b.Fatal(err)
			}
			f.Data.Segments = plainSegments(b, f.Data.RawSegments)
			if f.Data.GroupMember == nil || len(f.Data.Segments) != len(f.Data.RawSegments) {
				b.Fatal("not decoded")
			}
		}
	})
}

func plainSegments(b *testing.B, raw []plainSegment) []any {
	out := make([]any, 0, len(raw))
	for _, e := range raw {
		var v any
		switch e.Type {
		case "text":
			v = new(plainText)
		case "mention":
			v = new(plainMention)
		case "face":
			v = new(plainFace)
		case "image":
			v = new(plainImage)
		case "reply":
			v = new(plainReply)
		default:
			b.Fatalf("segment type %q", e.Type)
		}
		if err := json.Unmarshal(e.Data, v); err != nil {
			b.Fatal(err)
		}
		if r, ok := v.(*plainReply); ok {
			r.Segments = plainSegments(b, r.Raw)
		}
		out = append(out, v)
	}
	return out
}
