package onebot11

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
)

// Baselines: encoding/json decoding the same frames into method-less mirror
// types with the same fields (Extra aside, which encoding/json cannot fill).
// encoding/json cannot dispatch segment data on "type" without methods, so
// the message mirror decodes every segment's data into one struct holding
// the union of the fields of the segment types present (encoding_json), or
// keeps the data raw, the cheapest form for encoding/json
// (encoding_json_rawdata).

type mirrorSegmentData struct {
	ID         string `json:"id"`
	QQ         string `json:"qq"`
	Name       string `json:"name"`
	Text       string `json:"text"`
	File       string `json:"file"`
	Type       string `json:"type"`
	URL        string `json:"url"`
	Summary    string `json:"summary"`
	SubType    string `json:"subType"`
	FileSize   string `json:"file_size"`
	Large      string `json:"large"`
	ResultID   string `json:"resultId"`
	ChainCount string `json:"chainCount"`
}

type mirrorSegment struct {
	Type string            `json:"type"`
	Data mirrorSegmentData `json:"data"`
}

type mirrorRawSegment struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

type mirrorGroupMessageRaw struct {
	PostType      string             `json:"post_type"`
	MessageType   string             `json:"message_type"`
	Time          int64              `json:"time"`
	SelfID        int64              `json:"self_id"`
	SubType       string             `json:"sub_type"`
	MessageID     int64              `json:"message_id"`
	GroupID       int64              `json:"group_id"`
	UserID        int64              `json:"user_id"`
	Anonymous     *mirrorAnonymous   `json:"anonymous,omitempty"`
	Message       []mirrorRawSegment `json:"message"`
	RawMessage    string             `json:"raw_message"`
	Font          int32              `json:"font"`
	Sender        mirrorSender       `json:"sender"`
	TargetID      int64              `json:"target_id,omitempty"`
	GroupName     string             `json:"group_name,omitempty"`
	MessageSeq    int64              `json:"message_seq,omitempty"`
	RealID        int64              `json:"real_id,omitempty"`
	MessageFormat string             `json:"message_format,omitempty"`
}

type mirrorSender struct {
	UserID   int64  `json:"user_id"`
	Nickname string `json:"nickname"`
	Sex      string `json:"sex,omitempty"`
	Age      int32  `json:"age,omitempty"`
	Card     string `json:"card,omitempty"`
	Area     string `json:"area,omitempty"`
	Level    string `json:"level,omitempty"`
	Role     string `json:"role,omitempty"`
	Title    string `json:"title,omitempty"`
	GroupID  int64  `json:"group_id,omitempty"`
}

type mirrorAnonymous struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Flag string `json:"flag"`
}

type mirrorGroupMessage struct {
	PostType      string           `json:"post_type"`
	MessageType   string           `json:"message_type"`
	Time          int64            `json:"time"`
	SelfID        int64            `json:"self_id"`
	SubType       string           `json:"sub_type"`
	MessageID     int64            `json:"message_id"`
	GroupID       int64            `json:"group_id"`
	UserID        int64            `json:"user_id"`
	Anonymous     *mirrorAnonymous `json:"anonymous,omitempty"`
	Message       []mirrorSegment  `json:"message"`
	RawMessage    string           `json:"raw_message"`
	Font          int32            `json:"font"`
	Sender        mirrorSender     `json:"sender"`
	TargetID      int64            `json:"target_id,omitempty"`
	GroupName     string           `json:"group_name,omitempty"`
	MessageSeq    int64            `json:"message_seq,omitempty"`
	RealID        int64            `json:"real_id,omitempty"`
	MessageFormat string           `json:"message_format,omitempty"`
}

type mirrorGroupRecall struct {
	PostType   string `json:"post_type"`
	NoticeType string `json:"notice_type"`
	Time       int64  `json:"time"`
	SelfID     int64  `json:"self_id"`
	GroupID    int64  `json:"group_id"`
	UserID     int64  `json:"user_id"`
	OperatorID int64  `json:"operator_id"`
	MessageID  int64  `json:"message_id"`
}

// benchGroupMessage is a realistic NapCat group message in the array format:
// reply, at, text, image and face segments, about 1 KB.
var benchGroupMessage = []byte(`{"self_id":1234567890,"user_id":2345678901,"time":1732525200,"message_id":1837462910,"message_seq":1837462910,"real_id":1837462910,"message_type":"group","sender":{"user_id":2345678901,"nickname":"测试用户 Tester","card":"群名片·Card","role":"admin","title":"","level":"","sex":"unknown","age":0,"area":""},"raw_message":"[CQ:reply,id=1837462000][CQ:at,qq=1234567890] 帮我看看这张图，顺便查一下明天的天气怎么样 [CQ:image,file=0A1B2C3D4E5F60718293A4B5C6D7E8F9.jpg,sub_type=0,url=https://multimedia.nt.qq.com.cn/download?appid=1407&amp;fileid=EhQ8R2wAbCdEfGh&amp;rkey=CAQSKAB6JWENi5LM][CQ:face,id=178]","font":14,"sub_type":"normal","message":[{"type":"reply","data":{"id":"1837462000"}},{"type":"at","data":{"qq":"1234567890","name":"duobot"}},{"type":"text","data":{"text":" 帮我看看这张图，顺便查一下明天的天气怎么样 "}},{"type":"image","data":{"summary":"","file":"0A1B2C3D4E5F60718293A4B5C6D7E8F9.jpg","sub_type":"0","url":"https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=EhQ8R2wAbCdEfGh&rkey=CAQSKAB6JWENi5LM","file_size":"184392"}},{"type":"face","data":{"id":"178"}}],"message_format":"array","post_type":"message","group_id":987654321,"group_name":"duobot 测试群"}`)

var benchNotice = []byte(`{"time":1732525201,"self_id":1234567890,"post_type":"notice","notice_type":"group_recall","group_id":987654321,"user_id":2345678901,"operator_id":2345678901,"message_id":-1837462910}`)

func TestBenchFramesParse(t *testing.T) {
	if n := len(benchGroupMessage); n < 900 || n > 1300 {
		t.Errorf("bench group message is %d bytes, want about 1 KB", n)
	}
	for _, frame := range [][]byte{benchGroupMessage, benchNotice} {
		ev, err := ParseEvent(frame)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ev.(*UnknownEvent); ok {
			t.Fatalf("bench frame parsed as unknown: %v", ev.(*UnknownEvent).Err)
		}
		if g, ok := ev.(*GroupMessageEvent); ok && len(g.Message) != 5 {
			t.Fatalf("bench message has %d segments, want 5", len(g.Message))
		}
	}
}

func BenchmarkParseEvent(b *testing.B) {
	for _, bc := range []struct {
		name  string
		frame []byte
		std   func() any
	}{
		{"GroupMessage", benchGroupMessage, func() any { return new(mirrorGroupMessage) }},
		{"Notice", benchNotice, func() any { return new(mirrorGroupRecall) }},
	} {
		if bc.name == "GroupMessage" {
			b.Run(bc.name+"/encoding_json_rawdata", func(b *testing.B) {
				b.SetBytes(int64(len(bc.frame)))
				b.ReportAllocs()
				for b.Loop() {
					if err := json.Unmarshal(bc.frame, new(mirrorGroupMessageRaw)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(bc.name+"/duobot", func(b *testing.B) {
			b.SetBytes(int64(len(bc.frame)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseEvent(bc.frame); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/encoding_json", func(b *testing.B) {
			b.SetBytes(int64(len(bc.frame)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(bc.frame, bc.std()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMarshalEvent(b *testing.B) {
	ev, err := ParseEvent(benchGroupMessage)
	if err != nil {
		b.Fatal(err)
	}
	var mirror mirrorGroupMessage
	if err := json.Unmarshal(benchGroupMessage, &mirror); err != nil {
		b.Fatal(err)
	}
	b.Run("GroupMessage/duobot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("GroupMessage/encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&mirror); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParseEventRatio alternates batches of ParseEvent and of
// encoding/json (typed-union mirror) on the same frame and reports the best
// batch of each, per frame, and their ratio: on a loaded machine paired,
// best-of measurements are steadier than two separate benchmarks.
func BenchmarkParseEventRatio(b *testing.B) {
	const batch = 16
	for _, bc := range []struct {
		name  string
		frame []byte
		std   func() any
	}{
		{"GroupMessage", benchGroupMessage, func() any { return new(mirrorGroupMessage) }},
		{"Notice", benchNotice, func() any { return new(mirrorGroupRecall) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			best := [2]time.Duration{1 << 62, 1 << 62}
			for b.Loop() {
				t0 := time.Now()
				for range batch {
					if _, err := ParseEvent(bc.frame); err != nil {
						b.Fatal(err)
					}
				}
				t1 := time.Now()
				for range batch {
					if err := json.Unmarshal(bc.frame, bc.std()); err != nil {
						b.Fatal(err)
					}
				}
				t2 := time.Now()
				best[0] = min(best[0], t1.Sub(t0))
				best[1] = min(best[1], t2.Sub(t1))
			}
			b.ReportMetric(float64(best[0].Nanoseconds())/batch, "duobot-ns/op")
			b.ReportMetric(float64(best[1].Nanoseconds())/batch, "stdlib-ns/op")
			b.ReportMetric(float64(best[1])/float64(best[0]), "x-faster")
		})
	}
}

// TestMessageArrayMatchesUnmarshal checks that the in-place array decoding
// ParseEvent uses (decoder.messageArray) gives exactly what
// Message.UnmarshalJSON gives, and stops right after the array, on the
// "message" arrays of the event fixtures and on odd elements.
func TestMessageArrayMatchesUnmarshal(t *testing.T) {
	var arrays []string
	files, err := filepath.Glob(golden.Path("onebot11", "events", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Message json.RawMessage `json:"message"`
		}
		if json.Unmarshal(b, &f) == nil && len(f.Message) > 0 && f.Message[0] == '[' {
			arrays = append(arrays, string(f.Message))
		}
	}
	if len(arrays) < 3 {
		t.Fatalf("only %d fixtures with an array message", len(arrays))
	}
	arrays = append(arrays,
		`[]`, ` [ ] `,
		`[ 1 , "a" , null , [] , {} , {"type":"text"} , {"type":5,"data":{}} , {"type":"text","data":[]} , {"type":"text","data":null} ]`,
		`[{"data":{"text":"a\"]}\u00e9","x":{"y":[1,2]}},"type":"text","extra":true}]`,
		`[{"type":"nope","data":{"a":1}},{"type":"image","data":{"file":"f","sub_type":0,"url":null}}]`,
		`[{"type":"node","data":{"content":[{"type":"text","data":{"text":"in"}}]}}]`,
		`[{"type":"text","data":{"text":"x"}}`,
		`[{"type":"text","data":{"text":"x"}},]`,
		`[{"type":"text","data":{"text":"x"}} {"type":"text"}]`,
		`[{"type":"text","data":{"text":"\x"}}]`,
		`[{"type":"text","data":{"text":"x"}]`,
	)
	for _, arr := range arrays {
		var want Message
		wantErr := want.UnmarshalJSON([]byte(arr))
		frame := []byte(`{"message":` + arr + `,"after":1}`)
		d := newDecoder(frame)
		var got Message
		err := d.openObject()
		if err == nil {
			_, _, err = d.nextKey()
		}
		if err == nil {
			err = d.messageArray(&got)
		}
		if (wantErr == nil) != (err == nil) {
			t.Errorf("%s: UnmarshalJSON error %v, messageArray error %v", arr, wantErr, err)
			continue
		}
		if err != nil {
			continue
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: decoders differ:\nUnmarshalJSON %#v\nmessageArray  %#v", arr, want, got)
		}
		if key, ok, err := d.nextKey(); err != nil || !ok || string(key) != "after" {
			t.Errorf("%s: reader not after the array: %q %v %v", arr, key, ok, err)
		}
	}
}
