package sim

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/duobot/duobot/milky"
)

// Register registers every Milky 1.2 API on m: the implemented ones (see
// [MilkyImplementedAPIs]) with their typed handlers, and those in
// [MilkyUnsupportedAPIs] with the "not supported by the simulator" answer.
func (b *MilkyBackend) Register(m *milky.ServeMux) {
	// system
	m.HandleGetLoginInfo(b.GetLoginInfo)
	m.HandleGetImplInfo(b.GetImplInfo)
	m.HandleGetUserProfile(b.GetUserProfile)
	m.HandleGetFriendList(b.GetFriendList)
	m.HandleGetFriendInfo(b.GetFriendInfo)
	m.HandleGetGroupList(b.GetGroupList)
	m.HandleGetGroupInfo(b.GetGroupInfo)
	m.HandleGetGroupMemberList(b.GetGroupMemberList)
	m.HandleGetGroupMemberInfo(b.GetGroupMemberInfo)
	m.HandleGetPeerPins(b.GetPeerPins)
	m.HandleSetPeerPin(b.SetPeerPin)
	m.HandleSetAvatar(b.SetAvatar)
	m.HandleSetNickname(b.SetNickname)
	m.HandleSetBio(b.SetBio)
	m.HandleGetCustomFaceURLList(b.GetCustomFaceURLList)
	// message
	m.HandleSendPrivateMessage(b.SendPrivateMessage)
	m.HandleSendGroupMessage(b.SendGroupMessage)
	m.HandleRecallPrivateMessage(b.RecallPrivateMessage)
	m.HandleRecallGroupMessage(b.RecallGroupMessage)
	m.HandleGetMessage(b.GetMessage)
	m.HandleGetHistoryMessages(b.GetHistoryMessages)
	m.HandleGetResourceTempURL(b.GetResourceTempURL)
	m.HandleGetForwardedMessages(b.GetForwardedMessages)
	m.HandleMarkMessageAsRead(b.MarkMessageAsRead)
	// friend
	m.HandleSendFriendNudge(b.SendFriendNudge)
	m.HandleSendProfileLike(b.SendProfileLike)
	m.HandleDeleteFriend(b.DeleteFriend)
	m.HandleGetFriendRequests(b.GetFriendRequests)
	m.HandleAcceptFriendRequest(b.AcceptFriendRequest)
	m.HandleRejectFriendRequest(b.RejectFriendRequest)
	// group
	m.HandleSetGroupName(b.SetGroupName)
	m.HandleSetGroupAvatar(b.SetGroupAvatar)
	m.HandleSetGroupMemberCard(b.SetGroupMemberCard)
	m.HandleSetGroupMemberSpecialTitle(b.SetGroupMemberSpecialTitle)
	m.HandleSetGroupMemberAdmin(b.SetGroupMemberAdmin)
	m.HandleSetGroupMemberMute(b.SetGroupMemberMute)
	m.HandleSetGroupWholeMute(b.SetGroupWholeMute)
	m.HandleKickGroupMember(b.KickGroupMember)
	m.HandleGetGroupAnnouncements(b.GetGroupAnnouncements)
	m.HandleSendGroupAnnouncement(b.SendGroupAnnouncement)
	m.HandleDeleteGroupAnnouncement(b.DeleteGroupAnnouncement)
	m.HandleGetGroupEssenceMessages(b.GetGroupEssenceMessages)
	m.HandleSetGroupEssenceMessage(b.SetGroupEssenceMessage)
	m.HandleQuitGroup(b.QuitGroup)
	m.HandleSendGroupMessageReaction(b.SendGroupMessageReaction)
	m.HandleSendGroupNudge(b.SendGroupNudge)
	m.HandleGetGroupNotifications(b.GetGroupNotifications)
	m.HandleAcceptGroupRequest(b.AcceptGroupRequest)
	m.HandleRejectGroupRequest(b.RejectGroupRequest)
	m.HandleAcceptGroupInvitation(b.AcceptGroupInvitation)
	m.HandleRejectGroupInvitation(b.RejectGroupInvitation)
	// file
	m.HandleUploadPrivateFile(b.UploadPrivateFile)
	m.HandleUploadGroupFile(b.UploadGroupFile)
	m.HandleGetPrivateFileDownloadURL(b.GetPrivateFileDownloadURL)
	m.HandleGetGroupFileDownloadURL(b.GetGroupFileDownloadURL)
	m.HandleGetGroupFiles(b.GetGroupFiles)
	m.HandleMoveGroupFile(b.MoveGroupFile)
	m.HandleRenameGroupFile(b.RenameGroupFile)
	m.HandleDeleteGroupFile(b.DeleteGroupFile)
	m.HandleCreateGroupFolder(b.CreateGroupFolder)
	m.HandleRenameGroupFolder(b.RenameGroupFolder)
	m.HandleDeleteGroupFolder(b.DeleteGroupFolder)

	milkyRegisterUnsupported(m)
}

// ---- system ----

// GetLoginInfo implements get_login_info: the bot's uin and nickname.
func (b *MilkyBackend) GetLoginInfo(context.Context) (*milky.GetLoginInfoResult, error) {
	if err := b.online(milky.APIGetLoginInfo); err != nil {
		return nil, err
	}
	self := b.w.Self()
	return &milky.GetLoginInfoResult{Uin: self.UIN, Nickname: self.Nickname}, nil
}

// GetImplInfo implements get_impl_info (answered while offline too).
func (b *MilkyBackend) GetImplInfo(context.Context) (*milky.GetImplInfoResult, error) {
	return &milky.GetImplInfoResult{
		ImplName:          MilkyImplName,
		ImplVersion:       MilkyImplVersion,
		QQProtocolVersion: MilkyQQProtocolVersion,
		QQProtocolType:    MilkyQQProtocolType,
		MilkyVersion:      MilkyVersion,
	}, nil
}

// GetUserProfile implements get_user_profile: any user's profile (remark
// is the bot's friend remark, if any).
func (b *MilkyBackend) GetUserProfile(_ context.Context, p *milky.GetUserProfileParams) (*milky.GetUserProfileResult, error) {
	const api = milky.APIGetUserProfile
	if err := b.online(api); err != nil {
		return nil, err
	}
	u, err := b.w.User(p.UserID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetUserProfileResult{
		Nickname: u.Nickname, QID: u.QID, Age: int64(u.Age), Sex: milkySex(u.Sex), Bio: u.Sign,
		Level: int64(u.Level), Country: u.Country, City: u.City, School: u.School,
	}
	if f, err := b.w.Friend(p.UserID); err == nil {
		r.Remark = f.Remark
	}
	return r, nil
}

// GetFriendList implements get_friend_list.
func (b *MilkyBackend) GetFriendList(_ context.Context, _ *milky.GetFriendListParams) (*milky.GetFriendListResult, error) {
	if err := b.online(milky.APIGetFriendList); err != nil {
		return nil, err
	}
	fs := b.w.Friends()
	r := &milky.GetFriendListResult{Friends: make([]milky.FriendEntity, 0, len(fs))}
	for _, f := range fs {
		r.Friends = append(r.Friends, MilkyFriend(f))
	}
	return r, nil
}

// GetFriendInfo implements get_friend_info.
func (b *MilkyBackend) GetFriendInfo(_ context.Context, p *milky.GetFriendInfoParams) (*milky.GetFriendInfoResult, error) {
	const api = milky.APIGetFriendInfo
	if err := b.online(api); err != nil {
		return nil, err
	}
	f, err := b.w.Friend(p.UserID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.GetFriendInfoResult{Friend: MilkyFriend(f)}, nil
}

// GetGroupList implements get_group_list: the groups the bot is in.
func (b *MilkyBackend) GetGroupList(_ context.Context, _ *milky.GetGroupListParams) (*milky.GetGroupListResult, error) {
	if err := b.online(milky.APIGetGroupList); err != nil {
		return nil, err
	}
	gs := b.w.Groups()
	r := &milky.GetGroupListResult{Groups: make([]milky.GroupEntity, 0, len(gs))}
	for _, g := range gs {
		r.Groups = append(r.Groups, b.groupEntity(g))
	}
	return r, nil
}

// GetGroupInfo implements get_group_info: a group the bot is in.
func (b *MilkyBackend) GetGroupInfo(_ context.Context, p *milky.GetGroupInfoParams) (*milky.GetGroupInfoResult, error) {
	const api = milky.APIGetGroupInfo
	if err := b.online(api); err != nil {
		return nil, err
	}
	g, err := b.joinedGroup(p.GroupID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.GetGroupInfoResult{Group: b.groupEntity(g)}, nil
}

// joinedGroup returns a group the bot is a member of.
func (b *MilkyBackend) joinedGroup(id int64) (Group, error) {
	g, err := b.w.Group(id)
	if err != nil {
		return Group{}, err
	}
	if _, err := b.w.Member(id, b.w.SelfID()); err != nil {
		return Group{}, fmt.Errorf("%w: the bot is not in group %d", ErrNotFound, id)
	}
	return g, nil
}

// GetGroupMemberList implements get_group_member_list.
func (b *MilkyBackend) GetGroupMemberList(_ context.Context, p *milky.GetGroupMemberListParams) (*milky.GetGroupMemberListResult, error) {
	const api = milky.APIGetGroupMemberList
	if err := b.online(api); err != nil {
		return nil, err
	}
	if _, err := b.joinedGroup(p.GroupID); err != nil {
		return nil, milkyError(api, err)
	}
	ms, err := b.w.Members(p.GroupID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetGroupMemberListResult{Members: make([]milky.GroupMemberEntity, 0, len(ms))}
	for _, m := range ms {
		r.Members = append(r.Members, b.memberEntity(m))
	}
	return r, nil
}

// GetGroupMemberInfo implements get_group_member_info.
func (b *MilkyBackend) GetGroupMemberInfo(_ context.Context, p *milky.GetGroupMemberInfoParams) (*milky.GetGroupMemberInfoResult, error) {
	const api = milky.APIGetGroupMemberInfo
	if err := b.online(api); err != nil {
		return nil, err
	}
	if _, err := b.joinedGroup(p.GroupID); err != nil {
		return nil, milkyError(api, err)
	}
	m, err := b.w.Member(p.GroupID, p.UserID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.GetGroupMemberInfoResult{Member: b.memberEntity(m)}, nil
}

// GetPeerPins implements get_peer_pins: the pinned friends and groups
// (pinned temp sessions have no place in the result).
func (b *MilkyBackend) GetPeerPins(context.Context) (*milky.GetPeerPinsResult, error) {
	const api = milky.APIGetPeerPins
	if err := b.online(api); err != nil {
		return nil, err
	}
	r := &milky.GetPeerPinsResult{Friends: []milky.FriendEntity{}, Groups: []milky.GroupEntity{}}
	for _, pin := range b.w.PeerPins() {
		switch pin.Scene {
		case SceneFriend:
			if f, err := b.w.Friend(pin.Peer); err == nil {
				r.Friends = append(r.Friends, MilkyFriend(f))
			}
		case SceneGroup:
			if g, err := b.w.Group(pin.Peer); err == nil {
				r.Groups = append(r.Groups, b.groupEntity(g))
			}
		}
	}
	return r, nil
}

// milkyScene checks a message_scene parameter.
func milkyScene(api, s string) (Scene, error) {
	switch s {
	case milky.SceneFriend, milky.SceneGroup, milky.SceneTemp:
		return Scene(s), nil
	}
	return "", milkyBadParams(api, fmt.Sprintf("message_scene %q is not friend, group or temp", s))
}

// SetPeerPin implements set_peer_pin (is_pinned defaults to true).
func (b *MilkyBackend) SetPeerPin(_ context.Context, p *milky.SetPeerPinParams) error {
	const api = milky.APISetPeerPin
	if err := b.online(api); err != nil {
		return err
	}
	scene, err := milkyScene(api, p.MessageScene)
	if err != nil {
		return err
	}
	return milkyError(api, b.w.SetPeerPin(scene, p.PeerID, milkyBool(p.IsPinned, true)))
}

func milkyBool(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

// SetAvatar implements set_avatar: the bot's avatar URL becomes the URI
// (file://, http(s):// or base64://).
func (b *MilkyBackend) SetAvatar(_ context.Context, p *milky.SetAvatarParams) error {
	const api = milky.APISetAvatar
	if err := b.online(api); err != nil {
		return err
	}
	if err := milky.CheckURI(p.URI); err != nil {
		return milkyBadParams(api, err.Error())
	}
	return milkyError(api, b.w.SetAvatar(p.URI))
}

// SetNickname implements set_nickname.
func (b *MilkyBackend) SetNickname(_ context.Context, p *milky.SetNicknameParams) error {
	const api = milky.APISetNickname
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetNickname(p.NewNickname))
}

// SetBio implements set_bio (the bot's signature).
func (b *MilkyBackend) SetBio(_ context.Context, p *milky.SetBioParams) error {
	const api = milky.APISetBio
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetSignature(p.NewBio))
}

// GetCustomFaceURLList implements get_custom_face_url_list: the simulated
// bot has no custom faces, so the list is empty.
func (b *MilkyBackend) GetCustomFaceURLList(context.Context) (*milky.GetCustomFaceURLListResult, error) {
	if err := b.online(milky.APIGetCustomFaceURLList); err != nil {
		return nil, err
	}
	return &milky.GetCustomFaceURLListResult{Urls: []string{}}, nil
}

// ---- message ----

// SendPrivateMessage implements send_private_message (to a friend).
func (b *MilkyBackend) SendPrivateMessage(_ context.Context, p *milky.SendPrivateMessageParams) (*milky.SendPrivateMessageResult, error) {
	const api = milky.APISendPrivateMessage
	if err := b.online(api); err != nil {
		return nil, err
	}
	content, err := MilkyContent(p.Message)
	if err != nil {
		return nil, milkyError(api, err)
	}
	m, err := b.w.SendPrivate(p.UserID, content)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.SendPrivateMessageResult{MessageSeq: m.Seq, Time: milkyUnix(m.Time)}, nil
}

// SendGroupMessage implements send_group_message.
func (b *MilkyBackend) SendGroupMessage(_ context.Context, p *milky.SendGroupMessageParams) (*milky.SendGroupMessageResult, error) {
	const api = milky.APISendGroupMessage
	if err := b.online(api); err != nil {
		return nil, err
	}
	content, err := MilkyContent(p.Message)
	if err != nil {
		return nil, milkyError(api, err)
	}
	m, err := b.w.SendGroup(p.GroupID, content)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.SendGroupMessageResult{MessageSeq: m.Seq, Time: milkyUnix(m.Time)}, nil
}

// RecallPrivateMessage implements recall_private_message.
func (b *MilkyBackend) RecallPrivateMessage(_ context.Context, p *milky.RecallPrivateMessageParams) error {
	const api = milky.APIRecallPrivateMessage
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.Recall(SceneFriend, p.UserID, p.MessageSeq))
}

// RecallGroupMessage implements recall_group_message.
func (b *MilkyBackend) RecallGroupMessage(_ context.Context, p *milky.RecallGroupMessageParams) error {
	const api = milky.APIRecallGroupMessage
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.Recall(SceneGroup, p.GroupID, p.MessageSeq))
}

// GetMessage implements get_message; a recalled message is not found.
func (b *MilkyBackend) GetMessage(_ context.Context, p *milky.GetMessageParams) (*milky.GetMessageResult, error) {
	const api = milky.APIGetMessage
	if err := b.online(api); err != nil {
		return nil, err
	}
	scene, err := milkyScene(api, p.MessageScene)
	if err != nil {
		return nil, err
	}
	m, err := b.w.MessageBySeq(scene, p.PeerID, p.MessageSeq)
	if err != nil {
		return nil, milkyError(api, err)
	}
	if m.Recalled {
		return nil, milkyError(api, fmt.Errorf("%w: message %s %d #%d was recalled", ErrNotFound, scene, p.PeerID, p.MessageSeq))
	}
	return &milky.GetMessageResult{Message: b.IncomingMessage(m)}, nil
}

// GetHistoryMessages implements get_history_messages: a page of at most
// MilkyHistoryLimit messages ending at start_message_seq (default the
// newest), oldest first, recalled messages omitted.
func (b *MilkyBackend) GetHistoryMessages(_ context.Context, p *milky.GetHistoryMessagesParams) (*milky.GetHistoryMessagesResult, error) {
	const api = milky.APIGetHistoryMessages
	if err := b.online(api); err != nil {
		return nil, err
	}
	scene, err := milkyScene(api, p.MessageScene)
	if err != nil {
		return nil, err
	}
	q := HistoryQuery{Scene: scene, Peer: p.PeerID, Limit: 20, OldestFirst: true}
	if p.StartMessageSeq != nil {
		if *p.StartMessageSeq < 0 {
			return nil, milkyBadParams(api, "negative start_message_seq")
		}
		q.StartSeq = *p.StartMessageSeq
	}
	if p.Limit != nil {
		switch l := *p.Limit; {
		case l < 0:
			return nil, milkyBadParams(api, "negative limit")
		case l == 0:
			return &milky.GetHistoryMessagesResult{Messages: []milky.IncomingMessage{}}, nil
		case l > MilkyHistoryLimit:
			q.Limit = MilkyHistoryLimit
		default:
			q.Limit = int(l)
		}
	}
	page, err := b.w.History(q)
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetHistoryMessagesResult{Messages: make([]milky.IncomingMessage, 0, len(page.Messages))}
	for _, m := range page.Messages {
		r.Messages = append(r.Messages, b.IncomingMessage(m))
	}
	if page.NextSeq != 0 {
		n := page.NextSeq
		r.NextMessageSeq = &n
	}
	return r, nil
}

// GetResourceTempURL implements get_resource_temp_url.
func (b *MilkyBackend) GetResourceTempURL(_ context.Context, p *milky.GetResourceTempURLParams) (*milky.GetResourceTempURLResult, error) {
	const api = milky.APIGetResourceTempURL
	if err := b.online(api); err != nil {
		return nil, err
	}
	r, err := b.w.Resource(p.ResourceID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.GetResourceTempURLResult{URL: r.URL}, nil
}

// GetForwardedMessages implements get_forwarded_messages: the nodes of a
// stored forward, numbered from 1.
func (b *MilkyBackend) GetForwardedMessages(_ context.Context, p *milky.GetForwardedMessagesParams) (*milky.GetForwardedMessagesResult, error) {
	const api = milky.APIGetForwardedMessages
	if err := b.online(api); err != nil {
		return nil, err
	}
	nodes, err := b.w.Forward(p.ForwardID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetForwardedMessagesResult{Messages: make([]milky.IncomingForwardedMessage, 0, len(nodes))}
	for i, n := range nodes {
		fm := milky.IncomingForwardedMessage{
			MessageSeq: int64(i + 1),
			SenderName: n.Name,
			Time:       milkyUnix(n.Time),
			// A reply inside a forward quotes another of its nodes.
			Segments: b.incoming(milkyConv{nodes: nodes}, n.Content, 0),
		}
		if u, err := b.w.User(n.UserID); err == nil {
			fm.AvatarURL = u.AvatarURL
		}
		r.Messages = append(r.Messages, fm)
	}
	return r, nil
}

// MarkMessageAsRead implements mark_message_as_read.
func (b *MilkyBackend) MarkMessageAsRead(_ context.Context, p *milky.MarkMessageAsReadParams) error {
	const api = milky.APIMarkMessageAsRead
	if err := b.online(api); err != nil {
		return err
	}
	scene, err := milkyScene(api, p.MessageScene)
	if err != nil {
		return err
	}
	return milkyError(api, b.w.MarkRead(scene, p.PeerID, p.MessageSeq))
}

// ---- friend ----

// SendFriendNudge implements send_friend_nudge.
func (b *MilkyBackend) SendFriendNudge(_ context.Context, p *milky.SendFriendNudgeParams) error {
	const api = milky.APISendFriendNudge
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.NudgeFriend(p.UserID, p.IsSelf))
}

// SendProfileLike implements send_profile_like (count defaults to 1).
func (b *MilkyBackend) SendProfileLike(_ context.Context, p *milky.SendProfileLikeParams) error {
	const api = milky.APISendProfileLike
	if err := b.online(api); err != nil {
		return err
	}
	n := int64(1)
	if p.Count != nil {
		n = *p.Count
	}
	if n < 1 || n > 1<<20 {
		return milkyBadParams(api, fmt.Sprintf("count %d", n))
	}
	return milkyError(api, b.w.SendLike(p.UserID, int(n)))
}

// DeleteFriend implements delete_friend.
func (b *MilkyBackend) DeleteFriend(_ context.Context, p *milky.DeleteFriendParams) error {
	const api = milky.APIDeleteFriend
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.DeleteFriend(p.UserID))
}

// GetFriendRequests implements get_friend_requests: the newest limit
// (default 20) requests of the filtered list or the other (is_filtered).
func (b *MilkyBackend) GetFriendRequests(_ context.Context, p *milky.GetFriendRequestsParams) (*milky.GetFriendRequestsResult, error) {
	const api = milky.APIGetFriendRequests
	if err := b.online(api); err != nil {
		return nil, err
	}
	limit := int64(20)
	if p.Limit != nil {
		limit = *p.Limit
	}
	if limit < 0 {
		return nil, milkyBadParams(api, "negative limit")
	}
	r := &milky.GetFriendRequestsResult{Requests: []milky.FriendRequest{}}
	for _, fr := range b.w.FriendRequests() {
		if int64(len(r.Requests)) >= limit {
			break
		}
		if fr.IsFiltered != p.IsFiltered {
			continue
		}
		r.Requests = append(r.Requests, b.friendRequest(fr))
	}
	return r, nil
}

// AcceptFriendRequest implements accept_friend_request.
func (b *MilkyBackend) AcceptFriendRequest(_ context.Context, p *milky.AcceptFriendRequestParams) error {
	const api = milky.APIAcceptFriendRequest
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.friendRequestIn(p.InitiatorUID, p.IsFiltered); err != nil {
		return milkyError(api, err)
	}
	return milkyError(api, b.w.AcceptFriendRequest(p.InitiatorUID, ""))
}

// RejectFriendRequest implements reject_friend_request.
func (b *MilkyBackend) RejectFriendRequest(_ context.Context, p *milky.RejectFriendRequestParams) error {
	const api = milky.APIRejectFriendRequest
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.friendRequestIn(p.InitiatorUID, p.IsFiltered); err != nil {
		return milkyError(api, err)
	}
	reason := ""
	if p.Reason != nil {
		reason = *p.Reason
	}
	return milkyError(api, b.w.RejectFriendRequest(p.InitiatorUID, reason))
}

// friendRequestIn checks that the request of uid is in the list is_filtered
// names (a request handled through the wrong list is not found, as in QQ).
func (b *MilkyBackend) friendRequestIn(uid string, filtered bool) error {
	for _, fr := range b.w.FriendRequests() {
		if fr.InitiatorUID == uid {
			if fr.IsFiltered != filtered {
				break
			}
			return nil
		}
	}
	which := "friend request"
	if filtered {
		which = "filtered friend request"
	}
	return fmt.Errorf("%w: no %s from %q", ErrNotFound, which, uid)
}

// ---- group ----

// SetGroupName implements set_group_name.
func (b *MilkyBackend) SetGroupName(_ context.Context, p *milky.SetGroupNameParams) error {
	const api = milky.APISetGroupName
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetGroupName(p.GroupID, p.NewGroupName))
}

// SetGroupAvatar implements set_group_avatar: the group's avatar URL
// becomes the URI.
func (b *MilkyBackend) SetGroupAvatar(_ context.Context, p *milky.SetGroupAvatarParams) error {
	const api = milky.APISetGroupAvatar
	if err := b.online(api); err != nil {
		return err
	}
	if err := milky.CheckURI(p.ImageURI); err != nil {
		return milkyBadParams(api, err.Error())
	}
	return milkyError(api, b.w.SetGroupAvatar(p.GroupID, p.ImageURI))
}

// SetGroupMemberCard implements set_group_member_card.
func (b *MilkyBackend) SetGroupMemberCard(_ context.Context, p *milky.SetGroupMemberCardParams) error {
	const api = milky.APISetGroupMemberCard
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetCard(p.GroupID, p.UserID, p.Card))
}

// SetGroupMemberSpecialTitle implements set_group_member_special_title.
func (b *MilkyBackend) SetGroupMemberSpecialTitle(_ context.Context, p *milky.SetGroupMemberSpecialTitleParams) error {
	const api = milky.APISetGroupMemberSpecialTitle
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetTitle(p.GroupID, p.UserID, p.SpecialTitle))
}

// SetGroupMemberAdmin implements set_group_member_admin (is_set defaults
// to true).
func (b *MilkyBackend) SetGroupMemberAdmin(_ context.Context, p *milky.SetGroupMemberAdminParams) error {
	const api = milky.APISetGroupMemberAdmin
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetAdmin(p.GroupID, p.UserID, milkyBool(p.IsSet, true)))
}

// SetGroupMemberMute implements set_group_member_mute: duration seconds,
// 0 unmutes.
func (b *MilkyBackend) SetGroupMemberMute(_ context.Context, p *milky.SetGroupMemberMuteParams) error {
	const api = milky.APISetGroupMemberMute
	if err := b.online(api); err != nil {
		return err
	}
	if p.Duration < 0 || p.Duration > int64(MaxMuteDuration/time.Second) {
		return milkyBadParams(api, fmt.Sprintf("duration %d is not between 0 and %d seconds", p.Duration, int64(MaxMuteDuration/time.Second)))
	}
	return milkyError(api, b.w.Mute(p.GroupID, p.UserID, time.Duration(p.Duration)*time.Second))
}

// SetGroupWholeMute implements set_group_whole_mute (is_mute defaults to
// true).
func (b *MilkyBackend) SetGroupWholeMute(_ context.Context, p *milky.SetGroupWholeMuteParams) error {
	const api = milky.APISetGroupWholeMute
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetWholeMute(p.GroupID, milkyBool(p.IsMute, true)))
}

// KickGroupMember implements kick_group_member.
func (b *MilkyBackend) KickGroupMember(_ context.Context, p *milky.KickGroupMemberParams) error {
	const api = milky.APIKickGroupMember
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.Kick(p.GroupID, p.UserID, p.RejectAddRequest))
}

// GetGroupAnnouncements implements get_group_announcements (newest
// first).
func (b *MilkyBackend) GetGroupAnnouncements(_ context.Context, p *milky.GetGroupAnnouncementsParams) (*milky.GetGroupAnnouncementsResult, error) {
	const api = milky.APIGetGroupAnnouncements
	if err := b.online(api); err != nil {
		return nil, err
	}
	if _, err := b.joinedGroup(p.GroupID); err != nil {
		return nil, milkyError(api, err)
	}
	as, err := b.w.Announcements(p.GroupID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetGroupAnnouncementsResult{Announcements: make([]milky.GroupAnnouncementEntity, 0, len(as))}
	for _, a := range as {
		r.Announcements = append(r.Announcements, milkyAnnouncement(a))
	}
	return r, nil
}

// SendGroupAnnouncement implements send_group_announcement (the image URI,
// when given, becomes the announcement's image URL).
func (b *MilkyBackend) SendGroupAnnouncement(_ context.Context, p *milky.SendGroupAnnouncementParams) error {
	const api = milky.APISendGroupAnnouncement
	if err := b.online(api); err != nil {
		return err
	}
	img := ""
	if p.ImageURI != nil && *p.ImageURI != "" {
		if err := milky.CheckURI(*p.ImageURI); err != nil {
			return milkyBadParams(api, err.Error())
		}
		img = *p.ImageURI
	}
	_, err := b.w.SendAnnouncement(p.GroupID, p.Content, img)
	return milkyError(api, err)
}

// DeleteGroupAnnouncement implements delete_group_announcement.
func (b *MilkyBackend) DeleteGroupAnnouncement(_ context.Context, p *milky.DeleteGroupAnnouncementParams) error {
	const api = milky.APIDeleteGroupAnnouncement
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.DeleteAnnouncement(p.GroupID, p.AnnouncementID))
}

// GetGroupEssenceMessages implements get_group_essence_messages (page_index
// from 0, most recently set first).
func (b *MilkyBackend) GetGroupEssenceMessages(_ context.Context, p *milky.GetGroupEssenceMessagesParams) (*milky.GetGroupEssenceMessagesResult, error) {
	const api = milky.APIGetGroupEssenceMessages
	if err := b.online(api); err != nil {
		return nil, err
	}
	if p.PageIndex < 0 || p.PageSize < 1 || p.PageIndex > 1<<20 || p.PageSize > 1<<20 {
		return nil, milkyBadParams(api, fmt.Sprintf("page_index %d, page_size %d", p.PageIndex, p.PageSize))
	}
	if _, err := b.joinedGroup(p.GroupID); err != nil {
		return nil, milkyError(api, err)
	}
	es, end, err := b.w.EssenceMessages(p.GroupID, int(p.PageIndex), int(p.PageSize))
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetGroupEssenceMessagesResult{Messages: make([]milky.GroupEssenceMessage, 0, len(es)), IsEnd: end}
	for _, e := range es {
		r.Messages = append(r.Messages, milky.GroupEssenceMessage{
			GroupID:       e.GroupID,
			MessageSeq:    e.Message.Seq,
			MessageTime:   milkyUnix(e.Message.Time),
			SenderID:      e.Message.SenderID,
			SenderName:    e.SenderName,
			OperatorID:    e.OperatorID,
			OperatorName:  e.OperatorName,
			OperationTime: milkyUnix(e.OperationTime),
			Segments:      b.IncomingSegments(SceneGroup, e.GroupID, e.Message.Content),
		})
	}
	return r, nil
}

// SetGroupEssenceMessage implements set_group_essence_message (is_set
// defaults to true).
func (b *MilkyBackend) SetGroupEssenceMessage(_ context.Context, p *milky.SetGroupEssenceMessageParams) error {
	const api = milky.APISetGroupEssenceMessage
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.SetEssence(p.GroupID, p.MessageSeq, milkyBool(p.IsSet, true)))
}

// QuitGroup implements quit_group: the bot leaves the group, or dismisses
// it when it is the owner.
func (b *MilkyBackend) QuitGroup(_ context.Context, p *milky.QuitGroupParams) error {
	const api = milky.APIQuitGroup
	if err := b.online(api); err != nil {
		return err
	}
	g, err := b.joinedGroup(p.GroupID)
	if err != nil {
		return milkyError(api, err)
	}
	if g.OwnerID == b.w.SelfID() {
		return milkyError(api, b.w.DismissGroup(p.GroupID))
	}
	return milkyError(api, b.w.LeaveGroup(p.GroupID))
}

// SendGroupMessageReaction implements send_group_message_reaction
// (reaction_type defaults to face, is_add to true).
func (b *MilkyBackend) SendGroupMessageReaction(_ context.Context, p *milky.SendGroupMessageReactionParams) error {
	const api = milky.APISendGroupMessageReaction
	if err := b.online(api); err != nil {
		return err
	}
	typ := milky.ReactionFace
	if p.ReactionType != nil {
		typ = *p.ReactionType
	}
	if typ != milky.ReactionFace && typ != milky.ReactionEmoji {
		return milkyBadParams(api, fmt.Sprintf("reaction_type %q is not face or emoji", typ))
	}
	if p.Reaction == "" {
		return milkyBadParams(api, "empty reaction")
	}
	return milkyError(api, b.w.React(p.GroupID, p.MessageSeq, p.Reaction, typ, milkyBool(p.IsAdd, true)))
}

// SendGroupNudge implements send_group_nudge.
func (b *MilkyBackend) SendGroupNudge(_ context.Context, p *milky.SendGroupNudgeParams) error {
	const api = milky.APISendGroupNudge
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.NudgeGroupMember(p.GroupID, p.UserID))
}

// GetGroupNotifications implements get_group_notifications: newest first
// from start_notification_seq (default the newest), at most limit (default
// 20), with next_notification_seq when more remain, of the filtered list
// or the other (is_filtered).
func (b *MilkyBackend) GetGroupNotifications(_ context.Context, p *milky.GetGroupNotificationsParams) (*milky.GetGroupNotificationsResult, error) {
	const api = milky.APIGetGroupNotifications
	if err := b.online(api); err != nil {
		return nil, err
	}
	limit := int64(20)
	if p.Limit != nil {
		limit = *p.Limit
	}
	var start int64
	if p.StartNotificationSeq != nil {
		start = *p.StartNotificationSeq
	}
	if limit < 0 || start < 0 {
		return nil, milkyBadParams(api, "negative limit or start_notification_seq")
	}
	r := &milky.GetGroupNotificationsResult{Notifications: milky.GroupNotifications{}}
	if limit == 0 {
		return r, nil
	}
	// All from start: the is_filtered selection is made here.
	for _, n := range b.w.GroupNotifications(start, math.MaxInt32) {
		if n.IsFiltered != p.IsFiltered {
			continue
		}
		if int64(len(r.Notifications)) == limit {
			next := n.Seq
			r.NextNotificationSeq = &next
			break
		}
		if mn, ok := milkyNotification(n); ok {
			r.Notifications = append(r.Notifications, mn)
		}
	}
	return r, nil
}

// groupRequest finds the pending-or-not request a group request API
// names, checking its group and type.
func (b *MilkyBackend) groupRequest(seq int64, typ string, group int64, filtered bool) error {
	if typ != milky.NotificationJoinRequest && typ != milky.NotificationInvitedJoinRequest {
		return fmt.Errorf("%w: notification_type %q is not join_request or invited_join_request", ErrInvalidArgument, typ)
	}
	n, err := b.w.GroupNotification(seq)
	if err != nil {
		return err
	}
	if n.GroupID != group || string(n.Type) != typ || n.IsFiltered != filtered {
		return fmt.Errorf("%w: no %s %d in group %d", ErrNotFound, typ, seq, group)
	}
	return nil
}

// AcceptGroupRequest implements accept_group_request.
func (b *MilkyBackend) AcceptGroupRequest(_ context.Context, p *milky.AcceptGroupRequestParams) error {
	const api = milky.APIAcceptGroupRequest
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.groupRequest(p.NotificationSeq, p.NotificationType, p.GroupID, p.IsFiltered); err != nil {
		return milkyError(api, err)
	}
	return milkyError(api, b.w.AcceptGroupRequest(p.NotificationSeq))
}

// RejectGroupRequest implements reject_group_request.
func (b *MilkyBackend) RejectGroupRequest(_ context.Context, p *milky.RejectGroupRequestParams) error {
	const api = milky.APIRejectGroupRequest
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.groupRequest(p.NotificationSeq, p.NotificationType, p.GroupID, p.IsFiltered); err != nil {
		return milkyError(api, err)
	}
	reason := ""
	if p.Reason != nil {
		reason = *p.Reason
	}
	return milkyError(api, b.w.RejectGroupRequest(p.NotificationSeq, reason))
}

// invitation checks that invitation seq is one into group.
func (b *MilkyBackend) invitation(group, seq int64) error {
	for _, inv := range b.w.Invitations() {
		if inv.Seq == seq {
			if inv.GroupID != group {
				break
			}
			return nil
		}
	}
	return fmt.Errorf("%w: invitation %d into group %d", ErrNotFound, seq, group)
}

// AcceptGroupInvitation implements accept_group_invitation.
func (b *MilkyBackend) AcceptGroupInvitation(_ context.Context, p *milky.AcceptGroupInvitationParams) error {
	const api = milky.APIAcceptGroupInvitation
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.invitation(p.GroupID, p.InvitationSeq); err != nil {
		return milkyError(api, err)
	}
	return milkyError(api, b.w.AcceptInvitation(p.InvitationSeq))
}

// RejectGroupInvitation implements reject_group_invitation.
func (b *MilkyBackend) RejectGroupInvitation(_ context.Context, p *milky.RejectGroupInvitationParams) error {
	const api = milky.APIRejectGroupInvitation
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.invitation(p.GroupID, p.InvitationSeq); err != nil {
		return milkyError(api, err)
	}
	return milkyError(api, b.w.RejectInvitation(p.InvitationSeq))
}

// ---- file ----

// fetch reads the content of a resource URI for api.
func (b *MilkyBackend) fetch(ctx context.Context, api, uri string) ([]byte, error) {
	if err := milky.CheckURI(uri); err != nil {
		return nil, milkyBadParams(api, err.Error())
	}
	data, err := b.opts.FetchURI(ctx, uri)
	if err != nil {
		return nil, &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: MilkyRetcodeInternal, Message: "reading file_uri: " + err.Error(), Err: err}
	}
	return data, nil
}

// UploadPrivateFile implements upload_private_file: the file named by
// file_uri is read and sent to the friend.
func (b *MilkyBackend) UploadPrivateFile(ctx context.Context, p *milky.UploadPrivateFileParams) (*milky.UploadPrivateFileResult, error) {
	const api = milky.APIUploadPrivateFile
	if err := b.online(api); err != nil {
		return nil, err
	}
	if _, err := b.w.Friend(p.UserID); err != nil {
		return nil, milkyError(api, err)
	}
	data, err := b.fetch(ctx, api, p.FileURI)
	if err != nil {
		return nil, err
	}
	f, err := b.w.UploadPrivateFile(p.UserID, p.FileName, data)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.UploadPrivateFileResult{FileID: f.ID}, nil
}

// milkyFolderParam is an optional folder parameter ("/" when absent).
func milkyFolderParam(p *string) string {
	if p == nil || *p == "" {
		return RootFolder
	}
	return *p
}

// UploadGroupFile implements upload_group_file.
func (b *MilkyBackend) UploadGroupFile(ctx context.Context, p *milky.UploadGroupFileParams) (*milky.UploadGroupFileResult, error) {
	const api = milky.APIUploadGroupFile
	if err := b.online(api); err != nil {
		return nil, err
	}
	if _, err := b.joinedGroup(p.GroupID); err != nil {
		return nil, milkyError(api, err)
	}
	data, err := b.fetch(ctx, api, p.FileURI)
	if err != nil {
		return nil, err
	}
	f, err := b.w.UploadGroupFile(p.GroupID, milkyFolderParam(p.ParentFolderID), p.FileName, data)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.UploadGroupFileResult{FileID: f.ID}, nil
}

// GetPrivateFileDownloadURL implements get_private_file_download_url.
func (b *MilkyBackend) GetPrivateFileDownloadURL(_ context.Context, p *milky.GetPrivateFileDownloadURLParams) (*milky.GetPrivateFileDownloadURLResult, error) {
	const api = milky.APIGetPrivateFileDownloadURL
	if err := b.online(api); err != nil {
		return nil, err
	}
	u, err := b.w.PrivateFileURL(p.UserID, p.FileID, p.FileHash)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.GetPrivateFileDownloadURLResult{DownloadURL: u}, nil
}

// GetGroupFileDownloadURL implements get_group_file_download_url.
func (b *MilkyBackend) GetGroupFileDownloadURL(_ context.Context, p *milky.GetGroupFileDownloadURLParams) (*milky.GetGroupFileDownloadURLResult, error) {
	const api = milky.APIGetGroupFileDownloadURL
	if err := b.online(api); err != nil {
		return nil, err
	}
	u, err := b.w.GroupFileURL(p.GroupID, p.FileID)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.GetGroupFileDownloadURLResult{DownloadURL: u}, nil
}

// GetGroupFiles implements get_group_files.
func (b *MilkyBackend) GetGroupFiles(_ context.Context, p *milky.GetGroupFilesParams) (*milky.GetGroupFilesResult, error) {
	const api = milky.APIGetGroupFiles
	if err := b.online(api); err != nil {
		return nil, err
	}
	if _, err := b.joinedGroup(p.GroupID); err != nil {
		return nil, milkyError(api, err)
	}
	files, folders, err := b.w.GroupFiles(p.GroupID, milkyFolderParam(p.ParentFolderID))
	if err != nil {
		return nil, milkyError(api, err)
	}
	r := &milky.GetGroupFilesResult{Files: make([]milky.GroupFileEntity, 0, len(files)), Folders: make([]milky.GroupFolderEntity, 0, len(folders))}
	for _, f := range files {
		r.Files = append(r.Files, milkyGroupFile(f))
	}
	for _, f := range folders {
		r.Folders = append(r.Folders, milkyFolder(f))
	}
	return r, nil
}

// fileIn checks that a group file is in folder parent (when given).
func (b *MilkyBackend) fileIn(group int64, fileID string, parent *string) error {
	f, err := b.w.GroupFile(group, fileID)
	if err != nil {
		return err
	}
	if want := milkyFolderParam(parent); milkyFolderID(f.FolderID) != want {
		return fmt.Errorf("%w: file %q is not in folder %q", ErrNotFound, fileID, want)
	}
	return nil
}

// MoveGroupFile implements move_group_file (parent_folder_id, default "/",
// must be the file's folder).
func (b *MilkyBackend) MoveGroupFile(_ context.Context, p *milky.MoveGroupFileParams) error {
	const api = milky.APIMoveGroupFile
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.fileIn(p.GroupID, p.FileID, p.ParentFolderID); err != nil {
		return milkyError(api, err)
	}
	return milkyError(api, b.w.MoveGroupFile(p.GroupID, p.FileID, milkyFolderParam(p.TargetFolderID)))
}

// RenameGroupFile implements rename_group_file (parent_folder_id, default
// "/", must be the file's folder).
func (b *MilkyBackend) RenameGroupFile(_ context.Context, p *milky.RenameGroupFileParams) error {
	const api = milky.APIRenameGroupFile
	if err := b.online(api); err != nil {
		return err
	}
	if err := b.fileIn(p.GroupID, p.FileID, p.ParentFolderID); err != nil {
		return milkyError(api, err)
	}
	return milkyError(api, b.w.RenameGroupFile(p.GroupID, p.FileID, p.NewFileName))
}

// DeleteGroupFile implements delete_group_file.
func (b *MilkyBackend) DeleteGroupFile(_ context.Context, p *milky.DeleteGroupFileParams) error {
	const api = milky.APIDeleteGroupFile
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.DeleteGroupFile(p.GroupID, p.FileID))
}

// CreateGroupFolder implements create_group_folder (in the root).
func (b *MilkyBackend) CreateGroupFolder(_ context.Context, p *milky.CreateGroupFolderParams) (*milky.CreateGroupFolderResult, error) {
	const api = milky.APICreateGroupFolder
	if err := b.online(api); err != nil {
		return nil, err
	}
	f, err := b.w.CreateGroupFolder(p.GroupID, p.FolderName)
	if err != nil {
		return nil, milkyError(api, err)
	}
	return &milky.CreateGroupFolderResult{FolderID: f.ID}, nil
}

// RenameGroupFolder implements rename_group_folder.
func (b *MilkyBackend) RenameGroupFolder(_ context.Context, p *milky.RenameGroupFolderParams) error {
	const api = milky.APIRenameGroupFolder
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.RenameGroupFolder(p.GroupID, p.FolderID, p.NewFolderName))
}

// DeleteGroupFolder implements delete_group_folder (and the files in it).
func (b *MilkyBackend) DeleteGroupFolder(_ context.Context, p *milky.DeleteGroupFolderParams) error {
	const api = milky.APIDeleteGroupFolder
	if err := b.online(api); err != nil {
		return err
	}
	return milkyError(api, b.w.DeleteGroupFolder(p.GroupID, p.FolderID))
}
