package adapter_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

const (
	upSelfID = 3141592653
	upToken  = "up-token"
	upGroup  = 987654321
	upSender = 1234567890
)

// fakeMilky is a Milky implementation on loopback: a milky.Server (API
// get_login_info, events on /event) behind a handler that decides which
// event transports /event offers.
type fakeMilky struct {
	t   testing.TB
	srv *milky.Server
	ts  *httptest.Server
	seq atomic.Int64
	// upgrades counts WebSocket handshake requests to /event, streams the
	// other GET /event requests (SSE).
	upgrades, streams atomic.Int32
}

// fakeMilkyOptions choose what /event answers.
type fakeMilkyOptions struct {
	// NoWS answers WebSocket handshakes with this status (0: upgrade);
	// -1 ignores the Upgrade header and streams SSE (200
	// text/event-stream), like a server that only knows SSE.
	NoWS int
	// NoSSE answers requests without Upgrade with 405.
	NoSSE bool
	// FailProbes answers that many first WebSocket handshakes with 503.
	FailProbes int32
	// EventStatus, when set, answers every /event request with it.
	EventStatus int
}

func startFakeMilky(t testing.TB, o fakeMilkyOptions) *fakeMilky {
	t.Helper()
	mux := milky.NewServeMux()
	mux.HandleGetLoginInfo(func(context.Context) (*milky.GetLoginInfoResult, error) {
		return &milky.GetLoginInfoResult{Uin: upSelfID, Nickname: "bot"}, nil
	})
	srv, err := milky.NewServer(mux, &milky.ServerOptions{Token: upToken})
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeMilky{t: t, srv: srv}
	f.ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/event" {
			if o.EventStatus != 0 {
				http.Error(w, http.StatusText(o.EventStatus), o.EventStatus)
				return
			}
			if websocket.IsWebSocketUpgrade(r) {
				n := f.upgrades.Add(1)
				switch {
				case n <= o.FailProbes:
					http.Error(w, "busy", http.StatusServiceUnavailable)
					return
				case o.NoWS == -1:
					r.Header.Del("Upgrade")
					r.Header.Del("Connection")
				case o.NoWS != 0:
					http.Error(w, "no websocket here", o.NoWS)
					return
				}
			} else {
				f.streams.Add(1)
				if o.NoSSE {
					http.Error(w, "websocket only", http.StatusMethodNotAllowed)
					return
				}
			}
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		srv.Close()
		f.ts.Close()
	})
	return f
}

// publish publishes a group message with text (a new message_seq each
// time).
func (f *fakeMilky) publish(ctx context.Context, text string) {
	if err := f.srv.PublishFrame(ctx, groupFrame(f.seq.Add(1), text)); err != nil {
		f.t.Error(err)
	}
}

// groupFrame is a Milky group message event frame.
func groupFrame(seq int64, text string) []byte {
	return fmt.Appendf(nil, `{"time":1764000000,"self_id":%d,"event_type":"message_receive","data":{`+
		`"message_scene":"group","peer_id":%d,"message_seq":%d,"sender_id":%d,"time":1764000000,`+
		`"segments":[{"type":"text","data":{"text":%q}}],`+
		`"group":{"group_id":%[2]d,"group_name":"g","member_count":2,"max_member_count":200},`+
		`"group_member":{"group_id":%[2]d,"user_id":%[4]d,"nickname":"Alice","card":"","title":"","sex":"female","level":1,"role":"member","join_time":1650000000,"last_sent_time":1764000000}}}`,
		upSelfID, upGroup, seq, upSender, text)
}

// startBridgeOn starts a bridge on f with the given event mode.
func startBridgeOn(t *testing.T, ctx context.Context, f *fakeMilky, mode string, log *slog.Logger) (*adapter.Bridge, error) {
	t.Helper()
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		UpstreamURL: f.ts.URL, UpstreamToken: upToken, UpstreamEvents: mode,
		Listen: "127.0.0.1:0", HeartbeatInterval: -1, AccessToken: "down-token",
		Backoff: transport.Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond}, Logger: log,
	})
	if err == nil {
		t.Cleanup(func() { br.Close() })
	}
	return br, err
}

// expectGroupText publishes text upstream until a OneBot 11 group message
// with that text arrives downstream.
func expectGroupText(t *testing.T, ctx context.Context, f *fakeMilky, evs <-chan onebot11.Event, text string) {
	t.Helper()
	gm := untilEvent(t, ctx, evs, func() { f.publish(ctx, text) }, func(ev onebot11.Event) bool {
		m, ok := ev.(*onebot11.GroupMessageEvent)
		return ok && m.Message.PlainText() == text
	}).(*onebot11.GroupMessageEvent)
	if gm.GroupID != upGroup || gm.UserID != upSender || gm.SelfID != upSelfID {
		t.Errorf("group message %+v", gm)
	}
}

// TestBridgeUpstreamEvents: the bridge reads a Milky upstream's events
// over the transport it offers (auto), or the one forced, and a OneBot 11
// client receives a published group message.
func TestBridgeUpstreamEvents(t *testing.T) {
	for _, c := range []struct {
		name string
		mode string
		up   fakeMilkyOptions
		// wantSSE: the events came over SSE (else WebSocket).
		wantSSE bool
	}{
		{"auto/sse-only-404", "", fakeMilkyOptions{NoWS: http.StatusNotFound}, true},
		{"auto/sse-only-405", adapter.UpstreamEventsAuto, fakeMilkyOptions{NoWS: http.StatusMethodNotAllowed}, true},
		{"auto/sse-only-ignores-upgrade", adapter.UpstreamEventsAuto, fakeMilkyOptions{NoWS: -1}, true},
		{"auto/probe-503-then-sse", adapter.UpstreamEventsAuto, fakeMilkyOptions{NoWS: http.StatusNotFound, FailProbes: 2}, true},
		{"auto/ws-only", adapter.UpstreamEventsAuto, fakeMilkyOptions{NoSSE: true}, false},
		{"auto/both", adapter.UpstreamEventsAuto, fakeMilkyOptions{}, false},
		{"sse/both", adapter.UpstreamEventsSSE, fakeMilkyOptions{}, true},
		{"ws/both", adapter.UpstreamEventsWS, fakeMilkyOptions{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			leakCheck(t)
			ctx := testCtx(t)
			f := startFakeMilky(t, c.up)
			br, err := startBridgeOn(t, ctx, f, c.mode, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, evs := oneBotClient(t, ctx, br)
			expectGroupText(t, ctx, f, evs, "hello "+c.name)
			upgrades, streams := f.upgrades.Load(), f.streams.Load()
			if c.wantSSE {
				if streams != 1 {
					t.Errorf("%d SSE streams, want 1", streams)
				}
				if c.mode == adapter.UpstreamEventsSSE && upgrades != 0 {
					t.Errorf("forced SSE sent %d WebSocket handshakes", upgrades)
				}
			} else {
				if streams != 0 {
					t.Errorf("%d SSE requests, want none", streams)
				}
				// auto: the probe and the connection; ws: the connection.
				want := int32(2)
				if c.mode == adapter.UpstreamEventsWS {
					want = 1
				}
				if upgrades != want {
					t.Errorf("%d WebSocket handshakes, want %d", upgrades, want)
				}
			}
		})
	}
}

// TestBridgeUpstreamSSEReconnect: when the upstream's SSE stream drops, the
// bridge reconnects (logging it) and events published afterwards arrive.
func TestBridgeUpstreamSSEReconnect(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	f := startFakeMilky(t, fakeMilkyOptions{NoWS: http.StatusNotFound})
	var logBuf syncBuffer
	log := slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	br, err := startBridgeOn(t, ctx, f, adapter.UpstreamEventsAuto, log)
	if err != nil {
		t.Fatal(err)
	}
	_, evs := oneBotClient(t, ctx, br)
	expectGroupText(t, ctx, f, evs, "before the drop")
	if !strings.Contains(logBuf.String(), "transport=sse") {
		t.Errorf("chosen transport not logged:\n%s", logBuf.String())
	}

	for drop := range 2 {
		f.ts.CloseClientConnections()
		for f.streams.Load() < int32(drop+2) {
			if ctx.Err() != nil {
				t.Fatalf("no SSE reconnect after drop %d", drop+1)
			}
			time.Sleep(5 * time.Millisecond)
		}
		expectGroupText(t, ctx, f, evs, fmt.Sprintf("after drop %d", drop+1))
	}
	if got := logBuf.String(); !strings.Contains(got, "upstream events disconnected; reconnecting") {
		t.Errorf("drop not logged:\n%s", got)
	}
	if s := br.Stats(); s.Published < 3 {
		t.Errorf("stats %+v", s)
	}
}

// TestBridgeUpstreamEventsRefused: an upstream whose /event refuses the
// credentials (while its API accepts them) makes StartBridge fail with an
// error matching transport.ErrUnauthorized or ErrForbidden, in every mode,
// instead of waiting forever.
func TestBridgeUpstreamEventsRefused(t *testing.T) {
	for _, mode := range []string{adapter.UpstreamEventsAuto, adapter.UpstreamEventsWS, adapter.UpstreamEventsSSE} {
		for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
			t.Run(fmt.Sprintf("%s/%d", mode, status), func(t *testing.T) {
				leakCheck(t)
				ctx := testCtx(t)
				f := startFakeMilky(t, fakeMilkyOptions{EventStatus: status})
				_, err := startBridgeOn(t, ctx, f, mode, nil)
				want := transport.ErrUnauthorized
				if status == http.StatusForbidden {
					want = transport.ErrForbidden
				}
				if !errors.Is(err, want) {
					t.Fatalf("StartBridge: %v, want an error matching %v", err, want)
				}
				if ctx.Err() != nil {
					t.Fatalf("StartBridge returned only when the test context ended: %v", err)
				}
			})
		}
	}
}

// TestBridgeUpstreamEventsOption: bad UpstreamEvents values are refused
// before anything starts.
func TestBridgeUpstreamEventsOption(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	for _, o := range []adapter.BridgeOptions{
		{UpstreamEvents: "websocket", UpstreamURL: "http://127.0.0.1:1"},
		{UpstreamEvents: "SSE", UpstreamURL: "http://127.0.0.1:1"},
		{UpstreamProtocol: adapter.ProtocolOneBot11, UpstreamEvents: adapter.UpstreamEventsSSE, UpstreamURL: "http://127.0.0.1:1"},
		{UpstreamProtocol: adapter.ProtocolOneBot11, UpstreamEvents: adapter.UpstreamEventsWS, UpstreamURL: "ws://127.0.0.1:1"},
	} {
		if _, err := adapter.StartBridge(ctx, &o); !errors.Is(err, adapter.ErrBadUpstreamEvents) {
			t.Errorf("%q on %q: %v, want ErrBadUpstreamEvents", o.UpstreamEvents, o.UpstreamProtocol, err)
		}
	}
}

// BenchmarkBridgeUpstreamEvents: events per second through the bridge when
// it reads the Milky upstream over its WebSocket (the baseline) or SSE:
// milky.Server.PublishFrame -> upstream stream -> bridge (parse, convert,
// publish) -> OneBot 11 forward WebSocket -> a gorilla reader; at most 128
// events in flight.
func BenchmarkBridgeUpstreamEvents(b *testing.B) {
	for _, mode := range []string{adapter.UpstreamEventsWS, adapter.UpstreamEventsSSE} {
		b.Run(mode, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			f := startFakeMilky(b, fakeMilkyOptions{})
			br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
				UpstreamURL: f.ts.URL, UpstreamToken: upToken, UpstreamEvents: mode,
				Listen: "127.0.0.1:0", HeartbeatInterval: -1, AccessToken: "down-token",
			})
			if err != nil {
				b.Fatal(err)
			}
			defer br.Close()
			conn, _, err := websocket.DefaultDialer.DialContext(ctx, br.WSURL(), http.Header{"Authorization": {"Bearer down-token"}})
			if err != nil {
				b.Fatal(err)
			}
			var received atomic.Int64
			readDone := make(chan struct{})
			go func() {
				defer close(readDone)
				for {
					_, frame, err := conn.ReadMessage()
					if err != nil {
						return
					}
					if strings.Contains(string(frame), "bench-") {
						received.Add(1)
					}
				}
			}()
			defer func() { conn.Close(); <-readDone }()
			frames := make([][]byte, 1024)
			for i := range frames {
				frames[i] = groupFrame(int64(i+1), fmt.Sprintf("bench-%d", i))
			}
			// The downstream subscription completes asynchronously: publish
			// until one arrives.
			for received.Load() == 0 {
				if err := f.srv.PublishFrame(ctx, frames[0]); err != nil {
					b.Fatal(err)
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(50 * time.Millisecond)
			base := received.Load()
			b.ResetTimer()
			for i := range b.N {
				for int64(i)-(received.Load()-base) >= 128 {
					time.Sleep(20 * time.Microsecond)
				}
				if err := f.srv.PublishFrame(ctx, frames[i%len(frames)]); err != nil {
					b.Fatal(err)
				}
			}
			deadline := time.Now().Add(30 * time.Second)
			for received.Load()-base < int64(b.N) {
				if time.Now().After(deadline) {
					b.Fatalf("received %d of %d", received.Load()-base, b.N)
				}
				time.Sleep(50 * time.Microsecond)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
