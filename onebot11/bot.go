package onebot11

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/duobot/duobot/transport"
)

// DefaultConcurrency is how many handlers a Bot runs at once when
// BotOptions.Concurrency is zero.
const DefaultConcurrency = 64

// ErrNoSource is returned by Bot.Run when the bot has no event source (a
// Bot made by NewBot with a nil Source).
var ErrNoSource = errors.New("onebot11: bot has no event source")

// ErrRunning is returned by Bot.Run when another Run of the same bot is
// active.
var ErrRunning = errors.New("onebot11: bot is already running")

// ErrNotHandling is returned by helpers that need an event handler's
// context (SetQuickOperation) when given another context.
var ErrNotHandling = errors.New("onebot11: context is not an event handler's context")

// BotOptions configures a Bot and the connection it is made with. A nil
// *BotOptions is the zero value, which is usable.
type BotOptions struct {
	// AccessToken authenticates us to the implementation (sent as
	// "Authorization: Bearer") in the modes where we are the client, and
	// is required of the implementation (Bearer / Token header or
	// ?access_token=) by a ReverseServer. Empty disables the check.
	// Webhook POSTs are checked with Secret instead.
	AccessToken string
	// Secret, for a webhook bot, requires "X-Signature: sha1=<hex>" (the
	// HMAC-SHA1 of the raw body keyed with Secret) on every POST: missing
	// is 401, wrong is 403. Empty disables the check.
	Secret string
	// SelfID is the bot's account when it is known in advance (0: learn it
	// from X-Self-ID, events or get_login_info).
	SelfID int64
	// Concurrency bounds the handlers running at once per bot (default
	// DefaultConcurrency). With 1, events are handled one at a time in
	// arrival order. When the bound is reached, delivery pauses until a
	// handler finishes: SSE reading waits, webhook POSTs wait for their
	// turn, and a WebSocket reader keeps reading to stay alive and queues
	// the frames: WS.EventQueue of them (transport.DefaultEventQueue),
	// then more in a backlog of up to WS.EventBacklog bytes
	// (transport.DefaultEventBacklog, 64 MiB); only beyond that are frames
	// dropped (and logged to Logger at error level).
	Concurrency int
	// OnError receives every handler error, recovered handler panic (as a
	// *PanicError), failed quick operation and undecodable event frame (ev
	// is nil then). It is called from handler goroutines, possibly
	// concurrently. When nil, errors go to Logger at error level.
	OnError func(ev Event, err error)
	// Logger receives connection and handler diagnostics; nil logs nothing.
	Logger *slog.Logger
	// ClientOptions configure the bot's Client.
	ClientOptions []Option
	// HTTPClient performs HTTP API calls and SSE streams (nil:
	// http.DefaultClient). Its Timeout must be zero for SSE.
	HTTPClient *http.Client
	// WebhookAsync makes a webhook bot answer each POST with 204 as soon
	// as the event is queued for a handler, instead of after the handler
	// returned (implementations time out slow replies and retry, which
	// duplicates events). Quick operations then go through
	// .handle_quick_operation like in the other modes.
	WebhookAsync bool
	// WebhookDedup, when positive, makes a webhook bot remember that many
	// recent POST bodies and answer a POST repeating one of them with 204
	// without handling it again: implementations retry POSTs that time out
	// (go-cqhttp's max-retries), which would otherwise deliver the event
	// twice. Events carry their time and ids, so distinct events differ.
	WebhookDedup int
	// WS tunes the WebSocket connections we dial (forward WebSocket) or
	// accept (reverse WebSocket: its ReadLimit, PingInterval, ReadTimeout,
	// WriteTimeout, SendQueue, EventQueue and EventBacklog apply). Token is
	// taken from AccessToken when empty. May be nil.
	WS *transport.WSOptions
}

func (o *BotOptions) orZero() *BotOptions {
	if o == nil {
		return &BotOptions{}
	}
	return o
}

// Bot is one OneBot 11 account: a *Client for every action paired with the
// source of its events, and the account's self id. The same handler code
// runs unchanged whichever connection mode made the Bot (DialHTTP, DialWS,
// DialWSSplit, ReverseServer, NewWebhookBot, NewBot).
//
// A Bot is safe for concurrent use; only one Run may be active at a time.
type Bot struct {
	*Client

	opts   BotOptions
	source transport.Source
	closer func() error

	selfID  atomic.Int64
	known   chan struct{} // closed once the self id is known
	knownMu sync.Once

	sent recentSet // ids of the bot's own messages

	running atomic.Bool
	push    atomic.Pointer[dispatcher] // set while Run is active on a push bot (webhook)
	// quickInline is true when quick operations are answered by the
	// transport itself (webhook reply body) rather than the API.
	quickInline bool
}

// NewBot pairs a Caller (the implementation's API) with a Source (its
// events) into a Bot. src may be nil for a bot that only calls actions.
// The bot does not own c or src: Close does not close them.
func NewBot(c transport.Caller, src transport.Source, o *BotOptions) *Bot {
	return newBot(c, src, nil, o)
}

func newBot(c transport.Caller, src transport.Source, closer func() error, o *BotOptions) *Bot {
	b := &Bot{opts: *o.orZero(), source: src, closer: closer, known: make(chan struct{})}
	b.sent.init(sentIDCapacity)
	b.Client = NewClient(&recordingCaller{c: c, b: b}, b.opts.ClientOptions...)
	if b.opts.SelfID != 0 {
		b.setSelfID(b.opts.SelfID)
	}
	return b
}

// SelfID returns the bot's account, or 0 while it is unknown.
func (b *Bot) SelfID() int64 { return b.selfID.Load() }

func (b *Bot) setSelfID(id int64) {
	if id == 0 {
		return
	}
	b.selfID.Store(id)
	b.knownMu.Do(func() { close(b.known) })
}

// WaitSelfID returns the bot's account. When it is not known yet (no
// X-Self-ID header, no event received), it asks the implementation with
// get_login_info while also watching incoming events (Run must be active
// for those), and returns whichever answers first. It never waits for a
// lifecycle event alone: it returns when the self id is learnt, when
// get_login_info fails and ctx ends, or when ctx ends.
func (b *Bot) WaitSelfID(ctx context.Context) (int64, error) {
	if id := b.SelfID(); id != 0 {
		return id, nil
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type answer struct {
		id  int64
		err error
	}
	res := make(chan answer, 1)
	go func() {
		r, err := b.GetLoginInfo(cctx, nil)
		if err == nil && r.UserID == 0 {
			err = errors.New("onebot11: get_login_info returned no user_id")
		}
		if err != nil {
			res <- answer{err: err}
			return
		}
		res <- answer{id: r.UserID}
	}()
	var callErr error
	for {
		select {
		case <-b.known:
			cancel()
			if callErr == nil {
				<-res
			}
			return b.SelfID(), nil
		case a := <-res:
			if a.err == nil {
				b.setSelfID(a.id)
				return b.SelfID(), nil
			}
			// get_login_info failed: an event or header may still tell.
			callErr = a.err
			res = nil
		case <-ctx.Done():
			if callErr == nil {
				<-res
				return 0, fmt.Errorf("onebot11: waiting for the self id: %w", ctx.Err())
			}
			return 0, fmt.Errorf("onebot11: waiting for the self id: %w (get_login_info: %w)", ctx.Err(), callErr)
		}
	}
}

// Close closes the connections the bot owns (those DialWS and DialWSSplit
// opened): pending calls fail with transport.ErrClosed and Run returns.
// Other bots hold no connection between calls (DialHTTP: the SSE stream
// lives as long as Run) or do not own theirs (ReverseServer, NewBot,
// NewWebhookBot); Close is a no-op for them. Close is idempotent.
func (b *Bot) Close() error {
	if b.closer == nil {
		return nil
	}
	return b.closer()
}

// PanicError is a recovered handler panic, reported to BotOptions.OnError.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error describes the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("onebot11: handler panic: %v", e.Value) }

// Unwrap returns the panic value when it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Run delivers the bot's events to h until ctx ends, then waits for the
// handlers in flight and returns ctx.Err(). It returns earlier, also after
// the handlers in flight finish, when the source fails for good (a refused
// handshake, a closed bot).
//
// Every frame is decoded with ParseEvent (unknown types are delivered as
// *UnknownEvent); frames that are not JSON objects are reported to OnError.
// Each event is handled on its own goroutine, at most Concurrency at once
// (when all are busy, delivery waits; see BotOptions.Concurrency). A
// handler's context derives from ctx, carries the Bot (FromContext) and is
// cancelled when the handler returns; a panicking handler is recovered and
// reported as a *PanicError, and the bot keeps running. A quick operation
// set by a handler (SetQuickOperation) is performed after it returns nil.
func (b *Bot) Run(ctx context.Context, h Handler) error {
	if !b.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer b.running.Store(false)
	d := newDispatcher(b, h, ctx)
	defer d.wait()
	if b.quickInline {
		b.push.Store(d)
		defer b.push.Store(nil)
		<-ctx.Done()
		return ctx.Err()
	}
	if b.source == nil {
		return ErrNoSource
	}
	err := b.source.Run(ctx, d.deliverAsync)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// report sends err to OnError or the logger.
func (b *Bot) report(ev Event, err error) {
	if b.opts.OnError != nil {
		b.opts.OnError(ev, err)
		return
	}
	if l := b.opts.Logger; l != nil {
		args := []any{"err", err, "self_id", b.SelfID()}
		if ev != nil {
			args = append(args, "post_type", ev.PostType(), "detail_type", ev.DetailType())
		}
		var pe *PanicError
		if errors.As(err, &pe) {
			args = append(args, "stack", string(pe.Stack))
		}
		l.Error("onebot11: event handling failed", args...)
	}
}

// observe learns from an event before it is handled: the self id, and the
// ids of the bot's own messages.
func (b *Bot) observe(ev Event) {
	b.setSelfID(ev.Header().SelfID)
	if me, ok := ev.(MessageEvent); ok && me.IsSelfSent() {
		if id := me.Source().MessageID; id != 0 {
			b.sent.add(id)
		}
	}
}

// SentByMe reports whether messageID is one of the last messages the bot
// sent (through its Client, or seen as a message_sent event).
func (b *Bot) SentByMe(messageID int64) bool { return b.sent.has(messageID) }

// dispatcher runs a handler on events with a concurrency bound.
type dispatcher struct {
	b   *Bot
	h   Handler
	ctx context.Context
	sem chan struct{}

	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newDispatcher(b *Bot, h Handler, ctx context.Context) *dispatcher {
	n := b.opts.Concurrency
	if n <= 0 {
		n = DefaultConcurrency
	}
	return &dispatcher{b: b, h: h, ctx: ctx, sem: make(chan struct{}, n)}
}

// begin counts a handler in, unless the dispatcher is shutting down.
func (d *dispatcher) begin() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || d.ctx.Err() != nil {
		return false
	}
	d.wg.Add(1)
	return true
}

// wait refuses new handlers and waits for those in flight.
func (d *dispatcher) wait() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.wg.Wait()
}

// acquire waits for a handler slot and counts the handler in; release
// undoes it.
func (d *dispatcher) acquire(other <-chan struct{}) error {
	select {
	case d.sem <- struct{}{}:
	case <-d.ctx.Done():
		return d.ctx.Err()
	case <-other:
		return context.Canceled
	}
	if !d.begin() {
		<-d.sem
		return context.Canceled
	}
	return nil
}

func (d *dispatcher) release() {
	<-d.sem
	d.wg.Done()
}

func (d *dispatcher) parse(frame []byte) Event {
	ev, err := ParseEvent(frame)
	if err != nil {
		d.b.report(nil, fmt.Errorf("onebot11: undecodable event frame: %w", err))
		return nil
	}
	d.b.observe(ev)
	return ev
}

// deliverAsync is the Source callback: parse, wait for a slot, handle on a
// new goroutine.
func (d *dispatcher) deliverAsync(frame []byte) {
	ev := d.parse(frame)
	if ev == nil {
		return
	}
	if d.acquire(nil) != nil {
		return
	}
	go func() {
		defer d.release()
		op := d.handle(d.ctx, ev)
		if op != nil {
			if err := d.b.quickViaAPI(d.ctx, ev, op); err != nil {
				d.b.report(ev, err)
			}
		}
	}()
}

// deliverSync handles one frame on the calling goroutine (after waiting for
// a slot) and returns the quick operation the handler set, if any.
func (d *dispatcher) deliverSync(reqCtx context.Context, frame []byte) (QuickOperation, error) {
	ev := d.parse(frame)
	if ev == nil {
		return nil, errors.New("onebot11: undecodable event")
	}
	if err := d.acquire(reqCtx.Done()); err != nil {
		return nil, fmt.Errorf("onebot11: event not handled: %w", err)
	}
	defer d.release()
	ctx, cancel := context.WithCancel(d.ctx)
	defer cancel()
	stop := context.AfterFunc(reqCtx, cancel)
	defer stop()
	return d.handle(ctx, ev), nil
}

// handle runs the handler on ev, recovering panics and reporting errors,
// and returns the quick operation to perform (nil if none or on failure).
// The handler's context is cancelled when it returns.
func (d *dispatcher) handle(ctx context.Context, ev Event) (op QuickOperation) {
	st := &handlerState{bot: d.b, ev: ev}
	hctx, cancel := context.WithCancel(context.WithValue(ctx, handlerKey{}, st))
	defer cancel()
	defer func() {
		st.mu.Lock()
		st.done = true
		st.mu.Unlock()
		if v := recover(); v != nil {
			op = nil
			d.b.report(ev, &PanicError{Value: v, Stack: debug.Stack()})
		}
	}()
	if err := d.h.HandleEvent(hctx, ev); err != nil {
		d.b.report(ev, err)
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.quick
}

// handlerState is what a handler's context carries.
type handlerState struct {
	bot *Bot
	ev  Event

	mu    sync.Mutex
	quick QuickOperation
	done  bool
}

type handlerKey struct{}

func stateFrom(ctx context.Context) *handlerState {
	st, _ := ctx.Value(handlerKey{}).(*handlerState)
	return st
}

// FromContext returns the Bot whose event a handler's context belongs to,
// or nil for any other context.
func FromContext(ctx context.Context) *Bot {
	if st := stateFrom(ctx); st != nil {
		return st.bot
	}
	return nil
}

// EventFromContext returns the event a handler's context belongs to, or
// nil for any other context.
func EventFromContext(ctx context.Context) Event {
	if st := stateFrom(ctx); st != nil {
		return st.ev
	}
	return nil
}

// Respond is FromContext(ctx).Reply(ctx, ev, msg...) for a handler: it
// answers ev in its conversation through the Bot that received it. It fails
// with ErrNotHandling when ctx is not a handler's context.
func Respond(ctx context.Context, ev MessageEvent, msg ...Segment) (int64, error) {
	b := FromContext(ctx)
	if b == nil {
		return 0, ErrNotHandling
	}
	return b.Reply(ctx, ev, msg...)
}

// Reply sends msg to the conversation ev came from: the group of a group
// message, the peer of a private message (through the group of a temporary
// chat), the channel of a guild message. It returns the new message's id
// (0 for guild messages, whose ids are strings).
func (b *Bot) Reply(ctx context.Context, ev MessageEvent, msg ...Segment) (int64, error) {
	src := ev.Source()
	switch src.MessageType {
	case "group":
		r, err := b.SendGroupMsg(ctx, &SendGroupMsgParams{GroupID: src.GroupID, Message: Message(msg)})
		if err != nil {
			return 0, err
		}
		return r.MessageID, nil
	case "private":
		peer := src.UserID
		if s, ok := ev.(*PrivateMessageSentEvent); ok && s.TargetID != 0 {
			peer = s.TargetID
		}
		p := &SendPrivateMsgParams{UserID: peer, Message: Message(msg)}
		if src.SubType != PrivateMessageFriend {
			p.GroupID = src.GroupID
		}
		r, err := b.SendPrivateMsg(ctx, p)
		if err != nil {
			return 0, err
		}
		return r.MessageID, nil
	case "guild":
		params := guildReply{GuildID: src.GuildID, ChannelID: src.ChannelID, Message: Message(msg)}
		return 0, b.Call(ctx, "send_guild_channel_msg", params, nil)
	}
	return 0, fmt.Errorf("onebot11: cannot reply to a %q message", src.MessageType)
}

type guildReply struct {
	GuildID   string  `json:"guild_id"`
	ChannelID string  `json:"channel_id"`
	Message   Message `json:"message"`
}

// ReplyQuote is Reply with the message quoted (a leading reply segment)
// and, in a group, its sender mentioned (an at segment).
func (b *Bot) ReplyQuote(ctx context.Context, ev MessageEvent, msg ...Segment) (int64, error) {
	src := ev.Source()
	out := make([]Segment, 0, len(msg)+3)
	if src.MessageID != 0 {
		out = append(out, Reply(src.MessageID))
	}
	if src.MessageType == "group" && src.UserID != 0 {
		out = append(out, At(src.UserID), Text(" "))
	}
	return b.Reply(ctx, ev, append(out, msg...)...)
}

// quickViaAPI performs op on ev with .handle_quick_operation.
func (b *Bot) quickViaAPI(ctx context.Context, ev Event, op QuickOperation) error {
	evJSON, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("onebot11: quick operation: encoding the event: %w", err)
	}
	opJSON, err := json.Marshal(op)
	if err != nil {
		return fmt.Errorf("onebot11: quick operation: %w", err)
	}
	return b.HandleQuickOperation(ctx, &HandleQuickOperationParams{Context: evJSON, Operation: opJSON})
}

// sentIDCapacity is how many of its own message ids a bot remembers.
const sentIDCapacity = 1024

// recentSet is a bounded set of recent non-zero int64 keys (the oldest
// leaves first).
type recentSet struct {
	mu   sync.Mutex
	ring []int64
	next int
	set  map[int64]struct{}
}

func (s *recentSet) init(n int) {
	s.ring = make([]int64, n)
	s.set = make(map[int64]struct{}, n)
}

func (s *recentSet) enabled() bool { return s.ring != nil }

// add records key unless it is present, and reports whether it was new.
func (s *recentSet) add(key int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.set[key]; ok {
		return false
	}
	if old := s.ring[s.next]; old != 0 {
		delete(s.set, old)
	}
	s.ring[s.next] = key
	s.set[key] = struct{}{}
	s.next = (s.next + 1) % len(s.ring)
	return true
}

func (s *recentSet) has(key int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.set[key]
	return ok
}

// recordingCaller remembers the message ids the implementation returns for
// the send actions, so replies to the bot's messages can be recognised.
type recordingCaller struct {
	c transport.Caller
	b *Bot
}

func (r *recordingCaller) Call(ctx context.Context, action string, params []byte) ([]byte, error) {
	resp, err := r.c.Call(ctx, action, params)
	if err == nil && isSendAction(action) {
		var env struct {
			Data struct {
				MessageID json.Number `json:"message_id"`
			} `json:"data"`
		}
		if json.Unmarshal(resp, &env) == nil {
			if id, e := env.Data.MessageID.Int64(); e == nil && id != 0 {
				r.b.sent.add(id)
			}
		}
	}
	return resp, err
}

func isSendAction(action string) bool {
	switch action {
	case ActionSendMsg, ActionSendGroupMsg, ActionSendPrivateMsg,
		ActionSendForwardMsg, ActionSendGroupForwardMsg, ActionSendPrivateForwardMsg:
		return true
	}
	return false
}
