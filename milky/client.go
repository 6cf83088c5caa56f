package milky

//go:generate go run github.com/duobot/duobot/internal/jsongen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/transport"
)

// Client calls Milky APIs through a [transport.Caller] (for Milky, the HTTP
// caller posting to {base}/api/{name}). It is safe for concurrent use.
//
// Every API has a method named after it (send_group_message ->
// [Client.SendGroupMessage]): context first, then a *XxxParams for APIs that
// take input, returning a *XxxResult for APIs that have output and just an
// error for those that have none. [Client.Call] calls any API by name.
//
// Params follow the official schemas (@saltify/milky-types 1.2.2): required
// fields are plain fields, always sent. An optional field whose default is
// Go's zero value (no_cache, is_filtered, duration, ...) is a plain field
// too, sent as is: its zero value is the default. An optional field with
// another default (is_pinned = true, limit = 20, parent_folder_id = "/",
// ...) or with none (reason, start_message_seq, ...) is a pointer: nil
// leaves it out, so the implementation applies the default; set one with
// new(value), e.g. IsPinned: new(false).
type Client struct {
	caller transport.Caller
	logger *slog.Logger
}

// Option configures a [Client].
type Option func(*Client)

// WithLogger makes the client log failed calls at debug level. The client
// logs nothing without it.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) { c.logger = l }
}

// NewClient returns a client that performs calls through c.
func NewClient(c transport.Caller, opts ...Option) *Client {
	cl := &Client{caller: c}
	for _, o := range opts {
		o(cl)
	}
	return cl
}

// emptyParams is the body sent for APIs without input (Milky requires {}).
var emptyParams = []byte("{}")

// Call calls the API named api with params and decodes the response data
// into result.
//
// params may be nil (sent as {}), a []byte or json.RawMessage holding the
// JSON params object (sent as is), or any value encoding/json can marshal
// (a nil pointer is sent as {}); params that are not a JSON object are
// refused before anything is sent. result may be nil to discard the data;
// otherwise it must be a pointer that encoding/json (or the value's own
// UnmarshalJSON) can decode the data object into.
//
// A response with status "failed" (or a non-zero retcode) is returned as an
// [*APIError]; so is an HTTP 401, 404 or 415 (or any other non-2xx status),
// whatever its body. A response that cannot be decoded is a [*DecodeError].
// Transport failures are returned wrapped (match transport.ErrClosed or
// context errors with errors.Is).
func (c *Client) Call(ctx context.Context, api string, params any, result any) error {
	var body []byte
	switch p := params.(type) {
	case nil:
		body = emptyParams
	case json.RawMessage:
		body = p
	case []byte:
		body = p
	default:
		b, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("milky: %s: encoding params: %w", api, err)
		}
		if string(b) == "null" {
			b = emptyParams
		}
		body = b
	}
	if len(body) == 0 {
		body = emptyParams
	}
	if r := jsonx.NewReader(body); r.Kind() != jsonx.Object || !jsonx.Valid(body) {
		return fmt.Errorf("milky: %s: params are not a JSON object: %.100s", api, body)
	}
	return c.do(ctx, api, body, result)
}

// paramsOf turns a nil typed pointer into an untyped nil, so that the typed
// methods send {} for a nil params struct.
func paramsOf[T any](p *T) any {
	if p == nil {
		return nil
	}
	return p
}

func (c *Client) do(ctx context.Context, api string, body []byte, result any) error {
	resp, err := c.caller.Call(ctx, api, body)
	if err != nil {
		var se *transport.StatusError
		if errors.As(err, &se) {
			aerr := statusAPIError(api, se)
			c.logFailure(ctx, api, aerr)
			return aerr
		}
		return fmt.Errorf("milky: %s: %w", api, err)
	}
	if err := decodeResponse(api, resp, result); err != nil {
		c.logFailure(ctx, api, err)
		return err
	}
	return nil
}

func (c *Client) logFailure(ctx context.Context, api string, err error) {
	if c.logger != nil {
		c.logger.DebugContext(ctx, "milky API call failed", "api", api, "error", err)
	}
}

// envelope is the Milky response document {status, retcode, data,
// message}; the has* fields tell which members were present.
type envelope struct {
	status, message       string
	retcode               int64
	data                  []byte
	hasStatus, hasRetcode bool
	hasMessage            bool
}

// parseEnvelope reads a response document. Integers may be numeric strings
// and strings may be numbers, as for wire structs; unknown members are
// ignored.
func parseEnvelope(b []byte) (envelope, error) {
	var env envelope
	r := jsonx.NewReader(b)
	if err := r.BeginObject(); err != nil {
		return env, err
	}
	for {
		key, more, err := r.NextKey()
		if err != nil {
			return env, err
		}
		if !more {
			break
		}
		switch string(key) {
		case "status":
			env.hasStatus = true
			env.status, err = r.String()
		case "retcode":
			env.hasRetcode = true
			env.retcode, err = r.Int64()
		case "message":
			env.hasMessage = true
			env.message, err = r.String()
		case "data":
			env.data, err = r.Raw()
		default:
			err = r.Skip()
		}
		if err != nil {
			return env, fmt.Errorf("%s: %w", key, err)
		}
	}
	return env, r.End()
}

// Response status values.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

// generatedDecoder is implemented by the package's wire structs.
type generatedDecoder interface {
	decodeJSONGen(r *jsonx.Reader) error
}

func decodeResponse(api string, resp []byte, result any) error {
	env, err := parseEnvelope(resp)
	if err != nil {
		return &DecodeError{API: api, Body: truncate(resp), Err: fmt.Errorf("response is not a Milky envelope: %w", err)}
	}
	if !env.hasStatus && !env.hasRetcode {
		return &DecodeError{API: api, Body: truncate(resp), Err: errors.New("response has neither status nor retcode")}
	}
	switch {
	case env.status == StatusFailed || env.retcode != 0:
		return &APIError{API: api, Status: env.status, Retcode: int(env.retcode), Message: env.message}
	case env.status != StatusOK:
		return &DecodeError{API: api, Body: truncate(resp), Err: fmt.Errorf("unknown status %q", env.status)}
	}
	if result == nil {
		return nil
	}
	if env.data == nil || jsonx.IsNull(env.data) {
		return &DecodeError{API: api, Body: truncate(resp), Err: errors.New("successful response has no data")}
	}
	if d, ok := result.(generatedDecoder); ok {
		r := jsonx.NewReader(env.data)
		err = d.decodeJSONGen(&r)
	} else {
		err = json.Unmarshal(env.data, result)
	}
	if err != nil {
		return &DecodeError{API: api, Body: truncate(resp), Err: err}
	}
	return nil
}

// statusAPIError turns a non-2xx HTTP response into an APIError. Milky
// implementations answer 401, 404 and 415 with plain text (Lagrange.Milky)
// or with a JSON envelope (LuckyLilliaBot); both are understood.
func statusAPIError(api string, se *transport.StatusError) *APIError {
	e := &APIError{API: api, HTTPStatus: se.StatusCode, Err: se}
	if env, err := parseEnvelope(se.Body); err == nil && (env.hasStatus || env.hasRetcode || env.hasMessage) {
		e.Status, e.Retcode, e.Message = env.status, int(env.retcode), env.message
		return e
	}
	e.Message = string(truncate(se.Body))
	if e.Message == "" {
		e.Message = se.Status
	}
	return e
}

// maxErrorBody caps the response bytes kept in errors.
const maxErrorBody = 4096

func truncate(b []byte) []byte {
	if len(b) > maxErrorBody {
		b = b[:maxErrorBody]
	}
	return append([]byte(nil), b...)
}
