package simtest_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// A group message typed by a simulated user reaches a OneBot 11 client over
// forward WebSocket and a Milky client over /event, and both protocols'
// APIs answer from the same world.
func TestEndToEndBothProtocols(t *testing.T) {
	inst := simtest.Start(t, simtest.Options{Token: "s3cret"})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	ob := simtest.OneBot11Client(t, inst)
	login, err := ob.GetLoginInfo(ctx, nil)
	if err != nil {
		t.Fatalf("onebot11 get_login_info: %v", err)
	}
	if login.UserID != sim.DefaultSelfID {
		t.Fatalf("onebot11 self id %d, want %d", login.UserID, sim.DefaultSelfID)
	}
	mk := simtest.MilkyClient(t, inst)
	groups, err := mk.GetGroupList(ctx, nil)
	if err != nil {
		t.Fatalf("milky get_group_list: %v", err)
	}
	if len(groups.Groups) != 2 {
		t.Fatalf("milky groups: %d, want 2 (demo seed)", len(groups.Groups))
	}

	wsClient, wsSrc := simtest.OneBot11WSClient(t, inst)
	if _, err := wsClient.GetGroupList(ctx, nil); err != nil {
		t.Fatalf("onebot11 over WebSocket: %v", err)
	}
	mkSrc := simtest.MilkyEvents(t, inst)

	obGot := make(chan *onebot11.GroupMessageEvent, 1)
	mkGot := make(chan *milky.MessageReceiveEvent, 1)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		wsSrc.Run(ctx, func(frame []byte) {
			if ev, err := onebot11.ParseEvent(frame); err == nil {
				if gm, ok := ev.(*onebot11.GroupMessageEvent); ok {
					obGot <- gm
				}
			}
		})
	}()
	go func() {
		defer wg.Done()
		mkSrc.Run(ctx, func(frame []byte) {
			if ev, err := milky.ParseEvent(frame); err == nil {
				if m, ok := ev.(*milky.MessageReceiveEvent); ok {
					mkGot <- m
				}
			}
		})
	}()
	if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "hello both"}}); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-obGot:
		if ev.GroupID != sim.DemoGroupDev || ev.UserID != sim.DemoAlice || onebot11.MessageText(ev) != "hello both" {
			t.Errorf("onebot11 event: group %d user %d text %q", ev.GroupID, ev.UserID, onebot11.MessageText(ev))
		}
	case <-ctx.Done():
		t.Fatal("no OneBot 11 group message event")
	}
	select {
	case ev := <-mkGot:
		if ev.Data.PeerID != sim.DemoGroupDev || ev.Data.SenderID != sim.DemoAlice || milky.MessageText(&ev.Data) != "hello both" {
			t.Errorf("milky event: peer %d sender %d text %q", ev.Data.PeerID, ev.Data.SenderID, milky.MessageText(&ev.Data))
		}
	case <-ctx.Done():
		t.Fatal("no Milky message_receive event")
	}
	cancel()
	wg.Wait()
}

func TestTokenRequired(t *testing.T) {
	inst := simtest.Start(t, simtest.Options{Token: "right", Empty: true})
	cfg := simtest.ConfigOf(inst)
	if cfg.OneBot11Token != "right" || cfg.MilkyToken != "right" || cfg.SelfID != sim.DefaultSelfID {
		t.Fatalf("config %+v", cfg)
	}
	ctx := t.Context()
	// A client built by hand without the token is refused by both sides.
	noTok := simtest.ConfigOf(inst)
	noTok.OneBot11Token, noTok.MilkyToken = "", ""
	ob := onebot11.NewClient(mustHTTP(t, noTok.OneBot11URL, false))
	_, err := ob.GetLoginInfo(ctx, nil)
	if !errors.Is(err, onebot11.ErrUnauthorized) {
		t.Errorf("onebot11 without token: %v, want ErrUnauthorized", err)
	}
	mk := milky.NewClient(mustHTTP(t, noTok.MilkyURL, true))
	_, err = mk.GetLoginInfo(ctx)
	if !errors.Is(err, milky.ErrUnauthorized) {
		t.Errorf("milky without token: %v, want ErrUnauthorized", err)
	}
	// The helpers' clients carry it; an empty world has no groups.
	gs, err := simtest.MilkyClient(t, inst).GetGroupList(ctx, nil)
	if err != nil || len(gs.Groups) != 0 {
		t.Errorf("milky groups of an empty world: %v %v", gs, err)
	}
}

func TestCloseTwiceAndAfterContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	inst, err := sim.Start(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	// The instance closes itself when its context ends; Close still
	// works and reports the same (nil) result.
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, err := simtestGet(inst.OneBot11URL() + "/get_status")
		if err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("instance still serving after its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustHTTP(t *testing.T, base string, milkyShape bool) *transport.HTTPCaller {
	t.Helper()
	var (
		c   *transport.HTTPCaller
		err error
	)
	if milkyShape {
		c, err = transport.NewMilkyHTTPCaller(base, nil)
	} else {
		c, err = transport.NewHTTPCaller(base, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func simtestGet(url string) (int, error) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Bots started by the helpers see world events at once and act on the
// world through their protocol.
func TestRunBots(t *testing.T) {
	inst := simtest.Start(t, simtest.Options{Token: "t"})
	obMux := onebot11.NewMux()
	onebot11.OnMessage(obMux, func(ctx context.Context, ev onebot11.MessageEvent) error {
		_, err := onebot11.FromContext(ctx).Reply(ctx, ev, onebot11.Text("ob11 pong"))
		return err
	}, onebot11.Command("/ob11"))
	simtest.RunOneBot11Bot(t, inst, obMux, nil)
	mkMux := milky.NewMux()
	milky.On(mkMux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		_, err := milky.FromContext(ctx).Reply(ctx, ev, milky.Text("milky pong"))
		return err
	}, milky.Command("/milky"), milky.NotSelf())
	simtest.RunMilkyBot(t, inst, mkMux, nil)

	events, cancel := inst.World().Subscribe(16)
	defer cancel()
	ctx, stop := context.WithTimeout(t.Context(), 10*time.Second)
	defer stop()
	w := inst.World()
	for cmd, want := range map[string]string{"/ob11": "ob11 pong", "/milky": "milky pong"} {
		if _, err := w.UserSendGroup(sim.DemoGroupPlay, sim.DemoEve, []sim.Element{sim.Text{Text: cmd}}); err != nil {
			t.Fatal(err)
		}
		for found := false; !found; {
			select {
			case ev := <-events:
				if m, ok := ev.(*sim.MessageEvent); ok && m.Self {
					if got := sim.PlainText(m.Message.Content); got != want {
						t.Fatalf("bot answered %q to %s, want %q", got, cmd, want)
					}
					found = true
				}
			case <-ctx.Done():
				t.Fatalf("no answer to %s", cmd)
			}
		}
	}
}
