package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/handlergen"
	"github.com/duobot/duobot/onebot11"
)

// The typed registrations are generated from the Client methods; the file in
// the tree must be what the generator writes now.
func TestHandlerGenCurrent(t *testing.T) {
	ok, err := handlergen.Current(".")
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatalf("%s is stale: run go generate ./onebot11/", handlergen.FileName)
	}
}

// srvActionConsts returns every Action* constant of actions.go.
func srvActionConsts(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "actions.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, sp := range gd.Specs {
			for i, n := range sp.(*ast.ValueSpec).Names {
				if strings.HasPrefix(n.Name, "Action") {
					out[n.Name] = sp.(*ast.ValueSpec).Values[i].(*ast.BasicLit).Value
				}
			}
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d Action constants", len(out))
	}
	return out
}

// Every ActionXxx constant has a registration method HandleXxx whose handler
// has exactly the signature of Client.Xxx, and registering through it serves
// that action.
func TestEveryActionHasRegistration(t *testing.T) {
	muxT := reflect.TypeFor[*onebot11.ServeMux]()
	cliT := reflect.TypeFor[*onebot11.Client]()
	for c := range srvActionConsts(t) {
		name := strings.TrimPrefix(c, "Action")
		cm, ok := cliT.MethodByName(name)
		if !ok {
			t.Errorf("%s: no Client.%s", c, name)
			continue
		}
		hm, ok := muxT.MethodByName("Handle" + name)
		if !ok {
			t.Errorf("%s: no ServeMux.Handle%s", c, name)
			continue
		}
		in := make([]reflect.Type, 0, 2)
		for i := 1; i < cm.Type.NumIn(); i++ {
			in = append(in, cm.Type.In(i))
		}
		out := make([]reflect.Type, 0, 2)
		for i := 0; i < cm.Type.NumOut(); i++ {
			out = append(out, cm.Type.Out(i))
		}
		want := reflect.FuncOf(in, out, false)
		if hm.Type.NumIn() != 2 || hm.Type.In(1) != want {
			t.Errorf("ServeMux.Handle%s takes %v, want %v", name, hm.Type, want)
		}
	}
}

// A handler registered through every typed method is found under the
// action's wire name, and the mux serves it (params decoded, result encoded).
func TestTypedRegistrationServes(t *testing.T) {
	consts := srvActionConsts(t)
	muxT := reflect.TypeFor[*onebot11.ServeMux]()
	m := onebot11.NewServeMux()
	mv := reflect.ValueOf(m)
	called := map[string]bool{}
	n := 0
	for i := range muxT.NumMethod() {
		meth := muxT.Method(i)
		name, ok := strings.CutPrefix(meth.Name, "Handle")
		if !ok || consts["Action"+name] == "" {
			continue
		}
		ft := meth.Type.In(1)
		fn := reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
			called[name] = true
			if args[1].IsNil() {
				t.Errorf("%s: nil params", name)
			}
			out := make([]reflect.Value, ft.NumOut())
			for j := range out {
				out[j] = reflect.Zero(ft.Out(j))
			}
			return out
		})
		mv.MethodByName(meth.Name).Call([]reflect.Value{fn})
		n++
	}
	if n != len(consts) {
		t.Errorf("%d typed registrations for %d actions", n, len(consts))
	}
	if got := len(m.Actions()); got != len(consts) {
		t.Errorf("mux has %d actions, want %d", got, len(consts))
	}
	ctx := context.Background()
	for c, lit := range consts {
		action := strings.Trim(lit, `"`)
		data, err := m.HandleAction(ctx, action, []byte(`{}`))
		if err != nil {
			t.Errorf("%s: %v", action, err)
		}
		if !called[strings.TrimPrefix(c, "Action")] {
			t.Errorf("%s: handler not called", action)
		}
		_ = data
	}
}

func TestMuxResults(t *testing.T) {
	m := onebot11.NewServeMux()
	m.HandleGetGroupList(func(ctx context.Context, p *onebot11.GetGroupListParams) ([]onebot11.GroupInfo, error) {
		if p.NoCache {
			return nil, nil
		}
		return []onebot11.GroupInfo{{GroupID: 1, GroupName: "a"}, {GroupID: 2, GroupName: "b"}}, nil
	})
	m.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		return nil, nil
	})
	m.HandleDeleteMsg(func(ctx context.Context, p *onebot11.DeleteMsgParams) error {
		if p.MessageID != -5 {
			return fmt.Errorf("message_id %d", p.MessageID)
		}
		return nil
	})
	ctx := context.Background()
	data, err := m.HandleAction(ctx, "get_group_list", nil)
	if err != nil || !strings.HasPrefix(string(data), `[{`) || !strings.Contains(string(data), `"group_name":"b"`) {
		t.Errorf("get_group_list: %s %v", data, err)
	}
	if data, err := m.HandleAction(ctx, "get_group_list", []byte(`{"no_cache":"true"}`)); err != nil || string(data) != "[]" {
		t.Errorf("empty list: %s %v", data, err)
	}
	if data, err := m.HandleAction(ctx, "get_login_info", nil); err != nil || data != nil {
		t.Errorf("nil result: %s %v", data, err)
	}
	if _, err := m.HandleAction(ctx, "delete_msg", []byte(`{"message_id":"-5"}`)); err != nil {
		t.Errorf("numeric string id: %v", err)
	}
	_, err = m.HandleAction(ctx, "delete_msg", []byte(`{"message_id":"x"}`))
	var pe *onebot11.ParamsError
	if !errors.As(err, &pe) || !errors.Is(err, onebot11.ErrBadRequest) {
		t.Errorf("bad params: %v", err)
	}
	if _, err := m.HandleAction(ctx, "nope", nil); !errors.Is(err, onebot11.ErrUnknownAction) {
		t.Errorf("unknown: %v", err)
	}
	m.HandleFallback(onebot11.ActionHandlerFunc(func(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
		return []byte(`"` + action + `"`), nil
	}))
	if data, err := m.HandleAction(ctx, "nope", nil); err != nil || string(data) != `"nope"` {
		t.Errorf("fallback: %s %v", data, err)
	}
	m.Handle("get_group_list", nil)
	if data, _ := m.HandleAction(ctx, "get_group_list", nil); string(data) != `"get_group_list"` {
		t.Errorf("removed handler still served: %s", data)
	}
}

func TestErrorResponse(t *testing.T) {
	for _, tc := range []struct {
		err           error
		http, retcode int
		msg           string
	}{
		{&onebot11.APIError{Retcode: 200, Message: "m", Wording: "w"}, 200, 200, "m"},
		{fmt.Errorf("wrapped: %w", &onebot11.APIError{Retcode: 1404, Wording: "w"}), 404, 1404, "w"},
		{&onebot11.APIError{Retcode: 0, Message: "zero"}, 200, onebot11.RetcodeFailed, "zero"},
		{errors.New("boom"), 200, onebot11.RetcodeFailed, "boom"},
		{fmt.Errorf("x: %w", onebot11.ErrBadRequest), 400, 1400, "x: onebot11: bad request"},
		{onebot11.ErrUnknownAction, 404, 1404, "onebot11: unknown action"},
		{onebot11.ErrForbidden, 403, 1403, "onebot11: forbidden"},
		{onebot11.ErrUnauthorized, 401, 1401, "onebot11: unauthorized"},
	} {
		h, rc, msg, _ := onebot11.ErrorResponse(tc.err)
		if h != tc.http || rc != tc.retcode || msg != tc.msg {
			t.Errorf("%v: got %d %d %q, want %d %d %q", tc.err, h, rc, msg, tc.http, tc.retcode, tc.msg)
		}
	}
}
