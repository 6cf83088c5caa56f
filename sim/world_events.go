package sim

import "time"

// Event is something that happened in the world, as seen by the bot. The
// concrete types are the pointer types *XxxEvent below. An event value is
// shared by every subscriber: treat it as read-only.
type Event interface {
	// Kind is a stable short name ("message", "recall", ...).
	Kind() string
	// Header returns the world-assigned sequence number and time.
	Header() EventHeader
	setHeader(h EventHeader)
}

// EventHeader is common to every event.
type EventHeader struct {
	// Seq numbers events world-wide from 1 in publication order.
	Seq  uint64
	Time time.Time
}

// Header returns h.
func (h EventHeader) Header() EventHeader { return h }

func (h *EventHeader) setHeader(v EventHeader) { *h = v }

// MessageEvent: a message was sent in a conversation the bot is part of,
// by a user or by the bot itself (Self; OneBot's message_sent).
type MessageEvent struct {
	EventHeader
	Message Message
	Self    bool
	Sender  User
	// Friend is the peer's friend entry (friend scene).
	Friend *Friend
	// Group is the group (group scene) or the temp session's group.
	Group *Group
	// Member is the sender's membership in Group (group and temp scenes).
	Member *Member
}

// RecallEvent: a message was recalled.
type RecallEvent struct {
	EventHeader
	Scene      Scene
	Peer       int64
	Seq        int64
	MessageID  int32
	SenderID   int64
	OperatorID int64
}

// FriendRequestEvent: a user asked to become the bot's friend.
type FriendRequestEvent struct {
	EventHeader
	Request FriendRequest
}

// GroupJoinRequestEvent: a user asked to join a group the bot administers.
type GroupJoinRequestEvent struct {
	EventHeader
	Request GroupNotification
}

// GroupInvitedJoinRequestEvent: a member invited a user into a group the
// bot administers, pending approval.
type GroupInvitedJoinRequestEvent struct {
	EventHeader
	Request GroupNotification
}

// GroupInvitationEvent: the bot was invited into a group.
type GroupInvitationEvent struct {
	EventHeader
	Invitation GroupInvitation
}

// FriendAddedEvent: a user became the bot's friend.
type FriendAddedEvent struct {
	EventHeader
	Friend Friend
}

// Default nudge display texts.
const (
	NudgeAction = "戳了戳"
)

// FriendNudgeEvent: a nudge in a friend conversation. UserID is the
// friend; SenderID nudged ReceiverID (each is the friend or the bot).
type FriendNudgeEvent struct {
	EventHeader
	UserID              int64
	SenderID            int64
	ReceiverID          int64
	DisplayAction       string
	DisplaySuffix       string
	DisplayActionImgURL string
}

// GroupNudgeEvent: a nudge in a group.
type GroupNudgeEvent struct {
	EventHeader
	GroupID             int64
	SenderID            int64
	ReceiverID          int64
	DisplayAction       string
	DisplaySuffix       string
	DisplayActionImgURL string
}

// FriendFileUploadEvent: a file was sent in a friend conversation (Self
// when the bot sent it).
type FriendFileUploadEvent struct {
	EventHeader
	UserID int64 // the friend
	File   PrivateFile
	Self   bool
}

// GroupFileUploadEvent: a file was uploaded to a group.
type GroupFileUploadEvent struct {
	EventHeader
	GroupID int64
	UserID  int64
	File    GroupFile
}

// GroupAdminChangeEvent: a member was made (IsSet) or unmade admin.
type GroupAdminChangeEvent struct {
	EventHeader
	GroupID    int64
	UserID     int64
	OperatorID int64
	IsSet      bool
}

// GroupEssenceChangeEvent: a message was added to (IsSet) or removed from
// the group's essence.
type GroupEssenceChangeEvent struct {
	EventHeader
	GroupID    int64
	Seq        int64
	MessageID  int32
	SenderID   int64
	OperatorID int64
	IsSet      bool
}

// IncreaseKind says how a member joined.
type IncreaseKind string

// Member increase kinds.
const (
	IncreaseJoin    IncreaseKind = "join"    // joined directly (no approval)
	IncreaseApprove IncreaseKind = "approve" // a join request was approved by OperatorID
	IncreaseInvite  IncreaseKind = "invite"  // invited by InvitorID
)

// GroupMemberIncreaseEvent: a user joined a group (UserID may be the bot).
type GroupMemberIncreaseEvent struct {
	EventHeader
	GroupID    int64
	UserID     int64
	SubType    IncreaseKind
	OperatorID int64 // who approved (0 when none)
	InvitorID  int64 // who invited (0 when none)
}

// DecreaseKind says how a member left.
type DecreaseKind string

// Member decrease kinds.
const (
	DecreaseLeave  DecreaseKind = "leave"
	DecreaseKick   DecreaseKind = "kick"
	DecreaseKickMe DecreaseKind = "kick_me"
)

// GroupMemberDecreaseEvent: a user left or was removed (UserID may be the
// bot: kind leave when it quit, kick_me when kicked).
type GroupMemberDecreaseEvent struct {
	EventHeader
	GroupID    int64
	UserID     int64
	SubType    DecreaseKind
	OperatorID int64 // == UserID on leave
}

// GroupNameChangeEvent: a group was renamed.
type GroupNameChangeEvent struct {
	EventHeader
	GroupID    int64
	Name       string
	OperatorID int64
}

// GroupReactionEvent: a reaction was added to or removed from a group
// message.
type GroupReactionEvent struct {
	EventHeader
	GroupID   int64
	UserID    int64
	Seq       int64
	MessageID int32
	FaceID    string
	Type      string // "face" or "emoji"
	IsAdd     bool
	Count     int // users with this reaction after the change
}

// GroupMuteEvent: a member was muted (Duration > 0) or unmuted (0).
type GroupMuteEvent struct {
	EventHeader
	GroupID    int64
	UserID     int64
	OperatorID int64
	Duration   time.Duration
}

// GroupWholeMuteEvent: whole-group mute was switched on or off.
type GroupWholeMuteEvent struct {
	EventHeader
	GroupID    int64
	OperatorID int64
	IsMute     bool
}

// GroupDisbandEvent: a group the bot was in was dismissed.
type GroupDisbandEvent struct {
	EventHeader
	GroupID    int64
	OperatorID int64
}

// BotOfflineEvent: the bot account went offline.
type BotOfflineEvent struct {
	EventHeader
	Reason string
}

// ProfileLikeEvent: a user liked the bot's profile.
type ProfileLikeEvent struct {
	EventHeader
	OperatorID   int64
	OperatorNick string
	Times        int
}

// GroupCardChangeEvent: a member's group card changed.
type GroupCardChangeEvent struct {
	EventHeader
	GroupID    int64
	UserID     int64
	OperatorID int64
	OldCard    string
	NewCard    string
}

// GroupTitleChangeEvent: a member's special title changed.
type GroupTitleChangeEvent struct {
	EventHeader
	GroupID    int64
	UserID     int64
	OperatorID int64
	Title      string
}

// PeerPinChangeEvent: the bot pinned or unpinned a conversation.
type PeerPinChangeEvent struct {
	EventHeader
	Scene    Scene
	Peer     int64
	IsPinned bool
}

// Kind returns peer_pin_change.
func (*PeerPinChangeEvent) Kind() string { return "peer_pin_change" }

// Kind returns message.
func (*MessageEvent) Kind() string { return "message" }

// Kind returns recall.
func (*RecallEvent) Kind() string { return "recall" }

// Kind returns friend_request.
func (*FriendRequestEvent) Kind() string { return "friend_request" }

// Kind returns group_join_request.
func (*GroupJoinRequestEvent) Kind() string { return "group_join_request" }

// Kind returns group_invited_join_request.
func (*GroupInvitedJoinRequestEvent) Kind() string { return "group_invited_join_request" }

// Kind returns group_invitation.
func (*GroupInvitationEvent) Kind() string { return "group_invitation" }

// Kind returns friend_added.
func (*FriendAddedEvent) Kind() string { return "friend_added" }

// Kind returns friend_nudge.
func (*FriendNudgeEvent) Kind() string { return "friend_nudge" }

// Kind returns group_nudge.
func (*GroupNudgeEvent) Kind() string { return "group_nudge" }

// Kind returns friend_file_upload.
func (*FriendFileUploadEvent) Kind() string { return "friend_file_upload" }

// Kind returns group_file_upload.
func (*GroupFileUploadEvent) Kind() string { return "group_file_upload" }

// Kind returns group_admin_change.
func (*GroupAdminChangeEvent) Kind() string { return "group_admin_change" }

// Kind returns group_essence_change.
func (*GroupEssenceChangeEvent) Kind() string { return "group_essence_change" }

// Kind returns group_member_increase.
func (*GroupMemberIncreaseEvent) Kind() string { return "group_member_increase" }

// Kind returns group_member_decrease.
func (*GroupMemberDecreaseEvent) Kind() string { return "group_member_decrease" }

// Kind returns group_name_change.
func (*GroupNameChangeEvent) Kind() string { return "group_name_change" }

// Kind returns group_reaction.
func (*GroupReactionEvent) Kind() string { return "group_reaction" }

// Kind returns group_mute.
func (*GroupMuteEvent) Kind() string { return "group_mute" }

// Kind returns group_whole_mute.
func (*GroupWholeMuteEvent) Kind() string { return "group_whole_mute" }

// Kind returns group_disband.
func (*GroupDisbandEvent) Kind() string { return "group_disband" }

// Kind returns bot_offline.
func (*BotOfflineEvent) Kind() string { return "bot_offline" }

// Kind returns profile_like.
func (*ProfileLikeEvent) Kind() string { return "profile_like" }

// Kind returns group_card_change.
func (*GroupCardChangeEvent) Kind() string { return "group_card_change" }

// Kind returns group_title_change.
func (*GroupTitleChangeEvent) Kind() string { return "group_title_change" }
