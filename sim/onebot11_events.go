package sim

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// OneBot11Publisher receives OneBot 11 events; *onebot11.Server is one.
type OneBot11Publisher interface {
	Publish(ctx context.Context, ev onebot11.Event) error
}

// Events converts a world event to its OneBot 11 events (none when the event
// has no OneBot 11 form, see below), each with the bot's self_id and the
// world event's time.
//
// Mapping: messages -> message (message_sent for the bot's own, sub_type
// friend or group for temp sessions); recall -> group_recall / friend_recall;
// friend_request -> request.friend; group_join_request and
// group_invited_join_request -> request.group add (invitor_id set for the
// latter); group_invitation -> request.group invite; friend_added ->
// friend_add; group_nudge / friend_nudge -> notify.poke; group_file_upload ->
// group_upload; friend_file_upload from a friend -> offline_file;
// group_admin_change -> group_admin; group_mute -> group_ban (ban /
// lift_ban; user_id 0 never: whole mute is separate); group_whole_mute ->
// group_ban with user_id 0 (duration -1 when on, 0 when off);
// group_member_increase -> group_increase (approve, or invite when there is
// an invitor); group_member_decrease -> group_decrease; group_card_change ->
// group_card; group_title_change -> notify.title; group_essence_change ->
// essence; group_reaction -> group_msg_emoji_like; group_name_change ->
// notify.group_name; group_disband -> group_dismiss; profile_like ->
// notify.profile_like; bot_offline -> bot_offline. peer_pin_change has no
// OneBot 11 form.
func (b *OneBot11) Events(ev Event) []onebot11.Event {
	self := b.w.SelfID()
	t := ob11Unix(ev.Header().Time)
	one := func(e onebot11.Event) []onebot11.Event { return []onebot11.Event{e} }
	switch e := ev.(type) {
	case *MessageEvent:
		return one(b.messageEvent(e))
	case *RecallEvent:
		switch e.Scene {
		case SceneGroup:
			return one(&onebot11.GroupRecallNoticeEvent{Time: t, SelfID: self, GroupID: e.Peer, UserID: e.SenderID,
				OperatorID: e.OperatorID, MessageID: int64(e.MessageID)})
		default:
			return one(&onebot11.FriendRecallNoticeEvent{Time: t, SelfID: self, UserID: e.SenderID, MessageID: int64(e.MessageID)})
		}
	case *FriendRequestEvent:
		return one(&onebot11.FriendRequestEvent{Time: t, SelfID: self, UserID: e.Request.InitiatorID,
			Comment: e.Request.Comment, Flag: OneBot11FriendFlag(e.Request.InitiatorUID)})
	case *GroupJoinRequestEvent:
		return one(&onebot11.GroupRequestEvent{Time: t, SelfID: self, SubType: onebot11.GroupRequestAdd,
			GroupID: e.Request.GroupID, UserID: e.Request.InitiatorID, Comment: e.Request.Comment,
			Flag: OneBot11GroupFlag(e.Request)})
	case *GroupInvitedJoinRequestEvent:
		return one(&onebot11.GroupRequestEvent{Time: t, SelfID: self, SubType: onebot11.GroupRequestAdd,
			GroupID: e.Request.GroupID, UserID: e.Request.TargetUserID, Comment: e.Request.Comment,
			Flag: OneBot11GroupFlag(e.Request), InvitorID: e.Request.InitiatorID})
	case *GroupInvitationEvent:
		return one(&onebot11.GroupRequestEvent{Time: t, SelfID: self, SubType: onebot11.GroupRequestInvite,
			GroupID: e.Invitation.GroupID, UserID: e.Invitation.InitiatorID, Flag: OneBot11InviteFlag(e.Invitation)})
	case *FriendAddedEvent:
		return one(&onebot11.FriendAddNoticeEvent{Time: t, SelfID: self, UserID: e.Friend.User.UIN})
	case *GroupNudgeEvent:
		return one(&onebot11.PokeNotifyEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.SenderID,
			TargetID: e.ReceiverID, RawInfo: ob11PokeRawInfo(e.DisplayAction, e.DisplaySuffix, e.DisplayActionImgURL)})
	case *FriendNudgeEvent:
		return one(&onebot11.PokeNotifyEvent{Time: t, SelfID: self, UserID: e.SenderID, TargetID: e.ReceiverID,
			SenderID: e.SenderID, RawInfo: ob11PokeRawInfo(e.DisplayAction, e.DisplaySuffix, e.DisplayActionImgURL)})
	case *GroupFileUploadEvent:
		return one(&onebot11.GroupUploadNoticeEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.UserID,
			File: onebot11.GroupUploadFile{ID: e.File.ID, Name: e.File.Name, Size: e.File.Size, BusID: 102}})
	case *FriendFileUploadEvent:
		if e.Self {
			return nil
		}
		return one(&onebot11.OfflineFileNoticeEvent{Time: t, SelfID: self, UserID: e.UserID,
			File: onebot11.OfflineFile{Name: e.File.Name, Size: e.File.Size, URL: b.privateFileURL(e.UserID, e.File)}})
	case *GroupAdminChangeEvent:
		sub := onebot11.GroupAdminUnset
		if e.IsSet {
			sub = onebot11.GroupAdminSet
		}
		return one(&onebot11.GroupAdminNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: e.GroupID, UserID: e.UserID})
	case *GroupMuteEvent:
		sub := onebot11.GroupBanBan
		if e.Duration <= 0 {
			sub = onebot11.GroupBanLiftBan
		}
		return one(&onebot11.GroupBanNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: e.GroupID,
			OperatorID: e.OperatorID, UserID: e.UserID, Duration: int64(e.Duration / time.Second)})
	case *GroupWholeMuteEvent:
		sub, d := onebot11.GroupBanLiftBan, int64(0)
		if e.IsMute {
			sub, d = onebot11.GroupBanBan, -1
		}
		return one(&onebot11.GroupBanNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: e.GroupID,
			OperatorID: e.OperatorID, UserID: 0, Duration: d})
	case *GroupMemberIncreaseEvent:
		sub, op := onebot11.GroupIncreaseApprove, e.OperatorID
		if e.SubType == IncreaseInvite || e.InvitorID != 0 {
			sub = onebot11.GroupIncreaseInvite
			if op == 0 {
				op = e.InvitorID
			}
		}
		return one(&onebot11.GroupIncreaseNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: e.GroupID,
			OperatorID: op, UserID: e.UserID})
	case *GroupMemberDecreaseEvent:
		sub := onebot11.GroupDecreaseLeave
		switch e.SubType {
		case DecreaseKick:
			sub = onebot11.GroupDecreaseKick
		case DecreaseKickMe:
			sub = onebot11.GroupDecreaseKickMe
		}
		op := e.OperatorID
		if sub == onebot11.GroupDecreaseLeave {
			op = e.UserID
		}
		return one(&onebot11.GroupDecreaseNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: e.GroupID,
			OperatorID: op, UserID: e.UserID})
	case *GroupCardChangeEvent:
		return one(&onebot11.GroupCardNoticeEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.UserID,
			CardNew: e.NewCard, CardOld: e.OldCard})
	case *GroupTitleChangeEvent:
		return one(&onebot11.TitleNotifyEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.UserID, Title: e.Title})
	case *GroupEssenceChangeEvent:
		sub := onebot11.EssenceDelete
		if e.IsSet {
			sub = onebot11.EssenceAdd
		}
		return one(&onebot11.EssenceNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: e.GroupID,
			UserID: e.SenderID, SenderID: e.SenderID, OperatorID: e.OperatorID, MessageID: int64(e.MessageID)})
	case *GroupReactionEvent:
		return one(&onebot11.GroupMsgEmojiLikeNoticeEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.UserID,
			MessageID: int64(e.MessageID), Likes: []onebot11.EmojiLike{{EmojiID: e.FaceID, Count: int64(e.Count)}},
			IsAdd: e.IsAdd})
	case *GroupNameChangeEvent:
		return one(&onebot11.GroupNameNotifyEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.OperatorID, NameNew: e.Name})
	case *GroupDisbandEvent:
		return one(&onebot11.GroupDismissNoticeEvent{Time: t, SelfID: self, GroupID: e.GroupID, UserID: e.OperatorID})
	case *ProfileLikeEvent:
		return one(&onebot11.ProfileLikeNotifyEvent{Time: t, SelfID: self, OperatorID: e.OperatorID,
			OperatorNick: e.OperatorNick, Times: int64(e.Times)})
	case *BotOfflineEvent:
		return one(&onebot11.BotOfflineNoticeEvent{Time: t, SelfID: self, UserID: self, Tag: "BotOffline", Message: e.Reason})
	}
	return nil
}

func (b *OneBot11) privateFileURL(uin int64, f PrivateFile) string {
	u, err := b.w.PrivateFileURL(uin, f.ID, "")
	if err != nil {
		return ""
	}
	return u
}

// ob11PokeRawInfo is the raw_info of a poke (LLOneBot's shape: the action
// text and suffix as "nor" items, the action image as an "img" item).
func ob11PokeRawInfo(action, suffix, img string) json.RawMessage {
	type item struct {
		Type string `json:"type"`
		Txt  string `json:"txt,omitempty"`
		Src  string `json:"src,omitempty"`
	}
	items := []item{}
	if img != "" {
		items = append(items, item{Type: "img", Src: img})
	}
	items = append(items, item{Type: "nor", Txt: firstNonEmpty(action, NudgeAction)})
	if suffix != "" {
		items = append(items, item{Type: "nor", Txt: suffix})
	}
	raw, _ := json.Marshal(items) // plain structs always marshal
	return raw
}

func (b *OneBot11) messageEvent(e *MessageEvent) onebot11.Event {
	m := e.Message
	self := b.w.SelfID()
	msg := OneBot11Message(m.Content)
	sender := onebot11.Sender{UserID: e.Sender.UIN, Nickname: e.Sender.Nickname, Sex: ob11Sex(e.Sender.Sex),
		Age: int32(e.Sender.Age)}
	t := ob11Unix(m.Time)
	if m.Scene == SceneGroup {
		if e.Member != nil {
			sender.Card, sender.Role, sender.Title = e.Member.Card, string(e.Member.Role), e.Member.Title
			sender.Level = strconv.Itoa(e.Member.Level)
		}
		if sender.Role == "" {
			sender.Role = onebot11.RoleMember
		}
		ev := &onebot11.GroupMessageEvent{Time: t, SelfID: self, SubType: onebot11.GroupMessageNormal,
			MessageID: int64(m.ID), GroupID: m.Peer, UserID: m.SenderID, Message: msg, RawMessage: msg.CQString(),
			Font: 14, Sender: sender, MessageSeq: m.Seq, RealID: int64(m.ID), MessageFormat: "array"}
		if e.Group != nil {
			ev.GroupName = e.Group.Name
		}
		if e.Self {
			ev.TargetID = m.Peer
			sent := onebot11.GroupMessageSentEvent(*ev)
			return &sent
		}
		return ev
	}
	ev := &onebot11.PrivateMessageEvent{Time: t, SelfID: self, SubType: onebot11.PrivateMessageFriend,
		MessageID: int64(m.ID), UserID: m.SenderID, Message: msg, RawMessage: msg.CQString(), Font: 14,
		Sender: sender, MessageSeq: m.Seq, RealID: int64(m.ID), MessageFormat: "array"}
	if m.Scene == SceneTemp {
		ev.SubType, ev.GroupID = onebot11.PrivateMessageGroup, m.TempGroup
		sender.GroupID = m.TempGroup
		ev.Sender = sender
	}
	if e.Self {
		ev.TargetID = m.Peer
		sent := onebot11.PrivateMessageSentEvent(*ev)
		return &sent
	}
	return ev
}

// Heartbeat returns a heartbeat meta event for the given interval.
func (b *OneBot11) Heartbeat(interval time.Duration) *onebot11.HeartbeatMetaEvent {
	return &onebot11.HeartbeatMetaEvent{Time: ob11Unix(b.w.Now()), SelfID: b.w.SelfID(),
		Status: onebot11.HeartbeatStatus{Online: b.w.Online(), Good: true}, Interval: interval.Milliseconds()}
}

// Run subscribes to the world and publishes the OneBot 11 form of every
// event to pub, plus a heartbeat every HeartbeatInterval, until ctx ends (it
// then returns ctx's error) or the world is closed (it returns nil). A
// Publish error is reported to the Logger and does not stop Run. The
// lifecycle connect event is sent by onebot11.Server on each connection.
//
// Run subscribes as soon as it is called, before it blocks; events emitted
// before that are not published. A caller that starts it with
// `go b.Run(...)` cannot tell when that moment has passed: to act on the
// world right after starting the front-end, use [OneBot11.StartEvents].
func (b *OneBot11) Run(ctx context.Context, pub OneBot11Publisher) error {
	ch, unsubscribe := b.w.Subscribe(256)
	defer unsubscribe()
	return b.run(ctx, ch, pub)
}

// StartEvents subscribes to the world before it returns, then publishes
// events (and heartbeats) to pub in a goroutine as [OneBot11.Run] does:
// every event of a world operation made after StartEvents returns is
// published. stop ends the publishing, waits for the goroutine and returns
// what Run would have: ctx's error when ctx had ended before stop was
// called, nil otherwise (a clean stop, or the world closed). stop is
// idempotent.
func (b *OneBot11) StartEvents(ctx context.Context, pub OneBot11Publisher) (stop func() error) {
	ch, unsubscribe := b.w.Subscribe(256)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		defer unsubscribe()
		done <- b.run(runCtx, ch, pub)
	}()
	return sync.OnceValue(func() error {
		ended := ctx.Err()
		cancel()
		if err := <-done; err == nil || ended == nil {
			return nil
		}
		return ended
	})
}

// run publishes the events of the subscription ch (see Run).
func (b *OneBot11) run(ctx context.Context, ch <-chan Event, pub OneBot11Publisher) error {
	logged := func(err error) error {
		if err != nil && ctx.Err() == nil && b.opts.Logger != nil {
			b.opts.Logger.Warn("sim: publishing OneBot 11 event", "err", err)
		}
		return nil // Run goes on
	}
	return pumpLoop(ctx, ch, 0, nil, b.opts.HeartbeatInterval,
		func(ctx context.Context) error {
			return logged(pub.Publish(ctx, b.Heartbeat(b.opts.HeartbeatInterval)))
		},
		func(ctx context.Context, ev Event) error { return logged(b.publish(ctx, pub, ev)) })
}

// publish publishes the OneBot 11 forms of ev to pub: it stops at an error
// wrapping transport.ErrClosed (the server is closed) and joins the others.
func (b *OneBot11) publish(ctx context.Context, pub OneBot11Publisher, ev Event) error {
	var errs []error
	for _, e := range b.Events(ev) {
		if err := pub.Publish(ctx, e); err != nil {
			if errors.Is(err, transport.ErrClosed) {
				return err
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
