package adapter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Upstream protocols of a Bridge.
const (
	// ProtocolMilky: the upstream speaks Milky; the bridge serves OneBot 11.
	ProtocolMilky = "milky"
	// ProtocolOneBot11: the upstream speaks OneBot 11; the bridge serves
	// Milky.
	ProtocolOneBot11 = "onebot11"
)

// DefaultBridgeListen is the listen address of a Bridge without one.
const DefaultBridgeListen = "127.0.0.1:6700"

// DefaultHeartbeatInterval is the heartbeat meta event interval of a OneBot
// 11 downstream.
const DefaultHeartbeatInterval = 15 * time.Second

// ErrBadProtocol is returned by StartBridge for an upstream protocol other
// than ProtocolMilky and ProtocolOneBot11.
var ErrBadProtocol = errors.New("adapter: unknown upstream protocol")

// BridgeOptions configure StartBridge. The `duobot bridge` command sets
// them from its flags (Caller, Source, Listener, Store, Backoff and OnLoss
// are for programs only; --log-level makes Logger):
//
//	duobot bridge [flags]
//	  --upstream-protocol milky|onebot11   protocol of the upstream (default milky;
//	                                       the bridge serves the other one)
//	  --upstream URL                       upstream base: Milky http(s)://host:port[/prefix]
//	                                       (API POST {base}/api/..., events from {base}/event);
//	                                       OneBot 11 ws(s):// (forward WebSocket) or
//	                                       http(s):// (HTTP API + SSE /_events). Empty: the
//	                                       embedded simulator (demo world) is the upstream
//	  --upstream-token TOKEN               access token sent to the upstream
//	  --upstream-events auto|ws|sse        how a Milky upstream's events are read: auto (default:
//	                                       WebSocket, or SSE when {base}/event refuses the upgrade)
//	  --listen ADDR                        downstream listen address (default 127.0.0.1:6700)
//	  --token TOKEN                        access token the downstream clients must send
//	  --secret SECRET                      OneBot 11 webhook signature secret (X-Signature)
//	  --webhook URL                        (repeatable) POST every event to URL
//	  --reverse-ws URL                     OneBot 11 reverse WebSocket (Universal) to dial
//	  --reverse-ws-api URL, --reverse-ws-event URL   split reverse WebSocket connections
//	  --heartbeat DURATION                 OneBot 11 heartbeat interval (default 15s; 0 off)
//	  --store PATH                         persistent id store (bbolt file); empty: in memory
//	  --log-level debug|info|warn|error    debug shows each conversion's loss report
type BridgeOptions struct {
	// UpstreamProtocol is ProtocolMilky (default) or ProtocolOneBot11.
	UpstreamProtocol string
	// UpstreamURL is the upstream base URL (see the --upstream flag in the
	// type's documentation). When empty and no Caller is set, StartBridge
	// starts an embedded simulator with the demo world and uses it as the
	// upstream.
	UpstreamURL string
	// UpstreamToken is sent to the upstream as "Authorization: Bearer" on
	// API calls and event streams. An upstream refusing it is final (see
	// StartBridge).
	UpstreamToken string
	// UpstreamEvents is how a Milky upstream's events are read from
	// UpstreamURL: UpstreamEventsAuto (default), UpstreamEventsWS or
	// UpstreamEventsSSE. A OneBot 11 upstream takes only auto (its URL
	// scheme chooses).
	UpstreamEvents string
	// Caller and Source, when Caller is set, are the upstream instead of
	// UpstreamURL (Source nil: no events). The Bridge does not own them.
	Caller transport.Caller
	Source transport.Source

	// Listen is the downstream listen address (default DefaultBridgeListen;
	// port 0 picks a free port). Listener, when set, is used instead; the
	// bridge closes it when it closes (not when StartBridge fails).
	Listen   string
	Listener net.Listener
	// AccessToken protects the downstream API and event streams.
	AccessToken string
	// Secret signs OneBot 11 webhook posts.
	Secret string
	// WebhookURLs receive every event as a POST (either downstream).
	WebhookURLs []string
	// ReverseURL, ReverseAPIURL, ReverseEventURL: OneBot 11 reverse
	// WebSocket connections the bridge dials.
	ReverseURL, ReverseAPIURL, ReverseEventURL string
	// HeartbeatInterval of the OneBot 11 downstream's heartbeat meta events
	// (0: DefaultHeartbeatInterval; negative: none).
	HeartbeatInterval time.Duration

	// StorePath, when set, keeps the id mappings in a bbolt file
	// (OpenBoltStore), so message ids and request flags survive a restart;
	// else they live in memory. Store, when set, is used instead (the
	// Bridge does not close it).
	StorePath string
	Store     Store

	// Backoff paces upstream reconnects and the first get_login_info
	// retries (zero: transport.DefaultBackoff).
	Backoff transport.Backoff
	// Logger receives connection messages and, at debug level, the loss
	// report of every conversion; nil logs nothing.
	Logger *slog.Logger
	// OnLoss receives every non-empty loss report (events: the event type
	// as api). It must not block.
	OnLoss func(ctx context.Context, api string, r *Report)
}

// Bridge serves one protocol on top of an implementation of the other: the
// API through OneBotOnMilky or MilkyOnOneBot, the events through the
// Converter, published to every downstream transport (HTTP, forward
// WebSocket, SSE, webhooks, reverse WebSocket for OneBot 11; HTTP,
// WebSocket, SSE, webhooks for Milky). Start it with StartBridge; Close or
// Shutdown stops everything it started.
type Bridge struct {
	opts   BridgeOptions
	log    *slog.Logger
	conv   *Converter
	store  Store
	closer func() error // the store's, when the bridge opened it
	sim    *sim.Instance
	ln     net.Listener
	http   *http.Server

	ob11Srv  *onebot11.Server
	milkySrv *milky.Server
	mbot     *milky.Bot
	obot     *onebot11.Bot
	idle     func() // closes the idle connections of the bridge's own HTTP client

	selfID    atomic.Int64
	events    atomic.Uint64
	published atomic.Uint64
	dropped   atomic.Uint64
	link      upstreamLink // the upstream event stream's state

	failed   chan struct{} // closed by fail
	failOnce sync.Once
	failErr  error

	cancel    context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
	done      chan struct{}
}

// StartBridge starts a bridge: it opens the store, connects the upstream
// (or starts the embedded simulator), learns the bot's account with
// get_login_info (retrying with Backoff until ctx ends), starts the
// downstream server on the listener and pumps upstream events to it, in
// order. A Milky upstream's events are read from its event WebSocket or
// SSE stream as UpstreamEvents says (StartBridge returns once it is
// connected, or fails if it is refused for good, e.g. with 401), a OneBot
// 11 upstream's from its forward WebSocket (ws:// URL) or SSE stream
// (http:// URL); both reconnect with Backoff. When ctx ends the bridge closes itself. On
// failure nothing is left running.
//
// Credentials the upstream refuses are final: get_login_info or an event
// stream answered with 401 or 403 (or a OneBot 11 retcode 1401 or 1403)
// fails StartBridge at once with an error matching transport.ErrUnauthorized
// or ErrForbidden; after the start, an event stream reconnect refused that
// way (or an event stream that ends for good otherwise) closes the bridge:
// Done is closed and Err says why. Network errors are retried with Backoff
// for as long as the bridge runs.
func StartBridge(ctx context.Context, o *BridgeOptions) (_ *Bridge, err error) {
	b := &Bridge{done: make(chan struct{}), failed: make(chan struct{})}
	if o != nil {
		b.opts = *o
	}
	if b.opts.UpstreamProtocol == "" {
		b.opts.UpstreamProtocol = ProtocolMilky
	}
	if b.opts.UpstreamProtocol != ProtocolMilky && b.opts.UpstreamProtocol != ProtocolOneBot11 {
		return nil, fmt.Errorf("%w %q (want %q or %q)", ErrBadProtocol, b.opts.UpstreamProtocol, ProtocolMilky, ProtocolOneBot11)
	}
	if err := b.checkUpstreamEvents(); err != nil {
		return nil, err
	}
	b.log = b.opts.Logger
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	b.cancel = cancel
	defer func() {
		if err != nil {
			b.shutdown(nil)
		}
	}()

	// Store.
	switch {
	case b.opts.Store != nil:
		b.store = b.opts.Store
	case b.opts.StorePath != "":
		bs, err := OpenBoltStore(ctx, b.opts.StorePath)
		if err != nil {
			return nil, fmt.Errorf("adapter: bridge store: %w", err)
		}
		b.store, b.closer = bs, bs.Close
	default:
		ms, err := NewMemoryStore()
		if err != nil {
			return nil, err
		}
		b.store, b.closer = ms, ms.Close
	}
	if b.conv, err = NewConverter(b.store); err != nil {
		return nil, err
	}

	// Upstream.
	if b.opts.Caller == nil && b.opts.UpstreamURL == "" {
		b.sim, err = sim.Start(runCtx, &sim.StartOptions{SeedDemo: true, Logger: b.opts.Logger})
		if err != nil {
			return nil, fmt.Errorf("adapter: embedded simulator: %w", err)
		}
		if b.opts.UpstreamProtocol == ProtocolMilky {
			b.opts.UpstreamURL, b.opts.UpstreamToken = b.sim.MilkyURL(), b.sim.MilkyToken()
		} else {
			b.opts.UpstreamURL, b.opts.UpstreamToken = b.sim.OneBot11WSURL(), b.sim.OneBot11Token()
		}
		b.log.Info("bridge: embedded simulator is the upstream", "protocol", b.opts.UpstreamProtocol, "url", b.opts.UpstreamURL)
	}
	apiOpts := &APIOptions{Logger: b.opts.Logger, OnLoss: b.opts.OnLoss}
	var handler http.Handler
	if b.opts.UpstreamProtocol == ProtocolMilky {
		handler, err = b.startOneBotDownstream(ctx, runCtx, apiOpts)
	} else {
		handler, err = b.startMilkyDownstream(ctx, runCtx, apiOpts)
	}
	if err != nil {
		return nil, err
	}

	// Listener.
	b.ln = b.opts.Listener
	if b.ln == nil {
		addr := b.opts.Listen
		if addr == "" {
			addr = DefaultBridgeListen
		}
		var lc net.ListenConfig
		if b.ln, err = lc.Listen(ctx, "tcp", addr); err != nil {
			return nil, fmt.Errorf("adapter: bridge listen: %w", err)
		}
	}
	b.http = &http.Server{Handler: handler, BaseContext: func(net.Listener) context.Context { return runCtx }}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		if err := b.http.Serve(b.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			b.log.Error("bridge: serve", "err", err)
		}
	}()
	b.log.Info("bridge: serving", "downstream", b.Downstream(), "addr", b.ln.Addr().String(), "upstream", b.opts.UpstreamURL)

	// Close when ctx ends or the upstream failed for good.
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		select {
		case <-ctx.Done():
			go b.Close()
		case <-b.failed:
			go b.Close()
		case <-runCtx.Done():
		}
	}()
	return b, nil
}

// loginInfo retries get_login_info until it answers or ctx ends; refused
// credentials fail at once (with an error matching
// transport.ErrUnauthorized or ErrForbidden).
func (b *Bridge) loginInfo(ctx context.Context, call func(context.Context) (int64, error)) (int64, error) {
	for attempt := 0; ; attempt++ {
		id, err := call(ctx)
		if err == nil {
			return id, nil
		}
		if aerr := authError(err); aerr != nil {
			return 0, fmt.Errorf("adapter: upstream get_login_info refused the credentials: %w", aerr)
		}
		b.log.Log(ctx, retryLevel(attempt+1), "bridge: upstream get_login_info failed; retrying", "err", err, "attempt", attempt+1)
		if werr := b.opts.Backoff.Wait(ctx, attempt); werr != nil {
			return 0, fmt.Errorf("adapter: upstream get_login_info: %w (last error: %w)", werr, err)
		}
	}
}

// startOneBotDownstream connects the Milky upstream and builds the OneBot
// 11 server.
func (b *Bridge) startOneBotDownstream(ctx, runCtx context.Context, apiOpts *APIOptions) (http.Handler, error) {
	botOpts := &milky.BotOptions{AccessToken: b.opts.UpstreamToken, Concurrency: 1, Backoff: b.opts.Backoff,
		Logger: b.opts.Logger, OnError: func(ev milky.Event, err error) {
			b.log.Warn("bridge: upstream event", "err", err)
		}}
	connected := make(chan struct{})
	ended := make(chan error, 1) // the event reader's error, when it ends
	var once sync.Once
	if b.opts.Caller != nil {
		b.mbot = milky.NewBot(b.opts.Caller, b.opts.Source, botOpts)
	} else {
		var err error
		if b.mbot, err = milky.Dial(b.opts.UpstreamURL, botOpts); err != nil {
			return nil, fmt.Errorf("adapter: milky upstream: %w", err)
		}
	}
	backend := NewOneBotOnMilky(b.mbot.Client, b.conv, apiOpts)
	self, err := b.loginInfo(ctx, func(ctx context.Context) (int64, error) {
		r, err := backend.GetLoginInfo(ctx, &onebot11.GetLoginInfoParams{})
		if err != nil {
			return 0, err
		}
		return r.UserID, nil
	})
	if err != nil {
		return nil, err
	}
	b.selfID.Store(self)
	mux := onebot11.NewServeMux()
	backend.Register(mux)
	mux.HandleGetStatus(b.getStatus(backend))
	b.ob11Srv, err = onebot11.NewServer(mux, &onebot11.ServerOptions{
		SelfID: self, AccessToken: b.opts.AccessToken, WebhookURLs: b.opts.WebhookURLs, Secret: b.opts.Secret,
		ReverseURL: b.opts.ReverseURL, ReverseAPIURL: b.opts.ReverseAPIURL, ReverseEventURL: b.opts.ReverseEventURL,
		ReverseBackoff: b.opts.Backoff, Logger: b.opts.Logger,
		OnError: func(err error) { b.log.Warn("bridge: onebot11 downstream", "err", err) },
	})
	if err != nil {
		return nil, fmt.Errorf("adapter: onebot11 server: %w", err)
	}
	if b.opts.Caller != nil {
		// A caller-supplied Source reports no connects (and without one
		// there is no event stream to be down).
		b.link.up.Store(true)
	}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		var err error
		if b.opts.Caller != nil {
			if b.opts.Source == nil {
				return // no events
			}
			var p milkyPump // Concurrency 1: one event at a time
			err = b.mbot.Run(runCtx, milky.HandlerFunc(func(ctx context.Context, ev milky.Event) error {
				return b.milkyEvent(ctx, &p, ev)
			}))
		} else {
			err = b.runMilkyEvents(runCtx, func() {
				b.linkConnected()
				once.Do(func() { close(connected) })
			})
			ended <- err
		}
		b.eventsEnded(runCtx, "milky upstream events", err)
	}()
	if b.opts.Caller == nil {
		// Events published before the upstream stream is up would be
		// lost: wait for it.
		select {
		case <-connected:
		case err := <-ended:
			return nil, fmt.Errorf("adapter: milky upstream events: %w", err)
		case <-ctx.Done():
			return nil, fmt.Errorf("adapter: milky upstream events: %w", ctx.Err())
		}
	}
	if iv := b.opts.HeartbeatInterval; iv >= 0 {
		if iv == 0 {
			iv = DefaultHeartbeatInterval
		}
		b.wg.Add(1)
		go b.heartbeat(runCtx, iv, backend)
	}
	return b.ob11Srv, nil
}

// runMilkyWS reads the upstream's event WebSocket, parses each frame on the
// reader's delivery goroutine and converts and publishes the events, in
// order, on a second goroutine that has exited when runMilkyWS returns.
func (b *Bridge) runMilkyWS(ctx context.Context, onConnect func()) error {
	u := b.opts.UpstreamURL
	switch {
	case strings.HasPrefix(u, "https://"):
		u = "wss://" + u[len("https://"):]
	case strings.HasPrefix(u, "http://"):
		u = "ws://" + u[len("http://"):]
	}
	cl, err := transport.NewWSClient(strings.TrimRight(u, "/")+"/event", &transport.WSOptions{Token: b.opts.UpstreamToken,
		EventsOnly: true, Backoff: b.opts.Backoff, OnConnect: onConnect, Logger: b.opts.Logger,
		OnDisconnect: func(err error) { b.linkDisconnected(ctx, err) },
		OnDialError:  func(err error) { b.linkAttemptFailed(ctx, err) },
		// The transport logs drops (past its backlog budget) once per run.
		OnDrop: func([]byte) { b.dropped.Add(1) }})
	if err != nil {
		return err
	}
	defer cl.Close()
	return b.pumpMilky(ctx, func(deliver func([]byte)) error { return cl.Run(ctx, deliver) }, cl.EventsWaiting)
}

// pumpMilky runs the upstream event pump over run, which calls deliver with
// each upstream frame until the stream ends. Under load it is two stages,
// in order: run's goroutine parses frame N+1 while the pump goroutine
// converts and publishes event N. When waiting (nil: unknown) says no
// frame is waiting behind this one and the pump goroutine has nothing
// queued or in hand, run's goroutine converts and publishes the event
// itself: at low rates that spares a goroutine hand-off per event
// (latency), and the order is the same, since the pump goroutine counts an
// event done only after publishing it.
func (b *Bridge) pumpMilky(ctx context.Context, run func(deliver func(frame []byte)) error, waiting func() bool) error {
	evs := make(chan milky.Event, pumpQueue)
	var inHand atomic.Int64 // events handed to the pump goroutine, not yet published
	pumpDone := make(chan struct{})
	go func() {
		defer close(pumpDone)
		var p milkyPump
		for ev := range evs {
			if ctx.Err() == nil { // shutting down: drain without publishing
				b.pumpEvent(ctx, &p, ev)
			}
			inHand.Add(-1)
		}
	}()
	var inline milkyPump
	err := run(func(frame []byte) {
		ev := b.parseFrame(frame)
		if ev == nil {
			return
		}
		// Only this goroutine adds to inHand: at zero nothing is ahead of ev.
		if waiting != nil && inHand.Load() == 0 && !waiting() {
			if ctx.Err() == nil {
				b.pumpEvent(ctx, &inline, ev)
			}
			return
		}
		inHand.Add(1)
		select {
		case evs <- ev:
		case <-ctx.Done():
			inHand.Add(-1)
		}
	})
	close(evs)
	<-pumpDone
	return err
}

// pumpEvent converts and publishes one upstream event, logging failures.
func (b *Bridge) pumpEvent(ctx context.Context, p *milkyPump, ev milky.Event) {
	if err := b.milkyEvent(ctx, p, ev); err != nil {
		b.log.Warn("bridge: upstream event", "err", err)
	}
}

// pumpQueue bounds the parsed upstream events waiting to be converted.
const pumpQueue = 64

// milkyPump is the state the Milky event pump reuses from one event to
// the next; it belongs to the one goroutine delivering the events.
type milkyPump struct {
	log lossLog
}

// parseFrame parses one upstream Milky event frame; a bad frame is logged
// and gives nil.
func (b *Bridge) parseFrame(frame []byte) milky.Event {
	ev, err := milky.ParseEvent(frame)
	if err != nil {
		b.log.Warn("bridge: bad upstream event frame", "err", err)
		return nil
	}
	return ev
}

// milkyEvent converts one upstream Milky event and publishes it.
func (b *Bridge) milkyEvent(ctx context.Context, p *milkyPump, ev milky.Event) error {
	b.events.Add(1)
	p.log.items = p.log.items[:0]
	evs, err := b.conv.milkyEventInto(ctx, ev, &p.log)
	if err != nil {
		return err
	}
	if len(p.log.items) > 0 && b.wantLoss(ctx) {
		// The report outlives the event: it gets its own items.
		b.report(ctx, ev.EventType(), &Report{Items: slices.Clone(p.log.items)})
	}
	for _, e := range evs {
		if err := b.ob11Srv.Publish(ctx, e); err != nil {
			return err
		}
		b.published.Add(1)
	}
	return nil
}

// heartbeat publishes OneBot 11 heartbeat meta events with the upstream's
// status (see upstreamStatus: online when get_impl_info answers, good also
// needs the upstream event stream up).
func (b *Bridge) heartbeat(ctx context.Context, iv time.Duration, backend *OneBotOnMilky) {
	defer b.wg.Done()
	t := time.NewTicker(iv)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			st := b.upstreamStatus(ctx, backend)
			if err := b.ob11Srv.Publish(ctx, Heartbeat(b.selfID.Load(), now, iv, st)); err != nil && ctx.Err() == nil {
				b.log.Warn("bridge: heartbeat", "err", err)
			}
		}
	}
}

// startMilkyDownstream connects the OneBot 11 upstream and builds the
// Milky server.
func (b *Bridge) startMilkyDownstream(ctx, runCtx context.Context, apiOpts *APIOptions) (http.Handler, error) {
	botOpts := &onebot11.BotOptions{AccessToken: b.opts.UpstreamToken, Concurrency: 1, Logger: b.opts.Logger,
		OnError: func(ev onebot11.Event, err error) { b.log.Warn("bridge: upstream event", "err", err) }}
	switch u := b.opts.UpstreamURL; {
	case b.opts.Caller != nil:
		b.link.up.Store(true) // as for a Milky upstream's Caller
		b.obot = onebot11.NewBot(b.opts.Caller, b.opts.Source, botOpts)
	case strings.HasPrefix(u, "ws://") || strings.HasPrefix(u, "wss://"):
		botOpts.WS = &transport.WSOptions{Backoff: b.opts.Backoff, OnConnect: b.linkConnected,
			OnDisconnect: func(err error) { b.linkDisconnected(runCtx, err) },
			OnDialError:  func(err error) { b.linkAttemptFailed(runCtx, err) }}
		var err error
		if b.obot, err = onebot11.DialWS(ctx, u, botOpts); err != nil {
			return nil, fmt.Errorf("adapter: onebot11 upstream: %w", err)
		}
	default:
		var err error
		if b.obot, err = b.dialOneBotHTTP(runCtx, u, botOpts); err != nil {
			return nil, fmt.Errorf("adapter: onebot11 upstream: %w", err)
		}
	}
	backend := NewMilkyOnOneBot(b.obot.Client, b.conv, apiOpts)
	self, err := b.loginInfo(ctx, func(ctx context.Context) (int64, error) {
		r, err := backend.GetLoginInfo(ctx)
		if err != nil {
			return 0, err
		}
		return r.Uin, nil
	})
	if err != nil {
		return nil, err
	}
	b.selfID.Store(self)
	mux := milky.NewServeMux()
	backend.Register(mux)
	b.milkySrv, err = milky.NewServer(mux, &milky.ServerOptions{Token: b.opts.AccessToken,
		WebhookURLs: b.opts.WebhookURLs, Logger: b.opts.Logger})
	if err != nil {
		return nil, fmt.Errorf("adapter: milky server: %w", err)
	}
	if b.opts.Caller != nil && b.opts.Source == nil {
		return b.milkySrv, nil // no events
	}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		err := b.obot.Run(runCtx, onebot11.HandlerFunc(b.oneBotEvent))
		b.eventsEnded(runCtx, "onebot11 upstream events", err)
	}()
	return b.milkySrv, nil
}

// dialOneBotHTTP returns a bot calling the OneBot 11 HTTP API at base and
// reading its SSE event stream GET {base}/_events (what onebot11.DialHTTP
// builds), with the bridge's backoff and connection hooks. Its own
// connection pool is closed when the bridge closes.
func (b *Bridge) dialOneBotHTTP(runCtx context.Context, base string, o *onebot11.BotOptions) (*onebot11.Bot, error) {
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	caller, err := transport.NewHTTPCaller(base, &transport.HTTPOptions{Token: o.AccessToken, Client: hc})
	if err != nil {
		return nil, err
	}
	sse, err := transport.NewSSEClient(strings.TrimRight(base, "/")+"/_events", &transport.SSEOptions{
		Token: o.AccessToken, Client: hc, Backoff: b.opts.Backoff, Logger: b.opts.Logger,
		OnConnect:    b.linkConnected,
		OnDisconnect: b.sseDisconnected(runCtx),
	})
	if err != nil {
		return nil, err
	}
	b.idle = hc.CloseIdleConnections
	return onebot11.NewBot(caller, sse, o), nil
}

// oneBotEvent converts one upstream OneBot 11 event and publishes it. Meta
// events end here (Milky has none; debug-logged like every loss).
func (b *Bridge) oneBotEvent(ctx context.Context, ev onebot11.Event) error {
	b.events.Add(1)
	evs, rep, err := b.conv.OneBotEventToMilky(ctx, ev)
	if err != nil {
		return err
	}
	b.report(ctx, ev.PostType(), rep)
	for _, e := range evs {
		if err := b.milkySrv.Publish(ctx, e); err != nil {
			return err
		}
		b.published.Add(1)
	}
	return nil
}

// wantLoss tells whether loss reports go anywhere (OnLoss or the debug
// log).
func (b *Bridge) wantLoss(ctx context.Context) bool {
	return b.opts.OnLoss != nil || b.log.Enabled(ctx, slog.LevelDebug)
}

func (b *Bridge) report(ctx context.Context, what string, rep *Report) {
	if rep.Empty() {
		return
	}
	b.log.LogAttrs(ctx, slog.LevelDebug, "bridge: conversion loss", slog.String("event", what), slog.Any("loss", rep))
	if b.opts.OnLoss != nil {
		b.opts.OnLoss(ctx, what, rep)
	}
}

// Downstream returns the protocol the bridge serves.
func (b *Bridge) Downstream() string {
	if b.opts.UpstreamProtocol == ProtocolMilky {
		return ProtocolOneBot11
	}
	return ProtocolMilky
}

// Addr returns the downstream listen address.
func (b *Bridge) Addr() string { return b.ln.Addr().String() }

// URL returns the downstream HTTP base URL ("http://" + Addr).
func (b *Bridge) URL() string { return "http://" + b.Addr() }

// WSURL returns the downstream WebSocket URL: the OneBot 11 universal
// endpoint, or the Milky event endpoint.
func (b *Bridge) WSURL() string {
	if b.Downstream() == ProtocolMilky {
		return "ws://" + b.Addr() + "/event"
	}
	return "ws://" + b.Addr() + "/"
}

// SelfID returns the bot's account, learned from the upstream.
func (b *Bridge) SelfID() int64 { return b.selfID.Load() }

// Sim returns the embedded simulator, nil when the upstream is external.
func (b *Bridge) Sim() *sim.Instance { return b.sim }

// Converter returns the bridge's converter (and through it the Store).
func (b *Bridge) Converter() *Converter { return b.conv }

// BridgeStats counts the events a Bridge has handled.
type BridgeStats struct {
	// Received upstream events, Published downstream events.
	Received, Published uint64
	// Dropped upstream events: only when the bridge falls so far behind
	// that its WebSocket backlog exceeds transport.DefaultEventBacklog.
	Dropped uint64
}

// Stats returns the event counters.
func (b *Bridge) Stats() BridgeStats {
	return BridgeStats{Received: b.events.Load(), Published: b.published.Load(), Dropped: b.dropped.Load()}
}

// Done is closed when the bridge has shut down.
func (b *Bridge) Done() <-chan struct{} { return b.done }

// Shutdown stops the bridge gracefully: the upstream event pump and the
// downstream event streams stop at once, events already queued for
// webhooks are delivered and API calls in flight may finish, until ctx
// ends (then the connections are closed), then the upstream connection,
// the embedded simulator and the store are closed. Running out of ctx is
// not an error of Shutdown.
func (b *Bridge) Shutdown(ctx context.Context) error {
	b.closeOnce.Do(func() { b.closeErr = b.shutdown(ctx) })
	<-b.done
	return b.closeErr
}

// Close stops the bridge at once (Shutdown without waiting for API calls).
func (b *Bridge) Close() error {
	b.closeOnce.Do(func() { b.closeErr = b.shutdown(nil) })
	<-b.done
	return b.closeErr
}

// ignoreCtxErr drops a server Shutdown's context error: the grace period
// ran out, and the server closed anyway (the caller's ctx reports it).
func ignoreCtxErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return err
}

func (b *Bridge) shutdown(ctx context.Context) error {
	defer close(b.done)
	var errs []error
	if b.cancel != nil {
		b.cancel()
	}
	// With a grace period, webhook deliveries already queued go out first.
	if b.ob11Srv != nil {
		if ctx != nil {
			errs = append(errs, ignoreCtxErr(b.ob11Srv.Shutdown(ctx)))
		} else {
			errs = append(errs, b.ob11Srv.Close())
		}
	}
	if b.milkySrv != nil {
		if ctx != nil {
			errs = append(errs, ignoreCtxErr(b.milkySrv.Shutdown(ctx)))
		} else {
			errs = append(errs, b.milkySrv.Close())
		}
	}
	if b.http != nil {
		if ctx != nil {
			if err := b.http.Shutdown(ctx); err != nil {
				errs = append(errs, b.http.Close())
			}
		} else {
			errs = append(errs, b.http.Close())
		}
	} else if b.ln != nil && b.opts.Listener == nil {
		errs = append(errs, b.ln.Close())
	}
	b.wg.Wait()
	if b.mbot != nil {
		errs = append(errs, b.mbot.Close())
	}
	if b.obot != nil {
		errs = append(errs, b.obot.Close())
	}
	if b.idle != nil {
		b.idle()
	}
	if b.sim != nil {
		errs = append(errs, b.sim.Close())
	}
	if b.closer != nil {
		errs = append(errs, b.closer())
	}
	return errors.Join(errs...)
}
