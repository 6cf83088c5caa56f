package sim_test

import (
	"strconv"
	"testing"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

// Filtered friend and join requests, request_id flags, rename_group_file.
func TestOneBot11FilteredRequestsAndExtensions(t *testing.T) {
	e := newOB11Env(t, "http")
	ctx, w, c := e.ctx(), e.w, e.c
	const play = sim.DemoGroupPlay

	// Filtered friend requests: listed by get_doubt_friends_add_request,
	// accepted by set_doubt_friends_add_request.
	dave, err := w.RequestFriendFiltered(sim.DemoDave, "risky hi")
	ob11Must(t, err)
	eve, err := w.RequestFriend(sim.DemoEve, "plain")
	ob11Must(t, err)
	doubt, err := c.GetDoubtFriendsAddRequest(ctx, &onebot11.GetDoubtFriendsAddRequestParams{})
	ob11Must(t, err)
	if len(doubt) != 1 || doubt[0].Flag != sim.OneBot11FriendFlag(dave.InitiatorUID) ||
		doubt[0].Uin != strconv.FormatInt(sim.DemoDave, 10) || doubt[0].Msg != "risky hi" || doubt[0].Nick == "" {
		t.Fatalf("doubt requests %+v", doubt)
	}
	_, err = c.CallRaw(ctx, onebot11.ActionGetDoubtFriendsAddRequest, map[string]any{"count": -1})
	ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "negative count")
	err = c.SetDoubtFriendsAddRequest(ctx, &onebot11.SetDoubtFriendsAddRequestParams{Flag: sim.OneBot11FriendFlag(eve.InitiatorUID)})
	ob11WantRetcode(t, err, onebot11.RetcodeFailed, "not found")
	err = c.SetDoubtFriendsAddRequest(ctx, &onebot11.SetDoubtFriendsAddRequestParams{Flag: "nonsense"})
	ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "bad friend request flag")
	ob11Must(t, c.SetDoubtFriendsAddRequest(ctx, &onebot11.SetDoubtFriendsAddRequestParams{Flag: doubt[0].Flag}))
	if _, err := w.Friend(sim.DemoDave); err != nil {
		t.Fatalf("Dave is not a friend: %v", err)
	}
	if doubt, _ = c.GetDoubtFriendsAddRequest(ctx, &onebot11.GetDoubtFriendsAddRequestParams{Count: 5}); len(doubt) != 0 {
		t.Errorf("handled request still listed: %+v", doubt)
	}

	// A filtered join request: get_group_ignore_add_request lists it, and its
	// request_id is a flag set_group_add_request takes.
	jr, err := w.RequestJoinGroupFiltered(play, sim.DemoCarol, "let me in")
	ob11Must(t, err)
	ig, err := c.GetGroupIgnoreAddRequest(ctx, &onebot11.GetGroupIgnoreAddRequestParams{GroupID: play})
	ob11Must(t, err)
	if len(ig) != 1 || ig[0].RequestID != jr.Seq || ig[0].RequesterUin != sim.DemoCarol || ig[0].Message != "let me in" {
		t.Fatalf("ignored requests %+v", ig)
	}
	sys, err := c.GetGroupSystemMsg(ctx, &onebot11.GetGroupSystemMsgParams{})
	ob11Must(t, err)
	for _, r := range sys.JoinRequests {
		if r.RequestID == jr.Seq {
			t.Errorf("filtered request in get_group_system_msg: %+v", r)
		}
	}
	ob11Must(t, c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: strconv.FormatInt(ig[0].RequestID, 10), Approve: true}))
	if _, err := w.Member(play, sim.DemoCarol); err != nil {
		t.Fatalf("Carol did not join: %v", err)
	}

	// An invitation of the bot by its request_id, with sub_type invite.
	if _, err := w.AddGroup(sim.Group{ID: 30003, Name: "elsewhere", OwnerID: sim.DemoAlice}); err != nil {
		t.Fatal(err)
	}
	inv, err := w.InviteBot(30003, sim.DemoAlice)
	ob11Must(t, err)
	sys, err = c.GetGroupSystemMsg(ctx, &onebot11.GetGroupSystemMsgParams{})
	ob11Must(t, err)
	if len(sys.InvitedRequests) != 1 || sys.InvitedRequests[0].RequestID != inv.Seq {
		t.Fatalf("invited requests %+v", sys.InvitedRequests)
	}
	ob11Must(t, c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: strconv.FormatInt(inv.Seq, 10), SubType: "invite", Approve: false}))
	if invs := w.Invitations(); len(invs) != 1 || invs[0].State != sim.StateRejected {
		t.Errorf("invitations %+v", invs)
	}
	err = c.SetGroupAddRequest(ctx, &onebot11.SetGroupAddRequestParams{Flag: "0", Approve: true})
	ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "bad group request flag")

	// rename_group_file (NapCat / LLOneBot), group_id as a string too.
	up, err := c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play, File: onebot11.Base64URI([]byte("body")), Name: "a.txt"})
	ob11Must(t, err)
	raw, err := c.CallRaw(ctx, sim.ActionRenameGroupFile, map[string]any{"group_id": strconv.FormatInt(play, 10),
		"file_id": up.FileID, "current_parent_directory": "/", "new_name": "b.txt"})
	ob11Must(t, err)
	if string(raw) != `{"ok":true}` {
		t.Errorf("rename_group_file answered %s", raw)
	}
	if f, err := w.GroupFile(play, up.FileID); err != nil || f.Name != "b.txt" {
		t.Errorf("file %+v, %v", f, err)
	}
	_, err = c.CallRaw(ctx, sim.ActionRenameGroupFile, map[string]any{"group_id": play, "file_id": up.FileID,
		"current_parent_directory": "/no-such-folder", "new_name": "c.txt"})
	ob11WantRetcode(t, err, onebot11.RetcodeFailed, "not found")
	_, err = c.CallRaw(ctx, sim.ActionRenameGroupFile, map[string]any{"group_id": play, "file_id": up.FileID})
	ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "new_name")
	_, err = c.CallRaw(ctx, sim.ActionRenameGroupFile, map[string]any{"group_id": "x", "file_id": up.FileID, "new_name": "c.txt"})
	ob11WantRetcode(t, err, onebot11.RetcodeBadRequest, "not an integer")
}
