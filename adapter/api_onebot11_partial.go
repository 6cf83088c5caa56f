package adapter

import (
	"context"
	"errors"
	"strconv"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// The OneBot 11 actions OneBotOnMilky serves only in part: what each one
// cannot give is in its doc comment, and reported to the loss hooks (or
// answered with an error) at run time.

// resourceURL resolves a Milky resource_id (the file of a received image,
// record or video segment) to its temporary URL, reporting that the answer
// carries a URL only.
func (b *OneBotOnMilky) resourceURL(ctx context.Context, action, file string, detail string) (string, error) {
	if file == "" {
		return "", badRequest(action, errors.New("file is required"))
	}
	r, err := b.c.GetResourceTempURL(ctx, &milky.GetResourceTempURLParams{ResourceID: file})
	if err != nil {
		return "", err
	}
	b.opts.report(ctx, action, lossReport(LossAPIResourceURL, "file", detail))
	return r.URL, nil
}

// GetImage serves get_image: the file is a Milky resource_id (what the
// converter puts in a received image segment's file), answered with its
// temporary URL in both file and url: Milky has no local file cache, so
// there is no local path (reported as api.resource.url_only).
func (b *OneBotOnMilky) GetImage(ctx context.Context, p *onebot11.GetImageParams) (*onebot11.GetImageResult, error) {
	u, err := b.resourceURL(ctx, onebot11.ActionGetImage, p.File, "")
	if err != nil {
		return nil, err
	}
	return &onebot11.GetImageResult{File: u, URL: u}, nil
}

// GetRecord serves get_record like GetImage: the file is the resource_id
// of a received record segment, answered with its temporary URL in file and
// url. Milky does not transcode: out_format is not applied (the URL serves
// the record as QQ stores it, usually SILK), and the report says so.
func (b *OneBotOnMilky) GetRecord(ctx context.Context, p *onebot11.GetRecordParams) (*onebot11.GetRecordResult, error) {
	detail := ""
	if p.OutFormat != "" {
		detail = "out_format " + strconv.Quote(p.OutFormat) + " not applied"
	}
	u, err := b.resourceURL(ctx, onebot11.ActionGetRecord, p.File, detail)
	if err != nil {
		return nil, err
	}
	return &onebot11.GetRecordResult{File: u, URL: u}, nil
}

// GetFile serves get_file for the resource_id of a received image, record
// or video segment (its file), answered with the temporary URL in file and
// url; download has nothing to act on (there is no cache). The file_id of a
// received file segment is not a resource_id: Milky downloads those with
// get_group_file_download_url / get_private_file_download_url, which
// get_group_file_url and get_private_file_url serve.
func (b *OneBotOnMilky) GetFile(ctx context.Context, p *onebot11.GetFileParams) (*onebot11.GetFileResult, error) {
	u, err := b.resourceURL(ctx, onebot11.ActionGetFile, p.File, "")
	if err != nil {
		return nil, err
	}
	return &onebot11.GetFileResult{File: u, URL: u}, nil
}

// GetQQAvatar serves get_qq_avatar as LLOneBot, which defines the action,
// does: the URL of the public QQ avatar service built from the user_id (or
// group_id), without asking the implementation; with neither, the bot's own
// (from get_login_info). Like LLOneBot's, the URL is not checked: an
// unknown number gets QQ's default avatar.
func (b *OneBotOnMilky) GetQQAvatar(ctx context.Context, p *onebot11.GetQQAvatarParams) (*onebot11.GetQQAvatarResult, error) {
	switch {
	case p.UserID != nil && *p.UserID > 0:
		return &onebot11.GetQQAvatarResult{URL: userAvatar(*p.UserID)}, nil
	case p.GroupID != nil && *p.GroupID > 0:
		return &onebot11.GetQQAvatarResult{URL: groupAvatar(*p.GroupID)}, nil
	}
	r, err := b.c.GetLoginInfo(ctx)
	if err != nil {
		return nil, err
	}
	b.selfID.Store(r.Uin)
	return &onebot11.GetQQAvatarResult{URL: userAvatar(r.Uin)}, nil
}

// GetGroupIgnoreAddRequest serves get_group_ignore_add_request from the
// filtered group notifications (is_filtered): join and invited join
// requests, of group_id when it is given, each with its flag (request_id)
// for set_group_add_request.
func (b *OneBotOnMilky) GetGroupIgnoreAddRequest(ctx context.Context, p *onebot11.GetGroupIgnoreAddRequestParams) ([]onebot11.GroupSystemRequest, error) {
	reqs, err := b.groupRequests(ctx, true)
	if err != nil {
		return nil, err
	}
	out := []onebot11.GroupSystemRequest{}
	for _, r := range reqs {
		if p.GroupID == 0 || r.GroupID == p.GroupID {
			out = append(out, r)
		}
	}
	return out, nil
}

// maxNotificationPages bounds the get_group_notifications pages one list
// action reads (of Milky's default 20 entries each).
const maxNotificationPages = 50

// groupRequests lists the join and invited join requests of the group
// notifications (the filtered list or the other), page by page, each with
// its flag as request_id.
func (b *OneBotOnMilky) groupRequests(ctx context.Context, filtered bool) ([]onebot11.GroupSystemRequest, error) {
	out := []onebot11.GroupSystemRequest{}
	params := &milky.GetGroupNotificationsParams{IsFiltered: filtered}
	for range maxNotificationPages {
		r, err := b.c.GetGroupNotifications(ctx, params)
		if err != nil {
			return nil, err
		}
		for _, n := range r.Notifications.Known() {
			var ref RequestRef
			var req onebot11.GroupSystemRequest
			var state string
			var op *int64
			switch n := n.(type) {
			case *milky.GroupJoinRequestNotification:
				ref = RequestRef{Kind: RequestGroup, GroupID: n.GroupID, NotificationSeq: n.NotificationSeq, NotificationType: milky.NotificationJoinRequest, IsFiltered: n.IsFiltered}
				req = onebot11.GroupSystemRequest{RequesterUin: n.InitiatorID, Message: n.Comment, GroupID: n.GroupID}
				state, op = n.State, n.OperatorID
			case *milky.GroupInvitedJoinRequestNotification:
				ref = RequestRef{Kind: RequestGroup, GroupID: n.GroupID, NotificationSeq: n.NotificationSeq, NotificationType: milky.NotificationInvitedJoinRequest, IsFiltered: filtered}
				req = onebot11.GroupSystemRequest{RequesterUin: n.TargetUserID, InvitorUin: n.InitiatorID, GroupID: n.GroupID}
				state, op = n.State, n.OperatorID
			default:
				continue
			}
			flag, err := b.conv.Store().RequestFlag(ctx, ref)
			if err != nil {
				return nil, err
			}
			if req.RequestID, err = strconv.ParseInt(flag, 10, 64); err != nil {
				return nil, errors.New("adapter: request flag " + strconv.Quote(flag) + " is not a number")
			}
			req.Checked = state != milky.StatePending
			if op != nil {
				req.Actor = *op
			}
			out = append(out, req)
		}
		next := r.NextNotificationSeq
		if next == nil || len(r.Notifications) == 0 || (params.StartNotificationSeq != nil && *next == *params.StartNotificationSeq) {
			return out, nil
		}
		params = &milky.GetGroupNotificationsParams{IsFiltered: filtered, StartNotificationSeq: next}
	}
	return out, nil
}

// forwardSingle serves the two forward_*_single_msg actions. Milky has no
// forward by reference: the message is read with get_message and sent
// again, converted like a received message a client sends back. The copy
// comes from the bot (as QQ's forward of one message does), but media are
// uploaded again from their temporary URLs and segments Milky cannot send
// (files, forwards by id, xml) are left out; the report lists both.
func (b *OneBotOnMilky) forwardSingle(ctx context.Context, action string, messageID int64, scene string, peer int64) (int64, error) {
	ref, err := b.ref(ctx, action, messageID)
	if err != nil {
		return 0, err
	}
	r, err := b.c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: ref.Scene, PeerID: ref.PeerID, MessageSeq: ref.Seq})
	if err != nil {
		return 0, err
	}
	msg, rep, err := b.conv.MilkyToOneBotSegments(ctx, ref.Scene, ref.PeerID, r.Message.Segments)
	if err != nil {
		return 0, err
	}
	rep = lossReport(LossAPIForwardCopy, "", ref.String()).Merge(rep)
	b.opts.report(ctx, action, rep)
	return b.send(ctx, action, scene, peer, msg)
}

// ForwardFriendSingleMsg serves forward_friend_single_msg by sending a copy
// (see the loss code api.forward_single.copy).
func (b *OneBotOnMilky) ForwardFriendSingleMsg(ctx context.Context, p *onebot11.ForwardFriendSingleMsgParams) (*onebot11.ForwardFriendSingleMsgResult, error) {
	id, err := b.forwardSingle(ctx, onebot11.ActionForwardFriendSingleMsg, p.MessageID, SceneFriend, p.UserID)
	if err != nil {
		return nil, err
	}
	return &onebot11.ForwardFriendSingleMsgResult{MessageID: id}, nil
}

// ForwardGroupSingleMsg serves forward_group_single_msg by sending a copy
// (see the loss code api.forward_single.copy).
func (b *OneBotOnMilky) ForwardGroupSingleMsg(ctx context.Context, p *onebot11.ForwardGroupSingleMsgParams) (*onebot11.ForwardGroupSingleMsgResult, error) {
	id, err := b.forwardSingle(ctx, onebot11.ActionForwardGroupSingleMsg, p.MessageID, SceneGroup, p.GroupID)
	if err != nil {
		return nil, err
	}
	return &onebot11.ForwardGroupSingleMsgResult{MessageID: id}, nil
}

// resolveResources gives the image, record and video segments of msg (and
// of its nodes) whose file Milky cannot send and that have no url — a
// resource_id the bridge put in a received segment, sent back without its
// url — the temporary URL get_resource_temp_url gives for it. A file the
// implementation does not know is left as it is (the conversion then
// reports it). msg itself is not modified: changed segments are copies in
// a new slice.
func (b *OneBotOnMilky) resolveResources(ctx context.Context, msg onebot11.Message) onebot11.Message {
	out, _ := b.resolved(ctx, msg)
	return out
}

// resolved is resolveResources, also telling whether anything changed.
func (b *OneBotOnMilky) resolved(ctx context.Context, msg onebot11.Message) (onebot11.Message, bool) {
	var out onebot11.Message
	set := func(i int, s onebot11.Segment) {
		if out == nil {
			out = append(onebot11.Message(nil), msg...)
		}
		out[i] = s
	}
	for i, seg := range msg {
		switch s := seg.(type) {
		case *onebot11.ImageSegment:
			if u := b.sendableURL(ctx, s.File, s.URL); u != "" {
				c := *s
				c.URL = u
				set(i, &c)
			}
		case *onebot11.RecordSegment:
			if u := b.sendableURL(ctx, s.File, s.URL); u != "" {
				c := *s
				c.URL = u
				set(i, &c)
			}
		case *onebot11.VideoSegment:
			if u := b.sendableURL(ctx, s.File, s.URL); u != "" {
				c := *s
				c.URL = u
				set(i, &c)
			}
		case *onebot11.NodeSegment:
			if content, changed := b.resolved(ctx, s.Content); changed {
				c := *s
				c.Content = content
				set(i, &c)
			}
		}
	}
	if out == nil {
		return msg, false
	}
	return out, true
}

// sendableURL returns the temporary URL of file when file and url give
// nothing Milky can send and file is a resource_id the implementation
// knows; "" otherwise.
func (b *OneBotOnMilky) sendableURL(ctx context.Context, file, url string) string {
	if file == "" || url != "" {
		return ""
	}
	if _, ok := sendURI(file, url); ok {
		return ""
	}
	r, err := b.c.GetResourceTempURL(ctx, &milky.GetResourceTempURLParams{ResourceID: file})
	if err != nil {
		return ""
	}
	return r.URL
}

// userAvatar and groupAvatar are the URLs of the public QQ avatar service
// that LLOneBot's own get_qq_avatar builds from the number.
func userAvatar(uin int64) string {
	return "https://thirdqq.qlogo.cn/g?b=qq&nk=" + strconv.FormatInt(uin, 10) + "&s=640"
}

func groupAvatar(group int64) string {
	g := strconv.FormatInt(group, 10)
	return "https://p.qlogo.cn/gh/" + g + "/" + g + "/0"
}
