package sim_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

// Every element kind converts to a segment and back with the fields OneBot
// 11 carries; unknown elements keep their segment byte for byte.
func TestOneBot11ContentRoundTrip(t *testing.T) {
	w := sim.New(sim.WithSeed(1))
	defer w.Close()
	ob := sim.NewOneBot11(w, nil)
	content := []sim.Element{
		sim.Text{Text: "a&[b]"},
		sim.Mention{UserID: 20001, Name: "Alice"},
		sim.MentionAll{},
		sim.Face{ID: "14", Large: true},
		sim.Reply{MessageID: 42},
		sim.Image{URI: "img_x", Summary: "[pic]", SubType: "sticker"},
		sim.Record{URI: "rec_x"},
		sim.Video{URI: "vid_x", ThumbURI: "thumb_x"},
		sim.File{ID: "f1", Name: "a.txt", Size: 3},
		sim.Forward{ID: "fw1"},
		sim.MarketFace{PackageID: 7, EmojiID: "e", Key: "k", Summary: "[s]", URL: "https://x/y"},
		sim.LightApp{JSON: `{"app":"x"}`},
		sim.XML{ServiceID: 35, XML: "<msg/>"},
		sim.Markdown{Content: "# hi"},
		sim.Unknown{Type: "dice", Raw: json.RawMessage(`{"type":"dice","data":{"result":"3"}}`)},
	}
	msg := sim.OneBot11Message(content)
	if len(msg) != len(content) {
		t.Fatalf("%d segments for %d elements", len(msg), len(content))
	}
	wantTypes := []string{"text", "at", "at", "face", "reply", "image", "record", "video", "file", "forward",
		"mface", "json", "xml", "markdown", "dice"}
	for i, s := range msg {
		if s.SegmentType() != wantTypes[i] {
			t.Errorf("segment %d is %s, want %s", i, s.SegmentType(), wantTypes[i])
		}
	}
	// Through the wire and back.
	b, err := json.Marshal(msg)
	ob11Must(t, err)
	var wire onebot11.Message
	ob11Must(t, json.Unmarshal(b, &wire))
	back, err := ob.WorldContent(wire)
	ob11Must(t, err)
	// A stored message's media carry the resource id as "file"; content
	// not yet stored (no resource id) carries its URI.
	want, got := content, back
	want[14] = sim.Unknown{Type: "dice", Raw: json.RawMessage(`{"result":"3"}`)}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("element %d: got %#v, want %#v", i, got[i], want[i])
		}
	}
	if u := back[14].(sim.Unknown); string(u.Raw) != `{"result":"3"}` {
		t.Errorf("unknown raw %s", u.Raw)
	}
	// Unknown elements hold the data object; a whole segment is kept when
	// it has keys besides type and data.
	m2 := sim.OneBot11Message([]sim.Element{sim.Unknown{Type: "weird", Raw: json.RawMessage(`{"k":1}`)},
		sim.Unknown{Type: "odd", Raw: json.RawMessage(`not json`)},
		sim.Unknown{Type: "ext", Raw: json.RawMessage(`{"type":"ext","data":{"a":1},"v":2}`)}})
	b, err = json.Marshal(m2)
	ob11Must(t, err)
	if string(b) != `[{"type":"weird","data":{"k":1}},{"type":"odd","data":{}},{"type":"ext","data":{"a":1},"v":2}]` {
		t.Fatalf("unknowns: %s", b)
	}
	var ext onebot11.Message
	ob11Must(t, json.Unmarshal([]byte(`[{"type":"ext","data":{"a":1},"v":2}]`), &ext))
	ec, err := ob.WorldContent(ext)
	ob11Must(t, err)
	if u := ec[0].(sim.Unknown); string(u.Raw) != `{"type":"ext","data":{"a":1},"v":2}` {
		t.Fatalf("segment with extra keys stored as %s", u.Raw)
	}
}

func TestOneBot11ContentErrors(t *testing.T) {
	w := sim.New(sim.WithSeed(1))
	defer w.Close()
	ob := sim.NewOneBot11(w, nil)
	for name, m := range map[string]onebot11.Message{
		"bad at":       {&onebot11.AtSegment{QQ: "abc"}},
		"bad reply":    {&onebot11.ReplySegment{ID: "-1"}},
		"bad face":     {&onebot11.FaceSegment{ID: "x"}},
		"empty image":  {&onebot11.ImageSegment{}},
		"node":         {onebot11.Node(1, "a", onebot11.Text("x"))},
		"nil":          {nil},
		"bad size":     {&onebot11.FileSegment{File: "a", FileSize: "big"}},
		"empty fwd id": {&onebot11.ForwardSegment{}},
	} {
		if _, err := ob.WorldContent(m); !errors.Is(err, sim.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

func TestOneBot11Flags(t *testing.T) {
	n := sim.GroupNotification{Seq: 12, Type: sim.NotifyInvitedJoinRequest}
	if f := sim.OneBot11GroupFlag(n); f != "group:12:invited_join_request" {
		t.Fatalf("group flag %q", f)
	}
	if f := sim.OneBot11InviteFlag(sim.GroupInvitation{Seq: 3}); f != "invite:3" {
		t.Fatalf("invite flag %q", f)
	}
	if f := sim.OneBot11FriendFlag("u_abc"); f != "friend:u_abc" {
		t.Fatalf("friend flag %q", f)
	}
}

// Every world event kind but peer_pin_change has a OneBot 11 form, stamped
// with the bot's self_id.
func TestOneBot11EveryEventKind(t *testing.T) {
	w := sim.New(sim.WithSeed(2))
	defer w.Close()
	ob11Must(t, w.SeedDemo())
	ob := sim.NewOneBot11(w, nil)
	ch, cancel := w.Subscribe(256)
	defer cancel()
	self := w.SelfID()
	const play, dev = sim.DemoGroupPlay, sim.DemoGroupDev

	m, err := w.UserSendGroup(play, sim.DemoAlice, []sim.Element{sim.Text{Text: "x"}})
	ob11Must(t, err)
	ob11Must(t, w.UserRecall(sim.DemoAlice, sim.SceneGroup, play, m.Seq))
	_, err = w.RequestFriend(sim.DemoDave, "")
	ob11Must(t, err)
	uid, err := w.UIDOf(sim.DemoDave)
	ob11Must(t, err)
	ob11Must(t, w.AcceptFriendRequest(uid, ""))
	_, err = w.UserUploadPrivateFile(sim.DemoAlice, "a", []byte("a"))
	ob11Must(t, err)
	ob11Must(t, w.UserNudgeFriend(sim.DemoAlice, self))
	ob11Must(t, w.NudgeGroupMember(play, sim.DemoAlice))
	ob11Must(t, w.SetAdmin(play, sim.DemoEve, true))
	ob11Must(t, w.SetCard(play, sim.DemoEve, "e"))
	ob11Must(t, w.SetTitle(play, sim.DemoEve, "t"))
	m2, err := w.SendGroup(play, []sim.Element{sim.Text{Text: "y"}})
	ob11Must(t, err)
	ob11Must(t, w.SetEssence(play, m2.Seq, true))
	ob11Must(t, w.React(play, m2.Seq, "1", "", true))
	ob11Must(t, w.SetGroupName(play, "p"))
	ob11Must(t, w.Mute(play, sim.DemoBob, time.Minute))
	ob11Must(t, w.SetWholeMute(play, true))
	_, err = w.UploadGroupFile(play, "", "f", []byte("f"))
	ob11Must(t, err)
	_, err = w.RequestJoinGroup(play, sim.DemoCarol, "")
	ob11Must(t, err)
	_, err = w.InviteToGroup(play, sim.DemoAlice, sim.DemoDave)
	ob11Must(t, err)
	ob11Must(t, w.MemberJoin(dev, sim.DemoEve, 0))
	ob11Must(t, w.MemberLeave(dev, sim.DemoEve))
	ob11Must(t, w.UserLike(sim.DemoAlice, 1))
	ob11Must(t, w.SetPeerPin(sim.SceneGroup, play, true))
	_, err = w.AddGroup(sim.Group{ID: 30010, Name: "n", OwnerID: sim.DemoCarol})
	ob11Must(t, err)
	_, err = w.InviteBot(30010, sim.DemoCarol)
	ob11Must(t, err)
	ob11Must(t, w.DismissGroup(play))
	w.BotOffline("bye")

	kinds := map[string]bool{}
	for len(kinds) < 25 {
		var ev sim.Event
		select {
		case ev = <-ch:
		case <-time.After(ob11Wait):
			t.Fatalf("only %d kinds: %v", len(kinds), kinds)
		}
		kinds[ev.Kind()] = true
		out := ob.Events(ev)
		if ev.Kind() == "peer_pin_change" {
			if len(out) != 0 {
				t.Errorf("peer_pin_change became %v", out)
			}
			continue
		}
		if len(out) == 0 {
			t.Errorf("%s has no OneBot 11 form", ev.Kind())
			continue
		}
		for _, o := range out {
			b, err := json.Marshal(o)
			ob11Must(t, err)
			var h struct {
				SelfID int64 `json:"self_id"`
				Time   int64 `json:"time"`
			}
			ob11Must(t, json.Unmarshal(b, &h))
			if h.SelfID != self || h.Time != ev.Header().Time.Unix() {
				t.Errorf("%s -> %s: self_id/time %+v", ev.Kind(), b, h)
			}
		}
	}
}
