package milky

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// EventMode selects how a [Bot] receives events from {base}/event.
type EventMode int

const (
	// EventsAuto tries a WebSocket first and falls back to SSE when the
	// server shows that {base}/event does not speak WebSocket (see [Dial]
	// for the exact rule). It is the default.
	EventsAuto EventMode = iota
	// EventsWebSocket receives events over a WebSocket at {base}/event.
	EventsWebSocket
	// EventsSSE receives events as Server-Sent Events from {base}/event. A
	// reconnect sends Last-Event-ID, so a server that keeps recent events
	// (as [Server] does) sends the ones missed meanwhile.
	EventsSSE
)

// String returns "auto", "websocket" or "sse".
func (m EventMode) String() string {
	switch m {
	case EventsAuto:
		return "auto"
	case EventsWebSocket:
		return "websocket"
	case EventsSSE:
		return "sse"
	}
	return fmt.Sprintf("EventMode(%d)", int(m))
}

// SSEEventName is the SSE event name Milky uses for events. The SSE source
// also accepts unnamed events (LuckyLilliaBot before 8.1.0 omitted the
// "event:" line) and ignores events with any other name.
const SSEEventName = "milky_event"

var (
	// errIdle ends one connection of an event source that received nothing
	// for the idle timeout; the source reconnects.
	errIdle = errors.New("milky: event stream idle")
	// errFallback ends the WebSocket attempt of EventsAuto.
	errFallback = errors.New("milky: /event is not a WebSocket endpoint")
	// errPolicyClose: the server closed the WebSocket with 1008 (policy
	// violation), which LuckyLilliaBot sends for a bad token.
	errPolicyClose = fmt.Errorf("milky: event WebSocket closed with 1008 (policy violation; bad access token?): %w", transport.ErrUnauthorized)
)

// eventConn is the transport.Source of a Bot that reads {base}/event.
type eventConn struct {
	mode         EventMode
	eventURL     string // http(s)://.../event
	token        string
	tokenInQuery bool
	httpClient   *http.Client
	ws           *transport.WSOptions // tuning; may be nil
	backoff      transport.Backoff
	idle         time.Duration
	onConnect    func(EventMode)
	onDisconnect func(EventMode, error)
	logger       *slog.Logger

	dropped atomic.Uint64 // WebSocket frames dropped (event queue and backlog full)
}

// Run delivers event frames until ctx ends or the source fails for good.
func (c *eventConn) Run(ctx context.Context, deliver func(frame []byte)) error {
	mode := c.mode
	if mode == EventsAuto {
		m, err := c.probe(ctx)
		if err != nil {
			return err
		}
		mode = m
		c.log("milky event mode chosen", "mode", mode)
	}
	// lastEventID carries the SSE position across the idle reconnects of
	// this Run, so the new stream resumes where the old one stopped.
	var lastEventID string
	for {
		var err error
		if mode == EventsSSE {
			err = c.runSSE(ctx, deliver, &lastEventID)
		} else {
			err = c.runWS(ctx, deliver)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, errIdle) {
			c.log("milky event stream idle; reconnecting", "mode", mode)
			continue
		}
		return err
	}
}

func (c *eventConn) log(msg string, args ...any) {
	if c.logger != nil {
		c.logger.Debug(msg, args...)
	}
}

// wsURL returns the event URL with the ws or wss scheme.
func (c *eventConn) wsURL() string {
	u, _ := url.Parse(c.eventURL) // validated by Dial
	if u.Scheme == "https" {
		u.Scheme = "wss"
	} else {
		u.Scheme = "ws"
	}
	return u.String()
}

// probe decides the mode of EventsAuto with one WebSocket handshake
// request: 101 means WebSocket (the probe connection is closed at once and
// the real one opened next), a "not a WebSocket" answer means SSE, 401 and
// 403 are final errors, and anything else (network errors, 5xx, 429, 3xx)
// is retried with backoff.
func (c *eventConn) probe(ctx context.Context) (EventMode, error) {
	for attempt := 0; ; attempt++ {
		m, err := c.probeOnce(ctx)
		if err == nil {
			return m, nil
		}
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if errors.Is(err, transport.ErrUnauthorized) || errors.Is(err, transport.ErrForbidden) {
			return 0, err
		}
		c.log("milky event probe failed", "err", err)
		if c.onDisconnect != nil {
			c.onDisconnect(EventsAuto, err)
		}
		if err := c.backoff.Wait(ctx, attempt); err != nil {
			return 0, err
		}
	}
}

func (c *eventConn) probeOnce(ctx context.Context) (EventMode, error) {
	return ProbeEvents(ctx, c.httpClient, c.eventURL, c.authorize)
}

// ProbeEvents sends one WebSocket handshake request to eventURL (a Milky
// {base}/event; authorize, when not nil, adds the credentials) and tells
// from the answer which event transport the endpoint speaks:
// [EventsWebSocket] when it upgrades, [EventsSSE] when it answers that it
// does not speak WebSocket (2xx, 400, 404, 405, 406, 415 or 426). Any other
// answer is an error wrapping a *transport.StatusError (401 and 403 match
// transport.ErrUnauthorized and transport.ErrForbidden). The answer is
// closed unread, so the probe ends at once whether the endpoint upgraded
// or started an endless event stream. It is the test [Dial] makes in
// [EventsAuto] mode.
func ProbeEvents(ctx context.Context, hc *http.Client, eventURL string, authorize func(*http.Request)) (EventMode, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, eventURL, nil)
	if err != nil {
		return 0, fmt.Errorf("milky: event probe: %w", err)
	}
	key := make([]byte, 16)
	_, _ = rand.Read(key)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", base64.StdEncoding.EncodeToString(key))
	if authorize != nil {
		authorize(req)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("milky: event probe: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusSwitchingProtocols {
		return EventsWebSocket, nil
	}
	if notWebSocket(resp.StatusCode) {
		return EventsSSE, nil
	}
	return 0, fmt.Errorf("milky: event probe: %w", &transport.StatusError{StatusCode: resp.StatusCode, Status: resp.Status})
}

// notWebSocket reports whether an HTTP status answering a WebSocket
// handshake means "this endpoint exists but does not speak WebSocket".
func notWebSocket(code int) bool {
	switch code {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusMethodNotAllowed,
		http.StatusNotAcceptable, http.StatusUnsupportedMediaType, http.StatusUpgradeRequired:
		return true
	}
	return code >= 200 && code < 300
}

func (c *eventConn) authorize(req *http.Request) {
	if c.token == "" {
		return
	}
	if c.tokenInQuery {
		q := req.URL.Query()
		q.Set("access_token", c.token)
		req.URL.RawQuery = q.Encode()
		return
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
}

// idleTimer cancels a connection that received nothing for d while
// connected. A zero d disables it; all methods are then no-ops.
type idleTimer struct {
	d  time.Duration
	mu sync.Mutex
	t  *time.Timer
}

func newIdleTimer(d time.Duration, fire func()) *idleTimer {
	it := &idleTimer{d: d}
	if d > 0 {
		it.t = time.AfterFunc(d, fire)
		it.t.Stop()
	}
	return it
}

func (it *idleTimer) reset() {
	if it.t != nil {
		it.mu.Lock()
		it.t.Reset(it.d)
		it.mu.Unlock()
	}
}

func (it *idleTimer) stop() {
	if it.t != nil {
		it.mu.Lock()
		it.t.Stop()
		it.mu.Unlock()
	}
}

func (c *eventConn) runWS(ctx context.Context, deliver func([]byte)) error {
	sub, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	idle := newIdleTimer(c.idle, func() { cancel(errIdle) })
	defer idle.stop()
	opts := &transport.WSOptions{}
	if c.ws != nil {
		*opts = *c.ws
	}
	opts.Token, opts.TokenInQuery, opts.EventsOnly = c.token, c.tokenInQuery, true
	if opts.Backoff == (transport.Backoff{}) {
		opts.Backoff = c.backoff
	}
	if opts.Logger == nil {
		opts.Logger = c.logger
	}
	opts.OnConnect = func() {
		idle.reset()
		if c.onConnect != nil {
			c.onConnect(EventsWebSocket)
		}
	}
	opts.OnDisconnect = func(err error) {
		idle.stop()
		var ce *websocket.CloseError
		if errors.As(err, &ce) && ce.Code == websocket.ClosePolicyViolation {
			cancel(errPolicyClose)
		}
		if c.onDisconnect != nil {
			c.onDisconnect(EventsWebSocket, err)
		}
	}
	opts.OnDialError = func(err error) {
		if c.onDisconnect != nil {
			c.onDisconnect(EventsWebSocket, err)
		}
	}
	// The WebSocket client logs a run of drops itself (once, at error
	// level, to opts.Logger); here they are only counted.
	opts.OnDrop = func([]byte) { c.dropped.Add(1) }
	cl, err := transport.NewWSClient(c.wsURL(), opts)
	if err != nil {
		return fmt.Errorf("milky: %w", err)
	}
	err = cl.Run(sub, func(f []byte) {
		idle.reset()
		deliver(f)
	})
	cl.Close()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if cause := context.Cause(sub); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}

// runSSE reads one SSE client until it fails for good, ctx ends or the
// stream goes idle. *lastEventID is sent as Last-Event-ID and updated with
// the last id received.
func (c *eventConn) runSSE(ctx context.Context, deliver func([]byte), lastEventID *string) error {
	sub, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	idle := newIdleTimer(c.idle, func() { cancel(errIdle) })
	defer idle.stop()
	cl, err := transport.NewSSEClient(c.eventURL, &transport.SSEOptions{
		Token:        c.token,
		TokenInQuery: c.tokenInQuery,
		Client:       c.httpClient,
		Backoff:      c.backoff,
		Logger:       c.logger,
		LastEventID:  *lastEventID,
		OnConnect: func() {
			idle.reset()
			if c.onConnect != nil {
				c.onConnect(EventsSSE)
			}
		},
		OnDisconnect: func(err error) {
			idle.stop()
			if c.onDisconnect != nil && sub.Err() == nil {
				c.onDisconnect(EventsSSE, err)
			}
		},
	})
	if err != nil {
		return fmt.Errorf("milky: %w", err)
	}
	err = cl.RunEvents(sub, func(ev transport.SSEEvent) {
		idle.reset()
		switch ev.Name {
		case SSEEventName, "", "message":
			deliver(ev.Data)
		}
	})
	*lastEventID = cl.LastEventID()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if cause := context.Cause(sub); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}

// apiAndEventURLs returns the API base and {base}/event for a base URL
// (http, https, ws or wss; ws schemes are mapped to http), without a
// trailing slash, query or fragment.
func apiAndEventURLs(base string) (apiBase, eventURL string, err error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", "", fmt.Errorf("milky: bad base URL %q: %w", base, err)
	}
	switch u.Scheme {
	case "http", "https":
	case "ws":
		u.Scheme = "http"
	case "wss":
		u.Scheme = "https"
	default:
		return "", "", fmt.Errorf("milky: base URL %q: scheme must be http or https", base)
	}
	if u.Host == "" {
		return "", "", fmt.Errorf("milky: base URL %q has no host", base)
	}
	u.RawQuery, u.Fragment = "", ""
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	apiBase = u.String()
	return apiBase, apiBase + "/event", nil
}

// WebhookReceiver is an http.Handler receiving Milky webhook POSTs (the
// implementation posts each event's JSON; since Milky 1.1 with
// "Authorization: Bearer <token>"), and a [transport.Source] of their
// bodies: set it as BotOptions.Source and serve it on your HTTP server.
// Safe for concurrent use.
//
// A POST without the right Bearer token (when a token is set) is answered
// 401 and not delivered; a non-POST is answered 405. Accepted bodies are
// queued and answered 204 at once; when the queue is full the POST is
// answered 503 so nothing is dropped silently (Milky implementations do not
// retry webhooks, so keep the Bot running).
type WebhookReceiver struct {
	r *transport.WebhookReceiver
}

// NewWebhookReceiver returns a receiver checking "Authorization: Bearer
// token" (an empty token accepts every POST, as webhooks before Milky 1.1
// carried no credentials).
func NewWebhookReceiver(token string) *WebhookReceiver {
	return &WebhookReceiver{r: transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Token: token,
		Auth:  transport.AuthOptions{WrongTokenIs401: true},
	})}
}

// ServeHTTP checks and queues one webhook POST.
func (w *WebhookReceiver) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.r.ServeHTTP(rw, r)
}

// Run delivers the queued bodies in arrival order until ctx ends (then it
// returns ctx.Err()). Only one Run may be active at a time.
func (w *WebhookReceiver) Run(ctx context.Context, deliver func(frame []byte)) error {
	return w.r.Run(ctx, deliver)
}

// Refused counts POSTs answered 503 because the queue was full.
func (w *WebhookReceiver) Refused() uint64 { return w.r.Refused() }
