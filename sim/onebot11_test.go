package sim_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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
}

const ob11Wait = 5 * time.Second

func newOB11Env(t *testing.T, transportName string) *ob11Env {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })

	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	w := sim.New(sim.WithSeed(7), sim.WithBaseURL(base))
	if err := w.SeedDemo(); err != nil {
		t.Fatal(err)
	}
	ob := sim.NewOneBot11(w, &sim.OneBot11Options{HeartbeatInterval: time.Hour})
	mux := onebot11.NewServeMux()
	ob.Register(mux)
	srv, err := onebot11.NewServer(mux, &onebot11.ServerOptions{SelfID: w.SelfID()})
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
	runDone := make(chan error, 1)
	go func() { runDone <- ob.Run(ctx, srv) }()

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
		if err := <-runDone; !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
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

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantRetcode(t *testing.T, err error, retcode int, substr string) {
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
	must(e.t, err)
	resp, err := e.hc.Do(req)
	must(e.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(e.t, err)
	if resp.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %s %s", url, resp.Status, body)
	}
	return body
}

var ob11Transports = []string{"http", "ws"}

func TestOneBot11Messages(t *testing.T) {
	for _, tr := range ob11Transports {
		t.Run(tr, func(t *testing.T) {
			e := newOB11Env(t, tr)
			ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()

			// send_group_msg: array message with text, at and face.
			res, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Text("hi & "), onebot11.At(sim.DemoAlice), onebot11.Face(14)}})
			must(t, err)
			m, err := w.MessageByID(int32(res.MessageID))
			must(t, err)
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
			must(t, c.Call(ctx, "send_group_msg", map[string]any{"group_id": sim.DemoGroupPlay,
				"message": "[CQ:face,id=1]x&amp;"}, &r2))
			m2, err := w.MessageByID(int32(r2.MessageID))
			must(t, err)
			if len(m2.Content) != 2 || m2.Content[0] != (sim.Face{ID: "1"}) || m2.Content[1] != (sim.Text{Text: "x&"}) {
				t.Fatalf("CQ string content %#v", m2.Content)
			}
			must(t, c.Call(ctx, "send_group_msg", map[string]any{"group_id": sim.DemoGroupPlay,
				"message": "[CQ:face,id=1]x&amp;", "auto_escape": true}, &r2))
			m2, err = w.MessageByID(int32(r2.MessageID))
			must(t, err)
			if len(m2.Content) != 1 || m2.Content[0] != (sim.Text{Text: "[CQ:face,id=1]x&amp;"}) {
				t.Fatalf("auto_escape content %#v", m2.Content)
			}

			// A user's group message arrives with the sender's role and card.
			um, err := w.UserSendGroup(sim.DemoGroupDev, sim.DemoCarol, []sim.Element{sim.Text{Text: "hello bot"},
				sim.Mention{UserID: self}})
			must(t, err)
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
			must(t, err)
			ps := waitOB11(e, func(ev *onebot11.PrivateMessageSentEvent) bool { return ev.MessageID == pr.MessageID })
			if ps.TargetID != sim.DemoAlice || ps.UserID != self || ps.SubType != "friend" {
				t.Fatalf("private message_sent %+v", ps)
			}
			sm, err := c.SendMsg(ctx, &onebot11.SendMsgParams{MessageType: "private", UserID: sim.DemoBob,
				Message: onebot11.Message{onebot11.Text("yo")}})
			must(t, err)
			if mm, err := w.MessageByID(int32(sm.MessageID)); err != nil || mm.Peer != sim.DemoBob || mm.Scene != sim.SceneFriend {
				t.Fatalf("send_msg stored %+v, %v", mm, err)
			}
			fm, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "reply"}})
			must(t, err)
			pe := waitOB11(e, func(ev *onebot11.PrivateMessageEvent) bool { return ev.MessageID == int64(fm.ID) })
			if pe.UserID != sim.DemoAlice || pe.SubType != "friend" || pe.RawMessage != "reply" || pe.Sender.Nickname != "Alice" {
				t.Fatalf("private message event %+v", pe)
			}
			// A temp message through a group.
			tm, err := w.UserSendTemp(sim.DemoGroupPlay, sim.DemoEve, []sim.Element{sim.Text{Text: "temp"}})
			must(t, err)
			te := waitOB11(e, func(ev *onebot11.PrivateMessageEvent) bool { return ev.MessageID == int64(tm.ID) })
			if te.SubType != "group" || te.GroupID != sim.DemoGroupPlay || te.UserID != sim.DemoEve {
				t.Fatalf("temp message event %+v", te)
			}

			// get_msg in the document's shape.
			gr, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: res.MessageID})
			must(t, err)
			if gr.MessageID != res.MessageID || gr.MessageType != "group" || gr.GroupID != sim.DemoGroupPlay ||
				gr.PostType != "message_sent" || gr.Sender.UserID != self || gr.RawMessage != sent.RawMessage ||
				gr.MessageSeq != m.Seq || len(gr.Message) != 3 {
				t.Fatalf("get_msg %+v", gr)
			}
			_, err = c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: 999999})
			wantRetcode(t, err, onebot11.RetcodeFailed, "not found")

			// history, oldest first by default.
			h, err := c.GetGroupMsgHistory(ctx, &onebot11.GetGroupMsgHistoryParams{GroupID: sim.DemoGroupPlay, Count: 2})
			must(t, err)
			if len(h.Messages) != 2 || h.Messages[0].MessageSeq >= h.Messages[1].MessageSeq {
				t.Fatalf("group history %+v", h.Messages)
			}
			fh, err := c.GetFriendMsgHistory(ctx, &onebot11.GetFriendMsgHistoryParams{UserID: sim.DemoAlice, ReverseOrder: true})
			must(t, err)
			if len(fh.Messages) != 2 || fh.Messages[0].MessageID != int64(fm.ID) {
				t.Fatalf("friend history %+v", fh.Messages)
			}

			// mark_msg_as_read.
			must(t, c.MarkMsgAsRead(ctx, &onebot11.MarkMsgAsReadParams{MessageID: int64(fm.ID)}))
			if got := w.ReadSeq(sim.SceneFriend, sim.DemoAlice); got != fm.Seq {
				t.Fatalf("ReadSeq = %d, want %d", got, fm.Seq)
			}

			// Reactions.
			must(t, c.SetMsgEmojiLike(ctx, &onebot11.SetMsgEmojiLikeParams{MessageID: int64(um.ID), EmojiID: 76}))
			el := waitOB11(e, func(ev *onebot11.GroupMsgEmojiLikeNoticeEvent) bool { return ev.MessageID == int64(um.ID) })
			if el.UserID != self || !el.IsAdd || len(el.Likes) != 1 || el.Likes[0].EmojiID != "76" || el.Likes[0].Count != 1 {
				t.Fatalf("emoji like event %+v", el)
			}
			if rm, _ := w.MessageByID(um.ID); len(rm.Reactions) != 1 || rm.Reactions[0].FaceID != "76" {
				t.Fatalf("reactions %+v", rm.Reactions)
			}
			must(t, c.UnsetMsgEmojiLike(ctx, &onebot11.UnsetMsgEmojiLikeParams{MessageID: int64(um.ID), EmojiID: 76}))
			waitOB11(e, func(ev *onebot11.GroupMsgEmojiLikeNoticeEvent) bool { return !ev.IsAdd })

			// Essence.
			must(t, c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: int64(um.ID)}))
			es := waitOB11(e, func(ev *onebot11.EssenceNoticeEvent) bool { return ev.SubType == onebot11.EssenceAdd })
			if es.MessageID != int64(um.ID) || es.SenderID != sim.DemoCarol || es.OperatorID != self {
				t.Fatalf("essence event %+v", es)
			}
			el2, err := c.GetEssenceMsgList(ctx, &onebot11.GetEssenceMsgListParams{GroupID: sim.DemoGroupDev})
			must(t, err)
			if len(el2) != 1 || el2[0].MessageID != int64(um.ID) || el2[0].SenderID != sim.DemoCarol || len(el2[0].Content) != 2 {
				t.Fatalf("essence list %+v", el2)
			}
			_, err = c.DeleteEssenceMsg(ctx, &onebot11.DeleteEssenceMsgParams{MessageID: int64(um.ID)})
			must(t, err)
			waitOB11(e, func(ev *onebot11.EssenceNoticeEvent) bool { return ev.SubType == onebot11.EssenceDelete })

			// Forwards.
			ff, err := c.SendGroupForwardMsg(ctx, &onebot11.SendGroupForwardMsgParams{GroupID: sim.DemoGroupPlay,
				Messages: onebot11.Message{onebot11.Node(sim.DemoAlice, "Alice", onebot11.Text("one")),
					onebot11.NodeRef(int64(um.ID))}})
			must(t, err)
			if ff.ForwardID == "" {
				t.Fatal("no forward_id")
			}
			fwd := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == ff.MessageID })
			if fs, ok := fwd.Message[0].(*onebot11.ForwardSegment); !ok || fs.ID != ff.ForwardID {
				t.Fatalf("forward message %#v", fwd.Message)
			}
			gf, err := c.GetForwardMsg(ctx, &onebot11.GetForwardMsgParams{ID: ff.ForwardID})
			must(t, err)
			if len(gf.Messages) != 2 || gf.Messages[0].Sender.UserID != sim.DemoAlice ||
				gf.Messages[1].Sender.UserID != sim.DemoCarol || !strings.HasPrefix(gf.Messages[1].Content.CQString(), "hello bot[CQ:at,qq=10086001") {
				t.Fatalf("get_forward_msg %+v %q", gf.Messages, gf.Messages[1].Content.CQString())
			}
			pf, err := c.SendPrivateForwardMsg(ctx, &onebot11.SendPrivateForwardMsgParams{UserID: sim.DemoBob,
				Messages: onebot11.Message{onebot11.Node(self, "me", onebot11.Text("x"))}})
			must(t, err)
			if pm, _ := w.MessageByID(int32(pf.MessageID)); pm.Peer != sim.DemoBob {
				t.Fatalf("private forward stored in %+v", pm)
			}
			_, err = c.SendForwardMsg(ctx, &onebot11.SendForwardMsgParams{MessageType: "group", GroupID: sim.DemoGroupPlay,
				Messages: onebot11.Message{onebot11.Text("not a node")}})
			wantRetcode(t, err, onebot11.RetcodeBadRequest, "node")
			fg, err := c.ForwardGroupSingleMsg(ctx, &onebot11.ForwardGroupSingleMsgParams{MessageID: int64(fm.ID), GroupID: sim.DemoGroupPlay})
			must(t, err)
			if fgm, _ := w.MessageByID(int32(fg.MessageID)); sim.PlainText(fgm.Content) != "reply" {
				t.Fatalf("forwarded single message %+v", fgm)
			}
			_, err = c.ForwardFriendSingleMsg(ctx, &onebot11.ForwardFriendSingleMsgParams{MessageID: int64(um.ID), UserID: sim.DemoBob})
			must(t, err)

			// Media: an image sent as base64 is served at its URL.
			png := []byte("\x89PNG\r\n\x1a\nfake image")
			ir, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.ImageBytes(png)}})
			must(t, err)
			ie := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == ir.MessageID })
			img, ok := ie.Message[0].(*onebot11.ImageSegment)
			if !ok || img.URL == "" || img.File == "" {
				t.Fatalf("image segment %#v", ie.Message[0])
			}
			if got := e.get(img.URL); string(got) != string(png) {
				t.Fatalf("image data %q", got)
			}
			gi, err := c.GetImage(ctx, &onebot11.GetImageParams{File: img.File})
			must(t, err)
			if gi.URL != img.URL {
				t.Fatalf("get_image %+v", gi)
			}
			// Sending the image again by its file reuses the resource.
			ir2, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupDev,
				Message: onebot11.Message{onebot11.Image(img.File)}})
			must(t, err)
			if m3, _ := w.MessageByID(int32(ir2.MessageID)); m3.Content[0].(sim.Image).ResourceID != img.File {
				t.Fatalf("resent image %#v", m3.Content[0])
			}
			_, err = c.GetRecord(ctx, &onebot11.GetRecordParams{File: img.File})
			wantRetcode(t, err, onebot11.RetcodeBadRequest, "not a record")

			// Unknown segments survive the world: a dice comes back as sent.
			dr, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
				Message: onebot11.Message{onebot11.Dice(), onebot11.Music("qq", "123")}})
			must(t, err)
			de := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.MessageID == dr.MessageID })
			if got, _ := json.Marshal(de.Message); string(got) != `[{"type":"dice","data":{}},{"type":"music","data":{"type":"qq","id":"123"}}]` {
				t.Fatalf("unknown segments came back as %s", got)
			}

			// Recalls: the bot's own, then a user's.
			must(t, c.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: res.MessageID}))
			rc := waitOB11(e, func(ev *onebot11.GroupRecallNoticeEvent) bool { return ev.MessageID == res.MessageID })
			if rc.OperatorID != self || rc.UserID != self || rc.GroupID != sim.DemoGroupPlay {
				t.Fatalf("recall event %+v", rc)
			}
			if rm, _ := w.MessageByID(int32(res.MessageID)); !rm.Recalled {
				t.Fatal("message not recalled in the world")
			}
			must(t, w.UserRecall(sim.DemoAlice, sim.SceneFriend, sim.DemoAlice, fm.Seq))
			fr := waitOB11(e, func(ev *onebot11.FriendRecallNoticeEvent) bool { return ev.MessageID == int64(fm.ID) })
			if fr.UserID != sim.DemoAlice {
				t.Fatalf("friend recall %+v", fr)
			}

			// Errors.
			_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: 99999, Message: onebot11.Message{onebot11.Text("x")}})
			wantRetcode(t, err, onebot11.RetcodeFailed, "not found")
			_, err = c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay})
			wantRetcode(t, err, onebot11.RetcodeBadRequest, "empty message")
			_, err = c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoDave, Message: onebot11.Message{onebot11.Text("x")}})
			if onebot11.Retcode(err) == onebot11.RetcodeOK || err == nil {
				t.Fatalf("private message to a stranger: %v", err)
			}
		})
	}
}
