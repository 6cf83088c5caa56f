package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

var validityCorpus = []string{
	`null`, `true`, `false`, `0`, `-0`, `1.5e+10`, `-1E-2`, `""`, `"a\"b"`, `"\u00e9"`, `"\ud83d\ude00"`, `"\ud800"`,
	`[]`, `[1,2]`, `{}`, `{"a":1}`, ` {"a" : [ {"b":null} ] } `, `"` + "\xff" + `"`, `"é"`,
	``, ` `, `nul`, `tru`, `01`, `-`, `1.`, `.5`, `1e`, `+1`, `[1,]`, `{"a":1,}`, `{"a"}`, `{a:1}`, `[1 2]`,
	`"\x"`, `"\u12g4"`, `"` + "\x01" + `"`, `"abc`, `{"a":1}}`, `[`, `]`, `{`, `}`, `1 2`, `"\`, `NaN`, `[1]x`,
	`{"a":1 "b":2}`, `{,}`, `[,1]`, `{"a":}`, `"\/"`, `1e+`, `-01`, `0.0e0`, "\"\t\"", "[\n1\r\n]\t",
}

func TestValidMatchesEncodingJSON(t *testing.T) {
	for _, s := range validityCorpus {
		if got, want := Valid([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%q) = %v, encoding/json says %v", s, got, want)
		}
	}
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if !Valid([]byte(deep)) || !json.Valid([]byte(deep)) {
		t.Error("max depth rejected")
	}
	deeper := "[" + deep + "]"
	if Valid([]byte(deeper)) {
		t.Error("depth over the limit accepted")
	}
	r := NewReader([]byte(deeper))
	if _, err := r.Raw(); err == nil || !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "exceeded max depth") {
		t.Errorf("depth error: %v", err)
	}
}

func TestStringUnescape(t *testing.T) {
	for _, s := range []string{`"plain"`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u00e9\u4e2d"`, `"\ud83d\ude00x"`, `"\ud800"`,
		`"\udc00\ud800\u0041"`, `"\ud83dx"`, `"\ud83d\u0041"`, `"中文 🌟"`, `"esc at end\n"`} {
		var want string
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		r := NewReader([]byte(s))
		got, err := r.String()
		if err != nil || got != want {
			t.Errorf("String(%s) = %q, %v; want %q", s, got, err, want)
		}
		if r.Flagged() {
			t.Errorf("String(%s) flagged", s)
		}
	}
}

func TestWriterStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "abc", "<a&b>", "\x00\x1f\x7f", "\"\\/", "\b\f\n\r\t", "中文🌟", "\xff\xfe", "a\xc3", "\u2028\u2029",
		"\xed\xa0\x80", "é\x80z"} {
		checkString(t, s)
	}
}

func checkString(t *testing.T, s string) {
	t.Helper()
	var w Writer
	w.String(s)
	want, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.B, want) {
		t.Errorf("String(%q) = %s, encoding/json %s", s, w.B, want)
	}
}

func TestFloatMatchesEncodingJSON(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.1, 1.5, 1e20, 1e21, 1e-6, 1e-7, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, -2.5e-9, 3.4e38} {
		var w Writer
		w.Float64(f, 64)
		want, _ := json.Marshal(f)
		if string(w.B) != string(want) {
			t.Errorf("Float64(%v) = %s, want %s", f, w.B, want)
		}
		if math.IsInf(float64(float32(f)), 0) {
			continue
		}
		w.B = w.B[:0]
		w.Float64(float64(float32(f)), 32)
		want, _ = json.Marshal(float32(f))
		if string(w.B) != string(want) {
			t.Errorf("Float32(%v) = %s, want %s", f, w.B, want)
		}
	}
	var w Writer
	w.Float64(math.Inf(1), 64)
	if w.Err() == nil {
		t.Error("Inf accepted")
	}
}

func TestLenientScalars(t *testing.T) {
	ints := []struct {
		in    string
		bits  int
		want  int64
		flag  bool
		error string
	}{
		{`12`, 64, 12, false, ""},
		{`-12`, 64, -12, false, ""},
		{`"12"`, 64, 12, true, ""},
		{`"-12"`, 64, -12, true, ""},
		{`"+12"`, 64, 12, true, ""},
		{`"012"`, 64, 12, true, ""},
		{`""`, 64, 0, true, ""},
		{`null`, 64, 0, true, ""},
		{`-0`, 64, 0, true, ""},
		{`9223372036854775807`, 64, math.MaxInt64, false, ""},
		{`-9223372036854775808`, 64, math.MinInt64, false, ""},
		{`9223372036854775808`, 64, 0, false, "out of range"},
		{`"-9223372036854775809"`, 64, 0, false, "out of range"},
		{`128`, 8, 0, false, "out of range for int8"},
		{`-128`, 8, -128, false, ""},
		{`1.0`, 64, 0, false, "not an integer"},
		{`"1e3"`, 64, 0, false, "not an integer"},
		{`"1 "`, 64, 0, false, `cannot decode string "1 " into int64`},
		{`"0x10"`, 64, 0, false, "cannot decode string"},
		{`true`, 64, 0, false, "cannot decode bool into int64"},
		{`{}`, 64, 0, false, "cannot decode object into int64"},
		{`"\u0031"`, 64, 1, true, ""},
		{`"-007"`, 64, -7, true, ""},
		{`"+"`, 64, 0, false, "cannot decode string"},
		{`"-"`, 64, 0, false, "cannot decode string"},
		{`"+-1"`, 64, 0, false, "cannot decode string"},
		{`"--1"`, 64, 0, false, "cannot decode string"},
		{` "5" `, 64, 5, true, ""},
	}
	for _, c := range ints {
		r := NewReader([]byte(c.in))
		got, err := r.Int(c.bits)
		if c.error != "" {
			if err == nil || !strings.Contains(err.Error(), c.error) || !errors.Is(err, ErrType) {
				t.Errorf("Int(%s): %v, want error %q", c.in, err, c.error)
			}
			continue
		}
		if err != nil || got != c.want || r.Flagged() != c.flag || r.End() != nil {
			t.Errorf("Int(%s) = %d, %v, flag %v", c.in, got, err, r.Flagged())
		}
	}
	uints := map[string]uint64{`18446744073709551615`: math.MaxUint64, `"7"`: 7, `"-0"`: 0}
	for in, want := range uints {
		r := NewReader([]byte(in))
		if got, err := r.Uint64(); err != nil || got != want {
			t.Errorf("Uint64(%s) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{`-1`, `18446744073709551616`, `"-3"`, `256`} {
		r := NewReader([]byte(in))
		bits := 64
		if in == `256` {
			bits = 8
		}
		if _, err := r.Uint(bits); err == nil {
			t.Errorf("Uint(%s) accepted", in)
		}
	}
	bools := map[string][2]bool{`true`: {true, false}, `false`: {false, false}, `1`: {true, true}, `0`: {false, true},
		`"true"`: {true, true}, `"false"`: {false, true}, `"1"`: {true, true}, `"0"`: {false, true}, `null`: {false, true}}
	for in, want := range bools {
		r := NewReader([]byte(in))
		if got, err := r.Bool(); err != nil || got != want[0] || r.Flagged() != want[1] {
			t.Errorf("Bool(%s) = %v, %v, flag %v", in, got, err, r.Flagged())
		}
	}
	for _, in := range []string{`2`, `"yes"`, `[]`, `1.0`, `tru`} {
		r := NewReader([]byte(in))
		if _, err := r.Bool(); err == nil {
			t.Errorf("Bool(%s) accepted", in)
		}
	}
	floats := map[string][2]any{`1.5`: {1.5, false}, `1.50`: {1.5, true}, `"2"`: {2.0, true}, `1e2`: {100.0, true}, `100`: {100.0, false}, `-0`: {0.0, false}, `-0.0`: {0.0, true}}
	for in, want := range floats {
		r := NewReader([]byte(in))
		if got, err := r.Float64(); err != nil || got != want[0].(float64) || r.Flagged() != want[1].(bool) {
			t.Errorf("Float64(%s) = %v, %v, flag %v", in, got, err, r.Flagged())
		}
	}
	strs := map[string][2]any{`"a"`: {"a", false}, `12`: {"12", true}, `-1.5e3`: {"-1.5e3", true}, `null`: {"", true}}
	for in, want := range strs {
		r := NewReader([]byte(in))
		if got, err := r.String(); err != nil || got != want[0].(string) || r.Flagged() != want[1].(bool) {
			t.Errorf("String(%s) = %q, %v, flag %v", in, got, err, r.Flagged())
		}
	}
}

func TestSame(t *testing.T) {
	if !SameInt([]byte(`"12"`), 12) || SameInt([]byte(`"12"`), 13) || !SameInt([]byte(`null`), 0) || SameInt([]byte(`"12" x`), 12) {
		t.Error("SameInt")
	}
	if !SameBool([]byte(`1`), true) || SameBool([]byte(`1`), false) || !SameString([]byte(`12`), "12") || !SameUint([]byte(`"3"`), 3) ||
		!SameFloat([]byte(`1.50`), 1.5, 64) || !IsNull([]byte(` null `)) || IsNull([]byte(`nul`)) {
		t.Error("Same*")
	}
}

func TestObjectAndArrayIteration(t *testing.T) {
	r := NewReader([]byte(` { "a" : [ 1 , {"x\ty":"\u00e9"} , [ ] ] , "b":{} } `))
	if err := r.BeginObject(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for {
		k, more, err := r.NextKey()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		keys = append(keys, string(k))
		if string(k) == "a" {
			if err := r.BeginArray(); err != nil {
				t.Fatal(err)
			}
			n := 0
			for {
				more, err := r.NextElem()
				if err != nil {
					t.Fatal(err)
				}
				if !more {
					break
				}
				n++
				if r.Kind() == Object {
					if err := r.BeginObject(); err != nil {
						t.Fatal(err)
					}
					k, _, _ := r.NextKey()
					s, _ := r.String()
					if string(k) != "x\ty" || s != "é" {
						t.Errorf("inner %q %q", k, s)
					}
					if _, more, err := r.NextKey(); more || err != nil {
						t.Fatal("inner object not closed", err)
					}
					continue
				}
				if err := r.Skip(); err != nil {
					t.Fatal(err)
				}
			}
			if n != 3 {
				t.Errorf("%d elements", n)
			}
			continue
		}
		raw, err := r.Raw()
		if err != nil || string(raw) != "{}" {
			t.Errorf("raw %q %v", raw, err)
		}
	}
	if strings.Join(keys, ",") != "a,b" || r.End() != nil {
		t.Errorf("keys %v", keys)
	}
}

func TestPeek(t *testing.T) {
	doc := []byte(`{"echo":"e\"1","self_id":123,"post_type" :"notice","x":{"post_type":"no"}, "n":null, "broken": [}`)
	if v, ok := Peek(doc, "post_type"); !ok || string(v) != `"notice"` {
		t.Errorf("Peek post_type = %s %v", v, ok)
	}
	if s, ok := PeekString(doc, "echo"); !ok || s != `e"1` {
		t.Errorf("PeekString echo = %q %v", s, ok)
	}
	if s, ok := PeekString(doc, "self_id"); !ok || s != "123" {
		t.Errorf("PeekString self_id = %q %v", s, ok)
	}
	if _, ok := PeekString(doc, "n"); ok {
		t.Error("PeekString null found")
	}
	if _, ok := Peek(doc, "missing"); ok {
		t.Error("missing key found in a broken document")
	}
	for _, bad := range []string{``, `[]`, `"x"`, `{"a" 1}`, `{"post_type"`} {
		if _, ok := Peek([]byte(bad), "post_type"); ok {
			t.Errorf("Peek(%q) found", bad)
		}
	}
}

func TestWriterObjects(t *testing.T) {
	var w Writer
	m := w.Mark()
	w.Lit(`,"a":`)
	a := w.Mark()
	w.EndArray(a)
	w.Lit(`,"b":`)
	o := w.Mark()
	w.EndObject(o)
	w.Lit(`,"c":`)
	w.Raw(nil)
	w.Lit(`,"d":`)
	w.Raw([]byte(` [1, 2] `))
	w.EndObject(m)
	if string(w.B) != `{"a":[],"b":{},"c":null,"d": [1, 2] }` {
		t.Errorf("got %s", w.B)
	}
	w.Marshaled(nil, errors.New("boom"))
	if w.Err() == nil || w.Err().Error() != "boom" {
		t.Errorf("err %v", w.Err())
	}
	if _, err := w.Result(); err == nil {
		t.Error("Result lost the error")
	}
}

func TestUnmarshalFallback(t *testing.T) {
	v, err := DecodeAny([]byte(`{"n":12345678901234567890,"a":[1.50]}`))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := Marshal(v)
	if string(out) != `{"a":[1.50],"n":12345678901234567890}` {
		t.Errorf("DecodeAny lost number text: %s", out)
	}
	var x int
	if err := Unmarshal([]byte(`1 2`), &x); err == nil {
		t.Error("trailing data accepted")
	}
	if !IsEmpty(nil) || !IsEmpty("") || !IsEmpty([]int{}) || IsEmpty(struct{}{}) || IsEmpty(1) {
		t.Error("IsEmpty")
	}
}

// FuzzReader checks that reading arbitrary input never panics, that Raw
// and Valid agree with encoding/json.Valid, and that strings decode and
// re-encode as encoding/json does.
func FuzzReader(f *testing.F) {
	for _, s := range validityCorpus {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"user_id":"123","b":[true,1,"x\u00e9"],"n":-1.5e3}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := json.Valid(data)
		if got := Valid(data); got != want {
			t.Fatalf("Valid(%q) = %v, encoding/json %v", data, got, want)
		}
		r := NewReader(data)
		raw, err := r.Raw()
		if (err == nil && r.End() == nil) != want {
			t.Fatalf("Raw(%q) = %q, %v; encoding/json valid %v", data, raw, err, want)
		}
		if want && !json.Valid(raw) {
			t.Fatalf("Raw returned invalid %q", raw)
		}
		walk(t, data)
		for _, key := range []string{"a", "post_type", ""} {
			if v, ok := Peek(data, key); ok && !json.Valid(v) {
				t.Fatalf("Peek returned invalid %q", v)
			}
		}
		// A scalar read leniently is recognised by the Same* check the
		// encoders use for kept raw values.
		{
			r := NewReader(data)
			if v, err := r.Int64(); err == nil && r.End() == nil && !SameInt(data, v) {
				t.Fatalf("SameInt(%q, %d) false", data, v)
			}
			r = NewReader(data)
			if v, err := r.Float(32); err == nil && r.End() == nil && !SameFloat(data, v, 32) {
				t.Fatalf("SameFloat(%q, %v) false", data, v)
			}
			r = NewReader(data)
			if v, err := r.String(); err == nil && r.End() == nil && !SameString(data, v) {
				t.Fatalf("SameString(%q, %q) false", data, v)
			}
			r = NewReader(data)
			if v, err := r.Bool(); err == nil && r.End() == nil && !SameBool(data, v) {
				t.Fatalf("SameBool(%q, %v) false", data, v)
			}
			r = NewReader(data)
			if v, err := r.Uint64(); err == nil && r.End() == nil && !SameUint(data, v) {
				t.Fatalf("SameUint(%q, %v) false", data, v)
			}
		}
		// Scalars read leniently never panic.
		for _, read := range []func(*Reader) error{
			func(r *Reader) error { _, err := r.Int64(); return err },
			func(r *Reader) error { _, err := r.Uint(8); return err },
			func(r *Reader) error { _, err := r.Float(32); return err },
			func(r *Reader) error { _, err := r.Bool(); return err },
			func(r *Reader) error { _, err := r.String(); return err },
		} {
			r := NewReader(data)
			_ = read(&r)
		}
	})
}

// walk visits every value of data with the typed readers.
func walk(t *testing.T, data []byte) {
	r := NewReader(data)
	var visit func() error
	visit = func() error {
		switch r.Kind() {
		case Object:
			if err := r.BeginObject(); err != nil {
				return err
			}
			for {
				_, more, err := r.NextKey()
				if err != nil || !more {
					return err
				}
				if err := visit(); err != nil {
					return err
				}
			}
		case Array:
			if err := r.BeginArray(); err != nil {
				return err
			}
			for {
				more, err := r.NextElem()
				if err != nil || !more {
					return err
				}
				if err := visit(); err != nil {
					return err
				}
			}
		case String:
			start := r.Offset()
			s, err := r.String()
			if err != nil {
				return err
			}
			var want string
			if json.Unmarshal(r.Data()[start:r.Offset()], &want) == nil && utf8.ValidString(s) && s != want {
				t.Fatalf("String %q, encoding/json %q", s, want)
			}
			var w Writer
			w.String(s)
			if enc, _ := Marshal(s); !bytes.Equal(enc, w.B) {
				t.Fatalf("Writer.String(%q) = %s, encoding/json %s", s, w.B, enc)
			}
			return nil
		case Number:
			if _, err := r.Float64(); err != nil && !errors.Is(err, ErrType) {
				return err // out-of-range floats are valid JSON
			}
			return nil
		}
		return r.Skip()
	}
	err := visit()
	if err == nil {
		err = r.End()
	}
	if (err == nil) != json.Valid(data) {
		t.Fatalf("walk(%q): %v, encoding/json valid %v", data, err, json.Valid(data))
	}
}

func TestInternConcurrent(t *testing.T) {
	words := []string{"message", "group", "private", "text", "image", "admin", "member", "owner", "normal", "at", "face", "reply", "a_b", "x1"}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for i := 0; i < 2000; i++ {
				w := words[(i+g)%len(words)]
				r := NewReader([]byte(`"` + w + `"`))
				if s, err := r.String(); err != nil || s != w {
					t.Errorf("got %q, want %q", s, w)
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	for _, s := range []string{"Message", "中文", "with space", "_x", "9a", "abcdefghijklmnopq"} {
		if got := makeString([]byte(s)); got != s {
			t.Errorf("makeString(%q) = %q", s, got)
		}
	}
}

// TestLongStrings moves special bytes through every position of long
// strings so the 8-byte fast paths see them at each offset.
func TestLongStrings(t *testing.T) {
	bases := []string{strings.Repeat("abcdefgh", 4), strings.Repeat("中文字", 4), "ab中c" + strings.Repeat("x", 20)}
	specials := []string{"\"", "\\", "\n", "\x00", "\x1f", "\x7f", "\xff", "\u2028", "é", "<"}
	for _, base := range bases {
		for i := 0; i <= len(base); i++ {
			for _, sp := range specials {
				s := base[:i] + sp + base[i:]
				checkString(t, s)
				enc, _ := Marshal(s)
				r := NewReader(enc)
				got, err := r.String()
				var want string
				_ = json.Unmarshal(enc, &want)
				if err != nil || got != want {
					t.Fatalf("read %s = %q, %v; want %q", enc, got, err, want)
				}
				if Valid([]byte(`"`+s+`"`)) != json.Valid([]byte(`"`+s+`"`)) {
					t.Fatalf("Valid disagrees on %q", s)
				}
			}
		}
	}
}

// FuzzWriterString checks Writer.String against encoding/json (without HTML
// escaping) for arbitrary bytes, invalid UTF-8 included.
func FuzzWriterString(f *testing.F) {
	for _, s := range []string{"", "abc", "中文\u2028\xed\xa0\x80\xe0\x80\x80", "\xc0\xaf", "\xef\xbf\xbd\xf0\x9f\x8c\x9f", "\x00\"\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkString(t, s)
	})
}

func TestResetAndStringBytes(t *testing.T) {
	var r Reader
	if r.Kind() != Invalid || r.End() != nil {
		t.Error("zero Reader not empty")
	}
	r.Reset([]byte(` "a\nb" "c" 1`))
	b, err := r.StringBytes()
	if err != nil || string(b) != "a\nb" {
		t.Errorf("StringBytes = %q, %v", b, err)
	}
	b, err = r.StringBytes()
	if err != nil || string(b) != "c" {
		t.Errorf("StringBytes = %q, %v", b, err)
	}
	if _, err := r.StringBytes(); !errors.Is(err, ErrType) {
		t.Errorf("StringBytes on a number: %v", err)
	}
	r.Reset([]byte(`[]`))
	if r.Offset() != 0 || r.Kind() != Array {
		t.Error("Reset did not rewind")
	}
}
