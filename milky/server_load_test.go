package milky

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/transport"
)

// loadSub checks the sequence of events one subscriber receives: the
// frame's time field is the event's sequence number.
type loadSub struct {
	kind string
	mu   sync.Mutex
	next int64
	got  atomic.Int64
	bad  atomic.Int64 // gaps or reorderings seen
}

func (s *loadSub) deliver(frame []byte) {
	rest, ok := bytes.CutPrefix(frame, []byte(`{"time":`))
	i := bytes.IndexByte(rest, ',')
	var seq int64 = -1
	if ok && i > 0 {
		seq, _ = strconv.ParseInt(string(rest[:i]), 10, 64)
	}
	s.mu.Lock()
	if seq != s.next {
		s.bad.Add(1)
	}
	s.next = seq + 1
	s.mu.Unlock()
	s.got.Add(1)
}

// TestServerLoad runs only with DUOBOT_LOAD=1 (make load): 50 subscribers
// (20 WebSocket, 20 SSE, 10 webhook URLs) receive 1,000 events/s for 10 s,
// each getting every event in order; then the server publishes flat out
// for a few seconds and the rates, drops and memory are logged.
func TestServerLoad(t *testing.T) {
	if os.Getenv("DUOBOT_LOAD") == "" {
		t.Skip("set DUOBOT_LOAD=1 to run the load test")
	}
	const (
		nWS, nSSE, nHook = 20, 20, 10
		rate             = 1000
		paced            = 10 * time.Second
		flat             = 3 * time.Second
	)
	hookSubs := make([]*loadSub, nHook)
	for i := range hookSubs {
		hookSubs[i] = &loadSub{kind: "webhook"}
	}
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hook/"))
		b, rerr := io.ReadAll(r.Body)
		if err != nil || rerr != nil || i < 0 || i >= nHook {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		hookSubs[i].deliver(b)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hooks.Close()
	var urls []string
	for i := range nHook {
		urls = append(urls, fmt.Sprintf("%s/hook/%d", hooks.URL, i))
	}
	hookTransport := &http.Transport{MaxIdleConnsPerHost: 2 * nHook}
	defer hookTransport.CloseIdleConnections()
	env := newSrvEnv(t, nil, &ServerOptions{
		Token:      srvToken,
		EventQueue: 1 << 12,
		// A webhook URL gets one POST at a time (to keep the order); on a
		// busy machine that falls behind 1,000/s for a while, so its queue
		// holds the whole paced phase.
		WebhookQueue:  1 << 14,
		WebhookURLs:   urls,
		WebhookClient: &http.Client{Transport: hookTransport},
	})
	wsURL := "ws" + strings.TrimPrefix(env.base, "http") + "/event"
	var subs []*loadSub
	var wsClients []*transport.WSClient
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	for i := range nWS + nSSE {
		s := &loadSub{kind: "websocket"}
		var src transport.Source
		if i < nWS {
			// The clients share the machine with the server: give them
			// room to fall behind without dropping (their queue is
			// separate from the server's).
			c, err := transport.NewWSClient(wsURL, &transport.WSOptions{Token: srvToken, EventsOnly: true, EventQueue: 1 << 14})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			wsClients = append(wsClients, c)
			src = c
		} else {
			s.kind = "sse"
			c, err := transport.NewSSEClient(env.base+"/event", &transport.SSEOptions{Token: srvToken, EventName: serverSSEEvent, Client: env.hc})
			if err != nil {
				t.Fatal(err)
			}
			src = c
		}
		subs = append(subs, s)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = src.Run(ctx, s.deliver)
		}()
	}
	subs = append(subs, hookSubs...)
	waitUntil(t, "subscribers", func() bool {
		st := env.srv.Stats()
		return st.WebSocketSubscribers == nWS && st.SSESubscribers == nSSE
	})

	ev, err := ParseEvent(readTestdata(t, "events", "group_mute.json"))
	if err != nil {
		t.Fatal(err)
	}
	mute := ev.(*GroupMuteEvent)
	publish := func(seq int64) {
		e := *mute
		e.Header.Time = seq
		if err := env.srv.Publish(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	var m0 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)

	// Phase 1: paced.
	total := int64(rate * paced / time.Second)
	start := time.Now()
	for i := range total {
		if d := time.Until(start.Add(time.Duration(i) * time.Second / rate)); d > 0 {
			time.Sleep(d)
		}
		publish(i)
	}
	pubDur := time.Since(start)
	waitAll := func(n int64, limit time.Duration) time.Duration {
		deadline := time.Now().Add(limit)
		for time.Now().Before(deadline) {
			done := true
			for _, s := range subs {
				if s.got.Load() < n {
					done = false
					break
				}
			}
			if done {
				return time.Since(start)
			}
			time.Sleep(10 * time.Millisecond)
		}
		return -1
	}
	allIn := waitAll(total, 60*time.Second)
	var m1 runtime.MemStats
	runtime.ReadMemStats(&m1)
	for i, s := range subs {
		if got, bad := s.got.Load(), s.bad.Load(); got != total || bad != 0 {
			t.Errorf("subscriber %d (%s): %d of %d events, %d out of sequence", i, s.kind, got, total, bad)
		}
	}
	st := env.srv.Stats()
	if st.SlowDisconnects != 0 || st.WebhookDropped != 0 || st.WebhookFailed != 0 {
		t.Errorf("paced phase lost events: %+v", st)
	}
	for i, c := range wsClients {
		if cs := c.Stats(); cs.Connects != 1 || cs.Dropped != 0 {
			t.Errorf("WebSocket client %d: %+v", i, cs)
		}
	}
	delivered := "not all delivered within 60 s"
	if allIn >= 0 {
		delivered = "all delivered after " + allIn.Round(time.Millisecond).String()
	}
	t.Logf("paced: %d events at %d/s to %d subscribers (%d WS, %d SSE, %d webhook): published in %v, %s; heap in use %.1f MiB, sys %.1f MiB, %d goroutines, %.0f B allocated per event",
		total, rate, len(subs), nWS, nSSE, nHook, pubDur.Round(time.Millisecond), delivered,
		float64(m1.HeapInuse)/(1<<20), float64(m1.Sys)/(1<<20), runtime.NumGoroutine(),
		float64(m1.TotalAlloc-m0.TotalAlloc)/float64(total))

	// Phase 2: flat out. Publish never waits for subscribers, so the
	// sustainable rate is measured in lock-step batches that fit the
	// queues: publish a batch as fast as possible, wait until all 50
	// subscribers have it, repeat. Nothing may be lost or reordered.
	const batch = 1000
	for _, s := range subs {
		s.mu.Lock()
		s.next = total
		s.got.Store(0)
		s.bad.Store(0)
		s.mu.Unlock()
	}
	before := env.srv.Stats()
	var n int64
	seq := total
	flatStart := time.Now()
	for time.Since(flatStart) < flat {
		for range batch {
			publish(seq)
			seq++
		}
		n += batch
		if waitAll(n, 60*time.Second) < 0 {
			t.Errorf("flat out: subscribers did not catch up with %d events within 60 s", n)
			break
		}
	}
	flatDur := time.Since(flatStart)
	var m2 runtime.MemStats
	runtime.ReadMemStats(&m2)
	for i, s := range subs {
		if got, bad := s.got.Load(), s.bad.Load(); got != n || bad != 0 {
			t.Errorf("flat out: subscriber %d (%s): %d of %d events, %d out of sequence", i, s.kind, got, n, bad)
		}
	}
	st = env.srv.Stats()
	if st.SlowDisconnects != before.SlowDisconnects || st.WebhookDropped != before.WebhookDropped || st.WebhookFailed != before.WebhookFailed {
		t.Errorf("flat-out phase lost events: %+v", st)
	}
	t.Logf("flat out: %d events in %v = %.0f events/s to each of %d subscribers (%.0f deliveries/s), none lost or reordered; heap in use %.1f MiB, sys %.1f MiB",
		n, flatDur.Round(time.Millisecond), float64(n)/flatDur.Seconds(), len(subs), float64(n)*float64(len(subs))/flatDur.Seconds(),
		float64(m2.HeapInuse)/(1<<20), float64(m2.Sys)/(1<<20))
}
