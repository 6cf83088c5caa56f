package onebot11

//go:generate go run github.com/duobot/duobot/internal/handlergen/cmd/handlergen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// ActionHandler serves OneBot 11 actions on the implementation side.
//
// params is the JSON params object of the request (never nil: "{}" when the
// request carried none; HTTP query and form values arrive as JSON strings,
// which the typed registrations coerce to the declared types). data is the
// JSON of the response's "data" member; nil means null.
//
// A returned error becomes a failed response: an *APIError (or an error
// wrapping one) keeps its retcode, message and wording; an error matching
// ErrBadRequest is retcode 1400 (HTTP 400), ErrUnknownAction retcode 1404
// (HTTP 404); any other error is retcode 100 (RetcodeFailed) with the error
// text as message. See ErrorResponse.
type ActionHandler interface {
	HandleAction(ctx context.Context, action string, params []byte) (data json.RawMessage, err error)
}

// ActionHandlerFunc adapts a function to ActionHandler.
type ActionHandlerFunc func(ctx context.Context, action string, params []byte) (json.RawMessage, error)

// HandleAction calls f.
func (f ActionHandlerFunc) HandleAction(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
	return f(ctx, action, params)
}

// RetcodeFailed is the retcode a server answers for a handler error that
// carries no retcode of its own (go-cqhttp's convention for "the operation
// failed").
const RetcodeFailed = 100

// Action suffixes the server handles for every registered action.
const (
	// SuffixAsync runs the action in the background and answers at once
	// with status "async".
	SuffixAsync = "_async"
	// SuffixRateLimited queues the action behind the server's rate limiter
	// and answers at once with status "async".
	SuffixRateLimited = "_rate_limited"
)

// ParamsError reports params that do not decode into the action's params
// type. It matches ErrBadRequest, so the server answers retcode 1400 / HTTP
// 400.
type ParamsError struct {
	Action string
	Err    error
}

// Error names the action and the decoding failure.
func (e *ParamsError) Error() string {
	if e.Action == "" {
		return "onebot11: bad request: " + e.Err.Error()
	}
	return "onebot11: " + e.Action + ": bad params: " + e.Err.Error()
}

// Unwrap returns the decoding error.
func (e *ParamsError) Unwrap() error { return e.Err }

// Is matches ErrBadRequest.
func (e *ParamsError) Is(target error) bool { return target == ErrBadRequest }

// ServeMux routes actions to handlers. Every action of the Client has a typed
// registration method (HandleSendGroupMsg, HandleGetGroupList, ...) whose
// handler has the signature of the Client method: it receives the decoded
// params (never nil) and returns the result (object actions: a pointer, nil
// meaning null data; list actions: the slice, nil meaning []; no-data
// actions: only an error). Handle registers any other action by name, and
// HandleFallback a handler for every action not registered.
//
// When ".handle_quick_operation" is not registered, the mux executes quick
// operations itself (see ServeMux.ExecQuickOperation) through the handlers
// registered for send_private_msg / send_group_msg, delete_msg,
// set_group_kick, set_group_ban, set_group_anonymous_ban,
// set_friend_add_request and set_group_add_request (or the fallback).
//
// A ServeMux is itself an ActionHandler (without the suffix handling, which
// needs the Server's background lifetime). It is safe for concurrent use;
// registrations may change while serving.
type ServeMux struct {
	mu       sync.RWMutex
	handlers map[string]ActionHandler
	fallback ActionHandler
}

// NewServeMux returns an empty mux.
func NewServeMux() *ServeMux {
	return &ServeMux{handlers: map[string]ActionHandler{}}
}

// Handle registers h for action (the wire name, e.g. "send_group_msg"),
// replacing any earlier registration; a nil h removes it.
func (m *ServeMux) Handle(action string, h ActionHandler) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.handlers == nil {
		m.handlers = map[string]ActionHandler{}
	}
	if h == nil {
		delete(m.handlers, action)
		return
	}
	m.handlers[action] = h
}

// HandleFunc registers f for action.
func (m *ServeMux) HandleFunc(action string, f func(ctx context.Context, action string, params []byte) (json.RawMessage, error)) {
	m.Handle(action, ActionHandlerFunc(f))
}

// HandleFallback registers h for every action that has no handler of its
// own (suffixed names of unregistered actions included, as sent). nil
// removes it: unknown actions are then answered retcode 1404 / HTTP 404.
func (m *ServeMux) HandleFallback(h ActionHandler) {
	m.mu.Lock()
	m.fallback = h
	m.mu.Unlock()
}

// Actions returns the registered action names, sorted.
func (m *ServeMux) Actions() []string {
	m.mu.RLock()
	out := make([]string, 0, len(m.handlers))
	for a := range m.handlers {
		out = append(out, a)
	}
	m.mu.RUnlock()
	sort.Strings(out)
	return out
}

// lookup returns the handler registered for exactly action.
func (m *ServeMux) lookup(action string) (ActionHandler, bool) {
	m.mu.RLock()
	h, ok := m.handlers[action]
	m.mu.RUnlock()
	return h, ok
}

// resolve finds the handler of a request for action: an exact registration,
// then (for a suffixed name) the registration of the base action with the
// suffix's mode, then the built-in quick-operation executor, then the
// fallback. ok is false for an unknown action.
func (m *ServeMux) resolve(action string) (h ActionHandler, base, suffix string, ok bool) {
	if h, ok := m.lookup(action); ok {
		return h, action, "", true
	}
	for _, sfx := range [...]string{SuffixAsync, SuffixRateLimited} {
		if b, cut := strings.CutSuffix(action, sfx); cut && b != "" {
			if h, ok := m.lookup(b); ok {
				return h, b, sfx, true
			}
			if b == ActionHandleQuickOperation {
				return quickOpHandler{m}, b, sfx, true
			}
		}
	}
	if action == ActionHandleQuickOperation {
		return quickOpHandler{m}, action, "", true
	}
	m.mu.RLock()
	fb := m.fallback
	m.mu.RUnlock()
	if fb != nil {
		return fb, action, "", true
	}
	return nil, action, "", false
}

// HandleAction serves action with its handler (an exact registration, the
// built-in quick-operation executor, or the fallback). An unknown action is
// an error matching ErrUnknownAction. Suffixes are not interpreted here.
func (m *ServeMux) HandleAction(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
	h, ok := m.lookup(action)
	if !ok {
		if action == ActionHandleQuickOperation {
			h, ok = quickOpHandler{m}, true
		} else {
			m.mu.RLock()
			h = m.fallback
			m.mu.RUnlock()
			ok = h != nil
		}
	}
	if !ok {
		return nil, unknownAction(action)
	}
	if len(params) == 0 {
		params = emptyObject
	}
	return h.HandleAction(ctx, action, params)
}

var emptyObject = []byte("{}")

func unknownAction(action string) error {
	return &APIError{Action: action, Status: "failed", Retcode: RetcodeUnknownAction,
		Message: "unknown action: " + action, Wording: "unknown action: " + action}
}

// preparer is implemented by the typed handlers: decode the params now (so a
// bad request is answered at once, also for _async calls) and run later.
type preparer interface {
	prepare(action string, params []byte) (func(ctx context.Context) (json.RawMessage, error), error)
}

// typed is the ActionHandler behind every typed registration.
type typed[P any] struct {
	run func(ctx context.Context, p *P) (json.RawMessage, error)
}

func (h typed[P]) decode(action string, params []byte) (*P, error) {
	p := new(P)
	if len(params) == 0 || isNull(params) {
		return p, nil
	}
	var err error
	if u, ok := any(p).(json.Unmarshaler); ok {
		err = u.UnmarshalJSON(params)
	} else {
		err = json.Unmarshal(params, p)
	}
	if err != nil {
		return nil, &ParamsError{Action: action, Err: err}
	}
	return p, nil
}

func (h typed[P]) HandleAction(ctx context.Context, action string, params []byte) (json.RawMessage, error) {
	p, err := h.decode(action, params)
	if err != nil {
		return nil, err
	}
	return h.run(ctx, p)
}

func (h typed[P]) prepare(action string, params []byte) (func(ctx context.Context) (json.RawMessage, error), error) {
	p, err := h.decode(action, params)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) (json.RawMessage, error) { return h.run(ctx, p) }, nil
}

// encodeValue encodes v with its own MarshalJSON when it has one (the
// generated encoders write compact JSON), else with encoding/json.
func encodeValue(v any) ([]byte, error) {
	if m, ok := v.(json.Marshaler); ok {
		return m.MarshalJSON()
	}
	return json.Marshal(v)
}

// resultHandler adapts a handler of an action whose data is an object.
func resultHandler[P, R any](h func(ctx context.Context, p *P) (*R, error)) ActionHandler {
	return typed[P]{run: func(ctx context.Context, p *P) (json.RawMessage, error) {
		r, err := h(ctx, p)
		if err != nil || r == nil {
			return nil, err
		}
		b, err := encodeValue(r)
		if err != nil {
			return nil, fmt.Errorf("onebot11: encoding result: %w", err)
		}
		return b, nil
	}}
}

// listHandler adapts a handler of an action whose data is an array.
func listHandler[P, T any](h func(ctx context.Context, p *P) ([]T, error)) ActionHandler {
	return typed[P]{run: func(ctx context.Context, p *P) (json.RawMessage, error) {
		list, err := h(ctx, p)
		if err != nil {
			return nil, err
		}
		b := make([]byte, 0, 64*len(list)+2)
		b = append(b, '[')
		for i := range list {
			if i > 0 {
				b = append(b, ',')
			}
			e, err := encodeValue(&list[i])
			if err != nil {
				return nil, fmt.Errorf("onebot11: encoding result element %d: %w", i, err)
			}
			b = append(b, e...)
		}
		return append(b, ']'), nil
	}}
}

// noneHandler adapts a handler of an action that returns no data.
func noneHandler[P any](h func(ctx context.Context, p *P) error) ActionHandler {
	return typed[P]{run: func(ctx context.Context, p *P) (json.RawMessage, error) {
		return nil, h(ctx, p)
	}}
}

// ErrorResponse maps a handler error to the failed response a server
// answers: the HTTP status (200 unless the retcode is 1400, 1401, 1403 or
// 1404), the retcode, message and wording.
//
//   - an *APIError in err's chain keeps its retcode, message and wording
//     (an empty message takes the wording and the other way round);
//   - an error matching ErrBadRequest is 1400, ErrUnauthorized 1401,
//     ErrForbidden 1403, ErrUnknownAction 1404, with err's text;
//   - anything else is RetcodeFailed (100) with err's text.
func ErrorResponse(err error) (httpStatus, retcode int, message, wording string) {
	var ae *APIError
	switch {
	case errors.As(err, &ae):
		retcode, message, wording = ae.Retcode, ae.Message, ae.Wording
		if message == "" {
			message = wording
		}
		if wording == "" {
			wording = message
		}
		if retcode == RetcodeOK || retcode == RetcodeAsync {
			retcode = RetcodeFailed
		}
	case errors.Is(err, ErrBadRequest):
		retcode = RetcodeBadRequest
	case errors.Is(err, ErrUnknownAction):
		retcode = RetcodeUnknownAction
	case errors.Is(err, ErrUnauthorized):
		retcode = RetcodeUnauthorized
	case errors.Is(err, ErrForbidden):
		retcode = RetcodeForbidden
	default:
		retcode = RetcodeFailed
	}
	if ae == nil {
		message = err.Error()
		wording = message
	}
	httpStatus = 200
	switch retcode {
	case RetcodeBadRequest, RetcodeUnauthorized, RetcodeForbidden, RetcodeUnknownAction:
		httpStatus = retcode - 1000
	}
	return httpStatus, retcode, message, wording
}
