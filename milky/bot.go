package milky

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// DefaultConcurrency is the default bound on handlers running at once in
// [Bot.Run].
const DefaultConcurrency = 64

var (
	// ErrBotClosed is returned by [Bot.Run] after [Bot.Close]. It wraps
	// transport.ErrClosed.
	ErrBotClosed = fmt.Errorf("milky: bot closed: %w", transport.ErrClosed)
	// ErrTempSend is returned when replying in the temp scene: Milky 1.2
	// has send_private_message and send_group_message but no API to send
	// a temp-session message.
	ErrTempSend = errors.New("milky: Milky 1.2 has no API to send a temp-session message")
	// ErrUnknownScene is returned when sending to a message scene other than
	// friend, group or temp.
	ErrUnknownScene = errors.New("milky: unknown message scene")
)

// Bot is a [Client] for {base}/api/ plus an event source: a WebSocket or
// SSE connection to {base}/event, or a [WebhookReceiver]. Build it with
// [Dial], then call [Bot.Run] with a [Handler] (usually a [Mux]). The API
// methods of the embedded Client may be called at any time, from handlers
// too. Safe for concurrent use.
type Bot struct {
	*Client

	src         transport.Source
	httpClient  *http.Client
	ownHTTP     bool
	concurrency int
	onError     func(ctx context.Context, ev Event, err error)
	logger      *slog.Logger

	mu      sync.Mutex
	running bool
	closed  bool
	cancel  context.CancelCauseFunc
	done    chan struct{}
}

// BotOption configures a [Bot].
type BotOption func(*botConfig)

type botConfig struct {
	token        string
	tokenInQuery bool
	mode         EventMode
	src          transport.Source
	httpClient   *http.Client
	dialer       *websocket.Dialer
	backoff      transport.Backoff
	ping         time.Duration
	idle         time.Duration
	concurrency  int
	onError      func(ctx context.Context, ev Event, err error)
	onConnect    func(EventMode)
	onDisconnect func(EventMode, error)
	logger       *slog.Logger
	clientOpts   []Option
}

// WithAccessToken sets the access token, sent as "Authorization: Bearer"
// on every API call and on the event connection.
func WithAccessToken(token string) BotOption {
	return func(c *botConfig) { c.token = token }
}

// WithTokenInQuery sends the access token of the event connection as the
// access_token query parameter instead of a header (Milky allows this on
// /event only; API calls always use the header).
func WithTokenInQuery() BotOption {
	return func(c *botConfig) { c.tokenInQuery = true }
}

// WithEventMode selects how events are received from {base}/event
// (default [EventsAuto]).
func WithEventMode(m EventMode) BotOption {
	return func(c *botConfig) { c.mode = m }
}

// WithEventSource makes the Bot receive events from src instead of
// {base}/event, e.g. a [WebhookReceiver].
func WithEventSource(src transport.Source) BotOption {
	return func(c *botConfig) { c.src = src }
}

// WithHTTPClient sets the HTTP client for API calls, SSE and the
// [EventsAuto] probe. Its Timeout must be zero (it would cut the SSE
// stream); bound API calls with their contexts instead. Without it the Bot
// uses its own transport, whose idle connections [Bot.Close] closes.
func WithHTTPClient(hc *http.Client) BotOption {
	return func(c *botConfig) { c.httpClient = hc }
}

// WithWebSocketDialer sets the dialer of the event WebSocket (TLS
// settings, proxy, handshake timeout).
func WithWebSocketDialer(d *websocket.Dialer) BotOption {
	return func(c *botConfig) { c.dialer = d }
}

// WithBackoff paces reconnects of the event connection (zero:
// transport.DefaultBackoff).
func WithBackoff(b transport.Backoff) BotOption {
	return func(c *botConfig) { c.backoff = b }
}

// WithPingInterval sets the WebSocket ping period (default
// transport.DefaultPingInterval; negative disables pings). A WebSocket
// that answers neither frames nor pongs for twice the period (at least
// transport.DefaultReadTimeout) is treated as dead and reconnected. This is
// the liveness check of the WebSocket mode: Milky has no heartbeat events.
func WithPingInterval(d time.Duration) BotOption {
	return func(c *botConfig) { c.ping = d }
}

// WithIdleTimeout reconnects the event connection (WebSocket or SSE) when
// no event arrived for d while connected. It is off by default: Milky sends
// no heartbeats, so a quiet account legitimately receives nothing for
// hours, and a short idle timeout would only cause needless reconnects.
// Use it (with minutes, not seconds) for SSE behind proxies that silently
// stall streams, where there is no ping to detect a dead peer.
func WithIdleTimeout(d time.Duration) BotOption {
	return func(c *botConfig) { c.idle = d }
}

// WithConcurrency bounds the handlers running at once (default
// [DefaultConcurrency]; 1 handles events one at a time, in order). When
// the bound is reached, delivery pauses until a handler finishes: SSE and
// webhook reading waits (webhook POSTs are answered 503 once the
// receiver's queue is full), while the WebSocket reader keeps reading to
// stay alive and queues up to transport.DefaultEventQueue frames, then
// drops frames (counted by [Bot.Dropped]).
func WithConcurrency(n int) BotOption {
	return func(c *botConfig) { c.concurrency = n }
}

// WithErrorHandler sets the function told about every handler error,
// every recovered handler panic (as a [*PanicError]) and every frame that
// is not a valid event (ev is nil then). It is called on the handler's
// goroutine. Without it errors go to the logger, if any.
func WithErrorHandler(f func(ctx context.Context, ev Event, err error)) BotOption {
	return func(c *botConfig) { c.onError = f }
}

// WithConnectHooks sets functions called when the event connection is
// established (with the mode in use) and when it ends or a connection
// attempt fails (with the cause; a failed [EventsAuto] probe reports
// EventsAuto). They run on internal goroutines and must not block. They
// are not called for a source given to [WithEventSource].
func WithConnectHooks(onConnect func(EventMode), onDisconnect func(EventMode, error)) BotOption {
	return func(c *botConfig) { c.onConnect, c.onDisconnect = onConnect, onDisconnect }
}

// WithBotLogger sets the logger for connection lifecycle messages and
// unhandled errors; the Bot logs nothing without it.
func WithBotLogger(l *slog.Logger) BotOption {
	return func(c *botConfig) { c.logger = l }
}

// WithClientOptions passes options to the embedded [Client].
func WithClientOptions(opts ...Option) BotOption {
	return func(c *botConfig) { c.clientOpts = append(c.clientOpts, opts...) }
}

// Dial returns a Bot for the Milky implementation at base, e.g.
// "http://127.0.0.1:3000" or, with a path prefix,
// "http://127.0.0.1:3000/milky". Like grpc.Dial it connects lazily:
// nothing is sent until an API call or [Bot.Run]. API calls go to
// POST {base}/api/{name}; events come from GET {base}/event as chosen by
// [WithEventMode], or from the source given to [WithEventSource].
//
// [EventsAuto] decides once per Run with one WebSocket handshake request
// to {base}/event: a 101 answer selects WebSocket for the whole Run (the
// probe connection is closed and the real one opened at once); a 2xx
// answer (an SSE-only server streaming text/event-stream), 400, 404, 405,
// 406, 415 or 426 selects SSE for the whole Run; 401 and 403 end Run with
// the *transport.StatusError; network errors and any other status are
// retried with backoff until the server gives one of those answers.
//
// Reconnects use exponential backoff with jitter (see [WithBackoff]).
// Liveness: WebSocket pings (see [WithPingInterval]) and an optional idle
// timeout ([WithIdleTimeout]); the Bot never sends heartbeat frames of its
// own, since Milky defines none. A WebSocket handshake answered 401 or
// 403, or a WebSocket closed by the server with code 1008, ends Run with
// an error matching transport.ErrUnauthorized (or ErrForbidden).
func Dial(base string, opts ...BotOption) (*Bot, error) {
	cfg := botConfig{concurrency: DefaultConcurrency}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.mode < EventsAuto || cfg.mode > EventsSSE {
		return nil, fmt.Errorf("milky: unknown %v", cfg.mode)
	}
	if cfg.concurrency <= 0 {
		return nil, fmt.Errorf("milky: concurrency must be positive, got %d", cfg.concurrency)
	}
	apiBase, eventURL, err := apiAndEventURLs(base)
	if err != nil {
		return nil, err
	}
	b := &Bot{
		httpClient:  cfg.httpClient,
		concurrency: cfg.concurrency,
		onError:     cfg.onError,
		logger:      cfg.logger,
	}
	if b.httpClient == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		b.httpClient = &http.Client{Transport: tr}
		b.ownHTTP = true
	}
	caller, err := transport.NewMilkyHTTPCaller(apiBase, &transport.HTTPOptions{Token: cfg.token, Client: b.httpClient})
	if err != nil {
		return nil, fmt.Errorf("milky: %w", err)
	}
	b.Client = NewClient(caller, cfg.clientOpts...)
	b.src = cfg.src
	if b.src == nil {
		b.src = &eventConn{
			mode:         cfg.mode,
			eventURL:     eventURL,
			token:        cfg.token,
			tokenInQuery: cfg.tokenInQuery,
			httpClient:   b.httpClient,
			dialer:       cfg.dialer,
			backoff:      cfg.backoff,
			ping:         cfg.ping,
			idle:         cfg.idle,
			onConnect:    cfg.onConnect,
			onDisconnect: cfg.onDisconnect,
			logger:       cfg.logger,
		}
	}
	return b, nil
}

// Handler handles one event.
type Handler interface {
	HandleEvent(ctx context.Context, ev Event) error
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc func(ctx context.Context, ev Event) error

// HandleEvent calls f.
func (f HandlerFunc) HandleEvent(ctx context.Context, ev Event) error { return f(ctx, ev) }

// PanicError is a panic recovered from a handler.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the handler goroutine's stack at the panic
}

// Error describes the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("milky: handler panic: %v", e.Value) }

// Unwrap returns the panic value if it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

type botKey struct{}

// BotFromContext returns the Bot whose [Bot.Run] called the handler that
// received ctx, or nil.
func BotFromContext(ctx context.Context) *Bot {
	b, _ := ctx.Value(botKey{}).(*Bot)
	return b
}

// Run receives events and calls h for each on its own goroutine, at most
// the configured concurrency at once (see [WithConcurrency]), with a
// context derived from ctx that also carries the Bot ([BotFromContext]).
// Events of unknown types are delivered as *UnknownEvent. Handler errors
// and panics (recovered) and frames that are not events go to the error
// handler ([WithErrorHandler]); they never stop Run.
//
// Run returns when ctx ends (ctx.Err()), when [Bot.Close] is called
// ([ErrBotClosed]) or when the event source fails for good (e.g. a
// rejected token), always after every handler it started has returned.
// Only one Run may be active at a time.
func (b *Bot) Run(ctx context.Context, h Handler) error {
	if h == nil {
		return errors.New("milky: Bot.Run: nil handler")
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	b.mu.Lock()
	switch {
	case b.closed:
		b.mu.Unlock()
		return ErrBotClosed
	case b.running:
		b.mu.Unlock()
		return errors.New("milky: Bot.Run already running")
	}
	b.running, b.cancel, b.done = true, cancel, make(chan struct{})
	done := b.done
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.running, b.cancel = false, nil
		b.mu.Unlock()
		close(done)
	}()

	hctx := context.WithValue(ctx, botKey{}, b)
	sem := make(chan struct{}, b.concurrency)
	var wg sync.WaitGroup
	deliver := func(frame []byte) {
		ev, err := ParseEvent(frame)
		if err != nil {
			b.report(hctx, nil, fmt.Errorf("milky: bad event frame: %w", err))
			return
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			b.handle(hctx, h, ev)
		}()
	}
	err := b.src.Run(ctx, deliver)
	wg.Wait()
	if cause := context.Cause(ctx); errors.Is(cause, ErrBotClosed) {
		return ErrBotClosed
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil {
		err = errors.New("milky: event source stopped")
	}
	return err
}

func (b *Bot) handle(ctx context.Context, h Handler, ev Event) {
	defer func() {
		if v := recover(); v != nil {
			b.report(ctx, ev, &PanicError{Value: v, Stack: debug.Stack()})
		}
	}()
	if err := h.HandleEvent(ctx, ev); err != nil {
		b.report(ctx, ev, err)
	}
}

func (b *Bot) report(ctx context.Context, ev Event, err error) {
	if b.onError != nil {
		b.onError(ctx, ev, err)
		return
	}
	if b.logger != nil {
		typ := ""
		if ev != nil {
			typ = ev.EventType()
		}
		b.logger.Error("milky: event handler failed", "event_type", typ, "err", err)
	}
}

// Dropped counts events dropped because handlers were too slow (see
// [WithConcurrency]).
func (b *Bot) Dropped() uint64 {
	if c, ok := b.src.(*eventConn); ok {
		return c.dropped.Load()
	}
	return 0
}

// Close stops a running [Bot.Run] (which returns [ErrBotClosed] once its
// handlers have returned), waits for it, and closes the idle HTTP
// connections of the Bot's own transport. Later Runs fail with
// ErrBotClosed. Close is idempotent; the API methods keep working.
func (b *Bot) Close() error {
	b.mu.Lock()
	b.closed = true
	cancel, done := b.cancel, b.done
	b.mu.Unlock()
	if cancel != nil {
		cancel(ErrBotClosed)
		<-done
	}
	if b.ownHTTP {
		b.httpClient.CloseIdleConnections()
	}
	return nil
}

// SentMessage identifies a message the Bot sent: Milky addresses messages
// by (scene, peer, seq).
type SentMessage struct {
	Scene      string // SceneFriend or SceneGroup
	PeerID     int64  // the friend's QQ number or the group number
	MessageSeq int64
	Time       int64 // Unix seconds
}

// Send sends segs to a conversation: send_private_message for
// [SceneFriend] (peerID is the user), send_group_message for [SceneGroup]
// (peerID is the group). [SceneTemp] fails with [ErrTempSend] (Milky 1.2
// has no temp-session send API); any other scene with [ErrUnknownScene].
func (b *Bot) Send(ctx context.Context, scene string, peerID int64, segs ...OutgoingSegment) (*SentMessage, error) {
	if len(segs) == 0 {
		return nil, fmt.Errorf("%w: nothing to send", ErrBadSegments)
	}
	switch scene {
	case SceneFriend:
		r, err := b.SendPrivateMessage(ctx, &SendPrivateMessageParams{UserID: peerID, Message: segs})
		if err != nil {
			return nil, err
		}
		return &SentMessage{Scene: scene, PeerID: peerID, MessageSeq: r.MessageSeq, Time: r.Time}, nil
	case SceneGroup:
		r, err := b.SendGroupMessage(ctx, &SendGroupMessageParams{GroupID: peerID, Message: segs})
		if err != nil {
			return nil, err
		}
		return &SentMessage{Scene: scene, PeerID: peerID, MessageSeq: r.MessageSeq, Time: r.Time}, nil
	case SceneTemp:
		return nil, fmt.Errorf("%w (peer %d)", ErrTempSend, peerID)
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownScene, scene)
}

// ReplyOptions adds to a reply.
type ReplyOptions struct {
	// Quote starts the reply with a reply segment quoting the received
	// message (its message_seq).
	Quote bool
	// Mention mentions the sender after the quote, followed by a space, in
	// the group scene (ignored in private chats).
	Mention bool
}

// Reply answers a received message in its conversation: to the friend,
// or to the group. A temp-scene message fails with [ErrTempSend].
func (b *Bot) Reply(ctx context.Context, ev *MessageReceiveEvent, segs ...OutgoingSegment) (*SentMessage, error) {
	return b.ReplyWith(ctx, ev, ReplyOptions{}, segs...)
}

// ReplyWith is [Bot.Reply] with options (quote the message, mention the
// sender).
func (b *Bot) ReplyWith(ctx context.Context, ev *MessageReceiveEvent, o ReplyOptions, segs ...OutgoingSegment) (*SentMessage, error) {
	if ev == nil {
		return nil, errors.New("milky: reply to a nil event")
	}
	m := &ev.Data
	if len(segs) == 0 {
		return nil, fmt.Errorf("%w: nothing to send", ErrBadSegments)
	}
	if o.Quote || (o.Mention && m.MessageScene == SceneGroup) {
		out := make([]OutgoingSegment, 0, len(segs)+3)
		if o.Quote {
			out = append(out, Reply(m.MessageSeq))
		}
		if o.Mention && m.MessageScene == SceneGroup {
			out = append(out, Mention(m.SenderID), Text(" "))
		}
		segs = append(out, segs...)
	}
	return b.Send(ctx, m.MessageScene, m.PeerID, segs...)
}
