package onebot11_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// Serve send_group_msg over the HTTP API and call it with the client.
func ExampleServer() {
	mux := onebot11.NewServeMux()
	mux.HandleSendGroupMsg(func(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
		fmt.Printf("group %d: %s\n", p.GroupID, p.Message.CQString())
		return &onebot11.SendGroupMsgResult{MessageID: 42}, nil
	})
	srv, err := onebot11.NewServer(mux, &onebot11.ServerOptions{AccessToken: "secret"})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv) // or http.ListenAndServe(":5700", srv)
	defer hs.Close()

	caller, err := transport.NewHTTPCaller(hs.URL, &transport.HTTPOptions{Token: "secret"})
	if err != nil {
		panic(err)
	}
	client := onebot11.NewClient(caller)
	ctx := context.Background()
	res, err := client.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 123, Message: onebot11.ParseCQ("hello [CQ:face,id=1]")})
	fmt.Println(res.MessageID, err)

	_, err = client.GetGroupList(ctx, nil)
	fmt.Println(err)
	// Output:
	// group 123: hello [CQ:face,id=1]
	// 42 <nil>
	// onebot11: get_group_list: HTTP 404, status "failed", retcode 1404: unknown action: get_group_list
}
