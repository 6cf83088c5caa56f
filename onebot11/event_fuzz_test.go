package onebot11

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/duobot/duobot/internal/golden"
)

// FuzzParseEvent checks that ParseEvent never panics, and that an event it
// accepts re-encodes to the same JSON value, which parses again to the same
// type and the same JSON.
func FuzzParseEvent(f *testing.F) {
	files, err := filepath.Glob(golden.Path("onebot11", "events", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(benchGroupMessage)
	f.Add(benchNotice)
	f.Add([]byte(`{"post_type":"notice","notice_type":"notify","sub_type":"poke","user_id":"-1","target_id":-0}`))
	f.Add([]byte(`{"post_type":"message","message_type":"private","sender":0}`))
	f.Add([]byte("{\"post_type\":\"meta_event\",\"meta_event_type\":\"lifecycle\",\"sub_type\":\"\x81\"}"))
	f.Add([]byte(`{"post_type":"message","message_type":"group","message":[{"type":"text","data":{"text":"a\"]}"}}]`))
	f.Add([]byte(`{"post_type":"message","message_type":"group","message":[{"type":"text","data":{"text":"x"}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		ev, err := ParseEvent(in)
		if err != nil {
			if ev != nil {
				t.Fatalf("ParseEvent returned %T with error %v", ev, err)
			}
			if json.Valid(in) && len(in) > 0 {
				var v any
				if json.Unmarshal(in, &v) == nil {
					if _, isObj := v.(map[string]any); isObj {
						t.Fatalf("valid object rejected: %v", err)
					}
				}
			}
			return
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("%T: Marshal: %v", ev, err)
		}
		if !golden.SameJSON(in, out) {
			t.Fatalf("%T re-encodes to another value:\nin:  %s\nout: %s", ev, in, out)
		}
		ev2, err := ParseEvent(out)
		if err != nil {
			t.Fatalf("re-encoded %T does not parse: %v\n%s", ev, err, out)
		}
		if fmt.Sprintf("%T", ev2) != fmt.Sprintf("%T", ev) {
			t.Fatalf("re-parsed as %T, first %T", ev2, ev)
		}
		// Strings are kept byte for byte and invalid UTF-8 is written as
		// U+FFFD (as encoding/json does), so only valid input gives back
		// the same Go strings.
		if utf8.Valid(in) && ev2.Header() != ev.Header() {
			t.Fatalf("header %+v, first %+v", ev2.Header(), ev.Header())
		}
		out2, err := json.Marshal(ev2)
		if err != nil {
			t.Fatal(err)
		}
		if !golden.SameJSON(out, out2) {
			t.Fatalf("second encoding differs:\n%s\n%s", out, out2)
		}
	})
}
