package adapter

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/segment"
)

// OneBotToMilkySegments converts a OneBot 11 message to send (array or CQ
// string form, already decoded) to Milky outgoing segments for the forward
// bridge. A reply's message_id is looked up in the store and becomes the
// message_seq (the conversation is the send target's: the API bridge
// checks it against the MessageRef if it cares, see MilkyMessageRef). A run
// of custom node segments becomes one forward segment, nested nodes nested
// forwards. Segments Milky cannot send are left out or, where a text is
// meaningful, sent as text; each such case is in the report. The error is
// the store's (an unknown reply id is a loss, not an error).
func (c *Converter) OneBotToMilkySegments(ctx context.Context, msg onebot11.Message) (milky.OutgoingSegments, *Report, error) {
	var log lossLog
	out, err := c.oneBotToOutgoing(ctx, msg, nil, "message", &log)
	if err != nil {
		return nil, nil, err
	}
	return out, log.report(), nil
}

// OneBotToMilkySegmentsTo is OneBotToMilkySegments for a message sent to
// the conversation scene/peer: a reply to a message of another conversation
// (which Milky would read as the message with the same seq in this one) is
// left out and reported (LossReplyOtherChat). Replies inside forwarded
// nodes are not checked (a node's conversation is the one it is shown in).
func (c *Converter) OneBotToMilkySegmentsTo(ctx context.Context, scene string, peer int64, msg onebot11.Message) (milky.OutgoingSegments, *Report, error) {
	var log lossLog
	out, err := c.oneBotToOutgoing(ctx, msg, &MessageRef{Scene: scene, PeerID: peer}, "message", &log)
	if err != nil {
		return nil, nil, err
	}
	return out, log.report(), nil
}

// oneBotToOutgoing converts msg; target, when not nil, is the conversation
// replies must belong to.
func (c *Converter) oneBotToOutgoing(ctx context.Context, msg onebot11.Message, target *MessageRef, path string, log *lossLog) (milky.OutgoingSegments, error) {
	out := make(milky.OutgoingSegments, 0, len(msg))
	mixed := false
	for i := 0; i < len(msg); i++ {
		p := idx(path, i)
		switch s := msg[i].(type) {
		case *onebot11.TextSegment:
			out = append(out, milky.Text(s.Text))
			reportUnused(log, p, s, "text")
		case *onebot11.AtSegment:
			switch id, ok := s.UserID(); {
			case s.IsAll():
				out = append(out, milky.MentionAll())
			case ok:
				out = append(out, milky.Mention(id))
			default:
				out = append(out, milky.Text("@"+s.QQ))
				log.add(LossAtNotNumber, p, s.QQ)
			}
			if s.Name != "" {
				log.add(LossAtName, p, s.Name)
			}
			reportUnused(log, p, s, "qq", "name")
		case *onebot11.FaceSegment:
			out = append(out, &milky.OutgoingFaceSegment{FaceID: s.ID, IsLarge: isLarge(s.Large)})
			reportUnused(log, p, s, "id", "large")
		case *onebot11.ReplySegment:
			id, ok := s.MessageID()
			if !ok {
				log.add(LossReplyUnknownID, p, s.ID)
				continue
			}
			ref, err := c.MilkyMessageRef(ctx, id)
			if errors.Is(err, ErrNotFound) {
				log.add(LossReplyUnknownID, p, s.ID)
				continue
			}
			if err != nil {
				return nil, err
			}
			if target != nil && (ref.Scene != target.Scene || ref.PeerID != target.PeerID) {
				log.add(LossReplyOtherChat, p, ref.String())
				continue
			}
			out = append(out, milky.Reply(ref.Seq))
			reportUnused(log, p, s, "id")
		case *onebot11.ImageSegment:
			uri, ok := sendURI(s.File, s.URL)
			if !ok {
				log.add(LossImageFile, p, "image "+s.File)
				continue
			}
			img := &milky.OutgoingImageSegment{URI: uri, SubType: "normal", Summary: s.Summary}
			if s.SubType == "1" {
				img.SubType = "sticker"
			}
			if s.Type != "" {
				log.add(LossImageFlash, p, s.Type)
			}
			out = append(out, img)
			reportUnused(log, p, s, "file", "url", "type", "summary", "subType")
		case *onebot11.RecordSegment:
			uri, ok := sendURI(s.File, s.URL)
			if !ok {
				log.add(LossImageFile, p, "record "+s.File)
				continue
			}
			out = append(out, milky.Record(uri))
			reportUnused(log, p, s, "file", "url")
		case *onebot11.VideoSegment:
			uri, ok := sendURI(s.File, s.URL)
			if !ok {
				log.add(LossImageFile, p, "video "+s.File)
				continue
			}
			v := &milky.OutgoingVideoSegment{URI: uri}
			if s.Cover != "" {
				if thumb, ok := sendURI(s.Cover, ""); ok {
					v.ThumbURI = thumb
				} else {
					log.add(LossImageFile, p, "video cover "+s.Cover)
				}
			}
			out = append(out, v)
			reportUnused(log, p, s, "file", "url", "cover")
		case *onebot11.JSONSegment:
			out = append(out, milky.LightApp(s.Data))
			reportUnused(log, p, s, "data")
		case *onebot11.MFaceSegment:
			out = append(out, milky.Text(mfaceText(s)))
			log.add(LossMFaceSend, p, "")
		case *onebot11.MarkdownSegment:
			out = append(out, milky.Text(s.Content))
			log.add(LossMarkdownSend, p, "")
		case *onebot11.FileSegment:
			log.add(LossFileSend, p, s.File)
		case *onebot11.XMLSegment:
			log.add(LossXMLSend, p, "")
		case *onebot11.ForwardSegment:
			log.add(LossForwardByID, p, s.ID)
		case *onebot11.NodeSegment:
			j := i
			for j < len(msg) && msg[j].SegmentType() == "node" {
				j++
			}
			fwd, err := c.nodesToForward(ctx, msg[i:j], path, i, log)
			if err != nil {
				return nil, err
			}
			if len(fwd.Messages) > 0 {
				out = append(out, fwd)
			}
			if i > 0 || j < len(msg) {
				mixed = true
			}
			i = j - 1
		case *onebot11.UnknownSegment:
			log.add(LossOneBotUnknownSeg, p, s.Type)
		case nil:
			log.add(LossOneBotUnknownSeg, p, "nil")
		default:
			log.add(LossOneBotOnlySeg, p, s.SegmentType())
		}
	}
	if mixed {
		log.add(LossNodeOutside, path, "")
	}
	return out, nil
}

// nodesToForward converts a run of node segments (msg[start:] of the
// enclosing message at path) to one forward segment.
func (c *Converter) nodesToForward(ctx context.Context, nodes onebot11.Message, path string, start int, log *lossLog) (*milky.OutgoingForwardSegment, error) {
	fwd := &milky.OutgoingForwardSegment{Messages: milky.OutgoingForwardedMessages{}}
	for k, seg := range nodes {
		p := idx(path, start+k)
		n, ok := seg.(*onebot11.NodeSegment)
		if !ok {
			log.add(LossOneBotUnknownSeg, p, seg.SegmentType())
			continue
		}
		if n.ID != "" && len(n.Content) == 0 {
			log.add(LossNodeByID, p, n.ID)
			continue
		}
		uid, _ := n.SenderID()
		content, err := c.oneBotToOutgoing(ctx, n.Content, nil, p+".data.content", log)
		if err != nil {
			return nil, err
		}
		fm := milky.OutgoingForwardedMessage{UserID: uid, SenderName: n.SenderName(), Segments: content}
		if t, ok := parseInt(n.Time); ok {
			fm.Time = t
		}
		fwd.Messages = append(fwd.Messages, fm)
		reportUnused(log, p, n, "id", "user_id", "nickname", "content", "name", "uin", "time")
	}
	return fwd, nil
}

// OneBotMessageToMilky converts a OneBot 11 message received from a OneBot
// implementation to Milky incoming segments for the reverse bridge (a Milky
// client on a OneBot 11 implementation). A reply's message_id becomes the
// message_seq MilkySeqOf gives; media keep the OneBot file as resource_id
// and the url as temp_url; segments with no Milky form become the text
// placeholder "[type]". No state is used, so there is no error.
func (c *Converter) OneBotMessageToMilky(msg onebot11.Message) (milky.IncomingSegments, *Report) {
	var log lossLog
	out := oneBotToIncoming(msg, "message", &log)
	return out, log.report()
}

func oneBotToIncoming(msg onebot11.Message, path string, log *lossLog) milky.IncomingSegments {
	out := make(milky.IncomingSegments, 0, len(msg))
	text := func(t string) { out = append(out, &milky.IncomingTextSegment{Text: t}) }
	for i, seg := range msg {
		p := idx(path, i)
		switch s := seg.(type) {
		case *onebot11.TextSegment:
			text(s.Text)
			reportUnused(log, p, s, "text")
		case *onebot11.AtSegment:
			switch id, ok := s.UserID(); {
			case s.IsAll():
				out = append(out, &milky.IncomingMentionAllSegment{})
			case ok:
				out = append(out, &milky.IncomingMentionSegment{UserID: id, Name: s.Name})
			default:
				text("@" + s.QQ)
				log.add(LossAtNotNumber, p, s.QQ)
			}
			reportUnused(log, p, s, "qq", "name")
		case *onebot11.FaceSegment:
			out = append(out, &milky.IncomingFaceSegment{FaceID: s.ID, IsLarge: isLarge(s.Large)})
			reportUnused(log, p, s, "id", "large")
		case *onebot11.ReplySegment:
			id, ok := s.MessageID()
			if !ok {
				text("[reply]")
				log.add(LossReplyUnknownID, p, s.ID)
				continue
			}
			seq, ok := MilkySeqOf(id)
			if !ok {
				log.add(LossOneBotMessageID, p, s.ID)
			}
			r := &milky.IncomingReplySegment{MessageSeq: seq, Segments: milky.IncomingSegments{}}
			r.SenderID, _ = parseInt(s.QQ)
			r.Time, _ = parseInt(s.Time)
			out = append(out, r)
			log.add(LossReplyQuoteSynth, p, "")
			reportUnused(log, p, s, "id", "qq", "time")
		case *onebot11.ImageSegment:
			st := "normal"
			if s.SubType == "1" {
				st = "sticker"
			}
			out = append(out, &milky.IncomingImageSegment{ResourceID: s.File, TempURL: tempURL(s.File, s.URL), Summary: s.Summary, SubType: st})
			log.add(LossMediaSynth, p, "image")
			reportUnused(log, p, s, "file", "url", "summary", "subType")
		case *onebot11.RecordSegment:
			out = append(out, &milky.IncomingRecordSegment{ResourceID: s.File, TempURL: tempURL(s.File, s.URL)})
			log.add(LossMediaSynth, p, "record")
			reportUnused(log, p, s, "file", "url")
		case *onebot11.VideoSegment:
			out = append(out, &milky.IncomingVideoSegment{ResourceID: s.File, TempURL: tempURL(s.File, s.URL)})
			log.add(LossMediaSynth, p, "video")
			reportUnused(log, p, s, "file", "url")
		case *onebot11.FileSegment:
			f := &milky.IncomingFileSegment{FileID: s.FileID, FileName: s.Name}
			if f.FileID == "" {
				f.FileID = s.File
			}
			if f.FileName == "" {
				f.FileName = s.File
			}
			f.FileSize, _ = parseInt(s.FileSize)
			out = append(out, f)
			reportUnused(log, p, s, "file", "name", "file_id", "file_size")
		case *onebot11.ForwardSegment:
			out = append(out, &milky.IncomingForwardSegment{ForwardID: s.ID, Preview: []string{}})
			reportUnused(log, p, s, "id")
		case *onebot11.JSONSegment:
			out = append(out, &milky.IncomingLightAppSegment{AppName: lightAppName(s.Data), JSONPayload: s.Data})
			reportUnused(log, p, s, "data")
		case *onebot11.XMLSegment:
			out = append(out, &milky.IncomingXMLSegment{XMLPayload: s.Data})
			reportUnused(log, p, s, "data")
		case *onebot11.MFaceSegment:
			mf := &milky.IncomingMarketFaceSegment{EmojiID: s.EmojiID, Key: s.Key, Summary: s.Summary, URL: s.URL}
			var used []string
			if id, ok := parseInt(s.EmojiPackageID); ok {
				mf.EmojiPackageID = id
				used = append(used, "emoji_package_id")
			}
			out = append(out, mf)
			reportUnused(log, p, s, append(used, "emoji_id", "key", "summary", "url")...)
		case *onebot11.MarkdownSegment:
			out = append(out, &milky.IncomingMarkdownSegment{Content: s.Content})
			reportUnused(log, p, s, "content")
		case *onebot11.UnknownSegment:
			text(placeholder(s.Type))
			log.add(LossOneBotUnknownSeg, p, s.Type)
		case nil:
			log.add(LossOneBotUnknownSeg, p, "nil")
		default:
			text(placeholder(s.SegmentType()))
			log.add(LossOneBotOnlySeg, p, s.SegmentType())
		}
	}
	return out
}

func placeholder(typ string) string {
	if typ == "" {
		return "[unknown]"
	}
	return "[" + typ + "]"
}

// reportUnused adds a LossSegmentFields item naming the fields of s that
// are set but not in used, and its extra data keys.
func reportUnused(log *lossLog, path string, s onebot11.Segment, used ...string) {
	d, ok := s.(segment.Data)
	if !ok {
		return
	}
	sc, _, extra := d.SegmentData()
	var names []string
	for i, f := range sc.Fields {
		if slices.Contains(used, f.Name) || isZeroField(d.SegmentField(i)) {
			continue
		}
		names = append(names, f.Name)
	}
	if extra != nil {
		for k := range *extra {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return
	}
	slices.Sort(names)
	log.add(LossSegmentFields, path, s.SegmentType()+": "+strings.Join(names, ", "))
}

func isZeroField(v any) bool {
	switch p := v.(type) {
	case *string:
		return *p == ""
	case *onebot11.Message:
		return len(*p) == 0
	case *json.RawMessage:
		return len(*p) == 0
	case *int64:
		return *p == 0
	case *bool:
		return !*p
	}
	return false
}

func isLarge(v string) bool { return v == "true" || v == "1" }

func parseInt(s string) (int64, bool) {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return v, err == nil
}

// sendURI returns the Milky resource URI for a OneBot file value (with url
// as a fallback): file://, http(s):// and base64:// as they are, an
// absolute path as file://, a data: URI in base64 as base64://.
func sendURI(file, url string) (string, bool) {
	for _, v := range []string{file, url} {
		lv := strings.ToLower(v)
		switch {
		case v == "":
		case strings.HasPrefix(lv, "file://"), strings.HasPrefix(lv, "http://"), strings.HasPrefix(lv, "https://"), strings.HasPrefix(lv, "base64://"):
			return v, true
		case strings.HasPrefix(v, "/"):
			return "file://" + v, true
		case strings.HasPrefix(lv, "data:"):
			if _, data, ok := strings.Cut(v, ";base64,"); ok {
				return "base64://" + data, true
			}
		}
	}
	return "", false
}

// tempURL picks the received url, or the file when it is a URL itself.
func tempURL(file, url string) string {
	if url != "" {
		return url
	}
	if lf := strings.ToLower(file); strings.HasPrefix(lf, "http://") || strings.HasPrefix(lf, "https://") {
		return file
	}
	return ""
}

func mfaceText(s *onebot11.MFaceSegment) string {
	if s.Summary != "" {
		return s.Summary
	}
	return "[mface]"
}

// lightAppName reads the "app" member of a light app's JSON payload ("" when
// the payload is not an object holding a string app).
func lightAppName(payload string) string {
	var v struct {
		App string `json:"app"`
	}
	if json.Unmarshal([]byte(payload), &v) != nil {
		return ""
	}
	return v.App
}
