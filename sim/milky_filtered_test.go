package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/milky"
)

// Filtered requests live in their own lists (is_filtered) and are handled
// only through them.
func TestMilkyFilteredRequests(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()

	// A filtered friend request: no event, only in the filtered list.
	dave, err := e.w.RequestFriendFiltered(DemoDave, "risky hi")
	require.NoError(t, err)
	assert.True(t, dave.IsFiltered)
	e.none()
	reqs, err := e.c.GetFriendRequests(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, reqs.Requests)
	reqs, err = e.c.GetFriendRequests(ctx, &milky.GetFriendRequestsParams{IsFiltered: true})
	require.NoError(t, err)
	require.Len(t, reqs.Requests, 1)
	assert.Equal(t, DemoDave, reqs.Requests[0].InitiatorID)
	assert.Equal(t, dave.InitiatorUID, reqs.Requests[0].InitiatorUID)
	assert.True(t, reqs.Requests[0].IsFiltered)
	assert.Equal(t, "risky hi", reqs.Requests[0].Comment)
	mkAPIErr(t, e.c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: dave.InitiatorUID}), MilkyRetcodeNotFound)
	require.NoError(t, e.c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: dave.InitiatorUID, IsFiltered: true}))
	_, err = e.w.Friend(DemoDave)
	require.NoError(t, err, "Dave is a friend")

	// An ordinary request is not in the filtered list.
	eve, err := e.w.RequestFriend(DemoEve, "")
	require.NoError(t, err)
	mkNext[*milky.FriendRequestEvent](e)
	mkAPIErr(t, e.c.RejectFriendRequest(ctx, &milky.RejectFriendRequestParams{InitiatorUID: eve.InitiatorUID, IsFiltered: true}), MilkyRetcodeNotFound)

	// A filtered join request: its event says so, and it is in the
	// filtered notification list only.
	jr, err := e.w.RequestJoinGroupFiltered(DemoGroupPlay, DemoCarol, "let me in")
	require.NoError(t, err)
	ev := mkNext[*milky.GroupJoinRequestEvent](e)
	assert.True(t, ev.Data.IsFiltered)
	assert.Equal(t, jr.Seq, ev.Data.NotificationSeq)
	ns, err := e.c.GetGroupNotifications(ctx, nil)
	require.NoError(t, err)
	for _, n := range ns.Notifications {
		if j, ok := n.(*milky.GroupJoinRequestNotification); ok {
			assert.NotEqual(t, jr.Seq, j.NotificationSeq, "filtered request in the ordinary list")
		}
	}
	ns, err = e.c.GetGroupNotifications(ctx, &milky.GetGroupNotificationsParams{IsFiltered: true})
	require.NoError(t, err)
	require.Len(t, ns.Notifications, 1)
	j := ns.Notifications[0].(*milky.GroupJoinRequestNotification)
	assert.True(t, j.IsFiltered)
	assert.Equal(t, jr.Seq, j.NotificationSeq)
	mkAPIErr(t, e.c.AcceptGroupRequest(ctx, &milky.AcceptGroupRequestParams{NotificationSeq: jr.Seq, NotificationType: milky.NotificationJoinRequest, GroupID: DemoGroupPlay}), MilkyRetcodeNotFound)
	require.NoError(t, e.c.AcceptGroupRequest(ctx, &milky.AcceptGroupRequestParams{NotificationSeq: jr.Seq, NotificationType: milky.NotificationJoinRequest, GroupID: DemoGroupPlay, IsFiltered: true}))
	_, err = e.w.Member(DemoGroupPlay, DemoCarol)
	require.NoError(t, err)
}
