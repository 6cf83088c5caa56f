package milky

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
)

func TestParseEventUnknownType(t *testing.T) {
	in := readTestdata(t, "events", "unknown_future_event.json")
	ev, err := ParseEvent(in)
	if err != nil {
		t.Fatal(err)
	}
	u, ok := ev.(*UnknownEvent)
	if !ok {
		t.Fatalf("got %T", ev)
	}
	if u.EventType() != "group_future_thing" || u.Time() != 1764000000 || u.SelfID() != 3141592653 {
		t.Errorf("header: %+v", u)
	}
	if string(u.Header.Extra["trace_id"]) != `"abc"` {
		t.Errorf("extra frame key lost: %v", u.Header.Extra)
	}
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, in, out)
}

func TestParseEventFrameExtraKeys(t *testing.T) {
	in := []byte(`{"time":1,"self_id":10001,"event_type":"bot_offline","data":{"reason":"x"},"z":{"a":[1]},"a":null}`)
	ev, err := ParseEvent(in)
	if err != nil {
		t.Fatal(err)
	}
	if ev.(*BotOfflineEvent).Data.Reason != "x" {
		t.Errorf("data: %+v", ev)
	}
	out, _ := json.Marshal(ev)
	golden.EqualJSON(t, in, out)
}

func TestParseEventLenientHeader(t *testing.T) {
	ev, err := ParseEvent([]byte(`{"time":"1764000000","self_id":"3141592653","event_type":"bot_offline","data":{"reason":""}}`))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Time() != 1764000000 || ev.SelfID() != 3141592653 {
		t.Errorf("got %d %d", ev.Time(), ev.SelfID())
	}
	// The string forms are written back as received.
	out, _ := json.Marshal(ev)
	golden.EqualJSON(t, []byte(`{"time":"1764000000","self_id":"3141592653","event_type":"bot_offline","data":{"reason":""}}`), out)
	// A changed value is written canonically.
	ev.(*BotOfflineEvent).Header.Time = 5
	out, _ = json.Marshal(ev)
	golden.EqualJSON(t, []byte(`{"time":5,"self_id":"3141592653","event_type":"bot_offline","data":{"reason":""}}`), out)
}

func TestParseEventErrors(t *testing.T) {
	cases := map[string]string{
		"empty":             ``,
		"not an object":     `[1,2]`,
		"truncated":         `{"time":1,"event_type":"bot_offline","data":{"reason":"x"}`,
		"trailing data":     `{"event_type":"bot_offline","data":{"reason":"x"}} {}`,
		"no event_type":     `{"time":1,"self_id":10001,"data":{}}`,
		"event_type number": `{"event_type":5,"data":{}}`,
		"no data":           `{"time":1,"self_id":10001,"event_type":"group_mute"}`,
		"null data":         `{"time":1,"self_id":10001,"event_type":"group_mute","data":null}`,
		"data not object":   `{"time":1,"self_id":10001,"event_type":"group_mute","data":[1]}`,
		"bad field type":    `{"time":1,"self_id":10001,"event_type":"group_mute","data":{"duration":"long"}}`,
		"bad time":          `{"time":"soon","self_id":10001,"event_type":"bot_offline","data":{"reason":"x"}}`,
		"bad extra":         `{"event_type":"bot_offline","data":{"reason":"x"},"x":tru}`,
		"bad unknown data":  `{"event_type":"future","data":{"a":}}`,
		"unterminated str":  `{"event_type":"bot_offline`,
		"control char":      "{\"event_type\":\"bot\x01\",\"data\":{}}",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			ev, err := ParseEvent([]byte(in))
			if err == nil {
				t.Fatalf("no error, got %#v", ev)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %T %v is not a *DecodeError", err, err)
			}
			if !strings.HasPrefix(err.Error(), "milky: decoding event: ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestUnmarshalEventWrongType(t *testing.T) {
	var e GroupMuteEvent
	err := json.Unmarshal([]byte(`{"event_type":"bot_offline","data":{"reason":"x"}}`), &e)
	if err == nil || !strings.Contains(err.Error(), `want "group_mute"`) {
		t.Fatalf("got %v", err)
	}
}

func TestMessageReceiveScenes(t *testing.T) {
	for _, scene := range []string{SceneFriend, SceneGroup, SceneTemp} {
		ev, err := ParseEvent(readTestdata(t, "events", "message_receive_"+scene+".json"))
		if err != nil {
			t.Fatal(err)
		}
		m := &ev.(*MessageReceiveEvent).Data
		if m.MessageScene != scene || m.IsFriend() != (scene == SceneFriend) || m.IsGroup() != (scene == SceneGroup) || m.IsTemp() != (scene == SceneTemp) {
			t.Errorf("%s: scene accessors wrong", scene)
		}
		switch scene {
		case SceneFriend:
			if m.Friend == nil || m.Friend.Nickname != "Alice" || m.Friend.Category.CategoryName != "我的好友" {
				t.Errorf("friend: %+v", m.Friend)
			}
		case SceneGroup:
			if m.Group == nil || m.GroupMember == nil || m.Group.GroupName != "duobot 测试群" || m.GroupMember.Role != RoleMember {
				t.Errorf("group: %+v %+v", m.Group, m.GroupMember)
			}
		case SceneTemp:
			if m.Group == nil || m.Friend != nil {
				t.Errorf("temp: %+v", m)
			}
		}
		if len(m.Segments) != 5 || m.Segments[0].SegmentType() != "text" {
			t.Errorf("%s: segments %v", scene, m.Segments)
		}
	}
}

func TestGroupNotificationsForwardCompatible(t *testing.T) {
	in := []byte(`[
		{"type":"quit","group_id":10001,"notification_seq":1,"target_user_id":10002},
		{"type":"group_renamed","group_id":10001,"notification_seq":2,"new":"x"},
		{"type":"kick","group_id":"not a number","notification_seq":3,"target_user_id":10002,"operator_id":10003},
		{"type":"admin_change","group_id":10001,"notification_seq":4,"target_user_id":10002,"is_set":false,"operator_id":10003}
	]`)
	var l GroupNotifications
	if err := json.Unmarshal(in, &l); err != nil {
		t.Fatal(err)
	}
	if len(l) != 4 {
		t.Fatalf("len %d", len(l))
	}
	known := l.Known()
	if len(known) != 2 {
		t.Fatalf("known: %#v", known)
	}
	if q, ok := known[0].(*GroupQuitNotification); !ok || q.TargetUserID != 10002 {
		t.Errorf("quit: %#v", known[0])
	}
	if a, ok := known[1].(*GroupAdminChangeNotification); !ok || a.IsSet || a.NotificationType() != NotificationAdminChange {
		t.Errorf("admin_change: %#v", known[1])
	}
	u := l[1].(*UnknownGroupNotification)
	if u.NotificationType() != "group_renamed" || u.Err != nil {
		t.Errorf("unknown: %#v", u)
	}
	if bad := l[2].(*UnknownGroupNotification); bad.Type != NotificationKick || bad.Err == nil {
		t.Errorf("malformed kick: %#v", bad)
	}
	out, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, in, out)

	if err := json.Unmarshal([]byte(`{"type":"quit"}`), &l); err == nil {
		t.Error("an object is not a notification list")
	}
}

// TestEventDataUnknownKeysKept: unknown keys at every level of an event
// survive ParseEvent and re-encoding.
func TestEventDataUnknownKeysKept(t *testing.T) {
	in := []byte(`{"time":1,"self_id":10001,"event_type":"message_receive","data":{"message_scene":"group","peer_id":10001,"message_seq":1,"sender_id":10002,"time":1,"segments":[],"group":{"group_id":10001,"group_name":"g","member_count":1,"max_member_count":2,"remark":"","created_time":0,"description":"","question":"","announcement":"","future":1},"group_member":{"user_id":10002,"nickname":"n","sex":"male","group_id":10001,"card":"","title":"","level":1,"role":"member","join_time":0,"last_sent_time":0,"badge":{"a":1}},"new_key":"v"}}`)
	ev, err := ParseEvent(in)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(ev)
	golden.EqualJSON(t, in, out)
}

// TestLenientNumbers: integers accept numeric strings (negative included)
// and the string forms are written back as received.
func TestLenientNumbers(t *testing.T) {
	var e GroupMuteEvent
	if err := json.Unmarshal([]byte(`{"time":1,"self_id":10001,"event_type":"group_mute","data":{"group_id":"10001","user_id":"-5","operator_id":10003,"duration":"60"}}`), &e); err != nil {
		t.Fatal(err)
	}
	if e.Data.GroupID != 10001 || e.Data.UserID != -5 || e.Data.Duration != 60 {
		t.Errorf("%+v", e.Data)
	}
	out, err := json.Marshal(&e)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"time":1,"self_id":10001,"event_type":"group_mute","data":{"group_id":"10001","user_id":"-5","operator_id":10003,"duration":"60"}}`), out)
}

// TestMessageReceiveUnknownScene: a message of a scene this package does
// not know still decodes, and re-encodes to the same JSON value.
func TestMessageReceiveUnknownScene(t *testing.T) {
	in := []byte(`{"time":1,"self_id":10001,"event_type":"message_receive","data":{"message_scene":"guild","peer_id":10001,"message_seq":3,"sender_id":10002,"time":1,"segments":[{"type":"text","data":{"text":"hi"}}],"guild":{"guild_id":"g1","channel":{"id":5}}}}`)
	ev, err := ParseEvent(in)
	if err != nil {
		t.Fatal(err)
	}
	m := ev.(*MessageReceiveEvent).Data
	if m.MessageScene != "guild" || m.IsFriend() || m.IsGroup() || m.IsTemp() || m.MessageSeq != 3 || len(m.Extra) != 1 {
		t.Errorf("%+v", m)
	}
	out, _ := json.Marshal(ev)
	golden.EqualJSON(t, in, out)
}
