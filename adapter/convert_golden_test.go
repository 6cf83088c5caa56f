package adapter

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/internal/milkyschema"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// Golden conversion cases live in testdata/adapter/<dir>/<case>.in.json;
// the result and the loss report go to <case>.out.json. Every case gets a
// fresh MemoryStore, whose ids are deterministic. In an input, the string
// "$msg:scene:peer:seq" is replaced by the message id the store gives that
// message (so OneBot ids of the forward bridge can be written down), and
// "$fwd:id" by the OneBot forward id of a Milky forward_id.

type goldenLoss struct {
	Code   LossCode `json:"code"`
	Kind   LossKind `json:"kind"`
	Path   string   `json:"path,omitempty"`
	Detail string   `json:"detail,omitempty"`
}

type goldenOut struct {
	Result any          `json:"result"`
	Report []goldenLoss `json:"report"`
}

// seenCodes collects the loss codes the golden cases produce, for
// TestLossTableCovered.
var seenCodes sync.Map

func reportJSON(r *Report) []goldenLoss {
	out := []goldenLoss{}
	for _, it := range r.Codes() {
		seenCodes.Store(it, true)
	}
	if r == nil {
		return out
	}
	for _, it := range r.Items {
		out = append(out, goldenLoss{it.Code, it.Kind, it.Path, it.Detail})
	}
	return out
}

var fixturePrefix = regexp.MustCompile(`^(doc|gocq|napcat|case)_`)

var placeholderRE = regexp.MustCompile(`\$(msg|fwd):([^"]*)`)

// expand replaces the $msg / $fwd placeholders of an input.
func expand(t *testing.T, ctx context.Context, c *Converter, in []byte) []byte {
	return placeholderRE.ReplaceAllFunc(in, func(m []byte) []byte {
		sub := placeholderRE.FindSubmatch(m)
		switch string(sub[1]) {
		case "msg":
			parts := strings.Split(string(sub[2]), ":")
			if len(parts) != 3 {
				t.Fatalf("bad placeholder %s", m)
			}
			peer, _ := strconv.ParseInt(parts[1], 10, 64)
			seq, _ := strconv.ParseInt(parts[2], 10, 64)
			id, err := c.OneBotMessageID(ctx, parts[0], peer, seq)
			if err != nil {
				t.Fatal(err)
			}
			return []byte(strconv.Itoa(int(id)))
		default:
			id, err := c.oneBotForwardID(ctx, string(sub[2]))
			if err != nil {
				t.Fatal(err)
			}
			return []byte(id)
		}
	})
}

type goldenCase struct {
	name string
	in   []byte
}

func readGoldenCases(t *testing.T, dir string) []goldenCase {
	t.Helper()
	files, err := filepath.Glob(golden.Path("adapter", dir, "*.in.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no cases in testdata/adapter/%s", dir)
	}
	sort.Strings(files)
	var out []goldenCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, goldenCase{strings.TrimSuffix(filepath.Base(f), ".in.json"), b})
	}
	return out
}

func newTestConverter(t testing.TB) *Converter {
	st, err := NewMemoryStore()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, err := NewConverter(st)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// goldenDirsRun counts the golden directories whose test ran in full.
var goldenDirsRun sync.Map

func goldenCases(t *testing.T, dir string) []goldenCase {
	t.Helper()
	t.Cleanup(func() {
		// A skipped test (e.g. no Milky schema package installed) did not
		// run all its cases, so its codes must not count as covered.
		if !t.Failed() && !t.Skipped() {
			goldenDirsRun.Store(dir, true)
		}
	})
	return readGoldenCases(t, dir)
}

func writeGolden(t *testing.T, dir, name string, result any, r *Report) {
	t.Helper()
	// Every reported code belongs to the conversion's direction.
	want := MilkyToOneBot
	if strings.HasSuffix(dir, "_o2m") {
		want = OneBotToMilky
	}
	for _, code := range r.Codes() {
		if d := lossIndex[code].Direction; d != want {
			t.Errorf("%s reports %s, a %s code", dir, code, d)
		}
	}
	b, err := json.Marshal(goldenOut{Result: result, Report: reportJSON(r)})
	if err != nil {
		t.Fatal(err)
	}
	golden.JSON(t, filepath.Join("adapter", dir, name+".out.json"), b)
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGoldenSegmentsMilkyToOneBot(t *testing.T) {
	for _, tc := range goldenCases(t, "segments_m2o") {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			c := newTestConverter(t)
			var in struct {
				Scene    string                 `json:"scene"`
				Peer     int64                  `json:"peer"`
				Segments milky.IncomingSegments `json:"segments"`
			}
			if err := json.Unmarshal(tc.in, &in); err != nil {
				t.Fatal(err)
			}
			msg, rep, err := c.MilkyToOneBotSegments(ctx, in.Scene, in.Peer, in.Segments)
			if err != nil {
				t.Fatal(err)
			}
			writeGolden(t, "segments_m2o", tc.name, map[string]any{"message": msg, "cq": msg.CQString()}, rep)
		})
	}
}

func TestGoldenSegmentsOneBotToMilky(t *testing.T) {
	for _, tc := range goldenCases(t, "segments_o2m") {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			c := newTestConverter(t)
			var in struct {
				Message onebot11.Message `json:"message"`
				Target  *struct {
					Scene string `json:"scene"`
					Peer  int64  `json:"peer"`
				} `json:"target"` // use OneBotToMilkySegmentsTo
			}
			if err := json.Unmarshal(expand(t, ctx, c, tc.in), &in); err != nil {
				t.Fatal(err)
			}
			segs, rep, err := c.OneBotToMilkySegments(ctx, in.Message)
			if in.Target != nil {
				segs, rep, err = c.OneBotToMilkySegmentsTo(ctx, in.Target.Scene, in.Target.Peer, in.Message)
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range segs {
				// forwarded message time is Milky 1.3 (not in the 1.2 schema).
				milkyschema.Check(t, "outgoing_segment", mustJSON(t, s))
			}
			writeGolden(t, "segments_o2m", tc.name, segs, rep)
		})
	}
}

func TestGoldenOutgoingMilkyToOneBot(t *testing.T) {
	for _, tc := range goldenCases(t, "outgoing_m2o") {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestConverter(t)
			var in struct {
				Segments milky.OutgoingSegments `json:"segments"`
			}
			if err := json.Unmarshal(tc.in, &in); err != nil {
				t.Fatal(err)
			}
			msg, rep := c.MilkyOutgoingToOneBot(in.Segments)
			writeGolden(t, "outgoing_m2o", tc.name, msg, rep)
		})
	}
}

func TestGoldenIncomingOneBotToMilky(t *testing.T) {
	for _, tc := range goldenCases(t, "incoming_o2m") {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestConverter(t)
			var in struct {
				Message onebot11.Message `json:"message"`
			}
			if err := json.Unmarshal(tc.in, &in); err != nil {
				t.Fatal(err)
			}
			segs, rep := c.OneBotMessageToMilky(in.Message)
			for _, s := range segs {
				if r, ok := s.(*milky.IncomingReplySegment); ok && r.SenderID == 0 {
					continue // sender unknown: documented (LossReplyQuoteSynth)
				}
				if s.SegmentType() == "markdown" {
					continue // Milky 1.3
				}
				milkyschema.CheckStrict(t, "incoming_segment", mustJSON(t, s))
			}
			writeGolden(t, "incoming_o2m", tc.name, segs, rep)
		})
	}
}

func TestGoldenEventsMilkyToOneBot(t *testing.T) {
	for _, tc := range goldenCases(t, "events_m2o") {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			c := newTestConverter(t)
			ev, err := milky.ParseEvent(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			evs, rep, err := c.MilkyEventToOneBot(ctx, ev)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range evs {
				// Every produced event parses back as the same type.
				b := mustJSON(t, e)
				back, err := onebot11.ParseEvent(b)
				if err != nil {
					t.Fatal(err)
				}
				if _, unknown := back.(*onebot11.UnknownEvent); unknown {
					t.Errorf("%s parses as an unknown event", b)
				}
			}
			if evs == nil {
				evs = []onebot11.Event{}
			}
			writeGolden(t, "events_m2o", tc.name, evs, rep)
		})
	}
}

func TestGoldenEventsOneBotToMilky(t *testing.T) {
	for _, tc := range goldenCases(t, "events_o2m") {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			c := newTestConverter(t)
			ev, err := onebot11.ParseEvent(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			evs, rep, err := c.OneBotEventToMilky(ctx, ev)
			if err != nil {
				t.Fatal(err)
			}
			// The fixtures copied from testdata/onebot11 use ids Milky
			// rejects (self_id 10000, user_id 0); the cases written for
			// the adapter use valid ones and must give conforming events.
			if !strings.Contains(tc.name, "_") || !fixturePrefix.MatchString(tc.name) {
				for _, e := range evs {
					milkyschema.CheckStrict(t, "event", mustJSON(t, e))
				}
			}
			if evs == nil {
				evs = []milky.Event{}
			}
			writeGolden(t, "events_o2m", tc.name, evs, rep)
		})
	}
}

func TestGoldenForwardMilkyToOneBot(t *testing.T) {
	for _, tc := range goldenCases(t, "forward_m2o") {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestConverter(t)
			var in struct {
				Scene    string                           `json:"scene"`
				Peer     int64                            `json:"peer"`
				Messages []milky.IncomingForwardedMessage `json:"messages"`
			}
			if err := json.Unmarshal(tc.in, &in); err != nil {
				t.Fatal(err)
			}
			msgs, rep, err := c.MilkyForwardedToOneBot(t.Context(), in.Scene, in.Peer, in.Messages)
			if err != nil {
				t.Fatal(err)
			}
			writeGolden(t, "forward_m2o", tc.name, map[string]any{"messages": msgs, "nodes": ForwardNodes(msgs)}, rep)
		})
	}
}

func TestGoldenForwardOneBotToMilky(t *testing.T) {
	for _, tc := range goldenCases(t, "forward_o2m") {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestConverter(t)
			var in onebot11.GetForwardMsgResult
			if err := json.Unmarshal(tc.in, &in); err != nil {
				t.Fatal(err)
			}
			msgs, rep := c.OneBotForwardToMilky(&in)
			milkyschema.Check(t, "api_output:get_forwarded_messages", mustJSON(t, milky.GetForwardedMessagesResult{Messages: msgs}))
			writeGolden(t, "forward_o2m", tc.name, msgs, rep)
		})
	}
}
