package jsonx

import (
	"encoding/json"
	"testing"
)

const benchText = " 大家好，今天晚上八点开会，请准时参加！会议内容：讨论下周的活动安排和预算。🌟 ok \"quoted\""

func BenchmarkWriterString(b *testing.B) {
	var w Writer
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		w.B = w.B[:0]
		w.String(benchText)
	}
}

func BenchmarkWriterStringEncodingJSON(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		if _, err := json.Marshal(benchText); err != nil {
			b.Fatal(err)
		}
	}
}
