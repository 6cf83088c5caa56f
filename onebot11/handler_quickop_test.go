package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/duobot/duobot/onebot11"
)

// The built-in .handle_quick_operation, called as an action over forward
// WebSocket (how bots emulate quick operations there), runs the operation
// through the mux's handlers.
func TestServerQuickOperationAction(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	var mu sync.Mutex
	var calls []string
	note := func(s string) { mu.Lock(); calls = append(calls, s); mu.Unlock() }
	mux.HandleSendPrivateMsg(func(ctx context.Context, p *onebot11.SendPrivateMsgParams) (*onebot11.SendPrivateMsgResult, error) {
		b, _ := json.Marshal(p.Message)
		note("private " + itoa(p.UserID) + " " + string(b))
		return &onebot11.SendPrivateMsgResult{MessageID: 1}, nil
	})
	mux.HandleSetFriendAddRequest(func(ctx context.Context, p *onebot11.SetFriendAddRequestParams) error {
		note("friend " + p.Flag + " " + boolStr(p.Approve) + " " + p.Remark)
		return nil
	})
	mux.HandleSetGroupKick(func(ctx context.Context, p *onebot11.SetGroupKickParams) error {
		note("kick " + itoa(p.GroupID) + " " + itoa(p.UserID))
		return errors.New("not admin")
	})
	_, base, _ := srvSetup(t, mux, nil)
	ctx := srvCtx(t)
	c := onebot11.NewClient(srvWSClient(t, base+"/api", nil))

	private := json.RawMessage(`{"time":1,"self_id":10,"post_type":"message","message_type":"private","sub_type":"friend","message_id":5,"user_id":30,"message":"hi","raw_message":"hi","font":0,"sender":{"user_id":30}}`)
	for _, tc := range []struct {
		ctx, op json.RawMessage
		want    string
		err     string
	}{
		{private, json.RawMessage(`{"reply":"a [CQ:face,id=1]","auto_escape":true}`), `private 30 [{"type":"text","data":{"text":"a [CQ:face,id=1]"}}]`, ""},
		{private, json.RawMessage(`{"reply":[{"type":"face","data":{"id":"2"}}]}`), `private 30 [{"type":"face","data":{"id":"2"}}]`, ""},
		{private, json.RawMessage(`{"reply":{"type":"text","data":{"text":"one"}}}`), `private 30 [{"type":"text","data":{"text":"one"}}]`, ""},
		{private, json.RawMessage(`{"kick":true}`), "", ""}, // kick applies to group messages only
		{json.RawMessage(`{"post_type":"request","request_type":"friend","flag":"F","user_id":3}`), json.RawMessage(`{"approve":true,"remark":"pal"}`), "friend F true pal", ""},
		{json.RawMessage(`{"post_type":"request","request_type":"friend","flag":"F"}`), json.RawMessage(`{}`), "", ""},
		{json.RawMessage(`{"post_type":"notice","notice_type":"group_increase"}`), json.RawMessage(`{"reply":"x"}`), "", ""},
		{json.RawMessage(`{"post_type":"message","message_type":"group","group_id":2,"user_id":3}`), json.RawMessage(`{"kick":true}`), "kick 2 3", "not admin"},
		{private, json.RawMessage(`{"reply":5}`), "", "retcode 1400"},
		{json.RawMessage(`[]`), json.RawMessage(`{}`), "", "retcode 1400"},
	} {
		mu.Lock()
		calls = nil
		mu.Unlock()
		err := c.HandleQuickOperation(ctx, &onebot11.HandleQuickOperationParams{Context: tc.ctx, Operation: tc.op})
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s: error %v, want %q", tc.op, err, tc.err)
		}
		mu.Lock()
		got := strings.Join(calls, "; ")
		mu.Unlock()
		if got != tc.want {
			t.Errorf("%s on %s: %q, want %q", tc.op, tc.ctx, got, tc.want)
		}
	}
	// The _async form answers at once and runs in the background.
	mu.Lock()
	calls = nil
	mu.Unlock()
	if err := c.Async().HandleQuickOperation(ctx, &onebot11.HandleQuickOperationParams{Context: private, Operation: json.RawMessage(`{"reply":"later"}`)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(calls) == 1 })
}

// Query values repeated become arrays; a custom (untyped) handler also gets
// the _async treatment; HandleFunc registers a function.
func TestServerUntypedHandlers(t *testing.T) {
	noLeaks(t)
	mux := onebot11.NewServeMux()
	got := make(chan *onebot11.BatchDeleteGroupMemberParams, 1)
	mux.HandleBatchDeleteGroupMember(func(ctx context.Context, p *onebot11.BatchDeleteGroupMemberParams) error {
		got <- p
		return nil
	})
	raw := make(chan string, 2)
	mux.HandleFunc("broken", func(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
		return json.RawMessage(`{"a":`), nil
	})
	mux.HandleFunc("custom", func(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
		raw <- action + " " + string(params)
		return json.RawMessage(`{"ok":true}`), nil
	})
	_, base, hc := srvSetup(t, mux, nil)
	if st, body := srvRaw(t, hc, "GET", base+"/batch_delete_group_member?group_id=1&user_ids=2&user_ids=-3", "", ""); st != 200 {
		t.Fatalf("%d %s", st, body)
	}
	if p := <-got; p.GroupID != 1 || len(p.UserIDs) != 2 || p.UserIDs[1] != -3 {
		t.Errorf("repeated query key: %+v", p)
	}
	if st, body := srvRaw(t, hc, "POST", base+"/custom?x=1", "application/json", `{"y":[1]}`); st != 200 || body != `{"status":"ok","retcode":0,"data":{"ok":true},"message":"","wording":""}` {
		t.Errorf("custom: %d %s", st, body)
	}
	if s := <-raw; s != `custom {"x":"1","y":[1]}` {
		t.Errorf("custom params: %s", s)
	}
	if st, body := srvRaw(t, hc, "POST", base+"/custom_async", "application/json", `{}`); st != 200 || !strings.Contains(body, `"status":"async"`) {
		t.Errorf("custom async: %d %s", st, body)
	}
	if s := <-raw; s != `custom {}` {
		t.Errorf("custom async params: %s", s)
	}
	if st, body := srvRaw(t, hc, "POST", base+"/broken", "application/json", `{}`); st != 200 || !strings.Contains(body, `"retcode":100,`) || !strings.Contains(body, "invalid JSON") {
		t.Errorf("handler returning invalid JSON: %d %s", st, body)
	}
}
