package adapter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// MilkyOnOneBot serves Milky APIs through a OneBot 11 implementation: the
// reverse bridge's API side. Each exported method has the signature of the
// milky.ServeMux handler of its API and calls the OneBot 11 client. A
// message_seq is the OneBot message_id read by MilkySeqOf (OneBotIDOf gives
// it back), a friend request's initiator_uid is the OneBot flag, and a
// group request's notification_seq or invitation_seq maps to its flag
// through the Converter's Store. Register puts every method on a ServeMux
// and answers every API OneBot 11 cannot serve with a *milky.APIError
// naming what OneBot 11 lacks (MilkyTable lists both).
//
// It is safe for concurrent use.
type MilkyOnOneBot struct {
	c      *onebot11.Client
	conv   *Converter
	opts   APIOptions
	selfID atomic.Int64
	now    func() time.Time
}

// NewMilkyOnOneBot returns the backend calling c, with conv's Store for
// request identities. o may be nil.
func NewMilkyOnOneBot(c *onebot11.Client, conv *Converter, o *APIOptions) *MilkyOnOneBot {
	b := &MilkyOnOneBot{c: c, conv: conv, now: time.Now}
	if o != nil {
		b.opts = *o
	}
	return b
}

// MilkyRetcodeUnsupported is the retcode of the *milky.APIError answering
// an API the other protocol cannot serve.
const MilkyRetcodeUnsupported = -501

// milkyUnmapped lists the Milky APIs OneBot 11 has no counterpart for.
var milkyUnmapped = map[string]string{
	milky.APIGetPeerPins: "OneBot 11 has no API for pinned conversations",
	milky.APISetPeerPin:  "OneBot 11 has no API for pinned conversations",
}

// milkyMapped lists the Milky APIs MilkyOnOneBot serves, with the OneBot
// actions each one calls.
var milkyMapped = map[string]string{
	milky.APIGetLoginInfo:               "get_login_info",
	milky.APIGetImplInfo:                "get_version_info",
	milky.APIGetUserProfile:             "get_stranger_info",
	milky.APIGetFriendList:              "get_friend_list",
	milky.APIGetFriendInfo:              "get_friend_list",
	milky.APIGetGroupList:               "get_group_list",
	milky.APIGetGroupInfo:               "get_group_info",
	milky.APIGetGroupMemberList:         "get_group_member_list",
	milky.APIGetGroupMemberInfo:         "get_group_member_info",
	milky.APISetAvatar:                  "set_qq_avatar",
	milky.APISetNickname:                "set_qq_profile",
	milky.APISetBio:                     "set_qq_profile (personal_note)",
	milky.APIGetCustomFaceURLList:       "fetch_custom_face",
	milky.APIGetCookies:                 "get_cookies",
	milky.APIGetCSRFToken:               "get_csrf_token",
	milky.APISendPrivateMessage:         "send_private_msg / send_private_forward_msg",
	milky.APISendGroupMessage:           "send_group_msg / send_group_forward_msg",
	milky.APIRecallPrivateMessage:       "delete_msg",
	milky.APIRecallGroupMessage:         "delete_msg",
	milky.APIGetMessage:                 "get_msg",
	milky.APIGetHistoryMessages:         "get_friend_msg_history / get_group_msg_history",
	milky.APIGetResourceTempURL:         "get_image",
	milky.APIGetForwardedMessages:       "get_forward_msg",
	milky.APIMarkMessageAsRead:          "mark_msg_as_read",
	milky.APISendFriendNudge:            "friend_poke",
	milky.APISendProfileLike:            "send_like",
	milky.APIDeleteFriend:               "delete_friend",
	milky.APIAcceptFriendRequest:        "set_friend_add_request / set_doubt_friends_add_request (is_filtered)",
	milky.APIRejectFriendRequest:        "set_friend_add_request",
	milky.APISetGroupName:               "set_group_name",
	milky.APISetGroupAvatar:             "set_group_portrait",
	milky.APISetGroupMemberCard:         "set_group_card",
	milky.APISetGroupMemberSpecialTitle: "set_group_special_title",
	milky.APISetGroupMemberAdmin:        "set_group_admin",
	milky.APISetGroupMemberMute:         "set_group_ban",
	milky.APISetGroupWholeMute:          "set_group_whole_ban",
	milky.APIKickGroupMember:            "set_group_kick",
	milky.APIGetGroupAnnouncements:      "_get_group_notice",
	milky.APISendGroupAnnouncement:      "_send_group_notice",
	milky.APIDeleteGroupAnnouncement:    "_del_group_notice",
	milky.APIGetGroupEssenceMessages:    "get_essence_msg_list (paged by the bridge)",
	milky.APISetGroupEssenceMessage:     "set_essence_msg / delete_essence_msg",
	milky.APIQuitGroup:                  "set_group_leave",
	milky.APISendGroupMessageReaction:   "set_msg_emoji_like / unset_msg_emoji_like",
	milky.APISendGroupNudge:             "group_poke",
	milky.APIAcceptGroupRequest:         "set_group_add_request (add)",
	milky.APIRejectGroupRequest:         "set_group_add_request (add)",
	milky.APIAcceptGroupInvitation:      "set_group_add_request (invite)",
	milky.APIRejectGroupInvitation:      "set_group_add_request (invite)",
	milky.APIUploadPrivateFile:          "upload_private_file",
	milky.APIUploadGroupFile:            "upload_group_file",
	milky.APIGetPrivateFileDownloadURL:  "get_private_file_url",
	milky.APIGetGroupFileDownloadURL:    "get_group_file_url",
	milky.APIGetGroupFiles:              "get_group_root_files / get_group_files_by_folder",
	milky.APIMoveGroupFile:              "move_group_file",
	milky.APIDeleteGroupFile:            "delete_group_file",
	milky.APICreateGroupFolder:          "create_group_file_folder",
	milky.APIRenameGroupFolder:          "rename_group_file_folder",
	milky.APIDeleteGroupFolder:          "delete_group_folder",
	milky.APIRenameGroupFile:            "rename_group_file (NapCat / LLOneBot extension)",
	milky.APIGetFriendRequests:          "get_doubt_friends_add_request (is_filtered true only)",
	milky.APIGetGroupNotifications:      "get_group_system_msg / get_group_ignore_add_request (pending join and invited join requests only)",
}

// MilkyTable returns every Milky API with the OneBot 11 action(s) serving
// it or what OneBot 11 lacks, sorted by name.
func MilkyTable() []Mapping {
	return mappingTable(milkyMapped, milkyUnmapped)
}

// Register registers every Milky API on mux: the mapped ones with the
// methods of b, the others with a handler answering a *milky.APIError
// (retcode MilkyRetcodeUnsupported) that names what OneBot 11 lacks.
func (b *MilkyOnOneBot) Register(mux *milky.ServeMux) {
	mux.HandleGetLoginInfo(b.GetLoginInfo)
	mux.HandleGetImplInfo(b.GetImplInfo)
	mux.HandleGetUserProfile(b.GetUserProfile)
	mux.HandleGetFriendList(b.GetFriendList)
	mux.HandleGetFriendInfo(b.GetFriendInfo)
	mux.HandleGetGroupList(b.GetGroupList)
	mux.HandleGetGroupInfo(b.GetGroupInfo)
	mux.HandleGetGroupMemberList(b.GetGroupMemberList)
	mux.HandleGetGroupMemberInfo(b.GetGroupMemberInfo)
	mux.HandleSetAvatar(b.SetAvatar)
	mux.HandleSetNickname(b.SetNickname)
	mux.HandleSetBio(b.SetBio)
	mux.HandleGetCustomFaceURLList(b.GetCustomFaceURLList)
	mux.HandleGetCookies(b.GetCookies)
	mux.HandleGetCSRFToken(b.GetCSRFToken)
	mux.HandleSendPrivateMessage(b.SendPrivateMessage)
	mux.HandleSendGroupMessage(b.SendGroupMessage)
	mux.HandleRecallPrivateMessage(b.RecallPrivateMessage)
	mux.HandleRecallGroupMessage(b.RecallGroupMessage)
	mux.HandleGetMessage(b.GetMessage)
	mux.HandleGetHistoryMessages(b.GetHistoryMessages)
	mux.HandleGetResourceTempURL(b.GetResourceTempURL)
	mux.HandleGetForwardedMessages(b.GetForwardedMessages)
	mux.HandleMarkMessageAsRead(b.MarkMessageAsRead)
	mux.HandleSendFriendNudge(b.SendFriendNudge)
	mux.HandleSendProfileLike(b.SendProfileLike)
	mux.HandleDeleteFriend(b.DeleteFriend)
	mux.HandleAcceptFriendRequest(b.AcceptFriendRequest)
	mux.HandleRejectFriendRequest(b.RejectFriendRequest)
	mux.HandleSetGroupName(b.SetGroupName)
	mux.HandleSetGroupAvatar(b.SetGroupAvatar)
	mux.HandleSetGroupMemberCard(b.SetGroupMemberCard)
	mux.HandleSetGroupMemberSpecialTitle(b.SetGroupMemberSpecialTitle)
	mux.HandleSetGroupMemberAdmin(b.SetGroupMemberAdmin)
	mux.HandleSetGroupMemberMute(b.SetGroupMemberMute)
	mux.HandleSetGroupWholeMute(b.SetGroupWholeMute)
	mux.HandleKickGroupMember(b.KickGroupMember)
	mux.HandleGetGroupAnnouncements(b.GetGroupAnnouncements)
	mux.HandleSendGroupAnnouncement(b.SendGroupAnnouncement)
	mux.HandleDeleteGroupAnnouncement(b.DeleteGroupAnnouncement)
	mux.HandleGetGroupEssenceMessages(b.GetGroupEssenceMessages)
	mux.HandleSetGroupEssenceMessage(b.SetGroupEssenceMessage)
	mux.HandleQuitGroup(b.QuitGroup)
	mux.HandleSendGroupMessageReaction(b.SendGroupMessageReaction)
	mux.HandleSendGroupNudge(b.SendGroupNudge)
	mux.HandleAcceptGroupRequest(b.AcceptGroupRequest)
	mux.HandleRejectGroupRequest(b.RejectGroupRequest)
	mux.HandleAcceptGroupInvitation(b.AcceptGroupInvitation)
	mux.HandleRejectGroupInvitation(b.RejectGroupInvitation)
	mux.HandleUploadPrivateFile(b.UploadPrivateFile)
	mux.HandleUploadGroupFile(b.UploadGroupFile)
	mux.HandleGetPrivateFileDownloadURL(b.GetPrivateFileDownloadURL)
	mux.HandleGetGroupFileDownloadURL(b.GetGroupFileDownloadURL)
	mux.HandleGetGroupFiles(b.GetGroupFiles)
	mux.HandleMoveGroupFile(b.MoveGroupFile)
	mux.HandleDeleteGroupFile(b.DeleteGroupFile)
	mux.HandleCreateGroupFolder(b.CreateGroupFolder)
	mux.HandleRenameGroupFolder(b.RenameGroupFolder)
	mux.HandleDeleteGroupFolder(b.DeleteGroupFolder)
	mux.HandleRenameGroupFile(b.RenameGroupFile)
	mux.HandleGetFriendRequests(b.GetFriendRequests)
	mux.HandleGetGroupNotifications(b.GetGroupNotifications)
	for api, missing := range milkyUnmapped {
		mux.Handle(api, unsupportedMilky(api, missing))
	}
}

func unsupportedMilky(api, missing string) milky.APIHandler {
	return milky.APIHandlerFunc(func(context.Context, string, []byte) ([]byte, error) {
		return nil, milkyUnsupported(api, "has no OneBot 11 counterpart: "+missing)
	})
}

func milkyUnsupported(api, what string) error {
	return &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: MilkyRetcodeUnsupported,
		Message: "duobot bridge: " + api + " " + what}
}

func milkyBadParams(api string, err error) error {
	return &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: milky.RetcodeBadParams,
		Message: "duobot bridge: " + api + ": " + err.Error(), Err: err}
}

// messageID turns a Milky message_seq into the OneBot message_id.
func apiMessageID(api string, seq int64) (int64, error) {
	id, ok := OneBotIDOf(seq)
	if !ok {
		return 0, milkyBadParams(api, fmt.Errorf("message_seq %d is not a OneBot message id", seq))
	}
	return id, nil
}

// seqOf turns a OneBot message_id into the Milky message_seq.
func apiSeq(id int64) int64 {
	seq, _ := MilkySeqOf(id)
	return seq
}

// ---- system ----

// GetLoginInfo serves get_login_info.
func (b *MilkyOnOneBot) GetLoginInfo(ctx context.Context) (*milky.GetLoginInfoResult, error) {
	r, err := b.c.GetLoginInfo(ctx, &onebot11.GetLoginInfoParams{})
	if err != nil {
		return nil, err
	}
	b.selfID.Store(r.UserID)
	return &milky.GetLoginInfoResult{Uin: r.UserID, Nickname: r.Nickname}, nil
}

// GetImplInfo serves get_impl_info from get_version_info. The QQ protocol
// fields are not known to OneBot 11: qq_protocol_type is "linux" unless
// the implementation sends it, qq_protocol_version its version when it
// sends one.
func (b *MilkyOnOneBot) GetImplInfo(ctx context.Context) (*milky.GetImplInfoResult, error) {
	r, err := b.c.GetVersionInfo(ctx, &onebot11.GetVersionInfoParams{})
	if err != nil {
		return nil, err
	}
	out := &milky.GetImplInfoResult{ImplName: r.AppName + " (duobot bridge)", ImplVersion: r.AppVersion,
		QQProtocolType: "linux", MilkyVersion: "1.2"}
	for key, dst := range map[string]*string{"qq_protocol_type": &out.QQProtocolType, "qq_protocol_version": &out.QQProtocolVersion, "nt_protocol": &out.QQProtocolVersion} {
		if raw, ok := r.Extra[key]; ok {
			var s string
			if json.Unmarshal(raw, &s) == nil && s != "" {
				*dst = s
			}
		}
	}
	return out, nil
}

// GetUserProfile serves get_user_profile.
func (b *MilkyOnOneBot) GetUserProfile(ctx context.Context, p *milky.GetUserProfileParams) (*milky.GetUserProfileResult, error) {
	r, err := b.c.GetStrangerInfo(ctx, &onebot11.GetStrangerInfoParams{UserID: p.UserID})
	if err != nil {
		return nil, err
	}
	return &milky.GetUserProfileResult{Nickname: r.Nickname, QID: r.Qid, Age: max(r.Age, 0), Sex: apiSex(r.Sex),
		Bio: r.LongNick, Level: max(r.Level, 0), Country: r.Country, City: r.City}, nil
}

func apiSex(s string) string {
	if s == "male" || s == "female" {
		return s
	}
	return "unknown"
}

func friendEntity(f *onebot11.FriendInfo) milky.FriendEntity {
	return milky.FriendEntity{UserID: f.UserID, Nickname: f.Nickname, Sex: apiSex(f.Sex), QID: f.Qid, Remark: f.Remark,
		Category: milky.FriendCategoryEntity{CategoryName: "My Friends"}}
}

// GetFriendList serves get_friend_list (categories are not known to
// OneBot 11: every friend is in category 0).
func (b *MilkyOnOneBot) GetFriendList(ctx context.Context, p *milky.GetFriendListParams) (*milky.GetFriendListResult, error) {
	fs, err := b.c.GetFriendList(ctx, &onebot11.GetFriendListParams{})
	if err != nil {
		return nil, err
	}
	out := &milky.GetFriendListResult{Friends: make([]milky.FriendEntity, 0, len(fs))}
	for i := range fs {
		out.Friends = append(out.Friends, friendEntity(&fs[i]))
	}
	return out, nil
}

// GetFriendInfo serves get_friend_info from the friend list.
func (b *MilkyOnOneBot) GetFriendInfo(ctx context.Context, p *milky.GetFriendInfoParams) (*milky.GetFriendInfoResult, error) {
	fs, err := b.c.GetFriendList(ctx, &onebot11.GetFriendListParams{})
	if err != nil {
		return nil, err
	}
	for i := range fs {
		if fs[i].UserID == p.UserID {
			return &milky.GetFriendInfoResult{Friend: friendEntity(&fs[i])}, nil
		}
	}
	return nil, &milky.APIError{API: milky.APIGetFriendInfo, Status: milky.StatusFailed, Retcode: -404,
		Message: "friend " + strconv.FormatInt(p.UserID, 10) + " not found"}
}

func groupEntity(g *onebot11.GroupInfo) milky.GroupEntity {
	return milky.GroupEntity{GroupID: g.GroupID, GroupName: g.GroupName, MemberCount: g.MemberCount,
		MaxMemberCount: g.MaxMemberCount, Remark: g.RemarkName, CreatedTime: g.GroupCreateTime, Description: g.GroupMemo}
}

// GetGroupList serves get_group_list.
func (b *MilkyOnOneBot) GetGroupList(ctx context.Context, p *milky.GetGroupListParams) (*milky.GetGroupListResult, error) {
	gs, err := b.c.GetGroupList(ctx, &onebot11.GetGroupListParams{NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	out := &milky.GetGroupListResult{Groups: make([]milky.GroupEntity, 0, len(gs))}
	for i := range gs {
		out.Groups = append(out.Groups, groupEntity(&gs[i]))
	}
	return out, nil
}

// GetGroupInfo serves get_group_info.
func (b *MilkyOnOneBot) GetGroupInfo(ctx context.Context, p *milky.GetGroupInfoParams) (*milky.GetGroupInfoResult, error) {
	r, err := b.c.GetGroupInfo(ctx, &onebot11.GetGroupInfoParams{GroupID: p.GroupID, NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	return &milky.GetGroupInfoResult{Group: groupEntity(&onebot11.GroupInfo{GroupID: r.GroupID, GroupName: r.GroupName,
		GroupMemo: r.GroupMemo, GroupCreateTime: r.GroupCreateTime, MemberCount: r.MemberCount,
		MaxMemberCount: r.MaxMemberCount, RemarkName: r.RemarkName})}, nil
}

func memberEntity(m *onebot11.GroupMemberInfo) milky.GroupMemberEntity {
	level, _ := strconv.ParseInt(m.Level, 10, 64)
	out := milky.GroupMemberEntity{UserID: m.UserID, Nickname: m.Nickname, Sex: apiSex(m.Sex), GroupID: m.GroupID,
		Card: m.Card, Title: m.Title, Level: max(level, 0), Role: m.Role, JoinTime: m.JoinTime, LastSentTime: m.LastSentTime}
	if out.Role == "" {
		out.Role = "member"
	}
	if m.ShutUpTimestamp > 0 {
		t := m.ShutUpTimestamp
		out.ShutUpEndTime = &t
	}
	return out
}

// GetGroupMemberList serves get_group_member_list.
func (b *MilkyOnOneBot) GetGroupMemberList(ctx context.Context, p *milky.GetGroupMemberListParams) (*milky.GetGroupMemberListResult, error) {
	ms, err := b.c.GetGroupMemberList(ctx, &onebot11.GetGroupMemberListParams{GroupID: p.GroupID, NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	out := &milky.GetGroupMemberListResult{Members: make([]milky.GroupMemberEntity, 0, len(ms))}
	for i := range ms {
		out.Members = append(out.Members, memberEntity(&ms[i]))
	}
	return out, nil
}

// GetGroupMemberInfo serves get_group_member_info.
func (b *MilkyOnOneBot) GetGroupMemberInfo(ctx context.Context, p *milky.GetGroupMemberInfoParams) (*milky.GetGroupMemberInfoResult, error) {
	r, err := b.c.GetGroupMemberInfo(ctx, &onebot11.GetGroupMemberInfoParams{GroupID: p.GroupID, UserID: p.UserID, NoCache: p.NoCache})
	if err != nil {
		return nil, err
	}
	m := onebot11.GroupMemberInfo{GroupID: r.GroupID, UserID: r.UserID, Nickname: r.Nickname, Card: r.Card, Sex: r.Sex,
		Level: r.Level, JoinTime: r.JoinTime, LastSentTime: r.LastSentTime, ShutUpTimestamp: r.ShutUpTimestamp,
		Role: r.Role, Title: r.Title}
	return &milky.GetGroupMemberInfoResult{Member: memberEntity(&m)}, nil
}

// SetAvatar serves set_avatar.
func (b *MilkyOnOneBot) SetAvatar(ctx context.Context, p *milky.SetAvatarParams) error {
	return b.c.SetQQAvatar(ctx, &onebot11.SetQQAvatarParams{File: p.URI})
}

// SetNickname serves set_nickname.
func (b *MilkyOnOneBot) SetNickname(ctx context.Context, p *milky.SetNicknameParams) error {
	return b.c.SetQQProfile(ctx, &onebot11.SetQQProfileParams{Nickname: p.NewNickname})
}

// SetBio serves set_bio.
func (b *MilkyOnOneBot) SetBio(ctx context.Context, p *milky.SetBioParams) error {
	return b.c.SetQQProfile(ctx, &onebot11.SetQQProfileParams{PersonalNote: p.NewBio})
}

// GetCustomFaceURLList serves get_custom_face_url_list.
func (b *MilkyOnOneBot) GetCustomFaceURLList(ctx context.Context) (*milky.GetCustomFaceURLListResult, error) {
	urls, err := b.c.FetchCustomFace(ctx, &onebot11.FetchCustomFaceParams{Count: 48})
	if err != nil {
		return nil, err
	}
	if urls == nil {
		urls = []string{}
	}
	return &milky.GetCustomFaceURLListResult{Urls: urls}, nil
}

// GetCookies serves get_cookies.
func (b *MilkyOnOneBot) GetCookies(ctx context.Context, p *milky.GetCookiesParams) (*milky.GetCookiesResult, error) {
	r, err := b.c.GetCookies(ctx, &onebot11.GetCookiesParams{Domain: p.Domain})
	if err != nil {
		return nil, err
	}
	return &milky.GetCookiesResult{Cookies: r.Cookies}, nil
}

// GetCSRFToken serves get_csrf_token.
func (b *MilkyOnOneBot) GetCSRFToken(ctx context.Context) (*milky.GetCSRFTokenResult, error) {
	r, err := b.c.GetCSRFToken(ctx, &onebot11.GetCSRFTokenParams{})
	if err != nil {
		return nil, err
	}
	return &milky.GetCSRFTokenResult{CSRFToken: strconv.FormatInt(r.Token, 10)}, nil
}

// ---- messages ----

// outgoing converts a Milky message and splits off its forward nodes: a
// message holding nodes is sent with the forward action (any other
// segments beside them are reported lost).
func (b *MilkyOnOneBot) outgoing(ctx context.Context, api string, segs milky.OutgoingSegments) (msg, nodes onebot11.Message) {
	m, rep := b.conv.MilkyOutgoingToOneBot(segs)
	for _, s := range m {
		if _, ok := s.(*onebot11.NodeSegment); ok {
			nodes = append(nodes, s)
			continue
		}
		msg = append(msg, s)
	}
	if len(nodes) > 0 && len(msg) > 0 {
		rep = rep.Merge(&Report{Items: []Loss{{Code: LossNodeOutside, Kind: LossDropped, Path: "message",
			Detail: "segments beside a forward: OneBot 11 sends a forward as a message of its own; they were left out"}}})
	}
	b.opts.report(ctx, api, rep)
	return msg, nodes
}

// SendPrivateMessage serves send_private_message.
func (b *MilkyOnOneBot) SendPrivateMessage(ctx context.Context, p *milky.SendPrivateMessageParams) (*milky.SendPrivateMessageResult, error) {
	msg, nodes := b.outgoing(ctx, milky.APISendPrivateMessage, p.Message)
	var id int64
	switch {
	case len(nodes) > 0:
		r, err := b.c.SendPrivateForwardMsg(ctx, &onebot11.SendPrivateForwardMsgParams{UserID: p.UserID, Messages: nodes})
		if err != nil {
			return nil, err
		}
		id = r.MessageID
	case len(msg) > 0:
		r, err := b.c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: p.UserID, Message: msg})
		if err != nil {
			return nil, err
		}
		id = r.MessageID
	default:
		return nil, milkyBadParams(milky.APISendPrivateMessage, errors.New("nothing left to send after conversion"))
	}
	return &milky.SendPrivateMessageResult{MessageSeq: apiSeq(id), Time: b.now().Unix()}, nil
}

// SendGroupMessage serves send_group_message.
func (b *MilkyOnOneBot) SendGroupMessage(ctx context.Context, p *milky.SendGroupMessageParams) (*milky.SendGroupMessageResult, error) {
	msg, nodes := b.outgoing(ctx, milky.APISendGroupMessage, p.Message)
	var id int64
	switch {
	case len(nodes) > 0:
		r, err := b.c.SendGroupForwardMsg(ctx, &onebot11.SendGroupForwardMsgParams{GroupID: p.GroupID, Messages: nodes})
		if err != nil {
			return nil, err
		}
		id = r.MessageID
	case len(msg) > 0:
		r, err := b.c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: p.GroupID, Message: msg})
		if err != nil {
			return nil, err
		}
		id = r.MessageID
	default:
		return nil, milkyBadParams(milky.APISendGroupMessage, errors.New("nothing left to send after conversion"))
	}
	return &milky.SendGroupMessageResult{MessageSeq: apiSeq(id), Time: b.now().Unix()}, nil
}

// RecallPrivateMessage serves recall_private_message.
func (b *MilkyOnOneBot) RecallPrivateMessage(ctx context.Context, p *milky.RecallPrivateMessageParams) error {
	id, err := apiMessageID(milky.APIRecallPrivateMessage, p.MessageSeq)
	if err != nil {
		return err
	}
	return b.c.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: id})
}

// RecallGroupMessage serves recall_group_message.
func (b *MilkyOnOneBot) RecallGroupMessage(ctx context.Context, p *milky.RecallGroupMessageParams) error {
	id, err := apiMessageID(milky.APIRecallGroupMessage, p.MessageSeq)
	if err != nil {
		return err
	}
	return b.c.DeleteMsg(ctx, &onebot11.DeleteMsgParams{MessageID: id})
}

// incoming converts a OneBot message in the message-event shape (get_msg,
// history) to a Milky IncomingMessage through the event converter.
func (b *MilkyOnOneBot) incoming(ctx context.Context, api string, v any) (*milky.IncomingMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	if string(obj["post_type"]) == `""` || obj["post_type"] == nil {
		obj["post_type"] = json.RawMessage(`"message"`)
	}
	if string(obj["self_id"]) == "0" || obj["self_id"] == nil {
		obj["self_id"], _ = json.Marshal(b.selfID.Load())
	}
	raw, err = json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	ev, err := onebot11.ParseEvent(raw)
	if err != nil {
		return nil, err
	}
	evs, rep, err := b.conv.OneBotEventToMilky(ctx, ev)
	if err != nil {
		return nil, err
	}
	b.opts.report(ctx, api, rep)
	for _, e := range evs {
		if m, ok := e.(*milky.MessageReceiveEvent); ok {
			return &m.Data, nil
		}
	}
	return nil, milkyUnsupported(api, "cannot convert the OneBot message: "+rep.String())
}

// GetMessage serves get_message.
func (b *MilkyOnOneBot) GetMessage(ctx context.Context, p *milky.GetMessageParams) (*milky.GetMessageResult, error) {
	id, err := apiMessageID(milky.APIGetMessage, p.MessageSeq)
	if err != nil {
		return nil, err
	}
	r, err := b.c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: id})
	if err != nil {
		return nil, err
	}
	m, err := b.incoming(ctx, milky.APIGetMessage, r)
	if err != nil {
		return nil, err
	}
	// OneBot gives the sender, not the conversation: a message the bot
	// sent to a friend would name the bot as the peer. The caller named
	// the conversation.
	m.PeerID = p.PeerID
	return &milky.GetMessageResult{Message: *m}, nil
}

// GetHistoryMessages serves get_history_messages (friend and group).
func (b *MilkyOnOneBot) GetHistoryMessages(ctx context.Context, p *milky.GetHistoryMessagesParams) (*milky.GetHistoryMessagesResult, error) {
	var start, count int64
	if p.StartMessageSeq != nil {
		id, err := apiMessageID(milky.APIGetHistoryMessages, *p.StartMessageSeq)
		if err != nil {
			return nil, err
		}
		start = id
	}
	count = 20
	if p.Limit != nil {
		count = *p.Limit
	}
	var ms []onebot11.MessageInfo
	switch p.MessageScene {
	case SceneFriend:
		r, err := b.c.GetFriendMsgHistory(ctx, &onebot11.GetFriendMsgHistoryParams{UserID: p.PeerID, MessageSeq: start, Count: count})
		if err != nil {
			return nil, err
		}
		ms = r.Messages
	case SceneGroup:
		r, err := b.c.GetGroupMsgHistory(ctx, &onebot11.GetGroupMsgHistoryParams{GroupID: p.PeerID, MessageSeq: start, Count: count})
		if err != nil {
			return nil, err
		}
		ms = r.Messages
	default:
		return nil, milkyUnsupported(milky.APIGetHistoryMessages, "for scene "+strconv.Quote(p.MessageScene)+": OneBot 11 has no temp-session history")
	}
	out := &milky.GetHistoryMessagesResult{Messages: make([]milky.IncomingMessage, 0, len(ms))}
	for i := range ms {
		m, err := b.incoming(ctx, milky.APIGetHistoryMessages, &ms[i])
		if err != nil {
			return nil, err
		}
		m.PeerID = p.PeerID // the conversation, as in GetMessage
		out.Messages = append(out.Messages, *m)
	}
	return out, nil
}

// GetResourceTempURL serves get_resource_temp_url: the resource_id is the
// OneBot file of the segment, resolved with get_image.
func (b *MilkyOnOneBot) GetResourceTempURL(ctx context.Context, p *milky.GetResourceTempURLParams) (*milky.GetResourceTempURLResult, error) {
	r, err := b.c.GetImage(ctx, &onebot11.GetImageParams{File: p.ResourceID})
	if err != nil {
		return nil, err
	}
	u := r.URL
	if u == "" {
		u = r.File
	}
	return &milky.GetResourceTempURLResult{URL: u}, nil
}

// GetForwardedMessages serves get_forwarded_messages.
func (b *MilkyOnOneBot) GetForwardedMessages(ctx context.Context, p *milky.GetForwardedMessagesParams) (*milky.GetForwardedMessagesResult, error) {
	r, err := b.c.GetForwardMsg(ctx, &onebot11.GetForwardMsgParams{ID: p.ForwardID})
	if err != nil {
		return nil, err
	}
	msgs, rep := b.conv.OneBotForwardToMilky(r)
	b.opts.report(ctx, milky.APIGetForwardedMessages, rep)
	return &milky.GetForwardedMessagesResult{Messages: msgs}, nil
}

// MarkMessageAsRead serves mark_message_as_read.
func (b *MilkyOnOneBot) MarkMessageAsRead(ctx context.Context, p *milky.MarkMessageAsReadParams) error {
	id, err := apiMessageID(milky.APIMarkMessageAsRead, p.MessageSeq)
	if err != nil {
		return err
	}
	return b.c.MarkMsgAsRead(ctx, &onebot11.MarkMsgAsReadParams{MessageID: id})
}

// ---- friends ----

// SendFriendNudge serves send_friend_nudge (is_self has no OneBot slot).
func (b *MilkyOnOneBot) SendFriendNudge(ctx context.Context, p *milky.SendFriendNudgeParams) error {
	if p.IsSelf {
		return milkyUnsupported(milky.APISendFriendNudge, "with is_self: OneBot 11 friend_poke cannot nudge the bot itself")
	}
	return b.c.FriendPoke(ctx, &onebot11.FriendPokeParams{UserID: p.UserID})
}

// SendProfileLike serves send_profile_like.
func (b *MilkyOnOneBot) SendProfileLike(ctx context.Context, p *milky.SendProfileLikeParams) error {
	n := int64(1)
	if p.Count != nil {
		n = *p.Count
	}
	return b.c.SendLike(ctx, &onebot11.SendLikeParams{UserID: p.UserID, Times: n})
}

// DeleteFriend serves delete_friend.
func (b *MilkyOnOneBot) DeleteFriend(ctx context.Context, p *milky.DeleteFriendParams) error {
	return b.c.DeleteFriend(ctx, &onebot11.DeleteFriendParams{UserID: p.UserID})
}

// AcceptFriendRequest serves accept_friend_request: initiator_uid is the
// OneBot flag; a filtered request (is_filtered, listed by
// get_friend_requests) is accepted with set_doubt_friends_add_request.
func (b *MilkyOnOneBot) AcceptFriendRequest(ctx context.Context, p *milky.AcceptFriendRequestParams) error {
	if p.IsFiltered {
		return b.c.SetDoubtFriendsAddRequest(ctx, &onebot11.SetDoubtFriendsAddRequestParams{Flag: p.InitiatorUID})
	}
	return b.c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: p.InitiatorUID, Approve: true})
}

// RejectFriendRequest serves reject_friend_request (the reason has no
// OneBot slot). OneBot 11 has no action rejecting a filtered request:
// set_friend_add_request is asked for those too.
func (b *MilkyOnOneBot) RejectFriendRequest(ctx context.Context, p *milky.RejectFriendRequestParams) error {
	if p.Reason != nil && *p.Reason != "" {
		b.opts.report(ctx, milky.APIRejectFriendRequest, lossReport(LossSegmentFields, "reason", "set_friend_add_request has no rejection reason"))
	}
	return b.c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: p.InitiatorUID, Approve: false})
}

// ---- groups ----

// SetGroupName serves set_group_name.
func (b *MilkyOnOneBot) SetGroupName(ctx context.Context, p *milky.SetGroupNameParams) error {
	return b.c.SetGroupName(ctx, &onebot11.SetGroupNameParams{GroupID: p.GroupID, GroupName: p.NewGroupName})
}

// SetGroupAvatar serves set_group_avatar.
func (b *MilkyOnOneBot) SetGroupAvatar(ctx context.Context, p *milky.SetGroupAvatarParams) error {
	return b.c.SetGroupPortrait(ctx, &onebot11.SetGroupPortraitParams{GroupID: p.GroupID, File: p.ImageURI})
}

// SetGroupMemberCard serves set_group_member_card.
func (b *MilkyOnOneBot) SetGroupMemberCard(ctx context.Context, p *milky.SetGroupMemberCardParams) error {
	return b.c.SetGroupCard(ctx, &onebot11.SetGroupCardParams{GroupID: p.GroupID, UserID: p.UserID, Card: p.Card})
}

// SetGroupMemberSpecialTitle serves set_group_member_special_title.
func (b *MilkyOnOneBot) SetGroupMemberSpecialTitle(ctx context.Context, p *milky.SetGroupMemberSpecialTitleParams) error {
	return b.c.SetGroupSpecialTitle(ctx, &onebot11.SetGroupSpecialTitleParams{GroupID: p.GroupID, UserID: p.UserID, SpecialTitle: p.SpecialTitle, Duration: -1})
}

// SetGroupMemberAdmin serves set_group_member_admin.
func (b *MilkyOnOneBot) SetGroupMemberAdmin(ctx context.Context, p *milky.SetGroupMemberAdminParams) error {
	set := p.IsSet == nil || *p.IsSet
	return b.c.SetGroupAdmin(ctx, &onebot11.SetGroupAdminParams{GroupID: p.GroupID, UserID: p.UserID, Enable: set})
}

// SetGroupMemberMute serves set_group_member_mute.
func (b *MilkyOnOneBot) SetGroupMemberMute(ctx context.Context, p *milky.SetGroupMemberMuteParams) error {
	return b.c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: p.GroupID, UserID: p.UserID, Duration: p.Duration})
}

// SetGroupWholeMute serves set_group_whole_mute.
func (b *MilkyOnOneBot) SetGroupWholeMute(ctx context.Context, p *milky.SetGroupWholeMuteParams) error {
	mute := p.IsMute == nil || *p.IsMute
	return b.c.SetGroupWholeBan(ctx, &onebot11.SetGroupWholeBanParams{GroupID: p.GroupID, Enable: mute})
}

// KickGroupMember serves kick_group_member.
func (b *MilkyOnOneBot) KickGroupMember(ctx context.Context, p *milky.KickGroupMemberParams) error {
	return b.c.SetGroupKick(ctx, &onebot11.SetGroupKickParams{GroupID: p.GroupID, UserID: p.UserID, RejectAddRequest: p.RejectAddRequest})
}

// GetGroupAnnouncements serves get_group_announcements.
func (b *MilkyOnOneBot) GetGroupAnnouncements(ctx context.Context, p *milky.GetGroupAnnouncementsParams) (*milky.GetGroupAnnouncementsResult, error) {
	ns, err := b.c.GetGroupNotice(ctx, &onebot11.GetGroupNoticeParams{GroupID: p.GroupID})
	if err != nil {
		return nil, err
	}
	out := &milky.GetGroupAnnouncementsResult{Announcements: make([]milky.GroupAnnouncementEntity, 0, len(ns))}
	for _, n := range ns {
		a := milky.GroupAnnouncementEntity{GroupID: p.GroupID, AnnouncementID: n.NoticeID, UserID: n.SenderID,
			Time: n.PublishTime, Content: n.Message.Text}
		if len(n.Message.Images) > 0 && n.Message.Images[0].ID != nil {
			id := *n.Message.Images[0].ID
			a.ImageURL = &id
		}
		out.Announcements = append(out.Announcements, a)
	}
	return out, nil
}

// SendGroupAnnouncement serves send_group_announcement.
func (b *MilkyOnOneBot) SendGroupAnnouncement(ctx context.Context, p *milky.SendGroupAnnouncementParams) error {
	sp := &onebot11.SendGroupNoticeParams{GroupID: p.GroupID, Content: p.Content}
	if p.ImageURI != nil {
		sp.Image = *p.ImageURI
	}
	return b.c.SendGroupNotice(ctx, sp)
}

// DeleteGroupAnnouncement serves delete_group_announcement.
func (b *MilkyOnOneBot) DeleteGroupAnnouncement(ctx context.Context, p *milky.DeleteGroupAnnouncementParams) error {
	return b.c.DelGroupNotice(ctx, &onebot11.DelGroupNoticeParams{GroupID: p.GroupID, NoticeID: p.AnnouncementID})
}

// GetGroupEssenceMessages serves get_group_essence_messages: OneBot 11
// answers the whole list, which the bridge pages.
func (b *MilkyOnOneBot) GetGroupEssenceMessages(ctx context.Context, p *milky.GetGroupEssenceMessagesParams) (*milky.GetGroupEssenceMessagesResult, error) {
	es, err := b.c.GetEssenceMsgList(ctx, &onebot11.GetEssenceMsgListParams{GroupID: p.GroupID})
	if err != nil {
		return nil, err
	}
	size := p.PageSize
	if size <= 0 {
		size = 20
	}
	from := min(p.PageIndex*size, int64(len(es)))
	to := min(from+size, int64(len(es)))
	out := &milky.GetGroupEssenceMessagesResult{Messages: make([]milky.GroupEssenceMessage, 0, to-from), IsEnd: to == int64(len(es))}
	for _, e := range es[from:to] {
		segs, rep := b.conv.OneBotMessageToMilky(e.Content)
		b.opts.report(ctx, milky.APIGetGroupEssenceMessages, rep)
		out.Messages = append(out.Messages, milky.GroupEssenceMessage{GroupID: p.GroupID, MessageSeq: apiSeq(e.MessageID),
			MessageTime: e.SenderTime, SenderID: e.SenderID, SenderName: e.SenderNick, OperatorID: e.OperatorID,
			OperatorName: e.OperatorNick, OperationTime: e.OperatorTime, Segments: segs})
	}
	return out, nil
}

// SetGroupEssenceMessage serves set_group_essence_message.
func (b *MilkyOnOneBot) SetGroupEssenceMessage(ctx context.Context, p *milky.SetGroupEssenceMessageParams) error {
	id, err := apiMessageID(milky.APISetGroupEssenceMessage, p.MessageSeq)
	if err != nil {
		return err
	}
	if p.IsSet == nil || *p.IsSet {
		return b.c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: id})
	}
	_, err = b.c.DeleteEssenceMsg(ctx, &onebot11.DeleteEssenceMsgParams{MessageID: id})
	return err
}

// QuitGroup serves quit_group.
func (b *MilkyOnOneBot) QuitGroup(ctx context.Context, p *milky.QuitGroupParams) error {
	return b.c.SetGroupLeave(ctx, &onebot11.SetGroupLeaveParams{GroupID: p.GroupID})
}

// SendGroupMessageReaction serves send_group_message_reaction: the
// reaction must be a numeric face or emoji id (OneBot emoji_id).
func (b *MilkyOnOneBot) SendGroupMessageReaction(ctx context.Context, p *milky.SendGroupMessageReactionParams) error {
	id, err := apiMessageID(milky.APISendGroupMessageReaction, p.MessageSeq)
	if err != nil {
		return err
	}
	emoji, err := strconv.ParseInt(p.Reaction, 10, 64)
	if err != nil {
		return milkyUnsupported(milky.APISendGroupMessageReaction, "with reaction "+strconv.Quote(p.Reaction)+": OneBot 11 emoji likes take a numeric emoji_id")
	}
	if p.IsAdd != nil && !*p.IsAdd {
		return b.c.UnsetMsgEmojiLike(ctx, &onebot11.UnsetMsgEmojiLikeParams{MessageID: id, EmojiID: emoji})
	}
	return b.c.SetMsgEmojiLike(ctx, &onebot11.SetMsgEmojiLikeParams{MessageID: id, EmojiID: emoji})
}

// SendGroupNudge serves send_group_nudge.
func (b *MilkyOnOneBot) SendGroupNudge(ctx context.Context, p *milky.SendGroupNudgeParams) error {
	return b.c.GroupPoke(ctx, &onebot11.GroupPokeParams{GroupID: p.GroupID, UserID: p.UserID})
}

// groupFlag resolves a notification_seq / invitation_seq to its flag.
func (b *MilkyOnOneBot) groupFlag(ctx context.Context, api string, seq int64) (string, error) {
	flag, err := b.conv.FlagForMilkySeq(ctx, seq)
	if errors.Is(err, ErrNotFound) {
		return "", milkyBadParams(api, err)
	}
	return flag, err
}

func (b *MilkyOnOneBot) setGroupRequest(ctx context.Context, api string, seq int64, subType string, approve bool, reason *string) error {
	flag, err := b.groupFlag(ctx, api, seq)
	if err != nil {
		return err
	}
	sp := &onebot11.SetGroupAddRequestParams{Flag: flag, SubType: subType, Type: subType, Approve: approve}
	if reason != nil {
		sp.Reason = *reason
	}
	return b.c.SetGroupAddRequest(ctx, sp)
}

// AcceptGroupRequest serves accept_group_request.
func (b *MilkyOnOneBot) AcceptGroupRequest(ctx context.Context, p *milky.AcceptGroupRequestParams) error {
	return b.setGroupRequest(ctx, milky.APIAcceptGroupRequest, p.NotificationSeq, "add", true, nil)
}

// RejectGroupRequest serves reject_group_request.
func (b *MilkyOnOneBot) RejectGroupRequest(ctx context.Context, p *milky.RejectGroupRequestParams) error {
	return b.setGroupRequest(ctx, milky.APIRejectGroupRequest, p.NotificationSeq, "add", false, p.Reason)
}

// AcceptGroupInvitation serves accept_group_invitation.
func (b *MilkyOnOneBot) AcceptGroupInvitation(ctx context.Context, p *milky.AcceptGroupInvitationParams) error {
	return b.setGroupRequest(ctx, milky.APIAcceptGroupInvitation, p.InvitationSeq, "invite", true, nil)
}

// RejectGroupInvitation serves reject_group_invitation.
func (b *MilkyOnOneBot) RejectGroupInvitation(ctx context.Context, p *milky.RejectGroupInvitationParams) error {
	return b.setGroupRequest(ctx, milky.APIRejectGroupInvitation, p.InvitationSeq, "invite", false, nil)
}

// ---- files ----

// UploadPrivateFile serves upload_private_file.
func (b *MilkyOnOneBot) UploadPrivateFile(ctx context.Context, p *milky.UploadPrivateFileParams) (*milky.UploadPrivateFileResult, error) {
	r, err := b.c.UploadPrivateFile(ctx, &onebot11.UploadPrivateFileParams{UserID: p.UserID, File: p.FileURI, Name: p.FileName})
	if err != nil {
		return nil, err
	}
	return &milky.UploadPrivateFileResult{FileID: r.FileID}, nil
}

// UploadGroupFile serves upload_group_file.
func (b *MilkyOnOneBot) UploadGroupFile(ctx context.Context, p *milky.UploadGroupFileParams) (*milky.UploadGroupFileResult, error) {
	up := &onebot11.UploadGroupFileParams{GroupID: p.GroupID, File: p.FileURI, Name: p.FileName}
	if p.ParentFolderID != nil && *p.ParentFolderID != "/" {
		up.FolderID = *p.ParentFolderID
	}
	r, err := b.c.UploadGroupFile(ctx, up)
	if err != nil {
		return nil, err
	}
	return &milky.UploadGroupFileResult{FileID: r.FileID}, nil
}

// GetPrivateFileDownloadURL serves get_private_file_download_url (OneBot
// needs only the file id; user_id and file_hash are passed as extensions).
func (b *MilkyOnOneBot) GetPrivateFileDownloadURL(ctx context.Context, p *milky.GetPrivateFileDownloadURLParams) (*milky.GetPrivateFileDownloadURLResult, error) {
	uid, _ := json.Marshal(p.UserID)
	hash, _ := json.Marshal(p.FileHash)
	r, err := b.c.GetPrivateFileURL(ctx, &onebot11.GetPrivateFileURLParams{FileID: p.FileID,
		Extra: map[string]json.RawMessage{"user_id": uid, "file_hash": hash}})
	if err != nil {
		return nil, err
	}
	return &milky.GetPrivateFileDownloadURLResult{DownloadURL: r.URL}, nil
}

// GetGroupFileDownloadURL serves get_group_file_download_url.
func (b *MilkyOnOneBot) GetGroupFileDownloadURL(ctx context.Context, p *milky.GetGroupFileDownloadURLParams) (*milky.GetGroupFileDownloadURLResult, error) {
	r, err := b.c.GetGroupFileURL(ctx, &onebot11.GetGroupFileURLParams{GroupID: p.GroupID, FileID: p.FileID})
	if err != nil {
		return nil, err
	}
	return &milky.GetGroupFileDownloadURLResult{DownloadURL: r.URL}, nil
}

// GetGroupFiles serves get_group_files.
func (b *MilkyOnOneBot) GetGroupFiles(ctx context.Context, p *milky.GetGroupFilesParams) (*milky.GetGroupFilesResult, error) {
	folder := "/"
	if p.ParentFolderID != nil && *p.ParentFolderID != "" {
		folder = *p.ParentFolderID
	}
	var files []onebot11.GroupFile
	var folders []onebot11.GroupFolder
	if folder == "/" {
		r, err := b.c.GetGroupRootFiles(ctx, &onebot11.GetGroupRootFilesParams{GroupID: p.GroupID})
		if err != nil {
			return nil, err
		}
		files, folders = r.Files, r.Folders
	} else {
		r, err := b.c.GetGroupFilesByFolder(ctx, &onebot11.GetGroupFilesByFolderParams{GroupID: p.GroupID, FolderID: folder})
		if err != nil {
			return nil, err
		}
		files, folders = r.Files, r.Folders
	}
	out := &milky.GetGroupFilesResult{Files: make([]milky.GroupFileEntity, 0, len(files)), Folders: make([]milky.GroupFolderEntity, 0, len(folders))}
	for _, f := range files {
		e := milky.GroupFileEntity{GroupID: p.GroupID, FileID: f.FileID, FileName: f.FileName, ParentFolderID: folder,
			FileSize: f.FileSize, UploadedTime: f.UploadTime, UploaderID: f.Uploader, DownloadedTimes: f.DownloadTimes}
		if f.DeadTime > 0 {
			t := f.DeadTime
			e.ExpireTime = &t
		}
		out.Files = append(out.Files, e)
	}
	for _, f := range folders {
		out.Folders = append(out.Folders, milky.GroupFolderEntity{GroupID: p.GroupID, FolderID: f.FolderID, ParentFolderID: folder,
			FolderName: f.FolderName, CreatedTime: f.CreateTime, LastModifiedTime: f.CreateTime, CreatorID: f.Creator, FileCount: f.TotalFileCount})
	}
	return out, nil
}

// MoveGroupFile serves move_group_file.
func (b *MilkyOnOneBot) MoveGroupFile(ctx context.Context, p *milky.MoveGroupFileParams) error {
	mp := &onebot11.MoveGroupFileParams{GroupID: p.GroupID, FileID: p.FileID, ParentDirectory: "/", TargetDirectory: "/"}
	if p.ParentFolderID != nil {
		mp.ParentDirectory = *p.ParentFolderID
	}
	if p.TargetFolderID != nil {
		mp.TargetDirectory = *p.TargetFolderID
	}
	return b.c.MoveGroupFile(ctx, mp)
}

// DeleteGroupFile serves delete_group_file.
func (b *MilkyOnOneBot) DeleteGroupFile(ctx context.Context, p *milky.DeleteGroupFileParams) error {
	return b.c.DeleteGroupFile(ctx, &onebot11.DeleteGroupFileParams{GroupID: p.GroupID, FileID: p.FileID})
}

// CreateGroupFolder serves create_group_folder.
func (b *MilkyOnOneBot) CreateGroupFolder(ctx context.Context, p *milky.CreateGroupFolderParams) (*milky.CreateGroupFolderResult, error) {
	r, err := b.c.CreateGroupFileFolder(ctx, &onebot11.CreateGroupFileFolderParams{GroupID: p.GroupID, Name: p.FolderName, ParentID: "/"})
	if err != nil {
		return nil, err
	}
	return &milky.CreateGroupFolderResult{FolderID: r.FolderID}, nil
}

// RenameGroupFolder serves rename_group_folder.
func (b *MilkyOnOneBot) RenameGroupFolder(ctx context.Context, p *milky.RenameGroupFolderParams) error {
	return b.c.RenameGroupFileFolder(ctx, &onebot11.RenameGroupFileFolderParams{GroupID: p.GroupID, FolderID: p.FolderID, NewFolderName: p.NewFolderName})
}

// DeleteGroupFolder serves delete_group_folder.
func (b *MilkyOnOneBot) DeleteGroupFolder(ctx context.Context, p *milky.DeleteGroupFolderParams) error {
	return b.c.DeleteGroupFolder(ctx, &onebot11.DeleteGroupFolderParams{GroupID: p.GroupID, FolderID: p.FolderID})
}
