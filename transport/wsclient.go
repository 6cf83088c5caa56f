package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// WSOptions configures a [WSClient]. The zero value is usable.
type WSOptions struct {
	// Token, when set, authenticates the handshake: as
	// "Authorization: Bearer <Token>", or as the access_token query
	// parameter when TokenInQuery is set.
	Token        string
	TokenInQuery bool
	// Header holds extra handshake headers (e.g. X-Self-ID and
	// X-Client-Role for a OneBot 11 reverse WebSocket).
	Header http.Header
	// Dialer dials the connection; nil means a copy of
	// websocket.DefaultDialer.
	Dialer *websocket.Dialer
	// Backoff paces reconnects (zero: DefaultBackoff). The attempt count
	// resets after every successful handshake.
	Backoff Backoff
	// ReadLimit caps one incoming frame (default DefaultMaxResponseBytes).
	// A larger frame drops the connection with an error wrapping
	// ErrTooLarge (pending calls fail with it) and the client reconnects.
	ReadLimit int64
	// PingInterval is the ping period (default DefaultPingInterval; negative
	// disables pings and the read deadline). ReadTimeout is how long the
	// connection may stay silent (no frame, no pong) before it is treated as
	// dead (default max(DefaultReadTimeout, 2*PingInterval)). WriteTimeout
	// bounds one write (default DefaultWriteTimeout).
	PingInterval, ReadTimeout, WriteTimeout time.Duration
	// SendQueue is the outgoing queue length (default DefaultSendQueue).
	SendQueue int
	// EventQueue is the nominal number of frames waiting for Run (default
	// DefaultEventQueue); within it, queueing a frame takes no lock and
	// allocates nothing. Frames arriving while it is full are not dropped:
	// they wait, in order, in a backlog bounded by EventBacklog bytes.
	EventQueue int
	// EventBacklog is the byte budget of the backlog (default
	// DefaultEventBacklog, 64 MiB; negative: no backlog). A frame counts
	// its buffer's capacity plus a small fixed overhead. Only a frame that
	// would take the backlog past the budget is dropped: counted in
	// Stats.Dropped, reported to OnDrop and logged at error level (once
	// per run of drops). The reader never waits for Run, since responses
	// to calls made from the delivery callback arrive on the same reader;
	// responses never queue behind events. At most EventQueue frames plus
	// EventBacklog bytes wait at any time; the queue lives as long as the
	// client, so frames received before a reconnect are still delivered.
	EventBacklog int64
	// EventsOnly makes every incoming frame an event (no echo scan) and
	// disables Call: for pure event streams such as Milky's /event.
	EventsOnly bool
	// OnConnect is called after each successful handshake, OnDisconnect
	// when an established connection ends (with the cause), OnDialError
	// when a dial attempt fails, OnDrop with each frame dropped because the
	// event queue and its backlog were full. Hooks run on internal
	// goroutines and must not block or call Close.
	OnConnect    func()
	OnDisconnect func(err error)
	OnDialError  func(err error)
	OnDrop       func(frame []byte)
	// Logger receives connection lifecycle messages; nil logs nothing.
	Logger *slog.Logger
}

// WSStats are a WebSocket client's counters.
type WSStats struct {
	// Connects counts successful handshakes.
	Connects uint64
	// Dropped counts pushed frames dropped because the event queue and its
	// backlog (WSOptions.EventBacklog) were full.
	Dropped uint64
	// Overflowed counts pushed frames that found the event queue full and
	// waited in the backlog (delivered all the same).
	Overflowed uint64
	// Backlog is the number of bytes waiting in the backlog now.
	Backlog int64
	// Stale counts responses that arrived after their call gave up.
	Stale uint64
}

// WSClient is a reconnecting WebSocket client: a [Caller] (OneBot-style
// request frames correlated by echo) and a [Source] (every other frame). It
// is safe for concurrent use.
//
// Calls made while the client is not connected wait for the next connection
// until their context ends (they never fail just because a reconnect is in
// progress). A call is sent at most once: calls pending when a connection
// drops fail at once with an error wrapping ErrClosed and are never
// replayed on the next connection.
type WSClient struct {
	url    string
	logURL string // url without the access_token we add
	header http.Header
	dialer websocket.Dialer
	opts   WSOptions
	set    wsSettings
	corr   *correlator
	events *eventQueue

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu      sync.Mutex
	cur     *wsConn
	ready   chan struct{} // closed while cur != nil
	lastErr error
	closing bool

	closed    chan struct{}
	closeOnce sync.Once
	closeErr  error

	running         atomic.Bool
	connects, stale atomic.Uint64
}

var (
	_ Caller = (*WSClient)(nil)
	_ Source = (*WSClient)(nil)
)

// NewWSClient starts a client connecting to rawURL (ws:// or wss://) in the
// background; it keeps reconnecting until [WSClient.Close]. A handshake
// answered with 401 or 403 stops the client for good: Call and Run then
// return the *StatusError (also wrapping ErrClosed). o may be nil.
func NewWSClient(rawURL string, o *WSOptions) (*WSClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("transport: bad websocket URL %q: %w", rawURL, err)
	}
	if u.Scheme != "ws" && u.Scheme != "wss" {
		return nil, fmt.Errorf("transport: websocket URL %q: scheme must be ws or wss", rawURL)
	}
	if o == nil {
		o = &WSOptions{}
	}
	c := &WSClient{
		opts:   *o,
		header: o.Header.Clone(),
		set:    newWSSettings(o.ReadLimit, o.PingInterval, o.ReadTimeout, o.WriteTimeout, o.SendQueue),
		ready:  make(chan struct{}),
		closed: make(chan struct{}),
	}
	if c.header == nil {
		c.header = http.Header{}
	}
	c.logURL = u.Redacted()
	if o.Token != "" {
		if o.TokenInQuery {
			q := u.Query()
			q.Set("access_token", o.Token)
			u.RawQuery = q.Encode()
		} else {
			c.header.Set("Authorization", "Bearer "+o.Token)
		}
	}
	c.url = u.String()
	if o.Dialer != nil {
		c.dialer = *o.Dialer
	} else {
		c.dialer = *websocket.DefaultDialer
	}
	if !o.EventsOnly {
		c.corr = newCorrelator()
	}
	c.events = newEventQueue(o.EventQueue, o.EventBacklog, o.OnDrop, o.Logger, "url", c.logURL)
	// The client's own lifetime: cancelled by Close (or a permanent
	// failure), it bounds dialing and backoff waits. Calls use their own
	// contexts.
	c.ctx, c.cancel = context.WithCancel(context.Background())
	c.wg.Add(1)
	go c.loop()
	return c, nil
}

func (c *WSClient) log(msg string, args ...any) {
	if c.opts.Logger != nil {
		c.opts.Logger.Debug(msg, append([]any{"url", c.logURL}, args...)...)
	}
}

// loop dials, serves (the connection's reader runs here) and reconnects.
func (c *WSClient) loop() {
	defer c.wg.Done()
	attempt := 0
	for {
		conn, err := c.dial()
		if err != nil {
			if c.ctx.Err() != nil {
				return
			}
			c.mu.Lock()
			c.lastErr = err
			c.mu.Unlock()
			c.log("websocket dial failed", "err", err)
			if c.opts.OnDialError != nil {
				c.opts.OnDialError(err)
			}
			if errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden) {
				c.finish(fmt.Errorf("%w: %w", ErrClosed, err))
				return
			}
			if c.opts.Backoff.Wait(c.ctx, attempt) != nil {
				return
			}
			attempt++
			continue
		}
		attempt = 0
		if !c.attach(conn) {
			conn.closeGracefully(ErrClosed)
			_ = conn.serve()
			return
		}
		c.connects.Add(1)
		c.log("websocket connected")
		if c.opts.OnConnect != nil {
			c.opts.OnConnect()
		}
		err = conn.serve()
		c.log("websocket disconnected", "err", err)
		if c.opts.OnDisconnect != nil {
			c.opts.OnDisconnect(err)
		}
		if c.opts.Backoff.Wait(c.ctx, attempt) != nil {
			return
		}
		attempt++
	}
}

func (c *WSClient) dial() (*wsConn, error) {
	ws, resp, err := c.dialer.DialContext(c.ctx, c.url, c.header)
	if err != nil {
		if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
			body, _, _ := readLimited(resp.Body, 4096, -1)
			resp.Body.Close()
			return nil, fmt.Errorf("transport: websocket handshake: %w", &StatusError{StatusCode: resp.StatusCode, Status: resp.Status, Body: body})
		}
		return nil, fmt.Errorf("transport: websocket dial: %w", err)
	}
	conn := newWSConn(ws, &c.set, c.corr, c.events.push, &c.stale)
	// Detach before the connection reports itself closed, so a call made
	// after a pending call failed waits for the next connection.
	conn.onShutdown = c.detach
	return conn, nil
}

func (c *WSClient) attach(conn *wsConn) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return false
	}
	c.cur = conn
	c.lastErr = nil
	close(c.ready)
	return true
}

func (c *WSClient) detach(conn *wsConn, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur == conn {
		c.cur = nil
		c.ready = make(chan struct{})
		c.lastErr = err
	}
}

// finish marks the client closed with err (first call wins).
func (c *WSClient) finish(err error) {
	c.closeOnce.Do(func() {
		c.closeErr = err
		close(c.closed)
	})
}

// conn returns the current connection, waiting for one until ctx ends.
func (c *WSClient) conn(ctx context.Context) (*wsConn, error) {
	for {
		c.mu.Lock()
		cur, ready := c.cur, c.ready
		c.mu.Unlock()
		if cur != nil {
			return cur, nil
		}
		select {
		case <-ready:
		case <-c.closed:
			return nil, c.closeErr
		case <-ctx.Done():
			c.mu.Lock()
			last := c.lastErr
			c.mu.Unlock()
			if last != nil {
				return nil, fmt.Errorf("transport: websocket not connected (last error: %v): %w", last, ctx.Err())
			}
			return nil, fmt.Errorf("transport: websocket not connected: %w", ctx.Err())
		}
	}
}

// Call sends {"action":action,"params":params,"echo":"<gen>-<n>"} (nil
// params are sent as {}) and returns the whole response frame whose echo
// matches. Responses may arrive in any order. When not connected, Call waits
// for a connection until ctx ends. If the connection drops while the call
// is pending, Call fails at once with an error wrapping ErrClosed; the
// request is never re-sent.
func (c *WSClient) Call(ctx context.Context, action string, params []byte) ([]byte, error) {
	if c.corr == nil {
		return nil, errors.New("transport: Call on an events-only WebSocket client")
	}
	if err := checkParams(action, params); err != nil {
		return nil, err
	}
	conn, err := c.conn(ctx)
	if err != nil {
		return nil, err
	}
	id, f := c.corr.request(action, params)
	return conn.call(ctx, id, f)
}

// CallFrame sends a complete request frame that carries its own top-level
// "echo" (any JSON value: string, number, object...) and returns the
// response frame with the same echo (objects and arrays are compared
// compacted). Use it to forward a request frame unchanged. Only one call per
// echo value may be pending. The frame must not be modified afterwards.
func (c *WSClient) CallFrame(ctx context.Context, frame []byte) ([]byte, error) {
	if c.corr == nil {
		return nil, errors.New("transport: CallFrame on an events-only WebSocket client")
	}
	conn, err := c.conn(ctx)
	if err != nil {
		return nil, err
	}
	return conn.callFrame(ctx, frame)
}

// Send queues a raw frame on the current connection (waiting for a
// connection and for queue room until ctx ends). The frame must not be
// modified afterwards.
func (c *WSClient) Send(ctx context.Context, frame []byte) error {
	conn, err := c.conn(ctx)
	if err != nil {
		return err
	}
	return conn.send(ctx, qframe{b: frame})
}

// WaitConnected blocks until the client is connected, ctx ends or the
// client is closed.
func (c *WSClient) WaitConnected(ctx context.Context) error {
	_, err := c.conn(ctx)
	return err
}

// Run delivers every frame that is not a response to a pending call, in
// arrival order, across reconnects, calling deliver on Run's own goroutine
// (never the connection's reader, so deliver may itself Call). It returns
// ctx.Err() when ctx ends, or an error wrapping ErrClosed once the client is
// closed. Only one Run may be active at a time. Frames that arrive while
// deliver is slow wait (see WSOptions.EventQueue and EventBacklog); frames
// not yet delivered when Run returns are delivered by the next Run.
func (c *WSClient) Run(ctx context.Context, deliver func(frame []byte)) error {
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("transport: WSClient.Run is already active")
	}
	defer c.running.Store(false)
	return c.events.run(ctx, c.closed, func() error { return c.closeErr }, deliver)
}

// EventsWaiting reports whether event frames are waiting for Run (beyond
// the one being delivered, when called from deliver). A consumer can use it
// to choose between handling a frame at once and handing it to a pipeline.
func (c *WSClient) EventsWaiting() bool {
	return len(c.events.ch) > 0 || c.events.slow.Load()
}

// Stats returns the client's counters.
func (c *WSClient) Stats() WSStats {
	return WSStats{Connects: c.connects.Load(), Dropped: c.events.dropped.Load(), Stale: c.stale.Load(),
		Overflowed: c.events.overflowed.Load(), Backlog: c.events.bytes.Load()}
}

// Close stops the client: the connection is closed (pending calls fail with
// ErrClosed), reconnecting stops, Run returns, and every goroutine the
// client started has exited when Close returns. Close is idempotent.
func (c *WSClient) Close() error {
	c.mu.Lock()
	c.closing = true
	cur := c.cur
	c.mu.Unlock()
	c.finish(ErrClosed)
	c.cancel()
	if cur != nil {
		cur.closeGracefully(ErrClosed)
	}
	c.wg.Wait()
	return nil
}
