package onebot11

import (
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/segment"
)

// segBenchCQ is a realistic 250-byte message with 5 CQ codes.
const segBenchCQ = "[CQ:reply,id=-2147483000][CQ:at,qq=1234567890] 今晚8点开黑，来不来？&amp; 顺便看这个" +
	"[CQ:image,file=3A5F0C.jpg,url=https://multimedia.nt.qq.com.cn/download?appid=1407&amp;fileid=x&#44;y,subType=0]" +
	" 哈哈[CQ:face,id=178][CQ:at,qq=all] ok"

// segBenchArray is a 5-segment array message.
const segBenchArray = `[{"type":"reply","data":{"id":"-2147483000"}},{"type":"at","data":{"qq":"1234567890"}},` +
	`{"type":"text","data":{"text":" 今晚8点开黑，来不来？& 顺便看这个"}},` +
	`{"type":"image","data":{"file":"3A5F0C.jpg","url":"https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=xy","subType":"0","file_size":"3384"}},` +
	`{"type":"face","data":{"id":"178"}}]`

func TestSegmentBenchInputs(t *testing.T) {
	if n := len(segBenchCQ); n < 240 || n > 260 {
		t.Errorf("segBenchCQ is %d bytes", n)
	}
	m := ParseCQ(segBenchCQ)
	codes := 0
	for _, s := range m {
		if _, ok := s.(*TextSegment); !ok {
			codes++
		}
	}
	if codes != 5 {
		t.Errorf("segBenchCQ has %d codes", codes)
	}
	allocs := testing.AllocsPerRun(100, func() { _ = ParseCQ(segBenchCQ) })
	// one allocation per segment (the segment; values are substrings of the
	// input, the escaped ones add one each) plus the slice
	if max := float64(len(m) + 1); allocs > max {
		t.Errorf("ParseCQ: %.0f allocs for %d segments", allocs, len(m))
	}
	// the baseline decodes into the same fields
	a, b := segDecodeOurs(t, segBenchArray), segDecodeStd(t, segBenchArray)
	if len(a) != len(b) {
		t.Fatalf("%d vs %d segments", len(a), len(b))
	}
	if a[3].(*ImageSegment).URL != b[3].(*segStdImage).URL || a[2].(*TextSegment).Text != b[2].(*segStdText).Text {
		t.Error("decoders disagree")
	}
}

func BenchmarkParseCQ(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(segBenchCQ)))
	for b.Loop() {
		_ = ParseCQ(segBenchCQ)
	}
}

func BenchmarkCQString(b *testing.B) {
	m := ParseCQ(segBenchCQ)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.CQString()
	}
}

func segDecodeOurs(t testing.TB, s string) Message {
	var m Message
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Baseline types: the same fields as the segment types, no methods.
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
	segStdAt struct {
		QQ    string                     `json:"qq"`
		Name  string                     `json:"name"`
		Meta  segment.Meta               `json:"-"`
		Extra map[string]json.RawMessage `json:"-"`
	}
	segStdReply struct {
		ID    string                     `json:"id"`
		Text  string                     `json:"text"`
		QQ    string                     `json:"qq"`
		Time  string                     `json:"time"`
		Seq   string                     `json:"seq"`
		Meta  segment.Meta               `json:"-"`
		Extra map[string]json.RawMessage `json:"-"`
	}
	segStdFace struct {
		ID         string                     `json:"id"`
		Large      string                     `json:"large"`
		ResultID   string                     `json:"resultId"`
		ChainCount string                     `json:"chainCount"`
		Meta       segment.Meta               `json:"-"`
		Extra      map[string]json.RawMessage `json:"-"`
	}
	segStdImage struct {
		File     string                     `json:"file"`
		Type     string                     `json:"type"`
		URL      string                     `json:"url"`
		Summary  string                     `json:"summary"`
		SubType  string                     `json:"subType"`
		FileSize string                     `json:"file_size"`
		Thumb    string                     `json:"thumb"`
		Name     string                     `json:"name"`
		Cache    string                     `json:"cache"`
		Proxy    string                     `json:"proxy"`
		Timeout  string                     `json:"timeout"`
		ID       string                     `json:"id"`
		C        string                     `json:"c"`
		Meta     segment.Meta               `json:"-"`
		Extra    map[string]json.RawMessage `json:"-"`
	}
)

// segDecodeStd is what encoding/json needs for the same result: the
// envelopes, then each data object into its type.
func segDecodeStd(t testing.TB, s string) []any {
	var envs []segStdEnvelope
	if err := json.Unmarshal([]byte(s), &envs); err != nil {
		t.Fatal(err)
	}
	out := make([]any, 0, len(envs))
	for _, e := range envs {
		var v any
		switch e.Type {
		case "text":
			v = new(segStdText)
		case "at":
			v = new(segStdAt)
		case "reply":
			v = new(segStdReply)
		case "face":
			v = new(segStdFace)
		case "image":
			v = new(segStdImage)
		default:
			t.Fatalf("type %q", e.Type)
		}
		if err := json.Unmarshal(e.Data, v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func BenchmarkSegmentDecodeArray(b *testing.B) {
	in := []byte(segBenchArray)
	b.Run("duobot", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			var m Message
			if err := m.UnmarshalJSON(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			_ = segDecodeStd(b, segBenchArray)
		}
	})
}

func BenchmarkSegmentEncodeArray(b *testing.B) {
	m := segDecodeOurs(b, segBenchArray)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.AppendJSON(nil); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzSegmentMessageJSON(f *testing.F) {
	f.Add(segBenchArray)
	f.Add(`[{"type":"node","data":{"content":[{"type":"node","data":{"content":"[CQ:face,id=1]"}}]}}]`)
	f.Add(`[{"type":"x","data":null,"e":1},{"type":"text"},{"type":"face","data":{"id":1.5e3}},1]`)
	f.Add(`"[CQ:at,qq=1]"`)
	f.Add(`{"type":"text","data":{"text":"hi"}}`)
	f.Add(deepNodes(segment.MaxNesting + 3)) // the deepest content stays raw in Extra
	f.Fuzz(func(t *testing.T, s string) {
		var m Message
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return
		}
		b1, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		if len(s) > 0 && s[0] == '[' && !segSameJSONValue(s, string(b1)) {
			t.Fatalf("array not reproduced:\n in: %s\nout: %s", s, b1)
		}
		var m2 Message
		if err := json.Unmarshal(b1, &m2); err != nil {
			t.Fatalf("decode of own output %s: %v", b1, err)
		}
		b2, _ := json.Marshal(m2)
		if string(b1) != string(b2) {
			t.Fatalf("unstable:\n%s\n%s", b1, b2)
		}
	})
}

// segSameJSONValue compares as encoding/json values; duplicate keys and
// invalid UTF-8 (where the value is not well defined) are excused.
func segSameJSONValue(a, b string) bool {
	var va, vb any
	da := json.NewDecoder(segStringsReader(a))
	da.UseNumber()
	db := json.NewDecoder(segStringsReader(b))
	db.UseNumber()
	if da.Decode(&va) != nil || db.Decode(&vb) != nil {
		return false
	}
	ja, _ := json.Marshal(va)
	jb, _ := json.Marshal(vb)
	return string(ja) == string(jb) || segHasDuplicateKeysOrBadUTF8(a)
}
