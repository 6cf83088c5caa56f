package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFriendRequests(t *testing.T) {
	w, _, ev := demo(t)
	uid, err := w.UIDOf(DemoDave)
	require.NoError(t, err)
	uin, err := w.UINOf(uid)
	require.NoError(t, err)
	require.Equal(t, DemoDave, uin)
	_, err = w.UINOf("u_nobody")
	require.ErrorIs(t, err, ErrNotFound)

	_, err = w.RequestFriend(DemoAlice, "already")
	require.ErrorIs(t, err, ErrInvalidArgument)
	r, err := w.RequestFriend(DemoDave, "hi, I'm Dave")
	require.NoError(t, err)
	e := nextAs[*FriendRequestEvent](t, ev)
	require.Equal(t, r, e.Request)
	require.Equal(t, FriendRequest{Time: epoch, InitiatorID: DemoDave, InitiatorUID: uid, Comment: "hi, I'm Dave", Via: "search", State: StatePending}, r)
	r, err = w.RequestFriend(DemoDave, "second try")
	require.NoError(t, err)
	require.IsType(t, &FriendRequestEvent{}, ev.next())
	_, err = w.RequestFriend(DemoEve, "eve")
	require.NoError(t, err)
	require.IsType(t, &FriendRequestEvent{}, ev.next())
	reqs := w.FriendRequests()
	require.Len(t, reqs, 2, "a repeat replaces")
	require.Equal(t, DemoEve, reqs[0].InitiatorID)
	require.Equal(t, "second try", reqs[1].Comment)

	_, err = w.SendPrivate(DemoDave, txt("not yet"))
	require.ErrorIs(t, err, ErrPermissionDenied)
	require.NoError(t, w.AcceptFriendRequest(r.InitiatorUID, "davey"))
	fa := nextAs[*FriendAddedEvent](t, ev)
	require.Equal(t, DemoDave, fa.Friend.User.UIN)
	require.Equal(t, "davey", fa.Friend.Remark)
	require.Equal(t, FriendCategory{ID: 0, Name: "My Friends"}, fa.Friend.Category)
	_, err = w.SendPrivate(DemoDave, txt("now we're friends"))
	require.NoError(t, err)
	require.IsType(t, &MessageEvent{}, ev.next())
	require.ErrorIs(t, w.AcceptFriendRequest(r.InitiatorUID, ""), ErrInvalidArgument)
	require.Equal(t, StateAccepted, w.FriendRequests()[1].State)

	require.NoError(t, w.RejectFriendRequest(reqs[0].InitiatorUID, "no thanks"))
	ev.none()
	require.Equal(t, StateRejected, w.FriendRequests()[0].State)
	require.Equal(t, "no thanks", w.FriendRequests()[0].Reason)
	_, err = w.Friend(DemoEve)
	require.ErrorIs(t, err, ErrNotFound)
	require.ErrorIs(t, w.RejectFriendRequest("u_x", ""), ErrNotFound)
}

func TestFriendManagement(t *testing.T) {
	w, _, _ := demo(t)
	require.NoError(t, w.SetFriendRemark(DemoAlice, "ally"))
	require.NoError(t, w.SetFriendCategory(DemoAlice, DemoColleague))
	f, err := w.Friend(DemoAlice)
	require.NoError(t, err)
	require.Equal(t, "ally", f.Remark)
	require.Equal(t, "Colleagues", f.Category.Name)
	require.ErrorIs(t, w.SetFriendCategory(DemoAlice, 9), ErrNotFound)
	require.ErrorIs(t, w.SetFriendRemark(DemoEve, "x"), ErrNotFound)
	require.NoError(t, w.DeleteFriend(DemoAlice))
	require.ErrorIs(t, w.DeleteFriend(DemoAlice), ErrNotFound)
	require.Len(t, w.Friends(), 2)
	_, err = w.SendPrivate(DemoAlice, txt("gone"))
	require.ErrorIs(t, err, ErrPermissionDenied)
	require.ErrorIs(t, w.AddFriendCategory(-1, "x"), ErrInvalidArgument)
}

func TestLikes(t *testing.T) {
	w, clk, ev := demo(t)
	require.NoError(t, w.SendLike(DemoEve, 7))
	require.NoError(t, w.SendLike(DemoEve, 3))
	require.ErrorIs(t, w.SendLike(DemoEve, 1), ErrPermissionDenied, "10 per day")
	require.ErrorIs(t, w.SendLike(DemoEve, 0), ErrInvalidArgument)
	require.ErrorIs(t, w.SendLike(1, 1), ErrNotFound)
	clk.Advance(24 * time.Hour)
	require.NoError(t, w.SendLike(DemoEve, 1))
	u, err := w.User(DemoEve)
	require.NoError(t, err)
	require.Equal(t, 11, u.LikeCount)

	require.NoError(t, w.UserLike(DemoBob, 2))
	e := nextAs[*ProfileLikeEvent](t, ev)
	require.Equal(t, ProfileLikeEvent{EventHeader: e.EventHeader, OperatorID: DemoBob, OperatorNick: "Bob", Times: 2}, *e)
	require.Equal(t, 2, w.Self().LikeCount)
}

func TestNudges(t *testing.T) {
	w, _, ev := demo(t)
	require.NoError(t, w.NudgeFriend(DemoAlice, false))
	f := nextAs[*FriendNudgeEvent](t, ev)
	require.Equal(t, FriendNudgeEvent{EventHeader: f.EventHeader, UserID: DemoAlice, SenderID: w.SelfID(), ReceiverID: DemoAlice, DisplayAction: NudgeAction}, *f)
	require.NoError(t, w.NudgeFriend(DemoAlice, true))
	f = nextAs[*FriendNudgeEvent](t, ev)
	require.Equal(t, w.SelfID(), f.ReceiverID)
	require.NoError(t, w.UserNudgeFriend(DemoBob, w.SelfID()))
	f = nextAs[*FriendNudgeEvent](t, ev)
	require.Equal(t, DemoBob, f.SenderID)
	require.Equal(t, w.SelfID(), f.ReceiverID)
	require.ErrorIs(t, w.UserNudgeFriend(DemoBob, DemoAlice), ErrInvalidArgument)
	require.ErrorIs(t, w.NudgeFriend(DemoEve, false), ErrNotFound)

	require.NoError(t, w.NudgeGroupMember(DemoGroupDev, DemoCarol))
	g := nextAs[*GroupNudgeEvent](t, ev)
	require.Equal(t, GroupNudgeEvent{EventHeader: g.EventHeader, GroupID: DemoGroupDev, SenderID: w.SelfID(), ReceiverID: DemoCarol, DisplayAction: NudgeAction}, *g)
	require.NoError(t, w.UserNudgeGroup(DemoGroupDev, DemoDave, w.SelfID()))
	g = nextAs[*GroupNudgeEvent](t, ev)
	require.Equal(t, DemoDave, g.SenderID)
	require.ErrorIs(t, w.NudgeGroupMember(DemoGroupDev, DemoEve), ErrNotFound)
}

func TestProfileAndOffline(t *testing.T) {
	w, _, ev := demo(t)
	require.NoError(t, w.SetNickname("newbot"))
	require.ErrorIs(t, w.SetNickname(""), ErrInvalidArgument)
	require.NoError(t, w.SetSignature("beep"))
	require.NoError(t, w.SetAvatar("https://example.invalid/a.png"))
	require.ErrorIs(t, w.SetAvatar(""), ErrInvalidArgument)
	self := w.Self()
	require.Equal(t, "newbot", self.Nickname)
	require.Equal(t, "beep", self.Sign)
	require.Equal(t, "https://example.invalid/a.png", self.AvatarURL)
	m, err := w.SendGroup(DemoGroupDev, txt("x"))
	require.NoError(t, err)
	require.Equal(t, "newbot", nextAs[*MessageEvent](t, ev).Sender.Nickname)
	_ = m

	require.True(t, w.Online())
	w.BotOffline("kicked by another device")
	require.Equal(t, "kicked by another device", nextAs[*BotOfflineEvent](t, ev).Reason)
	require.False(t, w.Online())
	w.BotOnline()
	require.True(t, w.Online())
	_, err = w.User(1)
	require.ErrorIs(t, err, ErrNotFound)
}

func TestNudgeTextsFollowTheSender(t *testing.T) {
	w, _, ev := demo(t)
	require.NoError(t, w.UserNudgeGroup(DemoGroupDev, DemoBob, DemoCarol))
	g := nextAs[*GroupNudgeEvent](t, ev)
	require.Equal(t, "拍了拍", g.DisplayAction)
	require.Equal(t, "的肩膀", g.DisplaySuffix)
	require.NoError(t, w.UserNudgeFriend(DemoBob, DemoBob))
	f := nextAs[*FriendNudgeEvent](t, ev)
	require.Equal(t, "拍了拍", f.DisplayAction)
	require.Equal(t, DemoBob, f.ReceiverID)
}

func TestPeerPins(t *testing.T) {
	w, _, ev := demo(t)
	require.NoError(t, w.SetPeerPin(SceneGroup, DemoGroupDev, true))
	p := nextAs[*PeerPinChangeEvent](t, ev)
	require.Equal(t, PeerPinChangeEvent{EventHeader: p.EventHeader, Scene: SceneGroup, Peer: DemoGroupDev, IsPinned: true}, *p)
	require.NoError(t, w.SetPeerPin(SceneGroup, DemoGroupDev, true), "no change")
	ev.none()
	require.NoError(t, w.SetPeerPin(SceneFriend, DemoAlice, true))
	require.IsType(t, &PeerPinChangeEvent{}, ev.next())
	require.NoError(t, w.SetPeerPin(SceneTemp, DemoDave, true))
	require.IsType(t, &PeerPinChangeEvent{}, ev.next())
	require.Equal(t, []PeerPin{{SceneFriend, DemoAlice}, {SceneGroup, DemoGroupDev}, {SceneTemp, DemoDave}}, w.PeerPins())
	require.NoError(t, w.SetPeerPin(SceneFriend, DemoAlice, false))
	require.False(t, nextAs[*PeerPinChangeEvent](t, ev).IsPinned)
	require.Len(t, w.PeerPins(), 2)
	require.ErrorIs(t, w.SetPeerPin(SceneFriend, DemoEve, true), ErrNotFound)
	_, err := w.AddGroup(Group{ID: 40000, Name: "x", OwnerID: DemoAlice})
	require.NoError(t, err)
	require.ErrorIs(t, w.SetPeerPin(SceneGroup, 40000, true), ErrNotFound)
	require.ErrorIs(t, w.SetPeerPin("guild", 1, true), ErrInvalidArgument)
}

func TestLikeLimitOption(t *testing.T) {
	w, _, _ := demo(t, WithLikeLimit(0))
	require.NoError(t, w.SendLike(DemoEve, 50))
	w2, _, _ := demo(t, WithLikeLimit(2))
	require.ErrorIs(t, w2.SendLike(DemoEve, 3), ErrPermissionDenied)
}
