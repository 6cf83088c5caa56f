package milky

import "encoding/json"

// FriendEntity is a friend.
type FriendEntity struct {
	UserID   int64                      `json:"user_id"`
	Nickname string                     `json:"nickname"`
	Sex      string                     `json:"sex"` // one of "male", "female", "unknown"
	QID      string                     `json:"qid"`
	Remark   string                     `json:"remark"`
	Category FriendCategoryEntity       `json:"category"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// FriendCategoryEntity is a friend category (group of friends).
type FriendCategoryEntity struct {
	CategoryID   int64                      `json:"category_id"`
	CategoryName string                     `json:"category_name"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupEntity is a group. The fields after MaxMemberCount were added in Milky 1.2.
type GroupEntity struct {
	GroupID        int64                      `json:"group_id"`
	GroupName      string                     `json:"group_name"`
	MemberCount    int64                      `json:"member_count"`
	MaxMemberCount int64                      `json:"max_member_count"`
	Remark         string                     `json:"remark"`
	CreatedTime    int64                      `json:"created_time"`
	Description    string                     `json:"description"`
	Question       string                     `json:"question"`
	Announcement   string                     `json:"announcement"`
	Extra          map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupMemberEntity is a member of a group.
type GroupMemberEntity struct {
	UserID        int64                      `json:"user_id"`
	Nickname      string                     `json:"nickname"`
	Sex           string                     `json:"sex"` // one of "male", "female", "unknown"
	GroupID       int64                      `json:"group_id"`
	Card          string                     `json:"card"`
	Title         string                     `json:"title"`
	Level         int64                      `json:"level"`
	Role          string                     `json:"role"` // one of "owner", "admin", "member"
	JoinTime      int64                      `json:"join_time"`
	LastSentTime  int64                      `json:"last_sent_time"`
	ShutUpEndTime *int64                     `json:"shut_up_end_time,omitempty"` // optional; nil when absent
	Extra         map[string]json.RawMessage `json:"-"`                          // unknown keys, kept for re-encoding
}

// GroupAnnouncementEntity is a group announcement.
type GroupAnnouncementEntity struct {
	GroupID        int64                      `json:"group_id"`
	AnnouncementID string                     `json:"announcement_id"`
	UserID         int64                      `json:"user_id"`
	Time           int64                      `json:"time"`
	Content        string                     `json:"content"`
	ImageURL       *string                    `json:"image_url,omitempty"` // optional; nil when absent
	Extra          map[string]json.RawMessage `json:"-"`                   // unknown keys, kept for re-encoding
}

// GroupFileEntity is a file in a group's file area.
type GroupFileEntity struct {
	GroupID         int64                      `json:"group_id"`
	FileID          string                     `json:"file_id"`
	FileName        string                     `json:"file_name"`
	ParentFolderID  string                     `json:"parent_folder_id"`
	FileSize        int64                      `json:"file_size"`
	UploadedTime    int64                      `json:"uploaded_time"`
	ExpireTime      *int64                     `json:"expire_time,omitempty"` // optional; nil when absent
	UploaderID      int64                      `json:"uploader_id"`
	DownloadedTimes int64                      `json:"downloaded_times"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupFolderEntity is a folder in a group's file area.
type GroupFolderEntity struct {
	GroupID          int64                      `json:"group_id"`
	FolderID         string                     `json:"folder_id"`
	ParentFolderID   string                     `json:"parent_folder_id"`
	FolderName       string                     `json:"folder_name"`
	CreatedTime      int64                      `json:"created_time"`
	LastModifiedTime int64                      `json:"last_modified_time"`
	CreatorID        int64                      `json:"creator_id"`
	FileCount        int64                      `json:"file_count"`
	Extra            map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// FriendRequest is a friend request as listed by GetFriendRequests.
type FriendRequest struct {
	Time          int64                      `json:"time"`
	InitiatorID   int64                      `json:"initiator_id"`
	InitiatorUID  string                     `json:"initiator_uid"`
	TargetUserID  int64                      `json:"target_user_id"`
	TargetUserUID string                     `json:"target_user_uid"`
	State         string                     `json:"state"` // one of "pending", "accepted", "rejected", "ignored"
	Comment       string                     `json:"comment"`
	Via           string                     `json:"via"`
	IsFiltered    bool                       `json:"is_filtered"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// IncomingForwardedMessage is one message inside a forwarded (merged) message.
type IncomingForwardedMessage struct {
	MessageSeq int64                      `json:"message_seq"`
	SenderName string                     `json:"sender_name"`
	AvatarURL  string                     `json:"avatar_url"`
	Time       int64                      `json:"time"`
	Segments   IncomingSegments           `json:"segments"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupEssenceMessage is a group essence message.
type GroupEssenceMessage struct {
	GroupID       int64                      `json:"group_id"`
	MessageSeq    int64                      `json:"message_seq"`
	MessageTime   int64                      `json:"message_time"`
	SenderID      int64                      `json:"sender_id"`
	SenderName    string                     `json:"sender_name"`
	OperatorID    int64                      `json:"operator_id"`
	OperatorName  string                     `json:"operator_name"`
	OperationTime int64                      `json:"operation_time"`
	Segments      IncomingSegments           `json:"segments"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupJoinRequestNotification is a group notification of type "join_request": a user asks to join.
type GroupJoinRequestNotification struct {
	Type            string                     `json:"type"` // always "join_request"
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	IsFiltered      bool                       `json:"is_filtered"`
	InitiatorID     int64                      `json:"initiator_id"`
	State           string                     `json:"state"`                 // one of "pending", "accepted", "rejected", "ignored"
	OperatorID      *int64                     `json:"operator_id,omitempty"` // optional; nil when absent
	Comment         string                     `json:"comment"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupAdminChangeNotification is a group notification of type "admin_change".
type GroupAdminChangeNotification struct {
	Type            string                     `json:"type"` // always "admin_change"
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	TargetUserID    int64                      `json:"target_user_id"`
	IsSet           bool                       `json:"is_set"`
	OperatorID      int64                      `json:"operator_id"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupKickNotification is a group notification of type "kick": a member was removed.
type GroupKickNotification struct {
	Type            string                     `json:"type"` // always "kick"
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	TargetUserID    int64                      `json:"target_user_id"`
	OperatorID      int64                      `json:"operator_id"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupQuitNotification is a group notification of type "quit": a member left.
type GroupQuitNotification struct {
	Type            string                     `json:"type"` // always "quit"
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	TargetUserID    int64                      `json:"target_user_id"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupInvitedJoinRequestNotification is a group notification of type "invited_join_request": a member invited someone who needs approval.
type GroupInvitedJoinRequestNotification struct {
	Type            string                     `json:"type"` // always "invited_join_request"
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	InitiatorID     int64                      `json:"initiator_id"`
	TargetUserID    int64                      `json:"target_user_id"`
	State           string                     `json:"state"`                 // one of "pending", "accepted", "rejected", "ignored"
	OperatorID      *int64                     `json:"operator_id,omitempty"` // optional; nil when absent
	Extra           map[string]json.RawMessage `json:"-"`                     // unknown keys, kept for re-encoding
}
