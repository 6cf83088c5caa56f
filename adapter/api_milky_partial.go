package adapter

import (
	"context"
	"strconv"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// The Milky APIs MilkyOnOneBot serves only in part, or through OneBot 11
// extensions: what each one cannot give is in its doc comment, and reported
// to the loss hooks (or answered with an error) at run time.

// OneBotActionRenameGroupFile is the NapCat / LLOneBot extension that
// renames a group file; it is not among the onebot11 client's actions.
const OneBotActionRenameGroupFile = "rename_group_file"

// oneBotRenameGroupFileParams are the params of rename_group_file.
type oneBotRenameGroupFileParams struct {
	GroupID                int64  `json:"group_id"`
	FileID                 string `json:"file_id"`
	CurrentParentDirectory string `json:"current_parent_directory"`
	NewName                string `json:"new_name"`
}

// RenameGroupFile serves rename_group_file through the rename_group_file
// extension of NapCat and LLOneBot ({group_id, file_id,
// current_parent_directory, new_name}); an implementation without it
// answers its own unknown-action error.
func (b *MilkyOnOneBot) RenameGroupFile(ctx context.Context, p *milky.RenameGroupFileParams) error {
	parent := "/"
	if p.ParentFolderID != nil && *p.ParentFolderID != "" {
		parent = *p.ParentFolderID
	}
	return b.c.Call(ctx, OneBotActionRenameGroupFile, &oneBotRenameGroupFileParams{GroupID: p.GroupID, FileID: p.FileID,
		CurrentParentDirectory: parent, NewName: p.NewFileName}, nil)
}

// GetFriendRequests serves get_friend_requests for the filtered list
// (is_filtered true) through get_doubt_friends_add_request: OneBot 11 lists
// no other friend requests (they arrive only as request events), so
// is_filtered false is answered with an error. The OneBot list has pending
// requests only and no uids: state is "pending", initiator_uid the OneBot
// flag (what accept_friend_request and reject_friend_request take),
// target_user_id the bot and target_user_uid empty (reported as
// api.friend_requests.synthesized).
func (b *MilkyOnOneBot) GetFriendRequests(ctx context.Context, p *milky.GetFriendRequestsParams) (*milky.GetFriendRequestsResult, error) {
	if !p.IsFiltered {
		return nil, milkyUnsupported(milky.APIGetFriendRequests, "without is_filtered: OneBot 11 lists only filtered friend requests "+
			"(get_doubt_friends_add_request); the others arrive only as request events")
	}
	limit := int64(20)
	if p.Limit != nil {
		limit = *p.Limit
	}
	out := &milky.GetFriendRequestsResult{Requests: []milky.FriendRequest{}}
	if limit <= 0 {
		return out, nil
	}
	rs, err := b.c.GetDoubtFriendsAddRequest(ctx, &onebot11.GetDoubtFriendsAddRequestParams{Count: limit})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return out, nil
	}
	self, err := b.self(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if int64(len(out.Requests)) == limit {
			break
		}
		uin, _ := strconv.ParseInt(r.Uin, 10, 64)
		tm, _ := strconv.ParseInt(r.Time, 10, 64)
		out.Requests = append(out.Requests, milky.FriendRequest{Time: max(tm, 0), InitiatorID: uin, InitiatorUID: r.Flag,
			TargetUserID: self, State: milky.StatePending, Comment: r.Msg, Via: r.Source, IsFiltered: true})
	}
	b.opts.report(ctx, milky.APIGetFriendRequests, lossReport(LossAPIFriendRequests, "requests", strconv.Itoa(len(out.Requests))+" requests"))
	return out, nil
}

// self returns the bot's account, asking get_login_info the first time.
func (b *MilkyOnOneBot) self(ctx context.Context) (int64, error) {
	if id := b.selfID.Load(); id != 0 {
		return id, nil
	}
	r, err := b.GetLoginInfo(ctx)
	if err != nil {
		return 0, err
	}
	return r.Uin, nil
}

// GetGroupNotifications serves get_group_notifications from
// get_group_system_msg (is_filtered false) or get_group_ignore_add_request
// (is_filtered true). OneBot 11 lists only join requests: a request with an
// invitor becomes an invited_join_request, the others join_request. Only
// pending requests are listed, because OneBot says of the others only that
// they were handled, not whether they were accepted; invitations of the bot
// are not Milky notifications (Milky has them as group_invitation events
// only); admin_change, kick and quit notifications do not exist in OneBot 11.
// The report (api.group_notifications.partial) counts what was left out.
//
// notification_seq is the seq the bridge's Store gives the OneBot flag the
// request_id stands for (go-cqhttp and LLOneBot take the request_id as the
// flag), so accept_group_request and reject_group_request handle the
// request. When the implementation's request events carry another flag
// than the request_id (LLOneBot, the simulator), the event's
// notification_seq differs from the listed one; both work. The list keeps
// the implementation's order; start_notification_seq starts the page at
// that entry (an entry no longer listed gives an empty page).
func (b *MilkyOnOneBot) GetGroupNotifications(ctx context.Context, p *milky.GetGroupNotificationsParams) (*milky.GetGroupNotificationsResult, error) {
	var reqs []onebot11.GroupSystemRequest
	invitations := 0
	if p.IsFiltered {
		rs, err := b.c.GetGroupIgnoreAddRequest(ctx, &onebot11.GetGroupIgnoreAddRequestParams{})
		if err != nil {
			return nil, err
		}
		reqs = rs
	} else {
		r, err := b.c.GetGroupSystemMsg(ctx, &onebot11.GetGroupSystemMsgParams{})
		if err != nil {
			return nil, err
		}
		reqs, invitations = r.JoinRequests, len(r.InvitedRequests)
	}
	limit := int64(20)
	if p.Limit != nil {
		limit = *p.Limit
	}
	out := &milky.GetGroupNotificationsResult{Notifications: milky.GroupNotifications{}}
	if limit <= 0 {
		return out, nil
	}
	started := p.StartNotificationSeq == nil
	handled := 0
	for _, r := range reqs {
		if r.Checked {
			handled++
			continue
		}
		if r.RequestID == 0 {
			return nil, milkyUnsupported(milky.APIGetGroupNotifications, "for a request without request_id: no flag to handle it by")
		}
		seq, err := b.conv.MilkySeqForFlag(ctx, strconv.FormatInt(r.RequestID, 10))
		if err != nil {
			return nil, err
		}
		if !started {
			if seq != *p.StartNotificationSeq {
				continue
			}
			started = true
		}
		if int64(len(out.Notifications)) >= limit {
			next := seq
			out.NextNotificationSeq = &next
			break
		}
		if r.InvitorUin != 0 {
			out.Notifications = append(out.Notifications, &milky.GroupInvitedJoinRequestNotification{Type: milky.NotificationInvitedJoinRequest,
				GroupID: r.GroupID, NotificationSeq: seq, InitiatorID: r.InvitorUin, TargetUserID: r.RequesterUin, State: milky.StatePending})
			continue
		}
		out.Notifications = append(out.Notifications, &milky.GroupJoinRequestNotification{Type: milky.NotificationJoinRequest,
			GroupID: r.GroupID, NotificationSeq: seq, IsFiltered: p.IsFiltered, InitiatorID: r.RequesterUin, State: milky.StatePending, Comment: r.Message})
	}
	if handled > 0 || invitations > 0 {
		b.opts.report(ctx, milky.APIGetGroupNotifications, lossReport(LossAPINotifications, "notifications",
			strconv.Itoa(handled)+" handled requests, "+strconv.Itoa(invitations)+" invitations of the bot left out"))
	}
	return out, nil
}
