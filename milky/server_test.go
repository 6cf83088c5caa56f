package milky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/internal/milkyschema"
	"github.com/duobot/duobot/transport"
)

const srvToken = "srv-token"

// srvEnv is a Server on a loopback httptest server.
type srvEnv struct {
	srv  *Server
	hs   *httptest.Server
	base string // http://host:port{prefix}
	hc   *http.Client
}

// newSrvEnv starts a Server for h with options o on a loopback socket; the
// test's cleanup closes everything.
func newSrvEnv(t *testing.T, h APIHandler, o *ServerOptions) *srvEnv {
	t.Helper()
	if o == nil {
		o = &ServerOptions{}
	}
	srv, err := NewServer(h, o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	tr := &http.Transport{}
	e := &srvEnv{srv: srv, hs: hs, base: hs.URL + strings.TrimRight(o.Prefix, "/"), hc: &http.Client{Transport: tr}}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
		hs.Close()
		tr.CloseIdleConnections()
	})
	return e
}

// client returns a milky Client for the server, sending token.
func (e *srvEnv) client(t *testing.T, token string) *Client {
	t.Helper()
	caller, err := transport.NewMilkyHTTPCaller(e.base, &transport.HTTPOptions{Token: token, Client: e.hc})
	if err != nil {
		t.Fatal(err)
	}
	return NewClient(caller)
}

// post sends body to {base}/api/{api} with the given Content-Type and
// Authorization header (none when empty) and returns the status and body.
func (e *srvEnv) post(t *testing.T, api, contentType, auth string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, e.base+"/api/"+api, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return e.do(t, req)
}

func (e *srvEnv) do(t *testing.T, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := e.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// handleMethod returns the typed registration method of mux for api: the
// method named Handle + the Go name of the API (send_group_message ->
// HandleSendGroupMessage; initialisms as in the Client).
func handleMethod(mux *ServeMux, api string) (reflect.Value, bool) {
	want := strings.ReplaceAll(api, "_", "")
	v := reflect.ValueOf(mux)
	for i := range v.NumMethod() {
		name := v.Type().Method(i).Name
		rest, ok := strings.CutPrefix(name, "Handle")
		if ok && strings.ToLower(rest) == want {
			return v.Method(i), true
		}
	}
	return reflect.Value{}, false
}

// TestServeMuxHasEveryAPI checks that every API constant (APINames) has a
// typed registration method whose function type mirrors the Client method.
func TestServeMuxHasEveryAPI(t *testing.T) {
	mux := NewServeMux()
	client := reflect.TypeOf(new(Client))
	for _, api := range APINames {
		m, ok := handleMethod(mux, api)
		if !ok {
			t.Errorf("%s: ServeMux has no typed registration method", api)
			continue
		}
		ft := m.Type().In(0)
		var cm reflect.Method
		for i := range client.NumMethod() {
			if strings.ToLower(client.Method(i).Name) == strings.ReplaceAll(api, "_", "") {
				cm = client.Method(i)
			}
		}
		if cm.Type == nil {
			t.Errorf("%s: no Client method", api)
			continue
		}
		// The Client method has the receiver first; the handler does not.
		if cm.Type.NumIn()-1 != ft.NumIn() || cm.Type.NumOut() != ft.NumOut() {
			t.Errorf("%s: handler type %v does not mirror %v", api, ft, cm.Type)
			continue
		}
		for i := range ft.NumIn() {
			if ft.In(i) != cm.Type.In(i+1) {
				t.Errorf("%s: handler argument %d is %v, Client has %v", api, i, ft.In(i), cm.Type.In(i+1))
			}
		}
		for i := range ft.NumOut() {
			if ft.Out(i) != cm.Type.Out(i) {
				t.Errorf("%s: handler result %d is %v, Client has %v", api, i, ft.Out(i), cm.Type.Out(i))
			}
		}
	}
}

// TestHandlerAPIIsCurrent fails when handler_api.go differs from what
// handler_gen.go writes (run go generate ./milky/).
func TestHandlerAPIIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator with go run")
	}
	want, err := runGo(t, "run", "handler_gen.go", "-stdout")
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, "handler_api.go")
	if !bytes.Equal(got, want) {
		t.Error("handler_api.go is stale: run go generate ./milky/")
	}
}

// runGo runs the go command in the package directory and returns its
// standard output.
func runGo(t *testing.T, args ...string) ([]byte, error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var errorType = reflect.TypeFor[error]()

// TestServerRoutesEveryAPI registers every API through its typed method,
// calls each with the Client over a real socket (prefix and token set) and
// checks that the handler got the fixture's params and the Client got the
// fixture's result. It also posts each request by hand and validates the
// data the server wrote against the official schema of the API's output
// (strictly: the schema keeps it as it is).
func TestServerRoutesEveryAPI(t *testing.T) {
	mux := NewServeMux()
	var mu sync.Mutex
	seen := map[string][]byte{} // params each handler received, re-encoded
	for _, api := range APINames {
		m, ok := handleMethod(mux, api)
		if !ok {
			t.Fatalf("%s: no typed registration method", api)
		}
		ft := m.Type().In(0)
		data := dataOf(t, readTestdata(t, "api", api, "response.json"))
		fn := reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
			var p []byte = []byte("{}")
			if len(args) == 2 {
				b, err := json.Marshal(args[1].Interface())
				if err != nil {
					t.Errorf("%s: encoding params: %v", api, err)
				}
				p = b
			}
			mu.Lock()
			seen[api] = p
			mu.Unlock()
			var out []reflect.Value
			if ft.NumOut() == 2 {
				r := reflect.New(ft.Out(0).Elem())
				if err := json.Unmarshal(data, r.Interface()); err != nil {
					t.Errorf("%s: decoding fixture result: %v", api, err)
				}
				out = append(out, r)
			}
			return append(out, reflect.Zero(errorType))
		})
		m.Call([]reflect.Value{fn})
	}
	env := newSrvEnv(t, mux, &ServerOptions{Token: srvToken, Prefix: "/milky"})
	c := env.client(t, srvToken)
	for _, api := range APINames {
		t.Run(api, func(t *testing.T) {
			tc := apiCases[api]
			req := readTestdata(t, "api", api, "request.json")
			res, err := tc.call(t.Context(), c, req)
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			got, called := seen[api]
			delete(seen, api)
			mu.Unlock()
			if !called {
				t.Fatal("handler not called")
			}
			if tc.params != nil && !golden.SameJSON(req, got) {
				t.Errorf("handler params\n%s\nwant\n%s", got, req)
			}
			wantData := dataOf(t, readTestdata(t, "api", api, "response.json"))
			if tc.result != nil {
				out, err := json.Marshal(res)
				if err != nil {
					t.Fatal(err)
				}
				if !golden.SameJSON(out, wantData) {
					t.Errorf("client result\n%s\nwant\n%s", out, wantData)
				}
			}

			status, body := env.post(t, api, "application/json", "Bearer "+srvToken, req)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			var env struct {
				Status  string          `json:"status"`
				Retcode *int            `json:"retcode"`
				Data    json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(body, &env); err != nil {
				t.Fatal(err)
			}
			if env.Status != StatusOK || env.Retcode == nil || *env.Retcode != 0 {
				t.Errorf("envelope %s", body)
			}
			if tc.result == nil {
				if string(env.Data) != "{}" {
					t.Errorf("data of an API without output: %s, want {}", env.Data)
				}
			} else if !golden.SameJSON(env.Data, wantData) {
				t.Errorf("data\n%s\nwant\n%s", env.Data, wantData)
			}
			milkyschema.CheckStrict(t, "api_output:"+api, env.Data)
		})
	}
}

func TestServerErrorMapping(t *testing.T) {
	mux := NewServeMux()
	mux.HandleSendGroupMessage(func(ctx context.Context, p *SendGroupMessageParams) (*SendGroupMessageResult, error) {
		switch p.GroupID {
		case 1:
			return nil, fmt.Errorf("upstream: %w", &APIError{Retcode: 51, Message: "oidb said no"})
		case 2:
			return nil, errors.New("database on fire")
		case 3:
			panic("boom")
		case 4:
			return nil, nil
		case 5:
			return nil, &APIError{Message: "no retcode"}
		case 6:
			return nil, &APIError{Retcode: RetcodeNotLoggedIn, Message: "offline"}
		case 7:
			// An upstream's 401 must not look like this server refusing the
			// caller's token.
			return nil, &APIError{API: APISendGroupMessage, HTTPStatus: http.StatusUnauthorized, Message: "401 Unauthorized"}
		case 8:
			return nil, fmt.Errorf("upstream: %w", &APIError{API: APISendGroupMessage, HTTPStatus: http.StatusNotFound})
		}
		return &SendGroupMessageResult{MessageSeq: 7, Time: 8}, nil
	})
	mux.HandleGetLoginInfo(func(ctx context.Context) (*GetLoginInfoResult, error) {
		return &GetLoginInfoResult{Uin: 10001, Nickname: "bot"}, nil
	})
	mux.HandleSetBio(func(ctx context.Context, p *SetBioParams) error { return nil })
	mux.HandleFunc("raw_bad_data", func(ctx context.Context, api string, params []byte) ([]byte, error) {
		return []byte(`[1]`), nil
	})
	mux.HandleFunc("raw_invalid_data", func(ctx context.Context, api string, params []byte) ([]byte, error) {
		return []byte(`{"a":`), nil
	})
	env := newSrvEnv(t, mux, &ServerOptions{Token: srvToken, MaxBodyBytes: 1 << 10})
	c := env.client(t, srvToken)
	ctx := t.Context()

	send := func(group int64) error {
		_, err := c.SendGroupMessage(ctx, &SendGroupMessageParams{GroupID: group, Message: OutgoingSegments{Text("hi")}})
		return err
	}
	if err := send(9); err != nil {
		t.Fatalf("success case: %v", err)
	}
	for _, tc := range []struct {
		group   int64
		retcode int
		message string
	}{
		{1, 51, "oidb said no"},
		{2, RetcodeInternal, "database on fire"},
		{3, RetcodeInternal, "milky: send_group_message: handler panic: boom"},
		{4, RetcodeInternal, "milky: send_group_message: handler returned neither a result nor an error"},
		{5, RetcodeInternal, "no retcode"},
		{6, RetcodeNotLoggedIn, "offline"},
		{7, RetcodeInternal, "401 Unauthorized"},
	} {
		err := send(tc.group)
		var ae *APIError
		if !errors.As(err, &ae) || ae.HTTPStatus != 0 || ae.Status != StatusFailed || ae.Retcode != tc.retcode || ae.Message != tc.message {
			t.Errorf("group %d: got %#v (%v), want retcode %d message %q", tc.group, ae, err, tc.retcode, tc.message)
		}
	}
	if err := send(6); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("retcode -403: %v does not match ErrNotLoggedIn", err)
	}
	if err := send(8); !errors.Is(err, ErrUnknownAPI) {
		t.Errorf("handler error wrapping an HTTP 404: %v, want 404", err)
	}

	// Params that do not decode: -400, the handler is not called. (The
	// client refuses to send most of these, so they are posted by hand.)
	if err := c.Call(ctx, APISendGroupMessage, []byte(`{"group_id":"abc","message":[]}`), nil); !errors.Is(err, ErrBadParams) {
		t.Errorf("group_id \"abc\": %v, want retcode -400", err)
	}
	for _, tc := range []struct{ api, body string }{
		{APISendGroupMessage, `{"group_id":"abc","message":[]}`},
		{APISendGroupMessage, `{"group_id":1,"message":{}}`},
		{APISendGroupMessage, `[]`},
		{APISendGroupMessage, `null`},
		{APISendGroupMessage, ``},
		{APISendGroupMessage, `{"group_id":1`},
		{APISendGroupMessage, `{} x`},
		{APIGetLoginInfo, `"x"`},
		{APIGetLoginInfo, `{"a":}`},
		{APIGetLoginInfo, `{}{}`},
	} {
		status, body := env.post(t, tc.api, "application/json", "Bearer "+srvToken, []byte(tc.body))
		var got struct {
			Status  string `json:"status"`
			Retcode int    `json:"retcode"`
			Message string `json:"message"`
		}
		if err := json.Unmarshal(body, &got); err != nil || status != 200 || got.Status != StatusFailed || got.Retcode != RetcodeBadParams || !strings.HasPrefix(got.Message, "bad params: ") {
			t.Errorf("%s with params %s: %d %s, want retcode -400", tc.api, tc.body, status, body)
		}
	}
	// An API without input accepts any object.
	if err := c.Call(ctx, APIGetLoginInfo, []byte(`{"extra":1}`), nil); err != nil {
		t.Errorf("get_login_info with extra params: %v", err)
	}

	// APIHandler data that is not an object, or not JSON at all.
	for _, api := range []string{"raw_bad_data", "raw_invalid_data"} {
		if err := c.Call(ctx, api, nil, nil); Retcode(err) != RetcodeInternal {
			t.Errorf("%s: %v, want retcode %d", api, err, RetcodeInternal)
		}
	}

	// Exact envelopes.
	status, body := env.post(t, APISetBio, "application/json", "Bearer "+srvToken, []byte(`{"bio":"x"}`))
	if status != 200 || string(body) != `{"status":"ok","retcode":0,"data":{}}` {
		t.Errorf("no-output API: %d %s", status, body)
	}
	status, body = env.post(t, APISendGroupMessage, "application/json; charset=utf-8", "Bearer "+srvToken, []byte(`{"group_id":1,"message":[]}`))
	if status != 200 || string(body) != `{"status":"failed","retcode":51,"message":"oidb said no"}` {
		t.Errorf("failed call: %d %s", status, body)
	}

	// HTTP-level errors.
	if err := c.Call(ctx, "no_such_api", nil, nil); !errors.Is(err, ErrUnknownAPI) {
		t.Errorf("unknown API: %v, want 404", err)
	}
	for _, tc := range []struct {
		name, api, ct, auth string
		body                string
		want                int
	}{
		{"unknown API", "no_such_api", "application/json", "Bearer " + srvToken, "{}", 404},
		{"empty API name", "", "application/json", "Bearer " + srvToken, "{}", 404},
		{"nested path", "a/b", "application/json", "Bearer " + srvToken, "{}", 404},
		{"text/plain", APIGetLoginInfo, "text/plain", "Bearer " + srvToken, "{}", 415},
		{"no Content-Type", APIGetLoginInfo, "", "Bearer " + srvToken, "{}", 415},
		{"missing token", APIGetLoginInfo, "application/json", "", "{}", 401},
		{"wrong token", APIGetLoginInfo, "application/json", "Bearer nope", "{}", 401},
		{"auth before 404", "no_such_api", "application/json", "", "{}", 401},
		{"body too large", APISetBio, "application/json", "Bearer " + srvToken, `{"bio":"` + strings.Repeat("x", 2<<10) + `"}`, 413},
	} {
		status, body := env.post(t, tc.api, tc.ct, tc.auth, []byte(tc.body))
		if status != tc.want {
			t.Errorf("%s: status %d (%s), want %d", tc.name, status, body, tc.want)
		}
	}
	// The query token is for /event only.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, env.base+"/api/get_login_info?access_token="+srvToken, strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	if status, _ := env.do(t, req); status != 401 {
		t.Errorf("access_token query on /api: %d, want 401", status)
	}
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, env.base+"/api/get_login_info", nil)
	req.Header.Set("Authorization", "Bearer "+srvToken)
	if status, _ := env.do(t, req); status != 405 {
		t.Errorf("GET /api: %d, want 405", status)
	}
	for token, want := range map[string]error{"": ErrUnauthorized, "nope": ErrUnauthorized} {
		if _, err := env.client(t, token).GetLoginInfo(ctx); !errors.Is(err, want) {
			t.Errorf("client with token %q: %v, want %v", token, err, want)
		}
	}
}

func TestServerPrefix(t *testing.T) {
	mux := NewServeMux()
	mux.HandleGetLoginInfo(func(ctx context.Context) (*GetLoginInfoResult, error) {
		return &GetLoginInfoResult{Uin: 10001, Nickname: "bot"}, nil
	})
	env := newSrvEnv(t, mux, &ServerOptions{Prefix: "/milky/"})
	r, err := env.client(t, "").GetLoginInfo(t.Context())
	if err != nil || r.Uin != 10001 || r.Nickname != "bot" {
		t.Fatalf("through /milky: %+v, %v", r, err)
	}
	for _, path := range []string{"/api/get_login_info", "/milkyx/api/get_login_info", "/milky", "/milky/event/x"} {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, env.hs.URL+path, strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		if status, _ := env.do(t, req); status != 404 {
			t.Errorf("%s: status %d, want 404", path, status)
		}
	}
}

func TestServeMuxDefault(t *testing.T) {
	mux := NewServeMux()
	if mux.Handler("x") != nil {
		t.Fatal("empty mux has a handler")
	}
	mux.HandleDefault(APIHandlerFunc(func(ctx context.Context, api string, params []byte) ([]byte, error) {
		return json.Marshal(map[string]string{"api": api, "params": string(params)})
	}))
	data, err := mux.ServeAPI(t.Context(), "anything", []byte(`{"a":1}`))
	if err != nil || string(data) != `{"api":"anything","params":"{\"a\":1}"}` {
		t.Fatalf("default handler: %s, %v", data, err)
	}
	mux.HandleDefault(nil)
	if _, err := mux.ServeAPI(t.Context(), "anything", nil); !errors.Is(err, ErrUnknownAPI) {
		t.Fatalf("without default: %v, want ErrUnknownAPI", err)
	}
	var zero ServeMux
	zero.HandleFunc("x", func(ctx context.Context, api string, params []byte) ([]byte, error) { return nil, nil })
	if zero.Handler("x") == nil {
		t.Fatal("zero ServeMux did not register")
	}
}

// FuzzServerAPI posts arbitrary bodies to a typed handler: the server never
// panics, always answers 200 with a valid envelope, and the handler runs
// only when the params decoded.
func FuzzServerAPI(f *testing.F) {
	for _, s := range []string{`{}`, `{"group_id":1,"message":[{"type":"text","data":{"text":"hi"}}]}`, `{"group_id":"-5"}`, `[]`, `null`, ``, `{"group_id":1`, `{"message":[{"type":"image"}]}`} {
		f.Add([]byte(s))
	}
	mux := NewServeMux()
	mux.HandleSendGroupMessage(func(ctx context.Context, p *SendGroupMessageParams) (*SendGroupMessageResult, error) {
		return &SendGroupMessageResult{MessageSeq: p.GroupID, Time: 1}, nil
	})
	srv, err := NewServer(mux, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = srv.Close() })
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/"+APISendGroupMessage, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
		var env struct {
			Status  string          `json:"status"`
			Retcode *int            `json:"retcode"`
			Data    json.RawMessage `json:"data"`
			Message *string         `json:"message"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || env.Retcode == nil {
			t.Fatalf("not an envelope: %s (%v)", rec.Body.Bytes(), err)
		}
		switch {
		case env.Status == StatusOK && *env.Retcode == 0 && len(env.Data) > 0:
			var p SendGroupMessageParams
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatalf("handler ran on params that do not decode (%v): %s", err, body)
			}
		case env.Status == StatusFailed && *env.Retcode == RetcodeBadParams && env.Message != nil:
		default:
			t.Fatalf("unexpected envelope %s", rec.Body.Bytes())
		}
	})
}

// TestTypedHandlerShapes covers the handler shapes and codecs that no Milky
// 1.2 API uses today: an API with neither input nor output, and params and
// results without generated codecs (encoding/json is used).
func TestTypedHandlerShapes(t *testing.T) {
	ctx := t.Context()
	called := 0
	none := handlerNone(func(ctx context.Context) error { called++; return nil })
	if data, err := none.ServeAPI(ctx, "x", []byte(` {"ignored":1} `)); err != nil || data != nil || called != 1 {
		t.Errorf("no input, no output: %s, %v, called %d", data, err, called)
	}
	if _, err := none.ServeAPI(ctx, "x", []byte(`[]`)); !errors.Is(err, ErrBadParams) || called != 1 {
		t.Errorf("no input with []: %v, called %d", err, called)
	}
	type plainParams struct {
		N int `json:"n"`
	}
	type plainResult struct {
		Twice int `json:"twice"`
	}
	pr := handlerPR[plainParams, plainResult](func(ctx context.Context, p *plainParams) (*plainResult, error) {
		return &plainResult{Twice: 2 * p.N}, nil
	})
	if data, err := pr.ServeAPI(ctx, "x", []byte(`{"n":21}`)); err != nil || string(data) != `{"twice":42}` {
		t.Errorf("plain types: %s, %v", data, err)
	}
	if _, err := pr.ServeAPI(ctx, "x", []byte(`{"n":"x"}`)); !errors.Is(err, ErrBadParams) {
		t.Errorf("plain params that do not decode: %v", err)
	}
	bad := handlerR[map[string]float64](func(ctx context.Context) (*map[string]float64, error) {
		return &map[string]float64{"x": math.Inf(1)}, nil
	})
	if _, err := bad.ServeAPI(ctx, "x", []byte(`{}`)); err == nil || Retcode(err) != 0 {
		t.Errorf("result that cannot be encoded: %v, want a plain error", err)
	}
}

// TestServerWebhookFailure checks that a failing webhook URL is counted
// and does not hold back a working one.
func TestServerWebhookFailure(t *testing.T) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer failing.Close()
	good := newWebhookSink(t, 4)
	env := newSrvEnv(t, nil, &ServerOptions{Token: srvToken, WebhookURLs: []string{failing.URL, good.hs.URL}})
	for i := range 2 {
		if err := env.srv.PublishFrame(t.Context(), []byte(fmt.Sprintf(`{"n":%d}`, i))); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		if got := good.next(t); string(got) != fmt.Sprintf(`{"n":%d}`, i) {
			t.Errorf("good webhook got %s", got)
		}
	}
	waitUntil(t, "2 failures and 2 deliveries", func() bool {
		st := env.srv.Stats()
		return st.WebhookFailed == 2 && st.WebhookDelivered == 2
	})
	if st := env.srv.Stats(); st.WebhookDelivered != 2 || st.WebhookDropped != 0 {
		t.Errorf("stats %+v", st)
	}
	if _, err := NewServer(nil, &ServerOptions{WebhookURLs: []string{"ftp://x"}}); err == nil {
		t.Error("NewServer accepted an ftp webhook URL")
	}
}
