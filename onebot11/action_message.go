package onebot11

import (
	"context"
	"encoding/json"
)

// ForwardFriendSingleMsgParams are the parameters of forward_friend_single_msg.
type ForwardFriendSingleMsgParams struct {
	MessageID int64                      `json:"message_id"`
	UserID    int64                      `json:"user_id"` // the friend to forward to
	Extra     map[string]json.RawMessage `json:"-"`
}

// ForwardFriendSingleMsgResult is the data of forward_friend_single_msg.
type ForwardFriendSingleMsgResult struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// ForwardFriendSingleMsg forwards one message to a friend (forward_friend_single_msg, LLOneBot).
func (c *Client) ForwardFriendSingleMsg(ctx context.Context, p *ForwardFriendSingleMsgParams) (*ForwardFriendSingleMsgResult, error) {
	return callResult[ForwardFriendSingleMsgParams, ForwardFriendSingleMsgResult](ctx, c, ActionForwardFriendSingleMsg, p)
}

// ForwardGroupSingleMsgParams are the parameters of forward_group_single_msg.
type ForwardGroupSingleMsgParams struct {
	MessageID int64                      `json:"message_id"`
	GroupID   int64                      `json:"group_id"` // the group to forward to
	Extra     map[string]json.RawMessage `json:"-"`
}

// ForwardGroupSingleMsgResult is the data of forward_group_single_msg.
type ForwardGroupSingleMsgResult struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// ForwardGroupSingleMsg forwards one message to a group (forward_group_single_msg, LLOneBot).
func (c *Client) ForwardGroupSingleMsg(ctx context.Context, p *ForwardGroupSingleMsgParams) (*ForwardGroupSingleMsgResult, error) {
	return callResult[ForwardGroupSingleMsgParams, ForwardGroupSingleMsgResult](ctx, c, ActionForwardGroupSingleMsg, p)
}

// GetMsgParams are the parameters of get_msg.
type GetMsgParams struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetMsgResult is the data of get_msg: the message in the shape of a message
// event, the same wire shape as a [MessageInfo] of a message history.
type GetMsgResult MessageInfo

// MarshalJSON encodes r as a [MessageInfo].
func (r GetMsgResult) MarshalJSON() ([]byte, error) { return MessageInfo(r).MarshalJSON() }

// UnmarshalJSON decodes r as a [MessageInfo].
func (r *GetMsgResult) UnmarshalJSON(b []byte) error { return (*MessageInfo)(r).UnmarshalJSON(b) }

// GetMsg returns a message by id (get_msg).
func (c *Client) GetMsg(ctx context.Context, p *GetMsgParams) (*GetMsgResult, error) {
	return callResult[GetMsgParams, GetMsgResult](ctx, c, ActionGetMsg, p)
}

// DeleteMsgParams are the parameters of delete_msg.
type DeleteMsgParams struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// DeleteMsg recalls a message (delete_msg).
func (c *Client) DeleteMsg(ctx context.Context, p *DeleteMsgParams) error {
	return callNone(ctx, c, ActionDeleteMsg, p)
}

// GetFileParams are the parameters of get_file.
type GetFileParams struct {
	File     string                     `json:"file"`               // the file (or file_id) of a file segment
	Download bool                       `json:"download,omitempty"` // download it into the cache first
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetFileResult is the data of get_file.
type GetFileResult struct {
	File     string                     `json:"file"` // local path
	URL      string                     `json:"url,omitempty"`
	FileSize string                     `json:"file_size,omitempty"`
	FileName string                     `json:"file_name,omitempty"`
	Base64   string                     `json:"base64,omitempty"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetFile returns the local file of a file segment (get_file).
func (c *Client) GetFile(ctx context.Context, p *GetFileParams) (*GetFileResult, error) {
	return callResult[GetFileParams, GetFileResult](ctx, c, ActionGetFile, p)
}

// GetImageParams are the parameters of get_image.
type GetImageParams struct {
	File  string                     `json:"file"` // the file of an image segment
	Extra map[string]json.RawMessage `json:"-"`
}

// GetImageResult is the data of get_image.
type GetImageResult struct {
	File     string                     `json:"file"` // local path
	URL      string                     `json:"url,omitempty"`
	FileSize string                     `json:"file_size,omitempty"`
	FileName string                     `json:"file_name,omitempty"`
	Base64   string                     `json:"base64,omitempty"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetImage returns the local file of an image segment (get_image).
func (c *Client) GetImage(ctx context.Context, p *GetImageParams) (*GetImageResult, error) {
	return callResult[GetImageParams, GetImageResult](ctx, c, ActionGetImage, p)
}

// GetRecordParams are the parameters of get_record.
type GetRecordParams struct {
	File      string                     `json:"file"`                 // the file of a record segment
	OutFormat string                     `json:"out_format,omitempty"` // mp3, amr, wma, m4a, spx, ogg, wav, flac
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetRecordResult is the data of get_record.
type GetRecordResult struct {
	File     string                     `json:"file"` // local path
	URL      string                     `json:"url,omitempty"`
	FileSize string                     `json:"file_size,omitempty"`
	FileName string                     `json:"file_name,omitempty"`
	Base64   string                     `json:"base64,omitempty"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetRecord returns a voice message converted to OutFormat (get_record). The
// result has get_file's shape (Base64 when configured).
func (c *Client) GetRecord(ctx context.Context, p *GetRecordParams) (*GetRecordResult, error) {
	return callResult[GetRecordParams, GetRecordResult](ctx, c, ActionGetRecord, p)
}

// SetMsgEmojiLikeParams are the parameters of set_msg_emoji_like and
// unset_msg_emoji_like.
type SetMsgEmojiLikeParams struct {
	MessageID int64                      `json:"message_id"`
	EmojiID   int64                      `json:"emoji_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SetMsgEmojiLike adds an emoji reaction to a group message (set_msg_emoji_like, LLOneBot).
func (c *Client) SetMsgEmojiLike(ctx context.Context, p *SetMsgEmojiLikeParams) error {
	return callNone(ctx, c, ActionSetMsgEmojiLike, p)
}

// UnsetMsgEmojiLikeParams are the parameters of unset_msg_emoji_like.
type UnsetMsgEmojiLikeParams struct {
	MessageID int64                      `json:"message_id"`
	EmojiID   int64                      `json:"emoji_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// UnsetMsgEmojiLike removes the bot's emoji reaction (unset_msg_emoji_like, LLOneBot).
func (c *Client) UnsetMsgEmojiLike(ctx context.Context, p *UnsetMsgEmojiLikeParams) error {
	return callNone(ctx, c, ActionUnsetMsgEmojiLike, p)
}

// GetFriendMsgHistoryParams are the parameters of get_friend_msg_history.
// MessageSeq 0 starts from the latest message; it and ReverseOrder are always
// sent.
type GetFriendMsgHistoryParams struct {
	UserID       int64                      `json:"user_id"`
	MessageSeq   int64                      `json:"message_seq"`
	Count        int64                      `json:"count,omitempty"`
	ReverseOrder bool                       `json:"reverseOrder"`
	Extra        map[string]json.RawMessage `json:"-"`
}

// GetFriendMsgHistoryResult is the data of get_friend_msg_history.
type GetFriendMsgHistoryResult struct {
	Messages []MessageInfo              `json:"messages"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetFriendMsgHistory returns a page of a friend chat's history (get_friend_msg_history).
func (c *Client) GetFriendMsgHistory(ctx context.Context, p *GetFriendMsgHistoryParams) (*GetFriendMsgHistoryResult, error) {
	return callResult[GetFriendMsgHistoryParams, GetFriendMsgHistoryResult](ctx, c, ActionGetFriendMsgHistory, p)
}

// GetGroupMsgHistoryParams are the parameters of get_group_msg_history; see
// GetFriendMsgHistoryParams.
type GetGroupMsgHistoryParams struct {
	GroupID      int64                      `json:"group_id"`
	MessageSeq   int64                      `json:"message_seq"`
	Count        int64                      `json:"count,omitempty"`
	ReverseOrder bool                       `json:"reverseOrder"`
	Extra        map[string]json.RawMessage `json:"-"`
}

// GetGroupMsgHistoryResult is the data of get_group_msg_history.
type GetGroupMsgHistoryResult struct {
	Messages []MessageInfo              `json:"messages"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetGroupMsgHistory returns a page of a group's history (get_group_msg_history).
func (c *Client) GetGroupMsgHistory(ctx context.Context, p *GetGroupMsgHistoryParams) (*GetGroupMsgHistoryResult, error) {
	return callResult[GetGroupMsgHistoryParams, GetGroupMsgHistoryResult](ctx, c, ActionGetGroupMsgHistory, p)
}

// GetForwardMsgParams are the parameters of get_forward_msg. The standard
// names the forward id ID ("id"); go-cqhttp and LLOneBot name it MessageID
// ("message_id"). Set the one your implementation wants (or both).
type GetForwardMsgParams struct {
	ID        string                     `json:"id,omitempty"`
	MessageID string                     `json:"message_id,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// GetForwardMsgResult is the data of get_forward_msg. The standard returns
// the nodes as a message ("message", node segments); go-cqhttp and LLOneBot
// return "messages". Whichever came is filled; the other stays nil.
type GetForwardMsgResult struct {
	Messages []ForwardMessage           `json:"messages,omitzero"`
	Message  Message                    `json:"message,omitzero"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetForwardMsg returns the content of a forwarded message (get_forward_msg).
func (c *Client) GetForwardMsg(ctx context.Context, p *GetForwardMsgParams) (*GetForwardMsgResult, error) {
	return callResult[GetForwardMsgParams, GetForwardMsgResult](ctx, c, ActionGetForwardMsg, p)
}

// MarkMsgAsReadParams are the parameters of mark_msg_as_read.
type MarkMsgAsReadParams struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// MarkMsgAsRead marks a message (and those before it) as read (mark_msg_as_read).
func (c *Client) MarkMsgAsRead(ctx context.Context, p *MarkMsgAsReadParams) error {
	return callNone(ctx, c, ActionMarkMsgAsRead, p)
}

// VoiceMsgToTextParams are the parameters of voice_msg_to_text.
type VoiceMsgToTextParams struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// VoiceMsgToTextResult is the data of voice_msg_to_text.
type VoiceMsgToTextResult struct {
	Text  string                     `json:"text"`
	Extra map[string]json.RawMessage `json:"-"`
}

// VoiceMsgToText transcribes a voice message (voice_msg_to_text, LLOneBot 5.1+).
func (c *Client) VoiceMsgToText(ctx context.Context, p *VoiceMsgToTextParams) (*VoiceMsgToTextResult, error) {
	return callResult[VoiceMsgToTextParams, VoiceMsgToTextResult](ctx, c, ActionVoiceMsgToText, p)
}

// SendGroupAiRecordParams are the parameters of send_group_ai_record.
type SendGroupAiRecordParams struct {
	Character string                     `json:"character"` // an AICharacter.CharacterID
	GroupID   int64                      `json:"group_id"`
	Text      string                     `json:"text"`
	ChatType  int64                      `json:"chat_type,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendGroupAiRecordResult is the data of send_group_ai_record.
type SendGroupAiRecordResult struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendGroupAiRecord sends text as an AI voice message to a group
// (send_group_ai_record, LLOneBot 5.6.1+).
func (c *Client) SendGroupAiRecord(ctx context.Context, p *SendGroupAiRecordParams) (*SendGroupAiRecordResult, error) {
	return callResult[SendGroupAiRecordParams, SendGroupAiRecordResult](ctx, c, ActionSendGroupAiRecord, p)
}

// GetAiCharactersParams are the parameters of get_ai_characters.
type GetAiCharactersParams struct {
	GroupID  int64                      `json:"group_id,omitempty"`
	ChatType int64                      `json:"chat_type,omitempty"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// GetAiCharacters lists the AI voices (get_ai_characters, LLOneBot 5.6.1+). p may be nil.
func (c *Client) GetAiCharacters(ctx context.Context, p *GetAiCharactersParams) ([]AICharacterGroup, error) {
	return callList[GetAiCharactersParams, AICharacterGroup](ctx, c, ActionGetAiCharacters, p)
}

// SendPrivateMsgParams are the parameters of send_private_msg. AutoEscape
// asks the implementation to send a string message as plain text; it only
// matters for the string format.
type SendPrivateMsgParams struct {
	UserID     int64                      `json:"user_id"`
	GroupID    int64                      `json:"group_id,omitempty"` // temporary session through this group
	Message    Message                    `json:"message"`
	AutoEscape bool                       `json:"auto_escape,omitempty"`
	Extra      map[string]json.RawMessage `json:"-"`
}

// SendPrivateMsgResult is the data of send_private_msg.
type SendPrivateMsgResult struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendPrivateMsg sends a private message (send_private_msg).
func (c *Client) SendPrivateMsg(ctx context.Context, p *SendPrivateMsgParams) (*SendPrivateMsgResult, error) {
	return callResult[SendPrivateMsgParams, SendPrivateMsgResult](ctx, c, ActionSendPrivateMsg, p)
}

// SendPrivateForwardMsgParams are the parameters of send_private_forward_msg.
// Messages is a list of node segments.
type SendPrivateForwardMsgParams struct {
	UserID   int64                      `json:"user_id"`
	Messages Message                    `json:"messages"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// SendPrivateForwardMsgResult is the data of send_private_forward_msg.
type SendPrivateForwardMsgResult struct {
	MessageID int64                      `json:"message_id"`
	ForwardID string                     `json:"forward_id,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendPrivateForwardMsg sends a forwarded (merged) message to a friend
// (send_private_forward_msg).
func (c *Client) SendPrivateForwardMsg(ctx context.Context, p *SendPrivateForwardMsgParams) (*SendPrivateForwardMsgResult, error) {
	return callResult[SendPrivateForwardMsgParams, SendPrivateForwardMsgResult](ctx, c, ActionSendPrivateForwardMsg, p)
}

// SendGroupMsgParams are the parameters of send_group_msg. AutoEscape only
// matters for the string format.
type SendGroupMsgParams struct {
	GroupID    int64                      `json:"group_id"`
	Message    Message                    `json:"message"`
	AutoEscape bool                       `json:"auto_escape,omitempty"`
	Extra      map[string]json.RawMessage `json:"-"`
}

// SendGroupMsgResult is the data of send_group_msg.
type SendGroupMsgResult struct {
	MessageID int64                      `json:"message_id"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendGroupMsg sends a group message (send_group_msg).
func (c *Client) SendGroupMsg(ctx context.Context, p *SendGroupMsgParams) (*SendGroupMsgResult, error) {
	return callResult[SendGroupMsgParams, SendGroupMsgResult](ctx, c, ActionSendGroupMsg, p)
}

// SendGroupForwardMsgParams are the parameters of send_group_forward_msg.
// Messages is a list of node segments.
type SendGroupForwardMsgParams struct {
	GroupID  int64                      `json:"group_id"`
	Messages Message                    `json:"messages"`
	Extra    map[string]json.RawMessage `json:"-"`
}

// SendGroupForwardMsgResult is the data of send_group_forward_msg.
type SendGroupForwardMsgResult struct {
	MessageID int64                      `json:"message_id"`
	ForwardID string                     `json:"forward_id,omitempty"`
	Extra     map[string]json.RawMessage `json:"-"`
}

// SendGroupForwardMsg sends a forwarded (merged) message to a group
// (send_group_forward_msg).
func (c *Client) SendGroupForwardMsg(ctx context.Context, p *SendGroupForwardMsgParams) (*SendGroupForwardMsgResult, error) {
	return callResult[SendGroupForwardMsgParams, SendGroupForwardMsgResult](ctx, c, ActionSendGroupForwardMsg, p)
}
