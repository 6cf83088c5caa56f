package milky

import (
	"bytes"
	"encoding/json"
	"testing"
)

// Method-free mirrors of the message_receive types, so that encoding/json
// decodes them by reflection: the in-run baseline of BenchmarkParseEvent.
// The segments use the same IncomingSegments type on both sides.
type (
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
		MessageScene string           `json:"message_scene"`
		PeerID       int64            `json:"peer_id"`
		MessageSeq   int64            `json:"message_seq"`
		SenderID     int64            `json:"sender_id"`
		Time         int64            `json:"time"`
		Segments     IncomingSegments `json:"segments"`
		Friend       *plainFriend     `json:"friend,omitempty"`
		Group        *plainGroup      `json:"group,omitempty"`
		GroupMember  *plainMember     `json:"group_member,omitempty"`
	}
	plainFrame struct {
		Time      int64        `json:"time"`
		SelfID    int64        `json:"self_id"`
		EventType string       `json:"event_type"`
		Data      plainMessage `json:"data"`
	}
)

func groupMessageFrame(b *testing.B) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, readTestdata(b, "events", "message_receive_group.json")); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
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
	var doc map[string]any
	if err := json.Unmarshal(groupMessageFrame(b), &doc); err != nil {
		b.Fatal(err)
	}
	doc["data"].(map[string]any)["segments"] = []any{}
	frame, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, frame)
}

func benchParse(b *testing.B, frame []byte) {
	b.Run("ParseEvent", func(b *testing.B) {
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			ev, err := ParseEvent(frame)
			if err != nil {
				b.Fatal(err)
			}
			if ev.(*MessageReceiveEvent).Data.GroupMember == nil {
				b.Fatal("no member")
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
			if f.Data.GroupMember == nil {
				b.Fatal("no member")
			}
		}
	})
}
