package sim

import (
	"context"
	"errors"
	"sync"

	"github.com/duobot/duobot/milky"
)

// MilkyPublisher receives Milky events; [*milky.Server] is one.
type MilkyPublisher interface {
	Publish(ctx context.Context, ev milky.Event) error
}

// Event converts a world event into its Milky event, stamped with the
// bot's uin as self_id and the event's time. ok is false for an event
// without a Milky form (friend_added, profile_like, group_card_change,
// group_title_change), and for the bot's own messages when
// [MilkyOptions.IgnoreSelfMessages] is set.
func (b *MilkyBackend) Event(ev Event) (out milky.Event, ok bool) {
	h := milky.EventHeader{Time: milkyUnix(ev.Header().Time), SelfID: b.w.SelfID()}
	switch e := ev.(type) {
	case *MessageEvent:
		if e.Self && b.opts.IgnoreSelfMessages {
			return nil, false
		}
		return &milky.MessageReceiveEvent{Header: h, Data: b.incomingMessage(e.Message, e.Friend, e.Group, e.Member)}, true
	case *RecallEvent:
		return &milky.MessageRecallEvent{Header: h, Data: milky.MessageRecallEventData{
			MessageScene: string(e.Scene), PeerID: e.Peer, MessageSeq: e.Seq, SenderID: e.SenderID, OperatorID: e.OperatorID,
		}}, true
	case *PeerPinChangeEvent:
		return &milky.PeerPinChangeEvent{Header: h, Data: milky.PeerPinChangeEventData{MessageScene: string(e.Scene), PeerID: e.Peer, IsPinned: e.IsPinned}}, true
	case *FriendRequestEvent:
		r := e.Request
		return &milky.FriendRequestEvent{Header: h, Data: milky.FriendRequestEventData{InitiatorID: r.InitiatorID, InitiatorUID: r.InitiatorUID, Comment: r.Comment, Via: r.Via}}, true
	case *GroupJoinRequestEvent:
		r := e.Request
		return &milky.GroupJoinRequestEvent{Header: h, Data: milky.GroupJoinRequestEventData{
			GroupID: r.GroupID, NotificationSeq: r.Seq, IsFiltered: r.IsFiltered, InitiatorID: r.InitiatorID, Comment: r.Comment,
		}}, true
	case *GroupInvitedJoinRequestEvent:
		r := e.Request
		return &milky.GroupInvitedJoinRequestEvent{Header: h, Data: milky.GroupInvitedJoinRequestEventData{
			GroupID: r.GroupID, NotificationSeq: r.Seq, InitiatorID: r.InitiatorID, TargetUserID: r.TargetUserID,
		}}, true
	case *GroupInvitationEvent:
		inv := e.Invitation
		return &milky.GroupInvitationEvent{Header: h, Data: milky.GroupInvitationEventData{GroupID: inv.GroupID, InvitationSeq: inv.Seq, InitiatorID: inv.InitiatorID}}, true
	case *FriendNudgeEvent:
		self := b.w.SelfID()
		return &milky.FriendNudgeEvent{Header: h, Data: milky.FriendNudgeEventData{
			UserID: e.UserID, IsSelfSend: e.SenderID == self, IsSelfReceive: e.ReceiverID == self,
			DisplayAction: e.DisplayAction, DisplaySuffix: e.DisplaySuffix, DisplayActionImgURL: e.DisplayActionImgURL,
		}}, true
	case *GroupNudgeEvent:
		return &milky.GroupNudgeEvent{Header: h, Data: milky.GroupNudgeEventData{
			GroupID: e.GroupID, SenderID: e.SenderID, ReceiverID: e.ReceiverID,
			DisplayAction: e.DisplayAction, DisplaySuffix: e.DisplaySuffix, DisplayActionImgURL: e.DisplayActionImgURL,
		}}, true
	case *FriendFileUploadEvent:
		f := e.File
		return &milky.FriendFileUploadEvent{Header: h, Data: milky.FriendFileUploadEventData{
			UserID: e.UserID, FileID: f.ID, FileName: f.Name, FileSize: f.Size, FileHash: f.Hash, IsSelf: e.Self,
		}}, true
	case *GroupFileUploadEvent:
		f := e.File
		return &milky.GroupFileUploadEvent{Header: h, Data: milky.GroupFileUploadEventData{
			GroupID: e.GroupID, UserID: e.UserID, FileID: f.ID, FileName: f.Name, FileSize: f.Size,
		}}, true
	case *GroupAdminChangeEvent:
		return &milky.GroupAdminChangeEvent{Header: h, Data: milky.GroupAdminChangeEventData{GroupID: e.GroupID, UserID: e.UserID, OperatorID: e.OperatorID, IsSet: e.IsSet}}, true
	case *GroupEssenceChangeEvent:
		return &milky.GroupEssenceMessageChangeEvent{Header: h, Data: milky.GroupEssenceMessageChangeEventData{
			GroupID: e.GroupID, MessageSeq: e.Seq, OperatorID: e.OperatorID, IsSet: e.IsSet,
		}}, true
	case *GroupMemberIncreaseEvent:
		return &milky.GroupMemberIncreaseEvent{Header: h, Data: milky.GroupMemberIncreaseEventData{
			GroupID: e.GroupID, UserID: e.UserID, OperatorID: milkyOptID(e.OperatorID), InvitorID: milkyOptID(e.InvitorID),
		}}, true
	case *GroupMemberDecreaseEvent:
		d := milky.GroupMemberDecreaseEventData{GroupID: e.GroupID, UserID: e.UserID}
		if e.SubType != DecreaseLeave {
			d.OperatorID = milkyOptID(e.OperatorID)
		}
		return &milky.GroupMemberDecreaseEvent{Header: h, Data: d}, true
	case *GroupNameChangeEvent:
		return &milky.GroupNameChangeEvent{Header: h, Data: milky.GroupNameChangeEventData{GroupID: e.GroupID, NewGroupName: e.Name, OperatorID: e.OperatorID}}, true
	case *GroupReactionEvent:
		typ := e.Type
		if typ != milky.ReactionEmoji {
			typ = milky.ReactionFace
		}
		return &milky.GroupMessageReactionEvent{Header: h, Data: milky.GroupMessageReactionEventData{
			GroupID: e.GroupID, UserID: e.UserID, MessageSeq: e.Seq, FaceID: e.FaceID, ReactionType: typ, IsAdd: e.IsAdd,
		}}, true
	case *GroupMuteEvent:
		return &milky.GroupMuteEvent{Header: h, Data: milky.GroupMuteEventData{
			GroupID: e.GroupID, UserID: e.UserID, OperatorID: e.OperatorID, Duration: int64(e.Duration.Seconds()),
		}}, true
	case *GroupWholeMuteEvent:
		return &milky.GroupWholeMuteEvent{Header: h, Data: milky.GroupWholeMuteEventData{GroupID: e.GroupID, OperatorID: e.OperatorID, IsMute: e.IsMute}}, true
	case *GroupDisbandEvent:
		if b.opts.Milky13 {
			return &milky.GroupDisbandEvent{Header: h, Data: milky.GroupDisbandEventData{GroupID: e.GroupID, OperatorID: e.OperatorID}}, true
		}
		return &milky.GroupMemberDecreaseEvent{Header: h, Data: milky.GroupMemberDecreaseEventData{
			GroupID: e.GroupID, UserID: b.w.SelfID(), OperatorID: milkyOptID(e.OperatorID),
		}}, true
	case *BotOfflineEvent:
		return &milky.BotOfflineEvent{Header: h, Data: milky.BotOfflineEventData{Reason: e.Reason}}, true
	}
	// FriendAddedEvent, ProfileLikeEvent, GroupCardChangeEvent,
	// GroupTitleChangeEvent: Milky has no such event.
	return nil, false
}

// milkyOptID is an optional id: nil for 0.
func milkyOptID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// PumpEvents subscribes to the world at once, then publishes the Milky
// form of every world event (see [MilkyBackend.Event]) to pub, in order,
// until ctx ends or the world is closed. It returns nil when the world is
// closed, ctx's error when ctx ends, and the error of a Publish that fails
// with [milky.ErrServerClosed]. Other Publish errors (an event that cannot
// be encoded) are logged and skipped.
//
// Events published before PumpEvents subscribes are not delivered; use
// [MilkyBackend.StartEvents] to subscribe before acting on the world.
func (b *MilkyBackend) PumpEvents(ctx context.Context, pub MilkyPublisher) error {
	ch, cancel := b.w.Subscribe(64)
	defer cancel()
	return b.pump(ctx, ch, pub)
}

// StartEvents subscribes to the world before returning, then pumps events
// to pub in a goroutine as [MilkyBackend.PumpEvents] does. stop ends the
// pumping, waits for the goroutine and returns what PumpEvents would have
// (nil after a clean stop).
func (b *MilkyBackend) StartEvents(ctx context.Context, pub MilkyPublisher) (stop func() error) {
	ch, cancel := b.w.Subscribe(64)
	ctx, cancelCtx := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		defer cancel()
		done <- b.pump(ctx, ch, pub)
	}()
	return sync.OnceValue(func() error {
		cancelCtx()
		err := <-done
		if errors.Is(err, context.Canceled) {
			err = nil
		}
		return err
	})
}

func (b *MilkyBackend) pump(ctx context.Context, ch <-chan Event, pub MilkyPublisher) error {
	return pumpLoop(ctx, ch, 0, nil, 0, nil, func(ctx context.Context, ev Event) error {
		err := b.publish(ctx, pub, ev)
		if err == nil || errors.Is(err, milky.ErrServerClosed) || ctx.Err() != nil {
			return err
		}
		if b.opts.Logger != nil {
			b.opts.Logger.Warn("sim milky: event not published", "event", ev.Kind(), "error", err)
		}
		return nil
	})
}

// publish publishes the Milky form of ev to pub (nothing when it has none).
func (b *MilkyBackend) publish(ctx context.Context, pub MilkyPublisher, ev Event) error {
	mev, ok := b.Event(ev)
	if !ok {
		return nil
	}
	return pub.Publish(ctx, mev)
}
