package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Client roles announced in the X-Client-Role handshake header (OneBot 11
// reverse WebSocket).
const (
	RoleUniversal = "Universal"
	RoleAPI       = "API"
	RoleEvent     = "Event"
)

// WSServerOptions configures a [WSServer]. The zero value is usable.
type WSServerOptions struct {
	// Token and Auth protect the upgrade (see [AuthenticateWith]).
	Token string
	Auth  AuthOptions
	// Upgrader performs the handshake; nil means a default
	// websocket.Upgrader (same-origin check for browsers; bot clients send
	// no Origin).
	Upgrader *websocket.Upgrader
	// ReadLimit, PingInterval, ReadTimeout, WriteTimeout and SendQueue are
	// as in [WSOptions], per connection.
	ReadLimit                               int64
	PingInterval, ReadTimeout, WriteTimeout time.Duration
	SendQueue                               int
	// SendBacklog is the byte budget, per connection, of the outgoing
	// frames waiting beyond SendQueue (default DefaultSendBacklog, 16 MiB;
	// negative: none). A peer that falls behind (a burst of events, a
	// pause) loses nothing: frames wait in the backlog, in order, and are
	// written once the peer reads again. Only when a frame offered without
	// waiting (Broadcast, TrySend) would take the backlog past the budget
	// is the peer dropped as slow (see [ServerConn.TrySend]); Send and
	// calls wait for room instead. A frame counts its buffer's capacity
	// plus a small fixed overhead, and a frame broadcast to several
	// connections counts in full on each although its memory is shared:
	// at most SendQueue frames plus SendBacklog bytes wait per connection,
	// so with many slow peers memory may reach their number times the
	// budget; lower it for a server facing many or untrusted peers. A peer
	// that stops reading altogether is still disconnected after
	// WriteTimeout by the write deadline.
	SendBacklog int64
	// EventQueue and EventBacklog bound, per connection, the frames
	// waiting for ServerConn.Run, as in [WSOptions]: beyond EventQueue
	// frames they wait in a backlog of up to EventBacklog bytes (default
	// DefaultEventBacklog; negative: none); only beyond that are frames
	// dropped, counted, reported to OnDrop and logged at error level.
	// Every connection may hold that much memory: lower EventBacklog for a
	// server facing many or untrusted peers.
	EventQueue   int
	EventBacklog int64
	// OnConnect is called for each accepted connection before its frames
	// are read, OnDisconnect when it ends (with the cause), OnSlow when a
	// connection is dropped because its send queue and backlog were full
	// (once per connection), OnDrop with
	// each incoming frame dropped because the connection's event queue and
	// backlog were full. Hooks must not block or call WSServer.Close (start a goroutine
	// to Call from OnConnect).
	OnConnect    func(c *ServerConn)
	OnDisconnect func(c *ServerConn, err error)
	OnSlow       func(c *ServerConn)
	OnDrop       func(c *ServerConn, frame []byte)
	// Logger receives connection lifecycle messages; nil logs nothing.
	Logger *slog.Logger
}

// WSServer is an http.Handler accepting WebSocket connections: OneBot 11
// forward WebSocket (we are the implementation; peers send requests we read
// with ServerConn.Run and answer with Send, and receive events pushed with
// Broadcast) and reverse WebSocket (we are the bot; the implementation
// connects, pushes events and answers our ServerConn.Call).
//
// A connection whose X-Self-ID is non-empty replaces an open connection
// with the same X-Self-ID and X-Client-Role; the old one is closed with
// [ErrReplaced].
type WSServer struct {
	opts     WSServerOptions
	set      wsSettings
	upgrader *websocket.Upgrader

	mu sync.Mutex
	// pending holds connections whose handshake is under way: they already
	// take broadcast frames (so that a client receives every frame
	// broadcast after its dial returned) but are not yet listed by Conns.
	pending map[*ServerConn]struct{}
	conns   map[*ServerConn]struct{}
	byID    map[connIdentity]*ServerConn
	// targets is a copy-on-write snapshot of the open and pending
	// connections whose role is not API, rebuilt under mu whenever the set
	// changes, so that Broadcast neither locks nor allocates.
	targets atomic.Pointer[[]*ServerConn]
	closed  bool
	wg      sync.WaitGroup

	slow atomic.Uint64
}

type connIdentity struct{ selfID, role string }

// NewWSServer returns a server; o may be nil.
func NewWSServer(o *WSServerOptions) *WSServer {
	if o == nil {
		o = &WSServerOptions{}
	}
	s := &WSServer{
		opts:    *o,
		set:     newWSSettings(o.ReadLimit, o.PingInterval, o.ReadTimeout, o.WriteTimeout, o.SendQueue),
		pending: make(map[*ServerConn]struct{}),
		conns:   make(map[*ServerConn]struct{}),
		byID:    make(map[connIdentity]*ServerConn),
	}
	s.set.sendBacklog = o.SendBacklog
	if s.set.sendBacklog == 0 {
		s.set.sendBacklog = DefaultSendBacklog
	}
	s.upgrader = o.Upgrader
	if s.upgrader == nil {
		s.upgrader = &websocket.Upgrader{}
	}
	return s
}

// ServerConn is one accepted WebSocket connection, with one reader and one
// writer goroutine. It is a [Caller] (the peer answers our requests), a
// [Source] (frames the peer pushes) and a sink ([ServerConn.Send]). Safe for
// concurrent use.
type ServerConn struct {
	srv    *WSServer
	c      *wsConn
	selfID string
	role   string
	header http.Header
	remote string
	events *eventQueue

	running atomic.Bool
	stale   atomic.Uint64
	// slowOnce makes dropSlow count, log and report a connection once.
	slowOnce atomic.Bool

	// early holds the frames broadcast before the connection went live
	// (handshake done, OnConnect run), sent in order when it does; live is
	// set, under earlyMu, at that moment. Bounded like the send queue:
	// SendQueue frames, then SendBacklog bytes (earlyBytes).
	earlyMu    sync.Mutex
	early      [][]byte
	earlyBytes int64
	live       atomic.Bool
}

var (
	_ Caller = (*ServerConn)(nil)
	_ Source = (*ServerConn)(nil)
)

func canonicalRole(r string) string {
	for _, known := range []string{RoleUniversal, RoleAPI, RoleEvent} {
		if strings.EqualFold(r, known) {
			return known
		}
	}
	return r
}

// ServeHTTP authenticates and upgrades the request, then serves the
// connection until it ends (the handler goroutine is the connection's
// reader). The connection takes part in Broadcast from before the
// handshake response is written, so the peer receives every frame
// broadcast after its dial returned; frames broadcast before the
// connection is live come after those OnConnect sends.
func (s *WSServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.isClosed() {
		http.Error(w, "server closed", http.StatusServiceUnavailable)
		return
	}
	if err := AuthenticateWith(r, s.opts.Token, s.opts.Auth); err != nil {
		WriteAuthError(w, err)
		return
	}
	sc := &ServerConn{
		srv:    s,
		selfID: r.Header.Get("X-Self-ID"),
		role:   canonicalRole(r.Header.Get("X-Client-Role")),
		header: r.Header.Clone(),
		remote: r.RemoteAddr,
	}
	var onDrop func([]byte)
	if s.opts.OnDrop != nil {
		onDrop = func(frame []byte) { s.opts.OnDrop(sc, frame) }
	}
	sc.events = newEventQueue(s.opts.EventQueue, s.opts.EventBacklog, onDrop, s.opts.Logger,
		"remote", sc.remote, "self_id", sc.selfID, "role", sc.role)
	sc.c = newWSConn(nil, &s.set, newCorrelator(), sc.events.push, &sc.stale)
	if !s.addPending(sc) {
		http.Error(w, "server closed", http.StatusServiceUnavailable)
		return
	}
	defer s.wg.Done()
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		// The upgrader has answered. Wake anyone who found the connection
		// meanwhile (a Broadcast, a Close).
		s.unregister(sc)
		sc.c.shutdown(fmt.Errorf("transport: websocket handshake: %w", err))
		return
	}
	if !sc.c.attach(ws) {
		// Closed during the handshake (WSServer.Close, or dropped as a slow
		// peer): attach has closed the socket.
		s.unregister(sc)
		return
	}
	if old := s.promote(sc); old != nil {
		old.c.closeGracefully(ErrReplaced)
	}
	if s.opts.Logger != nil {
		s.opts.Logger.Debug("websocket peer connected", "remote", sc.remote, "self_id", sc.selfID, "role", sc.role)
	}
	if s.opts.OnConnect != nil {
		s.opts.OnConnect(sc)
	}
	sc.goLive()
	err = sc.c.serve()
	s.unregister(sc)
	if s.opts.Logger != nil {
		s.opts.Logger.Debug("websocket peer disconnected", "remote", sc.remote, "self_id", sc.selfID, "err", err)
	}
	if s.opts.OnDisconnect != nil {
		s.opts.OnDisconnect(sc, err)
	}
}

func (s *WSServer) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// addPending registers a connection whose handshake is about to start;
// false once the server is closed.
func (s *WSServer) addPending(sc *ServerConn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	s.pending[sc] = struct{}{}
	s.rebuildTargets()
	return true
}

// rebuildTargets refreshes the Broadcast snapshot; s.mu must be held.
func (s *WSServer) rebuildTargets() {
	t := make([]*ServerConn, 0, len(s.conns)+len(s.pending))
	for c := range s.conns {
		if c.role != RoleAPI {
			t = append(t, c)
		}
	}
	for c := range s.pending {
		if c.role != RoleAPI {
			t = append(t, c)
		}
	}
	s.targets.Store(&t)
}

// promote lists a connection whose handshake is done as open and gives it
// its identity, returning the connection it replaces, if any.
func (s *WSServer) promote(sc *ServerConn) (old *ServerConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pending, sc)
	s.conns[sc] = struct{}{}
	if sc.selfID != "" {
		id := connIdentity{sc.selfID, sc.role}
		old = s.byID[id]
		s.byID[id] = sc
	}
	return old
}

func (s *WSServer) unregister(sc *ServerConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, wasPending := s.pending[sc]
	_, wasOpen := s.conns[sc]
	delete(s.pending, sc)
	delete(s.conns, sc)
	id := connIdentity{sc.selfID, sc.role}
	if s.byID[id] == sc {
		delete(s.byID, id)
	}
	if wasPending || wasOpen {
		s.rebuildTargets()
	}
}

// Conns returns the open connections.
func (s *WSServer) Conns() []*ServerConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*ServerConn, 0, len(s.conns))
	for c := range s.conns {
		out = append(out, c)
	}
	return out
}

// Conn returns the open connection with the given X-Self-ID and role, or
// nil.
func (s *WSServer) Conn(selfID, role string) *ServerConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byID[connIdentity{selfID, canonicalRole(role)}]
}

// Broadcast queues frame on every open connection whose role is not "API"
// without blocking, and returns how many accepted it. A connection whose
// send queue is full keeps the frame in its send backlog
// ([WSServerOptions.SendBacklog]); one whose backlog is full too is dropped
// as slow (see [ServerConn.TrySend]), so a slow peer never delays the
// others and a peer that stays connected misses nothing. frame is shared
// and must not be modified afterwards.
//
// A connection whose handshake is under way takes part too: the frame is
// held (within the same bounds; beyond, the connection is dropped as a
// slow peer) and sent once the connection is live, so a peer receives
// every frame broadcast after its dial returned.
func (s *WSServer) Broadcast(frame []byte) int {
	t := s.targets.Load()
	if t == nil {
		return 0
	}
	n := 0
	for _, c := range *t {
		if c.offer(frame) {
			n++
		}
	}
	return n
}

// all returns the open and the pending connections.
func (s *WSServer) all() []*ServerConn {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*ServerConn, 0, len(s.conns)+len(s.pending))
	for c := range s.conns {
		out = append(out, c)
	}
	for c := range s.pending {
		out = append(out, c)
	}
	return out
}

// SlowDrops counts connections dropped because their send queue and send
// backlog were full.
func (s *WSServer) SlowDrops() uint64 { return s.slow.Load() }

// Close closes every connection (sending close frames in parallel, each
// bounded by WriteTimeout), refuses new ones with 503 and waits until every
// connection's goroutines have exited. Call it before shutting down
// the http.Server (whose Shutdown does not wait for upgraded connections).
func (s *WSServer) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	conns := s.all()
	// Close concurrently: a stalled peer may hold its close frame up to
	// WriteTimeout, and must not delay the others.
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.c.closeGracefully(ErrClosed)
		}()
	}
	wg.Wait()
	s.wg.Wait()
	return nil
}

// SelfID returns the handshake's X-Self-ID header ("" if absent).
func (sc *ServerConn) SelfID() string { return sc.selfID }

// Role returns the handshake's X-Client-Role (RoleUniversal, RoleAPI,
// RoleEvent, or the header as sent; "" if absent).
func (sc *ServerConn) Role() string { return sc.role }

// Header returns a copy of the handshake request headers.
func (sc *ServerConn) Header() http.Header { return sc.header.Clone() }

// RemoteAddr returns the peer's network address.
func (sc *ServerConn) RemoteAddr() string { return sc.remote }

// Done is closed when the connection has ended.
func (sc *ServerConn) Done() <-chan struct{} { return sc.c.done }

// Err returns why the connection ended (wrapping ErrClosed, and
// ErrReplaced or ErrSlowPeer when applicable), or nil while it is open.
func (sc *ServerConn) Err() error {
	select {
	case <-sc.c.done:
		return sc.c.closedErr()
	default:
		return nil
	}
}

// Dropped counts incoming frames dropped because the event queue and its
// backlog were full.
func (sc *ServerConn) Dropped() uint64 { return sc.events.dropped.Load() }

// Overflowed counts incoming frames that found the event queue full and
// waited in the backlog (delivered all the same).
func (sc *ServerConn) Overflowed() uint64 { return sc.events.overflowed.Load() }

// SendOverflowed counts outgoing frames that found the send queue full and
// waited in the send backlog (written all the same).
func (sc *ServerConn) SendOverflowed() uint64 { return sc.c.out.overflowed.Load() }

// SendBacklog returns the bytes waiting in the send backlog now (see
// [WSServerOptions.SendBacklog]).
func (sc *ServerConn) SendBacklog() int64 { return sc.c.out.bytes.Load() }

// Call sends a request frame (see [WSClient.Call]) to the peer and waits
// for its response until ctx ends or the connection closes (ErrClosed).
func (sc *ServerConn) Call(ctx context.Context, action string, params []byte) ([]byte, error) {
	if err := checkParams(action, params); err != nil {
		return nil, err
	}
	id, f := sc.c.corr.request(action, params)
	return sc.c.call(ctx, id, f)
}

// CallFrame is [WSClient.CallFrame] on this connection.
func (sc *ServerConn) CallFrame(ctx context.Context, frame []byte) ([]byte, error) {
	return sc.c.callFrame(ctx, frame)
}

// Send queues frame for the peer, behind every frame queued before it
// (broadcast events included: a response never overtakes them), and never
// drops it: while the send backlog is over its budget it waits for room
// until ctx ends or the connection closes (without a backlog: for room in
// the send queue). A frame larger than the whole budget waits until the
// backlog is empty. frame must not be modified afterwards.
//
// Responses and events share one queue per connection. OneBot 11 does not
// order responses against events, but a peer then sees everything in the
// order it was queued, and a slow peer delays its own responses, not those
// of others.
func (sc *ServerConn) Send(ctx context.Context, frame []byte) error {
	return sc.c.send(ctx, qframe{b: frame})
}

// TrySend queues frame without blocking, behind every frame queued before
// it: in the send queue, or when that is full in the send backlog
// ([WSServerOptions.SendBacklog]). If the backlog has no room for it
// either, the peer is too slow: the connection is closed with
// [ErrSlowPeer], counted in WSServer.SlowDrops, logged (warning) and
// reported to OnSlow, once, and TrySend returns false (dropping the
// connection rather than silently losing one frame lets the peer reconnect
// and notice). It also returns false on a closed connection.
func (sc *ServerConn) TrySend(frame []byte) bool {
	return sc.put(qframe{b: frame})
}

// put is TrySend on a live connection.
func (sc *ServerConn) put(f qframe) bool {
	select {
	case <-sc.c.done:
		return false
	default:
	}
	if sc.c.out.fast(f) {
		return true
	}
	return sc.putSlow(f)
}

// putSlow is put when the send queue is full or slow: the frame goes to
// the backlog, or the peer is dropped.
func (sc *ServerConn) putSlow(f qframe) bool {
	r := sc.c.out.putSlow(f, false)
	if r.half && sc.srv.opts.Logger != nil {
		sc.srv.opts.Logger.Warn("transport: websocket send backlog over half its budget: the peer is falling behind",
			"remote", sc.remote, "self_id", sc.selfID, "role", sc.role,
			"queue", sc.srv.set.sendQueue, "backlog_bytes", r.held, "budget_bytes", sc.srv.set.sendBacklog)
	}
	if !r.ok {
		sc.dropSlow(r.held)
	}
	return r.ok
}

// dropSlow closes a connection whose send queue and backlog are full with
// ErrSlowPeer (nothing if it is closed already); held is the backlog's
// size, for the log.
func (sc *ServerConn) dropSlow(held int64) {
	select {
	case <-sc.c.done:
		return
	default:
	}
	if !sc.slowOnce.CompareAndSwap(false, true) {
		return
	}
	sc.srv.slow.Add(1)
	sc.c.shutdown(ErrSlowPeer)
	if l := sc.srv.opts.Logger; l != nil {
		l.Warn("transport: dropping slow websocket peer: send queue and backlog full",
			"remote", sc.remote, "self_id", sc.selfID, "role", sc.role,
			"queue", sc.srv.set.sendQueue, "backlog_bytes", held, "budget_bytes", sc.srv.set.sendBacklog)
	}
	if sc.srv.opts.OnSlow != nil {
		sc.srv.opts.OnSlow(sc)
	}
}

// offer is TrySend for Broadcast: before the connection is live, the frame
// is held in early (bounded like the send queue and backlog) rather than
// queued, so that what OnConnect sends comes first.
func (sc *ServerConn) offer(frame []byte) bool {
	if sc.live.Load() {
		return sc.put(qframe{b: frame})
	}
	return sc.offerEarly(frame)
}

// offerEarly is offer on a connection that may not be live yet.
func (sc *ServerConn) offerEarly(frame []byte) bool {
	sc.earlyMu.Lock()
	if sc.live.Load() {
		sc.earlyMu.Unlock()
		return sc.put(qframe{b: frame})
	}
	select {
	case <-sc.c.done:
		sc.earlyMu.Unlock()
		return false
	default:
	}
	set := &sc.srv.set
	if len(sc.early) < set.sendQueue {
		sc.early = append(sc.early, frame)
		sc.earlyMu.Unlock()
		return true
	}
	if cost := (qframe{b: frame}).cost(); set.sendBacklog >= 0 && sc.earlyBytes+cost <= set.sendBacklog {
		sc.early = append(sc.early, frame)
		sc.earlyBytes += cost
		sc.earlyMu.Unlock()
		return true
	}
	held := sc.earlyBytes
	sc.earlyMu.Unlock()
	sc.dropSlow(held)
	return false
}

// goLive queues the frames held by offer, in order, and lets later ones
// go straight to the send queue.
func (sc *ServerConn) goLive() {
	sc.earlyMu.Lock()
	ok := true
	for _, f := range sc.early {
		if ok && !sc.put(qframe{b: f}) {
			ok = false
		}
	}
	sc.early, sc.earlyBytes = nil, 0
	sc.live.Store(true)
	sc.earlyMu.Unlock()
}

// Run delivers the frames the peer pushes (events, or requests on a
// forward-WebSocket server) that are not responses to our calls, in order,
// on Run's goroutine. When the connection ends, frames already queued are
// delivered and Run returns its error (wrapping ErrClosed); a server
// connection does not reconnect. Only one Run may be active at a time.
func (sc *ServerConn) Run(ctx context.Context, deliver func(frame []byte)) error {
	if !sc.running.CompareAndSwap(false, true) {
		return errors.New("transport: ServerConn.Run is already active")
	}
	defer sc.running.Store(false)
	err := sc.events.run(ctx, sc.c.done, sc.c.closedErr, deliver)
	if ctx.Err() != nil {
		return err
	}
	// The connection ended: deliver what it left, then report why.
	for ctx.Err() == nil {
		f, ok := sc.events.pop()
		if !ok {
			return err
		}
		deliver(f.b)
	}
	return ctx.Err()
}

// Close closes the connection with a close frame.
func (sc *ServerConn) Close() error {
	sc.c.closeGracefully(ErrClosed)
	return nil
}

// String describes the connection for logs.
func (sc *ServerConn) String() string {
	return fmt.Sprintf("ws %s self_id=%q role=%q", sc.remote, sc.selfID, sc.role)
}
