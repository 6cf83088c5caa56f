package adapter_test

import (
	"net/http"
	"testing"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
)

// TestMilkyOnOneBotAPIs calls the mapped Milky APIs through a bridge on the
// simulator's OneBot 11 side (HTTP API + SSE upstream) and checks answers
// and the simulator's state.
func TestMilkyOnOneBotAPIs(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamProtocol: adapter.ProtocolOneBot11,
		UpstreamURL: inst.OneBot11URL(), UpstreamToken: inst.OneBot11Token(), Listen: "127.0.0.1:0"})
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

	li, err := c.GetLoginInfo(ctx)
	must(err)
	if li.Uin != w.SelfID() {
		t.Errorf("login info %+v", li)
	}
	ii, err := c.GetImplInfo(ctx)
	must(err)
	if ii.MilkyVersion != "1.2" || ii.ImplName == "" {
		t.Errorf("impl info %+v", ii)
	}
	up, err := c.GetUserProfile(ctx, &milky.GetUserProfileParams{UserID: sim.DemoCarol})
	must(err)
	if up.Nickname != "Carol" || up.Sex != "female" {
		t.Errorf("profile %+v", up)
	}
	fl, err := c.GetFriendList(ctx, &milky.GetFriendListParams{})
	must(err)
	if len(fl.Friends) != len(w.Friends()) {
		t.Errorf("friends %+v", fl.Friends)
	}
	fi, err := c.GetFriendInfo(ctx, &milky.GetFriendInfoParams{UserID: sim.DemoBob})
	must(err)
	if fi.Friend.Remark != "bob (work)" {
		t.Errorf("friend %+v", fi.Friend)
	}
	gi, err := c.GetGroupInfo(ctx, &milky.GetGroupInfoParams{GroupID: sim.DemoGroupDev})
	must(err)
	if gi.Group.GroupName != "duobot dev" {
		t.Errorf("group %+v", gi.Group)
	}
	ml, err := c.GetGroupMemberList(ctx, &milky.GetGroupMemberListParams{GroupID: sim.DemoGroupDev})
	must(err)
	if len(ml.Members) != 5 {
		t.Errorf("members %d", len(ml.Members))
	}

	// Group admin.
	must(c.SetGroupMemberCard(ctx, &milky.SetGroupMemberCardParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Card: "eve!"}))
	must(c.SetGroupMemberSpecialTitle(ctx, &milky.SetGroupMemberSpecialTitleParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, SpecialTitle: "tester"}))
	if m, _ := w.Member(sim.DemoGroupPlay, sim.DemoEve); m.Card != "eve!" || m.Title != "tester" {
		t.Errorf("Eve %+v", m)
	}
	must(c.SetGroupName(ctx, &milky.SetGroupNameParams{GroupID: sim.DemoGroupPlay, NewGroupName: "renamed"}))
	if g, _ := w.Group(sim.DemoGroupPlay); g.Name != "renamed" {
		t.Errorf("group name %q", g.Name)
	}
	yes := true
	must(c.SetGroupWholeMute(ctx, &milky.SetGroupWholeMuteParams{GroupID: sim.DemoGroupPlay, IsMute: &yes}))
	if g, _ := w.Group(sim.DemoGroupPlay); !g.WholeMute {
		t.Error("whole mute not set")
	}

	// Messages.
	sent, err := c.SendPrivateMessage(ctx, &milky.SendPrivateMessageParams{UserID: sim.DemoAlice, Message: milky.OutgoingSegments{milky.Text("hi alice")}})
	must(err)
	gm, err := c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: milky.SceneFriend, PeerID: sim.DemoAlice, MessageSeq: sent.MessageSeq})
	must(err)
	if gm.Message.MessageSeq != sent.MessageSeq || gm.Message.MessageScene != milky.SceneFriend || gm.Message.PeerID != sim.DemoAlice {
		t.Errorf("get_message %+v", gm.Message)
	}
	hist, err := c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: milky.SceneFriend, PeerID: sim.DemoAlice})
	must(err)
	if n := len(hist.Messages); n == 0 || hist.Messages[n-1].MessageSeq != sent.MessageSeq {
		t.Errorf("history %+v", hist.Messages)
	}
	must(c.RecallPrivateMessage(ctx, &milky.RecallPrivateMessageParams{UserID: sim.DemoAlice, MessageSeq: sent.MessageSeq}))
	id, _ := adapter.OneBotIDOf(sent.MessageSeq)
	if m, _ := w.MessageByID(int32(id)); !m.Recalled {
		t.Error("private message not recalled")
	}
	gs, err := c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: sim.DemoGroupPlay, Message: milky.OutgoingSegments{milky.Text("essence me")}})
	must(err)
	must(c.SetGroupEssenceMessage(ctx, &milky.SetGroupEssenceMessageParams{GroupID: sim.DemoGroupPlay, MessageSeq: gs.MessageSeq}))
	es, err := c.GetGroupEssenceMessages(ctx, &milky.GetGroupEssenceMessagesParams{GroupID: sim.DemoGroupPlay, PageIndex: 0, PageSize: 10})
	must(err)
	if len(es.Messages) != 1 || es.Messages[0].MessageSeq != gs.MessageSeq || !es.IsEnd {
		t.Errorf("essence %+v", es)
	}
	must(c.SendGroupMessageReaction(ctx, &milky.SendGroupMessageReactionParams{GroupID: sim.DemoGroupPlay, MessageSeq: gs.MessageSeq, Reaction: "76"}))
	gid, _ := adapter.OneBotIDOf(gs.MessageSeq)
	if m, _ := w.MessageByID(int32(gid)); len(m.Reactions) != 1 {
		t.Errorf("reactions %+v", m.Reactions)
	}
	fw, err := c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: sim.DemoGroupPlay, Message: milky.OutgoingSegments{
		milky.Forward(milky.ForwardedMessage(sim.DemoAlice, "Alice", milky.Text("one")), milky.ForwardedMessage(sim.DemoBob, "Bob", milky.Text("two")))}})
	must(err)
	fwMsg, err := c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: milky.SceneGroup, PeerID: sim.DemoGroupPlay, MessageSeq: fw.MessageSeq})
	must(err)
	var fid string
	for _, s := range fwMsg.Message.Segments {
		if f, ok := s.(*milky.IncomingForwardSegment); ok {
			fid = f.ForwardID
		}
	}
	if fid == "" {
		t.Fatalf("no forward segment in %+v", fwMsg.Message.Segments)
	}
	fm, err := c.GetForwardedMessages(ctx, &milky.GetForwardedMessagesParams{ForwardID: fid})
	must(err)
	if len(fm.Messages) != 2 || fm.Messages[0].SenderName != "Alice" {
		t.Errorf("forwarded %+v", fm.Messages)
	}

	// Nudges, likes, announcements.
	must(c.SendGroupNudge(ctx, &milky.SendGroupNudgeParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve}))
	must(c.SendFriendNudge(ctx, &milky.SendFriendNudgeParams{UserID: sim.DemoAlice}))
	two := int64(2)
	must(c.SendProfileLike(ctx, &milky.SendProfileLikeParams{UserID: sim.DemoBob, Count: &two}))
	if u, _ := w.User(sim.DemoBob); u.LikeCount != 2 {
		t.Errorf("Bob likes %d", u.LikeCount)
	}
	must(c.SendGroupAnnouncement(ctx, &milky.SendGroupAnnouncementParams{GroupID: sim.DemoGroupPlay, Content: "read me"}))
	an, err := c.GetGroupAnnouncements(ctx, &milky.GetGroupAnnouncementsParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(an.Announcements) != 1 || an.Announcements[0].Content != "read me" {
		t.Fatalf("announcements %+v", an)
	}
	must(c.DeleteGroupAnnouncement(ctx, &milky.DeleteGroupAnnouncementParams{GroupID: sim.DemoGroupPlay, AnnouncementID: an.Announcements[0].AnnouncementID}))

	// Files.
	uf, err := c.UploadGroupFile(ctx, &milky.UploadGroupFileParams{GroupID: sim.DemoGroupPlay, FileURI: milky.Base64URI([]byte("body")), FileName: "a.txt"})
	must(err)
	fo, err := c.CreateGroupFolder(ctx, &milky.CreateGroupFolderParams{GroupID: sim.DemoGroupPlay, FolderName: "docs"})
	must(err)
	files, err := c.GetGroupFiles(ctx, &milky.GetGroupFilesParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(files.Files) != 1 || len(files.Folders) != 1 || files.Files[0].FileName != "a.txt" {
		t.Errorf("files %+v", files)
	}
	must(c.MoveGroupFile(ctx, &milky.MoveGroupFileParams{GroupID: sim.DemoGroupPlay, FileID: uf.FileID, TargetFolderID: &fo.FolderID}))
	if f, _ := w.GroupFile(sim.DemoGroupPlay, uf.FileID); f.FolderID != fo.FolderID {
		t.Errorf("file %+v not moved", f)
	}
	dl, err := c.GetGroupFileDownloadURL(ctx, &milky.GetGroupFileDownloadURLParams{GroupID: sim.DemoGroupPlay, FileID: uf.FileID})
	must(err)
	if dl.DownloadURL == "" {
		t.Error("empty download url")
	}
	must(c.DeleteGroupFile(ctx, &milky.DeleteGroupFileParams{GroupID: sim.DemoGroupPlay, FileID: uf.FileID}))
	must(c.DeleteGroupFolder(ctx, &milky.DeleteGroupFolderParams{GroupID: sim.DemoGroupPlay, FolderID: fo.FolderID}))

	// Kick.
	must(c.KickGroupMember(ctx, &milky.KickGroupMemberParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve}))
	if _, err := w.Member(sim.DemoGroupPlay, sim.DemoEve); err == nil {
		t.Error("Eve not kicked")
	}
}
