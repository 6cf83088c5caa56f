package onebot11

import (
	"encoding/json"
	"errors"
)

// Segment is one message segment ({"type": ..., "data": {...}}).
type Segment interface {
	SegmentType() string
}

// RawSegment is a segment kept as its wire JSON.
type RawSegment struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// SegmentType returns the segment's type.
func (s *RawSegment) SegmentType() string { return s.Type }

// Message is a OneBot 11 message: a list of segments. It marshals to the
// array format and unmarshals from the array or the string (CQ) format.
type Message []Segment

// MarshalJSON encodes the array format.
func (m Message) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]Segment(m))
}

// UnmarshalJSON decodes the array format or a string.
func (m *Message) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		d, _ := json.Marshal(map[string]string{"text": s})
		*m = Message{&RawSegment{Type: "text", Data: d}}
		return nil
	}
	var raw []*RawSegment
	if err := json.Unmarshal(b, &raw); err != nil {
		return errors.New("onebot11: message is neither an array nor a string")
	}
	out := make(Message, len(raw))
	for i, r := range raw {
		out[i] = r
	}
	*m = out
	return nil
}
