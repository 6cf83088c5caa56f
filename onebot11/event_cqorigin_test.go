package onebot11

import (
	"encoding/json"
	"strings"
	"testing"
)

// A string-format message re-encodes as its string only while unchanged;
// a segment changed in place or replaced makes it an array.
func TestStringMessageChangedEncodesArray(t *testing.T) {
	frame := `{"time":1,"self_id":10,"post_type":"message","message_type":"private","sub_type":"friend","message_id":5,"user_id":20,"message":"hello[CQ:face,id=1]","raw_message":"hello[CQ:face,id=1]","font":0,"sender":{"user_id":20,"nickname":"a"}}`
	parse := func() *PrivateMessageEvent {
		ev, err := ParseEvent([]byte(frame))
		if err != nil {
			t.Fatal(err)
		}
		return ev.(*PrivateMessageEvent)
	}
	enc := func(ev *PrivateMessageEvent) string {
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := enc(parse()); !strings.Contains(got, `"message":"hello[CQ:face,id=1]"`) {
		t.Fatalf("unchanged message not kept as a string: %s", got)
	}
	ev := parse()
	ev.Message[0].(*TextSegment).Text = "changed"
	if got := enc(ev); !strings.Contains(got, `"message":[{"type":"text","data":{"text":"changed"}}`) {
		t.Fatalf("message changed in place still encoded as the old string: %s", got)
	}
	ev = parse()
	ev.Message[0] = Text("replaced")
	if got := enc(ev); !strings.Contains(got, `"text":"replaced"`) || strings.Contains(got, `"message":"hello`) {
		t.Fatalf("replaced segment still encoded as the old string: %s", got)
	}
}
