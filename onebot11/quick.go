package onebot11

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// QuickOperation is a quick operation answering an event (the standard's
// api/hidden.md and communication/http-post.md): *QuickReply for message
// events, *QuickApprove for request events. A handler sets one with
// SetQuickOperation; the Bot performs it after the handler returns nil: as
// the HTTP reply body in webhook mode, with .handle_quick_operation in every
// other mode.
type QuickOperation interface {
	json.Marshaler
	isQuickOperation()
}

// QuickReply answers a message event.
type QuickReply struct {
	// Reply is sent to the event's conversation; empty sends nothing.
	Reply Message `json:"reply,omitempty"`
	// AutoEscape sends a string-format Reply as plain text.
	AutoEscape bool `json:"auto_escape,omitempty"`
	// AtSender mentions the sender before Reply (group messages). It is
	// always sent: the standard's default when it is absent is true.
	AtSender bool `json:"at_sender"`
	// Delete recalls the message (group messages).
	Delete bool `json:"delete,omitempty"`
	// Kick removes the sender from the group (group messages).
	Kick bool `json:"kick,omitempty"`
	// Ban mutes the sender (group messages) for BanDuration seconds (0:
	// the implementation's default, 30 minutes).
	Ban         bool  `json:"ban,omitempty"`
	BanDuration int64 `json:"ban_duration,omitempty"`
	// Extra holds members this type does not declare, written back on
	// encode.
	Extra map[string]json.RawMessage `json:"-"`
}

// QuickApprove answers a friend or group request event.
type QuickApprove struct {
	// Approve accepts (true) or rejects (false) the request; always sent.
	Approve bool `json:"approve"`
	// Remark names the new friend (friend requests).
	Remark string `json:"remark,omitempty"`
	// Reason is the rejection reason (group requests).
	Reason string `json:"reason,omitempty"`
	// Extra holds members this type does not declare, written back on
	// encode.
	Extra map[string]json.RawMessage `json:"-"`
}

func (*QuickReply) isQuickOperation()   {}
func (*QuickApprove) isQuickOperation() {}

// MarshalJSON writes the operation's members and Extra.
func (q *QuickReply) MarshalJSON() ([]byte, error) {
	var w objWriter
	if len(q.Reply) > 0 {
		w.field("reply", q.Reply)
	}
	if q.AutoEscape {
		w.field("auto_escape", true)
	}
	w.field("at_sender", q.AtSender)
	if q.Delete {
		w.field("delete", true)
	}
	if q.Kick {
		w.field("kick", true)
	}
	if q.Ban {
		w.field("ban", true)
	}
	if q.BanDuration != 0 {
		w.field("ban_duration", q.BanDuration)
	}
	return w.finish(q.Extra)
}

// UnmarshalJSON reads the operation; unknown members land in Extra.
func (q *QuickReply) UnmarshalJSON(b []byte) error {
	m, err := objMembers(b)
	if err != nil {
		return fmt.Errorf("onebot11: QuickReply: %w", err)
	}
	*q = QuickReply{}
	fields := []struct {
		key string
		dst any
	}{
		{"reply", &q.Reply}, {"auto_escape", &q.AutoEscape}, {"at_sender", &q.AtSender},
		{"delete", &q.Delete}, {"kick", &q.Kick}, {"ban", &q.Ban}, {"ban_duration", &q.BanDuration},
	}
	for _, f := range fields {
		if err := takeMember(m, f.key, f.dst); err != nil {
			return fmt.Errorf("onebot11: QuickReply: %w", err)
		}
	}
	if len(m) > 0 {
		q.Extra = m
	}
	return nil
}

// MarshalJSON writes the operation's members and Extra.
func (q *QuickApprove) MarshalJSON() ([]byte, error) {
	var w objWriter
	w.field("approve", q.Approve)
	if q.Remark != "" {
		w.field("remark", q.Remark)
	}
	if q.Reason != "" {
		w.field("reason", q.Reason)
	}
	return w.finish(q.Extra)
}

// UnmarshalJSON reads the operation; unknown members land in Extra.
func (q *QuickApprove) UnmarshalJSON(b []byte) error {
	m, err := objMembers(b)
	if err != nil {
		return fmt.Errorf("onebot11: QuickApprove: %w", err)
	}
	*q = QuickApprove{}
	for key, dst := range map[string]any{"approve": &q.Approve, "remark": &q.Remark, "reason": &q.Reason} {
		if err := takeMember(m, key, dst); err != nil {
			return fmt.Errorf("onebot11: QuickApprove: %w", err)
		}
	}
	if len(m) > 0 {
		q.Extra = m
	}
	return nil
}

// SetQuickOperation records op as the quick operation answering the event
// of a handler's context; a later call replaces an earlier one, a nil op
// clears it. It fails with ErrNotHandling when ctx is not a handler's
// context or the handler has already returned.
func SetQuickOperation(ctx context.Context, op QuickOperation) error {
	st := stateFrom(ctx)
	if st == nil {
		return ErrNotHandling
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.done {
		return fmt.Errorf("%w: the handler has returned", ErrNotHandling)
	}
	st.quick = op
	return nil
}

// objWriter writes a JSON object member by member.
type objWriter struct {
	buf  bytes.Buffer
	keys map[string]bool
	err  error
}

func (w *objWriter) raw(key string, v []byte) {
	if w.buf.Len() == 0 {
		w.buf.WriteByte('{')
	} else {
		w.buf.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	w.buf.Write(k)
	w.buf.WriteByte(':')
	w.buf.Write(v)
	if w.keys == nil {
		w.keys = map[string]bool{}
	}
	w.keys[key] = true
}

func (w *objWriter) field(key string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		w.err = errors.Join(w.err, fmt.Errorf("%s: %w", key, err))
		return
	}
	w.raw(key, b)
}

func (w *objWriter) finish(extra map[string]json.RawMessage) ([]byte, error) {
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !w.keys[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !json.Valid(extra[k]) {
			w.err = errors.Join(w.err, fmt.Errorf("Extra[%q]: invalid JSON", k))
			continue
		}
		w.raw(k, extra[k])
	}
	if w.err != nil {
		return nil, w.err
	}
	if w.buf.Len() == 0 {
		return []byte("{}"), nil
	}
	w.buf.WriteByte('}')
	return w.buf.Bytes(), nil
}

func objMembers(b []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("not an object")
	}
	return m, nil
}

// takeMember decodes m[key] into dst and removes it from m.
func takeMember(m map[string]json.RawMessage, key string, dst any) error {
	v, ok := m[key]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(v, dst); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	delete(m, key)
	return nil
}
