package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/internal/milkyschema"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/transport"
)

const mkToken = "sim-secret"

var mkEpoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

// mkEnv is a seeded demo world served through a MilkyBackend by a real
// milky.Server on loopback, a milky.Client calling it over HTTP, and three
// event streams reading /event over WebSocket and SSE and a webhook.
type mkEnv struct {
	t   *testing.T
	w   *World
	clk *ManualClock
	b   *MilkyBackend
	srv *milky.Server
	hs  *httptest.Server
	c   *milky.Client
	rec *mkRecorder

	streams []*mkStream
	// lenient switches the schema checks to lenient mode (see mkCheck).
	lenient *atomic.Bool
}

// mkStream is one event transport's frames.
type mkStream struct {
	name   string
	frames chan []byte
}

// mkRecorder is a transport.Caller that records and checks every
// response: the data of each successful call must conform to the API's
// output schema.
type mkRecorder struct {
	t       *testing.T
	c       transport.Caller
	mu      sync.Mutex
	ok      map[string]int
	lenient *atomic.Bool
}

// mkCheck validates doc against schema: strictly (the schema must keep
// the document exactly), or leniently once a test has sent a segment type
// Milky 1.2 does not define (kept as is, which the schema reads as text).
func mkCheck(t *testing.T, lenient *atomic.Bool, schema string, doc []byte) {
	t.Helper()
	if lenient.Load() {
		milkyschema.Check(t, schema, doc)
		return
	}
	milkyschema.CheckStrict(t, schema, doc)
}

func (r *mkRecorder) Call(ctx context.Context, api string, params []byte) ([]byte, error) {
	resp, err := r.c.Call(ctx, api, params)
	if err != nil {
		return resp, err
	}
	var env struct {
		Status string          `json:"status"`
		Data   json.RawMessage `json:"data"`
	}
	if json.Unmarshal(resp, &env) == nil && env.Status == milky.StatusOK {
		mkCheck(r.t, r.lenient, "api_output:"+api, env.Data)
		r.mu.Lock()
		r.ok[api]++
		r.mu.Unlock()
	}
	return resp, nil
}

// mkCovered accumulates the APIs answered successfully across tests.
var mkCovered = struct {
	sync.Mutex
	apis map[string]bool
}{apis: map[string]bool{}}

type mkConfig struct {
	opts      MilkyOptions
	worldOpts []Option
}

func newMkEnv(t *testing.T, cfgs ...func(*mkConfig)) *mkEnv {
	t.Helper()
	var cfg mkConfig
	for _, f := range cfgs {
		f(&cfg)
	}
	hs := httptest.NewUnstartedServer(nil)
	base := "http://" + hs.Listener.Addr().String()
	clk := NewManualClock(mkEpoch)
	w := New(append([]Option{WithClock(clk.Now), WithSeed(7), WithBaseURL(base)}, cfg.worldOpts...)...)
	require.NoError(t, w.SeedDemo())
	b := NewMilkyBackend(w, &cfg.opts)

	hookFrames := make(chan []byte, 256)
	hook := httptest.NewServer(transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Token: mkToken,
		Handler: func(_ context.Context, body []byte, _ http.Header) ([]byte, error) {
			hookFrames <- append([]byte(nil), body...)
			return nil, nil
		},
	}))

	srv, err := milky.NewServer(b.NewMilkyServeMux(), &milky.ServerOptions{Token: mkToken, WebhookURLs: []string{hook.URL}})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/api/", srv)
	mux.Handle("/event", srv)
	mux.Handle("/file/", b.FileHandler())
	mux.Handle("/resource/", b.FileHandler())
	hs.Config.Handler = mux
	hs.Start()

	caller, err := transport.NewMilkyHTTPCaller(base, &transport.HTTPOptions{Token: mkToken})
	require.NoError(t, err)
	lenient := new(atomic.Bool)
	rec := &mkRecorder{t: t, c: caller, ok: map[string]int{}, lenient: lenient}
	e := &mkEnv{t: t, w: w, clk: clk, b: b, srv: srv, hs: hs, c: milky.NewClient(rec), rec: rec, lenient: lenient}

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup

	wsFrames := make(chan []byte, 256)
	ws, err := transport.NewWSClient("ws"+strings.TrimPrefix(base, "http")+"/event", &transport.WSOptions{Token: mkToken, EventsOnly: true})
	require.NoError(t, err)
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = ws.Run(ctx, func(f []byte) { wsFrames <- append([]byte(nil), f...) })
	}()

	sseFrames := make(chan []byte, 256)
	sse, err := transport.NewSSEClient(base+"/event", &transport.SSEOptions{Token: mkToken, EventName: "milky_event"})
	require.NoError(t, err)
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = sse.Run(ctx, func(f []byte) { sseFrames <- append([]byte(nil), f...) })
	}()

	// Wait for both subscribers before anything happens in the world.
	require.Eventually(t, func() bool {
		st := srv.Stats()
		return st.WebSocketSubscribers == 1 && st.SSESubscribers == 1
	}, 10*time.Second, 5*time.Millisecond)

	stop := b.StartEvents(ctx, srv)
	e.streams = []*mkStream{{"websocket", wsFrames}, {"sse", sseFrames}, {"webhook", hookFrames}}

	t.Cleanup(func() {
		require.NoError(t, stop())
		cancel()
		wg.Wait()
		_ = ws.Close()
		require.NoError(t, srv.Close())
		hs.Close()
		hook.Close()
		w.Close()
		mkCovered.Lock()
		for api := range rec.ok {
			mkCovered.apis[api] = true
		}
		mkCovered.Unlock()
	})
	return e
}

// next returns the next Milky event, which must arrive identically on
// every transport and conform to the Event schema.
func (e *mkEnv) next() milky.Event {
	e.t.Helper()
	var first []byte
	for _, s := range e.streams {
		select {
		case f := <-s.frames:
			if first == nil {
				first = f
				mkCheck(e.t, e.lenient, "event", f)
			} else {
				require.JSONEq(e.t, string(first), string(f), "%s frame differs", s.name)
			}
		case <-time.After(10 * time.Second):
			e.t.Fatalf("no event on %s within 10s", s.name)
		}
	}
	ev, err := milky.ParseEvent(first)
	require.NoError(e.t, err)
	require.Equal(e.t, e.w.SelfID(), ev.SelfID(), "self_id")
	require.Equal(e.t, e.w.Now().Unix(), ev.Time(), "time")
	return ev
}

// none checks that nothing was published since the last event read, using
// a bot_offline sentinel (the bot is brought back online).
func (e *mkEnv) none() {
	e.t.Helper()
	e.w.BotOffline("sentinel")
	e.w.BotOnline()
	ev := e.next()
	if off, ok := ev.(*milky.BotOfflineEvent); !ok || off.Data.Reason != "sentinel" {
		e.t.Fatalf("unexpected event %s: %+v", ev.EventType(), ev)
	}
}

// mkNext reads the next event as type E.
func mkNext[E milky.Event](e *mkEnv) E {
	e.t.Helper()
	ev := e.next()
	out, ok := ev.(E)
	if !ok {
		e.t.Fatalf("got %s event %+v, want %T", ev.EventType(), ev, out)
	}
	return out
}

// apiErr requires err to be a *milky.APIError with retcode code.
func mkAPIErr(t *testing.T, err error, code int) *milky.APIError {
	t.Helper()
	var ae *milky.APIError
	require.True(t, errors.As(err, &ae), "error %v is not an *APIError", err)
	require.Equal(t, code, ae.Retcode, "retcode of %v", err)
	return ae
}

// get fetches a URL the world handed out.
func (e *mkEnv) get(url string) (int, []byte, http.Header) {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.t.Context(), http.MethodGet, url, nil)
	require.NoError(e.t, err)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	return resp.StatusCode, body, resp.Header
}

func mkPtr[T any](v T) *T { return &v }

// mkJSON marshals v for comparisons.
func mkJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(bytes.TrimSpace(b))
}
