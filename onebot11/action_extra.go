package onebot11

import (
	"context"
	"encoding/json"
)

// This file holds the OneBot 11 standard actions and the go-cqhttp
// extensions that the LLOneBot document omits.

// SendMsgParams are the parameters of send_msg. MessageType ("private" or
// "group") may be left empty: the implementation infers it from which id is
// set. AutoEscape only matters for the string format.
type SendMsgParams struct {
	MessageType string                     `json:"message_type,omitempty"`
	UserID      int64                      `json:"user_id,omitempty"`
	GroupID     int64                      `json:"group_id,omitempty"`
	Message     Message                    `json:"message"`
	AutoEscape  bool                       `json:"auto_escape,omitempty"`
	Extra       map[string]json.RawMessage `json:"-"`
}

// SendMsgResult is the data of send_msg.
type SendMsgResult struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendMsg sends a private or group message (send_msg, standard).
func (c *Client) SendMsg(ctx context.Context, p *SendMsgParams) (*SendMsgResult, error) {
	return callResult[SendMsgParams, SendMsgResult](ctx, c, ActionSendMsg, p)
}

// SetGroupAnonymousBanParams are the parameters of set_group_anonymous_ban.
// Identify the member by Anonymous (the anonymous object of the message
// event) or by its flag (AnonymousFlag; some implementations read Flag).
// Duration (seconds) is always sent; anonymous members cannot be unmuted.
type SetGroupAnonymousBanParams struct {
	GroupID       int64                      `json:"group_id"`
	Anonymous     *Anonymous                 `json:"anonymous,omitempty"`
	AnonymousFlag string                     `json:"anonymous_flag,omitempty"`
	Flag          string                     `json:"flag,omitempty"`
	Duration      int64                      `json:"duration"`
	Extra         map[string]json.RawMessage `json:"-"`
}

// SetGroupAnonymousBan mutes an anonymous group member (set_group_anonymous_ban, standard).
func (c *Client) SetGroupAnonymousBan(ctx context.Context, p *SetGroupAnonymousBanParams) error {
	return callNone(ctx, c, ActionSetGroupAnonymousBan, p)
}

// SetGroupAnonymousParams are the parameters of set_group_anonymous. Enable is
// always sent: false forbids anonymous chat.
type SetGroupAnonymousParams struct {
	GroupID int64                      `json:"group_id"`
	Enable  bool                       `json:"enable"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupAnonymous allows or forbids anonymous chat in a group (set_group_anonymous, standard).
func (c *Client) SetGroupAnonymous(ctx context.Context, p *SetGroupAnonymousParams) error {
	return callNone(ctx, c, ActionSetGroupAnonymous, p)
}

// GetCSRFTokenParams are the parameters of get_csrf_token (none are defined).
type GetCSRFTokenParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetCSRFTokenResult is the data of get_csrf_token.
type GetCSRFTokenResult struct {
	Token int64                      `json:"token"`
	Extra map[string]json.RawMessage `json:"-"`
}

// GetCSRFToken returns the QQ web CSRF token (get_csrf_token, standard). p may be nil.
func (c *Client) GetCSRFToken(ctx context.Context, p *GetCSRFTokenParams) (*GetCSRFTokenResult, error) {
	return callResult[GetCSRFTokenParams, GetCSRFTokenResult](ctx, c, ActionGetCSRFToken, p)
}

// GetCredentialsParams are the parameters of get_credentials.
type GetCredentialsParams struct {
	Domain string                     `json:"domain,omitempty"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// GetCredentialsResult is the data of get_credentials.
type GetCredentialsResult struct {
	Cookies   string                     `json:"cookies"`
	CSRFToken int64                      `json:"csrf_token"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetCredentials returns cookies and the CSRF token together (get_credentials, standard).
// p may be nil.
func (c *Client) GetCredentials(ctx context.Context, p *GetCredentialsParams) (*GetCredentialsResult, error) {
	return callResult[GetCredentialsParams, GetCredentialsResult](ctx, c, ActionGetCredentials, p)
}

// CanSendImageParams are the parameters of can_send_image (none are defined).
type CanSendImageParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// CanSendImageResult is the data of can_send_image.
type CanSendImageResult struct {
	Yes   bool                       `json:"yes"`
	Extra map[string]json.RawMessage `json:"-"`
}

// CanSendImage reports whether images can be sent (can_send_image, standard). p may be nil.
func (c *Client) CanSendImage(ctx context.Context, p *CanSendImageParams) (*CanSendImageResult, error) {
	return callResult[CanSendImageParams, CanSendImageResult](ctx, c, ActionCanSendImage, p)
}

// CanSendRecordParams are the parameters of can_send_record (none are defined).
type CanSendRecordParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// CanSendRecordResult is the data of can_send_record.
type CanSendRecordResult struct {
	Yes   bool                       `json:"yes"`
	Extra map[string]json.RawMessage `json:"-"`
}

// CanSendRecord reports whether voice messages can be sent (can_send_record, standard).
// p may be nil.
func (c *Client) CanSendRecord(ctx context.Context, p *CanSendRecordParams) (*CanSendRecordResult, error) {
	return callResult[CanSendRecordParams, CanSendRecordResult](ctx, c, ActionCanSendRecord, p)
}

// HandleQuickOperationParams are the parameters of .handle_quick_operation:
// the event being answered (as received) and the quick operation (the object
// an HTTP POST webhook would have answered, e.g. {"reply":"hi"}).
type HandleQuickOperationParams struct {
	Context   json.RawMessage            `json:"context"`
	Operation json.RawMessage            `json:"operation"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// HandleQuickOperation performs a quick operation on an event over the API
// (.handle_quick_operation, the standard's hidden action).
func (c *Client) HandleQuickOperation(ctx context.Context, p *HandleQuickOperationParams) error {
	return callNone(ctx, c, ActionHandleQuickOperation, p)
}

// SendForwardMsgParams are the parameters of send_forward_msg. MessageType
// ("private" or "group") may be left empty when exactly one id is set.
// Messages is a list of node segments.
type SendForwardMsgParams struct {
	MessageType string                     `json:"message_type,omitempty"`
	UserID      int64                      `json:"user_id,omitempty"`
	GroupID     int64                      `json:"group_id,omitempty"`
	Messages    Message                    `json:"messages"`
	Extra       map[string]json.RawMessage `json:"-"`
}

// SendForwardMsgResult is the data of send_forward_msg.
type SendForwardMsgResult struct {
	MessageID int64                      `json:"message_id"`
	ForwardID string                     `json:"forward_id,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendForwardMsg sends a forwarded (merged) message to a user or group
// (send_forward_msg, go-cqhttp).
func (c *Client) SendForwardMsg(ctx context.Context, p *SendForwardMsgParams) (*SendForwardMsgResult, error) {
	return callResult[SendForwardMsgParams, SendForwardMsgResult](ctx, c, ActionSendForwardMsg, p)
}

// DelGroupNoticeParams are the parameters of _del_group_notice.
type DelGroupNoticeParams struct {
	GroupID  int64                      `json:"group_id"`
	NoticeID string                     `json:"notice_id"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// DelGroupNotice deletes a group announcement (_del_group_notice, go-cqhttp's
// name for _delete_group_notice).
func (c *Client) DelGroupNotice(ctx context.Context, p *DelGroupNoticeParams) error {
	return callNone(ctx, c, ActionDelGroupNotice, p)
}

// SetGroupPortraitParams are the parameters of set_group_portrait.
type SetGroupPortraitParams struct {
	GroupID int64                      `json:"group_id"`
	File    string                     `json:"file"`            // file://, http(s):// or base64:// image
	Cache   int64                      `json:"cache,omitempty"` // 1 uses the cache for http files
	Extra   map[string]json.RawMessage `json:"-"`
}

// SetGroupPortrait sets a group's avatar (set_group_portrait, go-cqhttp).
func (c *Client) SetGroupPortrait(ctx context.Context, p *SetGroupPortraitParams) error {
	return callNone(ctx, c, ActionSetGroupPortrait, p)
}

// CheckURLSafelyParams are the parameters of check_url_safely.
type CheckURLSafelyParams struct {
	URL   string                     `json:"url"`
	Extra map[string]json.RawMessage `json:"-"`
}

// CheckURLSafelyResult is the data of check_url_safely.
type CheckURLSafelyResult struct {
	Level int64                      `json:"level"` // 1 safe, 2 unknown, 3 dangerous
	Extra map[string]json.RawMessage `json:"-"`
}

// CheckURLSafely asks QQ whether a URL is safe (check_url_safely, go-cqhttp).
func (c *Client) CheckURLSafely(ctx context.Context, p *CheckURLSafelyParams) (*CheckURLSafelyResult, error) {
	return callResult[CheckURLSafelyParams, CheckURLSafelyResult](ctx, c, ActionCheckURLSafely, p)
}

// GetOnlineClientsParams are the parameters of get_online_clients.
type GetOnlineClientsParams struct {
	NoCache bool                       `json:"no_cache"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetOnlineClientsResult is the data of get_online_clients.
type GetOnlineClientsResult struct {
	Clients []Device                   `json:"clients"`
	Extra   map[string]json.RawMessage `json:"-"`
}

// GetOnlineClients lists the account's other logged-in devices
// (get_online_clients, go-cqhttp). p may be nil.
func (c *Client) GetOnlineClients(ctx context.Context, p *GetOnlineClientsParams) (*GetOnlineClientsResult, error) {
	return callResult[GetOnlineClientsParams, GetOnlineClientsResult](ctx, c, ActionGetOnlineClients, p)
}

// GetUnidirectionalFriendListParams are the parameters of
// get_unidirectional_friend_list (none are defined).
type GetUnidirectionalFriendListParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetUnidirectionalFriendList lists one-way friends (get_unidirectional_friend_list,
// go-cqhttp). p may be nil.
func (c *Client) GetUnidirectionalFriendList(ctx context.Context, p *GetUnidirectionalFriendListParams) ([]UnidirectionalFriend, error) {
	return callList[GetUnidirectionalFriendListParams, UnidirectionalFriend](ctx, c, ActionGetUnidirectionalFriendList, p)
}

// DeleteUnidirectionalFriendParams are the parameters of delete_unidirectional_friend.
type DeleteUnidirectionalFriendParams struct {
	UserID int64                      `json:"user_id"`
	Extra  map[string]json.RawMessage `json:"-"`
}

// DeleteUnidirectionalFriend deletes a one-way friend (delete_unidirectional_friend, go-cqhttp).
func (c *Client) DeleteUnidirectionalFriend(ctx context.Context, p *DeleteUnidirectionalFriendParams) error {
	return callNone(ctx, c, ActionDeleteUnidirectionalFriend, p)
}

// GetSupportedActionsParams are the parameters of get_supported_actions (none are defined).
type GetSupportedActionsParams struct {
	Extra map[string]json.RawMessage `json:"-"`
}

// GetSupportedActions lists the action names the implementation supports
// (get_supported_actions, go-cqhttp). p may be nil.
func (c *Client) GetSupportedActions(ctx context.Context, p *GetSupportedActionsParams) ([]string, error) {
	return callList[GetSupportedActionsParams, string](ctx, c, ActionGetSupportedActions, p)
}
