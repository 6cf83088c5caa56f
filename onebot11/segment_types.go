// Segment types of OneBot 11 (standard, go-cqhttp, LLOneBot, NapCat).

package onebot11

import (
	"encoding/json"

	"github.com/duobot/duobot/segment"
)

// TextSegment ("text") is plain text.
type TextSegment struct {
	// Text is the text, unescaped.
	Text string `json:"text"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segTextSchema = segment.Schema{Type: "text", Fields: []segment.Field{{Name: "text", Kind: segment.KindString, Required: true}}}

// SegmentType returns "text".
func (s *TextSegment) SegmentType() string { return "text" }

// SegmentData is used by package segment's codec.
func (s *TextSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segTextSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *TextSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Text
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *TextSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "text" segment envelope into a zeroed s.
func (s *TextSegment) UnmarshalJSON(b []byte) error {
	*s = TextSegment{}
	return unmarshalTypedSegment(s, b)
}

// FaceSegment ("face") is a QQ face (emoji) by id.
type FaceSegment struct {
	// ID is the face id.
	ID string `json:"id"`
	// Large is NapCat: "true" for a large face.
	Large string `json:"large"`
	// ResultID is NapCat: result of an interactive face.
	ResultID string `json:"resultId"`
	// ChainCount is NapCat: chain count of an interactive face.
	ChainCount string `json:"chainCount"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segFaceSchema = segment.Schema{Type: "face", Fields: []segment.Field{{Name: "id", Kind: segment.KindString, Required: true}, {Name: "large", Kind: segment.KindString}, {Name: "resultId", Kind: segment.KindString}, {Name: "chainCount", Kind: segment.KindString}}}

// SegmentType returns "face".
func (s *FaceSegment) SegmentType() string { return "face" }

// SegmentData is used by package segment's codec.
func (s *FaceSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segFaceSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *FaceSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ID
	case 1:
		return &s.Large
	case 2:
		return &s.ResultID
	case 3:
		return &s.ChainCount
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *FaceSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "face" segment envelope into a zeroed s.
func (s *FaceSegment) UnmarshalJSON(b []byte) error {
	*s = FaceSegment{}
	return unmarshalTypedSegment(s, b)
}

// ImageSegment ("image") is an image. To send, File takes a file name, file:///path, http(s):// URL or base64://data.
type ImageSegment struct {
	// File is file name (received) or file to send.
	File string `json:"file"`
	// Type is "flash" for a flash image, "show" (go-cqhttp) for a show image.
	Type string `json:"type"`
	// URL is download URL (received).
	URL string `json:"url"`
	// Summary is LLOneBot/NapCat: preview text.
	Summary string `json:"summary"`
	// SubType is go-cqhttp/NapCat: image sub type (0 normal, 1 sticker).
	SubType string `json:"subType"`
	// FileSize is LLOneBot/NapCat: size in bytes.
	FileSize string `json:"file_size"`
	// Thumb is LLOneBot: thumbnail URL.
	Thumb string `json:"thumb"`
	// Name is LLOneBot: file name.
	Name string `json:"name"`
	// Cache is send: "0" disables the download cache.
	Cache string `json:"cache"`
	// Proxy is send: "0" disables the proxy.
	Proxy string `json:"proxy"`
	// Timeout is send: download timeout in seconds.
	Timeout string `json:"timeout"`
	// ID is go-cqhttp: show-image effect id.
	ID string `json:"id"`
	// C is go-cqhttp: download thread count.
	C string `json:"c"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segImageSchema = segment.Schema{Type: "image", Fields: []segment.Field{{Name: "file", Kind: segment.KindString, Required: true}, {Name: "type", Kind: segment.KindString}, {Name: "url", Kind: segment.KindString}, {Name: "summary", Kind: segment.KindString}, {Name: "subType", Kind: segment.KindString}, {Name: "file_size", Kind: segment.KindString}, {Name: "thumb", Kind: segment.KindString}, {Name: "name", Kind: segment.KindString}, {Name: "cache", Kind: segment.KindString}, {Name: "proxy", Kind: segment.KindString}, {Name: "timeout", Kind: segment.KindString}, {Name: "id", Kind: segment.KindString}, {Name: "c", Kind: segment.KindString}}}

// SegmentType returns "image".
func (s *ImageSegment) SegmentType() string { return "image" }

// SegmentData is used by package segment's codec.
func (s *ImageSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segImageSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *ImageSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.File
	case 1:
		return &s.Type
	case 2:
		return &s.URL
	case 3:
		return &s.Summary
	case 4:
		return &s.SubType
	case 5:
		return &s.FileSize
	case 6:
		return &s.Thumb
	case 7:
		return &s.Name
	case 8:
		return &s.Cache
	case 9:
		return &s.Proxy
	case 10:
		return &s.Timeout
	case 11:
		return &s.ID
	case 12:
		return &s.C
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *ImageSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "image" segment envelope into a zeroed s.
func (s *ImageSegment) UnmarshalJSON(b []byte) error {
	*s = ImageSegment{}
	return unmarshalTypedSegment(s, b)
}

// RecordSegment ("record") is a voice message.
type RecordSegment struct {
	// File is file name (received) or file to send.
	File string `json:"file"`
	// Magic is "1" for a voice changer.
	Magic string `json:"magic"`
	// URL is download URL (received).
	URL string `json:"url"`
	// Path is LLOneBot: local path.
	Path string `json:"path"`
	// FileSize is LLOneBot/NapCat: size in bytes.
	FileSize string `json:"file_size"`
	// Thumb is LLOneBot: thumbnail URL.
	Thumb string `json:"thumb"`
	// Name is LLOneBot: file name.
	Name string `json:"name"`
	// Cache is send: "0" disables the download cache.
	Cache string `json:"cache"`
	// Proxy is send: "0" disables the proxy.
	Proxy string `json:"proxy"`
	// Timeout is send: download timeout in seconds.
	Timeout string `json:"timeout"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segRecordSchema = segment.Schema{Type: "record", Fields: []segment.Field{{Name: "file", Kind: segment.KindString, Required: true}, {Name: "magic", Kind: segment.KindString}, {Name: "url", Kind: segment.KindString}, {Name: "path", Kind: segment.KindString}, {Name: "file_size", Kind: segment.KindString}, {Name: "thumb", Kind: segment.KindString}, {Name: "name", Kind: segment.KindString}, {Name: "cache", Kind: segment.KindString}, {Name: "proxy", Kind: segment.KindString}, {Name: "timeout", Kind: segment.KindString}}}

// SegmentType returns "record".
func (s *RecordSegment) SegmentType() string { return "record" }

// SegmentData is used by package segment's codec.
func (s *RecordSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segRecordSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *RecordSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.File
	case 1:
		return &s.Magic
	case 2:
		return &s.URL
	case 3:
		return &s.Path
	case 4:
		return &s.FileSize
	case 5:
		return &s.Thumb
	case 6:
		return &s.Name
	case 7:
		return &s.Cache
	case 8:
		return &s.Proxy
	case 9:
		return &s.Timeout
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *RecordSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "record" segment envelope into a zeroed s.
func (s *RecordSegment) UnmarshalJSON(b []byte) error {
	*s = RecordSegment{}
	return unmarshalTypedSegment(s, b)
}

// VideoSegment ("video") is a short video.
type VideoSegment struct {
	// File is file name (received) or file to send.
	File string `json:"file"`
	// URL is download URL (received).
	URL string `json:"url"`
	// Cover is go-cqhttp: cover image to send.
	Cover string `json:"cover"`
	// Path is LLOneBot: local path.
	Path string `json:"path"`
	// FileSize is LLOneBot/NapCat: size in bytes.
	FileSize string `json:"file_size"`
	// Thumb is LLOneBot: thumbnail URL.
	Thumb string `json:"thumb"`
	// Name is LLOneBot: file name.
	Name string `json:"name"`
	// Cache is send: "0" disables the download cache.
	Cache string `json:"cache"`
	// Proxy is send: "0" disables the proxy.
	Proxy string `json:"proxy"`
	// Timeout is send: download timeout in seconds.
	Timeout string `json:"timeout"`
	// C is go-cqhttp: download thread count.
	C string `json:"c"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segVideoSchema = segment.Schema{Type: "video", Fields: []segment.Field{{Name: "file", Kind: segment.KindString, Required: true}, {Name: "url", Kind: segment.KindString}, {Name: "cover", Kind: segment.KindString}, {Name: "path", Kind: segment.KindString}, {Name: "file_size", Kind: segment.KindString}, {Name: "thumb", Kind: segment.KindString}, {Name: "name", Kind: segment.KindString}, {Name: "cache", Kind: segment.KindString}, {Name: "proxy", Kind: segment.KindString}, {Name: "timeout", Kind: segment.KindString}, {Name: "c", Kind: segment.KindString}}}

// SegmentType returns "video".
func (s *VideoSegment) SegmentType() string { return "video" }

// SegmentData is used by package segment's codec.
func (s *VideoSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segVideoSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *VideoSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.File
	case 1:
		return &s.URL
	case 2:
		return &s.Cover
	case 3:
		return &s.Path
	case 4:
		return &s.FileSize
	case 5:
		return &s.Thumb
	case 6:
		return &s.Name
	case 7:
		return &s.Cache
	case 8:
		return &s.Proxy
	case 9:
		return &s.Timeout
	case 10:
		return &s.C
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *VideoSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "video" segment envelope into a zeroed s.
func (s *VideoSegment) UnmarshalJSON(b []byte) error {
	*s = VideoSegment{}
	return unmarshalTypedSegment(s, b)
}

// FileSegment ("file") is a file (LLOneBot/NapCat).
type FileSegment struct {
	// File is file name (received) or file to send.
	File string `json:"file"`
	// URL is download URL.
	URL string `json:"url"`
	// Path is local path.
	Path string `json:"path"`
	// FileSize is size in bytes.
	FileSize string `json:"file_size"`
	// FileID is file UUID.
	FileID string `json:"file_id"`
	// Thumb is thumbnail URL.
	Thumb string `json:"thumb"`
	// Name is file name to show.
	Name string `json:"name"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segFileSchema = segment.Schema{Type: "file", Fields: []segment.Field{{Name: "file", Kind: segment.KindString, Required: true}, {Name: "url", Kind: segment.KindString}, {Name: "path", Kind: segment.KindString}, {Name: "file_size", Kind: segment.KindString}, {Name: "file_id", Kind: segment.KindString}, {Name: "thumb", Kind: segment.KindString}, {Name: "name", Kind: segment.KindString}}}

// SegmentType returns "file".
func (s *FileSegment) SegmentType() string { return "file" }

// SegmentData is used by package segment's codec.
func (s *FileSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segFileSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *FileSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.File
	case 1:
		return &s.URL
	case 2:
		return &s.Path
	case 3:
		return &s.FileSize
	case 4:
		return &s.FileID
	case 5:
		return &s.Thumb
	case 6:
		return &s.Name
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *FileSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "file" segment envelope into a zeroed s.
func (s *FileSegment) UnmarshalJSON(b []byte) error {
	*s = FileSegment{}
	return unmarshalTypedSegment(s, b)
}

// FlashFileSegment ("flash_file") is an LLOneBot flash-transfer file set.
type FlashFileSegment struct {
	// Title is title.
	Title string `json:"title"`
	// FileSetID is file set id.
	FileSetID string `json:"file_set_id"`
	// SceneType is scene type (a number).
	SceneType string `json:"scene_type"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segFlashFileSchema = segment.Schema{Type: "flash_file", Fields: []segment.Field{{Name: "title", Kind: segment.KindString, Required: true}, {Name: "file_set_id", Kind: segment.KindString, Required: true}, {Name: "scene_type", Kind: segment.KindString, Required: true}}}

// SegmentType returns "flash_file".
func (s *FlashFileSegment) SegmentType() string { return "flash_file" }

// SegmentData is used by package segment's codec.
func (s *FlashFileSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segFlashFileSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *FlashFileSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Title
	case 1:
		return &s.FileSetID
	case 2:
		return &s.SceneType
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *FlashFileSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "flash_file" segment envelope into a zeroed s.
func (s *FlashFileSegment) UnmarshalJSON(b []byte) error {
	*s = FlashFileSegment{}
	return unmarshalTypedSegment(s, b)
}

// AtSegment ("at") mentions a user, or everyone when QQ is "all".
type AtSegment struct {
	// QQ is user id, or "all".
	QQ string `json:"qq"`
	// Name is display name (LLOneBot/NapCat; go-cqhttp: shown when the user is not in the group).
	Name string `json:"name"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segAtSchema = segment.Schema{Type: "at", Fields: []segment.Field{{Name: "qq", Kind: segment.KindString, Required: true}, {Name: "name", Kind: segment.KindString}}}

// SegmentType returns "at".
func (s *AtSegment) SegmentType() string { return "at" }

// SegmentData is used by package segment's codec.
func (s *AtSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segAtSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *AtSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.QQ
	case 1:
		return &s.Name
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *AtSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "at" segment envelope into a zeroed s.
func (s *AtSegment) UnmarshalJSON(b []byte) error {
	*s = AtSegment{}
	return unmarshalTypedSegment(s, b)
}

// ReplySegment ("reply") quotes a message.
type ReplySegment struct {
	// ID is the quoted message id.
	ID string `json:"id"`
	// Text is go-cqhttp: custom reply text.
	Text string `json:"text"`
	// QQ is go-cqhttp: custom reply sender.
	QQ string `json:"qq"`
	// Time is go-cqhttp: custom reply time.
	Time string `json:"time"`
	// Seq is go-cqhttp: custom reply sequence.
	Seq string `json:"seq"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segReplySchema = segment.Schema{Type: "reply", Fields: []segment.Field{{Name: "id", Kind: segment.KindString, Required: true}, {Name: "text", Kind: segment.KindString}, {Name: "qq", Kind: segment.KindString}, {Name: "time", Kind: segment.KindString}, {Name: "seq", Kind: segment.KindString}}}

// SegmentType returns "reply".
func (s *ReplySegment) SegmentType() string { return "reply" }

// SegmentData is used by package segment's codec.
func (s *ReplySegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segReplySchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *ReplySegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ID
	case 1:
		return &s.Text
	case 2:
		return &s.QQ
	case 3:
		return &s.Time
	case 4:
		return &s.Seq
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *ReplySegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "reply" segment envelope into a zeroed s.
func (s *ReplySegment) UnmarshalJSON(b []byte) error {
	*s = ReplySegment{}
	return unmarshalTypedSegment(s, b)
}

// JSONSegment ("json") is a JSON card (mini app).
type JSONSegment struct {
	// Data is the JSON text.
	Data string `json:"data"`
	// ResID is go-cqhttp: resource id.
	ResID string `json:"resid"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segJSONSchema = segment.Schema{Type: "json", Fields: []segment.Field{{Name: "data", Kind: segment.KindString, Required: true}, {Name: "resid", Kind: segment.KindString}}}

// SegmentType returns "json".
func (s *JSONSegment) SegmentType() string { return "json" }

// SegmentData is used by package segment's codec.
func (s *JSONSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segJSONSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *JSONSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Data
	case 1:
		return &s.ResID
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *JSONSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "json" segment envelope into a zeroed s.
func (s *JSONSegment) UnmarshalJSON(b []byte) error {
	*s = JSONSegment{}
	return unmarshalTypedSegment(s, b)
}

// XMLSegment ("xml") is an XML card.
type XMLSegment struct {
	// Data is the XML text.
	Data string `json:"data"`
	// ResID is go-cqhttp: resource id.
	ResID string `json:"resid"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segXMLSchema = segment.Schema{Type: "xml", Fields: []segment.Field{{Name: "data", Kind: segment.KindString, Required: true}, {Name: "resid", Kind: segment.KindString}}}

// SegmentType returns "xml".
func (s *XMLSegment) SegmentType() string { return "xml" }

// SegmentData is used by package segment's codec.
func (s *XMLSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segXMLSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *XMLSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Data
	case 1:
		return &s.ResID
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *XMLSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "xml" segment envelope into a zeroed s.
func (s *XMLSegment) UnmarshalJSON(b []byte) error {
	*s = XMLSegment{}
	return unmarshalTypedSegment(s, b)
}

// MFaceSegment ("mface") is a market face (sticker from the store; LLOneBot/NapCat).
type MFaceSegment struct {
	// EmojiPackageID is sticker package id (a number).
	EmojiPackageID string `json:"emoji_package_id"`
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

var segMFaceSchema = segment.Schema{Type: "mface", Fields: []segment.Field{{Name: "emoji_package_id", Kind: segment.KindString, Required: true}, {Name: "emoji_id", Kind: segment.KindString, Required: true}, {Name: "key", Kind: segment.KindString, Required: true}, {Name: "summary", Kind: segment.KindString}, {Name: "url", Kind: segment.KindString}}}

// SegmentType returns "mface".
func (s *MFaceSegment) SegmentType() string { return "mface" }

// SegmentData is used by package segment's codec.
func (s *MFaceSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segMFaceSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *MFaceSegment) SegmentField(i int) any {
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
func (s *MFaceSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "mface" segment envelope into a zeroed s.
func (s *MFaceSegment) UnmarshalJSON(b []byte) error {
	*s = MFaceSegment{}
	return unmarshalTypedSegment(s, b)
}

// MarkdownSegment ("markdown") is Markdown content (LLOneBot/NapCat).
type MarkdownSegment struct {
	// Content is the Markdown text.
	Content string `json:"content"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segMarkdownSchema = segment.Schema{Type: "markdown", Fields: []segment.Field{{Name: "content", Kind: segment.KindString, Required: true}}}

// SegmentType returns "markdown".
func (s *MarkdownSegment) SegmentType() string { return "markdown" }

// SegmentData is used by package segment's codec.
func (s *MarkdownSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segMarkdownSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *MarkdownSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Content
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *MarkdownSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "markdown" segment envelope into a zeroed s.
func (s *MarkdownSegment) UnmarshalJSON(b []byte) error {
	*s = MarkdownSegment{}
	return unmarshalTypedSegment(s, b)
}

// NodeSegment ("node") is one node of a forward message to send: a reference to an existing message (ID) or custom content (UserID/Nickname or go-cqhttp Uin/Name, with Content).
type NodeSegment struct {
	// ID is id of an existing message to forward.
	ID string `json:"id"`
	// UserID is custom node sender id.
	UserID string `json:"user_id"`
	// Nickname is custom node sender name.
	Nickname string `json:"nickname"`
	// Content is custom node content (decoded from the array or the CQ string form; nodes nest).
	Content Message `json:"content"`
	// Name is go-cqhttp: sender name.
	Name string `json:"name"`
	// Uin is go-cqhttp: sender id.
	Uin string `json:"uin"`
	// Seq is go-cqhttp: custom sequence.
	Seq string `json:"seq"`
	// Time is go-cqhttp: custom time.
	Time string `json:"time"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segNodeSchema = segment.Schema{Type: "node", Fields: []segment.Field{{Name: "id", Kind: segment.KindString}, {Name: "user_id", Kind: segment.KindString}, {Name: "nickname", Kind: segment.KindString}, {Name: "content", Kind: segment.KindJSON}, {Name: "name", Kind: segment.KindString}, {Name: "uin", Kind: segment.KindString}, {Name: "seq", Kind: segment.KindString}, {Name: "time", Kind: segment.KindString}}}

// SegmentType returns "node".
func (s *NodeSegment) SegmentType() string { return "node" }

// SegmentData is used by package segment's codec.
func (s *NodeSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segNodeSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *NodeSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ID
	case 1:
		return &s.UserID
	case 2:
		return &s.Nickname
	case 3:
		return &s.Content
	case 4:
		return &s.Name
	case 5:
		return &s.Uin
	case 6:
		return &s.Seq
	case 7:
		return &s.Time
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *NodeSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "node" segment envelope into a zeroed s.
func (s *NodeSegment) UnmarshalJSON(b []byte) error {
	*s = NodeSegment{}
	return unmarshalTypedSegment(s, b)
}

// ForwardSegment ("forward") is a received forward message, fetched with get_forward_msg.
type ForwardSegment struct {
	// ID is the forward id.
	ID string `json:"id"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segForwardSchema = segment.Schema{Type: "forward", Fields: []segment.Field{{Name: "id", Kind: segment.KindString, Required: true}}}

// SegmentType returns "forward".
func (s *ForwardSegment) SegmentType() string { return "forward" }

// SegmentData is used by package segment's codec.
func (s *ForwardSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segForwardSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *ForwardSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.ID
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *ForwardSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "forward" segment envelope into a zeroed s.
func (s *ForwardSegment) UnmarshalJSON(b []byte) error {
	*s = ForwardSegment{}
	return unmarshalTypedSegment(s, b)
}

// MusicSegment ("music") shares music: Type qq/163/xm (and more) with ID, or "custom" with URL, Audio, Title, Content, Image.
type MusicSegment struct {
	// Type is platform or "custom".
	Type string `json:"type"`
	// ID is song id on the platform.
	ID string `json:"id"`
	// URL is custom: link.
	URL string `json:"url"`
	// Audio is custom: audio URL.
	Audio string `json:"audio"`
	// Title is custom: title.
	Title string `json:"title"`
	// Content is custom: description.
	Content string `json:"content"`
	// Image is custom: cover URL.
	Image string `json:"image"`
	// SubType is go-cqhttp: custom card style.
	SubType string `json:"subtype"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segMusicSchema = segment.Schema{Type: "music", Fields: []segment.Field{{Name: "type", Kind: segment.KindString, Required: true}, {Name: "id", Kind: segment.KindString}, {Name: "url", Kind: segment.KindString}, {Name: "audio", Kind: segment.KindString}, {Name: "title", Kind: segment.KindString}, {Name: "content", Kind: segment.KindString}, {Name: "image", Kind: segment.KindString}, {Name: "subtype", Kind: segment.KindString}}}

// SegmentType returns "music".
func (s *MusicSegment) SegmentType() string { return "music" }

// SegmentData is used by package segment's codec.
func (s *MusicSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segMusicSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *MusicSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Type
	case 1:
		return &s.ID
	case 2:
		return &s.URL
	case 3:
		return &s.Audio
	case 4:
		return &s.Title
	case 5:
		return &s.Content
	case 6:
		return &s.Image
	case 7:
		return &s.SubType
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *MusicSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "music" segment envelope into a zeroed s.
func (s *MusicSegment) UnmarshalJSON(b []byte) error {
	*s = MusicSegment{}
	return unmarshalTypedSegment(s, b)
}

// PokeSegment ("poke") is a poke (OneBot 11: type and id; go-cqhttp: qq to poke a member).
type PokeSegment struct {
	// Type is poke type.
	Type string `json:"type"`
	// ID is poke id.
	ID string `json:"id"`
	// Name is poke name (received).
	Name string `json:"name"`
	// QQ is go-cqhttp/LLOneBot: user to poke.
	QQ string `json:"qq"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segPokeSchema = segment.Schema{Type: "poke", Fields: []segment.Field{{Name: "type", Kind: segment.KindString}, {Name: "id", Kind: segment.KindString}, {Name: "name", Kind: segment.KindString}, {Name: "qq", Kind: segment.KindString}}}

// SegmentType returns "poke".
func (s *PokeSegment) SegmentType() string { return "poke" }

// SegmentData is used by package segment's codec.
func (s *PokeSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segPokeSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *PokeSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Type
	case 1:
		return &s.ID
	case 2:
		return &s.Name
	case 3:
		return &s.QQ
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *PokeSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "poke" segment envelope into a zeroed s.
func (s *PokeSegment) UnmarshalJSON(b []byte) error {
	*s = PokeSegment{}
	return unmarshalTypedSegment(s, b)
}

// DiceSegment ("dice") is a dice throw.
type DiceSegment struct {
	// Result is LLOneBot/NapCat: the result, 1-6.
	Result string `json:"result"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segDiceSchema = segment.Schema{Type: "dice", Fields: []segment.Field{{Name: "result", Kind: segment.KindString}}}

// SegmentType returns "dice".
func (s *DiceSegment) SegmentType() string { return "dice" }

// SegmentData is used by package segment's codec.
func (s *DiceSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segDiceSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *DiceSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Result
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *DiceSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "dice" segment envelope into a zeroed s.
func (s *DiceSegment) UnmarshalJSON(b []byte) error {
	*s = DiceSegment{}
	return unmarshalTypedSegment(s, b)
}

// RPSSegment ("rps") is rock-paper-scissors.
type RPSSegment struct {
	// Result is LLOneBot/NapCat: the result (1 rock, 2 scissors, 3 paper).
	Result string `json:"result"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segRPSSchema = segment.Schema{Type: "rps", Fields: []segment.Field{{Name: "result", Kind: segment.KindString}}}

// SegmentType returns "rps".
func (s *RPSSegment) SegmentType() string { return "rps" }

// SegmentData is used by package segment's codec.
func (s *RPSSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segRPSSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *RPSSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Result
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *RPSSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "rps" segment envelope into a zeroed s.
func (s *RPSSegment) UnmarshalJSON(b []byte) error {
	*s = RPSSegment{}
	return unmarshalTypedSegment(s, b)
}

// ContactSegment ("contact") recommends a user ("qq") or a group ("group").
type ContactSegment struct {
	// Type is "qq" or "group".
	Type string `json:"type"`
	// ID is the user or group id.
	ID string `json:"id"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segContactSchema = segment.Schema{Type: "contact", Fields: []segment.Field{{Name: "type", Kind: segment.KindString, Required: true}, {Name: "id", Kind: segment.KindString, Required: true}}}

// SegmentType returns "contact".
func (s *ContactSegment) SegmentType() string { return "contact" }

// SegmentData is used by package segment's codec.
func (s *ContactSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segContactSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *ContactSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Type
	case 1:
		return &s.ID
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *ContactSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "contact" segment envelope into a zeroed s.
func (s *ContactSegment) UnmarshalJSON(b []byte) error {
	*s = ContactSegment{}
	return unmarshalTypedSegment(s, b)
}

// ShakeSegment ("shake") is a window shake.
type ShakeSegment struct {
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segShakeSchema = segment.Schema{Type: "shake", Fields: []segment.Field{}}

// SegmentType returns "shake".
func (s *ShakeSegment) SegmentType() string { return "shake" }

// SegmentData is used by package segment's codec.
func (s *ShakeSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segShakeSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *ShakeSegment) SegmentField(int) any { return nil }

// MarshalJSON encodes the segment envelope.
func (s *ShakeSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "shake" segment envelope into a zeroed s.
func (s *ShakeSegment) UnmarshalJSON(b []byte) error {
	*s = ShakeSegment{}
	return unmarshalTypedSegment(s, b)
}

// KeyboardSegment ("keyboard") is a bot keyboard (NapCat/LLOneBot), kept as raw JSON rows.
type KeyboardSegment struct {
	// Rows is the rows, as raw JSON.
	Rows json.RawMessage `json:"rows"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segKeyboardSchema = segment.Schema{Type: "keyboard", Fields: []segment.Field{{Name: "rows", Kind: segment.KindJSON, Required: true}}}

// SegmentType returns "keyboard".
func (s *KeyboardSegment) SegmentType() string { return "keyboard" }

// SegmentData is used by package segment's codec.
func (s *KeyboardSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segKeyboardSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *KeyboardSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Rows
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *KeyboardSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "keyboard" segment envelope into a zeroed s.
func (s *KeyboardSegment) UnmarshalJSON(b []byte) error {
	*s = KeyboardSegment{}
	return unmarshalTypedSegment(s, b)
}

// AnonymousSegment ("anonymous") sends the message anonymously (OneBot 11 standard).
type AnonymousSegment struct {
	// Ignore is "1" sends even when anonymity fails.
	Ignore string `json:"ignore"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segAnonymousSchema = segment.Schema{Type: "anonymous", Fields: []segment.Field{{Name: "ignore", Kind: segment.KindString}}}

// SegmentType returns "anonymous".
func (s *AnonymousSegment) SegmentType() string { return "anonymous" }

// SegmentData is used by package segment's codec.
func (s *AnonymousSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segAnonymousSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *AnonymousSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Ignore
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *AnonymousSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "anonymous" segment envelope into a zeroed s.
func (s *AnonymousSegment) UnmarshalJSON(b []byte) error {
	*s = AnonymousSegment{}
	return unmarshalTypedSegment(s, b)
}

// ShareSegment ("share") shares a link (OneBot 11 standard).
type ShareSegment struct {
	// URL is link.
	URL string `json:"url"`
	// Title is title.
	Title string `json:"title"`
	// Content is description.
	Content string `json:"content"`
	// Image is image URL.
	Image string `json:"image"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segShareSchema = segment.Schema{Type: "share", Fields: []segment.Field{{Name: "url", Kind: segment.KindString, Required: true}, {Name: "title", Kind: segment.KindString, Required: true}, {Name: "content", Kind: segment.KindString}, {Name: "image", Kind: segment.KindString}}}

// SegmentType returns "share".
func (s *ShareSegment) SegmentType() string { return "share" }

// SegmentData is used by package segment's codec.
func (s *ShareSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segShareSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *ShareSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.URL
	case 1:
		return &s.Title
	case 2:
		return &s.Content
	case 3:
		return &s.Image
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *ShareSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "share" segment envelope into a zeroed s.
func (s *ShareSegment) UnmarshalJSON(b []byte) error {
	*s = ShareSegment{}
	return unmarshalTypedSegment(s, b)
}

// LocationSegment ("location") is a location (OneBot 11 standard).
type LocationSegment struct {
	// Lat is latitude.
	Lat string `json:"lat"`
	// Lon is longitude.
	Lon string `json:"lon"`
	// Title is title.
	Title string `json:"title"`
	// Content is description.
	Content string `json:"content"`
	// Meta records the wire form (see segment.Meta).
	Meta segment.Meta `json:"-"`
	// Extra holds data keys not listed above.
	Extra map[string]json.RawMessage `json:"-"`
}

var segLocationSchema = segment.Schema{Type: "location", Fields: []segment.Field{{Name: "lat", Kind: segment.KindString, Required: true}, {Name: "lon", Kind: segment.KindString, Required: true}, {Name: "title", Kind: segment.KindString}, {Name: "content", Kind: segment.KindString}}}

// SegmentType returns "location".
func (s *LocationSegment) SegmentType() string { return "location" }

// SegmentData is used by package segment's codec.
func (s *LocationSegment) SegmentData() (*segment.Schema, *segment.Meta, *map[string]json.RawMessage) {
	return &segLocationSchema, &s.Meta, &s.Extra
}

// SegmentField is used by package segment's codec.
func (s *LocationSegment) SegmentField(i int) any {
	switch i {
	case 0:
		return &s.Lat
	case 1:
		return &s.Lon
	case 2:
		return &s.Title
	case 3:
		return &s.Content
	}
	return nil
}

// MarshalJSON encodes the segment envelope.
func (s *LocationSegment) MarshalJSON() ([]byte, error) { return segment.AppendJSON(nil, s) }

// UnmarshalJSON decodes a "location" segment envelope into a zeroed s.
func (s *LocationSegment) UnmarshalJSON(b []byte) error {
	*s = LocationSegment{}
	return unmarshalTypedSegment(s, b)
}

func init() {
	segmentRegistry.Register("text", func() Segment { return new(TextSegment) })
	segmentRegistry.Register("face", func() Segment { return new(FaceSegment) })
	segmentRegistry.Register("image", func() Segment { return new(ImageSegment) })
	segmentRegistry.Register("record", func() Segment { return new(RecordSegment) })
	segmentRegistry.Register("video", func() Segment { return new(VideoSegment) })
	segmentRegistry.Register("file", func() Segment { return new(FileSegment) })
	segmentRegistry.Register("flash_file", func() Segment { return new(FlashFileSegment) })
	segmentRegistry.Register("at", func() Segment { return new(AtSegment) })
	segmentRegistry.Register("reply", func() Segment { return new(ReplySegment) })
	segmentRegistry.Register("json", func() Segment { return new(JSONSegment) })
	segmentRegistry.Register("xml", func() Segment { return new(XMLSegment) })
	segmentRegistry.Register("mface", func() Segment { return new(MFaceSegment) })
	segmentRegistry.Register("markdown", func() Segment { return new(MarkdownSegment) })
	segmentRegistry.Register("node", func() Segment { return new(NodeSegment) })
	segmentRegistry.Register("forward", func() Segment { return new(ForwardSegment) })
	segmentRegistry.Register("music", func() Segment { return new(MusicSegment) })
	segmentRegistry.Register("poke", func() Segment { return new(PokeSegment) })
	segmentRegistry.Register("dice", func() Segment { return new(DiceSegment) })
	segmentRegistry.Register("rps", func() Segment { return new(RPSSegment) })
	segmentRegistry.Register("contact", func() Segment { return new(ContactSegment) })
	segmentRegistry.Register("shake", func() Segment { return new(ShakeSegment) })
	segmentRegistry.Register("keyboard", func() Segment { return new(KeyboardSegment) })
	segmentRegistry.Register("anonymous", func() Segment { return new(AnonymousSegment) })
	segmentRegistry.Register("share", func() Segment { return new(ShareSegment) })
	segmentRegistry.Register("location", func() Segment { return new(LocationSegment) })
}
