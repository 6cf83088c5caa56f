package adapter

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// FuzzEventExtraReported: a member the source event's type does not know
// has no slot on the other side, so the conversion must say so. A key is
// added to an accepted frame (for Milky at the top and in data, for OneBot
// 11 at the top); when the conversion gives events, the report names the
// key under milky.extra / ev.onebot.extra at the right path, and when it
// gives none, the report is not empty (it says why).
func FuzzEventExtraReported(f *testing.F) {
	for _, dir := range []string{"events_m2o", "events_o2m"} {
		files, _ := filepath.Glob(golden.Path("adapter", dir, "*.in.json"))
		if len(files) == 0 {
			f.Fatalf("no seeds in %s", dir)
		}
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, "zz_extra", dir == "events_o2m")
		}
	}
	f.Add([]byte(`{"time":1,"self_id":2,"event_type":"message_receive","data":{"message_scene":"group","peer_id":3,"message_seq":4,"sender_id":5,"time":1,"segments":[]}}`), "peer_i", false)
	f.Add([]byte(`{"data":{},"event_type":"group_essence_message_change"}`), "\xbe", false) // not UTF-8: skipped
	// The empty key was dropped unreported (its list of names was "").
	f.Add([]byte(`{"data":{"group_id":1,"initiator_id":0,"invitation_seq":9,"source_group_id":2},"event_type":"group_invitation","self_id":3141592653,"time":1764000000}`), "", false)
	f.Add([]byte(`{"time":1,"self_id":2,"post_type":"notice","notice_type":"group_ban","sub_type":"ban","group_id":3,"operator_id":4,"user_id":5,"duration":60}`), "", true)
	f.Add([]byte(`{"time":1,"self_id":2,"post_type":"notice","notice_type":"group_ban","sub_type":"ban","group_id":3,"operator_id":4,"user_id":5,"duration":60}`), "duration2", true)
	c := newFuzzConverter(f)
	f.Fuzz(func(t *testing.T, frame []byte, key string, toMilky bool) {
		if !utf8.ValidString(key) {
			return // encoding/json would write it as U+FFFD
		}
		var top map[string]json.RawMessage
		if json.Unmarshal(frame, &top) != nil || top == nil {
			return
		}
		if toMilky {
			ev0, err := onebot11.ParseEvent(frame)
			if err != nil || knownKeys(ev0)[key] || oneBotDispatch[key] || top[key] != nil {
				return
			}
			top[key] = json.RawMessage(`1`)
			in, _ := json.Marshal(top)
			ev, err := onebot11.ParseEvent(in)
			if err != nil {
				t.Fatalf("member %q made the frame fail: %v", key, err)
			}
			evs, rep, err := c.OneBotEventToMilky(t.Context(), ev)
			if err != nil {
				return // the store's errors (an unknown flag) are not losses
			}
			checkExtraReported(t, rep, len(evs), LossOneBotExtra, map[string]bool{"": true}, key, in)
			return
		}
		ev0, err := milky.ParseEvent(frame)
		if err != nil {
			return
		}
		paths := map[string]bool{}
		if !milkyFrameKeys[key] && top[key] == nil {
			top[key] = json.RawMessage(`1`)
			paths[""] = true
		}
		var data map[string]json.RawMessage
		if _, unknown := ev0.(*milky.UnknownEvent); !unknown && json.Unmarshal(top["data"], &data) == nil && data != nil && !knownKeys(ev0)[key] && data[key] == nil {
			data[key] = json.RawMessage(`1`)
			top["data"], _ = json.Marshal(data)
			paths["data"] = true
		}
		if len(paths) == 0 {
			return
		}
		in, _ := json.Marshal(top)
		ev, err := milky.ParseEvent(in)
		if err != nil {
			t.Fatalf("member %q made the frame fail: %v", key, err)
		}
		evs, rep, err := c.MilkyEventToOneBot(t.Context(), ev)
		if err != nil {
			return
		}
		checkExtraReported(t, rep, len(evs), LossMilkyExtra, paths, key, in)
	})
}

func checkExtraReported(t *testing.T, rep *Report, events int, code LossCode, paths map[string]bool, key string, in []byte) {
	t.Helper()
	checkReport(t, rep)
	if events == 0 {
		if rep.Empty() {
			t.Fatalf("no event and an empty report for\n%s", in)
		}
		return
	}
	name := key
	if key == "" {
		name = `""` // how the report names the empty key
	}
	for path := range paths {
		found := false
		for _, it := range rep.Items {
			if it.Code == code && it.Path == path && strings.Contains(it.Detail, name) {
				found = true
			}
		}
		if !found {
			t.Fatalf("member %q at %q dropped without a %s item: %s\n%s", key, path, code, rep, in)
		}
	}
}

// milkyFrameKeys are the members of a Milky event frame ParseEvent reads.
var milkyFrameKeys = map[string]bool{"time": true, "self_id": true, "event_type": true, "data": true}

// oneBotDispatch are the members that choose a OneBot 11 event's type.
var oneBotDispatch = map[string]bool{"post_type": true, "message_type": true, "notice_type": true, "request_type": true, "meta_event_type": true, "sub_type": true}

// knownKeys returns the json names of the fields of the struct a OneBot 11
// event points to, or of a Milky event's Data struct.
func knownKeys(ev any) map[string]bool {
	keys := map[string]bool{}
	rv := reflect.ValueOf(ev)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return keys
	}
	s := rv.Elem()
	if d := s.FieldByName("Data"); d.IsValid() && d.Kind() == reflect.Struct {
		s = d
	}
	for i := range s.NumField() {
		name, _, _ := strings.Cut(s.Type().Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}
