package onebot11_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// ownServer is the project's own OneBot 11 implementation side
// (onebot11.Server) answering send_msg / send_group_msg / get_login_info and
// recording the sends.
type ownServer struct {
	*onebot11.Server
	http  *httptest.Server
	sends chan string
}

func newOwnServer(t *testing.T, o *onebot11.ServerOptions) *ownServer {
	t.Helper()
	s := &ownServer{sends: make(chan string, 16)}
	mux := onebot11.NewServeMux()
	record := func(action string, p any) {
		b, _ := json.Marshal(p)
		s.sends <- action + " " + string(b)
	}
	mux.HandleSendGroupMsg(func(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
		record("send_group_msg", p)
		return &onebot11.SendGroupMsgResult{MessageID: 9}, nil
	})
	mux.HandleSendMsg(func(ctx context.Context, p *onebot11.SendMsgParams) (*onebot11.SendMsgResult, error) {
		record("send_msg", p)
		return &onebot11.SendMsgResult{MessageID: 10}, nil
	})
	mux.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		return &onebot11.GetLoginInfoResult{UserID: o.SelfID, Nickname: "own"}, nil
	})
	o.OnError = func(err error) {
		if !errors.Is(err, context.Canceled) && !errors.Is(err, transport.ErrClosed) {
			t.Errorf("server: %v", err)
		}
	}
	srv, err := onebot11.NewServer(mux, o)
	if err != nil {
		t.Fatal(err)
	}
	s.Server = srv
	s.http = httptest.NewServer(srv)
	t.Cleanup(func() {
		s.Server.Close()
		s.http.Close()
	})
	return s
}

func (s *ownServer) wsURL(path string) string {
	return "ws" + strings.TrimPrefix(s.http.URL, "http") + path
}

func (s *ownServer) next(t *testing.T) string {
	t.Helper()
	select {
	case c := <-s.sends:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("server: no send received")
		return ""
	}
}

// interopMux echoes "/echo", answers "/ping" with a quick operation and
// signals lifecycle events on ready.
func interopMux(ready chan<- struct{}) *onebot11.Mux {
	m := echoMux()
	onebot11.On(m, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
		return onebot11.SetQuickOperation(ctx, &onebot11.QuickReply{Reply: onebot11.Message{onebot11.Text("pong")}})
	}, onebot11.Command("/ping"))
	onebot11.On(m, func(ctx context.Context, ev *onebot11.LifecycleMetaEvent) error {
		select {
		case ready <- struct{}{}:
		default:
		}
		return nil
	})
	return m
}

func waitReady(t *testing.T, ready <-chan struct{}) {
	t.Helper()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("no lifecycle event")
	}
}

// TestInteropWithOwnServer runs the same bot code against the project's
// own implementation side in every connection mode: an echo through the
// API, a quick operation (webhook reply body, or .handle_quick_operation),
// and the self id.
func TestInteropWithOwnServer(t *testing.T) {
	const self = 424242
	type setup struct {
		own *ownServer
		bot *onebot11.Bot
	}
	modes := []struct {
		name  string
		start func(t *testing.T, ctx context.Context, ready chan struct{}) setup
	}{
		{"http+sse", func(t *testing.T, ctx context.Context, ready chan struct{}) setup {
			own := newOwnServer(t, &onebot11.ServerOptions{SelfID: self, AccessToken: "tok"})
			b, err := onebot11.DialHTTP(own.http.URL, &onebot11.BotOptions{AccessToken: "tok"})
			if err != nil {
				t.Fatal(err)
			}
			go b.Run(ctx, interopMux(ready))
			waitRunning(t, func() bool { return own.Stats().SSESubscribers == 1 })
			return setup{own, b}
		}},
		{"ws universal", func(t *testing.T, ctx context.Context, ready chan struct{}) setup {
			own := newOwnServer(t, &onebot11.ServerOptions{SelfID: self, AccessToken: "tok"})
			b, err := onebot11.DialWS(ctx, own.wsURL("/"), &onebot11.BotOptions{AccessToken: "tok"})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Close() })
			go b.Run(ctx, interopMux(ready))
			waitReady(t, ready)
			return setup{own, b}
		}},
		{"ws split", func(t *testing.T, ctx context.Context, ready chan struct{}) setup {
			own := newOwnServer(t, &onebot11.ServerOptions{SelfID: self})
			b, err := onebot11.DialWSSplit(ctx, own.wsURL("/api"), own.wsURL("/event"), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Close() })
			go b.Run(ctx, interopMux(ready))
			waitReady(t, ready)
			return setup{own, b}
		}},
		{"webhook", func(t *testing.T, ctx context.Context, ready chan struct{}) setup {
			var wb *onebot11.WebhookBot
			var mu sync.Mutex
			hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				h := wb
				mu.Unlock()
				h.ServeHTTP(w, r)
			}))
			t.Cleanup(hook.Close)
			own := newOwnServer(t, &onebot11.ServerOptions{SelfID: self, AccessToken: "tok", Secret: "sig",
				WebhookURLs: []string{hook.URL}})
			caller, err := transport.NewHTTPCaller(own.http.URL, &transport.HTTPOptions{Token: "tok"})
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			wb = onebot11.NewWebhookBot(caller, &onebot11.BotOptions{AccessToken: "tok", Secret: "sig"})
			mu.Unlock()
			go wb.Run(ctx, interopMux(ready))
			probe := lifecycleFrame(self)
			waitRunning(t, func() bool {
				r := (&impl{selfID: self, token: "tok"}).postWebhook(t, hook.URL, "sig", probe)
				return r.StatusCode == 204
			})
			return setup{own, wb.Bot}
		}},
		{"reverse universal", func(t *testing.T, ctx context.Context, ready chan struct{}) setup {
			rs := onebot11.NewReverseServer(&onebot11.BotOptions{AccessToken: "tok"})
			hs := httptest.NewServer(rs)
			t.Cleanup(func() { rs.Close(); hs.Close() })
			go rs.Run(ctx, interopMux(ready))
			own := newOwnServer(t, &onebot11.ServerOptions{SelfID: self, AccessToken: "tok",
				ReverseURL: "ws" + strings.TrimPrefix(hs.URL, "http")})
			b, err := rs.WaitBot(ctx, self)
			if err != nil {
				t.Fatal(err)
			}
			waitReady(t, ready)
			return setup{own, b}
		}},
		{"reverse api+event", func(t *testing.T, ctx context.Context, ready chan struct{}) setup {
			rs := onebot11.NewReverseServer(nil)
			hs := httptest.NewServer(rs)
			t.Cleanup(func() { rs.Close(); hs.Close() })
			go rs.Run(ctx, interopMux(ready))
			url := "ws" + strings.TrimPrefix(hs.URL, "http")
			own := newOwnServer(t, &onebot11.ServerOptions{SelfID: self, ReverseAPIURL: url + "/api", ReverseEventURL: url + "/event"})
			b, err := rs.WaitBot(ctx, self)
			if err != nil {
				t.Fatal(err)
			}
			waitReady(t, ready)
			return setup{own, b}
		}},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			botNoLeaks(t)
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			ready := make(chan struct{}, 1)
			s := mode.start(t, ctx, ready)

			id, err := s.bot.WaitSelfID(ctx)
			if err != nil || id != self {
				t.Errorf("WaitSelfID = %d, %v", id, err)
			}
			pub := func(frame []byte) {
				if err := s.own.PublishRaw(ctx, frame); err != nil {
					t.Fatal(err)
				}
			}
			pub(groupMsg(self, testGroup, testUser, 1, textJSON("/echo hello")))
			if got, want := s.own.next(t), `send_group_msg {"group_id":777,"message":[{"type":"text","data":{"text":"hello"}}]}`; got != want {
				t.Errorf("echo:\n got %s\nwant %s", got, want)
			}
			pub(groupMsg(self, testGroup, testUser, 2, textJSON("/ping")))
			got := s.own.next(t)
			action, params, _ := strings.Cut(got, " ")
			if action != "send_msg" && action != "send_group_msg" {
				t.Fatalf("quick operation sent %s", got)
			}
			var p struct {
				GroupID int64            `json:"group_id"`
				Message onebot11.Message `json:"message"`
			}
			if err := json.Unmarshal([]byte(params), &p); err != nil {
				t.Fatal(err)
			}
			if p.GroupID != testGroup || p.Message.PlainText() != "pong" {
				t.Errorf("quick reply: %s", got)
			}
			msg, _ := json.Marshal(p.Message)
			golden.EqualJSON(t, []byte(`[{"type":"text","data":{"text":"pong"}}]`), msg)
		})
	}
}
