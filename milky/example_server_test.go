package milky_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/transport"
)

// Serve two APIs under /milky with a token, and call them with the Client.
func ExampleServer() {
	mux := milky.NewServeMux()
	mux.HandleGetLoginInfo(func(ctx context.Context) (*milky.GetLoginInfoResult, error) {
		return &milky.GetLoginInfoResult{Uin: 3141592653, Nickname: "duobot"}, nil
	})
	mux.HandleSendGroupMessage(func(ctx context.Context, p *milky.SendGroupMessageParams) (*milky.SendGroupMessageResult, error) {
		if p.GroupID != 123456 {
			return nil, &milky.APIError{Retcode: -404, Message: "group not found"}
		}
		return &milky.SendGroupMessageResult{MessageSeq: 42, Time: 1700000000}, nil
	})
	srv, err := milky.NewServer(mux, &milky.ServerOptions{Token: "secret", Prefix: "/milky"})
	if err != nil {
		panic(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	defer srv.Close()

	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	caller, err := transport.NewMilkyHTTPCaller(hs.URL+"/milky", &transport.HTTPOptions{Token: "secret", Client: &http.Client{Transport: tr}})
	if err != nil {
		panic(err)
	}
	c := milky.NewClient(caller)
	ctx := context.Background()

	info, err := c.GetLoginInfo(ctx)
	fmt.Println(info.Uin, info.Nickname, err)

	sent, err := c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: 123456, Message: milky.OutgoingSegments{milky.Text("hello")}})
	fmt.Println(sent.MessageSeq, err)

	_, err = c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: 1})
	fmt.Println(milky.Retcode(err), err)

	_, err = c.GetFriendList(ctx, nil)
	fmt.Println(errors.Is(err, milky.ErrUnknownAPI))
	// Output:
	// 3141592653 duobot <nil>
	// 42 <nil>
	// -404 milky: send_group_message: retcode -404: group not found
	// true
}
