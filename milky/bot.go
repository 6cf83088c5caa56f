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
// [Dial] (or [NewBot]), then call [Bot.Run] with a [Handler] (usually a
// [Mux]). The API
// methods of the embedded Client may be called at any time, from handlers
// too. Safe for concurrent use.
type Bot struct {
	*Client

	src         transport.Source
	closeIdle   func() // closes the idle connections of the Bot's own HTTP transport
	concurrency int
	onError     func(ev Event, err error)
	logger      *slog.Logger

	mu      sync.Mutex
	running bool
	closed  bool
	cancel  context.CancelCauseFunc
	done    chan struct{}
}

// BotOptions configures a [Bot] and its event connection. A nil
// *BotOptions is the zero value, which is usable.
type BotOptions struct {
	// AccessToken is sent as "Authorization: Bearer" on every API call and
	// on the event connection.
	AccessToken string
	// TokenInQuery sends the access token of the event connection as the
	// access_token query parameter instead (Milky allows this on /event
	// only; API calls always use the header).
	TokenInQuery bool
	// Events selects how events are received from {base}/event (default
	// EventsAuto).
	Events EventMode
	// Source, when set, replaces {base}/event as the source of events,
	// e.g. a [WebhookReceiver]. The Bot does not own it.
	Source transport.Source
	// Concurrency bounds the handlers running at once (default
	// DefaultConcurrency; 1 handles events one at a time, in order). When
	// the bound is reached, delivery pauses until a handler finishes: SSE
	// and webhook reading waits (webhook POSTs are answered 503 once the
	// receiver's queue is full), while the WebSocket reader keeps reading to
	// stay alive and queues the frames: WS.EventQueue of them
	// (transport.DefaultEventQueue), then more in a backlog of up to
	// WS.EventBacklog bytes (transport.DefaultEventBacklog, 64 MiB); only
	// beyond that are frames dropped (counted by [Bot.Dropped] and logged
	// at error level).
	Concurrency int
	// OnError receives every handler error, recovered handler panic (as a
	// [*PanicError]) and frame that is not an event (ev is nil then). It is
	// called from handler goroutines, possibly concurrently. When nil,
	// errors go to Logger at error level.
	OnError func(ev Event, err error)
	// OnConnect is called when the event connection is established (with
	// the mode in use), OnDisconnect when it ends or a connection attempt
	// fails (with the cause; a failed EventsAuto probe reports EventsAuto).
	// They run on internal goroutines and must not block. They are not
	// called for a Source given here.
	OnConnect    func(mode EventMode)
	OnDisconnect func(mode EventMode, err error)
	// IdleTimeout, when positive, reconnects the event connection
	// (WebSocket or SSE) when no event arrived for that long while
	// connected. It is off by default: Milky sends no heartbeats, so a quiet
	// account legitimately receives nothing for hours and a short idle
	// timeout would only cause needless reconnects. Use it (with minutes,
	// not seconds) for SSE behind proxies that silently stall streams,
	// where no ping detects a dead peer.
	IdleTimeout time.Duration
	// Backoff paces reconnects of the event connection and retries of the
	// EventsAuto probe (zero: transport.DefaultBackoff). WS.Backoff, when
	// set, takes precedence for the WebSocket.
	Backoff transport.Backoff
	// HTTPClient performs API calls, the SSE stream and the EventsAuto
	// probe. Its Timeout must be zero (it would cut the SSE stream); bound
	// API calls with their contexts instead. When nil the Bot uses its own
	// transport, whose idle connections [Bot.Close] closes.
	HTTPClient *http.Client
	// WS tunes the event WebSocket: Dialer, PingInterval and ReadTimeout
	// (liveness: a WebSocket answering neither frames nor pongs within
	// ReadTimeout is reconnected; this is the liveness check of the
	// WebSocket mode, as Milky has no heartbeat events), WriteTimeout,
	// ReadLimit, EventQueue, EventBacklog, Backoff, Header and Logger. Token,
	// TokenInQuery, EventsOnly and the hooks are set by the Bot. May be nil.
	WS *transport.WSOptions
	// Logger receives connection lifecycle messages and, without OnError,
	// handler errors; nil logs nothing.
	Logger *slog.Logger
	// ClientOptions configure the embedded [Client].
	ClientOptions []Option
}

func (o *BotOptions) orZero() *BotOptions {
	if o == nil {
		return &BotOptions{}
	}
	return o
}

// Dial returns a Bot for the Milky implementation at base, e.g.
// "http://127.0.0.1:3000" or, with a path prefix,
// "http://127.0.0.1:3000/milky". Like grpc.Dial it connects lazily:
// nothing is sent until an API call or [Bot.Run]. API calls go to
// POST {base}/api/{name}; events come from GET {base}/event as chosen by
// BotOptions.Events, or from BotOptions.Source. o may be nil.
//
// [EventsAuto] decides once per Run with one WebSocket handshake request
// to {base}/event: a 101 answer selects WebSocket for the whole Run (the
// probe connection is closed and the real one opened at once); a 2xx
// answer (an SSE-only server streaming text/event-stream), 400, 404, 405,
// 406, 415 or 426 selects SSE for the whole Run; 401 and 403 end Run with
// the *transport.StatusError; network errors and any other status are
// retried with backoff until the server gives one of those answers.
//
// Reconnects use exponential backoff with jitter (BotOptions.Backoff).
// Liveness: WebSocket pings (BotOptions.WS) and an optional idle timeout
// (BotOptions.IdleTimeout); the Bot never sends heartbeat frames of its
// own, since Milky defines none. A WebSocket handshake answered 401 or
// 403, or a WebSocket closed by the server with code 1008, ends Run with
// an error matching transport.ErrUnauthorized (or ErrForbidden).
func Dial(base string, o *BotOptions) (*Bot, error) {
	o = o.orZero()
	if o.Events < EventsAuto || o.Events > EventsSSE {
		return nil, fmt.Errorf("milky: unknown %v", o.Events)
	}
	if o.Concurrency < 0 {
		return nil, fmt.Errorf("milky: negative concurrency %d", o.Concurrency)
	}
	apiBase, eventURL, err := apiAndEventURLs(base)
	if err != nil {
		return nil, err
	}
	hc, own := o.HTTPClient, false
	if hc == nil {
		hc, own = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}, true
	}
	caller, err := transport.NewMilkyHTTPCaller(apiBase, &transport.HTTPOptions{Token: o.AccessToken, Client: hc})
	if err != nil {
		return nil, fmt.Errorf("milky: %w", err)
	}
	src := o.Source
	if src == nil {
		src = &eventConn{
			mode:         o.Events,
			eventURL:     eventURL,
			token:        o.AccessToken,
			tokenInQuery: o.TokenInQuery,
			httpClient:   hc,
			ws:           o.WS,
			backoff:      o.Backoff,
			idle:         o.IdleTimeout,
			onConnect:    o.OnConnect,
			onDisconnect: o.OnDisconnect,
			logger:       o.Logger,
		}
	}
	b := NewBot(caller, src, o)
	if own {
		b.closeIdle = hc.CloseIdleConnections
	}
	return b, nil
}

// NewBot pairs a Caller (the implementation's API, e.g.
// transport.NewMilkyHTTPCaller) with a Source (its events) into a Bot.
// The connection fields of o (AccessToken, Events, HTTPClient, WS, ...)
// are not used: c and src are ready. src may be nil for a Bot that only
// calls APIs (Run then fails). The Bot does not own c or src.
func NewBot(c transport.Caller, src transport.Source, o *BotOptions) *Bot {
	o = o.orZero()
	b := &Bot{
		Client:      NewClient(c, o.ClientOptions...),
		src:         src,
		concurrency: o.Concurrency,
		onError:     o.OnError,
		logger:      o.Logger,
	}
	if b.concurrency <= 0 {
		b.concurrency = DefaultConcurrency
	}
	return b
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

// FromContext returns the Bot whose [Bot.Run] called the handler that
// received ctx, or nil.
func FromContext(ctx context.Context) *Bot {
	b, _ := ctx.Value(botKey{}).(*Bot)
	return b
}

// Run receives events and calls h for each on its own goroutine, at most
// BotOptions.Concurrency at once, with a context derived from ctx that
// carries the Bot ([FromContext]) and is cancelled when h returns.
// Events of unknown types are delivered as *UnknownEvent. Handler errors
// and panics (recovered) and frames that are not events go to
// BotOptions.OnError; they never stop Run.
//
// Run returns when ctx ends (ctx.Err()), when [Bot.Close] is called
// ([ErrBotClosed]) or when the event source fails for good (e.g. a
// rejected token), always after every handler it started has returned.
// Only one Run may be active at a time.
func (b *Bot) Run(ctx context.Context, h Handler) error {
	if h == nil {
		return errors.New("milky: Bot.Run: nil handler")
	}
	if b.src == nil {
		return errors.New("milky: Bot.Run: the Bot has no event source")
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
			b.report(nil, fmt.Errorf("milky: bad event frame: %w", err))
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
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			b.report(ev, &PanicError{Value: v, Stack: debug.Stack()})
		}
	}()
	if err := h.HandleEvent(ctx, ev); err != nil {
		b.report(ev, err)
	}
}

func (b *Bot) report(ev Event, err error) {
	if b.onError != nil {
		b.onError(ev, err)
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

// Dropped counts WebSocket event frames dropped because handlers fell
// behind by more than the event backlog (64 MiB by default; see
// BotOptions.Concurrency). SSE reading waits instead of dropping, and a
// [WebhookReceiver] answers a POST it cannot queue with 503; neither is
// counted here.
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
	if b.closeIdle != nil {
		b.closeIdle()
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

// ReplyQuote is [Bot.Reply] quoting the received message.
func (b *Bot) ReplyQuote(ctx context.Context, ev *MessageReceiveEvent, segs ...OutgoingSegment) (*SentMessage, error) {
	return b.ReplyWith(ctx, ev, ReplyOptions{Quote: true}, segs...)
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
