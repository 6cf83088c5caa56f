package milky

// Event types (the event_type of an event frame).
const (
	EventBotOffline                = "bot_offline"
	EventMessageReceive            = "message_receive"
	EventMessageRecall             = "message_recall"
	EventPeerPinChange             = "peer_pin_change"
	EventFriendRequest             = "friend_request"
	EventGroupJoinRequest          = "group_join_request"
	EventGroupInvitedJoinRequest   = "group_invited_join_request"
	EventGroupInvitation           = "group_invitation"
	EventFriendNudge               = "friend_nudge"
	EventFriendFileUpload          = "friend_file_upload"
	EventGroupAdminChange          = "group_admin_change"
	EventGroupEssenceMessageChange = "group_essence_message_change"
	EventGroupMemberIncrease       = "group_member_increase"
	EventGroupMemberDecrease       = "group_member_decrease"
	EventGroupNameChange           = "group_name_change"
	EventGroupMessageReaction      = "group_message_reaction"
	EventGroupMute                 = "group_mute"
	EventGroupWholeMute            = "group_whole_mute"
	EventGroupNudge                = "group_nudge"
	EventGroupFileUpload           = "group_file_upload"
	EventGroupDisband              = "group_disband"
)

// EventTypes lists the event types this package decodes into their own Go
// types: the 20 of Milky 1.2 and group_disband of Milky 1.3.
var EventTypes = []string{
	EventBotOffline,
	EventMessageReceive,
	EventMessageRecall,
	EventPeerPinChange,
	EventFriendRequest,
	EventGroupJoinRequest,
	EventGroupInvitedJoinRequest,
	EventGroupInvitation,
	EventFriendNudge,
	EventFriendFileUpload,
	EventGroupAdminChange,
	EventGroupEssenceMessageChange,
	EventGroupMemberIncrease,
	EventGroupMemberDecrease,
	EventGroupNameChange,
	EventGroupMessageReaction,
	EventGroupMute,
	EventGroupWholeMute,
	EventGroupNudge,
	EventGroupFileUpload,
	EventGroupDisband,
}

// BotOfflineEvent is event_type "bot_offline": the bot went offline (reason in Data).
type BotOfflineEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   BotOfflineEventData
}

// EventType returns "bot_offline".
func (*BotOfflineEvent) EventType() string { return EventBotOffline }

// Time returns the event's Unix time in seconds.
func (e *BotOfflineEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *BotOfflineEvent) SelfID() int64 { return e.Header.SelfID }

func (*BotOfflineEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *BotOfflineEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventBotOffline, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *BotOfflineEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventBotOffline, &e.Header, &e.Data)
}

// MessageReceiveEvent is event_type "message_receive": a message was received (friend, group or temp scene; see IncomingMessage).
type MessageReceiveEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   IncomingMessage
}

// EventType returns "message_receive".
func (*MessageReceiveEvent) EventType() string { return EventMessageReceive }

// Time returns the event's Unix time in seconds.
func (e *MessageReceiveEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *MessageReceiveEvent) SelfID() int64 { return e.Header.SelfID }

func (*MessageReceiveEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *MessageReceiveEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventMessageReceive, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *MessageReceiveEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventMessageReceive, &e.Header, &e.Data)
}

// MessageRecallEvent is event_type "message_recall": a message was recalled.
type MessageRecallEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   MessageRecallEventData
}

// EventType returns "message_recall".
func (*MessageRecallEvent) EventType() string { return EventMessageRecall }

// Time returns the event's Unix time in seconds.
func (e *MessageRecallEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *MessageRecallEvent) SelfID() int64 { return e.Header.SelfID }

func (*MessageRecallEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *MessageRecallEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventMessageRecall, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *MessageRecallEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventMessageRecall, &e.Header, &e.Data)
}

// PeerPinChangeEvent is event_type "peer_pin_change": a conversation was pinned or unpinned (Milky 1.2).
type PeerPinChangeEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   PeerPinChangeEventData
}

// EventType returns "peer_pin_change".
func (*PeerPinChangeEvent) EventType() string { return EventPeerPinChange }

// Time returns the event's Unix time in seconds.
func (e *PeerPinChangeEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *PeerPinChangeEvent) SelfID() int64 { return e.Header.SelfID }

func (*PeerPinChangeEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *PeerPinChangeEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventPeerPinChange, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *PeerPinChangeEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventPeerPinChange, &e.Header, &e.Data)
}

// FriendRequestEvent is event_type "friend_request": someone asked to be a friend.
type FriendRequestEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   FriendRequestEventData
}

// EventType returns "friend_request".
func (*FriendRequestEvent) EventType() string { return EventFriendRequest }

// Time returns the event's Unix time in seconds.
func (e *FriendRequestEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *FriendRequestEvent) SelfID() int64 { return e.Header.SelfID }

func (*FriendRequestEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *FriendRequestEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventFriendRequest, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *FriendRequestEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventFriendRequest, &e.Header, &e.Data)
}

// GroupJoinRequestEvent is event_type "group_join_request": a user asked to join a group.
type GroupJoinRequestEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupJoinRequestEventData
}

// EventType returns "group_join_request".
func (*GroupJoinRequestEvent) EventType() string { return EventGroupJoinRequest }

// Time returns the event's Unix time in seconds.
func (e *GroupJoinRequestEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupJoinRequestEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupJoinRequestEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupJoinRequestEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupJoinRequest, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupJoinRequestEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupJoinRequest, &e.Header, &e.Data)
}

// GroupInvitedJoinRequestEvent is event_type "group_invited_join_request": a member invited someone into a group and approval is needed.
type GroupInvitedJoinRequestEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupInvitedJoinRequestEventData
}

// EventType returns "group_invited_join_request".
func (*GroupInvitedJoinRequestEvent) EventType() string { return EventGroupInvitedJoinRequest }

// Time returns the event's Unix time in seconds.
func (e *GroupInvitedJoinRequestEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupInvitedJoinRequestEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupInvitedJoinRequestEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupInvitedJoinRequestEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupInvitedJoinRequest, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupInvitedJoinRequestEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupInvitedJoinRequest, &e.Header, &e.Data)
}

// GroupInvitationEvent is event_type "group_invitation": someone invited the bot into a group.
type GroupInvitationEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupInvitationEventData
}

// EventType returns "group_invitation".
func (*GroupInvitationEvent) EventType() string { return EventGroupInvitation }

// Time returns the event's Unix time in seconds.
func (e *GroupInvitationEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupInvitationEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupInvitationEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupInvitationEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupInvitation, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupInvitationEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupInvitation, &e.Header, &e.Data)
}

// FriendNudgeEvent is event_type "friend_nudge": a friend nudge happened.
type FriendNudgeEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   FriendNudgeEventData
}

// EventType returns "friend_nudge".
func (*FriendNudgeEvent) EventType() string { return EventFriendNudge }

// Time returns the event's Unix time in seconds.
func (e *FriendNudgeEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *FriendNudgeEvent) SelfID() int64 { return e.Header.SelfID }

func (*FriendNudgeEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *FriendNudgeEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventFriendNudge, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *FriendNudgeEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventFriendNudge, &e.Header, &e.Data)
}

// FriendFileUploadEvent is event_type "friend_file_upload": a file was sent in a friend conversation.
type FriendFileUploadEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   FriendFileUploadEventData
}

// EventType returns "friend_file_upload".
func (*FriendFileUploadEvent) EventType() string { return EventFriendFileUpload }

// Time returns the event's Unix time in seconds.
func (e *FriendFileUploadEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *FriendFileUploadEvent) SelfID() int64 { return e.Header.SelfID }

func (*FriendFileUploadEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *FriendFileUploadEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventFriendFileUpload, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *FriendFileUploadEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventFriendFileUpload, &e.Header, &e.Data)
}

// GroupAdminChangeEvent is event_type "group_admin_change": a member became or stopped being an admin.
type GroupAdminChangeEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupAdminChangeEventData
}

// EventType returns "group_admin_change".
func (*GroupAdminChangeEvent) EventType() string { return EventGroupAdminChange }

// Time returns the event's Unix time in seconds.
func (e *GroupAdminChangeEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupAdminChangeEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupAdminChangeEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupAdminChangeEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupAdminChange, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupAdminChangeEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupAdminChange, &e.Header, &e.Data)
}

// GroupEssenceMessageChangeEvent is event_type "group_essence_message_change": an essence message was added or removed.
type GroupEssenceMessageChangeEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupEssenceMessageChangeEventData
}

// EventType returns "group_essence_message_change".
func (*GroupEssenceMessageChangeEvent) EventType() string { return EventGroupEssenceMessageChange }

// Time returns the event's Unix time in seconds.
func (e *GroupEssenceMessageChangeEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupEssenceMessageChangeEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupEssenceMessageChangeEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupEssenceMessageChangeEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupEssenceMessageChange, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupEssenceMessageChangeEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupEssenceMessageChange, &e.Header, &e.Data)
}

// GroupMemberIncreaseEvent is event_type "group_member_increase": someone joined a group.
type GroupMemberIncreaseEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupMemberIncreaseEventData
}

// EventType returns "group_member_increase".
func (*GroupMemberIncreaseEvent) EventType() string { return EventGroupMemberIncrease }

// Time returns the event's Unix time in seconds.
func (e *GroupMemberIncreaseEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupMemberIncreaseEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupMemberIncreaseEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupMemberIncreaseEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupMemberIncrease, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupMemberIncreaseEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupMemberIncrease, &e.Header, &e.Data)
}

// GroupMemberDecreaseEvent is event_type "group_member_decrease": someone left or was removed from a group.
type GroupMemberDecreaseEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupMemberDecreaseEventData
}

// EventType returns "group_member_decrease".
func (*GroupMemberDecreaseEvent) EventType() string { return EventGroupMemberDecrease }

// Time returns the event's Unix time in seconds.
func (e *GroupMemberDecreaseEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupMemberDecreaseEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupMemberDecreaseEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupMemberDecreaseEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupMemberDecrease, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupMemberDecreaseEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupMemberDecrease, &e.Header, &e.Data)
}

// GroupNameChangeEvent is event_type "group_name_change": a group was renamed.
type GroupNameChangeEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupNameChangeEventData
}

// EventType returns "group_name_change".
func (*GroupNameChangeEvent) EventType() string { return EventGroupNameChange }

// Time returns the event's Unix time in seconds.
func (e *GroupNameChangeEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupNameChangeEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupNameChangeEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupNameChangeEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupNameChange, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupNameChangeEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupNameChange, &e.Header, &e.Data)
}

// GroupMessageReactionEvent is event_type "group_message_reaction": a reaction was added to or removed from a group message.
type GroupMessageReactionEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupMessageReactionEventData
}

// EventType returns "group_message_reaction".
func (*GroupMessageReactionEvent) EventType() string { return EventGroupMessageReaction }

// Time returns the event's Unix time in seconds.
func (e *GroupMessageReactionEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupMessageReactionEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupMessageReactionEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupMessageReactionEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupMessageReaction, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupMessageReactionEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupMessageReaction, &e.Header, &e.Data)
}

// GroupMuteEvent is event_type "group_mute": a member was muted (Duration > 0) or unmuted (Duration 0).
type GroupMuteEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupMuteEventData
}

// EventType returns "group_mute".
func (*GroupMuteEvent) EventType() string { return EventGroupMute }

// Time returns the event's Unix time in seconds.
func (e *GroupMuteEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupMuteEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupMuteEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupMuteEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupMute, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupMuteEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupMute, &e.Header, &e.Data)
}

// GroupWholeMuteEvent is event_type "group_whole_mute": whole-group mute was turned on or off.
type GroupWholeMuteEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupWholeMuteEventData
}

// EventType returns "group_whole_mute".
func (*GroupWholeMuteEvent) EventType() string { return EventGroupWholeMute }

// Time returns the event's Unix time in seconds.
func (e *GroupWholeMuteEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupWholeMuteEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupWholeMuteEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupWholeMuteEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupWholeMute, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupWholeMuteEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupWholeMute, &e.Header, &e.Data)
}

// GroupNudgeEvent is event_type "group_nudge": a group nudge happened.
type GroupNudgeEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupNudgeEventData
}

// EventType returns "group_nudge".
func (*GroupNudgeEvent) EventType() string { return EventGroupNudge }

// Time returns the event's Unix time in seconds.
func (e *GroupNudgeEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupNudgeEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupNudgeEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupNudgeEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupNudge, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupNudgeEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupNudge, &e.Header, &e.Data)
}

// GroupFileUploadEvent is event_type "group_file_upload": a file was uploaded to a group.
type GroupFileUploadEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupFileUploadEventData
}

// EventType returns "group_file_upload".
func (*GroupFileUploadEvent) EventType() string { return EventGroupFileUpload }

// Time returns the event's Unix time in seconds.
func (e *GroupFileUploadEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupFileUploadEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupFileUploadEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupFileUploadEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupFileUpload, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupFileUploadEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupFileUpload, &e.Header, &e.Data)
}

// GroupDisbandEvent is event_type "group_disband": a group was disbanded (Milky 1.3; not in 1.2).
type GroupDisbandEvent struct {
	Header EventHeader // time, self_id and unknown frame keys
	Data   GroupDisbandEventData
}

// EventType returns "group_disband".
func (*GroupDisbandEvent) EventType() string { return EventGroupDisband }

// Time returns the event's Unix time in seconds.
func (e *GroupDisbandEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *GroupDisbandEvent) SelfID() int64 { return e.Header.SelfID }

func (*GroupDisbandEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *GroupDisbandEvent) MarshalJSON() ([]byte, error) {
	return marshalFrame(EventGroupDisband, &e.Header, &e.Data, nil)
}

// UnmarshalJSON decodes a whole event frame of this type.
func (e *GroupDisbandEvent) UnmarshalJSON(b []byte) error {
	return unmarshalFrame(b, EventGroupDisband, &e.Header, &e.Data)
}

func newEvent(typ string) (Event, dataCodec) {
	switch typ {
	case EventBotOffline:
		e := new(BotOfflineEvent)
		return e, &e.Data
	case EventMessageReceive:
		e := new(MessageReceiveEvent)
		return e, &e.Data
	case EventMessageRecall:
		e := new(MessageRecallEvent)
		return e, &e.Data
	case EventPeerPinChange:
		e := new(PeerPinChangeEvent)
		return e, &e.Data
	case EventFriendRequest:
		e := new(FriendRequestEvent)
		return e, &e.Data
	case EventGroupJoinRequest:
		e := new(GroupJoinRequestEvent)
		return e, &e.Data
	case EventGroupInvitedJoinRequest:
		e := new(GroupInvitedJoinRequestEvent)
		return e, &e.Data
	case EventGroupInvitation:
		e := new(GroupInvitationEvent)
		return e, &e.Data
	case EventFriendNudge:
		e := new(FriendNudgeEvent)
		return e, &e.Data
	case EventFriendFileUpload:
		e := new(FriendFileUploadEvent)
		return e, &e.Data
	case EventGroupAdminChange:
		e := new(GroupAdminChangeEvent)
		return e, &e.Data
	case EventGroupEssenceMessageChange:
		e := new(GroupEssenceMessageChangeEvent)
		return e, &e.Data
	case EventGroupMemberIncrease:
		e := new(GroupMemberIncreaseEvent)
		return e, &e.Data
	case EventGroupMemberDecrease:
		e := new(GroupMemberDecreaseEvent)
		return e, &e.Data
	case EventGroupNameChange:
		e := new(GroupNameChangeEvent)
		return e, &e.Data
	case EventGroupMessageReaction:
		e := new(GroupMessageReactionEvent)
		return e, &e.Data
	case EventGroupMute:
		e := new(GroupMuteEvent)
		return e, &e.Data
	case EventGroupWholeMute:
		e := new(GroupWholeMuteEvent)
		return e, &e.Data
	case EventGroupNudge:
		e := new(GroupNudgeEvent)
		return e, &e.Data
	case EventGroupFileUpload:
		e := new(GroupFileUploadEvent)
		return e, &e.Data
	case EventGroupDisband:
		e := new(GroupDisbandEvent)
		return e, &e.Data
	}
	return nil, nil
}

// headerOf returns the header of a known event.
func headerOf(ev Event) *EventHeader {
	switch e := ev.(type) {
	case *BotOfflineEvent:
		return &e.Header
	case *MessageReceiveEvent:
		return &e.Header
	case *MessageRecallEvent:
		return &e.Header
	case *PeerPinChangeEvent:
		return &e.Header
	case *FriendRequestEvent:
		return &e.Header
	case *GroupJoinRequestEvent:
		return &e.Header
	case *GroupInvitedJoinRequestEvent:
		return &e.Header
	case *GroupInvitationEvent:
		return &e.Header
	case *FriendNudgeEvent:
		return &e.Header
	case *FriendFileUploadEvent:
		return &e.Header
	case *GroupAdminChangeEvent:
		return &e.Header
	case *GroupEssenceMessageChangeEvent:
		return &e.Header
	case *GroupMemberIncreaseEvent:
		return &e.Header
	case *GroupMemberDecreaseEvent:
		return &e.Header
	case *GroupNameChangeEvent:
		return &e.Header
	case *GroupMessageReactionEvent:
		return &e.Header
	case *GroupMuteEvent:
		return &e.Header
	case *GroupWholeMuteEvent:
		return &e.Header
	case *GroupNudgeEvent:
		return &e.Header
	case *GroupFileUploadEvent:
		return &e.Header
	case *GroupDisbandEvent:
		return &e.Header
	case *UnknownEvent:
		return &e.Header
	}
	return nil
}
