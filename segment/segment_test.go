package segment

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestUnescapeCQ(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"plain":              "plain",
		"&amp;":              "&",
		"&#91;&#93;&#44;":    "[],",
		"&amp;#91;":          "&#91;",
		"a&amp;amp;b":        "a&amp;b",
		"&lt;&#65;&#9&":      "&lt;&#65;&#9&",
		"x&#44":              "x&#44",
		"中&#91;文&#93;😀&amp;": "中[文]😀&",
	} {
		if got := UnescapeCQ(in); got != want {
			t.Errorf("UnescapeCQ(%q) = %q, want %q", in, got, want)
		}
		sc := NewCQScanner(in)
		if got := sc.Unescape(in); got != want {
			t.Errorf("scanner Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeCQ(t *testing.T) {
	if got := EscapeCQText("a&b[c]d,e"); got != "a&amp;b&#91;c&#93;d,e" {
		t.Errorf("EscapeCQText = %q", got)
	}
	if got := EscapeCQValue("a&b[c]d,e"); got != "a&amp;b&#91;c&#93;d&#44;e" {
		t.Errorf("EscapeCQValue = %q", got)
	}
	if got := EscapeCQValue("&#44;"); got != "&amp;#44;" {
		t.Errorf("& first: %q", got)
	}
	for _, s := range []string{"", "&", "&amp;", "[CQ:x]", ",,", "&#91;"} {
		if UnescapeCQ(EscapeCQValue(s)) != s || UnescapeCQ(EscapeCQText(s)) != s {
			t.Errorf("escape/unescape of %q does not round-trip", s)
		}
	}
}

func TestNextCQ(t *testing.T) {
	var got []string
	sc := NewCQScanner("a[CQ:x,k=v=w,j=&#44;]b]c[CQ:y][CQ:")
	for {
		tok, ok := sc.Next()
		if !ok {
			break
		}
		if !tok.Code {
			got = append(got, "T:"+tok.Text)
			continue
		}
		s := "C:" + tok.Type
		p := tok.Params
		for {
			k, v, rest, ok := sc.NextParam(p)
			if !ok {
				break
			}
			s += "|" + k + "=" + v
			p = rest
		}
		got = append(got, s)
	}
	want := "T:a C:x|k=v=w|j=, T:b]c C:y T:[CQ:"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens %q, want %q", strings.Join(got, " "), want)
	}
	// the free function agrees
	var got2 []string
	for s := "a[CQ:x,k=v=w,j=&#44;]b]c[CQ:y][CQ:"; ; {
		tok, rest, ok := NextCQ(s)
		if !ok {
			break
		}
		s = rest
		if tok.Code {
			got2 = append(got2, "C:"+tok.Type)
		} else {
			got2 = append(got2, "T:"+tok.Text)
		}
	}
	if strings.Join(got2, " ") != "T:a C:x T:b]c C:y T:[CQ:" {
		t.Errorf("NextCQ tokens %q", got2)
	}
}

func TestIsCQName(t *testing.T) {
	for s, want := range map[string]bool{"face": true, "sub_Type-1.x": true, "": false, "a b": false, "a,b": false, "中": false} {
		if IsCQName(s) != want {
			t.Errorf("IsCQName(%q) != %v", s, want)
		}
	}
}

func TestValidMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		if got, want := Valid(s), json.Valid([]byte(s)); got != want {
			t.Errorf("Valid(%q) = %v, encoding/json says %v", s, got, want)
		}
	}
}

var jsonSeeds = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1.5e-3`, `01`, `1.`, `.5`, `-`, `1e`, `true`, `tru`, `null`, `nul`,
	`{"a":1}`, `{"a" 1}`, `{1:2}`, `{"a":1,}`, `[1,]`, `[1 2]`, `"\u00e9\ud83d\ude00"`, `"\x"`, `"\u12"`,
	"\"\x01\"", ` [ 1 , { "a" : [ ] } ] `, `[`, `{"a":{"b":[1,{"c":null}]}}`, `"unterminated`, `{"a":1}x`,
}

func FuzzValid(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Valid(s), json.Valid([]byte(s)); got != want {
			t.Fatalf("Valid(%q) = %v, encoding/json says %v", s, got, want)
		}
		if Valid(s) {
			i := skipWS(s, 0)
			want, _ := skipValue(s, i, 0)
			if got := skipValid(s, i); got != want {
				t.Fatalf("skipValid(%q) = %d, skipValue %d", s, got, want)
			}
		}
		if Valid(s) && utf8.ValidString(s) {
			// strings decode like encoding/json (invalid UTF-8 is kept as
			// is here, encoding/json replaces it)
			if i := skipWS(s, 0); i < len(s) && s[i] == '"' {
				got, err := String(strings.TrimSpace(s))
				var want string
				if json.Unmarshal([]byte(s), &want) != nil || err != nil || got != want {
					t.Fatalf("String(%q) = %q, %v; want %q", s, got, err, want)
				}
			}
		}
	})
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", "q\"b\\", "\n\r\t\x00\x1f", "<&>", "\u2028\u2029", "中文😀", "bad\xffutf8"} {
		b := AppendString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("AppendString(%q) = %s: %v", s, b, err)
		}
		std, _ := json.Marshal(s)
		var stdBack string
		_ = json.Unmarshal(std, &stdBack)
		if back != stdBack {
			t.Errorf("AppendString(%q) decodes to %q, encoding/json gives %q", s, back, stdBack)
		}
	}
}

func TestParseInt(t *testing.T) {
	for raw, want := range map[string]struct {
		v      int64
		quoted bool
		ok     bool
	}{
		`123`: {123, false, true}, `"-5"`: {-5, true, true}, `1.5`: {0, false, false}, `"01"`: {0, false, false},
		`-0`: {0, false, false}, `"x"`: {0, false, false}, `true`: {0, false, false}, `9223372036854775808`: {0, false, false},
	} {
		v, q, ok := ParseInt(raw)
		if ok != want.ok || (ok && (v != want.v || q != want.quoted)) {
			t.Errorf("ParseInt(%s) = %d %v %v", raw, v, q, ok)
		}
	}
}

func TestParseEnvelopeErrors(t *testing.T) {
	for _, s := range []string{`[]`, `{"type":}`, `{"type":"a"`, `{"type":"a" "data":{}}`, `{"data":{]}`} {
		if _, err := ParseEnvelope(s); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseEnvelope(%q) err = %v", s, err)
		}
	}
	env, err := ParseEnvelope(`{"type":"t","data":{"a":1},"x":[1]}`)
	if err != nil || env.Type != "t" || !env.TypeOK || env.Data != `{"a":1}` || string(env.Extra["x"]) != `[1]` {
		t.Errorf("ParseEnvelope = %+v, %v", env, err)
	}
}

func TestRegistry(t *testing.T) {
	r := NewRegistry[int]()
	r.Register("b", func() int { return 2 })
	r.Register("a", func() int { return 1 })
	if v, ok := r.New("b"); !ok || v != 2 {
		t.Error("New(b)")
	}
	if _, ok := r.New("c"); ok {
		t.Error("New(c)")
	}
	if got := r.Types(); strings.Join(got, ",") != "a,b" {
		t.Errorf("Types = %v", got)
	}
}

func TestEachElementAndMember(t *testing.T) {
	var got []string
	err := EachElement(` [1, "a" ,{"k":[2]}] `, func(i int, v string) error {
		got = append(got, v)
		return nil
	})
	if err != nil || strings.Join(got, "|") != `1|"a"|{"k":[2]}` {
		t.Errorf("EachElement = %q, %v", got, err)
	}
	got = nil
	err = EachMember(`{"a":1,"b\n":{"c":2}}`, func(k, v string) error {
		got = append(got, k+"="+v)
		return nil
	})
	if err != nil || strings.Join(got, "|") != "a=1|b\n="+`{"c":2}` {
		t.Errorf("EachMember = %q, %v", got, err)
	}
	for _, bad := range []string{`[1,]`, `[1`, `{"a":1,}`, `{"a"}`, `[1] x`} {
		if EachElement(bad, func(int, string) error { return nil }) == nil && EachMember(bad, func(string, string) error { return nil }) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCanonicalInt(t *testing.T) {
	for _, s := range []string{"0", "-0", "00", "01", "1", "-1", "+1", "", "-", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551616", "12a", "1.0", "99999999999999999999"} {
		v, ok := CanonicalInt(s)
		want, err := strconv.ParseInt(s, 10, 64)
		wantOK := err == nil && strconv.FormatInt(want, 10) == s
		if ok != wantOK || (ok && v != want) {
			t.Errorf("CanonicalInt(%q) = %d %v, want %d %v", s, v, ok, want, wantOK)
		}
	}
}

func FuzzCanonicalInt(f *testing.F) {
	f.Add("123")
	f.Add("-9223372036854775808")
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := CanonicalInt(s)
		want, err := strconv.ParseInt(s, 10, 64)
		wantOK := err == nil && strconv.FormatInt(want, 10) == s
		if ok != wantOK || (ok && v != want) {
			t.Fatalf("CanonicalInt(%q) = %d %v, want %d %v", s, v, ok, want, wantOK)
		}
	})
}
