package sim_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

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
	must(t, err)
	var wire onebot11.Message
	must(t, json.Unmarshal(b, &wire))
	back, err := ob.WorldContent(wire)
	must(t, err)
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
	must(t, err)
	if string(b) != `[{"type":"weird","data":{"k":1}},{"type":"odd","data":{}},{"type":"ext","data":{"a":1},"v":2}]` {
		t.Fatalf("unknowns: %s", b)
	}
	var ext onebot11.Message
	must(t, json.Unmarshal([]byte(`[{"type":"ext","data":{"a":1},"v":2}]`), &ext))
	ec, err := ob.WorldContent(ext)
	must(t, err)
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
