package onebot11

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/segment"
)

// deepNodes returns a message of n node segments each holding the next in
// its content (array form), the innermost holding a text.
func deepNodes(n int) string {
	return strings.Repeat(`[{"type":"node","data":{"user_id":"1","content":`, n) +
		`[{"type":"text","data":{"text":"x"}}]` + strings.Repeat(`}}]`, n)
}

// nodeAt follows the first node's content depth times.
func nodeAt(t *testing.T, m Message, depth int) *NodeSegment {
	t.Helper()
	for i := 0; ; i++ {
		n, ok := m[0].(*NodeSegment)
		if !ok {
			t.Fatalf("level %d is %T", i, m[0])
		}
		if i == depth {
			return n
		}
		m = n.Content
	}
}

// TestNodeNestingBound: node contents nested deeper than segment.MaxNesting
// are not decoded (every level above scans them once more, so a frame of n
// bytes could cost n² work: 3300 levels in 122 kB took 1.6 s); the deepest
// decoded node keeps the rest in Extra["content"], and the message
// re-encodes to the same JSON value.
func TestNodeNestingBound(t *testing.T) {
	in := deepNodes(segment.MaxNesting + 10)
	var m Message
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	last := nodeAt(t, m, segment.MaxNesting)
	if last.Content != nil || last.Extra["content"] == nil {
		t.Fatalf("node at depth %d: content %v, extra %s", segment.MaxNesting, last.Content, last.Extra["content"])
	}
	if n := nodeAt(t, m, segment.MaxNesting-1); len(n.Content) != 1 || len(n.Extra) != 0 {
		t.Fatalf("node at depth %d not decoded: %+v", segment.MaxNesting-1, n)
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(in), out)

	// The kept content decodes on its own (from depth 0 again).
	var rest Message
	if err := json.Unmarshal(last.Extra["content"], &rest); err != nil || len(rest) != 1 {
		t.Fatalf("kept content: %v, %d segments", err, len(rest))
	}

	// Directly: too deep is an error wrapping segment.ErrTooDeep.
	err = rest.UnmarshalJSONNested(`[]`, segment.MaxNesting+1)
	if !errors.Is(err, segment.ErrTooDeep) || !errors.Is(err, ErrBadMessage) {
		t.Fatalf("UnmarshalJSONNested beyond the bound: %v", err)
	}

	// The CQ form is bounded the same way and stays stable.
	cq := m.CQString()
	p := ParseCQ(cq)
	if deep := nodeAt(t, p, segment.MaxNesting); deep.Content != nil || deep.Extra["content"] == nil {
		t.Fatalf("CQ: node at depth %d decoded", segment.MaxNesting)
	}
	if p.CQString() != cq {
		t.Fatal("CQ form not stable")
	}

	// An event holding it still parses (it did, in 1.6 s for 3300 levels).
	ev, err := ParseEvent([]byte(`{"post_type":"message","message_type":"private","message":` + deepNodes(3300) + `}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ev.(*PrivateMessageEvent); !ok {
		t.Fatalf("%T", ev)
	}
}

// TestNodeNestingEncode: encoding nodes built in code is linear in their
// depth (the codec used to encode a content once per level above it to
// see whether it is empty: 2^depth work, 1.2 s at depth 20).
func TestNodeNestingEncode(t *testing.T) {
	m := Message{Text("x")}
	for range 60 {
		m = Message{&NodeSegment{UserID: "1", Content: m}}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), `"type":"node"`); n != 60 {
		t.Fatalf("%d nodes encoded", n)
	}
	if n := strings.Count(m.CQString(), "CQ:node"); n != 60 {
		t.Fatalf("%d nodes in the CQ form", n)
	}
	// An empty content is still left out.
	b, _ = json.Marshal(Message{&NodeSegment{ID: "5"}})
	golden.EqualJSON(t, []byte(`[{"type":"node","data":{"id":"5"}}]`), b)
}
