package milky

//go:generate go run handler_gen.go

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/duobot/duobot/internal/jsonx"
)

// RetcodeInternal is the retcode a [Server] answers with when a handler
// fails with an error that carries no retcode of its own (an error that is
// not an [*APIError], an *APIError whose Retcode is 0, or a panic). Milky
// leaves such codes to the implementation; -500 is what Yogurt uses.
const RetcodeInternal = -500

// APIHandler serves Milky API calls: the implementation side of
// [Client.Call]. params is the request body, a JSON object ({} for APIs
// without input). data is the JSON object for the response's "data" (nil
// means {}).
//
// A returned error becomes a failed response: an error matching
// [ErrUnknownAPI] (as a [ServeMux] returns for an API it has no handler
// for, or an upstream's HTTP 404) is answered with HTTP 404; an error
// wrapping any other [*APIError] keeps its Retcode and Message; any other
// error (and an APIError without a retcode, such as an upstream's HTTP 401)
// is retcode [RetcodeInternal] with the error's text as the message.
type APIHandler interface {
	ServeAPI(ctx context.Context, api string, params []byte) (data []byte, err error)
}

// APIHandlerFunc adapts a function to [APIHandler].
type APIHandlerFunc func(ctx context.Context, api string, params []byte) ([]byte, error)

// ServeAPI calls f.
func (f APIHandlerFunc) ServeAPI(ctx context.Context, api string, params []byte) ([]byte, error) {
	return f(ctx, api, params)
}

// ServeMux routes API calls by name to registered handlers. Register any
// API with [ServeMux.Handle], or every Milky 1.2 API with its typed method
// (HandleSendGroupMessage and so on, one per [Client] method, with the same
// params and result types). A call to an API with no handler fails with an
// [*APIError] matching [ErrUnknownAPI] (HTTP 404 from a [Server]), unless a
// fallback is set with [ServeMux.HandleDefault].
//
// The typed handlers receive decoded params (never nil: an API without
// input has no params argument); params that do not decode fail the call
// with retcode [RetcodeBadParams] before the handler runs. A typed handler
// of an API with output must return a non-nil result or an error.
//
// A ServeMux is safe for concurrent use; handlers may be registered while
// it serves.
type ServeMux struct {
	mu       sync.RWMutex
	handlers map[string]APIHandler
	fallback APIHandler
}

// NewServeMux returns an empty mux.
func NewServeMux() *ServeMux {
	return &ServeMux{handlers: make(map[string]APIHandler)}
}

// Handle registers h for the API named api, replacing any earlier handler.
// It panics if api is empty or h is nil.
func (m *ServeMux) Handle(api string, h APIHandler) {
	if api == "" || h == nil {
		panic("milky: ServeMux.Handle with an empty API name or a nil handler")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.handlers == nil {
		m.handlers = make(map[string]APIHandler)
	}
	m.handlers[api] = h
}

// HandleFunc registers f for the API named api.
func (m *ServeMux) HandleFunc(api string, f func(ctx context.Context, api string, params []byte) ([]byte, error)) {
	m.Handle(api, APIHandlerFunc(f))
}

// HandleDefault sets h to serve every API without a handler of its own
// (nil restores the 404 answer).
func (m *ServeMux) HandleDefault(h APIHandler) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.fallback = h
}

// Handler returns the handler serving api, or nil if there is none.
func (m *ServeMux) Handler(api string) APIHandler {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if h, ok := m.handlers[api]; ok {
		return h
	}
	return m.fallback
}

// ServeAPI dispatches the call to the handler registered for api.
func (m *ServeMux) ServeAPI(ctx context.Context, api string, params []byte) ([]byte, error) {
	h := m.Handler(api)
	if h == nil {
		return nil, &APIError{API: api, HTTPStatus: http.StatusNotFound, Message: "API not found"}
	}
	return h.ServeAPI(ctx, api, params)
}

// generatedEncoder is implemented by the package's wire structs.
type generatedEncoder interface {
	encodeJSONGen(w *jsonx.Writer)
}

// decodeParams decodes a request body into p, answering a failure with
// retcode -400.
func decodeParams(api string, body []byte, p any) error {
	if !isJSONObject(body) {
		return badParams(api, errors.New("params is not a JSON object"))
	}
	var err error
	if d, ok := p.(generatedDecoder); ok {
		r := jsonx.NewReader(body)
		if err = d.decodeJSONGen(&r); err == nil {
			err = r.End()
		}
	} else {
		err = json.Unmarshal(body, p)
	}
	if err != nil {
		return badParams(api, err)
	}
	return nil
}

// checkEmptyParams accepts any JSON object as the body of an API without
// input (its members are ignored).
func checkEmptyParams(api string, body []byte) error {
	if !isJSONObject(body) {
		return badParams(api, errors.New("params is not a JSON object"))
	}
	r := jsonx.NewReader(body)
	if err := r.Skip(); err != nil {
		return badParams(api, err)
	}
	if err := r.End(); err != nil {
		return badParams(api, err)
	}
	return nil
}

// isJSONObject reports whether body starts like a JSON object (the rest is
// checked by the decoder).
func isJSONObject(body []byte) bool {
	for _, c := range body {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{'
	}
	return false
}

func badParams(api string, err error) error {
	return &APIError{API: api, Status: StatusFailed, Retcode: RetcodeBadParams, Message: "bad params: " + err.Error(), Err: err}
}

// encodeResult encodes a handler's result as the response data.
func encodeResult[R any](api string, r *R) ([]byte, error) {
	if r == nil {
		return nil, fmt.Errorf("milky: %s: handler returned neither a result nor an error", api)
	}
	if e, ok := any(r).(generatedEncoder); ok {
		w := jsonx.GetWriter()
		defer jsonx.PutWriter(w)
		e.encodeJSONGen(w)
		b, err := w.Result()
		if err != nil {
			return nil, fmt.Errorf("milky: %s: encoding result: %w", api, err)
		}
		return b, nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("milky: %s: encoding result: %w", api, err)
	}
	return b, nil
}

// The four shapes of typed handlers, matching the four shapes of Client
// methods.

type handlerPR[P, R any] func(ctx context.Context, p *P) (*R, error)

func (f handlerPR[P, R]) ServeAPI(ctx context.Context, api string, params []byte) ([]byte, error) {
	p := new(P)
	if err := decodeParams(api, params, p); err != nil {
		return nil, err
	}
	r, err := f(ctx, p)
	if err != nil {
		return nil, err
	}
	return encodeResult(api, r)
}

type handlerP[P any] func(ctx context.Context, p *P) error

func (f handlerP[P]) ServeAPI(ctx context.Context, api string, params []byte) ([]byte, error) {
	p := new(P)
	if err := decodeParams(api, params, p); err != nil {
		return nil, err
	}
	return nil, f(ctx, p)
}

type handlerR[R any] func(ctx context.Context) (*R, error)

func (f handlerR[R]) ServeAPI(ctx context.Context, api string, params []byte) ([]byte, error) {
	if err := checkEmptyParams(api, params); err != nil {
		return nil, err
	}
	r, err := f(ctx)
	if err != nil {
		return nil, err
	}
	return encodeResult(api, r)
}

type handlerNone func(ctx context.Context) error

func (f handlerNone) ServeAPI(ctx context.Context, api string, params []byte) ([]byte, error) {
	if err := checkEmptyParams(api, params); err != nil {
		return nil, err
	}
	return nil, f(ctx)
}
