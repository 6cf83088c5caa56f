package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
)

func TestQuickOperationJSON(t *testing.T) {
	tests := []struct {
		op   onebot11.QuickOperation
		want string
	}{
		{&onebot11.QuickReply{}, `{"at_sender":false}`},
		{&onebot11.QuickReply{Reply: onebot11.Message{onebot11.Text("hi")}, AutoEscape: true, AtSender: true, Delete: true, Kick: true, Ban: true, BanDuration: 60},
			`{"reply":[{"type":"text","data":{"text":"hi"}}],"auto_escape":true,"at_sender":true,"delete":true,"kick":true,"ban":true,"ban_duration":60}`},
		{&onebot11.QuickReply{AtSender: true, Extra: map[string]json.RawMessage{"x_custom": json.RawMessage(`[1]`), "at_sender": json.RawMessage(`0`)}},
			`{"at_sender":true,"x_custom":[1]}`},
		{&onebot11.QuickApprove{}, `{"approve":false}`},
		{&onebot11.QuickApprove{Approve: true, Remark: "pal", Reason: "r"}, `{"approve":true,"remark":"pal","reason":"r"}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.op)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("Marshal(%+v) = %s, want %s", tt.op, got, tt.want)
		}
	}
}

func TestQuickOperationRoundTrip(t *testing.T) {
	for _, in := range []string{
		`{"reply":"[CQ:face,id=1] hi","at_sender":false,"ban_duration":0,"future":{"a":1}}`,
		`{"reply":[{"type":"text","data":{"text":"x"}}],"at_sender":true,"delete":true}`,
	} {
		var q onebot11.QuickReply
		if err := json.Unmarshal([]byte(in), &q); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(&q)
		if err != nil {
			t.Fatal(err)
		}
		// The string-format reply comes back as the array format, and a
		// zero ban_duration is the default: everything else is kept.
		var want string
		switch in[9] {
		case '"':
			want = `{"reply":[{"type":"face","data":{"id":"1"}},{"type":"text","data":{"text":" hi"}}],"at_sender":false,"future":{"a":1}}`
		default:
			want = in
		}
		golden.EqualJSON(t, []byte(want), out)
	}
	var a onebot11.QuickApprove
	if err := json.Unmarshal([]byte(`{"approve":true,"remark":"r","extra":null}`), &a); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(&a)
	golden.EqualJSON(t, []byte(`{"approve":true,"remark":"r","extra":null}`), out)

	for _, bad := range []string{`[]`, `{"approve":"maybe"}`, `null`, `{`} {
		if err := json.Unmarshal([]byte(bad), &a); err == nil {
			t.Errorf("QuickApprove accepted %s", bad)
		}
	}
	if err := json.Unmarshal([]byte(`{"ban":3}`), new(onebot11.QuickReply)); err == nil {
		t.Error("QuickReply accepted ban: 3")
	}
	if _, err := json.Marshal(&onebot11.QuickApprove{Extra: map[string]json.RawMessage{"x": json.RawMessage(`{`)}}); err == nil {
		t.Error("invalid Extra was written")
	}
}

func TestSetQuickOperationOutsideHandler(t *testing.T) {
	if err := onebot11.SetQuickOperation(context.Background(), &onebot11.QuickApprove{}); !errors.Is(err, onebot11.ErrNotHandling) {
		t.Errorf("err = %v, want ErrNotHandling", err)
	}
	if _, err := onebot11.Respond(context.Background(), nil); !errors.Is(err, onebot11.ErrNotHandling) {
		t.Errorf("Respond outside a handler = %v, want ErrNotHandling", err)
	}
	if onebot11.FromContext(context.Background()) != nil || onebot11.EventFromContext(context.Background()) != nil {
		t.Error("a plain context carries a bot or event")
	}
}

// TestQuickOperationAfterReturn: a quick operation set after the handler
// returned (from a goroutine it left behind) is refused, and a handler
// failing after setting one sends nothing.
func TestQuickOperationAfterReturn(t *testing.T) {
	botNoLeaks(t)
	m := newImpl(t, testSelf, "")
	late := make(chan error, 1)
	reported := make(chan error, 10)
	b, err := onebot11.DialWS(testCtx(t), m.wsURL("/"), &onebot11.BotOptions{
		OnError: func(ev onebot11.Event, err error) { reported <- err },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	mux := onebot11.NewMux()
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{Delete: true})
		return errors.New("changed my mind")
	}, onebot11.Command("/fail"))
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		if onebot11.EventFromContext(ctx) != onebot11.Event(ev) {
			t.Error("EventFromContext is not the handled event")
		}
		go func() {
			<-ctx.Done() // the handler has returned
			late <- onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{Kick: true})
		}()
		return nil
	})
	runBot(t, b, mux)
	m.push(groupMsg(testSelf, testGroup, testUser, 1, textJSON("/fail")))
	if err := <-reported; err.Error() != "changed my mind" {
		t.Errorf("reported %v", err)
	}
	m.push(groupMsg(testSelf, testGroup, testUser, 2, textJSON("x")))
	if err := <-late; !errors.Is(err, onebot11.ErrNotHandling) {
		t.Errorf("late SetQuickOperation = %v, want ErrNotHandling", err)
	}
	m.noCall(t)
}
