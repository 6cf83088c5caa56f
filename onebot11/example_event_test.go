package onebot11_test

import (
	"encoding/json"
	"fmt"

	"github.com/duobot/duobot/onebot11"
)

func ExampleParseEvent() {
	frames := []string{
		`{"time":1700000000,"self_id":10000,"post_type":"message","message_type":"group","sub_type":"normal",
		  "message_id":-2104567231,"group_id":123456,"user_id":10002,"anonymous":null,
		  "message":[{"type":"at","data":{"qq":"10000"}},{"type":"text","data":{"text":" ping"}}],
		  "raw_message":"[CQ:at,qq=10000] ping","font":0,"sender":{"user_id":10002,"nickname":"Alice","role":"member"}}`,
		`{"time":1700000001,"self_id":10000,"post_type":"notice","notice_type":"notify","sub_type":"poke",
		  "group_id":123456,"user_id":10002,"target_id":10000}`,
		`{"time":1700000002,"self_id":"10000","post_type":"request","request_type":"group","sub_type":"invite",
		  "group_id":"654321","user_id":10003,"comment":"","flag":"abc"}`,
		`{"time":1700000003,"self_id":10000,"post_type":"notice","notice_type":"group_album_upload","group_id":123456}`,
	}
	for _, frame := range frames {
		ev, err := onebot11.ParseEvent([]byte(frame))
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		switch ev := ev.(type) {
		case *onebot11.GroupMessageEvent:
			var types []string
			for _, seg := range ev.Message {
				types = append(types, seg.SegmentType())
			}
			fmt.Printf("group %d: %s (id %d) says %q, segments %v\n",
				ev.GroupID, ev.Sender.Nickname, ev.MessageID, ev.RawMessage, types)
		case *onebot11.PokeNotifyEvent:
			fmt.Printf("group %d: %d pokes %d\n", ev.GroupID, ev.UserID, ev.TargetID)
		case *onebot11.GroupRequestEvent:
			fmt.Printf("invited to group %d by %d (flag %s)\n", ev.GroupID, ev.UserID, ev.Flag)
			// Numeric strings are accepted and written back as strings.
			out, _ := json.Marshal(ev)
			var back map[string]any
			_ = json.Unmarshal(out, &back)
			fmt.Printf("group_id re-encoded as %T\n", back["group_id"])
		case *onebot11.UnknownEvent:
			h := ev.Header()
			fmt.Printf("unknown %s/%s event kept as %d bytes\n", h.PostType, h.DetailType, len(ev.Raw))
		}
	}
	// Output:
	// group 123456: Alice (id -2104567231) says "[CQ:at,qq=10000] ping", segments [at text]
	// group 123456: 10002 pokes 10000
	// invited to group 654321 by 10003 (flag abc)
	// group_id re-encoded as string
	// unknown notice/group_album_upload event kept as 109 bytes
}
