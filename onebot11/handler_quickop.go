package onebot11

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// quickOperation is the quick operation of OneBot 11 (api/hidden.md): the
// reply to an event posted to a webhook, or the "operation" of a
// .handle_quick_operation call. Which members apply depends on the event:
// private message (reply, auto_escape), group message (reply, auto_escape,
// at_sender, delete, kick, ban, ban_duration), friend request (approve,
// remark), group request (approve, reason). Other members are ignored.
type quickOperation struct {
	Reply       json.RawMessage `json:"reply,omitempty"` // a message: string, segment array or one segment
	AutoEscape  bool            `json:"auto_escape,omitempty"`
	AtSender    *bool           `json:"at_sender,omitempty"` // default true
	Delete      bool            `json:"delete,omitempty"`
	Kick        bool            `json:"kick,omitempty"`
	Ban         bool            `json:"ban,omitempty"`
	BanDuration *int64          `json:"ban_duration,omitempty"` // seconds, default 1800
	Approve     *bool           `json:"approve,omitempty"`
	Remark      string          `json:"remark,omitempty"`
	Reason      string          `json:"reason,omitempty"`
}

// quickOpContext holds the members of the event a quick operation needs.
type quickOpContext struct {
	PostType    string         `json:"post_type"`
	MessageType string         `json:"message_type"`
	RequestType string         `json:"request_type"`
	SubType     string         `json:"sub_type"`
	MessageID   int64          `json:"message_id"`
	UserID      int64          `json:"user_id"`
	GroupID     int64          `json:"group_id"`
	Flag        string         `json:"flag"`
	Anonymous   *AnonymousInfo `json:"anonymous"`
}

// quickOpHandler is the built-in .handle_quick_operation: it executes the
// operation through the mux's own handlers.
type quickOpHandler struct{ m *ServeMux }

func (q quickOpHandler) HandleAction(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
	var p HandleQuickOperationParams
	if err := p.UnmarshalJSON(params); err != nil {
		return nil, &ParamsError{Action: action, Err: err}
	}
	return nil, q.m.execQuickOperation(ctx, p.Context, p.Operation)
}

func (q quickOpHandler) prepare(action string, params []byte) (func(ctx context.Context) (json.RawMessage, error), error) {
	var p HandleQuickOperationParams
	if err := p.UnmarshalJSON(params); err != nil {
		return nil, &ParamsError{Action: action, Err: err}
	}
	return func(ctx context.Context) (json.RawMessage, error) {
		return nil, q.m.execQuickOperation(ctx, p.Context, p.Operation)
	}, nil
}

// ExecQuickOperation executes a quick operation on event (the event's JSON)
// the way the server does for a webhook reply: through the registered
// ".handle_quick_operation" handler when there is one, else by the built-in
// executor calling the mux's handlers (see ServeMux). An empty or null
// operation does nothing.
func (m *ServeMux) ExecQuickOperation(ctx context.Context, event, operation []byte) error {
	if isNull(operation) {
		return nil
	}
	if h, ok := m.lookup(ActionHandleQuickOperation); ok {
		params, err := encodeValue(&HandleQuickOperationParams{Context: event, Operation: operation})
		if err != nil {
			return err
		}
		_, err = h.HandleAction(ctx, ActionHandleQuickOperation, params)
		return err
	}
	return m.execQuickOperation(ctx, event, operation)
}

func (m *ServeMux) execQuickOperation(ctx context.Context, event, operation []byte) error {
	if isNull(operation) {
		return nil
	}
	var op quickOperation
	if err := json.Unmarshal(operation, &op); err != nil {
		return &ParamsError{Action: ActionHandleQuickOperation, Err: fmt.Errorf("operation: %w", err)}
	}
	var ev quickOpContext
	if err := json.Unmarshal(event, &ev); err != nil {
		return &ParamsError{Action: ActionHandleQuickOperation, Err: fmt.Errorf("context: %w", err)}
	}
	switch ev.PostType {
	case PostTypeMessage:
		return m.quickMessage(ctx, &ev, &op)
	case PostTypeRequest:
		if op.Approve == nil {
			return nil
		}
		switch ev.RequestType {
		case "friend":
			return m.call(ctx, ActionSetFriendAddRequest, &SetFriendAddRequestParams{
				Flag: ev.Flag, Approve: *op.Approve, Remark: op.Remark})
		case "group":
			return m.call(ctx, ActionSetGroupAddRequest, &SetGroupAddRequestParams{
				Flag: ev.Flag, SubType: ev.SubType, Approve: *op.Approve, Reason: op.Reason})
		}
	}
	return nil
}

func (m *ServeMux) quickMessage(ctx context.Context, ev *quickOpContext, op *quickOperation) error {
	group := ev.MessageType == "group"
	var errs []error
	if len(op.Reply) > 0 && !isNull(op.Reply) {
		msg, err := quickReply(op.Reply, op.AutoEscape)
		if err != nil {
			return &ParamsError{Action: ActionHandleQuickOperation, Err: fmt.Errorf("reply: %w", err)}
		}
		if group {
			if (op.AtSender == nil || *op.AtSender) && ev.UserID != 0 {
				at := Message{&AtSegment{QQ: strconv.FormatInt(ev.UserID, 10)}, &TextSegment{Text: " "}}
				msg = append(at, msg...)
			}
			errs = append(errs, m.call(ctx, ActionSendGroupMsg, &SendGroupMsgParams{GroupID: ev.GroupID, Message: msg}))
		} else {
			errs = append(errs, m.call(ctx, ActionSendPrivateMsg, &SendPrivateMsgParams{UserID: ev.UserID, Message: msg}))
		}
	}
	if !group {
		return errors.Join(errs...)
	}
	if op.Delete {
		errs = append(errs, m.call(ctx, ActionDeleteMsg, &DeleteMsgParams{MessageID: ev.MessageID}))
	}
	if op.Kick {
		errs = append(errs, m.call(ctx, ActionSetGroupKick, &SetGroupKickParams{GroupID: ev.GroupID, UserID: ev.UserID}))
	}
	if op.Ban {
		d := int64(30 * 60)
		if op.BanDuration != nil {
			d = *op.BanDuration
		}
		if ev.Anonymous != nil {
			errs = append(errs, m.call(ctx, ActionSetGroupAnonymousBan, &SetGroupAnonymousBanParams{
				GroupID: ev.GroupID, Anonymous: ev.Anonymous, Duration: d}))
		} else {
			errs = append(errs, m.call(ctx, ActionSetGroupBan, &SetGroupBanParams{GroupID: ev.GroupID, UserID: ev.UserID, Duration: d}))
		}
	}
	return errors.Join(errs...)
}

// quickReply turns a reply member into a message: a string is CQ code (or
// plain text with auto_escape), an array is segments, an object is one
// segment.
func quickReply(raw json.RawMessage, autoEscape bool) (Message, error) {
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		if autoEscape {
			return Message{&TextSegment{Text: s}}, nil
		}
		return ParseCQ(s), nil
	}
	if raw[0] == '{' {
		// One segment object (api/README.md allows it for a message).
		raw = append(append([]byte{'['}, raw...), ']')
	}
	var msg Message
	if err := msg.UnmarshalJSON(raw); err != nil {
		return nil, err
	}
	return msg, nil
}

// call runs action through the mux with p encoded as its params.
func (m *ServeMux) call(ctx context.Context, action string, p any) error {
	params, err := encodeValue(p)
	if err != nil {
		return fmt.Errorf("onebot11: %s: encoding params: %w", action, err)
	}
	_, err = m.HandleAction(ctx, action, params)
	return err
}
