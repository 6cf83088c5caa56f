package transport

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadLimited(t *testing.T) {
	cases := []struct {
		name     string
		r        io.Reader
		limit    int64
		hint     int64
		want     string
		tooLarge bool
		err      error
	}{
		{"declared", strings.NewReader("hello"), 10, 5, "hello", false, nil},
		{"declared at the limit", strings.NewReader("hello"), 5, 5, "hello", false, nil},
		{"declared empty", strings.NewReader(""), 5, 0, "", false, nil},
		{"unknown length", strings.NewReader("hello"), 10, -1, "hello", false, nil},
		{"unknown, too large", strings.NewReader("hello world"), 5, -1, "hello", true, nil},
		{"declared too large", strings.NewReader("hello world"), 5, 11, "hello", true, nil},
		{"longer than declared", strings.NewReader("hello world"), 20, 5, "hello world", false, nil},
		{"longer than declared, past the limit", strings.NewReader("hello world"), 8, 5, "hello wo", true, nil},
		{"longer than declared, declared at the limit", strings.NewReader("hello world"), 5, 5, "hello", true, nil},
		{"shorter than declared", strings.NewReader("hel"), 10, 5, "hel", false, io.ErrUnexpectedEOF},
		{"nothing though declared", strings.NewReader(""), 10, 5, "", false, io.ErrUnexpectedEOF},
		{"read error", iotest.TimeoutReader(strings.NewReader("hello")), 10, 5, "hello", false, iotest.ErrTimeout},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader("hello")), 10, 5, "hello", false, nil},
	}
	for _, tc := range cases {
		body, tooLarge, err := readLimited(tc.r, tc.limit, tc.hint)
		if string(body) != tc.want || tooLarge != tc.tooLarge || !errors.Is(err, tc.err) {
			t.Errorf("%s: got %q, %v, %v; want %q, %v, %v", tc.name, body, tooLarge, err, tc.want, tc.tooLarge, tc.err)
		}
		if tc.hint >= 0 && tc.hint <= tc.limit && len(body) == int(tc.hint) && cap(body) != len(body) {
			t.Errorf("%s: body capacity %d for %d bytes", tc.name, cap(body), len(body))
		}
	}
}
