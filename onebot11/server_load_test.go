package onebot11_test

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

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// loadSub is one subscriber of the load test: it checks that the events
// arrive as 0, 1, 2, ... (none lost, none reordered).
type loadSub struct {
	name string
	next atomic.Int64
	bad  atomic.Int64
	mu   sync.Mutex
	errs []string
}

func (s *loadSub) got(frame []byte) {
	id := fastMessageID(frame)
	want := s.next.Load()
	if id != want {
		s.bad.Add(1)
		s.mu.Lock()
		if len(s.errs) < 5 {
			s.errs = append(s.errs, fmt.Sprintf("got event %d, want %d", id, want))
		}
		s.mu.Unlock()
		if id < want {
			return
		}
	}
	s.next.Store(id + 1)
}

// fastMessageID reads "message_id":N from an event without decoding it all.
func fastMessageID(frame []byte) int64 {
	const key = `"message_id":`
	i := bytes.Index(frame, []byte(key))
	if i < 0 {
		return -1
	}
	rest := frame[i+len(key):]
	j := 0
	for j < len(rest) && (rest[j] == '-' || rest[j] >= '0' && rest[j] <= '9') {
		j++
	}
	n, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// TestServerLoad publishes to 50 subscribers (forward WebSocket, SSE and
// webhook) at 1,000 events/s for 10 s and checks none is lost or reordered
// per subscriber; then publishes flat out (bounded only by the slowest
// subscriber's lag, so nothing is dropped) and reports the sustained rate
// and memory. It runs only with DUOBOT_LOAD=1 (make load);
// DUOBOT_LOAD_SECONDS changes the paced phase's length.
func TestServerLoad(t *testing.T) {
	if os.Getenv("DUOBOT_LOAD") == "" {
		t.Skip("load test: set DUOBOT_LOAD=1 (make load)")
	}
	noLeaks(t)
	const (
		nWS, nSSE, nHook = 20, 15, 15
		rate             = 1000
		queue            = 8192
		window           = 4000 // max events the slowest subscriber may lag in the flat-out phase
	)
	seconds := 10
	if v, err := strconv.Atoi(os.Getenv("DUOBOT_LOAD_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	var subs []*loadSub
	newSub := func(name string) *loadSub {
		s := &loadSub{name: name}
		subs = append(subs, s)
		return s
	}

	// Webhook receivers: one loopback server, one URL per subscriber.
	hookMux := http.NewServeMux()
	var hookURLs []string
	hooks := httptest.NewServer(hookMux)
	defer hooks.Close()
	for i := range nHook {
		s := newSub(fmt.Sprintf("webhook %d", i))
		path := fmt.Sprintf("/hook/%d", i)
		hookMux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			s.got(b)
			w.WriteHeader(http.StatusNoContent)
		})
		hookURLs = append(hookURLs, hooks.URL+path)
	}
	hookClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * nHook}}
	defer hookClient.CloseIdleConnections()

	srv, base, hc := srvSetup(t, onebot11.NewServeMux(), &onebot11.ServerOptions{
		SelfID: 10, WebhookURLs: hookURLs, WebhookClient: hookClient,
		EventQueue: queue, SendQueue: queue, NoConnectEvent: true,
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	for i := range nWS {
		s := newSub(fmt.Sprintf("websocket %d", i))
		c := srvWSClient(t, base+"/event", &transport.WSOptions{EventQueue: 2 * queue})
		wg.Add(1)
		go func() { defer wg.Done(); c.Run(ctx, s.got) }()
	}
	for i := range nSSE {
		s := newSub(fmt.Sprintf("sse %d", i))
		c, err := transport.NewSSEClient(base+"/_events", &transport.SSEOptions{Client: hc})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); c.Run(ctx, s.got) }()
	}
	waitFor(t, func() bool { st := srv.Stats(); return st.WebSockets == nWS && st.SSESubscribers == nSSE })

	// Each event is parsed from JSON (as a bridge would) and published:
	// Publish encodes it once and fans it out.
	var published int64
	publish := func() {
		ev := srvEvent(t, int(published))
		if err := srv.Publish(ctx, ev); err != nil {
			t.Fatal(err)
		}
		published++
	}
	minNext := func() int64 {
		m := int64(1 << 62)
		for _, s := range subs {
			m = min(m, s.next.Load())
		}
		return m
	}

	// Phase 1: paced.
	start := time.Now()
	n1 := int64(rate * seconds)
	tick := time.NewTicker(5 * time.Millisecond)
	for published < n1 {
		<-tick.C
		due := min(int64(time.Since(start).Seconds()*rate), n1)
		for published < due {
			publish()
		}
	}
	tick.Stop()
	pacedFor := time.Since(start)
	deadline := time.Now().Add(60 * time.Second)
	for minNext() < n1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	lagAfter := time.Since(start) - pacedFor
	for _, s := range subs {
		if s.next.Load() != n1 || s.bad.Load() != 0 {
			t.Errorf("%s: %d of %d events, %d out of order %v", s.name, s.next.Load(), n1, s.bad.Load(), s.errs)
		}
	}
	if st := srv.Stats(); st.QueueDrops != 0 || st.SlowWebSockets != 0 || st.SlowSSE != 0 {
		t.Errorf("drops in the paced phase: %+v", st)
	}
	report := func(format string, args ...any) {
		t.Logf(format, args...)
		fmt.Printf(format+"\n", args...)
	}
	report("paced: %d events at %d/s to %d subscribers (%d WebSocket, %d SSE, %d webhook) in %v; all delivered in order %v after the last publish",
		n1, rate, len(subs), nWS, nSSE, nHook, pacedFor.Round(time.Millisecond), lagAfter.Round(time.Millisecond))

	// Phase 2: flat out for 5 s, never letting the slowest subscriber lag
	// more than window events (so the sustained rate is what every
	// subscriber keeps up with, with no drops).
	var peakHeap uint64
	var ms runtime.MemStats
	start2 := time.Now()
	from := published
	for time.Since(start2) < 5*time.Second {
		for published-minNext() > window {
			time.Sleep(100 * time.Microsecond)
		}
		for range 64 {
			publish()
		}
		if published%8192 < 64 {
			runtime.ReadMemStats(&ms)
			peakHeap = max(peakHeap, ms.HeapInuse)
		}
	}
	lagBy := map[string]int64{}
	for _, s := range subs {
		kind := strings.Fields(s.name)[0]
		lagBy[kind] = max(lagBy[kind], published-s.next.Load())
	}
	deadline = time.Now().Add(60 * time.Second)
	for minNext() < published && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start2)
	n2 := published - from
	for _, s := range subs {
		if s.next.Load() != published || s.bad.Load() != 0 {
			t.Errorf("flat out: %s: %d of %d events, %d out of order %v", s.name, s.next.Load(), published, s.bad.Load(), s.errs)
		}
	}
	st := srv.Stats()
	if st.QueueDrops != 0 || st.SlowWebSockets != 0 || st.SlowSSE != 0 {
		t.Errorf("drops flat out: %+v", st)
	}
	runtime.ReadMemStats(&ms)
	report("flat out: %d events in %v = %.0f events/s published, %.0f deliveries/s to %d subscribers, none lost",
		n2, elapsed.Round(time.Millisecond), float64(n2)/elapsed.Seconds(), float64(n2)*float64(len(subs))/elapsed.Seconds(), len(subs))
	report("largest lag per kind when publishing stopped: %v", lagBy)
	report("memory: peak heap in use %.1f MiB, heap now %.1f MiB, sys %.1f MiB, %d goroutines (server and the 50 in-process subscribers together)",
		float64(peakHeap)/(1<<20), float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20), runtime.NumGoroutine())
}
