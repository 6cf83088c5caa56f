package onebot11

import (
	"context"
	"encoding/json"
)

// GetGroupListParams are the parameters of get_group_list.
type GetGroupListParams struct {
	NoCache bool                       `json:"no_cache"` // bypass the implementation's cache
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupList lists the groups the bot account is in (get_group_list). p may be nil.
func (c *Client) GetGroupList(ctx context.Context, p *GetGroupListParams) ([]GroupInfo, error) {
	return callList[GetGroupListParams, GroupInfo](ctx, c, ActionGetGroupList, p)
}

// GetGroupInfoParams are the parameters of get_group_info.
type GetGroupInfoParams struct {
	GroupID int64                      `json:"group_id"`
	NoCache bool                       `json:"no_cache,omitempty"` // standard OneBot 11
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupInfoResult is the data of get_group_info. RemarkName, AvatarURL and
// GroupAll are LLOneBot's and may be absent; GroupAll is QQ's raw group record,
// kept as JSON.
type GetGroupInfoResult struct {
	GroupID         int64                      `json:"group_id"`
	GroupName       string                     `json:"group_name"`
	GroupMemo       string                     `json:"group_memo"`
	GroupCreateTime int64                      `json:"group_create_time"`
	MemberCount     int64                      `json:"member_count"`
	MaxMemberCount  int64                      `json:"max_member_count"`
	RemarkName      string                     `json:"remark_name,omitempty"`
	AvatarURL       string                     `json:"avatar_url,omitempty"`
	GroupAll        json.RawMessage            `json:"groupAll,omitempty"`
	Extra           map[string]json.RawMessage `json:"-"`
}

// GetGroupInfo returns a group's information (get_group_info).
func (c *Client) GetGroupInfo(ctx context.Context, p *GetGroupInfoParams) (*GetGroupInfoResult, error) {
	return callResult[GetGroupInfoParams, GetGroupInfoResult](ctx, c, ActionGetGroupInfo, p)
}

// GetGroupMemberListParams are the parameters of get_group_member_list.
type GetGroupMemberListParams struct {
	GroupID int64                      `json:"group_id"`
	NoCache bool                       `json:"no_cache"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupMemberList lists a group's members (get_group_member_list). Large
// groups can take long: give ctx a generous deadline.
func (c *Client) GetGroupMemberList(ctx context.Context, p *GetGroupMemberListParams) ([]GroupMemberInfo, error) {
	return callList[GetGroupMemberListParams, GroupMemberInfo](ctx, c, ActionGetGroupMemberList, p)
}

// GetGroupMemberInfoParams are the parameters of get_group_member_info.
type GetGroupMemberInfoParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	NoCache bool                       `json:"no_cache"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupMemberInfoResult is the data of get_group_member_info: the same
// wire shape as a [GroupMemberInfo] of get_group_member_list.
type GetGroupMemberInfoResult GroupMemberInfo

// MarshalJSON encodes r as a [GroupMemberInfo].
func (r GetGroupMemberInfoResult) MarshalJSON() ([]byte, error) {
	return GroupMemberInfo(r).MarshalJSON()
}

// UnmarshalJSON decodes r as a [GroupMemberInfo].
func (r *GetGroupMemberInfoResult) UnmarshalJSON(b []byte) error {
	return (*GroupMemberInfo)(r).UnmarshalJSON(b)
}

// GetGroupMemberInfo returns one group member (get_group_member_info).
func (c *Client) GetGroupMemberInfo(ctx context.Context, p *GetGroupMemberInfoParams) (*GetGroupMemberInfoResult, error) {
	return callResult[GetGroupMemberInfoParams, GetGroupMemberInfoResult](ctx, c, ActionGetGroupMemberInfo, p)
}

// GroupPokeParams are the parameters of group_poke.
type GroupPokeParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GroupPoke pokes a group member (group_poke, LLOneBot).
func (c *Client) GroupPoke(ctx context.Context, p *GroupPokeParams) error {
	return callNone(ctx, c, ActionGroupPoke, p)
}

// GetGroupSystemMsgParams are the parameters of get_group_system_msg (none are defined).
type GetGroupSystemMsgParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetGroupSystemMsgResult is the data of get_group_system_msg.
type GetGroupSystemMsgResult struct {
	InvitedRequests []GroupSystemRequest       `json:"invited_requests"`
	JoinRequests    []GroupSystemRequest       `json:"join_requests"`
	Extra           map[string]json.RawMessage `json:"-"`
}

// GetGroupSystemMsg lists pending group invitations and join requests
// (get_group_system_msg). p may be nil.
func (c *Client) GetGroupSystemMsg(ctx context.Context, p *GetGroupSystemMsgParams) (*GetGroupSystemMsgResult, error) {
	return callResult[GetGroupSystemMsgParams, GetGroupSystemMsgResult](ctx, c, ActionGetGroupSystemMsg, p)
}

// SetGroupAddRequestParams are the parameters of set_group_add_request.
// Approve is always sent (false rejects). The standard also wants SubType
// ("add" or "invite", from the request event); go-cqhttp accepts it as Type.
type SetGroupAddRequestParams struct {
	Flag    string                     `json:"flag"`
	SubType string                     `json:"sub_type,omitempty"`
	Type    string                     `json:"type,omitempty"`
	Approve bool                       `json:"approve"`
	Reason  string                     `json:"reason,omitempty"` // rejection reason
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupAddRequest accepts or rejects a group join request or invitation
// (set_group_add_request).
func (c *Client) SetGroupAddRequest(ctx context.Context, p *SetGroupAddRequestParams) error {
	return callNone(ctx, c, ActionSetGroupAddRequest, p)
}

// SetGroupLeaveParams are the parameters of set_group_leave.
type SetGroupLeaveParams struct {
	GroupID   int64                      `json:"group_id"`
	IsDismiss bool                       `json:"is_dismiss,omitempty"` // standard: dismiss the group when the bot owns it
	Extra     map[string]json.RawMessage `json:"-"`
}

// SetGroupLeave leaves a group (set_group_leave).
func (c *Client) SetGroupLeave(ctx context.Context, p *SetGroupLeaveParams) error {
	return callNone(ctx, c, ActionSetGroupLeave, p)
}

// SetGroupAdminParams are the parameters of set_group_admin. Enable is always
// sent: false removes the admin.
type SetGroupAdminParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	Enable  bool                       `json:"enable"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupAdmin grants or revokes a member's admin role (set_group_admin).
func (c *Client) SetGroupAdmin(ctx context.Context, p *SetGroupAdminParams) error {
	return callNone(ctx, c, ActionSetGroupAdmin, p)
}

// SetGroupCardParams are the parameters of set_group_card. Card is always
// sent: "" removes the card.
type SetGroupCardParams struct {
	GroupID int64                      `json:"group_id"`
	UserID  int64                      `json:"user_id"`
	Card    string                     `json:"card"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupCard sets a member's group card (set_group_card).
func (c *Client) SetGroupCard(ctx context.Context, p *SetGroupCardParams) error {
	return callNone(ctx, c, ActionSetGroupCard, p)
}

// SetGroupBanParams are the parameters of set_group_ban. Duration (seconds)
// is always sent: 0 lifts the mute.
type SetGroupBanParams struct {
	GroupID  int64                      `json:"group_id"`
	UserID   int64                      `json:"user_id"`
	Duration int64                      `json:"duration"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// SetGroupBan mutes a member for Duration seconds, or unmutes with 0 (set_group_ban).
func (c *Client) SetGroupBan(ctx context.Context, p *SetGroupBanParams) error {
	return callNone(ctx, c, ActionSetGroupBan, p)
}

// SetGroupWholeBanParams are the parameters of set_group_whole_ban. Enable is
// always sent: false lifts the mute.
type SetGroupWholeBanParams struct {
	GroupID int64                      `json:"group_id"`
	Enable  bool                       `json:"enable"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupWholeBan mutes or unmutes the whole group (set_group_whole_ban).
func (c *Client) SetGroupWholeBan(ctx context.Context, p *SetGroupWholeBanParams) error {
	return callNone(ctx, c, ActionSetGroupWholeBan, p)
}

// GetGroupShutListParams are the parameters of get_group_shut_list.
type GetGroupShutListParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupShutList lists the muted members of a group (get_group_shut_list, LLOneBot).
func (c *Client) GetGroupShutList(ctx context.Context, p *GetGroupShutListParams) ([]GroupShutMember, error) {
	return callList[GetGroupShutListParams, GroupShutMember](ctx, c, ActionGetGroupShutList, p)
}

// SetGroupNameParams are the parameters of set_group_name.
type SetGroupNameParams struct {
	GroupID   int64                      `json:"group_id"`
	GroupName string                     `json:"group_name"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SetGroupName renames a group (set_group_name).
func (c *Client) SetGroupName(ctx context.Context, p *SetGroupNameParams) error {
	return callNone(ctx, c, ActionSetGroupName, p)
}

// BatchDeleteGroupMemberParams are the parameters of batch_delete_group_member.
type BatchDeleteGroupMemberParams struct {
	GroupID int64                      `json:"group_id"`
	UserIDs []int64                    `json:"user_ids"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// BatchDeleteGroupMember removes several members at once
// (batch_delete_group_member, LLOneBot 5.6+).
func (c *Client) BatchDeleteGroupMember(ctx context.Context, p *BatchDeleteGroupMemberParams) error {
	return callNone(ctx, c, ActionBatchDeleteGroupMember, p)
}

// SetGroupKickParams are the parameters of set_group_kick. RejectAddRequest
// is always sent.
type SetGroupKickParams struct {
	GroupID          int64                      `json:"group_id"`
	UserID           int64                      `json:"user_id"`
	RejectAddRequest bool                       `json:"reject_add_request"` // refuse the member's future join requests
	Extra            map[string]json.RawMessage `json:"-"`
}

// SetGroupKick removes a member from a group (set_group_kick).
func (c *Client) SetGroupKick(ctx context.Context, p *SetGroupKickParams) error {
	return callNone(ctx, c, ActionSetGroupKick, p)
}

// SetGroupSpecialTitleParams are the parameters of set_group_special_title.
// SpecialTitle is always sent: "" removes the title.
type SetGroupSpecialTitleParams struct {
	GroupID      int64                      `json:"group_id"`
	UserID       int64                      `json:"user_id"`
	SpecialTitle string                     `json:"special_title"`
	Duration     int64                      `json:"duration,omitempty"` // standard: seconds, -1 or absent for ever
	Extra        map[string]json.RawMessage `json:"-"`
}

// SetGroupSpecialTitle sets a member's special title (set_group_special_title).
func (c *Client) SetGroupSpecialTitle(ctx context.Context, p *SetGroupSpecialTitleParams) error {
	return callNone(ctx, c, ActionSetGroupSpecialTitle, p)
}

// GetGroupHonorInfoParams are the parameters of get_group_honor_info.
type GetGroupHonorInfoParams struct {
	GroupID int64 `json:"group_id"`
	// Type is "talkative", "performer", "legend", "strong_newbie", "emotion"
	// or "all".
	Type  string                     `json:"type,omitempty"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetGroupHonorInfoResult is the data of get_group_honor_info. Only the lists
// asked for are present (nil when absent). LLOneBot sends group_id as a
// string; it decodes either way.
type GetGroupHonorInfoResult struct {
	GroupID          int64                      `json:"group_id"`
	CurrentTalkative *HonorMember               `json:"current_talkative,omitempty"`
	TalkativeList    []HonorMember              `json:"talkative_list,omitzero"`
	PerformerList    []HonorMember              `json:"performer_list,omitzero"`
	LegendList       []HonorMember              `json:"legend_list,omitzero"`
	StrongNewbieList []HonorMember              `json:"strong_newbie_list,omitzero"`
	EmotionList      []HonorMember              `json:"emotion_list,omitzero"`
	Extra            map[string]json.RawMessage `json:"-"`
}

// GetGroupHonorInfo returns a group's honours (get_group_honor_info).
func (c *Client) GetGroupHonorInfo(ctx context.Context, p *GetGroupHonorInfoParams) (*GetGroupHonorInfoResult, error) {
	return callResult[GetGroupHonorInfoParams, GetGroupHonorInfoResult](ctx, c, ActionGetGroupHonorInfo, p)
}

// GetEssenceMsgListParams are the parameters of get_essence_msg_list.
type GetEssenceMsgListParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetEssenceMsgList lists a group's essence messages (get_essence_msg_list).
func (c *Client) GetEssenceMsgList(ctx context.Context, p *GetEssenceMsgListParams) ([]EssenceMsg, error) {
	return callList[GetEssenceMsgListParams, EssenceMsg](ctx, c, ActionGetEssenceMsgList, p)
}

// SetEssenceMsgParams are the parameters of set_essence_msg.
type SetEssenceMsgParams struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SetEssenceMsg marks a message as essence (set_essence_msg).
func (c *Client) SetEssenceMsg(ctx context.Context, p *SetEssenceMsgParams) error {
	return callNone(ctx, c, ActionSetEssenceMsg, p)
}

// DeleteEssenceMsgParams are the parameters of delete_essence_msg.
type DeleteEssenceMsgParams struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// DeleteEssenceMsgResult is the data LLOneBot returns for delete_essence_msg
// (QQ's raw answer; Result is kept as JSON). Other implementations return none.
type DeleteEssenceMsgResult struct {
	ErrCode int64                      `json:"errCode"`
	ErrMsg  string                     `json:"errMsg"`
	Result  json.RawMessage            `json:"result,omitempty"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// DeleteEssenceMsg removes a message from the essence list (delete_essence_msg).
func (c *Client) DeleteEssenceMsg(ctx context.Context, p *DeleteEssenceMsgParams) (*DeleteEssenceMsgResult, error) {
	return callResult[DeleteEssenceMsgParams, DeleteEssenceMsgResult](ctx, c, ActionDeleteEssenceMsg, p)
}

// GetGroupAtAllRemainParams are the parameters of get_group_at_all_remain.
type GetGroupAtAllRemainParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupAtAllRemainResult is the data of get_group_at_all_remain.
type GetGroupAtAllRemainResult struct {
	CanAtAll                 bool                       `json:"can_at_all"`
	RemainAtAllCountForGroup int64                      `json:"remain_at_all_count_for_group"`
	RemainAtAllCountForUin   int64                      `json:"remain_at_all_count_for_uin"`
	Extra                    map[string]json.RawMessage `json:"-"`
}

// GetGroupAtAllRemain returns how many @all the bot may still send today
// (get_group_at_all_remain).
func (c *Client) GetGroupAtAllRemain(ctx context.Context, p *GetGroupAtAllRemainParams) (*GetGroupAtAllRemainResult, error) {
	return callResult[GetGroupAtAllRemainParams, GetGroupAtAllRemainResult](ctx, c, ActionGetGroupAtAllRemain, p)
}

// SendGroupNoticeParams are the parameters of _send_group_notice.
type SendGroupNoticeParams struct {
	GroupID int64                      `json:"group_id"`
	Content string                     `json:"content"`
	Image   string                     `json:"image,omitempty"` // file://, http(s):// or base64:// image
	Extra   map[string]json.RawMessage `json:"-"`
}

// SendGroupNotice publishes a group announcement (_send_group_notice).
func (c *Client) SendGroupNotice(ctx context.Context, p *SendGroupNoticeParams) error {
	return callNone(ctx, c, ActionSendGroupNotice, p)
}

// GetGroupNoticeParams are the parameters of _get_group_notice.
type GetGroupNoticeParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupNotice lists a group's announcements (_get_group_notice).
func (c *Client) GetGroupNotice(ctx context.Context, p *GetGroupNoticeParams) ([]GroupNotice, error) {
	return callList[GetGroupNoticeParams, GroupNotice](ctx, c, ActionGetGroupNotice, p)
}

// SendGroupSignParams are the parameters of send_group_sign.
type SendGroupSignParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SendGroupSign checks in to a group (send_group_sign).
func (c *Client) SendGroupSign(ctx context.Context, p *SendGroupSignParams) error {
	return callNone(ctx, c, ActionSendGroupSign, p)
}

// SetGroupMsgMaskParams are the parameters of set_group_msg_mask.
type SetGroupMsgMaskParams struct {
	GroupID int64 `json:"group_id"`
	// Mask: 1 receive and notify, 2 into the group assistant, 3 block,
	// 4 receive silently.
	Mask  int64                      `json:"mask"`
	Extra map[string]json.RawMessage `json:"-"`
}

// SetGroupMsgMask sets how the group's messages are received (set_group_msg_mask, LLOneBot).
func (c *Client) SetGroupMsgMask(ctx context.Context, p *SetGroupMsgMaskParams) error {
	return callNone(ctx, c, ActionSetGroupMsgMask, p)
}

// SetGroupRemarkParams are the parameters of set_group_remark. Remark is
// always sent: "" removes it.
type SetGroupRemarkParams struct {
	GroupID int64                      `json:"group_id"`
	Remark  string                     `json:"remark"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupRemark sets the bot's private remark for a group (set_group_remark, LLOneBot).
func (c *Client) SetGroupRemark(ctx context.Context, p *SetGroupRemarkParams) error {
	return callNone(ctx, c, ActionSetGroupRemark, p)
}

// GetGroupIgnoreAddRequestParams are the parameters of get_group_ignore_add_request.
type GetGroupIgnoreAddRequestParams struct {
	GroupID int64                      `json:"group_id,omitempty"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupIgnoreAddRequest lists the join requests QQ filtered out
// (get_group_ignore_add_request). The document gives no response; the entries
// have get_group_system_msg's shape (NapCat), and LLOneBot answers null.
func (c *Client) GetGroupIgnoreAddRequest(ctx context.Context, p *GetGroupIgnoreAddRequestParams) ([]GroupSystemRequest, error) {
	return callList[GetGroupIgnoreAddRequestParams, GroupSystemRequest](ctx, c, ActionGetGroupIgnoreAddRequest, p)
}

// UploadGroupAlbumParams are the parameters of upload_group_album.
type UploadGroupAlbumParams struct {
	GroupID int64                      `json:"group_id"`
	AlbumID string                     `json:"album_id"`
	Files   []string                   `json:"files"` // file://, http(s):// or base64:// images
	Extra   map[string]json.RawMessage `json:"-"`
}

// UploadGroupAlbumResult is the data of upload_group_album.
type UploadGroupAlbumResult struct {
	SuccessCount int64                      `json:"success_count"`
	FailCount    int64                      `json:"fail_count"`
	FailIndexes  []int64                    `json:"fail_indexes"` // indexes into Files
	Extra        map[string]json.RawMessage `json:"-"`
}

// UploadGroupAlbum uploads images to a group album (upload_group_album, LLOneBot).
func (c *Client) UploadGroupAlbum(ctx context.Context, p *UploadGroupAlbumParams) (*UploadGroupAlbumResult, error) {
	return callResult[UploadGroupAlbumParams, UploadGroupAlbumResult](ctx, c, ActionUploadGroupAlbum, p)
}

// GetGroupAlbumListParams are the parameters of get_group_album_list.
type GetGroupAlbumListParams struct {
	GroupID int64                      `json:"group_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetGroupAlbumList lists a group's albums (get_group_album_list, LLOneBot).
func (c *Client) GetGroupAlbumList(ctx context.Context, p *GetGroupAlbumListParams) ([]GroupAlbum, error) {
	return callList[GetGroupAlbumListParams, GroupAlbum](ctx, c, ActionGetGroupAlbumList, p)
}

// CreateGroupAlbumParams are the parameters of create_group_album.
type CreateGroupAlbumParams struct {
	GroupID int64                      `json:"group_id"`
	Name    string                     `json:"name"`
	Desc    string                     `json:"desc"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// CreateGroupAlbumResult is the data of create_group_album: the new album,
// the same wire shape as a [GroupAlbum] of get_group_album_list.
type CreateGroupAlbumResult GroupAlbum

// MarshalJSON encodes r as a [GroupAlbum].
func (r CreateGroupAlbumResult) MarshalJSON() ([]byte, error) { return GroupAlbum(r).MarshalJSON() }

// UnmarshalJSON decodes r as a [GroupAlbum].
func (r *CreateGroupAlbumResult) UnmarshalJSON(b []byte) error {
	return (*GroupAlbum)(r).UnmarshalJSON(b)
}

// CreateGroupAlbum creates a group album and returns it (create_group_album, LLOneBot).
func (c *Client) CreateGroupAlbum(ctx context.Context, p *CreateGroupAlbumParams) (*CreateGroupAlbumResult, error) {
	return callResult[CreateGroupAlbumParams, CreateGroupAlbumResult](ctx, c, ActionCreateGroupAlbum, p)
}

// DeleteGroupAlbumParams are the parameters of delete_group_album.
type DeleteGroupAlbumParams struct {
	GroupID int64                      `json:"group_id"`
	AlbumID string                     `json:"album_id"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// DeleteGroupAlbum deletes a group album (delete_group_album, LLOneBot).
func (c *Client) DeleteGroupAlbum(ctx context.Context, p *DeleteGroupAlbumParams) error {
	return callNone(ctx, c, ActionDeleteGroupAlbum, p)
}

// DeleteGroupNoticeParams are the parameters of _delete_group_notice and
// _del_group_notice.
type DeleteGroupNoticeParams struct {
	GroupID  int64                      `json:"group_id"`
	NoticeID string                     `json:"notice_id"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// DeleteGroupNotice deletes a group announcement (_delete_group_notice, LLOneBot).
func (c *Client) DeleteGroupNotice(ctx context.Context, p *DeleteGroupNoticeParams) error {
	return callNone(ctx, c, ActionDeleteGroupNotice, p)
}
