package milky

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/duobot/duobot/internal/jsonx"
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
	return marshalFrame(e.Type, &e.Header, nil, e.Data)
}

// ParseEvent decodes one event frame (a WebSocket message, an SSE data
// payload or a webhook body) in one pass: data is decoded straight into the
// type event_type names (when data comes before event_type it is decoded
// once the type is known). An unknown event_type gives an *UnknownEvent,
// not an error. A frame that is not a JSON object, lacks event_type, or
// whose data does not fit its event type gives a *DecodeError.
func ParseEvent(frame []byte) (Event, error) {
	var ev Event
	h, typ, raw, err := readFrame(frame, func(typ string) (dataCodec, error) {
		e, data := newEvent(typ)
		ev = e
		return fastData(data), nil
	})
	if err != nil {
		if typ != "" {
			err = fmt.Errorf("%s event: %w", typ, err)
		}
		return nil, &DecodeError{Body: truncate(frame), Err: err}
	}
	if ev == nil {
		u := &UnknownEvent{Header: h, Type: typ}
		if raw != nil {
			u.Data = jsonx.Clone(raw)
		}
		return u, nil
	}
	*headerOf(ev) = h
	return ev, nil
}

// fastData returns the decoder used for an event's data: the generated one,
// or for a message the one that reads its segments in place (incomingFast).
func fastData(d dataCodec) dataCodec {
	if m, ok := d.(*IncomingMessage); ok {
		return incomingFast{m}
	}
	return d
}

// dataCodec is implemented by the generated code of every event data type
// (and IncomingMessage).
type dataCodec interface {
	decodeJSONGen(r *jsonx.Reader) error
	encodeJSONGen(w *jsonx.Writer)
}

// readFrame decodes an event frame's members: time and self_id into h (a
// value not written as a plain integer is also kept in h.Extra), unknown
// members into h.Extra, and data into the decoder pick returns for the
// event_type (decoded in place when event_type comes first, afterwards
// otherwise). When pick returns nil (an unknown type) the raw data member
// is returned instead (nil when absent).
func readFrame(frame []byte, pick func(typ string) (dataCodec, error)) (h EventHeader, typ string, rawData []byte, err error) {
	r := jsonx.NewReader(frame)
	if r.Kind() != jsonx.Object {
		return h, "", nil, errors.New("frame is not a JSON object")
	}
	if err := r.BeginObject(); err != nil {
		return h, "", nil, err
	}
	var (
		data                      dataCodec
		hasType, hasData, decoded bool
	)
	for {
		key, more, err := r.NextKey()
		if err != nil {
			return h, typ, nil, err
		}
		if !more {
			break
		}
		switch string(key) {
		case "time", "self_id":
			k, p := "time", &h.Time // constants: no string made of key
			if len(key) == len("self_id") {
				k, p = "self_id", &h.SelfID
			}
			start := r.Mark()
			n, err := r.Int64()
			if err != nil {
				return h, typ, nil, fmt.Errorf("%s: %w", k, err)
			}
			*p = n
			r.Keep(&h.Extra, k, start, false)
		case "event_type":
			if hasType {
				return h, typ, nil, errors.New("event_type appears twice")
			}
			if r.Kind() != jsonx.String {
				raw, _ := r.Raw()
				return h, "", nil, fmt.Errorf("event_type is not a string: %s", raw)
			}
			if typ, err = r.String(); err != nil {
				return h, "", nil, fmt.Errorf("event_type: %w", err)
			}
			hasType = true
			if data, err = pick(typ); err != nil {
				return h, typ, nil, err
			}
		case "data":
			if hasData {
				return h, typ, nil, errors.New("data appears twice")
			}
			hasData = true
			if hasType && data != nil {
				if err := decodeData(&r, data); err != nil {
					return h, typ, nil, err
				}
				decoded = true
				continue
			}
			if rawData, err = r.Raw(); err != nil {
				return h, typ, nil, fmt.Errorf("data: %w", err)
			}
		default:
			raw, err := r.Raw()
			if err != nil {
				return h, typ, nil, err
			}
			h.Extra = jsonx.Put(h.Extra, key, raw)
		}
	}
	if err := r.End(); err != nil {
		return h, typ, nil, err
	}
	switch {
	case !hasType:
		return h, "", nil, errors.New("frame has no event_type")
	case data == nil:
		return h, typ, rawData, nil
	case !hasData:
		return h, typ, nil, errors.New("event has no data")
	case !decoded:
		dr := jsonx.NewReader(rawData)
		if err := decodeData(&dr, data); err != nil {
			return h, typ, nil, err
		}
	}
	return h, typ, nil, nil
}

// decodeData decodes a frame's data member, which must be an object.
func decodeData(r *jsonx.Reader, data dataCodec) error {
	if r.IsNull() {
		return errors.New("data is null")
	}
	if err := data.decodeJSONGen(r); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	return nil
}

// marshalFrame encodes an event frame with data from the generated encoder
// (data non-nil) or raw (nil raw omits the data member).
func marshalFrame(typ string, h *EventHeader, data dataCodec, raw json.RawMessage) ([]byte, error) {
	w := jsonx.GetWriter()
	defer jsonx.PutWriter(w)
	w.Lit(`{"time":`)
	headerInt(w, h.Time, h.Extra, "time")
	w.Lit(`,"self_id":`)
	headerInt(w, h.SelfID, h.Extra, "self_id")
	w.Lit(`,"event_type":`)
	w.String(typ)
	switch {
	case data != nil:
		w.Lit(`,"data":`)
		data.encodeJSONGen(w)
	case raw != nil:
		w.Lit(`,"data":`)
		w.Raw(raw)
	}
	for _, k := range jsonx.SortedKeys(h.Extra) {
		switch k {
		case "time", "self_id", "event_type", "data":
			continue
		}
		w.Byte(',')
		w.String(k)
		w.Byte(':')
		w.Raw(h.Extra[k])
	}
	w.Byte('}')
	return w.Result()
}

// headerInt writes a frame integer, or its raw form kept in extra when that
// still denotes the same value.
func headerInt(w *jsonx.Writer, n int64, extra map[string]json.RawMessage, key string) {
	if raw, ok := extra[key]; ok && jsonx.SameInt(raw, n) {
		w.RawTrusted(raw)
		return
	}
	w.Int64(n)
}

// unmarshalFrame decodes a frame into a known event type; its event_type
// must be typ.
func unmarshalFrame(b []byte, typ string, h *EventHeader, data dataCodec) error {
	hdr, _, _, err := readFrame(b, func(got string) (dataCodec, error) {
		if got != typ {
			return nil, fmt.Errorf("event_type is %q, want %q", got, typ)
		}
		return fastData(data), nil
	})
	if err != nil {
		return &DecodeError{Body: truncate(b), Err: err}
	}
	*h = hdr
	return nil
}

func cloneRaw(b []byte) json.RawMessage { return jsonx.Clone(b) }
