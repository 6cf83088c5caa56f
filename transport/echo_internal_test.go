package transport

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

func TestFindEcho(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{`{"echo":"a-1"}`, `"a-1"`, true},
		{` { "status" : "ok" , "data" : {"echo":"inner","x":[1,"}]",{"a":"\""}]} , "echo" : 42 } `, `42`, true},
		{`{"data":"echo","echo":{"k":[1,2]}}`, `{"k":[1,2]}`, true},
		{`{"e\u0063ho":null}`, `null`, true},
		{`{"echo\"":1,"echo":true}`, `true`, true},
		{`{"data":{"echo":"nested only"}}`, ``, false},
		{`["echo","x"]`, ``, false},
		{`{"echo"`, ``, false},
		{`{"echo":}`, ``, false},
		{`{"a":"unterminated`, ``, false},
		{``, ``, false},
		{`{"a":1 "echo":2}`, ``, false},
	}
	for _, tc := range cases {
		got, ok := findEcho([]byte(tc.in))
		if ok != tc.ok || string(got) != tc.want {
			t.Errorf("findEcho(%s) = %s, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestEchoGenAndKey(t *testing.T) {
	c := newCorrelator()
	for _, n := range []uint64{0, 1, 18446744073709551615} {
		raw := c.gen.appendEcho(nil, n)
		if got, ok := c.gen.parse(raw); !ok || got != n {
			t.Errorf("round trip %d: %s -> %d %v", n, raw, got, ok)
		}
	}
	other := newCorrelator()
	other.gen = echoGen{'0', '0', '0', '0', '0', '0', '0', '0'}
	if c.gen == other.gen {
		other.gen[0] = '1'
	}
	for _, raw := range []string{string(other.gen.appendEcho(nil, 5)), `"x"`, `5`, `"` + string(c.gen[:]) + `-1a"`, `"` + string(c.gen[:]) + `-"`} {
		if _, ok := c.gen.parse([]byte(raw)); ok {
			t.Errorf("parse(%s) accepted", raw)
		}
	}
	if echoKey([]byte(`{ "b":1, "a":[1.0] }`)) != echoKey([]byte(`{"a":[1],"b":1}`)) {
		t.Error("object echoes differing in layout must match")
	}
	if echoKey([]byte(`"e\u0063ho"`)) != echoKey([]byte(`"echo"`)) || echoKey([]byte(`"a"`)) == echoKey([]byte(`"b"`)) {
		t.Error("string echo normalisation")
	}
	_, f := c.request("a\"b", nil)
	var m map[string]any
	if err := json.Unmarshal(f.b, &m); err != nil || m["action"] != "a\"b" {
		t.Errorf("request frame %s: %v", f.b, err)
	}
}

func FuzzFindEcho(f *testing.F) {
	for _, s := range []string{`{"echo":"a-1"}`, `{"a":[{"echo":1}],"echo":{"x":"}"}}`, `{"e\u0063ho":1}`, `{`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		raw, ok := findEcho(b)
		if ok && !json.Valid(raw) && json.Valid(b) {
			t.Fatalf("findEcho(%s) = invalid value %s", b, raw)
		}
		want, n := decodedEchoes(b)
		if n != 1 {
			return // not an object, no echo, or duplicates (first vs last wins)
		}
		if !ok || echoKey(raw) != echoKey(want) {
			t.Fatalf("findEcho(%s) = %s, %v; decode says %s", b, raw, ok, want)
		}
	})
}

// decodedEchoes returns the value of the top-level "echo" key as a full
// decode sees it, and how many times the key occurs (-1: not an object).
func decodedEchoes(b []byte) (json.RawMessage, int) {
	if !json.Valid(b) {
		return nil, -1
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, -1
	}
	var val json.RawMessage
	n := 0
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return nil, -1
		}
		var v json.RawMessage
		if d.Decode(&v) != nil {
			return nil, -1
		}
		if tok == "echo" {
			n++
			val = v
		}
	}
	return val, n
}

func FuzzSSEParser(f *testing.F) {
	f.Add([]byte("data: a\r\ndata: b\r\n\r\nevent: x\rdata: c\r\r"), 3)
	f.Add([]byte("\uFEFFid: 1\nretry: 10\n: c\ndata\n\n"), 1)
	f.Fuzz(func(t *testing.T, stream []byte, chunk int) {
		collect := func(step int) []SSEEvent {
			var evs []SSEEvent
			p := &sseParser{max: 1 << 20, dispatch: func(ev SSEEvent) { evs = append(evs, ev) }}
			for i := 0; i < len(stream); i += step {
				p.feed(stream[i:min(i+step, len(stream))])
			}
			return evs
		}
		whole := collect(max(len(stream), 1))
		step := chunk%7 + 1
		if step < 1 {
			step = 1
		}
		parts := collect(step)
		if len(whole) != len(parts) {
			t.Fatalf("chunking changed the event count: %d vs %d", len(whole), len(parts))
		}
		for i := range whole {
			if whole[i].ID != parts[i].ID || whole[i].Name != parts[i].Name || string(whole[i].Data) != string(parts[i].Data) {
				t.Fatalf("event %d differs across chunkings", i)
			}
		}
	})
}

func TestSSEParserRetry(t *testing.T) {
	p := &sseParser{dispatch: func(SSEEvent) {}}
	p.feed([]byte("retry: 1500\n\nretry: x\nretry: -5\n"))
	if !p.retrySet || p.retry != 1500*time.Millisecond {
		t.Errorf("retry %v %v", p.retrySet, p.retry)
	}
}
