package transport_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/transport"
)

// rawSSE serves a fixed byte stream, optionally one byte per flush, then
// ends the response.
func rawSSE(t *testing.T, stream string, byteByByte bool) string {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
		if !byteByByte {
			io.WriteString(w, stream)
			return
		}
		for i := range len(stream) {
			w.Write([]byte{stream[i]})
			w.(http.Flusher).Flush()
		}
	}))
	t.Cleanup(hs.Close)
	return hs.URL
}

// collect runs c until n events arrived (or 5s passed).
func collect(t *testing.T, c *transport.SSEClient, n int) []transport.SSEEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var got []transport.SSEEvent
	err := c.RunEvents(ctx, func(ev transport.SSEEvent) {
		got = append(got, ev)
		if len(got) == n {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("RunEvents = %v after %d events", err, len(got))
	}
	return got
}

const sseStream = "\uFEFF: comment line\r\n" +
	"data: first\r\n" +
	"data:  two spaces kept one\r\n" +
	"data\r\n" +
	"\r\n" +
	"event: milky_event\n" +
	"id: 1\n" +
	"data: {\"a\":1}\n" +
	"unknown: field\n" +
	"\n" +
	"event: ignored-no-data\r" +
	"\r" +
	"data: cr\rdata: endings\r" +
	"\r" +
	"id\n" +
	"event: milky_event\n" +
	"data:\n" +
	"\n" +
	"data: incomplete at EOF"

var sseWant = []transport.SSEEvent{
	{ID: "", Name: "", Data: []byte("first\n two spaces kept one\n")},
	{ID: "1", Name: "milky_event", Data: []byte(`{"a":1}`)},
	{ID: "1", Name: "", Data: []byte("cr\nendings")},
	{ID: "", Name: "milky_event", Data: []byte("")},
}

func TestSSEClientParsing(t *testing.T) {
	for _, slow := range []bool{false, true} {
		url := rawSSE(t, sseStream, slow)
		c, err := transport.NewSSEClient(url, &transport.SSEOptions{Backoff: fastBackoff()})
		if err != nil {
			t.Fatal(err)
		}
		got := collect(t, c, len(sseWant))
		for i := range sseWant {
			if got[i].ID != sseWant[i].ID || got[i].Name != sseWant[i].Name || string(got[i].Data) != string(sseWant[i].Data) {
				t.Errorf("byteByByte=%v event %d = %+v (%q), want %+v (%q)", slow, i, got[i], got[i].Data, sseWant[i], sseWant[i].Data)
			}
		}
	}
}

func TestSSEClientEventFilter(t *testing.T) {
	url := rawSSE(t, "data: unnamed\n\nevent: milky_event\ndata: m1\n\nevent: other\ndata: o\n\nevent: milky_event\ndata: m2\n\n", false)
	for _, tc := range []struct{ name, want string }{
		{"milky_event", "m1,m2"}, {"message", "unnamed"}, {"", "unnamed,m1,o,m2"},
	} {
		c, _ := transport.NewSSEClient(url, &transport.SSEOptions{EventName: tc.name, Backoff: fastBackoff()})
		n := strings.Count(tc.want, ",") + 1
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		var got []string
		c.Run(ctx, func(f []byte) {
			got = append(got, string(f))
			if len(got) == n {
				cancel()
			}
		})
		cancel()
		if strings.Join(got, ",") != tc.want {
			t.Errorf("filter %q: got %q", tc.name, got)
		}
	}
}

func TestSSEClientRetryAndLastEventID(t *testing.T) {
	var mu sync.Mutex
	var lastIDs []string
	var times []time.Time
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n := len(lastIDs)
		lastIDs = append(lastIDs, r.Header.Get("Last-Event-ID"))
		times = append(times, time.Now())
		mu.Unlock()
		if r.Header.Get("Authorization") != "Bearer tk" {
			w.WriteHeader(500)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprintf(w, "retry: 80\nid: ev-%d\ndata: %d\n\n", n, n)
	}))
	defer hs.Close()
	// Backoff alone would wait an hour: only the retry field makes this pass.
	c, _ := transport.NewSSEClient(hs.URL, &transport.SSEOptions{
		Token: "tk", LastEventID: "start",
		Backoff: transport.Backoff{Initial: time.Hour, Max: time.Hour, Multiplier: 1},
	})
	got := collect(t, c, 3)
	if len(got) != 3 || string(got[2].Data) != "2" {
		t.Fatalf("got %v", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(lastIDs[:3], ",") != "start,ev-0,ev-1" {
		t.Errorf("Last-Event-ID sequence %q", lastIDs)
	}
	for i := 1; i < 3; i++ {
		if d := times[i].Sub(times[i-1]); d < 70*time.Millisecond || d > 3*time.Second {
			t.Errorf("reconnect %d after %v, want about 80ms", i, d)
		}
	}
	if c.LastEventID() != "ev-2" {
		t.Errorf("LastEventID = %q", c.LastEventID())
	}
}

func TestSSEClientPermanentFailures(t *testing.T) {
	for _, tc := range []struct {
		name  string
		h     http.HandlerFunc
		match error
	}{
		{"401", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) }, transport.ErrUnauthorized},
		{"403", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(403) }, transport.ErrForbidden},
		{"204", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }, transport.ErrSSEStopped},
		{"json", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "{}")
		}, nil},
	} {
		hs := httptest.NewServer(tc.h)
		c, _ := transport.NewSSEClient(hs.URL, &transport.SSEOptions{Backoff: fastBackoff()})
		err := c.Run(ctxT(t, 5*time.Second), func([]byte) {})
		hs.Close()
		if err == nil || errors.Is(err, context.DeadlineExceeded) || (tc.match != nil && !errors.Is(err, tc.match)) {
			t.Errorf("%s: Run = %v", tc.name, err)
		}
	}
}

func TestSSEClientOversizedEvent(t *testing.T) {
	url := rawSSE(t, "data: "+strings.Repeat("x", 3000)+"\n\n", false)
	disc := make(chan error, 10)
	c, _ := transport.NewSSEClient(url, &transport.SSEOptions{MaxEventBytes: 1024, Backoff: fastBackoff(), OnDisconnect: func(err error) { disc <- err }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- c.Run(ctx, func(f []byte) { t.Errorf("oversized event delivered (%d bytes)", len(f)) })
	}()
	if err := <-disc; !errors.Is(err, transport.ErrTooLarge) {
		t.Errorf("cause %v", err)
	}
	cancel()
	<-done
}

func newSSEServer(t *testing.T, o *transport.SSEServerOptions) (*transport.SSEServer, string) {
	s := transport.NewSSEServer(o)
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		hs.Close()
	})
	return s, hs.URL
}

func TestSSEServerAuthMatrix(t *testing.T) {
	for _, milky := range []bool{false, true} {
		_, url := newSSEServer(t, &transport.SSEServerOptions{Token: testToken, Auth: transport.AuthOptions{WrongTokenIs401: milky}})
		checkAuthMatrix(t, milky, func(prepare func(*http.Request)) int {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
			prepare(req)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode == 200 {
				if resp.Header.Get("Content-Type") != "text/event-stream" {
					t.Errorf("content type %q", resp.Header.Get("Content-Type"))
				}
				return 0
			}
			return resp.StatusCode
		})
	}
}

func TestSSEServerToClient(t *testing.T) {
	s, url := newSSEServer(t, &transport.SSEServerOptions{Token: "tk", KeepAlive: 10 * time.Millisecond})
	c, _ := transport.NewSSEClient(url, &transport.SSEOptions{Token: "tk", TokenInQuery: true, EventName: "milky_event", Backoff: fastBackoff()})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go func() {
		waitFor(t, func() bool { return s.Subscribers() == 1 })
		time.Sleep(30 * time.Millisecond) // let keep-alives flow
		s.Publish("other", []byte("skip"))
		s.Publish("milky_event", []byte("line1\nline2\r\nline3\rline4"))
		s.PublishEvent(transport.SSEEvent{ID: "9", Name: "milky_event", Data: []byte(`{"x":1}`)})
	}()
	var got []transport.SSEEvent
	c.RunEvents(ctx, func(ev transport.SSEEvent) {
		got = append(got, ev)
		if len(got) == 2 {
			cancel()
		}
	})
	if len(got) != 2 || string(got[0].Data) != "line1\nline2\nline3\nline4" || got[1].ID != "9" || string(got[1].Data) != `{"x":1}` {
		t.Errorf("got %+v", got)
	}
}

func TestSSEServerKeepAliveAndClose(t *testing.T) {
	// Without a replay buffer the stream starts with nothing but keep-alives.
	s, url := newSSEServer(t, &transport.SSEServerOptions{KeepAlive: 10 * time.Millisecond, Replay: -1})
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	line, err := br.ReadString('\n')
	if err != nil || line != ": keep-alive\n" {
		t.Fatalf("first line %q %v", line, err)
	}
	s.Close()
	if _, err := io.ReadAll(br); err != nil {
		t.Errorf("stream did not end cleanly: %v", err)
	}
	r2, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("after Close: %d", r2.StatusCode)
	}
}

func TestSSEServerSlowSubscriberDropped(t *testing.T) {
	var drops atomic.Int32
	s, url := newSSEServer(t, &transport.SSEServerOptions{Buffer: 4, WriteTimeout: time.Minute, OnDrop: func(*http.Request) { drops.Add(1) }})
	// The slow subscriber sends its request and never reads.
	addr := strings.TrimPrefix(url, "http://")
	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprintf(slow, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	waitFor(t, func() bool { return s.Subscribers() == 1 })

	fast, _ := transport.NewSSEClient(url, &transport.SSEOptions{Backoff: fastBackoff(), Client: &http.Client{}})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	received := make(chan int, 16)
	runDone := make(chan struct{})
	go func() {
		defer close(runDone)
		fast.Run(ctx, func(f []byte) {
			var n int
			fmt.Sscanf(string(f), "%d", &n)
			received <- n
		})
	}()
	waitFor(t, func() bool { return s.Subscribers() == 2 })
	pad := strings.Repeat("y", 256<<10)
	for i := 0; i < 400 && drops.Load() == 0; i++ {
		start := time.Now()
		s.Publish("", []byte(fmt.Sprintf("%d %s", i, pad)))
		// A blocking Publish would wait on the stalled subscriber for the
		// whole WriteTimeout (a minute); allow for a loaded machine.
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Publish blocked %v", d)
		}
		select {
		case n := <-received:
			if n != i {
				t.Fatalf("fast subscriber got %d, want %d", n, i)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("fast subscriber starved at %d", i)
		}
	}
	if drops.Load() != 1 || s.Dropped() != 1 {
		t.Fatalf("drops %d", drops.Load())
	}
	s.Publish("", []byte("after 0"))
	if n := <-received; n != 0 {
		t.Errorf("after drop got %d", n)
	}
	if s.Subscribers() != 1 {
		t.Errorf("subscribers %d", s.Subscribers())
	}
	cancel()
	<-runDone
}
