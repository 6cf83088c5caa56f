package milky

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// GroupNotification is one entry of GetGroupNotifications, a union on its
// "type" field: *GroupJoinRequestNotification,
// *GroupAdminChangeNotification, *GroupKickNotification,
// *GroupQuitNotification, *GroupInvitedJoinRequestNotification, or
// *UnknownGroupNotification for a type this package does not know (or an
// entry it could not decode), kept raw.
type GroupNotification interface {
	// NotificationType returns the wire "type".
	NotificationType() string
	isGroupNotification()
}

// NotificationType returns "join_request".
func (*GroupJoinRequestNotification) NotificationType() string { return NotificationJoinRequest }

// NotificationType returns "admin_change".
func (*GroupAdminChangeNotification) NotificationType() string { return NotificationAdminChange }

// NotificationType returns "kick".
func (*GroupKickNotification) NotificationType() string { return NotificationKick }

// NotificationType returns "quit".
func (*GroupQuitNotification) NotificationType() string { return NotificationQuit }

// NotificationType returns "invited_join_request".
func (*GroupInvitedJoinRequestNotification) NotificationType() string {
	return NotificationInvitedJoinRequest
}

func (*GroupJoinRequestNotification) isGroupNotification()        {}
func (*GroupAdminChangeNotification) isGroupNotification()        {}
func (*GroupKickNotification) isGroupNotification()               {}
func (*GroupQuitNotification) isGroupNotification()               {}
func (*GroupInvitedJoinRequestNotification) isGroupNotification() {}
func (*UnknownGroupNotification) isGroupNotification()            {}

// UnknownGroupNotification is a group notification of a type this package
// does not know, or one whose fields could not be decoded. Raw holds it
// exactly as received and is what it encodes back to.
type UnknownGroupNotification struct {
	Type string          // the "type" field, if it could be read
	Raw  json.RawMessage // the whole entry
	Err  error           // why a known type failed to decode; nil for an unknown type
}

// NotificationType returns the entry's "type".
func (n *UnknownGroupNotification) NotificationType() string { return n.Type }

// MarshalJSON returns Raw.
func (n *UnknownGroupNotification) MarshalJSON() ([]byte, error) {
	if len(n.Raw) == 0 {
		return []byte("null"), nil
	}
	return n.Raw, nil
}

// GroupNotifications is the notification list of GetGroupNotifications.
//
// Following Milky's forward-compatibility rule (unknown union members in
// arrays are skipped), entries of unknown type, and entries that fail to
// decode, do not fail the decoding: they are kept as
// *UnknownGroupNotification so that re-encoding loses nothing. [Known]
// returns the typed view without them.
type GroupNotifications []GroupNotification

// Known returns the entries of known type, in order.
func (l GroupNotifications) Known() []GroupNotification {
	out := make([]GroupNotification, 0, len(l))
	for _, n := range l {
		if _, ok := n.(*UnknownGroupNotification); !ok && n != nil {
			out = append(out, n)
		}
	}
	return out
}

// UnmarshalJSON decodes a JSON array of notifications.
func (l *GroupNotifications) UnmarshalJSON(b []byte) error {
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		return fmt.Errorf("milky: group notifications: %w", err)
	}
	if raws == nil {
		*l = nil
		return nil
	}
	out := make(GroupNotifications, 0, len(raws))
	for _, r := range raws {
		out = append(out, decodeGroupNotification(r))
	}
	*l = out
	return nil
}

// MarshalJSON encodes the list as a JSON array (nil as []).
func (l GroupNotifications) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i, n := range l {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, err := json.Marshal(n)
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte(']')
	return buf.Bytes(), nil
}

func decodeGroupNotification(raw json.RawMessage) GroupNotification {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return &UnknownGroupNotification{Raw: cloneRaw(raw), Err: err}
	}
	var n GroupNotification
	switch head.Type {
	case NotificationJoinRequest:
		n = new(GroupJoinRequestNotification)
	case NotificationAdminChange:
		n = new(GroupAdminChangeNotification)
	case NotificationKick:
		n = new(GroupKickNotification)
	case NotificationQuit:
		n = new(GroupQuitNotification)
	case NotificationInvitedJoinRequest:
		n = new(GroupInvitedJoinRequestNotification)
	default:
		return &UnknownGroupNotification{Type: head.Type, Raw: cloneRaw(raw)}
	}
	if err := json.Unmarshal(raw, n); err != nil {
		return &UnknownGroupNotification{Type: head.Type, Raw: cloneRaw(raw), Err: err}
	}
	return n
}
