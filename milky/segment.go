package milky

import "encoding/json"

// IncomingSegment is a segment of a received message.
type IncomingSegment interface {
	SegmentType() string
}

// OutgoingSegment is a segment of a message to send.
type OutgoingSegment interface {
	SegmentType() string
}

// RawSegment is a segment kept as its wire JSON.
type RawSegment struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// SegmentType returns the segment's type.
func (s *RawSegment) SegmentType() string { return s.Type }

// IncomingSegments is the segment list of a received message.
type IncomingSegments []IncomingSegment

// UnmarshalJSON decodes a segment array.
func (m *IncomingSegments) UnmarshalJSON(b []byte) error {
	var raw []*RawSegment
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(IncomingSegments, len(raw))
	for i, r := range raw {
		out[i] = r
	}
	*m = out
	return nil
}

// OutgoingSegments is the segment list of a message to send.
type OutgoingSegments []OutgoingSegment

// UnmarshalJSON decodes a segment array.
func (m *OutgoingSegments) UnmarshalJSON(b []byte) error {
	var raw []*RawSegment
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(OutgoingSegments, len(raw))
	for i, r := range raw {
		out[i] = r
	}
	*m = out
	return nil
}
