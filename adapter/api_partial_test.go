package adapter_test

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
)

// lossRecorder keeps the loss reports of a bridge's API calls by action.
type lossRecorder struct {
	mu   sync.Mutex
	reps map[string][]*adapter.Report
}

func (r *lossRecorder) add(_ context.Context, api string, rep *adapter.Report) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reps == nil {
		r.reps = map[string][]*adapter.Report{}
	}
	r.reps[api] = append(r.reps[api], rep)
}

// items returns every item reported for api with code, and forgets them.
func (r *lossRecorder) items(api string, code adapter.LossCode) []adapter.Loss {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []adapter.Loss
	for _, rep := range r.reps[api] {
		for _, it := range rep.Items {
			if it.Code == code {
				out = append(out, it)
			}
		}
	}
	delete(r.reps, api)
	return out
}

// TestOneBotOnMilkyPartial calls the OneBot 11 actions the bridge serves
// only in part, over a bridge on the simulator's Milky side, and checks
// what they answer, what the simulator did and what they report lost.
func TestOneBotOnMilkyPartial(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	rec := &lossRecorder{}
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		UpstreamProtocol: adapter.ProtocolMilky, UpstreamURL: inst.MilkyURL(), UpstreamToken: inst.MilkyToken(),
		Listen: "127.0.0.1:0", HeartbeatInterval: -1, AccessToken: "down-token", OnLoss: rec.add,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	bot, evs := oneBotClient(t, ctx, br)
	c := bot.Client
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	// A received image and record: their file is the Milky resource_id, the
	// id get_image, get_record and get_file resolve to the temporary URL.
	var in sim.Message
	pm := untilEvent(t, ctx, evs, func() {
		var err error
		in, err = w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "look"},
			sim.Image{URI: "base64://" + base64.StdEncoding.EncodeToString(png)}, sim.Record{URI: "base64://AAAA"}})
		must(err)
	}, func(ev onebot11.Event) bool {
		m, ok := ev.(*onebot11.PrivateMessageEvent)
		return ok && m.UserID == sim.DemoAlice && m.Message.PlainText() == "look"
	}).(*onebot11.PrivateMessageEvent)
	simImg, simRec := in.Content[1].(sim.Image), in.Content[2].(sim.Record)
	img, ok1 := pm.Message[1].(*onebot11.ImageSegment)
	rcd, ok2 := pm.Message[2].(*onebot11.RecordSegment)
	if !ok1 || !ok2 || img.File != simImg.ResourceID || img.URL != simImg.URL || rcd.File != simRec.ResourceID || rcd.URL != simRec.URL {
		t.Fatalf("received %+v, want the resource ids of %+v", pm.Message, in.Content)
	}
	gi, err := c.GetImage(ctx, &onebot11.GetImageParams{File: img.File})
	must(err)
	if gi.URL != simImg.URL || gi.File != gi.URL {
		t.Errorf("get_image %+v, want %s", gi, simImg.URL)
	}
	if its := rec.items(onebot11.ActionGetImage, adapter.LossAPIResourceURL); len(its) != 1 || its[0].Kind != adapter.LossApproximated {
		t.Errorf("get_image loss %+v", its)
	}
	gr, err := c.GetRecord(ctx, &onebot11.GetRecordParams{File: rcd.File, OutFormat: "mp3"})
	must(err)
	if gr.URL != simRec.URL || gr.File != gr.URL {
		t.Errorf("get_record %+v, want %s", gr, simRec.URL)
	}
	if its := rec.items(onebot11.ActionGetRecord, adapter.LossAPIResourceURL); len(its) != 1 || !strings.Contains(its[0].Detail, `"mp3" not applied`) {
		t.Errorf("get_record loss %+v", its)
	}
	gf, err := c.GetFile(ctx, &onebot11.GetFileParams{File: img.File})
	must(err)
	if gf.URL != simImg.URL {
		t.Errorf("get_file %+v", gf)
	}
	var ae *onebot11.APIError
	if _, err := c.GetFile(ctx, &onebot11.GetFileParams{File: "no-such-resource"}); !errors.As(err, &ae) || !strings.Contains(ae.Message, "get_resource_temp_url") {
		t.Errorf("get_file of an unknown id: %v", err)
	}
	if _, err := c.GetRecord(ctx, &onebot11.GetRecordParams{}); !errors.As(err, &ae) || ae.Retcode != onebot11.RetcodeBadRequest {
		t.Errorf("get_record without file: %v", err)
	}

	// The image sent back by its file alone (no url): the bridge asks for
	// the URL, so nothing is lost.
	sent, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice, Message: onebot11.Message{&onebot11.ImageSegment{File: img.File}}})
	must(err)
	out := simMessage(t, ctx, br, w, sent.MessageID)
	if len(out.Content) != 1 || out.Content[0].Kind() != "image" {
		t.Errorf("sent back %+v", out.Content)
	}
	if its := rec.items(onebot11.ActionSendPrivateMsg, adapter.LossImageFile); len(its) != 0 {
		t.Errorf("send by resource id lost %+v", its)
	}
	// A file Milky cannot send and the implementation does not know stays
	// lost, as before.
	if _, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice, Message: onebot11.Message{
		onebot11.Text("x"), &onebot11.ImageSegment{File: "abc.image"}}}); err != nil {
		t.Fatal(err)
	}
	if its := rec.items(onebot11.ActionSendPrivateMsg, adapter.LossImageFile); len(its) != 1 {
		t.Errorf("unknown image file: loss %+v", its)
	}

	// Forwarding one message sends a copy.
	fw, err := c.ForwardGroupSingleMsg(ctx, &onebot11.ForwardGroupSingleMsgParams{MessageID: pm.MessageID, GroupID: sim.DemoGroupPlay})
	must(err)
	copied := simMessage(t, ctx, br, w, fw.MessageID)
	var kinds []string
	for _, e := range copied.Content {
		kinds = append(kinds, e.Kind())
	}
	if copied.Peer != sim.DemoGroupPlay || copied.SenderID != w.SelfID() || !slices.Equal(kinds, []string{"text", "image", "record"}) || sim.PlainText(copied.Content[:1]) != "look" {
		t.Errorf("forwarded copy %+v", copied)
	}
	if its := rec.items(onebot11.ActionForwardGroupSingleMsg, adapter.LossAPIForwardCopy); len(its) != 1 || its[0].Kind != adapter.LossApproximated {
		t.Errorf("forward loss %+v", its)
	}
	ff, err := c.ForwardFriendSingleMsg(ctx, &onebot11.ForwardFriendSingleMsgParams{MessageID: fw.MessageID, UserID: sim.DemoBob})
	must(err)
	if m := simMessage(t, ctx, br, w, ff.MessageID); m.Scene != sim.SceneFriend || m.Peer != sim.DemoBob || len(m.Content) != 3 {
		t.Errorf("forwarded to Bob %+v", m)
	}
	if _, err := c.ForwardFriendSingleMsg(ctx, &onebot11.ForwardFriendSingleMsgParams{MessageID: 999999, UserID: sim.DemoBob}); !errors.As(err, &ae) || ae.Retcode != onebot11.RetcodeBadRequest {
		t.Errorf("forward of an unknown id: %v", err)
	}

	// Avatars: the QQ avatar service URL of the number, as LLOneBot does.
	alice, group := sim.DemoAlice, int64(sim.DemoGroupPlay)
	for _, tc := range []struct {
		p    *onebot11.GetQQAvatarParams
		want string
	}{
		{&onebot11.GetQQAvatarParams{UserID: &alice}, "https://thirdqq.qlogo.cn/g?b=qq&nk=" + strconv.FormatInt(alice, 10) + "&s=640"},
		{&onebot11.GetQQAvatarParams{GroupID: &group}, "https://p.qlogo.cn/gh/" + strconv.FormatInt(group, 10) + "/" + strconv.FormatInt(group, 10) + "/0"},
		{&onebot11.GetQQAvatarParams{}, "https://thirdqq.qlogo.cn/g?b=qq&nk=" + strconv.FormatInt(w.SelfID(), 10) + "&s=640"},
	} {
		av, err := c.GetQQAvatar(ctx, tc.p)
		must(err)
		if av.URL != tc.want {
			t.Errorf("get_qq_avatar %+v: %s, want %s", tc.p, av.URL, tc.want)
		}
	}

	// Filtered join requests: get_group_ignore_add_request, and the
	// request_id handles it through the filtered list.
	if _, err := w.RequestJoinGroupFiltered(sim.DemoGroupPlay, sim.DemoCarol, "risky hi"); err != nil {
		t.Fatal(err)
	}
	ig, err := c.GetGroupIgnoreAddRequest(ctx, &onebot11.GetGroupIgnoreAddRequestParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(ig) != 1 || ig[0].RequesterUin != sim.DemoCarol || ig[0].Message != "risky hi" || ig[0].Checked {
		t.Fatalf("ignored requests %+v", ig)
	}
	if other, err := c.GetGroupIgnoreAddRequest(ctx, &onebot11.GetGroupIgnoreAddRequestParams{GroupID: sim.DemoGroupDev}); err != nil || len(other) != 0 {
		t.Errorf("other group: %+v, %v", other, err)
	}
	must(c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: strconv.FormatInt(ig[0].RequestID, 10), Approve: true}))
	if _, err := w.Member(sim.DemoGroupPlay, sim.DemoCarol); err != nil {
		t.Errorf("Carol did not join: %v", err)
	}
}

// simMessage returns the simulator's message a OneBot message_id of the
// forward bridge names.
func simMessage(t *testing.T, ctx context.Context, br *adapter.Bridge, w *sim.World, id int64) sim.Message {
	t.Helper()
	ref, err := br.Converter().MilkyMessageRef(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m, err := w.MessageBySeq(sim.Scene(ref.Scene), ref.PeerID, ref.Seq)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
