package onebot11

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strconv"
)

// Builders of segments to send. Values are written as strings, the form
// every implementation accepts (the OneBot 11 array format keeps all data
// values as strings so they round-trip with CQ codes).

// Text returns a text segment.
func Text(text string) *TextSegment { return &TextSegment{Text: text} }

// At returns a segment mentioning userID.
func At(userID int64) *AtSegment { return &AtSegment{QQ: strconv.FormatInt(userID, 10)} }

// AtAll returns a segment mentioning everyone in the group.
func AtAll() *AtSegment { return &AtSegment{QQ: "all"} }

// Reply returns a segment quoting the message messageID.
func Reply(messageID int64) *ReplySegment {
	return &ReplySegment{ID: strconv.FormatInt(messageID, 10)}
}

// Face returns a QQ face segment.
func Face(id int) *FaceSegment { return &FaceSegment{ID: strconv.Itoa(id)} }

// FileURI returns the file:/// URI of a local path, made absolute against
// the working directory when it is relative. The path is for the
// implementation's machine: the implementation reads the file.
func FileURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if len(u.Path) > 0 && u.Path[0] != '/' { // Windows drive letter
		u.Path = "/" + u.Path
	}
	return u.String()
}

// Base64URI returns data as a base64:// URI.
func Base64URI(data []byte) string { return "base64://" + base64.StdEncoding.EncodeToString(data) }

// Image returns an image segment sending file (a file name the
// implementation knows, file:///path, http(s):// URL or base64://data).
func Image(file string) *ImageSegment { return &ImageSegment{File: file} }

// ImageFile returns an image segment sending a local file (see FileURI).
func ImageFile(path string) *ImageSegment { return Image(FileURI(path)) }

// ImageURL returns an image segment the implementation downloads.
func ImageURL(u string) *ImageSegment { return Image(u) }

// ImageBytes returns an image segment carrying data inline (base64://).
func ImageBytes(data []byte) *ImageSegment { return Image(Base64URI(data)) }

// FlashImage returns a flash image segment.
func FlashImage(file string) *ImageSegment { return &ImageSegment{File: file, Type: "flash"} }

// Record returns a voice segment (file as for Image).
func Record(file string) *RecordSegment { return &RecordSegment{File: file} }

// RecordFile returns a voice segment sending a local file.
func RecordFile(path string) *RecordSegment { return Record(FileURI(path)) }

// RecordBytes returns a voice segment carrying data inline.
func RecordBytes(data []byte) *RecordSegment { return Record(Base64URI(data)) }

// Video returns a video segment (file as for Image).
func Video(file string) *VideoSegment { return &VideoSegment{File: file} }

// VideoFile returns a video segment sending a local file.
func VideoFile(path string) *VideoSegment { return Video(FileURI(path)) }

// VideoBytes returns a video segment carrying data inline.
func VideoBytes(data []byte) *VideoSegment { return Video(Base64URI(data)) }

// File returns a file segment (LLOneBot/NapCat); name is the name shown,
// empty for the file's own.
func File(file, name string) *FileSegment { return &FileSegment{File: file, Name: name} }

// JSONCard returns a JSON card segment.
func JSONCard(data string) *JSONSegment { return &JSONSegment{Data: data} }

// XMLCard returns an XML card segment.
func XMLCard(data string) *XMLSegment { return &XMLSegment{Data: data} }

// Markdown returns a Markdown segment (LLOneBot/NapCat).
func Markdown(content string) *MarkdownSegment { return &MarkdownSegment{Content: content} }

// MFace returns a market face segment (LLOneBot/NapCat).
func MFace(packageID int64, emojiID, key, summary string) *MFaceSegment {
	return &MFaceSegment{EmojiPackageID: strconv.FormatInt(packageID, 10), EmojiID: emojiID, Key: key, Summary: summary}
}

// Node returns a custom forward node sent as userID/nickname with the
// given content (which may hold nodes itself).
func Node(userID int64, nickname string, content ...Segment) *NodeSegment {
	return &NodeSegment{UserID: strconv.FormatInt(userID, 10), Nickname: nickname, Content: Message(content)}
}

// NodeRef returns a forward node referring to an existing message.
func NodeRef(messageID int64) *NodeSegment {
	return &NodeSegment{ID: strconv.FormatInt(messageID, 10)}
}

// Forward returns a segment of a received forward message by id.
func Forward(id string) *ForwardSegment { return &ForwardSegment{ID: id} }

// Music returns a platform music share (typ "qq", "163", "xm", ...).
func Music(typ, id string) *MusicSegment { return &MusicSegment{Type: typ, ID: id} }

// CustomMusic returns a custom music share.
func CustomMusic(link, audio, title, content, image string) *MusicSegment {
	return &MusicSegment{Type: "custom", URL: link, Audio: audio, Title: title, Content: content, Image: image}
}

// Poke returns a poke segment (OneBot 11 type/id).
func Poke(typ, id string) *PokeSegment { return &PokeSegment{Type: typ, ID: id} }

// PokeUser returns a go-cqhttp style poke of a group member.
func PokeUser(userID int64) *PokeSegment { return &PokeSegment{QQ: strconv.FormatInt(userID, 10)} }

// Dice returns a dice segment.
func Dice() *DiceSegment { return &DiceSegment{} }

// RPS returns a rock-paper-scissors segment.
func RPS() *RPSSegment { return &RPSSegment{} }

// Shake returns a window shake segment.
func Shake() *ShakeSegment { return &ShakeSegment{} }

// ContactUser returns a segment recommending a user.
func ContactUser(userID int64) *ContactSegment {
	return &ContactSegment{Type: "qq", ID: strconv.FormatInt(userID, 10)}
}

// ContactGroup returns a segment recommending a group.
func ContactGroup(groupID int64) *ContactSegment {
	return &ContactSegment{Type: "group", ID: strconv.FormatInt(groupID, 10)}
}

// Share returns a link share segment.
func Share(link, title, content, image string) *ShareSegment {
	return &ShareSegment{URL: link, Title: title, Content: content, Image: image}
}

// Location returns a location segment.
func Location(lat, lon float64, title, content string) *LocationSegment {
	return &LocationSegment{
		Lat: strconv.FormatFloat(lat, 'f', -1, 64), Lon: strconv.FormatFloat(lon, 'f', -1, 64),
		Title: title, Content: content,
	}
}

// Keyboard returns a keyboard segment from its JSON rows.
func Keyboard(rows json.RawMessage) *KeyboardSegment { return &KeyboardSegment{Rows: rows} }
