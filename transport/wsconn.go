package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// WebSocket defaults shared by the client and server sides.
const (
	// DefaultPingInterval is how often a WebSocket connection pings its peer.
	DefaultPingInterval = 30 * time.Second
	// DefaultReadTimeout is how long a WebSocket connection waits for any
	// frame or pong before it considers the peer dead.
	DefaultReadTimeout = 60 * time.Second
	// DefaultWriteTimeout bounds one WebSocket write.
	DefaultWriteTimeout = 10 * time.Second
	// DefaultSendQueue is the default per-connection outgoing queue length.
	DefaultSendQueue = 256
	// DefaultSendBacklog is the default byte budget of the outgoing frames
	// that may wait beyond a server connection's send queue (see
	// [WSServerOptions.SendBacklog]).
	DefaultSendBacklog = 16 << 20
	// DefaultEventQueue is the default queue length of pushed frames waiting
	// for delivery.
	DefaultEventQueue = 1024
)

// ErrSlowPeer is the cause recorded when a server connection is dropped
// because its send queue and send backlog were full. It is wrapped
// together with ErrClosed.
var ErrSlowPeer = errors.New("transport: peer too slow (send queue and backlog full)")

// ErrReplaced is the cause recorded when a server connection is closed
// because the same peer identity connected again.
var ErrReplaced = errors.New("transport: connection replaced by a newer one with the same identity")

// wsSettings are the per-connection knobs shared by client and server.
type wsSettings struct {
	readLimit    int64
	pingInterval time.Duration // <= 0: no pings, no read deadline
	readTimeout  time.Duration
	writeTimeout time.Duration
	sendQueue    int
	// sendBacklog is the byte budget of the outgoing frames waiting beyond
	// sendQueue; < 0: none (newWSSettings), blocking sends then wait for
	// room in the queue itself.
	sendBacklog int64
}

func newWSSettings(readLimit int64, ping, read, write time.Duration, sendQueue int) wsSettings {
	s := wsSettings{readLimit: readLimit, pingInterval: ping, readTimeout: read, writeTimeout: write, sendQueue: sendQueue, sendBacklog: -1}
	if s.readLimit <= 0 {
		s.readLimit = DefaultMaxResponseBytes
	}
	if s.pingInterval == 0 {
		s.pingInterval = DefaultPingInterval
	}
	if s.readTimeout <= 0 {
		s.readTimeout = max(DefaultReadTimeout, 2*s.pingInterval)
	}
	if s.writeTimeout <= 0 {
		s.writeTimeout = DefaultWriteTimeout
	}
	if s.sendQueue <= 0 {
		s.sendQueue = DefaultSendQueue
	}
	return s
}

var framePool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func (f qframe) release() {
	if f.pooled != nil && cap(f.b) <= 64<<10 {
		*f.pooled = f.b[:0]
		framePool.Put(f.pooled)
	}
}

var respChanPool = sync.Pool{New: func() any { return make(chan []byte, 1) }}

// correlator generates echoes and builds request frames; one per client or
// server connection, shared across the reconnects of a client so that echoes
// are never reused.
type correlator struct {
	gen echoGen
	n   atomic.Uint64
}

func newCorrelator() *correlator {
	c := &correlator{}
	const hexdigits = "0123456789abcdef"
	r := rand.Uint32()
	for i := range c.gen {
		c.gen[i] = hexdigits[(r>>(4*i))&0xf]
	}
	return c
}

// request builds {"action":...,"params":...,"echo":"<gen>-<n>"}; nil params
// are sent as {}.
func (c *correlator) request(action string, params []byte) (uint64, qframe) {
	id := c.n.Add(1)
	p := framePool.Get().(*[]byte)
	b := (*p)[:0]
	b = append(b, `{"action":`...)
	b = appendJSONString(b, action)
	b = append(b, `,"params":`...)
	if params == nil {
		b = append(b, '{', '}')
	} else {
		b = append(b, params...)
	}
	b = append(b, `,"echo":`...)
	b = c.gen.appendEcho(b, id)
	b = append(b, '}')
	return id, qframe{b: b, pooled: p}
}

// wsConn is one WebSocket connection with exactly one reader (the goroutine
// calling serve) and one writer goroutine.
type wsConn struct {
	// ws is the socket. A server connection is created before its
	// handshake and gets ws later through attach; the reader and writer
	// start only after that. Other goroutines read it through sock.
	ws     *websocket.Conn
	sockMu sync.Mutex
	set    *wsSettings
	corr   *correlator
	// push receives every frame that is not a response to a pending call;
	// it must not block.
	push func(frame []byte)
	// stale counts responses to our own echoes that no call waits for.
	stale *atomic.Uint64

	// onShutdown, when set, runs once before done is closed.
	onShutdown func(c *wsConn, cause error)

	// out holds the frames waiting for the writer, all kinds in one order
	// (see send).
	out  frameQueue
	done chan struct{}
	once sync.Once
	err  error // set before done is closed

	mu      sync.Mutex
	pending map[uint64]chan []byte
	custom  map[string]chan []byte
}

func newWSConn(ws *websocket.Conn, set *wsSettings, corr *correlator, push func([]byte), stale *atomic.Uint64) *wsConn {
	c := &wsConn{
		ws: ws, set: set, corr: corr, push: push, stale: stale,
		done:    make(chan struct{}),
		pending: make(map[uint64]chan []byte),
	}
	c.out.init(set.sendQueue, set.sendBacklog)
	return c
}

// shutdown records cause (first one wins), wakes everyone waiting on the
// connection and closes the socket.
func (c *wsConn) shutdown(cause error) {
	c.once.Do(func() {
		c.err = cause
		if c.onShutdown != nil {
			c.onShutdown(c, cause)
		}
		close(c.done)
		if ws := c.sock(); ws != nil {
			ws.Close()
		}
	})
}

// sock returns the socket, nil before attach.
func (c *wsConn) sock() *websocket.Conn {
	c.sockMu.Lock()
	defer c.sockMu.Unlock()
	return c.ws
}

// attach gives a connection created without a socket its socket. If the
// connection was shut down meanwhile, it sends a close frame (best effort),
// closes ws and returns false; serve must then not be called.
func (c *wsConn) attach(ws *websocket.Conn) bool {
	c.sockMu.Lock()
	c.ws = ws
	c.sockMu.Unlock()
	// shutdown closes done before it reads the socket, and we set the
	// socket before we look at done: one of the two closes ws.
	select {
	case <-c.done:
		_ = ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(c.set.writeTimeout))
		ws.Close()
		return false
	default:
		return true
	}
}

// closeGracefully sends a close frame (best effort) and shuts down.
func (c *wsConn) closeGracefully(cause error) {
	select {
	case <-c.done:
		return
	default:
	}
	if ws := c.sock(); ws != nil {
		_ = ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(c.set.writeTimeout))
	}
	c.shutdown(cause)
}

// closedErr is the error pending and later calls get: it wraps ErrClosed
// and the recorded cause.
func (c *wsConn) closedErr() error {
	<-c.done
	if c.err == nil || errors.Is(c.err, ErrClosed) {
		if c.err == nil {
			return ErrClosed
		}
		return c.err
	}
	return fmt.Errorf("%w: %w", ErrClosed, c.err)
}

// serve runs the reader on the calling goroutine and the writer on a new
// one, and returns once both have stopped, with the cause.
func (c *wsConn) serve() error {
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		c.writeLoop()
	}()
	c.readLoop()
	<-writerDone
	return c.closedErr()
}

// maxDeadlineSlack is the longest the reader lets pass between two read
// deadline extensions while frames keep arriving (see readLoop).
const maxDeadlineSlack = 250 * time.Millisecond

// readFrame reads the rest of the message r into a new slice, starting
// with capacity hint, so that the frame can be handed over without a
// copy. The read limit set on the socket bounds its growth.
func readFrame(r io.Reader, hint int) ([]byte, error) {
	b := make([]byte, 0, hint)
	var probe [1]byte
	for {
		if len(b) == cap(b) {
			// Full: the message may end exactly here; probe before growing.
			n, err := r.Read(probe[:])
			if n > 0 {
				b = append(b, probe[0])
			}
			if err == io.EOF {
				return b, nil
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (c *wsConn) readLoop() {
	c.ws.SetReadLimit(c.set.readLimit)
	// The deadline is pushed back on every pong and ping, and on incoming
	// frames at most every slack (a fraction of readTimeout): a live peer
	// never sees a deadline closer than readTimeout-slack, and a half-open
	// connection still fails within readTimeout of its last sign of life.
	// lastExtend is only touched by this goroutine (gorilla runs the
	// control handlers inside NextReader).
	slack := min(maxDeadlineSlack, c.set.readTimeout/8)
	var lastExtend time.Time
	extend := func() {
		if c.set.pingInterval > 0 {
			lastExtend = time.Now()
			_ = c.ws.SetReadDeadline(lastExtend.Add(c.set.readTimeout))
		}
	}
	extend()
	c.ws.SetPongHandler(func(string) error { extend(); return nil })
	c.ws.SetPingHandler(func(data string) error {
		// A peer's ping is activity too; answer it like gorilla's default.
		extend()
		err := c.ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(c.set.writeTimeout))
		var ne net.Error
		if err == websocket.ErrCloseSent || (errors.As(err, &ne) && ne.Timeout()) {
			return nil
		}
		return err
	})
	const minHint, maxHint = 512, 64 << 10
	hint := minHint
	for {
		_, r, err := c.ws.NextReader()
		var frame []byte
		if err == nil {
			frame, err = readFrame(r, hint)
		}
		if err != nil {
			c.shutdown(c.readError(err))
			return
		}
		// Size the next buffer after this frame, with some room, so that
		// similar frames are read without growing.
		hint = min(max(len(frame)+len(frame)/8+64, minHint), maxHint)
		if c.set.pingInterval > 0 && time.Since(lastExtend) >= slack {
			extend()
		}
		c.dispatch(frame)
	}
}

func (c *wsConn) readError(err error) error {
	select {
	case <-c.done:
		return err // already shut down; cause recorded earlier
	default:
	}
	switch {
	case errors.Is(err, websocket.ErrReadLimit):
		return fmt.Errorf("transport: incoming websocket frame exceeds the read limit of %d bytes: %w", c.set.readLimit, ErrTooLarge)
	case websocket.IsCloseError(err, websocket.CloseMessageTooBig):
		return fmt.Errorf("transport: peer refused a frame as too large: %w (%w)", ErrTooLarge, err)
	}
	return fmt.Errorf("transport: websocket read: %w", err)
}

// dispatch hands a response to its waiting call, drops stale responses to
// our own echoes, and pushes everything else.
func (c *wsConn) dispatch(frame []byte) {
	if c.corr != nil {
		if raw, ok := findEcho(frame); ok {
			if id, ours := c.corr.gen.parse(raw); ours {
				c.mu.Lock()
				ch, found := c.pending[id]
				if found {
					delete(c.pending, id)
					ch <- frame
				}
				c.mu.Unlock()
				if !found {
					c.stale.Add(1)
				}
				return
			}
			c.mu.Lock()
			if len(c.custom) > 0 {
				key := echoKey(raw)
				if ch, found := c.custom[key]; found {
					delete(c.custom, key)
					ch <- frame
					c.mu.Unlock()
					return
				}
			}
			c.mu.Unlock()
		}
	}
	c.push(frame)
}

// writeLoop writes the queued frames in order (channel first, then the
// backlog; see frameQueue) and pings the peer.
func (c *wsConn) writeLoop() {
	var tick <-chan time.Time
	if c.set.pingInterval > 0 {
		t := time.NewTicker(c.set.pingInterval)
		defer t.Stop()
		tick = t.C
	}
	q := &c.out
	for {
		for q.slow.Load() {
			f, ok := q.pop()
			if !ok {
				break
			}
			if !c.write(f) {
				return
			}
			// A long backlog must not hold back pings or shutdown.
			select {
			case <-tick:
				if !c.ping() {
					return
				}
			case <-c.done:
				return
			default:
			}
		}
		select {
		case f := <-q.ch:
			if !c.write(f) {
				return
			}
		case <-q.wake:
		case <-tick:
			if !c.ping() {
				return
			}
		case <-c.done:
			return
		}
	}
}

// write writes one frame; false (the connection shut down) on error.
func (c *wsConn) write(f qframe) bool {
	_ = c.ws.SetWriteDeadline(time.Now().Add(c.set.writeTimeout))
	err := c.ws.WriteMessage(websocket.TextMessage, f.b)
	f.release()
	if err != nil {
		c.shutdown(fmt.Errorf("transport: websocket write: %w", err))
		return false
	}
	return true
}

// ping sends a ping; false (the connection shut down) on error.
func (c *wsConn) ping() bool {
	if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.set.writeTimeout)); err != nil {
		c.shutdown(fmt.Errorf("transport: websocket ping: %w", err))
		return false
	}
	return true
}

// send queues a frame behind every frame queued before it (broadcast
// events, responses, requests alike: one order per connection), and never
// drops it: while the send backlog is over its budget (without a backlog:
// while the send queue is full) it waits for room until ctx ends or the
// connection closes.
func (c *wsConn) send(ctx context.Context, f qframe) error {
	select {
	case <-c.done:
		return c.closedErr()
	default:
	}
	if c.out.fast(f) {
		return nil
	}
	err := c.out.putWait(ctx, c.done, f)
	if err == errQueueStopped {
		return c.closedErr()
	}
	return err
}

// call sends a request frame carrying our echo id and waits for the response.
func (c *wsConn) call(ctx context.Context, id uint64, f qframe) ([]byte, error) {
	ch := respChanPool.Get().(chan []byte)
	c.mu.Lock()
	c.pending[id] = ch
	c.mu.Unlock()
	if err := c.send(ctx, f); err != nil {
		f.release()
		c.forget(id, ch)
		return nil, err
	}
	select {
	case resp := <-ch:
		respChanPool.Put(ch)
		return resp, nil
	case <-ctx.Done():
		c.forget(id, ch)
		return nil, ctx.Err()
	case <-c.done:
		select {
		case resp := <-ch:
			return resp, nil
		default:
		}
		return nil, c.closedErr()
	}
}

// forget removes a pending call; the channel is recycled once no response
// can arrive on it any more.
func (c *wsConn) forget(id uint64, ch chan []byte) {
	c.mu.Lock()
	_, still := c.pending[id]
	delete(c.pending, id)
	c.mu.Unlock()
	if !still {
		<-ch // the reader delivered just before we gave up
	}
	respChanPool.Put(ch)
}

// callFrame sends a complete request frame that carries its own echo (any
// JSON value) and waits for the response with the same echo.
func (c *wsConn) callFrame(ctx context.Context, frame []byte) ([]byte, error) {
	raw, ok := findEcho(frame)
	if !ok {
		return nil, errors.New("transport: request frame has no top-level \"echo\"")
	}
	if _, ours := c.corr.gen.parse(raw); ours {
		return nil, errors.New("transport: request frame echo collides with generated echoes")
	}
	key := echoKey(raw)
	ch := make(chan []byte, 1)
	c.mu.Lock()
	if _, dup := c.custom[key]; dup {
		c.mu.Unlock()
		return nil, fmt.Errorf("transport: a call with echo %s is already pending", key)
	}
	if c.custom == nil {
		c.custom = make(map[string]chan []byte)
	}
	c.custom[key] = ch
	c.mu.Unlock()
	drop := func() {
		c.mu.Lock()
		if c.custom[key] == ch {
			delete(c.custom, key)
		}
		c.mu.Unlock()
	}
	if err := c.send(ctx, qframe{b: frame}); err != nil {
		drop()
		return nil, err
	}
	select {
	case resp := <-ch:
		return resp, nil
	case <-ctx.Done():
		drop()
		return nil, ctx.Err()
	case <-c.done:
		select {
		case resp := <-ch:
			return resp, nil
		default:
		}
		return nil, c.closedErr()
	}
}

// checkParams rejects params that would corrupt the request frame.
func checkParams(action string, params []byte) error {
	if action == "" {
		return errors.New("transport: empty action name")
	}
	if params != nil && !json.Valid(params) {
		return fmt.Errorf("transport: %s: params are not valid JSON", strconv.Quote(action))
	}
	return nil
}
