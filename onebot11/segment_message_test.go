package onebot11

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
)

// segGoldenCase is one segment's golden record.
type segGoldenCase struct {
	GoType string          `json:"go_type"`
	CQ     string          `json:"cq"`
	JSON   json.RawMessage `json:"json"`
}

func segGoTypeName(s Segment) string { return reflect.TypeOf(s).String() }

// TestSegmentsGolden decodes every segment of testdata/onebot11/segments/in
// (the spec document's examples and hand-written edge cases), checks that
// re-encoding reproduces the input value, and records Go type, CQ form and
// JSON in a golden file.
func TestSegmentsGolden(t *testing.T) {
	files, err := filepath.Glob(golden.Path("onebot11", "segments", "in", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var raws []json.RawMessage
			if err := json.Unmarshal(in, &raws); err != nil {
				t.Fatal(err)
			}
			var m Message
			if err := json.Unmarshal(in, &m); err != nil {
				t.Fatal(err)
			}
			if len(m) != len(raws) {
				t.Fatalf("decoded %d segments, want %d", len(m), len(raws))
			}
			out, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			golden.EqualJSON(t, in, out)
			// decode -> encode is stable
			var m2 Message
			if err := json.Unmarshal(out, &m2); err != nil {
				t.Fatal(err)
			}
			out2, _ := json.Marshal(m2)
			golden.EqualJSON(t, out, out2)

			var cases []segGoldenCase
			for i, seg := range m {
				// each segment alone round-trips through its own methods
				one, err := json.Marshal(seg)
				if err != nil {
					t.Fatal(err)
				}
				golden.EqualJSON(t, raws[i], one)
				cases = append(cases, segGoldenCase{GoType: segGoTypeName(seg), CQ: Message{seg}.CQString(), JSON: one})
			}
			doc, _ := json.Marshal(cases)
			golden.JSON(t, filepath.Join("onebot11", "segments", "out", name+".json"), doc)
		})
	}
}

func TestKnownTypesDecodeTyped(t *testing.T) {
	in, err := os.ReadFile(golden.Path("onebot11", "segments", "in", "spec_examples.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m Message
	if err := json.Unmarshal(in, &m); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, seg := range m {
		if _, ok := seg.(*UnknownSegment); ok {
			t.Errorf("spec segment %q decoded as unknown", seg.SegmentType())
		}
		seen[seg.SegmentType()] = true
	}
	for _, typ := range []string{"text", "image", "music", "video", "record", "file", "flash_file", "at", "reply", "json", "face", "mface", "markdown", "node", "forward", "xml", "poke", "dice", "rps", "contact", "shake", "keyboard"} {
		if !seen[typ] {
			t.Errorf("spec type %q has no example", typ)
		}
	}
	for _, typ := range []string{"anonymous", "share", "location"} {
		if _, ok := segmentRegistry.New(typ); !ok {
			t.Errorf("standard type %q not registered", typ)
		}
	}
}

func TestSegmentLenientValues(t *testing.T) {
	var m Message
	in := `[{"type":"face","data":{"id":178}},{"type":"at","data":{"qq":-5}},{"type":"image","data":{"file":"f","cache":false,"subType":1.5}},{"type":"node","data":{"user_id":"1","content":"[CQ:at,qq=2]x"}}]`
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if got := m[0].(*FaceSegment).ID; got != "178" {
		t.Errorf("face id = %q", got)
	}
	if got := m[1].(*AtSegment).QQ; got != "-5" {
		t.Errorf("at qq = %q", got)
	}
	img := m[2].(*ImageSegment)
	if img.Cache != "false" || img.SubType != "1.5" {
		t.Errorf("image = %+v", img)
	}
	node := m[3].(*NodeSegment)
	if len(node.Content) != 2 || node.Content[0].(*AtSegment).QQ != "2" || node.Content.PlainText() != "x" {
		t.Errorf("node content = %#v", node.Content)
	}
	// a content string is written back as received while unchanged
	var n Message
	nin := `[{"type":"node","data":{"content":"&#44; & [CQ:face,id=1]&amp;"}}]`
	if err := json.Unmarshal([]byte(nin), &n); err != nil {
		t.Fatal(err)
	}
	nout, _ := json.Marshal(n)
	golden.EqualJSON(t, []byte(nin), nout)
	n[0].(*NodeSegment).Content = append(n[0].(*NodeSegment).Content, Text("!"))
	nout, _ = json.Marshal(n)
	golden.EqualJSON(t, []byte(`[{"type":"node","data":{"content":", &amp; [CQ:face,id=1]&amp;!"}}]`), nout)
	// a changed value is written in the representation it came in when it
	// still fits, else as a string
	m[0].(*FaceSegment).ID = "abc"
	m[1].(*AtSegment).QQ = "7"
	out, _ := json.Marshal(m[:2])
	golden.EqualJSON(t, []byte(`[{"type":"face","data":{"id":"abc"}},{"type":"at","data":{"qq":7}}]`), out)
}

func TestSegmentModifyDecoded(t *testing.T) {
	var m Message
	if err := json.Unmarshal([]byte(`[{"type":"image","data":{"file":"a"}},{"type":"text","data":null},{"type":"dice"}]`), &m); err != nil {
		t.Fatal(err)
	}
	m[0].(*ImageSegment).URL = "http://u"
	m[1].(*TextSegment).Text = "now"
	out, _ := json.Marshal(m)
	golden.EqualJSON(t, []byte(`[{"type":"image","data":{"file":"a","url":"http://u"}},{"type":"text","data":{"text":"now"}},{"type":"dice"}]`), out)
}

func TestSegmentMessageFromString(t *testing.T) {
	var m Message
	if err := json.Unmarshal([]byte(`"hello [CQ:face,id=1]\u4e16"`), &m); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(m)
	golden.EqualJSON(t, []byte(`[{"type":"text","data":{"text":"hello "}},{"type":"face","data":{"id":"1"}},{"type":"text","data":{"text":"世"}}]`), out)

	var n Message
	if err := json.Unmarshal([]byte(`null`), &n); err != nil || n != nil {
		t.Errorf("null: %v %v", n, err)
	}
	out, _ = json.Marshal(Message(nil))
	if string(out) != "[]" {
		t.Errorf("nil message = %s", out)
	}
	var st struct {
		Message Message `json:"message"`
	}
	if err := json.Unmarshal([]byte(`{"message":[{"type":"at","data":{"qq":"1"}}]}`), &st); err != nil || len(st.Message) != 1 {
		t.Errorf("in struct: %v %v", st, err)
	}
}

func TestSegmentMessageErrors(t *testing.T) {
	for _, in := range []string{`1`, `{}`, `[1,`, `"unterminated`, `[{"type":"text","data":{]`, `true`, ``} {
		var m Message
		if err := m.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	// a non-object element is kept, not dropped
	var m Message
	if err := json.Unmarshal([]byte(`[1,"x",null,{}]`), &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m[2].(*UnknownSegment); !ok || len(m) != 4 {
		t.Fatalf("non-objects: %#v", m)
	}
	out, _ := json.Marshal(m)
	golden.EqualJSON(t, []byte(`[1,"x",null,{}]`), out)
	if _, err := json.Marshal(Message{nil}); err == nil {
		t.Error("nil segment: no error")
	}
	// decoding into a used value starts from zero
	img := ImageSegment{URL: "old", Extra: map[string]json.RawMessage{"k": json.RawMessage(`1`)}}
	if err := json.Unmarshal([]byte(`{"type":"image","data":{"file":"f"}}`), &img); err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(&img); string(b) != `{"type":"image","data":{"file":"f"}}` {
		t.Errorf("reused value = %s", b)
	}
	if err := json.Unmarshal([]byte(`{"type":"text","data":{}}`), &img); err == nil {
		t.Error("wrong type: no error")
	}
}

// segCustomSeg is a user segment type without its own JSON methods.
type segCustomSeg struct {
	N int `json:"n"`
}

func (segCustomSeg) SegmentType() string { return "custom_x" }

func TestSegmentCustomSegment(t *testing.T) {
	m := Message{Text("a"), segCustomSeg{N: 2}}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`[{"type":"text","data":{"text":"a"}},{"type":"custom_x","data":{"n":2}}]`), out)
	if got := m.CQString(); got != "a[CQ:custom_x,n=2]" {
		t.Errorf("CQ = %q", got)
	}
}

func TestBuildersGolden(t *testing.T) {
	m := Message{
		Text("hi"), At(10001), AtAll(), Reply(-12), Face(178),
		Image("a.png"), ImageURL("https://example.com/a.png"), ImageBytes([]byte("png")), FlashImage("f.png"),
		Record("r.amr"), RecordBytes([]byte{1}), Video("v.mp4"), VideoBytes([]byte{2}), File("/tmp/f.txt", "f.txt"),
		JSONCard(`{"app":"x"}`), XMLCard("<x/>"), Markdown("# t"), MFace(1, "e", "k", "[s]"),
		Node(10001, "alice", Text("nested"), Node(10002, "bob", Face(1))), NodeRef(99), Forward("fw"),
		Music("qq", "123"), CustomMusic("u", "a", "t", "c", "i"), Poke("1", "2"), PokeUser(3), Dice(), RPS(), Shake(),
		ContactUser(10001), ContactGroup(20002), Share("u", "t", "", ""), Location(39.9, 116.4, "t", ""),
		Keyboard(json.RawMessage(`[{"buttons":[]}]`)),
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, "onebot11/segments/builders.json", out)
	doc, _ := json.Marshal(m.CQString())
	golden.JSON(t, "onebot11/segments/builders_cq.json", doc)
	// the array round-trips
	var back Message
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	golden.EqualJSON(t, out, again)
}

func TestSegmentFileURI(t *testing.T) {
	got := ImageFile("/tmp/a b#.png").File
	if got != "file:///tmp/a%20b%23.png" {
		t.Errorf("FileURI = %q", got)
	}
	if got := RecordFile("rel.amr").File; !strings.HasPrefix(got, "file:///") || !strings.HasSuffix(got, "/rel.amr") {
		t.Errorf("relative FileURI = %q", got)
	}
	if got := VideoFile("/v.mp4").File; got != "file:///v.mp4" {
		t.Errorf("video FileURI = %q", got)
	}
}

func TestSegmentPlainText(t *testing.T) {
	m := ParseCQ("a[CQ:at,qq=1]b&#91;c&#93;[CQ:face,id=2]")
	if got := m.PlainText(); got != "ab[c]" {
		t.Errorf("PlainText = %q", got)
	}
}

func TestSegmentTypes(t *testing.T) {
	have := map[string]bool{}
	for _, typ := range SegmentTypes() {
		have[typ] = true
	}
	for _, typ := range []string{"text", "image", "music", "video", "record", "file", "flash_file", "at", "reply", "json",
		"face", "mface", "markdown", "node", "forward", "xml", "poke", "dice", "rps", "contact", "shake", "keyboard",
		"anonymous", "share", "location"} {
		if !have[typ] {
			t.Errorf("type %q not registered", typ)
		}
	}
}

func ExampleParseCQ() {
	m := ParseCQ("[CQ:reply,id=42][CQ:at,qq=10001] hi &amp; [CQ:face,id=178]")
	for _, seg := range m {
		fmt.Printf("%T %q\n", seg, Message{seg}.CQString())
	}
	b, _ := json.Marshal(m[1:3])
	fmt.Println(string(b))
	// Output:
	// *onebot11.ReplySegment "[CQ:reply,id=42]"
	// *onebot11.AtSegment "[CQ:at,qq=10001]"
	// *onebot11.TextSegment " hi &amp; "
	// *onebot11.FaceSegment "[CQ:face,id=178]"
	// [{"type":"at","data":{"qq":"10001"}},{"type":"text","data":{"text":" hi \u0026 "}}]
}

func ExampleMessage_CQString() {
	m := Message{Reply(7), Text("see [1], & more"), Image("https://example.com/a.png?x=1,2")}
	fmt.Println(m.CQString())
	// Output: [CQ:reply,id=7]see &#91;1&#93;, &amp; more[CQ:image,file=https://example.com/a.png?x=1&#44;2]
}

func TestUnknownSegmentMethods(t *testing.T) {
	var u UnknownSegment
	if err := json.Unmarshal([]byte(` {"type":"gift","data":{"qq":"1"},"x":2} `), &u); err != nil {
		t.Fatal(err)
	}
	if u.SegmentType() != "gift" || string(u.Data()) != `{"qq":"1"}` {
		t.Errorf("unknown = %+v", u)
	}
	b, _ := json.Marshal(&u)
	golden.EqualJSON(t, []byte(`{"type":"gift","data":{"qq":"1"},"x":2}`), b)
	if err := json.Unmarshal([]byte(`[]`), &u); err == nil {
		t.Error("array accepted as a segment")
	}
	b, _ = json.Marshal(&UnknownSegment{Type: "gift"})
	golden.EqualJSON(t, []byte(`{"type":"gift","data":{}}`), b)
	if (&UnknownSegment{Type: "x", Raw: json.RawMessage(`{"type":"x"}`)}).Data() != nil {
		t.Error("Data of a segment without data")
	}
}

func TestRegisterSegment(t *testing.T) {
	RegisterSegment("tts_test", func() Segment { return &TextSegment{} })
	var m Message
	if err := json.Unmarshal([]byte(`[{"type":"tts_test","data":{"text":"hi"}}]`), &m); err != nil {
		t.Fatal(err)
	}
	if ts, ok := m[0].(*TextSegment); !ok || ts.Text != "hi" {
		t.Errorf("registered type decoded as %#v", m[0])
	}
}

func TestSegmentAccessors(t *testing.T) {
	m := ParseCQ("[CQ:at,qq=all][CQ:at,qq=10001][CQ:reply,id=-5][CQ:face,id=x][CQ:node,uin=7,name=n][CQ:node,id=9]")
	if !m[0].(*AtSegment).IsAll() || m[1].(*AtSegment).IsAll() {
		t.Error("IsAll")
	}
	if _, ok := m[0].(*AtSegment).UserID(); ok {
		t.Error("all has a user id")
	}
	if id, ok := m[1].(*AtSegment).UserID(); !ok || id != 10001 {
		t.Error("UserID")
	}
	if id, ok := m[2].(*ReplySegment).MessageID(); !ok || id != -5 {
		t.Error("MessageID")
	}
	if _, ok := m[3].(*FaceSegment).FaceID(); ok {
		t.Error("FaceID of x")
	}
	n := m[4].(*NodeSegment)
	if id, ok := n.SenderID(); !ok || id != 7 || n.SenderName() != "n" {
		t.Error("go-cqhttp node sender")
	}
	if id, ok := m[5].(*NodeSegment).MessageID(); !ok || id != 9 {
		t.Error("node ref")
	}
	b := Node(1, "a")
	if id, ok := b.SenderID(); !ok || id != 1 || b.SenderName() != "a" {
		t.Error("built node sender")
	}
}
