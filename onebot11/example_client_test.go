package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// Example connects to a OneBot 11 HTTP API (here a stand-in server) and sends
// a group message.
func Example() {
	impl := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Printf("server got %s %s\n", r.URL.Path, body)
		switch r.URL.Path {
		case "/send_group_msg":
			io.WriteString(w, `{"status":"ok","retcode":0,"data":{"message_id":1234},"message":"","wording":""}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"status":"failed","retcode":1404,"data":null,"message":"不支持的api","wording":"不支持的api"}`)
		}
	}))
	defer impl.Close()

	caller, err := transport.NewHTTPCaller(impl.URL, &transport.HTTPOptions{Token: "my-token"})
	if err != nil {
		panic(err)
	}
	client := onebot11.NewClient(caller)
	ctx := context.Background()

	var msg onebot11.Message
	_ = json.Unmarshal([]byte(`[{"type":"text","data":{"text":"hello"}}]`), &msg)
	res, err := client.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 123456, Message: msg})
	if err != nil {
		panic(err)
	}
	fmt.Println("message id:", res.MessageID)

	// Actions without a typed method go through Call.
	err = client.Call(ctx, "get_word_slices", map[string]string{"content": "你好"}, nil)
	fmt.Println("unknown action:", errors.Is(err, onebot11.ErrUnknownAction), onebot11.Retcode(err))
	// Output:
	// server got /send_group_msg {"group_id":123456,"message":[{"type":"text","data":{"text":"hello"}}]}
	// message id: 1234
	// server got /get_word_slices {"content":"你好"}
	// unknown action: true 1404
}
