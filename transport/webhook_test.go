package transport_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/transport"
)

func TestWebhookReceiverAuthMatrix(t *testing.T) {
	for _, milky := range []bool{false, true} {
		rcv := transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
			Token: testToken, Auth: transport.AuthOptions{WrongTokenIs401: milky},
			Handler: func(context.Context, []byte, http.Header) ([]byte, error) { return nil, nil },
		})
		hs := httptest.NewServer(rcv)
		checkAuthMatrix(t, milky, func(prepare func(*http.Request)) int {
			req, _ := http.NewRequest("POST", hs.URL, strings.NewReader(`{}`))
			prepare(req)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == 204 {
				return 0
			}
			return resp.StatusCode
		})
		hs.Close()
	}
}

func TestWebhookSignatureAndReplies(t *testing.T) {
	type got struct {
		body   string
		selfID string
	}
	seen := make(chan got, 10)
	rcv := transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Secret: "sek",
		Handler: func(ctx context.Context, body []byte, h http.Header) ([]byte, error) {
			seen <- got{string(body), h.Get("X-Self-ID")}
			if strings.Contains(string(body), "quick") {
				return []byte(`{"reply":"hi"}`), nil
			}
			return nil, nil
		},
	})
	hs := httptest.NewServer(rcv)
	defer hs.Close()

	// Unusual spacing and key order: a signature over re-encoded JSON would fail.
	frame := []byte(`{ "z":1,   "post_type" : "message", "text":"quick \u00e9" }`)
	s, _ := transport.NewWebhookSender(&transport.WebhookSenderOptions{URLs: []string{hs.URL}, Secret: "sek", SelfID: "10001"})
	res, err := s.Send(context.Background(), frame)
	if err != nil {
		t.Fatal(err)
	}
	if g := <-seen; g.body != string(frame) || g.selfID != "10001" {
		t.Errorf("receiver saw %+v", g)
	}
	if res[0].StatusCode != 200 || string(res[0].Body) != `{"reply":"hi"}` {
		t.Errorf("sync reply: %+v", res[0])
	}
	res, err = s.Send(context.Background(), []byte(`{"post_type":"notice"}`))
	<-seen
	if err != nil || res[0].StatusCode != 204 || len(res[0].Body) != 0 {
		t.Errorf("no reply: %+v %v", res, err)
	}

	for _, tc := range []struct {
		secret string
		want   error
	}{{"", transport.ErrUnauthorized}, {"other", transport.ErrForbidden}} {
		bad, _ := transport.NewWebhookSender(&transport.WebhookSenderOptions{URLs: []string{hs.URL}, Secret: tc.secret})
		res, err := bad.Send(context.Background(), frame)
		if !errors.Is(err, tc.want) || !errors.Is(res[0].Err, tc.want) {
			t.Errorf("secret %q: %v", tc.secret, err)
		}
	}
	if len(seen) != 0 {
		t.Error("handler ran for a bad signature")
	}
}

func TestWebhookSenderRetriesAndFailures(t *testing.T) {
	var flaky, bad atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tk" {
			w.WriteHeader(401)
			return
		}
		if flaky.Add(1) < 3 {
			http.Error(w, "try later", 503)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	})
	mux.HandleFunc("/bad", func(w http.ResponseWriter, r *http.Request) {
		bad.Add(1)
		http.Error(w, "no", 400)
	})
	hs := httptest.NewServer(mux)
	defer hs.Close()
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()

	var mu sync.Mutex
	reported := map[string]error{}
	s, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{
		URLs: []string{hs.URL + "/flaky", hs.URL + "/bad", deadURL}, Token: "tk",
		MaxAttempts: 3, Backoff: fastBackoff(),
		OnError: func(u string, err error) { mu.Lock(); reported[u] = err; mu.Unlock() },
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Send(context.Background(), []byte(`{}`))
	if err == nil || !strings.Contains(err.Error(), "/bad") || !strings.Contains(err.Error(), deadURL) || strings.Contains(err.Error(), "/flaky") {
		t.Fatalf("joined error %v", err)
	}
	if res[0].Err != nil || string(res[0].Body) != `{"ok":true}` || flaky.Load() != 3 {
		t.Errorf("flaky: %+v after %d tries", res[0], flaky.Load())
	}
	if !errors.Is(res[1].Err, transport.ErrBadRequest) || bad.Load() != 1 {
		t.Errorf("400 must not be retried: %+v after %d tries", res[1], bad.Load())
	}
	if res[2].Err == nil || res[2].StatusCode != 0 {
		t.Errorf("dead: %+v", res[2])
	}
	mu.Lock()
	if len(reported) != 2 || reported[deadURL] == nil {
		t.Errorf("OnError saw %v", reported)
	}
	mu.Unlock()
	if _, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{URLs: []string{"ftp://x"}}); err == nil {
		t.Error("bad URL accepted")
	}
}

func TestWebhookSenderTimeoutAndConcurrency(t *testing.T) {
	var inFlight, peak, calls atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if r.URL.Path == "/hang" {
			io.ReadAll(r.Body) // the server notices a gone client only after the body
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}))
	defer hs.Close()
	var urls []string
	for range 6 {
		urls = append(urls, hs.URL+"/ok")
	}
	s, _ := transport.NewWebhookSender(&transport.WebhookSenderOptions{URLs: urls, Concurrency: 2})
	if _, err := s.Send(context.Background(), []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if peak.Load() != 2 {
		t.Errorf("peak concurrency %d, want 2", peak.Load())
	}
	calls.Store(0)
	s2, _ := transport.NewWebhookSender(&transport.WebhookSenderOptions{URLs: []string{hs.URL + "/hang"}, Timeout: 30 * time.Millisecond, MaxAttempts: 2, Backoff: fastBackoff()})
	start := time.Now()
	_, err := s2.Send(context.Background(), []byte(`{}`))
	if !errors.Is(err, context.DeadlineExceeded) || calls.Load() != 2 || time.Since(start) > 3*time.Second {
		t.Errorf("timeout: %v after %d calls", err, calls.Load())
	}
}

func TestWebhookReceiverSourceAndLimits(t *testing.T) {
	rcv := transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{Queue: 2, MaxBodyBytes: 64})
	hs := httptest.NewServer(rcv)
	defer hs.Close()
	post := func(body string) int {
		resp, err := http.Post(hs.URL, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := post(`{"n":1}`); c != 204 {
		t.Errorf("queued: %d", c)
	}
	post(`{"n":2}`)
	if c := post(`{"n":3}`); c != 503 || rcv.Refused() != 1 {
		t.Errorf("full queue: %d", c)
	}
	if c := post(`{"big":"` + strings.Repeat("x", 100) + `"}`); c != 413 {
		t.Errorf("too large: %d", c)
	}
	resp, _ := http.Get(hs.URL)
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var got []string
	err := rcv.Run(ctx, func(f []byte) {
		got = append(got, string(f))
		if len(got) == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || strings.Join(got, ",") != `{"n":1},{"n":2}` {
		t.Errorf("Run: %v %q", err, got)
	}
}

func TestWebhookReceiverHandlerError(t *testing.T) {
	rcv := transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Secret: "k",
		Handler: func(ctx context.Context, body []byte, h http.Header) ([]byte, error) {
			return nil, errors.New("handler broke")
		},
	})
	hs := httptest.NewServer(rcv)
	defer hs.Close()
	body := []byte(`{"x":1}`)
	req, _ := http.NewRequest("POST", hs.URL, strings.NewReader(string(body)))
	// Upper-case hex is accepted too.
	req.Header.Set("X-Signature", "sha1="+strings.ToUpper(transport.Sign("k", body)[5:]))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(msg), "handler broke") {
		t.Errorf("got %d %q", resp.StatusCode, msg)
	}
}
