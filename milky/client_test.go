package milky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/transport"
)

const testToken = "s3cret"

// milkyServer is a small Milky implementation for the client tests:
// POST /prefix/api/{name} with Bearer auth and a JSON Content-Type. It
// answers 401 (plain text, as Lagrange.Milky does) for a wrong token, 415
// for a wrong Content-Type and 404 for an API it has no answer for.
type milkyServer struct {
	mu      sync.Mutex
	answers map[string]func(w http.ResponseWriter) // by API name
	bodies  map[string][]byte                      // last request body by API name
}

func newMilkyServer(t *testing.T) (*milkyServer, *Client) {
	t.Helper()
	s := &milkyServer{answers: map[string]func(http.ResponseWriter){}, bodies: map[string][]byte{}}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	caller, err := transport.NewMilkyHTTPCaller(srv.URL+"/prefix", &transport.HTTPOptions{Token: testToken, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	return s, NewClient(caller)
}

// answer makes the server reply to api with status and body.
func (s *milkyServer) answer(api string, status int, contentType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers[api] = func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func (s *milkyServer) body(api string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bodies[api]
}

func (s *milkyServer) serve(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, "/prefix/api/")
	if !ok || r.Method != http.MethodPost {
		http.Error(w, "404 NotFound", http.StatusNotFound)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, "401 Unauthorized")
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		w.WriteHeader(http.StatusUnsupportedMediaType)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.bodies[name] = body
	answer := s.answers[name]
	s.mu.Unlock()
	if answer == nil {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "404 NotFound")
		return
	}
	answer(w)
}

// TestClientEveryAPIOverHTTP calls every API method over loopback HTTP with
// the fixture params and checks the body the server received and the
// decoded result.
func TestClientEveryAPIOverHTTP(t *testing.T) {
	s, c := newMilkyServer(t)
	for _, name := range APINames {
		s.answer(name, 200, "application/json", string(readTestdata(t, "api", name, "response.json")))
	}
	for _, name := range APINames {
		tc := apiCases[name]
		t.Run(name, func(t *testing.T) {
			req := []byte("{}")
			if tc.params != nil {
				req = readTestdata(t, "api", name, "request.json")
			}
			res, err := tc.call(t.Context(), c, req)
			if err != nil {
				t.Fatal(err)
			}
			sent := s.body(name)
			if tc.params == nil && string(sent) != "{}" {
				t.Errorf("API without input sent %q, want {}", sent)
			}
			golden.EqualJSON(t, req, sent)
			if tc.result == nil {
				if res != nil {
					t.Errorf("no-output API returned %v", res)
				}
				return
			}
			out, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			golden.EqualJSON(t, dataOf(t, readTestdata(t, "api", name, "response.json")), out)
		})
	}
}

func TestClientTypedResult(t *testing.T) {
	s, c := newMilkyServer(t)
	s.answer(APISendGroupMessage, 200, "application/json", `{"status":"ok","retcode":0,"data":{"message_seq":7,"time":1764000000}}`)
	r, err := c.SendGroupMessage(t.Context(), &SendGroupMessageParams{GroupID: 987654321, Message: OutgoingSegments{}})
	if err != nil {
		t.Fatal(err)
	}
	if r.MessageSeq != 7 || r.Time != 1764000000 {
		t.Errorf("%+v", r)
	}
	golden.EqualJSON(t, []byte(`{"group_id":987654321,"message":[]}`), s.body(APISendGroupMessage))

	// A nil params struct sends {}.
	s.answer(APIGetFriendList, 200, "application/json", `{"status":"ok","retcode":0,"data":{"friends":[]}}`)
	fl, err := c.GetFriendList(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if fl.Friends == nil || len(fl.Friends) != 0 {
		t.Errorf("%+v", fl)
	}
	if string(s.body(APIGetFriendList)) != "{}" {
		t.Errorf("nil params sent %q", s.body(APIGetFriendList))
	}

	// Defaults that differ from the Go zero value are pointers: nil leaves
	// them to the implementation, new(false) sends false.
	s.answer(APISetPeerPin, 200, "application/json", `{"status":"ok","retcode":0,"data":{}}`)
	if err := c.SetPeerPin(t.Context(), &SetPeerPinParams{MessageScene: SceneGroup, PeerID: 10001}); err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"message_scene":"group","peer_id":10001}`), s.body(APISetPeerPin))
	if err := c.SetPeerPin(t.Context(), &SetPeerPinParams{MessageScene: SceneGroup, PeerID: 10001, IsPinned: new(false)}); err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"message_scene":"group","peer_id":10001,"is_pinned":false}`), s.body(APISetPeerPin))

	// duration 0 (unmute) is sent, not dropped.
	s.answer(APISetGroupMemberMute, 200, "application/json", `{"status":"ok","retcode":0,"data":{}}`)
	if err := c.SetGroupMemberMute(t.Context(), &SetGroupMemberMuteParams{GroupID: 10001, UserID: 10002}); err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"group_id":10001,"user_id":10002,"duration":0}`), s.body(APISetGroupMemberMute))
}

func TestClientGenericCall(t *testing.T) {
	s, c := newMilkyServer(t)
	s.answer("future_api", 200, "application/json", `{"status":"ok","retcode":0,"data":{"x":[1,2]}}`)
	var out map[string]json.RawMessage
	if err := c.Call(t.Context(), "future_api", json.RawMessage(`{"a":1}`), &out); err != nil {
		t.Fatal(err)
	}
	if string(out["x"]) != "[1,2]" || string(s.body("future_api")) != `{"a":1}` {
		t.Errorf("out %s body %s", out["x"], s.body("future_api"))
	}
	for _, p := range []any{nil, []byte(nil), (*GetFriendListParams)(nil)} {
		if err := c.Call(t.Context(), "future_api", p, nil); err != nil {
			t.Fatal(err)
		}
		if string(s.body("future_api")) != "{}" {
			t.Errorf("%T sent %q", p, s.body("future_api"))
		}
	}
	for _, p := range []any{map[string]any{"f": func() {}}, []byte(`{"a":`), json.RawMessage(`[1]`), 5, "x"} {
		if err := c.Call(t.Context(), "future_api", p, nil); err == nil {
			t.Errorf("params %v accepted", p)
		}
	}
}

func TestClientErrors(t *testing.T) {
	type want struct {
		httpStatus int
		retcode    int
		message    string
		is         []error
		decode     bool
	}
	cases := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        want
	}{
		{"bad params", 200, "application/json", `{"status":"failed","retcode":-400,"message":"invalid user_id"}`,
			want{retcode: -400, message: "invalid user_id", is: []error{ErrBadParams}}},
		{"not logged in", 200, "application/json", `{"status":"failed","retcode":-403,"message":"not logged in"}`,
			want{retcode: -403, message: "not logged in", is: []error{ErrNotLoggedIn}}},
		{"retcode as string", 200, "application/json", `{"status":"failed","retcode":"-403","message":"offline","extra":{"x":1}}`,
			want{retcode: -403, message: "offline", is: []error{ErrNotLoggedIn}}},
		{"implementation code", 200, "application/json", `{"status":"failed","retcode":51,"message":"OIDB error"}`,
			want{retcode: 51, message: "OIDB error"}},
		{"friend not found", 200, "application/json", `{"status":"failed","retcode":-404,"message":"Friend not found"}`,
			want{retcode: -404, message: "Friend not found"}},
		{"ok status with retcode", 200, "application/json", `{"status":"ok","retcode":-500,"data":{}}`,
			want{retcode: -500}},
		{"401 plain text", 401, "text/plain", "401 Unauthorized",
			want{httpStatus: 401, message: "401 Unauthorized", is: []error{ErrUnauthorized, transport.ErrUnauthorized}}},
		{"401 JSON", 401, "application/json", `{"status":"failed","retcode":-401,"message":"Unauthorized"}`,
			want{httpStatus: 401, retcode: -401, message: "Unauthorized", is: []error{ErrUnauthorized}}},
		{"404 plain text", 404, "text/plain", "404 NotFound",
			want{httpStatus: 404, message: "404 NotFound", is: []error{ErrUnknownAPI, transport.ErrNotFound}}},
		{"404 JSON", 404, "application/json", `{"status":"failed","retcode":404,"message":"API not found"}`,
			want{httpStatus: 404, retcode: 404, message: "API not found", is: []error{ErrUnknownAPI}}},
		{"415 empty", 415, "text/plain", "",
			want{httpStatus: 415, message: "415 Unsupported Media Type", is: []error{ErrUnsupportedMediaType}}},
		{"415 JSON", 415, "application/json", `{"status":"failed","retcode":-415,"message":"Unsupported Media Type"}`,
			want{httpStatus: 415, retcode: -415, message: "Unsupported Media Type", is: []error{ErrUnsupportedMediaType}}},
		{"500 plain text", 500, "text/plain", "Internal Server Error",
			want{httpStatus: 500, message: "Internal Server Error"}},
		{"not JSON", 200, "text/html", "<html>", want{decode: true}},
		{"trailing garbage", 200, "application/json", `{"status":"ok","retcode":0,"data":{}} x`, want{decode: true}},
		{"bad data JSON", 200, "application/json", `{"status":"ok","retcode":0,"data":{"uin":}}`, want{decode: true}},
		{"no status", 200, "application/json", `{"data":{}}`, want{decode: true}},
		{"unknown status", 200, "application/json", `{"status":"async","retcode":0,"data":{}}`, want{decode: true}},
		{"ok without data", 200, "application/json", `{"status":"ok","retcode":0}`, want{decode: true}},
		{"ok with null data", 200, "application/json", `{"status":"ok","retcode":0,"data":null}`, want{decode: true}},
		{"wrong data shape", 200, "application/json", `{"status":"ok","retcode":0,"data":{"uin":"abc","nickname":1}}`, want{decode: true}},
	}
	sentinels := []error{ErrUnauthorized, ErrUnknownAPI, ErrUnsupportedMediaType, ErrBadParams, ErrNotLoggedIn}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, c := newMilkyServer(t)
			s.answer(APIGetLoginInfo, tc.status, tc.contentType, tc.body)
			r, err := c.GetLoginInfo(t.Context())
			if err == nil {
				t.Fatalf("no error; result %+v", r)
			}
			if r != nil {
				t.Errorf("result %+v with error", r)
			}
			if tc.want.decode {
				var de *DecodeError
				if !errors.As(err, &de) || de.API != APIGetLoginInfo {
					t.Fatalf("want *DecodeError, got %T %v", err, err)
				}
				if Retcode(err) != 0 {
					t.Errorf("Retcode %d", Retcode(err))
				}
				return
			}
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("want *APIError, got %T %v", err, err)
			}
			if ae.API != APIGetLoginInfo || ae.HTTPStatus != tc.want.httpStatus || ae.Retcode != tc.want.retcode || ae.Message != tc.want.message {
				t.Errorf("got %+v, want %+v", ae, tc.want)
			}
			if Retcode(err) != tc.want.retcode {
				t.Errorf("Retcode(err) = %d", Retcode(err))
			}
			for _, s := range sentinels {
				wantIs := false
				for _, w := range tc.want.is {
					wantIs = wantIs || w == s
				}
				if errors.Is(err, s) != wantIs {
					t.Errorf("errors.Is(err, %v) = %v", s, !wantIs)
				}
			}
			for _, w := range tc.want.is {
				if !errors.Is(err, w) {
					t.Errorf("error does not match %v", w)
				}
			}
			if !strings.HasPrefix(err.Error(), "milky: get_login_info: ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestClientWrongTokenAndUnknownAPI(t *testing.T) {
	s, _ := newMilkyServer(t)
	s.answer(APIGetLoginInfo, 200, "application/json", `{"status":"ok","retcode":0,"data":{"uin":10001,"nickname":"n"}}`)
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	defer srv.Close()
	caller, err := transport.NewMilkyHTTPCaller(srv.URL+"/prefix/", &transport.HTTPOptions{Token: "wrong", Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewClient(caller).GetLoginInfo(t.Context())
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("wrong token: %v", err)
	}
	caller, _ = transport.NewMilkyHTTPCaller(srv.URL+"/prefix", &transport.HTTPOptions{Token: testToken, Client: srv.Client()})
	c := NewClient(caller)
	if _, err := c.GetLoginInfo(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := c.QuitGroup(t.Context(), &QuitGroupParams{GroupID: 10001}); !errors.Is(err, ErrUnknownAPI) {
		t.Fatalf("unknown API: %v", err)
	}
}

func TestClientContext(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	caller, _ := transport.NewMilkyHTTPCaller(srv.URL, &transport.HTTPOptions{Client: srv.Client()})
	c := NewClient(caller)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := c.GetLoginInfo(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	var ae *APIError
	if errors.As(err, &ae) {
		t.Errorf("context error reported as APIError: %v", err)
	}
}

func TestClientWithLogger(t *testing.T) {
	s, _ := newMilkyServer(t)
	s.answer(APIGetLoginInfo, 200, "application/json", `{"status":"failed","retcode":-403,"message":"offline"}`)
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	defer srv.Close()
	caller, _ := transport.NewMilkyHTTPCaller(srv.URL+"/prefix", &transport.HTTPOptions{Token: testToken, Client: srv.Client()})
	var buf strings.Builder
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if _, err := NewClient(caller, WithLogger(logger)).GetLoginInfo(t.Context()); err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(buf.String(), "api=get_login_info") || !strings.Contains(buf.String(), "retcode -403") {
		t.Errorf("log: %q", buf.String())
	}
}

func TestClientConcurrentCalls(t *testing.T) {
	s, c := newMilkyServer(t)
	s.answer(APIGetLoginInfo, 200, "application/json", `{"status":"ok","retcode":0,"data":{"uin":10001,"nickname":"n"}}`)
	s.answer(APIGetCSRFToken, 200, "application/json", `{"status":"failed","retcode":-403,"message":"offline"}`)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 8 {
		wg.Go(func() {
			for range 10 {
				if i%2 == 0 {
					if r, err := c.GetLoginInfo(t.Context()); err != nil || r.Uin != 10001 {
						errs <- fmt.Errorf("GetLoginInfo: %v %v", r, err)
					}
				} else if _, err := c.GetCSRFToken(t.Context()); !errors.Is(err, ErrNotLoggedIn) {
					errs <- fmt.Errorf("GetCSRFToken: %v", err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestClientTransportFailure(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	caller, _ := transport.NewMilkyHTTPCaller(url, nil)
	_, err := NewClient(caller).GetLoginInfo(t.Context())
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	var ae *APIError
	var de *DecodeError
	if errors.As(err, &ae) || errors.As(err, &de) {
		t.Errorf("transport failure reported as %T", err)
	}
	if !strings.HasPrefix(err.Error(), "milky: get_login_info: ") {
		t.Errorf("message %q", err)
	}
}
