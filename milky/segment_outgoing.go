// Outgoing message segments (Milky 1.2).

package milky

import (
	"encoding/json"

	"github.com/duobot/duobot/segment"
)

// OutgoingTextSegment ("text") is plain text. Its data is the same as
// received: the fields of [IncomingTextSegment] (Text, Meta, Extra).
type OutgoingTextSegment IncomingTextSegment

// SegmentType returns "text".
func (s *OutgoingTextSegment) SegmentType() string { return "text" }

func (s *OutgoingTextSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingTextSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return (*IncomingTextSegment)(s).SegmentData()
}

// SegmentField is used by package segment's codec.
func (s *OutgoingTextSegment) SegmentField(i int) any {
	return (*IncomingTextSegment)(s).SegmentField(i)
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingTextSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "text" segment envelope into a zeroed s.
func (s *OutgoingTextSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingTextSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingMentionSegment ("mention") mentions a user.
type OutgoingMentionSegment struct {
	// UserID is the user to mention.
	UserID int64 `json:"user_id"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingMentionSchema = segment.Schema{Type: "mention", Fields: []segment.Field{{Name: "user_id", Kind: segment.KindInt, Required: true}}}

// SegmentType returns "mention".
func (s *OutgoingMentionSegment) SegmentType() string { return "mention" }

func (s *OutgoingMentionSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingMentionSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingMentionSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingMentionSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.UserID
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingMentionSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "mention" segment envelope into a zeroed s.
func (s *OutgoingMentionSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingMentionSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingMentionAllSegment ("mention_all") mentions everyone. It has the
// fields of [IncomingMentionAllSegment] (Meta, Extra).
type OutgoingMentionAllSegment IncomingMentionAllSegment

// SegmentType returns "mention_all".
func (s *OutgoingMentionAllSegment) SegmentType() string { return "mention_all" }

func (s *OutgoingMentionAllSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingMentionAllSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return (*IncomingMentionAllSegment)(s).SegmentData()
}

// SegmentField is used by package segment's codec.
func (s *OutgoingMentionAllSegment) SegmentField(i int) any {
	return (*IncomingMentionAllSegment)(s).SegmentField(i)
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingMentionAllSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "mention_all" segment envelope into a zeroed s.
func (s *OutgoingMentionAllSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingMentionAllSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingFaceSegment ("face") is a QQ face. Its data is the same as
// received: the fields of [IncomingFaceSegment] (FaceID, IsLarge, Meta,
// Extra).
type OutgoingFaceSegment IncomingFaceSegment

// SegmentType returns "face".
func (s *OutgoingFaceSegment) SegmentType() string { return "face" }

func (s *OutgoingFaceSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingFaceSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return (*IncomingFaceSegment)(s).SegmentData()
}

// SegmentField is used by package segment's codec.
func (s *OutgoingFaceSegment) SegmentField(i int) any {
	return (*IncomingFaceSegment)(s).SegmentField(i)
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingFaceSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "face" segment envelope into a zeroed s.
func (s *OutgoingFaceSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingFaceSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingReplySegment ("reply") quotes a message of the same conversation.
type OutgoingReplySegment struct {
	// MessageSeq is sequence of the quoted message.
	MessageSeq int64 `json:"message_seq"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingReplySchema = segment.Schema{Type: "reply", Fields: []segment.Field{{Name: "message_seq", Kind: segment.KindInt, Required: true}}}

// SegmentType returns "reply".
func (s *OutgoingReplySegment) SegmentType() string { return "reply" }

func (s *OutgoingReplySegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingReplySegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingReplySchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingReplySegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.MessageSeq
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingReplySegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "reply" segment envelope into a zeroed s.
func (s *OutgoingReplySegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingReplySegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingImageSegment ("image") sends an image.
type OutgoingImageSegment struct {
	// URI is file://, http(s):// or base64:// URI.
	URI string `json:"uri"`
	// SubType is "normal" (schema default, written by the builder) or "sticker".
	SubType string `json:"sub_type"`
	// Summary is preview text.
	Summary string `json:"summary"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingImageSchema = segment.Schema{Type: "image", Fields: []segment.Field{{Name: "uri", Kind: segment.KindString, Required: true}, {Name: "sub_type", Kind: segment.KindString, Required: true}, {Name: "summary", Kind: segment.KindString}}}

// SegmentType returns "image".
func (s *OutgoingImageSegment) SegmentType() string { return "image" }

func (s *OutgoingImageSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingImageSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingImageSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingImageSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.URI
	case 1:
		return &s.SubType
	case 2:
		return &s.Summary
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingImageSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "image" segment envelope into a zeroed s.
func (s *OutgoingImageSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingImageSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingRecordSegment ("record") sends a voice message.
type OutgoingRecordSegment struct {
	// URI is file://, http(s):// or base64:// URI.
	URI string `json:"uri"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingRecordSchema = segment.Schema{Type: "record", Fields: []segment.Field{{Name: "uri", Kind: segment.KindString, Required: true}}}

// SegmentType returns "record".
func (s *OutgoingRecordSegment) SegmentType() string { return "record" }

func (s *OutgoingRecordSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingRecordSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingRecordSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingRecordSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.URI
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingRecordSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "record" segment envelope into a zeroed s.
func (s *OutgoingRecordSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingRecordSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingVideoSegment ("video") sends a video.
type OutgoingVideoSegment struct {
	// URI is file://, http(s):// or base64:// URI.
	URI string `json:"uri"`
	// ThumbURI is cover image URI.
	ThumbURI string `json:"thumb_uri"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingVideoSchema = segment.Schema{Type: "video", Fields: []segment.Field{{Name: "uri", Kind: segment.KindString, Required: true}, {Name: "thumb_uri", Kind: segment.KindString}}}

// SegmentType returns "video".
func (s *OutgoingVideoSegment) SegmentType() string { return "video" }

func (s *OutgoingVideoSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingVideoSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingVideoSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingVideoSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.URI
	case 1:
		return &s.ThumbURI
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingVideoSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "video" segment envelope into a zeroed s.
func (s *OutgoingVideoSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingVideoSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingForwardSegment ("forward") sends a forward message built from custom nodes (which may nest forwards).
type OutgoingForwardSegment struct {
	// Messages is the forwarded messages.
	Messages OutgoingForwardedMessages `json:"messages"`
	// Title is title (1.2).
	Title string `json:"title"`
	// Preview is preview lines, 1-4 (1.2).
	Preview []string `json:"preview"`
	// Summary is summary (1.2).
	Summary string `json:"summary"`
	// Prompt is notification prompt, mobile QQ only (1.2).
	Prompt string `json:"prompt"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingForwardSchema = segment.Schema{Type: "forward", Fields: []segment.Field{{Name: "messages", Kind: segment.KindJSON, Required: true}, {Name: "title", Kind: segment.KindString}, {Name: "preview", Kind: segment.KindStrings}, {Name: "summary", Kind: segment.KindString}, {Name: "prompt", Kind: segment.KindString}}}

// SegmentType returns "forward".
func (s *OutgoingForwardSegment) SegmentType() string { return "forward" }

func (s *OutgoingForwardSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingForwardSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingForwardSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingForwardSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Messages
	case 1:
		return &s.Title
	case 2:
		return &s.Preview
	case 3:
		return &s.Summary
	case 4:
		return &s.Prompt
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingForwardSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "forward" segment envelope into a zeroed s.
func (s *OutgoingForwardSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingForwardSegment{}
	return unmarshalTypedSegment(s, b)
}

// OutgoingLightAppSegment ("light_app") sends a mini app card (1.2).
type OutgoingLightAppSegment struct {
	// JSONPayload is the card JSON.
	JSONPayload string `json:"json_payload"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segOutgoingLightAppSchema = segment.Schema{Type: "light_app", Fields: []segment.Field{{Name: "json_payload", Kind: segment.KindString, Required: true}}}

// SegmentType returns "light_app".
func (s *OutgoingLightAppSegment) SegmentType() string { return "light_app" }

func (s *OutgoingLightAppSegment) isOutgoingSegment() {}

// SegmentData is used by package segment's codec.
func (s *OutgoingLightAppSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segOutgoingLightAppSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *OutgoingLightAppSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.JSONPayload
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *OutgoingLightAppSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "light_app" segment envelope into a zeroed s.
func (s *OutgoingLightAppSegment) UnmarshalJSON(b []byte) error {
	*s = OutgoingLightAppSegment{}
	return unmarshalTypedSegment(s, b)
}

func init() {
	outgoingRegistry.Register("text", func() OutgoingSegment { return new(OutgoingTextSegment) })
	outgoingRegistry.Register("mention", func() OutgoingSegment { return new(OutgoingMentionSegment) })
	outgoingRegistry.Register("mention_all", func() OutgoingSegment { return new(OutgoingMentionAllSegment) })
	outgoingRegistry.Register("face", func() OutgoingSegment { return new(OutgoingFaceSegment) })
	outgoingRegistry.Register("reply", func() OutgoingSegment { return new(OutgoingReplySegment) })
	outgoingRegistry.Register("image", func() OutgoingSegment { return new(OutgoingImageSegment) })
	outgoingRegistry.Register("record", func() OutgoingSegment { return new(OutgoingRecordSegment) })
	outgoingRegistry.Register("video", func() OutgoingSegment { return new(OutgoingVideoSegment) })
	outgoingRegistry.Register("forward", func() OutgoingSegment { return new(OutgoingForwardSegment) })
	outgoingRegistry.Register("light_app", func() OutgoingSegment { return new(OutgoingLightAppSegment) })
}
