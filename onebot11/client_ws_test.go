package onebot11_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"
	"go.uber.org/goleak"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// wsOneBot is a forward-WebSocket OneBot 11 server: it answers each request
// frame {action, params, echo} with answer's envelope plus the echo.
func wsOneBot(t *testing.T, answer func(action string, params json.RawMessage) map[string]any) *httptest.Server {
	t.Helper()
	up := websocket.Upgrader{}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		for {
			var req struct {
				Action string          `json:"action"`
				Params json.RawMessage `json:"params"`
				Echo   json.RawMessage `json:"echo"`
			}
			if err := conn.ReadJSON(&req); err != nil {
				return
			}
			resp := answer(req.Action, req.Params)
			resp["echo"] = req.Echo
			if err := conn.WriteJSON(resp); err != nil {
				return
			}
		}
	}))
}

func TestClientOverWebSocket(t *testing.T) {
	defer goleak.VerifyNone(t)
	var sentParams json.RawMessage
	srv := wsOneBot(t, func(action string, params json.RawMessage) map[string]any {
		switch action {
		case "send_group_msg":
			sentParams = params
			return map[string]any{"status": "ok", "retcode": 0, "data": map[string]any{"message_id": "-5"}}
		case "set_restart_async":
			return map[string]any{"status": "async", "retcode": 1, "data": nil}
		}
		return map[string]any{"status": "failed", "retcode": 1404, "data": nil, "message": "不支持的api " + action, "wording": "不支持的api " + action}
	})
	defer srv.Close()
	ws, err := transport.NewWSClient("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	c := onebot11.NewClient(ws)
	ctx := testCtx(t)

	var msg onebot11.Message
	if err := json.Unmarshal([]byte(`"hello"`), &msg); err != nil {
		t.Fatal(err)
	}
	res, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 42, Message: msg})
	if err != nil {
		t.Fatal(err)
	}
	if res.MessageID != -5 {
		t.Errorf("message_id = %d", res.MessageID)
	}
	golden.EqualJSON(t, []byte(`{"group_id":42,"message":[{"type":"text","data":{"text":"hello"}}]}`), sentParams)

	if err := c.Async().SetRestart(ctx, nil); err != nil {
		t.Errorf("async: %v", err)
	}

	// The same failure as LLOneBot's HTTP 404 + JSON body, here as a retcode.
	err = c.Call(ctx, "no_such_action", nil, nil)
	var ae *onebot11.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	want := onebot11.APIError{Action: "no_such_action", Status: "failed", Retcode: 1404,
		Message: "不支持的api no_such_action", Wording: "不支持的api no_such_action"}
	if ae.Action != want.Action || ae.Status != want.Status || ae.Retcode != want.Retcode ||
		ae.Message != want.Message || ae.Wording != want.Wording || ae.HTTPStatus != 0 {
		t.Errorf("APIError = %+v, want %+v", *ae, want)
	}
	if !errors.Is(err, onebot11.ErrUnknownAction) || errors.Is(err, transport.ErrNotFound) {
		t.Errorf("errors.Is: unknown=%v transport404=%v, want true false",
			errors.Is(err, onebot11.ErrUnknownAction), errors.Is(err, transport.ErrNotFound))
	}
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.CleanCache(ctx, nil); !errors.Is(err, transport.ErrClosed) {
		t.Errorf("after Close: err = %v, want transport.ErrClosed", err)
	}
}

// A WebSocket handshake refused with 401 reads as the same APIError as an
// HTTP API call refused with 401, and says the client is closed.
func TestWebSocketHandshakeRefused(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "missing access token", http.StatusUnauthorized)
	}))
	defer srv.Close()
	ws, err := transport.NewWSClient("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	err = onebot11.NewClient(ws).CleanCache(testCtx(t), nil)
	var ae *onebot11.APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 401 || ae.Retcode != 1401 || ae.Message != "missing access token" {
		t.Fatalf("err = %v, want APIError 401/1401", err)
	}
	if !errors.Is(err, onebot11.ErrUnauthorized) || !errors.Is(err, transport.ErrUnauthorized) || !errors.Is(err, transport.ErrClosed) {
		t.Errorf("errors.Is: onebot11=%v transport=%v closed=%v", errors.Is(err, onebot11.ErrUnauthorized),
			errors.Is(err, transport.ErrUnauthorized), errors.Is(err, transport.ErrClosed))
	}
}
