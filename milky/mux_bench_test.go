package milky

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// benchMux is a typical bot: three commands, a regexp, a mention handler
// and a notice handler.
func benchMux(sink *int) *Mux {
	m := NewMux()
	h := func(ctx context.Context, ev *MessageReceiveEvent) error { *sink++; return nil }
	On(m, h, Command("/help"))
	On(m, h, Command("/roll", "/r"), FromGroup(30003))
	On(m, h, Command("/echo"))
	On(m, h, Regex(regexp.MustCompile(`^(\d+)d(\d+)$`)))
	On(m, h, MentionsBot(), NotSelf())
	On(m, func(ctx context.Context, ev *GroupMuteEvent) error { *sink++; return nil })
	return m
}

// BenchmarkMuxDispatch routes one parsed group message "/echo hello world"
// through the Mux; baseline is the hand-written equivalent (type switch,
// text join, prefix checks) on the same event.
func BenchmarkMuxDispatch(b *testing.B) {
	ev, err := ParseEvent(btGroupMsg(30003, 20002, 7, btSegs(btMention(testSelfID), btText(" /echo hello world"))))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("mux", func(b *testing.B) {
		sink := 0
		m := benchMux(&sink)
		b.ReportAllocs()
		for b.Loop() {
			if err := m.HandleEvent(ctx, ev); err != nil {
				b.Fatal(err)
			}
		}
		if sink != b.N {
			b.Fatalf("handled %d, want %d", sink, b.N)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		sink := 0
		re := regexp.MustCompile(`^(\d+)d(\d+)$`)
		b.ReportAllocs()
		for b.Loop() {
			sink += baselineDispatch(ev, re)
		}
		if sink != b.N {
			b.Fatalf("handled %d, want %d", sink, b.N)
		}
	})
}

// baselineDispatch is benchMux written by hand (first match wins).
func baselineDispatch(ev Event, re *regexp.Regexp) int {
	switch e := ev.(type) {
	case *MessageReceiveEvent:
		text := strings.TrimSpace(e.Data.Segments.PlainText())
		word, rest, _ := strings.Cut(text, " ")
		if word == "/help" {
			return 1
		}
		if (word == "/roll" || word == "/r") && e.Data.MessageScene == SceneGroup && e.Data.PeerID == 30003 {
			return 1
		}
		if word == "/echo" {
			_ = strings.TrimSpace(rest)
			return 1
		}
		if re.MatchString(text) {
			return 1
		}
		if mentions(e.Data.Segments, e.SelfID()) && e.Data.SenderID != e.SelfID() {
			return 1
		}
	case *GroupMuteEvent:
		return 1
	}
	return 0
}
