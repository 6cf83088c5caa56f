package segment

import (
	"encoding/json"
	"strings"
	"testing"
)

// testSeg exercises every field kind.
type testSeg struct {
	S     string
	I     int64
	B     bool
	L     []string
	J     json.RawMessage
	N     testNested
	Meta  Meta
	Extra map[string]json.RawMessage
}

// testNested is a KindJSON value with a CQ form.
type testNested struct{ v string }

func (n *testNested) UnmarshalJSONString(raw string) error {
	s, err := String(raw)
	if err != nil {
		return err
	}
	n.v = strings.ToLower(s)
	return nil
}
func (n testNested) MarshalJSON() ([]byte, error) { return AppendString(nil, n.v), nil }
func (n testNested) CQString() string             { return n.v }

var testSchema = Schema{Type: "t", Fields: []Field{
	{Name: "s", Kind: KindString, Required: true},
	{Name: "i", Kind: KindInt},
	{Name: "b", Kind: KindBool},
	{Name: "l", Kind: KindStrings},
	{Name: "j", Kind: KindJSON},
	{Name: "n", Kind: KindJSON},
}}

func (s *testSeg) SegmentData() (*Schema, *Meta, *map[string]json.RawMessage) {
	return &testSchema, &s.Meta, &s.Extra
}

func (s *testSeg) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.S
	case 1:
		return &s.I
	case 2:
		return &s.B
	case 3:
		return &s.L
	case 4:
		return &s.J
	case 5:
		return &s.N
	}
	return nil
}

func decodeTest(t *testing.T, in string) (*testSeg, string) {
	t.Helper()
	env, err := ParseEnvelope(in)
	if err != nil {
		t.Fatal(err)
	}
	var s testSeg
	if !DecodeData(&s, &env, 0) {
		t.Fatalf("DecodeData(%s) = false", in)
	}
	out, err := AppendJSON(nil, &s)
	if err != nil {
		t.Fatal(err)
	}
	return &s, string(out)
}

func sameJSON(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	ja, _ := json.Marshal(va)
	jb, _ := json.Marshal(vb)
	return string(ja) == string(jb)
}

func TestDataRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"type":"t","data":{"s":"x","i":1,"b":true,"l":["a"],"j":{"k":[1]},"n":"CQ"}}`,
		`{"type":"t","data":{"s":12.5,"i":"-3","b":"false","l":[],"j":null,"n":null}}`,
		`{"type":"t","data":{"s":true,"i":1.5,"b":1,"l":[1],"j":[],"n":7}}`,
		`{"type":"t","data":{"s":{"o":1},"i":"01","b":"0","l":"x","x":"extra"}}`,
		`{"type":"t","data":{"s":null,"i":null,"b":null,"l":null}}`,
		`{"type":"t","data":{}}`,
		`{"type":"t","data":null,"env":[1]}`,
		`{"type":"t"}`,
		`{"env":"first","type":"t","data":{"s":"x"}}`,
	} {
		s, out := decodeTest(t, in)
		if !sameJSON(in, out) {
			t.Errorf("round trip:\n in: %s\nout: %s", in, out)
		}
		if !s.Meta.Decoded() {
			t.Error("Decoded() = false")
		}
	}
	s, _ := decodeTest(t, `{"type":"t","data":{"s":12.5,"i":"-3","b":"false","n":"CQ"},"e":1}`)
	if s.S != "12.5" || s.I != -3 || s.B || s.N.v != "cq" || !s.Meta.Present(0) || s.Meta.Present(3) || string(s.Meta.Envelope()["e"]) != "1" {
		t.Errorf("decoded %+v", s)
	}
	// changed values: representation kept when it still fits
	s.S, s.I, s.B = "abc", 4, true
	out, _ := AppendJSON(nil, s)
	if !sameJSON(string(out), `{"type":"t","data":{"s":"abc","i":"4","b":"true","n":"CQ"},"e":1}`) {
		t.Errorf("changed: %s", out)
	}
	s.N.v = "other"
	out, _ = AppendJSON(nil, s)
	if !strings.Contains(string(out), `"n":"other"`) {
		t.Errorf("changed nested: %s", out)
	}
	// data that is not an object is refused
	env, _ := ParseEnvelope(`{"type":"t","data":"str"}`)
	var bad testSeg
	if DecodeData(&bad, &env, 0) || bad.Meta.Decoded() {
		t.Error("string data accepted")
	}
	env, _ = ParseEnvelope(`{"type":1,"data":{}}`)
	if DecodeData(&bad, &env, 0) {
		t.Error("numeric type accepted")
	}
}

func TestDataBuilt(t *testing.T) {
	out, err := AppendJSON(nil, &testSeg{})
	if err != nil || string(out) != `{"type":"t","data":{"s":""}}` {
		t.Errorf("zero = %s, %v", out, err)
	}
	out, _ = AppendJSON(nil, &testSeg{S: "a", I: 2, B: true, L: []string{"x", "y"}, J: json.RawMessage(`{"a":1}`), Extra: map[string]json.RawMessage{"z": json.RawMessage(`2`), "y": nil}})
	if string(out) != `{"type":"t","data":{"s":"a","i":2,"b":true,"l":["x","y"],"j":{"a":1},"y":null,"z":2}}` {
		t.Errorf("full = %s", out)
	}
	cq := string(AppendCQ(nil, &testSeg{S: "a,b", I: -1, B: true, L: []string{"x", "y"}, N: testNested{"n"}}))
	if cq != "[CQ:t,s=a&#44;b,i=-1,b=true,l=x&#44;y,n=n]" {
		t.Errorf("cq = %q", cq)
	}
}

func TestDecodeCQParams(t *testing.T) {
	var s testSeg
	DecodeCQParams(&s, "s=&#91;x&#93;,i=5,b=1,j=&#91;1&#93;,q=r,l=z", nil, 0)
	if s.S != "[x]" || s.I != 5 || !s.B || string(s.J) != `"[1]"` {
		t.Errorf("decoded %+v", s)
	}
	out, _ := AppendJSON(nil, &s)
	if !sameJSON(string(out), `{"type":"t","data":{"s":"[x]","i":"5","b":"1","j":"[1]","q":"r","l":"z"}}`) {
		t.Errorf("json = %s", out)
	}
	var s2 testSeg
	DecodeCQParams(&s2, "i=x,b=maybe", NewCQScanner("i=x,b=maybe"), 0)
	if s2.I != 0 || string(s2.Extra["i"]) != `"x"` || string(s2.Extra["b"]) != `"maybe"` {
		t.Errorf("misfits %+v", s2)
	}
}

func TestDecodeObject(t *testing.T) {
	var s testSeg
	if err := DecodeObject(&s, ` {"s":"v","extra":1} `, 0); err != nil || s.S != "v" {
		t.Fatalf("%+v %v", s, err)
	}
	out, _ := AppendData(nil, &s)
	if string(out) != `{"s":"v","extra":1}` {
		t.Errorf("AppendData = %s", out)
	}
	for _, bad := range []string{`[]`, `{"s":}`, `{} x`, ``} {
		if err := DecodeObject(&testSeg{}, bad, 0); err == nil {
			t.Errorf("DecodeObject(%q) accepted", bad)
		}
	}
}

func TestCQAppendHelpers(t *testing.T) {
	b := AppendCQCode(nil, "x")
	b = AppendCQParam(b, "k", "a,b")
	if string(b)+"]" != "[CQ:x,k=a&#44;b]" {
		t.Errorf("%s", b)
	}
	k, v, rest, ok := NextCQParam("a=1&amp;,b")
	if k != "a" || v != "1&" || rest != "b" || !ok {
		t.Errorf("NextCQParam = %q %q %q %v", k, v, rest, ok)
	}
	if k, v, _, ok := NextCQParam("b"); k != "b" || v != "" || !ok {
		t.Errorf("NextCQParam(no =) = %q %q", k, v)
	}
	if _, _, _, ok := NextCQParam(""); ok {
		t.Error("empty params")
	}
}
