package sim

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

// DefaultListenAddr is where Start listens for a protocol whose address is
// not given: a random free port on the loopback interface.
const DefaultListenAddr = "127.0.0.1:0"

// StartOptions configures Start. The zero value serves an empty world
// (only the bot account) on two random loopback ports without tokens.
type StartOptions struct {
	// OneBot11Addr and MilkyAddr are the listen addresses of the OneBot 11
	// and Milky servers (default DefaultListenAddr each; port 0 picks a
	// free port).
	OneBot11Addr, MilkyAddr string
	// Token protects both protocols' APIs and event streams; OneBot11Token
	// and MilkyToken, when set, replace it for one protocol.
	Token                     string
	OneBot11Token, MilkyToken string
	// SeedDemo fills the world with the demo data of World.SeedDemo (five
	// users, two groups, three friends).
	SeedDemo bool
	// WorldOptions configure the World (clock, seed, self account...).
	// Start adds WithBaseURL (the OneBot 11 server's address) before them,
	// so that download URLs resolve to the instance's file handler; a
	// WithBaseURL given here wins.
	WorldOptions []Option
	// HeartbeatInterval makes the OneBot 11 side publish heartbeat meta
	// events (0: none).
	HeartbeatInterval time.Duration
	// OneBot11 and Milky configure the protocol servers beyond the listen
	// address and token: webhook URLs, reverse WebSocket URLs, queues...
	// Their token fields are overwritten by Token (OneBot11Token,
	// MilkyToken). May be nil.
	OneBot11 *onebot11.ServerOptions
	Milky    *milky.ServerOptions
	// OneBot11Frontend and MilkyFrontend configure the front-ends. Nil
	// means their zero values.
	OneBot11Frontend *OneBot11Options
	MilkyFrontend    *MilkyOptions
	// Logger receives diagnostics of the servers and front-ends that have
	// no logger of their own; nil logs nothing.
	Logger *slog.Logger
}

// Instance is a running simulator: one World served over OneBot 11 and
// Milky, each protocol on its own loopback listener, with the world's
// events pumped to both. Download and resource URLs the world hands out
// are served by both listeners (under /file/ and /resource/). Close stops
// everything Start started at once; Shutdown first delivers the events
// already emitted to the webhooks.
type Instance struct {
	world *World
	ob11  *onebot11.Server
	milk  *milky.Server

	ob11HTTP, milkyHTTP *http.Server
	ob11Addr, milkyAddr string
	ob11Token, milkTok  string

	cancel         context.CancelFunc
	obPump, mkPump *eventPump
	mu             sync.Mutex // guards stopAfter
	stopAfter      func() bool
	serving        sync.WaitGroup

	// hard is cancelled by Close: it ends a Shutdown in progress.
	hard       context.Context
	hardCancel context.CancelFunc
	closeOnce  sync.Once
	closed     chan struct{} // closed when Close or Shutdown has finished
	closeErr   error
}

// Start creates a World and serves it over OneBot 11 (HTTP API, forward
// WebSocket at / and /api + /event, SSE at /_events, and the webhook and
// reverse WebSocket pushes configured in StartOptions.OneBot11) and Milky
// (POST /api/{name}, GET /event as WebSocket or SSE, webhooks). o may be
// nil.
//
// Request contexts derive from ctx, and when ctx ends the instance closes
// itself; Close may be called any time before or after. Start fails if a
// listener cannot be opened or a server option is invalid; nothing is left
// running then.
func Start(ctx context.Context, o *StartOptions) (*Instance, error) {
	if o == nil {
		o = &StartOptions{}
	}
	obAddr, mkAddr := o.OneBot11Addr, o.MilkyAddr
	if obAddr == "" {
		obAddr = DefaultListenAddr
	}
	if mkAddr == "" {
		mkAddr = DefaultListenAddr
	}
	var lc net.ListenConfig
	obLn, err := lc.Listen(ctx, "tcp", obAddr)
	if err != nil {
		return nil, fmt.Errorf("sim: listen for OneBot 11 on %s: %w", obAddr, err)
	}
	mkLn, err := lc.Listen(ctx, "tcp", mkAddr)
	if err != nil {
		obLn.Close()
		return nil, fmt.Errorf("sim: listen for Milky on %s: %w", mkAddr, err)
	}
	inst, err := start(ctx, o, obLn, mkLn)
	if err != nil {
		obLn.Close()
		mkLn.Close()
		return nil, err
	}
	return inst, nil
}

func start(ctx context.Context, o *StartOptions, obLn, mkLn net.Listener) (*Instance, error) {
	inst := &Instance{
		closed:    make(chan struct{}),
		ob11Addr:  obLn.Addr().String(),
		milkyAddr: mkLn.Addr().String(),
		ob11Token: firstNonEmpty(o.OneBot11Token, o.Token),
		milkTok:   firstNonEmpty(o.MilkyToken, o.Token),
	}
	wopts := append([]Option{WithBaseURL(inst.OneBot11URL())}, o.WorldOptions...)
	w := New(wopts...)
	if o.SeedDemo {
		if err := w.SeedDemo(); err != nil {
			w.Close()
			return nil, fmt.Errorf("sim: seed demo data: %w", err)
		}
	}
	inst.world = w

	obFront := OneBot11Options{}
	if o.OneBot11Frontend != nil {
		obFront = *o.OneBot11Frontend
	}
	if o.HeartbeatInterval > 0 {
		obFront.HeartbeatInterval = o.HeartbeatInterval
	}
	if obFront.Logger == nil {
		obFront.Logger = o.Logger
	}
	ob := NewOneBot11(w, &obFront)
	obMux := onebot11.NewServeMux()
	ob.Register(obMux)
	obOpts := onebot11.ServerOptions{}
	if o.OneBot11 != nil {
		obOpts = *o.OneBot11
	}
	obOpts.SelfID = w.SelfID()
	obOpts.AccessToken = inst.ob11Token
	if obOpts.Logger == nil {
		obOpts.Logger = o.Logger
	}
	obSrv, err := onebot11.NewServer(obMux, &obOpts)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sim: OneBot 11 server: %w", err)
	}
	inst.ob11 = obSrv

	mkFront := MilkyOptions{}
	if o.MilkyFrontend != nil {
		mkFront = *o.MilkyFrontend
	}
	if mkFront.Logger == nil {
		mkFront.Logger = o.Logger
	}
	mk := NewMilkyBackend(w, &mkFront)
	mkOpts := milky.ServerOptions{}
	if o.Milky != nil {
		mkOpts = *o.Milky
	}
	mkOpts.Token = inst.milkTok
	if mkOpts.Logger == nil {
		mkOpts.Logger = o.Logger
	}
	mkSrv, err := milky.NewServer(mk.NewMilkyServeMux(), &mkOpts)
	if err != nil {
		obSrv.Close()
		w.Close()
		return nil, fmt.Errorf("sim: Milky server: %w", err)
	}
	inst.milk = mkSrv

	inst.hard, inst.hardCancel = context.WithCancel(context.Background())
	pctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	inst.cancel = cancel
	// Both pumps subscribe to the world before Start returns, so that every
	// event of a world operation made after Start reaches the servers.
	inst.obPump = startPump(pctx, w, 256, obFront.HeartbeatInterval,
		func(ctx context.Context) error { return obSrv.Publish(ctx, ob.Heartbeat(obFront.HeartbeatInterval)) },
		func(ctx context.Context, ev Event) error { return ob.publish(ctx, obSrv, ev) }, obFront.Logger, "OneBot 11")
	inst.mkPump = startPump(pctx, w, 64, 0, nil,
		func(ctx context.Context, ev Event) error { return mk.publish(ctx, mkSrv, ev) }, mkFront.Logger, "Milky")

	files := ob.FileHandler()
	inst.ob11HTTP = newHTTPServer(ctx, withFiles(obSrv, files), o.Logger)
	inst.milkyHTTP = newHTTPServer(ctx, withFiles(mkSrv, mk.FileHandler()), o.Logger)
	for _, s := range []struct {
		srv *http.Server
		ln  net.Listener
	}{{inst.ob11HTTP, obLn}, {inst.milkyHTTP, mkLn}} {
		inst.serving.Add(1)
		go func() {
			defer inst.serving.Done()
			// Serve returns http.ErrServerClosed after Close; any other
			// error means the listener failed, and then there is nothing
			// left to serve either.
			_ = s.srv.Serve(s.ln)
		}()
	}
	inst.mu.Lock()
	inst.stopAfter = context.AfterFunc(ctx, func() { inst.Close() })
	inst.mu.Unlock()
	return inst, nil
}

// withFiles routes the world's download paths to files and the rest to api.
func withFiles(api, files http.Handler) http.Handler {
	m := http.NewServeMux()
	m.Handle("/file/", files)
	m.Handle("/resource/", files)
	m.Handle("/", api)
	return m
}

func newHTTPServer(ctx context.Context, h http.Handler, logger *slog.Logger) *http.Server {
	s := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	if logger != nil {
		s.ErrorLog = slog.NewLogLogger(logger.Handler(), slog.LevelWarn)
	}
	return s
}

// World returns the simulated world the instance serves. Drive the other
// users with its scripting API (UserSendGroup, RequestFriend, ...).
func (i *Instance) World() *World { return i.world }

// OneBot11Server and MilkyServer return the protocol servers, e.g. to
// publish extra events or read their Stats.
func (i *Instance) OneBot11Server() *onebot11.Server { return i.ob11 }

// MilkyServer returns the Milky server (see OneBot11Server).
func (i *Instance) MilkyServer() *milky.Server { return i.milk }

// OneBot11Addr and MilkyAddr are the host:port the servers listen on.
func (i *Instance) OneBot11Addr() string { return i.ob11Addr }

// MilkyAddr returns the Milky server's host:port.
func (i *Instance) MilkyAddr() string { return i.milkyAddr }

// OneBot11URL is the OneBot 11 HTTP API base: POST {url}/{action}, SSE at
// {url}/_events.
func (i *Instance) OneBot11URL() string { return "http://" + i.ob11Addr }

// OneBot11WSURL is the OneBot 11 forward WebSocket (API and events, the
// Universal connection); /api and /event below it are the split ones.
func (i *Instance) OneBot11WSURL() string { return "ws://" + i.ob11Addr + "/" }

// MilkyURL is the Milky base: POST {url}/api/{name}, events at {url}/event.
func (i *Instance) MilkyURL() string { return "http://" + i.milkyAddr }

// MilkyEventURL is the Milky WebSocket event stream ({url}/event; the same
// path serves SSE over http://).
func (i *Instance) MilkyEventURL() string { return "ws://" + i.milkyAddr + "/event" }

// OneBot11Token and MilkyToken are the access tokens the servers require
// ("" when none).
func (i *Instance) OneBot11Token() string { return i.ob11Token }

// MilkyToken returns the Milky access token ("" when none).
func (i *Instance) MilkyToken() string { return i.milkTok }

// Close stops everything at once: the event pumps (events the world
// emitted that were not yet published are dropped), every WebSocket and
// SSE connection and webhook queue (queued events are dropped), both HTTP
// servers, and the world's subscriptions, waiting for every goroutine
// Start started. Called during Shutdown, it makes Shutdown give up its
// waiting. It is idempotent and safe to call concurrently.
func (i *Instance) Close() error {
	i.hardCancel()
	won := false
	i.closeOnce.Do(func() { won = true })
	if won {
		i.closeErr = i.shutdown(nil)
		close(i.closed)
	}
	<-i.closed
	return i.closeErr
}

// Shutdown stops the instance gracefully. Every event the world emitted
// before Shutdown was called is published to both protocol servers
// (world operations made later are served but not published), then both
// servers shut down as onebot11.Server.Shutdown and milky.Server.Shutdown
// do: they take no more events and deliver what is queued for their
// webhook URLs (events queued for WebSocket and SSE subscribers are not
// waited for), while API requests are still served. Then the HTTP servers
// stop, letting requests in flight finish, and the world's subscriptions
// are closed.
//
// When ctx ends first, or Close is called meanwhile, Shutdown stops what is
// left at once, as Close does, and returns an error: ctx's error when ctx
// ended. A Shutdown or Close called while another is in progress waits for
// it (Shutdown at most until its ctx ends) and returns its result.
func (i *Instance) Shutdown(ctx context.Context) error {
	won := false
	i.closeOnce.Do(func() { won = true })
	if !won {
		select {
		case <-i.closed:
			return i.closeErr
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(i.hard, cancel)
	defer stop()
	i.closeErr = i.shutdown(ctx)
	close(i.closed)
	return i.closeErr
}

// shutdown stops the instance, gracefully within ctx, or at once when ctx
// is nil.
func (i *Instance) shutdown(ctx context.Context) error {
	i.mu.Lock()
	if i.stopAfter != nil {
		i.stopAfter()
	}
	i.mu.Unlock()
	var errs []error
	cut := false
	// note records err; one caused by ctx only marks Shutdown as cut short.
	note := func(err error) {
		if err == nil {
			return
		}
		if ctx != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			cut = true
			return
		}
		errs = append(errs, err)
	}
	if ctx != nil {
		seq := i.world.lastEventSeq()
		var wg sync.WaitGroup
		var mu sync.Mutex
		for _, p := range []*eventPump{i.obPump, i.mkPump} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := p.drain(ctx, seq)
				mu.Lock()
				note(err)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	i.cancel()
	i.obPump.stop()
	i.mkPump.stop()
	if ctx != nil {
		var obErr, mkErr error
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); obErr = i.ob11.Shutdown(ctx) }()
		go func() { defer wg.Done(); mkErr = i.milk.Shutdown(ctx) }()
		wg.Wait()
		note(obErr)
		note(mkErr)
		for _, hs := range []*http.Server{i.ob11HTTP, i.milkyHTTP} {
			if err := hs.Shutdown(ctx); err != nil {
				note(err)
				note(hs.Close())
			}
		}
	} else {
		errs = append(errs, i.ob11.Close(), i.milk.Close(), i.ob11HTTP.Close(), i.milkyHTTP.Close())
	}
	i.serving.Wait()
	i.world.Close()
	if cut {
		errs = append([]error{ctx.Err()}, errs...)
	}
	return errors.Join(errs...)
}

// WaitSubscribers waits until the OneBot 11 server has at least oneBot11
// event subscribers (forward WebSocket connections and SSE streams) and
// the Milky server at least milky (/event WebSocket and SSE), or ctx ends.
//
// A client's handshake completes a moment before the server adds the
// connection to the set events are published to; events published in
// between are not delivered to it. Tests and demos that publish right
// after connecting wait here first.
func (i *Instance) WaitSubscribers(ctx context.Context, oneBot11, milky int) error {
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	for {
		ob, mk := i.ob11.Stats(), i.milk.Stats()
		if ob.WebSockets+ob.SSESubscribers >= oneBot11 && mk.WebSocketSubscribers+mk.SSESubscribers >= milky {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("sim: waiting for event subscribers: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// lastEventSeq is the Seq of the last event the world emitted (0: none).
func (w *World) lastEventSeq() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.eventSeq
}

// eventPump publishes the events of one world subscription to one protocol
// server, in order, on its own goroutine (plus a tick every interval).
// drain lets it catch up with the world before it stops.
type eventPump struct {
	cancel context.CancelFunc
	drainc chan uint64
	done   chan struct{}
}

// startPump subscribes to w before it returns, then calls publish with
// every event until the pump is stopped or drained, the world closes, or
// publish fails with transport.ErrClosed (the server is closed). Other
// failures are logged (the event is skipped).
func startPump(ctx context.Context, w *World, buffer int, interval time.Duration,
	tick func(ctx context.Context) error, publish func(ctx context.Context, ev Event) error,
	logger *slog.Logger, protocol string) *eventPump {
	ch, unsubscribe := w.Subscribe(buffer)
	// Read after subscribing: every later event comes on ch.
	last := w.lastEventSeq()
	ctx, cancel := context.WithCancel(ctx)
	p := &eventPump{cancel: cancel, drainc: make(chan uint64, 1), done: make(chan struct{})}
	// stopOn says whether a failure ends the pump: the server is closed.
	// Other failures are logged and the event is skipped.
	stopOn := func(err error) error {
		if err == nil || ctx.Err() != nil {
			return nil
		}
		if errors.Is(err, transport.ErrClosed) {
			return err
		}
		if logger != nil {
			logger.Warn("sim: event not published", "protocol", protocol, "err", err)
		}
		return nil
	}
	go func() {
		defer close(p.done)
		defer unsubscribe()
		var tickStop func(ctx context.Context) error
		if tick != nil {
			tickStop = func(ctx context.Context) error { return stopOn(tick(ctx)) }
		}
		_ = pumpLoop(ctx, ch, last, p.drainc, interval, tickStop,
			func(ctx context.Context, ev Event) error { return stopOn(publish(ctx, ev)) })
	}()
	return p
}

// pumpLoop publishes the events of the subscription ch, in order, with
// publish (and calls tick every interval when both are set), until ctx
// ends (it returns ctx's error), ch is closed (nil), publish or tick
// returns an error (that error), or, once a target seq arrives on drainc
// (nil: never), every event up to it is published (nil). last is the seq
// of the last event already handled before ch.
func pumpLoop(ctx context.Context, ch <-chan Event, last uint64, drainc <-chan uint64, interval time.Duration,
	tick func(ctx context.Context) error, publish func(ctx context.Context, ev Event) error) error {
	var ticks <-chan time.Time
	if interval > 0 && tick != nil {
		t := time.NewTicker(interval)
		defer t.Stop()
		ticks = t.C
	}
	draining, target := false, uint64(0)
	for {
		if draining && last >= target {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticks:
			if err := tick(ctx); err != nil {
				return err
			}
		case target = <-drainc:
			draining, drainc = true, nil
		case ev, ok := <-ch:
			if !ok {
				return nil
			}
			last = max(last, ev.Header().Seq)
			if err := publish(ctx, ev); err != nil {
				return err
			}
		}
	}
}

// drain makes the pump publish every event up to the world's seq, then
// stop; it returns when the pump has stopped, or ctx's error when ctx ends
// first. Call it once.
func (p *eventPump) drain(ctx context.Context, seq uint64) error {
	p.drainc <- seq
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends the pump and waits for its goroutine.
func (p *eventPump) stop() {
	p.cancel()
	<-p.done
}
