package onebot11

// This file is the small JSON runtime behind the event types' generated
// codecs (event_json_gen.go). Events must re-encode to exactly the JSON value
// they were decoded from, so every decoded struct remembers, per field,
// whether the key was present, whether it was null, and whether a number came
// as a string (or a string as a number, a bool as a string or 0/1). Values
// constructed in Go carry no such memory: they write their required fields
// and their optional fields when non-zero.

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// wireState is what a decoded struct remembers about the wire form of its
// fields; bit i describes the i-th field of the struct.
type wireState struct {
	present uint64 // the key was on the wire
	null    uint64 // the value was null
	alt     uint64 // int or bool as a string, string as a number
	alt2    uint64 // bool as the number 0 or 1
	decoded bool
}

func (s *wireState) has(bit uint) bool    { return s.present&(1<<bit) != 0 }
func (s *wireState) isNull(bit uint) bool { return s.null&(1<<bit) != 0 }

// emit reports whether a field is written: a decoded struct writes the keys it
// read and anything set since; a constructed one writes required fields and
// non-zero optional ones.
func (s *wireState) emit(bit uint, nonZero, required bool) bool {
	if nonZero {
		return true
	}
	if s.decoded {
		return s.has(bit)
	}
	return required
}

// isNullJSON reports whether b is the literal null (which decodes to no
// change, as with encoding/json).
func isNullJSON(b []byte) bool {
	d := decoder{data: b}
	return d.null() && d.end() == nil
}

// errSyntax reports malformed JSON; it is wrapped with the offset.
var errSyntax = errors.New("invalid JSON")

// decoder reads one JSON document held in memory.
type decoder struct {
	data []byte
	pos  int
	buf  []byte // scratch for unescaped keys

	postSeen bool // an event's post_type was read
	postSent bool // it was message_sent
}

func (d *decoder) syntax(what string) error {
	if d.pos >= len(d.data) {
		return fmt.Errorf("onebot11: %w: unexpected end of input (%s)", errSyntax, what)
	}
	return fmt.Errorf("onebot11: %w at offset %d: %s", errSyntax, d.pos, what)
}

func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peekByte returns the next non-space byte without consuming it (0 at end).
func (d *decoder) peekByte() byte {
	d.ws()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// end checks that only white space follows the document.
func (d *decoder) end() error {
	d.ws()
	if d.pos != len(d.data) {
		return d.syntax("trailing data after the JSON value")
	}
	return nil
}

// errType reports a valid JSON value of the wrong kind for its field.
var errType = errors.New("wrong JSON type")

// typeErr skips the value at pos and reports that it is not a want.
func (d *decoder) typeErr(want string) error {
	start := d.pos
	if err := d.skip(); err != nil {
		return err
	}
	return fmt.Errorf("onebot11: %w at offset %d: want %s", errType, start, want)
}

// openObject consumes '{'.
func (d *decoder) openObject() error {
	if d.peekByte() != '{' {
		return d.typeErr("an object")
	}
	d.pos++
	return nil
}

// nextKey reads the next member's key and the colon after it; ok is false
// once the closing brace has been consumed. The key may point into scratch
// space valid until the next call.
func (d *decoder) nextKey(first bool) (key []byte, ok bool, err error) {
	c := d.peekByte()
	if c == '}' {
		d.pos++
		return nil, false, nil
	}
	if !first {
		if c != ',' {
			return nil, false, d.syntax("expected ',' or '}' in object")
		}
		d.pos++
		c = d.peekByte()
	}
	if c != '"' {
		return nil, false, d.syntax("expected a string key")
	}
	key, err = d.stringBytes()
	if err != nil {
		return nil, false, err
	}
	if d.peekByte() != ':' {
		return nil, false, d.syntax("expected ':' after object key")
	}
	d.pos++
	return key, true, nil
}

// stringBytes reads a JSON string at pos (which holds '"') and returns its
// unescaped bytes: a sub-slice of the input when there are no escapes,
// otherwise the scratch buffer.
func (d *decoder) stringBytes() ([]byte, error) {
	start := d.pos + 1
	i := plainRun(d.data, start)
	for i < len(d.data) {
		c := d.data[i]
		if plain[c] {
			i++
			continue
		}
		if c == '"' {
			d.pos = i + 1
			return d.data[start:i], nil
		}
		if c == '\\' {
			return d.stringSlow(start, i)
		}
		if c < 0x20 {
			d.pos = i
			return nil, d.syntax("control character in string")
		}
		i++
	}
	d.pos = i
	return nil, d.syntax("unterminated string")
}

// plain[c] reports whether byte c stands for itself inside a JSON string.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plainRun returns the index of the first 8-byte word at or after i that
// may hold a quote, a backslash or a control character (or the tail).
func plainRun(b []byte, i int) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	for i+8 <= len(b) {
		x := binary.LittleEndian.Uint64(b[i:])
		q := x ^ (lo * '"')
		bs := x ^ (lo * '\\')
		if ((x-lo*0x20)&^x|(q-lo)&^q|(bs-lo)&^bs)&hi != 0 {
			return i
		}
		i += 8
	}
	return i
}

// skipString consumes the string at pos (which holds '"'), checking its
// escapes without unescaping it.
func (d *decoder) skipString() error {
	i := d.pos + 1
	for {
		i = plainRun(d.data, i)
		for i < len(d.data) && plain[d.data[i]] {
			i++
		}
		if i >= len(d.data) {
			d.pos = i
			return d.syntax("unterminated string")
		}
		switch c := d.data[i]; c {
		case '"':
			d.pos = i + 1
			return nil
		case '\\':
			if i+1 >= len(d.data) {
				d.pos = i + 1
				return d.syntax("unterminated escape")
			}
			switch d.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(d.data, i+2); !ok {
					d.pos = i + 2
					return d.syntax(`bad \u escape`)
				}
				i += 6
			default:
				d.pos = i + 1
				return d.syntax("bad escape")
			}
		default:
			d.pos = i
			return d.syntax("control character in string")
		}
	}
}

func (d *decoder) stringSlow(start, i int) ([]byte, error) {
	out := append(d.buf[:0], d.data[start:i]...)
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			d.buf = out
			return out, nil
		case c < 0x20:
			d.pos = i
			return nil, d.syntax("control character in string")
		case c != '\\':
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(d.data) {
			d.pos = i + 1
			return nil, d.syntax("unterminated escape")
		}
		e := d.data[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(d.data, i)
			if !ok {
				d.pos = i
				return nil, d.syntax(`bad \u escape`)
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(d.data, i+2); ok && i+1 < len(d.data) && d.data[i] == '\\' && d.data[i+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						i += 6
						out = utf8.AppendRune(out, dec)
						continue
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			d.pos = i - 1
			return nil, d.syntax("bad escape")
		}
	}
	d.pos = i
	return nil, d.syntax("unterminated string")
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// literal consumes the literal word (true, false, null) at pos.
func (d *decoder) literal(word string) bool {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return true
	}
	return false
}

// null consumes a null literal if one is next.
func (d *decoder) null() bool {
	return d.peekByte() == 'n' && d.literal("null")
}

// number scans a JSON number at pos and returns its text.
func (d *decoder) number() ([]byte, error) {
	start := d.pos
	i := d.pos
	if i < len(d.data) && d.data[i] == '-' {
		i++
	}
	switch {
	case i < len(d.data) && d.data[i] == '0':
		i++
	case i < len(d.data) && d.data[i] >= '1' && d.data[i] <= '9':
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
		}
	default:
		d.pos = i
		return nil, d.syntax("bad number")
	}
	if i < len(d.data) && d.data[i] == '.' {
		i++
		j := i
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
		}
		if i == j {
			d.pos = i
			return nil, d.syntax("bad number fraction")
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		j := i
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
		}
		if i == j {
			d.pos = i
			return nil, d.syntax("bad number exponent")
		}
	}
	d.pos = i
	return d.data[start:i], nil
}

// skip consumes one JSON value, checking its syntax.
func (d *decoder) skip() error { return d.skipDepth(0) }

func (d *decoder) skipDepth(depth int) error {
	if depth > 512 {
		return d.syntax("nesting too deep")
	}
	switch c := d.peekByte(); c {
	case '"':
		return d.skipString()
	case '{':
		d.pos++
		for first := true; ; first = false {
			_, ok, err := d.nextKey(first)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := d.skipDepth(depth + 1); err != nil {
				return err
			}
		}
	case '[':
		d.pos++
		if d.peekByte() == ']' {
			d.pos++
			return nil
		}
		for {
			if err := d.skipDepth(depth + 1); err != nil {
				return err
			}
			switch d.peekByte() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				return nil
			default:
				return d.syntax("expected ',' or ']' in array")
			}
		}
	case 't':
		if d.literal("true") {
			return nil
		}
	case 'f':
		if d.literal("false") {
			return nil
		}
	case 'n':
		if d.literal("null") {
			return nil
		}
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			_, err := d.number()
			return err
		}
	}
	return d.syntax("expected a JSON value")
}

// raw consumes one value and returns its bytes (a sub-slice of the input).
func (d *decoder) raw() ([]byte, error) {
	d.ws()
	start := d.pos
	if err := d.skip(); err != nil {
		return nil, err
	}
	return d.data[start:d.pos], nil
}

// array calls elem for each element of an array.
func (d *decoder) array(elem func() error) error {
	if d.peekByte() != '[' {
		return d.typeErr("an array")
	}
	d.pos++
	if d.peekByte() == ']' {
		d.pos++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch d.peekByte() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return nil
		default:
			return d.syntax("expected ',' or ']' in array")
		}
	}
}

// fieldErr names the field a value error belongs to.
func fieldErr(name string, err error) error {
	return fmt.Errorf("onebot11: field %q: %w", name, err)
}

// parseInt parses an integer written exactly as strconv would write it, so
// that re-encoding reproduces the text.
func parseInt(b []byte, bits int) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	s := b
	if s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var n uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (math.MaxUint64-9)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	limit := uint64(1) << (bits - 1)
	if b[0] == '-' {
		if n > limit || n == 0 { // -0 would not survive re-encoding
			return 0, false
		}
		return -int64(n), true
	}
	if n >= limit {
		return 0, false
	}
	return int64(n), true
}

// intValue decodes an integer given as a number or a numeric string.
func (d *decoder) intValue(st *wireState, bit uint, bits int, name string) (int64, error) {
	st.present |= 1 << bit
	switch c := d.peekByte(); {
	case c == 'n':
		if d.literal("null") {
			st.null |= 1 << bit
			return 0, nil
		}
	case c == '"':
		s, err := d.stringBytes()
		if err != nil {
			return 0, err
		}
		n, ok := parseInt(s, bits)
		if !ok {
			return 0, fieldErr(name, fmt.Errorf("%q is not a %d-bit integer", s, bits))
		}
		st.alt |= 1 << bit
		return n, nil
	case c == '-' || (c >= '0' && c <= '9'):
		s, err := d.number()
		if err != nil {
			return 0, err
		}
		n, ok := parseInt(s, bits)
		if !ok {
			return 0, fieldErr(name, fmt.Errorf("%s is not a %d-bit integer", s, bits))
		}
		return n, nil
	}
	if err := d.skip(); err != nil {
		return 0, err
	}
	return 0, fieldErr(name, fmt.Errorf("%w: want an integer", errType))
}

func (d *decoder) int64Field(p *int64, st *wireState, bit uint, name string) error {
	n, err := d.intValue(st, bit, 64, name)
	*p = n
	return err
}

func (d *decoder) int32Field(p *int32, st *wireState, bit uint, name string) error {
	n, err := d.intValue(st, bit, 32, name)
	*p = int32(n)
	return err
}

func (d *decoder) intField(p *int, st *wireState, bit uint, name string) error {
	n, err := d.intValue(st, bit, strconv.IntSize, name)
	*p = int(n)
	return err
}

// stringField decodes a string; a number is accepted and kept as its text.
func (d *decoder) stringField(p *string, st *wireState, bit uint, name string) error {
	st.present |= 1 << bit
	switch c := d.peekByte(); {
	case c == '"':
		s, err := d.stringBytes()
		if err != nil {
			return err
		}
		*p = intern(s)
		return nil
	case c == 'n':
		if d.literal("null") {
			st.null |= 1 << bit
			return nil
		}
	case c == '-' || (c >= '0' && c <= '9'):
		s, err := d.number()
		if err != nil {
			return err
		}
		*p = string(s)
		st.alt |= 1 << bit
		return nil
	}
	if err := d.skip(); err != nil {
		return err
	}
	return fieldErr(name, fmt.Errorf("%w: want a string", errType))
}

// intern returns s as a string, sharing the common enumerated values
// (sub types, roles, formats) instead of allocating them.
func intern(s []byte) string {
	switch string(s) {
	case "":
		return ""
	case "normal":
		return "normal"
	case "friend":
		return "friend"
	case "group":
		return "group"
	case "array":
		return "array"
	case "string":
		return "string"
	case "member":
		return "member"
	case "admin":
		return "admin"
	case "owner":
		return "owner"
	case "unknown":
		return "unknown"
	case "male":
		return "male"
	case "female":
		return "female"
	case "anonymous":
		return "anonymous"
	case "channel":
		return "channel"
	}
	return string(s)
}

// boolField decodes true/false, "true"/"false" or 0/1.
func (d *decoder) boolField(p *bool, st *wireState, bit uint, name string) error {
	st.present |= 1 << bit
	switch d.peekByte() {
	case 't':
		if d.literal("true") {
			*p = true
			return nil
		}
	case 'f':
		if d.literal("false") {
			*p = false
			return nil
		}
	case 'n':
		if d.literal("null") {
			st.null |= 1 << bit
			return nil
		}
	case '"':
		s, err := d.stringBytes()
		if err != nil {
			return err
		}
		switch string(s) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			return fieldErr(name, fmt.Errorf("%q is not a bool", s))
		}
		st.alt |= 1 << bit
		return nil
	case '0', '1':
		s, err := d.number()
		if err != nil {
			return err
		}
		if len(s) != 1 {
			return fieldErr(name, fmt.Errorf("%s is not a bool", s))
		}
		*p = s[0] == '1'
		st.alt2 |= 1 << bit
		return nil
	}
	if err := d.skip(); err != nil {
		return err
	}
	return fieldErr(name, fmt.Errorf("%w: want a bool", errType))
}

// rawField keeps a value as its JSON text (copied).
func (d *decoder) rawField(p *json.RawMessage, st *wireState, bit uint) error {
	st.present |= 1 << bit
	r, err := d.raw()
	if err != nil {
		return err
	}
	*p = append(json.RawMessage(nil), r...)
	return nil
}

// extra stores an unknown member.
func (d *decoder) extra(m *map[string]json.RawMessage, key []byte) error {
	k := string(key) // copy before raw() may reuse the scratch buffer
	r, err := d.raw()
	if err != nil {
		return err
	}
	if *m == nil {
		*m = make(map[string]json.RawMessage, 2)
	}
	(*m)[k] = append(json.RawMessage(nil), r...)
	return nil
}

// postField reads post_type: it must be want, or with want "" (a message
// event of either kind) message or message_sent.
func (d *decoder) postField(want string) error {
	if d.peekByte() != '"' {
		return d.typeErr("a string for post_type")
	}
	s, err := d.stringBytes()
	if err != nil {
		return err
	}
	d.postSeen = true
	switch {
	case want != "" && string(s) == want:
		return nil
	case want == "" && string(s) == PostTypeMessage:
		d.postSent = false
		return nil
	case want == "" && string(s) == PostTypeMessageSent:
		d.postSent = true
		return nil
	}
	if want == "" {
		want = "message or message_sent"
	}
	return fmt.Errorf("onebot11: post_type is %q, want %s", s, want)
}

// constField checks a discriminator such as post_type against the type's
// value.
func (d *decoder) constField(name, want string) error {
	if d.peekByte() != '"' {
		if err := d.skip(); err != nil {
			return err
		}
		return fieldErr(name, fmt.Errorf("%w: want a string", errType))
	}
	s, err := d.stringBytes()
	if err != nil {
		return err
	}
	if string(s) != want {
		return fmt.Errorf("onebot11: %s is %q, want %q", name, s, want)
	}
	return nil
}

// messageField decodes a message in either format, remembering a string.
func (d *decoder) messageField(p *Message, cq *cqOrigin, st *wireState, bit uint) error {
	st.present |= 1 << bit
	r, err := d.raw()
	if err != nil {
		return err
	}
	if r[0] == 'n' {
		st.null |= 1 << bit
		return nil
	}
	if err := p.UnmarshalJSON(r); err != nil {
		return fieldErr("message", err)
	}
	if r[0] == '"' {
		cq.text = string(r)
		cq.keep(*p)
	}
	return nil
}

// cqOrigin remembers a message that arrived in the string (CQ code) format,
// so it is written back as that string while the parsed Message is unchanged.
type cqOrigin struct {
	text  string // the JSON string as it arrived, quotes included
	first *Segment
	n     int
}

func (c *cqOrigin) keep(m Message) {
	c.n = len(m)
	c.first = nil
	if len(m) > 0 {
		c.first = &m[0]
	}
}

// same reports whether m is still the message decoded from the string.
func (c *cqOrigin) same(m Message) bool {
	if c.text == "" || len(m) != c.n {
		return false
	}
	if len(m) == 0 {
		return true
	}
	return &m[0] == c.first
}

// encoder appends JSON to a buffer.
type encoder struct {
	b   []byte
	err error
}

func (w *encoder) open() { w.b = append(w.b, '{') }

func (w *encoder) close() { w.b = append(w.b, '}') }

// key writes a member key (and the comma before it when needed).
func (w *encoder) key(k string) {
	if n := len(w.b); n > 0 && w.b[n-1] != '{' && w.b[n-1] != '[' {
		w.b = append(w.b, ',')
	}
	w.str(k)
}

// colon writes the separator after a key.
func (w *encoder) colon() { w.b = append(w.b, ':') }

func (w *encoder) str(s string) {
	w.b = appendQuoted(w.b, s)
}

const hexDigits = "0123456789abcdef"

// appendQuoted writes s as a JSON string, escaping quotes, backslashes and
// control characters (and nothing else, so text stays readable).
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func (w *encoder) intField(k string, v int64, st *wireState, bit uint) {
	w.key(k)
	w.colon()
	switch {
	case v == 0 && st.isNull(bit):
		w.b = append(w.b, "null"...)
	case st.alt&(1<<bit) != 0:
		w.b = append(w.b, '"')
		w.b = strconv.AppendInt(w.b, v, 10)
		w.b = append(w.b, '"')
	default:
		w.b = strconv.AppendInt(w.b, v, 10)
	}
}

func (w *encoder) stringField(k, v string, st *wireState, bit uint) {
	w.key(k)
	w.colon()
	switch {
	case v == "" && st.isNull(bit):
		w.b = append(w.b, "null"...)
	case st.alt&(1<<bit) != 0 && isNumber(v):
		w.b = append(w.b, v...)
	default:
		w.str(v)
	}
}

// isNumber reports whether s is a complete JSON number.
func isNumber(s string) bool {
	d := decoder{data: []byte(s)}
	if _, err := d.number(); err != nil {
		return false
	}
	return d.pos == len(s)
}

func (w *encoder) boolField(k string, v bool, st *wireState, bit uint) {
	w.key(k)
	w.colon()
	switch {
	case !v && st.isNull(bit):
		w.b = append(w.b, "null"...)
	case st.alt&(1<<bit) != 0:
		w.b = append(w.b, '"')
		w.b = strconv.AppendBool(w.b, v)
		w.b = append(w.b, '"')
	case st.alt2&(1<<bit) != 0:
		if v {
			w.b = append(w.b, '1')
		} else {
			w.b = append(w.b, '0')
		}
	default:
		w.b = strconv.AppendBool(w.b, v)
	}
}

// rawField writes kept JSON text, or null when there is none.
func (w *encoder) rawField(k string, v json.RawMessage) {
	w.key(k)
	w.colon()
	if len(v) == 0 {
		w.b = append(w.b, "null"...)
		return
	}
	w.raw(v)
}

// raw appends JSON text after checking it is one valid value.
func (w *encoder) raw(v []byte) {
	d := decoder{data: v}
	err := d.skip()
	if err == nil {
		err = d.end()
	}
	if err != nil {
		if w.err == nil {
			w.err = fmt.Errorf("onebot11: invalid raw JSON %q", v)
		}
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, v...)
}

// constField writes a discriminator.
func (w *encoder) constField(k, v string) {
	w.key(k)
	w.colon()
	w.str(v)
}

// messageField writes a message, in the string format when it arrived so and
// is unchanged.
func (w *encoder) messageField(m Message, cq *cqOrigin, st *wireState, bit uint) {
	w.key("message")
	w.colon()
	switch {
	case m == nil && st.isNull(bit):
		w.b = append(w.b, "null"...)
	case cq.same(m):
		w.b = append(w.b, cq.text...)
	default:
		b, err := m.MarshalJSON()
		if err != nil {
			if w.err == nil {
				w.err = fmt.Errorf("onebot11: message: %w", err)
			}
			b = []byte("null")
		}
		w.raw(b)
	}
}

// extra writes unknown members in key order.
func (w *encoder) extra(m map[string]json.RawMessage) {
	switch len(m) {
	case 0:
		return
	case 1:
		for k, v := range m {
			w.key(k)
			w.colon()
			w.raw(v)
		}
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		w.key(k)
		w.colon()
		w.raw(m[k])
	}
}
