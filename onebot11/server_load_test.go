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
// and memory. A second run does the flat-out phase with the streaming
// subscribers only (webhooks, one POST per event and URL, set the pace of
// the first). It runs only with DUOBOT_LOAD=1 (make load);
// DUOBOT_LOAD_SECONDS changes the paced phase's length.
func TestServerLoad(t *testing.T) {
	if os.Getenv("DUOBOT_LOAD") == "" {
		t.Skip("load test: set DUOBOT_LOAD=1 (make load)")
	}
	seconds := 10
	if v, err := strconv.Atoi(os.Getenv("DUOBOT_LOAD_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	t.Run("mixed", func(t *testing.T) { loadRun(t, 20, 15, 15, seconds) })
	t.Run("streaming", func(t *testing.T) { loadRun(t, 25, 25, 0, 0) })
}

func loadReport(t *testing.T, format string, args ...any) {
	t.Logf(format, args...)
	fmt.Printf(t.Name()+": "+format+"\n", args...)
}

// loadRun runs the paced phase (when seconds > 0) and the flat-out phase
// against one server with the given subscribers.
func loadRun(t *testing.T, nWS, nSSE, nHook, seconds int) {
	noLeaks(t)
	const (
		rate   = 1000
		queue  = 8192
		window = 4000 // max events the slowest subscriber may lag in the flat-out phase
	)
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
	hookClient := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2*nHook + 1}}
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
	checkAll := func(phase string) {
		for _, s := range subs {
			if s.next.Load() != published || s.bad.Load() != 0 {
				t.Errorf("%s: %s: %d of %d events, %d out of order %v", phase, s.name, s.next.Load(), published, s.bad.Load(), s.errs)
			}
		}
		if st := srv.Stats(); st.QueueDrops != 0 || st.SlowWebSockets != 0 || st.SlowSSE != 0 {
			t.Errorf("%s: drops: %+v", phase, st)
		}
	}
	kinds := fmt.Sprintf("%d subscribers (%d WebSocket, %d SSE, %d webhook)", len(subs), nWS, nSSE, nHook)

	if seconds > 0 {
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
		deadline := time.Now().Add(120 * time.Second)
		for minNext() < n1 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		checkAll("paced")
		loadReport(t, "paced: %d events at %d/s to %s in %v; the last subscriber had all, in order, %v after the last publish",
			n1, rate, kinds, pacedFor.Round(time.Millisecond), (time.Since(start) - pacedFor).Round(time.Millisecond))
	}

	// Flat out for 5 s, never letting the slowest subscriber lag more than
	// window events (so the rate is one every subscriber keeps up with,
	// with no drops).
	var peakHeap uint64
	var ms runtime.MemStats
	start := time.Now()
	from := published
	for round := 0; time.Since(start) < 5*time.Second; round++ {
		for published-minNext() > window {
			time.Sleep(100 * time.Microsecond)
		}
		for range 64 {
			publish()
		}
		if round%16 == 0 {
			runtime.ReadMemStats(&ms)
			peakHeap = max(peakHeap, ms.HeapInuse)
		}
	}
	lagBy := map[string]int64{}
	for _, s := range subs {
		kind := strings.Fields(s.name)[0]
		lagBy[kind] = max(lagBy[kind], published-s.next.Load())
	}
	deadline := time.Now().Add(120 * time.Second)
	for minNext() < published && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	n2 := published - from
	checkAll("flat out")
	runtime.ReadMemStats(&ms)
	loadReport(t, "flat out: %d events in %v = %.0f events/s, %.0f deliveries/s to %s, none lost; largest lag per kind when publishing stopped %v",
		n2, elapsed.Round(time.Millisecond), float64(n2)/elapsed.Seconds(), float64(n2)*float64(len(subs))/elapsed.Seconds(), kinds, lagBy)
	loadReport(t, "memory: peak heap in use %.1f MiB, heap now %.1f MiB, sys %.1f MiB, %d goroutines (server and in-process subscribers together)",
		float64(peakHeap)/(1<<20), float64(ms.HeapInuse)/(1<<20), float64(ms.Sys)/(1<<20), runtime.NumGoroutine())
}
