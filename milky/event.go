package milky

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// Event is a Milky event. The concrete type is one of the *XxxEvent types of
// this package (one per event_type, see [EventTypes]) or *UnknownEvent for
// an event type this package does not know. Type-switch on it:
//
//	switch e := ev.(type) {
//	case *milky.MessageReceiveEvent:
//		// e.Data is the IncomingMessage
//	case *milky.GroupMuteEvent:
//		// e.Data.Duration
//	}
//
// json.Marshal of an Event encodes the whole frame
// ({"time", "self_id", "event_type", "data"}) and reproduces the JSON value
// it was parsed from, unknown keys included.
type Event interface {
	// EventType returns the wire event_type, e.g. "message_receive".
	EventType() string
	// Time returns the event's Unix time in seconds.
	Time() int64
	// SelfID returns the QQ number of the bot that received the event.
	SelfID() int64
	isEvent()
}

// EventHeader holds the fields of an event frame other than event_type and
// data.
type EventHeader struct {
	Time   int64                      // the frame's "time", Unix seconds
	SelfID int64                      // the frame's "self_id"
	Extra  map[string]json.RawMessage // unknown frame keys, kept for re-encoding
}

// GroupDisbandEventData is the data of GroupDisbandEvent (Milky 1.3).
type GroupDisbandEventData struct {
	GroupID    int64                      `json:"group_id"`
	OperatorID int64                      `json:"operator_id"`
	Extra      map[string]json.RawMessage `json:"-"` // unknown keys, kept for re-encoding
}

// UnknownEvent is an event whose event_type this package does not know
// (typically one added by a later Milky version). It is delivered, never
// reported as an error, and encodes back to the same JSON value.
type UnknownEvent struct {
	Header EventHeader
	Type   string          // the frame's event_type
	Data   json.RawMessage // the frame's data, as received (nil if absent)
}

// EventType returns the frame's event_type.
func (e *UnknownEvent) EventType() string { return e.Type }

// Time returns the event's Unix time in seconds.
func (e *UnknownEvent) Time() int64 { return e.Header.Time }

// SelfID returns the bot's QQ number.
func (e *UnknownEvent) SelfID() int64 { return e.Header.SelfID }

func (*UnknownEvent) isEvent() {}

// MarshalJSON encodes the whole event frame.
func (e *UnknownEvent) MarshalJSON() ([]byte, error) {
	var data any
	if e.Data != nil {
		data = e.Data
	}
	return marshalFrame(e.Type, &e.Header, data)
}

// ParseEvent decodes one event frame (a WebSocket message, an SSE data
// payload or a webhook body). It reads event_type first and decodes data
// straight into the matching type; an unknown event_type gives an
// *UnknownEvent, not an error. A frame that is not a JSON object, lacks
// event_type, or whose data does not fit its event type gives a
// *DecodeError.
func ParseEvent(frame []byte) (Event, error) {
	var f rawFrame
	if err := f.scan(frame); err != nil {
		return nil, &DecodeError{Body: truncate(frame), Err: err}
	}
	if f.typ == nil {
		return nil, &DecodeError{Body: truncate(frame), Err: errors.New("frame has no event_type")}
	}
	typ, err := unquote(f.typ)
	if err != nil {
		return nil, &DecodeError{Body: truncate(frame), Err: fmt.Errorf("event_type: %w", err)}
	}
	var h EventHeader
	if err := f.header(&h); err != nil {
		return nil, &DecodeError{Body: truncate(frame), Err: err}
	}
	ev, data := newEvent(typ)
	if ev == nil {
		u := &UnknownEvent{Header: h, Type: typ}
		if f.data != nil {
			if !json.Valid(f.data) {
				return nil, &DecodeError{Body: truncate(frame), Err: errors.New("data is not valid JSON")}
			}
			u.Data = cloneRaw(f.data)
		}
		return u, nil
	}
	*headerOf(ev) = h
	if f.data == nil {
		return nil, &DecodeError{Body: truncate(frame), Err: fmt.Errorf("%s event has no data", typ)}
	}
	if err := decodeData(f.data, data); err != nil {
		return nil, &DecodeError{Body: truncate(frame), Err: fmt.Errorf("%s data: %w", typ, err)}
	}
	return ev, nil
}

// decodeData decodes an event's data object into v.
func decodeData(b []byte, v any) error {
	if bytes.Equal(b, []byte("null")) {
		return errors.New("data is null")
	}
	if u, ok := v.(json.Unmarshaler); ok {
		// The type's own decoder checks the bytes it reads; skipping
		// encoding/json's extra validation pass matters on the hot path.
		return u.UnmarshalJSON(b)
	}
	return json.Unmarshal(b, v)
}

// rawFrame is an event frame split into its top-level members without
// decoding them.
type rawFrame struct {
	time, selfID, typ, data []byte
	extra                   map[string]json.RawMessage
}

func (f *rawFrame) scan(b []byte) error {
	return scanObject(b, func(key, val []byte) error {
		switch string(key) {
		case "time":
			f.time = val
		case "self_id":
			f.selfID = val
		case "event_type":
			f.typ = val
		case "data":
			f.data = val
		default:
			if !json.Valid(val) {
				return fmt.Errorf("invalid JSON value for key %q", key)
			}
			if f.extra == nil {
				f.extra = make(map[string]json.RawMessage)
			}
			f.extra[string(key)] = cloneRaw(val)
		}
		return nil
	})
}

func (f *rawFrame) header(h *EventHeader) error {
	h.Extra = f.extra
	if err := headerInt(&h.Time, &h.Extra, "time", f.time); err != nil {
		return err
	}
	return headerInt(&h.SelfID, &h.Extra, "self_id", f.selfID)
}

// headerInt decodes a frame integer. A value not written as a plain JSON
// integer (a numeric string) is also kept in extra under its key, and
// written back as it was while the field keeps its value.
func headerInt(p *int64, extra *map[string]json.RawMessage, key string, raw []byte) error {
	if raw == nil {
		return nil
	}
	n, err := parseInt(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	*p = n
	if string(strconv.AppendInt(nil, n, 10)) != string(raw) {
		if *extra == nil {
			*extra = make(map[string]json.RawMessage, 1)
		}
		(*extra)[key] = cloneRaw(raw)
	}
	return nil
}

// appendHeaderInt writes a frame integer, or its raw non-canonical form
// kept in extra when it still denotes the same value.
func appendHeaderInt(buf []byte, n int64, extra map[string]json.RawMessage, key string) []byte {
	if raw, ok := extra[key]; ok {
		if m, err := parseInt(raw); err == nil && m == n {
			return append(buf, raw...)
		}
	}
	return strconv.AppendInt(buf, n, 10)
}

// parseInt reads a JSON integer, or a string holding one (implementations
// are not consistent).
func parseInt(b []byte) (int64, error) {
	if len(b) > 0 && b[0] == '"' {
		s, err := unquote(b)
		if err != nil {
			return 0, err
		}
		b = []byte(s)
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("not an integer: %s", b)
	}
	return n, nil
}

// unquote decodes a JSON string.
func unquote(b []byte) (string, error) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", fmt.Errorf("not a string: %s", b)
	}
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b[1 : len(b)-1]), nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return "", err
	}
	return s, nil
}

// marshalFrame encodes an event frame. data may be a json.RawMessage or any
// value encoding/json can encode; nil omits the data key.
func marshalFrame(typ string, h *EventHeader, data any) ([]byte, error) {
	buf := make([]byte, 0, 256)
	buf = append(buf, `{"time":`...)
	buf = appendHeaderInt(buf, h.Time, h.Extra, "time")
	buf = append(buf, `,"self_id":`...)
	buf = appendHeaderInt(buf, h.SelfID, h.Extra, "self_id")
	buf = append(buf, `,"event_type":`...)
	t, err := json.Marshal(typ)
	if err != nil {
		return nil, err
	}
	buf = append(buf, t...)
	if data != nil {
		var d []byte
		if m, ok := data.(json.Marshaler); ok {
			d, err = m.MarshalJSON() // the package's own encoders write valid, compact JSON
		} else {
			d, err = json.Marshal(data)
		}
		if err != nil {
			return nil, err
		}
		buf = append(buf, `,"data":`...)
		buf = append(buf, d...)
	}
	buf, err = appendExtra(buf, h.Extra, "time", "self_id", "event_type", "data")
	if err != nil {
		return nil, err
	}
	return append(buf, '}'), nil
}

// appendExtra appends ,"key":value for each extra key (sorted), skipping
// the given known keys.
func appendExtra(buf []byte, extra map[string]json.RawMessage, known ...string) ([]byte, error) {
	if len(extra) == 0 {
		return buf, nil
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := extra[k]
		if !json.Valid(v) {
			return nil, fmt.Errorf("milky: extra key %q holds invalid JSON", k)
		}
		kb, _ := json.Marshal(k)
		buf = append(buf, ',')
		buf = append(buf, kb...)
		buf = append(buf, ':')
		buf = append(buf, v...)
	}
	return buf, nil
}

// unmarshalFrame decodes a frame into a known event type; its event_type
// must be typ.
func unmarshalFrame(b []byte, typ string, h *EventHeader, data any) error {
	var f rawFrame
	if err := f.scan(b); err != nil {
		return &DecodeError{Body: truncate(b), Err: err}
	}
	if f.typ != nil {
		got, err := unquote(f.typ)
		if err != nil {
			return &DecodeError{Body: truncate(b), Err: fmt.Errorf("event_type: %w", err)}
		}
		if got != typ {
			return &DecodeError{Body: truncate(b), Err: fmt.Errorf("event_type is %q, want %q", got, typ)}
		}
	}
	if err := f.header(h); err != nil {
		return &DecodeError{Body: truncate(b), Err: err}
	}
	if f.data == nil {
		return &DecodeError{Body: truncate(b), Err: fmt.Errorf("%s event has no data", typ)}
	}
	if err := decodeData(f.data, data); err != nil {
		return &DecodeError{Body: truncate(b), Err: fmt.Errorf("%s data: %w", typ, err)}
	}
	return nil
}
