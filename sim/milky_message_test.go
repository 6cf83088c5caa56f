package sim

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/milky"
)

func TestMilkyGroupMessageEveryKind(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()
	png := []byte("\x89PNG\r\n\x1a\nfake image")

	// Bob says something the bot will quote.
	_, err := e.w.UserSendGroup(DemoGroupDev, DemoBob, []Element{Text{Text: "ship it?"}})
	require.NoError(t, err)
	recv := mkNext[*milky.MessageReceiveEvent](e)
	require.True(t, recv.Data.IsGroup())
	assert.Equal(t, DemoBob, recv.Data.SenderID)
	assert.Equal(t, int64(1), recv.Data.MessageSeq)
	require.NotNil(t, recv.Data.Group)
	assert.Equal(t, "duobot dev", recv.Data.Group.GroupName)
	require.NotNil(t, recv.Data.GroupMember)
	assert.Equal(t, milky.RoleAdmin, recv.Data.GroupMember.Role)
	assert.Equal(t, "reviewer", recv.Data.GroupMember.Title)
	// The member snapshot already shows this send (the world records it
	// before the event).
	assert.Equal(t, recv.Data.Time, recv.Data.GroupMember.LastSentTime)
	assert.Equal(t, `[{"type":"text","data":{"text":"ship it?"}}]`, mkJSON(t, recv.Data.Segments))

	msg := milky.OutgoingSegments{
		milky.Reply(1),
		milky.Text("yes "),
		milky.Mention(DemoBob),
		milky.MentionAll(),
		milky.LargeFace("14"),
		milky.ImageBytes(png),
		milky.Sticker("https://example.invalid/s.gif"),
		milky.Record("https://example.invalid/v.amr"),
		milky.Video("https://example.invalid/v.mp4", "https://example.invalid/v.jpg"),
		milky.LightApp(`{"app":"com.tencent.miniapp","view":"x"}`),
		&milky.OutgoingForwardSegment{
			Title: "chat log", Preview: []string{"Alice: hi"}, Summary: "2 messages", Prompt: "[chat log]",
			Messages: milky.OutgoingForwardedMessages{
				milky.ForwardedMessage(DemoAlice, "Alice", milky.Text("hi")),
				{UserID: DemoCarol, SenderName: "", Time: mkEpoch.Add(-time.Hour).Unix(), Segments: milky.OutgoingSegments{milky.Reply(1), milky.Face("1")}},
			},
		},
		&milky.UnknownOutgoingSegment{Type: "dice", Raw: json.RawMessage(`{"type":"dice","data":{"result":6}}`)},
	}
	// The dice segment is not a Milky 1.2 type: it is kept as is, which the
	// official schema reads as an "[unknown]" text.
	e.lenient.Store(true)
	res, err := e.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: msg})
	require.NoError(t, err)
	assert.Equal(t, int64(2), res.MessageSeq)
	assert.Equal(t, mkEpoch.Unix(), res.Time)

	// The world holds the message.
	stored, err := e.w.MessageBySeq(SceneGroup, DemoGroupDev, 2)
	require.NoError(t, err)
	assert.Equal(t, e.w.SelfID(), stored.SenderID)
	require.Len(t, stored.Content, len(msg))
	assert.Equal(t, Reply{Seq: 1, MessageID: stored.Content[0].(Reply).MessageID, SenderID: DemoBob, Time: mkEpoch}, stored.Content[0])
	assert.Equal(t, Face{ID: "14", Large: true}, stored.Content[4])
	img := stored.Content[5].(Image)
	assert.Equal(t, milky.Base64URI(png), img.URI)
	assert.Equal(t, "sticker", stored.Content[6].(Image).SubType)
	assert.Equal(t, LightApp{AppName: "com.tencent.miniapp", JSON: `{"app":"com.tencent.miniapp","view":"x"}`}, stored.Content[9])
	fwd := stored.Content[10].(Forward)
	require.Len(t, fwd.Nodes, 2)
	assert.Equal(t, "Carol", fwd.Nodes[1].Name, "world fills the node's name")
	assert.Equal(t, Unknown{Type: "dice", Raw: json.RawMessage(`{"result":6}`)}, stored.Content[11])

	// The bot's own message is delivered as message_receive.
	recv = mkNext[*milky.MessageReceiveEvent](e)
	assert.Equal(t, e.w.SelfID(), recv.Data.SenderID)
	assert.Equal(t, int64(2), recv.Data.MessageSeq)
	assert.Equal(t, "bot", recv.Data.GroupMember.Card)
	segs := recv.Data.Segments
	require.Len(t, segs, len(msg))
	reply := segs[0].(*milky.IncomingReplySegment)
	assert.Equal(t, int64(1), reply.MessageSeq)
	assert.Equal(t, DemoBob, reply.SenderID)
	assert.Equal(t, "Bob", reply.SenderName)
	assert.Equal(t, mkEpoch.Unix(), reply.Time)
	assert.Equal(t, `[{"type":"text","data":{"text":"ship it?"}}]`, mkJSON(t, reply.Segments))
	assert.Equal(t, `{"type":"mention","data":{"user_id":20002,"name":"Bob"}}`, mkJSON(t, segs[2]))
	assert.IsType(t, &milky.IncomingMentionAllSegment{}, segs[3])
	assert.Equal(t, `{"type":"face","data":{"face_id":"14","is_large":true}}`, mkJSON(t, segs[4]))
	im := segs[5].(*milky.IncomingImageSegment)
	assert.Equal(t, img.ResourceID, im.ResourceID)
	assert.Equal(t, "normal", im.SubType)
	assert.Equal(t, e.hs.URL+"/resource/"+img.ResourceID, im.TempURL)
	assert.Equal(t, "sticker", segs[6].(*milky.IncomingImageSegment).SubType)
	assert.NotEmpty(t, segs[7].(*milky.IncomingRecordSegment).ResourceID)
	assert.NotEmpty(t, segs[8].(*milky.IncomingVideoSegment).TempURL)
	assert.Equal(t, `{"type":"light_app","data":{"app_name":"com.tencent.miniapp","json_payload":"{\"app\":\"com.tencent.miniapp\",\"view\":\"x\"}"}}`, mkJSON(t, segs[9]))
	fs := segs[10].(*milky.IncomingForwardSegment)
	assert.Equal(t, `{"type":"forward","data":{"forward_id":"`+fwd.ID+`","title":"chat log","preview":["Alice: hi"],"summary":"2 messages"}}`, mkJSON(t, fs))
	unk := segs[11].(*milky.UnknownIncomingSegment)
	assert.Equal(t, "dice", unk.Type)
	assert.JSONEq(t, `{"type":"dice","data":{"result":6}}`, string(unk.Raw))

	// Resource URLs serve the content (base64) or redirect (http).
	u, err := e.c.GetResourceTempURL(ctx, &milky.GetResourceTempURLParams{ResourceID: im.ResourceID})
	require.NoError(t, err)
	assert.Equal(t, im.TempURL, u.URL)
	code, body, hdr := e.get(u.URL)
	assert.Equal(t, 200, code)
	assert.Equal(t, png, body)
	assert.Equal(t, "image/png", hdr.Get("Content-Type"))
	code, _, hdr = e.get(segs[7].(*milky.IncomingRecordSegment).TempURL)
	assert.Equal(t, 302, code)
	assert.Equal(t, "https://example.invalid/v.amr", hdr.Get("Location"))
	_, err = e.c.GetResourceTempURL(ctx, &milky.GetResourceTempURLParams{ResourceID: "image_nope"})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	// The forward's nodes.
	fm, err := e.c.GetForwardedMessages(ctx, &milky.GetForwardedMessagesParams{ForwardID: fs.ForwardID})
	require.NoError(t, err)
	require.Len(t, fm.Messages, 2)
	assert.Equal(t, int64(1), fm.Messages[0].MessageSeq)
	assert.Equal(t, "Alice", fm.Messages[0].SenderName)
	assert.Equal(t, mkEpoch.Unix(), fm.Messages[0].Time)
	assert.NotEmpty(t, fm.Messages[0].AvatarURL)
	assert.Equal(t, `[{"type":"text","data":{"text":"hi"}}]`, mkJSON(t, fm.Messages[0].Segments))
	assert.Equal(t, mkEpoch.Add(-time.Hour).Unix(), fm.Messages[1].Time)
	// A reply inside the forward quotes its first node.
	nr := fm.Messages[1].Segments[0].(*milky.IncomingReplySegment)
	assert.Equal(t, DemoAlice, nr.SenderID)
	assert.Equal(t, "Alice", nr.SenderName)
	assert.Equal(t, `[{"type":"text","data":{"text":"hi"}}]`, mkJSON(t, nr.Segments))
	_, err = e.c.GetForwardedMessages(ctx, &milky.GetForwardedMessagesParams{ForwardID: "nope"})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	// get_message and history give the same message.
	gm, err := e.c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev, MessageSeq: 2})
	require.NoError(t, err)
	assert.Equal(t, mkJSON(t, recv.Data), mkJSON(t, gm.Message))
	assert.Equal(t, mkEpoch.Unix(), gm.Message.GroupMember.LastSentTime)
	hist, err := e.c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev})
	require.NoError(t, err)
	require.Len(t, hist.Messages, 2)
	assert.Equal(t, int64(1), hist.Messages[0].MessageSeq, "oldest first")
	assert.Nil(t, hist.NextMessageSeq)
	hist, err = e.c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev, StartMessageSeq: mkPtr[int64](2), Limit: mkPtr[int64](1)})
	require.NoError(t, err)
	require.Len(t, hist.Messages, 1)
	assert.Equal(t, int64(2), hist.Messages[0].MessageSeq)
	require.NotNil(t, hist.NextMessageSeq)
	assert.Equal(t, int64(1), *hist.NextMessageSeq)

	// Bad sends change nothing.
	_, err = e.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: milky.OutgoingSegments{milky.Image("ftp://nope")}})
	mkAPIErr(t, err, milky.RetcodeBadParams)
	_, err = e.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: milky.OutgoingSegments{milky.Mention(DemoEve)}})
	mkAPIErr(t, err, milky.RetcodeBadParams)
	_, err = e.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: milky.OutgoingSegments{milky.Reply(99)}})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	_, err = e.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: 30099, Message: milky.OutgoingSegments{milky.Text("x")}})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	e.none()

	// Recall: the bot's own message, then Bob's (the bot outranks no admin).
	require.NoError(t, e.c.RecallGroupMessage(ctx, &milky.RecallGroupMessageParams{GroupID: DemoGroupDev, MessageSeq: 2}))
	rc := mkNext[*milky.MessageRecallEvent](e)
	assert.Equal(t, milky.MessageRecallEventData{MessageScene: "group", PeerID: DemoGroupDev, MessageSeq: 2, SenderID: e.w.SelfID(), OperatorID: e.w.SelfID()}, rc.Data)
	stored, err = e.w.MessageBySeq(SceneGroup, DemoGroupDev, 2)
	require.NoError(t, err)
	assert.True(t, stored.Recalled)
	_, err = e.c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev, MessageSeq: 2})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	hist, err = e.c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev})
	require.NoError(t, err)
	assert.Len(t, hist.Messages, 1, "recalled messages are omitted")
	err = e.c.RecallGroupMessage(ctx, &milky.RecallGroupMessageParams{GroupID: DemoGroupDev, MessageSeq: 1})
	mkAPIErr(t, err, MilkyRetcodePermissionDenied)

	// Carol's message can be recalled by the admin bot.
	_, err = e.w.UserSendGroup(DemoGroupDev, DemoCarol, []Element{Text{Text: "oops"}})
	require.NoError(t, err)
	recv = mkNext[*milky.MessageReceiveEvent](e)
	assert.Equal(t, "carol (qa)", recv.Data.GroupMember.Card)
	require.NoError(t, e.c.RecallGroupMessage(ctx, &milky.RecallGroupMessageParams{GroupID: DemoGroupDev, MessageSeq: 3}))
	rc = mkNext[*milky.MessageRecallEvent](e)
	assert.Equal(t, DemoCarol, rc.Data.SenderID)
	assert.Equal(t, e.w.SelfID(), rc.Data.OperatorID)

	// Read marks.
	require.NoError(t, e.c.MarkMessageAsRead(ctx, &milky.MarkMessageAsReadParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev, MessageSeq: 3}))
	assert.Equal(t, int64(3), e.w.ReadSeq(SceneGroup, DemoGroupDev))
	mkAPIErr(t, e.c.MarkMessageAsRead(ctx, &milky.MarkMessageAsReadParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupDev, MessageSeq: 9}), MilkyRetcodeNotFound)
	e.none()
}

func TestMilkyPrivateAndTempMessages(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()

	_, err := e.w.UserSendPrivate(DemoBob, []Element{Text{Text: "hi bot"}})
	require.NoError(t, err)
	recv := mkNext[*milky.MessageReceiveEvent](e)
	require.True(t, recv.Data.IsFriend())
	assert.Equal(t, DemoBob, recv.Data.PeerID)
	assert.Equal(t, DemoBob, recv.Data.SenderID)
	require.NotNil(t, recv.Data.Friend)
	assert.Equal(t, "bob (work)", recv.Data.Friend.Remark)
	assert.Nil(t, recv.Data.Group)

	res, err := e.c.SendPrivateMessage(ctx, &milky.SendPrivateMessageParams{UserID: DemoBob, Message: milky.OutgoingSegments{milky.Reply(1), milky.Text("hello "), milky.Mention(DemoBob)}})
	require.NoError(t, err)
	assert.Equal(t, int64(2), res.MessageSeq)
	recv = mkNext[*milky.MessageReceiveEvent](e)
	assert.Equal(t, e.w.SelfID(), recv.Data.SenderID)
	assert.Equal(t, DemoBob, recv.Data.PeerID)
	assert.Equal(t, DemoBob, recv.Data.Friend.UserID)
	reply := recv.Data.Segments[0].(*milky.IncomingReplySegment)
	assert.Equal(t, "bob (work)", reply.SenderName)

	page, err := e.w.History(HistoryQuery{Scene: SceneFriend, Peer: DemoBob, OldestFirst: true})
	require.NoError(t, err)
	require.Len(t, page.Messages, 2)
	assert.Equal(t, "hello @Bob", PlainText(page.Messages[1].Content[1:]))

	_, err = e.c.SendPrivateMessage(ctx, &milky.SendPrivateMessageParams{UserID: DemoDave, Message: milky.OutgoingSegments{milky.Text("x")}})
	mkAPIErr(t, err, MilkyRetcodePermissionDenied) // not a friend
	_, err = e.c.SendPrivateMessage(ctx, &milky.SendPrivateMessageParams{UserID: 99999, Message: milky.OutgoingSegments{milky.Text("x")}})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	_, err = e.c.SendPrivateMessage(ctx, &milky.SendPrivateMessageParams{UserID: DemoBob, Message: milky.OutgoingSegments{milky.MentionAll()}})
	mkAPIErr(t, err, milky.RetcodeBadParams)

	require.NoError(t, e.c.RecallPrivateMessage(ctx, &milky.RecallPrivateMessageParams{UserID: DemoBob, MessageSeq: 2}))
	rc := mkNext[*milky.MessageRecallEvent](e)
	assert.Equal(t, milky.MessageRecallEventData{MessageScene: "friend", PeerID: DemoBob, MessageSeq: 2, SenderID: e.w.SelfID(), OperatorID: e.w.SelfID()}, rc.Data)
	mkAPIErr(t, e.c.RecallPrivateMessage(ctx, &milky.RecallPrivateMessageParams{UserID: DemoBob, MessageSeq: 1}), MilkyRetcodePermissionDenied)

	// Bob recalls his own message.
	require.NoError(t, e.w.UserRecall(DemoBob, SceneFriend, DemoBob, 1))
	rc = mkNext[*milky.MessageRecallEvent](e)
	assert.Equal(t, DemoBob, rc.Data.OperatorID)

	// A temp session from Dave through the dev group.
	_, err = e.w.UserSendTemp(DemoGroupDev, DemoDave, []Element{Text{Text: "psst"}})
	require.NoError(t, err)
	recv = mkNext[*milky.MessageReceiveEvent](e)
	require.True(t, recv.Data.IsTemp())
	assert.Equal(t, DemoDave, recv.Data.PeerID)
	require.NotNil(t, recv.Data.Group)
	assert.Equal(t, DemoGroupDev, recv.Data.Group.GroupID)
	assert.Nil(t, recv.Data.Friend)
	gm, err := e.c.GetMessage(ctx, &milky.GetMessageParams{MessageScene: milky.SceneTemp, PeerID: DemoDave, MessageSeq: 1})
	require.NoError(t, err)
	assert.Equal(t, mkJSON(t, recv.Data), mkJSON(t, gm.Message))
	require.NoError(t, e.c.MarkMessageAsRead(ctx, &milky.MarkMessageAsReadParams{MessageScene: milky.SceneTemp, PeerID: DemoDave, MessageSeq: 1}))
	assert.Equal(t, int64(1), e.w.ReadSeq(SceneTemp, DemoDave))

	// History limits: more than MilkyHistoryLimit is lowered to it.
	for range 35 {
		_, err := e.w.UserSendPrivate(DemoAlice, []Element{Text{Text: "spam"}})
		require.NoError(t, err)
		mkNext[*milky.MessageReceiveEvent](e)
	}
	hist, err := e.c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: milky.SceneFriend, PeerID: DemoAlice, Limit: mkPtr[int64](100)})
	require.NoError(t, err)
	assert.Len(t, hist.Messages, MilkyHistoryLimit)
	require.NotNil(t, hist.NextMessageSeq)
	assert.Equal(t, int64(5), *hist.NextMessageSeq)
	assert.Equal(t, int64(35), hist.Messages[MilkyHistoryLimit-1].MessageSeq)
	hist, err = e.c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: milky.SceneFriend, PeerID: DemoAlice, Limit: mkPtr[int64](0)})
	require.NoError(t, err)
	assert.Empty(t, hist.Messages)
	_, err = e.c.GetHistoryMessages(ctx, &milky.GetHistoryMessagesParams{MessageScene: "nope", PeerID: DemoAlice})
	mkAPIErr(t, err, milky.RetcodeBadParams)
	e.none()
}

func TestMilkyIgnoreSelfMessages(t *testing.T) {
	e := newMkEnv(t, func(c *mkConfig) { c.opts.IgnoreSelfMessages = true })
	_, err := e.c.SendGroupMessage(t.Context(), &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: milky.OutgoingSegments{milky.Text("quiet")}})
	require.NoError(t, err)
	_, err = e.w.UserSendGroup(DemoGroupDev, DemoBob, []Element{Text{Text: "loud"}})
	require.NoError(t, err)
	recv := mkNext[*milky.MessageReceiveEvent](e)
	assert.Equal(t, DemoBob, recv.Data.SenderID)
	assert.Equal(t, int64(2), recv.Data.MessageSeq)
}
