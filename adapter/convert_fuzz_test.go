package adapter

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// The fuzz targets feed random segment arrays and event frames through the
// converters: they must never panic, and what they produce must encode.

// addSeeds adds the golden inputs of dir (the member key of each, or the
// whole document when key is "") as seeds.
func addSeeds(f *testing.F, dir, key string) {
	files, _ := filepath.Glob(golden.Path("adapter", dir, "*.in.json"))
	if len(files) == 0 {
		f.Fatalf("no seeds in %s", dir)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if key == "" {
			f.Add(b)
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(b, &m) == nil && m[key] != nil {
			f.Add([]byte(m[key]))
		}
	}
}

func newFuzzConverter(f *testing.F) *Converter {
	st, err := NewMemoryStore(WithMessageCapacity(1000), WithForwardCapacity(100), WithRequestCapacity(100))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	c, _ := NewConverter(st)
	return c
}

func mustEncode(t *testing.T, v any) {
	t.Helper()
	if _, err := json.Marshal(v); err != nil {
		t.Fatalf("converted value does not encode: %v", err)
	}
}

func checkReport(t *testing.T, r *Report) {
	t.Helper()
	for _, it := range r.Codes() {
		if _, ok := lossIndex[it]; !ok {
			t.Fatalf("report code %q is not in the table", it)
		}
	}
	_ = r.String()
}

func FuzzMilkySegmentsToOneBot(f *testing.F) {
	addSeeds(f, "segments_m2o", "segments")
	c := newFuzzConverter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var segs milky.IncomingSegments
		if json.Unmarshal(data, &segs) != nil {
			return
		}
		msg, rep, err := c.MilkyToOneBotSegments(t.Context(), SceneGroup, 10001, segs)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep)
		mustEncode(t, msg)
		_ = msg.CQString()
	})
}

func FuzzOneBotMessageToMilky(f *testing.F) {
	addSeeds(f, "segments_o2m", "message")
	addSeeds(f, "incoming_o2m", "message")
	c := newFuzzConverter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var msg onebot11.Message
		if json.Unmarshal(data, &msg) != nil {
			return
		}
		out, rep, err := c.OneBotToMilkySegments(t.Context(), msg)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep)
		mustEncode(t, out)
		in, rep := c.OneBotMessageToMilky(msg)
		checkReport(t, rep)
		mustEncode(t, in)
	})
}

func FuzzMilkyOutgoingToOneBot(f *testing.F) {
	addSeeds(f, "outgoing_m2o", "segments")
	c := newFuzzConverter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var segs milky.OutgoingSegments
		if json.Unmarshal(data, &segs) != nil {
			return
		}
		msg, rep := c.MilkyOutgoingToOneBot(segs)
		checkReport(t, rep)
		mustEncode(t, msg)
	})
}

func FuzzMilkyEventToOneBot(f *testing.F) {
	addSeeds(f, "events_m2o", "")
	c := newFuzzConverter(f)
	f.Fuzz(func(t *testing.T, frame []byte) {
		ev, err := milky.ParseEvent(frame)
		if err != nil {
			return
		}
		evs, rep, err := c.MilkyEventToOneBot(t.Context(), ev)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep)
		for _, e := range evs {
			mustEncode(t, e)
		}
	})
}

func FuzzOneBotEventToMilky(f *testing.F) {
	addSeeds(f, "events_o2m", "")
	c := newFuzzConverter(f)
	f.Fuzz(func(t *testing.T, frame []byte) {
		ev, err := onebot11.ParseEvent(frame)
		if err != nil {
			return
		}
		evs, rep, err := c.OneBotEventToMilky(t.Context(), ev)
		if err != nil {
			t.Fatal(err)
		}
		checkReport(t, rep)
		for _, e := range evs {
			mustEncode(t, e)
		}
	})
}
