package onebot11

import "encoding/json"

// The types in this file are wire structs: their JSON codecs, accessors and
// the ParseEvent dispatch are generated into event_json_gen.go from the
// //duobot: directives (see event_gen.go). A field tagged omitempty is one the
// wire may leave out; a struct decoded from JSON writes back exactly the keys
// it read, in the same forms (null, numeric strings...), so every parsed event
// re-encodes to the JSON value it came from.

// ---- messages ----------------------------------------------------------

// PrivateMessageEvent is a private (friend or temporary) message
// (post_type message, message_type private).
//
//duobot:event post_type=message message_type=private
type PrivateMessageEvent struct {
	Time          int64   `json:"time"`
	SelfID        int64   `json:"self_id"`
	SubType       string  `json:"sub_type"` // PrivateMessageFriend, PrivateMessageGroup, PrivateMessageOther
	MessageID     int64   `json:"message_id"`
	UserID        int64   `json:"user_id"`
	Message       Message `json:"message"`
	RawMessage    string  `json:"raw_message"`
	Font          int32   `json:"font"`
	Sender        Sender  `json:"sender"`
	TargetID      int64   `json:"target_id,omitempty"`      // the peer, on the bot's own messages
	TempSource    int32   `json:"temp_source,omitempty"`    // source of a temporary chat (LLOneBot)
	GroupID       int64   `json:"group_id,omitempty"`       // group of a temporary chat
	MessageSeq    int64   `json:"message_seq,omitempty"`    // LLOneBot / NapCat
	RealID        int64   `json:"real_id,omitempty"`        // LLOneBot / NapCat
	MessageFormat string  `json:"message_format,omitempty"` // "array" or "string" (LLOneBot / NapCat)

	cq   cqOrigin
	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// PrivateMessageSentEvent is a private message the bot itself sent
// (post_type message_sent), reported by go-cqhttp, LLOneBot and NapCat.
//
//duobot:event post_type=message_sent message_type=private
type PrivateMessageSentEvent PrivateMessageEvent

// GroupMessageEvent is a group message (post_type message, message_type group).
//
//duobot:event post_type=message message_type=group
type GroupMessageEvent struct {
	Time          int64      `json:"time"`
	SelfID        int64      `json:"self_id"`
	SubType       string     `json:"sub_type"` // GroupMessageNormal, GroupMessageAnonymous, GroupMessageNotice
	MessageID     int64      `json:"message_id"`
	GroupID       int64      `json:"group_id"`
	UserID        int64      `json:"user_id"`
	Anonymous     *Anonymous `json:"anonymous,omitempty"` // nil (or null on the wire) unless anonymous
	Message       Message    `json:"message"`
	RawMessage    string     `json:"raw_message"`
	Font          int32      `json:"font"`
	Sender        Sender     `json:"sender"`
	TargetID      int64      `json:"target_id,omitempty"`
	GroupName     string     `json:"group_name,omitempty"`     // NapCat
	MessageSeq    int64      `json:"message_seq,omitempty"`    // LLOneBot / NapCat
	RealID        int64      `json:"real_id,omitempty"`        // LLOneBot / NapCat
	MessageFormat string     `json:"message_format,omitempty"` // "array" or "string" (LLOneBot / NapCat)

	cq   cqOrigin
	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupMessageSentEvent is a group message the bot itself sent
// (post_type message_sent).
//
//duobot:event post_type=message_sent message_type=group
type GroupMessageSentEvent GroupMessageEvent

// GuildMessageEvent is a QQ guild (channel) message, as go-cqhttp reports
// it: the guild, channel, user and message ids are strings.
//
//duobot:event post_type=message message_type=guild
type GuildMessageEvent struct {
	Time       int64       `json:"time"`
	SelfID     int64       `json:"self_id"`
	SubType    string      `json:"sub_type"` // GuildMessageChannel
	GuildID    string      `json:"guild_id"`
	ChannelID  string      `json:"channel_id"`
	UserID     string      `json:"user_id"`
	MessageID  string      `json:"message_id"`
	SelfTinyID string      `json:"self_tiny_id"`
	Message    Message     `json:"message"`
	RawMessage string      `json:"raw_message,omitempty"`
	Font       int32       `json:"font,omitempty"`
	Sender     GuildSender `json:"sender"`

	cq   cqOrigin
	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GuildMessageSentEvent is a guild message the bot itself sent
// (post_type message_sent).
//
//duobot:event post_type=message_sent message_type=guild
type GuildMessageSentEvent GuildMessageEvent

// Sender is the sender of a private or group message. Fields other than the
// id and nickname are best effort: group fields (card, area, level, role,
// title) come with group messages, group_id with temporary chats.
//
//duobot:wire
type Sender struct {
	UserID   int64  `json:"user_id"`
	Nickname string `json:"nickname"`
	Sex      string `json:"sex,omitempty"` // "male", "female" or "unknown"
	Age      int32  `json:"age,omitempty"`
	Card     string `json:"card,omitempty"`
	Area     string `json:"area,omitempty"`
	Level    string `json:"level,omitempty"`
	Role     string `json:"role,omitempty"` // RoleOwner, RoleAdmin, RoleMember
	Title    string `json:"title,omitempty"`
	GroupID  int64  `json:"group_id,omitempty"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GuildSender is the sender of a guild message: user_id is the numeric tiny
// id, tiny_id the same as a string.
//
//duobot:wire
type GuildSender struct {
	UserID   int64  `json:"user_id"`
	TinyID   string `json:"tiny_id,omitempty"`
	Nickname string `json:"nickname"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// Anonymous identifies an anonymous group member; Flag is what
// set_group_anonymous_ban takes.
//
//duobot:wire
type Anonymous struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Flag string `json:"flag"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// ---- notices -----------------------------------------------------------

// GroupUploadNoticeEvent reports a file uploaded to a group.
//
//duobot:event post_type=notice notice_type=group_upload
type GroupUploadNoticeEvent struct {
	Time    int64           `json:"time"`
	SelfID  int64           `json:"self_id"`
	GroupID int64           `json:"group_id"`
	UserID  int64           `json:"user_id"`
	File    GroupUploadFile `json:"file"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupUploadFile is the file of a GroupUploadNoticeEvent.
//
//duobot:wire
type GroupUploadFile struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	BusID int64  `json:"busid"`
	URL   string `json:"url,omitempty"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupAdminNoticeEvent reports a group admin set or unset.
//
//duobot:event post_type=notice notice_type=group_admin
type GroupAdminNoticeEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	SubType string `json:"sub_type"` // GroupAdminSet, GroupAdminUnset
	GroupID int64  `json:"group_id"`
	UserID  int64  `json:"user_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupDecreaseNoticeEvent reports a member leaving or being kicked.
//
//duobot:event post_type=notice notice_type=group_decrease
type GroupDecreaseNoticeEvent struct {
	Time       int64  `json:"time"`
	SelfID     int64  `json:"self_id"`
	SubType    string `json:"sub_type"` // GroupDecreaseLeave, GroupDecreaseKick, GroupDecreaseKickMe
	GroupID    int64  `json:"group_id"`
	OperatorID int64  `json:"operator_id"`
	UserID     int64  `json:"user_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupIncreaseNoticeEvent reports a new group member.
//
//duobot:event post_type=notice notice_type=group_increase
type GroupIncreaseNoticeEvent struct {
	Time       int64  `json:"time"`
	SelfID     int64  `json:"self_id"`
	SubType    string `json:"sub_type"` // GroupIncreaseApprove, GroupIncreaseInvite
	GroupID    int64  `json:"group_id"`
	OperatorID int64  `json:"operator_id"`
	UserID     int64  `json:"user_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupBanNoticeEvent reports a mute or unmute; Duration is in seconds and
// UserID 0 means the whole group.
//
//duobot:event post_type=notice notice_type=group_ban
type GroupBanNoticeEvent struct {
	Time       int64  `json:"time"`
	SelfID     int64  `json:"self_id"`
	SubType    string `json:"sub_type"` // GroupBanBan, GroupBanLiftBan
	GroupID    int64  `json:"group_id"`
	OperatorID int64  `json:"operator_id"`
	UserID     int64  `json:"user_id"`
	Duration   int64  `json:"duration"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// FriendAddNoticeEvent reports a new friend.
//
//duobot:event post_type=notice notice_type=friend_add
type FriendAddNoticeEvent struct {
	Time   int64 `json:"time"`
	SelfID int64 `json:"self_id"`
	UserID int64 `json:"user_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupRecallNoticeEvent reports a recalled group message.
//
//duobot:event post_type=notice notice_type=group_recall
type GroupRecallNoticeEvent struct {
	Time       int64 `json:"time"`
	SelfID     int64 `json:"self_id"`
	GroupID    int64 `json:"group_id"`
	UserID     int64 `json:"user_id"`
	OperatorID int64 `json:"operator_id"`
	MessageID  int64 `json:"message_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// FriendRecallNoticeEvent reports a recalled private message.
//
//duobot:event post_type=notice notice_type=friend_recall
type FriendRecallNoticeEvent struct {
	Time      int64 `json:"time"`
	SelfID    int64 `json:"self_id"`
	UserID    int64 `json:"user_id"`
	MessageID int64 `json:"message_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupDismissNoticeEvent reports a dismissed group; UserID is the owner
// (LLOneBot).
//
//duobot:event post_type=notice notice_type=group_dismiss
type GroupDismissNoticeEvent struct {
	Time    int64 `json:"time"`
	SelfID  int64 `json:"self_id"`
	GroupID int64 `json:"group_id"`
	UserID  int64 `json:"user_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupCardNoticeEvent reports a changed group card (go-cqhttp); the
// implementation may report it late or not at all.
//
//duobot:event post_type=notice notice_type=group_card
type GroupCardNoticeEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	GroupID int64  `json:"group_id"`
	UserID  int64  `json:"user_id"`
	CardNew string `json:"card_new"`
	CardOld string `json:"card_old"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// OfflineFileNoticeEvent reports an offline (private) file received
// (go-cqhttp).
//
//duobot:event post_type=notice notice_type=offline_file
type OfflineFileNoticeEvent struct {
	Time   int64       `json:"time"`
	SelfID int64       `json:"self_id"`
	UserID int64       `json:"user_id"`
	File   OfflineFile `json:"file"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// OfflineFile is the file of an OfflineFileNoticeEvent.
//
//duobot:wire
type OfflineFile struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	URL  string `json:"url"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// ClientStatusNoticeEvent reports another client of the bot's account going
// online or offline (go-cqhttp).
//
//duobot:event post_type=notice notice_type=client_status
type ClientStatusNoticeEvent struct {
	Time   int64   `json:"time"`
	SelfID int64   `json:"self_id"`
	Client *Device `json:"client"`
	Online bool    `json:"online"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// Device is a client of the bot's account.
//
//duobot:wire
type Device struct {
	AppID      int64  `json:"app_id"`
	DeviceName string `json:"device_name"`
	DeviceKind string `json:"device_kind"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// EssenceNoticeEvent reports a message set or unset as group essence.
//
//duobot:event post_type=notice notice_type=essence
type EssenceNoticeEvent struct {
	Time       int64  `json:"time"`
	SelfID     int64  `json:"self_id"`
	SubType    string `json:"sub_type"` // EssenceAdd, EssenceDelete
	GroupID    int64  `json:"group_id"`
	UserID     int64  `json:"user_id,omitempty"` // LLOneBot repeats sender_id here
	SenderID   int64  `json:"sender_id"`
	OperatorID int64  `json:"operator_id"`
	MessageID  int64  `json:"message_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupMsgEmojiLikeNoticeEvent reports emoji reactions on a group message
// (LLOneBot / NapCat).
//
//duobot:event post_type=notice notice_type=group_msg_emoji_like
type GroupMsgEmojiLikeNoticeEvent struct {
	Time      int64       `json:"time"`
	SelfID    int64       `json:"self_id"`
	GroupID   int64       `json:"group_id"`
	UserID    int64       `json:"user_id"`
	MessageID int64       `json:"message_id"`
	Likes     []EmojiLike `json:"likes"`
	IsAdd     bool        `json:"is_add,omitempty"` // false: the reaction was taken back

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// EmojiLike is one reaction of a GroupMsgEmojiLikeNoticeEvent.
//
//duobot:wire
type EmojiLike struct {
	EmojiID string `json:"emoji_id"`
	Count   int64  `json:"count"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// FlashFileNoticeEvent reports progress of a flash-file transfer (LLOneBot).
//
//duobot:event post_type=notice notice_type=flash_file
type FlashFileNoticeEvent struct {
	Time           int64       `json:"time"`
	SelfID         int64       `json:"self_id"`
	SubType        string      `json:"sub_type"` // FlashFileDownloading, FlashFileDownloaded, FlashFileUploading, FlashFileUploaded
	Title          string      `json:"title"`
	ShareLink      string      `json:"share_link"`
	FileSetID      string      `json:"file_set_id"`
	Files          []FlashFile `json:"files"`
	DownloadedSize int64       `json:"downloaded_size,omitempty"`
	UploadedSize   int64       `json:"uploaded_size,omitempty"`
	TotalSize      int64       `json:"total_size,omitempty"`
	Speed          int64       `json:"speed,omitempty"`          // bytes per second
	RemainSeconds  int64       `json:"remain_seconds,omitempty"` // estimated

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// FlashFile is one file of a FlashFileNoticeEvent.
//
//duobot:wire
type FlashFile struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	Path string `json:"path,omitempty"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// BotOfflineNoticeEvent reports the bot's account going offline
// (go-cqhttp / NapCat).
//
//duobot:event post_type=notice notice_type=bot_offline
type BotOfflineNoticeEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	UserID  int64  `json:"user_id,omitempty"`
	Tag     string `json:"tag,omitempty"`
	Message string `json:"message,omitempty"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// ---- notify notices (notice_type notify, told apart by sub_type) --------

// PokeNotifyEvent is a poke (nudge), in a group (GroupID set) or between
// friends. RawInfo is the implementation's description, kept as JSON: a
// string from LLOneBot, an array from NapCat.
//
//duobot:event post_type=notice notice_type=notify sub_type=poke
type PokeNotifyEvent struct {
	Time     int64           `json:"time"`
	SelfID   int64           `json:"self_id"`
	GroupID  int64           `json:"group_id,omitempty"`
	UserID   int64           `json:"user_id"`
	TargetID int64           `json:"target_id"`
	SenderID int64           `json:"sender_id,omitempty"` // go-cqhttp friend poke
	RawInfo  json.RawMessage `json:"raw_info,omitempty"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// PokeRecallNotifyEvent reports a poke taken back (LLOneBot).
//
//duobot:event post_type=notice notice_type=notify sub_type=poke_recall
type PokeRecallNotifyEvent struct {
	Time     int64           `json:"time"`
	SelfID   int64           `json:"self_id"`
	GroupID  int64           `json:"group_id,omitempty"`
	UserID   int64           `json:"user_id"`
	TargetID int64           `json:"target_id"`
	RawInfo  json.RawMessage `json:"raw_info,omitempty"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// LuckyKingNotifyEvent reports the luckiest member of a red packet.
//
//duobot:event post_type=notice notice_type=notify sub_type=lucky_king
type LuckyKingNotifyEvent struct {
	Time     int64 `json:"time"`
	SelfID   int64 `json:"self_id"`
	GroupID  int64 `json:"group_id"`
	UserID   int64 `json:"user_id"`   // who sent the red packet
	TargetID int64 `json:"target_id"` // the lucky king

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// HonorNotifyEvent reports a group honor change.
//
//duobot:event post_type=notice notice_type=notify sub_type=honor
type HonorNotifyEvent struct {
	Time      int64  `json:"time"`
	SelfID    int64  `json:"self_id"`
	GroupID   int64  `json:"group_id"`
	HonorType string `json:"honor_type"` // HonorTalkative, HonorPerformer, HonorEmotion
	UserID    int64  `json:"user_id"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// TitleNotifyEvent reports a member given a special title.
//
//duobot:event post_type=notice notice_type=notify sub_type=title
type TitleNotifyEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	GroupID int64  `json:"group_id"`
	UserID  int64  `json:"user_id"`
	Title   string `json:"title"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// ProfileLikeNotifyEvent reports likes on the bot's profile (LLOneBot).
//
//duobot:event post_type=notice notice_type=notify sub_type=profile_like
type ProfileLikeNotifyEvent struct {
	Time         int64  `json:"time"`
	SelfID       int64  `json:"self_id"`
	OperatorID   int64  `json:"operator_id"`
	OperatorNick string `json:"operator_nick"`
	Times        int64  `json:"times"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// InputStatusNotifyEvent reports the peer typing (NapCat).
//
//duobot:event post_type=notice notice_type=notify sub_type=input_status
type InputStatusNotifyEvent struct {
	Time       int64  `json:"time"`
	SelfID     int64  `json:"self_id"`
	GroupID    int64  `json:"group_id,omitempty"`
	UserID     int64  `json:"user_id"`
	StatusText string `json:"status_text"`
	EventType  int64  `json:"event_type"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupNameNotifyEvent reports a renamed group (NapCat).
//
//duobot:event post_type=notice notice_type=notify sub_type=group_name
type GroupNameNotifyEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	GroupID int64  `json:"group_id"`
	UserID  int64  `json:"user_id"`
	NameNew string `json:"name_new"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// ---- requests ----------------------------------------------------------

// FriendRequestEvent is a friend request; answer it with
// set_friend_add_request and Flag.
//
//duobot:event post_type=request request_type=friend
type FriendRequestEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	UserID  int64  `json:"user_id"`
	Comment string `json:"comment"`
	Flag    string `json:"flag"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// GroupRequestEvent is a request to join a group (sub_type add) or an
// invitation of the bot (sub_type invite); answer it with
// set_group_add_request and Flag.
//
//duobot:event post_type=request request_type=group
type GroupRequestEvent struct {
	Time      int64  `json:"time"`
	SelfID    int64  `json:"self_id"`
	SubType   string `json:"sub_type"` // GroupRequestAdd, GroupRequestInvite
	GroupID   int64  `json:"group_id"`
	UserID    int64  `json:"user_id"`
	Comment   string `json:"comment"`
	Flag      string `json:"flag"`
	InvitorID int64  `json:"invitor_id,omitempty"` // LLOneBot

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// ---- meta events -------------------------------------------------------

// HeartbeatMetaEvent is the implementation's periodic heartbeat; Interval is
// in milliseconds.
//
//duobot:event post_type=meta_event meta_event_type=heartbeat
type HeartbeatMetaEvent struct {
	Time     int64           `json:"time"`
	SelfID   int64           `json:"self_id"`
	Status   HeartbeatStatus `json:"status"`
	Interval int64           `json:"interval"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// HeartbeatStatus is the status a heartbeat carries (the shape of
// get_status); implementation-specific members (stat, app_good...) stay in
// Extra.
//
//duobot:wire
type HeartbeatStatus struct {
	Online bool `json:"online"` // null on the wire when unknown
	Good   bool `json:"good"`

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// LifecycleMetaEvent reports the connection's lifecycle: connect (WebSocket)
// or enable/disable (HTTP POST).
//
//duobot:event post_type=meta_event meta_event_type=lifecycle
type LifecycleMetaEvent struct {
	Time    int64  `json:"time"`
	SelfID  int64  `json:"self_id"`
	SubType string `json:"sub_type"` // LifecycleEnable, LifecycleDisable, LifecycleConnect

	wire wireState

	// Extra holds members this type does not declare, written back on encode.
	Extra map[string]json.RawMessage `json:"-"`
}
