package onebot11

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/duobot/duobot/transport"
)

// ReverseServer is the bot side of OneBot 11 reverse WebSocket: an
// http.Handler the implementations connect to. Each connection names its
// account in X-Self-ID (required: a handshake without a numeric one is
// answered 400) and its role in X-Client-Role: Universal (API calls and
// events on one connection; also assumed when the header is absent), or an
// API connection and an Event connection that are paired by self id. There
// is one Bot per self id, kept across reconnects: its calls go to the
// current API (else Universal) connection, waiting for one while none is
// open, and its events come from the current Event (else Universal)
// connection. A connection with the same self id and role as an open one
// replaces it. Run serves every bot with one handler (implementations send a
// lifecycle connect event on each Universal or Event connection, which is
// how a handler hears of a new connection); Bot, Bots and WaitBot reach a
// bot from outside.
//
// A ReverseServer is safe for concurrent use.
type ReverseServer struct {
	opts BotOptions
	ws   *transport.WSServer

	mu      sync.Mutex
	bots    map[int64]*reverseBot
	changed chan struct{} // closed and replaced when a bot appears
	closed  chan struct{}
	once    sync.Once
}

// NewReverseServer returns a reverse WebSocket server. o's AccessToken,
// when set, is required of the connecting implementations; o's WS tunes
// the accepted connections; every Bot gets o's other options (with SelfID
// from its handshake).
func NewReverseServer(o *BotOptions) *ReverseServer {
	o = o.orZero()
	s := &ReverseServer{opts: *o, bots: map[int64]*reverseBot{}, changed: make(chan struct{}), closed: make(chan struct{})}
	w := o.wsOptions()
	s.ws = transport.NewWSServer(&transport.WSServerOptions{
		Token:        w.Token,
		ReadLimit:    w.ReadLimit,
		PingInterval: w.PingInterval,
		ReadTimeout:  w.ReadTimeout,
		WriteTimeout: w.WriteTimeout,
		SendQueue:    w.SendQueue,
		EventQueue:   w.EventQueue,
		EventBacklog: w.EventBacklog,
		Logger:       w.Logger,
		OnConnect:    s.connected,
		OnDisconnect: func(c *transport.ServerConn, _ error) { s.disconnected(c) },
	})
	return s
}

// ServeHTTP checks X-Self-ID, then authenticates and upgrades the
// connection and serves it until it ends.
func (s *ReverseServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, err := parseSelfID(r.Header.Get("X-Self-ID")); err != nil {
		http.Error(w, "onebot11: "+err.Error(), http.StatusBadRequest)
		return
	}
	s.ws.ServeHTTP(w, r)
}

func parseSelfID(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("X-Self-ID %q is not an account id", v)
	}
	return id, nil
}

// Close closes every connection and waits for their goroutines; the bots'
// pending and later calls fail with transport.ErrClosed and Run returns.
// Call it before shutting down the http.Server.
func (s *ReverseServer) Close() error {
	s.once.Do(func() { close(s.closed) })
	return s.ws.Close()
}

// Bot returns the bot of selfID, or nil if it never connected.
func (s *ReverseServer) Bot(selfID int64) *Bot {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rb := s.bots[selfID]; rb != nil {
		return rb.bot
	}
	return nil
}

// Bots returns every bot that has connected so far.
func (s *ReverseServer) Bots() []*Bot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Bot, 0, len(s.bots))
	for _, rb := range s.bots {
		out = append(out, rb.bot)
	}
	return out
}

// WaitBot returns the bot of selfID, waiting for its first connection
// until ctx ends or the server closes.
func (s *ReverseServer) WaitBot(ctx context.Context, selfID int64) (*Bot, error) {
	for {
		s.mu.Lock()
		rb, ch := s.bots[selfID], s.changed
		s.mu.Unlock()
		if rb != nil {
			return rb.bot, nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("onebot11: waiting for bot %d: %w", selfID, ctx.Err())
		case <-s.closed:
			return nil, fmt.Errorf("onebot11: waiting for bot %d: %w", selfID, transport.ErrClosed)
		}
	}
}

// Run runs h on the events of every bot, those connected already and those
// connecting later (each bot's Run, see Bot.Run), until ctx ends; then it
// waits for every bot's handlers and returns ctx.Err(). It returns
// transport.ErrClosed, also after the handlers finish, when the server is
// closed.
func (s *ReverseServer) Run(ctx context.Context, h Handler) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	started := map[int64]bool{}
	for {
		s.mu.Lock()
		for id, rb := range s.bots {
			if !started[id] {
				started[id] = true
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := rb.bot.Run(ctx, h); err != nil && ctx.Err() == nil {
						rb.bot.report(nil, fmt.Errorf("onebot11: bot %d stopped: %w", id, err))
					}
				}()
			}
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-s.closed:
			cancel()
			return transport.ErrClosed
		}
	}
}

func (s *ReverseServer) connected(c *transport.ServerConn) {
	id, err := parseSelfID(c.SelfID())
	if err != nil {
		return // refused in ServeHTTP
	}
	s.mu.Lock()
	rb := s.bots[id]
	if rb == nil {
		rb = &reverseBot{srv: s, changed: make(chan struct{})}
		o := s.opts
		o.SelfID = id
		rb.bot = newBot(callerFunc(rb.call), sourceFunc(rb.run), nil, &o)
		s.bots[id] = rb
		close(s.changed)
		s.changed = make(chan struct{})
	}
	s.mu.Unlock()
	rb.set(c)
}

func (s *ReverseServer) disconnected(c *transport.ServerConn) {
	id, err := parseSelfID(c.SelfID())
	if err != nil {
		return
	}
	s.mu.Lock()
	rb := s.bots[id]
	s.mu.Unlock()
	if rb != nil {
		rb.unset(c)
	}
}

// reverseBot tracks the connections of one self id.
type reverseBot struct {
	srv *ReverseServer
	bot *Bot

	mu                   sync.Mutex
	api, event, universe *transport.ServerConn
	changed              chan struct{} // closed and replaced on every change
}

func (rb *reverseBot) slot(role string) **transport.ServerConn {
	switch role {
	case transport.RoleAPI:
		return &rb.api
	case transport.RoleEvent:
		return &rb.event
	}
	return &rb.universe
}

func (rb *reverseBot) set(c *transport.ServerConn) {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	*rb.slot(c.Role()) = c
	close(rb.changed)
	rb.changed = make(chan struct{})
}

func (rb *reverseBot) unset(c *transport.ServerConn) {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if p := rb.slot(c.Role()); *p == c {
		*p = nil
		close(rb.changed)
		rb.changed = make(chan struct{})
	}
}

func alive(c *transport.ServerConn) *transport.ServerConn {
	if c == nil {
		return nil
	}
	select {
	case <-c.Done():
		return nil
	default:
		return c
	}
}

// pick returns the first open connection among the roles, and the channel
// announcing the next change.
func (rb *reverseBot) pick(api bool) (*transport.ServerConn, <-chan struct{}) {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	first := rb.event
	if api {
		first = rb.api
	}
	if c := alive(first); c != nil {
		return c, rb.changed
	}
	return alive(rb.universe), rb.changed
}

// wait waits for ch, ctx or the server's end.
func (rb *reverseBot) wait(ctx context.Context, ch <-chan struct{}) error {
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-rb.srv.closed:
		return fmt.Errorf("onebot11: reverse WebSocket server: %w", transport.ErrClosed)
	}
}

func (rb *reverseBot) call(ctx context.Context, action string, params []byte) ([]byte, error) {
	for {
		c, ch := rb.pick(true)
		if c != nil {
			return c.Call(ctx, action, params)
		}
		if err := rb.wait(ctx, ch); err != nil {
			return nil, err
		}
	}
}

func (rb *reverseBot) run(ctx context.Context, deliver func([]byte)) error {
	for {
		c, ch := rb.pick(false)
		if c == nil {
			if err := rb.wait(ctx, ch); err != nil {
				return err
			}
			continue
		}
		err := c.Run(ctx, deliver)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		select {
		case <-rb.srv.closed:
			return err
		default:
		}
	}
}

type callerFunc func(ctx context.Context, action string, params []byte) ([]byte, error)

func (f callerFunc) Call(ctx context.Context, action string, params []byte) ([]byte, error) {
	return f(ctx, action, params)
}

type sourceFunc func(ctx context.Context, deliver func([]byte)) error

func (f sourceFunc) Run(ctx context.Context, deliver func([]byte)) error { return f(ctx, deliver) }
