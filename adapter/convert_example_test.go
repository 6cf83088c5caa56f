package adapter_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

func ExampleConverter_MilkyEventToOneBot() {
	ctx := context.Background()
	st, _ := adapter.NewMemoryStore()
	defer st.Close()
	c, _ := adapter.NewConverter(st)

	ev, _ := milky.ParseEvent([]byte(`{"time":1764000000,"self_id":3141592653,"event_type":"group_nudge",
		"data":{"group_id":987654321,"sender_id":1234567890,"receiver_id":3141592653,
		"display_action":"戳了戳","display_suffix":"","display_action_img_url":""}}`))
	obs, report, err := c.MilkyEventToOneBot(ctx, ev)
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(obs[0])
	fmt.Println(string(b))
	fmt.Println(report)
	// Output:
	// {"post_type":"notice","notice_type":"notify","sub_type":"poke","time":1764000000,"self_id":3141592653,"group_id":987654321,"user_id":1234567890,"target_id":3141592653}
	// dropped ev.nudge.display at data: 戳了戳
}

func ExampleConverter_OneBotToMilkySegments() {
	ctx := context.Background()
	st, _ := adapter.NewMemoryStore()
	defer st.Close()
	c, _ := adapter.NewConverter(st)

	msg := onebot11.ParseCQ("[CQ:at,qq=all] meeting at [CQ:face,id=14] 3pm[CQ:dice]")
	segs, report, err := c.OneBotToMilkySegments(ctx, msg)
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(segs)
	fmt.Println(string(b))
	fmt.Println(report)
	// Output:
	// [{"type":"mention_all","data":{}},{"type":"text","data":{"text":" meeting at "}},{"type":"face","data":{"face_id":"14","is_large":false}},{"type":"text","data":{"text":" 3pm"}}]
	// unsupported seg.onebot.no_milky_form at message[4]: dice
}
