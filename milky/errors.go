package milky

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors matched by [*APIError] with errors.Is.
var (
	// ErrUnauthorized: HTTP 401, the access token is missing or wrong.
	ErrUnauthorized = errors.New("milky: unauthorized")
	// ErrUnknownAPI: HTTP 404, the implementation has no such API.
	ErrUnknownAPI = errors.New("milky: unknown API")
	// ErrUnsupportedMediaType: HTTP 415, the request Content-Type was refused.
	ErrUnsupportedMediaType = errors.New("milky: unsupported media type")
	// ErrBadParams: retcode -400, the implementation could not parse the params.
	ErrBadParams = errors.New("milky: bad params")
	// ErrNotLoggedIn: retcode -403, the implementation's account is not logged in.
	ErrNotLoggedIn = errors.New("milky: not logged in")
)

// Retcodes with a meaning defined by the Milky specification. Any other
// non-zero retcode is implementation-defined and kept as is in
// [APIError.Retcode].
const (
	RetcodeOK          = 0
	RetcodeBadParams   = -400
	RetcodeNotLoggedIn = -403
)

// APIError is a failed Milky API call: an envelope with status "failed" (or
// a non-zero retcode), or a non-2xx HTTP response (HTTPStatus set; the body
// may be plain text, kept in Message).
type APIError struct {
	API        string // the API name, e.g. "send_group_message"
	HTTPStatus int    // non-2xx HTTP status; 0 when the envelope said failed
	Status     string // the envelope's status ("failed"), if any
	Retcode    int    // the envelope's retcode, 0 if none
	Message    string // the envelope's message, or the plain-text body
	Err        error  // the underlying transport error (*transport.StatusError), if any
}

// Error formats the API, HTTP status, retcode and message.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("milky: ")
	b.WriteString(e.API)
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.HTTPStatus)
	}
	if e.Retcode != 0 || e.HTTPStatus == 0 {
		fmt.Fprintf(&b, ": retcode %d", e.Retcode)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Unwrap returns the underlying transport error, if any.
func (e *APIError) Unwrap() error { return e.Err }

// Is reports whether e matches one of the package's sentinel errors.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.HTTPStatus == 401
	case ErrUnknownAPI:
		return e.HTTPStatus == 404
	case ErrUnsupportedMediaType:
		return e.HTTPStatus == 415
	case ErrBadParams:
		return e.Retcode == RetcodeBadParams
	case ErrNotLoggedIn:
		return e.Retcode == RetcodeNotLoggedIn
	}
	return false
}

// Retcode returns the retcode of the [*APIError] in err's chain, or 0 when
// there is none (or the error carried no retcode, e.g. a plain-text HTTP 401).
func Retcode(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.Retcode
	}
	return 0
}

// DecodeError is a response or event that could not be decoded.
type DecodeError struct {
	API  string // the API name, or "" for an event
	Body []byte // the offending document (capped at 4 KiB)
	Err  error  // what went wrong
}

// Error describes what could not be decoded.
func (e *DecodeError) Error() string {
	if e.API == "" {
		return "milky: decoding event: " + e.Err.Error()
	}
	return "milky: " + e.API + ": decoding response: " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }
