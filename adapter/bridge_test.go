package adapter_test

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
)

// png is a 1x1 PNG image.
var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

func leakCheck(t *testing.T) {
	t.Helper()
	opts := []goleak.Option{goleak.IgnoreCurrent()}
	t.Cleanup(func() { goleak.VerifyNone(t, opts...) })
}

// startForward starts a bridge serving OneBot 11 on the simulator's Milky
// side.
func startForward(t *testing.T, ctx context.Context, inst *sim.Instance, store string) *adapter.Bridge {
	t.Helper()
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		UpstreamProtocol: adapter.ProtocolMilky, UpstreamURL: inst.MilkyURL(), UpstreamToken: inst.MilkyToken(),
		Listen: "127.0.0.1:0", HeartbeatInterval: -1, StorePath: store, AccessToken: "down-token",
	})
	if err != nil {
		t.Fatal(err)
	}
	return br
}

// oneBotClient connects a OneBot 11 bot to the bridge's forward WebSocket
// and returns it with its event channel.
func oneBotClient(t *testing.T, ctx context.Context, br *adapter.Bridge) (*onebot11.Bot, <-chan onebot11.Event) {
	t.Helper()
	bot, err := onebot11.DialWS(ctx, br.WSURL(), &onebot11.BotOptions{AccessToken: "down-token", Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	evs := make(chan onebot11.Event, 64)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = bot.Run(runCtx, onebot11.HandlerFunc(func(ctx context.Context, ev onebot11.Event) error {
			select {
			case evs <- ev:
			case <-ctx.Done():
			}
			return nil
		}))
	}()
	t.Cleanup(func() { cancel(); <-done; bot.Close() })
	return bot, evs
}

func waitFor[E any](t *testing.T, ctx context.Context, ch <-chan E, ok func(E) bool) E {
	t.Helper()
	for {
		select {
		case ev := <-ch:
			if ok(ev) {
				return ev
			}
		case <-ctx.Done():
			var zero E
			t.Fatalf("event not received: %v", ctx.Err())
			return zero
		}
	}
}

// untilEvent calls send, then waits a while for an event ok accepts, and
// repeats until one arrives (the event streams connect asynchronously).
// The event answering the last send is returned.
func untilEvent[E any](t *testing.T, ctx context.Context, ch <-chan E, send func(), ok func(E) bool) E {
	t.Helper()
	for {
		send()
		wait, stop := context.WithTimeout(ctx, 250*time.Millisecond)
		var got E
		found := false
	loop:
		for {
			select {
			case ev := <-ch:
				if ok(ev) {
					got, found = ev, true
				}
			case <-wait.Done():
				break loop
			}
		}
		stop()
		if found {
			// Drain answers to earlier sends: the last one wins.
			return got
		}
		if ctx.Err() != nil {
			t.Fatalf("event not received: %v", ctx.Err())
		}
	}
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestBridgeOneBotOnMilky: a OneBot 11 client through the bridge to the
// simulator's Milky side: receive a group message, reply with @ + image +
// reply, recall the reply, handle a friend request, mute a member, each
// checked in the simulator's state.
func TestBridgeOneBotOnMilky(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	br := startForward(t, ctx, inst, "")
	t.Cleanup(func() { br.Close() })
	if br.SelfID() != w.SelfID() {
		t.Fatalf("self id %d, want %d", br.SelfID(), w.SelfID())
	}
	bot, evs := oneBotClient(t, ctx, br)

	// Receive a group message. The event streams connect asynchronously:
	// send until one arrives.
	var in sim.Message
	gm := untilEvent(t, ctx, evs, func() {
		var err error
		if in, err = w.UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "ping"}}); err != nil {
			t.Fatal(err)
		}
	}, func(ev onebot11.Event) bool {
		m, ok := ev.(*onebot11.GroupMessageEvent)
		return ok && m.GroupID == sim.DemoGroupDev && m.UserID == sim.DemoAlice
	}).(*onebot11.GroupMessageEvent)
	if got := gm.Message.PlainText(); got != "ping" {
		t.Errorf("message text %q, want ping", got)
	}

	// Reply with reply + @ + image.
	sent, err := bot.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupDev, Message: onebot11.Message{
		onebot11.Reply(gm.MessageID), onebot11.At(sim.DemoAlice), onebot11.Text(" pong"), onebot11.ImageBytes(png)}})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := br.Converter().MilkyMessageRef(ctx, sent.MessageID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := w.MessageBySeq(sim.Scene(ref.Scene), ref.PeerID, ref.Seq)
	if err != nil {
		t.Fatal(err)
	}
	if out.SenderID != w.SelfID() || out.Peer != sim.DemoGroupDev {
		t.Fatalf("sent message %+v", out)
	}
	var kinds []string
	for _, e := range out.Content {
		kinds = append(kinds, e.Kind())
		switch e := e.(type) {
		case sim.Reply:
			if e.Seq != in.Seq {
				t.Errorf("reply quotes seq %d, want %d", e.Seq, in.Seq)
			}
		case sim.Mention:
			if e.UserID != sim.DemoAlice {
				t.Errorf("mention %d", e.UserID)
			}
		}
	}
	if want := []string{"reply", "mention", "text", "image"}; !equal(kinds, want) {
		t.Errorf("content kinds %v, want %v", kinds, want)
	}

	// Recall the reply.
	if err := bot.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: sent.MessageID}); err != nil {
		t.Fatal(err)
	}
	if out, _ = w.MessageBySeq(sim.Scene(ref.Scene), ref.PeerID, ref.Seq); !out.Recalled {
		t.Error("reply not recalled in the simulator")
	}

	// Handle a friend request.
	if _, err := w.RequestFriend(sim.DemoDave, "let me in"); err != nil {
		t.Fatal(err)
	}
	fr := waitFor(t, ctx, evs, func(ev onebot11.Event) bool {
		_, ok := ev.(*onebot11.FriendRequestEvent)
		return ok
	}).(*onebot11.FriendRequestEvent)
	if fr.UserID != sim.DemoDave || fr.Comment != "let me in" {
		t.Errorf("friend request %+v", fr)
	}
	if err := bot.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: fr.Flag, Approve: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Friend(sim.DemoDave); err != nil {
		t.Errorf("Dave is not a friend after approval: %v", err)
	}

	// Mute a member.
	if err := bot.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: sim.DemoGroupDev, UserID: sim.DemoDave, Duration: 600}); err != nil {
		t.Fatal(err)
	}
	m, err := w.Member(sim.DemoGroupDev, sim.DemoDave)
	if err != nil {
		t.Fatal(err)
	}
	if d := m.MuteUntil.Sub(w.Now()); d < 590*time.Second || d > 600*time.Second {
		t.Errorf("Dave muted for %v, want 600s", d)
	}
	ban := waitFor(t, ctx, evs, func(ev onebot11.Event) bool {
		_, ok := ev.(*onebot11.GroupBanNoticeEvent)
		return ok
	}).(*onebot11.GroupBanNoticeEvent)
	if ban.UserID != sim.DemoDave || ban.Duration != 600 {
		t.Errorf("ban notice %+v", ban)
	}
}

// TestBridgeMilkyOnOneBot: a Milky client through the bridge to the
// simulator's OneBot 11 side, the same scenario.
func TestBridgeMilkyOnOneBot(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		UpstreamProtocol: adapter.ProtocolOneBot11, UpstreamURL: inst.OneBot11WSURL(), UpstreamToken: inst.OneBot11Token(),
		Listen: "127.0.0.1:0", AccessToken: "down-token",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { br.Close() })
	if br.SelfID() != w.SelfID() {
		t.Fatalf("self id %d, want %d", br.SelfID(), w.SelfID())
	}
	connected := make(chan struct{})
	bot, err := milky.Dial(br.URL(), &milky.BotOptions{AccessToken: "down-token", Concurrency: 1,
		OnConnect: func(milky.EventMode) { close(connected) }})
	if err != nil {
		t.Fatal(err)
	}
	evs := make(chan milky.Event, 64)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = bot.Run(runCtx, milky.HandlerFunc(func(ctx context.Context, ev milky.Event) error {
			select {
			case evs <- ev:
			case <-ctx.Done():
			}
			return nil
		}))
	}()
	t.Cleanup(func() { cancel(); <-done; bot.Close() })
	select {
	case <-connected:
	case <-ctx.Done():
		t.Fatal("milky event stream not connected")
	}

	// Receive a group message.
	var in sim.Message
	mr := untilEvent(t, ctx, evs, func() {
		var err error
		if in, err = w.UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "ping"}}); err != nil {
			t.Fatal(err)
		}
	}, func(ev milky.Event) bool {
		m, ok := ev.(*milky.MessageReceiveEvent)
		return ok && m.Data.PeerID == sim.DemoGroupDev
	}).(*milky.MessageReceiveEvent)
	if id, _ := adapter.OneBotIDOf(mr.Data.MessageSeq); id != int64(in.ID) {
		t.Errorf("message_seq %d stands for id %d, want %d", mr.Data.MessageSeq, id, in.ID)
	}
	if ts, ok := mr.Data.Segments[0].(*milky.IncomingTextSegment); len(mr.Data.Segments) != 1 || !ok || ts.Text != "ping" {
		t.Errorf("segments %#v, want the text ping", mr.Data.Segments)
	}
	if mr.Data.MessageScene != milky.SceneGroup || mr.Data.SenderID != sim.DemoAlice {
		t.Errorf("message %+v", mr.Data)
	}

	// Reply with reply + mention + image.
	sent, err := bot.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: sim.DemoGroupDev, Message: milky.OutgoingSegments{
		milky.Reply(mr.Data.MessageSeq), milky.Mention(sim.DemoAlice), milky.Text(" pong"), milky.ImageBytes(png)}})
	if err != nil {
		t.Fatal(err)
	}
	id, _ := adapter.OneBotIDOf(sent.MessageSeq)
	out, err := w.MessageByID(int32(id))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range out.Content {
		kinds = append(kinds, e.Kind())
		switch e := e.(type) {
		case sim.Reply:
			if e.Seq != in.Seq {
				t.Errorf("reply quotes seq %d, want %d", e.Seq, in.Seq)
			}
		case sim.Mention:
			if e.UserID != sim.DemoAlice {
				t.Errorf("mention %d", e.UserID)
			}
		}
	}
	if want := []string{"reply", "mention", "text", "image"}; !equal(kinds, want) {
		t.Errorf("content kinds %v, want %v", kinds, want)
	}

	// Recall the reply.
	if err := bot.RecallGroupMessage(ctx, &milky.RecallGroupMessageParams{GroupID: sim.DemoGroupDev, MessageSeq: sent.MessageSeq}); err != nil {
		t.Fatal(err)
	}
	if out, _ = w.MessageByID(int32(id)); !out.Recalled {
		t.Error("reply not recalled in the simulator")
	}

	// Handle a friend request.
	if _, err := w.RequestFriend(sim.DemoDave, "let me in"); err != nil {
		t.Fatal(err)
	}
	fr := waitFor(t, ctx, evs, func(ev milky.Event) bool {
		_, ok := ev.(*milky.FriendRequestEvent)
		return ok
	}).(*milky.FriendRequestEvent)
	if fr.Data.InitiatorID != sim.DemoDave || fr.Data.Comment != "let me in" {
		t.Errorf("friend request %+v", fr.Data)
	}
	if err := bot.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: fr.Data.InitiatorUID}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Friend(sim.DemoDave); err != nil {
		t.Errorf("Dave is not a friend after approval: %v", err)
	}

	// Mute a member.
	if err := bot.SetGroupMemberMute(ctx, &milky.SetGroupMemberMuteParams{GroupID: sim.DemoGroupDev, UserID: sim.DemoDave, Duration: 600}); err != nil {
		t.Fatal(err)
	}
	m, err := w.Member(sim.DemoGroupDev, sim.DemoDave)
	if err != nil {
		t.Fatal(err)
	}
	if d := m.MuteUntil.Sub(w.Now()); d < 590*time.Second || d > 600*time.Second {
		t.Errorf("Dave muted for %v, want 600s", d)
	}

	// A join request and an invitation: notification_seq / invitation_seq
	// stand for the OneBot flags.
	jr, err := w.RequestJoinGroup(sim.DemoGroupDev, sim.DemoEve, "me too")
	if err != nil {
		t.Fatal(err)
	}
	je := waitFor(t, ctx, evs, func(ev milky.Event) bool {
		_, ok := ev.(*milky.GroupJoinRequestEvent)
		return ok
	}).(*milky.GroupJoinRequestEvent)
	if je.Data.InitiatorID != sim.DemoEve || je.Data.GroupID != sim.DemoGroupDev {
		t.Errorf("join request %+v", je.Data)
	}
	if err := bot.RejectGroupRequest(ctx, &milky.RejectGroupRequestParams{NotificationSeq: je.Data.NotificationSeq,
		NotificationType: "join_request", GroupID: je.Data.GroupID}); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.GroupNotification(jr.Seq); n.State != sim.StateRejected {
		t.Errorf("join request in the simulator %+v", n)
	}
	if _, err := w.AddGroup(sim.Group{ID: 30003, Name: "elsewhere", OwnerID: sim.DemoAlice}); err != nil {
		t.Fatal(err)
	}
	inv, err := w.InviteBot(30003, sim.DemoAlice)
	if err != nil {
		t.Fatal(err)
	}
	ie := waitFor(t, ctx, evs, func(ev milky.Event) bool {
		_, ok := ev.(*milky.GroupInvitationEvent)
		return ok
	}).(*milky.GroupInvitationEvent)
	if err := bot.AcceptGroupInvitation(ctx, &milky.AcceptGroupInvitationParams{GroupID: ie.Data.GroupID, InvitationSeq: ie.Data.InvitationSeq}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Member(30003, w.SelfID()); err != nil {
		t.Errorf("bot not in the group after accepting invitation %d: %v", inv.Seq, err)
	}
}

// TestBridgeRestartRecall: a message sent through a bridge with a bolt
// store is recalled through a second bridge on the same store.
func TestBridgeRestartRecall(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	path := filepath.Join(t.TempDir(), "ids.db")

	br := startForward(t, ctx, inst, path)
	c := onebot11.NewClient(httpCaller(t, br.URL(), "down-token"))
	sent, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay, Message: onebot11.Message{onebot11.Text("before restart")}})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := br.Converter().MilkyMessageRef(ctx, sent.MessageID)
	if err != nil {
		t.Fatal(err)
	}
	if err := br.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}

	br2 := startForward(t, ctx, inst, path)
	t.Cleanup(func() { br2.Close() })
	c2 := onebot11.NewClient(httpCaller(t, br2.URL(), "down-token"))
	if err := c2.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: sent.MessageID}); err != nil {
		t.Fatal(err)
	}
	out, err := w.MessageBySeq(sim.Scene(ref.Scene), ref.PeerID, ref.Seq)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Recalled || sim.PlainText(out.Content) != "before restart" {
		t.Errorf("message %+v not recalled", out)
	}
	// An unknown id is a clear bad request.
	err = c2.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: 12345})
	var ae *onebot11.APIError
	if !errors.As(err, &ae) || ae.Retcode != onebot11.RetcodeBadRequest {
		t.Errorf("unknown message id: %v", err)
	}
}

// httpCaller is a OneBot 11 HTTP caller whose idle connections are closed
// at cleanup.
func httpCaller(t *testing.T, base, token string) transport.Caller {
	t.Helper()
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := transport.NewHTTPCaller(base, &transport.HTTPOptions{Token: token, Client: &http.Client{Transport: tr}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
