package onebot11

import "encoding/json"

// FriendInfo is one friend in get_friend_list. The standard defines user_id,
// nickname and remark; the rest are LLOneBot's.
type FriendInfo struct {
	UserID        int64                      `json:"user_id"`
	Nickname      string                     `json:"nickname"`
	Remark        string                     `json:"remark"`
	Sex           string                     `json:"sex"` // "male", "female" or "unknown"
	BirthdayYear  int64                      `json:"birthday_year"`
	BirthdayMonth int64                      `json:"birthday_month"`
	BirthdayDay   int64                      `json:"birthday_day"`
	Age           int64                      `json:"age"`
	Qid           string                     `json:"qid"`
	LongNick      string                     `json:"long_nick"` // signature
	Extra         map[string]json.RawMessage `json:"-"`
}

// FriendCategory is one friend category in get_friends_with_category.
type FriendCategory struct {
	CategoryID      int64                      `json:"categoryId"`
	CategorySortID  int64                      `json:"categorySortId"`
	CategoryName    string                     `json:"categoryName"`
	CategoryMbCount int64                      `json:"categoryMbCount"` // number of friends in it
	OnlineCount     int64                      `json:"onlineCount"`
	BuddyList       []CategoryFriend           `json:"buddyList"`
	Extra           map[string]json.RawMessage `json:"-"`
}

// CategoryFriend is one friend in a FriendCategory: FriendInfo's fields plus
// LLOneBot's raw NT fields.
type CategoryFriend struct {
	UserID        int64                      `json:"user_id"`
	Nickname      string                     `json:"nickname"`
	Remark        string                     `json:"remark"`
	Sex           string                     `json:"sex"`
	BirthdayYear  int64                      `json:"birthday_year"`
	BirthdayMonth int64                      `json:"birthday_month"`
	BirthdayDay   int64                      `json:"birthday_day"`
	Age           int64                      `json:"age"`
	Qid           string                     `json:"qid"`
	LongNick      string                     `json:"long_nick"`
	Level         int64                      `json:"level"`
	LongNickNT    string                     `json:"longNick"`
	EMail         string                     `json:"eMail"`
	UID           string                     `json:"uid"` // NT uid
	CategoryID    int64                      `json:"categoryId"`
	RichTime      int64                      `json:"richTime"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// ProfileLikeUser is one user in get_profile_like / get_profile_like_me.
type ProfileLikeUser struct {
	UID            string                     `json:"uid"`
	Src            int64                      `json:"src"`
	LatestTime     int64                      `json:"latestTime"`
	Count          int64                      `json:"count"`
	GiftCount      int64                      `json:"giftCount"`
	CustomID       int64                      `json:"customId"`
	LastCharged    int64                      `json:"lastCharged"`
	BAvailableCnt  int64                      `json:"bAvailableCnt"`
	BTodayVotedCnt int64                      `json:"bTodayVotedCnt"`
	Nick           string                     `json:"nick"`
	Gender         int64                      `json:"gender"`
	Age            int64                      `json:"age"`
	IsFriend       bool                       `json:"isFriend"`
	IsVip          bool                       `json:"isvip"`
	IsSvip         bool                       `json:"isSvip"`
	Uin            int64                      `json:"uin"`
	Extra          map[string]json.RawMessage `json:"-"`
}

// RobotUinRange is one range of official bot accounts (get_robot_uin_range).
type RobotUinRange struct {
	MinUin string                     `json:"minUin"`
	MaxUin string                     `json:"maxUin"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// DoubtFriendRequest is one filtered friend request (get_doubt_friends_add_request).
type DoubtFriendRequest struct {
	Flag      string                     `json:"flag"` // pass to set_doubt_friends_add_request
	Uin       string                     `json:"uin"`
	Nick      string                     `json:"nick"`
	Source    string                     `json:"source"`
	Reason    string                     `json:"reason"`
	Msg       string                     `json:"msg"`
	GroupCode string                     `json:"group_code"`
	Time      string                     `json:"time"`
	Type      string                     `json:"type"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// GroupInfo is one group in get_group_list.
type GroupInfo struct {
	GroupID         int64                      `json:"group_id"`
	GroupName       string                     `json:"group_name"`
	GroupMemo       string                     `json:"group_memo"`
	GroupCreateTime int64                      `json:"group_create_time"`
	MemberCount     int64                      `json:"member_count"`
	MaxMemberCount  int64                      `json:"max_member_count"`
	RemarkName      string                     `json:"remark_name"`
	Extra           map[string]json.RawMessage `json:"-"`
}

// GroupMemberInfo is a group member (get_group_member_info, get_group_member_list).
type GroupMemberInfo struct {
	GroupID         int64                      `json:"group_id"`
	UserID          int64                      `json:"user_id"`
	Nickname        string                     `json:"nickname"`
	Card            string                     `json:"card"` // group card (display name in the group)
	CardOrNickname  string                     `json:"card_or_nickname"`
	Sex             string                     `json:"sex"`
	Age             int64                      `json:"age"`
	Area            string                     `json:"area"`
	Level           string                     `json:"level"` // group level, a string in the standard
	QQLevel         int64                      `json:"qq_level"`
	JoinTime        int64                      `json:"join_time"`      // Unix seconds
	LastSentTime    int64                      `json:"last_sent_time"` // Unix seconds
	TitleExpireTime int64                      `json:"title_expire_time"`
	Unfriendly      bool                       `json:"unfriendly"`
	CardChangeable  bool                       `json:"card_changeable"`
	IsRobot         bool                       `json:"is_robot"`
	ShutUpTimestamp int64                      `json:"shut_up_timestamp"` // end of the member's mute, Unix seconds
	Role            string                     `json:"role"`              // "owner", "admin" or "member"
	Title           string                     `json:"title"`             // special title
	Extra           map[string]json.RawMessage `json:"-"`
}

// GroupShutMember is one muted member in get_group_shut_list (LLOneBot's raw
// NT member record; fields not listed here are kept in Extra).
type GroupShutMember struct {
	UID                    string                     `json:"uid"`
	Qid                    string                     `json:"qid"`
	Uin                    string                     `json:"uin"`
	Nick                   string                     `json:"nick"`
	Remark                 string                     `json:"remark"`
	CardType               int64                      `json:"cardType"`
	CardName               string                     `json:"cardName"`
	Role                   int64                      `json:"role"`
	AvatarPath             string                     `json:"avatarPath"`
	ShutUpTime             int64                      `json:"shutUpTime"` // end of the mute, Unix seconds
	IsDelete               bool                       `json:"isDelete"`
	IsRobot                bool                       `json:"isRobot"`
	GroupHonor             json.RawMessage            `json:"groupHonor"`
	MemberRealLevel        int64                      `json:"memberRealLevel"`
	MemberLevel            int64                      `json:"memberLevel"`
	MemberSpecialTitle     string                     `json:"memberSpecialTitle"`
	SpecialTitleExpireTime string                     `json:"specialTitleExpireTime"`
	JoinTime               int64                      `json:"joinTime"`
	LastSpeakTime          int64                      `json:"lastSpeakTime"`
	Extra                  map[string]json.RawMessage `json:"-"`
}

// GroupSystemRequest is one entry of get_group_system_msg's invited_requests
// or join_requests, and of get_group_ignore_add_request. Invitations carry the
// invitor_* fields, join requests the requester_* fields and message.
type GroupSystemRequest struct {
	RequestID     int64                      `json:"request_id"`
	InvitorUin    int64                      `json:"invitor_uin,omitempty"`
	InvitorNick   string                     `json:"invitor_nick,omitempty"`
	RequesterUin  int64                      `json:"requester_uin,omitempty"`
	RequesterNick string                     `json:"requester_nick,omitempty"`
	Message       string                     `json:"message,omitempty"`
	GroupID       int64                      `json:"group_id"`
	GroupName     string                     `json:"group_name"`
	Checked       bool                       `json:"checked"` // already handled
	Actor         int64                      `json:"actor"`   // who handled it, 0 if nobody
	Extra         map[string]json.RawMessage `json:"-"`
}

// HonorMember is one member in get_group_honor_info. DayCount is present
// only for talkative entries (nil when absent).
type HonorMember struct {
	UserID      int64                      `json:"user_id"`
	Nickname    string                     `json:"nickname"`
	Avatar      string                     `json:"avatar"` // avatar URL
	Description string                     `json:"description,omitempty"`
	DayCount    *int64                     `json:"day_count,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"`
}

// EssenceMsg is one essence message in get_essence_msg_list.
type EssenceMsg struct {
	SenderID     int64                      `json:"sender_id"`
	SenderNick   string                     `json:"sender_nick"`
	SenderTime   int64                      `json:"sender_time"`
	OperatorID   int64                      `json:"operator_id"`
	OperatorNick string                     `json:"operator_nick"`
	OperatorTime int64                      `json:"operator_time"`
	MessageID    int64                      `json:"message_id"`
	Content      Message                    `json:"content,omitzero"` // NapCat: the message itself
	Extra        map[string]json.RawMessage `json:"-"`
}

// GroupNotice is one announcement in _get_group_notice.
type GroupNotice struct {
	NoticeID    string                     `json:"notice_id"`
	SenderID    int64                      `json:"sender_id"`
	PublishTime int64                      `json:"publish_time"` // Unix seconds
	Message     GroupNoticeMessage         `json:"message"`
	Extra       map[string]json.RawMessage `json:"-"`
}

// GroupNoticeMessage is the content of a GroupNotice.
type GroupNoticeMessage struct {
	Text   string                     `json:"text"`
	Images []GroupNoticeImage         `json:"images"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// GroupNoticeImage is an image of a GroupNotice. Implementations send null
// for unknown values, kept as nil.
type GroupNoticeImage struct {
	Height *string                    `json:"height"`
	Width  *string                    `json:"width"`
	ID     *string                    `json:"id"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// GroupAlbum is a group photo album (get_group_album_list, create_group_album).
// Nested objects that LLOneBot passes through from QQ (often null) are kept
// raw.
type GroupAlbum struct {
	AlbumID        string                     `json:"album_id"`
	Owner          string                     `json:"owner"`
	Name           string                     `json:"name"`
	Desc           string                     `json:"desc"`
	CreateTime     string                     `json:"create_time"`
	ModifyTime     string                     `json:"modify_time"`
	LastUploadTime string                     `json:"last_upload_time"`
	UploadNumber   string                     `json:"upload_number"`
	Cover          json.RawMessage            `json:"cover"`
	Creator        json.RawMessage            `json:"creator"`
	TopFlag        string                     `json:"top_flag"`
	BusiType       int64                      `json:"busi_type"`
	Status         int64                      `json:"status"`
	Permission     json.RawMessage            `json:"permission"`
	AllowShare     bool                       `json:"allow_share"`
	IsSubscribe    bool                       `json:"is_subscribe"`
	Bitmap         string                     `json:"bitmap"`
	IsShareAlbum   bool                       `json:"is_share_album"`
	ShareAlbum     json.RawMessage            `json:"share_album"`
	QzAlbumType    int64                      `json:"qz_album_type"`
	FamilyAlbum    json.RawMessage            `json:"family_album"`
	LoverAlbum     json.RawMessage            `json:"lover_album"`
	CoverType      int64                      `json:"cover_type"`
	TravelAlbum    json.RawMessage            `json:"travel_album"`
	VisitorInfo    json.RawMessage            `json:"visitor_info"`
	DefaultDesc    string                     `json:"default_desc"`
	OpInfo         json.RawMessage            `json:"op_info"`
	ActiveAlbum    json.RawMessage            `json:"active_album"`
	MemoryInfo     json.RawMessage            `json:"memory_info"`
	SortType       int64                      `json:"sort_type"`
	Extra          map[string]json.RawMessage `json:"-"`
}

// MessageInfo is a message returned by get_msg, get_friend_msg_history and
// get_group_msg_history (the shape of a message event). Sender is the
// events' [Sender], so a message reads the same whether it came as an event or
// as a result.
type MessageInfo struct {
	SelfID        int64                      `json:"self_id"`
	UserID        int64                      `json:"user_id"`
	Time          int64                      `json:"time"`
	MessageID     int64                      `json:"message_id"`
	RealID        int64                      `json:"real_id"`
	MessageSeq    int64                      `json:"message_seq"`
	MessageType   string                     `json:"message_type"` // "private" or "group"
	Sender        Sender                     `json:"sender"`
	RawMessage    string                     `json:"raw_message"`
	Font          int64                      `json:"font"`
	SubType       string                     `json:"sub_type"`
	Message       Message                    `json:"message"`
	MessageFormat string                     `json:"message_format"`
	PostType      string                     `json:"post_type"`
	GroupID       int64                      `json:"group_id,omitempty"`
	Raw           json.RawMessage            `json:"raw,omitempty"` // LLOneBot: the NT message record, kept raw
	Extra         map[string]json.RawMessage `json:"-"`
}

// ForwardMessage is one node of a forwarded message (get_forward_msg).
type ForwardMessage struct {
	Content       Message                    `json:"content"`
	Sender        Sender                     `json:"sender"`
	Time          int64                      `json:"time"`
	MessageFormat string                     `json:"message_format"`
	MessageType   string                     `json:"message_type"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// GroupFile is a file in a group's file system (FileEntity).
type GroupFile struct {
	GroupID       int64                      `json:"group_id"`
	FileID        string                     `json:"file_id"`
	FileName      string                     `json:"file_name"`
	Busid         int64                      `json:"busid"`
	FileSize      int64                      `json:"file_size"`
	UploadTime    int64                      `json:"upload_time"`
	DeadTime      int64                      `json:"dead_time"` // 0 for permanent files
	ModifyTime    int64                      `json:"modify_time"`
	DownloadTimes int64                      `json:"download_times"`
	Uploader      int64                      `json:"uploader"`
	UploaderName  string                     `json:"uploader_name"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// GroupFolder is a folder in a group's file system (FolderEntity).
type GroupFolder struct {
	GroupID        int64                      `json:"group_id"`
	FolderID       string                     `json:"folder_id"`
	FolderName     string                     `json:"folder_name"`
	CreateTime     int64                      `json:"create_time"`
	Creator        int64                      `json:"creator"`
	CreatorName    string                     `json:"creator_name"`
	TotalFileCount int64                      `json:"total_file_count"`
	Extra          map[string]json.RawMessage `json:"-"`
}

// FlashFileEntry is one file of a flash-transfer set (get_flash_file_info).
type FlashFileEntry struct {
	Name  string                     `json:"name"`
	Size  int64                      `json:"size"`
	Extra map[string]json.RawMessage `json:"-"`
}

// AICharacterGroup is one group of AI voices (get_ai_characters).
type AICharacterGroup struct {
	Type       string                     `json:"type"`
	Characters []AICharacter              `json:"characters"`
	Extra      map[string]json.RawMessage `json:"-"`
}

// AICharacter is one AI voice.
type AICharacter struct {
	CharacterID   string                     `json:"character_id"` // pass as character to send_group_ai_record
	CharacterName string                     `json:"character_name"`
	PreviewURL    string                     `json:"preview_url"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// OCRText is one recognised line of ocr_image.
type OCRText struct {
	Text        string                     `json:"text"`
	Confidence  int64                      `json:"confidence"`
	Coordinates []OCRPoint                 `json:"coordinates"`
	Extra       map[string]json.RawMessage `json:"-"`
}

// OCRPoint is a corner of an OCRText's box.
type OCRPoint struct {
	X     int64                      `json:"x"`
	Y     int64                      `json:"y"`
	Extra map[string]json.RawMessage `json:"-"`
}

// QRCodeText is one decoded QR code (scan_qrcode).
type QRCodeText struct {
	Text  string                     `json:"text"`
	Extra map[string]json.RawMessage `json:"-"`
}

// OnlineClient is the former name of [Device] (a device of
// get_online_clients, the same entity as a client_status notice's client),
// kept so code written against it still compiles.
//
// Deprecated: use [Device].
type OnlineClient = Device

// UnidirectionalFriend is one one-way friend (get_unidirectional_friend_list).
type UnidirectionalFriend struct {
	Nickname string                     `json:"nickname"`
	UserID   int64                      `json:"user_id"`
	Source   string                     `json:"source"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// AnonymousInfo is the former name of [Anonymous], kept so code written
// against it still compiles.
//
// Deprecated: use [Anonymous].
type AnonymousInfo = Anonymous
