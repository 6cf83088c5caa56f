package segment

import (
	"strings"
	"unsafe"
)

// This file is the CQ-code codec of OneBot 11's string message format; the
// grammar and the escaping rules are in the package documentation (doc.go).

// CQToken is one piece of a CQ string: a run of plain text or one CQ code.
type CQToken struct {
	// Code reports whether the token is a CQ code (else it is text).
	Code bool
	// Text is the unescaped text of a text token.
	Text string
	// Type is the code's type.
	Type string
	// Params is the code's parameter list as written (still escaped),
	// without the leading comma; iterate it with NextCQParam.
	Params string
}

// NextCQ splits the next token off s. It returns ok == false only when s is
// empty. Text tokens are maximal: consecutive text (including malformed
// codes) is one token. Unescaping allocates only when the text holds an
// escape.
func NextCQ(s string) (tok CQToken, rest string, ok bool) {
	if s == "" {
		return CQToken{}, "", false
	}
	from := 0
	for {
		j := strings.Index(s[from:], "[CQ:")
		if j < 0 {
			return CQToken{Text: UnescapeCQText(s)}, "", true
		}
		j += from
		if typ, params, end, valid := scanCQCode(s, j); valid {
			if j > 0 {
				return CQToken{Text: UnescapeCQText(s[:j])}, s[j:], true
			}
			return CQToken{Code: true, Type: typ, Params: params}, s[end:], true
		}
		from = j + 1
	}
}

// scanCQCode checks for a well-formed code at s[i:] (which starts with
// "[CQ:") and returns its type, raw parameters and the index after ']'.
func scanCQCode(s string, i int) (typ, params string, end int, ok bool) {
	k := i + 4
	start := k
	for k < len(s) && isCQName(s[k]) {
		k++
	}
	if k == start || k >= len(s) {
		return "", "", 0, false
	}
	typ = s[start:k]
	if s[k] == ']' {
		return typ, "", k + 1, true
	}
	if s[k] != ',' {
		return "", "", 0, false
	}
	k++
	pstart := k
	for {
		// key
		ks := k
		for k < len(s) && isCQName(s[k]) {
			k++
		}
		if k == ks || k >= len(s) || s[k] != '=' || repeatsKey(s[pstart:ks], s[ks:k]) {
			return "", "", 0, false
		}
		k++
		// value
		for k < len(s) && s[k] != ',' && s[k] != ']' && s[k] != '[' {
			k++
		}
		if k >= len(s) || s[k] == '[' {
			return "", "", 0, false
		}
		if s[k] == ']' {
			return typ, s[pstart:k], k + 1, true
		}
		k++ // ','
	}
}

// repeatsKey reports whether key is already a key of the (well-formed so
// far) parameter text before, which ends with a ','.
func repeatsKey(before, key string) bool {
	if before == "" {
		return false
	}
	if strings.HasPrefix(before, key+"=") {
		return true
	}
	return strings.Contains(before, ","+key+"=")
}

func isCQName(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// IsCQName reports whether name can be a CQ code type or parameter key.
func IsCQName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isCQName(name[i]) {
			return false
		}
	}
	return true
}

// NextCQParam splits the next key=value pair off a code's Params. The
// value is unescaped (allocating only when it holds an escape). ok is false
// when params is empty.
func NextCQParam(params string) (key, value, rest string, ok bool) {
	if params == "" {
		return "", "", "", false
	}
	pair := params
	if c := strings.IndexByte(params, ','); c >= 0 {
		pair, rest = params[:c], params[c+1:]
	}
	eq := strings.IndexByte(pair, '=')
	if eq < 0 { // not produced by NextCQ; keep the text as a key
		return pair, "", rest, true
	}
	return pair[:eq], UnescapeCQ(pair[eq+1:]), rest, true
}

// UnescapeCQText decodes plain text: &amp; &#91; &#93; and &#44;.
func UnescapeCQText(s string) string { return UnescapeCQ(s) }

// UnescapeCQ decodes &amp; &#91; &#93; &#44; in one left-to-right pass. It
// returns s itself when there is nothing to decode.
func UnescapeCQ(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i < len(s) {
		if s[i] == '&' {
			if r, n := cqEntity(s[i:]); n > 0 {
				b.WriteString(s[last:i])
				b.WriteByte(r)
				i += n
				last = i
				continue
			}
		}
		i++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func cqEntity(s string) (byte, int) {
	switch {
	case strings.HasPrefix(s, "&amp;"):
		return '&', 5
	case strings.HasPrefix(s, "&#91;"):
		return '[', 5
	case strings.HasPrefix(s, "&#93;"):
		return ']', 5
	case strings.HasPrefix(s, "&#44;"):
		return ',', 5
	}
	return 0, 0
}

// AppendCQText appends s escaped as CQ plain text (& [ ]).
func AppendCQText(b []byte, s string) []byte { return appendCQEscaped(b, s, false) }

// AppendCQValue appends s escaped as a CQ parameter value (& [ ] ,).
func AppendCQValue(b []byte, s string) []byte { return appendCQEscaped(b, s, true) }

// EscapeCQText returns s escaped as CQ plain text.
func EscapeCQText(s string) string {
	if !strings.ContainsAny(s, "&[]") {
		return s
	}
	return string(AppendCQText(nil, s))
}

// EscapeCQValue returns s escaped as a CQ parameter value.
func EscapeCQValue(s string) string {
	if !strings.ContainsAny(s, "&[],") {
		return s
	}
	return string(AppendCQValue(nil, s))
}

func appendCQEscaped(b []byte, s string, comma bool) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '[':
			rep = "&#91;"
		case ']':
			rep = "&#93;"
		case ',':
			if !comma {
				continue
			}
			rep = "&#44;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// AppendCQCode appends "[CQ:typ" to b; follow with AppendCQParam calls and
// a closing ']'.
func AppendCQCode(b []byte, typ string) []byte {
	b = append(b, "[CQ:"...)
	return append(b, typ...)
}

// AppendCQParam appends ",key=value" with value escaped.
func AppendCQParam(b []byte, key, value string) []byte {
	b = append(b, ',')
	b = append(b, key...)
	b = append(b, '=')
	return AppendCQValue(b, value)
}

// CQScanner tokenises one CQ string like NextCQ, but writes every
// unescaped text and value into one buffer allocated at the first escape
// and sized for the whole input, so a parse costs at most one allocation
// for all escapes together. The strings it returns stay valid forever (the
// buffer is only ever appended to within its capacity).
type CQScanner struct {
	s    string
	size int
	buf  []byte
}

// NewCQScanner returns a scanner over s.
func NewCQScanner(s string) *CQScanner { return &CQScanner{s: s, size: len(s)} }

// Next returns the next token; ok is false at the end.
func (sc *CQScanner) Next() (tok CQToken, ok bool) {
	s := sc.s
	if s == "" {
		return CQToken{}, false
	}
	from := 0
	for {
		j := strings.Index(s[from:], "[CQ:")
		if j < 0 {
			sc.s = ""
			return CQToken{Text: sc.Unescape(s)}, true
		}
		j += from
		if typ, params, end, valid := scanCQCode(s, j); valid {
			if j > 0 {
				sc.s = s[j:]
				return CQToken{Text: sc.Unescape(s[:j])}, true
			}
			sc.s = s[end:]
			return CQToken{Code: true, Type: typ, Params: params}, true
		}
		from = j + 1
	}
}

// NextParam is NextCQParam with the scanner's buffer.
func (sc *CQScanner) NextParam(params string) (key, value, rest string, ok bool) {
	if params == "" {
		return "", "", "", false
	}
	pair := params
	if c := strings.IndexByte(params, ','); c >= 0 {
		pair, rest = params[:c], params[c+1:]
	}
	eq := strings.IndexByte(pair, '=')
	if eq < 0 {
		return pair, "", rest, true
	}
	return pair[:eq], sc.Unescape(pair[eq+1:]), rest, true
}

// Unescape is UnescapeCQ writing into the scanner's buffer. Its argument
// must be part of the scanned input (so the buffer is large enough).
func (sc *CQScanner) Unescape(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	if sc.buf == nil {
		size := sc.size
		if size < len(s) {
			size = len(s)
		}
		sc.buf = make([]byte, 0, size)
	}
	if cap(sc.buf)-len(sc.buf) < len(s) { // not part of the input: own copy
		return UnescapeCQ(s)
	}
	start := len(sc.buf)
	last := 0
	for i < len(s) {
		if s[i] == '&' {
			if r, n := cqEntity(s[i:]); n > 0 {
				sc.buf = append(sc.buf, s[last:i]...)
				sc.buf = append(sc.buf, r)
				i += n
				last = i
				continue
			}
		}
		i++
	}
	if last == 0 {
		return s
	}
	sc.buf = append(sc.buf, s[last:]...)
	out := sc.buf[start:len(sc.buf):len(sc.buf)]
	return unsafe.String(unsafe.SliceData(out), len(out))
}
