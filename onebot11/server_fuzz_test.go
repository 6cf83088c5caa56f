package onebot11

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

// FuzzServeFrame feeds arbitrary WebSocket request frames to the server:
// it never panics, always answers one JSON object with a status and a
// retcode, and returns the request's echo unchanged.
func FuzzServeFrame(f *testing.F) {
	for _, seed := range []string{
		`{"action":"send_group_msg","params":{"group_id":1,"message":"hi"},"echo":"1"}`,
		`{"action":"send_group_msg","params":{"group_id":"1","message":[{"type":"text","data":{"text":"x"}}]},"echo":{"a":[1]}}`,
		`{"action":"send_group_msg_async","params":{"group_id":"x"},"echo":7}`,
		`{"action":"get_group_list","params":null,"echo":null}`,
		`{"action":".handle_quick_operation","params":{"context":{"post_type":"message","message_type":"group"},"operation":{"reply":"x","ban":true}}}`,
		`{"action":"nope","echo":[1,2]}`,
		`{"params":{},"echo":"e"}`,
		`{"action":1}`,
		`{"":null,"eCho":null}`,
		`{"action":{},"echo":"0"}`, // a bad action still answers with the echo
		`[]`, `{`, `"x"`, ``,
	} {
		f.Add([]byte(seed))
	}
	mux := NewServeMux()
	mux.HandleSendGroupMsg(func(ctx context.Context, p *SendGroupMsgParams) (*SendGroupMsgResult, error) {
		return &SendGroupMsgResult{MessageID: p.GroupID}, nil
	})
	mux.HandleGetGroupList(func(ctx context.Context, p *GetGroupListParams) ([]GroupInfo, error) {
		return []GroupInfo{{GroupID: 1}}, nil
	})
	mux.HandleSetGroupBan(func(ctx context.Context, p *SetGroupBanParams) error { return nil })
	s, err := NewServer(mux, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, frame []byte) {
		out := s.serveFrame(context.Background(), frame)
		var resp struct {
			Status  *string         `json:"status"`
			Retcode *int            `json:"retcode"`
			Echo    json.RawMessage `json:"echo"`
		}
		if err := json.Unmarshal(out, &resp); err != nil {
			t.Fatalf("response %q is not JSON: %v", out, err)
		}
		if resp.Status == nil || resp.Retcode == nil {
			t.Fatalf("response without status or retcode: %s", out)
		}
		// The key is "echo" exactly (a struct tag would also match "eCho").
		var req map[string]json.RawMessage
		if json.Unmarshal(frame, &req) == nil && len(req["echo"]) > 0 {
			var a, b bytes.Buffer
			json.Compact(&a, req["echo"])
			json.Compact(&b, resp.Echo)
			if a.String() != b.String() {
				t.Fatalf("echo %s answered as %s", req["echo"], resp.Echo)
			}
		}
	})
}
