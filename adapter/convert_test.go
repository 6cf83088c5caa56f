package adapter

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

func TestNewConverterNeedsStore(t *testing.T) {
	if _, err := NewConverter(nil); !errors.Is(err, ErrNoStore) {
		t.Fatalf("err = %v, want ErrNoStore", err)
	}
	st, _ := NewMemoryStore()
	defer st.Close()
	c, err := NewConverter(st)
	if err != nil || c.Store() != st {
		t.Fatalf("NewConverter: %v", err)
	}
}

func TestMilkySeqOf(t *testing.T) {
	cases := []struct {
		id, seq int64
		ok      bool
	}{
		{0, 0, true},
		{1, 1, true},
		{math.MaxInt32, math.MaxInt32, true},
		{-1, math.MaxUint32, true},
		{math.MinInt32, 1 << 31, true},
		{1 << 32, 1 << 32, false},
		{math.MinInt32 - 1, 0, false},
	}
	for _, c := range cases {
		seq, ok := MilkySeqOf(c.id)
		if seq != c.seq || ok != c.ok {
			t.Errorf("MilkySeqOf(%d) = %d, %v; want %d, %v", c.id, seq, ok, c.seq, c.ok)
		}
		if c.ok {
			back, ok := OneBotIDOf(seq)
			if !ok || back != c.id {
				t.Errorf("OneBotIDOf(%d) = %d, %v; want %d", seq, back, ok, c.id)
			}
		}
	}
	if _, ok := OneBotIDOf(-1); ok {
		t.Error("OneBotIDOf(-1) ok")
	}
	if id, ok := OneBotIDOf(1 << 40); !ok || id != 1<<40 {
		t.Errorf("OneBotIDOf(2^40) = %d, %v", id, ok)
	}
	// Every int32 id maps to a distinct seq: spot-check a spread.
	seen := map[int64]int64{}
	for id := int64(math.MinInt32); id <= math.MaxInt32; id += 65537 * 3 {
		seq, _ := MilkySeqOf(id)
		if prev, dup := seen[seq]; dup {
			t.Fatalf("ids %d and %d share seq %d", prev, id, seq)
		}
		seen[seq] = id
	}
}

func TestFlagSeq(t *testing.T) {
	ctx := t.Context()
	c := newTestConverter(t)
	seq, err := c.MilkySeqForFlag(ctx, "flag-1")
	if err != nil {
		t.Fatal(err)
	}
	if seq <= 0 || seq > math.MaxInt32 {
		t.Fatalf("seq %d out of range", seq)
	}
	again, _ := c.MilkySeqForFlag(ctx, "flag-1")
	other, _ := c.MilkySeqForFlag(ctx, "flag-2")
	if again != seq || other == seq {
		t.Fatalf("seqs %d %d %d", seq, again, other)
	}
	flag, err := c.FlagForMilkySeq(ctx, seq)
	if err != nil || flag != "flag-1" {
		t.Fatalf("FlagForMilkySeq = %q, %v", flag, err)
	}
	for _, bad := range []int64{0, -1, 1 << 40} {
		if _, err := c.FlagForMilkySeq(ctx, bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("FlagForMilkySeq(%d) err = %v", bad, err)
		}
	}
	// A message id is not a flag, and a flag's seq is not a message id.
	id, _ := c.OneBotMessageID(ctx, SceneGroup, 1, 2)
	if _, err := c.FlagForMilkySeq(ctx, int64(id)); !errors.Is(err, ErrNotFound) {
		t.Errorf("flag of a message id: %v", err)
	}
	if _, err := c.MilkyMessageRef(ctx, seq); !errors.Is(err, ErrNotFound) {
		t.Errorf("message of a flag seq: %v", err)
	}
	if _, err := c.MilkyMessageRef(ctx, 1<<40); !errors.Is(err, ErrNotFound) {
		t.Errorf("message of a huge id: %v", err)
	}
	ref, err := c.MilkyMessageRef(ctx, int64(id))
	if err != nil || ref != (MessageRef{SceneGroup, 1, 2}) {
		t.Errorf("MilkyMessageRef = %v, %v", ref, err)
	}
}

func TestForwardIDs(t *testing.T) {
	ctx := t.Context()
	c := newTestConverter(t)
	segs := milky.IncomingSegments{&milky.IncomingForwardSegment{ForwardID: "res-1", Preview: []string{}}}
	msg, rep, err := c.MilkyToOneBotSegments(ctx, SceneGroup, 1, segs)
	if err != nil || !rep.Empty() {
		t.Fatalf("%v %v", err, rep)
	}
	id := msg[0].(*onebot11.ForwardSegment).ID
	if id == "res-1" {
		t.Fatal("forward id not mapped")
	}
	if back, err := c.MilkyForwardID(ctx, id); err != nil || back != "res-1" {
		t.Fatalf("MilkyForwardID = %q, %v", back, err)
	}
	// An empty forward_id (found by fuzzing) has nothing to map.
	empty := milky.IncomingSegments{&milky.IncomingForwardSegment{}}
	if msg, _, err := c.MilkyToOneBotSegments(ctx, SceneGroup, 1, empty); err != nil || msg[0].(*onebot11.ForwardSegment).ID != "" {
		t.Fatalf("empty forward id: %v", err)
	}
	if _, err := c.MilkyForwardID(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown forward id: %v", err)
	}

	st, _ := NewMemoryStore()
	defer st.Close()
	p, _ := NewConverter(st, WithForwardIDPassthrough())
	msg, _, _ = p.MilkyToOneBotSegments(ctx, SceneGroup, 1, segs)
	if id := msg[0].(*onebot11.ForwardSegment).ID; id != "res-1" {
		t.Fatalf("passthrough id %q", id)
	}
	if back, _ := p.MilkyForwardID(ctx, "x"); back != "x" {
		t.Fatalf("passthrough back %q", back)
	}
}

// TestStoreErrors: a failing store fails the conversions that need it,
// with the store's error.
func TestStoreErrors(t *testing.T) {
	ctx := t.Context()
	st, _ := NewMemoryStore()
	c, _ := NewConverter(st)
	st.Close()
	reply := milky.IncomingSegments{&milky.IncomingReplySegment{MessageSeq: 1, Segments: milky.IncomingSegments{}}}
	if _, _, err := c.MilkyToOneBotSegments(ctx, SceneGroup, 1, reply); !errors.Is(err, ErrClosed) {
		t.Errorf("segments: %v", err)
	}
	fwd := milky.IncomingSegments{&milky.IncomingForwardSegment{ForwardID: "f"}}
	if _, _, err := c.MilkyToOneBotSegments(ctx, SceneGroup, 1, fwd); !errors.Is(err, ErrClosed) {
		t.Errorf("forward: %v", err)
	}
	if _, _, err := c.OneBotToMilkySegments(ctx, onebot11.Message{onebot11.Reply(5)}); !errors.Is(err, ErrClosed) {
		t.Errorf("reply lookup: %v", err)
	}
	events := []milky.Event{
		&milky.MessageReceiveEvent{Data: milky.IncomingMessage{MessageScene: SceneFriend, Segments: milky.IncomingSegments{}}},
		&milky.MessageRecallEvent{Data: milky.MessageRecallEventData{MessageScene: SceneGroup}},
		&milky.FriendRequestEvent{},
		&milky.GroupJoinRequestEvent{},
		&milky.GroupInvitedJoinRequestEvent{},
		&milky.GroupInvitationEvent{},
		&milky.GroupEssenceMessageChangeEvent{},
		&milky.GroupMessageReactionEvent{},
	}
	for _, ev := range events {
		if _, _, err := c.MilkyEventToOneBot(ctx, ev); !errors.Is(err, ErrClosed) {
			t.Errorf("%s: %v", ev.EventType(), err)
		}
	}
	if _, _, err := c.OneBotEventToMilky(ctx, &onebot11.GroupRequestEvent{Flag: "x"}); !errors.Is(err, ErrClosed) {
		t.Errorf("group request: %v", err)
	}
}

func TestMetaEvents(t *testing.T) {
	now := time.Unix(1700000000, 0)
	evs := []onebot11.Event{
		LifecycleConnect(3141592653, now),
		Lifecycle(3141592653, now, onebot11.LifecycleEnable),
		Heartbeat(3141592653, now, 5*time.Second, onebot11.HeartbeatStatus{Online: true, Good: true}),
	}
	b, err := json.Marshal(evs)
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, "adapter/meta_events.json", b)
	for _, ev := range evs {
		raw, _ := json.Marshal(ev)
		back, err := onebot11.ParseEvent(raw)
		if err != nil {
			t.Fatal(err)
		}
		if back.PostType() != onebot11.PostTypeMetaEvent || back.DetailType() != ev.DetailType() {
			t.Errorf("%s parses as %s.%s", raw, back.PostType(), back.DetailType())
		}
	}
}

func TestMilkyMessageToOneBot(t *testing.T) {
	ctx := t.Context()
	c := newTestConverter(t)
	frame, err := os.ReadFile(golden.Path("milky", "events", "message_receive_group.json"))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := milky.ParseEvent(frame)
	if err != nil {
		t.Fatal(err)
	}
	viaEvent, wantRep, err := c.MilkyEventToOneBot(ctx, ev)
	if err != nil {
		t.Fatal(err)
	}
	m := &ev.(*milky.MessageReceiveEvent).Data
	got, rep, err := c.MilkyMessageToOneBot(ctx, ev.SelfID(), m)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, mustJSON(t, viaEvent[0]), mustJSON(t, got))
	if rep.String() != wantRep.String() {
		t.Errorf("report %q, want %q", rep, wantRep)
	}
	if got.Source().MessageType != "group" || got.IsSelfSent() {
		t.Errorf("source %+v", got.Source())
	}
	sent, _, _ := c.MilkyMessageToOneBot(ctx, m.SenderID, m)
	if !sent.IsSelfSent() {
		t.Error("message of selfID is not self-sent")
	}
	bad := &milky.IncomingMessage{MessageScene: "channel"}
	if ev, rep, err := c.MilkyMessageToOneBot(ctx, 1, bad); ev != nil || err != nil || !rep.Has(LossMessageScene) {
		t.Errorf("unknown scene: %v %v %v", ev, rep, err)
	}
}
