package sim

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMessagingIDsAndSeqs(t *testing.T) {
	w, _, ev := demo(t)
	ids := map[int32]bool{}
	check := func(m Message, err error, wantSeq int64) {
		t.Helper()
		require.NoError(t, err)
		require.Equal(t, wantSeq, m.Seq)
		require.Positive(t, m.ID)
		require.LessOrEqual(t, int64(m.ID), int64(math.MaxInt32))
		require.False(t, ids[m.ID], "id reused")
		ids[m.ID] = true
	}
	m, err := w.UserSendGroup(DemoGroupDev, DemoAlice, txt("hi"))
	check(m, err, 1)
	m, err = w.SendGroup(DemoGroupDev, txt("hello"))
	check(m, err, 2)
	m, err = w.UserSendPrivate(DemoAlice, txt("dm"))
	check(m, err, 1)
	m, err = w.SendPrivate(DemoAlice, txt("dm back"))
	check(m, err, 2)
	m, err = w.SendPrivate(DemoBob, txt("bob"))
	check(m, err, 1)
	m, err = w.UserSendTemp(DemoGroupDev, DemoDave, txt("temp"))
	check(m, err, 1)
	require.Equal(t, DemoGroupDev, m.TempGroup)
	require.Equal(t, SceneTemp, m.Scene)
	require.Equal(t, DemoDave, m.Peer)
	m, err = w.SendGroup(DemoGroupPlay, txt("other group"))
	check(m, err, 1)
	for range 1000 {
		m, err = w.SendGroup(DemoGroupPlay, txt("x"))
		require.NoError(t, err)
		require.Positive(t, m.ID)
		require.False(t, ids[m.ID])
		ids[m.ID] = true
	}

	e := nextAs[*MessageEvent](t, ev)
	require.False(t, e.Self)
	require.Equal(t, "hi", PlainText(e.Message.Content))
	require.Equal(t, "Alice", e.Sender.Nickname)
	require.NotNil(t, e.Group)
	require.Equal(t, "duobot dev", e.Group.Name)
	require.Equal(t, RoleOwner, e.Member.Role)
	e = nextAs[*MessageEvent](t, ev)
	require.True(t, e.Self)
	require.Equal(t, "bot", e.Member.Card)
	e = nextAs[*MessageEvent](t, ev)
	require.NotNil(t, e.Friend)
	require.Equal(t, DemoAlice, e.Friend.User.UIN)

	got, err := w.MessageByID(m.ID)
	require.NoError(t, err)
	require.Equal(t, m, got)
	got, err = w.MessageBySeq(SceneGroup, DemoGroupDev, 2)
	require.NoError(t, err)
	require.Equal(t, w.SelfID(), got.SenderID)
	_, err = w.MessageBySeq(SceneGroup, DemoGroupDev, 3)
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.MessageByID(0)
	require.ErrorIs(t, err, ErrNotFound)

	mem, err := w.Member(DemoGroupDev, DemoAlice)
	require.NoError(t, err)
	require.Equal(t, epoch, mem.LastSentTime)
}

// A group message event's member snapshot already shows the message's
// time as the sender's last-sent time (the bot's own messages too); temp
// messages leave it alone.
func TestMessageEventMemberLastSent(t *testing.T) {
	w, clk, ev := demo(t)
	for _, sender := range []int64{DemoAlice, w.SelfID(), DemoAlice} {
		before, err := w.Member(DemoGroupDev, sender)
		require.NoError(t, err)
		clk.Advance(time.Minute)
		var m Message
		if sender == w.SelfID() {
			m, err = w.SendGroup(DemoGroupDev, txt("x"))
		} else {
			m, err = w.UserSendGroup(DemoGroupDev, sender, txt("x"))
		}
		require.NoError(t, err)
		require.True(t, m.Time.After(before.LastSentTime))
		e := nextAs[*MessageEvent](t, ev)
		require.Equal(t, m.ID, e.Message.ID)
		require.NotNil(t, e.Member)
		require.Equal(t, sender, e.Member.UserID)
		require.Equal(t, m.Time, e.Member.LastSentTime)
		after, err := w.Member(DemoGroupDev, sender)
		require.NoError(t, err)
		require.Equal(t, m.Time, after.LastSentTime)
	}

	before, err := w.Member(DemoGroupDev, DemoDave)
	require.NoError(t, err)
	clk.Advance(time.Minute)
	_, err = w.UserSendTemp(DemoGroupDev, DemoDave, txt("temp"))
	require.NoError(t, err)
	e := nextAs[*MessageEvent](t, ev)
	require.Equal(t, SceneTemp, e.Message.Scene)
	require.NotNil(t, e.Member)
	require.Equal(t, before.LastSentTime, e.Member.LastSentTime)
	after, err := w.Member(DemoGroupDev, DemoDave)
	require.NoError(t, err)
	require.Equal(t, before.LastSentTime, after.LastSentTime)
}

func TestSendPermissions(t *testing.T) {
	w, _, _ := demo(t)
	_, err := w.SendPrivate(DemoDave, txt("not a friend"))
	require.ErrorIs(t, err, ErrPermissionDenied)
	_, err = w.UserSendPrivate(DemoEve, txt("not a friend"))
	require.ErrorIs(t, err, ErrPermissionDenied)
	_, err = w.SendPrivate(99999, txt("nobody"))
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.SendGroup(12345, txt("no group"))
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.UserSendGroup(DemoGroupDev, DemoEve, txt("not a member"))
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.SendGroup(DemoGroupDev, nil)
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.SendGroup(DemoGroupDev, []Element{nil})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.UserSendTemp(DemoGroupDev, DemoEve, txt("eve is not in dev"))
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.SendTemp(DemoGroupDev, w.SelfID(), txt("self"))
	require.ErrorIs(t, err, ErrInvalidArgument)
}

func TestMentionsValidated(t *testing.T) {
	w, _, _ := demo(t)
	m, err := w.SendGroup(DemoGroupDev, []Element{Mention{UserID: DemoCarol}, Text{Text: " hi"}})
	require.NoError(t, err)
	require.Equal(t, Mention{UserID: DemoCarol, Name: "carol (qa)"}, m.Content[0])
	require.Equal(t, "@carol (qa) hi", PlainText(m.Content))
	_, err = w.SendGroup(DemoGroupDev, []Element{Mention{UserID: DemoEve}})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.SendGroup(DemoGroupDev, []Element{MentionAll{}})
	require.NoError(t, err, "the bot is admin in dev")
	_, err = w.UserSendGroup(DemoGroupDev, DemoDave, []Element{MentionAll{}})
	require.ErrorIs(t, err, ErrPermissionDenied)
	_, err = w.SendPrivate(DemoAlice, []Element{MentionAll{}})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.SendPrivate(DemoAlice, []Element{Mention{UserID: DemoBob}})
	require.ErrorIs(t, err, ErrInvalidArgument)
	m, err = w.SendPrivate(DemoAlice, []Element{Mention{UserID: DemoAlice}})
	require.NoError(t, err)
	require.Equal(t, "Alice", m.Content[0].(Mention).Name)
}

func TestReplyReference(t *testing.T) {
	w, clk, _ := demo(t)
	first, err := w.UserSendGroup(DemoGroupDev, DemoAlice, txt("question"))
	require.NoError(t, err)
	clk.Advance(time.Second)
	r, err := w.SendGroup(DemoGroupDev, []Element{Reply{Seq: first.Seq}, Text{Text: "answer"}})
	require.NoError(t, err)
	require.Equal(t, Reply{Seq: 1, MessageID: first.ID, SenderID: DemoAlice, Time: epoch}, r.Content[0])
	require.Equal(t, "[reply #1]answer", PlainText(r.Content))

	r, err = w.SendGroup(DemoGroupDev, []Element{Reply{MessageID: first.ID}, Text{Text: "by id"}})
	require.NoError(t, err)
	require.Equal(t, int64(1), r.Content[0].(Reply).Seq)

	_, err = w.SendGroup(DemoGroupDev, []Element{Reply{Seq: 99}})
	require.ErrorIs(t, err, ErrNotFound)
	other, err := w.SendGroup(DemoGroupPlay, txt("elsewhere"))
	require.NoError(t, err)
	_, err = w.SendGroup(DemoGroupDev, []Element{Reply{MessageID: other.ID}})
	require.ErrorIs(t, err, ErrNotFound, "reply must stay in its conversation")
}

func TestHistoryOrder(t *testing.T) {
	w, clk, _ := demo(t)
	for i := range 10 {
		_, err := w.UserSendGroup(DemoGroupDev, DemoBob, txt(string(rune('a'+i))))
		require.NoError(t, err)
		clk.Advance(time.Second)
	}
	require.NoError(t, w.UserRecall(DemoBob, SceneGroup, DemoGroupDev, 5))

	seqs := func(p HistoryPage) []int64 {
		var s []int64
		for _, m := range p.Messages {
			s = append(s, m.Seq)
		}
		return s
	}
	p, err := w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, Limit: 3})
	require.NoError(t, err)
	require.Equal(t, []int64{10, 9, 8}, seqs(p))
	require.Equal(t, int64(7), p.NextSeq)
	p, err = w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, StartSeq: p.NextSeq, Limit: 3})
	require.NoError(t, err)
	require.Equal(t, []int64{7, 6, 4}, seqs(p), "recalled seq 5 skipped")
	require.Equal(t, int64(3), p.NextSeq)
	p, err = w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, StartSeq: 3, Limit: 5, OldestFirst: true})
	require.NoError(t, err)
	require.Equal(t, []int64{1, 2, 3}, seqs(p))
	require.Zero(t, p.NextSeq)
	p, err = w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, StartSeq: 6, Limit: 2, IncludeRecalled: true})
	require.NoError(t, err)
	require.Equal(t, []int64{6, 5}, seqs(p))
	require.True(t, p.Messages[1].Recalled)
	p, err = w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev})
	require.NoError(t, err)
	require.Len(t, p.Messages, 9)

	p, err = w.History(HistoryQuery{Scene: SceneFriend, Peer: DemoAlice})
	require.NoError(t, err)
	require.Empty(t, p.Messages)
	_, err = w.History(HistoryQuery{Scene: SceneGroup, Peer: 1})
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.History(HistoryQuery{Scene: "guild", Peer: 1})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.History(HistoryQuery{Scene: SceneGroup, Peer: DemoGroupDev, Limit: -1})
	require.ErrorIs(t, err, ErrInvalidArgument)
}

func TestRecallPermissions(t *testing.T) {
	w, clk, ev := demo(t)
	// dev: Alice owner, bot admin, Bob admin, Carol and Dave members.
	send := func(uin int64) Message {
		t.Helper()
		m, err := w.UserSendGroup(DemoGroupDev, uin, txt("m"))
		require.NoError(t, err)
		require.IsType(t, &MessageEvent{}, ev.next())
		return m
	}
	carol := send(DemoCarol)
	require.NoError(t, w.Recall(SceneGroup, DemoGroupDev, carol.Seq), "admin recalls a member's message")
	re := nextAs[*RecallEvent](t, ev)
	require.Equal(t, RecallEvent{EventHeader: re.EventHeader, Scene: SceneGroup, Peer: DemoGroupDev, Seq: carol.Seq,
		MessageID: carol.ID, SenderID: DemoCarol, OperatorID: w.SelfID()}, *re)
	require.ErrorIs(t, w.Recall(SceneGroup, DemoGroupDev, carol.Seq), ErrInvalidArgument, "already recalled")
	got, err := w.MessageByID(carol.ID)
	require.NoError(t, err)
	require.True(t, got.Recalled)
	require.Equal(t, w.SelfID(), got.RecalledBy)

	bob := send(DemoBob)
	require.ErrorIs(t, w.Recall(SceneGroup, DemoGroupDev, bob.Seq), ErrPermissionDenied, "admin cannot recall admin")
	alice := send(DemoAlice)
	require.ErrorIs(t, w.Recall(SceneGroup, DemoGroupDev, alice.Seq), ErrPermissionDenied, "admin cannot recall owner")
	require.NoError(t, w.UserRecall(DemoAlice, SceneGroup, DemoGroupDev, bob.Seq), "owner recalls admin")
	require.IsType(t, &RecallEvent{}, ev.next())

	dave := send(DemoDave)
	require.ErrorIs(t, w.UserRecall(DemoCarol, SceneGroup, DemoGroupDev, dave.Seq), ErrPermissionDenied, "member cannot recall others")
	clk.Advance(3 * time.Minute)
	require.ErrorIs(t, w.UserRecall(DemoDave, SceneGroup, DemoGroupDev, dave.Seq), ErrPermissionDenied, "window passed")
	own, err := w.SendGroup(DemoGroupDev, txt("mine"))
	require.NoError(t, err)
	clk.Advance(time.Hour)
	require.NoError(t, w.Recall(SceneGroup, DemoGroupDev, own.Seq), "admins recall their own any time")

	// Friend scene: only the sender, within the window.
	pm, err := w.UserSendPrivate(DemoAlice, txt("dm"))
	require.NoError(t, err)
	require.ErrorIs(t, w.Recall(SceneFriend, DemoAlice, pm.Seq), ErrPermissionDenied)
	require.ErrorIs(t, w.UserRecall(DemoBob, SceneFriend, DemoAlice, pm.Seq), ErrNotFound)
	require.NoError(t, w.UserRecall(DemoAlice, SceneFriend, DemoAlice, pm.Seq))
	mine, err := w.SendPrivate(DemoAlice, txt("oops"))
	require.NoError(t, err)
	clk.Advance(DefaultRecallWindow + time.Second)
	require.ErrorIs(t, w.RecallByID(mine.ID), ErrPermissionDenied)
	mine, err = w.SendPrivate(DemoAlice, txt("oops again"))
	require.NoError(t, err)
	require.NoError(t, w.RecallByID(mine.ID))
	require.ErrorIs(t, w.RecallByID(1), ErrNotFound)
}

func TestRecallWindowOption(t *testing.T) {
	w, clk, _ := demo(t, WithRecallWindow(0))
	m, err := w.SendPrivate(DemoAlice, txt("x"))
	require.NoError(t, err)
	clk.Advance(24 * time.Hour)
	require.NoError(t, w.RecallByID(m.ID))
}

func TestContentMediaAndForward(t *testing.T) {
	w, clk, _ := demo(t, WithBaseURL("http://127.0.0.1:9"))
	content := []Element{
		Image{URI: "base64://AAAA", Summary: "[pic]"},
		Record{URI: "file:///a.amr"},
		Video{URI: "https://x/v.mp4"},
		Forward{Title: "log", Nodes: []ForwardNode{
			{UserID: DemoBob, Content: txt("inner")},
			{UserID: 12345, Name: "ghost", Time: epoch.Add(-time.Hour), Content: []Element{
				Forward{Nodes: []ForwardNode{{UserID: DemoAlice, Content: []Element{Image{URI: "base64://BB"}}}}},
			}},
		}},
		Unknown{Type: "dice", Raw: json.RawMessage(`{"result":"3"}`)},
		Face{ID: "14"}, MarketFace{Summary: "[doge]"}, LightApp{AppName: "map", JSON: "{}"}, XML{}, Markdown{Content: "**b**"},
		File{Name: "a.txt"},
	}
	clk.Advance(time.Minute)
	m, err := w.SendGroup(DemoGroupDev, content)
	require.NoError(t, err)
	img := m.Content[0].(Image)
	require.NotEmpty(t, img.ResourceID)
	require.Equal(t, "http://127.0.0.1:9/resource/"+img.ResourceID, img.URL)
	require.Equal(t, "normal", img.SubType)
	res, err := w.Resource(img.ResourceID)
	require.NoError(t, err)
	require.Equal(t, Resource{ID: img.ResourceID, Kind: "image", URI: "base64://AAAA", URL: img.URL}, res)
	require.NotEmpty(t, m.Content[1].(Record).ResourceID)
	require.NotEmpty(t, m.Content[2].(Video).URL)
	fw := m.Content[3].(Forward)
	require.NotEmpty(t, fw.ID)
	nodes, err := w.Forward(fw.ID)
	require.NoError(t, err)
	require.Len(t, nodes, 2)
	require.Equal(t, "Bob", nodes[0].Name)
	require.Equal(t, epoch.Add(time.Minute), nodes[0].Time)
	require.Equal(t, epoch.Add(-time.Hour), nodes[1].Time)
	inner := nodes[1].Content[0].(Forward)
	require.NotEmpty(t, inner.ID)
	_, err = w.Forward(inner.ID)
	require.NoError(t, err)
	require.NotEmpty(t, inner.Nodes[0].Content[0].(Image).ResourceID)
	require.Equal(t, Unknown{Type: "dice", Raw: json.RawMessage(`{"result":"3"}`)}, m.Content[4])
	require.Equal(t, "[pic][voice][video][forward: log][dice][face:14][doge][app: map][xml]**b**[file: a.txt]", PlainText(m.Content))

	// Forward by id reuses the stored nodes.
	_, err = w.SendGroup(DemoGroupPlay, []Element{Forward{ID: fw.ID}})
	require.NoError(t, err)
	_, err = w.SendGroup(DemoGroupPlay, []Element{Forward{ID: "nope"}})
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.SendGroup(DemoGroupPlay, []Element{Forward{}})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.Resource("nope")
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.Forward("nope")
	require.ErrorIs(t, err, ErrNotFound)
}

func TestSnapshotsAreCopies(t *testing.T) {
	w, _, _ := demo(t)
	in := []Element{Text{Text: "a"}, Forward{Preview: []string{"p"}, Nodes: []ForwardNode{{UserID: DemoBob, Content: txt("n")}}},
		Unknown{Type: "x", Raw: json.RawMessage(`{}`)}}
	m, err := w.SendGroup(DemoGroupDev, in)
	require.NoError(t, err)
	in[0] = Text{Text: "changed"}
	in[1].(Forward).Nodes[0].Content[0] = Text{Text: "changed"}
	in[2].(Unknown).Raw[0] = '['
	m.Content[1].(Forward).Preview[0] = "changed"
	require.NoError(t, w.UserReact(DemoGroupDev, DemoBob, m.Seq, "1", "", true))
	got, err := w.MessageByID(m.ID)
	require.NoError(t, err)
	got.Reactions[0].Users[0] = 1
	got2, err := w.MessageByID(m.ID)
	require.NoError(t, err)
	require.Equal(t, "a", got2.Content[0].(Text).Text)
	require.Equal(t, "p", got2.Content[1].(Forward).Preview[0])
	require.Equal(t, "n", got2.Content[1].(Forward).Nodes[0].Content[0].(Text).Text)
	require.Equal(t, json.RawMessage(`{}`), got2.Content[2].(Unknown).Raw)
	require.Equal(t, []int64{DemoBob}, got2.Reactions[0].Users)
}

func TestMarkRead(t *testing.T) {
	w, _, _ := demo(t)
	for range 3 {
		_, err := w.UserSendPrivate(DemoAlice, txt("x"))
		require.NoError(t, err)
	}
	require.Zero(t, w.ReadSeq(SceneFriend, DemoAlice))
	require.NoError(t, w.MarkRead(SceneFriend, DemoAlice, 2))
	require.Equal(t, int64(2), w.ReadSeq(SceneFriend, DemoAlice))
	require.NoError(t, w.MarkRead(SceneFriend, DemoAlice, 1))
	require.Equal(t, int64(2), w.ReadSeq(SceneFriend, DemoAlice), "never moves back")
	require.ErrorIs(t, w.MarkRead(SceneFriend, DemoAlice, 4), ErrNotFound)
}
