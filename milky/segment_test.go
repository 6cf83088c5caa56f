package milky

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/internal/milkyschema"
)

type segGoldenCase struct {
	GoType    string          `json:"go_type"`
	PlainText string          `json:"plain_text,omitempty"`
	JSON      json.RawMessage `json:"json"`
}

func segReadInput(t *testing.T, name string) ([]byte, []json.RawMessage) {
	t.Helper()
	in, err := os.ReadFile(golden.Path("milky", "segments", "in", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(in, &raws); err != nil {
		t.Fatal(err)
	}
	return in, raws
}

// TestIncomingGolden decodes the incoming inputs, checks re-encoding
// reproduces them, records the Go types, and validates every re-encoded
// 1.2 segment against the official schema.
func TestIncomingGolden(t *testing.T) {
	for _, name := range []string{"incoming", "incoming_edge"} {
		t.Run(name, func(t *testing.T) {
			in, raws := segReadInput(t, name)
			var segs IncomingSegments
			if err := json.Unmarshal(in, &segs); err != nil {
				t.Fatal(err)
			}
			if len(segs) != len(raws) {
				t.Fatalf("%d segments, want %d", len(segs), len(raws))
			}
			out, err := json.Marshal(segs)
			if err != nil {
				t.Fatal(err)
			}
			golden.EqualJSON(t, in, out)
			var cases []segGoldenCase
			for i, seg := range segs {
				one, err := json.Marshal(seg)
				if err != nil {
					t.Fatal(err)
				}
				golden.EqualJSON(t, raws[i], one)
				if name == "incoming" {
					milkyschema.CheckStrict(t, "incoming_segment", one)
				}
				cases = append(cases, segGoldenCase{GoType: reflect.TypeOf(seg).String(), PlainText: IncomingSegments{seg}.PlainText(), JSON: one})
			}
			doc, _ := json.Marshal(cases)
			golden.JSON(t, filepath.Join("milky", "segments", "out", name+".json"), doc)
			if name == "incoming" {
				for _, seg := range segs {
					if _, ok := seg.(*UnknownIncomingSegment); ok {
						t.Errorf("%s decoded as unknown", seg.SegmentType())
					}
				}
			}
		})
	}
}

func TestIncomingTyped(t *testing.T) {
	in, _ := segReadInput(t, "incoming")
	var segs IncomingSegments
	if err := json.Unmarshal(in, &segs); err != nil {
		t.Fatal(err)
	}
	reply := segs[5].(*IncomingReplySegment)
	if reply.MessageSeq != 123 || reply.SenderID != 10002 || len(reply.Segments) != 2 {
		t.Fatalf("reply = %+v", reply)
	}
	if img := reply.Segments[1].(*IncomingImageSegment); img.Width != 640 || img.SubType != "normal" {
		t.Errorf("nested image = %+v", img)
	}
	nested := segs[6].(*IncomingReplySegment).Segments[0].(*IncomingReplySegment)
	if nested.MessageSeq != 6 || nested.Segments == nil || len(nested.Segments) != 0 {
		t.Errorf("nested reply = %+v", nested)
	}
	if fw := segs[13].(*IncomingForwardSegment); len(fw.Preview) != 2 || fw.Preview[1] != "小红: [图片]" {
		t.Errorf("forward = %+v", fw)
	}
	if f := segs[10].(*IncomingFileSegment); f.FileSize != 1048576 || f.FileHash != "abc123" {
		t.Errorf("file = %+v", f)
	}
	if face := segs[4].(*IncomingFaceSegment); !face.IsLarge {
		t.Errorf("face = %+v", face)
	}
}

func TestUnknownIncoming(t *testing.T) {
	var segs IncomingSegments
	in := `[{"type":"text","data":{"text":"a "}},{"type":"poke_v2","data":{"x":1}},{"type":"markdown","data":{"content":"md"}}]`
	if err := json.Unmarshal([]byte(in), &segs); err != nil {
		t.Fatal(err)
	}
	u, ok := segs[1].(*UnknownIncomingSegment)
	if !ok || u.Type != "poke_v2" {
		t.Fatalf("segment 1 = %#v", segs[1])
	}
	if got := segs.PlainText(); got != "a [poke_v2]" {
		t.Errorf("PlainText = %q", got)
	}
	out, _ := json.Marshal(segs)
	golden.EqualJSON(t, []byte(in), out)
	// lenient: numeric strings for ints, re-encoded as they came
	var m IncomingSegments
	if err := json.Unmarshal([]byte(`[{"type":"mention","data":{"user_id":"10001","name":"n"}}]`), &m); err != nil {
		t.Fatal(err)
	}
	if m[0].(*IncomingMentionSegment).UserID != 10001 {
		t.Errorf("mention = %+v", m[0])
	}
	// lenient bools: 0/1 and strings, re-encoded as they came
	var f IncomingSegments
	fin := `[{"type":"face","data":{"face_id":"1","is_large":1}},{"type":"face","data":{"face_id":"2","is_large":"0"}},{"type":"face","data":{"face_id":"3","is_large":"true"}}]`
	if err := json.Unmarshal([]byte(fin), &f); err != nil {
		t.Fatal(err)
	}
	if !f[0].(*IncomingFaceSegment).IsLarge || f[1].(*IncomingFaceSegment).IsLarge || !f[2].(*IncomingFaceSegment).IsLarge {
		t.Errorf("bools: %+v %+v %+v", f[0], f[1], f[2])
	}
	fout, _ := json.Marshal(f)
	golden.EqualJSON(t, []byte(fin), fout)
	f[1].(*IncomingFaceSegment).IsLarge = true
	fout, _ = json.Marshal(f[1])
	golden.EqualJSON(t, []byte(`{"type":"face","data":{"face_id":"2","is_large":"1"}}`), fout)
	// an unknown segment with no raw JSON reads as the placeholder text
	b, _ := json.Marshal(&UnknownIncomingSegment{Type: "x"})
	golden.EqualJSON(t, []byte(`{"type":"text","data":{"text":"[x]"}}`), b)
}

func TestOutgoingGolden(t *testing.T) {
	in, raws := segReadInput(t, "outgoing")
	var segs OutgoingSegments
	if err := json.Unmarshal(in, &segs); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(segs)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, in, out)
	for i, seg := range segs {
		if _, ok := seg.(*UnknownOutgoingSegment); ok {
			t.Errorf("%s decoded as unknown", seg.SegmentType())
		}
		one, _ := json.Marshal(seg)
		golden.EqualJSON(t, raws[i], one)
		milkyschema.Check(t, "outgoing_segment", one)
	}
	fw := segs[10].(*OutgoingForwardSegment)
	if len(fw.Messages) != 2 || fw.Messages[1].Time != 1767225600 {
		t.Fatalf("forward = %+v", fw)
	}
	inner := fw.Messages[1].Segments[0].(*OutgoingForwardSegment)
	if inner.Messages[0].SenderName != "carol" {
		t.Errorf("nested forward = %+v", inner)
	}
}

// TestBuildersConform checks that everything the builders produce is
// exactly what the official schema accepts and keeps (defaults included).
func TestBuildersConform(t *testing.T) {
	uri, err := FileURI("/tmp/a b.png")
	if err != nil {
		t.Fatal(err)
	}
	fw := Forward(
		ForwardedMessage(10001, "alice", Text("hi"), Image(uri)),
		ForwardedMessage(10002, "bob", Forward(ForwardedMessage(10003, "carol", Face("1"), Mention(10001)))),
	)
	fw.Title, fw.Preview, fw.Summary, fw.Prompt = "聊天记录", []string{"alice: hi"}, "查看2条", "[聊天记录]"
	segs := OutgoingSegments{
		Text("hello"), Mention(10001), MentionAll(), Face("178"), LargeFace("339"), Reply(42),
		Image("https://example.com/a.png"), ImageBytes([]byte("png")), Sticker(uri),
		Record("https://example.com/a.amr"), Video(uri, ""), Video(uri, uri), LightApp(`{"app":"x"}`), fw,
		Forward(),
	}
	for _, seg := range segs {
		b, err := json.Marshal(seg)
		if err != nil {
			t.Fatal(err)
		}
		milkyschema.CheckStrict(t, "outgoing_segment", b)
	}
	all, err := json.Marshal(segs)
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, "milky/segments/builders.json", all)
	var back OutgoingSegments
	if err := json.Unmarshal(all, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	golden.EqualJSON(t, all, again)
}

func TestResourceURIs(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/a b#?.png":   "file:///tmp/a%20b%23%3F.png",
		"/中文/文件.jpg":       "file:///%E4%B8%AD%E6%96%87/%E6%96%87%E4%BB%B6.jpg",
		`C:\dir\f.png`:     "file:///C:/dir/f.png",
		"/":                "file:///",
		"/already%20enc/x": "file:///already%2520enc/x",
	} {
		if filepath.Separator == '/' && strings.Contains(in, `\`) {
			continue // a Windows path is not absolute here
		}
		got, err := FileURI(in)
		if err != nil || got != want {
			t.Errorf("FileURI(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, rel := range []string{"a.png", "./a.png", "../x", ""} {
		if _, err := FileURI(rel); !errors.Is(err, ErrBadURI) {
			t.Errorf("FileURI(%q) err = %v", rel, err)
		}
	}
	if got := Base64URI([]byte("hi")); got != "base64://aGk=" {
		t.Errorf("Base64URI = %q", got)
	}
	for uri, ok := range map[string]bool{
		"file:///x": true, "http://h/x": true, "HTTPS://h/x": true, "base64://aGk=": true,
		"base64://!!": false, "ftp://h": false, "data:image/png;base64,aGk=": false, "/tmp/x": false, "http://": false,
	} {
		if err := CheckURI(uri); (err == nil) != ok {
			t.Errorf("CheckURI(%q) = %v", uri, err)
		}
	}
}

func TestSegmentErrors(t *testing.T) {
	for _, in := range []string{`{}`, `[1`, `[{"type":"text","data":{]`, `"x"`, `[1,]`} {
		var a IncomingSegments
		var b OutgoingSegments
		if err := a.UnmarshalJSON([]byte(in)); !errors.Is(err, ErrBadSegments) {
			t.Errorf("incoming %q: %v", in, err)
		}
		if err := b.UnmarshalJSON([]byte(in)); !errors.Is(err, ErrBadSegments) {
			t.Errorf("outgoing %q: %v", in, err)
		}
	}
	var img IncomingImageSegment
	if err := json.Unmarshal([]byte(`{"type":"text","data":{}}`), &img); !errors.Is(err, ErrBadSegments) {
		t.Errorf("wrong type: %v", err)
	}
	if _, err := json.Marshal(OutgoingSegments{nil}); err == nil {
		t.Error("nil segment encoded")
	}
	// elements that are not segments are kept, read as "[unknown]"
	var odd IncomingSegments
	if err := json.Unmarshal([]byte(`[null,1,{},{"type":"text","data":{"text":"t"}}]`), &odd); err != nil {
		t.Fatal(err)
	}
	if got := odd.PlainText(); got != "[unknown][unknown][unknown]t" {
		t.Errorf("PlainText = %q", got)
	}
	b, _ := json.Marshal(odd)
	golden.EqualJSON(t, []byte(`[null,1,{},{"type":"text","data":{"text":"t"}}]`), b)
	var null IncomingSegments
	if err := json.Unmarshal([]byte(`null`), &null); err != nil || null != nil {
		t.Errorf("null: %v %v", null, err)
	}
	b, _ = json.Marshal(IncomingSegments(nil))
	if string(b) != "[]" {
		t.Errorf("nil list = %s", b)
	}
}

func FuzzIncomingSegments(f *testing.F) {
	for _, name := range []string{"incoming", "incoming_edge", "outgoing"} {
		if b, err := os.ReadFile(golden.Path("milky", "segments", "in", name+".json")); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		var in IncomingSegments
		if err := json.Unmarshal([]byte(s), &in); err == nil {
			segFuzzStable(t, &in)
		}
		var out OutgoingSegments
		if err := json.Unmarshal([]byte(s), &out); err == nil {
			segFuzzStable(t, &out)
		}
	})
}

func segFuzzStable[T any](t *testing.T, v *T) {
	b1, err := json.Marshal(*v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	var again T
	if err := json.Unmarshal(b1, &again); err != nil {
		t.Fatalf("decode own output %s: %v", b1, err)
	}
	b2, _ := json.Marshal(again)
	if string(b1) != string(b2) {
		t.Fatalf("unstable:\n%s\n%s", b1, b2)
	}
}

func ExampleForward() {
	fw := Forward(
		ForwardedMessage(10001, "alice", Text("hi"), Reply(7)),
		ForwardedMessage(10002, "bob", Image("https://example.com/a.png")),
	)
	b, _ := json.Marshal(OutgoingSegments{Mention(10001), fw})
	fmt.Println(string(b))
	// Output: [{"type":"mention","data":{"user_id":10001}},{"type":"forward","data":{"messages":[{"user_id":10001,"sender_name":"alice","segments":[{"type":"text","data":{"text":"hi"}},{"type":"reply","data":{"message_seq":7}}]},{"user_id":10002,"sender_name":"bob","segments":[{"type":"image","data":{"uri":"https://example.com/a.png","sub_type":"normal"}}]}]}}]
}

func TestUnknownSegmentMethods(t *testing.T) {
	var ui UnknownIncomingSegment
	if err := json.Unmarshal([]byte(`{"type":"x","data":{"a":1}}`), &ui); err != nil || ui.SegmentType() != "x" {
		t.Fatalf("%+v %v", ui, err)
	}
	var uo UnknownOutgoingSegment
	if err := json.Unmarshal([]byte(` {"type":"y","data":{"b":2}} `), &uo); err != nil || uo.SegmentType() != "y" {
		t.Fatalf("%+v %v", uo, err)
	}
	b, _ := json.Marshal(&uo)
	golden.EqualJSON(t, []byte(`{"type":"y","data":{"b":2}}`), b)
	b, _ = json.Marshal(&UnknownOutgoingSegment{Type: "z"})
	golden.EqualJSON(t, []byte(`{"type":"z","data":{}}`), b)
	if json.Unmarshal([]byte(`[]`), &ui) == nil || json.Unmarshal([]byte(`1`), &uo) == nil {
		t.Error("non-object accepted")
	}
	// outgoing lists keep unknown types (types added after 1.2)
	var out OutgoingSegments
	if err := json.Unmarshal([]byte(`[{"type":"poke","data":{}},null]`), &out); err != nil || len(out) != 2 {
		t.Fatalf("%v %v", out, err)
	}
	if _, ok := out[0].(*UnknownOutgoingSegment); !ok {
		t.Errorf("%T", out[0])
	}
}

func TestForwardedMessageJSON(t *testing.T) {
	var f OutgoingForwardedMessage
	in := `{"user_id":10001,"sender_name":"a","segments":[{"type":"text","data":{"text":"x"}}],"future":true}`
	if err := json.Unmarshal([]byte(in), &f); err != nil {
		t.Fatal(err)
	}
	if f.UserID != 10001 || len(f.Segments) != 1 || string(f.Extra["future"]) != "true" {
		t.Errorf("%+v", f)
	}
	b, _ := json.Marshal(&f)
	golden.EqualJSON(t, []byte(in), b)
	if err := json.Unmarshal([]byte(`[]`), &f); !errors.Is(err, ErrBadSegments) {
		t.Errorf("array: %v", err)
	}
	var l OutgoingForwardedMessages
	if err := json.Unmarshal([]byte(`null`), &l); err != nil || l != nil {
		t.Errorf("null list: %v %v", l, err)
	}
	if err := json.Unmarshal([]byte(`[]`), &l); err != nil || l == nil || len(l) != 0 {
		t.Errorf("empty list: %v %v", l, err)
	}
	if err := json.Unmarshal([]byte(`[1]`), &l); !errors.Is(err, ErrBadSegments) {
		t.Errorf("bad list: %v", err)
	}
}

func ExampleFileURI() {
	uri, err := FileURI("/srv/bot/猫.png")
	fmt.Println(uri, err)
	_, err = FileURI("relative.png")
	fmt.Println(err)
	b, _ := json.Marshal(Image(uri))
	fmt.Println(string(b))
	// Output:
	// file:///srv/bot/%E7%8C%AB.png <nil>
	// milky: bad resource URI: "relative.png" is not an absolute path
	// {"type":"image","data":{"uri":"file:///srv/bot/%E7%8C%AB.png","sub_type":"normal"}}
}
