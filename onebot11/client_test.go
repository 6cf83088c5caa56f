package onebot11_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

func TestSendGroupMsgOverHTTP(t *testing.T) {
	s := newOBServer(t, func(action string, body []byte) (int, string) {
		return 0, okData(`{"message_id":-2147483000}`)
	})
	c := newHTTPClient(t, s)
	var msg onebot11.Message
	if err := json.Unmarshal([]byte(`[{"type":"text","data":{"text":"hi"}}]`), &msg); err != nil {
		t.Fatal(err)
	}
	res, err := c.SendGroupMsg(testCtx(t), &onebot11.SendGroupMsgParams{GroupID: 123456789012, Message: msg})
	if err != nil {
		t.Fatal(err)
	}
	if res.MessageID != -2147483000 {
		t.Errorf("message_id = %d, want -2147483000", res.MessageID)
	}
	r := s.last(t)
	if r.Action != "send_group_msg" {
		t.Errorf("action = %q", r.Action)
	}
	if r.Auth != "Bearer secret" {
		t.Errorf("Authorization = %q", r.Auth)
	}
	golden.EqualJSON(t, []byte(`{"group_id":123456789012,"message":[{"type":"text","data":{"text":"hi"}}]}`), []byte(r.Body))
}

func TestNilParamsSendEmptyObject(t *testing.T) {
	s := newOBServer(t, func(string, []byte) (int, string) {
		return 0, okData(`{"user_id":10001,"nickname":"bot"}`)
	})
	c := newHTTPClient(t, s)
	res, err := c.GetLoginInfo(testCtx(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.UserID != 10001 || res.Nickname != "bot" {
		t.Errorf("result = %+v", res)
	}
	if r := s.last(t); r.Action != "get_login_info" || r.Body != "{}" {
		t.Errorf("request = %+v, want get_login_info with {}", r)
	}
}

func TestZeroValuesAreSent(t *testing.T) {
	s := newOBServer(t, func(string, []byte) (int, string) { return 0, okData("null") })
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	steps := []struct {
		call func() error
		want string
	}{
		{func() error {
			return c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: 1, UserID: 2})
		}, `{"group_id":1,"user_id":2,"duration":0}`},
		{func() error {
			return c.SetGroupWholeBan(ctx, &onebot11.SetGroupWholeBanParams{GroupID: 1})
		}, `{"group_id":1,"enable":false}`},
		{func() error {
			return c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: "f", SubType: "add"})
		}, `{"flag":"f","sub_type":"add","approve":false}`},
		{func() error {
			return c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: "f"})
		}, `{"flag":"f","approve":false,"remark":""}`},
		{func() error {
			return c.SetGroupAdmin(ctx, &onebot11.SetGroupAdminParams{GroupID: 1, UserID: 2})
		}, `{"group_id":1,"user_id":2,"enable":false}`},
		{func() error {
			return c.SetGroupCard(ctx, &onebot11.SetGroupCardParams{GroupID: 1, UserID: 2})
		}, `{"group_id":1,"user_id":2,"card":""}`},
		{func() error {
			return c.SetGroupAnonymous(ctx, &onebot11.SetGroupAnonymousParams{GroupID: 1})
		}, `{"group_id":1,"enable":false}`},
	}
	for i, st := range steps {
		if err := st.call(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		golden.EqualJSON(t, []byte(st.want), []byte(s.last(t).Body))
	}
}

func TestAsyncAndRateLimited(t *testing.T) {
	s := newOBServer(t, func(action string, body []byte) (int, string) {
		return 0, `{"status":"async","retcode":1,"data":null,"message":"","wording":""}`
	})
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	p := &onebot11.SendPrivateMsgParams{UserID: 1}
	res, err := c.Async().SendPrivateMsg(ctx, p)
	if err != nil || res != nil {
		t.Fatalf("async: res=%v err=%v, want nil, nil", res, err)
	}
	if a := s.last(t).Action; a != "send_private_msg_async" {
		t.Errorf("action = %q", a)
	}
	if err := c.RateLimited().SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: 1, UserID: 2, Duration: 60}); err != nil {
		t.Fatal(err)
	}
	if a := s.last(t).Action; a != "set_group_ban_rate_limited" {
		t.Errorf("action = %q", a)
	}
	list, err := c.Async().GetGroupList(ctx, nil)
	if err != nil || list != nil {
		t.Errorf("async list: %v %v", list, err)
	}
	// The view does not change the client it came from.
	if _, err := c.GetLoginInfo(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if a := s.last(t).Action; a != "get_login_info" {
		t.Errorf("action = %q, want the plain name", a)
	}
	// go-cqhttp ignores the suffix and answers ok with data: decoded normally.
	s.answer = func(string, []byte) (int, string) { return 0, okData(`{"message_id":7}`) }
	res, err = c.Async().SendPrivateMsg(ctx, p)
	if err != nil || res == nil || res.MessageID != 7 {
		t.Errorf("async answered ok: res=%v err=%v", res, err)
	}
}

func TestFailedRetcode(t *testing.T) {
	cases := []struct {
		name, body string
		want       onebot11.APIError
		unknown    bool
	}{
		{"go-cqhttp msg+wording", `{"status":"failed","retcode":100,"data":null,"msg":"GROUP_NOT_FOUND","wording":"群聊不存在"}`,
			onebot11.APIError{Status: "failed", Retcode: 100, Message: "GROUP_NOT_FOUND", Wording: "群聊不存在"}, false},
		{"llonebot message", `{"status":"failed","retcode":200,"data":null,"message":"Error: 消息-966671988不存在","wording":"Error: 消息-966671988不存在"}`,
			onebot11.APIError{Status: "failed", Retcode: 200, Message: "Error: 消息-966671988不存在", Wording: "Error: 消息-966671988不存在"}, false},
		{"go-cqhttp unknown action", `{"status":"failed","retcode":404,"data":null,"msg":"API_NOT_FOUND","wording":"API不存在"}`,
			onebot11.APIError{Status: "failed", Retcode: 404, Message: "API_NOT_FOUND", Wording: "API不存在"}, true},
		{"onebot 1404 as string", `{"status":"failed","retcode":"1404","data":null}`,
			onebot11.APIError{Status: "failed", Retcode: 1404}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newOBServer(t, func(string, []byte) (int, string) { return 0, tc.body })
			c := newHTTPClient(t, s)
			err := c.DeleteMsg(testCtx(t), &onebot11.DeleteMsgParams{MessageID: -966671988})
			var ae *onebot11.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			tc.want.Action = "delete_msg"
			got := *ae
			if got.Action != tc.want.Action || got.Status != tc.want.Status || got.Retcode != tc.want.Retcode ||
				got.Message != tc.want.Message || got.Wording != tc.want.Wording || got.HTTPStatus != 0 {
				t.Errorf("APIError = %+v, want %+v", got, tc.want)
			}
			if errors.Is(err, onebot11.ErrUnknownAction) != tc.unknown {
				t.Errorf("errors.Is(ErrUnknownAction) = %v, want %v", !tc.unknown, tc.unknown)
			}
			if onebot11.Retcode(err) != tc.want.Retcode {
				t.Errorf("Retcode = %d", onebot11.Retcode(err))
			}
			if !strings.Contains(err.Error(), "delete_msg") {
				t.Errorf("error text %q does not name the action", err)
			}
		})
	}
}

func TestHTTPStatusErrors(t *testing.T) {
	cases := []struct {
		name      string
		code      int
		body      string
		sentinel  error
		tsentinel error
		retcode   int
		message   string
	}{
		{"401 plain", 401, "missing token", onebot11.ErrUnauthorized, transport.ErrUnauthorized, 1401, "missing token"},
		{"403 plain", 403, "", onebot11.ErrForbidden, transport.ErrForbidden, 1403, ""},
		{"400 plain", 400, "bad json", onebot11.ErrBadRequest, transport.ErrBadRequest, 1400, "bad json"},
		{"404 plain", 404, "404 page not found", onebot11.ErrUnknownAction, transport.ErrNotFound, 1404, "404 page not found"},
		{"404 json (LLOneBot)", 404, `{"status":"failed","retcode":1404,"data":null,"message":"不支持的api no_such_action","wording":"不支持的api no_such_action"}`,
			onebot11.ErrUnknownAction, transport.ErrNotFound, 1404, "不支持的api no_such_action"},
		{"403 json without retcode", 403, `{"status":"failed","message":"token wrong"}`,
			onebot11.ErrForbidden, transport.ErrForbidden, 1403, "token wrong"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newOBServer(t, func(string, []byte) (int, string) { return tc.code, tc.body })
			c := newHTTPClient(t, s)
			err := c.Call(testCtx(t), "no_such_action", nil, nil)
			var ae *onebot11.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if ae.HTTPStatus != tc.code || ae.Retcode != tc.retcode || ae.Message != tc.message || ae.Status != "failed" || ae.Action != "no_such_action" {
				t.Errorf("APIError = %+v", *ae)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("errors.Is(%v) = false", tc.sentinel)
			}
			if !errors.Is(err, tc.tsentinel) {
				t.Errorf("errors.Is(transport %v) = false", tc.tsentinel)
			}
			for _, other := range []error{onebot11.ErrBadRequest, onebot11.ErrUnauthorized, onebot11.ErrForbidden, onebot11.ErrUnknownAction} {
				if other != tc.sentinel && errors.Is(err, other) {
					t.Errorf("also matches %v", other)
				}
			}
		})
	}
}

func TestDecodeError(t *testing.T) {
	s := newOBServer(t, func(action string, _ []byte) (int, string) {
		if action == "get_login_info" {
			return 0, okData(`{"user_id":{"not":"a number"},"nickname":"x"}`)
		}
		return 0, `not json at all`
	})
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	res, err := c.GetLoginInfo(ctx, nil)
	var de *onebot11.DecodeError
	if !errors.As(err, &de) || res != nil {
		t.Fatalf("res=%v err=%v, want nil and *DecodeError", res, err)
	}
	if de.Action != "get_login_info" || !strings.Contains(string(de.Data), `"not":"a number"`) {
		t.Errorf("DecodeError = %+v", de)
	}
	if !strings.Contains(err.Error(), "get_login_info") {
		t.Errorf("error %q does not name the action", err)
	}
	_, err = c.GetStatus(ctx, nil)
	if !errors.As(err, &de) || string(de.Data) != "not json at all" {
		t.Errorf("envelope not JSON: err = %v", err)
	}
	if onebot11.Retcode(err) != -1 {
		t.Errorf("Retcode of a decode error = %d, want -1", onebot11.Retcode(err))
	}
}

func TestCallAndCallRaw(t *testing.T) {
	s := newOBServer(t, func(action string, body []byte) (int, string) {
		switch action {
		case "get_word_slices":
			return 0, okData(`{"slices":["a","b"]}`)
		case "nothing":
			return 0, `{"status":"ok","retcode":0}`
		}
		return 0, okData(`{"echo_body":` + string(body) + `}`)
	})
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	var out struct {
		Slices []string `json:"slices"`
	}
	if err := c.Call(ctx, "get_word_slices", map[string]string{"content": "ab"}, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Slices) != 2 || s.last(t).Body != `{"content":"ab"}` {
		t.Errorf("out = %+v, body = %s", out, s.last(t).Body)
	}
	raw, err := c.CallRaw(ctx, "x", json.RawMessage(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"echo_body":{"a":1}}`), raw)
	raw, err = c.CallRaw(ctx, "nothing", nil)
	if err != nil || raw != nil {
		t.Errorf("absent data: %q %v", raw, err)
	}
	if err := c.Async().Call(ctx, "x", nil, nil); err != nil {
		t.Fatal(err)
	}
	if a := s.last(t).Action; a != "x_async" {
		t.Errorf("action = %q", a)
	}
	if err := c.Call(ctx, "x", func() {}, nil); err == nil {
		t.Error("unencodable params: no error")
	}
}

func TestCallTimeout(t *testing.T) {
	release := make(chan struct{})
	s := newOBServer(t, func(string, []byte) (int, string) {
		<-release
		return 0, okData("null")
	})
	defer close(release)
	c := newHTTPClient(t, s, onebot11.WithCallTimeout(50*time.Millisecond))
	start := time.Now()
	err := c.CleanCache(context.Background(), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("call timeout not applied")
	}
	// A context with its own deadline is used as it is.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start = time.Now()
	err = c.CleanCache(ctx, nil)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) < 250*time.Millisecond {
		t.Errorf("err = %v after %v, want the caller's 300ms deadline", err, time.Since(start))
	}
}

func TestLogger(t *testing.T) {
	s := newOBServer(t, func(action string, _ []byte) (int, string) {
		if action == "bad" {
			return 0, `{"status":"failed","retcode":100}`
		}
		return 0, okData("null")
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newHTTPClient(t, s, onebot11.WithLogger(logger))
	ctx := testCtx(t)
	_ = c.CleanCache(ctx, nil)
	_ = c.Call(ctx, "bad", nil, nil)
	out := buf.String()
	if !strings.Contains(out, "action=clean_cache") || !strings.Contains(out, "level=WARN") || !strings.Contains(out, "action=bad") {
		t.Errorf("log output:\n%s", out)
	}
}

func TestLenientIDsAndUnknownFields(t *testing.T) {
	s := newOBServer(t, func(action string, _ []byte) (int, string) {
		switch action {
		case "get_group_member_list":
			return 0, okData(`[{"group_id":"-1234567890123","user_id":"10001","nickname":"a","card":"","card_or_nickname":"a","sex":"unknown","age":"0","area":"","level":7,"qq_level":"3","join_time":1700000000,"last_sent_time":"1700000001","title_expire_time":0,"unfriendly":0,"card_changeable":"true","is_robot":false,"shut_up_timestamp":0,"role":"member","title":"","impl_extra":{"x":1}}]`)
		case "get_msg":
			return 0, okData(`{"self_id":1,"user_id":"2","time":3,"message_id":"-2147483648","real_id":4,"message_seq":5,"message_type":"group","sender":{"user_id":"2","nickname":"n","role":"admin"},"raw_message":"hi","font":0,"sub_type":"normal","message":[{"type":"text","data":{"text":"hi"}}],"message_format":"array","post_type":"message","group_id":"987654321","napcat_stream":"normal-action"}`)
		}
		return 0, okData("null")
	})
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	members, err := c.GetGroupMemberList(ctx, &onebot11.GetGroupMemberListParams{GroupID: -1234567890123})
	if err != nil {
		t.Fatal(err)
	}
	m := members[0]
	if m.GroupID != -1234567890123 || m.UserID != 10001 || m.Level != "7" || m.QQLevel != 3 || m.LastSentTime != 1700000001 || !m.CardChangeable || m.Unfriendly {
		t.Errorf("member = %+v", m)
	}
	if string(m.Extra["impl_extra"]) != `{"x":1}` {
		t.Errorf("unknown field not kept: Extra = %v", m.Extra)
	}
	msg, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: -2147483648})
	if err != nil {
		t.Fatal(err)
	}
	if msg.MessageID != -2147483648 || msg.GroupID != 987654321 || msg.Sender.UserID != 2 || msg.Sender.Role != "admin" || len(msg.Message) != 1 {
		t.Errorf("msg = %+v", msg)
	}
	golden.EqualJSON(t, []byte(`{"message_id":-2147483648}`), []byte(s.last(t).Body))
	// Re-encoding gives back what came, unknown keys and string ids included.
	got, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := c.CallRaw(ctx, "get_msg", nil)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, raw, got)
}

func TestEnvelopeWithoutStatus(t *testing.T) {
	s := newOBServer(t, func(action string, _ []byte) (int, string) {
		switch action {
		case "a":
			return 0, `{"retcode":0,"data":{"x":1}}`
		case "b":
			return 0, `{"retcode":1,"data":null}`
		case "c":
			return 0, `{"retcode":102,"msg":"no permission"}`
		}
		return 0, `{}`
	})
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	raw, err := c.CallRaw(ctx, "a", nil)
	if err != nil || string(raw) != `{"x":1}` {
		t.Errorf("retcode 0: %s %v", raw, err)
	}
	if err := c.Call(ctx, "b", nil, nil); err != nil {
		t.Errorf("retcode 1: %v", err)
	}
	if err := c.Call(ctx, "c", nil, nil); onebot11.Retcode(err) != 102 || !strings.Contains(err.Error(), "no permission") {
		t.Errorf("retcode 102: %v", err)
	}
	// Neither status nor retcode: not an answer to trust.
	var ae *onebot11.APIError
	if err := c.Call(ctx, "d", nil, nil); !errors.As(err, &ae) || ae.Status != "" {
		t.Errorf("empty object: %v", err)
	}
}
