package milky

import (
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/segment"
)

// segBenchIncoming is a typical 5-segment received message.
const segBenchIncoming = `[{"type":"reply","data":{"message_seq":123,"sender_id":10002,"time":1767225600,"segments":[{"type":"text","data":{"text":"quoted"}}]}},` +
	`{"type":"mention","data":{"user_id":10001,"name":"小明"}},{"type":"text","data":{"text":" 今晚8点开黑，来不来？"}},` +
	`{"type":"image","data":{"resource_id":"EhQSdGwB1zdTx3vOFHPIk4LH5klh7hj1lTUg","temp_url":"https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=x","width":640,"height":480,"summary":"[图片]","sub_type":"normal"}},` +
	`{"type":"face","data":{"face_id":"178","is_large":false}}]`

// Baseline types: the same fields, no methods.
type (
	segStdEnvelope struct {
		Type string          `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	segStdText struct {
		Text  string                     `json:"text"`
		Meta  segment.Meta               `json:"-"`
		Extra map[string]json.RawMessage `json:"-"`
	}
	segStdMention struct {
		UserID int64                      `json:"user_id"`
		Name   string                     `json:"name"`
		Meta   segment.Meta               `json:"-"`
		Extra  map[string]json.RawMessage `json:"-"`
	}
	segStdFace struct {
		FaceID  string                     `json:"face_id"`
		IsLarge bool                       `json:"is_large"`
		Meta    segment.Meta               `json:"-"`
		Extra   map[string]json.RawMessage `json:"-"`
	}
	segStdImage struct {
		ResourceID string                     `json:"resource_id"`
		TempURL    string                     `json:"temp_url"`
		Width      int64                      `json:"width"`
		Height     int64                      `json:"height"`
		Summary    string                     `json:"summary"`
		SubType    string                     `json:"sub_type"`
		Meta       segment.Meta               `json:"-"`
		Extra      map[string]json.RawMessage `json:"-"`
	}
	segStdReply struct {
		MessageSeq int64                      `json:"message_seq"`
		SenderID   int64                      `json:"sender_id"`
		SenderName string                     `json:"sender_name"`
		Time       int64                      `json:"time"`
		Segments   []any                      `json:"-"`
		Raw        []segStdEnvelope           `json:"segments"`
		Meta       segment.Meta               `json:"-"`
		Extra      map[string]json.RawMessage `json:"-"`
	}
)

func segDecodeStd(tb testing.TB, b []byte) []any {
	var envs []segStdEnvelope
	if err := json.Unmarshal(b, &envs); err != nil {
		tb.Fatal(err)
	}
	return segDecodeStdEnvs(tb, envs)
}

func segDecodeStdEnvs(tb testing.TB, envs []segStdEnvelope) []any {
	out := make([]any, 0, len(envs))
	for _, e := range envs {
		var v any
		switch e.Type {
		case "text":
			v = new(segStdText)
		case "mention":
			v = new(segStdMention)
		case "face":
			v = new(segStdFace)
		case "image":
			v = new(segStdImage)
		case "reply":
			v = new(segStdReply)
		default:
			tb.Fatalf("type %q", e.Type)
		}
		if err := json.Unmarshal(e.Data, v); err != nil {
			tb.Fatal(err)
		}
		if r, ok := v.(*segStdReply); ok {
			r.Segments = segDecodeStdEnvs(tb, r.Raw)
		}
		out = append(out, v)
	}
	return out
}

func TestSegmentBenchInputAgrees(t *testing.T) {
	var ours IncomingSegments
	if err := json.Unmarshal([]byte(segBenchIncoming), &ours); err != nil {
		t.Fatal(err)
	}
	std := segDecodeStd(t, []byte(segBenchIncoming))
	if len(ours) != 5 || len(std) != 5 {
		t.Fatalf("%d / %d segments", len(ours), len(std))
	}
	if ours[3].(*IncomingImageSegment).Width != std[3].(*segStdImage).Width ||
		ours[0].(*IncomingReplySegment).Segments[0].(*IncomingTextSegment).Text != std[0].(*segStdReply).Segments[0].(*segStdText).Text {
		t.Error("decoders disagree")
	}
}

func BenchmarkSegmentDecodeIncoming(b *testing.B) {
	in := []byte(segBenchIncoming)
	b.Run("duobot", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			var m IncomingSegments
			if err := m.UnmarshalJSON(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			_ = segDecodeStd(b, in)
		}
	})
}
