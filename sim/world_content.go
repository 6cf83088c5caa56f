package sim

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Element is one piece of message content. The concrete types are the value
// types below; Unknown keeps any element the world does not model.
type Element interface {
	// Kind is the element's type name ("text", "mention", ..., or
	// Unknown.Type).
	Kind() string
	isElement()
}

// Element kinds.
const (
	KindText       = "text"
	KindMention    = "mention"
	KindMentionAll = "mention_all"
	KindFace       = "face"
	KindReply      = "reply"
	KindImage      = "image"
	KindRecord     = "record"
	KindVideo      = "video"
	KindFile       = "file"
	KindForward    = "forward"
	KindMarketFace = "market_face"
	KindLightApp   = "light_app"
	KindXML        = "xml"
	KindMarkdown   = "markdown"
)

// Text is plain text.
type Text struct{ Text string }

// Mention mentions one user. Name is filled by the world when empty (the
// member's card or nickname).
type Mention struct {
	UserID int64
	Name   string
}

// MentionAll mentions everyone in a group (admins and the owner only).
type MentionAll struct{}

// Face is a built-in QQ face.
type Face struct {
	ID    string
	Large bool
}

// Reply quotes an earlier message of the same conversation. Give Seq, or
// MessageID alone (it is resolved to Seq); the world fills the rest.
type Reply struct {
	Seq       int64
	MessageID int32
	SenderID  int64
	Time      time.Time
}

// Image is a picture. URI is what the sender gave; ResourceID and URL are
// assigned by the world when empty.
type Image struct {
	URI        string
	ResourceID string
	URL        string
	Summary    string
	SubType    string // "normal" or "sticker"
	Width      int
	Height     int
}

// Record is a voice message.
type Record struct {
	URI        string
	ResourceID string
	URL        string
	Duration   int // seconds
}

// Video is a video.
type Video struct {
	URI        string
	ThumbURI   string
	ResourceID string
	URL        string
	Width      int
	Height     int
	Duration   int // seconds
}

// File is a file reference inside a message.
type File struct {
	ID   string
	Name string
	Size int64
	Hash string
}

// ForwardNode is one message inside a forward.
type ForwardNode struct {
	UserID  int64
	Name    string
	Time    time.Time
	Content []Element
}

// Forward is a merged-forward message. Send it with Nodes (the world stores
// them and assigns ID) or with the ID of a stored forward.
type Forward struct {
	ID      string
	Title   string
	Preview []string
	Summary string
	Prompt  string
	Nodes   []ForwardNode
}

// MarketFace is a sticker from the sticker market.
type MarketFace struct {
	PackageID int64
	EmojiID   string
	Key       string
	Summary   string
	URL       string
}

// LightApp is a mini-program / ark card, carried as its JSON payload.
type LightApp struct {
	AppName string
	JSON    string
}

// XML is an XML card.
type XML struct {
	ServiceID int64
	XML       string
}

// Markdown is markdown content.
type Markdown struct{ Content string }

// Unknown is an element of a type the world does not model, kept as is:
// Type is its type name and Raw its data (whatever bytes the front-end
// wants back).
type Unknown struct {
	Type string
	Raw  json.RawMessage
}

// Kind returns KindText.
func (Text) Kind() string { return KindText }

// Kind returns KindMention.
func (Mention) Kind() string { return KindMention }

// Kind returns KindMentionAll.
func (MentionAll) Kind() string { return KindMentionAll }

// Kind returns KindFace.
func (Face) Kind() string { return KindFace }

// Kind returns KindReply.
func (Reply) Kind() string { return KindReply }

// Kind returns KindImage.
func (Image) Kind() string { return KindImage }

// Kind returns KindRecord.
func (Record) Kind() string { return KindRecord }

// Kind returns KindVideo.
func (Video) Kind() string { return KindVideo }

// Kind returns KindFile.
func (File) Kind() string { return KindFile }

// Kind returns KindForward.
func (Forward) Kind() string { return KindForward }

// Kind returns KindMarketFace.
func (MarketFace) Kind() string { return KindMarketFace }

// Kind returns KindLightApp.
func (LightApp) Kind() string { return KindLightApp }

// Kind returns KindXML.
func (XML) Kind() string { return KindXML }

// Kind returns KindMarkdown.
func (Markdown) Kind() string { return KindMarkdown }

// Kind returns the element's Type.
func (u Unknown) Kind() string  { return u.Type }
func (Text) isElement()         {}
func (Mention) isElement()      {}
func (MentionAll) isElement()   {}
func (Face) isElement()         {}
func (Reply) isElement()        {}
func (Image) isElement()        {}
func (Record) isElement()       {}
func (Video) isElement()        {}
func (File) isElement()         {}
func (Forward) isElement()      {}
func (MarketFace) isElement()   {}
func (LightApp) isElement()     {}
func (XML) isElement()          {}
func (Markdown) isElement()     {}
func (Unknown) isElement()      {}
func (m Mention) label() string { return "@" + firstNonEmpty(m.Name, strconv.FormatInt(m.UserID, 10)) }
func (f Forward) label() string { return "[forward: " + firstNonEmpty(f.Title, f.Summary, f.ID) + "]" }
func (f File) label() string    { return "[file: " + f.Name + "]" }
func (m MarketFace) label() string {
	return firstNonEmpty(m.Summary, "[sticker]")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// PlainText renders content as one line of plain text for transcripts and
// the demo: text as is, mentions as "@name", everything else as a bracketed
// tag ("[image]", "[face:14]", "[reply #3]", ...).
func PlainText(content []Element) string {
	var b strings.Builder
	for _, e := range content {
		switch e := e.(type) {
		case Text:
			b.WriteString(e.Text)
		case Mention:
			b.WriteString(e.label())
		case MentionAll:
			b.WriteString("@all")
		case Face:
			b.WriteString("[face:" + e.ID + "]")
		case Reply:
			b.WriteString("[reply #" + strconv.FormatInt(e.Seq, 10) + "]")
		case Image:
			b.WriteString(firstNonEmpty(bracket(e.Summary), "[image]"))
		case Record:
			b.WriteString("[voice]")
		case Video:
			b.WriteString("[video]")
		case File:
			b.WriteString(e.label())
		case Forward:
			b.WriteString(e.label())
		case MarketFace:
			b.WriteString(e.label())
		case LightApp:
			b.WriteString("[app: " + e.AppName + "]")
		case XML:
			b.WriteString("[xml]")
		case Markdown:
			b.WriteString(e.Content)
		case Unknown:
			b.WriteString("[" + e.Type + "]")
		}
	}
	return b.String()
}

func bracket(s string) string {
	if s == "" || strings.HasPrefix(s, "[") {
		return s
	}
	return "[" + s + "]"
}

// CloneContent returns a deep copy of content (forward nodes, previews and
// raw bytes included).
func CloneContent(content []Element) []Element {
	if content == nil {
		return nil
	}
	out := make([]Element, len(content))
	for i, e := range content {
		switch e := e.(type) {
		case Forward:
			e.Preview = append([]string(nil), e.Preview...)
			e.Nodes = cloneNodes(e.Nodes)
			out[i] = e
		case Unknown:
			e.Raw = append(json.RawMessage(nil), e.Raw...)
			out[i] = e
		default:
			out[i] = e
		}
	}
	return out
}

func cloneNodes(nodes []ForwardNode) []ForwardNode {
	if nodes == nil {
		return nil
	}
	out := make([]ForwardNode, len(nodes))
	for i, n := range nodes {
		n.Content = CloneContent(n.Content)
		out[i] = n
	}
	return out
}

func cloneMessage(m Message) Message {
	m.Content = CloneContent(m.Content)
	if m.Reactions != nil {
		rs := make([]Reaction, len(m.Reactions))
		for i, r := range m.Reactions {
			r.Users = append([]int64(nil), r.Users...)
			rs[i] = r
		}
		m.Reactions = rs
	}
	return m
}
