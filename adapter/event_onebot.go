package adapter

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// OneBotEventToMilky converts a OneBot 11 event to its Milky form for the
// reverse bridge (a Milky client on a OneBot 11 implementation): usually
// one event, several for an emoji-like notice with several likes, none when
// Milky has no form for it (the report says so). message_seq is the
// message_id read by MilkySeqOf; a friend request's initiator_uid is the
// flag, a group request's notification_seq / invitation_seq comes from
// MilkySeqForFlag (the error is the store's). The entities Milky requires
// on a message (friend, group, group_member) are filled from the sender;
// fields OneBot does not carry stay zero.
func (c *Converter) OneBotEventToMilky(ctx context.Context, ev onebot11.Event) ([]milky.Event, *Report, error) {
	var log lossLog
	out, err := c.oneBotEventToMilky(ctx, ev, &log)
	if err != nil {
		return nil, nil, err
	}
	if len(out) > 0 {
		if keys := extraKeys(ev); keys != "" {
			log.add(LossOneBotExtra, "", keys)
		}
	}
	return out, log.report(), nil
}

// extraKeys lists, sorted, the keys of the Extra map of the struct v points
// to; "" when there is none or it is empty.
func extraKeys(v any) string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return ""
	}
	return mapKeys(extraOf(rv.Elem()))
}

// rawMapType is the type of every wire struct's Extra field.
var rawMapType = reflect.TypeFor[map[string]json.RawMessage]()

// fieldIndexes caches, per struct type and field name, the index path
// reflect.Type.FieldByName gives (nil: no such field of the wanted type):
// the conversions look the same few fields up on every event and segment.
var fieldIndexes sync.Map // fieldKey -> []int

type fieldKey struct {
	t    reflect.Type
	name string
}

// fieldOf returns the field name of the struct value sv when it has type
// want (nil: any struct type), else the zero Value.
func fieldOf(sv reflect.Value, name string, want reflect.Type) reflect.Value {
	k := fieldKey{sv.Type(), name}
	idx, ok := fieldIndexes.Load(k)
	if !ok {
		var path []int
		if f, found := k.t.FieldByName(name); found && (f.Type == want || want == nil && f.Type.Kind() == reflect.Struct) {
			path = f.Index
		}
		idx, _ = fieldIndexes.LoadOrStore(k, path)
	}
	path := idx.([]int)
	if path == nil {
		return reflect.Value{}
	}
	f, err := sv.FieldByIndexErr(path)
	if err != nil {
		return reflect.Value{}
	}
	return f
}

// extraOf returns the Extra map of the struct value sv, nil when it has
// none.
func extraOf(sv reflect.Value) map[string]json.RawMessage {
	f := fieldOf(sv, "Extra", rawMapType)
	if !f.IsValid() {
		return nil
	}
	return f.Interface().(map[string]json.RawMessage)
}

func hdr(t, self int64) milky.EventHeader { return milky.EventHeader{Time: t, SelfID: self} }

func oneM(e milky.Event) []milky.Event { return []milky.Event{e} }

func seqOf(log *lossLog, id int64) (int64, bool) {
	seq, ok := MilkySeqOf(id)
	if !ok {
		log.add(LossOneBotMessageID, "message_id", strconv.FormatInt(id, 10))
		return seq, id >= 0
	}
	return seq, true
}

func ptr(v int64) *int64 { return &v }

func (c *Converter) oneBotEventToMilky(ctx context.Context, ev onebot11.Event, log *lossLog) ([]milky.Event, error) {
	switch e := ev.(type) {
	case *onebot11.PrivateMessageEvent:
		return privateToMilky(e, e.UserID, e.UserID, log)
	case *onebot11.PrivateMessageSentEvent:
		peer := e.TargetID
		if peer == 0 {
			peer = e.UserID
		}
		return privateToMilky((*onebot11.PrivateMessageEvent)(e), peer, e.SelfID, log)
	case *onebot11.GroupMessageEvent:
		return groupToMilky(e, log)
	case *onebot11.GroupMessageSentEvent:
		return groupToMilky((*onebot11.GroupMessageEvent)(e), log)
	case *onebot11.GuildMessageEvent, *onebot11.GuildMessageSentEvent:
		log.add(LossOneBotGuild, "", "")
		return nil, nil

	case *onebot11.GroupRecallNoticeEvent:
		seq, ok := seqOf(log, e.MessageID)
		if !ok {
			return nil, nil
		}
		return oneM(&milky.MessageRecallEvent{Header: hdr(e.Time, e.SelfID), Data: milky.MessageRecallEventData{MessageScene: milky.SceneGroup, PeerID: e.GroupID, MessageSeq: seq, SenderID: e.UserID, OperatorID: e.OperatorID}}), nil
	case *onebot11.FriendRecallNoticeEvent:
		seq, ok := seqOf(log, e.MessageID)
		if !ok {
			return nil, nil
		}
		return oneM(&milky.MessageRecallEvent{Header: hdr(e.Time, e.SelfID), Data: milky.MessageRecallEventData{MessageScene: milky.SceneFriend, PeerID: e.UserID, MessageSeq: seq, SenderID: e.UserID, OperatorID: e.UserID}}), nil

	case *onebot11.FriendRequestEvent:
		return oneM(&milky.FriendRequestEvent{Header: hdr(e.Time, e.SelfID), Data: milky.FriendRequestEventData{InitiatorID: e.UserID, InitiatorUID: e.Flag, Comment: e.Comment}}), nil
	case *onebot11.GroupRequestEvent:
		seq, err := c.MilkySeqForFlag(ctx, e.Flag)
		if err != nil {
			return nil, err
		}
		h := hdr(e.Time, e.SelfID)
		if e.Comment != "" && (e.SubType == onebot11.GroupRequestInvite || e.InvitorID != 0) {
			log.add(LossOneBotField, "comment", e.Comment)
		}
		switch {
		case e.SubType == onebot11.GroupRequestInvite:
			return oneM(&milky.GroupInvitationEvent{Header: h, Data: milky.GroupInvitationEventData{GroupID: e.GroupID, InvitationSeq: seq, InitiatorID: e.UserID}}), nil
		case e.InvitorID != 0:
			return oneM(&milky.GroupInvitedJoinRequestEvent{Header: h, Data: milky.GroupInvitedJoinRequestEventData{GroupID: e.GroupID, NotificationSeq: seq, InitiatorID: e.InvitorID, TargetUserID: e.UserID}}), nil
		}
		return oneM(&milky.GroupJoinRequestEvent{Header: h, Data: milky.GroupJoinRequestEventData{GroupID: e.GroupID, NotificationSeq: seq, InitiatorID: e.UserID, Comment: e.Comment}}), nil

	case *onebot11.GroupUploadNoticeEvent:
		if e.File.BusID != 0 || e.File.URL != "" {
			log.add(LossOneBotUpload, "file", "")
		}
		return oneM(&milky.GroupFileUploadEvent{Header: hdr(e.Time, e.SelfID), Data: milky.GroupFileUploadEventData{GroupID: e.GroupID, UserID: e.UserID, FileID: e.File.ID, FileName: e.File.Name, FileSize: e.File.Size}}), nil
	case *onebot11.OfflineFileNoticeEvent:
		log.add(LossOneBotUpload, "file", e.File.URL)
		return oneM(&milky.FriendFileUploadEvent{Header: hdr(e.Time, e.SelfID), Data: milky.FriendFileUploadEventData{UserID: e.UserID, FileName: e.File.Name, FileSize: e.File.Size}}), nil
	case *onebot11.GroupAdminNoticeEvent:
		log.add(LossOneBotOperator, "operator_id", "")
		return oneM(&milky.GroupAdminChangeEvent{Header: hdr(e.Time, e.SelfID), Data: milky.GroupAdminChangeEventData{GroupID: e.GroupID, UserID: e.UserID, IsSet: e.SubType == onebot11.GroupAdminSet}}), nil
	case *onebot11.GroupDecreaseNoticeEvent:
		d := milky.GroupMemberDecreaseEventData{GroupID: e.GroupID, UserID: e.UserID}
		if e.SubType != onebot11.GroupDecreaseLeave && e.OperatorID != 0 && e.OperatorID != e.UserID {
			d.OperatorID = ptr(e.OperatorID)
		}
		return oneM(&milky.GroupMemberDecreaseEvent{Header: hdr(e.Time, e.SelfID), Data: d}), nil
	case *onebot11.GroupIncreaseNoticeEvent:
		d := milky.GroupMemberIncreaseEventData{GroupID: e.GroupID, UserID: e.UserID}
		if e.OperatorID != 0 {
			if e.SubType == onebot11.GroupIncreaseInvite {
				d.InvitorID = ptr(e.OperatorID)
			} else {
				d.OperatorID = ptr(e.OperatorID)
			}
		}
		return oneM(&milky.GroupMemberIncreaseEvent{Header: hdr(e.Time, e.SelfID), Data: d}), nil
	case *onebot11.GroupBanNoticeEvent:
		h := hdr(e.Time, e.SelfID)
		if e.UserID == 0 {
			if e.Duration != 0 {
				log.add(LossOneBotField, "duration", strconv.FormatInt(e.Duration, 10))
			}
			return oneM(&milky.GroupWholeMuteEvent{Header: h, Data: milky.GroupWholeMuteEventData{GroupID: e.GroupID, OperatorID: e.OperatorID, IsMute: e.SubType == onebot11.GroupBanBan}}), nil
		}
		dur := e.Duration
		if e.SubType == onebot11.GroupBanLiftBan || dur < 0 {
			dur = 0
		}
		return oneM(&milky.GroupMuteEvent{Header: h, Data: milky.GroupMuteEventData{GroupID: e.GroupID, UserID: e.UserID, OperatorID: e.OperatorID, Duration: dur}}), nil
	case *onebot11.GroupDismissNoticeEvent:
		return oneM(&milky.GroupDisbandEvent{Header: hdr(e.Time, e.SelfID), Data: milky.GroupDisbandEventData{GroupID: e.GroupID, OperatorID: e.UserID}}), nil
	case *onebot11.EssenceNoticeEvent:
		seq, ok := seqOf(log, e.MessageID)
		if !ok {
			return nil, nil
		}
		if e.SenderID != 0 {
			log.add(LossOneBotEssence, "sender_id", strconv.FormatInt(e.SenderID, 10))
		}
		return oneM(&milky.GroupEssenceMessageChangeEvent{Header: hdr(e.Time, e.SelfID), Data: milky.GroupEssenceMessageChangeEventData{GroupID: e.GroupID, MessageSeq: seq, OperatorID: e.OperatorID, IsSet: e.SubType == onebot11.EssenceAdd}}), nil
	case *onebot11.GroupMsgEmojiLikeNoticeEvent:
		seq, ok := seqOf(log, e.MessageID)
		if !ok {
			return nil, nil
		}
		log.add(LossOneBotReaction, "likes", "")
		out := make([]milky.Event, 0, len(e.Likes))
		for _, l := range e.Likes {
			rt := "emoji"
			if n, ok := parseInt(l.EmojiID); ok && n >= 0 && n < 10000 {
				rt = "face"
			}
			out = append(out, &milky.GroupMessageReactionEvent{Header: hdr(e.Time, e.SelfID), Data: milky.GroupMessageReactionEventData{GroupID: e.GroupID, UserID: e.UserID, MessageSeq: seq, FaceID: l.EmojiID, ReactionType: rt, IsAdd: e.IsAdd}})
		}
		return out, nil
	case *onebot11.BotOfflineNoticeEvent:
		reason := e.Message
		if reason == "" {
			reason = e.Tag
		} else if e.Tag != "" {
			log.add(LossOneBotField, "tag", e.Tag)
		}
		return oneM(&milky.BotOfflineEvent{Header: hdr(e.Time, e.SelfID), Data: milky.BotOfflineEventData{Reason: reason}}), nil
	case *onebot11.PokeNotifyEvent:
		h := hdr(e.Time, e.SelfID)
		if len(e.RawInfo) > 0 {
			log.add(LossOneBotField, "raw_info", "")
		}
		if e.GroupID != 0 {
			return oneM(&milky.GroupNudgeEvent{Header: h, Data: milky.GroupNudgeEventData{GroupID: e.GroupID, SenderID: e.UserID, ReceiverID: e.TargetID}}), nil
		}
		d := milky.FriendNudgeEventData{UserID: e.UserID, IsSelfSend: e.UserID == e.SelfID, IsSelfReceive: e.TargetID == e.SelfID}
		if d.IsSelfSend {
			d.UserID = e.TargetID
		}
		if !d.IsSelfSend && !d.IsSelfReceive {
			log.add(LossOneBotSelfNudge, "", "")
		}
		return oneM(&milky.FriendNudgeEvent{Header: h, Data: d}), nil
	case *onebot11.GroupNameNotifyEvent:
		return oneM(&milky.GroupNameChangeEvent{Header: hdr(e.Time, e.SelfID), Data: milky.GroupNameChangeEventData{GroupID: e.GroupID, NewGroupName: e.NameNew, OperatorID: e.UserID}}), nil

	case *onebot11.HeartbeatMetaEvent, *onebot11.LifecycleMetaEvent:
		log.add(LossOneBotMeta, "", ev.DetailType())
		return nil, nil
	case *onebot11.UnknownEvent:
		log.add(LossOneBotUnknownEvent, "", ev.PostType()+"."+ev.DetailType())
		return nil, nil
	}
	log.add(LossOneBotNoMilkyEvent, "", ev.PostType()+"."+ev.DetailType())
	return nil, nil
}

// messageFieldLoss reports the message event fields Milky has no slot for.
func messageFieldLoss(log *lossLog, s *onebot11.Sender, font int32, realID, seq int64, tempSource int32) {
	var names []string
	if s.Age != 0 {
		names = append(names, "sender.age")
	}
	if s.Area != "" {
		names = append(names, "sender.area")
	}
	if font != 0 && font != 14 { // 14 is the value every implementation sends
		names = append(names, "font")
	}
	if realID != 0 {
		names = append(names, "real_id")
	}
	if seq != 0 {
		names = append(names, "message_seq")
	}
	if tempSource != 0 {
		names = append(names, "temp_source")
	}
	if len(names) > 0 {
		log.add(LossOneBotSender, "", strings.Join(names, ", "))
	}
}

func privateToMilky(e *onebot11.PrivateMessageEvent, peer, sender int64, log *lossLog) ([]milky.Event, error) {
	seq, ok := seqOf(log, e.MessageID)
	if !ok {
		return nil, nil
	}
	messageFieldLoss(log, &e.Sender, e.Font, e.RealID, e.MessageSeq, e.TempSource)
	segs := oneBotToIncoming(e.Message, "message", log)
	m := milky.IncomingMessage{MessageScene: milky.SceneFriend, PeerID: peer, MessageSeq: seq, SenderID: sender, Time: e.Time, Segments: segs}
	switch e.SubType {
	case onebot11.PrivateMessageFriend, "":
		m.Friend = &milky.FriendEntity{UserID: peer, Nickname: e.Sender.Nickname, Sex: sexOf(e.Sender.Sex)}
		if sender != peer {
			m.Friend.Nickname, m.Friend.Sex = "", milky.SexUnknown
		}
	default:
		m.MessageScene = milky.SceneTemp
		gid := e.GroupID
		if gid == 0 {
			gid = e.Sender.GroupID
		}
		if e.Sender.Nickname != "" {
			log.add(LossOneBotField, "sender.nickname", e.Sender.Nickname)
		}
		if gid != 0 {
			m.Group = &milky.GroupEntity{GroupID: gid}
		} else {
			log.add(LossOneBotTempSource, "sub_type", e.SubType)
		}
	}
	return oneM(&milky.MessageReceiveEvent{Header: hdr(e.Time, e.SelfID), Data: m}), nil
}

func groupToMilky(e *onebot11.GroupMessageEvent, log *lossLog) ([]milky.Event, error) {
	seq, ok := seqOf(log, e.MessageID)
	if !ok {
		return nil, nil
	}
	messageFieldLoss(log, &e.Sender, e.Font, e.RealID, e.MessageSeq, 0)
	if e.Anonymous != nil || e.SubType == onebot11.GroupMessageAnonymous {
		log.add(LossOneBotAnonymous, "anonymous", "")
	}
	segs := oneBotToIncoming(e.Message, "message", log)
	s := &e.Sender
	level, _ := parseInt(s.Level)
	role := s.Role
	if role == "" {
		role = onebot11.RoleMember
	}
	m := milky.IncomingMessage{
		MessageScene: milky.SceneGroup, PeerID: e.GroupID, MessageSeq: seq, SenderID: e.UserID, Time: e.Time, Segments: segs,
		Group:       &milky.GroupEntity{GroupID: e.GroupID, GroupName: e.GroupName},
		GroupMember: &milky.GroupMemberEntity{UserID: e.UserID, Nickname: s.Nickname, Sex: sexOf(s.Sex), GroupID: e.GroupID, Card: s.Card, Title: s.Title, Level: level, Role: role},
	}
	return oneM(&milky.MessageReceiveEvent{Header: hdr(e.Time, e.SelfID), Data: m}), nil
}

func sexOf(s string) string {
	switch s {
	case milky.SexMale, milky.SexFemale:
		return s
	}
	return milky.SexUnknown
}
