package onebot11_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
)

// TestServerGoldenResponses serves every response example of the document
// (testdata/onebot11/actions/*.response.*.json) from a typed handler that
// returns the example's data decoded into the result type (or, for a failed
// example, an *APIError with its retcode and texts), calls the action over
// loopback (HTTP, or WebSocket with the example's echo when it has one) with
// the request example as params, and checks the wire response holds the
// example's JSON value.
//
// Allowed differences, each a property of the document rather than of the
// server: a "status":"string" example (the document's schema placeholder)
// expects "ok" with empty message and wording; a member the example leaves
// out ("data" of a no-data action, go-cqhttp's missing "message"/"wording",
// or "msg" in place of "message") may be sent as null / "".
func TestServerGoldenResponses(t *testing.T) {
	noLeaks(t)
	consts := srvActionConsts(t)
	goNames := map[string]string{}
	for c, lit := range consts {
		v, _ := strconv.Unquote(lit)
		goNames[v] = strings.TrimPrefix(c, "Action")
	}
	files, err := filepath.Glob(golden.Path("onebot11", "actions", "*.response.*.json"))
	if err != nil || len(files) < 50 {
		t.Fatalf("response examples: %d %v", len(files), err)
	}
	sort.Strings(files)

	type example struct {
		file, action, name string
		env                map[string]json.RawMessage
		raw                []byte
	}
	var examples []example
	for _, f := range files {
		base := filepath.Base(f)
		action := base[:strings.Index(base, ".")]
		name, ok := goNames[action]
		if !ok {
			if name, ok = goNames["."+action]; ok {
				action = "." + action
			}
		}
		if !ok {
			t.Errorf("%s: no action %q", base, action)
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var env map[string]json.RawMessage
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		examples = append(examples, example{file: base, action: action, name: name, env: env, raw: raw})
	}

	// One server per example (each registers its own handler for the
	// action), sharing nothing.
	n := 0
	for _, ex := range examples {
		t.Run(ex.file, func(t *testing.T) {
			mux := onebot11.NewServeMux()
			registerExample(t, mux, ex.name, ex.env)
			_, base, hc := srvSetup(t, mux, nil)
			params := []byte(`{}`)
			if req, err := os.ReadFile(golden.Path("onebot11", "actions", strings.TrimPrefix(ex.action, ".")+".request.json")); err == nil {
				params = req
			}
			var got []byte
			if echo, ok := ex.env["echo"]; ok {
				got = wsRoundTrip(t, base, ex.action, params, echo)
			} else {
				_, body := srvRaw(t, hc, "POST", base+"/"+ex.action, "application/json", string(params))
				got = []byte(body)
			}
			want := normalizeExample(t, ex.env)
			gotEnv := map[string]json.RawMessage{}
			if err := json.Unmarshal(got, &gotEnv); err != nil {
				t.Fatalf("response %s: %v", got, err)
			}
			for _, k := range []string{"data", "message", "wording", "msg"} {
				if _, in := want[k]; !in {
					if v, ok := gotEnv[k]; ok && (string(v) == "null" || string(v) == `""`) {
						delete(gotEnv, k)
					}
				}
			}
			gb, _ := json.Marshal(gotEnv)
			wb, _ := json.Marshal(want)
			if !golden.SameJSON(wb, gb) {
				cw, _ := golden.Canonical(wb)
				cg, _ := golden.Canonical(gb)
				t.Errorf("wire response differs from the example\n--- example\n%s--- served\n%s", cw, cg)
			}
		})
		n++
	}
	t.Logf("%d response examples served", n)
}

// normalizeExample applies the documented allowances to an example.
func normalizeExample(t *testing.T, env map[string]json.RawMessage) map[string]json.RawMessage {
	want := map[string]json.RawMessage{}
	for k, v := range env {
		want[k] = v
	}
	if string(want["status"]) == `"string"` {
		want["status"] = json.RawMessage(`"ok"`)
		for _, k := range []string{"message", "wording"} {
			if _, ok := want[k]; ok {
				want[k] = json.RawMessage(`""`)
			}
		}
	}
	if v, ok := want["msg"]; ok && string(v) == `""` {
		delete(want, "msg")
	}
	return want
}

// registerExample registers, through the typed method HandleXxx, a handler
// answering with the example: its data decoded into the result type, or an
// *APIError for a failed example.
func registerExample(t *testing.T, mux *onebot11.ServeMux, name string, env map[string]json.RawMessage) {
	t.Helper()
	meth := reflect.ValueOf(mux).MethodByName("Handle" + name)
	if !meth.IsValid() {
		t.Fatalf("no ServeMux.Handle%s", name)
	}
	ft := meth.Type().In(0)
	var status string
	json.Unmarshal(env["status"], &status)
	var results []reflect.Value
	if status == "failed" {
		var ae onebot11.APIError
		json.Unmarshal(env["retcode"], &ae.Retcode)
		json.Unmarshal(env["message"], &ae.Message)
		json.Unmarshal(env["wording"], &ae.Wording)
		for i := range ft.NumOut() {
			results = append(results, reflect.Zero(ft.Out(i)))
		}
		results[len(results)-1] = reflect.ValueOf(error(&ae))
	} else {
		data := env["data"]
		if ft.NumOut() == 2 {
			out := reflect.Zero(ft.Out(0))
			if len(data) > 0 && !bytes.Equal(data, []byte("null")) {
				p := reflect.New(ft.Out(0))
				if err := json.Unmarshal(data, p.Interface()); err != nil {
					t.Fatalf("decoding the example's data into %v: %v", ft.Out(0), err)
				}
				out = p.Elem()
			}
			results = append(results, out)
		} else if len(data) > 0 && string(data) != "null" {
			t.Fatalf("no-data action with data %s", data)
		}
		results = append(results, reflect.Zero(reflect.TypeFor[error]()))
	}
	meth.Call([]reflect.Value{reflect.MakeFunc(ft, func([]reflect.Value) []reflect.Value { return results })})
}

// wsRoundTrip sends one request frame with echo over a forward WebSocket
// and returns the response frame.
func wsRoundTrip(t *testing.T, base, action string, params, echo []byte) []byte {
	t.Helper()
	ctx := srvCtx(t)
	conn, resp, err := websocket.DefaultDialer.DialContext(ctx, "ws"+strings.TrimPrefix(base, "http")+"/api", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	defer conn.Close()
	frame, _ := json.Marshal(map[string]json.RawMessage{"action": json.RawMessage(strconv.Quote(action)), "params": params, "echo": echo})
	if err := conn.WriteMessage(websocket.TextMessage, frame); err != nil {
		t.Fatal(err)
	}
	_, got, err := conn.ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	return got
}
