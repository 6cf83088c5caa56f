package milky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/transport"
)

// ErrServerClosed is returned by [Server.Publish] once [Server.Shutdown] or
// [Server.Close] has begun. It wraps transport.ErrClosed.
var ErrServerClosed = fmt.Errorf("milky: server closed: %w", transport.ErrClosed)

// Defaults of [ServerOptions].
const (
	DefaultEventQueue   = 1024
	DefaultWebhookQueue = 1024
	DefaultMaxBodyBytes = 64 << 20
)

// serverSSEEvent is the SSE event name of Milky events ("event: milky_event").
const serverSSEEvent = "milky_event"

// ServerOptions configures a [Server]. The zero value is usable: no token,
// no prefix, no webhooks.
type ServerOptions struct {
	// Token, when set, is required on every request: as
	// "Authorization: Bearer <Token>" on /api, and on /event also as the
	// access_token query parameter. Missing or wrong is HTTP 401.
	Token string
	// Prefix is a path prefix mounted before /api/{name} and /event, e.g.
	// "/milky" serves /milky/api/{name} and /milky/event.
	Prefix string

	// WebhookURLs receive every published event as a POST with the event
	// JSON (and the Bearer token when Token is set). Each URL has its own
	// queue and goroutine, so events reach each URL in order and a slow URL
	// delays no one else.
	WebhookURLs []string
	// WebhookClient performs the webhook requests (nil:
	// http.DefaultClient).
	WebhookClient *http.Client
	// WebhookTimeout bounds each webhook attempt (0: until Close, or until
	// Shutdown's context ends).
	WebhookTimeout time.Duration
	// WebhookAttempts is the number of tries per event and URL (default 1,
	// as Milky implementations do not retry). Network errors, 408, 429 and
	// 5xx are retried.
	WebhookAttempts int
	// WebhookQueue bounds the events waiting per webhook URL (default
	// DefaultWebhookQueue); an event that does not fit is dropped for that
	// URL and reported to OnDrop.
	WebhookQueue int

	// EventQueue bounds the events queued per WebSocket or SSE subscriber
	// (default DefaultEventQueue). Beyond it, a WebSocket subscriber's
	// events wait, in order, in its send backlog (up to
	// transport.DefaultSendBacklog bytes, 16 MiB), so a subscriber falling
	// behind for a while loses nothing. A WebSocket subscriber whose
	// backlog is full, or an SSE subscriber whose queue is full, is
	// disconnected and reported to OnDrop; an SSE subscriber that
	// reconnects with Last-Event-ID (as a Bot's does) is sent what it
	// missed, within the replay buffer, while a WebSocket one can only
	// notice the gap.
	EventQueue int
	// SendBacklog is the byte budget of a WebSocket subscriber's send
	// backlog (0: transport.DefaultSendBacklog; negative: none, a
	// subscriber whose queue is full is disconnected at once).
	SendBacklog int64
	// MaxBodyBytes caps an API request body (default DefaultMaxBodyBytes);
	// a larger one is answered with HTTP 413.
	MaxBodyBytes int64
	// Upgrader performs WebSocket handshakes on /event (nil: a default
	// upgrader).
	Upgrader *websocket.Upgrader
	// OnDrop is called for every subscriber disconnected for being slow
	// and every event a webhook URL's full queue refused. It must not
	// block.
	OnDrop func(d Drop)
	// Logger receives handler panics, webhook failures and drops; nil logs
	// nothing.
	Logger *slog.Logger
}

// Drop describes a loss reported to [ServerOptions.OnDrop].
type Drop struct {
	// Kind is "websocket", "sse" or "webhook".
	Kind string
	// Peer is the subscriber's remote address, or the webhook URL.
	Peer string
	// Frame is the event a webhook queue refused (nil for a disconnected
	// subscriber, which loses whatever was queued for it).
	Frame []byte
}

// ServerStats are counters of a [Server].
type ServerStats struct {
	WebSocketSubscribers int    // open /event WebSocket connections
	SSESubscribers       int    // open /event SSE streams
	Published            uint64 // events passed to Publish
	SlowDisconnects      uint64 // WebSocket and SSE subscribers dropped for being slow
	WebhookDelivered     uint64 // webhook POSTs answered with 2xx
	WebhookFailed        uint64 // webhook POSTs that finally failed
	WebhookDropped       uint64 // events a full webhook queue refused
}

// Server is the implementation side of Milky: an http.Handler serving
// POST {prefix}/api/{name} through an [APIHandler] (typically a
// [ServeMux]) and GET {prefix}/event as a WebSocket (when the request asks
// to upgrade) or as Server-Sent Events (event name "milky_event"), plus a
// webhook sender. [Server.Publish] sends an event to all of them. SSE events
// carry ids, and a subscriber reconnecting with Last-Event-ID first gets
// the events it missed (the last transport.DefaultSSEReplay are kept).
//
// API requests are answered as the Milky specification says: 401 for a
// missing or wrong token, 405 for a method other than POST, 415 for a
// Content-Type other than application/json (or none), 404 for an unknown
// API (one the handler answers with [ErrUnknownAPI]), 413 for a body over
// MaxBodyBytes (those with a plain-text body), and otherwise 200 with the
// envelope {status, retcode, data | message}:
// retcode -400 for params that do not decode, the retcode of an
// [*APIError] the handler returned, [RetcodeInternal] for other handler
// errors and panics, and data {} for an API without output.
//
// Call Close (or Shutdown, which first delivers the events queued for the
// webhooks) before shutting down the http.Server: WebSocket and SSE
// connections are not ended by http.Server.Shutdown.
type Server struct {
	h      APIHandler
	opts   ServerOptions
	prefix string
	logger *slog.Logger

	ws  *transport.WSServer
	sse *transport.SSEServer
	hks []*webhookWorker

	// ctx bounds the webhook requests; Close cancels it.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	closed atomic.Bool
	done   chan struct{}

	// pubMu is held for reading by PublishFrame's fan-out and for writing
	// when Shutdown sets shutting, so that every event published before
	// is queued when the webhook workers start draining.
	pubMu sync.RWMutex
	// shutting is set when Shutdown begins: Publish fails and new /event
	// connections are refused from then on.
	shutting atomic.Bool
	// draining is closed by Shutdown (drainOnce): the webhook workers then
	// post what is queued and stop.
	draining  chan struct{}
	drainOnce sync.Once
	// hooksLeft counts the running webhook workers; the last to stop
	// closes hooksDone. undrained is set by one stopped before it had
	// posted everything (by Close).
	hooksLeft atomic.Int32
	hooksDone chan struct{}
	undrained atomic.Bool

	published, slow, hookOK, hookFailed, hookDropped atomic.Uint64
}

// NewServer returns a server answering API calls with h (nil: every API
// is unknown). o may be nil. It fails on an invalid webhook URL.
func NewServer(h APIHandler, o *ServerOptions) (*Server, error) {
	if o == nil {
		o = &ServerOptions{}
	}
	if h == nil {
		h = NewServeMux()
	}
	s := &Server{h: h, opts: *o, logger: o.Logger, done: make(chan struct{}),
		draining: make(chan struct{}), hooksDone: make(chan struct{})}
	if s.opts.EventQueue <= 0 {
		s.opts.EventQueue = DefaultEventQueue
	}
	if s.opts.WebhookQueue <= 0 {
		s.opts.WebhookQueue = DefaultWebhookQueue
	}
	if s.opts.WebhookAttempts <= 0 {
		s.opts.WebhookAttempts = 1
	}
	if s.opts.MaxBodyBytes <= 0 {
		s.opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	s.prefix = strings.TrimRight(s.opts.Prefix, "/")
	if s.prefix != "" && !strings.HasPrefix(s.prefix, "/") {
		s.prefix = "/" + s.prefix
	}
	auth := transport.AuthOptions{WrongTokenIs401: true}
	s.ws = transport.NewWSServer(&transport.WSServerOptions{
		Token:       s.opts.Token,
		Auth:        auth,
		Upgrader:    s.opts.Upgrader,
		SendQueue:   s.opts.EventQueue,
		SendBacklog: s.opts.SendBacklog,
		OnSlow: func(c *transport.ServerConn) {
			s.dropped(Drop{Kind: "websocket", Peer: c.RemoteAddr()})
		},
		Logger: s.logger,
	})
	s.sse = transport.NewSSEServer(&transport.SSEServerOptions{
		Token:  s.opts.Token,
		Auth:   auth,
		Buffer: s.opts.EventQueue,
		OnDrop: func(r *http.Request) {
			s.dropped(Drop{Kind: "sse", Peer: r.RemoteAddr})
		},
	})
	s.ctx, s.cancel = context.WithCancel(context.Background())
	for _, u := range s.opts.WebhookURLs {
		sender, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{
			URLs:        []string{u},
			Token:       s.opts.Token,
			Client:      s.opts.WebhookClient,
			Timeout:     s.opts.WebhookTimeout,
			MaxAttempts: s.opts.WebhookAttempts,
			Concurrency: 1,
		})
		if err != nil {
			s.cancel()
			return nil, fmt.Errorf("milky: webhook %q: %w", u, err)
		}
		s.hks = append(s.hks, &webhookWorker{url: u, sender: sender, queue: make(chan []byte, s.opts.WebhookQueue)})
	}
	s.hooksLeft.Store(int32(len(s.hks)))
	if len(s.hks) == 0 {
		close(s.hooksDone)
	}
	for _, hk := range s.hks {
		s.wg.Add(1)
		go s.runWebhook(hk)
	}
	return s, nil
}

// dropped reports a subscriber disconnected for being slow.
func (s *Server) dropped(d Drop) {
	s.slow.Add(1)
	// The transport logs a WebSocket peer's drop itself, with its backlog.
	if s.logger != nil && d.Kind != "websocket" {
		s.logger.Warn("milky server: slow subscriber dropped", "kind", d.Kind, "peer", d.Peer)
	}
	if s.opts.OnDrop != nil {
		s.opts.OnDrop(d)
	}
}

// ServeHTTP serves {prefix}/api/{name} and {prefix}/event; every other path
// is 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	switch {
	case ok && rest == "/event":
		if s.shutting.Load() {
			plainError(w, http.StatusServiceUnavailable)
			return
		}
		if websocket.IsWebSocketUpgrade(r) {
			s.ws.ServeHTTP(w, r)
		} else {
			s.sse.ServeHTTP(w, r)
		}
	case ok && strings.HasPrefix(rest, "/api/") && len(rest) > len("/api/") && !strings.Contains(rest[len("/api/"):], "/"):
		s.serveAPI(w, r, rest[len("/api/"):])
	default:
		plainError(w, http.StatusNotFound)
	}
}

func plainError(w http.ResponseWriter, code int) {
	http.Error(w, fmt.Sprintf("%d %s", code, http.StatusText(code)), code)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, api string) {
	// The access_token query parameter is for /event only.
	ar := *r
	u := *r.URL
	u.RawQuery = ""
	ar.URL = &u
	if err := transport.AuthenticateWith(&ar, s.opts.Token, transport.AuthOptions{WrongTokenIs401: true}); err != nil {
		w.Header().Set("WWW-Authenticate", "Bearer")
		plainError(w, http.StatusUnauthorized)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		plainError(w, http.StatusMethodNotAllowed)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		plainError(w, http.StatusUnsupportedMediaType)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			plainError(w, http.StatusRequestEntityTooLarge)
		}
		return
	}
	data, err := s.call(r.Context(), api, body)
	if err != nil {
		if errors.Is(err, ErrUnknownAPI) {
			plainError(w, http.StatusNotFound)
			return
		}
		writeEnvelope(w, failure(err), nil)
		return
	}
	writeEnvelope(w, nil, data)
}

// call runs the handler, turning a panic into an error.
func (s *Server) call(ctx context.Context, api string, body []byte) (data []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			if s.logger != nil {
				s.logger.ErrorContext(ctx, "milky server: handler panic", "api", api, "panic", v, "stack", string(debug.Stack()))
			}
			data, err = nil, fmt.Errorf("milky: %s: handler panic: %v", api, v)
		}
	}()
	data, err = s.h.ServeAPI(ctx, api, body)
	if err == nil && data != nil && !isJSONObject(data) {
		return nil, fmt.Errorf("milky: %s: handler data is not a JSON object", api)
	}
	return data, err
}

// failure is the retcode and message of a failed call.
type failureInfo struct {
	retcode int
	message string
}

func failure(err error) *failureInfo {
	f := &failureInfo{retcode: RetcodeInternal, message: err.Error()}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.Retcode != 0 {
			f.retcode = ae.Retcode
		}
		if ae.Message != "" {
			f.message = ae.Message
		}
	}
	return f
}

var emptyData = []byte("{}")

func writeEnvelope(w http.ResponseWriter, f *failureInfo, data []byte) {
	jw := jsonx.GetWriter()
	defer jsonx.PutWriter(jw)
	if f != nil {
		jw.Lit(`{"status":"failed","retcode":`)
		jw.Int64(int64(f.retcode))
		jw.Lit(`,"message":`)
		jw.String(f.message)
		jw.Byte('}')
	} else {
		if data == nil {
			data = emptyData
		}
		jw.Lit(`{"status":"ok","retcode":0,"data":`)
		jw.Raw(data)
		jw.Byte('}')
	}
	if jw.Err() != nil {
		jw.B = jw.B[:0]
		jw.Lit(`{"status":"failed","retcode":`)
		jw.Int64(RetcodeInternal)
		jw.Lit(`,"message":`)
		jw.String("handler data is not valid JSON: " + jw.Err().Error())
		jw.Byte('}')
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(jw.B)
}

// Publish encodes ev once and sends it to every /event subscriber
// (WebSocket and SSE) and queues it for every webhook URL. It never blocks
// on a subscriber: one whose queue is full is disconnected (WebSocket,
// SSE) or misses the event (webhook), reported to OnDrop either way. It
// fails only when ctx is already done, ev cannot be encoded, or
// [Server.Shutdown] or [Server.Close] has begun ([ErrServerClosed], which
// wraps transport.ErrClosed; the event reaches no subscriber then).
func (s *Server) Publish(ctx context.Context, ev Event) error {
	if ev == nil {
		return errors.New("milky: Publish: nil event")
	}
	var frame []byte
	var err error
	if m, ok := ev.(json.Marshaler); ok {
		frame, err = m.MarshalJSON()
	} else {
		frame, err = json.Marshal(ev)
	}
	if err != nil {
		return fmt.Errorf("milky: Publish %s: %w", ev.EventType(), err)
	}
	return s.PublishFrame(ctx, frame)
}

// PublishFrame is [Server.Publish] for an already encoded event frame
// (e.g. one received from an upstream implementation), sent as is. frame
// must not be modified afterwards.
func (s *Server) PublishFrame(ctx context.Context, frame []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.pubMu.RLock()
	defer s.pubMu.RUnlock()
	if s.shutting.Load() || s.closed.Load() {
		return ErrServerClosed
	}
	s.published.Add(1)
	s.ws.Broadcast(frame)
	s.sse.Publish(serverSSEEvent, frame)
	for _, hk := range s.hks {
		select {
		case hk.queue <- frame:
		default:
			s.hookDropped.Add(1)
			if s.logger != nil {
				s.logger.Warn("milky server: webhook queue full, event dropped", "url", hk.url)
			}
			if s.opts.OnDrop != nil {
				s.opts.OnDrop(Drop{Kind: "webhook", Peer: hk.url, Frame: frame})
			}
		}
	}
	return nil
}

type webhookWorker struct {
	url    string
	sender *transport.WebhookSender
	queue  chan []byte
}

// runWebhook posts the events queued for one URL, in order, until Close,
// or until Shutdown has begun and everything queued has been posted (no
// event can be queued any more by then).
func (s *Server) runWebhook(hk *webhookWorker) {
	drained := false
	defer func() {
		if !drained {
			s.undrained.Store(true)
		}
		if s.hooksLeft.Add(-1) == 0 {
			close(s.hooksDone)
		}
		s.wg.Done()
	}()
	for {
		select {
		case <-s.ctx.Done():
			return
		case frame := <-hk.queue:
			if !s.postWebhook(hk, frame) {
				return
			}
		case <-s.draining:
			for {
				select {
				case frame := <-hk.queue:
					if !s.postWebhook(hk, frame) {
						return
					}
				default:
					drained = s.ctx.Err() == nil
					return
				}
			}
		}
	}
}

// postWebhook posts one event; false when Close cut it off.
func (s *Server) postWebhook(hk *webhookWorker, frame []byte) bool {
	if s.ctx.Err() != nil {
		return false
	}
	if _, err := hk.sender.Send(s.ctx, frame); err != nil {
		if s.ctx.Err() != nil {
			return false
		}
		s.hookFailed.Add(1)
		if s.logger != nil {
			s.logger.Warn("milky server: webhook failed", "url", hk.url, "error", err)
		}
		return true
	}
	s.hookOK.Add(1)
	return true
}

// Stats returns the server's counters.
func (s *Server) Stats() ServerStats {
	return ServerStats{
		WebSocketSubscribers: len(s.ws.Conns()),
		SSESubscribers:       s.sse.Subscribers(),
		Published:            s.published.Load(),
		SlowDisconnects:      s.slow.Load(),
		WebhookDelivered:     s.hookOK.Load(),
		WebhookFailed:        s.hookFailed.Load(),
		WebhookDropped:       s.hookDropped.Load(),
	}
}

// Close ends every /event connection, refuses new ones (503), stops the
// webhook senders (events still queued for them are discarded and
// requests in flight are cancelled; [Server.Shutdown] posts them first)
// and waits for all of the server's goroutines. API requests keep being
// served until the http.Server stops. Later calls wait for the first to
// finish and return nil. Called during Shutdown, Close ends the webhook
// deliveries Shutdown is waiting for.
func (s *Server) Close() error {
	if s.closed.Swap(true) {
		<-s.done
		return nil
	}
	defer close(s.done)
	s.cancel()
	err := errors.Join(s.ws.Close(), s.sse.Close())
	s.wg.Wait()
	return err
}

// Shutdown stops the server gracefully. First it stops taking events:
// Publish and PublishFrame fail from then on with [ErrServerClosed] (which
// wraps transport.ErrClosed; a Publish that returned nil before has queued
// its event everywhere, except in a queue that was full), and new /event connections are answered 503.
// Then it waits until every webhook URL has been posted the events queued
// for it, in order, each with its retries (WebhookAttempts). Finally it
// closes everything as [Server.Close] does and returns Close's error.
//
// Only webhook deliveries are drained: events still queued for /event
// WebSocket and SSE subscribers when their connections are closed are
// lost, as with Close. API requests and existing /event connections keep
// being served while the webhooks drain.
//
// When ctx ends first, Shutdown closes the server anyway (requests in
// flight are cancelled, what is still queued is dropped) and returns
// ctx's error. When Close ends the deliveries first (it may be called
// meanwhile, or may have been called before), Shutdown returns an error
// wrapping transport.ErrClosed. Shutdown may be called more than once and
// concurrently; each call waits as described.
func (s *Server) Shutdown(ctx context.Context) error {
	s.pubMu.Lock()
	s.shutting.Store(true)
	s.pubMu.Unlock()
	s.drainOnce.Do(func() { close(s.draining) })
	var err error
	select {
	case <-s.hooksDone:
		if s.undrained.Load() {
			err = fmt.Errorf("milky: Shutdown: the server was closed before the webhook deliveries finished: %w", transport.ErrClosed)
		}
	case <-ctx.Done():
		err = ctx.Err()
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	return err
}

// Done is closed when Close has finished: every /event connection has
// ended and all of the server's goroutines have exited.
func (s *Server) Done() <-chan struct{} { return s.done }

// Serve serves HTTP on l until ctx ends or l fails, then closes s (as
// [Server.Close]) and the HTTP server with its connections. Request
// contexts derive from ctx. It returns ctx.Err() after ctx ends, or the
// listener's error.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{Handler: s, BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	var err error
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case err = <-errc:
		errc <- err
	}
	cerr := s.Close()
	if herr := hs.Close(); herr != nil && err == nil {
		err = herr
	}
	<-errc
	if err == nil {
		err = cerr
	}
	return err
}
