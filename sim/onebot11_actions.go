package sim

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duobot/duobot/onebot11"
)

// Request flags (see OneBot11).
const (
	ob11FlagFriend = "friend:"
	ob11FlagGroup  = "group:"
	ob11FlagInvite = "invite:"
)

// OneBot11FriendFlag is the flag of a friend request from the user with
// string uid.
func OneBot11FriendFlag(uid string) string { return ob11FlagFriend + uid }

// OneBot11GroupFlag is the flag of a group join or invited-join request.
func OneBot11GroupFlag(n GroupNotification) string {
	return ob11FlagGroup + strconv.FormatInt(n.Seq, 10) + ":" + string(n.Type)
}

// OneBot11InviteFlag is the flag of an invitation of the bot into a group.
func OneBot11InviteFlag(inv GroupInvitation) string {
	return ob11FlagInvite + strconv.FormatInt(inv.Seq, 10)
}

func ob11ParseSeq(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n > 0
}

// ob11ParseGroupFlag decodes a group or invite flag: invite tells which.
func ob11ParseGroupFlag(flag string) (seq int64, typ NotificationType, invite bool, err error) {
	switch {
	case strings.HasPrefix(flag, ob11FlagInvite):
		if seq, ok := ob11ParseSeq(flag[len(ob11FlagInvite):]); ok {
			return seq, "", true, nil
		}
	case strings.HasPrefix(flag, ob11FlagGroup):
		s, t, _ := strings.Cut(flag[len(ob11FlagGroup):], ":")
		typ = NotificationType(t)
		if seq, ok := ob11ParseSeq(s); ok && (typ == NotifyJoinRequest || typ == NotifyInvitedJoinRequest) {
			return seq, typ, false, nil
		}
	}
	return 0, "", false, ob11Bad("bad group request flag %q (want \"group:<seq>:join_request\", \"group:<seq>:invited_join_request\", \"invite:<seq>\" or a request_id)", flag)
}

func (b *OneBot11) registerSupported(mux *onebot11.ServeMux) {
	b.registerMessages(mux)
	b.registerFriends(mux)
	b.registerFilteredFriends(mux)
	b.registerGroups(mux)
	b.registerFiles(mux)
	b.registerSystem(mux)
}

// sendTo sends content to a group, a friend or (private with groupID) a temp
// session, returning the message id. Without msgType (send_msg), group_id
// makes it a group message, as in go-cqhttp.
func (b *OneBot11) sendTo(action, msgType string, userID, groupID int64, content []Element) (int64, error) {
	var m Message
	var err error
	switch {
	case msgType == "group" || (msgType == "" && groupID != 0):
		if groupID == 0 {
			return 0, ob11Err(action, ob11Bad("group_id is required"))
		}
		m, err = b.w.SendGroup(groupID, content)
	case msgType == "private" || msgType == "":
		if userID == 0 {
			return 0, ob11Err(action, ob11Bad("user_id is required"))
		}
		if groupID != 0 {
			if _, ferr := b.w.Friend(userID); ferr != nil {
				m, err = b.w.SendTemp(groupID, userID, content)
				break
			}
		}
		m, err = b.w.SendPrivate(userID, content)
	default:
		return 0, ob11Err(action, ob11Bad("message_type %q (want private or group)", msgType))
	}
	if err != nil {
		return 0, ob11Err(action, err)
	}
	return int64(m.ID), nil
}

// content converts a message param, honouring auto_escape on the string
// form (raw holds the request's params).
func (b *OneBot11) content(action string, m onebot11.Message, autoEscape bool, raw []byte, key string) ([]Element, error) {
	if autoEscape {
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) == nil {
			var s string
			if v, ok := fields[key]; ok && json.Unmarshal(v, &s) == nil {
				if s == "" {
					return nil, ob11Err(action, ob11Bad("empty message"))
				}
				return []Element{Text{Text: s}}, nil
			}
		}
	}
	if len(m) == 0 {
		return nil, ob11Err(action, ob11Bad("empty message"))
	}
	c, err := b.WorldContent(m)
	if err != nil {
		return nil, ob11Err(action, err)
	}
	return c, nil
}

// rawParams registers, through reg, a typed handler that can also read the
// request's raw params with ob11Raw (for auto_escape on a string message),
// keeping the mux's params decoding and errors.
func rawParams(mux *onebot11.ServeMux, action string, reg func(*onebot11.ServeMux)) {
	inner := onebot11.NewServeMux()
	reg(inner)
	mux.Handle(action, onebot11.ActionHandlerFunc(func(ctx context.Context, _ string, params []byte) (json.RawMessage, error) {
		return inner.HandleAction(context.WithValue(ctx, ob11RawKey{}, params), action, params)
	}))
}

type ob11RawKey struct{}

func ob11Raw(ctx context.Context) []byte {
	b, _ := ctx.Value(ob11RawKey{}).([]byte)
	return b
}

func (b *OneBot11) registerMessages(mux *onebot11.ServeMux) {
	rawParams(mux, onebot11.ActionSendPrivateMsg, func(m *onebot11.ServeMux) {
		m.HandleSendPrivateMsg(func(ctx context.Context, p *onebot11.SendPrivateMsgParams) (*onebot11.SendPrivateMsgResult, error) {
			c, err := b.content(onebot11.ActionSendPrivateMsg, p.Message, p.AutoEscape, ob11Raw(ctx), "message")
			if err != nil {
				return nil, err
			}
			id, err := b.sendTo(onebot11.ActionSendPrivateMsg, "private", p.UserID, p.GroupID, c)
			if err != nil {
				return nil, err
			}
			return &onebot11.SendPrivateMsgResult{MessageID: id}, nil
		})
	})
	rawParams(mux, onebot11.ActionSendGroupMsg, func(m *onebot11.ServeMux) {
		m.HandleSendGroupMsg(func(ctx context.Context, p *onebot11.SendGroupMsgParams) (*onebot11.SendGroupMsgResult, error) {
			c, err := b.content(onebot11.ActionSendGroupMsg, p.Message, p.AutoEscape, ob11Raw(ctx), "message")
			if err != nil {
				return nil, err
			}
			id, err := b.sendTo(onebot11.ActionSendGroupMsg, "group", 0, p.GroupID, c)
			if err != nil {
				return nil, err
			}
			return &onebot11.SendGroupMsgResult{MessageID: id}, nil
		})
	})
	rawParams(mux, onebot11.ActionSendMsg, func(m *onebot11.ServeMux) {
		m.HandleSendMsg(func(ctx context.Context, p *onebot11.SendMsgParams) (*onebot11.SendMsgResult, error) {
			c, err := b.content(onebot11.ActionSendMsg, p.Message, p.AutoEscape, ob11Raw(ctx), "message")
			if err != nil {
				return nil, err
			}
			id, err := b.sendTo(onebot11.ActionSendMsg, p.MessageType, p.UserID, p.GroupID, c)
			if err != nil {
				return nil, err
			}
			return &onebot11.SendMsgResult{MessageID: id}, nil
		})
	})

	sendForward := func(action, msgType string, userID, groupID int64, m onebot11.Message) (int64, string, error) {
		nodes, err := b.ob11ForwardNodes(m)
		if err != nil {
			return 0, "", ob11Err(action, err)
		}
		id, err := b.sendTo(action, msgType, userID, groupID, []Element{Forward{Nodes: nodes}})
		if err != nil {
			return 0, "", err
		}
		msg, err := b.w.MessageByID(int32(id))
		if err != nil {
			return 0, "", ob11Err(action, err)
		}
		fid := ""
		if len(msg.Content) == 1 {
			if f, ok := msg.Content[0].(Forward); ok {
				fid = f.ID
			}
		}
		return id, fid, nil
	}
	mux.HandleSendForwardMsg(func(ctx context.Context, p *onebot11.SendForwardMsgParams) (*onebot11.SendForwardMsgResult, error) {
		id, fid, err := sendForward(onebot11.ActionSendForwardMsg, p.MessageType, p.UserID, p.GroupID, p.Messages)
		if err != nil {
			return nil, err
		}
		return &onebot11.SendForwardMsgResult{MessageID: id, ForwardID: fid}, nil
	})
	mux.HandleSendGroupForwardMsg(func(ctx context.Context, p *onebot11.SendGroupForwardMsgParams) (*onebot11.SendGroupForwardMsgResult, error) {
		id, fid, err := sendForward(onebot11.ActionSendGroupForwardMsg, "group", 0, p.GroupID, p.Messages)
		if err != nil {
			return nil, err
		}
		return &onebot11.SendGroupForwardMsgResult{MessageID: id, ForwardID: fid}, nil
	})
	mux.HandleSendPrivateForwardMsg(func(ctx context.Context, p *onebot11.SendPrivateForwardMsgParams) (*onebot11.SendPrivateForwardMsgResult, error) {
		id, fid, err := sendForward(onebot11.ActionSendPrivateForwardMsg, "private", p.UserID, 0, p.Messages)
		if err != nil {
			return nil, err
		}
		return &onebot11.SendPrivateForwardMsgResult{MessageID: id, ForwardID: fid}, nil
	})
	mux.HandleGetForwardMsg(func(ctx context.Context, p *onebot11.GetForwardMsgParams) (*onebot11.GetForwardMsgResult, error) {
		id := firstNonEmpty(p.ID, p.MessageID)
		if id == "" {
			return nil, ob11Err(onebot11.ActionGetForwardMsg, ob11Bad("id is required"))
		}
		nodes, err := b.w.Forward(id)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetForwardMsg, err)
		}
		return &onebot11.GetForwardMsgResult{Messages: b.ob11ForwardMessages(nodes, SceneGroup)}, nil
	})
	mux.HandleDeleteMsg(func(ctx context.Context, p *onebot11.DeleteMsgParams) error {
		id, err := ob11MsgID(p.MessageID)
		if err != nil {
			return ob11Err(onebot11.ActionDeleteMsg, err)
		}
		return ob11Err(onebot11.ActionDeleteMsg, b.w.RecallByID(id))
	})
	mux.HandleGetMsg(func(ctx context.Context, p *onebot11.GetMsgParams) (*onebot11.GetMsgResult, error) {
		m, err := b.messageByID(p.MessageID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetMsg, err)
		}
		mi := b.ob11MessageInfo(m)
		return &onebot11.GetMsgResult{SelfID: mi.SelfID, UserID: mi.UserID, Time: mi.Time, MessageID: mi.MessageID,
			RealID: mi.RealID, MessageSeq: mi.MessageSeq, MessageType: mi.MessageType, Sender: mi.Sender,
			RawMessage: mi.RawMessage, Font: mi.Font, SubType: mi.SubType, Message: mi.Message,
			MessageFormat: mi.MessageFormat, PostType: mi.PostType, GroupID: mi.GroupID}, nil
	})
	mux.HandleGetFriendMsgHistory(func(ctx context.Context, p *onebot11.GetFriendMsgHistoryParams) (*onebot11.GetFriendMsgHistoryResult, error) {
		msgs, err := b.history(SceneFriend, p.UserID, p.MessageSeq, p.Count, p.ReverseOrder)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetFriendMsgHistory, err)
		}
		return &onebot11.GetFriendMsgHistoryResult{Messages: msgs}, nil
	})
	mux.HandleGetGroupMsgHistory(func(ctx context.Context, p *onebot11.GetGroupMsgHistoryParams) (*onebot11.GetGroupMsgHistoryResult, error) {
		msgs, err := b.history(SceneGroup, p.GroupID, p.MessageSeq, p.Count, p.ReverseOrder)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupMsgHistory, err)
		}
		return &onebot11.GetGroupMsgHistoryResult{Messages: msgs}, nil
	})
	mux.HandleMarkMsgAsRead(func(ctx context.Context, p *onebot11.MarkMsgAsReadParams) error {
		m, err := b.messageByID(p.MessageID)
		if err != nil {
			return ob11Err(onebot11.ActionMarkMsgAsRead, err)
		}
		return ob11Err(onebot11.ActionMarkMsgAsRead, b.w.MarkRead(m.Scene, m.Peer, m.Seq))
	})
	emoji := func(action string, messageID, emojiID int64, add bool) error {
		m, err := b.messageByID(messageID)
		if err != nil {
			return ob11Err(action, err)
		}
		if m.Scene != SceneGroup {
			return ob11Err(action, ob11Bad("message %d is not a group message", messageID))
		}
		if emojiID < 0 {
			return ob11Err(action, ob11Bad("bad emoji_id %d", emojiID))
		}
		return ob11Err(action, b.w.React(m.Peer, m.Seq, strconv.FormatInt(emojiID, 10), ob11EmojiType(emojiID), add))
	}
	mux.HandleSetMsgEmojiLike(func(ctx context.Context, p *onebot11.SetMsgEmojiLikeParams) error {
		return emoji(onebot11.ActionSetMsgEmojiLike, p.MessageID, p.EmojiID, true)
	})
	mux.HandleUnsetMsgEmojiLike(func(ctx context.Context, p *onebot11.UnsetMsgEmojiLikeParams) error {
		return emoji(onebot11.ActionUnsetMsgEmojiLike, p.MessageID, p.EmojiID, false)
	})
	mux.HandleForwardFriendSingleMsg(func(ctx context.Context, p *onebot11.ForwardFriendSingleMsgParams) (*onebot11.ForwardFriendSingleMsgResult, error) {
		m, err := b.messageByID(p.MessageID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionForwardFriendSingleMsg, err)
		}
		id, err := b.sendTo(onebot11.ActionForwardFriendSingleMsg, "private", p.UserID, 0, ob11StripReplies(m.Content))
		if err != nil {
			return nil, err
		}
		return &onebot11.ForwardFriendSingleMsgResult{MessageID: id}, nil
	})
	mux.HandleForwardGroupSingleMsg(func(ctx context.Context, p *onebot11.ForwardGroupSingleMsgParams) (*onebot11.ForwardGroupSingleMsgResult, error) {
		m, err := b.messageByID(p.MessageID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionForwardGroupSingleMsg, err)
		}
		id, err := b.sendTo(onebot11.ActionForwardGroupSingleMsg, "group", 0, p.GroupID, ob11StripReplies(m.Content))
		if err != nil {
			return nil, err
		}
		return &onebot11.ForwardGroupSingleMsgResult{MessageID: id}, nil
	})
	resource := func(action, file, kind string) (onebot11.GetFileResult, error) {
		if file == "" {
			return onebot11.GetFileResult{}, ob11Err(action, ob11Bad("file is required"))
		}
		r, err := b.w.Resource(file)
		if err != nil {
			return onebot11.GetFileResult{}, ob11Err(action, err)
		}
		if kind != "" && r.Kind != kind {
			return onebot11.GetFileResult{}, ob11Err(action, ob11Bad("%q is a %s, not a %s", file, r.Kind, kind))
		}
		return onebot11.GetFileResult{File: r.ID, URL: r.URL, FileName: r.ID}, nil
	}
	mux.HandleGetFile(func(ctx context.Context, p *onebot11.GetFileParams) (*onebot11.GetFileResult, error) {
		r, err := resource(onebot11.ActionGetFile, p.File, "")
		if err != nil {
			return nil, err
		}
		return &r, nil
	})
	mux.HandleGetImage(func(ctx context.Context, p *onebot11.GetImageParams) (*onebot11.GetImageResult, error) {
		r, err := resource(onebot11.ActionGetImage, p.File, KindImage)
		if err != nil {
			return nil, err
		}
		return &onebot11.GetImageResult{File: r.File, URL: r.URL, FileName: r.FileName}, nil
	})
	mux.HandleGetRecord(func(ctx context.Context, p *onebot11.GetRecordParams) (*onebot11.GetRecordResult, error) {
		r, err := resource(onebot11.ActionGetRecord, p.File, KindRecord)
		if err != nil {
			return nil, err
		}
		return &onebot11.GetRecordResult{File: r.File, URL: r.URL, FileName: r.FileName}, nil
	})
}

// ob11EmojiType tells QQ faces (small ids) from Unicode emoji (code points).
func ob11EmojiType(id int64) string {
	if id >= 0x2000 {
		return "emoji"
	}
	return "face"
}

func ob11MsgID(id int64) (int32, error) {
	if id <= 0 || id > 1<<31-1 {
		return 0, fmt.Errorf("%w: message %d", ErrNotFound, id)
	}
	return int32(id), nil
}

func (b *OneBot11) messageByID(id int64) (Message, error) {
	mid, err := ob11MsgID(id)
	if err != nil {
		return Message{}, err
	}
	return b.w.MessageByID(mid)
}

func (b *OneBot11) history(scene Scene, peer, seq, count int64, reverse bool) ([]onebot11.MessageInfo, error) {
	if peer == 0 {
		return nil, ob11Bad("no conversation given")
	}
	if count < 0 || seq < 0 {
		return nil, ob11Bad("negative message_seq or count")
	}
	page, err := b.w.History(HistoryQuery{Scene: scene, Peer: peer, StartSeq: seq, Limit: int(count), OldestFirst: !reverse})
	if err != nil {
		return nil, err
	}
	out := make([]onebot11.MessageInfo, 0, len(page.Messages))
	for _, m := range page.Messages {
		out = append(out, b.ob11MessageInfo(m))
	}
	return out, nil
}

func (b *OneBot11) registerFriends(mux *onebot11.ServeMux) {
	mux.HandleSendLike(func(ctx context.Context, p *onebot11.SendLikeParams) error {
		times := p.Times
		if times == 0 {
			times = 1
		}
		if times < 0 || times > 1<<20 {
			return ob11Err(onebot11.ActionSendLike, ob11Bad("bad times %d", p.Times))
		}
		return ob11Err(onebot11.ActionSendLike, b.w.SendLike(p.UserID, int(times)))
	})
	mux.HandleGetFriendList(func(ctx context.Context, p *onebot11.GetFriendListParams) ([]onebot11.FriendInfo, error) {
		fs := b.w.Friends()
		out := make([]onebot11.FriendInfo, 0, len(fs))
		for _, f := range fs {
			out = append(out, ob11FriendInfo(f))
		}
		return out, nil
	})
	mux.HandleGetFriendsWithCategory(func(ctx context.Context, p *onebot11.GetFriendsWithCategoryParams) ([]onebot11.FriendCategory, error) {
		cats := b.w.FriendCategories()
		out := make([]onebot11.FriendCategory, 0, len(cats))
		idx := map[int64]int{}
		for i, c := range cats {
			idx[c.ID] = i
			out = append(out, onebot11.FriendCategory{CategoryID: c.ID, CategorySortID: int64(i), CategoryName: c.Name,
				BuddyList: []onebot11.CategoryFriend{}})
		}
		for _, f := range b.w.Friends() {
			i, ok := idx[f.Category.ID]
			if !ok {
				continue
			}
			fi := ob11FriendInfo(f)
			out[i].BuddyList = append(out[i].BuddyList, onebot11.CategoryFriend{UserID: fi.UserID, Nickname: fi.Nickname,
				Remark: fi.Remark, Sex: fi.Sex, Age: fi.Age, Qid: fi.Qid, LongNick: fi.LongNick, Level: int64(f.User.Level),
				LongNickNT: fi.LongNick, UID: f.User.UID, CategoryID: f.Category.ID})
			out[i].CategoryMbCount++
		}
		return out, nil
	})
	mux.HandleDeleteFriend(func(ctx context.Context, p *onebot11.DeleteFriendParams) error {
		return ob11Err(onebot11.ActionDeleteFriend, b.w.DeleteFriend(p.UserID))
	})
	mux.HandleSetFriendAddRequest(func(ctx context.Context, p *onebot11.SetFriendAddRequestParams) error {
		uid, ok := strings.CutPrefix(p.Flag, ob11FlagFriend)
		if !ok || uid == "" {
			return ob11Err(onebot11.ActionSetFriendAddRequest, ob11Bad("bad friend request flag %q (want \"friend:<uid>\")", p.Flag))
		}
		if p.Approve {
			return ob11Err(onebot11.ActionSetFriendAddRequest, b.w.AcceptFriendRequest(uid, p.Remark))
		}
		return ob11Err(onebot11.ActionSetFriendAddRequest, b.w.RejectFriendRequest(uid, ""))
	})
	mux.HandleSetFriendRemark(func(ctx context.Context, p *onebot11.SetFriendRemarkParams) error {
		return ob11Err(onebot11.ActionSetFriendRemark, b.w.SetFriendRemark(p.UserID, p.Remark))
	})
	mux.HandleSetFriendCategory(func(ctx context.Context, p *onebot11.SetFriendCategoryParams) error {
		return ob11Err(onebot11.ActionSetFriendCategory, b.w.SetFriendCategory(p.UserID, p.CategoryID))
	})
	mux.HandleGetStrangerInfo(func(ctx context.Context, p *onebot11.GetStrangerInfoParams) (*onebot11.GetStrangerInfoResult, error) {
		u, err := b.w.User(p.UserID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetStrangerInfo, err)
		}
		return &onebot11.GetStrangerInfoResult{UserID: u.UIN, Nickname: u.Nickname, Sex: ob11Sex(u.Sex), Age: int64(u.Age),
			Qid: u.QID, Level: int64(u.Level), LongNick: u.Sign, City: u.City, Country: u.Country}, nil
	})
	mux.HandleFriendPoke(func(ctx context.Context, p *onebot11.FriendPokeParams) error {
		return ob11Err(onebot11.ActionFriendPoke, b.w.NudgeFriend(p.UserID, false))
	})
	mux.HandleSetQQAvatar(func(ctx context.Context, p *onebot11.SetQQAvatarParams) error {
		if p.File == "" {
			return ob11Err(onebot11.ActionSetQQAvatar, ob11Bad("file is required"))
		}
		return ob11Err(onebot11.ActionSetQQAvatar, b.w.SetAvatar(p.File))
	})
	mux.HandleGetQQAvatar(func(ctx context.Context, p *onebot11.GetQQAvatarParams) (*onebot11.GetQQAvatarResult, error) {
		switch {
		case p.GroupID != nil:
			g, err := b.w.Group(*p.GroupID)
			if err != nil {
				return nil, ob11Err(onebot11.ActionGetQQAvatar, err)
			}
			return &onebot11.GetQQAvatarResult{URL: g.AvatarURL}, nil
		case p.UserID != nil:
			u, err := b.w.User(*p.UserID)
			if err != nil {
				return nil, ob11Err(onebot11.ActionGetQQAvatar, err)
			}
			return &onebot11.GetQQAvatarResult{URL: u.AvatarURL}, nil
		}
		return &onebot11.GetQQAvatarResult{URL: b.w.Self().AvatarURL}, nil
	})
	mux.HandleSetQQProfile(func(ctx context.Context, p *onebot11.SetQQProfileParams) error {
		if p.Nickname == "" && p.PersonalNote == "" {
			return ob11Err(onebot11.ActionSetQQProfile, ob11Bad("nothing to set"))
		}
		if p.Nickname != "" {
			if err := b.w.SetNickname(p.Nickname); err != nil {
				return ob11Err(onebot11.ActionSetQQProfile, err)
			}
		}
		if p.PersonalNote != "" {
			return ob11Err(onebot11.ActionSetQQProfile, b.w.SetSignature(p.PersonalNote))
		}
		return nil
	})
}

func (b *OneBot11) registerGroups(mux *onebot11.ServeMux) {
	mux.HandleGetGroupList(func(ctx context.Context, p *onebot11.GetGroupListParams) ([]onebot11.GroupInfo, error) {
		gs := b.w.Groups()
		out := make([]onebot11.GroupInfo, 0, len(gs))
		for _, g := range gs {
			out = append(out, ob11GroupInfo(g))
		}
		return out, nil
	})
	mux.HandleGetGroupInfo(func(ctx context.Context, p *onebot11.GetGroupInfoParams) (*onebot11.GetGroupInfoResult, error) {
		g, err := b.w.Group(p.GroupID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupInfo, err)
		}
		gi := ob11GroupInfo(g)
		return &onebot11.GetGroupInfoResult{GroupID: gi.GroupID, GroupName: gi.GroupName, GroupMemo: gi.GroupMemo,
			GroupCreateTime: gi.GroupCreateTime, MemberCount: gi.MemberCount, MaxMemberCount: gi.MaxMemberCount,
			RemarkName: gi.RemarkName, AvatarURL: g.AvatarURL}, nil
	})
	mux.HandleGetGroupMemberList(func(ctx context.Context, p *onebot11.GetGroupMemberListParams) ([]onebot11.GroupMemberInfo, error) {
		ms, err := b.w.Members(p.GroupID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupMemberList, err)
		}
		out := make([]onebot11.GroupMemberInfo, 0, len(ms))
		for _, m := range ms {
			out = append(out, b.ob11Member(m))
		}
		return out, nil
	})
	mux.HandleGetGroupMemberInfo(func(ctx context.Context, p *onebot11.GetGroupMemberInfoParams) (*onebot11.GetGroupMemberInfoResult, error) {
		m, err := b.w.Member(p.GroupID, p.UserID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupMemberInfo, err)
		}
		r := onebot11.GetGroupMemberInfoResult(b.ob11Member(m))
		return &r, nil
	})
	mux.HandleGetGroupShutList(func(ctx context.Context, p *onebot11.GetGroupShutListParams) ([]onebot11.GroupShutMember, error) {
		ms, err := b.w.Members(p.GroupID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupShutList, err)
		}
		now := b.w.Now()
		out := []onebot11.GroupShutMember{}
		for _, m := range ms {
			if !m.MuteUntil.After(now) {
				continue
			}
			u, _ := b.w.User(m.UserID)
			role := int64(2)
			switch m.Role {
			case RoleOwner:
				role = 4
			case RoleAdmin:
				role = 3
			}
			out = append(out, onebot11.GroupShutMember{UID: u.UID, Qid: u.QID, Uin: strconv.FormatInt(m.UserID, 10),
				Nick: m.Nickname, CardName: m.Card, Role: role, AvatarPath: u.AvatarURL, ShutUpTime: m.MuteUntil.Unix(),
				MemberLevel: int64(m.Level), MemberRealLevel: int64(m.Level), MemberSpecialTitle: m.Title,
				JoinTime: ob11Unix(m.JoinTime), LastSpeakTime: ob11Unix(m.LastSentTime)})
		}
		return out, nil
	})
	mux.HandleGroupPoke(func(ctx context.Context, p *onebot11.GroupPokeParams) error {
		return ob11Err(onebot11.ActionGroupPoke, b.w.NudgeGroupMember(p.GroupID, p.UserID))
	})
	mux.HandleGetGroupSystemMsg(func(ctx context.Context, p *onebot11.GetGroupSystemMsgParams) (*onebot11.GetGroupSystemMsgResult, error) {
		res := &onebot11.GetGroupSystemMsgResult{InvitedRequests: []onebot11.GroupSystemRequest{}, JoinRequests: []onebot11.GroupSystemRequest{}}
		for _, inv := range b.w.Invitations() {
			g, _ := b.w.Group(inv.GroupID)
			u, _ := b.w.User(inv.InitiatorID)
			res.InvitedRequests = append(res.InvitedRequests, onebot11.GroupSystemRequest{RequestID: inv.Seq,
				InvitorUin: inv.InitiatorID, InvitorNick: u.Nickname, GroupID: inv.GroupID, GroupName: g.Name,
				Checked: inv.State != StatePending})
		}
		res.JoinRequests = b.groupRequests(0, false)
		return res, nil
	})
	mux.HandleGetGroupIgnoreAddRequest(func(ctx context.Context, p *onebot11.GetGroupIgnoreAddRequestParams) ([]onebot11.GroupSystemRequest, error) {
		return b.groupRequests(p.GroupID, true), nil
	})
	mux.HandleSetGroupAddRequest(func(ctx context.Context, p *onebot11.SetGroupAddRequestParams) error {
		const a = onebot11.ActionSetGroupAddRequest
		seq, _, invite, err := ob11ParseGroupFlag(p.Flag)
		if err != nil {
			subType := p.SubType
			if subType == "" {
				subType = p.Type
			}
			var ok bool
			if seq, invite, ok = ob11NumericGroupFlag(p.Flag, subType); !ok {
				return ob11Err(a, err)
			}
		}
		switch {
		case invite && p.Approve:
			return ob11Err(a, b.w.AcceptInvitation(seq))
		case invite:
			return ob11Err(a, b.w.RejectInvitation(seq))
		case p.Approve:
			return ob11Err(a, b.w.AcceptGroupRequest(seq))
		}
		return ob11Err(a, b.w.RejectGroupRequest(seq, p.Reason))
	})
	mux.HandleSetGroupLeave(func(ctx context.Context, p *onebot11.SetGroupLeaveParams) error {
		if p.IsDismiss {
			if g, err := b.w.Group(p.GroupID); err == nil && g.OwnerID == b.w.SelfID() {
				return ob11Err(onebot11.ActionSetGroupLeave, b.w.DismissGroup(p.GroupID))
			}
		}
		return ob11Err(onebot11.ActionSetGroupLeave, b.w.LeaveGroup(p.GroupID))
	})
	mux.HandleSetGroupAdmin(func(ctx context.Context, p *onebot11.SetGroupAdminParams) error {
		return ob11Err(onebot11.ActionSetGroupAdmin, b.w.SetAdmin(p.GroupID, p.UserID, p.Enable))
	})
	mux.HandleSetGroupCard(func(ctx context.Context, p *onebot11.SetGroupCardParams) error {
		return ob11Err(onebot11.ActionSetGroupCard, b.w.SetCard(p.GroupID, p.UserID, p.Card))
	})
	mux.HandleSetGroupBan(func(ctx context.Context, p *onebot11.SetGroupBanParams) error {
		if p.Duration < 0 {
			return ob11Err(onebot11.ActionSetGroupBan, ob11Bad("negative duration %d", p.Duration))
		}
		return ob11Err(onebot11.ActionSetGroupBan, b.w.Mute(p.GroupID, p.UserID, time.Duration(p.Duration)*time.Second))
	})
	mux.HandleSetGroupWholeBan(func(ctx context.Context, p *onebot11.SetGroupWholeBanParams) error {
		return ob11Err(onebot11.ActionSetGroupWholeBan, b.w.SetWholeMute(p.GroupID, p.Enable))
	})
	mux.HandleSetGroupName(func(ctx context.Context, p *onebot11.SetGroupNameParams) error {
		return ob11Err(onebot11.ActionSetGroupName, b.w.SetGroupName(p.GroupID, p.GroupName))
	})
	mux.HandleSetGroupRemark(func(ctx context.Context, p *onebot11.SetGroupRemarkParams) error {
		return ob11Err(onebot11.ActionSetGroupRemark, b.w.SetGroupRemark(p.GroupID, p.Remark))
	})
	mux.HandleSetGroupPortrait(func(ctx context.Context, p *onebot11.SetGroupPortraitParams) error {
		if p.File == "" {
			return ob11Err(onebot11.ActionSetGroupPortrait, ob11Bad("file is required"))
		}
		return ob11Err(onebot11.ActionSetGroupPortrait, b.w.SetGroupAvatar(p.GroupID, p.File))
	})
	mux.HandleSetGroupKick(func(ctx context.Context, p *onebot11.SetGroupKickParams) error {
		return ob11Err(onebot11.ActionSetGroupKick, b.w.Kick(p.GroupID, p.UserID, p.RejectAddRequest))
	})
	mux.HandleBatchDeleteGroupMember(func(ctx context.Context, p *onebot11.BatchDeleteGroupMemberParams) error {
		if len(p.UserIDs) == 0 {
			return ob11Err(onebot11.ActionBatchDeleteGroupMember, ob11Bad("user_ids is empty"))
		}
		for _, u := range p.UserIDs {
			if err := b.w.Kick(p.GroupID, u, false); err != nil {
				return ob11Err(onebot11.ActionBatchDeleteGroupMember, fmt.Errorf("user %d: %w", u, err))
			}
		}
		return nil
	})
	mux.HandleSetGroupSpecialTitle(func(ctx context.Context, p *onebot11.SetGroupSpecialTitleParams) error {
		return ob11Err(onebot11.ActionSetGroupSpecialTitle, b.w.SetTitle(p.GroupID, p.UserID, p.SpecialTitle))
	})
	mux.HandleGetEssenceMsgList(func(ctx context.Context, p *onebot11.GetEssenceMsgListParams) ([]onebot11.EssenceMsg, error) {
		out := []onebot11.EssenceMsg{}
		for page := 0; ; page++ {
			es, last, err := b.w.EssenceMessages(p.GroupID, page, 50)
			if err != nil {
				return nil, ob11Err(onebot11.ActionGetEssenceMsgList, err)
			}
			for _, e := range es {
				out = append(out, onebot11.EssenceMsg{SenderID: e.Message.SenderID, SenderNick: e.SenderName,
					SenderTime: ob11Unix(e.Message.Time), OperatorID: e.OperatorID, OperatorNick: e.OperatorName,
					OperatorTime: ob11Unix(e.OperationTime), MessageID: int64(e.Message.ID),
					Content: OneBot11Message(e.Message.Content)})
			}
			if last || len(es) == 0 {
				return out, nil
			}
		}
	})
	essence := func(action string, id int64, set bool) error {
		m, err := b.messageByID(id)
		if err != nil {
			return ob11Err(action, err)
		}
		if m.Scene != SceneGroup {
			return ob11Err(action, ob11Bad("message %d is not a group message", id))
		}
		return ob11Err(action, b.w.SetEssence(m.Peer, m.Seq, set))
	}
	mux.HandleSetEssenceMsg(func(ctx context.Context, p *onebot11.SetEssenceMsgParams) error {
		return essence(onebot11.ActionSetEssenceMsg, p.MessageID, true)
	})
	mux.HandleDeleteEssenceMsg(func(ctx context.Context, p *onebot11.DeleteEssenceMsgParams) (*onebot11.DeleteEssenceMsgResult, error) {
		if err := essence(onebot11.ActionDeleteEssenceMsg, p.MessageID, false); err != nil {
			return nil, err
		}
		return nil, nil
	})
	mux.HandleSendGroupNotice(func(ctx context.Context, p *onebot11.SendGroupNoticeParams) error {
		if p.Content == "" {
			return ob11Err(onebot11.ActionSendGroupNotice, ob11Bad("content is required"))
		}
		_, err := b.w.SendAnnouncement(p.GroupID, p.Content, p.Image)
		return ob11Err(onebot11.ActionSendGroupNotice, err)
	})
	mux.HandleGetGroupNotice(func(ctx context.Context, p *onebot11.GetGroupNoticeParams) ([]onebot11.GroupNotice, error) {
		as, err := b.w.Announcements(p.GroupID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupNotice, err)
		}
		out := make([]onebot11.GroupNotice, 0, len(as))
		for _, a := range as {
			n := onebot11.GroupNotice{NoticeID: a.ID, SenderID: a.SenderID, PublishTime: ob11Unix(a.Time),
				Message: onebot11.GroupNoticeMessage{Text: a.Content, Images: []onebot11.GroupNoticeImage{}}}
			if a.ImageURL != "" {
				id := a.ImageURL
				n.Message.Images = append(n.Message.Images, onebot11.GroupNoticeImage{ID: &id})
			}
			out = append(out, n)
		}
		return out, nil
	})
	mux.HandleDeleteGroupNotice(func(ctx context.Context, p *onebot11.DeleteGroupNoticeParams) error {
		return ob11Err(onebot11.ActionDeleteGroupNotice, b.w.DeleteAnnouncement(p.GroupID, p.NoticeID))
	})
	mux.HandleDelGroupNotice(func(ctx context.Context, p *onebot11.DelGroupNoticeParams) error {
		return ob11Err(onebot11.ActionDelGroupNotice, b.w.DeleteAnnouncement(p.GroupID, p.NoticeID))
	})
}

// groupRequests lists the join and invited-join requests in the bot's
// notifications (of one group when group is not 0), the filtered ones or
// the others.
func (b *OneBot11) groupRequests(group int64, filtered bool) []onebot11.GroupSystemRequest {
	out := []onebot11.GroupSystemRequest{}
	for _, n := range b.w.GroupNotifications(0, 1000) {
		if (n.Type != NotifyJoinRequest && n.Type != NotifyInvitedJoinRequest) || n.IsFiltered != filtered ||
			(group != 0 && n.GroupID != group) {
			continue
		}
		g, _ := b.w.Group(n.GroupID)
		r := onebot11.GroupSystemRequest{RequestID: n.Seq, Message: n.Comment, GroupID: n.GroupID, GroupName: g.Name,
			Checked: n.State != StatePending, Actor: n.OperatorID, RequesterUin: n.InitiatorID}
		if n.Type == NotifyInvitedJoinRequest {
			r.RequesterUin, r.InvitorUin = n.TargetUserID, n.InitiatorID
			iu, _ := b.w.User(n.InitiatorID)
			r.InvitorNick = iu.Nickname
		}
		ru, _ := b.w.User(r.RequesterUin)
		r.RequesterNick = ru.Nickname
		out = append(out, r)
	}
	return out
}

func (b *OneBot11) registerFiles(mux *onebot11.ServeMux) {
	mux.HandleUploadGroupFile(func(ctx context.Context, p *onebot11.UploadGroupFileParams) (*onebot11.UploadGroupFileResult, error) {
		const a = onebot11.ActionUploadGroupFile
		data, name, err := b.load(ctx, p.File)
		if err != nil {
			return nil, ob11Err(a, err)
		}
		folder := p.FolderID
		if folder == "" && p.Extra["folder"] != nil { // go-cqhttp names it "folder"
			if err := json.Unmarshal(p.Extra["folder"], &folder); err != nil {
				return nil, ob11Err(a, ob11Bad("folder: %v", err))
			}
		}
		f, err := b.w.UploadGroupFile(p.GroupID, folder, firstNonEmpty(p.Name, name), data)
		if err != nil {
			return nil, ob11Err(a, err)
		}
		return &onebot11.UploadGroupFileResult{FileID: f.ID}, nil
	})
	mux.HandleUploadPrivateFile(func(ctx context.Context, p *onebot11.UploadPrivateFileParams) (*onebot11.UploadPrivateFileResult, error) {
		const a = onebot11.ActionUploadPrivateFile
		data, name, err := b.load(ctx, p.File)
		if err != nil {
			return nil, ob11Err(a, err)
		}
		f, err := b.w.UploadPrivateFile(p.UserID, firstNonEmpty(p.Name, name), data)
		if err != nil {
			return nil, ob11Err(a, err)
		}
		return &onebot11.UploadPrivateFileResult{FileID: f.ID}, nil
	})
	mux.HandleDeleteGroupFile(func(ctx context.Context, p *onebot11.DeleteGroupFileParams) error {
		return ob11Err(onebot11.ActionDeleteGroupFile, b.w.DeleteGroupFile(p.GroupID, p.FileID))
	})
	mux.HandleMoveGroupFile(func(ctx context.Context, p *onebot11.MoveGroupFileParams) error {
		if p.ParentDirectory != "" {
			f, err := b.w.GroupFile(p.GroupID, p.FileID)
			if err != nil {
				return ob11Err(onebot11.ActionMoveGroupFile, err)
			}
			if f.FolderID != p.ParentDirectory && !(p.ParentDirectory == RootFolder && f.FolderID == "") {
				return ob11Err(onebot11.ActionMoveGroupFile, fmt.Errorf("%w: file %q is not in folder %q", ErrNotFound, p.FileID, p.ParentDirectory))
			}
		}
		return ob11Err(onebot11.ActionMoveGroupFile, b.w.MoveGroupFile(p.GroupID, p.FileID, firstNonEmpty(p.TargetDirectory, RootFolder)))
	})
	mux.HandleCreateGroupFileFolder(func(ctx context.Context, p *onebot11.CreateGroupFileFolderParams) (*onebot11.CreateGroupFileFolderResult, error) {
		if p.ParentID != "" && p.ParentID != RootFolder {
			return nil, ob11Err(onebot11.ActionCreateGroupFileFolder, ob11Bad("folders can only be created in the root"))
		}
		f, err := b.w.CreateGroupFolder(p.GroupID, p.Name)
		if err != nil {
			return nil, ob11Err(onebot11.ActionCreateGroupFileFolder, err)
		}
		return &onebot11.CreateGroupFileFolderResult{FolderID: f.ID}, nil
	})
	mux.HandleDeleteGroupFolder(func(ctx context.Context, p *onebot11.DeleteGroupFolderParams) error {
		return ob11Err(onebot11.ActionDeleteGroupFolder, b.w.DeleteGroupFolder(p.GroupID, p.FolderID))
	})
	mux.HandleRenameGroupFileFolder(func(ctx context.Context, p *onebot11.RenameGroupFileFolderParams) error {
		return ob11Err(onebot11.ActionRenameGroupFileFolder, b.w.RenameGroupFolder(p.GroupID, p.FolderID, p.NewFolderName))
	})
	mux.HandleGetGroupFileSystemInfo(func(ctx context.Context, p *onebot11.GetGroupFileSystemInfoParams) (*onebot11.GetGroupFileSystemInfoResult, error) {
		fi, err := b.w.GroupFileSystemInfo(p.GroupID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupFileSystemInfo, err)
		}
		return &onebot11.GetGroupFileSystemInfoResult{FileCount: int64(fi.FileCount), LimitCount: int64(fi.LimitCount),
			UsedSpace: fi.UsedSpace, TotalSpace: fi.TotalSpace}, nil
	})
	list := func(action string, group int64, folder string) ([]onebot11.GroupFile, []onebot11.GroupFolder, error) {
		files, folders, err := b.w.GroupFiles(group, folder)
		if err != nil {
			return nil, nil, ob11Err(action, err)
		}
		fs := make([]onebot11.GroupFile, 0, len(files))
		for _, f := range files {
			fs = append(fs, ob11GroupFile(f, b.memberName(group, f.UploaderID)))
		}
		ds := make([]onebot11.GroupFolder, 0, len(folders))
		for _, d := range folders {
			ds = append(ds, ob11GroupFolder(d, b.memberName(group, d.CreatorID)))
		}
		return fs, ds, nil
	}
	mux.HandleGetGroupRootFiles(func(ctx context.Context, p *onebot11.GetGroupRootFilesParams) (*onebot11.GetGroupRootFilesResult, error) {
		fs, ds, err := list(onebot11.ActionGetGroupRootFiles, p.GroupID, RootFolder)
		if err != nil {
			return nil, err
		}
		return &onebot11.GetGroupRootFilesResult{Files: fs, Folders: ds}, nil
	})
	mux.HandleGetGroupFilesByFolder(func(ctx context.Context, p *onebot11.GetGroupFilesByFolderParams) (*onebot11.GetGroupFilesByFolderResult, error) {
		if p.FolderID == "" {
			return nil, ob11Err(onebot11.ActionGetGroupFilesByFolder, ob11Bad("folder_id is required"))
		}
		fs, ds, err := list(onebot11.ActionGetGroupFilesByFolder, p.GroupID, p.FolderID)
		if err != nil {
			return nil, err
		}
		return &onebot11.GetGroupFilesByFolderResult{Files: fs, Folders: ds}, nil
	})
	mux.HandleGetGroupFileURL(func(ctx context.Context, p *onebot11.GetGroupFileURLParams) (*onebot11.GetGroupFileURLResult, error) {
		u, err := b.w.GroupFileURL(p.GroupID, p.FileID)
		if err != nil {
			return nil, ob11Err(onebot11.ActionGetGroupFileURL, err)
		}
		return &onebot11.GetGroupFileURLResult{URL: u}, nil
	})
	mux.HandleGetPrivateFileURL(func(ctx context.Context, p *onebot11.GetPrivateFileURLParams) (*onebot11.GetPrivateFileURLResult, error) {
		if p.FileID == "" {
			return nil, ob11Err(onebot11.ActionGetPrivateFileURL, ob11Bad("file_id is required"))
		}
		for _, f := range b.w.Friends() {
			if u, err := b.w.PrivateFileURL(f.User.UIN, p.FileID, ""); err == nil {
				return &onebot11.GetPrivateFileURLResult{URL: u}, nil
			}
		}
		return nil, ob11Err(onebot11.ActionGetPrivateFileURL, fmt.Errorf("%w: private file %q", ErrNotFound, p.FileID))
	})
}

func (b *OneBot11) memberName(group, uin int64) string {
	if m, err := b.w.Member(group, uin); err == nil {
		return m.DisplayName()
	}
	u, _ := b.w.User(uin)
	return u.Nickname
}

// ob11MaxFetch caps a file fetched over http(s).
const ob11MaxFetch = 64 << 20

// load reads the content of a file param: base64://, http(s):// and (with
// AllowLocalFiles) file:// or a plain path. It returns the data and a name.
func (b *OneBot11) load(ctx context.Context, file string) ([]byte, string, error) {
	switch {
	case file == "":
		return nil, "", ob11Bad("file is required")
	case strings.HasPrefix(file, "base64://"):
		data, err := base64.StdEncoding.DecodeString(file[len("base64://"):])
		if err != nil {
			return nil, "", ob11Bad("bad base64 file: %v", err)
		}
		return data, "file", nil
	case strings.HasPrefix(file, "http://") || strings.HasPrefix(file, "https://"):
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, file, nil)
		if err != nil {
			return nil, "", ob11Bad("bad file URL: %v", err)
		}
		resp, err := b.opts.HTTPClient.Do(req)
		if err != nil {
			return nil, "", fmt.Errorf("fetching %s: %w", file, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, "", fmt.Errorf("fetching %s: HTTP %s", file, resp.Status)
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, ob11MaxFetch+1))
		if err != nil {
			return nil, "", fmt.Errorf("fetching %s: %w", file, err)
		}
		if len(data) > ob11MaxFetch {
			return nil, "", ob11Bad("%s is larger than %d bytes", file, ob11MaxFetch)
		}
		name := "file"
		if u, err := url.Parse(file); err == nil && path.Base(u.Path) != "/" && path.Base(u.Path) != "." {
			name = path.Base(u.Path)
		}
		return data, name, nil
	}
	if !b.opts.AllowLocalFiles {
		return nil, "", ob11Bad("file %q: only base64:// and http(s):// files are accepted (local files are off)", file)
	}
	p := file
	if strings.HasPrefix(file, "file://") {
		u, err := url.Parse(file)
		if err != nil {
			return nil, "", ob11Bad("bad file URI: %v", err)
		}
		p = u.Path
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, "", ob11Bad("reading %s: %v", p, err)
	}
	return data, path.Base(strings.ReplaceAll(p, "\\", "/")), nil
}

func (b *OneBot11) registerSystem(mux *onebot11.ServeMux) {
	mux.HandleGetLoginInfo(func(ctx context.Context, p *onebot11.GetLoginInfoParams) (*onebot11.GetLoginInfoResult, error) {
		s := b.w.Self()
		return &onebot11.GetLoginInfoResult{UserID: s.UIN, Nickname: s.Nickname}, nil
	})
	mux.HandleGetStatus(func(ctx context.Context, p *onebot11.GetStatusParams) (*onebot11.GetStatusResult, error) {
		return &onebot11.GetStatusResult{Online: b.w.Online(), Good: true}, nil
	})
	mux.HandleGetVersionInfo(func(ctx context.Context, p *onebot11.GetVersionInfoParams) (*onebot11.GetVersionInfoResult, error) {
		return &onebot11.GetVersionInfoResult{AppName: b.opts.AppName, ProtocolVersion: "v11", AppVersion: b.opts.AppVersion}, nil
	})
	mux.HandleCanSendImage(func(ctx context.Context, p *onebot11.CanSendImageParams) (*onebot11.CanSendImageResult, error) {
		return &onebot11.CanSendImageResult{Yes: true}, nil
	})
	mux.HandleCanSendRecord(func(ctx context.Context, p *onebot11.CanSendRecordParams) (*onebot11.CanSendRecordResult, error) {
		return &onebot11.CanSendRecordResult{Yes: true}, nil
	})
	mux.HandleCleanCache(func(ctx context.Context, p *onebot11.CleanCacheParams) error { return nil })
	b.handleSupportedActions(mux)
}

// handleSupportedActions registers get_supported_actions on mux: what mux
// serves, minus the actions that only answer "not supported".
func (b *OneBot11) handleSupportedActions(mux *onebot11.ServeMux) {
	mux.HandleGetSupportedActions(func(context.Context, *onebot11.GetSupportedActionsParams) ([]string, error) {
		var out []string
		for _, a := range mux.Actions() {
			if !slices.Contains(ob11UnsupportedList, a) {
				out = append(out, a)
			}
		}
		return out, nil
	})
}
