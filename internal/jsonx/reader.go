package jsonx

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// IntBits is the size of int and uint in bits (for Reader.Int and Reader.Uint).
const IntBits = strconv.IntSize

// MaxDepth is the deepest nesting of arrays and objects a Reader accepts.
const MaxDepth = 10000

// Reader reads JSON values one after another from a byte slice. The zero
// Reader reads an empty document; use NewReader or Reset to give it data.
//
// Values are read with the typed methods (String, Int64, Bool, Raw, ...);
// objects with BeginObject and NextKey, arrays with BeginArray and NextElem.
// A Reader also carries a "not canonical" flag: the lenient scalar readers
// set it when the value they read is not written the way Writer would write
// it (a number sent as a string, a bool sent as 1, a null for a value field),
// so generated code can keep the original bytes. A Reader is not safe for
// concurrent use.
type Reader struct {
	data    []byte
	pos     int
	depth   int
	first   bool
	flag    bool
	scratch []byte // unescaped keys
	vbuf    []byte // unescaped values
}

// NewReader returns a Reader over data. The Reader never modifies data.
func NewReader(data []byte) Reader { return Reader{data: data} }

// Reset makes r read data from the start.
func (r *Reader) Reset(data []byte) {
	*r = Reader{data: data, scratch: r.scratch[:0], vbuf: r.vbuf[:0]}
}

// Offset returns the byte offset of the next unread byte.
func (r *Reader) Offset() int { return r.pos }

// Data returns the document r reads.
func (r *Reader) Data() []byte { return r.data }

// Mark skips white space, clears the not-canonical flag and returns the
// offset where the next value starts.
func (r *Reader) Mark() int {
	r.skipWS()
	r.flag = false
	return r.pos
}

// Flagged reports whether a value read since the last Mark was not in
// canonical form.
func (r *Reader) Flagged() bool { return r.flag }

// SetFlag marks the value being read as not canonical.
func (r *Reader) SetFlag() { r.flag = true }

// ClearFlag clears the not-canonical flag.
func (r *Reader) ClearFlag() { r.flag = false }

// Keep records the bytes of the value read since start (an offset returned
// by Mark) in *extra under key when the not-canonical flag is set or also
// is true, and otherwise removes key from *extra. The bytes are copied.
func (r *Reader) Keep(extra *map[string]json.RawMessage, key string, start int, also bool) {
	if (r.flag || also) && start >= 0 && start <= r.pos {
		if *extra == nil {
			*extra = make(map[string]json.RawMessage)
		}
		(*extra)[key] = Clone(r.data[start:r.pos])
	} else if *extra != nil {
		delete(*extra, key)
	}
	r.flag = false
}

// forget is Keep for a value read in canonical form (nothing to keep).
func (r *Reader) forget(extra *map[string]json.RawMessage, key string) {
	if *extra != nil {
		delete(*extra, key)
	}
	r.flag = false
}

// Put stores a copy of raw under key in m, allocating m when nil, and
// returns m.
func Put(m map[string]json.RawMessage, key []byte, raw []byte) map[string]json.RawMessage {
	if m == nil {
		m = make(map[string]json.RawMessage)
	}
	m[string(key)] = Clone(raw)
	return m
}

// Clone returns a copy of raw (nil for nil).
func Clone(raw []byte) json.RawMessage {
	if raw == nil {
		return nil
	}
	out := make(json.RawMessage, len(raw))
	copy(out, raw)
	return out
}

func isWS(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func (r *Reader) skipWS() {
	if r.pos < len(r.data) && r.data[r.pos] > ' ' {
		return
	}
	r.skipWSSlow()
}

func (r *Reader) skipWSSlow() {
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c > ' ' || !isWS(c) {
			return
		}
		r.pos++
	}
}

// Kind is the kind of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"invalid value", "null", "bool", "number", "string", "array", "object"}

// String returns the kind's name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

func kindOf(c byte) Kind {
	switch c {
	case 'n':
		return Null
	case 't', 'f':
		return Bool
	case '"':
		return String
	case '[':
		return Array
	case '{':
		return Object
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return Number
	}
	return Invalid
}

// Kind skips white space and returns the kind of the next value, judged by
// its first byte (Invalid at the end of input).
func (r *Reader) Kind() Kind {
	r.skipWS()
	if r.pos >= len(r.data) {
		return Invalid
	}
	return kindOf(r.data[r.pos])
}

// IsNull consumes a null literal and reports true when the next value is
// null; otherwise it consumes nothing and reports false.
func (r *Reader) IsNull() bool {
	r.skipWS()
	if r.pos+4 <= len(r.data) && string(r.data[r.pos:r.pos+4]) == "null" {
		r.pos += 4
		return true
	}
	return false
}

// End reports an error unless only white space is left.
func (r *Reader) End() error {
	r.skipWS()
	if r.pos < len(r.data) {
		return r.syntax("unexpected data after top-level value")
	}
	return nil
}

func (r *Reader) syntax(msg string) error {
	return &SyntaxError{Offset: r.pos, Msg: msg}
}

func (r *Reader) unexpected(ctx string) error {
	if r.pos >= len(r.data) {
		return &SyntaxError{Offset: r.pos, Msg: "unexpected end of input " + ctx}
	}
	return &SyntaxError{Offset: r.pos, Msg: "invalid character " + quoteChar(r.data[r.pos]) + " " + ctx}
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	if c >= utf8.RuneSelf {
		s = `"\x` + strconv.FormatUint(uint64(c), 16) + `"`
	}
	return "'" + s[1:len(s)-1] + "'"
}

func (r *Reader) typeErr(want string) error {
	k := r.Kind()
	if k == Invalid {
		return r.unexpected("looking for beginning of value")
	}
	return &TypeError{Offset: r.pos, Value: k, Want: want}
}

// BeginObject consumes the '{' that starts an object. Read the members with
// NextKey and a value read after each key.
func (r *Reader) BeginObject() error {
	r.skipWS()
	if r.pos >= len(r.data) || r.data[r.pos] != '{' {
		return r.typeErr("object")
	}
	if r.depth >= MaxDepth {
		return r.syntax("exceeded max depth")
	}
	r.depth++
	r.pos++
	r.first = true
	return nil
}

// NextKey reads the next key of the current object and the ':' after it.
// It returns ok=false after consuming the closing '}'. The key is
// unescaped; it aliases the input or an internal buffer and is valid only
// until the next call.
func (r *Reader) NextKey() (key []byte, ok bool, err error) {
	key, _, ok, err = r.nextKey(&noKey)
	return key, ok, err
}

// NextKeyIs is NextKey for a caller that expects the next key to be
// want (a struct decoder reading fields in their usual order): hit reports
// that it is, found by comparing the input with want without scanning the
// key first. When hit is false, key is the key as NextKey returns it.
func (r *Reader) NextKeyIs(want *Key) (key []byte, hit, ok bool, err error) {
	return r.nextKey(want)
}

// Key is an object key prepared for Reader.NextKeyIs. The zero Key
// expects nothing and never hits.
type Key struct {
	s    string    // the key; "" when it cannot be compared as raw input
	w, m [2]uint64 // s and the closing '"' as little-endian words, and masks (len(s) < 16)
}

// MakeKey prepares key for NextKeyIs. A key that is empty or needs escaping
// in JSON gives a Key that never hits (NextKeyIs then still returns it
// as NextKey does).
func MakeKey(key string) Key {
	if key == "" {
		return Key{}
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x20 || c == '"' || c == '\\' {
			return Key{}
		}
	}
	k := Key{s: key}
	if len(key) < 16 {
		b := []byte(key + `"`)
		for i, c := range b {
			k.w[i/8] |= uint64(c) << (8 * (i % 8))
			k.m[i/8] |= 0xff << (8 * (i % 8))
		}
	}
	return k
}

// String returns the key.
func (k *Key) String() string { return k.s }

// nextKey is NextKey and NextKeyIs: a fast path for the usual layout (a
// separator, a key without escapes, ':', white space anywhere), and
// nextKeySlow for everything else, including every error.
func (r *Reader) nextKey(want *Key) (key []byte, hit, ok bool, err error) {
	data := r.data
	i := r.pos
	if i >= len(data) {
		key, ok, err = r.nextKeySlow()
		return key, false, ok, err
	}
	c := data[i]
	if c <= ' ' {
		i = skipWSAt(data, i)
		if i >= len(data) {
			key, ok, err = r.nextKeySlow()
			return key, false, ok, err
		}
		c = data[i]
	}
	switch {
	case c == '}':
		r.pos = i + 1
		r.depth--
		r.first = false
		return nil, false, false, nil
	case c == ',' && !r.first:
		i++
		if i < len(data) && data[i] <= ' ' {
			i = skipWSAt(data, i)
		}
		if i >= len(data) || data[i] != '"' {
			key, ok, err = r.nextKeySlow()
			return key, false, ok, err
		}
	case c == '"' && r.first:
	default:
		key, ok, err = r.nextKeySlow()
		return key, false, ok, err
	}
	start := i + 1
	if n := len(want.s); n != 0 {
		if n < 16 && start+16 <= len(data) {
			hit = binary.LittleEndian.Uint64(data[start:])&want.m[0] == want.w[0] &&
				binary.LittleEndian.Uint64(data[start+8:])&want.m[1] == want.w[1]
		} else {
			hit = start+n < len(data) && data[start+n] == '"' && string(data[start:start+n]) == want.s
		}
	}
	if hit {
		n := len(want.s)
		i = start + n + 1
		key = data[start : start+n]
	} else {
		i = scanPlain(data, start)
		if i >= len(data) || data[i] != '"' {
			key, ok, err = r.nextKeySlow()
			return key, false, ok, err
		}
		key = data[start:i]
		i++
	}
	if i < len(data) && data[i] <= ' ' {
		i = skipWSAt(data, i)
	}
	if i >= len(data) || data[i] != ':' {
		key, ok, err = r.nextKeySlow()
		return key, false, ok, err
	}
	r.pos = i + 1
	r.first = false
	return key, hit, true, nil
}

// noKey is the Key NextKey expects.
var noKey Key

// skipWSAt returns the offset of the first byte at or after i in data
// that is not JSON white space.
func skipWSAt(data []byte, i int) int {
	for i < len(data) && isWS(data[i]) {
		i++
	}
	return i
}

// nextKeySlow is NextKey for any input.
func (r *Reader) nextKeySlow() (key []byte, ok bool, err error) {
	r.skipWS()
	if r.pos >= len(r.data) {
		return nil, false, r.unexpected("in object")
	}
	c := r.data[r.pos]
	if r.first {
		r.first = false
		if c == '}' {
			r.pos++
			r.depth--
			return nil, false, nil
		}
	} else {
		switch c {
		case '}':
			r.pos++
			r.depth--
			return nil, false, nil
		case ',':
			r.pos++
			r.skipWS()
			if r.pos >= len(r.data) {
				return nil, false, r.unexpected("in object")
			}
			c = r.data[r.pos]
		default:
			return nil, false, r.unexpected("after object key:value pair")
		}
	}
	if c != '"' {
		return nil, false, r.unexpected("looking for beginning of object key string")
	}
	key, err = r.readStr(true)
	if err != nil {
		return nil, false, err
	}
	r.skipWS()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		return nil, false, r.unexpected("after object key")
	}
	r.pos++
	return key, true, nil
}

// BeginArray consumes the '[' that starts an array. Call NextElem before
// each element.
func (r *Reader) BeginArray() error {
	r.skipWS()
	if r.pos >= len(r.data) || r.data[r.pos] != '[' {
		return r.typeErr("array")
	}
	if r.depth >= MaxDepth {
		return r.syntax("exceeded max depth")
	}
	r.depth++
	r.pos++
	r.first = true
	return nil
}

// NextElem reports whether the current array has another element (which
// the caller must then read), consuming the separating ',' or the closing
// ']'.
func (r *Reader) NextElem() (bool, error) {
	r.skipWS()
	if r.pos >= len(r.data) {
		return false, r.unexpected("in array")
	}
	c := r.data[r.pos]
	if r.first {
		r.first = false
		if c == ']' {
			r.pos++
			r.depth--
			return false, nil
		}
		return true, nil
	}
	switch c {
	case ']':
		r.pos++
		r.depth--
		return false, nil
	case ',':
		r.pos++
		return true, nil
	}
	return false, r.unexpected("after array element")
}

// strSafe[c] is true for bytes that may appear unescaped in a JSON string
// without ending it.
var strSafe = func() (t [256]bool) {
	for i := 0x20; i < 256; i++ {
		t[i] = true
	}
	t['"'] = false
	t['\\'] = false
	return t
}()

// strFast reads the next value when it is a string without escapes and
// returns its content (aliasing the input); otherwise it consumes nothing
// but white space and reports false.
func (r *Reader) strFast() ([]byte, bool) {
	data := r.data
	i := r.pos
	if i >= len(data) {
		return nil, false
	}
	c := data[i]
	if c <= ' ' {
		r.skipWSSlow()
		if i = r.pos; i >= len(data) {
			return nil, false
		}
		c = data[i]
	}
	if c != '"' {
		return nil, false
	}
	start := i + 1
	i = scanPlain(data, start)
	if i < len(data) && data[i] == '"' {
		r.pos = i + 1
		return data[start:i], true
	}
	return nil, false
}

// readStr reads a string starting at the opening quote. The result aliases
// the input when there is no escape, else r.scratch (key) or r.vbuf.
func (r *Reader) readStr(key bool) ([]byte, error) {
	start := r.pos + 1
	data := r.data
	i := scanPlain(data, start)
	if i < len(data) && data[i] == '"' {
		r.pos = i + 1
		return data[start:i], nil
	}
	// Escapes or an error: take the slow path.
	buf := r.vbuf[:0]
	if key {
		buf = r.scratch[:0]
	}
	buf = append(buf, data[start:i]...)
	for {
		if i >= len(data) {
			r.pos = i
			return nil, r.unexpected("in string literal")
		}
		c := data[i]
		switch {
		case c == '"':
			r.pos = i + 1
			if key {
				r.scratch = buf
			} else {
				r.vbuf = buf
			}
			return buf, nil
		case c == '\\':
			if i+1 >= len(data) {
				r.pos = i + 1
				return nil, r.unexpected("in string escape code")
			}
			e := data[i+1]
			i += 2
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r1, ok := hex4(data, i)
				if !ok {
					r.pos = i
					return nil, r.syntax("invalid \\u escape in string literal")
				}
				i += 4
				if utf16.IsSurrogate(r1) {
					r2 := rune(-1)
					if i+6 <= len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if v, ok := hex4(data, i+2); ok {
							r2 = v
						}
					}
					if d := utf16.DecodeRune(r1, r2); d != utf8.RuneError {
						i += 6
						buf = utf8.AppendRune(buf, d)
						continue
					}
					r1 = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r1)
			default:
				r.pos = i - 1
				return nil, r.unexpected("in string escape code")
			}
		case c < 0x20:
			r.pos = i
			return nil, r.unexpected("in string literal")
		default:
			j := scanPlain(data, i+1)
			buf = append(buf, data[i:j]...)
			i = j
		}
	}
}

func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var v rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}

// scanNumber consumes a JSON number at r.pos and returns its text and
// whether it is an integer (no fraction or exponent).
func (r *Reader) scanNumber() (num []byte, integer bool, err error) {
	data := r.data
	start := r.pos
	i := start
	if i < len(data) && data[i] == '-' {
		i++
	}
	if i >= len(data) {
		r.pos = i
		return nil, false, r.unexpected("in numeric literal")
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i++
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	default:
		r.pos = i
		return nil, false, r.unexpected("in numeric literal")
	}
	integer = true
	if i < len(data) && data[i] == '.' {
		integer = false
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			r.pos = i
			return nil, false, r.unexpected("after decimal point in numeric literal")
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		integer = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			r.pos = i
			return nil, false, r.unexpected("in exponent of numeric literal")
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	r.pos = i
	return data[start:i], integer, nil
}

// literal consumes the literal lit ("true", "false", "null").
func (r *Reader) literal(lit string) error {
	if r.pos+len(lit) <= len(r.data) && string(r.data[r.pos:r.pos+len(lit)]) == lit {
		r.pos += len(lit)
		return nil
	}
	// Find the first differing byte for the error offset.
	for i := 0; i < len(lit); i++ {
		if r.pos+i >= len(r.data) || r.data[r.pos+i] != lit[i] {
			r.pos += i
			return r.unexpected("in literal " + lit + " (expecting '" + lit[i:i+1] + "')")
		}
	}
	return nil
}

// String reads a string. A number is accepted too and kept as its text
// (the value is flagged not canonical), and null reads as "" (flagged).
func (r *Reader) String() (string, error) {
	if b, ok := r.strFast(); ok {
		return makeString(b), nil
	}
	return r.stringSlow()
}

// stringSlow is String for every form of value.
func (r *Reader) stringSlow() (string, error) {
	r.skipWS()
	if r.pos >= len(r.data) {
		return "", r.unexpected("looking for beginning of value")
	}
	switch c := r.data[r.pos]; {
	case c == '"':
		b, err := r.readStr(false)
		if err != nil {
			return "", err
		}
		return makeString(b), nil
	case c == '-' || ('0' <= c && c <= '9'):
		num, _, err := r.scanNumber()
		if err != nil {
			return "", err
		}
		r.flag = true
		return string(num), nil
	case c == 'n':
		if err := r.literal("null"); err != nil {
			return "", err
		}
		r.flag = true
		return "", nil
	}
	return "", r.typeErr("string")
}

// StringBytes reads a string like String but returns bytes that alias the
// input or an internal buffer, valid until the next call on r.
func (r *Reader) StringBytes() ([]byte, error) {
	r.skipWS()
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		return nil, r.typeErr("string")
	}
	return r.readStr(false)
}

// numText returns the text of an integer-ish value: a number, or the
// content of a string (flagged). null returns nil with isNull set.
func (r *Reader) numText(prefix string, bits int) (text []byte, integer, isNull bool, err error) {
	r.skipWS()
	if r.pos >= len(r.data) {
		return nil, false, false, r.unexpected("looking for beginning of value")
	}
	switch c := r.data[r.pos]; {
	case c == '-' || ('0' <= c && c <= '9'):
		text, integer, err = r.scanNumber()
		return text, integer, false, err
	case c == '"':
		start := r.pos
		b, err := r.readStr(false)
		if err != nil {
			return nil, false, false, err
		}
		r.flag = true
		if len(b) == 0 {
			return b, true, false, nil
		}
		// The content must itself be a JSON number, except that a leading
		// '+' and leading zeros are tolerated.
		i := 0
		if b[0] == '+' || b[0] == '-' {
			i = 1
		}
		for i+1 < len(b) && b[i] == '0' && b[i+1] >= '0' && b[i+1] <= '9' {
			i++
		}
		sr := Reader{data: b[i:]}
		if _, integer, err = sr.scanNumber(); err != nil || sr.pos != len(sr.data) || i > 0 && i < len(b) && b[i] == '-' {
			r.pos = start
			return nil, false, false, &TypeError{Offset: start, Value: String, Want: typeName(prefix, bits), Text: string(b)}
		}
		return b, integer, false, nil
	case c == 'n':
		if err := r.literal("null"); err != nil {
			return nil, false, false, err
		}
		r.flag = true
		return nil, true, true, nil
	}
	return nil, false, false, r.typeErr(typeName(prefix, bits))
}

func typeName(prefix string, bits int) string { return prefix + strconv.Itoa(bits) }

// Int64 reads an integer: a JSON number without fraction or exponent, or a
// string holding one (negative included, flagged not canonical). "" and
// null read as 0 (flagged). Fractions and out-of-range values are errors.
func (r *Reader) Int64() (int64, error) { return r.Int(64) }

// Int reads an integer that must fit in a signed integer of the given bit
// size; see Int64.
func (r *Reader) Int(bits int) (int64, error) {
	if v, ok := r.intFast(bits); ok {
		return v, nil
	}
	return r.intSlow(bits)
}

// CanonicalInt reads the next value when it is an integer written as
// Writer writes one (a JSON number without fraction, exponent or leading
// zeros, not "-0", at most 18 digits) that fits in bits, clearing the
// not-canonical flag; otherwise it consumes nothing but white space and
// reports false, and Int gives the value or the error. Generated decoders
// call it before the field helpers.
func (r *Reader) CanonicalInt(bits int) (int64, bool) {
	v, ok := r.intFast(bits)
	r.flag = false
	return v, ok
}

// CanonicalString reads the next value when it is a string without
// escapes, clearing the not-canonical flag; otherwise it consumes nothing
// but white space and reports false, and String gives the value or the
// error.
func (r *Reader) CanonicalString() (string, bool) {
	r.flag = false
	if b, ok := r.strFast(); ok {
		return makeString(b), true
	}
	return "", false
}

// intFast reads the next value when it is an integer in canonical form
// (a JSON number of at most 18 digits without fraction or exponent, not
// "-0") that fits in bits, and reports whether it did; otherwise it
// consumes nothing but white space.
func (r *Reader) intFast(bits int) (int64, bool) {
	data := r.data
	i := r.pos
	if i >= len(data) {
		return 0, false
	}
	c := data[i]
	if c <= ' ' {
		r.skipWSSlow()
		if i = r.pos; i >= len(data) {
			return 0, false
		}
		c = data[i]
	}
	neg := c == '-'
	if neg {
		if i++; i >= len(data) {
			return 0, false
		}
		c = data[i]
	}
	u := uint64(c - '0')
	if u > 9 {
		return 0, false
	}
	i++
	if u != 0 {
		n := i
		for i < len(data) {
			d := uint64(data[i] - '0')
			if d > 9 {
				break
			}
			u = u*10 + d
			i++
		}
		if i-n > 17 {
			return 0, false
		}
	} else if neg {
		return 0, false
	}
	if i < len(data) {
		if c := data[i]; c == '.' || c == 'e' || c == 'E' {
			return 0, false
		}
	}
	v := int64(u)
	if neg {
		v = -v
	}
	if bits < 64 && (v < -1<<(bits-1) || v > 1<<(bits-1)-1) {
		return 0, false
	}
	r.pos = i
	return v, true
}

// intSlow is Int for every form of value.
func (r *Reader) intSlow(bits int) (int64, error) {
	r.skipWS()
	start := r.pos
	text, integer, isNull, err := r.numText("int", bits)
	if err != nil || isNull || len(text) == 0 {
		return 0, err
	}
	if !integer {
		return 0, &RangeError{Offset: start, Text: string(text), Want: typeName("int", bits), Msg: "not an integer"}
	}
	v, ok := parseInt(text)
	if !ok || bits < 64 && (v < -1<<(bits-1) || v > 1<<(bits-1)-1) {
		return 0, &RangeError{Offset: start, Text: string(text), Want: typeName("int", bits), Msg: "out of range"}
	}
	if !r.flag && v == 0 && text[0] == '-' {
		r.flag = true // "-0"
	}
	return v, nil
}

// Uint64 reads an unsigned integer; see Int64.
func (r *Reader) Uint64() (uint64, error) { return r.Uint(64) }

// Uint reads an unsigned integer that must fit in the given bit size; see
// Int64.
func (r *Reader) Uint(bits int) (uint64, error) {
	r.skipWS()
	start := r.pos
	text, integer, isNull, err := r.numText("uint", bits)
	if err != nil || isNull || len(text) == 0 {
		return 0, err
	}
	if !integer {
		return 0, &RangeError{Offset: start, Text: string(text), Want: typeName("uint", bits), Msg: "not an integer"}
	}
	neg := text[0] == '-'
	digits := text
	if neg || text[0] == '+' {
		digits = text[1:]
	}
	v, ok := parseUint(digits)
	if neg && (!ok || v != 0) || !ok || bits < 64 && v > 1<<bits-1 {
		return 0, &RangeError{Offset: start, Text: string(text), Want: typeName("uint", bits), Msg: "out of range"}
	}
	if neg {
		r.flag = true
	}
	return v, nil
}

// parseUint parses decimal digits (leading zeros allowed).
func parseUint(b []byte) (uint64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if v > (math.MaxUint64-9)/10 {
			// Slow check near the limit.
			d := uint64(c - '0')
			if v > (math.MaxUint64-d)/10 {
				return 0, false
			}
			v = v*10 + d
			continue
		}
		v = v*10 + uint64(c-'0')
	}
	return v, true
}

// parseInt parses an optionally signed decimal integer.
func parseInt(b []byte) (int64, bool) {
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	u, ok := parseUint(b)
	if !ok {
		return 0, false
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// Float64 reads a number (or a numeric string, flagged). A number whose
// text differs from what Writer.Float64 would write is flagged too.
func (r *Reader) Float64() (float64, error) { return r.Float(64) }

// Float reads a number for a float of the given bit size (32 or 64).
func (r *Reader) Float(bits int) (float64, error) {
	r.skipWS()
	start := r.pos
	text, _, isNull, err := r.numText("float", bits)
	if err != nil || isNull || len(text) == 0 {
		return 0, err
	}
	v, err := strconv.ParseFloat(string(text), bits)
	if err != nil {
		return 0, &RangeError{Offset: start, Text: string(text), Want: typeName("float", bits), Msg: "out of range"}
	}
	if !r.flag {
		var tmp [32]byte
		if string(appendFloat(tmp[:0], v, bits)) != string(text) {
			r.flag = true
		}
	}
	return v, nil
}

// Bool reads true or false; also 0 and 1 (as numbers or strings) and the
// strings "true" and "false" (all flagged). null reads as false (flagged).
func (r *Reader) Bool() (bool, error) {
	r.skipWS()
	if r.pos >= len(r.data) {
		return false, r.unexpected("looking for beginning of value")
	}
	start := r.pos
	switch r.data[r.pos] {
	case 't':
		return true, r.literal("true")
	case 'f':
		return false, r.literal("false")
	case 'n':
		r.flag = true
		return false, r.literal("null")
	case '"':
		b, err := r.readStr(false)
		if err != nil {
			return false, err
		}
		r.flag = true
		switch string(b) {
		case "true", "1":
			return true, nil
		case "false", "0":
			return false, nil
		}
		r.pos = start
		return false, &TypeError{Offset: start, Value: String, Want: "bool", Text: string(b)}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		num, _, err := r.scanNumber()
		if err != nil {
			return false, err
		}
		r.flag = true
		switch string(num) {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
		r.pos = start
		return false, &TypeError{Offset: start, Value: Number, Want: "bool", Text: string(num)}
	}
	return false, r.typeErr("bool")
}

// Skip consumes the next value, checking that it is valid JSON.
func (r *Reader) Skip() error {
	r.skipWS()
	if r.pos >= len(r.data) {
		return r.unexpected("looking for beginning of value")
	}
	switch r.data[r.pos] {
	case '{':
		if r.depth >= MaxDepth {
			return r.syntax("exceeded max depth")
		}
		r.depth++
		r.pos++
		r.skipWS()
		if r.pos < len(r.data) && r.data[r.pos] == '}' {
			r.pos++
			r.depth--
			return nil
		}
		for {
			r.skipWS()
			if r.pos >= len(r.data) || r.data[r.pos] != '"' {
				return r.unexpected("looking for beginning of object key string")
			}
			if err := r.skipStr(); err != nil {
				return err
			}
			r.skipWS()
			if r.pos >= len(r.data) || r.data[r.pos] != ':' {
				return r.unexpected("after object key")
			}
			r.pos++
			if err := r.Skip(); err != nil {
				return err
			}
			r.skipWS()
			if r.pos >= len(r.data) {
				return r.unexpected("after object key:value pair")
			}
			switch r.data[r.pos] {
			case ',':
				r.pos++
			case '}':
				r.pos++
				r.depth--
				return nil
			default:
				return r.unexpected("after object key:value pair")
			}
		}
	case '[':
		if r.depth >= MaxDepth {
			return r.syntax("exceeded max depth")
		}
		r.depth++
		r.pos++
		r.skipWS()
		if r.pos < len(r.data) && r.data[r.pos] == ']' {
			r.pos++
			r.depth--
			return nil
		}
		for {
			if err := r.Skip(); err != nil {
				return err
			}
			r.skipWS()
			if r.pos >= len(r.data) {
				return r.unexpected("after array element")
			}
			switch r.data[r.pos] {
			case ',':
				r.pos++
			case ']':
				r.pos++
				r.depth--
				return nil
			default:
				return r.unexpected("after array element")
			}
		}
	case '"':
		return r.skipStr()
	case 't':
		return r.literal("true")
	case 'f':
		return r.literal("false")
	case 'n':
		return r.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		_, _, err := r.scanNumber()
		return err
	}
	return r.unexpected("looking for beginning of value")
}

// skipStr consumes a string starting at its opening quote, validating
// escapes without decoding them.
func (r *Reader) skipStr() error {
	data := r.data
	i := r.pos + 1
	for {
		i = scanPlain(data, i)
		if i >= len(data) {
			r.pos = i
			return r.unexpected("in string literal")
		}
		switch c := data[i]; {
		case c == '"':
			r.pos = i + 1
			return nil
		case c == '\\':
			if i+1 >= len(data) {
				r.pos = i + 1
				return r.unexpected("in string escape code")
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(data, i+2); !ok {
					r.pos = i + 2
					return r.syntax("invalid \\u escape in string literal")
				}
				i += 6
			default:
				r.pos = i + 1
				return r.unexpected("in string escape code")
			}
		default: // control character
			r.pos = i
			return r.unexpected("in string literal")
		}
	}
}

// Raw consumes the next value and returns its bytes (validated), which
// alias the input: copy them (Clone) to keep them.
func (r *Reader) Raw() ([]byte, error) {
	r.skipWS()
	start := r.pos
	if err := r.Skip(); err != nil {
		return nil, err
	}
	return r.data[start:r.pos], nil
}

// Valid reports whether data is one valid JSON value (white space around
// it allowed), with the same verdict as encoding/json.Valid.
func Valid(data []byte) bool {
	r := Reader{data: data}
	return r.Skip() == nil && r.End() == nil
}
