package adapter_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// dropListener records the connections it accepts, so that a test can
// drop them all: hijacked WebSocket connections included, which
// httptest.Server.CloseClientConnections leaves alone.
type dropListener struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (l *dropListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
	return c, err
}

// dropAll closes every connection accepted so far.
func (l *dropListener) dropAll() {
	l.mu.Lock()
	conns := l.conns
	l.conns = nil
	l.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// flakyUpstream is a real upstream server (milky.Server or
// onebot11.Server) on loopback behind a handler that can turn against the
// bridge: deny answers every request with that status (a revoked token),
// eventStatus answers the event stream requests with it (an outage of the
// event stream only).
type flakyUpstream struct {
	ts                *httptest.Server
	ln                *dropListener
	protocol          string
	deny, eventStatus atomic.Int32
	// apiRequests and eventRequests count the requests of each kind.
	apiRequests, eventRequests atomic.Int32
}

// startFlakyMilky serves a Milky upstream (get_login_info, get_impl_info;
// token upToken; events on /event over WebSocket and SSE).
func startFlakyMilky(t *testing.T) *flakyUpstream {
	t.Helper()
	mux := milky.NewServeMux()
	mux.HandleGetLoginInfo(func(context.Context) (*milky.GetLoginInfoResult, error) {
		return &milky.GetLoginInfoResult{Uin: upSelfID, Nickname: "bot"}, nil
	})
	mux.HandleGetImplInfo(func(context.Context) (*milky.GetImplInfoResult, error) {
		return &milky.GetImplInfoResult{ImplName: "flaky", ImplVersion: "1", MilkyVersion: "1.2", QQProtocolType: "linux"}, nil
	})
	srv, err := milky.NewServer(mux, &milky.ServerOptions{Token: upToken})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return startFlaky(t, adapter.ProtocolMilky, srv, func(r *http.Request) bool { return r.URL.Path == "/event" })
}

// startFlakyOneBot serves a OneBot 11 upstream (get_login_info answering
// login, or the error it returns; token upToken; the universal WebSocket
// on / and SSE on /_events).
func startFlakyOneBot(t *testing.T, login func() (*onebot11.GetLoginInfoResult, error)) *flakyUpstream {
	t.Helper()
	mux := onebot11.NewServeMux()
	mux.HandleGetLoginInfo(func(context.Context, *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		return login()
	})
	srv, err := onebot11.NewServer(mux, &onebot11.ServerOptions{SelfID: upSelfID, AccessToken: upToken})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return startFlaky(t, adapter.ProtocolOneBot11, srv, func(r *http.Request) bool {
		return r.URL.Path == "/_events" || websocket.IsWebSocketUpgrade(r)
	})
}

func oneBotLogin() (*onebot11.GetLoginInfoResult, error) {
	return &onebot11.GetLoginInfoResult{UserID: upSelfID, Nickname: "bot"}, nil
}

func startFlaky(t *testing.T, protocol string, h http.Handler, isEvent func(*http.Request) bool) *flakyUpstream {
	f := &flakyUpstream{protocol: protocol}
	f.ts = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		event := isEvent(r)
		if event {
			f.eventRequests.Add(1)
		} else {
			f.apiRequests.Add(1)
		}
		if st := int(f.deny.Load()); st != 0 {
			http.Error(w, http.StatusText(st), st)
			return
		}
		if st := int(f.eventStatus.Load()); st != 0 && event {
			http.Error(w, http.StatusText(st), st)
			return
		}
		h.ServeHTTP(w, r)
	}))
	f.ln = &dropListener{Listener: f.ts.Listener}
	f.ts.Listener = f.ln
	f.ts.Start()
	t.Cleanup(func() {
		f.ln.dropAll()
		f.ts.Close()
	})
	return f
}

// upstreamCase is one upstream protocol and event transport.
type upstreamCase struct {
	name     string
	protocol string
	// mode is the Milky UpstreamEvents; for OneBot 11 "ws" dials the
	// universal WebSocket, "http" the HTTP API with SSE.
	mode string
}

var upstreamCases = []upstreamCase{
	{"milky/ws", adapter.ProtocolMilky, adapter.UpstreamEventsWS},
	{"milky/sse", adapter.ProtocolMilky, adapter.UpstreamEventsSSE},
	{"onebot11/ws", adapter.ProtocolOneBot11, "ws"},
	{"onebot11/http", adapter.ProtocolOneBot11, "http"},
}

func (c upstreamCase) start(t *testing.T) *flakyUpstream {
	if c.protocol == adapter.ProtocolMilky {
		return startFlakyMilky(t)
	}
	return startFlakyOneBot(t, oneBotLogin)
}

// options returns bridge options for f with fast reconnects, no heartbeat
// and the log in logBuf at level.
func (c upstreamCase) options(f *flakyUpstream, token string, logBuf *syncBuffer, level slog.Level) *adapter.BridgeOptions {
	o := &adapter.BridgeOptions{UpstreamProtocol: c.protocol, UpstreamURL: f.ts.URL, UpstreamToken: token,
		Listen: "127.0.0.1:0", HeartbeatInterval: -1,
		Backoff: transport.Backoff{Initial: 5 * time.Millisecond, Max: 20 * time.Millisecond}}
	if c.protocol == adapter.ProtocolMilky {
		o.UpstreamEvents = c.mode
	} else if c.mode == "ws" {
		o.UpstreamURL = "ws" + strings.TrimPrefix(f.ts.URL, "http") + "/"
	}
	if logBuf != nil {
		o.Logger = slog.New(slog.NewTextHandler(logBuf, &slog.HandlerOptions{Level: level}))
	}
	return o
}

// waitUntil polls cond until it holds or ctx ends.
func waitUntil(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		if ctx.Err() != nil {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestBridgeUpstreamRevoked: when the upstream refuses the credentials on
// an event stream reconnect (the token was revoked), the bridge closes
// itself: Done is closed, Err matches transport.ErrUnauthorized or
// ErrForbidden, the failure is logged at error level and the downstream
// port is closed. Both upstream protocols, both event transports.
func TestBridgeUpstreamRevoked(t *testing.T) {
	for _, c := range upstreamCases {
		for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
			t.Run(fmt.Sprintf("%s/%d", c.name, status), func(t *testing.T) {
				leakCheck(t)
				ctx := testCtx(t)
				f := c.start(t)
				var logBuf syncBuffer
				br, err := adapter.StartBridge(ctx, c.options(f, upToken, &logBuf, slog.LevelInfo))
				if err != nil {
					t.Fatal(err)
				}
				defer br.Close()
				waitUntil(t, ctx, "the upstream events connected", func() bool {
					return strings.Contains(logBuf.String(), "upstream events connected")
				})
				if br.Err() != nil {
					t.Fatalf("Err %v while serving", br.Err())
				}
				select {
				case <-br.Done():
					t.Fatal("bridge done before the upstream failed")
				default:
				}
				addr := br.Addr()

				f.deny.Store(int32(status))
				f.ln.dropAll()
				select {
				case <-br.Done():
				case <-ctx.Done():
					t.Fatalf("bridge still running after the upstream refused the credentials; log:\n%s", logBuf.String())
				}
				want := transport.ErrUnauthorized
				if status == http.StatusForbidden {
					want = transport.ErrForbidden
				}
				if err := br.Err(); !errors.Is(err, want) {
					t.Errorf("Err %v, want an error matching %v", err, want)
				}
				if log := logBuf.String(); !strings.Contains(log, "level=ERROR") || !strings.Contains(log, "refused the credentials") {
					t.Errorf("failure not logged at error level:\n%s", log)
				}
				if conn, err := net.Dial("tcp", addr); err == nil {
					conn.Close()
					t.Errorf("downstream %s still accepts connections", addr)
				}
				if err := br.Close(); err != nil {
					t.Errorf("Close after the failure: %v", err)
				}
			})
		}
	}
}

// TestBridgeCloseKeepsErrNil: a bridge closed by its owner reports no
// failure (the upstream's streams ending on the way are not one).
func TestBridgeCloseKeepsErrNil(t *testing.T) {
	for _, c := range upstreamCases {
		t.Run(c.name, func(t *testing.T) {
			leakCheck(t)
			ctx := testCtx(t)
			f := c.start(t)
			br, err := adapter.StartBridge(ctx, c.options(f, upToken, nil, 0))
			if err != nil {
				t.Fatal(err)
			}
			waitUntil(t, ctx, "an event stream request", func() bool { return f.eventRequests.Load() > 0 })
			if err := br.Close(); err != nil {
				t.Fatal(err)
			}
			if err := br.Err(); err != nil {
				t.Errorf("Err after Close: %v", err)
			}
		})
	}
}

var attemptRE = regexp.MustCompile(`level=WARN msg="bridge: upstream events reconnect failed; retrying" attempt=(\d+)`)

// warnedAttempts returns the attempt numbers of the failed-reconnect
// warnings in log.
func warnedAttempts(log string) []int {
	var ns []int
	for _, m := range attemptRE.FindAllStringSubmatch(log, -1) {
		n, _ := strconv.Atoi(m[1])
		ns = append(ns, n)
	}
	return ns
}

// TestBridgeReconnectFailuresLogged: while the upstream event stream is
// down (its endpoint answers 503), failed reconnect attempts are logged at
// warn level with their count, for attempts 1, 2, 4, 8, ... only; the
// reconnect is logged at info level with the failed attempts. Both
// upstream protocols, both event transports.
func TestBridgeReconnectFailuresLogged(t *testing.T) {
	for _, c := range upstreamCases {
		t.Run(c.name, func(t *testing.T) {
			leakCheck(t)
			ctx := testCtx(t)
			f := c.start(t)
			var logBuf syncBuffer
			br, err := adapter.StartBridge(ctx, c.options(f, upToken, &logBuf, slog.LevelInfo))
			if err != nil {
				t.Fatal(err)
			}
			defer br.Close()
			waitUntil(t, ctx, "the upstream events connected", func() bool {
				return strings.Contains(logBuf.String(), "upstream events connected")
			})

			f.eventStatus.Store(http.StatusServiceUnavailable)
			before := f.eventRequests.Load()
			f.ln.dropAll()
			// 20 refused attempts: warnings for 1, 2, 4, 8 and 16 only
			// (32 if the attempts went on meanwhile).
			waitUntil(t, ctx, "20 failed reconnect attempts", func() bool { return f.eventRequests.Load()-before >= 21 })
			waitUntil(t, ctx, "the warning of attempt 16", func() bool { return slices.Contains(warnedAttempts(logBuf.String()), 16) })
			log := logBuf.String()
			if got, want := warnedAttempts(log), []int{1, 2, 4, 8, 16, 32}; len(got) < 5 || len(got) > len(want) || !slices.Equal(got, want[:len(got)]) {
				t.Errorf("warned attempts %v, want [1 2 4 8 16]; log:\n%s", got, log)
			}
			if !strings.Contains(log, `level=WARN msg="bridge: upstream events disconnected; reconnecting"`) {
				t.Errorf("the drop is not logged at warn level:\n%s", log)
			}
			if !strings.Contains(log, "503") {
				t.Errorf("the warnings do not say why the attempts failed:\n%s", log)
			}
			if br.Err() != nil {
				t.Fatalf("a 503 outage failed the bridge: %v", br.Err())
			}

			f.eventStatus.Store(0)
			waitUntil(t, ctx, "the reconnect", func() bool {
				return regexp.MustCompile(`level=INFO msg="bridge: upstream events connected" failed_attempts=\d+ down_for=`).MatchString(logBuf.String())
			})
		})
	}
}

// TestBridgeLoginRefused: get_login_info refused at start (HTTP 401/403,
// a refused OneBot 11 WebSocket handshake, a OneBot 11 retcode 1401/1403)
// fails StartBridge at once, after one request, with an error matching
// transport.ErrUnauthorized or ErrForbidden.
func TestBridgeLoginRefused(t *testing.T) {
	milkyWS := upstreamCases[0]
	obWS, obHTTP := upstreamCases[2], upstreamCases[3]
	for _, c := range []struct {
		name  string
		up    upstreamCase
		login func() (*onebot11.GetLoginInfoResult, error) // OneBot 11 only
		token string
		deny  int32
		want  error
	}{
		{"milky/wrong-token", milkyWS, nil, "wrong", 0, transport.ErrUnauthorized},
		{"milky/401", milkyWS, nil, upToken, 401, transport.ErrUnauthorized},
		{"milky/403", milkyWS, nil, upToken, 403, transport.ErrForbidden},
		{"onebot11-http/no-token", obHTTP, oneBotLogin, "", 0, transport.ErrUnauthorized},
		{"onebot11-http/wrong-token", obHTTP, oneBotLogin, "wrong", 0, transport.ErrForbidden},
		{"onebot11-ws/no-token", obWS, oneBotLogin, "", 0, transport.ErrUnauthorized},
		{"onebot11-ws/wrong-token", obWS, oneBotLogin, "wrong", 0, transport.ErrForbidden},
		{"onebot11-ws/retcode-1401", obWS, func() (*onebot11.GetLoginInfoResult, error) {
			return nil, &onebot11.APIError{Retcode: onebot11.RetcodeUnauthorized, Message: "token revoked"}
		}, upToken, 0, transport.ErrUnauthorized},
		{"onebot11-http/retcode-1403", obHTTP, func() (*onebot11.GetLoginInfoResult, error) {
			return nil, &onebot11.APIError{Retcode: onebot11.RetcodeForbidden, Message: "forbidden"}
		}, upToken, 0, transport.ErrForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			leakCheck(t)
			ctx := testCtx(t)
			var f *flakyUpstream
			if c.login != nil {
				f = startFlakyOneBot(t, c.login)
			} else {
				f = startFlakyMilky(t)
			}
			f.deny.Store(c.deny)
			br, err := adapter.StartBridge(ctx, c.up.options(f, c.token, nil, 0))
			if err == nil {
				br.Close()
				t.Fatal("StartBridge succeeded")
			}
			if !errors.Is(err, c.want) {
				t.Errorf("StartBridge: %v, want an error matching %v", err, c.want)
			}
			if ctx.Err() != nil {
				t.Fatalf("StartBridge returned only when the test context ended: %v", err)
			}
			if n := f.apiRequests.Load() + f.eventRequests.Load(); n != 1 {
				t.Errorf("%d upstream requests, want 1 (no retry)", n)
			}
		})
	}
}

// TestBridgeHeartbeatUpstreamDown: a OneBot 11 client of a bridge on a
// Milky upstream sees the upstream event stream's outage: heartbeats and
// get_status say good: false while it is down (online stays true: the
// upstream API answers) and good: true again after the reconnect.
func TestBridgeHeartbeatUpstreamDown(t *testing.T) {
	for _, c := range upstreamCases[:2] {
		t.Run(c.name, func(t *testing.T) {
			leakCheck(t)
			ctx := testCtx(t)
			f := c.start(t)
			o := c.options(f, upToken, nil, 0)
			o.HeartbeatInterval = 20 * time.Millisecond
			o.AccessToken = "down-token"
			br, err := adapter.StartBridge(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			defer br.Close()
			bot, evs := oneBotClient(t, ctx, br)
			heartbeat := func(good bool) {
				t.Helper()
				hb := waitFor(t, ctx, evs, func(ev onebot11.Event) bool {
					hb, ok := ev.(*onebot11.HeartbeatMetaEvent)
					return ok && hb.Status.Good == good
				}).(*onebot11.HeartbeatMetaEvent)
				if !hb.Status.Online || hb.SelfID != upSelfID || hb.Interval != 20 {
					t.Errorf("heartbeat %+v", hb)
				}
				st, err := bot.GetStatus(ctx, &onebot11.GetStatusParams{})
				if err != nil {
					t.Fatal(err)
				}
				if st.Good != good || !st.Online {
					t.Errorf("get_status %+v, want good %v, online", st, good)
				}
			}
			heartbeat(true)

			f.eventStatus.Store(http.StatusServiceUnavailable)
			f.ln.dropAll()
			heartbeat(false)

			f.eventStatus.Store(0)
			heartbeat(true)
		})
	}
}
