package milky

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// This file holds the small JSON reader and writer behind the hand-written
// codecs of the message_receive hot path (IncomingMessage and the entities
// it carries). They follow the wire-struct rules: unknown keys go to Extra
// and are written back; integers accept JSON numbers and numeric strings;
// bools accept true/false, "true"/"false" and 0/1; null leaves a field at
// its zero value (nil for pointers).

// reader reads one JSON value held in b.
type reader struct {
	b []byte
	i int
}

func (r *reader) errorf(format string, args ...any) error {
	return fmt.Errorf("offset %d: %s", r.i, fmt.Sprintf(format, args...))
}

func (r *reader) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// null consumes a JSON null and reports whether there was one.
func (r *reader) null() bool {
	r.space()
	if r.i+4 <= len(r.b) && string(r.b[r.i:r.i+4]) == "null" {
		r.i += 4
		return true
	}
	return false
}

// object calls fn for each key of the object at the reader, with the
// reader positioned on the value; fn must consume the value. A null is an
// empty object.
func (r *reader) object(fn func(key []byte) error) error {
	if r.null() {
		return nil
	}
	if r.i >= len(r.b) || r.b[r.i] != '{' {
		return r.errorf("expected object")
	}
	r.i++
	r.space()
	if r.i < len(r.b) && r.b[r.i] == '}' {
		r.i++
		return nil
	}
	for {
		r.space()
		key, err := r.rawString()
		if err != nil {
			return err
		}
		r.space()
		if r.i >= len(r.b) || r.b[r.i] != ':' {
			return r.errorf("expected ':'")
		}
		r.i++
		r.space()
		if err := fn(key); err != nil {
			return err
		}
		r.space()
		if r.i >= len(r.b) {
			return r.errorf("unexpected end of object")
		}
		switch r.b[r.i] {
		case ',':
			r.i++
		case '}':
			r.i++
			return nil
		default:
			return r.errorf("expected ',' or '}'")
		}
	}
}

// end checks that nothing but white space follows the value.
func (r *reader) end() error {
	r.space()
	if r.i != len(r.b) {
		return r.errorf("trailing data")
	}
	return nil
}

// rawString reads a string and returns its content, unescaped. Without
// escapes the result aliases the input.
func (r *reader) rawString() ([]byte, error) {
	if r.i >= len(r.b) || r.b[r.i] != '"' {
		return nil, r.errorf("expected string")
	}
	start := r.i
	for j := r.i + 1; j < len(r.b); j++ {
		c := r.b[j]
		switch {
		case c == '"':
			r.i = j + 1
			return r.b[start+1 : j], nil
		case c == '\\':
			end, err := skipString(r.b, start)
			if err != nil {
				return nil, err
			}
			var s string
			if err := json.Unmarshal(r.b[start:end], &s); err != nil {
				return nil, err
			}
			r.i = end
			return []byte(s), nil
		case c < 0x20:
			return nil, r.errorf("control character in string")
		case c >= utf8.RuneSelf:
			// Multi-byte UTF-8 is taken as is (encoding/json replaces
			// invalid sequences; so does the writer on output).
		}
	}
	return nil, r.errorf("unterminated string")
}

// value returns the raw bytes of the next value, checked to be valid JSON.
func (r *reader) value() ([]byte, error) {
	end, err := skipValue(r.b, r.i)
	if err != nil {
		return nil, err
	}
	v := r.b[r.i:end]
	if !json.Valid(v) {
		return nil, r.errorf("invalid JSON value")
	}
	r.i = end
	return v, nil
}

// str reads a string field; a number is kept as its text.
func (r *reader) str(p *string) error {
	if r.null() {
		return nil
	}
	if r.i < len(r.b) && r.b[r.i] != '"' {
		v, err := r.value()
		if err != nil {
			return err
		}
		if _, err := strconv.ParseFloat(string(v), 64); err != nil {
			return r.errorf("expected string, got %s", v)
		}
		*p = string(v)
		return nil
	}
	s, err := r.rawString()
	if err != nil {
		return err
	}
	*p = string(s)
	return nil
}

// int reads an integer field: a JSON number or a string holding one.
func (r *reader) int(p *int64) error {
	if r.null() {
		return nil
	}
	if r.i >= len(r.b) {
		return r.errorf("expected integer")
	}
	var digits []byte
	if r.b[r.i] == '"' {
		s, err := r.rawString()
		if err != nil {
			return err
		}
		digits = s
	} else {
		start := r.i
		for r.i < len(r.b) {
			c := r.b[r.i]
			if c >= '0' && c <= '9' || c == '-' {
				r.i++
				continue
			}
			break
		}
		digits = r.b[start:r.i]
	}
	n, ok := parseDigits(digits)
	if !ok {
		return r.errorf("expected integer, got %q", digits)
	}
	*p = n
	return nil
}

// parseDigits parses a decimal int64 without allocating.
func parseDigits(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if neg {
		if n > 1<<63 {
			return 0, false
		}
		return -int64(n), true
	}
	if n > 1<<63-1 {
		return 0, false
	}
	return int64(n), true
}

// intPtr reads an optional integer field.
func (r *reader) intPtr(p **int64) error {
	if r.null() {
		*p = nil
		return nil
	}
	n := new(int64)
	if err := r.int(n); err != nil {
		return err
	}
	*p = n
	return nil
}

// extra keeps an unknown key's value.
func (r *reader) extra(m *map[string]json.RawMessage, key []byte) error {
	v, err := r.value()
	if err != nil {
		return err
	}
	if *m == nil {
		*m = make(map[string]json.RawMessage, 1)
	}
	(*m)[string(key)] = cloneRaw(v)
	return nil
}

// unmarshal decodes the value at the reader into v with its UnmarshalJSON
// (or encoding/json).
func (r *reader) unmarshal(v any) error {
	raw, err := r.rawValue()
	if err != nil {
		return err
	}
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(raw)
	}
	return json.Unmarshal(raw, v)
}

// rawValue returns the next value's bytes without validating them beyond
// finding their end (the consumer decodes them fully).
func (r *reader) rawValue() ([]byte, error) {
	end, err := skipValue(r.b, r.i)
	if err != nil {
		return nil, err
	}
	v := r.b[r.i:end]
	r.i = end
	return v, nil
}

// writer builds a JSON object.
type writer struct {
	buf   []byte
	first bool
}

func newWriter(size int) *writer {
	w := &writer{buf: make([]byte, 0, size), first: true}
	w.buf = append(w.buf, '{')
	return w
}

func (w *writer) key(k string) {
	if !w.first {
		w.buf = append(w.buf, ',')
	}
	w.first = false
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, k...)
	w.buf = append(w.buf, '"', ':')
}

func (w *writer) int(k string, v int64) {
	w.key(k)
	w.buf = strconv.AppendInt(w.buf, v, 10)
}

func (w *writer) str(k string, v string) {
	w.key(k)
	w.buf = appendString(w.buf, v)
}

func (w *writer) intPtr(k string, v *int64) {
	if v != nil {
		w.int(k, *v)
	}
}

func (w *writer) raw(k string, v []byte) {
	w.key(k)
	w.buf = append(w.buf, v...)
}

// marshal writes v with its MarshalJSON (or encoding/json).
func (w *writer) marshal(k string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.raw(k, b)
	return nil
}

// finish writes the extra keys not in known and closes the object.
func (w *writer) finish(extra map[string]json.RawMessage, known ...string) ([]byte, error) {
	if len(extra) > 0 {
		keys := make([]string, 0, len(extra))
		for k := range extra {
			if !slices.Contains(known, k) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			v := extra[k]
			if !json.Valid(v) {
				return nil, fmt.Errorf("milky: extra key %q holds invalid JSON", k)
			}
			if !w.first {
				w.buf = append(w.buf, ',')
			}
			w.first = false
			w.buf = appendString(w.buf, k)
			w.buf = append(w.buf, ':')
			w.buf = append(w.buf, v...)
		}
	}
	w.buf = append(w.buf, '}')
	return w.buf, nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as with encoding/json.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
