package onebot11

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors matched with errors.Is against the error of any call. An
// *APIError matches them whether the failure came as an HTTP status (HTTP
// API) or as a retcode in the response envelope (WebSocket, or HTTP 200), so
// code that checks them works over every transport.
var (
	// ErrBadRequest: the implementation rejected the request as malformed
	// (retcode 1400 or HTTP 400).
	ErrBadRequest = errors.New("onebot11: bad request")
	// ErrUnauthorized: the access token is missing (retcode 1401 or HTTP 401).
	// NapCat also uses 1401 for "permission denied".
	ErrUnauthorized = errors.New("onebot11: unauthorized")
	// ErrForbidden: the access token is wrong (retcode 1403 or HTTP 403).
	ErrForbidden = errors.New("onebot11: forbidden")
	// ErrUnknownAction: the implementation does not know the action (retcode
	// 1404, go-cqhttp's retcode 404, or HTTP 404).
	ErrUnknownAction = errors.New("onebot11: unknown action")
)

// Retcodes that OneBot 11 (communication/ws.md) assigns to the HTTP statuses
// of the HTTP API, so that a failure looks the same over every transport.
const (
	RetcodeOK            = 0
	RetcodeAsync         = 1
	RetcodeBadRequest    = 1400
	RetcodeUnauthorized  = 1401
	RetcodeForbidden     = 1403
	RetcodeUnknownAction = 1404
)

// APIError is a call the implementation answered with a failure: an envelope
// whose status is neither "ok" nor "async", or a non-2xx HTTP status.
//
// HTTP statuses are normalised to the retcodes OneBot 11 assigns them (400 ->
// 1400, 401 -> 1401, 403 -> 1403, 404 -> 1404) unless the HTTP body is itself a
// JSON envelope, whose fields are then taken as they are. Implementations put
// the error text in "message", "msg" or "wording"; Message holds "message" (or
// "msg" when "message" is absent, or the plain-text HTTP body) and Wording holds
// "wording".
type APIError struct {
	Action     string // the action as sent, suffix included
	Status     string // the envelope's status, usually "failed"
	Retcode    int    // the envelope's retcode, or the normalised HTTP status
	Message    string // "message", else "msg", else the HTTP body text
	Wording    string // "wording"
	HTTPStatus int    // the HTTP status code; 0 when the answer came with 2xx or over WebSocket

	err error // the transport error, when the failure was an HTTP status
}

// Error describes the failure with the action, retcode and text.
func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Wording
	}
	s := "onebot11: " + e.Action + ": "
	if e.HTTPStatus != 0 {
		s += "HTTP " + strconv.Itoa(e.HTTPStatus) + ", "
	}
	s += "status " + strconv.Quote(e.Status) + ", retcode " + strconv.Itoa(e.Retcode)
	if msg != "" {
		s += ": " + msg
	}
	if e.Wording != "" && e.Wording != msg {
		s += " (" + e.Wording + ")"
	}
	return s
}

// Unwrap returns the transport's error (holding a *transport.StatusError)
// when the failure came as an HTTP status, so errors.Is(err,
// transport.ErrNotFound) and errors.As(err, **transport.StatusError) work
// too.
func (e *APIError) Unwrap() error { return e.err }

// Is matches the package's sentinel errors by retcode or HTTP status.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.Retcode == RetcodeBadRequest || e.HTTPStatus == 400
	case ErrUnauthorized:
		return e.Retcode == RetcodeUnauthorized || e.HTTPStatus == 401
	case ErrForbidden:
		return e.Retcode == RetcodeForbidden || e.HTTPStatus == 403
	case ErrUnknownAction:
		return e.Retcode == RetcodeUnknownAction || e.Retcode == 404 || e.HTTPStatus == 404
	}
	return false
}

// Retcode returns the retcode of the *APIError in err's chain, or -1 when err
// holds none (nil, a transport failure, a decode failure).
func Retcode(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Retcode
	}
	return -1
}

// DecodeError reports a response the client could not decode: an envelope
// that is not JSON, or a "data" that does not fit the action's result type.
// Data holds the raw bytes that failed (the whole response, or its "data").
type DecodeError struct {
	Action string
	Data   []byte
	Err    error
}

// Error names the action and the cause.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("onebot11: %s: decoding response: %v", e.Action, e.Err)
}

// Unwrap returns the underlying decode error.
func (e *DecodeError) Unwrap() error { return e.Err }
