package onebot11

import (
	"context"
	"encoding/json"
	"testing"
)

var benchFrame = []byte(`{"action":"send_group_msg","params":{"group_id":123456789,"message":[{"type":"text","data":{"text":"hello world"}},{"type":"at","data":{"qq":"10001"}},{"type":"face","data":{"id":"178"}}],"auto_escape":false},"echo":"17-42"}`)

// BenchmarkServeFrame measures answering one WebSocket request frame
// (decode request and params, run a typed handler, encode the envelope)
// against a baseline doing the same with encoding/json and plain structs.
func BenchmarkServeFrame(b *testing.B) {
	b.Run("duobot", func(b *testing.B) {
		mux := NewServeMux()
		mux.HandleSendGroupMsg(func(ctx context.Context, p *SendGroupMsgParams) (*SendGroupMsgResult, error) {
			return &SendGroupMsgResult{MessageID: p.GroupID}, nil
		})
		s, err := NewServer(mux, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if out := s.serveFrame(ctx, benchFrame); len(out) == 0 {
				b.Fatal("empty")
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		type stdSegment struct {
			Type string            `json:"type"`
			Data map[string]string `json:"data"`
		}
		type stdParams struct {
			GroupID    int64        `json:"group_id"`
			Message    []stdSegment `json:"message"`
			AutoEscape bool         `json:"auto_escape"`
		}
		type stdResult struct {
			MessageID int64 `json:"message_id"`
		}
		type stdEnvelope struct {
			Status  string          `json:"status"`
			Retcode int             `json:"retcode"`
			Data    any             `json:"data"`
			Message string          `json:"message"`
			Wording string          `json:"wording"`
			Echo    json.RawMessage `json:"echo,omitempty"`
		}
		b.ReportAllocs()
		for b.Loop() {
			var req struct {
				Action string          `json:"action"`
				Params json.RawMessage `json:"params"`
				Echo   json.RawMessage `json:"echo"`
			}
			if err := json.Unmarshal(benchFrame, &req); err != nil {
				b.Fatal(err)
			}
			var p stdParams
			if err := json.Unmarshal(req.Params, &p); err != nil {
				b.Fatal(err)
			}
			out, err := json.Marshal(stdEnvelope{Status: "ok", Data: &stdResult{MessageID: p.GroupID}, Echo: req.Echo})
			if err != nil || len(out) == 0 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPublish measures Publish of a parsed group message event to a
// server with no subscribers (encode once, fan out to nothing) against
// json.Marshal of the same event's plain map form.
func BenchmarkPublish(b *testing.B) {
	frame := []byte(`{"time":1700000000,"self_id":10,"post_type":"message","message_type":"group","sub_type":"normal","message_id":1,"group_id":20,"user_id":30,"anonymous":null,"message":[{"type":"text","data":{"text":"ping"}}],"raw_message":"ping","font":0,"sender":{"user_id":30,"nickname":"u","card":"","role":"member"}}`)
	ev, err := ParseEvent(frame)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("duobot", func(b *testing.B) {
		s, err := NewServer(NewServeMux(), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Publish(ctx, ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		var m map[string]any
		if err := json.Unmarshal(frame, &m); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
