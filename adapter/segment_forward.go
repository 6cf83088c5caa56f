package adapter

import (
	"context"
	"net/url"
	"strconv"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// MilkyForwardedToOneBot converts the messages of a Milky forward (the
// result of get_forwarded_messages) to OneBot 11 forward nodes (the
// "messages" form of get_forward_msg; ForwardNodes gives the node-segment
// form) for the forward bridge. Milky gives no sender id, only a name and
// an avatar URL: user_id is read from the avatar URL's dst_uin or nk
// parameter when it has one, else 0. Reply segments inside are taken to
// refer to the conversation scene/peer (the one the forward was received
// in). The error is the store's.
func (c *Converter) MilkyForwardedToOneBot(ctx context.Context, scene string, peer int64, msgs []milky.IncomingForwardedMessage) ([]onebot11.ForwardMessage, *Report, error) {
	var log lossLog
	out := make([]onebot11.ForwardMessage, 0, len(msgs))
	for i, m := range msgs {
		p := idx("messages", i)
		content, err := c.incomingToOneBot(ctx, scene, peer, m.Segments, p+".segments", &log)
		if err != nil {
			return nil, nil, err
		}
		uid, ok := uinFromAvatar(m.AvatarURL)
		if !ok {
			log.add(LossForwardedSender, p, "no user id in avatar_url")
		}
		log.add(LossForwardedSeq, p, strconv.FormatInt(m.MessageSeq, 10))
		if keys := extraKeys(&m); keys != "" {
			log.add(LossMilkyExtra, p, keys)
		}
		out = append(out, onebot11.ForwardMessage{
			Content:       content,
			Sender:        onebot11.Sender{UserID: uid, Nickname: m.SenderName},
			Time:          m.Time,
			MessageType:   messageTypeOf(scene),
			MessageFormat: "array",
		})
	}
	return out, log.report(), nil
}

// ForwardNodes returns forward messages as the node segments of the
// standard get_forward_msg result (and of send_forward_msg).
func ForwardNodes(msgs []onebot11.ForwardMessage) onebot11.Message {
	out := make(onebot11.Message, 0, len(msgs))
	for _, m := range msgs {
		n := &onebot11.NodeSegment{UserID: strconv.FormatInt(m.Sender.UserID, 10), Nickname: m.Sender.Nickname, Content: m.Content}
		if m.Time != 0 {
			n.Time = strconv.FormatInt(m.Time, 10)
		}
		out = append(out, n)
	}
	return out
}

// OneBotForwardToMilky converts a OneBot 11 get_forward_msg result (either
// form) to the messages of a Milky get_forwarded_messages result for the
// reverse bridge. OneBot nodes carry no message id: message_seq is 0.
// avatar_url is the QQ avatar URL of the sender's user_id.
func (c *Converter) OneBotForwardToMilky(res *onebot11.GetForwardMsgResult) ([]milky.IncomingForwardedMessage, *Report) {
	var log lossLog
	out := []milky.IncomingForwardedMessage{}
	add := func(p string, uid int64, name, card string, t int64, content onebot11.Message) {
		if card != "" {
			name = card
		}
		f := milky.IncomingForwardedMessage{SenderName: name, Time: t, Segments: oneBotToIncoming(content, p+".content", &log)}
		if uid != 0 {
			f.AvatarURL = avatarURL(uid)
		}
		log.add(LossOneBotForwardSeq, p, "")
		out = append(out, f)
	}
	for i, m := range res.Messages {
		add(idx("messages", i), m.Sender.UserID, m.Sender.Nickname, m.Sender.Card, m.Time, m.Content)
	}
	for i, seg := range res.Message {
		p := idx("message", i)
		n, ok := seg.(*onebot11.NodeSegment)
		if !ok {
			log.add(LossOneBotUnknownSeg, p, seg.SegmentType())
			continue
		}
		uid, _ := n.SenderID()
		t, _ := parseInt(n.Time)
		add(p, uid, n.SenderName(), "", t, n.Content)
	}
	return out, log.report()
}

func messageTypeOf(scene string) string {
	if scene == SceneGroup {
		return "group"
	}
	return "private"
}

// avatarURL is the public QQ avatar URL of a user.
func avatarURL(uid int64) string {
	return "https://q.qlogo.cn/headimg_dl?dst_uin=" + strconv.FormatInt(uid, 10) + "&spec=640"
}

// uinFromAvatar reads the QQ number of a QQ avatar URL (its dst_uin or nk
// query parameter).
func uinFromAvatar(u string) (int64, bool) {
	pu, err := url.Parse(u)
	if err != nil {
		return 0, false
	}
	q := pu.Query()
	for _, k := range []string{"dst_uin", "nk"} {
		if v, ok := parseInt(q.Get(k)); ok && v > 0 {
			return v, true
		}
	}
	return 0, false
}
