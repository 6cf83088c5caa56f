package segment

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Kind is the Go representation of one data field.
type Kind uint8

// Field kinds. SegmentField returns a pointer of the matching type.
const (
	// KindString is a *string. Numbers and true/false are accepted and
	// kept as their text; the original representation is re-encoded.
	KindString Kind = iota
	// KindInt is an *int64. Numeric strings are accepted and re-encoded
	// quoted.
	KindInt
	// KindBool is a *bool. The strings "true"/"false", the numbers 0/1 and
	// the strings "0"/"1" are accepted and re-encoded in their form.
	KindBool
	// KindStrings is a *[]string.
	KindStrings
	// KindJSON is a pointer whose type implements json.Unmarshaler and
	// json.Marshaler (a nested message, a raw value, ...). A value that
	// came as a JSON string (or from a CQ code) is written back as a
	// string when the type also implements CQStringer.
	KindJSON
)

// StringUnmarshaler is implemented by KindJSON field types that can decode
// straight from the JSON text held in a string (nested segment lists), so
// the codec need not copy it into a []byte first.
type StringUnmarshaler interface {
	UnmarshalJSONString(raw string) error
}

// MaxNesting is how deeply segment lists may nest inside segments (a
// OneBot node's content holding nodes, a Milky reply quoting segments, a
// Milky forward holding forwards; each list and each nested data object
// is one level). Every level is scanned once more by the levels above it,
// so without a bound a frame of n bytes could cost n² work. A value
// nested deeper is not decoded: it stays in its segment's Extra as it
// came (see NestedUnmarshaler), so nothing is lost.
const MaxNesting = 32

// ErrTooDeep is returned by a NestedUnmarshaler asked to decode a value
// nested deeper than MaxNesting.
var ErrTooDeep = fmt.Errorf("segment: segments nested deeper than %d levels", MaxNesting)

// NestedUnmarshaler is implemented by KindJSON field types that hold
// segments again (nested segment lists and objects holding them). The
// codec passes the depth of the value (1 for a field of a top-level
// segment) and prefers this method to UnmarshalJSON; the type passes
// depth on to the segments it decodes and returns an error wrapping
// ErrTooDeep when depth exceeds MaxNesting. The codec then keeps the
// value in Extra.
type NestedUnmarshaler interface {
	UnmarshalJSONNested(raw string, depth int) error
}

// Field describes one known key of a segment's data object.
type Field struct {
	Name string
	Kind Kind
	// Required fields are written by segments built in code even when
	// zero; segments decoded from the wire write exactly the keys they
	// had (plus any the program set to a non-zero value).
	Required bool
}

// Schema lists the known data fields of one segment type, in the order
// they are written.
type Schema struct {
	Type   string
	Fields []Field
}

func (s *Schema) index(name string) int {
	for i := range s.Fields {
		if s.Fields[i].Name == name {
			return i
		}
	}
	return -1
}

// Data is implemented by every typed segment so this package can decode
// and encode it without reflection.
type Data interface {
	// SegmentData returns the segment's schema, its Meta and a pointer to
	// its Extra map (unknown data keys).
	SegmentData() (*Schema, *Meta, *map[string]json.RawMessage)
	// SegmentField returns a pointer to the field at index i of the
	// schema (see Kind for the pointer types).
	SegmentField(i int) any
}

// data object shapes as received
const (
	shapeObject uint8 = iota
	shapeNull
	shapeMissing
)

// Meta records how a segment looked on the wire so it re-encodes to the
// same JSON value: which data keys were present, which came in the other
// representation (a number for a string field, a string for a number),
// which were null, whether data was an object, null or missing, and the
// envelope's keys other than "type" and "data". The zero Meta is that of a
// segment built in code.
type Meta struct {
	decoded  bool
	shape    uint8
	present  uint64
	alt      uint64
	num      uint64
	null     uint64
	envelope map[string]json.RawMessage
	// orig keeps, per field index, the JSON string a KindJSON value came
	// as and the CQ form it decoded to, so an unchanged value is written
	// back as the very same string.
	orig map[int][2]string
}

// Decoded reports whether the segment came from the wire (JSON or CQ).
func (m *Meta) Decoded() bool { return m.decoded }

// Envelope returns the envelope's keys other than "type" and "data".
func (m *Meta) Envelope() map[string]json.RawMessage { return m.envelope }

// Present reports whether the data field at index i was on the wire.
func (m *Meta) Present(i int) bool { return m.present&(1<<uint(i)) != 0 }

// Envelope is one parsed {"type": ..., "data": ...} object.
type Envelope struct {
	// Type is the "type" value when it is a string.
	Type string
	// TypeOK reports a string "type".
	TypeOK bool
	// Data is the raw JSON text of "data"; empty when absent.
	Data string
	// Extra holds the other keys.
	Extra map[string]json.RawMessage
}

// ParseEnvelope parses one segment object (raw JSON text, no surrounding
// white space needed).
func ParseEnvelope(raw string) (Envelope, error) { return parseEnvelope(raw, false) }

// ParseValidEnvelope is ParseEnvelope for text already known to be one
// valid JSON object (an element passed by EachElement): values are not
// validated a second time.
func ParseValidEnvelope(raw string) Envelope {
	env, _ := parseEnvelope(raw, true)
	return env
}

func parseEnvelope(raw string, valid bool) (Envelope, error) {
	env, _, err := parseEnvelopeAt(raw, skipWS(raw, 0), valid, 1)
	return env, err
}

// parseEnvelopeAt parses the object at raw[i] and returns the index after
// its closing brace. Values are validated (at nesting depth) unless valid.
func parseEnvelopeAt(raw string, i int, valid bool, depth int) (Envelope, int, error) {
	var env Envelope
	if i >= len(raw) || raw[i] != '{' {
		return env, i, syntaxErr(raw, i, "segment is not an object")
	}
	i = skipWS(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return env, i + 1, nil
	}
	skip := func(vs int) (int, error) {
		if valid {
			return skipValid(raw, vs), nil
		}
		return skipValue(raw, vs, depth)
	}
	for {
		key, j, err := scanString(raw, i)
		if err != nil {
			return env, j, err
		}
		j = skipWS(raw, j)
		if j >= len(raw) || raw[j] != ':' {
			return env, j, syntaxErr(raw, j, "expected ':'")
		}
		vs := skipWS(raw, j+1)
		var ve int
		switch key {
		case "type":
			if vs < len(raw) && raw[vs] == '"' {
				if env.Type, ve, err = scanString(raw, vs); err != nil {
					return env, ve, err
				}
				env.TypeOK = true
				break
			}
			if ve, err = skip(vs); err != nil {
				return env, ve, err
			}
			env.Type, env.TypeOK = "", false
			if env.Extra == nil {
				env.Extra = map[string]json.RawMessage{}
			}
			env.Extra[key] = json.RawMessage(raw[vs:ve])
		default:
			if ve, err = skip(vs); err != nil {
				return env, ve, err
			}
			if key == "data" {
				env.Data = raw[vs:ve]
			} else {
				if env.Extra == nil {
					env.Extra = map[string]json.RawMessage{}
				}
				env.Extra[key] = json.RawMessage(raw[vs:ve])
			}
		}
		j = skipWS(raw, ve)
		if j >= len(raw) {
			return env, j, syntaxErr(raw, j, "unterminated object")
		}
		if raw[j] == '}' {
			return env, j + 1, nil
		}
		if raw[j] != ',' {
			return env, j, syntaxErr(raw, j, "expected ',' or '}'")
		}
		i = skipWS(raw, j+1)
	}
}

// DecodeData fills d from env (its data object, and its envelope extras).
// It returns false, leaving d untouched, when the data is neither an
// object, null nor absent, or the envelope has a non-string "type": the
// caller then keeps the segment as an unknown one. Values of an
// unexpected shape for their field go to Extra, so nothing is lost. depth
// is the nesting depth of the list holding d (0 for a top-level message;
// see NestedUnmarshaler).
func DecodeData(d Data, env *Envelope, depth int) bool {
	if !env.TypeOK {
		return false
	}
	sc, meta, extra := d.SegmentData()
	meta.decoded = true
	meta.envelope = env.Extra
	switch {
	case env.Data == "":
		meta.shape = shapeMissing
		return true
	case env.Data == "null":
		meta.shape = shapeNull
		return true
	case env.Data[0] != '{':
		meta.decoded = false
		meta.envelope = nil
		return false
	}
	meta.shape = shapeObject
	// env.Data was validated by ParseEnvelope; errors cannot occur.
	_ = decodeObject(sc, d, meta, extra, env.Data, depth)
	return true
}

// DecodeObject fills d from the JSON object raw (its fields and Extra),
// for wire structs that are not segments but share the codec (a forwarded
// message). Values that do not fit their field go to Extra. depth is the
// object's nesting depth (see NestedUnmarshaler).
func DecodeObject(d Data, raw string, depth int) error {
	sc, meta, extra := d.SegmentData()
	i := skipWS(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return syntaxErr(raw, i, "expected object")
	}
	end, err := skipValue(raw, i, 0)
	if err != nil {
		return err
	}
	if k := skipWS(raw, end); k != len(raw) {
		return syntaxErr(raw, k, "trailing data")
	}
	meta.decoded = true
	meta.shape = shapeObject
	return decodeObject(sc, d, meta, extra, raw[i:end], depth)
}

// decodeObject reads the validated object s.
func decodeObject(sc *Schema, d Data, meta *Meta, extra *map[string]json.RawMessage, s string, depth int) error {
	i := skipWS(s, 1)
	if i < len(s) && s[i] == '}' {
		return nil
	}
	for {
		key, j, err := scanString(s, i)
		if err != nil {
			return err
		}
		j = skipWS(s, j)
		vs := skipWS(s, j+1)
		if s[vs] == '"' {
			// A string value is scanned once: its decoded text goes
			// straight to a string field.
			str, ve, err := scanString(s, vs)
			if err != nil {
				ve = skipValid(s, vs)
				setField(sc, d, meta, extra, key, s[vs:ve], depth)
			} else {
				setFieldStr(sc, d, meta, extra, key, s[vs:ve], str, depth)
			}
			i = ve
		} else {
			ve := skipValid(s, vs)
			setField(sc, d, meta, extra, key, s[vs:ve], depth)
			i = ve
		}
		j = skipWS(s, i)
		if j >= len(s) || s[j] == '}' {
			return nil
		}
		i = skipWS(s, j+1)
	}
}

func addExtra(extra *map[string]json.RawMessage, key string, raw []byte) {
	if *extra == nil {
		*extra = map[string]json.RawMessage{}
	}
	(*extra)[key] = raw
}

// setFieldStr is setField for a JSON string value raw whose decoded text
// is str.
func setFieldStr(sc *Schema, d Data, meta *Meta, extra *map[string]json.RawMessage, key, raw, str string, depth int) {
	fi := sc.index(key)
	if fi >= 0 && fi < 64 {
		if p, ok := d.SegmentField(fi).(*string); ok {
			*p = str
			bit := uint64(1) << uint(fi)
			meta.present |= bit
			meta.null &^= bit
			meta.alt &^= bit
			meta.num &^= bit
			return
		}
	}
	setField(sc, d, meta, extra, key, raw, depth)
}

// setField stores one raw JSON value under key of a segment at depth.
func setField(sc *Schema, d Data, meta *Meta, extra *map[string]json.RawMessage, key, raw string, depth int) {
	fi := sc.index(key)
	if fi < 0 || fi >= 64 {
		addExtra(extra, key, []byte(raw))
		return
	}
	bit := uint64(1) << uint(fi)
	if raw == "null" {
		meta.present |= bit
		meta.null |= bit
		return
	}
	ok := true
	alt, num := false, false
	switch p := d.SegmentField(fi).(type) {
	case *string:
		switch raw[0] {
		case '"':
			v, _, err := scanString(raw, 0)
			*p, ok = v, err == nil
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f':
			*p, alt = raw, true
		default:
			ok = false
		}
	case *int64:
		*p, alt, ok = ParseInt(raw)
	case *bool:
		switch raw {
		case "true", "false":
			*p = raw == "true"
		case `"true"`, `"false"`:
			*p, alt = raw == `"true"`, true
		case "0", "1":
			*p, num = raw == "1", true
		case `"0"`, `"1"`:
			*p, alt, num = raw == `"1"`, true, true
		default:
			ok = false
		}
	case *[]string:
		var list []string
		if raw[0] != '[' {
			ok = false
			break
		}
		err := EachElement(raw, func(_ int, v string) error {
			s, err := String(v)
			list = append(list, s)
			return err
		})
		if err != nil {
			ok = false
			break
		}
		if list == nil {
			list = []string{}
		}
		*p = list
	case NestedUnmarshaler:
		ok = p.UnmarshalJSONNested(raw, depth+1) == nil
		alt = raw[0] == '"'
		keepOrig(meta, fi, p, raw, ok && alt)
	case StringUnmarshaler:
		ok = p.UnmarshalJSONString(raw) == nil
		alt = raw[0] == '"'
		keepOrig(meta, fi, p, raw, ok && alt)
	case json.Unmarshaler:
		ok = p.UnmarshalJSON([]byte(raw)) == nil
		alt = raw[0] == '"'
		keepOrig(meta, fi, p, raw, ok && alt)
	default:
		ok = false
	}
	if !ok {
		addExtra(extra, key, []byte(raw))
		return
	}
	meta.present |= bit
	meta.null &^= bit
	if alt {
		meta.alt |= bit
	} else {
		meta.alt &^= bit
	}
	if num {
		meta.num |= bit
	} else {
		meta.num &^= bit
	}
}

// keepOrig remembers the string a KindJSON value with a CQ form came as.
func keepOrig(meta *Meta, fi int, p any, raw string, keep bool) {
	cs, ok := p.(CQStringer)
	if !keep || !ok {
		if meta.orig != nil {
			delete(meta.orig, fi)
		}
		return
	}
	if meta.orig == nil {
		meta.orig = map[int][2]string{}
	}
	meta.orig[fi] = [2]string{raw, cs.CQString()}
}

// DecodeCQParams fills d, a segment at depth (see NestedUnmarshaler), from
// a CQ code's parameters (see NextCQParam), unescaping with scanner's
// buffer when it is not nil. Values that do not fit their field go to
// Extra as JSON strings.
func DecodeCQParams(d Data, params string, scanner *CQScanner, depth int) {
	sc, meta, extra := d.SegmentData()
	meta.decoded = true
	meta.shape = shapeObject
	for {
		var key, val, rest string
		var ok bool
		if scanner != nil {
			key, val, rest, ok = scanner.NextParam(params)
		} else {
			key, val, rest, ok = NextCQParam(params)
		}
		if !ok {
			return
		}
		params = rest
		fi := sc.index(key)
		if fi < 0 || fi >= 64 {
			addExtra(extra, key, AppendString(nil, val))
			continue
		}
		bit := uint64(1) << uint(fi)
		fit := true
		alt := false
		switch p := d.SegmentField(fi).(type) {
		case *string:
			*p = val
		case *int64:
			v, ok := CanonicalInt(val)
			if fit = ok; fit {
				*p, alt = v, true
			}
		case *bool:
			switch val {
			case "true", "false":
				*p, alt = val == "true", true
			case "0", "1":
				*p, alt = val == "1", true
				meta.num |= bit
			default:
				fit = false
			}
		case NestedUnmarshaler:
			fit = p.UnmarshalJSONNested(string(AppendString(nil, val)), depth+1) == nil
			alt = true
		case json.Unmarshaler:
			fit = p.UnmarshalJSON(AppendString(nil, val)) == nil
			alt = true
		default:
			fit = false
		}
		if !fit {
			addExtra(extra, key, AppendString(nil, val))
			continue
		}
		meta.present |= bit
		meta.null &^= bit
		if alt {
			meta.alt |= bit
		} else {
			meta.alt &^= bit
		}
	}
}

// isZero reports whether the field holds its zero value.
func isZero(p any) bool {
	switch p := p.(type) {
	case *string:
		return *p == ""
	case *int64:
		return *p == 0
	case *bool:
		return !*p
	case *[]string:
		return len(*p) == 0
	case interface{ IsZero() bool }:
		// Before json.Marshaler: encoding a nested message here would
		// encode it once more per level above it (2^depth work).
		return p.IsZero()
	case json.Marshaler:
		b, err := p.MarshalJSON()
		if err != nil {
			return false
		}
		switch string(bytes.TrimSpace(b)) {
		case "null", "[]", "{}", `""`:
			return true
		}
	}
	return false
}

// emits reports whether field i is written.
func emits(f *Field, meta *Meta, bit uint64, p any) bool {
	return meta.present&bit != 0 || (f.Required && !meta.decoded) || !isZero(p)
}

// AppendJSON appends the segment's envelope {"type":..,"data":{..},...}.
func AppendJSON(b []byte, d Data) ([]byte, error) {
	sc, meta, extra := d.SegmentData()
	b = append(b, `{"type":`...)
	b = AppendString(b, sc.Type)
	has := len(*extra) > 0
	if !has {
		for i := range sc.Fields {
			if i < 64 && emits(&sc.Fields[i], meta, 1<<uint(i), d.SegmentField(i)) {
				has = true
				break
			}
		}
	}
	switch {
	case !has && meta.decoded && meta.shape == shapeMissing:
	case !has && meta.decoded && meta.shape == shapeNull:
		b = append(b, `,"data":null`...)
	default:
		b = append(b, `,"data":`...)
		var err error
		if b, err = AppendData(b, d); err != nil {
			return b, err
		}
	}
	if meta.envelope != nil {
		b = appendExtra(b, meta.envelope, false)
	}
	return append(b, '}'), nil
}

// AppendData appends the segment's data object.
func AppendData(b []byte, d Data) ([]byte, error) {
	sc, meta, extra := d.SegmentData()
	b = append(b, '{')
	first := true
	for i := range sc.Fields {
		f := &sc.Fields[i]
		bit := uint64(1) << uint(i)
		p := d.SegmentField(i)
		if i >= 64 || !emits(f, meta, bit, p) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = AppendString(b, f.Name)
		b = append(b, ':')
		null := meta.null&bit != 0 && isZero(p)
		if null {
			b = append(b, "null"...)
			continue
		}
		alt := meta.alt&bit != 0
		switch p := p.(type) {
		case *string:
			if alt && (*p == "true" || *p == "false" || isNumber(*p)) {
				b = append(b, *p...)
			} else {
				b = AppendString(b, *p)
			}
		case *int64:
			if alt {
				b = append(b, '"')
			}
			b = strconv.AppendInt(b, *p, 10)
			if alt {
				b = append(b, '"')
			}
		case *bool:
			if alt {
				b = append(b, '"')
			}
			switch {
			case meta.num&bit == 0:
				b = strconv.AppendBool(b, *p)
			case *p:
				b = append(b, '1')
			default:
				b = append(b, '0')
			}
			if alt {
				b = append(b, '"')
			}
		case *[]string:
			b = append(b, '[')
			for k, s := range *p {
				if k > 0 {
					b = append(b, ',')
				}
				b = AppendString(b, s)
			}
			b = append(b, ']')
		case json.Marshaler:
			if cs, ok := p.(CQStringer); ok && alt {
				cq := cs.CQString()
				if o, ok := meta.orig[i]; ok && o[1] == cq {
					b = append(b, o[0]...) // unchanged: the string as received
				} else {
					b = AppendString(b, cq)
				}
				break
			}
			v, err := p.MarshalJSON()
			if err != nil {
				return b, fmt.Errorf("segment: %s.%s: %w", sc.Type, f.Name, err)
			}
			b = append(b, v...)
		default:
			return b, fmt.Errorf("segment: %s.%s: unsupported field type %T", sc.Type, f.Name, p)
		}
	}
	b = appendExtra(b, *extra, first)
	return append(b, '}'), nil
}

// appendExtra appends "key":value for every entry in sorted key order,
// each preceded by a comma unless first (for the first entry only).
func appendExtra(b []byte, m map[string]json.RawMessage, first bool) []byte {
	if len(m) == 0 {
		return b
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = AppendString(b, k)
		b = append(b, ':')
		v := m[k]
		if len(v) == 0 {
			v = json.RawMessage("null")
		}
		b = append(b, v...)
	}
	return b
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	j, err := scanNumber(s, 0)
	return err == nil && j == len(s)
}

const hexDigits = "0123456789abcdef"

// AppendString appends s as a JSON string. Invalid UTF-8 is replaced by
// U+FFFD (as encoding/json does); HTML characters are not escaped.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[last:i]...)
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
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[last:i]...)
			b = append(b, "\uFFFD"...)
			i++
			last = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[last:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			last = i
			continue
		}
		i += size
	}
	b = append(b, s[last:]...)
	return append(b, '"')
}

// AppendSegment appends the JSON of a segment value that encodes itself:
// a [Data] (through [AppendJSON]) or a json.Marshaler. ok is false, with b
// unchanged, for any other value, so the protocol package decides what such
// a value means. A nil value is an error.
func AppendSegment(b []byte, seg any) (out []byte, ok bool, err error) {
	switch s := seg.(type) {
	case nil:
		return b, true, fmt.Errorf("nil segment")
	case Data:
		out, err = AppendJSON(b, s)
		return out, true, err
	case json.Marshaler:
		v, err := s.MarshalJSON()
		if err != nil {
			return b, true, err
		}
		return append(b, v...), true, nil
	}
	return b, false, nil
}
