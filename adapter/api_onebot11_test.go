package adapter_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
)

// TestOneBotOnMilkyActions calls the mapped OneBot 11 actions through a
// bridge on the simulator's Milky side and checks answers and the
// simulator's state.
func TestOneBotOnMilkyActions(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	br := startForward(t, ctx, inst, "")
	defer br.Close()
	bot, evs := oneBotClient(t, ctx, br)
	c := bot.Client
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	// System.
	li, err := c.GetLoginInfo(ctx, &onebot11.GetLoginInfoParams{})
	must(err)
	if li.UserID != w.SelfID() {
		t.Errorf("login info %+v", li)
	}
	st, err := c.GetStatus(ctx, &onebot11.GetStatusParams{})
	must(err)
	if !st.Online || !st.Good {
		t.Errorf("status %+v", st)
	}
	vi, err := c.GetVersionInfo(ctx, &onebot11.GetVersionInfoParams{})
	must(err)
	if vi.ProtocolVersion != "v11" || !strings.Contains(vi.AppName, sim.MilkyImplName) {
		t.Errorf("version info %+v", vi)
	}

	// The simulator has no cookies: the upstream's failure reaches the
	// client with the Milky API named.
	if _, err := c.GetCredentials(ctx, &onebot11.GetCredentialsParams{Domain: "qun.qq.com"}); err == nil || !strings.Contains(err.Error(), "get_cookies") {
		t.Errorf("get_credentials on the simulator: %v", err)
	}

	// Friends and groups.
	fl, err := c.GetFriendList(ctx, &onebot11.GetFriendListParams{})
	must(err)
	if len(fl) != len(w.Friends()) {
		t.Errorf("%d friends, want %d", len(fl), len(w.Friends()))
	}
	cats, err := c.GetFriendsWithCategory(ctx, &onebot11.GetFriendsWithCategoryParams{})
	must(err)
	if len(cats) != 2 {
		t.Errorf("categories %+v", cats)
	}
	gl, err := c.GetGroupList(ctx, &onebot11.GetGroupListParams{})
	must(err)
	if len(gl) != 2 {
		t.Errorf("groups %+v", gl)
	}
	gi, err := c.GetGroupInfo(ctx, &onebot11.GetGroupInfoParams{GroupID: sim.DemoGroupDev})
	must(err)
	if gi.GroupName != "duobot dev" || gi.MemberCount != 5 {
		t.Errorf("group info %+v", gi)
	}
	ml, err := c.GetGroupMemberList(ctx, &onebot11.GetGroupMemberListParams{GroupID: sim.DemoGroupDev})
	must(err)
	if len(ml) != 5 {
		t.Errorf("%d members", len(ml))
	}
	mi, err := c.GetGroupMemberInfo(ctx, &onebot11.GetGroupMemberInfoParams{GroupID: sim.DemoGroupDev, UserID: sim.DemoBob})
	must(err)
	if mi.Role != "admin" || mi.Title != "reviewer" {
		t.Errorf("member info %+v", mi)
	}
	si, err := c.GetStrangerInfo(ctx, &onebot11.GetStrangerInfoParams{UserID: sim.DemoCarol})
	must(err)
	if si.Nickname != "Carol" || si.Qid != "carol" {
		t.Errorf("stranger info %+v", si)
	}

	// Group admin in the bot's own group.
	must(c.SetGroupCard(ctx, &onebot11.SetGroupCardParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Card: "eve!"}))
	must(c.SetGroupSpecialTitle(ctx, &onebot11.SetGroupSpecialTitleParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, SpecialTitle: "tester"}))
	must(c.SetGroupAdmin(ctx, &onebot11.SetGroupAdminParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoBob, Enable: true}))
	m, err := w.Member(sim.DemoGroupPlay, sim.DemoEve)
	must(err)
	if m.Card != "eve!" || m.Title != "tester" {
		t.Errorf("Eve %+v", m)
	}
	if m, _ := w.Member(sim.DemoGroupPlay, sim.DemoBob); m.Role != sim.RoleAdmin {
		t.Errorf("Bob role %v", m.Role)
	}
	must(c.SetGroupName(ctx, &onebot11.SetGroupNameParams{GroupID: sim.DemoGroupPlay, GroupName: "renamed"}))
	if g, _ := w.Group(sim.DemoGroupPlay); g.Name != "renamed" {
		t.Errorf("group name %q", g.Name)
	}
	must(c.SetGroupWholeBan(ctx, &onebot11.SetGroupWholeBanParams{GroupID: sim.DemoGroupPlay, Enable: true}))
	if g, _ := w.Group(sim.DemoGroupPlay); !g.WholeMute {
		t.Error("whole mute not set")
	}
	must(c.SetGroupWholeBan(ctx, &onebot11.SetGroupWholeBanParams{GroupID: sim.DemoGroupPlay, Enable: false}))
	must(c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Duration: 60}))
	must(c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Duration: 0}))
	if m, _ := w.Member(sim.DemoGroupPlay, sim.DemoEve); !m.MuteUntil.IsZero() && m.MuteUntil.After(w.Now()) {
		t.Errorf("Eve still muted until %v", m.MuteUntil)
	}
	shut, err := c.GetGroupShutList(ctx, &onebot11.GetGroupShutListParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(shut) != 0 {
		t.Errorf("shut list %+v", shut)
	}

	// Messages: send, get, history, essence, reaction, read mark.
	sent, err := c.SendMsg(ctx, &onebot11.SendMsgParams{MessageType: "group", GroupID: sim.DemoGroupPlay, Message: onebot11.Message{onebot11.Text("hello"), onebot11.Face(14)}})
	must(err)
	gm, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: sent.MessageID})
	must(err)
	if gm.MessageID != sent.MessageID || gm.GroupID != sim.DemoGroupPlay || gm.Message.PlainText() != "hello" {
		t.Errorf("get_msg %+v", gm)
	}
	hist, err := c.GetGroupMsgHistory(ctx, &onebot11.GetGroupMsgHistoryParams{GroupID: sim.DemoGroupPlay, Count: 10})
	must(err)
	if n := len(hist.Messages); n == 0 || hist.Messages[n-1].MessageID != sent.MessageID {
		t.Errorf("history %+v", hist.Messages)
	}
	must(c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: sent.MessageID}))
	ess, err := c.GetEssenceMsgList(ctx, &onebot11.GetEssenceMsgListParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(ess) != 1 || ess[0].MessageID != sent.MessageID {
		t.Errorf("essence %+v", ess)
	}
	must(c.SetMsgEmojiLike(ctx, &onebot11.SetMsgEmojiLikeParams{MessageID: sent.MessageID, EmojiID: 76}))
	ref, err := br.Converter().MilkyMessageRef(ctx, sent.MessageID)
	must(err)
	if msg, _ := w.MessageBySeq(sim.Scene(ref.Scene), ref.PeerID, ref.Seq); len(msg.Reactions) != 1 {
		t.Errorf("reactions %+v", msg.Reactions)
	}
	must(c.MarkMsgAsRead(ctx, &onebot11.MarkMsgAsReadParams{MessageID: sent.MessageID}))
	if got := w.ReadSeq(sim.SceneGroup, sim.DemoGroupPlay); got != ref.Seq {
		t.Errorf("read seq %d, want %d", got, ref.Seq)
	}
	ps, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice, Message: onebot11.Message{onebot11.Text("hi alice")}})
	must(err)
	fh, err := c.GetFriendMsgHistory(ctx, &onebot11.GetFriendMsgHistoryParams{UserID: sim.DemoAlice, Count: 5})
	must(err)
	if n := len(fh.Messages); n == 0 || fh.Messages[n-1].MessageID != ps.MessageID {
		t.Errorf("friend history %+v", fh.Messages)
	}

	// The string form with and without auto_escape.
	for _, esc := range []bool{true, false} {
		raw, err := c.CallRaw(ctx, onebot11.ActionSendGroupMsg, map[string]any{"group_id": sim.DemoGroupPlay,
			"message": "[CQ:face,id=14] a&amp;b", "auto_escape": esc})
		must(err)
		var res onebot11.SendGroupMsgResult
		must(json.Unmarshal(raw, &res))
		ref, err := br.Converter().MilkyMessageRef(ctx, res.MessageID)
		must(err)
		msg, err := w.MessageBySeq(sim.Scene(ref.Scene), ref.PeerID, ref.Seq)
		must(err)
		want := "[face:14] a&b"
		if esc {
			want = "[CQ:face,id=14] a&amp;b"
		}
		if got := sim.PlainText(msg.Content); got != want {
			t.Errorf("auto_escape %v: sent %q, want %q", esc, got, want)
		}
	}

	// Forward: send a node list, read it back.
	fw, err := c.SendGroupForwardMsg(ctx, &onebot11.SendGroupForwardMsgParams{GroupID: sim.DemoGroupPlay, Messages: onebot11.Message{
		onebot11.Node(sim.DemoAlice, "Alice", onebot11.Text("one")), onebot11.Node(sim.DemoBob, "Bob", onebot11.Text("two"))}})
	must(err)
	fwMsg, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: fw.MessageID})
	must(err)
	var fwd *onebot11.ForwardSegment
	for _, s := range fwMsg.Message {
		if f, ok := s.(*onebot11.ForwardSegment); ok {
			fwd = f
		}
	}
	if fwd == nil {
		t.Fatalf("forward message %v has no forward segment", fwMsg.Message)
	}
	fm, err := c.GetForwardMsg(ctx, &onebot11.GetForwardMsgParams{ID: fwd.ID})
	must(err)
	if len(fm.Messages) != 2 || fm.Messages[1].Content.PlainText() != "two" || fm.Messages[0].Sender.Nickname != "Alice" {
		t.Errorf("forward messages %+v", fm.Messages)
	}

	// Pokes and likes.
	must(c.FriendPoke(ctx, &onebot11.FriendPokeParams{UserID: sim.DemoAlice}))
	must(c.GroupPoke(ctx, &onebot11.GroupPokeParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve}))
	must(c.SendLike(ctx, &onebot11.SendLikeParams{UserID: sim.DemoAlice, Times: 3}))
	if u, _ := w.User(sim.DemoAlice); u.LikeCount != 3 {
		t.Errorf("Alice likes %d", u.LikeCount)
	}

	// Announcements.
	must(c.SendGroupNotice(ctx, &onebot11.SendGroupNoticeParams{GroupID: sim.DemoGroupPlay, Content: "read me"}))
	ns, err := c.GetGroupNotice(ctx, &onebot11.GetGroupNoticeParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(ns) != 1 || ns[0].Message.Text != "read me" {
		t.Fatalf("notices %+v", ns)
	}
	must(c.DelGroupNotice(ctx, &onebot11.DelGroupNoticeParams{GroupID: sim.DemoGroupPlay, NoticeID: ns[0].NoticeID}))
	if as, _ := w.Announcements(sim.DemoGroupPlay); len(as) != 0 {
		t.Errorf("announcements left %+v", as)
	}

	// Files.
	up, err := c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: sim.DemoGroupPlay, File: onebot11.Base64URI([]byte("file body")), Name: "a.txt"})
	must(err)
	folder, err := c.CreateGroupFileFolder(ctx, &onebot11.CreateGroupFileFolderParams{GroupID: sim.DemoGroupPlay, Name: "docs"})
	must(err)
	root, err := c.GetGroupRootFiles(ctx, &onebot11.GetGroupRootFilesParams{GroupID: sim.DemoGroupPlay})
	must(err)
	if len(root.Files) != 1 || root.Files[0].FileName != "a.txt" || len(root.Folders) != 1 {
		t.Errorf("root files %+v", root)
	}
	must(c.MoveGroupFile(ctx, &onebot11.MoveGroupFileParams{GroupID: sim.DemoGroupPlay, FileID: up.FileID, ParentDirectory: "/", TargetDirectory: folder.FolderID}))
	in, err := c.GetGroupFilesByFolder(ctx, &onebot11.GetGroupFilesByFolderParams{GroupID: sim.DemoGroupPlay, FolderID: folder.FolderID})
	must(err)
	if len(in.Files) != 1 {
		t.Errorf("folder files %+v", in)
	}
	u, err := c.GetGroupFileURL(ctx, &onebot11.GetGroupFileURLParams{GroupID: sim.DemoGroupPlay, FileID: up.FileID})
	must(err)
	if u.URL == "" {
		t.Error("empty file url")
	}
	must(c.RenameGroupFileFolder(ctx, &onebot11.RenameGroupFileFolderParams{GroupID: sim.DemoGroupPlay, FolderID: folder.FolderID, NewFolderName: "papers"}))
	must(c.DeleteGroupFile(ctx, &onebot11.DeleteGroupFileParams{GroupID: sim.DemoGroupPlay, FileID: up.FileID}))
	must(c.DeleteGroupFolder(ctx, &onebot11.DeleteGroupFolderParams{GroupID: sim.DemoGroupPlay, FolderID: folder.FolderID}))
	if fs, ds, _ := w.GroupFiles(sim.DemoGroupPlay, ""); len(fs) != 0 || len(ds) != 0 {
		t.Errorf("files left %+v %+v", fs, ds)
	}

	// Requests: a join request and an invitation.
	jr, err := w.RequestJoinGroup(sim.DemoGroupPlay, sim.DemoDave, "let me join")
	must(err)
	req := waitFor(t, ctx, evs, func(ev onebot11.Event) bool {
		r, ok := ev.(*onebot11.GroupRequestEvent)
		return ok && r.SubType == "add"
	}).(*onebot11.GroupRequestEvent)
	must(c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: req.Flag, SubType: req.SubType, Approve: true}))
	if n, _ := w.GroupNotification(jr.Seq); n.State != sim.StateAccepted {
		t.Errorf("join request %+v", n)
	}
	// The same request listed by get_group_system_msg has the event's flag;
	// a request only listed there is handled through its request_id.
	jr2, err := w.RequestJoinGroup(sim.DemoGroupPlay, sim.DemoCarol, "and me")
	must(err)
	sys, err := c.GetGroupSystemMsg(ctx, &onebot11.GetGroupSystemMsgParams{})
	must(err)
	var carolFlag string
	seenDave := false
	for _, r := range sys.JoinRequests {
		switch r.RequesterUin {
		case sim.DemoDave:
			seenDave = strconv.FormatInt(r.RequestID, 10) == req.Flag && r.Checked
		case sim.DemoCarol:
			carolFlag = strconv.FormatInt(r.RequestID, 10)
		}
	}
	if !seenDave || carolFlag == "" {
		t.Fatalf("system messages %+v (event flag %s)", sys.JoinRequests, req.Flag)
	}
	must(c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: carolFlag, Approve: false, Reason: "full"}))
	if n, _ := w.GroupNotification(jr2.Seq); n.State != sim.StateRejected {
		t.Errorf("Carol's request %+v", n)
	}
	if _, err := w.AddGroup(sim.Group{ID: 30003, Name: "elsewhere", OwnerID: sim.DemoAlice}); err != nil {
		t.Fatal(err)
	}
	inv, err := w.InviteBot(30003, sim.DemoAlice)
	must(err)
	{
		ir := waitFor(t, ctx, evs, func(ev onebot11.Event) bool {
			r, ok := ev.(*onebot11.GroupRequestEvent)
			return ok && r.SubType == "invite"
		}).(*onebot11.GroupRequestEvent)
		must(c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: ir.Flag, SubType: "invite", Approve: false}))
		found := false
		for _, i := range w.Invitations() {
			if i.Seq == inv.Seq {
				found = true
				if i.State != sim.StateRejected {
					t.Errorf("invitation %+v", i)
				}
			}
		}
		if !found {
			t.Error("invitation gone")
		}
	}

	// Kick and leave.
	must(c.SetGroupKick(ctx, &onebot11.SetGroupKickParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoDave}))
	if _, err := w.Member(sim.DemoGroupPlay, sim.DemoDave); err == nil {
		t.Error("Dave not kicked")
	}
	must(c.SetGroupLeave(ctx, &onebot11.SetGroupLeaveParams{GroupID: sim.DemoGroupDev}))
	if _, err := w.Member(sim.DemoGroupDev, w.SelfID()); err == nil {
		t.Error("bot did not leave")
	}
}

// TestOneBotOnMilkyStatusOffline: get_status follows the upstream account
// (Milky answers get_impl_info while offline, so that is not the probe).
func TestOneBotOnMilkyStatusOffline(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)
	w := inst.World()
	br := startForward(t, ctx, inst, "")
	defer br.Close()
	bot, _ := oneBotClient(t, ctx, br)
	for _, online := range []bool{false, true} {
		if online {
			w.BotOnline()
		} else {
			w.BotOffline("test")
		}
		st, err := bot.Client.GetStatus(ctx, &onebot11.GetStatusParams{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Online != online || !st.Good {
			t.Errorf("world online %v: status %+v", online, st)
		}
	}
}
