package milky

import (
	"context"
	"encoding/json"
)

// apiCase describes one API for table-driven tests: how to make its params
// and result values, and how to call its method with params decoded from JSON.
type apiCase struct {
	params func() any // nil when the API takes no input
	result func() any // nil when the API has no output
	call   func(ctx context.Context, c *Client, params []byte) (any, error)
}

// apiCases has one entry per API method of Client.
var apiCases = map[string]apiCase{
	APIGetLoginInfo: {
		params: nil,
		result: func() any { return new(GetLoginInfoResult) },
		call: func(ctx context.Context, c *Client, _ []byte) (any, error) {
			return c.GetLoginInfo(ctx)
		},
	},
	APIGetImplInfo: {
		params: nil,
		result: func() any { return new(GetImplInfoResult) },
		call: func(ctx context.Context, c *Client, _ []byte) (any, error) {
			return c.GetImplInfo(ctx)
		},
	},
	APIGetUserProfile: {
		params: func() any { return new(GetUserProfileParams) },
		result: func() any { return new(GetUserProfileResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetUserProfileParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetUserProfile(ctx, p)
		},
	},
	APIGetFriendList: {
		params: func() any { return new(GetFriendListParams) },
		result: func() any { return new(GetFriendListResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetFriendListParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetFriendList(ctx, p)
		},
	},
	APIGetFriendInfo: {
		params: func() any { return new(GetFriendInfoParams) },
		result: func() any { return new(GetFriendInfoResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetFriendInfoParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetFriendInfo(ctx, p)
		},
	},
	APIGetGroupList: {
		params: func() any { return new(GetGroupListParams) },
		result: func() any { return new(GetGroupListResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupListParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupList(ctx, p)
		},
	},
	APIGetGroupInfo: {
		params: func() any { return new(GetGroupInfoParams) },
		result: func() any { return new(GetGroupInfoResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupInfoParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupInfo(ctx, p)
		},
	},
	APIGetGroupMemberList: {
		params: func() any { return new(GetGroupMemberListParams) },
		result: func() any { return new(GetGroupMemberListResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupMemberListParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupMemberList(ctx, p)
		},
	},
	APIGetGroupMemberInfo: {
		params: func() any { return new(GetGroupMemberInfoParams) },
		result: func() any { return new(GetGroupMemberInfoResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupMemberInfoParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupMemberInfo(ctx, p)
		},
	},
	APIGetPeerPins: {
		params: nil,
		result: func() any { return new(GetPeerPinsResult) },
		call: func(ctx context.Context, c *Client, _ []byte) (any, error) {
			return c.GetPeerPins(ctx)
		},
	},
	APISetPeerPin: {
		params: func() any { return new(SetPeerPinParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetPeerPinParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetPeerPin(ctx, p)
		},
	},
	APISetAvatar: {
		params: func() any { return new(SetAvatarParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetAvatarParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetAvatar(ctx, p)
		},
	},
	APISetNickname: {
		params: func() any { return new(SetNicknameParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetNicknameParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetNickname(ctx, p)
		},
	},
	APISetBio: {
		params: func() any { return new(SetBioParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetBioParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetBio(ctx, p)
		},
	},
	APIGetCustomFaceURLList: {
		params: nil,
		result: func() any { return new(GetCustomFaceURLListResult) },
		call: func(ctx context.Context, c *Client, _ []byte) (any, error) {
			return c.GetCustomFaceURLList(ctx)
		},
	},
	APIGetCookies: {
		params: func() any { return new(GetCookiesParams) },
		result: func() any { return new(GetCookiesResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetCookiesParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetCookies(ctx, p)
		},
	},
	APIGetCSRFToken: {
		params: nil,
		result: func() any { return new(GetCSRFTokenResult) },
		call: func(ctx context.Context, c *Client, _ []byte) (any, error) {
			return c.GetCSRFToken(ctx)
		},
	},
	APISendPrivateMessage: {
		params: func() any { return new(SendPrivateMessageParams) },
		result: func() any { return new(SendPrivateMessageResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendPrivateMessageParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.SendPrivateMessage(ctx, p)
		},
	},
	APISendGroupMessage: {
		params: func() any { return new(SendGroupMessageParams) },
		result: func() any { return new(SendGroupMessageResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendGroupMessageParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.SendGroupMessage(ctx, p)
		},
	},
	APIRecallPrivateMessage: {
		params: func() any { return new(RecallPrivateMessageParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RecallPrivateMessageParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RecallPrivateMessage(ctx, p)
		},
	},
	APIRecallGroupMessage: {
		params: func() any { return new(RecallGroupMessageParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RecallGroupMessageParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RecallGroupMessage(ctx, p)
		},
	},
	APIGetMessage: {
		params: func() any { return new(GetMessageParams) },
		result: func() any { return new(GetMessageResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetMessageParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetMessage(ctx, p)
		},
	},
	APIGetHistoryMessages: {
		params: func() any { return new(GetHistoryMessagesParams) },
		result: func() any { return new(GetHistoryMessagesResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetHistoryMessagesParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetHistoryMessages(ctx, p)
		},
	},
	APIGetResourceTempURL: {
		params: func() any { return new(GetResourceTempURLParams) },
		result: func() any { return new(GetResourceTempURLResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetResourceTempURLParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetResourceTempURL(ctx, p)
		},
	},
	APIGetForwardedMessages: {
		params: func() any { return new(GetForwardedMessagesParams) },
		result: func() any { return new(GetForwardedMessagesResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetForwardedMessagesParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetForwardedMessages(ctx, p)
		},
	},
	APIMarkMessageAsRead: {
		params: func() any { return new(MarkMessageAsReadParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(MarkMessageAsReadParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.MarkMessageAsRead(ctx, p)
		},
	},
	APISendFriendNudge: {
		params: func() any { return new(SendFriendNudgeParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendFriendNudgeParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SendFriendNudge(ctx, p)
		},
	},
	APISendProfileLike: {
		params: func() any { return new(SendProfileLikeParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendProfileLikeParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SendProfileLike(ctx, p)
		},
	},
	APIDeleteFriend: {
		params: func() any { return new(DeleteFriendParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(DeleteFriendParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.DeleteFriend(ctx, p)
		},
	},
	APIGetFriendRequests: {
		params: func() any { return new(GetFriendRequestsParams) },
		result: func() any { return new(GetFriendRequestsResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetFriendRequestsParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetFriendRequests(ctx, p)
		},
	},
	APIAcceptFriendRequest: {
		params: func() any { return new(AcceptFriendRequestParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(AcceptFriendRequestParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.AcceptFriendRequest(ctx, p)
		},
	},
	APIRejectFriendRequest: {
		params: func() any { return new(RejectFriendRequestParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RejectFriendRequestParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RejectFriendRequest(ctx, p)
		},
	},
	APISetGroupName: {
		params: func() any { return new(SetGroupNameParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupNameParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupName(ctx, p)
		},
	},
	APISetGroupAvatar: {
		params: func() any { return new(SetGroupAvatarParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupAvatarParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupAvatar(ctx, p)
		},
	},
	APISetGroupMemberCard: {
		params: func() any { return new(SetGroupMemberCardParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupMemberCardParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupMemberCard(ctx, p)
		},
	},
	APISetGroupMemberSpecialTitle: {
		params: func() any { return new(SetGroupMemberSpecialTitleParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupMemberSpecialTitleParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupMemberSpecialTitle(ctx, p)
		},
	},
	APISetGroupMemberAdmin: {
		params: func() any { return new(SetGroupMemberAdminParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupMemberAdminParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupMemberAdmin(ctx, p)
		},
	},
	APISetGroupMemberMute: {
		params: func() any { return new(SetGroupMemberMuteParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupMemberMuteParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupMemberMute(ctx, p)
		},
	},
	APISetGroupWholeMute: {
		params: func() any { return new(SetGroupWholeMuteParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupWholeMuteParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupWholeMute(ctx, p)
		},
	},
	APIKickGroupMember: {
		params: func() any { return new(KickGroupMemberParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(KickGroupMemberParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.KickGroupMember(ctx, p)
		},
	},
	APIGetGroupAnnouncements: {
		params: func() any { return new(GetGroupAnnouncementsParams) },
		result: func() any { return new(GetGroupAnnouncementsResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupAnnouncementsParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupAnnouncements(ctx, p)
		},
	},
	APISendGroupAnnouncement: {
		params: func() any { return new(SendGroupAnnouncementParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendGroupAnnouncementParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SendGroupAnnouncement(ctx, p)
		},
	},
	APIDeleteGroupAnnouncement: {
		params: func() any { return new(DeleteGroupAnnouncementParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(DeleteGroupAnnouncementParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.DeleteGroupAnnouncement(ctx, p)
		},
	},
	APIGetGroupEssenceMessages: {
		params: func() any { return new(GetGroupEssenceMessagesParams) },
		result: func() any { return new(GetGroupEssenceMessagesResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupEssenceMessagesParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupEssenceMessages(ctx, p)
		},
	},
	APISetGroupEssenceMessage: {
		params: func() any { return new(SetGroupEssenceMessageParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SetGroupEssenceMessageParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SetGroupEssenceMessage(ctx, p)
		},
	},
	APIQuitGroup: {
		params: func() any { return new(QuitGroupParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(QuitGroupParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.QuitGroup(ctx, p)
		},
	},
	APISendGroupMessageReaction: {
		params: func() any { return new(SendGroupMessageReactionParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendGroupMessageReactionParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SendGroupMessageReaction(ctx, p)
		},
	},
	APISendGroupNudge: {
		params: func() any { return new(SendGroupNudgeParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(SendGroupNudgeParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.SendGroupNudge(ctx, p)
		},
	},
	APIGetGroupNotifications: {
		params: func() any { return new(GetGroupNotificationsParams) },
		result: func() any { return new(GetGroupNotificationsResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupNotificationsParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupNotifications(ctx, p)
		},
	},
	APIAcceptGroupRequest: {
		params: func() any { return new(AcceptGroupRequestParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(AcceptGroupRequestParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.AcceptGroupRequest(ctx, p)
		},
	},
	APIRejectGroupRequest: {
		params: func() any { return new(RejectGroupRequestParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RejectGroupRequestParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RejectGroupRequest(ctx, p)
		},
	},
	APIAcceptGroupInvitation: {
		params: func() any { return new(AcceptGroupInvitationParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(AcceptGroupInvitationParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.AcceptGroupInvitation(ctx, p)
		},
	},
	APIRejectGroupInvitation: {
		params: func() any { return new(RejectGroupInvitationParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RejectGroupInvitationParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RejectGroupInvitation(ctx, p)
		},
	},
	APIUploadPrivateFile: {
		params: func() any { return new(UploadPrivateFileParams) },
		result: func() any { return new(UploadPrivateFileResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(UploadPrivateFileParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.UploadPrivateFile(ctx, p)
		},
	},
	APIUploadGroupFile: {
		params: func() any { return new(UploadGroupFileParams) },
		result: func() any { return new(UploadGroupFileResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(UploadGroupFileParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.UploadGroupFile(ctx, p)
		},
	},
	APIGetPrivateFileDownloadURL: {
		params: func() any { return new(GetPrivateFileDownloadURLParams) },
		result: func() any { return new(GetPrivateFileDownloadURLResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetPrivateFileDownloadURLParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetPrivateFileDownloadURL(ctx, p)
		},
	},
	APIGetGroupFileDownloadURL: {
		params: func() any { return new(GetGroupFileDownloadURLParams) },
		result: func() any { return new(GetGroupFileDownloadURLResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupFileDownloadURLParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupFileDownloadURL(ctx, p)
		},
	},
	APIGetGroupFiles: {
		params: func() any { return new(GetGroupFilesParams) },
		result: func() any { return new(GetGroupFilesResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(GetGroupFilesParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.GetGroupFiles(ctx, p)
		},
	},
	APIMoveGroupFile: {
		params: func() any { return new(MoveGroupFileParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(MoveGroupFileParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.MoveGroupFile(ctx, p)
		},
	},
	APIRenameGroupFile: {
		params: func() any { return new(RenameGroupFileParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RenameGroupFileParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RenameGroupFile(ctx, p)
		},
	},
	APIDeleteGroupFile: {
		params: func() any { return new(DeleteGroupFileParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(DeleteGroupFileParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.DeleteGroupFile(ctx, p)
		},
	},
	APICreateGroupFolder: {
		params: func() any { return new(CreateGroupFolderParams) },
		result: func() any { return new(CreateGroupFolderResult) },
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(CreateGroupFolderParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return c.CreateGroupFolder(ctx, p)
		},
	},
	APIRenameGroupFolder: {
		params: func() any { return new(RenameGroupFolderParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(RenameGroupFolderParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.RenameGroupFolder(ctx, p)
		},
	},
	APIDeleteGroupFolder: {
		params: func() any { return new(DeleteGroupFolderParams) },
		result: nil,
		call: func(ctx context.Context, c *Client, b []byte) (any, error) {
			p := new(DeleteGroupFolderParams)
			if err := json.Unmarshal(b, p); err != nil {
				return nil, err
			}
			return nil, c.DeleteGroupFolder(ctx, p)
		},
	},
}
