package milky

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/jsonx"
)

// BenchmarkParseEventRatio alternates batches of ParseEvent and of the
// encoding/json baseline of BenchmarkParseEvent on the group message_receive
// frame and reports the best batch of each and their ratio: on a loaded
// machine paired, best-of measurements are steadier than two separate
// benchmarks.
func BenchmarkParseEventRatio(b *testing.B) {
	const batch = 16
	frame := groupMessageFrame(b)
	best := [2]time.Duration{1 << 62, 1 << 62}
	for b.Loop() {
		t0 := time.Now()
		for range batch {
			ev, err := ParseEvent(frame)
			if err != nil {
				b.Fatal(err)
			}
			if m := ev.(*MessageReceiveEvent).Data; m.GroupMember == nil || len(m.Segments) != 5 {
				b.Fatal("not decoded")
			}
		}
		t1 := time.Now()
		for range batch {
			var f plainFrame
			if err := json.Unmarshal(frame, &f); err != nil {
				b.Fatal(err)
			}
			f.Data.Segments = plainSegments(b, f.Data.RawSegments)
			if f.Data.GroupMember == nil || len(f.Data.Segments) != 5 {
				b.Fatal("not decoded")
			}
		}
		t2 := time.Now()
		best[0] = min(best[0], t1.Sub(t0))
		best[1] = min(best[1], t2.Sub(t1))
	}
	b.ReportMetric(float64(best[0].Nanoseconds())/batch, "duobot-ns/op")
	b.ReportMetric(float64(best[1].Nanoseconds())/batch, "stdlib-ns/op")
	b.ReportMetric(float64(best[1])/float64(best[0]), "x-faster")
}

// TestIncomingFastMatchesGenerated checks that the message decoder
// ParseEvent uses (incomingFast) gives exactly what the generated
// IncomingMessage decoder gives, on the fixtures (which together carry every
// field of IncomingMessage, checked here) and on odd shapes of the segment
// list, and that both encode to the same JSON.
func TestIncomingFastMatchesGenerated(t *testing.T) {
	var docs []string
	seen := map[string]bool{}
	for _, name := range []string{"message_receive_friend.json", "message_receive_group.json", "message_receive_temp.json", "message_receive_temp_min.json"} {
		var f struct {
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(readTestdata(t, "events", name), &f); err != nil {
			t.Fatal(err)
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(f.Data, &keys); err != nil {
			t.Fatal(err)
		}
		for k := range keys {
			seen[k] = true
		}
		docs = append(docs, string(f.Data))
	}
	typ := reflect.TypeFor[IncomingMessage]()
	for i := range typ.NumField() {
		if k, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ","); k != "-" && !seen[k] {
			t.Errorf("no fixture has IncomingMessage field %q: add it so the decoders are compared on it", k)
		}
	}
	docs = append(docs,
		`{"peer_id":"12","segments":null,"x":[1]}`,
		`{"segments":[],"time":1}`,
		`{"segments" : [ 1 , "a" , null , {"type":"text"} , {"type":5,"data":{}} , {"type":"text","data":[]} , {"type":"nope","data":{"a":1}} ] , "sender_id":2}`,
		`{"segments":[{"data":{"text":"a\"]}\u00e9"},"type":"text","extra":true}],"message_seq":3}`,
		`{"segments":"[]"}`,
		`{"segments":{}}`,
		`{"segments":[{"type":"text","data":{"text":"x"}}`,
		`{"segments":[{"type":"text","data":{"text":"x"}},]}`,
		`{"segments":[{"type":"text","data":{"text":"x"}}] "time":1}`,
		`{"segments":[{"type":"text","data":{"text":"x"}}],"group":null,"friend":null}`,
		`null`,
	)
	for _, doc := range docs {
		var gen IncomingMessage
		genErr := gen.UnmarshalJSON([]byte(doc))
		var fast IncomingMessage
		r := jsonx.NewReader([]byte(doc))
		fastErr := incomingFast{&fast}.decodeJSONGen(&r)
		if fastErr == nil {
			fastErr = r.End()
		}
		if (genErr == nil) != (fastErr == nil) {
			t.Errorf("%s: generated error %v, fast error %v", doc, genErr, fastErr)
			continue
		}
		if genErr != nil {
			continue
		}
		if !reflect.DeepEqual(gen, fast) {
			t.Errorf("%s: decoders differ:\ngenerated %+v\nfast      %+v", doc, gen, fast)
		}
		a, err1 := json.Marshal(gen)
		b, err2 := json.Marshal(fast)
		if err1 != nil || err2 != nil || string(a) != string(b) {
			t.Errorf("%s: encodings differ: %s (%v) / %s (%v)", doc, a, err1, b, err2)
		}
	}
}
