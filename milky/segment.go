package milky

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/duobot/duobot/segment"
)

// IncomingSegment is a segment of a received message: one of the
// Incoming*Segment types, or *UnknownIncomingSegment for a type this
// package does not know. The set is closed (Milky's incoming and outgoing
// segments are different types; an incoming segment cannot be sent).
type IncomingSegment interface {
	SegmentType() string
	isIncomingSegment()
}

// OutgoingSegment is a segment of a message to send: one of the
// Outgoing*Segment types (build them with Text, Mention, Image, ...), or
// *UnknownOutgoingSegment carrying raw JSON for a type added after 1.2.
type OutgoingSegment interface {
	SegmentType() string
	isOutgoingSegment()
}

// ErrBadSegments is wrapped by errors decoding a segment list that is not
// a JSON array of objects.
var ErrBadSegments = errors.New("milky: bad segments")

var (
	incomingRegistry = segment.NewRegistry[IncomingSegment]()
	outgoingRegistry = segment.NewRegistry[OutgoingSegment]()
)

// UnknownIncomingSegment is a received segment of a type this package does
// not know, or one that could not be read as its type (data not an
// object, no string type, not even an object - a null element). Following Milky's
// compatibility rule it reads as text - PlainText gives "[type]" - while
// Raw keeps the envelope exactly as received, which MarshalJSON writes
// back.
type UnknownIncomingSegment struct {
	// Type is the segment's type.
	Type string
	// Raw is the envelope's JSON.
	Raw json.RawMessage
}

// SegmentType returns the segment's type.
func (s *UnknownIncomingSegment) SegmentType() string { return s.Type }

func (s *UnknownIncomingSegment) isIncomingSegment() {}

// PlainText returns the placeholder text "[type]" ("[unknown]", as the
// official schema reads it, when the segment has no type).
func (s *UnknownIncomingSegment) PlainText() string {
	if s.Type == "" {
		return "[unknown]"
	}
	return "[" + s.Type + "]"
}

// MarshalJSON writes Raw, or a text segment holding the placeholder when
// Raw is empty.
func (s *UnknownIncomingSegment) MarshalJSON() ([]byte, error) {
	if len(s.Raw) == 0 {
		return segment.AppendJSON(nil, &IncomingTextSegment{Text: s.PlainText()})
	}
	return s.Raw, nil
}

// UnmarshalJSON keeps any JSON object as the raw envelope.
func (s *UnknownIncomingSegment) UnmarshalJSON(b []byte) error {
	env, err := segment.ParseEnvelope(string(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSegments, err)
	}
	s.Type, s.Raw = env.Type, append(json.RawMessage(nil), bytes.TrimSpace(b)...)
	return nil
}

// UnknownOutgoingSegment is an outgoing segment kept as raw JSON: one of a
// type added after Milky 1.2, built by hand, or one decoded (by the
// implementation side) that this package does not know. MarshalJSON writes
// Raw as it is.
type UnknownOutgoingSegment struct {
	// Type is the segment's type.
	Type string
	// Raw is the whole envelope's JSON.
	Raw json.RawMessage
}

// SegmentType returns the segment's type.
func (s *UnknownOutgoingSegment) SegmentType() string { return s.Type }

func (s *UnknownOutgoingSegment) isOutgoingSegment() {}

// MarshalJSON writes Raw ({"type": Type, "data": {}} when empty).
func (s *UnknownOutgoingSegment) MarshalJSON() ([]byte, error) {
	if len(s.Raw) == 0 {
		return append(segment.AppendString([]byte(`{"type":`), s.Type), `,"data":{}}`...), nil
	}
	return s.Raw, nil
}

// UnmarshalJSON keeps any JSON object as the raw envelope.
func (s *UnknownOutgoingSegment) UnmarshalJSON(b []byte) error {
	env, err := segment.ParseEnvelope(string(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSegments, err)
	}
	s.Type, s.Raw = env.Type, append(json.RawMessage(nil), bytes.TrimSpace(b)...)
	return nil
}

func unmarshalTypedSegment(d segment.Data, b []byte) error {
	env, err := segment.ParseEnvelope(string(b))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSegments, err)
	}
	sc, _, _ := d.SegmentData()
	if !env.TypeOK || env.Type != sc.Type {
		return fmt.Errorf("%w: segment type %q where %q was expected", ErrBadSegments, env.Type, sc.Type)
	}
	if !segment.DecodeData(d, &env, 0) {
		return fmt.Errorf("%w: %s segment data is not an object", ErrBadSegments, sc.Type)
	}
	return nil
}

// decodeSegmentList decodes a JSON array of segment envelopes, calling add
// for each raw element with its parsed envelope (a zero Envelope, TypeOK
// false, for an element that is not an object: it is kept raw).
func decodeSegmentList(s string, add func(raw string, env segment.Envelope)) error {
	err := segment.EachElement(s, func(_ int, raw string) error {
		if raw[0] != '{' {
			add(raw, segment.Envelope{})
			return nil
		}
		add(raw, segment.ParseValidEnvelope(raw))
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSegments, err)
	}
	return nil
}

func segIsNull(s string) bool { return strings.TrimSpace(s) == "null" }

// IncomingSegments is the segment list of a received message.
type IncomingSegments []IncomingSegment

// UnmarshalJSON decodes a segment array (null gives a nil list). Known
// types become their Incoming*Segment types, anything else (unknown types,
// malformed elements) *UnknownIncomingSegment keeping its JSON: like the
// official schema's catch rule, one bad segment never fails a message, and
// nothing is dropped. Only invalid JSON or a non-array is an error.
func (m *IncomingSegments) UnmarshalJSON(b []byte) error {
	return m.UnmarshalJSONString(string(b)) // one copy; decoded strings share it
}

// UnmarshalJSONString is UnmarshalJSON reading from a string (whose
// substrings the decoded segments keep).
func (m *IncomingSegments) UnmarshalJSONString(b string) error {
	return m.UnmarshalJSONNested(b, 0)
}

// UnmarshalJSONNested is UnmarshalJSONString for a list nested at depth (a
// reply's quoted segments; see segment.NestedUnmarshaler): beyond
// segment.MaxNesting it fails with an error wrapping segment.ErrTooDeep
// (the segment holding it keeps it in Extra as it came).
func (m *IncomingSegments) UnmarshalJSONNested(b string, depth int) error {
	return decodeSegments(m, b, depth, incomingRegistry, func(typ, raw string) IncomingSegment {
		return &UnknownIncomingSegment{Type: typ, Raw: json.RawMessage(raw)}
	})
}

// MarshalJSON encodes the segment array (a nil list is []).
func (m IncomingSegments) MarshalJSON() ([]byte, error) { return encodeSegments(m) }

// PlainText returns the text of the text segments joined, with the
// "[type]" placeholder for each unknown segment.
func (m IncomingSegments) PlainText() string {
	var sb strings.Builder
	for _, seg := range m {
		switch s := seg.(type) {
		case *IncomingTextSegment:
			sb.WriteString(s.Text)
		case *UnknownIncomingSegment:
			sb.WriteString(s.PlainText())
		}
	}
	return sb.String()
}

// OutgoingSegments is the segment list of a message to send.
type OutgoingSegments []OutgoingSegment

// UnmarshalJSON decodes a segment array (null gives a nil list); unknown
// types become *UnknownOutgoingSegment.
func (m *OutgoingSegments) UnmarshalJSON(b []byte) error {
	return m.UnmarshalJSONString(string(b)) // one copy; decoded strings share it
}

// UnmarshalJSONString is UnmarshalJSON reading from a string (whose
// substrings the decoded segments keep).
func (m *OutgoingSegments) UnmarshalJSONString(b string) error {
	return m.UnmarshalJSONNested(b, 0)
}

// UnmarshalJSONNested is UnmarshalJSONString for a list nested at depth (a
// forwarded message's segments; see segment.NestedUnmarshaler): beyond
// segment.MaxNesting it fails with an error wrapping segment.ErrTooDeep
// (the message holding it keeps it in Extra as it came).
func (m *OutgoingSegments) UnmarshalJSONNested(b string, depth int) error {
	return decodeSegments(m, b, depth, outgoingRegistry, func(typ, raw string) OutgoingSegment {
		return &UnknownOutgoingSegment{Type: typ, Raw: json.RawMessage(raw)}
	})
}

// MarshalJSON encodes the segment array (a nil list is []).
func (m OutgoingSegments) MarshalJSON() ([]byte, error) { return encodeSegments(m) }

// decodeSegments decodes the segment array b, nested at depth, into *m
// (null gives a nil list): known types through reg, anything else (unknown
// types, malformed elements) as unknown(type, raw).
func decodeSegments[L ~[]S, S any](m *L, b string, depth int, reg *segment.Registry[S], unknown func(typ, raw string) S) error {
	if depth > segment.MaxNesting {
		return fmt.Errorf("%w: %w", ErrBadSegments, segment.ErrTooDeep)
	}
	if segIsNull(b) {
		*m = nil
		return nil
	}
	out := make(L, 0, segment.CountElements(b))
	err := decodeSegmentList(b, func(raw string, env segment.Envelope) {
		if env.TypeOK {
			if seg, ok := reg.New(env.Type); ok {
				if d, ok := any(seg).(segment.Data); ok && segment.DecodeData(d, &env, depth) {
					out = append(out, seg)
					return
				}
			}
		}
		out = append(out, unknown(env.Type, raw))
	})
	if err != nil {
		return err
	}
	*m = out
	return nil
}

// encodeSegments encodes a segment array (a nil list is []).
func encodeSegments[S any](m []S) ([]byte, error) {
	b := []byte{'['}
	for i, seg := range m {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendSegmentJSON(b, seg); err != nil {
			return nil, fmt.Errorf("milky: segment %d: %w", i, err)
		}
	}
	return append(b, ']'), nil
}

func appendSegmentJSON(b []byte, seg any) ([]byte, error) {
	if out, ok, err := segment.AppendSegment(b, seg); ok {
		return out, err
	}
	return b, fmt.Errorf("segment type %T cannot be encoded", seg)
}

// OutgoingForwardedMessage is one node of an outgoing forward segment: a
// message shown as sent by UserID/SenderName. Segments may hold another
// forward segment (forwards nest).
type OutgoingForwardedMessage struct {
	// UserID is the sender shown.
	UserID int64 `json:"user_id"`
	// SenderName is the sender name shown.
	SenderName string `json:"sender_name"`
	// Segments is the message.
	Segments OutgoingSegments `json:"segments"`
	// Time is the time shown (Unix seconds; Milky 1.3, written only when
	// set).
	Time int64 `json:"time"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segForwardedMessageSchema = segment.Schema{Type: "forwarded_message", Fields: []segment.Field{
	{Name: "user_id", Kind: segment.KindInt, Required: true},
	{Name: "sender_name", Kind: segment.KindString, Required: true},
	{Name: "segments", Kind: segment.KindJSON, Required: true},
	{Name: "time", Kind: segment.KindInt},
}}

// SegmentData is used by package segment's codec.
func (f *OutgoingForwardedMessage) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segForwardedMessageSchema, &f.Meta, &f.Extra
}

// SegmentField is used by package segment's codec.
func (f *OutgoingForwardedMessage) SegmentField(i int) any {
	switch i {
	case 0:
		return &f.UserID
	case 1:
		return &f.SenderName
	case 2:
		return &f.Segments
	case 3:
		return &f.Time
	}
	return nil
}

// MarshalJSON encodes the object.
func (f *OutgoingForwardedMessage) MarshalJSON() ([]byte, error) { return segment.AppendData(nil, f) }

// UnmarshalJSON decodes the object into a zeroed f; unknown keys go to
// Extra.
func (f *OutgoingForwardedMessage) UnmarshalJSON(b []byte) error {
	*f = OutgoingForwardedMessage{}
	if err := segment.DecodeObject(f, string(b), 0); err != nil {
		return fmt.Errorf("%w: forwarded message: %w", ErrBadSegments, err)
	}
	return nil
}

// OutgoingForwardedMessages is the node list of an outgoing forward.
type OutgoingForwardedMessages []OutgoingForwardedMessage

// MarshalJSON encodes the list (a nil list is []).
func (l OutgoingForwardedMessages) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i := range l {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = segment.AppendData(b, &l[i]); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// UnmarshalJSON decodes the list (null gives a nil list).
func (l *OutgoingForwardedMessages) UnmarshalJSON(b []byte) error {
	return l.UnmarshalJSONString(string(b))
}

// UnmarshalJSONString is UnmarshalJSON reading from a string.
func (l *OutgoingForwardedMessages) UnmarshalJSONString(b string) error {
	return l.UnmarshalJSONNested(b, 0)
}

// UnmarshalJSONNested is UnmarshalJSONString for a list nested at depth (a
// forward segment's messages; see segment.NestedUnmarshaler): beyond
// segment.MaxNesting it fails with an error wrapping segment.ErrTooDeep
// (the forward segment keeps it in Extra as it came).
func (l *OutgoingForwardedMessages) UnmarshalJSONNested(b string, depth int) error {
	if depth > segment.MaxNesting {
		return fmt.Errorf("%w: forwarded messages: %w", ErrBadSegments, segment.ErrTooDeep)
	}
	if segIsNull(b) {
		*l = nil
		return nil
	}
	var out OutgoingForwardedMessages
	err := segment.EachElement(b, func(_ int, raw string) error {
		var f OutgoingForwardedMessage
		if err := segment.DecodeObject(&f, raw, depth); err != nil {
			return err
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		return fmt.Errorf("%w: forwarded messages: %w", ErrBadSegments, err)
	}
	if out == nil {
		out = OutgoingForwardedMessages{}
	}
	*l = out
	return nil
}
