package sim

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/segment"
)

// OneBot11Message converts world content to a OneBot 11 message. Every
// element kind has a segment (mention and mention_all -> at, light_app ->
// json, market_face -> mface, the rest by name); Unknown elements come back
// as the segment they were made from (an UnknownSegment keeping its bytes).
// Media carry the world's resource id as "file" (the URI while there is no
// id) and its URL as "url"; a reply carries the message id.
//
// OneBot 11 segments have no field for: image width and height, record and
// video duration, file hash, a reply's seq/sender/time, and a forward's
// title, preview, summary and prompt; those stay in the world only.
func OneBot11Message(content []Element) onebot11.Message {
	out := make(onebot11.Message, 0, len(content))
	for _, e := range content {
		if s := ob11Segment(e); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func ob11Segment(e Element) onebot11.Segment {
	switch e := e.(type) {
	case Text:
		return onebot11.Text(e.Text)
	case Mention:
		return &onebot11.AtSegment{QQ: strconv.FormatInt(e.UserID, 10), Name: e.Name}
	case MentionAll:
		return onebot11.AtAll()
	case Face:
		s := &onebot11.FaceSegment{ID: e.ID}
		if e.Large {
			s.Large = "true"
		}
		return s
	case Reply:
		return onebot11.Reply(int64(e.MessageID))
	case Image:
		s := &onebot11.ImageSegment{File: firstNonEmpty(e.ResourceID, e.URI), URL: e.URL, Summary: e.Summary}
		if e.SubType == "sticker" {
			s.SubType = "1"
		}
		return s
	case Record:
		return &onebot11.RecordSegment{File: firstNonEmpty(e.ResourceID, e.URI), URL: e.URL}
	case Video:
		return &onebot11.VideoSegment{File: firstNonEmpty(e.ResourceID, e.URI), URL: e.URL, Thumb: e.ThumbURI}
	case File:
		s := &onebot11.FileSegment{File: e.Name, Name: e.Name, FileID: e.ID}
		if e.Size > 0 {
			s.FileSize = strconv.FormatInt(e.Size, 10)
		}
		return s
	case Forward:
		return onebot11.Forward(e.ID)
	case MarketFace:
		return &onebot11.MFaceSegment{EmojiPackageID: strconv.FormatInt(e.PackageID, 10), EmojiID: e.EmojiID,
			Key: e.Key, Summary: e.Summary, URL: e.URL}
	case LightApp:
		return onebot11.JSONCard(e.JSON)
	case XML:
		s := onebot11.XMLCard(e.XML)
		if e.ServiceID != 0 {
			s.ResID = strconv.FormatInt(e.ServiceID, 10)
		}
		return s
	case Markdown:
		return onebot11.Markdown(e.Content)
	case Unknown:
		return ob11UnknownSegment(e)
	}
	return nil
}

// ob11UnknownSegment rebuilds the segment an Unknown element came from. Raw
// is the segment's data object (as every front-end stores it), or a whole
// segment ({"type","data",...}) of the element's type (kept so when the
// segment had keys besides those two); anything else becomes empty data.
func ob11UnknownSegment(u Unknown) onebot11.Segment {
	raw := strings.TrimSpace(string(u.Raw))
	doc := ""
	if env, err := segment.ParseEnvelope(raw); err == nil && env.TypeOK && env.Type == u.Type && env.Data != "" {
		doc = raw
	} else {
		data := raw
		if data == "" || data[0] != '{' || !json.Valid([]byte(data)) {
			data = "{}"
		}
		doc = string(segment.AppendString([]byte(`{"type":`), u.Type)) + `,"data":` + data + `}`
	}
	var m onebot11.Message
	if err := m.UnmarshalJSON([]byte("[" + doc + "]")); err == nil && len(m) == 1 {
		return m[0]
	}
	return &onebot11.UnknownSegment{Type: u.Type, Raw: json.RawMessage(doc)}
}

// WorldContent converts a OneBot 11 message to world content. Segments the
// world does not model become Unknown elements keeping the segment's data
// (the whole segment when it has keys besides type and data), so they come
// back unchanged. Node segments are not content (see the
// forward actions); a malformed at, reply or face id is an error wrapping
// ErrInvalidArgument.
func (b *OneBot11) WorldContent(m onebot11.Message) ([]Element, error) {
	out := make([]Element, 0, len(m))
	for i, s := range m {
		e, err := b.worldElement(s)
		if err != nil {
			return nil, ob11Bad("segment %d (%s): %v", i, ob11SegType(s), err)
		}
		out = append(out, e)
	}
	return out, nil
}

func ob11SegType(s onebot11.Segment) string {
	if s == nil {
		return "nil"
	}
	return s.SegmentType()
}

func (b *OneBot11) worldElement(s onebot11.Segment) (Element, error) {
	switch s := s.(type) {
	case nil:
		return nil, ob11ErrString("nil segment")
	case *onebot11.TextSegment:
		return Text{Text: s.Text}, nil
	case *onebot11.AtSegment:
		if s.IsAll() {
			return MentionAll{}, nil
		}
		id, ok := s.UserID()
		if !ok {
			return nil, ob11ErrString("at: bad qq " + strconv.Quote(s.QQ))
		}
		return Mention{UserID: id, Name: s.Name}, nil
	case *onebot11.FaceSegment:
		if _, ok := s.FaceID(); !ok {
			return nil, ob11ErrString("face: bad id " + strconv.Quote(s.ID))
		}
		return Face{ID: s.ID, Large: s.Large == "true" || s.Large == "1"}, nil
	case *onebot11.ReplySegment:
		id, ok := s.MessageID()
		if !ok || id <= 0 || id > 1<<31-1 {
			return nil, ob11ErrString("reply: bad id " + strconv.Quote(s.ID))
		}
		return Reply{MessageID: int32(id)}, nil
	case *onebot11.ImageSegment:
		img := Image{URI: firstNonEmpty(s.File, s.URL), Summary: s.Summary}
		if s.SubType == "1" || s.SubType == "sticker" {
			img.SubType = "sticker"
		}
		if r, err := b.w.Resource(s.File); err == nil && r.Kind == KindImage {
			img.URI, img.ResourceID, img.URL = r.URI, r.ID, r.URL
		}
		if img.URI == "" && img.ResourceID == "" {
			return nil, ob11ErrString("image: no file")
		}
		return img, nil
	case *onebot11.RecordSegment:
		rec := Record{URI: firstNonEmpty(s.File, s.URL)}
		if r, err := b.w.Resource(s.File); err == nil && r.Kind == KindRecord {
			rec.URI, rec.ResourceID, rec.URL = r.URI, r.ID, r.URL
		}
		if rec.URI == "" && rec.ResourceID == "" {
			return nil, ob11ErrString("record: no file")
		}
		return rec, nil
	case *onebot11.VideoSegment:
		v := Video{URI: firstNonEmpty(s.File, s.URL), ThumbURI: firstNonEmpty(s.Thumb, s.Cover)}
		if r, err := b.w.Resource(s.File); err == nil && r.Kind == KindVideo {
			v.URI, v.ResourceID, v.URL = r.URI, r.ID, r.URL
		}
		if v.URI == "" && v.ResourceID == "" {
			return nil, ob11ErrString("video: no file")
		}
		return v, nil
	case *onebot11.FileSegment:
		f := File{ID: s.FileID, Name: firstNonEmpty(s.Name, s.File)}
		if s.FileSize != "" {
			n, err := strconv.ParseInt(s.FileSize, 10, 64)
			if err != nil || n < 0 {
				return nil, ob11ErrString("file: bad file_size " + strconv.Quote(s.FileSize))
			}
			f.Size = n
		}
		return f, nil
	case *onebot11.ForwardSegment:
		if s.ID == "" {
			return nil, ob11ErrString("forward: no id")
		}
		return Forward{ID: s.ID}, nil
	case *onebot11.MFaceSegment:
		mf := MarketFace{EmojiID: s.EmojiID, Key: s.Key, Summary: s.Summary, URL: s.URL}
		if s.EmojiPackageID != "" {
			n, err := strconv.ParseInt(s.EmojiPackageID, 10, 64)
			if err != nil {
				return nil, ob11ErrString("mface: bad emoji_package_id " + strconv.Quote(s.EmojiPackageID))
			}
			mf.PackageID = n
		}
		return mf, nil
	case *onebot11.JSONSegment:
		return LightApp{JSON: s.Data}, nil
	case *onebot11.XMLSegment:
		x := XML{XML: s.Data}
		if n, err := strconv.ParseInt(s.ResID, 10, 64); err == nil {
			x.ServiceID = n
		}
		return x, nil
	case *onebot11.MarkdownSegment:
		return Markdown{Content: s.Content}, nil
	case *onebot11.NodeSegment:
		return nil, ob11ErrString("node segments are only allowed in forward messages")
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	// Keep the data object, as the other front-ends do; keep the whole
	// segment when it has keys besides type and data.
	if env, err := segment.ParseEnvelope(string(raw)); err == nil && len(env.Extra) == 0 &&
		(env.Data == "" || strings.HasPrefix(env.Data, "{")) {
		data := env.Data
		if data == "" {
			data = "{}"
		}
		return Unknown{Type: s.SegmentType(), Raw: json.RawMessage(data)}, nil
	}
	return Unknown{Type: s.SegmentType(), Raw: raw}, nil
}

type ob11ErrString string

func (e ob11ErrString) Error() string { return string(e) }

// ob11ForwardNodes converts node segments to forward nodes: a node with an id
// quotes a stored message, one with content is free-form.
func (b *OneBot11) ob11ForwardNodes(m onebot11.Message) ([]ForwardNode, error) {
	if len(m) == 0 {
		return nil, ob11Bad("no messages to forward")
	}
	nodes := make([]ForwardNode, 0, len(m))
	for i, s := range m {
		n, ok := s.(*onebot11.NodeSegment)
		if !ok {
			return nil, ob11Bad("messages[%d]: %s segment where a node was expected", i, ob11SegType(s))
		}
		if id, ok := n.MessageID(); ok && len(n.Content) == 0 {
			if id <= 0 || id > 1<<31-1 {
				return nil, ob11Bad("messages[%d]: bad node id %q", i, n.ID)
			}
			msg, err := b.w.MessageByID(int32(id))
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, ForwardNode{UserID: msg.SenderID, Time: msg.Time,
				Content: ob11StripReplies(msg.Content)})
			continue
		}
		if len(n.Content) == 0 {
			return nil, ob11Bad("messages[%d]: node with neither id nor content", i)
		}
		uid, _ := n.SenderID()
		if uid == 0 {
			uid = b.w.SelfID()
		}
		content, err := b.WorldContent(n.Content)
		if err != nil {
			return nil, err
		}
		fn := ForwardNode{UserID: uid, Name: n.SenderName(), Content: content}
		if n.Time != "" {
			if t, err := strconv.ParseInt(n.Time, 10, 64); err == nil && t > 0 {
				fn.Time = time.Unix(t, 0)
			}
		}
		nodes = append(nodes, fn)
	}
	return nodes, nil
}

// ob11StripReplies drops reply elements (they only make sense in their own
// conversation).
func ob11StripReplies(content []Element) []Element {
	out := make([]Element, 0, len(content))
	for _, e := range CloneContent(content) {
		if _, ok := e.(Reply); !ok {
			out = append(out, e)
		}
	}
	return out
}

func ob11Unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func ob11Sex(s Sex) string {
	switch s {
	case SexMale, SexFemale:
		return string(s)
	}
	return "unknown"
}

// ob11Sender is the sender block of a message in conversation m.
func (b *OneBot11) ob11Sender(m Message) onebot11.Sender {
	u, _ := b.w.User(m.SenderID)
	s := onebot11.Sender{UserID: m.SenderID, Nickname: u.Nickname, Sex: ob11Sex(u.Sex), Age: int32(u.Age)}
	if m.Scene == SceneGroup {
		if mem, err := b.w.Member(m.Peer, m.SenderID); err == nil {
			s.Card, s.Role, s.Title, s.Level = mem.Card, string(mem.Role), mem.Title, strconv.Itoa(mem.Level)
		} else {
			s.Role = string(RoleMember)
		}
	}
	return s
}

// ob11MessageInfo renders a stored message in the shape of a message event
// (get_msg, history).
func (b *OneBot11) ob11MessageInfo(m Message) onebot11.MessageInfo {
	msg := OneBot11Message(m.Content)
	mi := onebot11.MessageInfo{
		SelfID: b.w.SelfID(), UserID: m.SenderID, Time: ob11Unix(m.Time), MessageID: int64(m.ID),
		RealID: int64(m.ID), MessageSeq: m.Seq, Sender: b.ob11Sender(m), RawMessage: msg.CQString(),
		Font: 14, Message: msg, MessageFormat: "array", PostType: onebot11.PostTypeMessage,
	}
	if m.SenderID == b.w.SelfID() {
		mi.PostType = onebot11.PostTypeMessageSent
	}
	switch m.Scene {
	case SceneGroup:
		mi.MessageType, mi.SubType, mi.GroupID = "group", onebot11.GroupMessageNormal, m.Peer
	case SceneTemp:
		mi.MessageType, mi.SubType, mi.GroupID = "private", onebot11.PrivateMessageGroup, m.TempGroup
	default:
		mi.MessageType, mi.SubType = "private", onebot11.PrivateMessageFriend
	}
	return mi
}

func (b *OneBot11) ob11ForwardMessages(nodes []ForwardNode, scene Scene) []onebot11.ForwardMessage {
	typ := "private"
	if scene == SceneGroup {
		typ = "group"
	}
	out := make([]onebot11.ForwardMessage, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, onebot11.ForwardMessage{
			Content:       OneBot11Message(n.Content),
			Sender:        onebot11.Sender{UserID: n.UserID, Nickname: n.Name},
			Time:          ob11Unix(n.Time),
			MessageFormat: "array",
			MessageType:   typ,
		})
	}
	return out
}

func ob11GroupInfo(g Group) onebot11.GroupInfo {
	return onebot11.GroupInfo{GroupID: g.ID, GroupName: g.Name, GroupMemo: g.Description,
		GroupCreateTime: ob11Unix(g.CreatedTime), MemberCount: int64(g.MemberCount),
		MaxMemberCount: int64(g.MaxMemberCount), RemarkName: g.Remark}
}

func (b *OneBot11) ob11Member(m Member) onebot11.GroupMemberInfo {
	u, _ := b.w.User(m.UserID)
	mi := onebot11.GroupMemberInfo{
		GroupID: m.GroupID, UserID: m.UserID, Nickname: m.Nickname, Card: m.Card,
		CardOrNickname: m.DisplayName(), Sex: ob11Sex(m.Sex), Age: int64(u.Age),
		Area: u.City, Level: strconv.Itoa(m.Level), QQLevel: int64(u.Level),
		JoinTime: ob11Unix(m.JoinTime), LastSentTime: ob11Unix(m.LastSentTime),
		CardChangeable: true, Role: string(m.Role), Title: m.Title,
	}
	if m.MuteUntil.After(b.w.Now()) {
		mi.ShutUpTimestamp = m.MuteUntil.Unix()
	}
	return mi
}

func ob11FriendInfo(f Friend) onebot11.FriendInfo {
	return onebot11.FriendInfo{UserID: f.User.UIN, Nickname: f.User.Nickname, Remark: f.Remark,
		Sex: ob11Sex(f.User.Sex), Age: int64(f.User.Age), Qid: f.User.QID, LongNick: f.User.Sign}
}

func ob11GroupFile(f GroupFile, uploaderName string) onebot11.GroupFile {
	return onebot11.GroupFile{GroupID: f.GroupID, FileID: f.ID, FileName: f.Name, Busid: 102,
		FileSize: f.Size, UploadTime: ob11Unix(f.UploadedTime), DeadTime: ob11Unix(f.ExpireTime),
		ModifyTime: ob11Unix(f.UploadedTime), DownloadTimes: int64(f.DownloadedTimes),
		Uploader: f.UploaderID, UploaderName: uploaderName}
}

func ob11GroupFolder(f Folder, creatorName string) onebot11.GroupFolder {
	return onebot11.GroupFolder{GroupID: f.GroupID, FolderID: f.ID, FolderName: f.Name,
		CreateTime: ob11Unix(f.CreatedTime), Creator: f.CreatorID, CreatorName: creatorName,
		TotalFileCount: int64(f.FileCount)}
}
