package adapter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// OneBotOnMilky serves OneBot 11 actions through a Milky implementation:
// the forward bridge's API side. Each exported method has the signature of
// the onebot11.ServeMux handler of its action and calls the Milky client;
// message ids, request flags and forward ids go through the Converter's
// Store. Register puts every method on a ServeMux and answers every action
// Milky cannot serve with an *onebot11.APIError naming what Milky lacks
// (OneBotTable lists both).
//
// It is safe for concurrent use.
type OneBotOnMilky struct {
	c      *milky.Client
	conv   *Converter
	opts   APIOptions
	selfID atomic.Int64
}

// NewOneBotOnMilky returns the backend calling c, with conv's Store for
// identities. o may be nil.
func NewOneBotOnMilky(c *milky.Client, conv *Converter, o *APIOptions) *OneBotOnMilky {
	b := &OneBotOnMilky{c: c, conv: conv}
	if o != nil {
		b.opts = *o
	}
	return b
}

// RetcodeUnsupported is the retcode of the *onebot11.APIError answering an
// action the other protocol cannot serve (the retcode go-cqhttp and its
// successors answer for actions they do not have, so clients treat it as
// "not supported").
const RetcodeUnsupported = onebot11.RetcodeUnknownAction

// oneBotUnmapped lists the OneBot 11 actions Milky has no counterpart for,
// with what Milky lacks.
var oneBotUnmapped = map[string]string{
	"set_friend_remark":              "Milky has no API to set a friend's remark",
	"set_friend_category":            "Milky has no API to move a friend between categories",
	"get_profile_like":               "Milky has no API listing received profile likes",
	"get_profile_like_me":            "Milky has no API listing received profile likes",
	"get_robot_uin_range":            "Milky has no API for the robot account ranges",
	"get_group_honor_info":           "Milky has no group honor API",
	"get_group_at_all_remain":        "Milky has no API for the remaining @all count",
	"send_group_sign":                "Milky has no group sign-in API",
	"set_group_msg_mask":             "Milky has no API for a group's message mask",
	"set_group_remark":               "Milky has no API to set a group's remark",
	"upload_group_album":             "Milky has no group album API",
	"get_group_album_list":           "Milky has no group album API",
	"create_group_album":             "Milky has no group album API",
	"delete_group_album":             "Milky has no group album API",
	"voice_msg_to_text":              "Milky has no speech-to-text API",
	"send_group_ai_record":           "Milky has no AI voice API",
	"get_ai_characters":              "Milky has no AI voice API",
	"set_group_file_forever":         "Milky has no API to make a group file permanent",
	"get_group_file_system_info":     "Milky has no group file-system quota API (the count and used space could be summed from get_group_files, the limits cannot)",
	"upload_flash_file":              "Milky has no flash-transfer API",
	"download_flash_file":            "Milky has no flash-transfer API",
	"get_flash_file_info":            "Milky has no flash-transfer API",
	"download_file":                  "Milky has no API to download a file into the implementation's cache",
	"set_online_status":              "Milky has no online-status API",
	"set_restart":                    "Milky has no restart API",
	"scan_qrcode":                    "Milky has no QR code API",
	"ocr_image":                      "Milky has no OCR API",
	"get_rkey":                       "Milky has no rkey API (temp URLs come from get_resource_temp_url)",
	"get_recommend_face":             "Milky has no recommended-face API",
	"send_pb":                        "Milky has no raw packet API",
	"set_group_anonymous_ban":        "Milky has no anonymous messages",
	"set_group_anonymous":            "Milky has no anonymous messages",
	"check_url_safely":               "Milky has no URL safety API",
	"get_online_clients":             "Milky has no online-clients API",
	"get_unidirectional_friend_list": "Milky has no unidirectional friend API",
	"delete_unidirectional_friend":   "Milky has no unidirectional friend API",
	"clean_cache":                    "Milky has no cache API",
}

// oneBotMapped lists the OneBot 11 actions OneBotOnMilky serves, with the
// Milky APIs each one calls.
var oneBotMapped = map[string]string{
	"send_like":                     "send_profile_like",
	"get_friend_list":               "get_friend_list",
	"get_friends_with_category":     "get_friend_list",
	"delete_friend":                 "delete_friend",
	"set_friend_add_request":        "accept_friend_request / reject_friend_request",
	"get_stranger_info":             "get_user_profile",
	"set_qq_avatar":                 "set_avatar",
	"friend_poke":                   "send_friend_nudge",
	"set_qq_profile":                "set_nickname + set_bio",
	"get_group_list":                "get_group_list",
	"get_group_info":                "get_group_info",
	"get_group_member_list":         "get_group_member_list",
	"get_group_member_info":         "get_group_member_info",
	"get_group_shut_list":           "get_group_member_list (shut_up_end_time)",
	"group_poke":                    "send_group_nudge",
	"set_group_add_request":         "accept_group_request / reject_group_request / accept_group_invitation / reject_group_invitation",
	"set_group_leave":               "quit_group",
	"set_group_admin":               "set_group_member_admin",
	"set_group_card":                "set_group_member_card",
	"set_group_ban":                 "set_group_member_mute",
	"set_group_whole_ban":           "set_group_whole_mute",
	"set_group_name":                "set_group_name",
	"set_group_portrait":            "set_group_avatar",
	"batch_delete_group_member":     "kick_group_member (one call per member)",
	"set_group_kick":                "kick_group_member",
	"set_group_special_title":       "set_group_member_special_title",
	"get_essence_msg_list":          "get_group_essence_messages",
	"set_essence_msg":               "set_group_essence_message",
	"delete_essence_msg":            "set_group_essence_message (is_set false)",
	"_send_group_notice":            "send_group_announcement",
	"_get_group_notice":             "get_group_announcements",
	"_delete_group_notice":          "delete_group_announcement",
	"_del_group_notice":             "delete_group_announcement",
	"get_msg":                       "get_message",
	"delete_msg":                    "recall_private_message / recall_group_message",
	"get_image":                     "get_resource_temp_url (a URL, no local path)",
	"set_msg_emoji_like":            "send_group_message_reaction",
	"unset_msg_emoji_like":          "send_group_message_reaction (is_add false)",
	"get_friend_msg_history":        "get_history_messages (friend)",
	"get_group_msg_history":         "get_history_messages (group)",
	"get_forward_msg":               "get_forwarded_messages",
	"mark_msg_as_read":              "mark_message_as_read",
	"send_private_msg":              "send_private_message",
	"send_group_msg":                "send_group_message",
	"send_msg":                      "send_private_message / send_group_message",
	"send_private_forward_msg":      "send_private_message (forward segment)",
	"send_group_forward_msg":        "send_group_message (forward segment)",
	"send_forward_msg":              "send_private_message / send_group_message (forward segment)",
	"upload_group_file":             "upload_group_file",
	"upload_private_file":           "upload_private_file",
	"delete_group_file":             "delete_group_file",
	"move_group_file":               "move_group_file",
	"create_group_file_folder":      "create_group_folder",
	"delete_group_folder":           "delete_group_folder",
	"rename_group_file_folder":      "rename_group_folder",
	"get_group_root_files":          "get_group_files",
	"get_group_files_by_folder":     "get_group_files",
	"get_group_file_url":            "get_group_file_download_url",
	"get_login_info":                "get_login_info",
	"get_version_info":              "get_impl_info",
	"get_status":                    "get_impl_info",
	"get_cookies":                   "get_cookies + get_csrf_token",
	"get_csrf_token":                "get_csrf_token",
	"get_credentials":               "get_cookies + get_csrf_token",
	"fetch_custom_face":             "get_custom_face_url_list",
	"can_send_image":                "(always true: Milky sends images)",
	"can_send_record":               "(always true: Milky sends records)",
	"get_supported_actions":         "(the mapped actions of this table)",
	".handle_quick_operation":       "(executed by the ServeMux through the mapped actions)",
	"get_private_file_url":          "get_private_file_download_url (needs user_id and file_hash params)",
	"get_doubt_friends_add_request": "get_friend_requests (is_filtered)",
	"set_doubt_friends_add_request": "accept_friend_request (is_filtered)",
	"get_group_system_msg":          "get_group_notifications (join_request, invited_join_request)",
	"get_group_ignore_add_request":  "get_group_notifications (is_filtered)",
	"get_file":                      "get_resource_temp_url (resource ids of received media; a URL, no local path)",
	"get_record":                    "get_resource_temp_url (a URL, no local path; out_format not applied)",
	"get_qq_avatar":                 "(the QQ avatar URL of the number, as LLOneBot builds it; get_login_info for the bot's own)",
	"forward_friend_single_msg":     "get_message + send_private_message (a copy)",
	"forward_group_single_msg":      "get_message + send_group_message (a copy)",
}

// OneBotTable returns every OneBot 11 action with the Milky API(s) serving
// it or what Milky lacks, sorted by name.
func OneBotTable() []Mapping {
	return mappingTable(oneBotMapped, oneBotUnmapped)
}

// Register registers every action on mux: the mapped ones with the
// methods of b, the others with a handler answering an *onebot11.APIError
// (retcode RetcodeUnsupported) that names what Milky lacks.
// .handle_quick_operation is left to the mux, which executes quick
// operations through the mapped actions.
func (b *OneBotOnMilky) Register(mux *onebot11.ServeMux) {
	mux.HandleSendLike(b.SendLike)
	mux.HandleGetFriendList(b.GetFriendList)
	mux.HandleGetFriendsWithCategory(b.GetFriendsWithCategory)
	mux.HandleDeleteFriend(b.DeleteFriend)
	mux.HandleSetFriendAddRequest(b.SetFriendAddRequest)
	mux.HandleGetStrangerInfo(b.GetStrangerInfo)
	mux.HandleSetQQAvatar(b.SetQQAvatar)
	mux.HandleFriendPoke(b.FriendPoke)
	mux.HandleSetQQProfile(b.SetQQProfile)
	mux.HandleGetGroupList(b.GetGroupList)
	mux.HandleGetGroupInfo(b.GetGroupInfo)
	mux.HandleGetGroupMemberList(b.GetGroupMemberList)
	mux.HandleGetGroupMemberInfo(b.GetGroupMemberInfo)
	mux.HandleGetGroupShutList(b.GetGroupShutList)
	mux.HandleGroupPoke(b.GroupPoke)
	mux.HandleSetGroupAddRequest(b.SetGroupAddRequest)
	mux.HandleSetGroupLeave(b.SetGroupLeave)
	mux.HandleSetGroupAdmin(b.SetGroupAdmin)
	mux.HandleSetGroupCard(b.SetGroupCard)
	mux.HandleSetGroupBan(b.SetGroupBan)
	mux.HandleSetGroupWholeBan(b.SetGroupWholeBan)
	mux.HandleSetGroupName(b.SetGroupName)
	mux.HandleSetGroupPortrait(b.SetGroupPortrait)
	mux.HandleBatchDeleteGroupMember(b.BatchDeleteGroupMember)
	mux.HandleSetGroupKick(b.SetGroupKick)
	mux.HandleSetGroupSpecialTitle(b.SetGroupSpecialTitle)
	mux.HandleGetEssenceMsgList(b.GetEssenceMsgList)
	mux.HandleSetEssenceMsg(b.SetEssenceMsg)
	mux.HandleDeleteEssenceMsg(b.DeleteEssenceMsg)
	mux.HandleSendGroupNotice(b.SendGroupNotice)
	mux.HandleGetGroupNotice(b.GetGroupNotice)
	mux.HandleDeleteGroupNotice(b.DeleteGroupNotice)
	mux.HandleDelGroupNotice(b.DelGroupNotice)
	mux.HandleGetMsg(b.GetMsg)
	mux.HandleDeleteMsg(b.DeleteMsg)
	mux.HandleGetImage(b.GetImage)
	mux.HandleSetMsgEmojiLike(b.SetMsgEmojiLike)
	mux.HandleUnsetMsgEmojiLike(b.UnsetMsgEmojiLike)
	mux.HandleGetFriendMsgHistory(b.GetFriendMsgHistory)
	mux.HandleGetGroupMsgHistory(b.GetGroupMsgHistory)
	mux.HandleGetForwardMsg(b.GetForwardMsg)
	mux.HandleMarkMsgAsRead(b.MarkMsgAsRead)
	// The send actions see their raw params too, for auto_escape.
	withRawParams(mux, onebot11.ActionSendPrivateMsg, func(m *onebot11.ServeMux) { m.HandleSendPrivateMsg(b.SendPrivateMsg) })
	withRawParams(mux, onebot11.ActionSendGroupMsg, func(m *onebot11.ServeMux) { m.HandleSendGroupMsg(b.SendGroupMsg) })
	withRawParams(mux, onebot11.ActionSendMsg, func(m *onebot11.ServeMux) { m.HandleSendMsg(b.SendMsg) })
	mux.HandleSendPrivateForwardMsg(b.SendPrivateForwardMsg)
	mux.HandleSendGroupForwardMsg(b.SendGroupForwardMsg)
	mux.HandleSendForwardMsg(b.SendForwardMsg)
	mux.HandleUploadGroupFile(b.UploadGroupFile)
	mux.HandleUploadPrivateFile(b.UploadPrivateFile)
	mux.HandleDeleteGroupFile(b.DeleteGroupFile)
	mux.HandleMoveGroupFile(b.MoveGroupFile)
	mux.HandleCreateGroupFileFolder(b.CreateGroupFileFolder)
	mux.HandleDeleteGroupFolder(b.DeleteGroupFolder)
	mux.HandleRenameGroupFileFolder(b.RenameGroupFileFolder)
	mux.HandleGetGroupRootFiles(b.GetGroupRootFiles)
	mux.HandleGetGroupFilesByFolder(b.GetGroupFilesByFolder)
	mux.HandleGetGroupFileURL(b.GetGroupFileURL)
	mux.HandleGetPrivateFileURL(b.GetPrivateFileURL)
	mux.HandleGetLoginInfo(b.GetLoginInfo)
	mux.HandleGetVersionInfo(b.GetVersionInfo)
	mux.HandleGetStatus(b.GetStatus)
	mux.HandleGetCookies(b.GetCookies)
	mux.HandleGetCSRFToken(b.GetCSRFToken)
	mux.HandleGetCredentials(b.GetCredentials)
	mux.HandleFetchCustomFace(b.FetchCustomFace)
	mux.HandleCanSendImage(b.CanSendImage)
	mux.HandleCanSendRecord(b.CanSendRecord)
	mux.HandleGetSupportedActions(b.GetSupportedActions)
	mux.HandleGetDoubtFriendsAddRequest(b.GetDoubtFriendsAddRequest)
	mux.HandleSetDoubtFriendsAddRequest(b.SetDoubtFriendsAddRequest)
	mux.HandleGetGroupSystemMsg(b.GetGroupSystemMsg)
	mux.HandleGetGroupIgnoreAddRequest(b.GetGroupIgnoreAddRequest)
	mux.HandleGetFile(b.GetFile)
	mux.HandleGetRecord(b.GetRecord)
	mux.HandleGetQQAvatar(b.GetQQAvatar)
	mux.HandleForwardFriendSingleMsg(b.ForwardFriendSingleMsg)
	mux.HandleForwardGroupSingleMsg(b.ForwardGroupSingleMsg)
	for action, missing := range oneBotUnmapped {
		mux.Handle(action, unsupportedOneBot(action, missing))
	}
}

// rawParamsKey carries an action's raw params in its context.
type rawParamsKey struct{}

// withRawParams registers action on mux through a typed registration on an
// inner mux, with the raw params in the handler's context.
func withRawParams(mux *onebot11.ServeMux, action string, reg func(*onebot11.ServeMux)) {
	inner := onebot11.NewServeMux()
	reg(inner)
	mux.Handle(action, onebot11.ActionHandlerFunc(func(ctx context.Context, _ string, params []byte) (json.RawMessage, error) {
		return inner.HandleAction(context.WithValue(ctx, rawParamsKey{}, params), action, params)
	}))
}

// escaped applies auto_escape: when it is set and the raw params carried
// the message in the string form, the message is that string as plain
// text (no CQ codes).
func escaped(ctx context.Context, autoEscape bool, msg onebot11.Message) onebot11.Message {
	if !autoEscape {
		return msg
	}
	raw, _ := ctx.Value(rawParamsKey{}).([]byte)
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return msg
	}
	var text string
	if json.Unmarshal(fields["message"], &text) != nil {
		return msg // the array form: auto_escape does not apply
	}
	return onebot11.Message{onebot11.Text(text)}
}

func unsupportedOneBot(action, missing string) onebot11.ActionHandler {
	return onebot11.ActionHandlerFunc(func(context.Context, string, []byte) (json.RawMessage, error) {
		return nil, &onebot11.APIError{Action: action, Status: "failed", Retcode: RetcodeUnsupported,
			Message: "duobot bridge: " + action + " has no Milky counterpart: " + missing}
	})
}

// unsupported is the error of a call whose arguments ask for something
// Milky cannot do.
func (b *OneBotOnMilky) unsupported(action, what string) error {
	return &onebot11.APIError{Action: action, Status: "failed", Retcode: RetcodeUnsupported,
		Message: "duobot bridge: " + action + ": " + what}
}

// badRequest is the error of a call with params the bridge cannot use.
func badRequest(action string, err error) error {
	return &onebot11.APIError{Action: action, Status: "failed", Retcode: onebot11.RetcodeBadRequest,
		Message: "duobot bridge: " + action + ": " + err.Error()}
}

// ---- messages ----

// send converts msg and sends it to the scene's peer; the result is the
// OneBot message_id of the sent message. Media given by the resource_id of
// a received segment alone get their URL first (resolveResources).
func (b *OneBotOnMilky) send(ctx context.Context, action, scene string, peer int64, msg onebot11.Message) (int64, error) {
	segs, rep, err := b.conv.OneBotToMilkySegmentsTo(ctx, scene, peer, b.resolveResources(ctx, msg))
	if err != nil {
		return 0, err
	}
	b.opts.report(ctx, action, rep)
	if len(segs) == 0 {
		return 0, badRequest(action, errors.New("nothing left to send after conversion: "+rep.String()))
	}
	var seq int64
	switch scene {
	case SceneGroup:
		r, err := b.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: peer, Message: segs})
		if err != nil {
			return 0, err
		}
		seq = r.MessageSeq
	case SceneFriend:
		r, err := b.c.SendPrivateMessage(ctx, &milky.SendPrivateMessageParams{UserID: peer, Message: segs})
		if err != nil {
			return 0, err
		}
		seq = r.MessageSeq
	default:
		return 0, b.unsupported(action, "Milky cannot send to message scene "+strconv.Quote(scene))
	}
	id, err := b.conv.OneBotMessageID(ctx, scene, peer, seq)
	return int64(id), err
}

// SendPrivateMsg serves send_private_msg. A temp session (group_id set) is
// answered with an error: Milky has no temp-session send.
func (b *OneBotOnMilky) SendPrivateMsg(ctx context.Context, p *onebot11.SendPrivateMsgParams) (*onebot11.SendPrivateMsgResult, error) {
	if p.GroupID != 0 {
		return nil, b.unsupported(onebot11.ActionSendPrivateMsg, "Milky has no temp-session send (group_id given)")
	}
	id, err := b.send(ctx, onebot11.ActionSendPrivateMsg, SceneFriend, p.UserID, escaped(ctx, p.AutoEscape, p.Message))
	if err != nil {
		return nil, err
	}
	return &onebot11.SendPrivateMsgResult{MessageID: id}, nil
}

// SendGroupMsg serves send_group_msg.
func (b *OneBotOnMilky) SendGroupMsg(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
	id, err := b.send(ctx, onebot11.ActionSendGroupMsg, SceneGroup, p.GroupID, escaped(ctx, p.AutoEscape, p.Message))
	if err != nil {
		return nil, err
	}
	return &onebot11.SendGroupMsgResult{MessageID: id}, nil
}

// msgScene picks the scene of send_msg / send_forward_msg.
func msgScene(action, messageType string, userID, groupID int64) (string, int64, error) {
	switch {
	case messageType == "group" || (messageType == "" && groupID != 0):
		return SceneGroup, groupID, nil
	case messageType == "private" || (messageType == "" && userID != 0):
		return SceneFriend, userID, nil
	}
	return "", 0, badRequest(action, fmt.Errorf("message_type %q without a matching user_id or group_id", messageType))
}

// SendMsg serves send_msg.
func (b *OneBotOnMilky) SendMsg(ctx context.Context, p *onebot11.SendMsgParams) (*onebot11.SendMsgResult, error) {
	scene, peer, err := msgScene(onebot11.ActionSendMsg, p.MessageType, p.UserID, p.GroupID)
	if err != nil {
		return nil, err
	}
	id, err := b.send(ctx, onebot11.ActionSendMsg, scene, peer, escaped(ctx, p.AutoEscape, p.Message))
	if err != nil {
		return nil, err
	}
	return &onebot11.SendMsgResult{MessageID: id}, nil
}

// SendPrivateForwardMsg serves send_private_forward_msg: the node list is
// sent as one Milky forward segment.
func (b *OneBotOnMilky) SendPrivateForwardMsg(ctx context.Context, p *onebot11.SendPrivateForwardMsgParams) (*onebot11.SendPrivateForwardMsgResult, error) {
	id, err := b.send(ctx, onebot11.ActionSendPrivateForwardMsg, SceneFriend, p.UserID, p.Messages)
	if err != nil {
		return nil, err
	}
	return &onebot11.SendPrivateForwardMsgResult{MessageID: id}, nil
}

// SendGroupForwardMsg serves send_group_forward_msg.
func (b *OneBotOnMilky) SendGroupForwardMsg(ctx context.Context, p *onebot11.SendGroupForwardMsgParams) (*onebot11.SendGroupForwardMsgResult, error) {
	id, err := b.send(ctx, onebot11.ActionSendGroupForwardMsg, SceneGroup, p.GroupID, p.Messages)
	if err != nil {
		return nil, err
	}
	return &onebot11.SendGroupForwardMsgResult{MessageID: id}, nil
}

// SendForwardMsg serves send_forward_msg.
func (b *OneBotOnMilky) SendForwardMsg(ctx context.Context, p *onebot11.SendForwardMsgParams) (*onebot11.SendForwardMsgResult, error) {
	scene, peer, err := msgScene(onebot11.ActionSendForwardMsg, p.MessageType, p.UserID, p.GroupID)
	if err != nil {
		return nil, err
	}
	id, err := b.send(ctx, onebot11.ActionSendForwardMsg, scene, peer, p.Messages)
	if err != nil {
		return nil, err
	}
	return &onebot11.SendForwardMsgResult{MessageID: id}, nil
}

// ref resolves a OneBot message_id; an unknown id is a bad request.
func (b *OneBotOnMilky) ref(ctx context.Context, action string, id int64) (MessageRef, error) {
	ref, err := b.conv.MilkyMessageRef(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return ref, &onebot11.APIError{Action: action, Status: "failed", Retcode: onebot11.RetcodeBadRequest,
			Message: "duobot bridge: " + action + ": unknown message_id " + strconv.FormatInt(id, 10)}
	}
	return ref, err
}

// DeleteMsg serves delete_msg (recall).
func (b *OneBotOnMilky) DeleteMsg(ctx context.Context, p *onebot11.DeleteMsgParams) error {
	ref, err := b.ref(ctx, onebot11.ActionDeleteMsg, p.MessageID)
	if err != nil {
		return err
	}
	switch ref.Scene {
	case SceneGroup:
		return b.c.RecallGroupMessage(ctx, &milky.RecallGroupMessageParams{GroupID: ref.PeerID, MessageSeq: ref.Seq})
	case SceneFriend:
		return b.c.RecallPrivateMessage(ctx, &milky.RecallPrivateMessageParams{UserID: ref.PeerID, MessageSeq: ref.Seq})
	}
	return b.unsupported(onebot11.ActionDeleteMsg, "Milky cannot recall a "+ref.Scene+" message")
}

// messageInfo converts a Milky message to the OneBot message-event shape
// (get_msg, the history actions).
func (b *OneBotOnMilky) messageInfo(ctx context.Context, action string, m *milky.IncomingMessage, out any) error {
	ev, rep, err := b.conv.MilkyMessageToOneBot(ctx, b.selfID.Load(), m)
	if err != nil {
		return err
	}
	b.opts.report(ctx, action, rep)
	if ev == nil {
		return b.unsupported(action, "message of scene "+strconv.Quote(m.MessageScene)+" has no OneBot form")
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// GetMsg serves get_msg.
func (b *OneBotOnMilky) GetMsg(ctx context.Context, p *onebot11.GetMsgParams) (*onebot11.GetMsgResult, error) {
	ref, err := b.ref(ctx, onebot11.ActionGetMsg, p.MessageID)
	if err != nil {
		return nil, err
	}
	r, err := b.c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: ref.Scene, PeerID: ref.PeerID, MessageSeq: ref.Seq})
	if err != nil {
		return nil, err
	}
	var out onebot11.GetMsgResult
	if err := b.messageInfo(ctx, onebot11.ActionGetMsg, &r.Message, &out); err != nil {
		return nil, err
	}
	out.RealID = out.MessageID
	return &out, nil
}

// history serves the two history actions.
func (b *OneBotOnMilky) history(ctx context.Context, action, scene string, peer, seq, count int64) ([]onebot11.MessageInfo, error) {
	hp := &milky.GetHistoryMessagesParams{MessageScene: scene, PeerID: peer}
	if seq > 0 {
		// The OneBot message_seq of the history actions is the message_id
		// of the newest message wanted (NapCat); a Milky seq is accepted
		// too when the id is unknown.
		if ref, err := b.conv.MilkyMessageRef(ctx, seq); err == nil && ref.Scene == scene && ref.PeerID == peer {
			seq = ref.Seq
		}
		hp.StartMessageSeq = &seq
	}
	if count > 0 {
		hp.Limit = &count
	}
	r, err := b.c.GetHistoryMessages(ctx, hp)
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.MessageInfo, 0, len(r.Messages))
	for i := range r.Messages {
		var mi onebot11.MessageInfo
		if err := b.messageInfo(ctx, action, &r.Messages[i], &mi); err != nil {
			return nil, err
		}
		mi.RealID = mi.MessageID
		out = append(out, mi)
	}
	return out, nil
}

// GetFriendMsgHistory serves get_friend_msg_history.
func (b *OneBotOnMilky) GetFriendMsgHistory(ctx context.Context, p *onebot11.GetFriendMsgHistoryParams) (*onebot11.GetFriendMsgHistoryResult, error) {
	ms, err := b.history(ctx, onebot11.ActionGetFriendMsgHistory, SceneFriend, p.UserID, p.MessageSeq, p.Count)
	if err != nil {
		return nil, err
	}
	if p.ReverseOrder {
		reverse(ms)
	}
	return &onebot11.GetFriendMsgHistoryResult{Messages: ms}, nil
}

// GetGroupMsgHistory serves get_group_msg_history.
func (b *OneBotOnMilky) GetGroupMsgHistory(ctx context.Context, p *onebot11.GetGroupMsgHistoryParams) (*onebot11.GetGroupMsgHistoryResult, error) {
	ms, err := b.history(ctx, onebot11.ActionGetGroupMsgHistory, SceneGroup, p.GroupID, p.MessageSeq, p.Count)
	if err != nil {
		return nil, err
	}
	if p.ReverseOrder {
		reverse(ms)
	}
	return &onebot11.GetGroupMsgHistoryResult{Messages: ms}, nil
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// GetForwardMsg serves get_forward_msg.
func (b *OneBotOnMilky) GetForwardMsg(ctx context.Context, p *onebot11.GetForwardMsgParams) (*onebot11.GetForwardMsgResult, error) {
	id := p.ID
	if id == "" {
		id = p.MessageID
	}
	fid, err := b.conv.MilkyForwardID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, badRequest(onebot11.ActionGetForwardMsg, err)
	} else if err != nil {
		return nil, err
	}
	r, err := b.c.GetForwardedMessages(ctx, &milky.GetForwardedMessagesParams{ForwardID: fid})
	if err != nil {
		return nil, err
	}
	// The conversation the forward was received in is not known here:
	// replies inside it get ids of a pseudo-conversation "forward".
	msgs, rep, err := b.conv.MilkyForwardedToOneBot(ctx, "forward", 0, r.Messages)
	if err != nil {
		return nil, err
	}
	b.opts.report(ctx, onebot11.ActionGetForwardMsg, rep)
	return &onebot11.GetForwardMsgResult{Messages: msgs}, nil
}

// MarkMsgAsRead serves mark_msg_as_read.
func (b *OneBotOnMilky) MarkMsgAsRead(ctx context.Context, p *onebot11.MarkMsgAsReadParams) error {
	ref, err := b.ref(ctx, onebot11.ActionMarkMsgAsRead, p.MessageID)
	if err != nil {
		return err
	}
	return b.c.MarkMessageAsRead(ctx, &milky.MarkMessageAsReadParams{MessageScene: ref.Scene, PeerID: ref.PeerID, MessageSeq: ref.Seq})
}

func (b *OneBotOnMilky) reaction(ctx context.Context, action string, messageID, emoji int64, add bool) error {
	ref, err := b.ref(ctx, action, messageID)
	if err != nil {
		return err
	}
	if ref.Scene != SceneGroup {
		return b.unsupported(action, "Milky reactions exist in groups only")
	}
	typ := "face"
	if emoji >= 10000 {
		typ = "emoji"
	}
	return b.c.SendGroupMessageReaction(ctx, &milky.SendGroupMessageReactionParams{
		GroupID: ref.PeerID, MessageSeq: ref.Seq, Reaction: strconv.FormatInt(emoji, 10), ReactionType: &typ, IsAdd: &add})
}

// SetMsgEmojiLike serves set_msg_emoji_like (group messages; an emoji id of
// 10000 or more is sent as reaction_type emoji, else face).
func (b *OneBotOnMilky) SetMsgEmojiLike(ctx context.Context, p *onebot11.SetMsgEmojiLikeParams) error {
	return b.reaction(ctx, onebot11.ActionSetMsgEmojiLike, p.MessageID, p.EmojiID, true)
}

// UnsetMsgEmojiLike serves unset_msg_emoji_like.
func (b *OneBotOnMilky) UnsetMsgEmojiLike(ctx context.Context, p *onebot11.UnsetMsgEmojiLikeParams) error {
	return b.reaction(ctx, onebot11.ActionUnsetMsgEmojiLike, p.MessageID, p.EmojiID, false)
}

// ---- friends and profile ----

// SendLike serves send_like.
func (b *OneBotOnMilky) SendLike(ctx context.Context, p *onebot11.SendLikeParams) error {
	n := p.Times
	if n <= 0 {
		n = 1
	}
	return b.c.SendProfileLike(ctx, &milky.SendProfileLikeParams{UserID: p.UserID, Count: &n})
}

func friendInfo(f *milky.FriendEntity) onebot11.FriendInfo {
	return onebot11.FriendInfo{UserID: f.UserID, Nickname: f.Nickname, Remark: f.Remark, Sex: f.Sex, Qid: f.QID}
}

// GetFriendList serves get_friend_list.
func (b *OneBotOnMilky) GetFriendList(ctx context.Context, p *onebot11.GetFriendListParams) ([]onebot11.FriendInfo, error) {
	r, err := b.c.GetFriendList(ctx, &milky.GetFriendListParams{})
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.FriendInfo, 0, len(r.Friends))
	for i := range r.Friends {
		out = append(out, friendInfo(&r.Friends[i]))
	}
	return out, nil
}

// GetFriendsWithCategory serves get_friends_with_category, grouping the
// friend list by its Milky category.
func (b *OneBotOnMilky) GetFriendsWithCategory(ctx context.Context, p *onebot11.GetFriendsWithCategoryParams) ([]onebot11.FriendCategory, error) {
	r, err := b.c.GetFriendList(ctx, &milky.GetFriendListParams{})
	if err != nil {
		return nil, err
	}
	var out []onebot11.FriendCategory
	index := map[int64]int{}
	for i := range r.Friends {
		f := &r.Friends[i]
		k, ok := index[f.Category.CategoryID]
		if !ok {
			k = len(out)
			index[f.Category.CategoryID] = k
			out = append(out, onebot11.FriendCategory{CategoryID: f.Category.CategoryID, CategoryName: f.Category.CategoryName})
		}
		out[k].BuddyList = append(out[k].BuddyList, onebot11.CategoryFriend{UserID: f.UserID, Nickname: f.Nickname,
			Remark: f.Remark, Sex: f.Sex, Qid: f.QID, CategoryID: f.Category.CategoryID})
		out[k].CategoryMbCount++
	}
	return out, nil
}

// DeleteFriend serves delete_friend.
func (b *OneBotOnMilky) DeleteFriend(ctx context.Context, p *onebot11.DeleteFriendParams) error {
	return b.c.DeleteFriend(ctx, &milky.DeleteFriendParams{UserID: p.UserID})
}

// request resolves a request flag.
func (b *OneBotOnMilky) request(ctx context.Context, action, flag string) (RequestRef, error) {
	ref, err := b.conv.Store().LookupRequest(ctx, flag)
	if errors.Is(err, ErrNotFound) {
		return ref, &onebot11.APIError{Action: action, Status: "failed", Retcode: onebot11.RetcodeBadRequest,
			Message: "duobot bridge: " + action + ": unknown request flag " + strconv.Quote(flag)}
	}
	return ref, err
}

// SetFriendAddRequest serves set_friend_add_request. remark has no Milky
// slot and is ignored (reported to the loss hooks).
func (b *OneBotOnMilky) SetFriendAddRequest(ctx context.Context, p *onebot11.SetFriendAddRequestParams) error {
	ref, err := b.request(ctx, onebot11.ActionSetFriendAddRequest, p.Flag)
	if err != nil {
		return err
	}
	if ref.Kind != RequestFriend {
		return badRequest(onebot11.ActionSetFriendAddRequest, fmt.Errorf("flag %q is a %s request", p.Flag, ref.Kind))
	}
	if p.Approve && p.Remark != "" {
		b.opts.report(ctx, onebot11.ActionSetFriendAddRequest, lossReport(LossSegmentFields, "remark", "accept_friend_request has no remark"))
	}
	if p.Approve {
		return b.c.AcceptFriendRequest(ctx, &milky.AcceptFriendRequestParams{InitiatorUID: ref.InitiatorUID, IsFiltered: ref.IsFiltered})
	}
	return b.c.RejectFriendRequest(ctx, &milky.RejectFriendRequestParams{InitiatorUID: ref.InitiatorUID, IsFiltered: ref.IsFiltered})
}

// GetDoubtFriendsAddRequest serves get_doubt_friends_add_request: the
// filtered friend requests, each with a flag for
// set_doubt_friends_add_request or set_friend_add_request.
func (b *OneBotOnMilky) GetDoubtFriendsAddRequest(ctx context.Context, p *onebot11.GetDoubtFriendsAddRequestParams) ([]onebot11.DoubtFriendRequest, error) {
	rp := &milky.GetFriendRequestsParams{IsFiltered: true}
	if p.Count > 0 {
		rp.Limit = &p.Count
	}
	r, err := b.c.GetFriendRequests(ctx, rp)
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.DoubtFriendRequest, 0, len(r.Requests))
	for _, q := range r.Requests {
		flag, err := b.conv.Store().RequestFlag(ctx, RequestRef{Kind: RequestFriend, InitiatorUID: q.InitiatorUID, IsFiltered: true})
		if err != nil {
			return nil, err
		}
		out = append(out, onebot11.DoubtFriendRequest{Flag: flag, Uin: strconv.FormatInt(q.InitiatorID, 10),
			Source: q.Via, Msg: q.Comment, Time: strconv.FormatInt(q.Time, 10)})
	}
	return out, nil
}

// SetDoubtFriendsAddRequest serves set_doubt_friends_add_request (accept).
func (b *OneBotOnMilky) SetDoubtFriendsAddRequest(ctx context.Context, p *onebot11.SetDoubtFriendsAddRequestParams) error {
	return b.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: p.Flag, Approve: true})
}

// GetGroupSystemMsg serves get_group_system_msg from the group
// notifications (filtered and not): join requests and invited join
// requests, each with its flag (request_id) for set_group_add_request.
// Invitations of the bot are not in Milky's notification list:
// invited_requests is empty.
func (b *OneBotOnMilky) GetGroupSystemMsg(ctx context.Context, p *onebot11.GetGroupSystemMsgParams) (*onebot11.GetGroupSystemMsgResult, error) {
	out := &onebot11.GetGroupSystemMsgResult{InvitedRequests: []onebot11.GroupSystemRequest{}, JoinRequests: []onebot11.GroupSystemRequest{}}
	for _, filtered := range []bool{false, true} {
		reqs, err := b.groupRequests(ctx, filtered)
		if err != nil {
			return nil, err
		}
		out.JoinRequests = append(out.JoinRequests, reqs...)
	}
	return out, nil
}

// GetStrangerInfo serves get_stranger_info.
func (b *OneBotOnMilky) GetStrangerInfo(ctx context.Context, p *onebot11.GetStrangerInfoParams) (*onebot11.GetStrangerInfoResult, error) {
	r, err := b.c.GetUserProfile(ctx, &milky.GetUserProfileParams{UserID: p.UserID})
	if err != nil {
		return nil, err
	}
	return &onebot11.GetStrangerInfoResult{UserID: p.UserID, Nickname: r.Nickname, Sex: r.Sex, Age: r.Age,
		Qid: r.QID, Level: r.Level, LongNick: r.Bio, City: r.City, Country: r.Country}, nil
}

// SetQQAvatar serves set_qq_avatar.
func (b *OneBotOnMilky) SetQQAvatar(ctx context.Context, p *onebot11.SetQQAvatarParams) error {
	return b.c.SetAvatar(ctx, &milky.SetAvatarParams{URI: p.File})
}

// FriendPoke serves friend_poke.
func (b *OneBotOnMilky) FriendPoke(ctx context.Context, p *onebot11.FriendPokeParams) error {
	return b.c.SendFriendNudge(ctx, &milky.SendFriendNudgeParams{UserID: p.UserID})
}

// SetQQProfile serves set_qq_profile: set_nickname when a nickname is
// given, set_bio when a personal note is.
func (b *OneBotOnMilky) SetQQProfile(ctx context.Context, p *onebot11.SetQQProfileParams) error {
	if p.Nickname != "" {
		if err := b.c.SetNickname(ctx, &milky.SetNicknameParams{NewNickname: p.Nickname}); err != nil {
			return err
		}
	}
	if p.PersonalNote != "" {
		return b.c.SetBio(ctx, &milky.SetBioParams{NewBio: p.PersonalNote})
	}
	return nil
}

// ---- groups ----

func groupInfo(g *milky.GroupEntity) onebot11.GroupInfo {
	return onebot11.GroupInfo{GroupID: g.GroupID, GroupName: g.GroupName, GroupMemo: g.Description,
		GroupCreateTime: g.CreatedTime, MemberCount: g.MemberCount, MaxMemberCount: g.MaxMemberCount, RemarkName: g.Remark}
}

// GetGroupList serves get_group_list.
func (b *OneBotOnMilky) GetGroupList(ctx context.Context, p *onebot11.GetGroupListParams) ([]onebot11.GroupInfo, error) {
	r, err := b.c.GetGroupList(ctx, &milky.GetGroupListParams{NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.GroupInfo, 0, len(r.Groups))
	for i := range r.Groups {
		out = append(out, groupInfo(&r.Groups[i]))
	}
	return out, nil
}

// GetGroupInfo serves get_group_info.
func (b *OneBotOnMilky) GetGroupInfo(ctx context.Context, p *onebot11.GetGroupInfoParams) (*onebot11.GetGroupInfoResult, error) {
	r, err := b.c.GetGroupInfo(ctx, &milky.GetGroupInfoParams{GroupID: p.GroupID, NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	g := groupInfo(&r.Group)
	return &onebot11.GetGroupInfoResult{GroupID: g.GroupID, GroupName: g.GroupName, GroupMemo: g.GroupMemo,
		GroupCreateTime: g.GroupCreateTime, MemberCount: g.MemberCount, MaxMemberCount: g.MaxMemberCount, RemarkName: g.RemarkName}, nil
}

func memberInfo(m *milky.GroupMemberEntity) onebot11.GroupMemberInfo {
	out := onebot11.GroupMemberInfo{GroupID: m.GroupID, UserID: m.UserID, Nickname: m.Nickname, Card: m.Card,
		CardOrNickname: m.Card, Sex: m.Sex, Level: strconv.FormatInt(m.Level, 10), JoinTime: m.JoinTime,
		LastSentTime: m.LastSentTime, Role: m.Role, Title: m.Title, CardChangeable: true}
	if out.CardOrNickname == "" {
		out.CardOrNickname = m.Nickname
	}
	if m.ShutUpEndTime != nil {
		out.ShutUpTimestamp = *m.ShutUpEndTime
	}
	return out
}

// GetGroupMemberList serves get_group_member_list.
func (b *OneBotOnMilky) GetGroupMemberList(ctx context.Context, p *onebot11.GetGroupMemberListParams) ([]onebot11.GroupMemberInfo, error) {
	r, err := b.c.GetGroupMemberList(ctx, &milky.GetGroupMemberListParams{GroupID: p.GroupID, NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.GroupMemberInfo, 0, len(r.Members))
	for i := range r.Members {
		out = append(out, memberInfo(&r.Members[i]))
	}
	return out, nil
}

// GetGroupMemberInfo serves get_group_member_info.
func (b *OneBotOnMilky) GetGroupMemberInfo(ctx context.Context, p *onebot11.GetGroupMemberInfoParams) (*onebot11.GetGroupMemberInfoResult, error) {
	r, err := b.c.GetGroupMemberInfo(ctx, &milky.GetGroupMemberInfoParams{GroupID: p.GroupID, UserID: p.UserID, NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	m := memberInfo(&r.Member)
	return &onebot11.GetGroupMemberInfoResult{GroupID: m.GroupID, UserID: m.UserID, Nickname: m.Nickname, Card: m.Card,
		CardOrNickname: m.CardOrNickname, Sex: m.Sex, Level: m.Level, JoinTime: m.JoinTime, LastSentTime: m.LastSentTime,
		CardChangeable: m.CardChangeable, ShutUpTimestamp: m.ShutUpTimestamp, Role: m.Role, Title: m.Title}, nil
}

// GetGroupShutList serves get_group_shut_list from the member list's mute
// end times.
func (b *OneBotOnMilky) GetGroupShutList(ctx context.Context, p *onebot11.GetGroupShutListParams) ([]onebot11.GroupShutMember, error) {
	r, err := b.c.GetGroupMemberList(ctx, &milky.GetGroupMemberListParams{GroupID: p.GroupID, NoCache: true})
	if err != nil {
		return nil, err
	}
	out := []onebot11.GroupShutMember{}
	for i := range r.Members {
		m := &r.Members[i]
		if m.ShutUpEndTime == nil || *m.ShutUpEndTime == 0 {
			continue
		}
		out = append(out, onebot11.GroupShutMember{Uin: strconv.FormatInt(m.UserID, 10), Nick: m.Nickname,
			CardName: m.Card, MemberSpecialTitle: m.Title, JoinTime: m.JoinTime, LastSpeakTime: m.LastSentTime, ShutUpTime: *m.ShutUpEndTime})
	}
	return out, nil
}

// GroupPoke serves group_poke.
func (b *OneBotOnMilky) GroupPoke(ctx context.Context, p *onebot11.GroupPokeParams) error {
	return b.c.SendGroupNudge(ctx, &milky.SendGroupNudgeParams{GroupID: p.GroupID, UserID: p.UserID})
}

// SetGroupAddRequest serves set_group_add_request: the flag names a join
// request (accept / reject_group_request) or an invitation of the bot
// (accept / reject_group_invitation).
func (b *OneBotOnMilky) SetGroupAddRequest(ctx context.Context, p *onebot11.SetGroupAddRequestParams) error {
	ref, err := b.request(ctx, onebot11.ActionSetGroupAddRequest, p.Flag)
	if err != nil {
		return err
	}
	switch ref.Kind {
	case RequestGroup:
		if p.Approve {
			return b.c.AcceptGroupRequest(ctx, &milky.AcceptGroupRequestParams{NotificationSeq: ref.NotificationSeq,
				NotificationType: ref.NotificationType, GroupID: ref.GroupID, IsFiltered: ref.IsFiltered})
		}
		rp := &milky.RejectGroupRequestParams{NotificationSeq: ref.NotificationSeq,
			NotificationType: ref.NotificationType, GroupID: ref.GroupID, IsFiltered: ref.IsFiltered}
		if p.Reason != "" {
			rp.Reason = &p.Reason
		}
		return b.c.RejectGroupRequest(ctx, rp)
	case RequestGroupInvitation:
		if p.Approve {
			return b.c.AcceptGroupInvitation(ctx, &milky.AcceptGroupInvitationParams{GroupID: ref.GroupID, InvitationSeq: ref.InvitationSeq})
		}
		return b.c.RejectGroupInvitation(ctx, &milky.RejectGroupInvitationParams{GroupID: ref.GroupID, InvitationSeq: ref.InvitationSeq})
	}
	return badRequest(onebot11.ActionSetGroupAddRequest, fmt.Errorf("flag %q is a %s request", p.Flag, ref.Kind))
}

// SetGroupLeave serves set_group_leave. Dismissing a group is not in Milky:
// is_dismiss true is answered with an error.
func (b *OneBotOnMilky) SetGroupLeave(ctx context.Context, p *onebot11.SetGroupLeaveParams) error {
	if p.IsDismiss {
		return b.unsupported(onebot11.ActionSetGroupLeave, "Milky has no API to dismiss a group (is_dismiss)")
	}
	return b.c.QuitGroup(ctx, &milky.QuitGroupParams{GroupID: p.GroupID})
}

// SetGroupAdmin serves set_group_admin.
func (b *OneBotOnMilky) SetGroupAdmin(ctx context.Context, p *onebot11.SetGroupAdminParams) error {
	return b.c.SetGroupMemberAdmin(ctx, &milky.SetGroupMemberAdminParams{GroupID: p.GroupID, UserID: p.UserID, IsSet: &p.Enable})
}

// SetGroupCard serves set_group_card.
func (b *OneBotOnMilky) SetGroupCard(ctx context.Context, p *onebot11.SetGroupCardParams) error {
	return b.c.SetGroupMemberCard(ctx, &milky.SetGroupMemberCardParams{GroupID: p.GroupID, UserID: p.UserID, Card: p.Card})
}

// SetGroupBan serves set_group_ban (duration 0 lifts the mute).
func (b *OneBotOnMilky) SetGroupBan(ctx context.Context, p *onebot11.SetGroupBanParams) error {
	return b.c.SetGroupMemberMute(ctx, &milky.SetGroupMemberMuteParams{GroupID: p.GroupID, UserID: p.UserID, Duration: p.Duration})
}

// SetGroupWholeBan serves set_group_whole_ban.
func (b *OneBotOnMilky) SetGroupWholeBan(ctx context.Context, p *onebot11.SetGroupWholeBanParams) error {
	return b.c.SetGroupWholeMute(ctx, &milky.SetGroupWholeMuteParams{GroupID: p.GroupID, IsMute: &p.Enable})
}

// SetGroupName serves set_group_name.
func (b *OneBotOnMilky) SetGroupName(ctx context.Context, p *onebot11.SetGroupNameParams) error {
	return b.c.SetGroupName(ctx, &milky.SetGroupNameParams{GroupID: p.GroupID, NewGroupName: p.GroupName})
}

// SetGroupPortrait serves set_group_portrait.
func (b *OneBotOnMilky) SetGroupPortrait(ctx context.Context, p *onebot11.SetGroupPortraitParams) error {
	return b.c.SetGroupAvatar(ctx, &milky.SetGroupAvatarParams{GroupID: p.GroupID, ImageURI: p.File})
}

// BatchDeleteGroupMember serves batch_delete_group_member, one kick per
// member, stopping at the first failure.
func (b *OneBotOnMilky) BatchDeleteGroupMember(ctx context.Context, p *onebot11.BatchDeleteGroupMemberParams) error {
	for _, u := range p.UserIDs {
		if err := b.c.KickGroupMember(ctx, &milky.KickGroupMemberParams{GroupID: p.GroupID, UserID: u}); err != nil {
			return fmt.Errorf("kick %d: %w", u, err)
		}
	}
	return nil
}

// SetGroupKick serves set_group_kick.
func (b *OneBotOnMilky) SetGroupKick(ctx context.Context, p *onebot11.SetGroupKickParams) error {
	return b.c.KickGroupMember(ctx, &milky.KickGroupMemberParams{GroupID: p.GroupID, UserID: p.UserID, RejectAddRequest: p.RejectAddRequest})
}

// SetGroupSpecialTitle serves set_group_special_title (the duration has no
// Milky slot: titles do not expire).
func (b *OneBotOnMilky) SetGroupSpecialTitle(ctx context.Context, p *onebot11.SetGroupSpecialTitleParams) error {
	if p.Duration > 0 {
		b.opts.report(ctx, onebot11.ActionSetGroupSpecialTitle, lossReport(LossSegmentFields, "duration", "set_group_member_special_title has no duration"))
	}
	return b.c.SetGroupMemberSpecialTitle(ctx, &milky.SetGroupMemberSpecialTitleParams{GroupID: p.GroupID, UserID: p.UserID, SpecialTitle: p.SpecialTitle})
}

// GetEssenceMsgList serves get_essence_msg_list, reading every page.
func (b *OneBotOnMilky) GetEssenceMsgList(ctx context.Context, p *onebot11.GetEssenceMsgListParams) ([]onebot11.EssenceMsg, error) {
	out := []onebot11.EssenceMsg{}
	for page := int64(0); ; page++ {
		r, err := b.c.GetGroupEssenceMessages(ctx, &milky.GetGroupEssenceMessagesParams{GroupID: p.GroupID, PageIndex: page, PageSize: 50})
		if err != nil {
			return nil, err
		}
		for i := range r.Messages {
			m := &r.Messages[i]
			msg, rep, err := b.conv.MilkyToOneBotSegments(ctx, SceneGroup, p.GroupID, m.Segments)
			if err != nil {
				return nil, err
			}
			b.opts.report(ctx, onebot11.ActionGetEssenceMsgList, rep)
			id, err := b.conv.OneBotMessageID(ctx, SceneGroup, p.GroupID, m.MessageSeq)
			if err != nil {
				return nil, err
			}
			out = append(out, onebot11.EssenceMsg{SenderID: m.SenderID, SenderNick: m.SenderName, SenderTime: m.MessageTime,
				OperatorID: m.OperatorID, OperatorNick: m.OperatorName, OperatorTime: m.OperationTime,
				MessageID: int64(id), Content: msg})
		}
		if r.IsEnd || len(r.Messages) == 0 {
			return out, nil
		}
	}
}

func (b *OneBotOnMilky) essence(ctx context.Context, action string, messageID int64, set bool) error {
	ref, err := b.ref(ctx, action, messageID)
	if err != nil {
		return err
	}
	if ref.Scene != SceneGroup {
		return badRequest(action, fmt.Errorf("message %d is not a group message", messageID))
	}
	return b.c.SetGroupEssenceMessage(ctx, &milky.SetGroupEssenceMessageParams{GroupID: ref.PeerID, MessageSeq: ref.Seq, IsSet: &set})
}

// SetEssenceMsg serves set_essence_msg.
func (b *OneBotOnMilky) SetEssenceMsg(ctx context.Context, p *onebot11.SetEssenceMsgParams) error {
	return b.essence(ctx, onebot11.ActionSetEssenceMsg, p.MessageID, true)
}

// DeleteEssenceMsg serves delete_essence_msg.
func (b *OneBotOnMilky) DeleteEssenceMsg(ctx context.Context, p *onebot11.DeleteEssenceMsgParams) (*onebot11.DeleteEssenceMsgResult, error) {
	if err := b.essence(ctx, onebot11.ActionDeleteEssenceMsg, p.MessageID, false); err != nil {
		return nil, err
	}
	return &onebot11.DeleteEssenceMsgResult{}, nil
}

// SendGroupNotice serves _send_group_notice.
func (b *OneBotOnMilky) SendGroupNotice(ctx context.Context, p *onebot11.SendGroupNoticeParams) error {
	sp := &milky.SendGroupAnnouncementParams{GroupID: p.GroupID, Content: p.Content}
	if p.Image != "" {
		sp.ImageURI = &p.Image
	}
	return b.c.SendGroupAnnouncement(ctx, sp)
}

// GetGroupNotice serves _get_group_notice.
func (b *OneBotOnMilky) GetGroupNotice(ctx context.Context, p *onebot11.GetGroupNoticeParams) ([]onebot11.GroupNotice, error) {
	r, err := b.c.GetGroupAnnouncements(ctx, &milky.GetGroupAnnouncementsParams{GroupID: p.GroupID})
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.GroupNotice, 0, len(r.Announcements))
	for _, a := range r.Announcements {
		n := onebot11.GroupNotice{NoticeID: a.AnnouncementID, SenderID: a.UserID, PublishTime: a.Time,
			Message: onebot11.GroupNoticeMessage{Text: a.Content}}
		if a.ImageURL != nil {
			id := *a.ImageURL
			n.Message.Images = []onebot11.GroupNoticeImage{{ID: &id}}
		}
		out = append(out, n)
	}
	return out, nil
}

// DeleteGroupNotice serves _delete_group_notice.
func (b *OneBotOnMilky) DeleteGroupNotice(ctx context.Context, p *onebot11.DeleteGroupNoticeParams) error {
	return b.c.DeleteGroupAnnouncement(ctx, &milky.DeleteGroupAnnouncementParams{GroupID: p.GroupID, AnnouncementID: p.NoticeID})
}

// DelGroupNotice serves _del_group_notice.
func (b *OneBotOnMilky) DelGroupNotice(ctx context.Context, p *onebot11.DelGroupNoticeParams) error {
	return b.c.DeleteGroupAnnouncement(ctx, &milky.DeleteGroupAnnouncementParams{GroupID: p.GroupID, AnnouncementID: p.NoticeID})
}

// ---- files ----

// fileURI turns a OneBot file argument into a Milky URI: an absolute path
// becomes a file:// URI, URIs pass.
func fileURI(f string) string {
	if strings.HasPrefix(f, "/") {
		return "file://" + f
	}
	return f
}

// UploadGroupFile serves upload_group_file.
func (b *OneBotOnMilky) UploadGroupFile(ctx context.Context, p *onebot11.UploadGroupFileParams) (*onebot11.UploadGroupFileResult, error) {
	up := &milky.UploadGroupFileParams{GroupID: p.GroupID, FileURI: fileURI(p.File), FileName: p.Name}
	if p.FolderID != "" {
		up.ParentFolderID = &p.FolderID
	}
	r, err := b.c.UploadGroupFile(ctx, up)
	if err != nil {
		return nil, err
	}
	return &onebot11.UploadGroupFileResult{FileID: r.FileID}, nil
}

// UploadPrivateFile serves upload_private_file.
func (b *OneBotOnMilky) UploadPrivateFile(ctx context.Context, p *onebot11.UploadPrivateFileParams) (*onebot11.UploadPrivateFileResult, error) {
	r, err := b.c.UploadPrivateFile(ctx, &milky.UploadPrivateFileParams{UserID: p.UserID, FileURI: fileURI(p.File), FileName: p.Name})
	if err != nil {
		return nil, err
	}
	return &onebot11.UploadPrivateFileResult{FileID: r.FileID}, nil
}

// DeleteGroupFile serves delete_group_file.
func (b *OneBotOnMilky) DeleteGroupFile(ctx context.Context, p *onebot11.DeleteGroupFileParams) error {
	return b.c.DeleteGroupFile(ctx, &milky.DeleteGroupFileParams{GroupID: p.GroupID, FileID: p.FileID})
}

// MoveGroupFile serves move_group_file.
func (b *OneBotOnMilky) MoveGroupFile(ctx context.Context, p *onebot11.MoveGroupFileParams) error {
	mp := &milky.MoveGroupFileParams{GroupID: p.GroupID, FileID: p.FileID}
	if p.ParentDirectory != "" {
		mp.ParentFolderID = &p.ParentDirectory
	}
	if p.TargetDirectory != "" {
		mp.TargetFolderID = &p.TargetDirectory
	}
	return b.c.MoveGroupFile(ctx, mp)
}

// CreateGroupFileFolder serves create_group_file_folder (Milky folders
// live in the root: a parent_id other than "/" is an error).
func (b *OneBotOnMilky) CreateGroupFileFolder(ctx context.Context, p *onebot11.CreateGroupFileFolderParams) (*onebot11.CreateGroupFileFolderResult, error) {
	if p.ParentID != "" && p.ParentID != "/" {
		return nil, b.unsupported(onebot11.ActionCreateGroupFileFolder, "Milky creates folders in the root only (parent_id given)")
	}
	r, err := b.c.CreateGroupFolder(ctx, &milky.CreateGroupFolderParams{GroupID: p.GroupID, FolderName: p.Name})
	if err != nil {
		return nil, err
	}
	return &onebot11.CreateGroupFileFolderResult{FolderID: r.FolderID}, nil
}

// DeleteGroupFolder serves delete_group_folder.
func (b *OneBotOnMilky) DeleteGroupFolder(ctx context.Context, p *onebot11.DeleteGroupFolderParams) error {
	return b.c.DeleteGroupFolder(ctx, &milky.DeleteGroupFolderParams{GroupID: p.GroupID, FolderID: p.FolderID})
}

// RenameGroupFileFolder serves rename_group_file_folder.
func (b *OneBotOnMilky) RenameGroupFileFolder(ctx context.Context, p *onebot11.RenameGroupFileFolderParams) error {
	return b.c.RenameGroupFolder(ctx, &milky.RenameGroupFolderParams{GroupID: p.GroupID, FolderID: p.FolderID, NewFolderName: p.NewFolderName})
}

func (b *OneBotOnMilky) files(ctx context.Context, groupID int64, folder string) ([]onebot11.GroupFile, []onebot11.GroupFolder, error) {
	gp := &milky.GetGroupFilesParams{GroupID: groupID}
	if folder != "" {
		gp.ParentFolderID = &folder
	}
	r, err := b.c.GetGroupFiles(ctx, gp)
	if err != nil {
		return nil, nil, err
	}
	files := make([]onebot11.GroupFile, 0, len(r.Files))
	for _, f := range r.Files {
		gf := onebot11.GroupFile{GroupID: f.GroupID, FileID: f.FileID, FileName: f.FileName, FileSize: f.FileSize,
			UploadTime: f.UploadedTime, DownloadTimes: f.DownloadedTimes, Uploader: f.UploaderID}
		if f.ExpireTime != nil {
			gf.DeadTime = *f.ExpireTime
		}
		files = append(files, gf)
	}
	folders := make([]onebot11.GroupFolder, 0, len(r.Folders))
	for _, f := range r.Folders {
		folders = append(folders, onebot11.GroupFolder{GroupID: f.GroupID, FolderID: f.FolderID, FolderName: f.FolderName,
			CreateTime: f.CreatedTime, Creator: f.CreatorID, TotalFileCount: f.FileCount})
	}
	return files, folders, nil
}

// GetGroupRootFiles serves get_group_root_files.
func (b *OneBotOnMilky) GetGroupRootFiles(ctx context.Context, p *onebot11.GetGroupRootFilesParams) (*onebot11.GetGroupRootFilesResult, error) {
	files, folders, err := b.files(ctx, p.GroupID, "")
	if err != nil {
		return nil, err
	}
	return &onebot11.GetGroupRootFilesResult{Files: files, Folders: folders}, nil
}

// GetGroupFilesByFolder serves get_group_files_by_folder.
func (b *OneBotOnMilky) GetGroupFilesByFolder(ctx context.Context, p *onebot11.GetGroupFilesByFolderParams) (*onebot11.GetGroupFilesByFolderResult, error) {
	files, folders, err := b.files(ctx, p.GroupID, p.FolderID)
	if err != nil {
		return nil, err
	}
	return &onebot11.GetGroupFilesByFolderResult{Files: files, Folders: folders}, nil
}

// GetGroupFileURL serves get_group_file_url.
func (b *OneBotOnMilky) GetGroupFileURL(ctx context.Context, p *onebot11.GetGroupFileURLParams) (*onebot11.GetGroupFileURLResult, error) {
	r, err := b.c.GetGroupFileDownloadURL(ctx, &milky.GetGroupFileDownloadURLParams{GroupID: p.GroupID, FileID: p.FileID})
	if err != nil {
		return nil, err
	}
	return &onebot11.GetGroupFileURLResult{URL: r.DownloadURL}, nil
}

// GetPrivateFileURL serves get_private_file_url. Milky needs the friend
// and the file's hash besides its id: they are read from the user_id and
// file_hash params (extensions; an error names them when absent).
func (b *OneBotOnMilky) GetPrivateFileURL(ctx context.Context, p *onebot11.GetPrivateFileURLParams) (*onebot11.GetPrivateFileURLResult, error) {
	var userID int64
	var hash string
	if raw, ok := p.Extra["user_id"]; ok {
		var s json.Number
		if err := json.Unmarshal(unquote(raw), &s); err == nil {
			userID, _ = s.Int64()
		}
	}
	if raw, ok := p.Extra["file_hash"]; ok {
		_ = json.Unmarshal(raw, &hash)
	}
	if userID == 0 || hash == "" {
		return nil, b.unsupported(onebot11.ActionGetPrivateFileURL,
			"Milky get_private_file_download_url needs user_id and file_hash, which OneBot does not send (pass them as extra params)")
	}
	r, err := b.c.GetPrivateFileDownloadURL(ctx, &milky.GetPrivateFileDownloadURLParams{UserID: userID, FileID: p.FileID, FileHash: hash})
	if err != nil {
		return nil, err
	}
	return &onebot11.GetPrivateFileURLResult{URL: r.DownloadURL}, nil
}

// unquote strips the quotes of a JSON string holding a number.
func unquote(raw json.RawMessage) json.RawMessage {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		return raw[1 : len(raw)-1]
	}
	return raw
}

// ---- system ----

// SelfID returns the bot's account as last learned from get_login_info (0
// before the first call).
func (b *OneBotOnMilky) SelfID() int64 { return b.selfID.Load() }

// GetLoginInfo serves get_login_info.
func (b *OneBotOnMilky) GetLoginInfo(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
	r, err := b.c.GetLoginInfo(ctx)
	if err != nil {
		return nil, err
	}
	b.selfID.Store(r.Uin)
	return &onebot11.GetLoginInfoResult{UserID: r.Uin, Nickname: r.Nickname}, nil
}

// GetVersionInfo serves get_version_info from get_impl_info: app_name is
// the implementation's name with " (duobot bridge)", app_version its
// version; the Milky and QQ protocol versions are extra fields.
func (b *OneBotOnMilky) GetVersionInfo(ctx context.Context, p *onebot11.GetVersionInfoParams) (*onebot11.GetVersionInfoResult, error) {
	r, err := b.c.GetImplInfo(ctx)
	if err != nil {
		return nil, err
	}
	extra := map[string]json.RawMessage{}
	for k, v := range map[string]string{"milky_version": r.MilkyVersion, "qq_protocol_version": r.QQProtocolVersion,
		"qq_protocol_type": r.QQProtocolType, "impl_name": r.ImplName} {
		raw, _ := json.Marshal(v)
		extra[k] = raw
	}
	return &onebot11.GetVersionInfoResult{AppName: r.ImplName + " (duobot bridge)", ProtocolVersion: "v11",
		AppVersion: r.ImplVersion, Extra: extra}, nil
}

// GetStatus serves get_status: online when get_login_info answers, offline
// (still good) when it answers -403 (not logged in).
func (b *OneBotOnMilky) GetStatus(ctx context.Context, p *onebot11.GetStatusParams) (*onebot11.GetStatusResult, error) {
	// get_login_info, not get_impl_info: implementations answer the latter
	// while the account is offline too.
	if _, err := b.c.GetLoginInfo(ctx); err != nil {
		var ae *milky.APIError
		if errors.As(err, &ae) && ae.Retcode == milky.RetcodeNotLoggedIn {
			return &onebot11.GetStatusResult{Online: false, Good: true}, nil
		}
		return nil, err
	}
	return &onebot11.GetStatusResult{Online: true, Good: true}, nil
}

// GetCookies serves get_cookies (bkn from get_csrf_token).
func (b *OneBotOnMilky) GetCookies(ctx context.Context, p *onebot11.GetCookiesParams) (*onebot11.GetCookiesResult, error) {
	r, err := b.c.GetCookies(ctx, &milky.GetCookiesParams{Domain: p.Domain})
	if err != nil {
		return nil, err
	}
	t, err := b.c.GetCSRFToken(ctx)
	if err != nil {
		return nil, err
	}
	return &onebot11.GetCookiesResult{Cookies: r.Cookies, Bkn: t.CSRFToken}, nil
}

// GetCSRFToken serves get_csrf_token (a number in OneBot).
func (b *OneBotOnMilky) GetCSRFToken(ctx context.Context, p *onebot11.GetCSRFTokenParams) (*onebot11.GetCSRFTokenResult, error) {
	t, err := b.c.GetCSRFToken(ctx)
	if err != nil {
		return nil, err
	}
	n, err := strconv.ParseInt(t.CSRFToken, 10, 64)
	if err != nil {
		return nil, b.unsupported(onebot11.ActionGetCSRFToken, "the Milky csrf_token "+strconv.Quote(t.CSRFToken)+" is not a number")
	}
	return &onebot11.GetCSRFTokenResult{Token: n}, nil
}

// GetCredentials serves get_credentials (cookies and the CSRF token).
func (b *OneBotOnMilky) GetCredentials(ctx context.Context, p *onebot11.GetCredentialsParams) (*onebot11.GetCredentialsResult, error) {
	r, err := b.c.GetCookies(ctx, &milky.GetCookiesParams{Domain: p.Domain})
	if err != nil {
		return nil, err
	}
	t, err := b.GetCSRFToken(ctx, &onebot11.GetCSRFTokenParams{})
	if err != nil {
		return nil, err
	}
	return &onebot11.GetCredentialsResult{Cookies: r.Cookies, CSRFToken: t.Token}, nil
}

// FetchCustomFace serves fetch_custom_face.
func (b *OneBotOnMilky) FetchCustomFace(ctx context.Context, p *onebot11.FetchCustomFaceParams) ([]string, error) {
	r, err := b.c.GetCustomFaceURLList(ctx)
	if err != nil {
		return nil, err
	}
	urls := r.Urls
	if p.Count > 0 && int64(len(urls)) > p.Count {
		urls = urls[:p.Count]
	}
	return urls, nil
}

// CanSendImage serves can_send_image: Milky implementations send images.
func (b *OneBotOnMilky) CanSendImage(ctx context.Context, p *onebot11.CanSendImageParams) (*onebot11.CanSendImageResult, error) {
	return &onebot11.CanSendImageResult{Yes: true}, nil
}

// CanSendRecord serves can_send_record: Milky implementations send records.
func (b *OneBotOnMilky) CanSendRecord(ctx context.Context, p *onebot11.CanSendRecordParams) (*onebot11.CanSendRecordResult, error) {
	return &onebot11.CanSendRecordResult{Yes: true}, nil
}

// GetSupportedActions serves get_supported_actions: the mapped actions.
func (b *OneBotOnMilky) GetSupportedActions(ctx context.Context, p *onebot11.GetSupportedActionsParams) ([]string, error) {
	var out []string
	for _, m := range OneBotTable() {
		if m.Mapped() {
			out = append(out, m.Name)
		}
	}
	return out, nil
}
