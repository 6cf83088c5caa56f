// Package transport moves bytes for the duobot protocol packages: one
// request/response round trip ([Caller]) and a stream of pushed frames
// ([Source]), over HTTP, WebSocket (client and server side), Server-Sent
// Events and webhooks.
//
// The package is protocol-agnostic: it never imports onebot11 or milky and
// never interprets a payload beyond what correlation needs (the WebSocket
// client reads the "echo" field of incoming frames; nothing else is parsed).
//
// # Pieces
//
//   - [Backoff]: exponential delays with jitter and a cap, cancellable.
//   - Auth: [TokenFromRequest], [Authenticate], [AuthenticateWith],
//     [RequireToken] (Bearer / Token header or ?access_token=, constant-time,
//     missing 401, wrong 403 or 401 in Milky mode), [Sign] and
//     [VerifySignature] for webhook HMAC-SHA1 signatures.
//   - [HTTPCaller]: POST {base}/{action} ([NewHTTPCaller], OneBot 11) or
//     POST {base}/api/{name} ([NewMilkyHTTPCaller]).
//   - [WSClient]: a reconnecting WebSocket [Caller] and [Source].
//   - [WSServer]: an http.Handler whose accepted connections ([ServerConn])
//     are Callers, Sources and sinks (Send, Broadcast).
//   - [SSEClient] (a Source) and [SSEServer] (an http.Handler with Publish).
//   - [WebhookReceiver] (an http.Handler and a Source) and [WebhookSender].
//
// # Concurrency
//
// Every exported type is safe for concurrent use. Each WebSocket connection
// has exactly one reader and one writer goroutine; every frame written
// (requests, responses, events) goes through the writer's queue, in the
// order it was queued. Calls wait on their own
// channel keyed by echo, so responses may arrive in any order, and a dropped
// connection fails every pending call at once with an error wrapping
// [ErrClosed]; calls are never replayed on the next connection. Frames that
// are not responses go to an event queue and are delivered in order by Run
// on the caller's goroutine, never on the reader, so a delivery callback may
// itself Call without deadlocking; responses never wait behind events. The
// reader never blocks on that queue: when its nominal length (EventQueue) is
// reached, frames wait in a backlog bounded by a byte budget (EventBacklog,
// default 64 MiB), so bursts are not lost; only beyond the budget are frames
// dropped, and then counted, reported to a hook and logged at error level.
//
// Fan-out never blocks the publisher. [WSServer.Broadcast] queues a frame
// on each connection without waiting: beyond the send queue's nominal
// length (SendQueue) frames wait in a send backlog bounded by a byte budget
// (SendBacklog, default 16 MiB), so a peer that falls behind for a while
// loses nothing; only a peer whose backlog is full is dropped (counted,
// logged, reported to a hook) rather than silently missing a frame.
// [SSEServer.Publish] drops a subscriber whose bounded queue is full
// (counted and reported to a hook) instead of waiting for it. [SSEServer]
// numbers its events and keeps the recent ones, so an SSE subscriber that
// reconnects with Last-Event-ID ([SSEClient] does) gets what it missed.
//
// Blocking calls take a context and honour it. Goroutines started by a
// client or server end when its Close returns (for servers: Close before
// shutting down the http.Server, which does not track upgraded or streaming
// connections the same way). Hooks (OnConnect, OnDrop, ...) run on internal
// goroutines and must not block.
package transport

import (
	"context"
	"errors"
	"fmt"
)

// Caller performs one API round trip. Implementations are safe for
// concurrent use.
//
// action is the protocol's action or API name (e.g. "send_group_msg");
// params is the JSON encoding of the parameters object (nil means "no
// params", sent as {} where the transport needs a body). The returned bytes
// are the complete response document (for HTTP the body, for WebSocket the
// whole response frame, echo included); the protocol package decodes the
// envelope. A non-2xx HTTP status is reported as a *StatusError.
type Caller interface {
	Call(ctx context.Context, action string, params []byte) ([]byte, error)
}

// Source delivers pushed frames (events) until ctx ends or the source fails
// permanently, reconnecting by itself in between. deliver is never called
// on a connection's reader goroutine, and never concurrently with itself for
// one Source, so frames arrive in order. Run returns ctx.Err() after ctx ends.
type Source interface {
	Run(ctx context.Context, deliver func(frame []byte)) error
}

// Sentinel errors. Errors returned by this package wrap them, so match with
// errors.Is.
var (
	// ErrClosed: the connection or transport was closed, or dropped while a
	// call was pending.
	ErrClosed = errors.New("transport: closed")
	// ErrBadRequest: HTTP 400 (malformed body).
	ErrBadRequest = errors.New("transport: bad request")
	// ErrUnauthorized: HTTP 401 (credentials missing, or for Milky wrong).
	ErrUnauthorized = errors.New("transport: unauthorized")
	// ErrForbidden: HTTP 403 (credentials wrong).
	ErrForbidden = errors.New("transport: forbidden")
	// ErrNotFound: HTTP 404 (unknown action / API).
	ErrNotFound = errors.New("transport: not found")
	// ErrNotAcceptable: HTTP 406 (unsupported Content-Type, OneBot 11).
	ErrNotAcceptable = errors.New("transport: not acceptable")
	// ErrUnsupportedMediaType: HTTP 415 (unsupported Content-Type, Milky).
	ErrUnsupportedMediaType = errors.New("transport: unsupported media type")
	// ErrTooLarge: a response or frame exceeded the configured size limit.
	ErrTooLarge = errors.New("transport: message too large")
)

// StatusError is a non-2xx HTTP response. Body holds the response body as
// received (it may be JSON or plain text), capped at the caller's limit.
type StatusError struct {
	StatusCode int
	Status     string // e.g. "404 Not Found"
	Body       []byte
}

// Error reports the status and up to 200 bytes of the body.
func (e *StatusError) Error() string {
	if len(e.Body) > 0 {
		b := e.Body
		if len(b) > 200 {
			b = b[:200]
		}
		return fmt.Sprintf("transport: HTTP %s: %s", e.Status, b)
	}
	return "transport: HTTP " + e.Status
}

// Is reports whether the status maps to one of the sentinel errors.
func (e *StatusError) Is(target error) bool {
	switch e.StatusCode {
	case 400:
		return target == ErrBadRequest
	case 401:
		return target == ErrUnauthorized
	case 403:
		return target == ErrForbidden
	case 404:
		return target == ErrNotFound
	case 406:
		return target == ErrNotAcceptable
	case 413:
		return target == ErrTooLarge
	case 415:
		return target == ErrUnsupportedMediaType
	}
	return false
}
