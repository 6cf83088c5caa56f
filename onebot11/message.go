package onebot11

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/duobot/duobot/segment"
)

// Segment is one message segment ({"type": ..., "data": {...}}). The
// segment types of this package (TextSegment, ImageSegment, ...) and
// *UnknownSegment implement it. A type of your own may too: register it
// with RegisterSegment (it must then implement segment.Data) or give it a
// MarshalJSON that writes the whole envelope.
type Segment interface {
	SegmentType() string
}

// ErrBadMessage is wrapped by errors decoding a message that is neither a
// segment array, a string nor a segment object.
var ErrBadMessage = errors.New("onebot11: bad message")

// segmentRegistry holds the known segment types.
var segmentRegistry = segment.NewRegistry[Segment]()

// RegisterSegment makes decoding produce values from newSeg for segments
// of type typ. newSeg must return a pointer implementing segment.Data; it
// replaces a built-in type of the same name. Call it during package
// initialisation only.
func RegisterSegment(typ string, newSeg func() Segment) {
	segmentRegistry.Register(typ, newSeg)
}

// SegmentTypes lists the segment types decoded into their own Go types.
func SegmentTypes() []string { return segmentRegistry.Types() }

// UnknownSegment is a segment whose type has no Go type here, or whose
// envelope could not be read into one (a non-object data, a non-string
// type, an array element that is not an object at all). Raw is the whole envelope exactly as received, and is what
// MarshalJSON writes back.
type UnknownSegment struct {
	// Type is the segment's type.
	Type string
	// Raw is the envelope's JSON.
	Raw json.RawMessage
}

// SegmentType returns the segment's type.
func (s *UnknownSegment) SegmentType() string { return s.Type }

// Data returns the raw JSON of the envelope's "data" (nil when absent).
func (s *UnknownSegment) Data() json.RawMessage {
	env, err := segment.ParseEnvelope(string(s.Raw))
	if err != nil || env.Data == "" {
		return nil
	}
	return json.RawMessage(env.Data)
}

// MarshalJSON writes Raw, or {"type": Type, "data": {}} when Raw is empty.
func (s *UnknownSegment) MarshalJSON() ([]byte, error) {
	if len(s.Raw) == 0 {
		b := append(segment.AppendString([]byte(`{"type":`), s.Type), `,"data":{}}`...)
		return b, nil
	}
	return s.Raw, nil
}

// UnmarshalJSON keeps any JSON object as the raw envelope.
func (s *UnknownSegment) UnmarshalJSON(b []byte) error {
	env, err := segment.ParseEnvelope(string(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadMessage, err)
	}
	s.Type = env.Type
	s.Raw = append(json.RawMessage(nil), bytes.TrimSpace(b)...)
	return nil
}

func unmarshalTypedSegment(d segment.Data, b []byte) error {
	env, err := segment.ParseEnvelope(string(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadMessage, err)
	}
	sc, _, _ := d.SegmentData()
	if !env.TypeOK || env.Type != sc.Type {
		return fmt.Errorf("%w: segment type %q where %q was expected", ErrBadMessage, env.Type, sc.Type)
	}
	if !segment.DecodeData(d, &env, 0) {
		return fmt.Errorf("%w: %s segment data is not an object", ErrBadMessage, sc.Type)
	}
	return nil
}

// Message is a OneBot 11 message: a list of segments. It marshals to the
// array format and unmarshals from the array format, the string (CQ)
// format, or a single segment object (which OneBot 11 allows too).
//
// A message decoded from a single segment object marshals back to a single
// object while it still holds that one decoded segment, and to the array
// format once changed (appended to, its segment replaced) or copied. The
// decoder remembers the form in the slice's spare capacity, so nothing
// else about Message changes.
type Message []Segment

// singleObject is stored just past the end of a message decoded from a
// single segment object (len 1, cap 2): it marks that form for as long as
// the message's one element is still seg.
type singleObject struct{ seg Segment }

// SegmentType makes singleObject storable in a Message's backing array; it
// never appears within a message's length.
func (*singleObject) SegmentType() string { return "" }

// newSingleMessage returns the one-segment message of a single segment
// object, marked so that it re-encodes as an object.
func newSingleMessage(seg Segment) Message {
	backing := make(Message, 2)
	backing[0] = seg
	backing[1] = &singleObject{seg: seg}
	return backing[:1]
}

// single returns the segment of a message still in the single-object form
// it was decoded from.
func (m Message) single() (Segment, bool) {
	if len(m) != 1 || cap(m) != 2 {
		return nil, false
	}
	mark, ok := m[:2][1].(*singleObject)
	// mark.seg is a pointer type of ours (decodeMessageSegment), so the
	// interface comparison cannot panic.
	if !ok || mark.seg != m[0] {
		return nil, false
	}
	return mark.seg, true
}

// decodeMessageSegment turns one array element (valid JSON text) of a
// message at depth into a segment.
func decodeMessageSegment(raw string, depth int) Segment {
	if raw[0] != '{' { // not a segment at all: kept as it is
		return &UnknownSegment{Raw: json.RawMessage(raw)}
	}
	env := segment.ParseValidEnvelope(raw) // EachElement validated raw
	if env.TypeOK {
		if seg, ok := segmentRegistry.New(env.Type); ok {
			if d, ok := seg.(segment.Data); ok && segment.DecodeData(d, &env, depth) {
				return seg
			}
		}
	}
	return &UnknownSegment{Type: env.Type, Raw: json.RawMessage(raw)}
}

// UnmarshalJSON decodes the array format, a CQ string, a single segment
// object (a one-segment message; the object needs a string "type"), or
// null (a nil message). Known segment
// types become their Go types, anything else (unknown types, malformed
// elements) *UnknownSegment keeping its JSON; nothing is dropped. Only
// invalid JSON or another JSON type is an error.
func (m *Message) UnmarshalJSON(b []byte) error {
	return m.UnmarshalJSONString(string(b)) // one copy; decoded strings share it
}

// UnmarshalJSONString is UnmarshalJSON reading from a string (whose
// substrings the decoded segments keep).
func (m *Message) UnmarshalJSONString(s string) error { return m.unmarshalAt(s, 0) }

// UnmarshalJSONNested is UnmarshalJSONString for a message nested at depth
// (a node's content; see segment.NestedUnmarshaler). Beyond
// segment.MaxNesting it fails with an error wrapping segment.ErrTooDeep,
// and the node keeps the content in its Extra as it came.
func (m *Message) UnmarshalJSONNested(s string, depth int) error {
	if depth > segment.MaxNesting {
		return fmt.Errorf("%w: %w", ErrBadMessage, segment.ErrTooDeep)
	}
	return m.unmarshalAt(s, depth)
}

// IsZero reports whether m has no segments (how the segment codec decides
// that a node's content is empty without encoding it).
func (m Message) IsZero() bool { return len(m) == 0 }

func (m *Message) unmarshalAt(s string, depth int) error {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	if i == len(s) {
		return fmt.Errorf("%w: empty input", ErrBadMessage)
	}
	switch s[i] {
	case 'n':
		if strings.TrimSpace(s) == "null" {
			*m = nil
			return nil
		}
	case '"':
		str, err := segment.String(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrBadMessage, err)
		}
		*m = parseCQ(str, depth)
		return nil
	case '[':
		out := make(Message, 0, segment.CountElements(s))
		err := segment.EachElement(s, func(_ int, raw string) error {
			out = append(out, decodeMessageSegment(raw, depth))
			return nil
		})
		if err != nil {
			return fmt.Errorf("%w: %w", ErrBadMessage, err)
		}
		*m = out
		return nil
	case '{':
		obj := strings.TrimSpace(s[i:])
		if !json.Valid([]byte(obj)) {
			return fmt.Errorf("%w: segment object is not valid JSON", ErrBadMessage)
		}
		// Unlike an array element (kept whatever it is), a lone object
		// is a message only if it is a segment.
		if env := segment.ParseValidEnvelope(obj); !env.TypeOK {
			return fmt.Errorf("%w: an object without a string \"type\" is not a segment", ErrBadMessage)
		}
		*m = newSingleMessage(decodeMessageSegment(obj, depth))
		return nil
	}
	return fmt.Errorf("%w: neither an array, a string nor a segment object", ErrBadMessage)
}

// MarshalJSON encodes the array format (a nil message is []), or the
// single segment object a message was decoded from while unchanged.
func (m Message) MarshalJSON() ([]byte, error) { return m.AppendJSON(nil) }

// AppendJSON appends the JSON of m to b (see MarshalJSON).
func (m Message) AppendJSON(b []byte) ([]byte, error) {
	if seg, ok := m.single(); ok {
		out, err := appendMessageSegment(b, seg)
		if err != nil {
			return out, fmt.Errorf("onebot11: segment 0: %w", err)
		}
		return out, nil
	}
	b = append(b, '[')
	for i, seg := range m {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendMessageSegment(b, seg); err != nil {
			return b, fmt.Errorf("onebot11: segment %d: %w", i, err)
		}
	}
	return append(b, ']'), nil
}

func appendMessageSegment(b []byte, seg Segment) ([]byte, error) {
	if out, ok, err := segment.AppendSegment(b, seg); ok {
		return out, err
	}
	// Another Segment implementation: its fields are the data object.
	data, err := json.Marshal(seg)
	if err != nil {
		return b, err
	}
	b = append(b, `{"type":`...)
	b = segment.AppendString(b, seg.SegmentType())
	b = append(b, `,"data":`...)
	b = append(b, data...)
	return append(b, '}'), nil
}

// PlainText returns the text of the message's text segments, joined.
func (m Message) PlainText() string {
	var sb strings.Builder
	for _, seg := range m {
		if t, ok := seg.(*TextSegment); ok {
			sb.WriteString(t.Text)
		}
	}
	return sb.String()
}

// ParseCQ parses the string (CQ code) message format. It never fails:
// malformed codes stay text and nothing in s is dropped (see package
// segment for the exact grammar and escaping, including how &#44; in plain
// text reads). Known code types become their Go types, others
// *UnknownSegment with a JSON envelope of string values. A node content
// nested deeper than segment.MaxNesting stays in the node's Extra as text.
func ParseCQ(s string) Message { return parseCQ(s, 0) }

// parseCQ is ParseCQ for a message at depth.
func parseCQ(s string, depth int) Message {
	codes := strings.Count(s, "[CQ:")
	m := make(Message, 0, 2*codes+1)
	texts := make([]TextSegment, 0, codes+1) // one allocation for all text segments
	sc := segment.NewCQScanner(s)
	for {
		tok, ok := sc.Next()
		if !ok {
			return m
		}
		if !tok.Code {
			if len(texts) == cap(texts) {
				m = append(m, &TextSegment{Text: tok.Text})
				continue
			}
			texts = append(texts, TextSegment{Text: tok.Text})
			m = append(m, &texts[len(texts)-1])
			continue
		}
		m = append(m, cqMessageSegment(tok.Type, tok.Params, sc, depth))
	}
}

func cqMessageSegment(typ, params string, sc *segment.CQScanner, depth int) Segment {
	if seg, ok := segmentRegistry.New(typ); ok {
		if d, ok := seg.(segment.Data); ok {
			segment.DecodeCQParams(d, params, sc, depth)
			return seg
		}
	}
	b := append(segment.AppendString([]byte(`{"type":`), typ), `,"data":{`...)
	for first := true; ; first = false {
		k, v, rest, ok := sc.NextParam(params)
		if !ok {
			break
		}
		params = rest
		if !first {
			b = append(b, ',')
		}
		b = segment.AppendString(b, k)
		b = append(b, ':')
		b = segment.AppendString(b, v)
	}
	return &UnknownSegment{Type: typ, Raw: append(b, "}}"...)}
}

// CQString returns the string (CQ code) format of m: text escaped, each
// other segment one code with its known keys in a fixed order followed by
// the others sorted. Values that are not strings are written as their
// JSON text; a node's content as its CQ string. An element that is not a
// segment object (kept from a malformed array) has no CQ form and is left
// out.
func (m Message) CQString() string {
	n := 0
	for _, seg := range m {
		if t, ok := seg.(*TextSegment); ok {
			n += len(t.Text) + 8
		} else {
			n += 64
		}
	}
	b := m.AppendCQ(make([]byte, 0, n))
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}

// AppendCQ appends the CQ string of m to b.
func (m Message) AppendCQ(b []byte) []byte {
	for _, seg := range m {
		b = appendCQSegment(b, seg)
	}
	return b
}

func appendCQSegment(b []byte, seg Segment) []byte {
	switch s := seg.(type) {
	case nil:
		return b
	case *TextSegment:
		if len(s.Extra) == 0 {
			return segment.AppendCQText(b, s.Text)
		}
		return segment.AppendCQ(b, s)
	case segment.Data:
		return segment.AppendCQ(b, s)
	case *UnknownSegment:
		return appendCQRaw(b, s.Type, s.Raw)
	}
	raw, err := appendMessageSegment(nil, seg)
	if err != nil {
		return b
	}
	return appendCQRaw(b, seg.SegmentType(), raw)
}

// appendCQRaw writes an envelope as a code, its data keys sorted: string
// values as they are, other values as their JSON text. A value that is
// not an object at all has no CQ form and is skipped.
func appendCQRaw(b []byte, typ string, raw []byte) []byte {
	env, err := segment.ParseEnvelope(string(raw))
	if err != nil {
		return b
	}
	b = segment.AppendCQCode(b, typ)
	if env.Data != "" && env.Data[0] == '{' {
		data := map[string]json.RawMessage{}
		_ = segment.EachMember(env.Data, func(k, v string) error {
			data[k] = json.RawMessage(v)
			return nil
		})
		b = segment.AppendCQExtra(b, data)
	}
	return append(b, ']')
}
