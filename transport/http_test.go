package transport_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/duobot/duobot/transport"
)

func TestHTTPCallerPathsAndBody(t *testing.T) {
	type seen struct{ method, path, auth, ctype, body string }
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.Method, r.URL.EscapedPath(), r.Header.Get("Authorization"), r.Header.Get("Content-Type"), string(b)}
		w.Write([]byte(`{"status":"ok","retcode":0,"data":null}`))
	}))
	defer srv.Close()

	cases := []struct {
		name   string
		milky  bool
		base   string
		token  string
		action string
		params []byte
		want   seen
	}{
		{"onebot root", false, srv.URL, "", "send_group_msg", []byte(`{"group_id":1}`), seen{"POST", "/send_group_msg", "", "application/json", `{"group_id":1}`}},
		{"onebot prefix nil params", false, srv.URL + "/ob/", "tk", "get_status", nil, seen{"POST", "/ob/get_status", "Bearer tk", "application/json", `{}`}},
		{"milky prefix", true, srv.URL + "/milky", "s3", "get_login_info", nil, seen{"POST", "/milky/api/get_login_info", "Bearer s3", "application/json", `{}`}},
		{"milky root", true, srv.URL, "", "send_group_message", []byte(`{"a":[1]}`), seen{"POST", "/api/send_group_message", "", "application/json", `{"a":[1]}`}},
		{"escaped action", false, srv.URL, "", "a/b c", nil, seen{"POST", "/a%2Fb%20c", "", "application/json", `{}`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			newc := transport.NewHTTPCaller
			if tc.milky {
				newc = transport.NewMilkyHTTPCaller
			}
			c, err := newc(tc.base, &transport.HTTPOptions{Token: tc.token})
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Call(context.Background(), tc.action, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			if string(resp) != `{"status":"ok","retcode":0,"data":null}` {
				t.Errorf("resp = %s", resp)
			}
			if s := <-got; s != tc.want {
				t.Errorf("server saw %+v, want %+v", s, tc.want)
			}
		})
	}
}

func TestHTTPCallerBadBase(t *testing.T) {
	for _, b := range []string{"ftp://x", "http://x/?q=1", "::bad"} {
		if _, err := transport.NewHTTPCaller(b, nil); err == nil {
			t.Errorf("NewHTTPCaller(%q) succeeded", b)
		}
	}
	c, _ := transport.NewHTTPCaller("http://127.0.0.1:1", nil)
	if _, err := c.Call(context.Background(), "", nil); err == nil {
		t.Error("empty action accepted")
	}
}

func TestHTTPCallerStatusMapping(t *testing.T) {
	cases := []struct {
		code     int
		ctype    string
		body     string
		sentinel error
	}{
		{400, "text/plain", "bad json", transport.ErrBadRequest},
		{401, "text/plain", "", transport.ErrUnauthorized},
		{403, "text/plain", "forbidden", transport.ErrForbidden},
		{404, "application/json", `{"status":"failed","retcode":1404,"data":null}`, transport.ErrNotFound},
		{406, "text/plain", "not acceptable", transport.ErrNotAcceptable},
		{415, "text/plain", "unsupported", transport.ErrUnsupportedMediaType},
		{500, "text/plain", "boom", nil},
		{302, "text/plain", "moved", nil},
	}
	for _, tc := range cases {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tc.ctype)
			w.WriteHeader(tc.code)
			io.WriteString(w, tc.body)
		}))
		c, _ := transport.NewHTTPCaller(srv.URL, nil)
		_, err := c.Call(context.Background(), "x", nil)
		srv.Close()
		var se *transport.StatusError
		if !errors.As(err, &se) {
			t.Fatalf("%d: err = %v, want *StatusError", tc.code, err)
		}
		if se.StatusCode != tc.code || string(se.Body) != tc.body {
			t.Errorf("%d: got %d %q", tc.code, se.StatusCode, se.Body)
		}
		if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
			t.Errorf("%d: %v does not match %v", tc.code, err, tc.sentinel)
		}
		for _, other := range []error{transport.ErrBadRequest, transport.ErrUnauthorized, transport.ErrForbidden, transport.ErrNotFound, transport.ErrClosed} {
			if other != tc.sentinel && errors.Is(err, other) {
				t.Errorf("%d: unexpectedly matches %v", tc.code, other)
			}
		}
	}
}

func TestHTTPCallerSizeLimit(t *testing.T) {
	big := strings.Repeat("x", 1000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/chunked" {
			w.(http.Flusher).Flush() // no Content-Length
		}
		if r.URL.Path == "/err" {
			w.WriteHeader(500)
		}
		io.WriteString(w, big)
	}))
	defer srv.Close()
	for _, limit := range []int64{999, 1000} {
		c, _ := transport.NewHTTPCaller(srv.URL, &transport.HTTPOptions{MaxResponseBytes: limit})
		for _, path := range []string{"sized", "chunked"} {
			b, err := c.Call(context.Background(), path, nil)
			if limit == 999 {
				if !errors.Is(err, transport.ErrTooLarge) || b != nil {
					t.Errorf("limit %d %s: err = %v, len %d; want ErrTooLarge", limit, path, err, len(b))
				}
			} else if err != nil || len(b) != 1000 {
				t.Errorf("limit %d %s: err = %v, len %d", limit, path, err, len(b))
			}
		}
		_, err := c.Call(context.Background(), "err", nil)
		var se *transport.StatusError
		if !errors.As(err, &se) || int64(len(se.Body)) != min(limit, 1000) {
			t.Errorf("error body: %v", err)
		}
	}
}

func TestHTTPCallerContextAndClient(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Extra") != "1" {
			w.WriteHeader(400)
			return
		}
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	c, _ := transport.NewHTTPCaller(srv.URL, &transport.HTTPOptions{Client: srv.Client(), Header: http.Header{"X-Extra": {"1"}}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Call(ctx, "x", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
