package onebot11

//go:generate go run github.com/duobot/duobot/internal/jsongen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/transport"
)

// Client calls OneBot 11 actions over a transport.Caller (the HTTP caller or
// the WebSocket client of package transport). It has one method per action:
// the Go-cased wire name (send_group_msg -> SendGroupMsg; ".handle_quick_operation"
// -> HandleQuickOperation), and Call / CallRaw for any other action by name.
//
// Method conventions, the same for every action:
//   - The first argument is the context; the second is a *XxxParams, which
//     may be nil for actions whose parameters are all optional (nil is sent
//     as {}). Actions that take no parameters at all still have a Params type
//     (holding only Extra) so that every method has the same shape.
//   - Actions whose "data" is an object return *XxxResult (a zero XxxResult
//     when the data is null); actions whose data is an array return a slice of
//     the element type (e.g. GetGroupList returns []GroupInfo; nil when the
//     data is null); actions that return no data return only an error (use
//     CallRaw to see data an implementation sends anyway).
//   - Params fields are sent as the wire names them. Optional fields whose
//     zero value would be harmful to send carry omitempty; fields whose zero
//     value means something (duration 0 unmutes, enable/approve false) are
//     always sent; a few optional ids where 0 and absent differ are pointers.
//   - IDs are int64 and decode from numbers or numeric strings, negative
//     included; every params, result and entity struct keeps unknown keys in
//     Extra and writes them back, so re-encoding a result gives the JSON value
//     the implementation sent.
//   - A failure answered by the implementation is an *APIError (match with
//     errors.Is against ErrUnknownAction, ErrUnauthorized, ...); a "data" that
//     does not fit the result type is a *DecodeError; transport failures are
//     returned wrapped (transport.ErrClosed, context errors).
//
// A Client is safe for concurrent use. Async and RateLimited return views of
// the same client that send the "_async" / "_rate_limited" variants.
type Client struct {
	caller      transport.Caller
	logger      *slog.Logger
	callTimeout time.Duration
	suffix      string
}

// NewClient returns a client that sends its calls through c.
func NewClient(c transport.Caller, opts ...Option) *Client {
	cl := &Client{caller: c}
	for _, o := range opts {
		o(cl)
	}
	return cl
}

// Async returns a view of the client whose calls append "_async" to the
// action name: the implementation queues the action and answers at once with
// status "async" (retcode 1) and no data. On that view a successful call
// returns a nil result (or nil slice) and a nil error; failures are reported
// as usual. Implementations that ignore the suffix (go-cqhttp runs the action
// synchronously) answer "ok" with data, which is then decoded normally.
func (c *Client) Async() *Client {
	cp := *c
	cp.suffix = "_async"
	return &cp
}

// RateLimited returns a view of the client whose calls append "_rate_limited"
// to the action name: the implementation queues the action behind its rate
// limiter and answers "async" at once, like Async.
func (c *Client) RateLimited() *Client {
	cp := *c
	cp.suffix = "_rate_limited"
	return &cp
}

// Call calls action by name (the view's suffix is appended) with params and
// decodes the response's "data" into result. params may be nil (no
// parameters), a json.RawMessage or []byte holding the JSON params object, or
// any value encoding/json marshals to an object. result may be nil to discard
// the data; it is left untouched when the call is answered "async" or the
// data is null or absent.
func (c *Client) Call(ctx context.Context, action string, params any, result any) error {
	body, err := encodeParams(action, params)
	if err != nil {
		return err
	}
	data, _, err := c.do(ctx, action, body)
	if err != nil || result == nil || isNull(data) {
		return err
	}
	if err := unmarshal(data, result); err != nil {
		return &DecodeError{Action: c.fullName(action), Data: data, Err: err}
	}
	return nil
}

// CallRaw calls action by name (the view's suffix is appended) with params
// (as for Call) and returns the response's "data" as received: nil when the
// data is absent, "null" when it is null.
func (c *Client) CallRaw(ctx context.Context, action string, params any) (json.RawMessage, error) {
	body, err := encodeParams(action, params)
	if err != nil {
		return nil, err
	}
	data, _, err := c.do(ctx, action, body)
	if err != nil {
		return nil, err
	}
	return data, nil
}

func encodeParams(action string, params any) ([]byte, error) {
	switch p := params.(type) {
	case nil:
		return nil, nil
	case json.RawMessage:
		return p, nil
	case []byte:
		return p, nil
	}
	b, err := json.Marshal(params)
	if err != nil {
		return nil, errors.Join(errors.New("onebot11: "+action+": encoding params"), err)
	}
	return b, nil
}

func (c *Client) fullName(action string) string { return action + c.suffix }

// do performs one round trip and decodes the envelope. It returns the raw
// "data" and whether the status was "async".
func (c *Client) do(ctx context.Context, action string, params []byte) (json.RawMessage, bool, error) {
	name := c.fullName(action)
	if c.callTimeout > 0 {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, c.callTimeout)
			defer cancel()
		}
	}
	var start time.Time
	if c.logger != nil {
		start = time.Now()
	}
	data, async, err := c.roundTrip(ctx, name, params)
	if c.logger != nil {
		if err != nil {
			c.logger.LogAttrs(ctx, slog.LevelWarn, "onebot11 call failed", slog.String("action", name),
				slog.Duration("elapsed", time.Since(start)), slog.Any("error", err))
		} else {
			c.logger.LogAttrs(ctx, slog.LevelDebug, "onebot11 call", slog.String("action", name),
				slog.Duration("elapsed", time.Since(start)), slog.Bool("async", async))
		}
	}
	return data, async, err
}

func (c *Client) roundTrip(ctx context.Context, name string, params []byte) (json.RawMessage, bool, error) {
	resp, err := c.caller.Call(ctx, name, params)
	if err != nil {
		var se *transport.StatusError
		if errors.As(err, &se) {
			return nil, false, statusError(name, se, err)
		}
		return nil, false, err
	}
	env, err := decodeEnvelope(resp)
	if err != nil {
		return nil, false, &DecodeError{Action: name, Data: resp, Err: err}
	}
	status := env.Status
	if status == "" && env.HasRetcode {
		// No status: judge by the retcode alone (0 ok, 1 async).
		switch env.Retcode {
		case RetcodeOK:
			status = "ok"
		case RetcodeAsync:
			status = "async"
		}
	}
	switch status {
	case "ok":
		return env.Data, false, nil
	case "async":
		return env.Data, true, nil
	}
	return nil, false, env.apiError(name, 0)
}

// statusError turns a non-2xx HTTP answer into an *APIError: the body's
// envelope when it is one, else the status normalised to a retcode. cause is
// the transport's error holding se; the APIError wraps it.
func statusError(name string, se *transport.StatusError, cause error) *APIError {
	if env, err := decodeEnvelope(se.Body); err == nil && (env.Status != "" || env.Retcode != 0) {
		ae := env.apiError(name, se.StatusCode)
		if ae.Status == "" {
			ae.Status = "failed"
		}
		if ae.Retcode == 0 {
			ae.Retcode = httpRetcode(se.StatusCode)
		}
		ae.err = cause
		return ae
	}
	return &APIError{
		Action:     name,
		Status:     "failed",
		Retcode:    httpRetcode(se.StatusCode),
		Message:    string(bytes.TrimSpace(se.Body)),
		HTTPStatus: se.StatusCode,
		err:        cause,
	}
}

// httpRetcode maps an HTTP status to the retcode OneBot 11 gives it over
// WebSocket (1400/1401/1403/1404); other statuses keep their own number.
func httpRetcode(status int) int {
	switch status {
	case 400, 401, 403, 404:
		return 1000 + status
	}
	return status
}

// envelope is the OneBot 11 response document. Message, Msg and Wording
// are nil when absent.
type envelope struct {
	Status     string
	Retcode    int64
	HasRetcode bool
	Data       json.RawMessage
	Message    *string
	Msg        *string
	Wording    *string
}

// decodeEnvelope reads the envelope's fields with the lenient jsonx reader
// (a retcode may be a numeric string, texts may be null) and skips the rest
// (echo, stream, ...). Data aliases b.
func decodeEnvelope(b []byte) (envelope, error) {
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
			env.Status, err = r.String()
		case "retcode":
			if r.IsNull() {
				break
			}
			env.HasRetcode = true
			env.Retcode, err = r.Int64()
		case "data":
			env.Data, err = r.Raw()
		case "message":
			env.Message, err = optString(&r)
		case "msg":
			env.Msg, err = optString(&r)
		case "wording":
			env.Wording, err = optString(&r)
		default:
			err = r.Skip()
		}
		if err != nil {
			return env, err
		}
	}
	return env, r.End()
}

// optString reads a string, or a number as its text; null gives nil.
func optString(r *jsonx.Reader) (*string, error) {
	if r.IsNull() {
		return nil, nil
	}
	s, err := r.String()
	return &s, err
}

func (e *envelope) apiError(name string, httpStatus int) *APIError {
	ae := &APIError{Action: name, Status: e.Status, Retcode: int(e.Retcode), HTTPStatus: httpStatus}
	switch {
	case e.Message != nil && *e.Message != "":
		ae.Message = *e.Message
	case e.Msg != nil:
		ae.Message = *e.Msg
	}
	if e.Wording != nil {
		ae.Wording = *e.Wording
	}
	return ae
}

func isNull(data []byte) bool {
	d := bytes.TrimSpace(data)
	return len(d) == 0 || string(d) == "null"
}

// callResult sends action with p (nil means no params) and decodes an object
// "data" into a new R. A null data gives a zero R; an async answer gives nil.
func callResult[P, R any](ctx context.Context, c *Client, action string, p *P) (*R, error) {
	data, async, err := send(ctx, c, action, p)
	if err != nil || async && isNull(data) {
		return nil, err
	}
	r := new(R)
	if isNull(data) {
		return r, nil
	}
	if err := unmarshal(data, r); err != nil {
		return nil, &DecodeError{Action: c.fullName(action), Data: data, Err: err}
	}
	return r, nil
}

// callList sends action with p and decodes an array "data" into a []T. A null
// data or an async answer gives a nil slice.
func callList[P, T any](ctx context.Context, c *Client, action string, p *P) ([]T, error) {
	data, _, err := send(ctx, c, action, p)
	if err != nil || isNull(data) {
		return nil, err
	}
	r, err := unmarshalList[T](data)
	if err != nil {
		return nil, &DecodeError{Action: c.fullName(action), Data: data, Err: err}
	}
	return r, nil
}

// callNone sends action with p and ignores the "data" (the action returns
// none; use CallRaw to see what an implementation sends anyway).
func callNone[P any](ctx context.Context, c *Client, action string, p *P) error {
	_, _, err := send(ctx, c, action, p)
	return err
}

func send[P any](ctx context.Context, c *Client, action string, p *P) (json.RawMessage, bool, error) {
	var body []byte
	if p != nil {
		var err error
		if body, err = marshal(p); err != nil {
			return nil, false, errors.Join(errors.New("onebot11: "+action+": encoding params"), err)
		}
	}
	return c.do(ctx, action, body)
}

// marshal encodes v with its own MarshalJSON when it has one (the generated
// code writes compact JSON already), else with encoding/json.
func marshal(v any) ([]byte, error) {
	if m, ok := v.(json.Marshaler); ok {
		return m.MarshalJSON()
	}
	return json.Marshal(v)
}

// unmarshal decodes data into v with its own UnmarshalJSON when it has one,
// else with encoding/json.
func unmarshal(data []byte, v any) error {
	if u, ok := v.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(data)
	}
	return json.Unmarshal(data, v)
}

// readerDecoder is implemented by the wire structs' generated code: decode
// one value from a reader positioned on it.
type readerDecoder interface {
	decodeJSONGen(r *jsonx.Reader) error
}

// unmarshalList decodes a JSON array of T in one pass when T's generated
// decoder is available, else with encoding/json.
func unmarshalList[T any](data []byte) ([]T, error) {
	var zero T
	if _, ok := any(&zero).(readerDecoder); !ok {
		var out []T
		err := json.Unmarshal(data, &out)
		return out, err
	}
	r := jsonx.NewReader(data)
	if err := r.BeginArray(); err != nil {
		return nil, err
	}
	out := []T{}
	for {
		more, err := r.NextElem()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		out = append(out, zero)
		if err := any(&out[len(out)-1]).(readerDecoder).decodeJSONGen(&r); err != nil {
			return nil, err
		}
	}
	return out, r.End()
}
