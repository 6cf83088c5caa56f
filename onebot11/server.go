package onebot11

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/transport"
)

// ServerOptions configures a Server. The zero value serves the HTTP API,
// forward WebSocket and SSE without authentication and pushes no webhooks or
// reverse connections.
type ServerOptions struct {
	// SelfID is the bot's account: sent as X-Self-ID by the webhook sender
	// and the reverse WebSocket dialer, and the self_id of the lifecycle
	// connect events.
	SelfID int64
	// AccessToken protects the HTTP API, forward WebSocket and SSE
	// ("Authorization: Bearer|Token <t>" or ?access_token=; missing 401,
	// wrong 403) and is sent as "Authorization: Bearer" by the reverse
	// WebSocket dialer unless ReverseToken is set.
	AccessToken string

	// WebhookURLs receive every published event as an HTTP POST (OneBot 11
	// "HTTP POST"), each through its own ordered queue. A JSON reply body is
	// a quick operation, executed with ServeMux.ExecQuickOperation before
	// the next event is posted to that URL.
	WebhookURLs []string
	// Secret, when set, signs webhook bodies: "X-Signature: sha1=<hex>".
	Secret string
	// WebhookTimeout bounds one POST (0: no limit besides Close and
	// Shutdown's context).
	WebhookTimeout time.Duration
	// WebhookMaxAttempts is the number of tries per event and URL
	// (default 1: a retry could deliver an event twice).
	WebhookMaxAttempts int
	// WebhookClient performs the POSTs; nil means a client of the server's
	// own (http.DefaultTransport's settings, one idle connection per URL),
	// whose connections Close closes.
	WebhookClient *http.Client

	// ReverseURL is a reverse WebSocket URL the server dials as one
	// Universal connection (API and events). ReverseAPIURL and
	// ReverseEventURL dial split API and Event connections (either may be
	// set alone). Connections are kept up with ReverseBackoff (zero:
	// transport.DefaultBackoff; the standard's fixed reconnect_interval of
	// 3 s is Backoff{Initial: 3 * time.Second, Multiplier: 1}).
	ReverseURL, ReverseAPIURL, ReverseEventURL string
	// ReverseToken is sent as "Authorization: Bearer" when dialing out
	// (default AccessToken).
	ReverseToken   string
	ReverseBackoff transport.Backoff

	// EventQueue is the number of events queued per webhook URL and per
	// reverse connection (default 1024), and SendQueue per forward
	// WebSocket connection and SSE subscriber (default
	// transport.DefaultSendQueue). Publish never waits. A forward WebSocket
	// connection whose queue is full keeps further events, in order, in its
	// send backlog (up to transport.DefaultSendBacklog bytes, 16 MiB) and
	// loses none; only past that budget is it disconnected. A webhook URL
	// or reverse connection whose queue is full loses the event; an SSE
	// subscriber is disconnected. Each loss or disconnection is counted in
	// Stats and reported to OnDrop. A disconnected SSE subscriber that reconnects with Last-Event-ID (as
	// DialHTTP's does) is sent what it missed, within the replay buffer.
	EventQueue, SendQueue int
	// SendBacklog is the byte budget of a forward WebSocket connection's
	// send backlog (0: transport.DefaultSendBacklog; negative: none, a
	// connection whose queue is full is disconnected at once).
	SendBacklog int64
	// MaxConcurrentCalls bounds the actions one WebSocket connection runs
	// at once (default 64); further request frames wait in the connection's
	// queue (transport.DefaultEventQueue frames, then a backlog of up to
	// transport.DefaultEventBacklog bytes), beyond which they are dropped
	// and reported to OnError.
	MaxConcurrentCalls int
	// RateLimitInterval is the pause between two "_rate_limited" calls
	// (default 500ms); RateLimitQueue bounds the calls waiting (default
	// 1024; when full, the call is answered failed with RetcodeFailed).
	RateLimitInterval time.Duration
	RateLimitQueue    int
	// MaxBodyBytes caps an HTTP request body (default 64 MiB; larger is
	// answered 413).
	MaxBodyBytes int64
	// NoConnectEvent turns off the lifecycle connect meta event sent first
	// on every event-carrying WebSocket connection (forward /event and /,
	// reverse Event and Universal).
	NoConnectEvent bool
	// HeartbeatInterval, when positive, publishes a heartbeat meta event
	// that often, its status taken from the get_status handler (online and
	// good when none is registered or it fails).
	HeartbeatInterval time.Duration
	// PingInterval of WebSocket connections (default
	// transport.DefaultPingInterval; negative disables pings).
	PingInterval time.Duration

	// OnDrop is called with a description of the subscriber when a slow
	// subscriber loses events: for a webhook URL or reverse connection once
	// per event it misses, for a forward WebSocket or SSE subscriber once
	// when it is disconnected. OnError is called with failures that have no
	// caller to return to: _async and _rate_limited actions, webhook posts,
	// quick operations, reverse connection errors, dropped request frames.
	// Hooks must not block.
	OnDrop  func(subscriber string)
	OnError func(err error)
	// Logger receives connection lifecycle messages; nil logs nothing.
	Logger *slog.Logger
}

// ServerStats are a Server's counters.
type ServerStats struct {
	// Published counts events passed to Publish.
	Published uint64
	// QueueDrops counts events a webhook URL or reverse connection lost
	// because its queue was full.
	QueueDrops uint64
	// SlowWebSockets and SlowSSE count forward WebSocket connections and
	// SSE subscribers disconnected because their queue was full.
	SlowWebSockets, SlowSSE uint64
	// WebSockets is the number of open forward WebSocket connections,
	// SSESubscribers the number of connected SSE subscribers.
	WebSockets, SSESubscribers int
}

// Server is the implementation side of OneBot 11: it serves the actions of a
// ServeMux over every transport the protocol defines and publishes events to
// every subscriber.
//
// As an http.Handler it serves, relative to where it is mounted:
//   - the HTTP API: GET or POST /:action or /:action/, params from the query
//     string, an urlencoded form or a JSON object body (merged in that order,
//     the body winning); a POST to / with {"action":...,"params":...} too.
//     Unknown action 404, bad params 400, other Content-Type 406, missing
//     token 401, wrong token 403 (each with a JSON envelope body, except the
//     token failures, which have none), everything else 200;
//   - forward WebSocket at / (API and events), /api (API) and /event
//     (events), trailing slash allowed; request frames {"action", "params",
//     "echo"} are answered with the echo, concurrently (responses may come
//     out of order);
//   - Server-Sent Events at /_events ("data: <event JSON>", each event with
//     an "id:"); a subscriber reconnecting with Last-Event-ID first gets the
//     events it missed (the last transport.DefaultSSEReplay are kept).
//
// Besides, it posts events to webhook URLs and dials reverse WebSocket
// connections (see ServerOptions). Every subscriber receives the events in
// publishing order, each at its own pace: unlike the standard's "HTTP POST
// first, then WebSocket", a webhook's reply is not awaited before the event
// goes to the other subscribers, so a slow webhook delays nobody else. A
// webhook reply's quick operation is executed by ServeMux.ExecQuickOperation
// (the registered .handle_quick_operation handler, else the built-in
// executor) before the next event is posted to that URL.
//
// Event-carrying WebSocket connections (forward / and /event, reverse
// Universal and Event) get a lifecycle connect meta event first, as
// go-cqhttp sends it (NoConnectEvent turns it off).
//
// Actions named with the suffix "_async" or "_rate_limited" are served for
// every registered action: the params are checked, the reply is
// {"status":"async","retcode":1} at once, and the action runs in the
// background (rate-limited ones one at a time, RateLimitInterval apart);
// failures go to OnError.
//
// A Server is safe for concurrent use. Close stops everything it started;
// Shutdown first delivers the events queued for the webhooks.
type Server struct {
	mux    *ServeMux
	o      ServerOptions
	selfID string
	ctx    context.Context
	cancel context.CancelFunc

	wsAPI, wsEvent, wsUniversal *transport.WSServer
	sse                         *transport.SSEServer
	sinks                       []*sink
	reverse                     []*transport.WSClient
	rate                        chan rateCall
	ownClient                   *http.Client // the webhook client when none was given

	pubMu  sync.Mutex // one fan-out at a time: every subscriber sees the same order
	mu     sync.Mutex // guards closed against wg.Add
	closed bool
	wg     sync.WaitGroup
	once   sync.Once

	// shutting is set (under pubMu) when Shutdown begins: Publish fails
	// and new event connections are refused from then on.
	shutting atomic.Bool
	// draining is closed by Shutdown (drainOnce) once no event can be
	// queued any more: the webhook queues then deliver what they hold and
	// stop.
	draining  chan struct{}
	drainOnce sync.Once
	// hooksLeft counts the webhook queues still running; the last to stop
	// closes hooksDone. undrained is set by a webhook queue stopped before
	// it had delivered everything (by Close).
	hooksLeft atomic.Int32
	hooksDone chan struct{}
	undrained atomic.Bool

	published  atomic.Uint64
	queueDrops atomic.Uint64
}

type rateCall struct {
	action string
	run    func(ctx context.Context) (json.RawMessage, error)
}

// NewServer returns a server for mux and starts its webhook queues and
// reverse WebSocket dialers. o may be nil.
func NewServer(mux *ServeMux, o *ServerOptions) (*Server, error) {
	if mux == nil {
		return nil, errors.New("onebot11: NewServer: nil mux")
	}
	s := &Server{mux: mux, draining: make(chan struct{}), hooksDone: make(chan struct{})}
	if o != nil {
		s.o = *o
	}
	if s.o.EventQueue <= 0 {
		s.o.EventQueue = 1024
	}
	if s.o.MaxConcurrentCalls <= 0 {
		s.o.MaxConcurrentCalls = 64
	}
	if s.o.RateLimitInterval <= 0 {
		s.o.RateLimitInterval = 500 * time.Millisecond
	}
	if s.o.RateLimitQueue <= 0 {
		s.o.RateLimitQueue = 1024
	}
	if s.o.MaxBodyBytes <= 0 {
		s.o.MaxBodyBytes = transport.DefaultMaxResponseBytes
	}
	if s.o.WebhookMaxAttempts <= 0 {
		s.o.WebhookMaxAttempts = 1
	}
	if s.o.ReverseToken == "" {
		s.o.ReverseToken = s.o.AccessToken
	}
	if s.o.SelfID != 0 {
		s.selfID = strconv.FormatInt(s.o.SelfID, 10)
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())

	wsOpts := func(onConnect func(*transport.ServerConn)) *transport.WSServerOptions {
		return &transport.WSServerOptions{
			Token:        s.o.AccessToken,
			PingInterval: s.o.PingInterval,
			SendQueue:    s.o.SendQueue,
			SendBacklog:  s.o.SendBacklog,
			OnConnect:    onConnect,
			OnSlow: func(c *transport.ServerConn) {
				if s.o.OnDrop != nil {
					s.o.OnDrop("forward WebSocket " + c.String())
				}
			},
			OnDrop: func(c *transport.ServerConn, frame []byte) {
				s.report(fmt.Errorf("onebot11: forward WebSocket %s: request frame dropped (too many waiting): %.200s", c, frame))
			},
			Logger: s.o.Logger,
		}
	}
	s.wsAPI = transport.NewWSServer(wsOpts(func(c *transport.ServerConn) { s.spawn(func() { s.serveConn(c) }) }))
	s.wsUniversal = transport.NewWSServer(wsOpts(func(c *transport.ServerConn) {
		s.sendConnectEvent(c.TrySend)
		s.spawn(func() { s.serveConn(c) })
	}))
	s.wsEvent = transport.NewWSServer(wsOpts(func(c *transport.ServerConn) {
		s.sendConnectEvent(c.TrySend)
		// Nothing is expected from the peer on /event; drain what it sends.
		s.spawn(func() { c.Run(s.ctx, func([]byte) {}) })
	}))
	s.sse = transport.NewSSEServer(&transport.SSEServerOptions{
		Token:  s.o.AccessToken,
		Buffer: s.o.SendQueue,
		OnDrop: func(r *http.Request) {
			if s.o.OnDrop != nil {
				s.o.OnDrop("SSE " + r.RemoteAddr)
			}
		},
	})

	s.rate = make(chan rateCall, s.o.RateLimitQueue)
	if err := s.startWebhooks(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.startReverse(); err != nil {
		s.Close()
		return nil, err
	}
	s.spawn(s.runRateLimited)
	if s.o.HeartbeatInterval > 0 {
		s.spawn(s.runHeartbeat)
	}
	return s, nil
}

// spawn runs f on a goroutine tracked by Close; it does nothing once the
// server is closed.
func (s *Server) spawn(f func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f()
	}()
	return true
}

func (s *Server) report(err error) {
	if err != nil && s.o.OnError != nil {
		s.o.OnError(err)
	}
}

// Close stops the server at once: WebSocket and SSE connections are closed,
// reverse dialers and webhook queues stop (queued events are dropped and
// POSTs in flight cancelled; Shutdown delivers them first), background
// actions see their context cancelled, and Close waits for every goroutine
// the server started. Close the Server before shutting down the http.Server
// that mounts it. Close is idempotent; called during Shutdown, it ends the
// webhook deliveries Shutdown is waiting for.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		s.cancel()
		var wg sync.WaitGroup
		for _, c := range s.reverse {
			wg.Add(1)
			go func() { defer wg.Done(); c.Close() }()
		}
		for _, w := range []*transport.WSServer{s.wsAPI, s.wsEvent, s.wsUniversal} {
			if w != nil {
				wg.Add(1)
				go func() { defer wg.Done(); w.Close() }()
			}
		}
		if s.sse != nil {
			s.sse.Close()
		}
		wg.Wait()
		s.wg.Wait()
		if s.ownClient != nil {
			s.ownClient.CloseIdleConnections()
		}
	})
	return nil
}

// Shutdown stops the server gracefully. First it stops taking events:
// Publish and PublishRaw fail from then on with an error wrapping
// transport.ErrClosed (a Publish that returned nil before has queued its
// event everywhere, except in a queue that was full), and new forward WebSocket and SSE connections are
// answered 503. Then it waits until every webhook URL has been posted the
// events queued for it, in order, each with its retries
// (WebhookMaxAttempts) and quick operation, as usual. Finally it closes
// everything as Close does.
//
// Only webhook deliveries are drained: events still queued for WebSocket
// connections (forward or reverse) and SSE subscribers when the
// connections are closed are lost, as with Close. HTTP API requests,
// WebSocket calls and background actions keep being served while the
// webhooks drain.
//
// When ctx ends first, Shutdown closes the server anyway (POSTs in flight
// are cancelled, what is still queued is dropped) and returns ctx's error.
// When Close ends the deliveries first (it may be called meanwhile, or may
// have been called before), Shutdown returns an error wrapping
// transport.ErrClosed. Otherwise it returns nil. Shutdown may be called
// more than once and concurrently; each call waits as described.
func (s *Server) Shutdown(ctx context.Context) error {
	s.pubMu.Lock()
	s.shutting.Store(true)
	s.pubMu.Unlock()
	s.drainOnce.Do(func() { close(s.draining) })
	var err error
	select {
	case <-s.hooksDone:
		if s.undrained.Load() {
			err = fmt.Errorf("onebot11: Shutdown: the server was closed before the webhook deliveries finished: %w", transport.ErrClosed)
		}
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.Close()
	return err
}

// Serve serves s on l until ctx ends or l fails, then closes the server
// (Close), the listener and every HTTP connection (requests still running are
// cut off; their contexts, derived from ctx, are already done). It returns
// ctx.Err() after ctx ends, else the listener's error.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{Handler: s, BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	var err error
	select {
	case <-ctx.Done():
		err = ctx.Err()
	case err = <-errc:
	}
	s.Close()
	hs.Close()
	if ctx.Err() != nil {
		<-errc
	}
	return err
}

// Stats returns the server's counters.
func (s *Server) Stats() ServerStats {
	return ServerStats{
		Published:      s.published.Load(),
		QueueDrops:     s.queueDrops.Load(),
		SlowWebSockets: s.wsAPI.SlowDrops() + s.wsEvent.SlowDrops() + s.wsUniversal.SlowDrops(),
		SlowSSE:        s.sse.Dropped(),
		WebSockets:     len(s.wsAPI.Conns()) + len(s.wsEvent.Conns()) + len(s.wsUniversal.Conns()),
		SSESubscribers: s.sse.Subscribers(),
	}
}

// Publish encodes ev once and sends it to every subscriber: forward
// WebSocket connections on / and /event, SSE subscribers, webhook URLs and
// reverse Universal / Event connections. It never waits for a subscriber
// (see ServerOptions.EventQueue); it fails only when ev does not encode, ctx
// has ended, or Shutdown or Close has begun (an error wrapping
// transport.ErrClosed; the event reaches no subscriber then).
func (s *Server) Publish(ctx context.Context, ev Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	frame, err := encodeValue(ev)
	if err != nil {
		return fmt.Errorf("onebot11: Publish: encoding event: %w", err)
	}
	return s.PublishRaw(ctx, frame)
}

// PublishRaw is Publish for an event already encoded (a JSON object). frame
// is shared with the subscribers and must not be modified afterwards.
// Concurrent calls are fanned out one at a time, so every subscriber sees
// the events in the same order.
func (s *Server) PublishRaw(ctx context.Context, frame []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	if s.shutting.Load() || s.ctx.Err() != nil {
		return errPublishClosed
	}
	s.published.Add(1)
	s.wsEvent.Broadcast(frame)
	s.wsUniversal.Broadcast(frame)
	s.sse.Publish("", frame)
	for _, k := range s.sinks {
		k.offer(frame)
	}
	return nil
}

var errPublishClosed = fmt.Errorf("onebot11: Publish: server closed: %w", transport.ErrClosed)

// runHeartbeat publishes heartbeat meta events until Close.
func (s *Server) runHeartbeat() {
	t := time.NewTicker(s.o.HeartbeatInterval)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
		}
		ev := &HeartbeatMetaEvent{Time: time.Now().Unix(), SelfID: s.o.SelfID, Interval: s.o.HeartbeatInterval.Milliseconds(),
			Status: HeartbeatStatus{Online: true, Good: true}}
		if h, ok := s.mux.lookup(ActionGetStatus); ok {
			if data, err := h.HandleAction(s.ctx, ActionGetStatus, emptyObject); err == nil && !isNull(data) {
				var st HeartbeatStatus
				if err := st.UnmarshalJSON(data); err == nil {
					ev.Status = st
				}
			}
		}
		if err := s.Publish(s.ctx, ev); err != nil && s.ctx.Err() == nil && !errors.Is(err, transport.ErrClosed) {
			s.report(fmt.Errorf("onebot11: heartbeat: %w", err))
		}
	}
}

// connectEvent returns the lifecycle connect meta event.
func (s *Server) connectEvent() []byte {
	b, err := encodeValue(&LifecycleMetaEvent{Time: time.Now().Unix(), SelfID: s.o.SelfID, SubType: LifecycleConnect})
	if err != nil {
		s.report(fmt.Errorf("onebot11: encoding the connect event: %w", err))
		return nil
	}
	return b
}

func (s *Server) sendConnectEvent(send func([]byte) bool) {
	if s.o.NoConnectEvent {
		return
	}
	if b := s.connectEvent(); b != nil {
		send(b)
	}
}

// ServeHTTP serves the HTTP API, forward WebSocket and SSE (see Server).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	upgrade := websocket.IsWebSocketUpgrade(r)
	if s.shutting.Load() && (upgrade || path == "/_events" && r.Method == http.MethodGet) {
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	if upgrade {
		switch path {
		case "":
			s.wsUniversal.ServeHTTP(w, r)
		case "/api":
			s.wsAPI.ServeHTTP(w, r)
		case "/event":
			s.wsEvent.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
		return
	}
	if path == "/_events" && r.Method == http.MethodGet {
		s.sse.ServeHTTP(w, r)
		return
	}
	s.serveAPI(w, r, strings.TrimPrefix(path, "/"))
}

// serveFrame answers one WebSocket request frame.
func (s *Server) serveFrame(ctx context.Context, frame []byte) []byte {
	req, err := parseRequestFrame(frame)
	if err != nil {
		return encodeEnvelope(failure(&ParamsError{Action: req.action, Err: err}), req.echo)
	}
	return encodeEnvelope(s.do(ctx, req.action, req.params), req.echo)
}

// serveConn reads the request frames of a forward WebSocket connection and
// answers each on its own goroutine.
func (s *Server) serveConn(c *transport.ServerConn) {
	s.serveCalls(&RequestInfo{Transport: TransportWebSocket, RemoteAddr: c.RemoteAddr(), Header: c.Header()}, c.Run, c.Send)
}

// serveCalls runs the request frames delivered by run, at most
// MaxConcurrentCalls at once, sending each response with send.
func (s *Server) serveCalls(info *RequestInfo, run func(ctx context.Context, deliver func([]byte)) error, send func(ctx context.Context, frame []byte) error) {
	ctx, cancel := context.WithCancel(context.WithValue(s.ctx, requestInfoKey{}, info))
	defer cancel()
	sem := make(chan struct{}, s.o.MaxConcurrentCalls)
	var wg sync.WaitGroup
	run(ctx, func(frame []byte) {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := send(ctx, s.serveFrame(ctx, frame)); err != nil && ctx.Err() == nil {
				s.report(fmt.Errorf("onebot11: sending a response: %w", err))
			}
		}()
	})
	cancel()
	wg.Wait()
}

// Transports named in RequestInfo.
const (
	TransportHTTP             = "http"
	TransportWebSocket        = "websocket"         // forward WebSocket
	TransportReverseWebSocket = "reverse-websocket" // a connection the server dialed
)

// RequestInfo describes where an action request came from. Handlers get it
// with RequestInfoFromContext; it must not be modified.
type RequestInfo struct {
	// Transport is TransportHTTP, TransportWebSocket or
	// TransportReverseWebSocket.
	Transport string
	// RemoteAddr is the peer's address (for a reverse connection, the URL
	// dialed).
	RemoteAddr string
	// Header holds the HTTP request's or WebSocket handshake's headers (nil
	// for a reverse connection).
	Header http.Header
}

type requestInfoKey struct{}

// RequestInfoFromContext returns the RequestInfo of the request a handler is
// serving (also for _async and _rate_limited actions run later); ok is false
// outside a Server (e.g. ServeMux.HandleAction called directly).
func RequestInfoFromContext(ctx context.Context) (info *RequestInfo, ok bool) {
	info, ok = ctx.Value(requestInfoKey{}).(*RequestInfo)
	return info, ok
}

// reply is one response before encoding.
type reply struct {
	httpStatus       int
	status           string
	retcode          int
	data             json.RawMessage
	message, wording string
}

func failure(err error) reply {
	hs, rc, msg, wd := ErrorResponse(err)
	return reply{httpStatus: hs, status: "failed", retcode: rc, message: msg, wording: wd}
}

var asyncReply = reply{httpStatus: 200, status: "async", retcode: RetcodeAsync}

// do serves one request.
func (s *Server) do(ctx context.Context, action string, params []byte) reply {
	if len(params) == 0 {
		params = emptyObject
	}
	h, base, suffix, ok := s.mux.resolve(action)
	if !ok {
		return failure(unknownAction(action))
	}
	if suffix == "" {
		data, err := h.HandleAction(ctx, base, params)
		if err != nil {
			return failure(err)
		}
		if len(data) == 0 {
			data = nil
		} else if _, typed := h.(preparer); !typed && !jsonx.Valid(data) {
			return failure(fmt.Errorf("onebot11: %s: the handler returned invalid JSON data", action))
		}
		return reply{httpStatus: 200, status: "ok", retcode: RetcodeOK, data: data}
	}
	var run func(ctx context.Context) (json.RawMessage, error)
	if p, ok := h.(preparer); ok {
		var err error
		if run, err = p.prepare(base, params); err != nil {
			return failure(err)
		}
	} else {
		run = func(ctx context.Context) (json.RawMessage, error) { return h.HandleAction(ctx, base, params) }
	}
	bg := s.ctx
	if info, ok := RequestInfoFromContext(ctx); ok {
		// The request may be over before the action runs: keep a copy.
		cp := *info
		cp.Header = info.Header.Clone()
		bg = context.WithValue(bg, requestInfoKey{}, &cp)
	}
	if suffix == SuffixRateLimited {
		select {
		case s.rate <- rateCall{action: action, run: func(context.Context) (json.RawMessage, error) { return run(bg) }}:
			return asyncReply
		default:
			return failure(&APIError{Action: action, Status: "failed", Retcode: RetcodeFailed,
				Message: "rate limit queue full", Wording: "rate limit queue full"})
		}
	}
	if !s.spawn(func() {
		if _, err := run(bg); err != nil {
			s.report(fmt.Errorf("onebot11: %s: %w", action, err))
		}
	}) {
		return failure(fmt.Errorf("server closed: %w", transport.ErrClosed))
	}
	return asyncReply
}

func (s *Server) runRateLimited() {
	t := time.NewTimer(0)
	defer t.Stop()
	<-t.C
	for {
		var c rateCall
		select {
		case <-s.ctx.Done():
			return
		case c = <-s.rate:
		}
		if _, err := c.run(s.ctx); err != nil {
			s.report(fmt.Errorf("onebot11: %s: %w", c.action, err))
		}
		t.Reset(s.o.RateLimitInterval)
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
		}
	}
}

// encodeEnvelope writes the response document: status, retcode, data,
// message, wording, and echo when the request carried one.
func encodeEnvelope(r reply, echo []byte) []byte {
	data := r.data
	if len(data) == 0 {
		data = nullJSON
	}
	b := make([]byte, 0, len(data)+len(r.message)+len(r.wording)+len(echo)+80)
	b = append(b, `{"status":`...)
	b = strconv.AppendQuote(b, r.status)
	b = append(b, `,"retcode":`...)
	b = strconv.AppendInt(b, int64(r.retcode), 10)
	b = append(b, `,"data":`...)
	b = append(b, data...)
	b = append(b, `,"message":`...)
	b = appendJSONString(b, r.message)
	b = append(b, `,"wording":`...)
	b = appendJSONString(b, r.wording)
	if len(echo) > 0 {
		b = append(b, `,"echo":`...)
		b = append(b, echo...)
	}
	return append(b, '}')
}

var nullJSON = []byte("null")

func appendJSONString(b []byte, s string) []byte {
	if s == "" {
		return append(b, `""`...)
	}
	w := jsonx.GetWriter()
	w.String(s)
	b = append(b, w.B...)
	jsonx.PutWriter(w)
	return b
}
