package onebot11

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/segment"
)

// TestCQGolden parses every case of testdata/cqcode/cases.json and records
// the array form and the re-formatted CQ string.
func TestCQGolden(t *testing.T) {
	in, err := os.ReadFile(golden.Path("cqcode", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases map[string]string
	if err := json.Unmarshal(in, &cases); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Message Message `json:"message"`
		CQ      string  `json:"cq"`
	}
	out := map[string]result{}
	for name, s := range cases {
		m := ParseCQ(s)
		segCheckCQInvariants(t, s, m)
		out[name] = result{Message: m, CQ: m.CQString()}
	}
	doc, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, "cqcode/parsed.json", doc)
}

func TestCQSemantics(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // JSON of the array form
	}{
		{"a&#44;b", `[{"type":"text","data":{"text":"a,b"}}]`},
		{"&amp;#91;", `[{"type":"text","data":{"text":"&#91;"}}]`},
		{"[CQ:share,url=u,title=a=b]", `[{"type":"share","data":{"url":"u","title":"a=b"}}]`},
		{"[CQ:face,id=1]]", `[{"type":"face","data":{"id":"1"}},{"type":"text","data":{"text":"]"}}]`},
		{"x[CQ:face,id=1", `[{"type":"text","data":{"text":"x[CQ:face,id=1"}}]`},
		{"[CQ:]", `[{"type":"text","data":{"text":"[CQ:]"}}]`},
		{"[CQ:face, id=1]", `[{"type":"text","data":{"text":"[CQ:face, id=1]"}}]`},
		{"[CQ:face,id=1,id=2]", `[{"type":"text","data":{"text":"[CQ:face,id=1,id=2]"}}]`},
		{"[CQ:face,id=1,xid=2,d=3,id=4]", `[{"type":"text","data":{"text":"[CQ:face,id=1,xid=2,d=3,id=4]"}}]`},
		{"[CQ:face,xid=1,id=2]", `[{"type":"face","data":{"id":"2","xid":"1"}}]`},
		{"[CQ:at,qq=1,name=&amp;&#44;&#91;&#93;]", `[{"type":"at","data":{"qq":"1","name":"&,[]"}}]`},
		{"[CQ:tts,text=hi]", `[{"type":"tts","data":{"text":"hi"}}]`},
		{"", `[]`},
	} {
		got, err := json.Marshal(ParseCQ(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if !golden.SameJSON(got, []byte(tc.want)) {
			t.Errorf("ParseCQ(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestCQStringEscaping(t *testing.T) {
	m := Message{
		Text("&[],="),
		&ShareSegment{URL: "a,b&c[d]e=f", Title: "t"},
		&UnknownSegment{Type: "x", Raw: json.RawMessage(`{"type":"x","data":{"k":"v,1","n":2}}`)},
	}
	want := "&amp;&#91;&#93;,=[CQ:share,url=a&#44;b&amp;c&#91;d&#93;e=f,title=t][CQ:x,k=v&#44;1,n=2]"
	if got := m.CQString(); got != want {
		t.Errorf("CQString = %q\nwant       %q", got, want)
	}
	// deterministic: known keys in schema order, then extra keys sorted
	img := &ImageSegment{File: "f", Extra: map[string]json.RawMessage{"z": json.RawMessage(`"1"`), "a": json.RawMessage(`"2"`)}}
	for range 5 {
		if got := (Message{img}).CQString(); got != "[CQ:image,file=f,a=2,z=1]" {
			t.Fatalf("CQString = %q", got)
		}
	}
}

// segNormalize merges adjacent text segments and drops empty ones, so two
// messages meaning the same compare equal.
func segNormalize(m Message) Message {
	var out Message
	for _, seg := range m {
		t, ok := seg.(*TextSegment)
		if ok && len(t.Extra) == 0 {
			if t.Text == "" {
				continue
			}
			if n := len(out); n > 0 {
				if prev, ok := out[n-1].(*TextSegment); ok && len(prev.Extra) == 0 {
					out[n-1] = &TextSegment{Text: prev.Text + t.Text}
					continue
				}
			}
			out = append(out, &TextSegment{Text: t.Text})
			continue
		}
		out = append(out, seg)
	}
	return out
}

func segJsonOf(t testing.TB, m Message) string {
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("marshal %#v: %v", m, err)
	}
	return string(b)
}

// segCheckCQInvariants: ParseCQ(m.CQString()) reproduces m, and nothing of s
// is lost: every character of s that is not CQ syntax or an escape shows up
// in the parsed message.
func segCheckCQInvariants(t testing.TB, s string, m Message) {
	t.Helper()
	cq := m.CQString()
	again := ParseCQ(cq)
	if a, b := segJsonOf(t, segNormalize(m)), segJsonOf(t, segNormalize(again)); !golden.SameJSON([]byte(a), []byte(b)) {
		t.Fatalf("ParseCQ(CQString()) differs for %q\ncq:    %q\nfirst: %s\nagain: %s", s, cq, a, b)
	}
	if cq2 := again.CQString(); cq2 != cq {
		t.Fatalf("CQString not stable for %q: %q then %q", s, cq, cq2)
	}
	if !strings.Contains(s, "[CQ:") {
		// no codes: the whole input is one text (unescaped)
		if len(m) > 1 || (len(m) == 1 && m.PlainText() != segUnescapeRef(s)) || (len(m) == 0 && s != "") {
			t.Fatalf("text %q parsed as %s", s, segJsonOf(t, m))
		}
	}
	// character accounting: every rune of the input other than CQ syntax
	// shows up in the CQ form of the parse (keys may be reordered)
	if utf8.ValidString(s) && !strings.Contains(s, "&") && !strings.Contains(s, "\"") {
		if !segSubMultiset(segSignificant(s), segSignificant(cq)) {
			t.Fatalf("lost characters: %q -> %q", s, cq)
		}
	}
}

func segUnescapeRef(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&#91;", "[", "&#93;", "]", "&#44;", ",")
	return r.Replace(s)
}

func segSignificant(s string) []rune {
	var out []rune
	for _, r := range s {
		if r != '[' && r != ']' && r != ',' && r != '&' && r != ';' && r != '#' && r != '=' && r != ':' {
			out = append(out, r)
		}
	}
	return out
}

// segSubMultiset reports whether every rune of a occurs in b at least as
// often.
func segSubMultiset(a, b []rune) bool {
	count := map[rune]int{}
	for _, r := range b {
		count[r]++
	}
	for _, r := range a {
		if count[r] == 0 {
			return false
		}
		count[r]--
	}
	return true
}

func TestCQInvariantsOnCorpus(t *testing.T) {
	for _, s := range segCqSeeds() {
		segCheckCQInvariants(t, s, ParseCQ(s))
	}
}

func segCqSeeds() []string {
	in, err := os.ReadFile(golden.Path("cqcode", "cases.json"))
	if err != nil {
		return nil
	}
	var cases map[string]string
	_ = json.Unmarshal(in, &cases)
	out := make([]string, 0, len(cases))
	for _, s := range cases {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func FuzzParseCQ(f *testing.F) {
	for _, s := range segCqSeeds() {
		f.Add(s)
	}
	// Adversarial nesting: node contents nested past segment.MaxNesting
	// (the deepest stays text in Extra), unbalanced and stacked openers.
	var deep Message
	if err := json.Unmarshal([]byte(deepNodes(segment.MaxNesting+3)), &deep); err != nil {
		f.Fatal(err)
	}
	f.Add(deep.CQString())
	f.Add(strings.Repeat("[CQ:node,content=", 50) + strings.Repeat("]", 50))
	f.Add(strings.Repeat("[CQ:", 200) + "a]" + strings.Repeat("&#93;]", 200))
	f.Add("[CQ:node,content=&#91;CQ:node&#44;content=&amp;#91;CQ:face&amp;#44;id=1&amp;#93;&#93;]")
	f.Fuzz(func(t *testing.T, s string) {
		m := ParseCQ(s)
		segCheckCQInvariants(t, s, m)
		// the array form round-trips through JSON
		b := segJsonOf(t, m)
		var back Message
		if err := json.Unmarshal([]byte(b), &back); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
		if c := segJsonOf(t, back); c != b {
			t.Fatalf("JSON round trip: %s -> %s", b, c)
		}
		if !reflect.DeepEqual(ParseCQ(s), m) {
			t.Fatal("ParseCQ not deterministic")
		}
	})
}
