package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/duobot/duobot/milky"
)

// revocableMilky is a Milky upstream (milky.Server, token "up") on
// loopback that can start answering 401 to everything and drop its
// connections (hijacked WebSockets included), as when the token is
// revoked.
type revocableMilky struct {
	url     string
	revoked atomic.Bool
	mu      sync.Mutex
	conns   []net.Conn
}

func startRevocableMilky(t *testing.T) *revocableMilky {
	t.Helper()
	mux := milky.NewServeMux()
	mux.HandleGetLoginInfo(func(context.Context) (*milky.GetLoginInfoResult, error) {
		return &milky.GetLoginInfoResult{Uin: 10001, Nickname: "bot"}, nil
	})
	srv, err := milky.NewServer(mux, &milky.ServerOptions{Token: "up"})
	if err != nil {
		t.Fatal(err)
	}
	u := &revocableMilky{}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u.revoked.Load() {
			http.Error(w, "token revoked", http.StatusUnauthorized)
			return
		}
		srv.ServeHTTP(w, r)
	}))
	ts.Config.ConnState = func(c net.Conn, s http.ConnState) {
		if s == http.StateNew {
			u.mu.Lock()
			u.conns = append(u.conns, c)
			u.mu.Unlock()
		}
	}
	ts.Start()
	u.url = ts.URL
	t.Cleanup(func() {
		u.dropAll()
		srv.Close()
		ts.Close()
	})
	return u
}

// revoke makes every further request fail with 401 and drops the open
// connections.
func (u *revocableMilky) revoke() {
	u.revoked.Store(true)
	u.dropAll()
}

func (u *revocableMilky) dropAll() {
	u.mu.Lock()
	conns := u.conns
	u.conns = nil
	u.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// duobot bridge exits with status 1 and says why when the upstream revokes
// its token while the bridge runs (WebSocket and SSE event streams), and at
// once when the token is refused at start.
func TestBridgeUpstreamRevokedExit(t *testing.T) {
	cleanEnv(t)
	for _, mode := range []string{"ws", "sse"} {
		t.Run(mode, func(t *testing.T) {
			up := startRevocableMilky(t)
			ctx := testCtx(t)
			var out, errb syncBuffer
			done := make(chan int, 1)
			go func() {
				done <- run(ctx, []string{"bridge", "--listen", "127.0.0.1:0", "--upstream", up.url, "--upstream-token", "up",
					"--upstream-events", mode, "--heartbeat", "0", "--log-level", "warn"}, strings.NewReader(""), &out, &errb)
			}()
			waitFor(t, ctx, "the bridge banner", func() bool { return strings.Contains(out.String(), "Ctrl-C") })
			up.revoke()
			var code int
			select {
			case code = <-done:
			case <-ctx.Done():
				t.Fatalf("bridge still running after the upstream revoked the token; stderr:\n%s", errb.String())
			}
			msg := errb.String()
			if code != exitFailed {
				t.Errorf("exit %d, want %d", code, exitFailed)
			}
			if !strings.Contains(msg, "duobot: bridge: the upstream refused the access token (check --upstream-token)") || !strings.Contains(msg, "401") {
				t.Errorf("stderr does not say why:\n%s", msg)
			}
			if strings.Contains(out.String(), "stopped\n") {
				t.Errorf("a failed bridge printed the normal shutdown message: %q", out.String())
			}
		})
	}

	t.Run("at-start", func(t *testing.T) {
		up := startRevocableMilky(t)
		code, out, errOut := runCmd(t, testCtx(t), "", "bridge", "--listen", "127.0.0.1:0", "--upstream", up.url, "--upstream-token", "wrong")
		if code != exitFailed || strings.Contains(out, "Ctrl-C") {
			t.Errorf("exit %d, stdout %q", code, out)
		}
		if !strings.Contains(errOut, "refused the access token") || !strings.Contains(errOut, "get_login_info") {
			t.Errorf("stderr does not say why:\n%s", errOut)
		}
	})
}
