package adapter

import (
	"context"
	"strconv"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// MilkyToOneBotSegments converts a received Milky message (in the
// conversation scene/peer, which reply segments refer to) to a OneBot 11
// message for the forward bridge. A reply's message_seq becomes the OneBot
// message_id from the store, a forward_id the OneBot forward id. The report
// lists what was lost (nil when nothing was); the error is the store's.
func (c *Converter) MilkyToOneBotSegments(ctx context.Context, scene string, peer int64, segs milky.IncomingSegments) (onebot11.Message, *Report, error) {
	var log lossLog
	msg, err := c.incomingToOneBot(ctx, scene, peer, segs, "segments", &log)
	if err != nil {
		return nil, nil, err
	}
	return msg, log.report(), nil
}

func idx(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (c *Converter) incomingToOneBot(ctx context.Context, scene string, peer int64, segs milky.IncomingSegments, path string, log *lossLog) (onebot11.Message, error) {
	out := make(onebot11.Message, 0, len(segs))
	for i, seg := range segs {
		p := elemPath{path, i}
		switch s := seg.(type) {
		case *milky.IncomingTextSegment:
			out = append(out, &onebot11.TextSegment{Text: s.Text})
		case *milky.IncomingMentionSegment:
			out = append(out, &onebot11.AtSegment{QQ: strconv.FormatInt(s.UserID, 10), Name: s.Name})
		case *milky.IncomingMentionAllSegment:
			out = append(out, onebot11.AtAll())
		case *milky.IncomingFaceSegment:
			out = append(out, &onebot11.FaceSegment{ID: s.FaceID, Large: largeFlag(s.IsLarge)})
		case *milky.IncomingReplySegment:
			id, err := c.OneBotMessageID(ctx, scene, peer, s.MessageSeq)
			if err != nil {
				return nil, err
			}
			out = append(out, onebot11.Reply(int64(id)))
			log.addElem(LossReplyQuote, p, "")
		case *milky.IncomingImageSegment:
			out = append(out, &onebot11.ImageSegment{File: resourceFile(s.ResourceID, s.TempURL), URL: s.TempURL, Summary: s.Summary, SubType: imageSubTypeToOneBot(s.SubType)})
			if s.Width != 0 || s.Height != 0 {
				log.addElem(LossImageResource, p, "")
			}
		case *milky.IncomingRecordSegment:
			out = append(out, &onebot11.RecordSegment{File: resourceFile(s.ResourceID, s.TempURL), URL: s.TempURL})
			if s.Duration != 0 {
				log.addElem(LossRecordResource, p, "")
			}
		case *milky.IncomingVideoSegment:
			out = append(out, &onebot11.VideoSegment{File: resourceFile(s.ResourceID, s.TempURL), URL: s.TempURL})
			if s.Width != 0 || s.Height != 0 || s.Duration != 0 {
				log.addElem(LossVideoResource, p, "")
			}
		case *milky.IncomingFileSegment:
			out = append(out, &onebot11.FileSegment{File: s.FileName, Name: s.FileName, FileID: s.FileID, FileSize: strconv.FormatInt(s.FileSize, 10)})
			if s.FileHash != "" {
				log.addElem(LossFileHash, p, "")
			}
		case *milky.IncomingForwardSegment:
			id, err := c.oneBotForwardID(ctx, s.ForwardID)
			if err != nil {
				return nil, err
			}
			out = append(out, onebot11.Forward(id))
			if s.Title != "" || len(s.Preview) > 0 || s.Summary != "" {
				log.addElem(LossForwardMeta, p, "")
			}
		case *milky.IncomingMarketFaceSegment:
			out = append(out, &onebot11.MFaceSegment{EmojiPackageID: strconv.FormatInt(s.EmojiPackageID, 10), EmojiID: s.EmojiID, Key: s.Key, Summary: s.Summary, URL: s.URL})
		case *milky.IncomingLightAppSegment:
			out = append(out, onebot11.JSONCard(s.JSONPayload))
			if s.AppName != "" && s.AppName != lightAppName(s.JSONPayload) {
				log.addElem(LossLightAppName, p, s.AppName)
			}
		case *milky.IncomingXMLSegment:
			out = append(out, onebot11.XMLCard(s.XMLPayload))
			if s.ServiceID != 0 {
				log.addElem(LossXMLServiceID, p, strconv.FormatInt(s.ServiceID, 10))
			}
		case *milky.IncomingMarkdownSegment:
			out = append(out, onebot11.Markdown(s.Content))
		default:
			out = append(out, onebot11.Text("["+seg.SegmentType()+"]"))
			log.addElem(LossMilkyUnknownSeg, p, seg.SegmentType())
			continue
		}
		if keys := extraKeys(seg); keys != "" {
			log.addElem(LossMilkyExtra, p, keys)
		}
	}
	return out, nil
}

// MilkyOutgoingToOneBot converts a Milky message to send to a OneBot 11
// message for the reverse bridge (a Milky client on a OneBot 11
// implementation). A reply's message_seq becomes the message_id OneBotIDOf
// gives. A forward segment becomes its node list (nodes nest): the API
// bridge sends a message holding nodes with send_forward_msg. No state is
// used, so there is no error.
func (c *Converter) MilkyOutgoingToOneBot(segs milky.OutgoingSegments) (onebot11.Message, *Report) {
	var log lossLog
	msg := outgoingToOneBot(segs, "segments", &log)
	return msg, log.report()
}

func outgoingToOneBot(segs milky.OutgoingSegments, path string, log *lossLog) onebot11.Message {
	out := make(onebot11.Message, 0, len(segs))
	for i, seg := range segs {
		p := idx(path, i)
		switch s := seg.(type) {
		case *milky.OutgoingTextSegment:
			out = append(out, onebot11.Text(s.Text))
		case *milky.OutgoingMentionSegment:
			out = append(out, onebot11.At(s.UserID))
		case *milky.OutgoingMentionAllSegment:
			out = append(out, onebot11.AtAll())
		case *milky.OutgoingFaceSegment:
			out = append(out, &onebot11.FaceSegment{ID: s.FaceID, Large: largeFlag(s.IsLarge)})
		case *milky.OutgoingReplySegment:
			id, ok := OneBotIDOf(s.MessageSeq)
			if !ok || s.MessageSeq > 1<<32-1 {
				log.add(LossReplySeqRange, p, strconv.FormatInt(s.MessageSeq, 10))
			}
			out = append(out, onebot11.Reply(id))
		case *milky.OutgoingImageSegment:
			out = append(out, &onebot11.ImageSegment{File: s.URI, Summary: s.Summary, SubType: outgoingImageSubType(s.SubType)})
		case *milky.OutgoingRecordSegment:
			out = append(out, onebot11.Record(s.URI))
		case *milky.OutgoingVideoSegment:
			out = append(out, &onebot11.VideoSegment{File: s.URI, Cover: s.ThumbURI})
		case *milky.OutgoingForwardSegment:
			if s.Title != "" || len(s.Preview) > 0 || s.Summary != "" || s.Prompt != "" {
				log.add(LossForwardSendMeta, p, "")
			}
			for j, m := range s.Messages {
				node := &onebot11.NodeSegment{
					UserID:   strconv.FormatInt(m.UserID, 10),
					Nickname: m.SenderName,
					Content:  outgoingToOneBot(m.Segments, idx(p+".data.messages", j)+".segments", log),
				}
				if node.Content == nil {
					node.Content = onebot11.Message{}
				}
				if m.Time != 0 {
					node.Time = strconv.FormatInt(m.Time, 10)
				}
				out = append(out, node)
			}
		case *milky.OutgoingLightAppSegment:
			out = append(out, onebot11.JSONCard(s.JSONPayload))
		default:
			log.add(LossMilkyUnknownOutSeg, p, seg.SegmentType())
			continue
		}
		if keys := extraKeys(seg); keys != "" {
			log.add(LossMilkyExtra, p, keys)
		}
	}
	return out
}

func largeFlag(large bool) string {
	if large {
		return "true"
	}
	return ""
}

// imageSubTypeToOneBot maps Milky's image sub_type to go-cqhttp / NapCat's
// subType: 0 normal, 1 sticker.
func imageSubTypeToOneBot(st string) string {
	if st == "sticker" {
		return "1"
	}
	return "0"
}

func outgoingImageSubType(st string) string {
	if st == "sticker" {
		return "1"
	}
	return ""
}

// resourceFile is the OneBot file of a received Milky image, record or
// video: its resource_id, the id get_image, get_record and get_file take
// (as the file of go-cqhttp, NapCat and LLOneBot segments is an id, the
// url the link); the temp_url when an implementation sends no id.
func resourceFile(resourceID, tempURL string) string {
	if resourceID != "" {
		return resourceID
	}
	return tempURL
}
