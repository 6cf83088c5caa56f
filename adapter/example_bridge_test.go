package adapter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// Serve OneBot 11 on top of a Milky implementation, as `duobot bridge`
// does. Without UpstreamURL the bridge starts the embedded simulator as its
// Milky upstream; a OneBot 11 client then talks to the bridge as to any
// OneBot 11 implementation.
func ExampleStartBridge() {
	ctx := context.Background()
	b, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		// UpstreamURL: "http://127.0.0.1:3010", UpstreamToken: "...", // a real Milky implementation
		Listen: "127.0.0.1:0", // default 127.0.0.1:6700
	})
	if err != nil {
		log.Fatal(err) // e.g. the upstream refused UpstreamToken
	}
	defer b.Close()
	fmt.Println("serving", b.Downstream(), "for bot", b.SelfID())

	caller, err := transport.NewHTTPCaller(b.URL(), nil) // or ws:// b.WSURL()
	if err != nil {
		log.Fatal(err)
	}
	ob := onebot11.NewClient(caller)
	sent, err := ob.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{
		GroupID: 30001, Message: onebot11.ParseCQ("hello [CQ:face,id=14]"),
	}) // served by Milky's send_group_message
	if err != nil {
		log.Fatal(err)
	}
	msg, err := ob.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: sent.MessageID}) // by Milky's get_message
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(msg.Message.CQString())
	// Output:
	// serving onebot11 for bot 10086001
	// hello [CQ:face,id=14]
}

// A Milky client on a OneBot 11 implementation sees OneBot events in
// Milky form. A whole-group ban has a duration; Milky's group_whole_mute
// has none, and the report says so.
func ExampleConverter_OneBotEventToMilky() {
	ctx := context.Background()
	st, _ := adapter.NewMemoryStore()
	defer st.Close()
	c, _ := adapter.NewConverter(st)

	ev, _ := onebot11.ParseEvent([]byte(`{"time":1764000000,"self_id":10001,"post_type":"notice","notice_type":"group_ban",
		"sub_type":"ban","group_id":777,"operator_id":42,"user_id":0,"duration":600}`))
	mks, report, err := c.OneBotEventToMilky(ctx, ev)
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(mks[0])
	fmt.Println(string(b))
	fmt.Println(report)
	// Output:
	// {"time":1764000000,"self_id":10001,"event_type":"group_whole_mute","data":{"group_id":777,"operator_id":42,"is_mute":true}}
	// dropped ev.onebot.field at duration: 600
}

// Received Milky segments become OneBot 11 segments; a reply's
// message_seq becomes a OneBot message_id kept in the store.
func ExampleConverter_MilkyToOneBotSegments() {
	ctx := context.Background()
	st, _ := adapter.NewMemoryStore()
	defer st.Close()
	c, _ := adapter.NewConverter(st)

	var segs milky.IncomingSegments
	_ = json.Unmarshal([]byte(`[{"type":"reply","data":{"message_seq":41,"sender_id":42,"time":1764000000,"segments":[]}},
		{"type":"mention","data":{"user_id":42,"name":"alice"}},{"type":"text","data":{"text":" look"}},
		{"type":"image","data":{"resource_id":"r1","temp_url":"https://example.com/r1.png","width":640,"height":480,"summary":"[图片]","sub_type":"normal"}}]`), &segs)
	msg, report, err := c.MilkyToOneBotSegments(ctx, milky.SceneGroup, 777, segs)
	if err != nil {
		panic(err)
	}
	fmt.Println(msg.CQString())
	fmt.Println(report)
	// Output:
	// [CQ:reply,id=1895627752][CQ:at,qq=42,name=alice] look[CQ:image,file=r1,url=https://example.com/r1.png,summary=&#91;图片&#93;,subType=0]
	// dropped seg.reply.quote at segments[0]; dropped seg.image.resource at segments[3]
}
