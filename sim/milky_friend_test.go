package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/milky"
)

func TestMilkyFriendAPIs(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()
	self := e.w.SelfID()

	// Nudges.
	require.NoError(t, e.c.SendFriendNudge(ctx, &milky.SendFriendNudgeParams{UserID: DemoAlice}))
	nu := mkNext[*milky.FriendNudgeEvent](e)
	assert.Equal(t, DemoAlice, nu.Data.UserID)
	assert.True(t, nu.Data.IsSelfSend)
	assert.False(t, nu.Data.IsSelfReceive)
	assert.Equal(t, NudgeAction, nu.Data.DisplayAction)
	require.NoError(t, e.c.SendFriendNudge(ctx, &milky.SendFriendNudgeParams{UserID: DemoAlice, IsSelf: true}))
	nu = mkNext[*milky.FriendNudgeEvent](e)
	assert.True(t, nu.Data.IsSelfSend)
	assert.True(t, nu.Data.IsSelfReceive)
	require.NoError(t, e.w.UserNudgeFriend(DemoBob, self))
	nu = mkNext[*milky.FriendNudgeEvent](e)
	assert.Equal(t, milky.FriendNudgeEventData{UserID: DemoBob, IsSelfSend: false, IsSelfReceive: true, DisplayAction: "拍了拍", DisplaySuffix: "的肩膀"}, nu.Data)
	mkAPIErr(t, e.c.SendFriendNudge(ctx, &milky.SendFriendNudgeParams{UserID: DemoDave}), MilkyRetcodeNotFound)

	// Likes.
	before, err := e.w.User(DemoCarol)
	require.NoError(t, err)
	require.NoError(t, e.c.SendProfileLike(ctx, &milky.SendProfileLikeParams{UserID: DemoCarol}))
	require.NoError(t, e.c.SendProfileLike(ctx, &milky.SendProfileLikeParams{UserID: DemoCarol, Count: mkPtr[int64](3)}))
	after, err := e.w.User(DemoCarol)
	require.NoError(t, err)
	assert.Equal(t, before.LikeCount+4, after.LikeCount)
	mkAPIErr(t, e.c.SendProfileLike(ctx, &milky.SendProfileLikeParams{UserID: DemoCarol, Count: mkPtr[int64](DefaultLikeLimit)}), MilkyRetcodePermissionDenied)
	mkAPIErr(t, e.c.SendProfileLike(ctx, &milky.SendProfileLikeParams{UserID: DemoCarol, Count: mkPtr[int64](0)}), milky.RetcodeBadParams)
	// A user liking the bot has no Milky event.
	require.NoError(t, e.w.UserLike(DemoAlice, 2))
	e.none()

	// Friend requests.
	dave, err := e.w.RequestFriend(DemoDave, "hi, I'm Dave")
	require.NoError(t, err)
	fr := mkNext[*milky.FriendRequestEvent](e)
	assert.Equal(t, milky.FriendRequestEventData{InitiatorID: DemoDave, InitiatorUID: dave.InitiatorUID, Comment: "hi, I'm Dave", Via: dave.Via}, fr.Data)
	eve, err := e.w.RequestFriend(DemoEve, "")
	require.NoError(t, err)
	mkNext[*milky.FriendRequestEvent](e)

	reqs, err := e.c.GetFriendRequests(ctx, nil)
	require.NoError(t, err)
	require.Len(t, reqs.Requests, 2)
	assert.Equal(t, DemoEve, reqs.Requests[0].InitiatorID, "newest first")
	assert.Equal(t, milky.StatePending, reqs.Requests[1].State)
	assert.Equal(t, self, reqs.Requests[1].TargetUserID)
	assert.Equal(t, e.w.Self().UID, reqs.Requests[1].TargetUserUID)
	reqs, err = e.c.GetFriendRequests(ctx, &milky.GetFriendRequestsParams{Limit: mkPtr[int64](1)})
	require.NoError(t, err)
	assert.Len(t, reqs.Requests, 1)
	reqs, err = e.c.GetFriendRequests(ctx, &milky.GetFriendRequestsParams{IsFiltered: true})
	require.NoError(t, err)
	assert.Empty(t, reqs.Requests)

	mkAPIErr(t, e.c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: dave.InitiatorUID, IsFiltered: true}), MilkyRetcodeNotFound)
	require.NoError(t, e.c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: dave.InitiatorUID}))
	_, err = e.w.Friend(DemoDave)
	require.NoError(t, err, "Dave is a friend")
	require.NoError(t, e.c.RejectFriendRequest(ctx, &milky.RejectFriendRequestParams{InitiatorUID: eve.InitiatorUID, Reason: mkPtr("no")}))
	_, err = e.w.Friend(DemoEve)
	require.ErrorIs(t, err, ErrNotFound)
	reqs, err = e.c.GetFriendRequests(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, milky.StateRejected, reqs.Requests[0].State)
	assert.Equal(t, milky.StateAccepted, reqs.Requests[1].State)
	mkAPIErr(t, e.c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: "u_nobody"}), MilkyRetcodeNotFound)
	// friend_added has no Milky form.
	e.none()

	friends, err := e.c.GetFriendList(ctx, nil)
	require.NoError(t, err)
	assert.Len(t, friends.Friends, 4)

	require.NoError(t, e.c.DeleteFriend(ctx, &milky.DeleteFriendParams{UserID: DemoDave}))
	_, err = e.w.Friend(DemoDave)
	require.ErrorIs(t, err, ErrNotFound)
	mkAPIErr(t, e.c.DeleteFriend(ctx, &milky.DeleteFriendParams{UserID: DemoDave}), MilkyRetcodeNotFound)
	e.none()
}
