package milky

import "encoding/json"

// Message scenes: the message_scene of an [IncomingMessage] and of the APIs
// and events that address a conversation.
const (
	SceneFriend = "friend" // a friend conversation; peer is the friend's QQ number
	SceneGroup  = "group"  // a group; peer is the group number
	SceneTemp   = "temp"   // a temporary session started through a group
)

// Enumerated string values of entity and event fields.
const (
	SexMale    = "male"
	SexFemale  = "female"
	SexUnknown = "unknown"

	RoleOwner  = "owner"
	RoleAdmin  = "admin"
	RoleMember = "member"

	StatePending  = "pending"
	StateAccepted = "accepted"
	StateRejected = "rejected"
	StateIgnored  = "ignored"

	ReactionFace  = "face"  // reaction is a QQ face ID
	ReactionEmoji = "emoji" // reaction is an emoji code point

	NotificationJoinRequest        = "join_request"
	NotificationAdminChange        = "admin_change"
	NotificationKick               = "kick"
	NotificationQuit               = "quit"
	NotificationInvitedJoinRequest = "invited_join_request"
)

// IncomingMessage is a received message (the data of message_receive, and
// the messages of GetMessage / GetHistoryMessages). On the wire it is a
// union on message_scene; here it is one struct whose scene-specific fields
// are set according to the scene:
//
//   - "friend": Friend (the sender).
//   - "group": Group and GroupMember (the group and the sender).
//   - "temp": Group, when the implementation knows through which group the
//     session was started (optional).
//
// A message of an unknown scene decodes the same way, its other fields
// kept in Extra, so nothing is lost on re-encoding.
type IncomingMessage struct {
	MessageScene string                     `json:"message_scene"` // SceneFriend, SceneGroup or SceneTemp
	PeerID       int64                      `json:"peer_id"`       // friend QQ number or group number
	MessageSeq   int64                      `json:"message_seq"`   // per-conversation sequence number
	SenderID     int64                      `json:"sender_id"`
	Time         int64                      `json:"time"` // Unix seconds
	Segments     IncomingSegments           `json:"segments"`
	Friend       *FriendEntity              `json:"friend,omitempty"`       // friend scene
	Group        *GroupEntity               `json:"group,omitempty"`        // group scene; temp scene (optional)
	GroupMember  *GroupMemberEntity         `json:"group_member,omitempty"` // group scene
	Extra        map[string]json.RawMessage `json:"-"`                      // unknown keys, kept for re-encoding
}

// IsFriend reports whether m is a friend (private) message.
func (m *IncomingMessage) IsFriend() bool { return m.MessageScene == SceneFriend }

// IsGroup reports whether m is a group message.
func (m *IncomingMessage) IsGroup() bool { return m.MessageScene == SceneGroup }

// IsTemp reports whether m is a temporary-session message.
func (m *IncomingMessage) IsTemp() bool { return m.MessageScene == SceneTemp }
