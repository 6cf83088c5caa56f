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
// everything Start started.
type Instance struct {
	world *World
	ob11  *onebot11.Server
	milk  *milky.Server

	ob11HTTP, milkyHTTP *http.Server
	ob11Addr, milkyAddr string
	ob11Token, milkTok  string

	cancel       context.CancelFunc
	stopOneBot11 func() error
	stopMilky    func() error
	mu           sync.Mutex // guards stopAfter
	stopAfter    func() bool
	serving      sync.WaitGroup
	closeOnce    sync.Once
	closeErr     error
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

	pctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	inst.cancel = cancel
	// Both pumps subscribe to the world before Start returns, so that every
	// event of a world operation made after Start reaches the servers.
	inst.stopOneBot11 = ob.StartEvents(pctx, obSrv)
	inst.stopMilky = mk.StartEvents(pctx, mkSrv)

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

// Close stops the event pumps, closes every WebSocket and SSE connection
// and webhook queue, stops both HTTP servers and closes the world's
// subscriptions, waiting for every goroutine Start started. It is
// idempotent and safe to call concurrently.
func (i *Instance) Close() error {
	i.closeOnce.Do(func() {
		i.mu.Lock()
		if i.stopAfter != nil {
			i.stopAfter()
		}
		i.mu.Unlock()
		i.cancel()
		var errs []error
		if err := i.stopOneBot11(); err != nil && !errors.Is(err, context.Canceled) {
			errs = append(errs, fmt.Errorf("sim: OneBot 11 event pump: %w", err))
		}
		if err := i.stopMilky(); err != nil && !errors.Is(err, context.Canceled) {
			errs = append(errs, fmt.Errorf("sim: milky event pump: %w", err))
		}
		errs = append(errs, i.ob11.Close(), i.milk.Close(), i.ob11HTTP.Close(), i.milkyHTTP.Close())
		i.serving.Wait()
		i.world.Close()
		i.closeErr = errors.Join(errs...)
	})
	return i.closeErr
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
