package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"sync"
	"unicode/utf8"
)

// ErrInvalidRaw is matched (errors.Is) when a raw value given to a Writer
// (a json.RawMessage, an Extra entry, a MarshalJSON result) is not valid
// JSON.
var ErrInvalidRaw = errors.New("jsonx: invalid raw JSON value")

// Writer appends JSON to a byte slice. Errors (an invalid raw value, a NaN,
// a failing MarshalJSON) are sticky: the first is kept and returned by Err
// and Result.
//
// Objects and arrays are written with a mark: m := w.Mark(), then each
// member or element preceded by a ',', then w.EndObject(m) or
// w.EndArray(m), which turns the first ',' into the opening bracket. A
// Writer is not safe for concurrent use.
type Writer struct {
	B   []byte
	err error
}

// Err returns the first error met.
func (w *Writer) Err() error { return w.err }

// SetErr records err unless an error is already recorded.
func (w *Writer) SetErr(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

// Result returns a copy of the bytes written and the first error met.
func (w *Writer) Result() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	out := make([]byte, len(w.B))
	copy(out, w.B)
	return out, nil
}

var writerPool = sync.Pool{New: func() any { return &Writer{B: make([]byte, 0, 1024)} }}

// GetWriter returns an empty Writer from a pool. Return it with PutWriter.
func GetWriter() *Writer {
	w := writerPool.Get().(*Writer)
	w.B = w.B[:0]
	w.err = nil
	return w
}

// PutWriter returns w to the pool; w must not be used afterwards.
func PutWriter(w *Writer) {
	if cap(w.B) > 1<<20 {
		return
	}
	writerPool.Put(w)
}

// set stores b, which was appended to w.B, back in w.B. When b did not
// grow, only the length is stored: storing the pointer again would cost a
// GC write barrier on every append while a collection runs.
func (w *Writer) set(b []byte) {
	if cap(b) == cap(w.B) {
		w.B = w.B[:len(b)]
	} else {
		w.B = b
	}
}

// Mark returns the current length, to be passed to EndObject or EndArray.
func (w *Writer) Mark() int { return len(w.B) }

// EndObject closes an object started at mark m whose members were each
// written with a leading ','.
func (w *Writer) EndObject(m int) {
	if len(w.B) == m {
		w.set(append(w.B, '{', '}'))
		return
	}
	w.B[m] = '{'
	w.set(append(w.B, '}'))
}

// EndArray closes an array started at mark m whose elements were each
// written with a leading ','.
func (w *Writer) EndArray(m int) {
	if len(w.B) == m {
		w.set(append(w.B, '[', ']'))
		return
	}
	w.B[m] = '['
	w.set(append(w.B, ']'))
}

// Byte appends one byte.
func (w *Writer) Byte(c byte) {
	if n := len(w.B); n < cap(w.B) {
		w.B = w.B[:n+1]
		w.B[n] = c
		return
	}
	w.B = append(w.B, c)
}

// Lit appends s as is (a pre-escaped key such as `,"user_id":`).
func (w *Writer) Lit(s string) {
	if n := len(w.B); n+len(s) <= cap(w.B) {
		w.B = w.B[:n+len(s)]
		copy(w.B[n:], s)
		return
	}
	w.B = append(w.B, s...)
}

// Null appends null.
func (w *Writer) Null() { w.Lit("null") }

// Bool appends true or false.
func (w *Writer) Bool(v bool) {
	if v {
		w.Lit("true")
	} else {
		w.Lit("false")
	}
}

// Int64 appends a signed integer.
func (w *Writer) Int64(v int64) { w.set(strconv.AppendInt(w.B, v, 10)) }

// Uint64 appends an unsigned integer.
func (w *Writer) Uint64(v uint64) { w.set(strconv.AppendUint(w.B, v, 10)) }

// Float64 appends a float of the given bit size (32 or 64) formatted as
// encoding/json does. NaN and infinities are errors (null is written).
func (w *Writer) Float64(v float64, bits int) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		w.SetErr(fmt.Errorf("jsonx: unsupported float value %v", v))
		w.Null()
		return
	}
	w.set(appendFloat(w.B, v, bits))
}

// appendFloat formats like encoding/json's floatEncoder.
func appendFloat(b []byte, f float64, bits int) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// escNone[c] is true for ASCII bytes written as is inside a string.
var escNone = func() (t [256]bool) {
	for i := 0x20; i < utf8.RuneSelf; i++ {
		t[i] = true
	}
	t['"'] = false
	t['\\'] = false
	return t
}()

const hexDigits = "0123456789abcdef"

// String appends s as a JSON string. Control characters are escaped,
// invalid UTF-8 becomes \ufffd and U+2028/U+2029 are escaped, as
// encoding/json does; <, > and & are not escaped.
func (w *Writer) String(s string) {
	b := append(w.B, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if escNone[c] {
			i++
			if i&7 == 0 {
				i += plainPrefixString(s[i:], true)
			}
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Common valid sequences that need no escaping are skipped without
		// decoding: two-byte ones, and three-byte ones whose lead byte rules
		// out overlong forms (E0), U+2028/U+2029 (E2) and surrogates (ED).
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if (c == 0xE1 || c >= 0xE3 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	w.set(append(b, '"'))
}

// Raw appends a raw JSON value after checking it is valid; an empty value
// is written as null (as encoding/json does for a nil json.RawMessage).
func (w *Writer) Raw(raw []byte) {
	if len(raw) == 0 {
		w.Null()
		return
	}
	if !Valid(raw) {
		w.SetErr(fmt.Errorf("%w: %.40q", ErrInvalidRaw, raw))
		w.Null()
		return
	}
	w.set(append(w.B, raw...))
}

// RawTrusted appends raw without checking it; the caller guarantees it is
// one valid JSON value.
func (w *Writer) RawTrusted(raw []byte) { w.set(append(w.B, raw...)) }

// Marshaled appends the result of a MarshalJSON call, checking it.
func (w *Writer) Marshaled(b []byte, err error) {
	if err != nil {
		w.SetErr(err)
		w.Null()
		return
	}
	if len(b) == 0 || !Valid(b) {
		w.SetErr(fmt.Errorf("%w: MarshalJSON returned %.40q", ErrInvalidRaw, b))
		w.Null()
		return
	}
	w.set(append(w.B, b...))
}

// Any appends v encoded by encoding/json (without HTML escaping). It is
// the fallback for types the generator does not handle itself.
func (w *Writer) Any(v any) {
	b, err := Marshal(v)
	if err != nil {
		w.SetErr(err)
		w.Null()
		return
	}
	w.set(append(w.B, b...))
}

// Marshal encodes v with encoding/json without HTML escaping and without
// the trailing newline.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// Unmarshal decodes raw into v with encoding/json; numbers going into an
// interface become json.Number so that they re-encode unchanged. It is the
// fallback for types the generator does not handle itself.
func Unmarshal(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return &SyntaxError{Offset: int(dec.InputOffset()), Msg: "unexpected data after value"}
	}
	return nil
}

// DecodeAny decodes a raw value for an `any` field: objects become
// map[string]any, arrays []any and numbers json.Number (so that they
// re-encode with the same text); null becomes nil.
func DecodeAny(raw []byte) (any, error) {
	var v any
	if err := Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// IsEmpty reports whether v is empty in the sense of encoding/json's
// omitempty (false, 0, "", nil, or a zero-length array, slice or map).
func IsEmpty(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Invalid:
		return true
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return rv.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return rv.IsZero()
	}
	return false
}

// DeepEqual reports whether a and b are deeply equal (reflect.DeepEqual).
func DeepEqual(a, b any) bool { return reflect.DeepEqual(a, b) }

// IsZero reports whether v is its type's zero value, or, when v has an
// IsZero() bool method, what that method says (encoding/json's omitzero).
func IsZero(v any) bool {
	if z, ok := v.(interface{ IsZero() bool }); ok {
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			return true
		}
		return z.IsZero()
	}
	rv := reflect.ValueOf(v)
	return !rv.IsValid() || rv.IsZero()
}

// SameAs reports whether raw, decoded with Unmarshal into a new value of
// v's type, is deeply equal to v. A nil v matches null only.
func SameAs(raw []byte, v any) bool {
	if v == nil {
		return IsNull(raw)
	}
	p := reflect.New(reflect.TypeOf(v))
	if Unmarshal(raw, p.Interface()) != nil {
		return false
	}
	return reflect.DeepEqual(p.Elem().Interface(), v)
}

// UnmarshalValue decodes the valid raw value raw into the value ptr points
// to: through its UnmarshalJSON method when it has one (called directly,
// as encoding/json would after validating), else with Unmarshal.
func UnmarshalValue(raw []byte, ptr any) error {
	if u, ok := ptr.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(raw)
	}
	return Unmarshal(raw, ptr)
}

// Value appends the value ptr points to: through its MarshalJSON method
// when it has one (the result is checked), else encoded by encoding/json.
func (w *Writer) Value(ptr any) {
	if m, ok := ptr.(json.Marshaler); ok {
		if rv := reflect.ValueOf(ptr); rv.Kind() == reflect.Pointer && rv.IsNil() {
			w.Null()
			return
		}
		w.Marshaled(m.MarshalJSON())
		return
	}
	w.Any(ptr)
}
