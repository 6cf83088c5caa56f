package sim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Serving a world over OneBot 11: register the front-end on a ServeMux,
// serve it with an onebot11.Server next to the world's file URLs, and pump
// the world's events into the server (subscribed when StartEvents returns).
func ExampleOneBot11() {
	w := sim.New(sim.WithSeed(1))
	defer w.Close()
	if err := w.SeedDemo(); err != nil {
		panic(err)
	}
	ob := sim.NewOneBot11(w, nil)
	mux := onebot11.NewServeMux()
	ob.Register(mux)
	srv, err := onebot11.NewServer(mux, &onebot11.ServerOptions{SelfID: w.SelfID()})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	root := http.NewServeMux()
	root.Handle("/file/", ob.FileHandler())
	root.Handle("/resource/", ob.FileHandler())
	root.Handle("/", srv)
	ts := httptest.NewServer(root)
	defer ts.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop := ob.StartEvents(ctx, srv) // events to every subscriber until stop
	defer stop()

	caller, err := transport.NewHTTPCaller(ts.URL, nil)
	if err != nil {
		panic(err)
	}
	c := onebot11.NewClient(caller)
	res, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
		Message: onebot11.ParseCQ("hello [CQ:at,qq=20001]")})
	if err != nil {
		panic(err)
	}
	m, err := w.MessageByID(int32(res.MessageID))
	if err != nil {
		panic(err)
	}
	fmt.Println(sim.PlainText(m.Content))

	_, err = c.OcrImage(ctx, &onebot11.OcrImageParams{Image: "x"})
	fmt.Println(onebot11.Retcode(err))
	// Output:
	// hello @Alice
	// 1404
}

// World events in their OneBot 11 form, as a bot receives them.
func ExampleOneBot11_Events() {
	clock := sim.NewManualClock(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	w := sim.New(sim.WithClock(clock.Now), sim.WithSeed(1))
	defer w.Close()
	if err := w.SeedDemo(); err != nil {
		panic(err)
	}
	ob := sim.NewOneBot11(w, nil)
	events, cancel := w.Subscribe(16)
	defer cancel()

	if _, err := w.UserSendGroup(sim.DemoGroupDev, sim.DemoCarol, []sim.Element{
		sim.Mention{UserID: w.SelfID()}, sim.Text{Text: " hi & bye"}}); err != nil {
		panic(err)
	}
	if _, err := w.RequestFriend(sim.DemoDave, "add me"); err != nil {
		panic(err)
	}
	for range 2 {
		for _, ev := range ob.Events(<-events) {
			b, err := ev.(json.Marshaler).MarshalJSON()
			if err != nil {
				panic(err)
			}
			fmt.Println(string(b))
		}
	}
	// Output:
	// {"post_type":"message","message_type":"group","time":1767268800,"self_id":10086001,"sub_type":"normal","message_id":1262221023,"group_id":30001,"user_id":20003,"message":[{"type":"at","data":{"qq":"10086001","name":"bot"}},{"type":"text","data":{"text":" hi & bye"}}],"raw_message":"[CQ:at,qq=10086001,name=bot] hi &amp; bye","font":14,"sender":{"user_id":20003,"nickname":"Carol","sex":"female","age":27,"card":"carol (qa)","level":"1","role":"member"},"group_name":"duobot dev","message_seq":1,"real_id":1262221023,"message_format":"array"}
	// {"post_type":"request","request_type":"friend","time":1767268800,"self_id":10086001,"user_id":20004,"comment":"add me","flag":"friend:u_uQ_qIiRY0YnosEC21Lb6QQ"}
}
