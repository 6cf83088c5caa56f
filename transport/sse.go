package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// SSEEvent is one dispatched Server-Sent Event.
type SSEEvent struct {
	// ID is the last event ID in effect when the event was dispatched.
	ID string
	// Name is the "event:" field; "" for an unnamed event (type "message").
	Name string
	// Data is the "data:" lines joined by "\n".
	Data []byte
}

// ErrSSEStopped is returned by the SSE client when the server answers 204
// No Content, which per the EventSource rules means "stop reconnecting". It
// wraps ErrClosed.
var ErrSSEStopped = fmt.Errorf("transport: SSE server asked the client to stop (204 No Content): %w", ErrClosed)

// sseParser implements the WHATWG event-stream interpretation: lines end in
// CRLF, LF or CR; ":" starts a comment; fields event, data, id and retry;
// a blank line dispatches.
type sseParser struct {
	line     []byte
	lastCR   bool
	started  bool // BOM check done
	data     []byte
	hasData  bool
	event    string
	id       string
	retry    time.Duration
	retrySet bool
	max      int
	dispatch func(SSEEvent)
	// setID, when set, is called at every blank line with the last event
	// id then in effect, even when no event is dispatched (a block with an
	// id and no data moves the id, as in the WHATWG rules).
	setID func(id string)
	// onGap, when set, is called for a ": replay-gap" comment.
	onGap func()
}

// feed consumes a chunk of the stream.
func (p *sseParser) feed(b []byte) error {
	for len(b) > 0 {
		if p.lastCR {
			p.lastCR = false
			if b[0] == '\n' {
				b = b[1:]
				continue
			}
		}
		i := bytes.IndexAny(b, "\r\n")
		if i < 0 {
			p.line = append(p.line, b...)
			if p.max > 0 && len(p.line)+len(p.data) > p.max {
				return fmt.Errorf("transport: SSE event exceeds %d bytes: %w", p.max, ErrTooLarge)
			}
			return nil
		}
		p.line = append(p.line, b[:i]...)
		p.lastCR = b[i] == '\r'
		b = b[i+1:]
		if p.max > 0 && len(p.line)+len(p.data) > p.max {
			return fmt.Errorf("transport: SSE event exceeds %d bytes: %w", p.max, ErrTooLarge)
		}
		p.processLine(p.line)
		p.line = p.line[:0]
	}
	return nil
}

func (p *sseParser) processLine(line []byte) {
	if !p.started {
		p.started = true
		line = bytes.TrimPrefix(line, []byte("\uFEFF"))
	}
	if len(line) == 0 {
		p.flush()
		return
	}
	if line[0] == ':' {
		if p.onGap != nil && bytes.HasPrefix(bytes.TrimLeft(line[1:], " "), []byte("replay-gap")) {
			p.onGap()
		}
		return
	}
	field, value := line, []byte(nil)
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		field, value = line[:i], line[i+1:]
		if len(value) > 0 && value[0] == ' ' {
			value = value[1:]
		}
	}
	switch string(field) {
	case "event":
		p.event = string(value)
	case "data":
		p.data = append(p.data, value...)
		p.data = append(p.data, '\n')
		p.hasData = true
	case "id":
		if bytes.IndexByte(value, 0) < 0 {
			p.id = string(value)
		}
	case "retry":
		if len(value) > 0 {
			ms, err := strconv.ParseUint(string(value), 10, 63)
			if err == nil {
				p.retry = time.Duration(min(ms, uint64(24*time.Hour/time.Millisecond))) * time.Millisecond
				p.retrySet = true
			}
		}
	}
}

func (p *sseParser) flush() {
	if p.setID != nil {
		p.setID(p.id)
	}
	if !p.hasData {
		p.event = ""
		return
	}
	data := bytes.Clone(p.data[:len(p.data)-1])
	ev := SSEEvent{ID: p.id, Name: p.event, Data: data}
	p.data, p.hasData, p.event = p.data[:0], false, ""
	p.dispatch(ev)
}

// SSEOptions configures an [SSEClient]. The zero value is usable.
type SSEOptions struct {
	// Token, when set, is sent as "Authorization: Bearer <Token>", or as
	// the access_token query parameter when TokenInQuery is set.
	Token        string
	TokenInQuery bool
	// Header holds extra request headers.
	Header http.Header
	// Client performs the requests; nil means http.DefaultClient. Its
	// Timeout must be zero (it would cut the stream).
	Client *http.Client
	// Backoff paces reconnects (zero: DefaultBackoff). When the server sent
	// a "retry:" field, that value replaces Backoff.Initial (and raises Max
	// if needed). The attempt count resets after each successful connect.
	Backoff Backoff
	// EventName, when set, delivers only events of that type ("message"
	// also matches unnamed events), e.g. "milky_event". Empty delivers all.
	EventName string
	// LastEventID is sent as Last-Event-ID on the first connection; later
	// connections send the last event id received (see
	// [SSEClient.LastEventID]), so that a server keeping recent events
	// (like [SSEServer]) resumes the stream where it broke off.
	LastEventID string
	// MaxEventBytes caps one event (default DefaultMaxResponseBytes). A
	// larger one drops the connection with an error wrapping ErrTooLarge,
	// reported to OnDisconnect, and the client reconnects.
	MaxEventBytes int
	// OnConnect is called after each successful connect, OnDisconnect with
	// the cause when a connection attempt or stream ends. Hooks must not
	// block.
	OnConnect    func()
	OnDisconnect func(err error)
	// OnGap is called when the server says, with a ": replay-gap" comment
	// (see SSEServerOptions.Replay), that it no longer holds every event
	// after the Last-Event-ID sent (given here): events were missed.
	OnGap func(lastEventID string)
	// Logger receives connection lifecycle messages; nil logs nothing.
	Logger *slog.Logger
}

// SSEClient is a reconnecting Server-Sent Events client and a [Source]. It
// is safe for concurrent use; each Run holds its own connection.
type SSEClient struct {
	url    string
	opts   SSEOptions
	client *http.Client
	header http.Header

	mu          sync.Mutex
	lastEventID string
}

var _ Source = (*SSEClient)(nil)

// NewSSEClient returns a client for the event stream at rawURL (http or
// https). Nothing is connected until Run. o may be nil.
func NewSSEClient(rawURL string, o *SSEOptions) (*SSEClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("transport: bad SSE URL %q: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("transport: SSE URL %q: scheme must be http or https", rawURL)
	}
	if o == nil {
		o = &SSEOptions{}
	}
	c := &SSEClient{opts: *o, client: o.Client, header: o.Header.Clone(), lastEventID: o.LastEventID}
	if c.client == nil {
		c.client = http.DefaultClient
	}
	if c.header == nil {
		c.header = http.Header{}
	}
	if o.Token != "" {
		if o.TokenInQuery {
			q := u.Query()
			q.Set("access_token", o.Token)
			u.RawQuery = q.Encode()
		} else {
			c.header.Set("Authorization", "Bearer "+o.Token)
		}
	}
	if c.opts.MaxEventBytes <= 0 {
		c.opts.MaxEventBytes = DefaultMaxResponseBytes
	}
	c.url = u.String()
	return c, nil
}

// LastEventID returns the last event ID received (sent as Last-Event-ID on
// reconnect).
func (c *SSEClient) LastEventID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastEventID
}

// Run delivers the data of every accepted event (see
// SSEOptions.EventName) until ctx ends, reconnecting in between. deliver is
// called on Run's goroutine, which also reads the stream: a slow deliver
// applies back-pressure and loses nothing. Run returns ctx.Err() when ctx
// ends, or a permanent failure: 401/403 (*StatusError), 204
// ([ErrSSEStopped]) or a response that is not text/event-stream.
func (c *SSEClient) Run(ctx context.Context, deliver func(frame []byte)) error {
	return c.RunEvents(ctx, func(ev SSEEvent) { deliver(ev.Data) })
}

// RunEvents is Run delivering whole events (ID, name, data).
func (c *SSEClient) RunEvents(ctx context.Context, deliver func(SSEEvent)) error {
	attempt := 0
	var retry time.Duration
	for {
		connected, r, err := c.stream(ctx, deliver, retry)
		retry = r
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if connected {
			attempt = 0
		}
		if c.opts.Logger != nil {
			c.opts.Logger.Debug("sse disconnected", "url", c.url, "err", err)
		}
		if c.opts.OnDisconnect != nil {
			c.opts.OnDisconnect(err)
		}
		if permanentSSE(err) {
			return err
		}
		b := c.opts.Backoff.norm()
		if retry > 0 {
			b.Initial = retry
			b.Max = max(b.Max, retry)
		}
		if err := b.Wait(ctx, attempt); err != nil {
			return err
		}
		attempt++
	}
}

var errNotEventStream = errors.New("transport: response is not text/event-stream")

func permanentSSE(err error) bool {
	return errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden) ||
		errors.Is(err, ErrSSEStopped) || errors.Is(err, errNotEventStream)
}

// stream runs one connection; it returns whether the server accepted it,
// the retry value in effect and why it ended.
func (c *SSEClient) stream(ctx context.Context, deliver func(SSEEvent), retry time.Duration) (bool, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.url, nil)
	if err != nil {
		return false, retry, fmt.Errorf("transport: SSE request: %w", err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Cache-Control", "no-cache")
	if id := c.LastEventID(); id != "" {
		req.Header.Set("Last-Event-ID", id)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return false, retry, fmt.Errorf("transport: SSE connect: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNoContent {
		return false, retry, ErrSSEStopped
	}
	if resp.StatusCode != http.StatusOK {
		body, _, _ := readLimited(resp.Body, 4096, -1)
		return false, retry, fmt.Errorf("transport: SSE connect: %w", &StatusError{StatusCode: resp.StatusCode, Status: resp.Status, Body: body})
	}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err != nil || mt != "text/event-stream" {
		return false, retry, fmt.Errorf("%w (Content-Type %q)", errNotEventStream, resp.Header.Get("Content-Type"))
	}
	if c.opts.OnConnect != nil {
		c.opts.OnConnect()
	}
	resumedFrom := c.LastEventID()
	p := &sseParser{max: c.opts.MaxEventBytes, id: resumedFrom}
	p.setID = func(id string) {
		c.mu.Lock()
		c.lastEventID = id
		c.mu.Unlock()
	}
	p.dispatch = func(ev SSEEvent) {
		if c.accept(ev.Name) {
			deliver(ev)
		}
	}
	if c.opts.OnGap != nil {
		p.onGap = func() { c.opts.OnGap(resumedFrom) }
	}
	buf := make([]byte, 32<<10)
	for {
		n, rerr := resp.Body.Read(buf)
		if n > 0 {
			if err := p.feed(buf[:n]); err != nil {
				return true, c.retryOf(p, retry), err
			}
		}
		if rerr != nil {
			if rerr == io.EOF {
				rerr = io.ErrUnexpectedEOF
			}
			return true, c.retryOf(p, retry), fmt.Errorf("transport: SSE stream ended: %w", rerr)
		}
	}
}

func (c *SSEClient) retryOf(p *sseParser, prev time.Duration) time.Duration {
	if p.retrySet {
		return p.retry
	}
	return prev
}

func (c *SSEClient) accept(name string) bool {
	want := c.opts.EventName
	if want == "" {
		return true
	}
	if name == "" {
		name = "message"
	}
	return name == want
}

// SSEServerOptions configures an [SSEServer]. The zero value is usable.
type SSEServerOptions struct {
	// Token and Auth protect the stream (see [AuthenticateWith]).
	Token string
	Auth  AuthOptions
	// Buffer is the number of events queued per subscriber (default 256).
	// A subscriber whose queue is full is dropped: its stream ends, it is
	// counted in Dropped and reported to OnDrop. Publish never blocks.
	Buffer int
	// KeepAlive, when positive, sends a ": keep-alive" comment after that
	// long without events.
	KeepAlive time.Duration
	// WriteTimeout bounds one write to a subscriber (default
	// DefaultWriteTimeout), so a stalled subscriber cannot pin its handler.
	WriteTimeout time.Duration
	// OnDrop is called with the request of each dropped subscriber; it must
	// not block.
	OnDrop func(r *http.Request)
	// Replay is the number of recent events kept for subscribers that
	// reconnect (default DefaultSSEReplay; negative: none, and events are
	// sent without ids). Each event gets an id (see
	// [SSEServer.PublishEvent]); a subscriber whose request carries
	// Last-Event-ID first receives the kept events published after that
	// id, then the live stream, with nothing missed or repeated between
	// the two. If the id is not among the kept events (it is older than
	// the oldest kept, or from another server), the subscriber receives
	// every kept event, preceded by the comment line ": replay-gap": SSE
	// has no standard way to say that events were lost, and a comment is
	// ignored by clients that do not look for it ([SSEOptions.OnGap]
	// does). A request without Last-Event-ID receives live events only,
	// after a data-less "id:" block naming the newest event, which sets
	// the client's last event id without dispatching anything, so that
	// even a client that reconnects before its first event misses nothing.
	// Memory: up to Replay encoded events.
	Replay int
}

// DefaultSSEReplay is the default number of events an [SSEServer] keeps
// for reconnecting subscribers.
const DefaultSSEReplay = 1024

// sseGapComment is sent before a replay that cannot start right after the
// subscriber's Last-Event-ID.
const sseGapComment = ": replay-gap: events after Last-Event-ID are no longer buffered; the oldest buffered events follow\n"

// SSEServer is an http.Handler streaming published events to every
// subscriber, flushing after each event, and replaying recent events to
// subscribers that reconnect with Last-Event-ID (see
// SSEServerOptions.Replay). Safe for concurrent use.
type SSEServer struct {
	opts SSEServerOptions

	mu   sync.Mutex
	subs map[*sseSub]struct{}
	// seq numbers the events: the last one published had seq (ids are
	// assigned only with a replay buffer).
	seq uint64
	// ring holds the last len(ring) events when replay is on: ring[head]
	// is the oldest of n.
	ring    []sseItem
	head, n int
	// nsubs mirrors len(subs) so that Publish skips encoding, without
	// locking, when nobody listens.
	nsubs  atomic.Int32
	closed bool
	wg     sync.WaitGroup

	dropped atomic.Uint64
}

// sseItem is one encoded event: the id line (if any) is written before
// enc, which holds the rest.
// sseItem is one event of the stream. enc is its encoding (event and data
// lines) when it was made at publication (there were subscribers); else
// name and data are kept and encoded when the item is written (a replay).
type sseItem struct {
	seq  uint64
	id   string
	enc  []byte
	name string
	data []byte
}

// ident returns the item's id: the one given, or else the number the
// replay buffer assigned (seq), formatted only when it is needed.
func (it *sseItem) ident() string {
	if it.id != "" || it.seq == 0 {
		return it.id
	}
	return strconv.FormatUint(it.seq, 10)
}

// encoded returns the item's event and data lines.
func (it *sseItem) encoded() []byte {
	if it.enc != nil {
		return it.enc
	}
	return encodeSSE(SSEEvent{Name: it.name, Data: it.data})
}

type sseSub struct {
	ch   chan sseItem
	gone chan struct{}
	once sync.Once
	r    *http.Request
}

func (s *sseSub) end() { s.once.Do(func() { close(s.gone) }) }

// NewSSEServer returns a server; o may be nil.
func NewSSEServer(o *SSEServerOptions) *SSEServer {
	if o == nil {
		o = &SSEServerOptions{}
	}
	s := &SSEServer{opts: *o, subs: make(map[*sseSub]struct{})}
	if s.opts.Buffer <= 0 {
		s.opts.Buffer = 256
	}
	if s.opts.Replay == 0 {
		s.opts.Replay = DefaultSSEReplay
	}
	if s.opts.Replay > 0 {
		s.ring = make([]sseItem, s.opts.Replay)
		// Ids continue from the creation time in microseconds, so that a
		// restarted server's ids keep increasing and an id of an earlier
		// instance is recognised as outside the buffer.
		s.seq = uint64(time.Now().UnixMicro())
	}
	if s.opts.WriteTimeout <= 0 {
		s.opts.WriteTimeout = DefaultWriteTimeout
	}
	return s
}

// ServeHTTP authenticates the request and streams events until the client
// goes away, is dropped as too slow, or the server is closed.
func (s *SSEServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if err := AuthenticateWith(r, s.opts.Token, s.opts.Auth); err != nil {
		WriteAuthError(w, err)
		return
	}
	sub := &sseSub{ch: make(chan sseItem, s.opts.Buffer), gone: make(chan struct{}), r: r}
	lastID := r.Header.Get("Last-Event-ID")
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "server closed", http.StatusServiceUnavailable)
		return
	}
	// The replay is taken and the subscriber registered under one lock:
	// every later event goes to sub.ch, every earlier one is in the replay.
	var replay []sseItem
	var gap bool
	var resumeAt string
	if s.ring != nil {
		if lastID != "" {
			replay, gap = s.since(lastID)
		}
		if len(replay) == 0 {
			resumeAt = s.newestID()
		}
	}
	s.subs[sub] = struct{}{}
	s.nsubs.Store(int32(len(s.subs)))
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	defer s.remove(sub)

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	var tick <-chan time.Time
	if s.opts.KeepAlive > 0 {
		t := time.NewTicker(s.opts.KeepAlive)
		defer t.Stop()
		tick = t.C
	}
	var idLine []byte
	put := func(it sseItem) bool {
		if id := it.ident(); id != "" {
			idLine = append(append(append(idLine[:0], "id: "...), id...), '\n')
			if _, err := w.Write(idLine); err != nil {
				return false
			}
		}
		_, err := w.Write(it.encoded())
		return err == nil
	}
	write := func(it sseItem) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
		return put(it) && rc.Flush() == nil
	}
	_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
	if gap {
		if _, err := io.WriteString(w, sseGapComment); err != nil {
			return
		}
	}
	for i, it := range replay {
		if i%64 == 63 {
			// A long replay to a slow reader gets a fresh deadline now and
			// then, like the live stream does per event.
			_ = rc.SetWriteDeadline(time.Now().Add(s.opts.WriteTimeout))
		}
		if !put(it) {
			return
		}
	}
	if resumeAt != "" {
		// An id without data moves the client's last event id without
		// dispatching an event (WHATWG event-stream processing), so that a
		// client that has received no event yet can resume from here.
		if !put(sseItem{id: resumeAt, enc: []byte("\n")}) {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	for {
		select {
		case it := <-sub.ch:
			if !write(it) {
				return
			}
		case <-tick:
			if !write(sseItem{enc: []byte(": keep-alive\n\n")}) {
				return
			}
		case <-sub.gone:
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (s *SSEServer) remove(sub *sseSub) {
	s.mu.Lock()
	delete(s.subs, sub)
	s.nsubs.Store(int32(len(s.subs)))
	s.mu.Unlock()
	sub.end()
}

// newestID is the id of the newest event, or the number before the first
// one while there is none. s.mu must be held.
func (s *SSEServer) newestID() string {
	if s.n == 0 {
		return strconv.FormatUint(s.seq, 10)
	}
	return s.ring[(s.head+s.n-1)%len(s.ring)].ident()
}

// since returns the kept events published after the one with id lastID,
// and whether that event was not found among them (then all kept events
// are returned). s.mu must be held.
func (s *SSEServer) since(lastID string) (out []sseItem, gap bool) {
	if lastID == s.newestID() {
		return nil, false
	}
	at := func(i int) *sseItem { return &s.ring[(s.head+i)%len(s.ring)] }
	found, ok := -1, false
	// Ids the server assigned locate their event directly; the number just
	// before the oldest kept event (evicted, or the id a subscriber got
	// before the first event) means "everything kept is new".
	if seq, err := strconv.ParseUint(lastID, 10, 64); err == nil && s.n > 0 {
		first := at(0).seq
		switch {
		case seq+1 == first:
			ok = true
		case seq >= first && seq-first < uint64(s.n) && at(int(seq-first)).ident() == lastID:
			found, ok = int(seq-first), true
		}
	}
	if !ok {
		// Ids given to PublishEvent: look for the newest match.
		for i := s.n - 1; i >= 0; i-- {
			if lastID != "" && at(i).id == lastID {
				found, ok = i, true
				break
			}
		}
	}
	gap = !ok
	out = make([]sseItem, 0, s.n-found-1)
	for i := found + 1; i < s.n; i++ {
		out = append(out, *at(i))
	}
	return out, gap
}

// encodeSSE renders one event without its id line; data lines are split
// on CRLF, LF and CR.
func encodeSSE(ev SSEEvent) []byte {
	b := make([]byte, 0, len(ev.Data)+len(ev.Name)+24)
	if ev.Name != "" {
		b = append(b, "event: "...)
		b = append(b, sanitizeField(ev.Name)...)
		b = append(b, '\n')
	}
	data := ev.Data
	for {
		i := indexLineBreak(data)
		b = append(b, "data: "...)
		if i < 0 {
			b = append(b, data...)
			b = append(b, '\n')
			break
		}
		b = append(b, data[:i]...)
		b = append(b, '\n')
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	return append(b, '\n')
}

// indexLineBreak is bytes.IndexAny(b, "\r\n"), with the fast IndexByte
// (JSON frames have no raw line breaks: one scan each).
func indexLineBreak(b []byte) int {
	n := bytes.IndexByte(b, '\n')
	head := b
	if n >= 0 {
		head = b[:n]
	}
	if r := bytes.IndexByte(head, '\r'); r >= 0 {
		return r
	}
	return n
}

// sanitizeField drops line breaks (and NUL) that would break the framing of
// an id or event name.
func sanitizeField(s string) string {
	if !strings.ContainsAny(s, "\r\n\x00") {
		return s
	}
	return string(bytes.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == 0 {
			return -1
		}
		return r
	}, []byte(s)))
}

// Publish sends an event named name ("" for an unnamed event) with data to
// every subscriber. It never blocks: a subscriber whose buffer is full is
// dropped. Multi-line data is sent as several data: lines. The replay
// buffer keeps data itself: it must not be modified afterwards.
func (s *SSEServer) Publish(name string, data []byte) {
	s.PublishEvent(SSEEvent{Name: name, Data: data})
}

// PublishEvent is Publish with an optional event ID.
//
// With a replay buffer (SSEServerOptions.Replay), an event without an ID
// gets the next number of the server's sequence: decimal, increasing by
// one per event (events with an ID of their own use up a number too), so
// subscribers see increasing ids in publication order. An ID given here
// is sent as is; replay finds it by exact match.
//
// Without a replay buffer only given IDs are sent, and with no subscriber
// PublishEvent returns at once without encoding the event: a subscriber
// joining meanwhile may miss it, as if it had joined a moment later.
func (s *SSEServer) PublishEvent(ev SSEEvent) {
	if s.ring == nil && s.nsubs.Load() == 0 {
		return
	}
	it := sseItem{id: sanitizeField(ev.ID)}
	if s.nsubs.Load() > 0 {
		it.enc = encodeSSE(ev) // once for every subscriber
	} else {
		// Only the replay buffer takes it: encode if it is ever replayed.
		it.name, it.data = ev.Name, ev.Data
	}
	var dropped []*sseSub
	s.mu.Lock()
	if s.ring != nil {
		s.seq++
		it.seq = s.seq // the id, when none is given (see ident)
		if it.enc != nil && it.id == "" {
			// Subscribers will write it: format it once, not once each.
			it.id = strconv.FormatUint(it.seq, 10)
		}
		if s.n < len(s.ring) {
			s.ring[(s.head+s.n)%len(s.ring)] = it
			s.n++
		} else {
			s.ring[s.head] = it
			s.head = (s.head + 1) % len(s.ring)
		}
	}
	for sub := range s.subs {
		select {
		case sub.ch <- it:
		default:
			delete(s.subs, sub)
			sub.end()
			dropped = append(dropped, sub)
			s.nsubs.Store(int32(len(s.subs)))
		}
	}
	s.mu.Unlock()
	for _, sub := range dropped {
		s.dropped.Add(1)
		if s.opts.OnDrop != nil {
			s.opts.OnDrop(sub.r)
		}
	}
}

// Subscribers returns the number of connected subscribers.
func (s *SSEServer) Subscribers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs)
}

// Dropped counts subscribers dropped for being too slow.
func (s *SSEServer) Dropped() uint64 { return s.dropped.Load() }

// Close ends every stream, refuses new subscribers with 503 and waits for
// the stream handlers to return (a handler stuck writing to a stalled
// subscriber returns within WriteTimeout). Call it before shutting down the
// http.Server.
func (s *SSEServer) Close() error {
	s.mu.Lock()
	s.closed = true
	for sub := range s.subs {
		sub.end()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return nil
}
