package sim_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
)

// ob11WantOffline checks err is the front-end's offline failure.
func ob11WantOffline(t *testing.T, action string, err error) {
	t.Helper()
	var ae *onebot11.APIError
	if !errors.As(err, &ae) || ae.Retcode != onebot11.RetcodeFailed || ae.Status != "failed" ||
		ae.Message != "the bot is offline" || ae.Wording != "the bot is offline" {
		t.Errorf("%s while offline: err = %v, want retcode 100 \"the bot is offline\"", action, err)
	}
}

// ob11LatestSeq is the seq of a conversation's latest message.
func ob11LatestSeq(t *testing.T, w *sim.World, scene sim.Scene, peer int64) int64 {
	t.Helper()
	p, err := w.History(sim.HistoryQuery{Scene: scene, Peer: peer, Limit: 1})
	ob11Must(t, err)
	if len(p.Messages) == 0 {
		return 0
	}
	return p.Messages[0].Seq
}

// While the bot is offline the OneBot 11 front-end answers get_status with
// online: false, keeps answering the local actions and fails the others;
// back online, everything works again. Over every transport.
func TestOneBot11Offline(t *testing.T) {
	for _, tr := range ob11Transports {
		t.Run(tr, func(t *testing.T) {
			e := newOB11Env(t, tr)
			ctx, w, c := e.ctx(), e.w, e.c
			before, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Text("before")}})
			ob11Must(t, err)

			w.BotOffline("kicked by another device")
			off := waitOB11[*onebot11.BotOfflineNoticeEvent](e, nil)
			if off.UserID != w.SelfID() || off.SelfID != w.SelfID() || off.Message != "kicked by another device" || off.Tag == "" {
				t.Fatalf("bot_offline notice %+v", off)
			}
			st, err := c.GetStatus(ctx, &onebot11.GetStatusParams{})
			ob11Must(t, err)
			if st.Online || !st.Good {
				t.Fatalf("get_status while offline = %+v, want online false, good true", st)
			}
			li, err := c.GetLoginInfo(ctx, &onebot11.GetLoginInfoParams{})
			ob11Must(t, err)
			if li.UserID != w.SelfID() {
				t.Fatalf("get_login_info while offline = %+v", li)
			}
			m, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: before.MessageID})
			ob11Must(t, err)
			if m.MessageID != before.MessageID {
				t.Fatalf("get_msg while offline = %+v", m)
			}
			n := ob11LatestSeq(t, w, sim.SceneGroup, sim.DemoGroupPlay)
			_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Text("lost")}})
			ob11WantOffline(t, "send_group_msg", err)
			if got := ob11LatestSeq(t, w, sim.SceneGroup, sim.DemoGroupPlay); got != n {
				t.Fatalf("a message was stored while offline (%d -> %d)", n, got)
			}
			err = c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Duration: 60})
			ob11WantOffline(t, "set_group_ban", err)
			if mem, err := w.Member(sim.DemoGroupPlay, sim.DemoEve); err != nil || !mem.MuteUntil.IsZero() {
				t.Fatalf("member after a refused ban: %+v, %v", mem, err)
			}

			w.BotOnline()
			st, err = c.GetStatus(ctx, &onebot11.GetStatusParams{})
			ob11Must(t, err)
			if !st.Online {
				t.Fatal("get_status says offline after BotOnline")
			}
			after, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Text("after")}})
			ob11Must(t, err)
			waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == after.MessageID })
		})
	}
}

// Every supported action outside OneBot11OfflineActions fails while offline,
// whatever its params; those inside answer; unsupported ones keep their
// error; quick operations go through the same check.
func TestOneBot11OfflineEveryAction(t *testing.T) {
	supported := append(sim.OneBot11Actions(), sim.OneBot11ExtensionActions()...)
	slices.Sort(supported)
	local := sim.OneBot11OfflineActions()
	for _, a := range local {
		if !slices.Contains(supported, a) {
			t.Errorf("offline action %s is not a supported action", a)
		}
	}
	e := newOB11Env(t, "http")
	ctx, w, c := e.ctx(), e.w, e.c
	sent, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice,
		Message: onebot11.Message{onebot11.Text("hi")}})
	ob11Must(t, err)
	w.BotOffline("network")

	failed := 0
	for _, a := range supported {
		if slices.Contains(local, a) {
			continue
		}
		_, err := c.CallRaw(ctx, a, map[string]any{})
		ob11WantOffline(t, a, err)
		failed++
	}
	if failed < 50 {
		t.Fatalf("only %d actions checked", failed)
	}
	params := map[string]map[string]any{
		"get_group_info":        {"group_id": sim.DemoGroupPlay},
		"get_group_member_list": {"group_id": sim.DemoGroupPlay},
		"get_group_member_info": {"group_id": sim.DemoGroupPlay, "user_id": sim.DemoAlice},
		"get_msg":               {"message_id": sent.MessageID},
	}
	for _, a := range local {
		p := params[a]
		if p == nil {
			p = map[string]any{}
		}
		data, err := c.CallRaw(ctx, a, p)
		if err != nil {
			t.Errorf("%s while offline: %v", a, err)
			continue
		}
		if a == "get_supported_actions" {
			var got []string
			ob11Must(t, json.Unmarshal(data, &got))
			if !slices.Equal(got, supported) {
				t.Errorf("get_supported_actions = %v, want %v", got, supported)
			}
		}
	}
	for _, a := range sim.OneBot11UnsupportedActions() {
		_, err := c.CallRaw(ctx, a, map[string]any{})
		ob11WantRetcode(t, err, onebot11.RetcodeUnknownAction, "not supported by the simulator")
	}

	// A quick operation (reply to Alice's message) runs send_private_msg,
	// which is refused.
	msg, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "ping"}})
	ob11Must(t, err)
	ev := waitOB11(e, func(ev *onebot11.PrivateMessageEvent) bool { return ev.MessageID == int64(msg.ID) })
	raw, err := json.Marshal(ev)
	ob11Must(t, err)
	n := ob11LatestSeq(t, w, sim.SceneFriend, sim.DemoAlice)
	_, err = c.CallRaw(ctx, ".handle_quick_operation", map[string]any{"context": json.RawMessage(raw),
		"operation": map[string]any{"reply": "pong"}})
	if err == nil {
		t.Fatal("a quick operation replied while offline")
	}
	if got := ob11LatestSeq(t, w, sim.SceneFriend, sim.DemoAlice); got != n {
		t.Fatalf("the quick operation stored a reply while offline (%d -> %d)", n, got)
	}
}

// In-process, the offline failure matches sim.ErrBotOffline.
func TestOneBot11OfflineErrorIs(t *testing.T) {
	w := sim.New()
	defer w.Close()
	ob := sim.NewOneBot11(w, nil)
	mux := onebot11.NewServeMux()
	ob.Register(mux)
	ctx := t.Context()
	if _, err := mux.HandleAction(ctx, "send_like", []byte(`{"user_id":1,"times":1}`)); errors.Is(err, sim.ErrBotOffline) {
		t.Fatalf("online send_like failed with %v", err)
	}
	w.BotOffline("x")
	_, err := mux.HandleAction(ctx, "send_like", []byte(`{"user_id":1,"times":1}`))
	if !errors.Is(err, sim.ErrBotOffline) {
		t.Fatalf("offline send_like: err = %v, want sim.ErrBotOffline", err)
	}
	var ae *onebot11.APIError
	if !errors.As(err, &ae) || ae.Retcode != onebot11.RetcodeFailed {
		t.Fatalf("offline send_like: err = %v, want an APIError with retcode 100", err)
	}
	if _, err := mux.HandleAction(ctx, "get_status", []byte(`{}`)); err != nil {
		t.Fatalf("offline get_status: %v", err)
	}
}

// Heartbeats carry the online state as get_status does.
func TestOneBot11OfflineHeartbeat(t *testing.T) {
	e := newOB11EnvWith(t, "ws", &sim.OneBot11Options{HeartbeatInterval: 20 * time.Millisecond})
	if hb := waitOB11[*onebot11.HeartbeatMetaEvent](e, nil); !hb.Status.Online || !hb.Status.Good || hb.Interval != 20 {
		t.Fatalf("heartbeat while online %+v", hb)
	}
	e.w.BotOffline("bye")
	waitOB11[*onebot11.BotOfflineNoticeEvent](e, nil)
	// Heartbeats built after the notice report the bot offline.
	if hb := waitOB11[*onebot11.HeartbeatMetaEvent](e, nil); hb.Status.Online || !hb.Status.Good {
		t.Fatalf("heartbeat while offline %+v", hb)
	}
	e.w.BotOnline()
	waitOB11(e, func(hb *onebot11.HeartbeatMetaEvent) bool { return hb.Status.Online })
}

// One world, both front-ends: going offline shows on both protocols at
// once (OneBot 11 get_status online false and sends refused, Milky -403),
// and both recover together.
func TestInstanceOfflineBothProtocols(t *testing.T) {
	inst := simtest.Start(t)
	ob, mk := simtest.OneBot11Client(t, inst), simtest.MilkyClient(t, inst)
	ctx, w := t.Context(), inst.World()
	obSend := func() error {
		_, err := ob.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupDev,
			Message: onebot11.Message{onebot11.Text("ob11")}})
		return err
	}
	mkSend := func() error {
		_, err := mk.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: sim.DemoGroupDev,
			Message: milky.OutgoingSegments{milky.Text("milky")}})
		return err
	}
	check := func(online bool) {
		t.Helper()
		st, err := ob.GetStatus(ctx, &onebot11.GetStatusParams{})
		ob11Must(t, err)
		if st.Online != online {
			t.Fatalf("OneBot 11 get_status online = %v, want %v", st.Online, online)
		}
		if _, err := ob.GetLoginInfo(ctx, &onebot11.GetLoginInfoParams{}); err != nil {
			t.Fatalf("OneBot 11 get_login_info: %v", err)
		}
		_, mkErr := mk.GetLoginInfo(ctx)
		obErr, mkSendErr := obSend(), mkSend()
		if online {
			for _, err := range []error{mkErr, obErr, mkSendErr} {
				ob11Must(t, err)
			}
			return
		}
		ob11WantOffline(t, "send_group_msg", obErr)
		for _, err := range []error{mkErr, mkSendErr} {
			if !errors.Is(err, milky.ErrNotLoggedIn) {
				t.Fatalf("Milky while offline: err = %v, want milky.ErrNotLoggedIn", err)
			}
		}
	}
	check(true)
	w.BotOffline("kicked")
	check(false)
	w.BotOnline()
	check(true)
}
