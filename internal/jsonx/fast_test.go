package jsonx

import (
	"fmt"
	"testing"
	"unsafe"
)

// The Reader's fast paths (intFast, strFast, the fast half of nextKey)
// handle the usual forms of a value and leave everything else to the slow
// readers; these tests check that a Reader gives exactly what the slow
// readers alone give: value, error, offset, flag, depth.

var fastCorpus = []string{
	`0`, `-0`, `01`, `-01`, `7`, `-7`, ` 42 `, "\t\n 5", `-`, `--1`, `+1`, ``, ` `,
	`999999999999999999`, `-999999999999999999`, `1000000000000000000`,
	`9223372036854775807`, `9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`,
	`127`, `128`, `-128`, `-129`, `255`, `32767`, `32768`, `2147483647`, `2147483648`, `-2147483649`,
	`1.5`, `1.`, `1e3`, `1E3`, `1e`, `0.0`, `12x`, `1,`, `1}`, `"5"`, `"-5"`, `""`, `null`, `true`, `nul`,
	`"abc"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, `"abcdefghijklmnop"`, `"abcdefgh\nij"`, "\"a\x01b\"",
	`"unterminated`, `"abcdefghijklmnopq`, `"é中文🌟"`, `"\ud83c\udf1f"`, `"\x"`, `"trailing\`,
	`{}`, `{"a":1}`, `{ "a" : 1 , "bb" : "x" }`, `{"a":1,}`, `{,"a":1}`, `{"a" 1}`, `{"a":1 "b":2}`,
	`{"a\"b":1}`, `{"c\u0064":1}`, `{"ab":1,"a":2}`, `{"a`, `{"a"`, `{"a":`, `{`, `{"":1}`,
	`{"user_id":"123","nickname":"x","age":7,"card":"","sex":"male"}`,
	`{"a":{"b":{"c":[1,"2",{"d":-0}]}},"e":[]}`, `{"abcdefghijklmno":1,"abcdefghijklmnop":2,"abcdefghijklmnopq":3,"abcdefghijklmn":4}`,
	`{"abcdefghijklmnop":1}`, `{"abcdefghijklmno":1}`, `{"abcdefghijklmno"`, `{"abcdefghijklmnop"`, "{\"a\"\n:\n1\n,\n\"b\"\t:2}",
}

func TestFastPathsMatchSlow(t *testing.T) {
	for _, s := range fastCorpus {
		checkFastMatchesSlow(t, []byte(s))
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastCorpus {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkFastMatchesSlow(t, data) })
}

// checkFastMatchesSlow reads data as scalars of every kind and walks it as
// a document, each time with two Readers in lockstep: one through the public
// methods, one through the slow readers only.
func checkFastMatchesSlow(t *testing.T, data []byte) {
	t.Helper()
	for _, bits := range []int{8, 16, 32, 64} {
		a, b := NewReader(data), NewReader(data)
		va, ea := a.Int(bits)
		vb, eb := b.intSlow(bits)
		same(t, data, fmt.Sprintf("Int(%d)", bits), &a, &b, va, vb, ea, eb)
	}
	{
		a, b := NewReader(data), NewReader(data)
		va, ea := a.String()
		vb, eb := b.stringSlow()
		same(t, data, "String", &a, &b, va, vb, ea, eb)
	}
	// Walk the document; wants are the keys NextKeyIs is told to expect.
	for _, wants := range [][]string{nil, {"a", "bb", "user_id", "nickname", "age", "card", "sex", "b", "c", "d", "e"}, {"ab", "a", "cd", "a\"b"}, {"abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmn"}} {
		a, b := NewReader(data), NewReader(data)
		walkPair(t, data, &a, &b, wants, 0)
	}
}

// walkPair reads the next value with a (public methods) and b (slow
// readers), comparing every step; it returns false once they stopped
// (an error, identical on both sides).
func walkPair(t *testing.T, data []byte, a, b *Reader, wants []string, depth int) bool {
	t.Helper()
	if depth > 50 {
		return false
	}
	ka, kb := a.Kind(), b.Kind()
	if ka != kb {
		t.Fatalf("%q: Kind %v vs %v", data, ka, kb)
	}
	switch ka {
	case Object:
		ea, eb := a.BeginObject(), b.BeginObject()
		same(t, data, "BeginObject", a, b, 0, 0, ea, eb)
		if ea != nil {
			return false
		}
		for i := 0; ; i++ {
			want := ""
			if len(wants) > 0 {
				want = wants[i%len(wants)]
			}
			k := MakeKey(want)
			keyA, hit, moreA, errA := a.NextKeyIs(&k)
			keyB, moreB, errB := b.nextKeySlow()
			same(t, data, "NextKeyIs("+want+")", a, b, fmt.Sprint(string(keyA), moreA), fmt.Sprint(string(keyB), moreB), errA, errB)
			if hit && (want == "" || string(keyA) != want) {
				t.Fatalf("%q: NextKeyIs(%q) hit on key %q", data, want, keyA)
			}
			if hit != (want != "" && plainWant(want) && errA == nil && moreA && string(keyA) == want && !escapedKey(data, a.pos)) {
				t.Fatalf("%q: NextKeyIs(%q) hit=%v for key %q", data, want, hit, keyA)
			}
			if errA != nil || !moreA {
				return errA == nil
			}
			if !walkPair(t, data, a, b, wants, depth+1) {
				return false
			}
		}
	case Array:
		ea, eb := a.BeginArray(), b.BeginArray()
		same(t, data, "BeginArray", a, b, 0, 0, ea, eb)
		if ea != nil {
			return false
		}
		for {
			moreA, errA := a.NextElem()
			moreB, errB := b.NextElem()
			same(t, data, "NextElem", a, b, moreA, moreB, errA, errB)
			if errA != nil || !moreA {
				return errA == nil
			}
			if !walkPair(t, data, a, b, wants, depth+1) {
				return false
			}
		}
	case Number:
		va, ea := a.Int(64)
		vb, eb := b.intSlow(64)
		same(t, data, "Int", a, b, va, vb, ea, eb)
		if ea != nil {
			ea, eb = a.Skip(), b.Skip()
			same(t, data, "Skip", a, b, 0, 0, ea, eb)
		}
		return ea == nil
	case String:
		va, ea := a.String()
		vb, eb := b.stringSlow()
		same(t, data, "String", a, b, va, vb, ea, eb)
		return ea == nil
	default:
		ea, eb := a.Skip(), b.Skip()
		same(t, data, "Skip", a, b, 0, 0, ea, eb)
		return ea == nil
	}
}

// plainWant reports whether NextKeyIs may hit on want.
func plainWant(want string) bool {
	for i := 0; i < len(want); i++ {
		if c := want[i]; c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// escapedKey reports whether the key just read (the ':' is at data[pos-1],
// possibly after white space) contains a backslash, i.e. was escaped.
func escapedKey(data []byte, pos int) bool {
	i := pos - 2
	for i >= 0 && isWS(data[i]) {
		i--
	}
	// data[i] is the closing quote; look back to the opening one.
	for j := i - 1; j >= 0; j-- {
		if data[j] == '"' && (j == 0 || data[j-1] != '\\') {
			return false
		}
		if data[j] == '\\' {
			return true
		}
	}
	return false
}

// same fails the test unless both readers agree: values, errors (by
// message) and their whole state.
func same[V comparable](t *testing.T, data []byte, op string, a, b *Reader, va, vb V, ea, eb error) {
	t.Helper()
	if fmt.Sprint(ea) != fmt.Sprint(eb) {
		t.Fatalf("%q: %s error %v, slow %v", data, op, ea, eb)
	}
	if ea == nil && va != vb {
		t.Fatalf("%q: %s = %v, slow %v", data, op, va, vb)
	}
	if ea == nil && (a.pos != b.pos || a.flag != b.flag || a.depth != b.depth || a.first != b.first) {
		t.Fatalf("%q: %s state pos %d flag %v depth %d first %v, slow pos %d flag %v depth %d first %v",
			data, op, a.pos, a.flag, a.depth, a.first, b.pos, b.flag, b.depth, b.first)
	}
}

// TestMakeKey checks which keys NextKeyIs can hit: every key that needs no
// escaping, short or long, wherever it is in the document.
func TestMakeKey(t *testing.T) {
	for _, key := range []string{"a", "user_id", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz", "中文", "a b", "", "a\"b", `a\b`, "a\x01"} {
		plain := key != "" && plainWant(key)
		k := MakeKey(key)
		if k.String() != key && plain {
			t.Errorf("MakeKey(%q).String() = %q", key, k.String())
		}
		var w Writer
		w.String(key)
		quoted := string(w.B)
		for _, doc := range []string{`{` + quoted + `:1}`, `{` + quoted + `:1,"padding":"0123456789abcdef"}`, `{"x":0,` + quoted + ` : 1}`} {
			r := NewReader([]byte(doc))
			if err := r.BeginObject(); err != nil {
				t.Fatal(err)
			}
			var got []byte
			var hit bool
			for {
				kb, h, more, err := r.NextKeyIs(&k)
				if err != nil || !more {
					break
				}
				if string(kb) == key {
					got, hit = kb, h
				}
				if err := r.Skip(); err != nil {
					t.Fatal(err)
				}
			}
			if string(got) != key || hit != plain {
				t.Errorf("%s: key %q hit %v, want hit %v", doc, got, hit, plain)
			}
		}
	}
}

// TestScanPlain checks scanPlain against a byte loop at every offset of
// inputs where the special byte falls in each position of a word.
func TestScanPlain(t *testing.T) {
	base := []byte("abcdefgh\xc3\xa9ijklmnop\x7fqrstuvwxyz0123456789")
	for _, special := range []byte{'"', '\\', 0x00, 0x1f, '\n'} {
		for at := 0; at <= len(base); at++ {
			data := append([]byte(nil), base...)
			if at < len(data) {
				data[at] = special
			}
			// Bytes after the special one that could confuse a word scan.
			data = append(data, '"', 0x01, '\\')
			for i := 0; i <= len(data); i++ {
				want := i
				for want < len(data) && strSafe[data[want]] {
					want++
				}
				if got := scanPlain(data, i); got != want {
					t.Fatalf("scanPlain(%q, %d) = %d, want %d", data, i, got, want)
				}
			}
		}
	}
}

// TestIntern checks which strings are interned (identifiers of at most 16
// bytes: the same string memory comes back) and that every string, read
// at the end of a document or before more, keeps its bytes.
func TestIntern(t *testing.T) {
	isIdent := func(s string) bool {
		if s == "" || len(s) > 16 || s[0] < 'a' || s[0] > 'z' {
			return false
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
				return false
			}
		}
		return true
	}
	var cases []string
	for _, base := range []string{"a", "member", "group_id", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq"} {
		cases = append(cases, base)
		// Every byte value at every position (bar the first, which must be
		// a letter) of the base.
		for pos := 1; pos < len(base); pos++ {
			for c := 0; c < 256; c++ {
				if c == '"' || c == '\\' || c < 0x20 {
					continue
				}
				b := []byte(base)
				b[pos] = byte(c)
				cases = append(cases, string(b))
			}
		}
	}
	cases = append(cases, "A", "9a", "_a", "中文", "")
	for _, s := range cases {
		for _, tail := range []string{"", `,"padding_after":"0123456789abcdef"`} {
			doc := []byte(`"` + s + `"` + tail)
			read := func() string {
				r := NewReader(doc)
				got, err := r.String()
				if err != nil || got != s {
					t.Fatalf("String(%q) = %q, %v", doc, got, err)
				}
				return got
			}
			a, b := read(), read()
			// (Go shares one-byte strings anyway.)
			if shared := unsafe.StringData(a) == unsafe.StringData(b); shared != isIdent(s) && len(s) > 1 {
				t.Errorf("%q (tail %d bytes): interned %v, want %v", s, len(tail), shared, isIdent(s))
			}
			if got := makeString([]byte(s)); got != s {
				t.Errorf("makeString(%q) = %q", s, got)
			}
		}
	}
}

func TestNext(t *testing.T) {
	var order [4]Next
	for prev := -1; prev < 3; prev++ {
		if g := order[prev+1].Guess(prev); g != prev+1 {
			t.Errorf("zero Next after %d guesses %d, want %d", prev, g, prev+1)
		}
	}
	order[0].Learn(-1, 2)
	order[3].Learn(2, 0)
	order[1].Learn(0, 1)
	for prev, want := range map[int]int{-1: 2, 2: 0, 0: 1, 1: 2} {
		if g := order[prev+1].Guess(prev); g != want {
			t.Errorf("after %d: guess %d, want %d", prev, g, want)
		}
	}
}
