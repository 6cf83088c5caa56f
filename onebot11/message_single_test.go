package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
)

// A message may be one segment object (OneBot 11 api/README.md).
func TestMessageSingleObjectDecode(t *testing.T) {
	for _, tc := range []struct {
		in, typ string
	}{
		{`{"type":"text","data":{"text":"hi"}}`, "text"},
		{` {"type":"face","data":{"id":"14"},"x":1} `, "face"},
		{`{"type":"no_such_type","data":{"a":[1,{"b":null}]}}`, "no_such_type"},
		{`{"type":"text","data":"not an object"}`, "text"},
	} {
		var m onebot11.Message
		if err := json.Unmarshal([]byte(tc.in), &m); err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if len(m) != 1 || m[0].SegmentType() != tc.typ {
			t.Fatalf("%s: decoded %#v", tc.in, m)
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(out), "{") || !golden.SameJSON([]byte(tc.in), out) {
			t.Errorf("%s: re-encoded as %s", tc.in, out)
		}
	}
	var m onebot11.Message
	if err := json.Unmarshal([]byte(`{"type":"text","data":{"text":"hi"}}`), &m); err != nil {
		t.Fatal(err)
	}
	if ts, ok := m[0].(*onebot11.TextSegment); !ok || ts.Text != "hi" {
		t.Errorf("segment %#v", m[0])
	}
	if m.PlainText() != "hi" || m.CQString() != "hi" {
		t.Errorf("PlainText %q, CQString %q", m.PlainText(), m.CQString())
	}
}

func TestMessageSingleObjectErrors(t *testing.T) {
	// Not JSON, or an object that is not a segment (no string "type").
	for _, in := range []string{`{"type":"text"`, `{"type":"text"} x`, `{"type":}`, `{`, `{}`, `{"data":{"text":"x"}}`, `{"type":1,"data":{}}`} {
		var m onebot11.Message
		err := m.UnmarshalJSON([]byte(in))
		if !errors.Is(err, onebot11.ErrBadMessage) {
			t.Errorf("%s: err %v", in, err)
		}
	}
	for _, in := range []string{`1`, `true`} {
		var m onebot11.Message
		if err := json.Unmarshal([]byte(in), &m); !errors.Is(err, onebot11.ErrBadMessage) {
			t.Errorf("%s: err %v", in, err)
		}
	}
}

// Once changed, a single-object message encodes as an array.
func TestMessageSingleObjectModified(t *testing.T) {
	const in = `{"type":"text","data":{"text":"hi"}}`
	decode := func() onebot11.Message {
		var m onebot11.Message
		if err := json.Unmarshal([]byte(in), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	encode := func(m onebot11.Message) string {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	m := decode()
	m = append(m, &onebot11.TextSegment{Text: "!"})
	if got := encode(m); !golden.SameJSON([]byte(got), []byte(`[{"type":"text","data":{"text":"hi"}},{"type":"text","data":{"text":"!"}}]`)) {
		t.Errorf("appended: %s", got)
	}

	m = decode()
	m[0] = &onebot11.TextSegment{Text: "bye"}
	if got := encode(m); !golden.SameJSON([]byte(got), []byte(`[{"type":"text","data":{"text":"bye"}}]`)) {
		t.Errorf("replaced: %s", got)
	}

	m = decode()
	if got := encode(m[:0]); got != `[]` {
		t.Errorf("emptied: %s", got)
	}

	m = decode()
	c := append(onebot11.Message(nil), m...)
	if got := encode(c); !golden.SameJSON([]byte(got), []byte(`[`+in+`]`)) {
		t.Errorf("copied: %s", got)
	}
	// The original, untouched, keeps its form.
	if got := encode(m); !golden.SameJSON([]byte(got), []byte(in)) {
		t.Errorf("original: %s", got)
	}
	// An appended-to copy sharing the backing array changes the original
	// too (its marker is overwritten): the array form, never stale output.
	_ = append(m, &onebot11.TextSegment{Text: "x"})
	if got := encode(m); !golden.SameJSON([]byte(got), []byte(`[`+in+`]`)) {
		t.Errorf("after a sibling append: %s", got)
	}
	// Built by hand, a one-segment message is an array.
	if got := encode(onebot11.Message{&onebot11.TextSegment{Text: "hi"}}); !strings.HasPrefix(got, "[") {
		t.Errorf("hand-built: %s", got)
	}
}

func TestMessageSingleObjectInParams(t *testing.T) {
	const in = `{"group_id":123,"message":{"type":"text","data":{"text":"hi"}},"auto_escape":true,"x":1}`
	var p onebot11.SendGroupMsgParams
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	if p.GroupID != 123 || len(p.Message) != 1 || p.Message.PlainText() != "hi" {
		t.Fatalf("decoded %+v", p)
	}
	out, err := json.Marshal(&p)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(in), out)
}

// send_group_msg over HTTP to the real Server with message as one object.
func TestServerSingleObjectMessage(t *testing.T) {
	noLeaks(t)
	got := make(chan *onebot11.SendGroupMsgParams, 1)
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(func(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
		got <- p
		return &onebot11.SendGroupMsgResult{MessageID: 9}, nil
	})
	_, base, hc := srvSetup(t, mux, nil)
	ctx := srvCtx(t)
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/send_group_msg",
		strings.NewReader(`{"group_id":123,"message":{"type":"text","data":{"text":"hi"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var doc struct {
		Status string `json:"status"`
		Data   struct {
			MessageID int64 `json:"message_id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Status != "ok" || doc.Data.MessageID != 9 {
		t.Fatalf("response %s (%v)", body, err)
	}
	select {
	case p := <-got:
		if p.GroupID != 123 || len(p.Message) != 1 {
			t.Fatalf("handler got %+v", p)
		}
		if ts, ok := p.Message[0].(*onebot11.TextSegment); !ok || ts.Text != "hi" {
			t.Errorf("segment %#v", p.Message[0])
		}
	default:
		t.Fatal("handler not called")
	}
}
