package adapter_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/internal/milkyschema"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
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
	// Inside a forward node too.
	if _, err := c.SendGroupForwardMsg(ctx, &onebot11.SendGroupForwardMsgParams{GroupID: sim.DemoGroupPlay, Messages: onebot11.Message{
		onebot11.Node(sim.DemoAlice, "Alice", &onebot11.ImageSegment{File: img.File})}}); err != nil {
		t.Fatal(err)
	}
	if its := rec.items(onebot11.ActionSendGroupForwardMsg, adapter.LossImageFile); len(its) != 0 {
		t.Errorf("node image by resource id lost %+v", its)
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

// TestMilkyOnOneBotPartial calls the Milky APIs the reverse bridge serves
// only in part (or through OneBot 11 extensions), over a bridge on the
// simulator's OneBot 11 side.
func TestMilkyOnOneBotPartial(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	rec := &lossRecorder{}
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamProtocol: adapter.ProtocolOneBot11,
		UpstreamURL: inst.OneBot11URL(), UpstreamToken: inst.OneBot11Token(), Listen: "127.0.0.1:0", OnLoss: rec.add})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	caller, err := transport.NewMilkyHTTPCaller(br.URL(), &transport.HTTPOptions{Client: &http.Client{Transport: tr}})
	if err != nil {
		t.Fatal(err)
	}
	c := milky.NewClient(caller)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	const play, dev = sim.DemoGroupPlay, sim.DemoGroupDev
	var ae *milky.APIError

	// rename_group_file through the NapCat / LLOneBot extension.
	up, err := c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: play, FileURI: milky.Base64URI([]byte("body")), FileName: "a.txt"})
	must(err)
	must(c.RenameGroupFile(ctx, &milky.RenameGroupFileParams{GroupID: play, FileID: up.FileID, NewFileName: "b.txt"}))
	if f, err := w.GroupFile(play, up.FileID); err != nil || f.Name != "b.txt" {
		t.Errorf("renamed file %+v, %v", f, err)
	}
	elsewhere := "/no-such-folder"
	if err := c.RenameGroupFile(ctx, &milky.RenameGroupFileParams{GroupID: play, FileID: up.FileID, ParentFolderID: &elsewhere, NewFileName: "c.txt"}); err == nil {
		t.Error("rename in the wrong folder succeeded")
	}

	// get_friend_requests: the filtered list only.
	if _, err := c.GetFriendRequests(ctx, &milky.GetFriendRequestsParams{}); !errors.As(err, &ae) ||
		ae.Retcode != adapter.MilkyRetcodeUnsupported || !strings.Contains(ae.Message, "get_doubt_friends_add_request") {
		t.Errorf("unfiltered friend requests: %v", err)
	}
	dave, err := w.RequestFriendFiltered(sim.DemoDave, "risky hi")
	must(err)
	frs, err := c.GetFriendRequests(ctx, &milky.GetFriendRequestsParams{IsFiltered: true})
	must(err)
	if len(frs.Requests) != 1 {
		t.Fatalf("friend requests %+v", frs.Requests)
	}
	fr := frs.Requests[0]
	if fr.InitiatorID != sim.DemoDave || fr.InitiatorUID != sim.OneBot11FriendFlag(dave.InitiatorUID) || fr.TargetUserID != w.SelfID() ||
		!fr.IsFiltered || fr.State != milky.StatePending || fr.Comment != "risky hi" || fr.Time != dave.Time.Unix() {
		t.Errorf("friend request %+v", fr)
	}
	checkOutput(t, milky.APIGetFriendRequests, frs)
	if its := rec.items(milky.APIGetFriendRequests, adapter.LossAPIFriendRequests); len(its) != 1 || its[0].Kind != adapter.LossApproximated {
		t.Errorf("friend requests loss %+v", its)
	}
	must(c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: fr.InitiatorUID, IsFiltered: true}))
	if _, err := w.Friend(sim.DemoDave); err != nil {
		t.Errorf("Dave is not a friend: %v", err)
	}

	// get_group_notifications: pending join and invited join requests; a
	// handled request and an invitation of the bot are left out.
	jr, err := w.RequestJoinGroup(play, sim.DemoDave, "let me in")
	must(err)
	ij, err := w.InviteToGroup(play, sim.DemoAlice, sim.DemoCarol)
	must(err)
	handled, err := w.RequestJoinGroup(dev, sim.DemoEve, "")
	must(err)
	must(w.AcceptGroupRequest(handled.Seq))
	if _, err := w.AddGroup(sim.Group{ID: 30003, Name: "elsewhere", OwnerID: sim.DemoAlice}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.InviteBot(30003, sim.DemoAlice); err != nil {
		t.Fatal(err)
	}
	ns, err := c.GetGroupNotifications(ctx, &milky.GetGroupNotificationsParams{})
	must(err)
	checkOutput(t, milky.APIGetGroupNotifications, ns)
	var join *milky.GroupJoinRequestNotification
	var invited *milky.GroupInvitedJoinRequestNotification
	for _, n := range ns.Notifications {
		switch n := n.(type) {
		case *milky.GroupJoinRequestNotification:
			join = n
		case *milky.GroupInvitedJoinRequestNotification:
			invited = n
		}
	}
	if len(ns.Notifications) != 2 || join == nil || invited == nil || ns.NextNotificationSeq != nil {
		t.Fatalf("notifications %+v", ns)
	}
	if join.GroupID != play || join.InitiatorID != sim.DemoDave || join.Comment != "let me in" || join.State != milky.StatePending || join.IsFiltered {
		t.Errorf("join request %+v", join)
	}
	if invited.GroupID != play || invited.InitiatorID != sim.DemoAlice || invited.TargetUserID != sim.DemoCarol || invited.State != milky.StatePending {
		t.Errorf("invited join request %+v", invited)
	}
	if its := rec.items(milky.APIGetGroupNotifications, adapter.LossAPINotifications); len(its) != 1 ||
		its[0].Detail != "1 handled requests, 1 invitations of the bot left out" {
		t.Errorf("notifications loss %+v", its)
	}
	// Pages follow next_notification_seq.
	one := int64(1)
	p1, err := c.GetGroupNotifications(ctx, &milky.GetGroupNotificationsParams{Limit: &one})
	must(err)
	if len(p1.Notifications) != 1 || p1.NextNotificationSeq == nil {
		t.Fatalf("page 1 %+v", p1)
	}
	p2, err := c.GetGroupNotifications(ctx, &milky.GetGroupNotificationsParams{Limit: &one, StartNotificationSeq: p1.NextNotificationSeq})
	must(err)
	if len(p2.Notifications) != 1 || p2.NextNotificationSeq != nil || p2.Notifications[0].(interface{ NotificationType() string }).NotificationType() ==
		p1.Notifications[0].(interface{ NotificationType() string }).NotificationType() {
		t.Errorf("page 2 %+v after %+v", p2, p1)
	}
	// The listed seqs handle the requests.
	must(c.AcceptGroupRequest(ctx, &milky.AcceptGroupRequestParams{NotificationSeq: join.NotificationSeq, NotificationType: milky.NotificationJoinRequest, GroupID: play}))
	if n, _ := w.GroupNotification(jr.Seq); n.State != sim.StateAccepted {
		t.Errorf("join request after accept %+v", n)
	}
	must(c.RejectGroupRequest(ctx, &milky.RejectGroupRequestParams{NotificationSeq: invited.NotificationSeq, NotificationType: milky.NotificationInvitedJoinRequest, GroupID: play}))
	if n, _ := w.GroupNotification(ij.Seq); n.State != sim.StateRejected {
		t.Errorf("invited join request after reject %+v", n)
	}
	ns, err = c.GetGroupNotifications(ctx, &milky.GetGroupNotificationsParams{})
	must(err)
	if len(ns.Notifications) != 0 {
		t.Errorf("handled requests still listed: %+v", ns.Notifications)
	}

	// The filtered list comes from get_group_ignore_add_request.
	fj, err := w.RequestJoinGroupFiltered(play, sim.DemoCarol, "risky")
	must(err)
	ns, err = c.GetGroupNotifications(ctx, &milky.GetGroupNotificationsParams{IsFiltered: true})
	must(err)
	checkOutput(t, milky.APIGetGroupNotifications, ns)
	if len(ns.Notifications) != 1 {
		t.Fatalf("filtered notifications %+v", ns)
	}
	fn, ok := ns.Notifications[0].(*milky.GroupJoinRequestNotification)
	if !ok || !fn.IsFiltered || fn.InitiatorID != sim.DemoCarol || fn.Comment != "risky" {
		t.Fatalf("filtered notification %+v", ns.Notifications[0])
	}
	must(c.AcceptGroupRequest(ctx, &milky.AcceptGroupRequestParams{NotificationSeq: fn.NotificationSeq, NotificationType: milky.NotificationJoinRequest, GroupID: play, IsFiltered: true}))
	if n, _ := w.GroupNotification(fj.Seq); n.State != sim.StateAccepted {
		t.Errorf("filtered request after accept %+v", n)
	}
}

// checkOutput checks a result against the Milky schema of the API's output.
func checkOutput(t *testing.T, api string, v any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	milkyschema.Check(t, "api_output:"+api, raw)
}
