package onebot11

//go:generate go run event_gen.go

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/duobot/duobot/internal/jsonx"
)

// Event is a OneBot 11 event: one of the *XxxEvent types of this package, or
// *UnknownEvent for anything they do not cover. It is sealed: only this
// package implements it. Use a type switch, or the MessageEvent interface for
// the message events.
type Event interface {
	// PostType returns post_type: PostTypeMessage, PostTypeMessageSent,
	// PostTypeNotice, PostTypeRequest or PostTypeMetaEvent.
	PostType() string
	// DetailType returns the second discriminator: message_type,
	// notice_type, request_type or meta_event_type.
	DetailType() string
	// Header returns the fields every event has.
	Header() EventHeader
	isEvent()
}

// EventHeader holds the fields every event shares.
type EventHeader struct {
	Time       int64  // unix seconds
	SelfID     int64  // the bot's account
	PostType   string // post_type
	DetailType string // message_type, notice_type, request_type or meta_event_type
	SubType    string // sub_type, "" when the event has none
}

// Values of post_type.
const (
	PostTypeMessage     = "message"
	PostTypeMessageSent = "message_sent" // the bot's own messages (go-cqhttp, LLOneBot, NapCat)
	PostTypeNotice      = "notice"
	PostTypeRequest     = "request"
	PostTypeMetaEvent   = "meta_event"
)

// Values of sub_type (and honor_type, role) by event.
const (
	PrivateMessageFriend = "friend" // PrivateMessageEvent: from a friend
	PrivateMessageGroup  = "group"  // PrivateMessageEvent: temporary chat from a group
	PrivateMessageOther  = "other"  // PrivateMessageEvent: other temporary chat

	GroupMessageNormal    = "normal"    // GroupMessageEvent
	GroupMessageAnonymous = "anonymous" // GroupMessageEvent: Anonymous is set
	GroupMessageNotice    = "notice"    // GroupMessageEvent: system notice

	GuildMessageChannel = "channel" // GuildMessageEvent

	GroupAdminSet   = "set"   // GroupAdminNoticeEvent
	GroupAdminUnset = "unset" // GroupAdminNoticeEvent

	GroupDecreaseLeave  = "leave"   // GroupDecreaseNoticeEvent
	GroupDecreaseKick   = "kick"    // GroupDecreaseNoticeEvent
	GroupDecreaseKickMe = "kick_me" // GroupDecreaseNoticeEvent: the bot was kicked

	GroupIncreaseApprove = "approve" // GroupIncreaseNoticeEvent
	GroupIncreaseInvite  = "invite"  // GroupIncreaseNoticeEvent

	GroupBanBan     = "ban"      // GroupBanNoticeEvent
	GroupBanLiftBan = "lift_ban" // GroupBanNoticeEvent

	EssenceAdd    = "add"    // EssenceNoticeEvent
	EssenceDelete = "delete" // EssenceNoticeEvent

	FlashFileDownloading = "downloading" // FlashFileNoticeEvent
	FlashFileDownloaded  = "downloaded"  // FlashFileNoticeEvent
	FlashFileUploading   = "uploading"   // FlashFileNoticeEvent
	FlashFileUploaded    = "uploaded"    // FlashFileNoticeEvent

	HonorTalkative = "talkative" // HonorNotifyEvent.HonorType: 龙王
	HonorPerformer = "performer" // HonorNotifyEvent.HonorType: 群聊之火
	HonorEmotion   = "emotion"   // HonorNotifyEvent.HonorType: 快乐源泉

	GroupRequestAdd    = "add"    // GroupRequestEvent: someone asks to join
	GroupRequestInvite = "invite" // GroupRequestEvent: the bot is invited

	LifecycleEnable  = "enable"  // LifecycleMetaEvent (HTTP POST)
	LifecycleDisable = "disable" // LifecycleMetaEvent (HTTP POST)
	LifecycleConnect = "connect" // LifecycleMetaEvent (WebSocket)

	RoleOwner  = "owner"  // Sender.Role
	RoleAdmin  = "admin"  // Sender.Role
	RoleMember = "member" // Sender.Role
)

// ParseEvent decodes one event frame into its Go type. The type is chosen by
// the detail type (message_type, notice_type, request_type or
// meta_event_type, whichever comes first, which also says what post_type
// must be) and, for notice_type notify, sub_type; post_type must be present
// and agree (message or message_sent for messages). An event of a type this
// package does not know, or whose known fields do not decode (a string where
// a number belongs...), becomes an *UnknownEvent keeping the frame, with the
// reason in its Err; the only errors are invalid JSON and a frame that is
// not an object. frame is not retained.
func ParseEvent(frame []byte) (Event, error) {
	var h peeked
	d := newDecoder(frame)
	if err := h.scan(&d, true); err != nil {
		return nil, err
	}
	if h.first != "" {
		sub := ""
		if h.first == "notice_type" && string(h.firstValue().b) == "notify" {
			sub = string(h.sub.b)
		}
		d = newDecoder(frame)
		ev, ok, err := decodeEvent(&d, h.first, string(h.firstValue().b), sub)
		if ok {
			if err == nil {
				err = d.end()
			}
			if err == nil && !d.postSeen {
				err = errors.New("onebot11: post_type is missing")
			}
			if err == nil {
				return ev, nil
			}
			if errors.Is(err, jsonx.ErrSyntax) {
				return nil, fmt.Errorf("onebot11: %w", err)
			}
			return unknown(frame, fmt.Errorf("onebot11: %s event: %w", ev.DetailType(), err))
		}
	}
	return unknown(frame, nil)
}

// unknown builds an UnknownEvent after checking the whole frame.
func unknown(frame []byte, cause error) (Event, error) {
	var h peeked
	d := newDecoder(frame)
	if err := h.scan(&d, false); err != nil {
		return nil, err
	}
	return &UnknownEvent{
		Raw:    bytes.Clone(frame),
		Err:    cause,
		hdr:    h.header(),
		hdrSet: true,
	}, nil
}

// UnknownEvent is an event ParseEvent has no type for (or whose known fields
// did not decode, see Err). It keeps the frame as it came and re-encodes to
// it.
type UnknownEvent struct {
	// Raw is the event's JSON object.
	Raw json.RawMessage
	// Err is why the event's known type did not accept it, or nil when
	// the type is unknown.
	Err error

	hdr    EventHeader
	hdrSet bool
}

// PostType returns post_type, or "" when it is missing or not a string.
func (e *UnknownEvent) PostType() string { return e.Header().PostType }

// DetailType returns the detail type (message_type, notice_type,
// request_type or meta_event_type), or "".
func (e *UnknownEvent) DetailType() string { return e.Header().DetailType }

// Header returns what the event carries of the common fields.
func (e *UnknownEvent) Header() EventHeader {
	if e.hdrSet {
		return e.hdr
	}
	var h peeked
	d := newDecoder(e.Raw)
	if h.scan(&d, false) != nil {
		return EventHeader{}
	}
	return h.header()
}

func (*UnknownEvent) isEvent() {}

// MarshalJSON returns Raw.
func (e UnknownEvent) MarshalJSON() ([]byte, error) {
	if len(e.Raw) == 0 {
		return []byte("null"), nil
	}
	if !jsonx.Valid(e.Raw) {
		return nil, fmt.Errorf("onebot11: UnknownEvent.Raw: %w", jsonx.ErrInvalidRaw)
	}
	return bytes.Clone(e.Raw), nil
}

// UnmarshalJSON keeps a copy of b as Raw.
func (e *UnknownEvent) UnmarshalJSON(b []byte) error {
	var h peeked
	d := newDecoder(b)
	if err := h.scan(&d, false); err != nil {
		return err
	}
	*e = UnknownEvent{Raw: bytes.Clone(b), hdr: h.header(), hdrSet: true}
	return nil
}

// peekValue is a top-level string member seen by the peek scan.
type peekValue struct {
	b   []byte
	set bool
}

func (v *peekValue) known() bool { return v.set }

// peeked is what ParseEvent learns from a scan of the top level.
type peeked struct {
	post, msg, notice, request, meta, sub peekValue
	time, selfID                          int64
	first                                 string // the first detail key seen
}

// firstValue is the value of the first detail key seen.
func (h *peeked) firstValue() *peekValue {
	switch h.first {
	case "message_type":
		return &h.msg
	case "notice_type":
		return &h.notice
	case "request_type":
		return &h.request
	case "meta_event_type":
		return &h.meta
	}
	return &peekValue{}
}

// detailFor is the detail value post_type calls for, or the first one seen
// when post_type is missing or unknown.
func (h *peeked) detailFor() *peekValue {
	switch string(h.post.b) {
	case PostTypeMessage, PostTypeMessageSent:
		return &h.msg
	case PostTypeNotice:
		return &h.notice
	case PostTypeRequest:
		return &h.request
	case PostTypeMetaEvent:
		return &h.meta
	}
	return h.firstValue()
}

// done reports whether dispatch needs nothing more: a detail key decides
// the event's category (post_type is checked while decoding), and
// notice_type notify also needs sub_type.
func (h *peeked) done() bool {
	if h.first == "" {
		return false
	}
	return h.sub.set || h.first != "notice_type" || string(h.notice.b) != "notify"
}

func (h *peeked) header() EventHeader {
	return EventHeader{
		Time:       h.time,
		SelfID:     h.selfID,
		PostType:   string(h.post.b),
		DetailType: string(h.detailFor().b),
		SubType:    string(h.sub.b),
	}
}

// scan reads the top-level members, keeping the discriminators (and time and
// self_id). With early it stops once dispatch is decided; otherwise it
// checks the whole document.
func (h *peeked) scan(d *decoder, early bool) error {
	r := &d.r
	if r.Kind() != jsonx.Object {
		if err := r.Skip(); err != nil {
			return fmt.Errorf("onebot11: %w", err)
		}
		return errors.New("onebot11: event is not a JSON object")
	}
	if err := h.members(d, early); err != nil {
		return fmt.Errorf("onebot11: %w", err)
	}
	return nil
}

func (h *peeked) members(d *decoder, early bool) error {
	r := &d.r
	if err := r.BeginObject(); err != nil {
		return err
	}
	for {
		key, ok, err := r.NextKey()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		var v *peekValue
		detailKey := ""
		switch string(key) {
		case "post_type":
			v = &h.post
		case "message_type":
			v, detailKey = &h.msg, "message_type"
		case "notice_type":
			v, detailKey = &h.notice, "notice_type"
		case "request_type":
			v, detailKey = &h.request, "request_type"
		case "meta_event_type":
			v, detailKey = &h.meta, "meta_event_type"
		case "sub_type":
			v = &h.sub
		case "time", "self_id":
			if early {
				break
			}
			isTime := string(key) == "time"
			var st wireState
			n, err := d.intValue(&st, 0, 64, "")
			if err != nil {
				if errors.Is(err, jsonx.ErrSyntax) {
					return err
				}
				continue
			}
			if isTime {
				h.time = n
			} else {
				h.selfID = n
			}
			continue
		}
		if v != nil && r.Kind() == jsonx.String {
			start := r.Offset()
			s, err := r.StringBytes()
			if err != nil {
				return err
			}
			if bytes.IndexByte(r.Data()[start:r.Offset()], '\\') >= 0 {
				s = bytes.Clone(s) // it lives in the reader's scratch buffer
			}
			*v = peekValue{b: s, set: true}
			if h.first == "" && detailKey != "" {
				h.first = detailKey
			}
			if early && h.done() {
				return nil
			}
			continue
		}
		if err := r.Skip(); err != nil {
			return err
		}
	}
	if early {
		return nil
	}
	return r.End()
}
