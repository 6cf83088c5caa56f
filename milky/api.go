package milky

import (
	"context"
	"encoding/json"
)

// API names (the {name} of POST {base}/api/{name}), Milky 1.2.
const (
	APIGetLoginInfo               = "get_login_info"
	APIGetImplInfo                = "get_impl_info"
	APIGetUserProfile             = "get_user_profile"
	APIGetFriendList              = "get_friend_list"
	APIGetFriendInfo              = "get_friend_info"
	APIGetGroupList               = "get_group_list"
	APIGetGroupInfo               = "get_group_info"
	APIGetGroupMemberList         = "get_group_member_list"
	APIGetGroupMemberInfo         = "get_group_member_info"
	APIGetPeerPins                = "get_peer_pins"
	APISetPeerPin                 = "set_peer_pin"
	APISetAvatar                  = "set_avatar"
	APISetNickname                = "set_nickname"
	APISetBio                     = "set_bio"
	APIGetCustomFaceURLList       = "get_custom_face_url_list"
	APIGetCookies                 = "get_cookies"
	APIGetCSRFToken               = "get_csrf_token"
	APISendPrivateMessage         = "send_private_message"
	APISendGroupMessage           = "send_group_message"
	APIRecallPrivateMessage       = "recall_private_message"
	APIRecallGroupMessage         = "recall_group_message"
	APIGetMessage                 = "get_message"
	APIGetHistoryMessages         = "get_history_messages"
	APIGetResourceTempURL         = "get_resource_temp_url"
	APIGetForwardedMessages       = "get_forwarded_messages"
	APIMarkMessageAsRead          = "mark_message_as_read"
	APISendFriendNudge            = "send_friend_nudge"
	APISendProfileLike            = "send_profile_like"
	APIDeleteFriend               = "delete_friend"
	APIGetFriendRequests          = "get_friend_requests"
	APIAcceptFriendRequest        = "accept_friend_request"
	APIRejectFriendRequest        = "reject_friend_request"
	APISetGroupName               = "set_group_name"
	APISetGroupAvatar             = "set_group_avatar"
	APISetGroupMemberCard         = "set_group_member_card"
	APISetGroupMemberSpecialTitle = "set_group_member_special_title"
	APISetGroupMemberAdmin        = "set_group_member_admin"
	APISetGroupMemberMute         = "set_group_member_mute"
	APISetGroupWholeMute          = "set_group_whole_mute"
	APIKickGroupMember            = "kick_group_member"
	APIGetGroupAnnouncements      = "get_group_announcements"
	APISendGroupAnnouncement      = "send_group_announcement"
	APIDeleteGroupAnnouncement    = "delete_group_announcement"
	APIGetGroupEssenceMessages    = "get_group_essence_messages"
	APISetGroupEssenceMessage     = "set_group_essence_message"
	APIQuitGroup                  = "quit_group"
	APISendGroupMessageReaction   = "send_group_message_reaction"
	APISendGroupNudge             = "send_group_nudge"
	APIGetGroupNotifications      = "get_group_notifications"
	APIAcceptGroupRequest         = "accept_group_request"
	APIRejectGroupRequest         = "reject_group_request"
	APIAcceptGroupInvitation      = "accept_group_invitation"
	APIRejectGroupInvitation      = "reject_group_invitation"
	APIUploadPrivateFile          = "upload_private_file"
	APIUploadGroupFile            = "upload_group_file"
	APIGetPrivateFileDownloadURL  = "get_private_file_download_url"
	APIGetGroupFileDownloadURL    = "get_group_file_download_url"
	APIGetGroupFiles              = "get_group_files"
	APIMoveGroupFile              = "move_group_file"
	APIRenameGroupFile            = "rename_group_file"
	APIDeleteGroupFile            = "delete_group_file"
	APICreateGroupFolder          = "create_group_folder"
	APIRenameGroupFolder          = "rename_group_folder"
	APIDeleteGroupFolder          = "delete_group_folder"
)

// APINames lists every Milky 1.2 API this client has a method for, in the
// order of the specification.
var APINames = []string{
	APIGetLoginInfo,
	APIGetImplInfo,
	APIGetUserProfile,
	APIGetFriendList,
	APIGetFriendInfo,
	APIGetGroupList,
	APIGetGroupInfo,
	APIGetGroupMemberList,
	APIGetGroupMemberInfo,
	APIGetPeerPins,
	APISetPeerPin,
	APISetAvatar,
	APISetNickname,
	APISetBio,
	APIGetCustomFaceURLList,
	APIGetCookies,
	APIGetCSRFToken,
	APISendPrivateMessage,
	APISendGroupMessage,
	APIRecallPrivateMessage,
	APIRecallGroupMessage,
	APIGetMessage,
	APIGetHistoryMessages,
	APIGetResourceTempURL,
	APIGetForwardedMessages,
	APIMarkMessageAsRead,
	APISendFriendNudge,
	APISendProfileLike,
	APIDeleteFriend,
	APIGetFriendRequests,
	APIAcceptFriendRequest,
	APIRejectFriendRequest,
	APISetGroupName,
	APISetGroupAvatar,
	APISetGroupMemberCard,
	APISetGroupMemberSpecialTitle,
	APISetGroupMemberAdmin,
	APISetGroupMemberMute,
	APISetGroupWholeMute,
	APIKickGroupMember,
	APIGetGroupAnnouncements,
	APISendGroupAnnouncement,
	APIDeleteGroupAnnouncement,
	APIGetGroupEssenceMessages,
	APISetGroupEssenceMessage,
	APIQuitGroup,
	APISendGroupMessageReaction,
	APISendGroupNudge,
	APIGetGroupNotifications,
	APIAcceptGroupRequest,
	APIRejectGroupRequest,
	APIAcceptGroupInvitation,
	APIRejectGroupInvitation,
	APIUploadPrivateFile,
	APIUploadGroupFile,
	APIGetPrivateFileDownloadURL,
	APIGetGroupFileDownloadURL,
	APIGetGroupFiles,
	APIMoveGroupFile,
	APIRenameGroupFile,
	APIDeleteGroupFile,
	APICreateGroupFolder,
	APIRenameGroupFolder,
	APIDeleteGroupFolder,
}

// GetLoginInfoResult is the output of GetLoginInfo (get_login_info).
type GetLoginInfoResult struct {
	Uin      int64                      `json:"uin"`
	Nickname string                     `json:"nickname"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetLoginInfo calls get_login_info: it returns the logged-in account's QQ number and nickname.
func (c *Client) GetLoginInfo(ctx context.Context) (*GetLoginInfoResult, error) {
	r := new(GetLoginInfoResult)
	if err := c.Call(ctx, APIGetLoginInfo, nil, r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetImplInfoResult is the output of GetImplInfo (get_impl_info).
type GetImplInfoResult struct {
	ImplName          string                     `json:"impl_name"`
	ImplVersion       string                     `json:"impl_version"`
	QQProtocolVersion string                     `json:"qq_protocol_version"`
	QQProtocolType    string                     `json:"qq_protocol_type"` // one of "windows", "linux", "macos", "android_pad", "android_phone", "ipad", "iphone", "harmony", "watch"
	MilkyVersion      string                     `json:"milky_version"`
	Extra             map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetImplInfo calls get_impl_info: it returns the implementation's name and version, the QQ protocol it speaks and the Milky version it implements.
func (c *Client) GetImplInfo(ctx context.Context) (*GetImplInfoResult, error) {
	r := new(GetImplInfoResult)
	if err := c.Call(ctx, APIGetImplInfo, nil, r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetUserProfileParams is the input of GetUserProfile (get_user_profile).
type GetUserProfileParams struct {
	UserID int64                      `json:"user_id"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetUserProfileResult is the output of GetUserProfile (get_user_profile).
type GetUserProfileResult struct {
	Nickname string                     `json:"nickname"`
	QID      string                     `json:"qid"`
	Age      int64                      `json:"age"`
	Sex      string                     `json:"sex"` // one of "male", "female", "unknown"
	Remark   string                     `json:"remark"`
	Bio      string                     `json:"bio"`
	Level    int64                      `json:"level"`
	Country  string                     `json:"country"`
	City     string                     `json:"city"`
	School   string                     `json:"school"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetUserProfile calls get_user_profile: it returns a user's public profile.
// A nil p sends {}.
func (c *Client) GetUserProfile(ctx context.Context, p *GetUserProfileParams) (*GetUserProfileResult, error) {
	r := new(GetUserProfileResult)
	if err := c.Call(ctx, APIGetUserProfile, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetFriendListParams is the input of GetFriendList (get_friend_list).
type GetFriendListParams struct {
	NoCache bool                       `json:"no_cache"` // optional; the zero value is the default (false)
	Extra   map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// GetFriendListResult is the output of GetFriendList (get_friend_list).
type GetFriendListResult struct {
	Friends []FriendEntity             `json:"friends"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetFriendList calls get_friend_list: it returns the friend list.
// A nil p sends {}.
func (c *Client) GetFriendList(ctx context.Context, p *GetFriendListParams) (*GetFriendListResult, error) {
	r := new(GetFriendListResult)
	if err := c.Call(ctx, APIGetFriendList, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetFriendInfoParams is the input of GetFriendInfo (get_friend_info).
type GetFriendInfoParams struct {
	UserID  int64                      `json:"user_id"`
	NoCache bool                       `json:"no_cache"` // optional; the zero value is the default (false)
	Extra   map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// GetFriendInfoResult is the output of GetFriendInfo (get_friend_info).
type GetFriendInfoResult struct {
	Friend FriendEntity               `json:"friend"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetFriendInfo calls get_friend_info: it returns one friend.
// A nil p sends {}.
func (c *Client) GetFriendInfo(ctx context.Context, p *GetFriendInfoParams) (*GetFriendInfoResult, error) {
	r := new(GetFriendInfoResult)
	if err := c.Call(ctx, APIGetFriendInfo, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetGroupListParams is the input of GetGroupList (get_group_list).
type GetGroupListParams struct {
	NoCache bool                       `json:"no_cache"` // optional; the zero value is the default (false)
	Extra   map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// GetGroupListResult is the output of GetGroupList (get_group_list).
type GetGroupListResult struct {
	Groups []GroupEntity              `json:"groups"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupList calls get_group_list: it returns the groups the account is in.
// A nil p sends {}.
func (c *Client) GetGroupList(ctx context.Context, p *GetGroupListParams) (*GetGroupListResult, error) {
	r := new(GetGroupListResult)
	if err := c.Call(ctx, APIGetGroupList, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetGroupInfoParams is the input of GetGroupInfo (get_group_info).
type GetGroupInfoParams struct {
	GroupID int64                      `json:"group_id"`
	NoCache bool                       `json:"no_cache"` // optional; the zero value is the default (false)
	Extra   map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// GetGroupInfoResult is the output of GetGroupInfo (get_group_info).
type GetGroupInfoResult struct {
	Group GroupEntity                `json:"group"`
	Extra map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupInfo calls get_group_info: it returns one group.
// A nil p sends {}.
func (c *Client) GetGroupInfo(ctx context.Context, p *GetGroupInfoParams) (*GetGroupInfoResult, error) {
	r := new(GetGroupInfoResult)
	if err := c.Call(ctx, APIGetGroupInfo, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetGroupMemberListParams is the input of GetGroupMemberList (get_group_member_list).
type GetGroupMemberListParams struct {
	GroupID int64                      `json:"group_id"`
	NoCache bool                       `json:"no_cache"` // optional; the zero value is the default (false)
	Extra   map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// GetGroupMemberListResult is the output of GetGroupMemberList (get_group_member_list).
type GetGroupMemberListResult struct {
	Members []GroupMemberEntity        `json:"members"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupMemberList calls get_group_member_list: it returns a group's members.
// A nil p sends {}.
func (c *Client) GetGroupMemberList(ctx context.Context, p *GetGroupMemberListParams) (*GetGroupMemberListResult, error) {
	r := new(GetGroupMemberListResult)
	if err := c.Call(ctx, APIGetGroupMemberList, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetGroupMemberInfoParams is the input of GetGroupMemberInfo (get_group_member_info).
type GetGroupMemberInfoParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	NoCache bool                       `json:"no_cache"` // optional; the zero value is the default (false)
	Extra   map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// GetGroupMemberInfoResult is the output of GetGroupMemberInfo (get_group_member_info).
type GetGroupMemberInfoResult struct {
	Member GroupMemberEntity          `json:"member"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupMemberInfo calls get_group_member_info: it returns one group member.
// A nil p sends {}.
func (c *Client) GetGroupMemberInfo(ctx context.Context, p *GetGroupMemberInfoParams) (*GetGroupMemberInfoResult, error) {
	r := new(GetGroupMemberInfoResult)
	if err := c.Call(ctx, APIGetGroupMemberInfo, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetPeerPinsResult is the output of GetPeerPins (get_peer_pins).
type GetPeerPinsResult struct {
	Friends []FriendEntity             `json:"friends"`
	Groups  []GroupEntity              `json:"groups"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetPeerPins calls get_peer_pins: it returns the pinned friends and groups (Milky 1.2).
func (c *Client) GetPeerPins(ctx context.Context) (*GetPeerPinsResult, error) {
	r := new(GetPeerPinsResult)
	if err := c.Call(ctx, APIGetPeerPins, nil, r); err != nil {
		return nil, err
	}
	return r, nil
}

// SetPeerPinParams is the input of SetPeerPin (set_peer_pin).
type SetPeerPinParams struct {
	MessageScene string                     `json:"message_scene"` // one of "friend", "group", "temp"
	PeerID       int64                      `json:"peer_id"`
	IsPinned     *bool                      `json:"is_pinned,omitempty"` // optional; nil means the default, true
	Extra        map[string]json.RawMessage `json:"-"`                   // unknown keys, kept for re-encoding
}

// SetPeerPin calls set_peer_pin: it pins or unpins a conversation (Milky 1.2).
// A nil p sends {}.
func (c *Client) SetPeerPin(ctx context.Context, p *SetPeerPinParams) error {
	return c.Call(ctx, APISetPeerPin, paramsOf(p), nil)
}

// SetAvatarParams is the input of SetAvatar (set_avatar).
type SetAvatarParams struct {
	URI   string                     `json:"uri"`
	Extra map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetAvatar calls set_avatar: it sets the account's avatar (Milky 1.1).
// A nil p sends {}.
func (c *Client) SetAvatar(ctx context.Context, p *SetAvatarParams) error {
	return c.Call(ctx, APISetAvatar, paramsOf(p), nil)
}

// SetNicknameParams is the input of SetNickname (set_nickname).
type SetNicknameParams struct {
	NewNickname string                     `json:"new_nickname"`
	Extra       map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetNickname calls set_nickname: it sets the account's nickname (Milky 1.1).
// A nil p sends {}.
func (c *Client) SetNickname(ctx context.Context, p *SetNicknameParams) error {
	return c.Call(ctx, APISetNickname, paramsOf(p), nil)
}

// SetBioParams is the input of SetBio (set_bio).
type SetBioParams struct {
	NewBio string                     `json:"new_bio"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetBio calls set_bio: it sets the account's bio (Milky 1.1).
// A nil p sends {}.
func (c *Client) SetBio(ctx context.Context, p *SetBioParams) error {
	return c.Call(ctx, APISetBio, paramsOf(p), nil)
}

// GetCustomFaceURLListResult is the output of GetCustomFaceURLList (get_custom_face_url_list).
type GetCustomFaceURLListResult struct {
	Urls  []string                   `json:"urls"`
	Extra map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetCustomFaceURLList calls get_custom_face_url_list: it returns the URLs of the account's custom faces (Milky 1.1).
func (c *Client) GetCustomFaceURLList(ctx context.Context) (*GetCustomFaceURLListResult, error) {
	r := new(GetCustomFaceURLListResult)
	if err := c.Call(ctx, APIGetCustomFaceURLList, nil, r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetCookiesParams is the input of GetCookies (get_cookies).
type GetCookiesParams struct {
	Domain string                     `json:"domain"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetCookiesResult is the output of GetCookies (get_cookies).
type GetCookiesResult struct {
	Cookies string                     `json:"cookies"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetCookies calls get_cookies: it returns the cookies for a domain.
// A nil p sends {}.
func (c *Client) GetCookies(ctx context.Context, p *GetCookiesParams) (*GetCookiesResult, error) {
	r := new(GetCookiesResult)
	if err := c.Call(ctx, APIGetCookies, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetCSRFTokenResult is the output of GetCSRFToken (get_csrf_token).
type GetCSRFTokenResult struct {
	CSRFToken string                     `json:"csrf_token"`
	Extra     map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetCSRFToken calls get_csrf_token: it returns the CSRF token.
func (c *Client) GetCSRFToken(ctx context.Context) (*GetCSRFTokenResult, error) {
	r := new(GetCSRFTokenResult)
	if err := c.Call(ctx, APIGetCSRFToken, nil, r); err != nil {
		return nil, err
	}
	return r, nil
}

// SendPrivateMessageParams is the input of SendPrivateMessage (send_private_message).
type SendPrivateMessageParams struct {
	UserID  int64                      `json:"user_id"`
	Message OutgoingSegments           `json:"message"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SendPrivateMessageResult is the output of SendPrivateMessage (send_private_message).
type SendPrivateMessageResult struct {
	MessageSeq int64                      `json:"message_seq"`
	Time       int64                      `json:"time"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SendPrivateMessage calls send_private_message: it sends a message to a friend.
// A nil p sends {}.
func (c *Client) SendPrivateMessage(ctx context.Context, p *SendPrivateMessageParams) (*SendPrivateMessageResult, error) {
	r := new(SendPrivateMessageResult)
	if err := c.Call(ctx, APISendPrivateMessage, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// SendGroupMessageParams is the input of SendGroupMessage (send_group_message).
type SendGroupMessageParams struct {
	GroupID int64                      `json:"group_id"`
	Message OutgoingSegments           `json:"message"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SendGroupMessageResult is the output of SendGroupMessage (send_group_message).
type SendGroupMessageResult struct {
	MessageSeq int64                      `json:"message_seq"`
	Time       int64                      `json:"time"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SendGroupMessage calls send_group_message: it sends a message to a group.
// A nil p sends {}.
func (c *Client) SendGroupMessage(ctx context.Context, p *SendGroupMessageParams) (*SendGroupMessageResult, error) {
	r := new(SendGroupMessageResult)
	if err := c.Call(ctx, APISendGroupMessage, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// RecallPrivateMessageParams is the input of RecallPrivateMessage (recall_private_message).
type RecallPrivateMessageParams struct {
	UserID     int64                      `json:"user_id"`
	MessageSeq int64                      `json:"message_seq"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// RecallPrivateMessage calls recall_private_message: it recalls a message sent to a friend.
// A nil p sends {}.
func (c *Client) RecallPrivateMessage(ctx context.Context, p *RecallPrivateMessageParams) error {
	return c.Call(ctx, APIRecallPrivateMessage, paramsOf(p), nil)
}

// RecallGroupMessageParams is the input of RecallGroupMessage (recall_group_message).
type RecallGroupMessageParams struct {
	GroupID    int64                      `json:"group_id"`
	MessageSeq int64                      `json:"message_seq"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// RecallGroupMessage calls recall_group_message: it recalls a group message.
// A nil p sends {}.
func (c *Client) RecallGroupMessage(ctx context.Context, p *RecallGroupMessageParams) error {
	return c.Call(ctx, APIRecallGroupMessage, paramsOf(p), nil)
}

// GetMessageParams is the input of GetMessage (get_message).
type GetMessageParams struct {
	MessageScene string                     `json:"message_scene"` // one of "friend", "group", "temp"
	PeerID       int64                      `json:"peer_id"`
	MessageSeq   int64                      `json:"message_seq"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetMessageResult is the output of GetMessage (get_message).
type GetMessageResult struct {
	Message IncomingMessage            `json:"message"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetMessage calls get_message: it returns one message, addressed by scene, peer and sequence number.
// A nil p sends {}.
func (c *Client) GetMessage(ctx context.Context, p *GetMessageParams) (*GetMessageResult, error) {
	r := new(GetMessageResult)
	if err := c.Call(ctx, APIGetMessage, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetHistoryMessagesParams is the input of GetHistoryMessages (get_history_messages).
type GetHistoryMessagesParams struct {
	MessageScene    string                     `json:"message_scene"` // one of "friend", "group", "temp"
	PeerID          int64                      `json:"peer_id"`
	StartMessageSeq *int64                     `json:"start_message_seq,omitempty"` // optional; nil when absent
	Limit           *int64                     `json:"limit,omitempty"`             // optional; nil means the default, 20
	Extra           map[string]json.RawMessage `json:"-"`                           // unknown keys, kept for re-encoding
}

// GetHistoryMessagesResult is the output of GetHistoryMessages (get_history_messages).
type GetHistoryMessagesResult struct {
	Messages       []IncomingMessage          `json:"messages"`
	NextMessageSeq *int64                     `json:"next_message_seq,omitempty"` // optional; nil when absent
	Extra          map[string]json.RawMessage `json:"-"`                          // unknown keys, kept for re-encoding
}

// GetHistoryMessages calls get_history_messages: it returns a page of a conversation's history, newest page first; messages in a page are in ascending sequence order.
// A nil p sends {}.
func (c *Client) GetHistoryMessages(ctx context.Context, p *GetHistoryMessagesParams) (*GetHistoryMessagesResult, error) {
	r := new(GetHistoryMessagesResult)
	if err := c.Call(ctx, APIGetHistoryMessages, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetResourceTempURLParams is the input of GetResourceTempURL (get_resource_temp_url).
type GetResourceTempURLParams struct {
	ResourceID string                     `json:"resource_id"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetResourceTempURLResult is the output of GetResourceTempURL (get_resource_temp_url).
type GetResourceTempURLResult struct {
	URL   string                     `json:"url"`
	Extra map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetResourceTempURL calls get_resource_temp_url: it returns a fresh temporary URL for a received resource.
// A nil p sends {}.
func (c *Client) GetResourceTempURL(ctx context.Context, p *GetResourceTempURLParams) (*GetResourceTempURLResult, error) {
	r := new(GetResourceTempURLResult)
	if err := c.Call(ctx, APIGetResourceTempURL, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetForwardedMessagesParams is the input of GetForwardedMessages (get_forwarded_messages).
type GetForwardedMessagesParams struct {
	ForwardID string                     `json:"forward_id"`
	Extra     map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetForwardedMessagesResult is the output of GetForwardedMessages (get_forwarded_messages).
type GetForwardedMessagesResult struct {
	Messages []IncomingForwardedMessage `json:"messages"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetForwardedMessages calls get_forwarded_messages: it returns the messages inside a forwarded (merged) message.
// A nil p sends {}.
func (c *Client) GetForwardedMessages(ctx context.Context, p *GetForwardedMessagesParams) (*GetForwardedMessagesResult, error) {
	r := new(GetForwardedMessagesResult)
	if err := c.Call(ctx, APIGetForwardedMessages, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// MarkMessageAsReadParams is the input of MarkMessageAsRead (mark_message_as_read).
type MarkMessageAsReadParams struct {
	MessageScene string                     `json:"message_scene"` // one of "friend", "group", "temp"
	PeerID       int64                      `json:"peer_id"`
	MessageSeq   int64                      `json:"message_seq"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// MarkMessageAsRead calls mark_message_as_read: it marks a conversation as read up to a message.
// A nil p sends {}.
func (c *Client) MarkMessageAsRead(ctx context.Context, p *MarkMessageAsReadParams) error {
	return c.Call(ctx, APIMarkMessageAsRead, paramsOf(p), nil)
}

// SendFriendNudgeParams is the input of SendFriendNudge (send_friend_nudge).
type SendFriendNudgeParams struct {
	UserID int64                      `json:"user_id"`
	IsSelf bool                       `json:"is_self"` // optional; the zero value is the default (false)
	Extra  map[string]json.RawMessage `json:"-"`       // unknown keys, kept for re-encoding
}

// SendFriendNudge calls send_friend_nudge: it nudges a friend (or the account itself).
// A nil p sends {}.
func (c *Client) SendFriendNudge(ctx context.Context, p *SendFriendNudgeParams) error {
	return c.Call(ctx, APISendFriendNudge, paramsOf(p), nil)
}

// SendProfileLikeParams is the input of SendProfileLike (send_profile_like).
type SendProfileLikeParams struct {
	UserID int64                      `json:"user_id"`
	Count  *int64                     `json:"count,omitempty"` // optional; nil means the default, 1
	Extra  map[string]json.RawMessage `json:"-"`               // unknown keys, kept for re-encoding
}

// SendProfileLike calls send_profile_like: it likes a user's profile card.
// A nil p sends {}.
func (c *Client) SendProfileLike(ctx context.Context, p *SendProfileLikeParams) error {
	return c.Call(ctx, APISendProfileLike, paramsOf(p), nil)
}

// DeleteFriendParams is the input of DeleteFriend (delete_friend).
type DeleteFriendParams struct {
	UserID int64                      `json:"user_id"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// DeleteFriend calls delete_friend: it removes a friend (Milky 1.1).
// A nil p sends {}.
func (c *Client) DeleteFriend(ctx context.Context, p *DeleteFriendParams) error {
	return c.Call(ctx, APIDeleteFriend, paramsOf(p), nil)
}

// GetFriendRequestsParams is the input of GetFriendRequests (get_friend_requests).
type GetFriendRequestsParams struct {
	Limit      *int64                     `json:"limit,omitempty"` // optional; nil means the default, 20
	IsFiltered bool                       `json:"is_filtered"`     // optional; the zero value is the default (false)
	Extra      map[string]json.RawMessage `json:"-"`               // unknown keys, kept for re-encoding
}

// GetFriendRequestsResult is the output of GetFriendRequests (get_friend_requests).
type GetFriendRequestsResult struct {
	Requests []FriendRequest            `json:"requests"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetFriendRequests calls get_friend_requests: it returns friend requests.
// A nil p sends {}.
func (c *Client) GetFriendRequests(ctx context.Context, p *GetFriendRequestsParams) (*GetFriendRequestsResult, error) {
	r := new(GetFriendRequestsResult)
	if err := c.Call(ctx, APIGetFriendRequests, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// AcceptFriendRequestParams is the input of AcceptFriendRequest (accept_friend_request).
type AcceptFriendRequestParams struct {
	InitiatorUID string                     `json:"initiator_uid"`
	IsFiltered   bool                       `json:"is_filtered"` // optional; the zero value is the default (false)
	Extra        map[string]json.RawMessage `json:"-"`           // unknown keys, kept for re-encoding
}

// AcceptFriendRequest calls accept_friend_request: it accepts a friend request.
// A nil p sends {}.
func (c *Client) AcceptFriendRequest(ctx context.Context, p *AcceptFriendRequestParams) error {
	return c.Call(ctx, APIAcceptFriendRequest, paramsOf(p), nil)
}

// RejectFriendRequestParams is the input of RejectFriendRequest (reject_friend_request).
type RejectFriendRequestParams struct {
	InitiatorUID string                     `json:"initiator_uid"`
	IsFiltered   bool                       `json:"is_filtered"`      // optional; the zero value is the default (false)
	Reason       *string                    `json:"reason,omitempty"` // optional; nil when absent
	Extra        map[string]json.RawMessage `json:"-"`                // unknown keys, kept for re-encoding
}

// RejectFriendRequest calls reject_friend_request: it rejects a friend request.
// A nil p sends {}.
func (c *Client) RejectFriendRequest(ctx context.Context, p *RejectFriendRequestParams) error {
	return c.Call(ctx, APIRejectFriendRequest, paramsOf(p), nil)
}

// SetGroupNameParams is the input of SetGroupName (set_group_name).
type SetGroupNameParams struct {
	GroupID      int64                      `json:"group_id"`
	NewGroupName string                     `json:"new_group_name"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetGroupName calls set_group_name: it renames a group.
// A nil p sends {}.
func (c *Client) SetGroupName(ctx context.Context, p *SetGroupNameParams) error {
	return c.Call(ctx, APISetGroupName, paramsOf(p), nil)
}

// SetGroupAvatarParams is the input of SetGroupAvatar (set_group_avatar).
type SetGroupAvatarParams struct {
	GroupID  int64                      `json:"group_id"`
	ImageURI string                     `json:"image_uri"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetGroupAvatar calls set_group_avatar: it sets a group's avatar.
// A nil p sends {}.
func (c *Client) SetGroupAvatar(ctx context.Context, p *SetGroupAvatarParams) error {
	return c.Call(ctx, APISetGroupAvatar, paramsOf(p), nil)
}

// SetGroupMemberCardParams is the input of SetGroupMemberCard (set_group_member_card).
type SetGroupMemberCardParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	Card    string                     `json:"card"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetGroupMemberCard calls set_group_member_card: it sets a member's group card (display name).
// A nil p sends {}.
func (c *Client) SetGroupMemberCard(ctx context.Context, p *SetGroupMemberCardParams) error {
	return c.Call(ctx, APISetGroupMemberCard, paramsOf(p), nil)
}

// SetGroupMemberSpecialTitleParams is the input of SetGroupMemberSpecialTitle (set_group_member_special_title).
type SetGroupMemberSpecialTitleParams struct {
	GroupID      int64                      `json:"group_id"`
	UserID       int64                      `json:"user_id"`
	SpecialTitle string                     `json:"special_title"`
	Extra        map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SetGroupMemberSpecialTitle calls set_group_member_special_title: it sets a member's special title.
// A nil p sends {}.
func (c *Client) SetGroupMemberSpecialTitle(ctx context.Context, p *SetGroupMemberSpecialTitleParams) error {
	return c.Call(ctx, APISetGroupMemberSpecialTitle, paramsOf(p), nil)
}

// SetGroupMemberAdminParams is the input of SetGroupMemberAdmin (set_group_member_admin).
type SetGroupMemberAdminParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	IsSet   *bool                      `json:"is_set,omitempty"` // optional; nil means the default, true
	Extra   map[string]json.RawMessage `json:"-"`                // unknown keys, kept for re-encoding
}

// SetGroupMemberAdmin calls set_group_member_admin: it grants or revokes a member's admin role.
// A nil p sends {}.
func (c *Client) SetGroupMemberAdmin(ctx context.Context, p *SetGroupMemberAdminParams) error {
	return c.Call(ctx, APISetGroupMemberAdmin, paramsOf(p), nil)
}

// SetGroupMemberMuteParams is the input of SetGroupMemberMute (set_group_member_mute).
type SetGroupMemberMuteParams struct {
	GroupID  int64                      `json:"group_id"`
	UserID   int64                      `json:"user_id"`
	Duration int64                      `json:"duration"` // optional; the zero value is the default (0)
	Extra    map[string]json.RawMessage `json:"-"`        // unknown keys, kept for re-encoding
}

// SetGroupMemberMute calls set_group_member_mute: it mutes a member for a duration in seconds; 0 unmutes.
// A nil p sends {}.
func (c *Client) SetGroupMemberMute(ctx context.Context, p *SetGroupMemberMuteParams) error {
	return c.Call(ctx, APISetGroupMemberMute, paramsOf(p), nil)
}

// SetGroupWholeMuteParams is the input of SetGroupWholeMute (set_group_whole_mute).
type SetGroupWholeMuteParams struct {
	GroupID int64                      `json:"group_id"`
	IsMute  *bool                      `json:"is_mute,omitempty"` // optional; nil means the default, true
	Extra   map[string]json.RawMessage `json:"-"`                 // unknown keys, kept for re-encoding
}

// SetGroupWholeMute calls set_group_whole_mute: it turns whole-group mute on or off.
// A nil p sends {}.
func (c *Client) SetGroupWholeMute(ctx context.Context, p *SetGroupWholeMuteParams) error {
	return c.Call(ctx, APISetGroupWholeMute, paramsOf(p), nil)
}

// KickGroupMemberParams is the input of KickGroupMember (kick_group_member).
type KickGroupMemberParams struct {
	GroupID          int64                      `json:"group_id"`
	UserID           int64                      `json:"user_id"`
	RejectAddRequest bool                       `json:"reject_add_request"` // optional; the zero value is the default (false)
	Extra            map[string]json.RawMessage `json:"-"`                  // unknown keys, kept for re-encoding
}

// KickGroupMember calls kick_group_member: it removes a member from a group.
// A nil p sends {}.
func (c *Client) KickGroupMember(ctx context.Context, p *KickGroupMemberParams) error {
	return c.Call(ctx, APIKickGroupMember, paramsOf(p), nil)
}

// GetGroupAnnouncementsParams is the input of GetGroupAnnouncements (get_group_announcements).
type GetGroupAnnouncementsParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupAnnouncementsResult is the output of GetGroupAnnouncements (get_group_announcements).
type GetGroupAnnouncementsResult struct {
	Announcements []GroupAnnouncementEntity  `json:"announcements"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupAnnouncements calls get_group_announcements: it returns a group's announcements.
// A nil p sends {}.
func (c *Client) GetGroupAnnouncements(ctx context.Context, p *GetGroupAnnouncementsParams) (*GetGroupAnnouncementsResult, error) {
	r := new(GetGroupAnnouncementsResult)
	if err := c.Call(ctx, APIGetGroupAnnouncements, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// SendGroupAnnouncementParams is the input of SendGroupAnnouncement (send_group_announcement).
type SendGroupAnnouncementParams struct {
	GroupID  int64                      `json:"group_id"`
	Content  string                     `json:"content"`
	ImageURI *string                    `json:"image_uri,omitempty"` // optional; nil when absent
	Extra    map[string]json.RawMessage `json:"-"`                   // unknown keys, kept for re-encoding
}

// SendGroupAnnouncement calls send_group_announcement: it posts a group announcement.
// A nil p sends {}.
func (c *Client) SendGroupAnnouncement(ctx context.Context, p *SendGroupAnnouncementParams) error {
	return c.Call(ctx, APISendGroupAnnouncement, paramsOf(p), nil)
}

// DeleteGroupAnnouncementParams is the input of DeleteGroupAnnouncement (delete_group_announcement).
type DeleteGroupAnnouncementParams struct {
	GroupID        int64                      `json:"group_id"`
	AnnouncementID string                     `json:"announcement_id"`
	Extra          map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// DeleteGroupAnnouncement calls delete_group_announcement: it deletes a group announcement.
// A nil p sends {}.
func (c *Client) DeleteGroupAnnouncement(ctx context.Context, p *DeleteGroupAnnouncementParams) error {
	return c.Call(ctx, APIDeleteGroupAnnouncement, paramsOf(p), nil)
}

// GetGroupEssenceMessagesParams is the input of GetGroupEssenceMessages (get_group_essence_messages).
type GetGroupEssenceMessagesParams struct {
	GroupID   int64                      `json:"group_id"`
	PageIndex int64                      `json:"page_index"`
	PageSize  int64                      `json:"page_size"`
	Extra     map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupEssenceMessagesResult is the output of GetGroupEssenceMessages (get_group_essence_messages).
type GetGroupEssenceMessagesResult struct {
	Messages []GroupEssenceMessage      `json:"messages"`
	IsEnd    bool                       `json:"is_end"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupEssenceMessages calls get_group_essence_messages: it returns a page of a group's essence messages.
// A nil p sends {}.
func (c *Client) GetGroupEssenceMessages(ctx context.Context, p *GetGroupEssenceMessagesParams) (*GetGroupEssenceMessagesResult, error) {
	r := new(GetGroupEssenceMessagesResult)
	if err := c.Call(ctx, APIGetGroupEssenceMessages, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// SetGroupEssenceMessageParams is the input of SetGroupEssenceMessage (set_group_essence_message).
type SetGroupEssenceMessageParams struct {
	GroupID    int64                      `json:"group_id"`
	MessageSeq int64                      `json:"message_seq"`
	IsSet      *bool                      `json:"is_set,omitempty"` // optional; nil means the default, true
	Extra      map[string]json.RawMessage `json:"-"`                // unknown keys, kept for re-encoding
}

// SetGroupEssenceMessage calls set_group_essence_message: it adds or removes an essence message.
// A nil p sends {}.
func (c *Client) SetGroupEssenceMessage(ctx context.Context, p *SetGroupEssenceMessageParams) error {
	return c.Call(ctx, APISetGroupEssenceMessage, paramsOf(p), nil)
}

// QuitGroupParams is the input of QuitGroup (quit_group).
type QuitGroupParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// QuitGroup calls quit_group: it leaves a group.
// A nil p sends {}.
func (c *Client) QuitGroup(ctx context.Context, p *QuitGroupParams) error {
	return c.Call(ctx, APIQuitGroup, paramsOf(p), nil)
}

// SendGroupMessageReactionParams is the input of SendGroupMessageReaction (send_group_message_reaction).
type SendGroupMessageReactionParams struct {
	GroupID      int64                      `json:"group_id"`
	MessageSeq   int64                      `json:"message_seq"`
	Reaction     string                     `json:"reaction"`
	ReactionType *string                    `json:"reaction_type,omitempty"` // one of "face", "emoji"; optional; nil means the default, "face"
	IsAdd        *bool                      `json:"is_add,omitempty"`        // optional; nil means the default, true
	Extra        map[string]json.RawMessage `json:"-"`                       // unknown keys, kept for re-encoding
}

// SendGroupMessageReaction calls send_group_message_reaction: it adds or removes a reaction to a group message.
// A nil p sends {}.
func (c *Client) SendGroupMessageReaction(ctx context.Context, p *SendGroupMessageReactionParams) error {
	return c.Call(ctx, APISendGroupMessageReaction, paramsOf(p), nil)
}

// SendGroupNudgeParams is the input of SendGroupNudge (send_group_nudge).
type SendGroupNudgeParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// SendGroupNudge calls send_group_nudge: it nudges a group member.
// A nil p sends {}.
func (c *Client) SendGroupNudge(ctx context.Context, p *SendGroupNudgeParams) error {
	return c.Call(ctx, APISendGroupNudge, paramsOf(p), nil)
}

// GetGroupNotificationsParams is the input of GetGroupNotifications (get_group_notifications).
type GetGroupNotificationsParams struct {
	StartNotificationSeq *int64                     `json:"start_notification_seq,omitempty"` // optional; nil when absent
	IsFiltered           bool                       `json:"is_filtered"`                      // optional; the zero value is the default (false)
	Limit                *int64                     `json:"limit,omitempty"`                  // optional; nil means the default, 20
	Extra                map[string]json.RawMessage `json:"-"`                                // unknown keys, kept for re-encoding
}

// GetGroupNotificationsResult is the output of GetGroupNotifications (get_group_notifications).
type GetGroupNotificationsResult struct {
	Notifications       GroupNotifications         `json:"notifications"`
	NextNotificationSeq *int64                     `json:"next_notification_seq,omitempty"` // optional; nil when absent
	Extra               map[string]json.RawMessage `json:"-"`                               // unknown keys, kept for re-encoding
}

// GetGroupNotifications calls get_group_notifications: it returns group notifications (join requests, admin changes, kicks, quits, invitations).
// A nil p sends {}.
func (c *Client) GetGroupNotifications(ctx context.Context, p *GetGroupNotificationsParams) (*GetGroupNotificationsResult, error) {
	r := new(GetGroupNotificationsResult)
	if err := c.Call(ctx, APIGetGroupNotifications, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// AcceptGroupRequestParams is the input of AcceptGroupRequest (accept_group_request).
type AcceptGroupRequestParams struct {
	NotificationSeq  int64                      `json:"notification_seq"`
	NotificationType string                     `json:"notification_type"` // one of "join_request", "invited_join_request"
	GroupID          int64                      `json:"group_id"`
	IsFiltered       bool                       `json:"is_filtered"` // optional; the zero value is the default (false)
	Extra            map[string]json.RawMessage `json:"-"`           // unknown keys, kept for re-encoding
}

// AcceptGroupRequest calls accept_group_request: it accepts a join request or an invited-join request.
// A nil p sends {}.
func (c *Client) AcceptGroupRequest(ctx context.Context, p *AcceptGroupRequestParams) error {
	return c.Call(ctx, APIAcceptGroupRequest, paramsOf(p), nil)
}

// RejectGroupRequestParams is the input of RejectGroupRequest (reject_group_request).
type RejectGroupRequestParams struct {
	NotificationSeq  int64                      `json:"notification_seq"`
	NotificationType string                     `json:"notification_type"` // one of "join_request", "invited_join_request"
	GroupID          int64                      `json:"group_id"`
	IsFiltered       bool                       `json:"is_filtered"`      // optional; the zero value is the default (false)
	Reason           *string                    `json:"reason,omitempty"` // optional; nil when absent
	Extra            map[string]json.RawMessage `json:"-"`                // unknown keys, kept for re-encoding
}

// RejectGroupRequest calls reject_group_request: it rejects a join request or an invited-join request.
// A nil p sends {}.
func (c *Client) RejectGroupRequest(ctx context.Context, p *RejectGroupRequestParams) error {
	return c.Call(ctx, APIRejectGroupRequest, paramsOf(p), nil)
}

// AcceptGroupInvitationParams is the input of AcceptGroupInvitation (accept_group_invitation).
type AcceptGroupInvitationParams struct {
	GroupID       int64                      `json:"group_id"`
	InvitationSeq int64                      `json:"invitation_seq"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// AcceptGroupInvitation calls accept_group_invitation: it accepts an invitation for the account to join a group.
// A nil p sends {}.
func (c *Client) AcceptGroupInvitation(ctx context.Context, p *AcceptGroupInvitationParams) error {
	return c.Call(ctx, APIAcceptGroupInvitation, paramsOf(p), nil)
}

// RejectGroupInvitationParams is the input of RejectGroupInvitation (reject_group_invitation).
type RejectGroupInvitationParams struct {
	GroupID       int64                      `json:"group_id"`
	InvitationSeq int64                      `json:"invitation_seq"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// RejectGroupInvitation calls reject_group_invitation: it rejects an invitation for the account to join a group.
// A nil p sends {}.
func (c *Client) RejectGroupInvitation(ctx context.Context, p *RejectGroupInvitationParams) error {
	return c.Call(ctx, APIRejectGroupInvitation, paramsOf(p), nil)
}

// UploadPrivateFileParams is the input of UploadPrivateFile (upload_private_file).
type UploadPrivateFileParams struct {
	UserID   int64                      `json:"user_id"`
	FileURI  string                     `json:"file_uri"`
	FileName string                     `json:"file_name"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// UploadPrivateFileResult is the output of UploadPrivateFile (upload_private_file).
type UploadPrivateFileResult struct {
	FileID string                     `json:"file_id"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// UploadPrivateFile calls upload_private_file: it sends a file to a friend.
// A nil p sends {}.
func (c *Client) UploadPrivateFile(ctx context.Context, p *UploadPrivateFileParams) (*UploadPrivateFileResult, error) {
	r := new(UploadPrivateFileResult)
	if err := c.Call(ctx, APIUploadPrivateFile, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// UploadGroupFileParams is the input of UploadGroupFile (upload_group_file).
type UploadGroupFileParams struct {
	GroupID        int64                      `json:"group_id"`
	ParentFolderID *string                    `json:"parent_folder_id,omitempty"` // optional; nil means the default, "/"
	FileURI        string                     `json:"file_uri"`
	FileName       string                     `json:"file_name"`
	Extra          map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// UploadGroupFileResult is the output of UploadGroupFile (upload_group_file).
type UploadGroupFileResult struct {
	FileID string                     `json:"file_id"`
	Extra  map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// UploadGroupFile calls upload_group_file: it uploads a file to a group.
// A nil p sends {}.
func (c *Client) UploadGroupFile(ctx context.Context, p *UploadGroupFileParams) (*UploadGroupFileResult, error) {
	r := new(UploadGroupFileResult)
	if err := c.Call(ctx, APIUploadGroupFile, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetPrivateFileDownloadURLParams is the input of GetPrivateFileDownloadURL (get_private_file_download_url).
type GetPrivateFileDownloadURLParams struct {
	UserID   int64                      `json:"user_id"`
	FileID   string                     `json:"file_id"`
	FileHash string                     `json:"file_hash"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetPrivateFileDownloadURLResult is the output of GetPrivateFileDownloadURL (get_private_file_download_url).
type GetPrivateFileDownloadURLResult struct {
	DownloadURL string                     `json:"download_url"`
	Extra       map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetPrivateFileDownloadURL calls get_private_file_download_url: it returns a download URL for a file received from a friend.
// A nil p sends {}.
func (c *Client) GetPrivateFileDownloadURL(ctx context.Context, p *GetPrivateFileDownloadURLParams) (*GetPrivateFileDownloadURLResult, error) {
	r := new(GetPrivateFileDownloadURLResult)
	if err := c.Call(ctx, APIGetPrivateFileDownloadURL, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetGroupFileDownloadURLParams is the input of GetGroupFileDownloadURL (get_group_file_download_url).
type GetGroupFileDownloadURLParams struct {
	GroupID int64                      `json:"group_id"`
	FileID  string                     `json:"file_id"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupFileDownloadURLResult is the output of GetGroupFileDownloadURL (get_group_file_download_url).
type GetGroupFileDownloadURLResult struct {
	DownloadURL string                     `json:"download_url"`
	Extra       map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupFileDownloadURL calls get_group_file_download_url: it returns a download URL for a group file.
// A nil p sends {}.
func (c *Client) GetGroupFileDownloadURL(ctx context.Context, p *GetGroupFileDownloadURLParams) (*GetGroupFileDownloadURLResult, error) {
	r := new(GetGroupFileDownloadURLResult)
	if err := c.Call(ctx, APIGetGroupFileDownloadURL, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// GetGroupFilesParams is the input of GetGroupFiles (get_group_files).
type GetGroupFilesParams struct {
	GroupID        int64                      `json:"group_id"`
	ParentFolderID *string                    `json:"parent_folder_id,omitempty"` // optional; nil means the default, "/"
	Extra          map[string]json.RawMessage `json:"-"`                          // unknown keys, kept for re-encoding
}

// GetGroupFilesResult is the output of GetGroupFiles (get_group_files).
type GetGroupFilesResult struct {
	Files   []GroupFileEntity          `json:"files"`
	Folders []GroupFolderEntity        `json:"folders"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// GetGroupFiles calls get_group_files: it lists the files and folders in a group folder.
// A nil p sends {}.
func (c *Client) GetGroupFiles(ctx context.Context, p *GetGroupFilesParams) (*GetGroupFilesResult, error) {
	r := new(GetGroupFilesResult)
	if err := c.Call(ctx, APIGetGroupFiles, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// MoveGroupFileParams is the input of MoveGroupFile (move_group_file).
type MoveGroupFileParams struct {
	GroupID        int64                      `json:"group_id"`
	FileID         string                     `json:"file_id"`
	ParentFolderID *string                    `json:"parent_folder_id,omitempty"` // optional; nil means the default, "/"
	TargetFolderID *string                    `json:"target_folder_id,omitempty"` // optional; nil means the default, "/"
	Extra          map[string]json.RawMessage `json:"-"`                          // unknown keys, kept for re-encoding
}

// MoveGroupFile calls move_group_file: it moves a group file to another folder.
// A nil p sends {}.
func (c *Client) MoveGroupFile(ctx context.Context, p *MoveGroupFileParams) error {
	return c.Call(ctx, APIMoveGroupFile, paramsOf(p), nil)
}

// RenameGroupFileParams is the input of RenameGroupFile (rename_group_file).
type RenameGroupFileParams struct {
	GroupID        int64                      `json:"group_id"`
	FileID         string                     `json:"file_id"`
	ParentFolderID *string                    `json:"parent_folder_id,omitempty"` // optional; nil means the default, "/"
	NewFileName    string                     `json:"new_file_name"`
	Extra          map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// RenameGroupFile calls rename_group_file: it renames a group file.
// A nil p sends {}.
func (c *Client) RenameGroupFile(ctx context.Context, p *RenameGroupFileParams) error {
	return c.Call(ctx, APIRenameGroupFile, paramsOf(p), nil)
}

// DeleteGroupFileParams is the input of DeleteGroupFile (delete_group_file).
type DeleteGroupFileParams struct {
	GroupID int64                      `json:"group_id"`
	FileID  string                     `json:"file_id"`
	Extra   map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// DeleteGroupFile calls delete_group_file: it deletes a group file.
// A nil p sends {}.
func (c *Client) DeleteGroupFile(ctx context.Context, p *DeleteGroupFileParams) error {
	return c.Call(ctx, APIDeleteGroupFile, paramsOf(p), nil)
}

// CreateGroupFolderParams is the input of CreateGroupFolder (create_group_folder).
type CreateGroupFolderParams struct {
	GroupID    int64                      `json:"group_id"`
	FolderName string                     `json:"folder_name"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// CreateGroupFolderResult is the output of CreateGroupFolder (create_group_folder).
type CreateGroupFolderResult struct {
	FolderID string                     `json:"folder_id"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// CreateGroupFolder calls create_group_folder: it creates a group folder.
// A nil p sends {}.
func (c *Client) CreateGroupFolder(ctx context.Context, p *CreateGroupFolderParams) (*CreateGroupFolderResult, error) {
	r := new(CreateGroupFolderResult)
	if err := c.Call(ctx, APICreateGroupFolder, paramsOf(p), r); err != nil {
		return nil, err
	}
	return r, nil
}

// RenameGroupFolderParams is the input of RenameGroupFolder (rename_group_folder).
type RenameGroupFolderParams struct {
	GroupID       int64                      `json:"group_id"`
	FolderID      string                     `json:"folder_id"`
	NewFolderName string                     `json:"new_folder_name"`
	Extra         map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// RenameGroupFolder calls rename_group_folder: it renames a group folder.
// A nil p sends {}.
func (c *Client) RenameGroupFolder(ctx context.Context, p *RenameGroupFolderParams) error {
	return c.Call(ctx, APIRenameGroupFolder, paramsOf(p), nil)
}

// DeleteGroupFolderParams is the input of DeleteGroupFolder (delete_group_folder).
type DeleteGroupFolderParams struct {
	GroupID  int64                      `json:"group_id"`
	FolderID string                     `json:"folder_id"`
	Extra    map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// DeleteGroupFolder calls delete_group_folder: it deletes a group folder.
// A nil p sends {}.
func (c *Client) DeleteGroupFolder(ctx context.Context, p *DeleteGroupFolderParams) error {
	return c.Call(ctx, APIDeleteGroupFolder, paramsOf(p), nil)
}
