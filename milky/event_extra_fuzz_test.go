package milky

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duobot/duobot/internal/golden"
)

// FuzzParseEventExtra: a member the event's type does not know, added to
// any frame ParseEvent accepts (at the top and in data), still parses to
// the same type and survives re-encoding with the same JSON value. The key
// is fuzzed too, so near misses of known keys ("group_i", "peer_id2")
// exercise the decoders' key prediction.
func FuzzParseEventExtra(f *testing.F) {
	for _, file := range eventFixtures(f) {
		f.Add(readTestdata(f, "events", file), "zz_extra", []byte(`{"a":[1,"x"]}`))
	}
	msg := []byte(`{"time":1,"self_id":2,"event_type":"message_receive","data":{"message_scene":"group","peer_id":3,"message_seq":4,"sender_id":5,"time":1,"segments":[]}}`)
	f.Add(msg, "peer_i", []byte(`7`))
	f.Add(msg, "peer_id2", []byte(`"x"`))
	f.Add(msg, "message_seqx", []byte(`null`))
	f.Add(msg, "segment", []byte(`[]`))
	f.Add(msg, "self_id", []byte(`1`)) // known at the top, unknown in data
	f.Add([]byte(`{"event_type":"group_mute","data":{"group_id":1},"time":"5"}`), "Group_id", []byte(`-0.5e3`))
	f.Add([]byte(`{"data":{"x":1},"event_type":"later_type"}`), "é\u2028", []byte(`"\ud83d\ude00"`))
	f.Fuzz(func(t *testing.T, frame []byte, key string, value []byte) {
		if !json.Valid(value) || !utf8.ValidString(key) {
			return // encoding/json would write an invalid key as U+FFFD
		}
		ev0, err := ParseEvent(frame)
		if err != nil {
			return
		}
		var top map[string]json.RawMessage
		if json.Unmarshal(frame, &top) != nil {
			return // duplicate-free object form needed to rebuild the frame
		}
		topKey := !frameKeys[key] && top[key] == nil
		if topKey {
			top[key] = value
		}
		var data map[string]json.RawMessage
		dataKey := false
		if json.Unmarshal(top["data"], &data) == nil && data != nil && !dataKeys(ev0)[key] && data[key] == nil {
			data[key] = value
			b, err := json.Marshal(data)
			if err != nil {
				t.Fatal(err)
			}
			top["data"], dataKey = b, true
		}
		if !topKey && !dataKey {
			return
		}
		in, err := json.Marshal(top)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := ParseEvent(in)
		if err != nil {
			t.Fatalf("an unknown member %q made the frame fail: %v\n%s", key, err, in)
		}
		if reflect.TypeOf(ev) != reflect.TypeOf(ev0) {
			t.Fatalf("with member %q: %T, without %T", key, ev, ev0)
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		var gotTop, gotData map[string]json.RawMessage
		if err := json.Unmarshal(out, &gotTop); err != nil {
			t.Fatalf("output %s: %v", out, err)
		}
		if topKey && !golden.SameJSON(gotTop[key], value) {
			t.Fatalf("top member %q = %s lost: %s in\n%s\nout\n%s", key, value, gotTop[key], in, out)
		}
		if dataKey {
			if err := json.Unmarshal(gotTop["data"], &gotData); err != nil {
				t.Fatalf("output data %s: %v", gotTop["data"], err)
			}
			if !golden.SameJSON(gotData[key], value) {
				t.Fatalf("data member %q = %s lost: %s in\n%s\nout\n%s", key, value, gotData[key], in, out)
			}
		}
	})
}

// frameKeys are the members of an event frame ParseEvent reads.
var frameKeys = map[string]bool{"time": true, "self_id": true, "event_type": true, "data": true}

// dataKeys returns the json names of the fields of ev's data struct (none
// for an UnknownEvent, whose data is kept raw).
func dataKeys(ev Event) map[string]bool {
	keys := map[string]bool{}
	rv := reflect.ValueOf(ev).Elem()
	d := rv.FieldByName("Data")
	if !d.IsValid() || d.Kind() != reflect.Struct {
		return keys
	}
	for i := range d.NumField() {
		name, _, _ := strings.Cut(d.Type().Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			keys[name] = true
		}
	}
	return keys
}
