package transport

import (
	"bytes"
	"testing"
)

func TestIndexLineBreak(t *testing.T) {
	for _, s := range []string{"", "a", "\n", "\r", "ab\r\ncd", "ab\ncd\r", "abc\rd\n", "\r\n", "xx\n\r", "{\"a\":1}"} {
		if got, want := indexLineBreak([]byte(s)), bytes.IndexAny([]byte(s), "\r\n"); got != want {
			t.Errorf("%q: %d, want %d", s, got, want)
		}
	}
}

// BenchmarkSSEPublishNoSubscribers: with nobody connected, publishing
// only files the event in the replay buffer (no encoding, no allocation).
func BenchmarkSSEPublishNoSubscribers(b *testing.B) {
	s := NewSSEServer(nil)
	data := bytes.Repeat([]byte("x"), 700)
	b.ReportAllocs()
	for b.Loop() {
		s.Publish("", data)
	}
}
