package adapter

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// MilkyEventToOneBot converts a Milky event to its OneBot 11 form for the
// forward bridge: usually one event, none when OneBot 11 has no form for it
// (peer_pin_change, unknown events: the report says so). Message ids,
// request flags and forward ids come from the store; the error is the
// store's.
//
// Messages: friend -> private friend, group -> group normal, temp ->
// private group (group_id from the temp session's group when known). A
// message whose sender is the bot (self_id) becomes the message_sent form
// with target_id the peer. message_seq is kept in the LLOneBot / NapCat
// message_seq field, raw_message is the CQ string of the message.
func (c *Converter) MilkyEventToOneBot(ctx context.Context, ev milky.Event) ([]onebot11.Event, *Report, error) {
	var log lossLog
	out, err := c.milkyEventInto(ctx, ev, &log)
	if err != nil {
		return nil, nil, err
	}
	return out, log.report(), nil
}

// milkyEventInto is MilkyEventToOneBot appending the losses to log (which
// the bridge's event pump reuses from one event to the next).
func (c *Converter) milkyEventInto(ctx context.Context, ev milky.Event, log *lossLog) ([]onebot11.Event, error) {
	out, err := c.milkyEventToOneBot(ctx, ev, log)
	if err != nil {
		return nil, err
	}
	if len(out) > 0 {
		milkyExtraLoss(log, ev)
	}
	return out, nil
}

func one(e onebot11.Event) []onebot11.Event { return []onebot11.Event{e} }

func (c *Converter) milkyEventToOneBot(ctx context.Context, ev milky.Event, log *lossLog) ([]onebot11.Event, error) {
	t, self := ev.Time(), ev.SelfID()
	switch e := ev.(type) {
	case *milky.MessageReceiveEvent:
		return c.milkyMessageToOneBot(ctx, t, self, &e.Data, log)

	case *milky.MessageRecallEvent:
		d := &e.Data
		switch d.MessageScene {
		case milky.SceneGroup, milky.SceneFriend, milky.SceneTemp:
		default:
			log.add(LossMessageScene, "data.message_scene", d.MessageScene)
			return nil, nil
		}
		id, err := c.OneBotMessageID(ctx, d.MessageScene, d.PeerID, d.MessageSeq)
		if err != nil {
			return nil, err
		}
		if d.DisplaySuffix != "" {
			log.add(LossRecallSuffix, "data.display_suffix", d.DisplaySuffix)
		}
		switch d.MessageScene {
		case milky.SceneGroup:
			return one(&onebot11.GroupRecallNoticeEvent{Time: t, SelfID: self, GroupID: d.PeerID, UserID: d.SenderID, OperatorID: d.OperatorID, MessageID: int64(id)}), nil
		case milky.SceneTemp:
			log.add(LossRecallTemp, "data.message_scene", "")
			fallthrough
		default:
			if d.OperatorID != d.SenderID {
				log.add(LossRecallOperator, "data.operator_id", strconv.FormatInt(d.OperatorID, 10))
			}
		}
		return one(&onebot11.FriendRecallNoticeEvent{Time: t, SelfID: self, UserID: d.PeerID, MessageID: int64(id)}), nil

	case *milky.PeerPinChangeEvent:
		log.add(LossPeerPin, "", "")
		return nil, nil

	case *milky.FriendRequestEvent:
		d := &e.Data
		flag, err := c.requestFlag(ctx, RequestRef{Kind: RequestFriend, InitiatorUID: d.InitiatorUID})
		if err != nil {
			return nil, err
		}
		if d.Via != "" {
			log.add(LossFriendRequestVia, "data.via", d.Via)
		}
		return one(&onebot11.FriendRequestEvent{Time: t, SelfID: self, UserID: d.InitiatorID, Comment: d.Comment, Flag: flag}), nil

	case *milky.GroupJoinRequestEvent:
		d := &e.Data
		flag, err := c.requestFlag(ctx, RequestRef{Kind: RequestGroup, GroupID: d.GroupID, NotificationSeq: d.NotificationSeq, NotificationType: "join_request", IsFiltered: d.IsFiltered})
		if err != nil {
			return nil, err
		}
		return one(&onebot11.GroupRequestEvent{Time: t, SelfID: self, SubType: onebot11.GroupRequestAdd, GroupID: d.GroupID, UserID: d.InitiatorID, Comment: d.Comment, Flag: flag}), nil

	case *milky.GroupInvitedJoinRequestEvent:
		d := &e.Data
		flag, err := c.requestFlag(ctx, RequestRef{Kind: RequestGroup, GroupID: d.GroupID, NotificationSeq: d.NotificationSeq, NotificationType: "invited_join_request"})
		if err != nil {
			return nil, err
		}
		log.add(LossInvitedJoin, "", "")
		return one(&onebot11.GroupRequestEvent{Time: t, SelfID: self, SubType: onebot11.GroupRequestAdd, GroupID: d.GroupID, UserID: d.TargetUserID, InvitorID: d.InitiatorID, Flag: flag}), nil

	case *milky.GroupInvitationEvent:
		d := &e.Data
		flag, err := c.requestFlag(ctx, RequestRef{Kind: RequestGroupInvitation, GroupID: d.GroupID, InvitationSeq: d.InvitationSeq})
		if err != nil {
			return nil, err
		}
		if d.SourceGroupID != nil {
			log.add(LossInvitationSource, "data.source_group_id", strconv.FormatInt(*d.SourceGroupID, 10))
		}
		return one(&onebot11.GroupRequestEvent{Time: t, SelfID: self, SubType: onebot11.GroupRequestInvite, GroupID: d.GroupID, UserID: d.InitiatorID, Flag: flag}), nil

	case *milky.FriendNudgeEvent:
		d := &e.Data
		nudgeDisplay(log, d.DisplayAction, d.DisplaySuffix, d.DisplayActionImgURL)
		from, to := d.UserID, self
		if d.IsSelfSend {
			from = self
		}
		if !d.IsSelfReceive {
			to = d.UserID
		}
		return one(&onebot11.PokeNotifyEvent{Time: t, SelfID: self, UserID: from, TargetID: to, SenderID: from}), nil

	case *milky.GroupNudgeEvent:
		d := &e.Data
		nudgeDisplay(log, d.DisplayAction, d.DisplaySuffix, d.DisplayActionImgURL)
		return one(&onebot11.PokeNotifyEvent{Time: t, SelfID: self, GroupID: d.GroupID, UserID: d.SenderID, TargetID: d.ReceiverID}), nil

	case *milky.FriendFileUploadEvent:
		d := &e.Data
		log.add(LossFileUploadID, "data", "file_id "+d.FileID)
		return one(&onebot11.OfflineFileNoticeEvent{Time: t, SelfID: self, UserID: d.UserID, File: onebot11.OfflineFile{Name: d.FileName, Size: d.FileSize}}), nil

	case *milky.GroupFileUploadEvent:
		d := &e.Data
		return one(&onebot11.GroupUploadNoticeEvent{Time: t, SelfID: self, GroupID: d.GroupID, UserID: d.UserID, File: onebot11.GroupUploadFile{ID: d.FileID, Name: d.FileName, Size: d.FileSize}}), nil

	case *milky.GroupAdminChangeEvent:
		d := &e.Data
		sub := onebot11.GroupAdminUnset
		if d.IsSet {
			sub = onebot11.GroupAdminSet
		}
		if d.OperatorID != 0 {
			log.add(LossAdminOperator, "data.operator_id", strconv.FormatInt(d.OperatorID, 10))
		}
		return one(&onebot11.GroupAdminNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: d.GroupID, UserID: d.UserID}), nil

	case *milky.GroupEssenceMessageChangeEvent:
		d := &e.Data
		id, err := c.OneBotMessageID(ctx, milky.SceneGroup, d.GroupID, d.MessageSeq)
		if err != nil {
			return nil, err
		}
		sub := onebot11.EssenceDelete
		if d.IsSet {
			sub = onebot11.EssenceAdd
		}
		log.add(LossEssenceSender, "", "")
		return one(&onebot11.EssenceNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: d.GroupID, OperatorID: d.OperatorID, MessageID: int64(id)}), nil

	case *milky.GroupMemberIncreaseEvent:
		d := &e.Data
		ob := &onebot11.GroupIncreaseNoticeEvent{Time: t, SelfID: self, SubType: onebot11.GroupIncreaseApprove, GroupID: d.GroupID, UserID: d.UserID}
		if d.OperatorID != nil {
			ob.OperatorID = *d.OperatorID
		}
		if d.InvitorID != nil {
			if d.OperatorID != nil && *d.OperatorID != *d.InvitorID {
				log.add(LossIncreaseOperator, "data.operator_id", strconv.FormatInt(*d.OperatorID, 10))
			}
			ob.SubType, ob.OperatorID = onebot11.GroupIncreaseInvite, *d.InvitorID
		}
		return one(ob), nil

	case *milky.GroupMemberDecreaseEvent:
		d := &e.Data
		ob := &onebot11.GroupDecreaseNoticeEvent{Time: t, SelfID: self, SubType: onebot11.GroupDecreaseLeave, GroupID: d.GroupID, OperatorID: d.UserID, UserID: d.UserID}
		if d.OperatorID != nil && *d.OperatorID != d.UserID && *d.OperatorID != 0 {
			ob.SubType, ob.OperatorID = onebot11.GroupDecreaseKick, *d.OperatorID
			if d.UserID == self {
				ob.SubType = onebot11.GroupDecreaseKickMe
			}
		}
		return one(ob), nil

	case *milky.GroupNameChangeEvent:
		d := &e.Data
		return one(&onebot11.GroupNameNotifyEvent{Time: t, SelfID: self, GroupID: d.GroupID, UserID: d.OperatorID, NameNew: d.NewGroupName}), nil

	case *milky.GroupMessageReactionEvent:
		d := &e.Data
		id, err := c.OneBotMessageID(ctx, milky.SceneGroup, d.GroupID, d.MessageSeq)
		if err != nil {
			return nil, err
		}
		log.add(LossReactionType, "data.reaction_type", d.ReactionType)
		return one(&onebot11.GroupMsgEmojiLikeNoticeEvent{Time: t, SelfID: self, GroupID: d.GroupID, UserID: d.UserID, MessageID: int64(id), Likes: []onebot11.EmojiLike{{EmojiID: d.FaceID, Count: 1}}, IsAdd: d.IsAdd}), nil

	case *milky.GroupMuteEvent:
		d := &e.Data
		sub := onebot11.GroupBanBan
		if d.Duration == 0 {
			sub = onebot11.GroupBanLiftBan
		}
		return one(&onebot11.GroupBanNoticeEvent{Time: t, SelfID: self, SubType: sub, GroupID: d.GroupID, OperatorID: d.OperatorID, UserID: d.UserID, Duration: d.Duration}), nil

	case *milky.GroupWholeMuteEvent:
		d := &e.Data
		ob := &onebot11.GroupBanNoticeEvent{Time: t, SelfID: self, SubType: onebot11.GroupBanLiftBan, GroupID: d.GroupID, OperatorID: d.OperatorID}
		if d.IsMute {
			ob.SubType, ob.Duration = onebot11.GroupBanBan, -1
		}
		log.add(LossWholeMuteDuration, "", "")
		return one(ob), nil

	case *milky.BotOfflineEvent:
		log.add(LossBotOffline, "", "")
		return one(&onebot11.BotOfflineNoticeEvent{Time: t, SelfID: self, UserID: self, Tag: "bot_offline", Message: e.Data.Reason}), nil

	case *milky.GroupDisbandEvent:
		log.add(LossGroupDisband, "", "")
		return one(&onebot11.GroupDecreaseNoticeEvent{Time: t, SelfID: self, SubType: onebot11.GroupDecreaseKickMe, GroupID: e.Data.GroupID, OperatorID: e.Data.OperatorID, UserID: self}), nil
	}
	log.add(LossMilkyUnknownEvent, "event_type", ev.EventType())
	return nil, nil
}

func (c *Converter) requestFlag(ctx context.Context, ref RequestRef) (string, error) {
	flag, err := c.store.RequestFlag(ctx, ref)
	if err != nil {
		return "", err
	}
	return flag, nil
}

func nudgeDisplay(log *lossLog, action, suffix, img string) {
	if action != "" || suffix != "" || img != "" {
		log.add(LossNudgeDisplay, "data", action+suffix)
	}
}

// MilkyMessageToOneBot converts one Milky message (an IncomingMessage, as
// get_message and get_history_messages return it) to the OneBot 11 message
// event MilkyEventToOneBot would give for it, for get_msg and the message
// history actions: a *onebot11.PrivateMessageEvent, *GroupMessageEvent or
// their message_sent forms (sender selfID). The event is nil, with the
// loss reported, for an unknown message scene.
func (c *Converter) MilkyMessageToOneBot(ctx context.Context, selfID int64, m *milky.IncomingMessage) (onebot11.MessageEvent, *Report, error) {
	var log lossLog
	evs, err := c.milkyMessageToOneBot(ctx, m.Time, selfID, m, &log)
	if err != nil {
		return nil, nil, err
	}
	if len(evs) == 0 {
		return nil, log.report(), nil
	}
	if keys := extraKeys(m); keys != "" {
		log.add(LossMilkyExtra, "", keys)
	}
	return evs[0].(onebot11.MessageEvent), log.report(), nil
}

func (c *Converter) milkyMessageToOneBot(ctx context.Context, t, self int64, m *milky.IncomingMessage, log *lossLog) ([]onebot11.Event, error) {
	switch m.MessageScene {
	case milky.SceneFriend, milky.SceneGroup, milky.SceneTemp:
	default:
		log.add(LossMessageScene, "data.message_scene", m.MessageScene)
		return nil, nil
	}
	msg, err := c.incomingToOneBot(ctx, m.MessageScene, m.PeerID, m.Segments, "data.segments", log)
	if err != nil {
		return nil, err
	}
	id, err := c.OneBotMessageID(ctx, m.MessageScene, m.PeerID, m.MessageSeq)
	if err != nil {
		return nil, err
	}
	if m.Time != 0 {
		t = m.Time
	}
	sent := m.SenderID == self
	if m.MessageScene == milky.SceneGroup {
		ev := &onebot11.GroupMessageEvent{
			Time: t, SelfID: self, SubType: onebot11.GroupMessageNormal, MessageID: int64(id),
			GroupID: m.PeerID, UserID: m.SenderID, Message: msg, RawMessage: msg.CQString(),
			Sender: onebot11.Sender{UserID: m.SenderID}, MessageSeq: m.MessageSeq,
		}
		if g := m.Group; g != nil {
			ev.GroupName = g.GroupName
		}
		if mb := m.GroupMember; mb != nil {
			ev.Sender.Nickname, ev.Sender.Sex, ev.Sender.Card = mb.Nickname, mb.Sex, mb.Card
			ev.Sender.Role, ev.Sender.Title = mb.Role, mb.Title
			ev.Sender.Level = strconv.FormatInt(mb.Level, 10)
		}
		if m.Group != nil || m.GroupMember != nil {
			log.add(LossMessageEntities, "data", "group, group_member")
		}
		if sent {
			ev.TargetID = m.PeerID
			return one((*onebot11.GroupMessageSentEvent)(ev)), nil
		}
		return one(ev), nil
	}
	ev := &onebot11.PrivateMessageEvent{
		Time: t, SelfID: self, SubType: onebot11.PrivateMessageFriend, MessageID: int64(id),
		UserID: m.SenderID, Message: msg, RawMessage: msg.CQString(),
		Sender: onebot11.Sender{UserID: m.SenderID}, MessageSeq: m.MessageSeq,
	}
	if m.MessageScene == milky.SceneTemp {
		ev.SubType = onebot11.PrivateMessageGroup
		if g := m.Group; g != nil {
			ev.GroupID = g.GroupID
			ev.Sender.GroupID = g.GroupID
			log.add(LossMessageEntities, "data", "group")
		}
	} else if f := m.Friend; f != nil {
		ev.Sender.Nickname, ev.Sender.Sex = f.Nickname, f.Sex
		log.add(LossMessageEntities, "data", "friend")
	}
	if sent {
		ev.TargetID = m.PeerID
		return one((*onebot11.PrivateMessageSentEvent)(ev)), nil
	}
	return one(ev), nil
}

// milkyExtraLoss reports the unknown members of the event's frame and data.
func milkyExtraLoss(log *lossLog, ev milky.Event) {
	if e, ok := ev.(*milky.MessageReceiveEvent); ok {
		// The common case, without reflection.
		if len(e.Header.Extra) > 0 {
			log.add(LossMilkyExtra, "", mapKeys(e.Header.Extra))
		}
		if len(e.Data.Extra) > 0 {
			log.add(LossMilkyExtra, "data", mapKeys(e.Data.Extra))
		}
		return
	}
	rv := reflect.ValueOf(ev)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return
	}
	if hf := fieldOf(rv.Elem(), "Header", eventHeaderType); hf.IsValid() {
		if h := hf.Interface().(milky.EventHeader); len(h.Extra) > 0 {
			log.add(LossMilkyExtra, "", mapKeys(h.Extra))
		}
	}
	if d := fieldOf(rv.Elem(), "Data", nil); d.IsValid() {
		if keys := mapKeys(extraOf(d)); keys != "" {
			log.add(LossMilkyExtra, "data", keys)
		}
	}
}

var eventHeaderType = reflect.TypeFor[milky.EventHeader]()

// mapKeys lists the keys of m, sorted; "" when it is empty. The empty key
// is listed as `""`, so that a map holding only it still gives a list (and
// is reported as dropped).
func mapKeys(m map[string]json.RawMessage) string {
	if len(m) == 0 {
		return ""
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if k == "" {
			k = `""`
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}
