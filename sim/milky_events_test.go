package sim

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/milky"
)

// Scripted users' actions reach the Milky bot as events.
func TestMilkyScriptedEvents(t *testing.T) {
	e := newMkEnv(t)
	self := e.w.SelfID()
	dev := DemoGroupDev // owned by Alice; the bot and Bob are admins

	_, err := e.w.UserSendGroup(dev, DemoDave, []Element{Mention{UserID: self}, Text{Text: " ping"}})
	require.NoError(t, err)
	recv := mkNext[*milky.MessageReceiveEvent](e)
	assert.Equal(t, `[{"type":"mention","data":{"user_id":10086001,"name":"bot"}},{"type":"text","data":{"text":" ping"}}]`, mkJSON(t, recv.Data.Segments))
	assert.Equal(t, milky.RoleMember, recv.Data.GroupMember.Role)

	require.NoError(t, e.w.UserRecall(DemoBob, SceneGroup, dev, 1))
	rc := mkNext[*milky.MessageRecallEvent](e)
	assert.Equal(t, milky.MessageRecallEventData{MessageScene: "group", PeerID: dev, MessageSeq: 1, SenderID: DemoDave, OperatorID: DemoBob}, rc.Data)

	require.NoError(t, e.w.UserMute(dev, DemoAlice, DemoDave, 90*time.Second))
	mu := mkNext[*milky.GroupMuteEvent](e)
	assert.Equal(t, milky.GroupMuteEventData{GroupID: dev, UserID: DemoDave, OperatorID: DemoAlice, Duration: 90}, mu.Data)

	require.NoError(t, e.w.UserSetWholeMute(dev, DemoBob, true))
	wm := mkNext[*milky.GroupWholeMuteEvent](e)
	assert.Equal(t, milky.GroupWholeMuteEventData{GroupID: dev, OperatorID: DemoBob, IsMute: true}, wm.Data)

	require.NoError(t, e.w.UserSetGroupName(dev, DemoAlice, "duobot"))
	nc := mkNext[*milky.GroupNameChangeEvent](e)
	assert.Equal(t, milky.GroupNameChangeEventData{GroupID: dev, NewGroupName: "duobot", OperatorID: DemoAlice}, nc.Data)

	require.NoError(t, e.w.UserSetAdmin(dev, DemoAlice, DemoCarol, true))
	ac := mkNext[*milky.GroupAdminChangeEvent](e)
	assert.Equal(t, milky.GroupAdminChangeEventData{GroupID: dev, UserID: DemoCarol, OperatorID: DemoAlice, IsSet: true}, ac.Data)

	_, err = e.w.UserSendGroup(dev, DemoAlice, []Element{Text{Text: "essence?"}})
	require.NoError(t, err)
	mkNext[*milky.MessageReceiveEvent](e)
	require.NoError(t, e.w.UserSetEssence(dev, DemoCarol, 2, true))
	es := mkNext[*milky.GroupEssenceMessageChangeEvent](e)
	assert.Equal(t, milky.GroupEssenceMessageChangeEventData{GroupID: dev, MessageSeq: 2, OperatorID: DemoCarol, IsSet: true}, es.Data)
	require.NoError(t, e.w.UserReact(dev, DemoCarol, 2, "128512", "emoji", true))
	re := mkNext[*milky.GroupMessageReactionEvent](e)
	assert.Equal(t, milky.GroupMessageReactionEventData{GroupID: dev, UserID: DemoCarol, MessageSeq: 2, FaceID: "128512", ReactionType: "emoji", IsAdd: true}, re.Data)

	require.NoError(t, e.w.UserNudgeGroup(dev, DemoBob, self))
	gn := mkNext[*milky.GroupNudgeEvent](e)
	assert.Equal(t, milky.GroupNudgeEventData{GroupID: dev, SenderID: DemoBob, ReceiverID: self, DisplayAction: "拍了拍", DisplaySuffix: "的肩膀"}, gn.Data)

	// Card, title and announcement changes by others have no Milky event.
	require.NoError(t, e.w.UserSetCard(dev, DemoAlice, DemoDave, "dave"))
	require.NoError(t, e.w.UserSetTitle(dev, DemoAlice, DemoDave, "newbie"))
	e.none()

	require.NoError(t, e.w.MemberJoin(dev, DemoEve, DemoCarol))
	inc := mkNext[*milky.GroupMemberIncreaseEvent](e)
	assert.Equal(t, DemoEve, inc.Data.UserID)
	require.NotNil(t, inc.Data.InvitorID)
	assert.Equal(t, DemoCarol, *inc.Data.InvitorID)

	require.NoError(t, e.w.UserKick(dev, DemoAlice, DemoEve, false))
	dec := mkNext[*milky.GroupMemberDecreaseEvent](e)
	assert.Equal(t, DemoEve, dec.Data.UserID)
	require.NotNil(t, dec.Data.OperatorID)
	assert.Equal(t, DemoAlice, *dec.Data.OperatorID)

	// The owner kicks the bot: its own decrease, then silence from the group.
	require.NoError(t, e.w.UserKick(dev, DemoAlice, self, false))
	dec = mkNext[*milky.GroupMemberDecreaseEvent](e)
	assert.Equal(t, self, dec.Data.UserID)
	assert.Equal(t, DemoAlice, *dec.Data.OperatorID)
	_, err = e.w.UserSendGroup(dev, DemoAlice, []Element{Text{Text: "bye bot"}})
	require.NoError(t, err)
	e.none()

	// The owner dismisses a group the bot is in (Milky 1.2 form).
	_, err = e.w.AddGroup(Group{ID: 30020, Name: "short-lived", OwnerID: DemoBob})
	require.NoError(t, err)
	_, err = e.w.AddMember(Member{GroupID: 30020, UserID: self})
	require.NoError(t, err)
	require.NoError(t, e.w.UserDismissGroup(30020, DemoBob))
	dec = mkNext[*milky.GroupMemberDecreaseEvent](e)
	assert.Equal(t, int64(30020), dec.Data.GroupID)
	assert.Equal(t, self, dec.Data.UserID)
	assert.Equal(t, DemoBob, *dec.Data.OperatorID)

	// Time moves: event times follow the world clock.
	e.clk.Advance(time.Hour)
	_, err = e.w.UserSendPrivate(DemoCarol, []Element{Text{Text: "later"}})
	require.NoError(t, err)
	recv = mkNext[*milky.MessageReceiveEvent](e)
	assert.Equal(t, mkEpoch.Add(time.Hour).Unix(), recv.Data.Time)
	assert.Equal(t, DemoColleague, recv.Data.Friend.Category.CategoryID)
}

// Every world event kind either has a Milky form or is documented as
// having none.
func TestMilkyEventKinds(t *testing.T) {
	w := New()
	require.NoError(t, w.SeedDemo())
	b := NewMilkyBackend(w, nil)
	msg := Message{Scene: SceneFriend, Peer: DemoAlice, Seq: 1, SenderID: DemoAlice, Content: []Element{Text{Text: "x"}}}
	cases := []struct {
		ev   Event
		want string // "" when there is no Milky form
	}{
		{&MessageEvent{Message: msg}, milky.EventMessageReceive},
		{&RecallEvent{Scene: SceneGroup}, milky.EventMessageRecall},
		{&FriendRequestEvent{}, milky.EventFriendRequest},
		{&GroupJoinRequestEvent{}, milky.EventGroupJoinRequest},
		{&GroupInvitedJoinRequestEvent{}, milky.EventGroupInvitedJoinRequest},
		{&GroupInvitationEvent{}, milky.EventGroupInvitation},
		{&FriendAddedEvent{}, ""},
		{&FriendNudgeEvent{}, milky.EventFriendNudge},
		{&GroupNudgeEvent{}, milky.EventGroupNudge},
		{&FriendFileUploadEvent{}, milky.EventFriendFileUpload},
		{&GroupFileUploadEvent{}, milky.EventGroupFileUpload},
		{&GroupAdminChangeEvent{}, milky.EventGroupAdminChange},
		{&GroupEssenceChangeEvent{}, milky.EventGroupEssenceMessageChange},
		{&GroupMemberIncreaseEvent{}, milky.EventGroupMemberIncrease},
		{&GroupMemberDecreaseEvent{}, milky.EventGroupMemberDecrease},
		{&GroupNameChangeEvent{}, milky.EventGroupNameChange},
		{&GroupReactionEvent{}, milky.EventGroupMessageReaction},
		{&GroupMuteEvent{}, milky.EventGroupMute},
		{&GroupWholeMuteEvent{}, milky.EventGroupWholeMute},
		{&GroupDisbandEvent{}, milky.EventGroupMemberDecrease},
		{&BotOfflineEvent{}, milky.EventBotOffline},
		{&ProfileLikeEvent{}, ""},
		{&GroupCardChangeEvent{}, ""},
		{&GroupTitleChangeEvent{}, ""},
		{&PeerPinChangeEvent{}, milky.EventPeerPinChange},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.ev.Kind()] = true
		got, ok := b.Event(c.ev)
		if c.want == "" {
			assert.False(t, ok, c.ev.Kind())
			continue
		}
		require.True(t, ok, c.ev.Kind())
		assert.Equal(t, c.want, got.EventType(), c.ev.Kind())
		assert.Equal(t, DefaultSelfID, got.SelfID())
	}
	assert.Len(t, seen, 25, "every world event kind is listed")

	b13 := NewMilkyBackend(w, &MilkyOptions{Milky13: true, IgnoreSelfMessages: true})
	got, ok := b13.Event(&GroupDisbandEvent{GroupID: DemoGroupDev})
	require.True(t, ok)
	assert.Equal(t, milky.EventGroupDisband, got.EventType())
	_, ok = b13.Event(&MessageEvent{Message: msg, Self: true})
	assert.False(t, ok)
}

// mkPub is a MilkyPublisher recording events, failing on demand.
type mkPub struct {
	mu    sync.Mutex
	evs   []milky.Event
	fail  error
	tries int
}

func (p *mkPub) Publish(_ context.Context, ev milky.Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tries++
	if p.fail != nil {
		return p.fail
	}
	p.evs = append(p.evs, ev)
	return nil
}

func (p *mkPub) len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.evs)
}

func (p *mkPub) attempts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tries
}

func TestMilkyPumpEvents(t *testing.T) {
	w := New()
	require.NoError(t, w.SeedDemo())
	b := NewMilkyBackend(w, nil)

	// PumpEvents returns ctx's error when ctx ends.
	ctx, cancel := context.WithCancel(t.Context())
	pub := &mkPub{}
	done := make(chan error, 1)
	go func() { done <- b.PumpEvents(ctx, pub) }()
	require.Eventually(t, func() bool {
		_, err := w.UserSendPrivate(DemoAlice, []Element{Text{Text: "x"}})
		return err == nil && pub.len() > 0
	}, 5*time.Second, 10*time.Millisecond)
	cancel()
	require.ErrorIs(t, <-done, context.Canceled)

	// StartEvents: nothing is missed after it returns; a closed server
	// ends the pump with its error.
	pub = &mkPub{}
	stop := b.StartEvents(t.Context(), pub)
	_, err := w.UserSendPrivate(DemoBob, []Element{Text{Text: "y"}})
	require.NoError(t, err)
	require.NoError(t, w.UserLike(DemoBob, 1)) // no Milky form: skipped
	_, err = w.UserSendPrivate(DemoBob, []Element{Text{Text: "z"}})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return pub.len() == 2 }, 5*time.Second, 5*time.Millisecond)
	require.NoError(t, stop())
	require.NoError(t, stop(), "stop is idempotent")

	pub = &mkPub{fail: milky.ErrServerClosed}
	done = make(chan error, 1)
	go func() { done <- b.PumpEvents(t.Context(), pub) }()
	var perr error
	require.Eventually(t, func() bool {
		if _, err := w.UserSendPrivate(DemoBob, []Element{Text{Text: "lost"}}); err != nil {
			return false
		}
		select {
		case perr = <-done:
			return true
		default:
			return false
		}
	}, 5*time.Second, 10*time.Millisecond)
	require.ErrorIs(t, perr, milky.ErrServerClosed)

	// Other publish errors are skipped; a closed world ends the pump.
	pub = &mkPub{fail: errors.New("cannot encode")}
	done = make(chan error, 1)
	go func() { done <- b.PumpEvents(t.Context(), pub) }()
	require.Eventually(t, func() bool {
		_, err := w.UserSendPrivate(DemoAlice, []Element{Text{Text: "x"}})
		return err == nil && pub.attempts() >= 3
	}, 5*time.Second, 10*time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("pump ended: %v", err)
	default:
	}
	w.Close()
	require.NoError(t, <-done)
}
