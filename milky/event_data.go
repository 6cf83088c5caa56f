package milky

import "encoding/json"

// BotOfflineEventData is the data of BotOfflineEvent.
type BotOfflineEventData struct {
	Reason string                     `json:"reason"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// MessageRecallEventData is the data of MessageRecallEvent.
type MessageRecallEventData struct {
	MessageScene  string                     `json:"message_scene"` // one of "friend", "group", "temp"
	PeerID        int64                      `json:"peer_id"`
	MessageSeq    int64                      `json:"message_seq"`
	SenderID      int64                      `json:"sender_id"`
	OperatorID    int64                      `json:"operator_id"`
	DisplaySuffix string                     `json:"display_suffix"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// PeerPinChangeEventData is the data of PeerPinChangeEvent.
type PeerPinChangeEventData struct {
	MessageScene string                     `json:"message_scene"` // one of "friend", "group", "temp"
	PeerID       int64                      `json:"peer_id"`
	IsPinned     bool                       `json:"is_pinned"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// FriendRequestEventData is the data of FriendRequestEvent.
type FriendRequestEventData struct {
	InitiatorID  int64                      `json:"initiator_id"`
	InitiatorUID string                     `json:"initiator_uid"`
	Comment      string                     `json:"comment"`
	Via          string                     `json:"via"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupJoinRequestEventData is the data of GroupJoinRequestEvent.
type GroupJoinRequestEventData struct {
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	IsFiltered      bool                       `json:"is_filtered"`
	InitiatorID     int64                      `json:"initiator_id"`
	Comment         string                     `json:"comment"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupInvitedJoinRequestEventData is the data of GroupInvitedJoinRequestEvent.
type GroupInvitedJoinRequestEventData struct {
	GroupID         int64                      `json:"group_id"`
	NotificationSeq int64                      `json:"notification_seq"`
	InitiatorID     int64                      `json:"initiator_id"`
	TargetUserID    int64                      `json:"target_user_id"`
	Extra           map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupInvitationEventData is the data of GroupInvitationEvent.
type GroupInvitationEventData struct {
	GroupID       int64                      `json:"group_id"`
	InvitationSeq int64                      `json:"invitation_seq"`
	InitiatorID   int64                      `json:"initiator_id"`
	SourceGroupID *int64                     `json:"source_group_id,omitempty"` // optional; nil when absent
	Extra         map[string]json.RawMessage `json:"-"`                         // unknown keys, kept for re-encoding
}

// FriendNudgeEventData is the data of FriendNudgeEvent.
type FriendNudgeEventData struct {
	UserID              int64                      `json:"user_id"`
	IsSelfSend          bool                       `json:"is_self_send"`
	IsSelfReceive       bool                       `json:"is_self_receive"`
	DisplayAction       string                     `json:"display_action"`
	DisplaySuffix       string                     `json:"display_suffix"`
	DisplayActionImgURL string                     `json:"display_action_img_url"`
	Extra               map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// FriendFileUploadEventData is the data of FriendFileUploadEvent.
type FriendFileUploadEventData struct {
	UserID   int64                      `json:"user_id"`
	FileID   string                     `json:"file_id"`
	FileName string                     `json:"file_name"`
	FileSize int64                      `json:"file_size"`
	FileHash string                     `json:"file_hash"`
	IsSelf   bool                       `json:"is_self"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupAdminChangeEventData is the data of GroupAdminChangeEvent.
type GroupAdminChangeEventData struct {
	GroupID    int64                      `json:"group_id"`
	UserID     int64                      `json:"user_id"`
	OperatorID int64                      `json:"operator_id"`
	IsSet      bool                       `json:"is_set"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupEssenceMessageChangeEventData is the data of GroupEssenceMessageChangeEvent.
type GroupEssenceMessageChangeEventData struct {
	GroupID    int64                      `json:"group_id"`
	MessageSeq int64                      `json:"message_seq"`
	OperatorID int64                      `json:"operator_id"`
	IsSet      bool                       `json:"is_set"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupMemberIncreaseEventData is the data of GroupMemberIncreaseEvent.
type GroupMemberIncreaseEventData struct {
	GroupID    int64                      `json:"group_id"`
	UserID     int64                      `json:"user_id"`
	OperatorID *int64                     `json:"operator_id,omitempty"` // optional; nil when absent
	InvitorID  *int64                     `json:"invitor_id,omitempty"`  // optional; nil when absent
	Extra      map[string]json.RawMessage `json:"-"`                     // unknown keys, kept for re-encoding
}

// GroupMemberDecreaseEventData is the data of GroupMemberDecreaseEvent.
type GroupMemberDecreaseEventData struct {
	GroupID    int64                      `json:"group_id"`
	UserID     int64                      `json:"user_id"`
	OperatorID *int64                     `json:"operator_id,omitempty"` // optional; nil when absent
	Extra      map[string]json.RawMessage `json:"-"`                     // unknown keys, kept for re-encoding
}

// GroupNameChangeEventData is the data of GroupNameChangeEvent.
type GroupNameChangeEventData struct {
	GroupID      int64                      `json:"group_id"`
	NewGroupName string                     `json:"new_group_name"`
	OperatorID   int64                      `json:"operator_id"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupMessageReactionEventData is the data of GroupMessageReactionEvent.
type GroupMessageReactionEventData struct {
	GroupID      int64                      `json:"group_id"`
	UserID       int64                      `json:"user_id"`
	MessageSeq   int64                      `json:"message_seq"`
	FaceID       string                     `json:"face_id"`
	ReactionType string                     `json:"reaction_type"` // one of "face", "emoji"
	IsAdd        bool                       `json:"is_add"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupMuteEventData is the data of GroupMuteEvent.
type GroupMuteEventData struct {
	GroupID    int64                      `json:"group_id"`
	UserID     int64                      `json:"user_id"`
	OperatorID int64                      `json:"operator_id"`
	Duration   int64                      `json:"duration"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupWholeMuteEventData is the data of GroupWholeMuteEvent.
type GroupWholeMuteEventData struct {
	GroupID    int64                      `json:"group_id"`
	OperatorID int64                      `json:"operator_id"`
	IsMute     bool                       `json:"is_mute"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupNudgeEventData is the data of GroupNudgeEvent.
type GroupNudgeEventData struct {
	GroupID             int64                      `json:"group_id"`
	SenderID            int64                      `json:"sender_id"`
	ReceiverID          int64                      `json:"receiver_id"`
	DisplayAction       string                     `json:"display_action"`
	DisplaySuffix       string                     `json:"display_suffix"`
	DisplayActionImgURL string                     `json:"display_action_img_url"`
	Extra               map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GroupFileUploadEventData is the data of GroupFileUploadEvent.
type GroupFileUploadEventData struct {
	GroupID  int64                      `json:"group_id"`
	UserID   int64                      `json:"user_id"`
	FileID   string                     `json:"file_id"`
	FileName string                     `json:"file_name"`
	FileSize int64                      `json:"file_size"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}
