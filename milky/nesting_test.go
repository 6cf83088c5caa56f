package milky

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/segment"
)

// TestSegmentNestingBound: replies quoting replies and forwards holding
// forwards are decoded to segment.MaxNesting levels; deeper lists stay in
// the Extra of the segment holding them (each level used to scan all the
// levels below once more: a 156 kB event with 2000 nested replies took
// 0.6 s). Nothing is lost: the value re-encodes to the same JSON.
func TestSegmentNestingBound(t *testing.T) {
	const n = segment.MaxNesting + 8
	replies := strings.Repeat(`[{"type":"reply","data":{"message_seq":1,"sender_id":2,"time":3,"segments":`, n) +
		`[{"type":"text","data":{"text":"x"}}]` + strings.Repeat(`}}]`, n)
	var in IncomingSegments
	if err := json.Unmarshal([]byte(replies), &in); err != nil {
		t.Fatal(err)
	}
	r, depth := in[0].(*IncomingReplySegment), 0
	for r.Segments != nil {
		r, depth = r.Segments[0].(*IncomingReplySegment), depth+1
	}
	if depth != segment.MaxNesting || r.Extra["segments"] == nil {
		t.Fatalf("decoded to depth %d; extra %.40s", depth, r.Extra["segments"])
	}
	out, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(replies), out)

	// In an event (the in-place segment reader) too.
	frame := `{"time":1,"self_id":2,"event_type":"message_receive","data":{"message_scene":"friend","peer_id":3,"message_seq":4,"sender_id":3,"time":1,"segments":` + replies + `}}`
	ev, err := ParseEvent([]byte(frame))
	if err != nil {
		t.Fatal(err)
	}
	out, err = json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(frame), out)

	// A forward level is two: the messages list and each message's
	// segments (the segments at depth 32 are the 17th level's).
	fwd := strings.Repeat(`[{"type":"forward","data":{"messages":[{"user_id":1,"sender_name":"a","segments":`, n) +
		`[]` + strings.Repeat(`}]}}]`, n)
	var o OutgoingSegments
	if err := json.Unmarshal([]byte(fwd), &o); err != nil {
		t.Fatal(err)
	}
	f, levels := o[0].(*OutgoingForwardSegment), 1
	for f.Messages != nil && len(f.Messages[0].Segments) > 0 {
		f, levels = f.Messages[0].Segments[0].(*OutgoingForwardSegment), levels+1
	}
	if levels != segment.MaxNesting/2+1 || f.Extra["messages"] == nil {
		t.Fatalf("decoded %d forward levels", levels)
	}
	out, err = json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(fwd), out)

	if err := o.UnmarshalJSONNested(`[]`, segment.MaxNesting+1); !errors.Is(err, segment.ErrTooDeep) || !errors.Is(err, ErrBadSegments) {
		t.Fatalf("UnmarshalJSONNested beyond the bound: %v", err)
	}
}
