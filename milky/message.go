package milky

import (
	"encoding/json"
	"fmt"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/segment"
)

// Message scenes: the message_scene of an [IncomingMessage] and of the APIs
// and events that address a conversation.
const (
	SceneFriend = "friend" // a friend conversation; peer is the friend's QQ number
	SceneGroup  = "group"  // a group; peer is the group number
	SceneTemp   = "temp"   // a temporary session started through a group
)

// Enumerated string values of entity and event fields.
const (
	SexMale    = "male"
	SexFemale  = "female"
	SexUnknown = "unknown"

	RoleOwner  = "owner"
	RoleAdmin  = "admin"
	RoleMember = "member"

	StatePending  = "pending"
	StateAccepted = "accepted"
	StateRejected = "rejected"
	StateIgnored  = "ignored"

	ReactionFace  = "face"  // reaction is a QQ face ID
	ReactionEmoji = "emoji" // reaction is an emoji code point

	NotificationJoinRequest        = "join_request"
	NotificationAdminChange        = "admin_change"
	NotificationKick               = "kick"
	NotificationQuit               = "quit"
	NotificationInvitedJoinRequest = "invited_join_request"
)

// IncomingMessage is a received message (the data of message_receive, and
// the messages of GetMessage / GetHistoryMessages). On the wire it is a
// union on message_scene; here it is one struct whose scene-specific fields
// are set according to the scene:
//
//   - "friend": Friend (the sender).
//   - "group": Group and GroupMember (the group and the sender).
//   - "temp": Group, when the implementation knows through which group the
//     session was started (optional).
//
// A message of an unknown scene decodes the same way, its other fields
// kept in Extra, so nothing is lost on re-encoding.
type IncomingMessage struct {
	MessageScene string                     `json:"message_scene"` // SceneFriend, SceneGroup or SceneTemp
	PeerID       int64                      `json:"peer_id"`       // friend QQ number or group number
	MessageSeq   int64                      `json:"message_seq"`   // per-conversation sequence number
	SenderID     int64                      `json:"sender_id"`
	Time         int64                      `json:"time"` // Unix seconds
	Segments     IncomingSegments           `json:"segments"`
	Friend       *FriendEntity              `json:"friend,omitempty"`       // friend scene
	Group        *GroupEntity               `json:"group,omitempty"`        // group scene; temp scene (optional)
	GroupMember  *GroupMemberEntity         `json:"group_member,omitempty"` // group scene
	Extra        map[string]json.RawMessage `json:"-"`                      // unknown keys, kept for re-encoding
}

// IsFriend reports whether m is a friend (private) message.
func (m *IncomingMessage) IsFriend() bool { return m.MessageScene == SceneFriend }

// IsGroup reports whether m is a group message.
func (m *IncomingMessage) IsGroup() bool { return m.MessageScene == SceneGroup }

// IsTemp reports whether m is a temporary-session message.
func (m *IncomingMessage) IsTemp() bool { return m.MessageScene == SceneTemp }

// incomingFast is IncomingMessage with the decoder ParseEvent uses for
// message_receive: the generated one, except that the segment list is
// decoded straight from the frame (see decodeSegmentsFrom) instead of being
// delimited and validated by Reader.Raw first and then decoded again from a
// copy. TestIncomingFastMatchesGenerated keeps the two decoders equal.
type incomingFast struct{ m *IncomingMessage }

func (f incomingFast) encodeJSONGen(w *jsonx.Writer) { f.m.encodeJSONGen(w) }

func (f incomingFast) decodeJSONGen(r *jsonx.Reader) error {
	x := f.m
	if r.IsNull() {
		*x = IncomingMessage{}
		r.SetFlag()
		return nil
	}
	if err := r.BeginObject(); err != nil {
		return jsonx.WrapType("IncomingMessage", err)
	}
	x.Extra = nil
	for {
		key, more, err := r.NextKey()
		if err != nil {
			return jsonx.WrapType("IncomingMessage", err)
		}
		if !more {
			break
		}
		switch string(key) {
		case "message_scene":
			if err := jsonx.DecodeStringField(r, &x.MessageScene, &x.Extra, "message_scene", false); err != nil {
				return jsonx.WrapField("IncomingMessage", "message_scene", err)
			}
		case "peer_id":
			if err := jsonx.DecodeIntField(r, &x.PeerID, &x.Extra, "peer_id", false); err != nil {
				return jsonx.WrapField("IncomingMessage", "peer_id", err)
			}
		case "message_seq":
			if err := jsonx.DecodeIntField(r, &x.MessageSeq, &x.Extra, "message_seq", false); err != nil {
				return jsonx.WrapField("IncomingMessage", "message_seq", err)
			}
		case "sender_id":
			if err := jsonx.DecodeIntField(r, &x.SenderID, &x.Extra, "sender_id", false); err != nil {
				return jsonx.WrapField("IncomingMessage", "sender_id", err)
			}
		case "time":
			if err := jsonx.DecodeIntField(r, &x.Time, &x.Extra, "time", false); err != nil {
				return jsonx.WrapField("IncomingMessage", "time", err)
			}
		case "segments":
			if err := decodeSegmentsFrom(r, &x.Segments); err != nil {
				return jsonx.WrapField("IncomingMessage", "segments", err)
			}
		case "friend":
			start := r.Mark()
			if r.IsNull() {
				x.Friend = nil
			} else {
				p := new(FriendEntity)
				if err := p.decodeJSONGen(r); err != nil {
					return jsonx.WrapField("IncomingMessage", "friend", err)
				}
				x.Friend = p
			}
			r.Keep(&x.Extra, "friend", start, x.Friend == nil)
		case "group":
			start := r.Mark()
			if r.IsNull() {
				x.Group = nil
			} else {
				p := new(GroupEntity)
				if err := p.decodeJSONGen(r); err != nil {
					return jsonx.WrapField("IncomingMessage", "group", err)
				}
				x.Group = p
			}
			r.Keep(&x.Extra, "group", start, x.Group == nil)
		case "group_member":
			start := r.Mark()
			if r.IsNull() {
				x.GroupMember = nil
			} else {
				p := new(GroupMemberEntity)
				if err := p.decodeJSONGen(r); err != nil {
					return jsonx.WrapField("IncomingMessage", "group_member", err)
				}
				x.GroupMember = p
			}
			r.Keep(&x.Extra, "group_member", start, x.GroupMember == nil)
		default:
			raw, err := r.Raw()
			if err != nil {
				return jsonx.WrapField("IncomingMessage", string(key), err)
			}
			x.Extra = jsonx.Put(x.Extra, key, raw)
		}
	}
	r.ClearFlag()
	return nil
}

// decodeSegmentsFrom decodes the segment list that is r's next value, with
// the result of IncomingSegments.UnmarshalJSON. An array is read in place:
// the rest of the document is copied into one string (which the decoded
// segments share), segment.EachEnvelope validates each element while
// parsing its envelope and says where the array ends, and r is replaced by
// a Reader over what follows (positioned after a member, where ',' or '}'
// comes next). Anything else goes through UnmarshalJSON.
func decodeSegmentsFrom(r *jsonx.Reader, m *IncomingSegments) error {
	if r.Kind() != jsonx.Array {
		raw, err := r.Raw()
		if err != nil {
			return err
		}
		return m.UnmarshalJSON(raw)
	}
	data, start := r.Data(), r.Offset()
	s := string(data[start:])
	out := make(IncomingSegments, 0, 4)
	end, err := segment.EachEnvelope(s, func(raw string, env segment.Envelope, _ bool) {
		// env is zero (TypeOK false) for an element that is not an object.
		if env.TypeOK {
			if seg, ok := incomingRegistry.New(env.Type); ok {
				if d, ok := seg.(segment.Data); ok && segment.DecodeData(d, &env, 0) {
					out = append(out, seg)
					return
				}
			}
		}
		out = append(out, &UnknownIncomingSegment{Type: env.Type, Raw: json.RawMessage(raw)})
	})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSegments, err)
	}
	*m = out
	*r = jsonx.NewReader(data[start+end:])
	return nil
}
