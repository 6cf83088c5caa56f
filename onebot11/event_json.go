package onebot11

// This file is the layer between the event types' generated codecs
// (event_json_gen.go) and internal/jsonx. Events must re-encode to exactly
// the JSON value they were decoded from, so every decoded struct remembers,
// per field, whether the key was present, whether it was null, and whether a
// number came as a string (or a string as a number, a bool as a string or as
// 0/1). Values constructed in Go carry no such memory: they write their
// required fields and their optional fields when non-zero.

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/segment"
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

// decoder reads one event document.
type decoder struct {
	r jsonx.Reader

	postSeen bool // an event's post_type was read
	postSent bool // it was message_sent
}

func newDecoder(data []byte) decoder { return decoder{r: jsonx.NewReader(data)} }

// wrapErr gives a decoding error the package prefix; jsonx.ErrSyntax and
// jsonx.ErrType still match.
func wrapErr(typ string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("onebot11: %s: %w", typ, err)
}

// isNullJSON reports whether b is the literal null (which decodes to no
// change, as with encoding/json).
func isNullJSON(b []byte) bool {
	r := jsonx.NewReader(b)
	return r.IsNull() && r.End() == nil
}

// typeErr skips the value and reports that it is not a want.
func (d *decoder) typeErr(name, want string) error {
	k, off := d.r.Kind(), d.r.Offset()
	if err := d.r.Skip(); err != nil {
		return err
	}
	return fieldErr(name, &jsonx.TypeError{Offset: off, Value: k, Want: want})
}

// fieldErr names the field an error belongs to.
func fieldErr(name string, err error) error {
	return fmt.Errorf("field %q: %w", name, err)
}

// openObject consumes the '{' of an object.
func (d *decoder) openObject() error { return d.r.BeginObject() }

// nextKey reads the next member's key; ok is false at the closing brace.
func (d *decoder) nextKey() ([]byte, bool, error) { return d.r.NextKey() }

// null consumes a null literal if one is next.
func (d *decoder) null() bool { return d.r.IsNull() }

// end checks that only white space follows the document.
func (d *decoder) end() error { return d.r.End() }

// array calls elem for each element of an array.
func (d *decoder) array(name string, elem func() error) error {
	if d.r.Kind() != jsonx.Array {
		return d.typeErr(name, "array")
	}
	if err := d.r.BeginArray(); err != nil {
		return err
	}
	for {
		more, err := d.r.NextElem()
		if err != nil || !more {
			return err
		}
		if err := elem(); err != nil {
			return err
		}
	}
}

// parseInt parses an integer written exactly as strconv would write it, so
// that re-encoding reproduces the text ("-0", "+1", "01" are refused).
func parseInt(b []byte, bits int) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	neg := b[0] == '-'
	s := b
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || (s[0] == '0' && (len(s) > 1 || neg)) {
		return 0, false
	}
	var n uint64
	for _, c := range s {
		if c < '0' || c > '9' || n > (1<<64-1-9)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	limit := uint64(1) << (bits - 1)
	if neg {
		if n > limit {
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
	switch d.r.Kind() {
	case jsonx.Null:
		d.r.IsNull()
		st.null |= 1 << bit
		return 0, nil
	case jsonx.String:
		off := d.r.Offset()
		s, err := d.r.StringBytes()
		if err != nil {
			return 0, err
		}
		n, ok := parseInt(s, bits)
		if !ok {
			return 0, fieldErr(name, &jsonx.TypeError{Offset: off, Value: jsonx.String, Want: "int" + strconv.Itoa(bits), Text: string(s)})
		}
		st.alt |= 1 << bit
		return n, nil
	case jsonx.Number:
		off := d.r.Offset()
		s, err := d.r.Raw()
		if err != nil {
			return 0, err
		}
		n, ok := parseInt(s, bits)
		if !ok {
			return 0, fieldErr(name, &jsonx.RangeError{Offset: off, Text: string(s), Want: "int" + strconv.Itoa(bits), Msg: "not an integer in range"})
		}
		return n, nil
	}
	return 0, d.typeErr(name, "an integer")
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
	switch d.r.Kind() {
	case jsonx.String:
		s, err := d.r.StringBytes()
		if err != nil {
			return err
		}
		*p = intern(s)
		return nil
	case jsonx.Null:
		d.r.IsNull()
		st.null |= 1 << bit
		return nil
	case jsonx.Number:
		s, err := d.r.String()
		if err != nil {
			return err
		}
		*p = s
		st.alt |= 1 << bit
		return nil
	}
	return d.typeErr(name, "a string")
}

// intern returns s as a string, sharing the common enumerated values
// (sub types, roles, formats) instead of allocating them.
func intern(s []byte) string {
	if len(s) > len("anonymous") {
		return string(s)
	}
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
	switch d.r.Kind() {
	case jsonx.Bool:
		v, err := d.r.Bool()
		*p = v
		return err
	case jsonx.Null:
		d.r.IsNull()
		st.null |= 1 << bit
		return nil
	case jsonx.String:
		off := d.r.Offset()
		s, err := d.r.StringBytes()
		if err != nil {
			return err
		}
		switch string(s) {
		case "true":
			*p = true
		case "false":
			*p = false
		default:
			return fieldErr(name, &jsonx.TypeError{Offset: off, Value: jsonx.String, Want: "bool", Text: string(s)})
		}
		st.alt |= 1 << bit
		return nil
	case jsonx.Number:
		v, err := d.r.Bool() // 0 or 1
		if err != nil {
			return fieldErr(name, err)
		}
		*p = v
		st.alt2 |= 1 << bit
		return nil
	}
	return d.typeErr(name, "a bool")
}

// rawField keeps a value as its JSON text (copied).
func (d *decoder) rawField(p *json.RawMessage, st *wireState, bit uint) error {
	st.present |= 1 << bit
	r, err := d.r.Raw()
	if err != nil {
		return err
	}
	*p = jsonx.Clone(r)
	return nil
}

// extra stores an unknown member.
func (d *decoder) extra(m *map[string]json.RawMessage, key []byte) error {
	k := string(key) // copy before Raw may reuse the key's buffer
	r, err := d.r.Raw()
	if err != nil {
		return err
	}
	if *m == nil {
		*m = make(map[string]json.RawMessage, 2)
	}
	(*m)[k] = jsonx.Clone(r)
	return nil
}

// constField checks a discriminator such as notice_type against the type's
// value.
func (d *decoder) constField(name, want string) error {
	if d.r.Kind() != jsonx.String {
		return d.typeErr(name, "a string")
	}
	s, err := d.r.StringBytes()
	if err != nil {
		return err
	}
	if string(s) != want {
		return fmt.Errorf("%s is %q, want %q", name, s, want)
	}
	return nil
}

// postField reads post_type: it must be want, or with want "" (a message
// event of either kind) message or message_sent.
func (d *decoder) postField(want string) error {
	if d.r.Kind() != jsonx.String {
		return d.typeErr("post_type", "a string")
	}
	s, err := d.r.StringBytes()
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
	return fmt.Errorf("post_type is %q, want %s", s, want)
}

// messageField decodes a message in either format, remembering a string.
func (d *decoder) messageField(p *Message, cq *cqOrigin, st *wireState, bit uint) error {
	st.present |= 1 << bit
	*cq = cqOrigin{} // a repeated key: the last value decides the form
	if d.r.Kind() == jsonx.Array {
		return d.messageArray(p)
	}
	r, err := d.messageBytes()
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

// messageArray decodes a message in the array format straight from the
// front of the rest of the frame: the rest is copied into one string (which
// the decoded segments share), segment.EachEnvelope validates each element
// while parsing its envelope and says where the array ends, and the reader
// continues after it. The result is that of Message.UnmarshalJSON.
func (d *decoder) messageArray(p *Message) error {
	data, start := d.r.Data(), d.r.Offset()
	s := string(data[start:])
	out := make(Message, 0, segment.CountElements(s))
	end, err := segment.EachEnvelope(s, func(raw string, env segment.Envelope, obj bool) {
		out = append(out, envelopeSegment(raw, &env, obj))
	})
	if err != nil {
		return fieldErr("message", fmt.Errorf("%w: %w", ErrBadMessage, err))
	}
	*p = out
	// A fresh Reader is positioned inside an object after a member, where
	// the next byte is ',' or '}'.
	d.r = jsonx.NewReader(data[start+end:])
	return nil
}

// envelopeSegment turns one parsed array element into a segment, as
// Message.UnmarshalJSON does: a known type into its Go type, anything else
// (unknown types, undecodable data, non-objects) into *UnknownSegment
// keeping its JSON.
func envelopeSegment(raw string, env *segment.Envelope, obj bool) Segment {
	if !obj {
		return &UnknownSegment{Raw: json.RawMessage(raw)}
	}
	if env.TypeOK {
		if seg, ok := segmentRegistry.New(env.Type); ok {
			if d, ok := seg.(segment.Data); ok && segment.DecodeData(d, env, 0) {
				return seg
			}
		}
	}
	return &UnknownSegment{Type: env.Type, Raw: json.RawMessage(raw)}
}

// messageBytes returns the message value. Message.UnmarshalJSON checks
// every byte of it, so instead of a checking skip (jsonx.Reader.Raw) an
// array or a string is only delimited, by a fast bracket and quote scan, and
// the reader continues on the rest of the object. Whatever the scan
// delimits, the decode that follows accepts only one valid JSON value, so a
// malformed message is still reported (as an undecodable message, and by
// ParseEvent's check of the whole frame as invalid JSON).
func (d *decoder) messageBytes() ([]byte, error) {
	if k := d.r.Kind(); k == jsonx.Array || k == jsonx.String {
		data, start := d.r.Data(), d.r.Offset()
		if end, ok := valueEnd(data, start); ok {
			// A fresh Reader is positioned inside an object after a
			// member, where the next byte is ',' or '}'.
			d.r = jsonx.NewReader(data[end:])
			return data[start:end], nil
		}
	}
	return d.r.Raw()
}

// valueEnd returns the end of the array, object or string starting at b[i],
// matching brackets and skipping strings without checking them; ok is false
// when the input ends first.
func valueEnd(b []byte, i int) (int, bool) {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			j, ok := stringEnd(b, i+1)
			if !ok {
				return 0, false
			}
			if depth == 0 {
				return j, true
			}
			i = j
			continue
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth <= 0 {
				return i + 1, depth == 0
			}
		}
		i++
	}
	return 0, false
}

// stringEnd returns the index after the quote closing the string whose
// content starts at b[i].
func stringEnd(b []byte, i int) (int, bool) {
	for {
		i = plainRun(b, i)
		for i < len(b) && b[i] != '"' && b[i] != '\\' {
			i++
		}
		if i >= len(b) {
			return 0, false
		}
		if b[i] == '"' {
			return i + 1, true
		}
		i += 2 // an escape: the next byte is never the closing quote
	}
}

// plainRun returns the index of the first 8-byte word at or after i that
// may hold a quote, a backslash or a control character (or of the tail).
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

// cqOrigin remembers a message that arrived in the string (CQ code) format,
// so it is written back as that string while the parsed Message still says
// the same thing.
type cqOrigin struct {
	text string // the JSON string as it arrived, quotes included
	n    int
}

func (c *cqOrigin) keep(m Message) { c.n = len(m) }

// same reports whether m still says what the string it was decoded from
// says: the string is parsed again and both are compared in CQ form, so a
// segment replaced or changed in place (not only a resized message) makes
// the message encode as an array. This costs a parse only when a
// string-format message is encoded.
func (c *cqOrigin) same(m Message) bool {
	if c.text == "" || len(m) != c.n {
		return false
	}
	var orig Message
	if err := orig.UnmarshalJSON([]byte(c.text)); err != nil {
		return false
	}
	return orig.CQString() == m.CQString()
}

// The enc* helpers write one member of an object opened with w.Mark (each
// member with its leading comma; key is the pre-escaped `,"name":`).

func encInt(w *jsonx.Writer, key string, v int64, st *wireState, bit uint) {
	w.Lit(key)
	switch {
	case v == 0 && st.isNull(bit):
		w.Null()
	case st.alt&(1<<bit) != 0:
		w.Byte('"')
		w.Int64(v)
		w.Byte('"')
	default:
		w.Int64(v)
	}
}

func encString(w *jsonx.Writer, key, v string, st *wireState, bit uint) {
	w.Lit(key)
	switch {
	case v == "" && st.isNull(bit):
		w.Null()
	case st.alt&(1<<bit) != 0 && isNumber(v):
		w.Lit(v)
	default:
		w.String(v)
	}
}

// isNumber reports whether s is one JSON number.
func isNumber(s string) bool {
	r := jsonx.NewReader([]byte(s))
	return r.Kind() == jsonx.Number && r.Skip() == nil && r.End() == nil
}

func encBool(w *jsonx.Writer, key string, v bool, st *wireState, bit uint) {
	w.Lit(key)
	switch {
	case !v && st.isNull(bit):
		w.Null()
	case st.alt&(1<<bit) != 0:
		w.Byte('"')
		w.Bool(v)
		w.Byte('"')
	case st.alt2&(1<<bit) != 0:
		if v {
			w.Byte('1')
		} else {
			w.Byte('0')
		}
	default:
		w.Bool(v)
	}
}

// encMessage writes a message, in the string format when it arrived so and
// is unchanged.
func encMessage(w *jsonx.Writer, m Message, cq *cqOrigin, st *wireState, bit uint) {
	w.Lit(`,"message":`)
	switch {
	case m == nil && st.isNull(bit):
		w.Null()
	case cq.same(m):
		w.Lit(cq.text)
	default:
		w.Marshaled(m.MarshalJSON())
	}
}

// encExtra writes unknown members in key order.
func encExtra(w *jsonx.Writer, m map[string]json.RawMessage) {
	if len(m) == 0 {
		return
	}
	for _, k := range jsonx.SortedKeys(m) {
		w.Byte(',')
		w.String(k)
		w.Byte(':')
		w.Raw(m[k])
	}
}

// marshalWith runs an encode function on a pooled writer.
func marshalWith(encode func(w *jsonx.Writer)) ([]byte, error) {
	w := jsonx.GetWriter()
	encode(w)
	out, err := w.Result()
	jsonx.PutWriter(w)
	return out, err
}
