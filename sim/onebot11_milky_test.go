package sim_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

// One world, both protocols: what the bot does through OneBot 11 shows up
// in the Milky front-end's events and state, and the other way round.
func TestOneBot11WithMilkyFrontEnd(t *testing.T) {
	e := newOB11Env(t, "ws")
	ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()
	mb := sim.NewMilkyBackend(w, nil)
	worldEvents, cancel := w.Subscribe(64)
	defer cancel()
	nextMilky := func() milky.Event {
		t.Helper()
		for ev := range worldEvents {
			if me, ok := mb.Event(ev); ok {
				return me
			}
		}
		t.Fatal("world closed")
		return nil
	}

	// OneBot 11 -> Milky: a message with a segment neither models natively.
	r, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: sim.DemoGroupPlay,
		Message: onebot11.Message{onebot11.Text("from ob11 "), onebot11.At(sim.DemoAlice), onebot11.Dice()}})
	ob11Must(t, err)
	mr, ok := nextMilky().(*milky.MessageReceiveEvent)
	if !ok || mr.Data.PeerID != sim.DemoGroupPlay || mr.Data.SenderID != self {
		t.Fatalf("milky event %+v", mr)
	}
	segs, err := json.Marshal(mr.Data.Segments)
	ob11Must(t, err)
	if !strings.Contains(string(segs), `"text":"from ob11 "`) || !strings.Contains(string(segs), `"user_id":20001`) ||
		!strings.Contains(string(segs), `"type":"dice"`) {
		t.Fatalf("milky segments %s", segs)
	}
	m, err := w.MessageByID(int32(r.MessageID))
	ob11Must(t, err)
	if mr.Data.MessageSeq != m.Seq {
		t.Fatalf("milky seq %d, world seq %d", mr.Data.MessageSeq, m.Seq)
	}

	// Milky -> OneBot 11: the bot's message, a mute and a rename.
	ms, err := mb.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: sim.DemoGroupPlay,
		Message: milky.OutgoingSegments{milky.Text("from milky")}})
	ob11Must(t, err)
	sent := waitOB11(e, func(ev *onebot11.GroupMessageSentEvent) bool { return ev.RawMessage == "from milky" })
	if sent.MessageSeq != ms.MessageSeq {
		t.Fatalf("OneBot message_seq %d, Milky %d", sent.MessageSeq, ms.MessageSeq)
	}
	gm, err := c.GetMsg(ctx, &onebot11.GetMsgParams{MessageID: sent.MessageID})
	ob11Must(t, err)
	if gm.RawMessage != "from milky" {
		t.Fatalf("get_msg of the Milky message %+v", gm)
	}
	ob11Must(t, mb.SetGroupMemberMute(ctx, &milky.SetGroupMemberMuteParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Duration: 120}))
	ban := waitOB11[*onebot11.GroupBanNoticeEvent](e, nil)
	if ban.UserID != sim.DemoEve || ban.Duration != 120 || ban.OperatorID != self {
		t.Fatalf("ban from milky %+v", ban)
	}
	// And state changed through OneBot 11 reads back through Milky.
	ob11Must(t, c.SetGroupCard(ctx, &onebot11.SetGroupCardParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve, Card: "eve!"}))
	mi, err := mb.GetGroupMemberInfo(ctx, &milky.GetGroupMemberInfoParams{GroupID: sim.DemoGroupPlay, UserID: sim.DemoEve})
	ob11Must(t, err)
	if mi.Member.Card != "eve!" {
		t.Fatalf("milky member %+v", mi.Member)
	}
}
