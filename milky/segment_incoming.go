// Incoming message segments (Milky 1.2, plus markdown from 1.3).

package milky

import (
	"encoding/json"

	"github.com/duobot/duobot/segment"
)

// IncomingTextSegment ("text") is plain text.
type IncomingTextSegment struct {
	// Text is the text.
	Text string `json:"text"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingTextSchema = segment.Schema{Type: "text", Fields: []segment.Field{{Name: "text", Kind: segment.KindString, Required: true}}}

// SegmentType returns "text".
func (s *IncomingTextSegment) SegmentType() string { return "text" }

func (s *IncomingTextSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingTextSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingTextSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingTextSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Text
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingTextSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "text" segment envelope into a zeroed s.
func (s *IncomingTextSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingTextSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingMentionSegment ("mention") mentions a user.
type IncomingMentionSegment struct {
	// UserID is the mentioned user.
	UserID int64 `json:"user_id"`
	// Name is the name shown (since 1.2).
	Name string `json:"name"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingMentionSchema = segment.Schema{Type: "mention", Fields: []segment.Field{{Name: "user_id", Kind: segment.KindInt, Required: true}, {Name: "name", Kind: segment.KindString, Required: true}}}

// SegmentType returns "mention".
func (s *IncomingMentionSegment) SegmentType() string { return "mention" }

func (s *IncomingMentionSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingMentionSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingMentionSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingMentionSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.UserID
	case 1:
		return &s.Name
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingMentionSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "mention" segment envelope into a zeroed s.
func (s *IncomingMentionSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingMentionSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingMentionAllSegment ("mention_all") mentions everyone.
type IncomingMentionAllSegment struct {
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingMentionAllSchema = segment.Schema{Type: "mention_all", Fields: []segment.Field{}}

// SegmentType returns "mention_all".
func (s *IncomingMentionAllSegment) SegmentType() string { return "mention_all" }

func (s *IncomingMentionAllSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingMentionAllSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingMentionAllSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingMentionAllSegment) SegmentField(int) any { return nil }

// MarshalJSON encodes the segment envelope.
func (s *IncomingMentionAllSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "mention_all" segment envelope into a zeroed s.
func (s *IncomingMentionAllSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingMentionAllSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingFaceSegment ("face") is a QQ face.
type IncomingFaceSegment struct {
	// FaceID is the face id.
	FaceID string `json:"face_id"`
	// IsLarge is whether it is a large (super) face.
	IsLarge bool `json:"is_large"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingFaceSchema = segment.Schema{Type: "face", Fields: []segment.Field{{Name: "face_id", Kind: segment.KindString, Required: true}, {Name: "is_large", Kind: segment.KindBool, Required: true}}}

// SegmentType returns "face".
func (s *IncomingFaceSegment) SegmentType() string { return "face" }

func (s *IncomingFaceSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingFaceSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingFaceSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingFaceSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.FaceID
	case 1:
		return &s.IsLarge
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingFaceSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "face" segment envelope into a zeroed s.
func (s *IncomingFaceSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingFaceSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingReplySegment ("reply") quotes a message, embedding it (1.2).
type IncomingReplySegment struct {
	// MessageSeq is sequence of the quoted message.
	MessageSeq int64 `json:"message_seq"`
	// SenderID is sender of the quoted message.
	SenderID int64 `json:"sender_id"`
	// SenderName is sender name, present only inside forwarded messages.
	SenderName string `json:"sender_name"`
	// Time is time of the quoted message (Unix seconds).
	Time int64 `json:"time"`
	// Segments is the quoted message.
	Segments IncomingSegments `json:"segments"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingReplySchema = segment.Schema{Type: "reply", Fields: []segment.Field{{Name: "message_seq", Kind: segment.KindInt, Required: true}, {Name: "sender_id", Kind: segment.KindInt, Required: true}, {Name: "sender_name", Kind: segment.KindString}, {Name: "time", Kind: segment.KindInt, Required: true}, {Name: "segments", Kind: segment.KindJSON, Required: true}}}

// SegmentType returns "reply".
func (s *IncomingReplySegment) SegmentType() string { return "reply" }

func (s *IncomingReplySegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingReplySegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingReplySchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingReplySegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.MessageSeq
	case 1:
		return &s.SenderID
	case 2:
		return &s.SenderName
	case 3:
		return &s.Time
	case 4:
		return &s.Segments
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingReplySegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "reply" segment envelope into a zeroed s.
func (s *IncomingReplySegment) UnmarshalJSON(b []byte) error {
	*s = IncomingReplySegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingImageSegment ("image") is an image.
type IncomingImageSegment struct {
	// ResourceID is resource id.
	ResourceID string `json:"resource_id"`
	// TempURL is temporary download URL.
	TempURL string `json:"temp_url"`
	// Width is width in pixels.
	Width int64 `json:"width"`
	// Height is height in pixels.
	Height int64 `json:"height"`
	// Summary is preview text.
	Summary string `json:"summary"`
	// SubType is "normal" or "sticker".
	SubType string `json:"sub_type"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingImageSchema = segment.Schema{Type: "image", Fields: []segment.Field{{Name: "resource_id", Kind: segment.KindString, Required: true}, {Name: "temp_url", Kind: segment.KindString, Required: true}, {Name: "width", Kind: segment.KindInt, Required: true}, {Name: "height", Kind: segment.KindInt, Required: true}, {Name: "summary", Kind: segment.KindString, Required: true}, {Name: "sub_type", Kind: segment.KindString, Required: true}}}

// SegmentType returns "image".
func (s *IncomingImageSegment) SegmentType() string { return "image" }

func (s *IncomingImageSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingImageSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingImageSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingImageSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ResourceID
	case 1:
		return &s.TempURL
	case 2:
		return &s.Width
	case 3:
		return &s.Height
	case 4:
		return &s.Summary
	case 5:
		return &s.SubType
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingImageSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "image" segment envelope into a zeroed s.
func (s *IncomingImageSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingImageSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingRecordSegment ("record") is a voice message.
type IncomingRecordSegment struct {
	// ResourceID is resource id.
	ResourceID string `json:"resource_id"`
	// TempURL is temporary download URL.
	TempURL string `json:"temp_url"`
	// Duration is length in seconds.
	Duration int64 `json:"duration"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingRecordSchema = segment.Schema{Type: "record", Fields: []segment.Field{{Name: "resource_id", Kind: segment.KindString, Required: true}, {Name: "temp_url", Kind: segment.KindString, Required: true}, {Name: "duration", Kind: segment.KindInt, Required: true}}}

// SegmentType returns "record".
func (s *IncomingRecordSegment) SegmentType() string { return "record" }

func (s *IncomingRecordSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingRecordSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingRecordSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingRecordSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ResourceID
	case 1:
		return &s.TempURL
	case 2:
		return &s.Duration
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingRecordSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "record" segment envelope into a zeroed s.
func (s *IncomingRecordSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingRecordSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingVideoSegment ("video") is a video.
type IncomingVideoSegment struct {
	// ResourceID is resource id.
	ResourceID string `json:"resource_id"`
	// TempURL is temporary download URL.
	TempURL string `json:"temp_url"`
	// Width is width in pixels.
	Width int64 `json:"width"`
	// Height is height in pixels.
	Height int64 `json:"height"`
	// Duration is length in seconds.
	Duration int64 `json:"duration"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingVideoSchema = segment.Schema{Type: "video", Fields: []segment.Field{{Name: "resource_id", Kind: segment.KindString, Required: true}, {Name: "temp_url", Kind: segment.KindString, Required: true}, {Name: "width", Kind: segment.KindInt, Required: true}, {Name: "height", Kind: segment.KindInt, Required: true}, {Name: "duration", Kind: segment.KindInt, Required: true}}}

// SegmentType returns "video".
func (s *IncomingVideoSegment) SegmentType() string { return "video" }

func (s *IncomingVideoSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingVideoSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingVideoSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingVideoSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ResourceID
	case 1:
		return &s.TempURL
	case 2:
		return &s.Width
	case 3:
		return &s.Height
	case 4:
		return &s.Duration
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingVideoSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "video" segment envelope into a zeroed s.
func (s *IncomingVideoSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingVideoSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingFileSegment ("file") is a file.
type IncomingFileSegment struct {
	// FileID is file id.
	FileID string `json:"file_id"`
	// FileName is file name.
	FileName string `json:"file_name"`
	// FileSize is size in bytes.
	FileSize int64 `json:"file_size"`
	// FileHash is TriSHA1 hash, private chats only.
	FileHash string `json:"file_hash"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingFileSchema = segment.Schema{Type: "file", Fields: []segment.Field{{Name: "file_id", Kind: segment.KindString, Required: true}, {Name: "file_name", Kind: segment.KindString, Required: true}, {Name: "file_size", Kind: segment.KindInt, Required: true}, {Name: "file_hash", Kind: segment.KindString}}}

// SegmentType returns "file".
func (s *IncomingFileSegment) SegmentType() string { return "file" }

func (s *IncomingFileSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingFileSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingFileSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingFileSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.FileID
	case 1:
		return &s.FileName
	case 2:
		return &s.FileSize
	case 3:
		return &s.FileHash
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingFileSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "file" segment envelope into a zeroed s.
func (s *IncomingFileSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingFileSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingForwardSegment ("forward") is a forward message (fetch it with get_forward_messages).
type IncomingForwardSegment struct {
	// ForwardID is forward id.
	ForwardID string `json:"forward_id"`
	// Title is title.
	Title string `json:"title"`
	// Preview is preview lines.
	Preview []string `json:"preview"`
	// Summary is summary.
	Summary string `json:"summary"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingForwardSchema = segment.Schema{Type: "forward", Fields: []segment.Field{{Name: "forward_id", Kind: segment.KindString, Required: true}, {Name: "title", Kind: segment.KindString, Required: true}, {Name: "preview", Kind: segment.KindStrings, Required: true}, {Name: "summary", Kind: segment.KindString, Required: true}}}

// SegmentType returns "forward".
func (s *IncomingForwardSegment) SegmentType() string { return "forward" }

func (s *IncomingForwardSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingForwardSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingForwardSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingForwardSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ForwardID
	case 1:
		return &s.Title
	case 2:
		return &s.Preview
	case 3:
		return &s.Summary
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingForwardSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "forward" segment envelope into a zeroed s.
func (s *IncomingForwardSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingForwardSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingMarketFaceSegment ("market_face") is a market face (store sticker).
type IncomingMarketFaceSegment struct {
	// EmojiPackageID is sticker package id.
	EmojiPackageID int64 `json:"emoji_package_id"`
	// EmojiID is sticker id.
	EmojiID string `json:"emoji_id"`
	// Key is sticker key.
	Key string `json:"key"`
	// Summary is preview text.
	Summary string `json:"summary"`
	// URL is image URL.
	URL string `json:"url"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingMarketFaceSchema = segment.Schema{Type: "market_face", Fields: []segment.Field{{Name: "emoji_package_id", Kind: segment.KindInt, Required: true}, {Name: "emoji_id", Kind: segment.KindString, Required: true}, {Name: "key", Kind: segment.KindString, Required: true}, {Name: "summary", Kind: segment.KindString, Required: true}, {Name: "url", Kind: segment.KindString, Required: true}}}

// SegmentType returns "market_face".
func (s *IncomingMarketFaceSegment) SegmentType() string { return "market_face" }

func (s *IncomingMarketFaceSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingMarketFaceSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingMarketFaceSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingMarketFaceSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.EmojiPackageID
	case 1:
		return &s.EmojiID
	case 2:
		return &s.Key
	case 3:
		return &s.Summary
	case 4:
		return &s.URL
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingMarketFaceSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "market_face" segment envelope into a zeroed s.
func (s *IncomingMarketFaceSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingMarketFaceSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingLightAppSegment ("light_app") is a mini app card.
type IncomingLightAppSegment struct {
	// AppName is app name.
	AppName string `json:"app_name"`
	// JSONPayload is the card JSON.
	JSONPayload string `json:"json_payload"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingLightAppSchema = segment.Schema{Type: "light_app", Fields: []segment.Field{{Name: "app_name", Kind: segment.KindString, Required: true}, {Name: "json_payload", Kind: segment.KindString, Required: true}}}

// SegmentType returns "light_app".
func (s *IncomingLightAppSegment) SegmentType() string { return "light_app" }

func (s *IncomingLightAppSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingLightAppSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingLightAppSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingLightAppSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.AppName
	case 1:
		return &s.JSONPayload
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingLightAppSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "light_app" segment envelope into a zeroed s.
func (s *IncomingLightAppSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingLightAppSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingXMLSegment ("xml") is an XML card.
type IncomingXMLSegment struct {
	// ServiceID is service id.
	ServiceID int64 `json:"service_id"`
	// XMLPayload is the XML.
	XMLPayload string `json:"xml_payload"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingXMLSchema = segment.Schema{Type: "xml", Fields: []segment.Field{{Name: "service_id", Kind: segment.KindInt, Required: true}, {Name: "xml_payload", Kind: segment.KindString, Required: true}}}

// SegmentType returns "xml".
func (s *IncomingXMLSegment) SegmentType() string { return "xml" }

func (s *IncomingXMLSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingXMLSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingXMLSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingXMLSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ServiceID
	case 1:
		return &s.XMLPayload
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingXMLSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "xml" segment envelope into a zeroed s.
func (s *IncomingXMLSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingXMLSegment{}
	return unmarshalTypedSegment(s, b)
}

// IncomingMarkdownSegment ("markdown") is Markdown content (Milky 1.3).
type IncomingMarkdownSegment struct {
	// Content is the Markdown text.
	Content string `json:"content"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segIncomingMarkdownSchema = segment.Schema{Type: "markdown", Fields: []segment.Field{{Name: "content", Kind: segment.KindString, Required: true}}}

// SegmentType returns "markdown".
func (s *IncomingMarkdownSegment) SegmentType() string { return "markdown" }

func (s *IncomingMarkdownSegment) isIncomingSegment() {}

// SegmentData is used by package segment's codec.
func (s *IncomingMarkdownSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segIncomingMarkdownSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *IncomingMarkdownSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Content
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *IncomingMarkdownSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "markdown" segment envelope into a zeroed s.
func (s *IncomingMarkdownSegment) UnmarshalJSON(b []byte) error {
	*s = IncomingMarkdownSegment{}
	return unmarshalTypedSegment(s, b)
}

func init() {
	incomingRegistry.Register("text", func() IncomingSegment { return new(IncomingTextSegment) })
	incomingRegistry.Register("mention", func() IncomingSegment { return new(IncomingMentionSegment) })
	incomingRegistry.Register("mention_all", func() IncomingSegment { return new(IncomingMentionAllSegment) })
	incomingRegistry.Register("face", func() IncomingSegment { return new(IncomingFaceSegment) })
	incomingRegistry.Register("reply", func() IncomingSegment { return new(IncomingReplySegment) })
	incomingRegistry.Register("image", func() IncomingSegment { return new(IncomingImageSegment) })
	incomingRegistry.Register("record", func() IncomingSegment { return new(IncomingRecordSegment) })
	incomingRegistry.Register("video", func() IncomingSegment { return new(IncomingVideoSegment) })
	incomingRegistry.Register("file", func() IncomingSegment { return new(IncomingFileSegment) })
	incomingRegistry.Register("forward", func() IncomingSegment { return new(IncomingForwardSegment) })
	incomingRegistry.Register("market_face", func() IncomingSegment { return new(IncomingMarketFaceSegment) })
	incomingRegistry.Register("light_app", func() IncomingSegment { return new(IncomingLightAppSegment) })
	incomingRegistry.Register("xml", func() IncomingSegment { return new(IncomingXMLSegment) })
	incomingRegistry.Register("markdown", func() IncomingSegment { return new(IncomingMarkdownSegment) })
}
