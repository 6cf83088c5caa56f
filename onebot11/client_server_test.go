package onebot11_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// obRequest is one request the test server received.
type obRequest struct {
	Action string
	Body   string
	Auth   string
}

// obServer is a small OneBot 11 HTTP API server: POST /{action} answered by
// answer (status code and body; status 0 means 200).
type obServer struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []obRequest
	answer func(action string, body []byte) (int, string)
}

func newOBServer(t *testing.T, answer func(action string, body []byte) (int, string)) *obServer {
	t.Helper()
	s := &obServer{answer: answer}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		action := strings.TrimPrefix(r.URL.Path, "/")
		s.mu.Lock()
		s.reqs = append(s.reqs, obRequest{Action: action, Body: string(body), Auth: r.Header.Get("Authorization")})
		s.mu.Unlock()
		code, resp := s.answer(action, body)
		if code == 0 {
			code = 200
		}
		if strings.HasPrefix(resp, "{") {
			w.Header().Set("Content-Type", "application/json")
		} else {
			w.Header().Set("Content-Type", "text/plain")
		}
		w.WriteHeader(code)
		io.WriteString(w, resp)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *obServer) requests() []obRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]obRequest(nil), s.reqs...)
}

func (s *obServer) last(t *testing.T) obRequest {
	t.Helper()
	r := s.requests()
	if len(r) == 0 {
		t.Fatal("server received no request")
	}
	return r[len(r)-1]
}

// newHTTPClient returns a Client talking to s over the transport's HTTP caller.
func newHTTPClient(t *testing.T, s *obServer, opts ...onebot11.Option) *onebot11.Client {
	t.Helper()
	hc, err := transport.NewHTTPCaller(s.URL, &transport.HTTPOptions{Token: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	return onebot11.NewClient(hc, opts...)
}

func okData(data string) string {
	return `{"status":"ok","retcode":0,"data":` + data + `,"message":"","wording":""}`
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}
