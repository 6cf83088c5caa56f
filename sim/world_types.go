package sim

import "time"

// Scene is a conversation kind.
type Scene string

// Scenes.
const (
	SceneFriend Scene = "friend"
	SceneGroup  Scene = "group"
	SceneTemp   Scene = "temp"
)

// Role is a group member's role.
type Role string

// Roles, highest first.
const (
	RoleOwner  Role = "owner"
	RoleAdmin  Role = "admin"
	RoleMember Role = "member"
)

// Sex is a user's declared sex.
type Sex string

// Sexes.
const (
	SexMale    Sex = "male"
	SexFemale  Sex = "female"
	SexUnknown Sex = "unknown"
)

// User is a QQ account (the bot's own account is one too).
type User struct {
	UIN       int64
	UID       string // opaque string id (Milky initiator_uid); assigned by the world
	Nickname  string
	Sex       Sex
	Age       int
	QID       string
	Sign      string // signature / long nick / Milky bio
	Level     int
	Country   string
	City      string
	School    string
	AvatarURL string
	LikeCount int // profile likes received
	// NudgeAction and NudgeSuffix are the user's nudge texts ("" means
	// NudgeAction / no suffix), shown in nudges the user sends.
	NudgeAction string
	NudgeSuffix string
}

// FriendCategory is a friend group in the bot's friend list.
type FriendCategory struct {
	ID   int64
	Name string
}

// Friend is one of the bot's friends.
type Friend struct {
	User     User
	Remark   string
	Category FriendCategory
}

// Group is a QQ group.
type Group struct {
	ID             int64
	Name           string
	Remark         string // the bot's remark for the group
	OwnerID        int64
	MemberCount    int // filled in snapshots
	MaxMemberCount int
	WholeMute      bool
	CreatedTime    time.Time
	Description    string
	Question       string
	AvatarURL      string
}

// Member is a user's membership in a group.
type Member struct {
	GroupID      int64
	UserID       int64
	Nickname     string // the user's nickname (filled in snapshots)
	Sex          Sex    // filled in snapshots
	Card         string
	Title        string
	Role         Role
	JoinTime     time.Time
	LastSentTime time.Time
	Level        int
	MuteUntil    time.Time // zero when not muted
}

// DisplayName is the card if set, else the nickname.
func (m Member) DisplayName() string {
	if m.Card != "" {
		return m.Card
	}
	return m.Nickname
}

// Reaction is one emoji/face reaction on a group message.
type Reaction struct {
	FaceID string
	Type   string // "face" or "emoji"
	Users  []int64
}

// Message is a stored message.
type Message struct {
	// ID is the world-global OneBot-style message id: positive, int32-safe,
	// unique across all conversations.
	ID    int32
	Scene Scene
	// Peer is the conversation: the friend's uin (friend), the group id
	// (group) or the other user's uin (temp).
	Peer int64
	// Seq is the per-conversation sequence (Milky message_seq), from 1.
	Seq int64
	// TempGroup is the group a temp session came through (temp scene only).
	TempGroup  int64
	SenderID   int64
	Time       time.Time
	Content    []Element
	Recalled   bool
	RecalledBy int64
	Reactions  []Reaction
}

// Announcement is a group announcement.
type Announcement struct {
	GroupID  int64
	ID       string
	SenderID int64
	Time     time.Time
	Content  string
	ImageURL string
}

// EssenceMessage is a group message marked as essence.
type EssenceMessage struct {
	GroupID       int64
	Message       Message
	SenderName    string
	OperatorID    int64
	OperatorName  string
	OperationTime time.Time
}

// RootFolder is the id of a group's root folder.
const RootFolder = "/"

// GroupFile is a file in a group's file area.
type GroupFile struct {
	GroupID         int64
	ID              string
	Name            string
	FolderID        string // RootFolder or a folder id
	Size            int64
	Hash            string // hex SHA-1 of the content
	UploadedTime    time.Time
	ExpireTime      time.Time // zero: never
	UploaderID      int64
	DownloadedTimes int
}

// Folder is a folder in a group's file area (QQ allows one level, in root).
type Folder struct {
	GroupID          int64
	ID               string
	ParentID         string
	Name             string
	CreatedTime      time.Time
	LastModifiedTime time.Time
	CreatorID        int64
	FileCount        int // filled in snapshots
}

// PrivateFile is a file sent in a friend conversation.
type PrivateFile struct {
	ID       string
	Name     string
	Size     int64
	Hash     string // hex SHA-1 of the content
	SenderID int64
	PeerID   int64 // the friend
	Time     time.Time
}

// RequestState is the state of a friend request or group notification.
type RequestState string

// Request states.
const (
	StatePending  RequestState = "pending"
	StateAccepted RequestState = "accepted"
	StateRejected RequestState = "rejected"
	StateIgnored  RequestState = "ignored"
)

// FriendRequest is a request from a user to become the bot's friend. It is
// keyed by InitiatorUID (one pending request per initiator; a repeat
// request replaces the comment).
type FriendRequest struct {
	Time         time.Time
	InitiatorID  int64
	InitiatorUID string
	Comment      string
	Via          string
	State        RequestState
	Reason       string // the reject reason, if any
	IsFiltered   bool   // filtered by QQ as risky (see World.RequestFriendFiltered)
}

// NotificationType is the kind of a group notification.
type NotificationType string

// Group notification types (Milky GroupNotification.type).
const (
	NotifyJoinRequest        NotificationType = "join_request"
	NotifyInvitedJoinRequest NotificationType = "invited_join_request"
	NotifyAdminChange        NotificationType = "admin_change"
	NotifyKick               NotificationType = "kick"
	NotifyQuit               NotificationType = "quit"
)

// GroupNotification is an entry of the bot's group notification list; the
// join_request and invited_join_request kinds are the group requests the
// bot (as admin) can accept or reject. Seq is world-global and unique.
type GroupNotification struct {
	Seq          int64
	Type         NotificationType
	GroupID      int64
	Time         time.Time
	InitiatorID  int64 // join_request: the applicant; invited_join_request: the inviter
	TargetUserID int64 // invited_join_request: the invitee; admin_change/kick/quit: the member
	OperatorID   int64 // who handled/caused it (0 while pending)
	State        RequestState
	Comment      string
	Reason       string // the reject reason, if any
	IsSet        bool   // admin_change
	IsFiltered   bool
}

// GroupInvitation is an invitation for the bot to join a group.
type GroupInvitation struct {
	Seq         int64
	GroupID     int64
	InitiatorID int64
	Time        time.Time
	State       RequestState
}

// Resource is a media resource (image, record, video) the world has seen.
type Resource struct {
	ID   string
	Kind string // "image", "record" or "video"
	URI  string // what the sender gave
	URL  string // where it can be fetched (under the base URL)
}

// PeerPin is a pinned conversation.
type PeerPin struct {
	Scene Scene
	Peer  int64
}
