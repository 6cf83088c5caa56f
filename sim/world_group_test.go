package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// In the demo world, group dev: Alice owner, bot and Bob admins, Carol and
// Dave members; group play: bot owner, Alice, Bob, Eve members.

func TestMuteAndUnmute(t *testing.T) {
	w, clk, ev := demo(t)
	require.NoError(t, w.Mute(DemoGroupDev, DemoDave, 10*time.Minute))
	e := nextAs[*GroupMuteEvent](t, ev)
	require.Equal(t, GroupMuteEvent{EventHeader: e.EventHeader, GroupID: DemoGroupDev, UserID: DemoDave,
		OperatorID: w.SelfID(), Duration: 10 * time.Minute}, *e)
	m, err := w.Member(DemoGroupDev, DemoDave)
	require.NoError(t, err)
	require.Equal(t, epoch.Add(10*time.Minute), m.MuteUntil)
	_, err = w.UserSendGroup(DemoGroupDev, DemoDave, txt("muted"))
	require.ErrorIs(t, err, ErrPermissionDenied)

	require.NoError(t, w.Mute(DemoGroupDev, DemoDave, 0), "duration 0 unmutes")
	e = nextAs[*GroupMuteEvent](t, ev)
	require.Zero(t, e.Duration)
	m, err = w.Member(DemoGroupDev, DemoDave)
	require.NoError(t, err)
	require.True(t, m.MuteUntil.IsZero())
	_, err = w.UserSendGroup(DemoGroupDev, DemoDave, txt("free"))
	require.NoError(t, err)
	require.IsType(t, &MessageEvent{}, ev.next())

	// Expiry by the clock.
	require.NoError(t, w.Mute(DemoGroupDev, DemoCarol, time.Minute))
	require.IsType(t, &GroupMuteEvent{}, ev.next())
	clk.Advance(time.Minute + time.Second)
	m, err = w.Member(DemoGroupDev, DemoCarol)
	require.NoError(t, err)
	require.True(t, m.MuteUntil.IsZero())
	_, err = w.UserSendGroup(DemoGroupDev, DemoCarol, txt("expired"))
	require.NoError(t, err)

	require.ErrorIs(t, w.Mute(DemoGroupDev, DemoAlice, time.Minute), ErrPermissionDenied, "owner can't be muted")
	require.ErrorIs(t, w.Mute(DemoGroupDev, DemoBob, time.Minute), ErrPermissionDenied, "admin can't mute admin")
	require.ErrorIs(t, w.UserMute(DemoGroupDev, DemoCarol, DemoDave, time.Minute), ErrPermissionDenied, "member can't mute")
	require.ErrorIs(t, w.Mute(DemoGroupDev, DemoEve, time.Minute), ErrNotFound)
	require.ErrorIs(t, w.Mute(DemoGroupDev, DemoDave, -time.Second), ErrInvalidArgument)
	require.ErrorIs(t, w.Mute(DemoGroupDev, DemoDave, MaxMuteDuration+time.Second), ErrInvalidArgument)
	require.ErrorIs(t, w.Mute(DemoGroupDev, DemoDave, 1500*time.Millisecond), ErrInvalidArgument)
	require.NoError(t, w.UserMute(DemoGroupDev, DemoAlice, w.SelfID(), time.Hour), "owner mutes the bot")
	_, err = w.SendGroup(DemoGroupDev, txt("bot muted"))
	require.ErrorIs(t, err, ErrPermissionDenied)
}

func TestWholeMute(t *testing.T) {
	w, _, ev := demo(t)
	require.ErrorIs(t, w.UserSetWholeMute(DemoGroupDev, DemoDave, true), ErrPermissionDenied)
	require.NoError(t, w.SetWholeMute(DemoGroupDev, true))
	e := nextAs[*GroupWholeMuteEvent](t, ev)
	require.True(t, e.IsMute)
	require.Equal(t, w.SelfID(), e.OperatorID)
	g, err := w.Group(DemoGroupDev)
	require.NoError(t, err)
	require.True(t, g.WholeMute)
	_, err = w.UserSendGroup(DemoGroupDev, DemoDave, txt("x"))
	require.ErrorIs(t, err, ErrPermissionDenied)
	_, err = w.UserSendGroup(DemoGroupDev, DemoBob, txt("admins may speak"))
	require.NoError(t, err)
	require.IsType(t, &MessageEvent{}, ev.next())
	require.NoError(t, w.UserSetWholeMute(DemoGroupDev, DemoAlice, false))
	e = nextAs[*GroupWholeMuteEvent](t, ev)
	require.False(t, e.IsMute)
	require.Equal(t, DemoAlice, e.OperatorID)
	_, err = w.UserSendGroup(DemoGroupDev, DemoDave, txt("x"))
	require.NoError(t, err)
}

func TestKick(t *testing.T) {
	w, _, ev := demo(t)
	require.ErrorIs(t, w.Kick(DemoGroupDev, DemoAlice, false), ErrPermissionDenied)
	require.ErrorIs(t, w.UserKick(DemoGroupDev, DemoCarol, DemoDave, false), ErrPermissionDenied)
	require.NoError(t, w.Kick(DemoGroupDev, DemoDave, true))
	e := nextAs[*GroupMemberDecreaseEvent](t, ev)
	require.Equal(t, GroupMemberDecreaseEvent{EventHeader: e.EventHeader, GroupID: DemoGroupDev, UserID: DemoDave,
		SubType: DecreaseKick, OperatorID: w.SelfID()}, *e)
	_, err := w.Member(DemoGroupDev, DemoDave)
	require.ErrorIs(t, err, ErrNotFound)
	g, _ := w.Group(DemoGroupDev)
	require.Equal(t, 4, g.MemberCount)
	_, err = w.RequestJoinGroup(DemoGroupDev, DemoDave, "let me back")
	require.ErrorIs(t, err, ErrPermissionDenied, "re-join rejected")
	require.ErrorIs(t, w.MemberJoin(DemoGroupDev, DemoDave, 0), ErrPermissionDenied)

	require.NoError(t, w.Kick(DemoGroupDev, DemoCarol, false))
	require.IsType(t, &GroupMemberDecreaseEvent{}, ev.next())
	require.NoError(t, w.MemberJoin(DemoGroupDev, DemoCarol, 0))
	inc := nextAs[*GroupMemberIncreaseEvent](t, ev)
	require.Equal(t, IncreaseJoin, inc.SubType)

	// The bot kicked.
	require.NoError(t, w.UserKick(DemoGroupDev, DemoAlice, w.SelfID(), false))
	e = nextAs[*GroupMemberDecreaseEvent](t, ev)
	require.Equal(t, DecreaseKickMe, e.SubType)
	require.Equal(t, DemoAlice, e.OperatorID)
	require.Len(t, w.Groups(), 1)
	// No more events from that group.
	_, err = w.UserSendGroup(DemoGroupDev, DemoAlice, txt("bot is gone"))
	require.NoError(t, err)
	ev.none()
	_, err = w.SendGroup(DemoGroupDev, txt("x"))
	require.ErrorIs(t, err, ErrNotFound)
}

func TestAdminAndTitleAndCard(t *testing.T) {
	w, _, ev := demo(t)
	// Admin: owner only.
	require.ErrorIs(t, w.SetAdmin(DemoGroupDev, DemoDave, true), ErrPermissionDenied)
	require.NoError(t, w.UserSetAdmin(DemoGroupDev, DemoAlice, DemoDave, true))
	a := nextAs[*GroupAdminChangeEvent](t, ev)
	require.Equal(t, GroupAdminChangeEvent{EventHeader: a.EventHeader, GroupID: DemoGroupDev, UserID: DemoDave, OperatorID: DemoAlice, IsSet: true}, *a)
	m, _ := w.Member(DemoGroupDev, DemoDave)
	require.Equal(t, RoleAdmin, m.Role)
	require.NoError(t, w.UserSetAdmin(DemoGroupDev, DemoAlice, DemoDave, true), "no change")
	ev.none()
	require.NoError(t, w.UserSetAdmin(DemoGroupDev, DemoAlice, DemoDave, false))
	require.False(t, nextAs[*GroupAdminChangeEvent](t, ev).IsSet)
	require.ErrorIs(t, w.UserSetAdmin(DemoGroupDev, DemoAlice, DemoAlice, false), ErrPermissionDenied)
	require.NoError(t, w.SetAdmin(DemoGroupPlay, DemoEve, true), "the bot owns play")
	require.IsType(t, &GroupAdminChangeEvent{}, ev.next())

	// Title: owner only, length-limited.
	require.ErrorIs(t, w.SetTitle(DemoGroupDev, DemoDave, "x"), ErrPermissionDenied)
	require.NoError(t, w.SetTitle(DemoGroupPlay, DemoEve, "hero"))
	ti := nextAs[*GroupTitleChangeEvent](t, ev)
	require.Equal(t, "hero", ti.Title)
	m, _ = w.Member(DemoGroupPlay, DemoEve)
	require.Equal(t, "hero", m.Title)
	require.ErrorIs(t, w.SetTitle(DemoGroupPlay, DemoEve, "12345678901234567890"), ErrInvalidArgument)
	require.NoError(t, w.UserSetTitle(DemoGroupDev, DemoAlice, DemoAlice, "boss"))
	require.IsType(t, &GroupTitleChangeEvent{}, ev.next())

	// Card: self any; others when outranking.
	require.NoError(t, w.UserSetCard(DemoGroupDev, DemoDave, DemoDave, "dd"))
	c := nextAs[*GroupCardChangeEvent](t, ev)
	require.Equal(t, GroupCardChangeEvent{EventHeader: c.EventHeader, GroupID: DemoGroupDev, UserID: DemoDave, OperatorID: DemoDave, OldCard: "", NewCard: "dd"}, *c)
	require.NoError(t, w.SetCard(DemoGroupDev, DemoDave, "dave"))
	require.Equal(t, "dd", nextAs[*GroupCardChangeEvent](t, ev).OldCard)
	require.ErrorIs(t, w.SetCard(DemoGroupDev, DemoBob, "b"), ErrPermissionDenied, "admin vs admin")
	require.ErrorIs(t, w.SetCard(DemoGroupDev, DemoAlice, "a"), ErrPermissionDenied, "admin vs owner")
	require.ErrorIs(t, w.UserSetCard(DemoGroupDev, DemoCarol, DemoDave, "c"), ErrPermissionDenied)
	require.NoError(t, w.SetCard(DemoGroupDev, w.SelfID(), "robot"))
	require.IsType(t, &GroupCardChangeEvent{}, ev.next())
	m, _ = w.Member(DemoGroupDev, w.SelfID())
	require.Equal(t, "robot", m.DisplayName())
}

func TestGroupNameLeaveDismiss(t *testing.T) {
	w, _, ev := demo(t)
	require.ErrorIs(t, w.UserSetGroupName(DemoGroupDev, DemoDave, "x"), ErrPermissionDenied)
	require.ErrorIs(t, w.SetGroupName(DemoGroupDev, ""), ErrInvalidArgument)
	require.NoError(t, w.UserSetGroupName(DemoGroupDev, DemoBob, "renamed"))
	n := nextAs[*GroupNameChangeEvent](t, ev)
	require.Equal(t, "renamed", n.Name)
	require.Equal(t, DemoBob, n.OperatorID)
	g, _ := w.Group(DemoGroupDev)
	require.Equal(t, "renamed", g.Name)
	require.NoError(t, w.SetGroupRemark(DemoGroupDev, "mine"))
	g, _ = w.Group(DemoGroupDev)
	require.Equal(t, "mine", g.Remark)

	require.NoError(t, w.MemberLeave(DemoGroupDev, DemoDave))
	d := nextAs[*GroupMemberDecreaseEvent](t, ev)
	require.Equal(t, DecreaseLeave, d.SubType)
	require.Equal(t, DemoDave, d.OperatorID)
	require.ErrorIs(t, w.MemberLeave(DemoGroupDev, DemoAlice), ErrPermissionDenied)
	require.ErrorIs(t, w.LeaveGroup(DemoGroupPlay), ErrPermissionDenied, "owner must dismiss")
	require.ErrorIs(t, w.UserDismissGroup(DemoGroupPlay, DemoAlice), ErrPermissionDenied)
	require.NoError(t, w.DismissGroup(DemoGroupPlay))
	dis := nextAs[*GroupDisbandEvent](t, ev)
	require.Equal(t, DemoGroupPlay, dis.GroupID)
	_, err := w.Group(DemoGroupPlay)
	require.ErrorIs(t, err, ErrNotFound)

	require.NoError(t, w.LeaveGroup(DemoGroupDev))
	d = nextAs[*GroupMemberDecreaseEvent](t, ev)
	require.Equal(t, w.SelfID(), d.UserID)
	require.Empty(t, w.Groups())
}

func TestGroupRequests(t *testing.T) {
	w, _, ev := demo(t)
	req, err := w.RequestJoinGroup(DemoGroupDev, DemoEve, "please")
	require.NoError(t, err)
	e := nextAs[*GroupJoinRequestEvent](t, ev)
	require.Equal(t, req, e.Request)
	require.Equal(t, NotifyJoinRequest, req.Type)
	require.Equal(t, StatePending, req.State)
	require.Equal(t, "please", req.Comment)
	require.NoError(t, w.AcceptGroupRequest(req.Seq))
	inc := nextAs[*GroupMemberIncreaseEvent](t, ev)
	require.Equal(t, GroupMemberIncreaseEvent{EventHeader: inc.EventHeader, GroupID: DemoGroupDev, UserID: DemoEve,
		SubType: IncreaseApprove, OperatorID: w.SelfID()}, *inc)
	got, err := w.GroupNotification(req.Seq)
	require.NoError(t, err)
	require.Equal(t, StateAccepted, got.State)
	require.ErrorIs(t, w.AcceptGroupRequest(req.Seq), ErrInvalidArgument, "already handled")
	require.ErrorIs(t, w.AcceptGroupRequest(9999), ErrNotFound)

	_, err = w.RequestJoinGroup(DemoGroupDev, DemoEve, "again")
	require.ErrorIs(t, err, ErrInvalidArgument, "already a member")

	// Invited join request.
	_, err = w.AddUser(User{UIN: 20010, Nickname: "Frank"})
	require.NoError(t, err)
	inv, err := w.InviteToGroup(DemoGroupDev, DemoCarol, 20010)
	require.NoError(t, err)
	ie := nextAs[*GroupInvitedJoinRequestEvent](t, ev)
	require.Equal(t, DemoCarol, ie.Request.InitiatorID)
	require.Equal(t, int64(20010), ie.Request.TargetUserID)
	require.Greater(t, inv.Seq, req.Seq)
	require.NoError(t, w.RejectGroupRequest(inv.Seq, "no"))
	got, _ = w.GroupNotification(inv.Seq)
	require.Equal(t, StateRejected, got.State)
	require.Equal(t, "no", got.Reason)
	inv, err = w.InviteToGroup(DemoGroupDev, DemoCarol, 20010)
	require.NoError(t, err)
	require.IsType(t, &GroupInvitedJoinRequestEvent{}, ev.next())
	require.NoError(t, w.AcceptGroupRequest(inv.Seq))
	inc = nextAs[*GroupMemberIncreaseEvent](t, ev)
	require.Equal(t, IncreaseInvite, inc.SubType)
	require.Equal(t, DemoCarol, inc.InvitorID)
	require.Equal(t, w.SelfID(), inc.OperatorID)

	// The notification list holds the requests and later admin events.
	require.NoError(t, w.UserSetAdmin(DemoGroupDev, DemoAlice, DemoDave, true))
	ns := w.GroupNotifications(0, 0)
	require.Len(t, ns, 4)
	require.Equal(t, NotifyAdminChange, ns[0].Type)
	require.Equal(t, NotifyJoinRequest, ns[3].Type)
	require.Len(t, w.GroupNotifications(ns[1].Seq, 2), 2)
	require.Equal(t, ns[1], w.GroupNotifications(ns[1].Seq, 2)[0])

	// A group the bot does not administer routes nowhere.
	_, err = w.AddGroup(Group{ID: 40000, Name: "foreign", OwnerID: DemoAlice})
	require.NoError(t, err)
	_, err = w.RequestJoinGroup(40000, DemoBob, "")
	require.ErrorIs(t, err, ErrPermissionDenied)
}

func TestGroupInvitation(t *testing.T) {
	w, _, ev := demo(t)
	_, err := w.AddGroup(Group{ID: 40000, Name: "elsewhere", OwnerID: DemoCarol})
	require.NoError(t, err)
	_, err = w.InviteBot(40000, DemoBob)
	require.ErrorIs(t, err, ErrNotFound, "Bob is not in it")
	inv, err := w.InviteBot(40000, DemoCarol)
	require.NoError(t, err)
	e := nextAs[*GroupInvitationEvent](t, ev)
	require.Equal(t, inv, e.Invitation)
	require.Equal(t, StatePending, inv.State)
	require.NoError(t, w.AcceptInvitation(inv.Seq))
	inc := nextAs[*GroupMemberIncreaseEvent](t, ev)
	require.Equal(t, w.SelfID(), inc.UserID)
	require.Equal(t, IncreaseInvite, inc.SubType)
	require.Equal(t, DemoCarol, inc.InvitorID)
	require.Len(t, w.Groups(), 3)
	require.ErrorIs(t, w.AcceptInvitation(inv.Seq), ErrInvalidArgument)
	_, err = w.InviteBot(40000, DemoCarol)
	require.ErrorIs(t, err, ErrInvalidArgument, "already in")

	_, err = w.AddGroup(Group{ID: 40001, Name: "nope", OwnerID: DemoCarol})
	require.NoError(t, err)
	inv, err = w.InviteBot(40001, DemoCarol)
	require.NoError(t, err)
	require.IsType(t, &GroupInvitationEvent{}, ev.next())
	require.NoError(t, w.RejectInvitation(inv.Seq))
	require.Len(t, w.Invitations(), 2)
	require.Equal(t, StateRejected, w.Invitations()[1].State)
	require.Len(t, w.Groups(), 3)
	require.ErrorIs(t, w.RejectInvitation(77), ErrNotFound)
}

func TestMembersListing(t *testing.T) {
	w, clk, _ := demo(t)
	clk.Advance(time.Hour)
	require.NoError(t, w.MemberJoin(DemoGroupPlay, DemoCarol, DemoAlice))
	ms, err := w.Members(DemoGroupPlay)
	require.NoError(t, err)
	require.Len(t, ms, 5)
	require.Equal(t, DemoAlice, ms[0].UserID, "same join time: by uin")
	require.Equal(t, DemoCarol, ms[4].UserID)
	require.Equal(t, "Carol", ms[4].Nickname)
	require.Equal(t, SexFemale, ms[4].Sex)
	_, err = w.Members(1)
	require.ErrorIs(t, err, ErrNotFound)
	require.ErrorIs(t, w.MemberJoin(DemoGroupPlay, DemoCarol, 0), ErrInvalidArgument)
	require.ErrorIs(t, w.MemberJoin(DemoGroupPlay, DemoDave, DemoCarol+1000), ErrNotFound)
}

func TestGroupAvatar(t *testing.T) {
	w, _, ev := demo(t)
	g, err := w.Group(DemoGroupDev)
	require.NoError(t, err)
	require.Equal(t, "https://p.qlogo.cn/gh/30001/30001/640", g.AvatarURL)
	require.NoError(t, w.SetGroupAvatar(DemoGroupDev, "base64://AAAA"))
	g, _ = w.Group(DemoGroupDev)
	require.Equal(t, "base64://AAAA", g.AvatarURL)
	require.ErrorIs(t, w.SetGroupAvatar(DemoGroupDev, ""), ErrInvalidArgument)
	_, err = w.AddGroup(Group{ID: 40000, Name: "x", OwnerID: DemoAlice})
	require.NoError(t, err)
	require.NoError(t, w.MemberJoin(40000, w.SelfID(), 0))
	require.IsType(t, &GroupMemberIncreaseEvent{}, ev.next())
	require.ErrorIs(t, w.SetGroupAvatar(40000, "base64://A"), ErrPermissionDenied)
}

func TestEdgeCases(t *testing.T) {
	w, _, ev := demo(t)
	// Recall a message whose sender has left: any admin may.
	m, err := w.UserSendGroup(DemoGroupDev, DemoDave, txt("bye"))
	require.NoError(t, err)
	require.IsType(t, &MessageEvent{}, ev.next())
	require.NoError(t, w.MemberLeave(DemoGroupDev, DemoDave))
	require.IsType(t, &GroupMemberDecreaseEvent{}, ev.next())
	require.ErrorIs(t, w.UserRecall(DemoCarol, SceneGroup, DemoGroupDev, m.Seq), ErrPermissionDenied)
	require.NoError(t, w.Recall(SceneGroup, DemoGroupDev, m.Seq))
	require.IsType(t, &RecallEvent{}, ev.next())

	// A request cannot be handled once the bot is no longer admin.
	req, err := w.RequestJoinGroup(DemoGroupDev, DemoEve, "")
	require.NoError(t, err)
	require.IsType(t, &GroupJoinRequestEvent{}, ev.next())
	require.NoError(t, w.UserSetAdmin(DemoGroupDev, DemoAlice, w.SelfID(), false))
	require.IsType(t, &GroupAdminChangeEvent{}, ev.next())
	require.ErrorIs(t, w.AcceptGroupRequest(req.Seq), ErrPermissionDenied)
	_, err = w.InviteToGroup(DemoGroupDev, DemoCarol, DemoEve)
	require.ErrorIs(t, err, ErrPermissionDenied)
	_, err = w.InviteToGroup(DemoGroupDev, DemoEve, DemoCarol)
	require.ErrorIs(t, err, ErrNotFound, "inviter not a member")
	_, err = w.InviteToGroup(DemoGroupPlay, DemoAlice, DemoBob)
	require.ErrorIs(t, err, ErrInvalidArgument, "already a member")

	// An invitation to a group dismissed meanwhile.
	_, err = w.AddGroup(Group{ID: 40000, Name: "short-lived", OwnerID: DemoCarol})
	require.NoError(t, err)
	inv, err := w.InviteBot(40000, DemoCarol)
	require.NoError(t, err)
	require.IsType(t, &GroupInvitationEvent{}, ev.next())
	require.NoError(t, w.UserDismissGroup(40000, DemoCarol))
	ev.none() // the bot was not in it
	require.ErrorIs(t, w.AcceptInvitation(inv.Seq), ErrNotFound)

	// Essence names fall back to the nickname, then the uin, for people who left.
	e, err := w.UserSendGroup(DemoGroupDev, DemoCarol, txt("keep"))
	require.NoError(t, err)
	require.IsType(t, &MessageEvent{}, ev.next())
	require.NoError(t, w.UserSetEssence(DemoGroupDev, DemoBob, e.Seq, true))
	require.IsType(t, &GroupEssenceChangeEvent{}, ev.next())
	require.NoError(t, w.MemberLeave(DemoGroupDev, DemoCarol))
	require.IsType(t, &GroupMemberDecreaseEvent{}, ev.next())
	page, _, err := w.EssenceMessages(DemoGroupDev, 0, 10)
	require.NoError(t, err)
	require.Equal(t, "Carol", page[0].SenderName)
	require.Equal(t, "Bob", page[0].OperatorName)
}
