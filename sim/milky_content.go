package sim

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/segment"
)

// milkyUnix is t as Unix seconds, 0 for the zero time.
func milkyUnix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// MilkyContent converts Milky outgoing segments into world content. URIs
// are checked (file://, http(s)://, base64://) but not read: the world
// keeps them as given. A segment type Milky 1.2 does not define becomes an
// [Unknown] element holding its data. It fails, wrapping
// [ErrInvalidArgument], on a nil segment or a bad URI.
func MilkyContent(segs milky.OutgoingSegments) ([]Element, error) {
	out := make([]Element, 0, len(segs))
	for i, s := range segs {
		e, err := milkyElement(s)
		if err != nil {
			return nil, fmt.Errorf("%w: segment %d: %w", ErrInvalidArgument, i, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func milkyElement(s milky.OutgoingSegment) (Element, error) {
	switch s := s.(type) {
	case *milky.OutgoingTextSegment:
		return Text{Text: s.Text}, nil
	case *milky.OutgoingMentionSegment:
		return Mention{UserID: s.UserID}, nil
	case *milky.OutgoingMentionAllSegment:
		return MentionAll{}, nil
	case *milky.OutgoingFaceSegment:
		return Face{ID: s.FaceID, Large: s.IsLarge}, nil
	case *milky.OutgoingReplySegment:
		return Reply{Seq: s.MessageSeq}, nil
	case *milky.OutgoingImageSegment:
		if err := milky.CheckURI(s.URI); err != nil {
			return nil, err
		}
		sub := s.SubType
		if sub == "" {
			sub = "normal"
		}
		return Image{URI: s.URI, SubType: sub, Summary: s.Summary}, nil
	case *milky.OutgoingRecordSegment:
		if err := milky.CheckURI(s.URI); err != nil {
			return nil, err
		}
		return Record{URI: s.URI}, nil
	case *milky.OutgoingVideoSegment:
		if err := milky.CheckURI(s.URI); err != nil {
			return nil, err
		}
		if s.ThumbURI != "" {
			if err := milky.CheckURI(s.ThumbURI); err != nil {
				return nil, fmt.Errorf("thumb_uri: %w", err)
			}
		}
		return Video{URI: s.URI, ThumbURI: s.ThumbURI}, nil
	case *milky.OutgoingForwardSegment:
		f := Forward{Title: s.Title, Preview: append([]string(nil), s.Preview...), Summary: s.Summary, Prompt: s.Prompt}
		for j, m := range s.Messages {
			c, err := MilkyContent(m.Segments)
			if err != nil {
				return nil, fmt.Errorf("forwarded message %d: %w", j, err)
			}
			n := ForwardNode{UserID: m.UserID, Name: m.SenderName, Content: c}
			if m.Time > 0 {
				n.Time = time.Unix(m.Time, 0)
			}
			f.Nodes = append(f.Nodes, n)
		}
		return f, nil
	case *milky.OutgoingLightAppSegment:
		return LightApp{AppName: milkyLightAppName(s.JSONPayload), JSON: s.JSONPayload}, nil
	case *milky.UnknownOutgoingSegment:
		if len(s.Raw) == 0 {
			return Unknown{Type: s.Type, Raw: json.RawMessage("{}")}, nil
		}
		env, err := segment.ParseEnvelope(string(s.Raw))
		if err != nil {
			return nil, err
		}
		data := json.RawMessage(env.Data)
		if len(data) == 0 {
			data = json.RawMessage("{}")
		}
		return Unknown{Type: s.Type, Raw: append(json.RawMessage(nil), data...)}, nil
	case nil:
		return nil, fmt.Errorf("null segment")
	default:
		return nil, fmt.Errorf("segment type %q (%T) cannot be sent", s.SegmentType(), s)
	}
}

// milkyLightAppName reads the "app" member of a light app's JSON payload
// (the app name QQ shows), "" when there is none.
func milkyLightAppName(payload string) string {
	var head struct {
		App string `json:"app"`
	}
	if json.Unmarshal([]byte(payload), &head) != nil {
		return ""
	}
	return head.App
}

// milkyConv identifies the conversation content belongs to, for resolving
// replies: a stored conversation, or the nodes of a forward (a reply
// inside a forward quotes the node whose 1-based position is its seq).
type milkyConv struct {
	scene Scene
	peer  int64
	nodes []ForwardNode
}

// IncomingSegments converts world content into Milky incoming segments,
// as a message of the conversation (scene, peer) shows them: a reply
// carries the quoted message's sender, time and content (one level deep).
func (b *MilkyBackend) IncomingSegments(scene Scene, peer int64, content []Element) milky.IncomingSegments {
	return b.incoming(milkyConv{scene: scene, peer: peer}, content, 0)
}

func (b *MilkyBackend) incoming(c milkyConv, content []Element, depth int) milky.IncomingSegments {
	out := make(milky.IncomingSegments, 0, len(content))
	for _, e := range content {
		out = append(out, b.incomingSegment(c, e, depth))
	}
	return out
}

func (b *MilkyBackend) incomingSegment(c milkyConv, e Element, depth int) milky.IncomingSegment {
	switch e := e.(type) {
	case Text:
		return &milky.IncomingTextSegment{Text: e.Text}
	case Mention:
		return &milky.IncomingMentionSegment{UserID: e.UserID, Name: e.Name}
	case MentionAll:
		return &milky.IncomingMentionAllSegment{}
	case Face:
		return &milky.IncomingFaceSegment{FaceID: e.ID, IsLarge: e.Large}
	case Reply:
		r := &milky.IncomingReplySegment{MessageSeq: e.Seq, SenderID: e.SenderID, Time: milkyUnix(e.Time), Segments: milky.IncomingSegments{}}
		if c.nodes != nil {
			if e.Seq >= 1 && e.Seq <= int64(len(c.nodes)) {
				n := c.nodes[e.Seq-1]
				r.SenderID, r.SenderName, r.Time = n.UserID, n.Name, milkyUnix(n.Time)
				if depth == 0 {
					r.Segments = b.incoming(c, n.Content, depth+1)
				}
			}
			return r
		}
		if q, err := b.w.MessageBySeq(c.scene, c.peer, e.Seq); err == nil {
			r.SenderID, r.Time = q.SenderID, milkyUnix(q.Time)
			r.SenderName = b.senderName(q)
			if depth == 0 && !q.Recalled {
				r.Segments = b.incoming(c, q.Content, depth+1)
			}
		}
		return r
	case Image:
		sub := e.SubType
		if sub != "sticker" {
			sub = "normal"
		}
		return &milky.IncomingImageSegment{ResourceID: e.ResourceID, TempURL: e.URL, Width: int64(e.Width), Height: int64(e.Height), Summary: e.Summary, SubType: sub}
	case Record:
		return &milky.IncomingRecordSegment{ResourceID: e.ResourceID, TempURL: e.URL, Duration: int64(e.Duration)}
	case Video:
		return &milky.IncomingVideoSegment{ResourceID: e.ResourceID, TempURL: e.URL, Width: int64(e.Width), Height: int64(e.Height), Duration: int64(e.Duration)}
	case File:
		return &milky.IncomingFileSegment{FileID: e.ID, FileName: e.Name, FileSize: e.Size, FileHash: e.Hash}
	case Forward:
		preview := append([]string{}, e.Preview...)
		return &milky.IncomingForwardSegment{ForwardID: e.ID, Title: e.Title, Preview: preview, Summary: e.Summary}
	case MarketFace:
		return &milky.IncomingMarketFaceSegment{EmojiPackageID: e.PackageID, EmojiID: e.EmojiID, Key: e.Key, Summary: e.Summary, URL: e.URL}
	case LightApp:
		return &milky.IncomingLightAppSegment{AppName: e.AppName, JSONPayload: e.JSON}
	case XML:
		return &milky.IncomingXMLSegment{ServiceID: e.ServiceID, XMLPayload: e.XML}
	case Markdown:
		return &milky.IncomingMarkdownSegment{Content: e.Content}
	case Unknown:
		data := []byte(e.Raw)
		if len(data) == 0 {
			data = []byte("{}")
		}
		if !json.Valid(data) {
			return &milky.UnknownIncomingSegment{Type: e.Type}
		}
		raw := segment.AppendString([]byte(`{"type":`), e.Type)
		raw = append(raw, `,"data":`...)
		raw = append(raw, data...)
		raw = append(raw, '}')
		return &milky.UnknownIncomingSegment{Type: e.Type, Raw: raw}
	default:
		return &milky.UnknownIncomingSegment{Type: e.Kind()}
	}
}

// senderName is how a message's sender is shown: the group card or
// nickname for group messages, the friend remark or nickname otherwise.
func (b *MilkyBackend) senderName(m Message) string {
	if m.Scene == SceneGroup {
		if mem, err := b.w.Member(m.Peer, m.SenderID); err == nil {
			return mem.DisplayName()
		}
	}
	if m.Scene == SceneFriend && m.SenderID != b.w.SelfID() {
		if f, err := b.w.Friend(m.SenderID); err == nil && f.Remark != "" {
			return f.Remark
		}
	}
	if u, err := b.w.User(m.SenderID); err == nil {
		return u.Nickname
	}
	return ""
}

// ---- entities ----

// MilkyFriend converts a friend into a Milky FriendEntity.
func MilkyFriend(f Friend) milky.FriendEntity {
	return milky.FriendEntity{
		UserID:   f.User.UIN,
		Nickname: f.User.Nickname,
		Sex:      milkySex(f.User.Sex),
		QID:      f.User.QID,
		Remark:   f.Remark,
		Category: milky.FriendCategoryEntity{CategoryID: f.Category.ID, CategoryName: f.Category.Name},
	}
}

func milkySex(s Sex) string {
	switch s {
	case SexMale:
		return milky.SexMale
	case SexFemale:
		return milky.SexFemale
	}
	return milky.SexUnknown
}

// groupEntity converts a group, with its newest announcement.
func (b *MilkyBackend) groupEntity(g Group) milky.GroupEntity {
	e := milky.GroupEntity{
		GroupID:        g.ID,
		GroupName:      g.Name,
		MemberCount:    int64(g.MemberCount),
		MaxMemberCount: int64(g.MaxMemberCount),
		Remark:         g.Remark,
		CreatedTime:    milkyUnix(g.CreatedTime),
		Description:    g.Description,
		Question:       g.Question,
	}
	if as, err := b.w.Announcements(g.ID); err == nil && len(as) > 0 {
		e.Announcement = as[0].Content
	}
	return e
}

// memberEntity converts a member; a mute that has run out is no mute.
func (b *MilkyBackend) memberEntity(m Member) milky.GroupMemberEntity {
	e := milky.GroupMemberEntity{
		UserID:       m.UserID,
		Nickname:     m.Nickname,
		Sex:          milkySex(m.Sex),
		GroupID:      m.GroupID,
		Card:         m.Card,
		Title:        m.Title,
		Level:        int64(m.Level),
		Role:         milkyRole(m.Role),
		JoinTime:     milkyUnix(m.JoinTime),
		LastSentTime: milkyUnix(m.LastSentTime),
	}
	if !m.MuteUntil.IsZero() && m.MuteUntil.After(b.w.Now()) {
		t := m.MuteUntil.Unix()
		e.ShutUpEndTime = &t
	}
	return e
}

func milkyRole(r Role) string {
	switch r {
	case RoleOwner:
		return milky.RoleOwner
	case RoleAdmin:
		return milky.RoleAdmin
	}
	return milky.RoleMember
}

// IncomingMessage converts a stored message into a Milky IncomingMessage
// with the entities of its scene (taken from the world as it is now; a
// sender who has since left a group is shown as a plain member).
func (b *MilkyBackend) IncomingMessage(m Message) milky.IncomingMessage {
	return b.incomingMessage(m, nil, nil, nil)
}

// incomingMessage converts m, using the snapshots a MessageEvent carries
// when given.
func (b *MilkyBackend) incomingMessage(m Message, f *Friend, g *Group, mem *Member) milky.IncomingMessage {
	im := milky.IncomingMessage{
		MessageScene: string(m.Scene),
		PeerID:       m.Peer,
		MessageSeq:   m.Seq,
		SenderID:     m.SenderID,
		Time:         milkyUnix(m.Time),
		Segments:     b.IncomingSegments(m.Scene, m.Peer, m.Content),
	}
	switch m.Scene {
	case SceneFriend:
		var fe milky.FriendEntity
		switch {
		case f != nil:
			fe = MilkyFriend(*f)
		default:
			if fr, err := b.w.Friend(m.Peer); err == nil {
				fe = MilkyFriend(fr)
			} else if u, err := b.w.User(m.Peer); err == nil {
				fe = MilkyFriend(Friend{User: u})
			} else {
				fe = milky.FriendEntity{UserID: m.Peer, Sex: milky.SexUnknown}
			}
		}
		im.Friend = &fe
	case SceneGroup:
		ge := b.groupOrStub(m.Peer, g)
		im.Group = &ge
		var me milky.GroupMemberEntity
		switch {
		case mem != nil:
			me = b.memberEntity(*mem)
		default:
			if mm, err := b.w.Member(m.Peer, m.SenderID); err == nil {
				me = b.memberEntity(mm)
			} else {
				me = b.memberStub(m.Peer, m.SenderID)
			}
		}
		im.GroupMember = &me
	case SceneTemp:
		if g != nil || m.TempGroup != 0 {
			gid := m.TempGroup
			if g != nil {
				gid = g.ID
			}
			ge := b.groupOrStub(gid, g)
			im.Group = &ge
		}
	}
	return im
}

// groupOrStub is the entity of group id (from the snapshot g when given),
// or a stub holding only the id when the group no longer exists.
func (b *MilkyBackend) groupOrStub(id int64, g *Group) milky.GroupEntity {
	if g != nil {
		return b.groupEntity(*g)
	}
	if gg, err := b.w.Group(id); err == nil {
		return b.groupEntity(gg)
	}
	return milky.GroupEntity{GroupID: id}
}

// memberStub describes a user who is no longer a member of group.
func (b *MilkyBackend) memberStub(group, uin int64) milky.GroupMemberEntity {
	e := milky.GroupMemberEntity{UserID: uin, GroupID: group, Sex: milky.SexUnknown, Role: milky.RoleMember}
	if u, err := b.w.User(uin); err == nil {
		e.Nickname, e.Sex, e.Level = u.Nickname, milkySex(u.Sex), int64(u.Level)
	}
	return e
}

func milkyAnnouncement(a Announcement) milky.GroupAnnouncementEntity {
	e := milky.GroupAnnouncementEntity{GroupID: a.GroupID, AnnouncementID: a.ID, UserID: a.SenderID, Time: milkyUnix(a.Time), Content: a.Content}
	if a.ImageURL != "" {
		u := a.ImageURL
		e.ImageURL = &u
	}
	return e
}

func milkyGroupFile(f GroupFile) milky.GroupFileEntity {
	e := milky.GroupFileEntity{
		GroupID:         f.GroupID,
		FileID:          f.ID,
		FileName:        f.Name,
		ParentFolderID:  milkyFolderID(f.FolderID),
		FileSize:        f.Size,
		UploadedTime:    milkyUnix(f.UploadedTime),
		UploaderID:      f.UploaderID,
		DownloadedTimes: int64(f.DownloadedTimes),
	}
	if !f.ExpireTime.IsZero() {
		t := f.ExpireTime.Unix()
		e.ExpireTime = &t
	}
	return e
}

func milkyFolder(f Folder) milky.GroupFolderEntity {
	return milky.GroupFolderEntity{
		GroupID:          f.GroupID,
		FolderID:         f.ID,
		ParentFolderID:   milkyFolderID(f.ParentID),
		FolderName:       f.Name,
		CreatedTime:      milkyUnix(f.CreatedTime),
		LastModifiedTime: milkyUnix(f.LastModifiedTime),
		CreatorID:        f.CreatorID,
		FileCount:        int64(f.FileCount),
	}
}

// milkyFolderID writes the root folder as Milky's "/".
func milkyFolderID(id string) string {
	if id == "" {
		return RootFolder
	}
	return id
}

func (b *MilkyBackend) friendRequest(r FriendRequest) milky.FriendRequest {
	self := b.w.Self()
	return milky.FriendRequest{
		Time:          milkyUnix(r.Time),
		InitiatorID:   r.InitiatorID,
		InitiatorUID:  r.InitiatorUID,
		TargetUserID:  self.UIN,
		TargetUserUID: self.UID,
		State:         string(r.State),
		Comment:       r.Comment,
		Via:           r.Via,
		IsFiltered:    r.IsFiltered,
	}
}

// milkyNotification converts a group notification into its Milky union
// member; ok is false for a type Milky does not define.
func milkyNotification(n GroupNotification) (milky.GroupNotification, bool) {
	var op *int64
	if n.OperatorID != 0 {
		v := n.OperatorID
		op = &v
	}
	switch n.Type {
	case NotifyJoinRequest:
		return &milky.GroupJoinRequestNotification{Type: milky.NotificationJoinRequest, GroupID: n.GroupID, NotificationSeq: n.Seq, IsFiltered: n.IsFiltered, InitiatorID: n.InitiatorID, State: string(n.State), OperatorID: op, Comment: n.Comment}, true
	case NotifyInvitedJoinRequest:
		return &milky.GroupInvitedJoinRequestNotification{Type: milky.NotificationInvitedJoinRequest, GroupID: n.GroupID, NotificationSeq: n.Seq, InitiatorID: n.InitiatorID, TargetUserID: n.TargetUserID, State: string(n.State), OperatorID: op}, true
	case NotifyAdminChange:
		return &milky.GroupAdminChangeNotification{Type: milky.NotificationAdminChange, GroupID: n.GroupID, NotificationSeq: n.Seq, TargetUserID: n.TargetUserID, IsSet: n.IsSet, OperatorID: n.OperatorID}, true
	case NotifyKick:
		return &milky.GroupKickNotification{Type: milky.NotificationKick, GroupID: n.GroupID, NotificationSeq: n.Seq, TargetUserID: n.TargetUserID, OperatorID: n.OperatorID}, true
	case NotifyQuit:
		return &milky.GroupQuitNotification{Type: milky.NotificationQuit, GroupID: n.GroupID, NotificationSeq: n.Seq, TargetUserID: n.TargetUserID}, true
	}
	return nil, false
}
