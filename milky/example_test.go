package milky_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/transport"
)

// A Milky implementation stand-in: it answers get_login_info and refuses
// send_group_message with retcode -403.
func exampleServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/milky/api/get_login_info":
			io.WriteString(w, `{"status":"ok","retcode":0,"data":{"uin":3141592653,"nickname":"duobot"}}`)
		case "/milky/api/send_group_message":
			io.WriteString(w, `{"status":"failed","retcode":-403,"message":"not logged in"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
}

func ExampleClient() {
	srv := exampleServer()
	defer srv.Close()

	// The base URL may carry a path prefix; calls go to {base}/api/{name}.
	caller, err := transport.NewMilkyHTTPCaller(srv.URL+"/milky", &transport.HTTPOptions{Token: "secret"})
	if err != nil {
		panic(err)
	}
	c := milky.NewClient(caller)
	ctx := context.Background()

	info, err := c.GetLoginInfo(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println(info.Uin, info.Nickname)

	_, err = c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: 987654321})
	fmt.Println(errors.Is(err, milky.ErrNotLoggedIn), milky.Retcode(err))
	fmt.Println(err)
	// Output:
	// 3141592653 duobot
	// true -403
	// milky: send_group_message: retcode -403: not logged in
}

func ExampleParseEvent() {
	frames := []string{
		`{"time":1764000000,"self_id":3141592653,"event_type":"group_mute","data":{"group_id":987654321,"user_id":1234567890,"operator_id":10086001,"duration":600}}`,
		`{"time":1764000000,"self_id":3141592653,"event_type":"message_receive","data":{"message_scene":"friend","peer_id":1234567890,"message_seq":7,"sender_id":1234567890,"time":1764000000,"segments":[{"type":"text","data":{"text":"hi"}}],"friend":{"user_id":1234567890,"nickname":"Alice","sex":"female","qid":"","remark":"","category":{"category_id":1,"category_name":"Friends"}}}}`,
		`{"time":1764000000,"self_id":3141592653,"event_type":"some_future_event","data":{"x":1}}`,
	}
	for _, f := range frames {
		ev, err := milky.ParseEvent([]byte(f))
		if err != nil {
			panic(err)
		}
		switch e := ev.(type) {
		case *milky.GroupMuteEvent:
			fmt.Println("mute", e.Data.UserID, "for", e.Data.Duration, "s")
		case *milky.MessageReceiveEvent:
			if e.Data.IsFriend() {
				fmt.Println("message", e.Data.MessageSeq, "from", e.Data.Friend.Nickname)
			}
		case *milky.UnknownEvent:
			fmt.Println("unknown", e.EventType(), string(e.Data))
		}
	}
	// Output:
	// mute 1234567890 for 600 s
	// message 7 from Alice
	// unknown some_future_event {"x":1}
}
