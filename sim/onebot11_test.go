package sim_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// ob11Env is a simulated world served over OneBot 11 on loopback: an
// onebot11.Server backed by sim.OneBot11, the world's files mounted beside
// it, a client of the requested transport and an event stream read over a
// forward WebSocket (/event).
type ob11Env struct {
	t      *testing.T
	w      *sim.World
	ob     *sim.OneBot11
	srv    *onebot11.Server
	ts     *httptest.Server
	hc     *http.Client
	c      *onebot11.Client
	events chan onebot11.Event
	seen   []onebot11.Event // every event waitOB11 read
}

const ob11Wait = 5 * time.Second

func newOB11Env(t *testing.T, transportName string) *ob11Env {
	t.Helper()
	return newOB11EnvWith(t, transportName, &sim.OneBot11Options{HeartbeatInterval: time.Hour})
}

func newOB11EnvWith(t *testing.T, transportName string, opts *sim.OneBot11Options) *ob11Env {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })

	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	w := sim.New(sim.WithSeed(7), sim.WithBaseURL(base))
	if err := w.SeedDemo(); err != nil {
		t.Fatal(err)
	}
	ob := sim.NewOneBot11(w, opts)
	mux := onebot11.NewServeMux()
	ob.Register(mux)
	sopts := &onebot11.ServerOptions{SelfID: w.SelfID()}
	// Reverse WebSocket: the bot side is a WSServer the server dials.
	var bot *transport.WSServer
	var botTS *httptest.Server
	botConns := make(chan *transport.ServerConn, 4)
	if transportName == "reverse" {
		bot = transport.NewWSServer(&transport.WSServerOptions{OnConnect: func(c *transport.ServerConn) { botConns <- c }})
		botTS = httptest.NewServer(bot)
		sopts.ReverseURL = "ws://" + botTS.Listener.Addr().String() + "/"
	}
	srv, err := onebot11.NewServer(mux, sopts)
	if err != nil {
		t.Fatal(err)
	}
	root := http.NewServeMux()
	root.Handle("/file/", ob.FileHandler())
	root.Handle("/resource/", ob.FileHandler())
	root.Handle("/", srv)
	ts.Config.Handler = root
	ts.Start()

	ctx, cancel := context.WithCancel(context.Background())
	stopEvents := ob.StartEvents(ctx, srv) // subscribed before the world acts

	e := &ob11Env{t: t, w: w, ob: ob, srv: srv, ts: ts, events: make(chan onebot11.Event, 1024),
		hc: &http.Client{Transport: &http.Transport{}}}

	wsBase := "ws://" + ts.Listener.Addr().String()
	evc, err := transport.NewWSClient(wsBase+"/event", &transport.WSOptions{EventsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	evDone := make(chan error, 1)
	go func() {
		evDone <- evc.Run(ctx, func(frame []byte) {
			ev, err := onebot11.ParseEvent(frame)
			if err != nil {
				t.Errorf("ParseEvent(%s): %v", frame, err)
				return
			}
			e.events <- ev
		})
	}()

	var closers []func()
	switch transportName {
	case "http":
		hcall, err := transport.NewHTTPCaller(ts.URL, &transport.HTTPOptions{Client: e.hc})
		if err != nil {
			t.Fatal(err)
		}
		e.c = onebot11.NewClient(hcall)
	case "reverse":
		var conn *transport.ServerConn
		select {
		case conn = <-botConns:
		case <-time.After(ob11Wait):
			t.Fatal("the server did not dial the reverse WebSocket")
		}
		if conn.SelfID() != fmt.Sprint(w.SelfID()) || conn.Role() != "Universal" {
			t.Fatalf("reverse connection self %q role %q", conn.SelfID(), conn.Role())
		}
		drained := make(chan struct{})
		go func() { defer close(drained); conn.Run(ctx, func([]byte) {}) }()
		closers = append(closers, func() { bot.Close(); botTS.Close(); <-drained })
		e.c = onebot11.NewClient(conn)
	case "ws":
		wc, err := transport.NewWSClient(wsBase+"/api", nil)
		if err != nil {
			t.Fatal(err)
		}
		closers = append(closers, func() { wc.Close() })
		e.c = onebot11.NewClient(wc)
	default:
		t.Fatalf("unknown transport %q", transportName)
	}

	t.Cleanup(func() {
		for _, c := range closers {
			c()
		}
		cancel()
		evc.Close()
		<-evDone
		if err := stopEvents(); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("StartEvents stop returned %v", err)
		}
		srv.Close()
		ts.Close()
		e.hc.CloseIdleConnections()
		w.Close()
	})
	// The lifecycle connect event says the event stream is subscribed.
	lc := waitOB11[*onebot11.LifecycleMetaEvent](e, nil)
	if lc.SubType != onebot11.LifecycleConnect || lc.SelfID != w.SelfID() {
		t.Fatalf("first event %+v, want lifecycle connect of %d", lc, w.SelfID())
	}
	return e
}

func (e *ob11Env) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), ob11Wait)
	e.t.Cleanup(cancel)
	return ctx
}

// waitOB11 returns the next event of type T that satisfies ok (nil: any),
// skipping others; it fails the test after ob11Wait.
func waitOB11[T onebot11.Event](e *ob11Env, ok func(T) bool) T {
	e.t.Helper()
	timer := time.NewTimer(ob11Wait)
	defer timer.Stop()
	var skipped []string
	for {
		select {
		case ev := <-e.events:
			e.seen = append(e.seen, ev)
			if v, is := ev.(T); is && (ok == nil || ok(v)) {
				return v
			}
			skipped = append(skipped, fmt.Sprintf("%T", ev))
		case <-timer.C:
			var zero T
			e.t.Fatalf("no %T event within %v (skipped %v)", zero, ob11Wait, skipped)
			return zero
		}
	}
}

func ob11Must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ob11WantRetcode(t *testing.T, err error, retcode int, substr string) {
	t.Helper()
	var ae *onebot11.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an *onebot11.APIError", err)
	}
	if ae.Retcode != retcode || !strings.Contains(ae.Message, substr) {
		t.Fatalf("err = retcode %d %q, want retcode %d containing %q", ae.Retcode, ae.Message, retcode, substr)
	}
}

func (e *ob11Env) get(url string) []byte {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.ctx(), http.MethodGet, url, nil)
	ob11Must(e.t, err)
	resp, err := e.hc.Do(req)
	ob11Must(e.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	ob11Must(e.t, err)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %s %s", url, resp.Status, body)
	}
	return body
}

var ob11Transports = []string{"http", "ws", "reverse"}

func TestOneBot11Messages(t *testing.T) {
	for _, tr := range ob11Transports {
		t.Run(tr, func(t *testing.T) {
			e := newOB11Env(t, tr)
			ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()

			// send_group_msg: array message with text, at and face.
			res, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Text("hi & "), onebot11.At(sim.DemoAlice), onebot11.Face(14)}})
			ob11Must(t, err)
			m, err := w.MessageByID(int32(res.MessageID))
			ob11Must(t, err)
			if m.Scene != sim.SceneGroup || m.Peer != sim.DemoGroupPlay || m.SenderID != self || len(m.Content) != 3 {
				t.Fatalf("world message %+v", m)
			}
			if men, ok := m.Content[1].(sim.Mention); !ok || men.UserID != sim.DemoAlice {
				t.Fatalf("content[1] = %#v, want a mention of Alice", m.Content[1])
			}
			sent := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == res.MessageID })
			if sent.SelfID != self || sent.UserID != self || sent.GroupID != sim.DemoGroupPlay || sent.Sender.Role != "owner" ||
				sent.MessageSeq != m.Seq || sent.TargetID != sim.DemoGroupPlay {
				t.Fatalf("message_sent event %+v", sent)
			}
			if want := "hi &amp; [CQ:at,qq=20001,name=Alice][CQ:face,id=14]"; sent.RawMessage != want {
				t.Fatalf("raw_message %q, want %q", sent.RawMessage, want)
			}

			// A string message is CQ code; with auto_escape it is plain text.
			var r2 onebot11.SendGroupMsgResult
			ob11Must(t, c.Call(ctx, "send_group_msg", map[string]any{"group_id": sim.DemoGroupPlay,
				"message": "[CQ:face,id=1]x&amp;"}, &r2))
			m2, err := w.MessageByID(int32(r2.MessageID))
			ob11Must(t, err)
			if len(m2.Content) != 2 || m2.Content[0] != (sim.Face{ID: "1"}) || m2.Content[1] != (sim.Text{Text: "x&"}) {
				t.Fatalf("CQ string content %#v", m2.Content)
			}
			ob11Must(t, c.Call(ctx, "send_group_msg", map[string]any{"group_id": sim.DemoGroupPlay,
				"message": "[CQ:face,id=1]x&amp;", "auto_escape": true}, &r2))
			m2, err = w.MessageByID(int32(r2.MessageID))
			ob11Must(t, err)
			if len(m2.Content) != 1 || m2.Content[0] != (sim.Text{Text: "[CQ:face,id=1]x&amp;"}) {
				t.Fatalf("auto_escape content %#v", m2.Content)
			}

			// A user's group message arrives with the sender's role and card.
			um, err := w.UserSendGroup(sim.DemoGroupDev, sim.DemoCarol, []sim.Element{sim.Text{Text: "hello bot"},
				sim.Mention{UserID: self}})
			ob11Must(t, err)
			gm := waitOB11(e, func(ev *onebot11.GroupMessageEvent) bool { return ev.MessageID == int64(um.ID) })
			if gm.UserID != sim.DemoCarol || gm.GroupID != sim.DemoGroupDev || gm.Sender.Role != "member" ||
				gm.Sender.Nickname != "Carol" || gm.SubType != "normal" || len(gm.Message) != 2 ||
				!strings.HasPrefix(gm.RawMessage, "hello bot[CQ:at,qq=10086001") {
				t.Fatalf("group message event %+v", gm)
			}
			if at, ok := gm.Message[1].(*onebot11.AtSegment); !ok || at.QQ != "10086001" {
				t.Fatalf("at segment %#v", gm.Message[1])
			}

			// send_private_msg / send_msg and a friend's message.
			pr, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice,
				Message: onebot11.Message{onebot11.Text("psst")}})
			ob11Must(t, err)
			ps := waitOB11(e, func(ev *onebot11.PrivateMessageSentEvent) bool { return ev.MessageID == pr.MessageID })
			if ps.TargetID != sim.DemoAlice || ps.UserID != self || ps.SubType != "friend" {
				t.Fatalf("private message_sent %+v", ps)
			}
			sm, err := c.SendMsg(ctx, &onebot11.SendMsgParams{MessageType: "private", UserID: sim.DemoBob,
				Message: onebot11.Message{onebot11.Text("yo")}})
			ob11Must(t, err)
			if mm, err := w.MessageByID(int32(sm.MessageID)); err != nil || mm.Peer != sim.DemoBob || mm.Scene != sim.SceneFriend {
				t.Fatalf("send_msg stored %+v, %v", mm, err)
			}
			fm, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "reply"}})
			ob11Must(t, err)
			pe := waitOB11(e, func(ev *onebot11.PrivateMessageEvent) bool { return ev.MessageID == int64(fm.ID) })
			if pe.UserID != sim.DemoAlice || pe.SubType != "friend" || pe.RawMessage != "reply" || pe.Sender.Nickname != "Alice" {
				t.Fatalf("private message event %+v", pe)
			}
			// A temp message through a group.
			tm, err := w.UserSendTemp(sim.DemoGroupPlay, sim.DemoEve, []sim.Element{sim.Text{Text: "temp"}})
			ob11Must(t, err)
			te := waitOB11(e, func(ev *onebot11.PrivateMessageEvent) bool { return ev.MessageID == int64(tm.ID) })
			if te.SubType != "group" || te.GroupID != sim.DemoGroupPlay || te.UserID != sim.DemoEve {
				t.Fatalf("temp message event %+v", te)
			}

			// get_msg in the document's shape.
			gr, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: res.MessageID})
			ob11Must(t, err)
			if gr.MessageID != res.MessageID || gr.MessageType != "group" || gr.GroupID != sim.DemoGroupPlay ||
				gr.PostType != "message_sent" || gr.Sender.UserID != self || gr.RawMessage != sent.RawMessage ||
				gr.MessageSeq != m.Seq || len(gr.Message) != 3 {
				t.Fatalf("get_msg %+v", gr)
			}
			_, err = c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: 999999})
			ob11WantRetcode(t, err, onebot11.RetcodeFailed, "not found")

			// history, oldest first by default.
			h, err := c.GetGroupMsgHistory(ctx, &onebot11.GetGroupMsgHistoryParams{GroupID: sim.DemoGroupPlay, Count: 2})
			ob11Must(t, err)
			if len(h.Messages) != 2 || h.Messages[0].MessageSeq >= h.Messages[1].MessageSeq {
				t.Fatalf("group history %+v", h.Messages)
			}
			fh, err := c.GetFriendMsgHistory(ctx, &onebot11.GetFriendMsgHistoryParams{UserID: sim.DemoAlice, ReverseOrder: true})
			ob11Must(t, err)
			if len(fh.Messages) != 2 || fh.Messages[0].MessageID != int64(fm.ID) {
				t.Fatalf("friend history %+v", fh.Messages)
			}

			// mark_msg_as_read.
			ob11Must(t, c.MarkMsgAsRead(ctx, &onebot11.MarkMsgAsReadParams{MessageID: int64(fm.ID)}))
			if got := w.ReadSeq(sim.SceneFriend, sim.DemoAlice); got != fm.Seq {
				t.Fatalf("ReadSeq = %d, want %d", got, fm.Seq)
			}

			// Reactions.
			ob11Must(t, c.SetMsgEmojiLike(ctx, &onebot11.SetMsgEmojiLikeParams{MessageID: int64(um.ID), EmojiID: 76}))
			el := waitOB11(e, func(ev *onebot11.GroupMsgEmojiLikeNoticeEvent) bool { return ev.MessageID == int64(um.ID) })
			if el.UserID != self || !el.IsAdd || len(el.Likes) != 1 || el.Likes[0].EmojiID != "76" || el.Likes[0].Count != 1 {
				t.Fatalf("emoji like event %+v", el)
			}
			if rm, _ := w.MessageByID(um.ID); len(rm.Reactions) != 1 || rm.Reactions[0].FaceID != "76" {
				t.Fatalf("reactions %+v", rm.Reactions)
			}
			ob11Must(t, c.UnsetMsgEmojiLike(ctx, &onebot11.UnsetMsgEmojiLikeParams{MessageID: int64(um.ID), EmojiID: 76}))
			waitOB11(e, func(ev *onebot11.GroupMsgEmojiLikeNoticeEvent) bool { return !ev.IsAdd })

			// Essence.
			ob11Must(t, c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: int64(um.ID)}))
			es := waitOB11(e, func(ev *onebot11.EssenceNoticeEvent) bool { return ev.SubType == onebot11.EssenceAdd })
			if es.MessageID != int64(um.ID) || es.SenderID != sim.DemoCarol || es.OperatorID != self {
				t.Fatalf("essence event %+v", es)
			}
			el2, err := c.GetEssenceMsgList(ctx, &onebot11.GetEssenceMsgListParams{GroupID: sim.DemoGroupDev})
			ob11Must(t, err)
			if len(el2) != 1 || el2[0].MessageID != int64(um.ID) || el2[0].SenderID != sim.DemoCarol || len(el2[0].Content) != 2 {
				t.Fatalf("essence list %+v", el2)
			}
			_, err = c.DeleteEssenceMsg(ctx, &onebot11.DeleteEssenceMsgParams{MessageID: int64(um.ID)})
			ob11Must(t, err)
			waitOB11(e, func(ev *onebot11.EssenceNoticeEvent) bool { return ev.SubType == onebot11.EssenceDelete })

			// Forwards.
			ff, err := c.SendGroupForwardMsg(ctx, &onebot11.SendGroupForwardMsgParams{GroupID: sim.DemoGroupPlay,
				Messages: onebot11.Message{onebot11.Node(sim.DemoAlice, "Alice", onebot11.Text("one")),
					onebot11.NodeRef(int64(um.ID))}})
			ob11Must(t, err)
			if ff.ForwardID == "" {
				t.Fatal("no forward_id")
			}
			fwd := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == ff.MessageID })
			if fs, ok := fwd.Message[0].(*onebot11.ForwardSegment); !ok || fs.ID != ff.ForwardID {
				t.Fatalf("forward message %#v", fwd.Message)
			}
			gf, err := c.GetForwardMsg(ctx, &onebot11.GetForwardMsgParams{ID: ff.ForwardID})
			ob11Must(t, err)
			if len(gf.Messages) != 2 || gf.Messages[0].Sender.UserID != sim.DemoAlice ||
				gf.Messages[1].Sender.UserID != sim.DemoCarol || !strings.HasPrefix(gf.Messages[1].Content.CQString(), "hello bot[CQ:at,qq=10086001") {
				t.Fatalf("get_forward_msg %+v %q", gf.Messages, gf.Messages[1].Content.CQString())
			}
			pf, err := c.SendPrivateForwardMsg(ctx, &onebot11.SendPrivateForwardMsgParams{UserID: sim.DemoBob,
				Messages: onebot11.Message{onebot11.Node(self, "me", onebot11.Text("x"))}})
			ob11Must(t, err)
			if pm, _ := w.MessageByID(int32(pf.MessageID)); pm.Peer != sim.DemoBob {
				t.Fatalf("private forward stored in %+v", pm)
			}
			_, err = c.SendForwardMsg(ctx, &onebot11.SendForwardMsgParams{MessageType: "group", GroupID: sim.DemoGroupPlay,
				Messages: onebot11.Message{onebot11.Text("not a node")}})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "node")
			fg, err := c.ForwardGroupSingleMsg(ctx, &onebot11.ForwardGroupSingleMsgParams{MessageID: int64(fm.ID), GroupID: sim.DemoGroupPlay})
			ob11Must(t, err)
			if fgm, _ := w.MessageByID(int32(fg.MessageID)); sim.PlainText(fgm.Content) != "reply" {
				t.Fatalf("forwarded single message %+v", fgm)
			}
			_, err = c.ForwardFriendSingleMsg(ctx, &onebot11.ForwardFriendSingleMsgParams{MessageID: int64(um.ID), UserID: sim.DemoBob})
			ob11Must(t, err)

			// Media: an image sent as base64 is served at its URL.
			png := []byte("\x89PNG\r\n\x1a\nfake image")
			ir, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.ImageBytes(png)}})
			ob11Must(t, err)
			ie := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == ir.MessageID })
			img, ok := ie.Message[0].(*onebot11.ImageSegment)
			if !ok || img.URL == "" || img.File == "" {
				t.Fatalf("image segment %#v", ie.Message[0])
			}
			if got := e.get(img.URL); string(got) != string(png) {
				t.Fatalf("image data %q", got)
			}
			gi, err := c.GetImage(ctx, &onebot11.GetImageParams{File: img.File})
			ob11Must(t, err)
			if gi.URL != img.URL {
				t.Fatalf("get_image %+v", gi)
			}
			// Sending the image again by its file reuses the resource.
			ir2, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupDev,
				Message: onebot11.Message{onebot11.Image(img.File)}})
			ob11Must(t, err)
			if m3, _ := w.MessageByID(int32(ir2.MessageID)); m3.Content[0].(sim.Image).ResourceID != img.File {
				t.Fatalf("resent image %#v", m3.Content[0])
			}
			_, err = c.GetRecord(ctx, &onebot11.GetRecordParams{File: img.File})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "not a record")

			// Unknown segments survive the world: a dice comes back as sent.
			dr, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Dice(), onebot11.Music("qq", "123")}})
			ob11Must(t, err)
			de := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == dr.MessageID })
			if got, _ := json.Marshal(de.Message); string(got) != `[{"type":"dice","data":{}},{"type":"music","data":{"type":"qq","id":"123"}}]` {
				t.Fatalf("unknown segments came back as %s", got)
			}

			// Recalls: the bot's own, then a user's.
			ob11Must(t, c.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: res.MessageID}))
			rc := waitOB11(e, func(ev *onebot11.GroupRecallNoticeEvent) bool { return ev.MessageID == res.MessageID })
			if rc.OperatorID != self || rc.UserID != self || rc.GroupID != sim.DemoGroupPlay {
				t.Fatalf("recall event %+v", rc)
			}
			if rm, _ := w.MessageByID(int32(res.MessageID)); !rm.Recalled {
				t.Fatal("message not recalled in the world")
			}
			ob11Must(t, w.UserRecall(sim.DemoAlice, sim.SceneFriend, sim.DemoAlice, fm.Seq))
			fr := waitOB11(e, func(ev *onebot11.FriendRecallNoticeEvent) bool { return ev.MessageID == int64(fm.ID) })
			if fr.UserID != sim.DemoAlice {
				t.Fatalf("friend recall %+v", fr)
			}

			// Errors.
			_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 99999, Message: onebot11.Message{onebot11.Text("x")}})
			ob11WantRetcode(t, err, onebot11.RetcodeFailed, "not found")
			_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "empty message")
			_, err = c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoDave, Message: onebot11.Message{onebot11.Text("x")}})
			if onebot11.Retcode(err) == onebot11.RetcodeOK || err == nil {
				t.Fatalf("private message to a stranger: %v", err)
			}
		})
	}
}

func TestOneBot11FriendsAndRequests(t *testing.T) {
	for _, tr := range ob11Transports {
		t.Run(tr, func(t *testing.T) {
			e := newOB11Env(t, tr)
			ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()

			li, err := c.GetLoginInfo(ctx, nil)
			ob11Must(t, err)
			if li.UserID != self || li.Nickname != sim.DefaultSelfNickname {
				t.Fatalf("get_login_info %+v", li)
			}
			st, err := c.GetStatus(ctx, nil)
			ob11Must(t, err)
			if !st.Online || !st.Good {
				t.Fatalf("get_status %+v", st)
			}
			vi, err := c.GetVersionInfo(ctx, nil)
			ob11Must(t, err)
			if vi.ProtocolVersion != "v11" || vi.AppName == "" {
				t.Fatalf("get_version_info %+v", vi)
			}
			ci, err := c.CanSendImage(ctx, nil)
			ob11Must(t, err)
			cr, err := c.CanSendRecord(ctx, nil)
			ob11Must(t, err)
			if !ci.Yes || !cr.Yes {
				t.Fatal("can_send_image/record: no")
			}
			ob11Must(t, c.SetQQProfile(ctx, &onebot11.SetQQProfileParams{Nickname: "newbot", PersonalNote: "sig"}))
			if s := w.Self(); s.Nickname != "newbot" || s.Sign != "sig" {
				t.Fatalf("profile %+v", s)
			}
			ob11Must(t, c.SetQQAvatar(ctx, &onebot11.SetQQAvatarParams{File: "https://example.com/a.png"}))
			av, err := c.GetQQAvatar(ctx, &onebot11.GetQQAvatarParams{})
			ob11Must(t, err)
			if av.URL != "https://example.com/a.png" {
				t.Fatalf("get_qq_avatar %+v", av)
			}

			fl, err := c.GetFriendList(ctx, nil)
			ob11Must(t, err)
			if len(fl) != 3 || fl[0].UserID != sim.DemoAlice || fl[0].Nickname != "Alice" {
				t.Fatalf("get_friend_list %+v", fl)
			}
			ob11Must(t, c.SetFriendRemark(ctx, &onebot11.SetFriendRemarkParams{UserID: sim.DemoBob, Remark: "bobby"}))
			if f, _ := w.Friend(sim.DemoBob); f.Remark != "bobby" {
				t.Fatalf("remark %+v", f)
			}
			ob11Must(t, c.SetFriendCategory(ctx, &onebot11.SetFriendCategoryParams{UserID: sim.DemoBob, CategoryID: sim.DemoColleague}))
			cats, err := c.GetFriendsWithCategory(ctx, nil)
			ob11Must(t, err)
			if len(cats) != 2 || cats[1].CategoryID != sim.DemoColleague || cats[1].CategoryMbCount != 2 || len(cats[1].BuddyList) != 2 {
				t.Fatalf("get_friends_with_category %+v", cats)
			}
			ob11Must(t, c.SendLike(ctx, &onebot11.SendLikeParams{UserID: sim.DemoAlice, Times: 3}))
			if u, _ := w.User(sim.DemoAlice); u.LikeCount != 3 {
				t.Fatalf("likes %d", u.LikeCount)
			}
			si, err := c.GetStrangerInfo(ctx, &onebot11.GetStrangerInfoParams{UserID: sim.DemoEve})
			ob11Must(t, err)
			if si.UserID != sim.DemoEve || si.Nickname != "Eve" {
				t.Fatalf("get_stranger_info %+v", si)
			}
			ob11Must(t, c.FriendPoke(ctx, &onebot11.FriendPokeParams{UserID: sim.DemoAlice}))
			pk := waitOB11(e, func(ev *onebot11.PokeNotifyEvent) bool { return ev.GroupID == 0 })
			if pk.UserID != self || pk.TargetID != sim.DemoAlice || len(pk.RawInfo) == 0 {
				t.Fatalf("friend poke %+v", pk)
			}
			ob11Must(t, w.UserNudgeFriend(sim.DemoAlice, self))
			pk = waitOB11(e, func(ev *onebot11.PokeNotifyEvent) bool { return ev.UserID == sim.DemoAlice })
			if pk.TargetID != self || pk.SenderID != sim.DemoAlice {
				t.Fatalf("user poke %+v", pk)
			}
			ob11Must(t, w.UserLike(sim.DemoBob, 2))
			pl := waitOB11[*onebot11.ProfileLikeNotifyEvent](e, nil)
			if pl.OperatorID != sim.DemoBob || pl.Times != 2 {
				t.Fatalf("profile like %+v", pl)
			}

			// A friend request, accepted through its flag.
			req, err := w.RequestFriend(sim.DemoDave, "add me")
			ob11Must(t, err)
			fre := waitOB11[*onebot11.FriendRequestEvent](e, nil)
			if fre.UserID != sim.DemoDave || fre.Comment != "add me" || fre.Flag != sim.OneBot11FriendFlag(req.InitiatorUID) {
				t.Fatalf("friend request %+v", fre)
			}
			ob11Must(t, c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: fre.Flag, Approve: true, Remark: "dave"}))
			fa := waitOB11[*onebot11.FriendAddNoticeEvent](e, nil)
			if fa.UserID != sim.DemoDave {
				t.Fatalf("friend add %+v", fa)
			}
			if f, err := w.Friend(sim.DemoDave); err != nil || f.Remark != "dave" {
				t.Fatalf("Dave after accept: %+v %v", f, err)
			}
			err = c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: "bogus", Approve: true})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "bad friend request flag")
			err = c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: fre.Flag, Approve: true})
			if err == nil {
				t.Fatal("accepting a handled request again succeeded")
			}
			// Rejecting another one.
			req2, err := w.RequestFriend(sim.DemoEve, "")
			ob11Must(t, err)
			ob11Must(t, c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: sim.OneBot11FriendFlag(req2.InitiatorUID)}))
			if rs := w.FriendRequests(); rs[0].State != sim.StateRejected {
				t.Fatalf("friend requests %+v", rs)
			}

			ob11Must(t, c.DeleteFriend(ctx, &onebot11.DeleteFriendParams{UserID: sim.DemoDave}))
			if _, err := w.Friend(sim.DemoDave); !errors.Is(err, sim.ErrNotFound) {
				t.Fatalf("Dave still a friend: %v", err)
			}

			// Private files.
			pf, err := c.UploadPrivateFile(ctx, &onebot11.UploadPrivateFileParams{UserID: sim.DemoAlice,
				File: onebot11.Base64URI([]byte("private data")), Name: "p.txt"})
			ob11Must(t, err)
			pu, err := c.GetPrivateFileURL(ctx, &onebot11.GetPrivateFileURLParams{FileID: pf.FileID})
			ob11Must(t, err)
			if got := e.get(pu.URL); string(got) != "private data" {
				t.Fatalf("private file data %q", got)
			}
			_, err = w.UserUploadPrivateFile(sim.DemoAlice, "in.txt", []byte("incoming"))
			ob11Must(t, err)
			of := waitOB11[*onebot11.OfflineFileNoticeEvent](e, nil)
			if of.UserID != sim.DemoAlice || of.File.Name != "in.txt" || string(e.get(of.File.URL)) != "incoming" {
				t.Fatalf("offline file %+v", of)
			}

			// Unsupported actions answer the clear error.
			_, err = c.OcrImage(ctx, &onebot11.OcrImageParams{Image: "x"})
			ob11WantRetcode(t, err, onebot11.RetcodeUnknownAction, "not supported by the simulator: ocr_image")
			if !errors.Is(err, onebot11.ErrUnknownAction) {
				t.Fatalf("unsupported error %v does not match ErrUnknownAction", err)
			}
			sa, err := c.GetSupportedActions(ctx, nil)
			ob11Must(t, err)
			want := append(sim.OneBot11Actions(), sim.OneBot11ExtensionActions()...)
			slices.Sort(want)
			if strings.Join(sa, ",") != strings.Join(want, ",") {
				t.Fatalf("get_supported_actions %v", sa)
			}
		})
	}
}

func TestOneBot11Groups(t *testing.T) {
	for _, tr := range ob11Transports {
		t.Run(tr, func(t *testing.T) {
			e := newOB11Env(t, tr)
			ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()
			const play, dev = sim.DemoGroupPlay, sim.DemoGroupDev

			gl, err := c.GetGroupList(ctx, nil)
			ob11Must(t, err)
			if len(gl) != 2 || gl[0].GroupID != dev || gl[1].MemberCount != 4 {
				t.Fatalf("get_group_list %+v", gl)
			}
			gi, err := c.GetGroupInfo(ctx, &onebot11.GetGroupInfoParams{GroupID: play})
			ob11Must(t, err)
			if gi.GroupID != play || gi.MemberCount != 4 || gi.GroupName == "" {
				t.Fatalf("get_group_info %+v", gi)
			}
			ml, err := c.GetGroupMemberList(ctx, &onebot11.GetGroupMemberListParams{GroupID: dev})
			ob11Must(t, err)
			if len(ml) != 5 || ml[0].Role != "owner" || ml[0].UserID != sim.DemoAlice {
				t.Fatalf("get_group_member_list %+v", ml)
			}

			ob11Must(t, c.SetGroupCard(ctx, &onebot11.SetGroupCardParams{GroupID: play, UserID: sim.DemoEve, Card: "E"}))
			cn := waitOB11[*onebot11.GroupCardNoticeEvent](e, nil)
			if cn.UserID != sim.DemoEve || cn.CardNew != "E" || cn.CardOld != "" {
				t.Fatalf("card event %+v", cn)
			}
			mi, err := c.GetGroupMemberInfo(ctx, &onebot11.GetGroupMemberInfoParams{GroupID: play, UserID: sim.DemoEve})
			ob11Must(t, err)
			if mi.Card != "E" || mi.CardOrNickname != "E" || mi.Nickname != "Eve" || mi.Role != "member" {
				t.Fatalf("get_group_member_info %+v", mi)
			}
			ob11Must(t, c.SetGroupSpecialTitle(ctx, &onebot11.SetGroupSpecialTitleParams{GroupID: play, UserID: sim.DemoEve, SpecialTitle: "star"}))
			tn := waitOB11[*onebot11.TitleNotifyEvent](e, nil)
			if tn.UserID != sim.DemoEve || tn.Title != "star" {
				t.Fatalf("title event %+v", tn)
			}
			ob11Must(t, c.SetGroupAdmin(ctx, &onebot11.SetGroupAdminParams{GroupID: play, UserID: sim.DemoEve, Enable: true}))
			an := waitOB11[*onebot11.GroupAdminNoticeEvent](e, nil)
			if an.SubType != "set" || an.UserID != sim.DemoEve {
				t.Fatalf("admin event %+v", an)
			}
			ob11Must(t, c.SetGroupAdmin(ctx, &onebot11.SetGroupAdminParams{GroupID: play, UserID: sim.DemoEve, Enable: false}))
			if an = waitOB11[*onebot11.GroupAdminNoticeEvent](e, nil); an.SubType != "unset" {
				t.Fatalf("admin event %+v", an)
			}

			ob11Must(t, c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: play, UserID: sim.DemoEve, Duration: 60}))
			bn := waitOB11[*onebot11.GroupBanNoticeEvent](e, nil)
			if bn.SubType != "ban" || bn.Duration != 60 || bn.UserID != sim.DemoEve || bn.OperatorID != self {
				t.Fatalf("ban event %+v", bn)
			}
			sl, err := c.GetGroupShutList(ctx, &onebot11.GetGroupShutListParams{GroupID: play})
			ob11Must(t, err)
			if len(sl) != 1 || sl[0].Uin != "20005" || sl[0].ShutUpTime <= 0 {
				t.Fatalf("get_group_shut_list %+v", sl)
			}
			ob11Must(t, c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: play, UserID: sim.DemoEve, Duration: 0}))
			if bn = waitOB11[*onebot11.GroupBanNoticeEvent](e, nil); bn.SubType != "lift_ban" || bn.Duration != 0 {
				t.Fatalf("lift_ban event %+v", bn)
			}
			if m, _ := w.Member(play, sim.DemoEve); !m.MuteUntil.IsZero() {
				t.Fatalf("still muted until %v", m.MuteUntil)
			}
			err = c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: dev, UserID: sim.DemoAlice, Duration: 60})
			ob11WantRetcode(t, err, onebot11.RetcodeFailed, "permission denied")

			ob11Must(t, c.SetGroupWholeBan(ctx, &onebot11.SetGroupWholeBanParams{GroupID: play, Enable: true}))
			bn = waitOB11[*onebot11.GroupBanNoticeEvent](e, nil)
			if bn.UserID != 0 || bn.SubType != "ban" || bn.Duration != -1 {
				t.Fatalf("whole ban event %+v", bn)
			}
			if g, _ := w.Group(play); !g.WholeMute {
				t.Fatal("whole mute not on")
			}
			ob11Must(t, c.SetGroupWholeBan(ctx, &onebot11.SetGroupWholeBanParams{GroupID: play, Enable: false}))
			if bn = waitOB11[*onebot11.GroupBanNoticeEvent](e, nil); bn.SubType != "lift_ban" || bn.UserID != 0 {
				t.Fatalf("whole ban lift %+v", bn)
			}

			ob11Must(t, c.SetGroupName(ctx, &onebot11.SetGroupNameParams{GroupID: play, GroupName: "Fun"}))
			nn := waitOB11[*onebot11.GroupNameNotifyEvent](e, nil)
			if nn.NameNew != "Fun" || nn.UserID != self {
				t.Fatalf("group name event %+v", nn)
			}
			ob11Must(t, c.SetGroupRemark(ctx, &onebot11.SetGroupRemarkParams{GroupID: play, Remark: "mine"}))
			if g, _ := w.Group(play); g.Name != "Fun" || g.Remark != "mine" {
				t.Fatalf("group %+v", g)
			}
			ob11Must(t, c.GroupPoke(ctx, &onebot11.GroupPokeParams{GroupID: play, UserID: sim.DemoAlice}))
			gp := waitOB11(e, func(ev *onebot11.PokeNotifyEvent) bool { return ev.GroupID == play })
			if gp.UserID != self || gp.TargetID != sim.DemoAlice {
				t.Fatalf("group poke %+v", gp)
			}

			// Kick with reject_add_request blocks a later join request.
			ob11Must(t, c.SetGroupKick(ctx, &onebot11.SetGroupKickParams{GroupID: play, UserID: sim.DemoEve, RejectAddRequest: true}))
			dn := waitOB11[*onebot11.GroupDecreaseNoticeEvent](e, nil)
			if dn.SubType != "kick" || dn.UserID != sim.DemoEve || dn.OperatorID != self {
				t.Fatalf("kick event %+v", dn)
			}
			if _, err := w.RequestJoinGroup(play, sim.DemoEve, "again"); err == nil {
				t.Fatal("a kicked user with reject_add_request could ask to join")
			}

			// A join request, approved through its flag.
			n, err := w.RequestJoinGroup(play, sim.DemoDave, "let me in")
			ob11Must(t, err)
			gr := waitOB11[*onebot11.GroupRequestEvent](e, nil)
			if gr.SubType != "add" || gr.UserID != sim.DemoDave || gr.Comment != "let me in" || gr.Flag != sim.OneBot11GroupFlag(n) {
				t.Fatalf("group request %+v", gr)
			}
			sm, err := c.GetGroupSystemMsg(ctx, nil)
			ob11Must(t, err)
			if len(sm.JoinRequests) != 1 || sm.JoinRequests[0].RequesterUin != sim.DemoDave || sm.JoinRequests[0].Checked {
				t.Fatalf("get_group_system_msg %+v", sm)
			}
			ig, err := c.GetGroupIgnoreAddRequest(ctx, &onebot11.GetGroupIgnoreAddRequestParams{GroupID: play})
			ob11Must(t, err)
			if len(ig) != 0 { // the world filters nothing
				t.Fatalf("get_group_ignore_add_request %+v", ig)
			}
			ob11Must(t, c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: gr.Flag, SubType: "add", Approve: true}))
			in := waitOB11[*onebot11.GroupIncreaseNoticeEvent](e, nil)
			if in.SubType != "approve" || in.UserID != sim.DemoDave || in.OperatorID != self {
				t.Fatalf("increase event %+v", in)
			}
			err = c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: "group:x:join_request", Approve: true})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "bad group request flag")
			// An invited join request, rejected.
			n2, err := w.InviteToGroup(play, sim.DemoAlice, sim.DemoCarol)
			ob11Must(t, err)
			gr = waitOB11[*onebot11.GroupRequestEvent](e, nil)
			if gr.SubType != "add" || gr.UserID != sim.DemoCarol || gr.InvitorID != sim.DemoAlice {
				t.Fatalf("invited join request %+v", gr)
			}
			ob11Must(t, c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: gr.Flag, Reason: "no"}))
			if got, _ := w.GroupNotification(n2.Seq); got.State != sim.StateRejected || got.Reason != "no" {
				t.Fatalf("notification %+v", got)
			}

			// An invitation of the bot, accepted; then the bot leaves.
			if _, err := w.AddGroup(sim.Group{ID: 30009, Name: "New", OwnerID: sim.DemoCarol}); err != nil {
				t.Fatal(err)
			}
			_, err = w.InviteBot(30009, sim.DemoCarol)
			ob11Must(t, err)
			gr = waitOB11[*onebot11.GroupRequestEvent](e, nil)
			if gr.SubType != "invite" || gr.UserID != sim.DemoCarol || gr.GroupID != 30009 {
				t.Fatalf("invitation %+v", gr)
			}
			ob11Must(t, c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: gr.Flag, SubType: "invite", Approve: true}))
			in = waitOB11[*onebot11.GroupIncreaseNoticeEvent](e, nil)
			if in.UserID != self || in.GroupID != 30009 || in.SubType != "invite" {
				t.Fatalf("bot joined %+v", in)
			}
			ob11Must(t, c.SetGroupLeave(ctx, &onebot11.SetGroupLeaveParams{GroupID: 30009}))
			dn = waitOB11[*onebot11.GroupDecreaseNoticeEvent](e, nil)
			if dn.SubType != "leave" || dn.UserID != self || dn.GroupID != 30009 {
				t.Fatalf("bot left %+v", dn)
			}

			// Scripted members.
			ob11Must(t, w.MemberJoin(play, sim.DemoCarol, sim.DemoAlice))
			in = waitOB11[*onebot11.GroupIncreaseNoticeEvent](e, nil)
			if in.SubType != "invite" || in.UserID != sim.DemoCarol || in.OperatorID != sim.DemoAlice {
				t.Fatalf("member join %+v", in)
			}
			ob11Must(t, w.MemberLeave(play, sim.DemoCarol))
			dn = waitOB11[*onebot11.GroupDecreaseNoticeEvent](e, nil)
			if dn.SubType != "leave" || dn.UserID != sim.DemoCarol || dn.OperatorID != sim.DemoCarol {
				t.Fatalf("member leave %+v", dn)
			}
			ob11Must(t, w.UserNudgeGroup(dev, sim.DemoCarol, self))
			gp = waitOB11(e, func(ev *onebot11.PokeNotifyEvent) bool { return ev.GroupID == dev })
			if gp.UserID != sim.DemoCarol || gp.TargetID != self {
				t.Fatalf("user group poke %+v", gp)
			}
			ob11Must(t, w.UserMute(dev, sim.DemoAlice, sim.DemoCarol, time.Minute))
			bn = waitOB11[*onebot11.GroupBanNoticeEvent](e, nil)
			if bn.OperatorID != sim.DemoAlice || bn.UserID != sim.DemoCarol || bn.Duration != 60 {
				t.Fatalf("user mute %+v", bn)
			}
			ob11Must(t, w.UserSetGroupName(dev, sim.DemoAlice, "Dev2"))
			if nn = waitOB11[*onebot11.GroupNameNotifyEvent](e, nil); nn.UserID != sim.DemoAlice || nn.NameNew != "Dev2" {
				t.Fatalf("user rename %+v", nn)
			}
			ob11Must(t, w.UserKick(dev, sim.DemoAlice, self, false))
			dn = waitOB11[*onebot11.GroupDecreaseNoticeEvent](e, nil)
			if dn.SubType != "kick_me" || dn.UserID != self || dn.OperatorID != sim.DemoAlice {
				t.Fatalf("kick_me %+v", dn)
			}

			// Notices.
			ob11Must(t, c.SendGroupNotice(ctx, &onebot11.SendGroupNoticeParams{GroupID: play, Content: "rules"}))
			ns, err := c.GetGroupNotice(ctx, &onebot11.GetGroupNoticeParams{GroupID: play})
			ob11Must(t, err)
			if len(ns) != 1 || ns[0].Message.Text != "rules" || ns[0].SenderID != self || ns[0].NoticeID == "" {
				t.Fatalf("_get_group_notice %+v", ns)
			}
			ob11Must(t, c.DeleteGroupNotice(ctx, &onebot11.DeleteGroupNoticeParams{GroupID: play, NoticeID: ns[0].NoticeID}))
			if as, _ := w.Announcements(play); len(as) != 0 {
				t.Fatalf("announcements left: %+v", as)
			}

			// Dismissing the bot's own group.
			ob11Must(t, c.SetGroupLeave(ctx, &onebot11.SetGroupLeaveParams{GroupID: play, IsDismiss: true}))
			gd := waitOB11[*onebot11.GroupDismissNoticeEvent](e, nil)
			if gd.GroupID != play || gd.UserID != self {
				t.Fatalf("dismiss %+v", gd)
			}
		})
	}
}

func TestOneBot11GroupFiles(t *testing.T) {
	for _, tr := range ob11Transports {
		t.Run(tr, func(t *testing.T) {
			e := newOB11Env(t, tr)
			ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()
			const play = sim.DemoGroupPlay

			up, err := c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play,
				File: onebot11.Base64URI([]byte("hello file")), Name: "a.txt"})
			ob11Must(t, err)
			un := waitOB11[*onebot11.GroupUploadNoticeEvent](e, nil)
			if un.UserID != self || un.File.ID != up.FileID || un.File.Name != "a.txt" || un.File.Size != 10 {
				t.Fatalf("upload event %+v", un)
			}
			fd, err := c.CreateGroupFileFolder(ctx, &onebot11.CreateGroupFileFolderParams{GroupID: play, Name: "docs"})
			ob11Must(t, err)
			root, err := c.GetGroupRootFiles(ctx, &onebot11.GetGroupRootFilesParams{GroupID: play})
			ob11Must(t, err)
			if len(root.Files) != 1 || root.Files[0].FileID != up.FileID || len(root.Folders) != 1 || root.Folders[0].FolderID != fd.FolderID {
				t.Fatalf("root %+v", root)
			}
			ob11Must(t, c.MoveGroupFile(ctx, &onebot11.MoveGroupFileParams{GroupID: play, FileID: up.FileID,
				ParentDirectory: "/", TargetDirectory: fd.FolderID}))
			ob11Must(t, c.RenameGroupFileFolder(ctx, &onebot11.RenameGroupFileFolderParams{GroupID: play, FolderID: fd.FolderID, NewFolderName: "papers"}))
			in, err := c.GetGroupFilesByFolder(ctx, &onebot11.GetGroupFilesByFolderParams{GroupID: play, FolderID: fd.FolderID})
			ob11Must(t, err)
			if len(in.Files) != 1 || in.Files[0].FileName != "a.txt" || in.Files[0].Uploader != self {
				t.Fatalf("folder %+v", in)
			}
			if _, folders, _ := w.GroupFiles(play, ""); len(folders) != 1 || folders[0].Name != "papers" {
				t.Fatalf("folders %+v", folders)
			}
			u, err := c.GetGroupFileURL(ctx, &onebot11.GetGroupFileURLParams{GroupID: play, FileID: up.FileID})
			ob11Must(t, err)
			if got := e.get(u.URL); string(got) != "hello file" {
				t.Fatalf("group file data %q", got)
			}
			fi, err := c.GetGroupFileSystemInfo(ctx, &onebot11.GetGroupFileSystemInfoParams{GroupID: play})
			ob11Must(t, err)
			if fi.FileCount != 1 || fi.UsedSpace != 10 || fi.TotalSpace != sim.GroupFileTotalSpace {
				t.Fatalf("file system info %+v", fi)
			}
			_, err = w.UserUploadGroupFile(play, sim.DemoAlice, "", "b.bin", []byte{1, 2})
			ob11Must(t, err)
			if un = waitOB11(e, func(ev *onebot11.GroupUploadNoticeEvent) bool { return ev.UserID == sim.DemoAlice }); un.File.Name != "b.bin" {
				t.Fatalf("user upload %+v", un)
			}
			ob11Must(t, c.DeleteGroupFile(ctx, &onebot11.DeleteGroupFileParams{GroupID: play, FileID: up.FileID}))
			ob11Must(t, c.DeleteGroupFolder(ctx, &onebot11.DeleteGroupFolderParams{GroupID: play, FolderID: fd.FolderID}))
			if files, folders, _ := w.GroupFiles(play, ""); len(files) != 1 || len(folders) != 0 {
				t.Fatalf("after deletes: %+v %+v", files, folders)
			}
			_, err = c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play, File: "/etc/passwd"})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "local files are off")
			_, err = c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play, File: "base64://!!"})
			ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "bad base64")
		})
	}
}

// The HTTP API's query-string form (every value a string) works too.
func TestOneBot11QueryParams(t *testing.T) {
	e := newOB11Env(t, "http")
	body := e.get(e.ts.URL + "/send_group_msg?group_id=30002&message=%5BCQ:face,id=1%5D&auto_escape=true")
	var resp struct {
		Status string
		Data   struct {
			MessageID int64 `json:"message_id"`
		}
	}
	ob11Must(t, json.Unmarshal(body, &resp))
	m, err := e.w.MessageByID(int32(resp.Data.MessageID))
	ob11Must(t, err)
	if resp.Status != "ok" || len(m.Content) != 1 || m.Content[0] != (sim.Text{Text: "[CQ:face,id=1]"}) {
		t.Fatalf("query send: %s -> %+v", body, m)
	}
	body = e.get(e.ts.URL + "/send_msg?group_id=30002&user_id=20001&message=hey")
	ob11Must(t, json.Unmarshal(body, &resp))
	if m, err = e.w.MessageByID(int32(resp.Data.MessageID)); err != nil || m.Scene != sim.SceneGroup {
		t.Fatalf("send_msg with group_id went to %+v (%v)", m, err)
	}
}

// Files given by URL and (when allowed) by local path; go-cqhttp's "folder".
func TestOneBot11FileSources(t *testing.T) {
	src := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/dl/report.pdf" {
			http.NotFound(rw, r)
			return
		}
		io.WriteString(rw, "remote bytes")
	}))
	defer src.Close()
	e := newOB11EnvWith(t, "http", &sim.OneBot11Options{AllowLocalFiles: true, HTTPClient: ob11HTTPClient(t)})
	ctx, w, c := e.ctx(), e.w, e.c
	const play = sim.DemoGroupPlay

	up, err := c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play, File: src.URL + "/dl/report.pdf"})
	ob11Must(t, err)
	f, err := w.GroupFile(play, up.FileID)
	ob11Must(t, err)
	if f.Name != "report.pdf" || f.Size != int64(len("remote bytes")) {
		t.Fatalf("fetched file %+v", f)
	}
	_, err = c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play, File: src.URL + "/missing"})
	ob11WantRetcode(t, err, onebot11.RetcodeFailed, "404")

	path := t.TempDir() + "/local.txt"
	ob11Must(t, os.WriteFile(path, []byte("local bytes"), 0o600))
	fd, err := c.CreateGroupFileFolder(ctx, &onebot11.CreateGroupFileFolderParams{GroupID: play, Name: "d"})
	ob11Must(t, err)
	var res onebot11.UploadGroupFileResult
	ob11Must(t, c.Call(ctx, "upload_group_file", map[string]any{"group_id": play, "file": onebot11.FileURI(path), "folder": fd.FolderID}, &res))
	f, err = w.GroupFile(play, res.FileID)
	ob11Must(t, err)
	if f.Name != "local.txt" || f.FolderID != fd.FolderID {
		t.Fatalf("local file %+v", f)
	}
	data, err := w.GroupFileData(play, res.FileID)
	ob11Must(t, err)
	if string(data) != "local bytes" {
		t.Fatalf("local data %q", data)
	}
	err = c.MoveGroupFile(ctx, &onebot11.MoveGroupFileParams{GroupID: play, FileID: res.FileID, ParentDirectory: "/", TargetDirectory: "/"})
	ob11WantRetcode(t, err, onebot11.RetcodeFailed, "not in folder")
	ob11Must(t, c.MoveGroupFile(ctx, &onebot11.MoveGroupFileParams{GroupID: play, FileID: res.FileID, ParentDirectory: fd.FolderID, TargetDirectory: "/"}))
	if f, _ = w.GroupFile(play, res.FileID); f.FolderID != sim.RootFolder {
		t.Fatalf("moved file in %q", f.FolderID)
	}
}

// ob11HTTPClient is an HTTP client whose idle connections are closed at the end
// of the test (for goleak).
func ob11HTTPClient(t *testing.T) *http.Client {
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(hc.CloseIdleConnections)
	return hc
}

func TestOneBot11FileHandler(t *testing.T) {
	e := newOB11Env(t, "http")
	ctx, c := e.ctx(), e.c
	r, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay, Message: onebot11.Message{
		onebot11.Image("https://example.com/pic.png"), onebot11.Image("file:///tmp/x.png")}})
	ob11Must(t, err)
	m, err := e.w.MessageByID(int32(r.MessageID))
	ob11Must(t, err)
	remote, local := m.Content[0].(sim.Image), m.Content[1].(sim.Image)
	noRedirect := &http.Client{Transport: e.hc.Transport, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	for _, tc := range []struct {
		method, url string
		status      int
		location    string
	}{
		{"GET", remote.URL, http.StatusFound, "https://example.com/pic.png"},
		{"GET", local.URL, http.StatusNotFound, ""},
		{"GET", e.ts.URL + "/resource/nope", http.StatusNotFound, ""},
		{"GET", e.ts.URL + "/file/group/x/y", http.StatusNotFound, ""},
		{"GET", e.ts.URL + "/file/group/30002/nope", http.StatusNotFound, ""},
		{"GET", e.ts.URL + "/file/private/nope", http.StatusNotFound, ""},
		{"GET", e.ts.URL + "/file/other", http.StatusNotFound, ""},
		{"POST", remote.URL, http.StatusMethodNotAllowed, ""},
		{"HEAD", remote.URL, http.StatusFound, "https://example.com/pic.png"},
	} {
		req, err := http.NewRequestWithContext(ctx, tc.method, tc.url, nil)
		ob11Must(t, err)
		resp, err := noRedirect.Do(req)
		ob11Must(t, err)
		resp.Body.Close()
		if resp.StatusCode != tc.status || resp.Header.Get("Location") != tc.location {
			t.Errorf("%s %s: %d %q, want %d %q", tc.method, tc.url, resp.StatusCode, resp.Header.Get("Location"), tc.status, tc.location)
		}
	}
	// The handler also works mounted under a prefix.
	up, err := c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: sim.DemoGroupPlay, File: onebot11.Base64URI([]byte("abc")), Name: "a b/c.txt"})
	ob11Must(t, err)
	u, err := c.GetGroupFileURL(ctx, &onebot11.GetGroupFileURLParams{GroupID: sim.DemoGroupPlay, FileID: up.FileID})
	ob11Must(t, err)
	rec := httptest.NewRecorder()
	path := strings.TrimPrefix(u.URL, e.ts.URL)
	e.ob.FileHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/sim/prefix"+path, nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "abc" {
		t.Fatalf("prefixed GET %s: %d %q", path, rec.Code, rec.Body.String())
	}
}

// Bad requests and refused operations answer clear errors; a private
// message with group_id to a non-friend is a temp message.
func TestOneBot11ErrorPaths(t *testing.T) {
	e := newOB11Env(t, "http")
	ctx, w, c := e.ctx(), e.w, e.c

	r, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoEve, GroupID: sim.DemoGroupPlay,
		Message: onebot11.Message{onebot11.Text("temp")}})
	ob11Must(t, err)
	if m, _ := w.MessageByID(int32(r.MessageID)); m.Scene != sim.SceneTemp || m.TempGroup != sim.DemoGroupPlay {
		t.Fatalf("temp message stored as %+v", m)
	}
	te := waitOB11(e, func(ev *onebot11.PrivateMessageSentEvent) bool { return ev.MessageID == r.MessageID })
	if te.SubType != "group" || te.GroupID != sim.DemoGroupPlay || te.TargetID != sim.DemoEve {
		t.Fatalf("temp message_sent %+v", te)
	}

	for _, tc := range []struct {
		action  string
		params  map[string]any
		retcode int
		substr  string
	}{
		{"send_msg", map[string]any{"message_type": "channel", "user_id": 1, "message": "x"}, 1400, "message_type"},
		{"send_msg", map[string]any{"message": "x"}, 1400, "user_id is required"},
		{"send_msg", map[string]any{"message_type": "group", "message": "x"}, 1400, "group_id is required"},
		{"send_group_msg", map[string]any{"group_id": sim.DemoGroupPlay, "message": []any{map[string]any{"type": "at", "data": map[string]any{"qq": "x"}}}}, 1400, "bad qq"},
		{"send_group_msg", map[string]any{"group_id": sim.DemoGroupPlay, "message": []any{map[string]any{"type": "reply", "data": map[string]any{"id": "999"}}}}, 100, "not found"},
		{"send_group_msg", map[string]any{"group_id": "not a number", "message": "x"}, 1400, ""},
		{"get_group_msg_history", map[string]any{"group_id": 0}, 1400, "no conversation"},
		{"get_group_msg_history", map[string]any{"group_id": sim.DemoGroupPlay, "count": -1}, 1400, "negative"},
		{"get_msg", map[string]any{"message_id": -5}, 100, "not found"},
		{"delete_msg", map[string]any{"message_id": 1 << 40}, 100, "not found"},
		{"get_forward_msg", map[string]any{}, 1400, "id is required"},
		{"get_forward_msg", map[string]any{"message_id": "nope"}, 100, "not found"},
		{"send_private_forward_msg", map[string]any{"user_id": sim.DemoAlice, "messages": []any{}}, 1400, "no messages"},
		{"send_group_forward_msg", map[string]any{"group_id": sim.DemoGroupPlay, "messages": []any{map[string]any{"type": "node", "data": map[string]any{}}}}, 1400, "neither id nor content"},
		{"set_group_ban", map[string]any{"group_id": sim.DemoGroupPlay, "user_id": sim.DemoEve, "duration": -1}, 1400, "negative duration"},
		{"set_group_ban", map[string]any{"group_id": sim.DemoGroupPlay, "user_id": sim.DemoEve, "duration": 31 * 24 * 3600}, 1400, "invalid argument"},
		{"set_group_kick", map[string]any{"group_id": sim.DemoGroupDev, "user_id": sim.DemoAlice}, 100, "permission denied"},
		{"set_group_special_title", map[string]any{"group_id": sim.DemoGroupDev, "user_id": sim.DemoCarol, "special_title": "x"}, 100, "permission denied"},
		{"set_msg_emoji_like", map[string]any{"message_id": r.MessageID, "emoji_id": 1}, 1400, "not a group message"},
		{"set_essence_msg", map[string]any{"message_id": r.MessageID}, 1400, "not a group message"},
		{"send_like", map[string]any{"user_id": sim.DemoAlice, "times": -2}, 1400, "bad times"},
		{"set_qq_profile", map[string]any{}, 1400, "nothing to set"},
		{"set_qq_avatar", map[string]any{}, 1400, "file is required"},
		{"set_group_portrait", map[string]any{"group_id": sim.DemoGroupPlay}, 1400, "file is required"},
		{"_send_group_notice", map[string]any{"group_id": sim.DemoGroupPlay}, 1400, "content is required"},
		{"batch_delete_group_member", map[string]any{"group_id": sim.DemoGroupPlay, "user_ids": []int64{}}, 1400, "user_ids is empty"},
		{"create_group_file_folder", map[string]any{"group_id": sim.DemoGroupPlay, "name": "x", "parent_id": "/sub"}, 1400, "only be created in the root"},
		{"get_group_files_by_folder", map[string]any{"group_id": sim.DemoGroupPlay}, 1400, "folder_id is required"},
		{"get_private_file_url", map[string]any{"file_id": "nope"}, 100, "not found"},
		{"get_private_file_url", map[string]any{}, 1400, "file_id is required"},
		{"upload_private_file", map[string]any{"user_id": sim.DemoAlice}, 1400, "file is required"},
		{"get_image", map[string]any{"file": ""}, 1400, "file is required"},
		{"get_stranger_info", map[string]any{"user_id": 42}, 100, "not found"},
		{"set_group_add_request", map[string]any{"flag": "invite:0", "approve": true}, 1400, "bad group request flag"},
		{"set_group_add_request", map[string]any{"flag": "group:5:kick", "approve": true}, 1400, "bad group request flag"},
		{"set_group_add_request", map[string]any{"flag": "invite:77", "approve": true}, 100, "not found"},
		{"set_friend_add_request", map[string]any{"flag": "friend:", "approve": true}, 1400, "bad friend request flag"},
	} {
		_, err := c.CallRaw(ctx, tc.action, tc.params)
		var ae *onebot11.APIError
		if !errors.As(err, &ae) || ae.Retcode != tc.retcode || !strings.Contains(ae.Message, tc.substr) {
			t.Errorf("%s %v: err = %v, want retcode %d with %q", tc.action, tc.params, err, tc.retcode, tc.substr)
		}
	}
	// Nothing above changed the world's groups.
	if m, _ := w.Member(sim.DemoGroupDev, sim.DemoAlice); m.Role != sim.RoleOwner {
		t.Fatalf("Alice %+v", m)
	}
	// batch_delete_group_member kicks everyone listed.
	_, err = c.CallRaw(ctx, "batch_delete_group_member", map[string]any{"group_id": sim.DemoGroupPlay, "user_ids": []int64{sim.DemoBob, sim.DemoEve}})
	ob11Must(t, err)
	if ms, _ := w.Members(sim.DemoGroupPlay); len(ms) != 2 {
		t.Fatalf("members left %+v", ms)
	}
}
