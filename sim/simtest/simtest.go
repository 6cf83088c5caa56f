// Package simtest starts the duobot simulator for a test in one line and
// hands back ready clients for either protocol:
//
//	inst := simtest.Start(t)                 // seeded demo world, closed by t.Cleanup
//	ob := simtest.OneBot11Client(t, inst)    // HTTP; OneBot11WSClient for WebSocket
//	mk := simtest.MilkyClient(t, inst)
//	inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, ...)
//
// To test a bot, run it against the instance and drive the world:
//
//	simtest.RunOneBot11Bot(t, inst, mux, nil)   // or RunMilkyBot
//	events, cancel := inst.World().Subscribe(16) // watch what the bot does
//
// It is the "onebot11test" and "milkytest" of duobot: ConfigOf returns the raw
// URLs and tokens for code that builds its own connection (a Bot, a bridge).
// Everything listens on loopback ports chosen by the system.
package simtest

import (
	"context"
	"errors"
	"testing"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/transport"
)

// Options configure Start. The zero value seeds the demo world
// (sim.World.SeedDemo) and uses no tokens.
type Options struct {
	// Token is required by both protocols when set.
	Token string
	// Empty starts with a world holding only the bot account instead of the
	// demo data.
	Empty bool
	// World configures the world (clock, seed, ...).
	World []sim.Option
	// Start, when set, is used as is (Token, Empty and World are ignored).
	Start *sim.StartOptions
}

// Config is how to reach a simulator instance.
type Config struct {
	// OneBot11URL is the OneBot 11 HTTP base (POST {url}/{action}, SSE at
	// {url}/_events); OneBot11WSURL the forward WebSocket (universal).
	OneBot11URL, OneBot11WSURL string
	// MilkyURL is the Milky base (POST {url}/api/{name}, {url}/event).
	MilkyURL string
	// OneBot11Token and MilkyToken are the access tokens ("" when none).
	OneBot11Token, MilkyToken string
	// SelfID is the bot's account.
	SelfID int64
}

// Start starts a simulator instance for t (seeded with the demo data unless
// opts says otherwise) and registers its Close with t.Cleanup. It fails the
// test at once if the instance cannot start.
func Start(t testing.TB, opts ...Options) *sim.Instance {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	so := o.Start
	if so == nil {
		so = &sim.StartOptions{Token: o.Token, SeedDemo: !o.Empty, WorldOptions: o.World}
	}
	inst, err := sim.Start(context.WithoutCancel(t.Context()), so)
	if err != nil {
		t.Fatalf("simtest: start simulator: %v", err)
	}
	t.Cleanup(func() {
		if err := inst.Close(); err != nil {
			t.Errorf("simtest: close simulator: %v", err)
		}
	})
	return inst
}

// ConfigOf returns the URLs and tokens of inst.
func ConfigOf(inst *sim.Instance) Config {
	return Config{
		OneBot11URL:   inst.OneBot11URL(),
		OneBot11WSURL: inst.OneBot11WSURL(),
		MilkyURL:      inst.MilkyURL(),
		OneBot11Token: inst.OneBot11Token(),
		MilkyToken:    inst.MilkyToken(),
		SelfID:        inst.World().SelfID(),
	}
}

// OneBot11Client returns a OneBot 11 client calling inst's HTTP API.
func OneBot11Client(t testing.TB, inst *sim.Instance) *onebot11.Client {
	t.Helper()
	c, err := transport.NewHTTPCaller(inst.OneBot11URL(), &transport.HTTPOptions{Token: inst.OneBot11Token()})
	if err != nil {
		t.Fatalf("simtest: OneBot 11 HTTP caller: %v", err)
	}
	return onebot11.NewClient(c)
}

// OneBot11WSClient returns a OneBot 11 client calling inst over the forward
// WebSocket and the WebSocket client itself (a transport.Source of the
// events on the same connection), closed by t.Cleanup. It returns once the
// server publishes to the connection: every event published after it
// returns is delivered.
func OneBot11WSClient(t testing.TB, inst *sim.Instance) (*onebot11.Client, *transport.WSClient) {
	t.Helper()
	st := inst.OneBot11Server().Stats()
	before := st.WebSockets + st.SSESubscribers
	ws, err := transport.NewWSClient(inst.OneBot11WSURL(), &transport.WSOptions{Token: inst.OneBot11Token()})
	if err != nil {
		t.Fatalf("simtest: OneBot 11 WebSocket client: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := ws.WaitConnected(t.Context()); err != nil {
		t.Fatalf("simtest: OneBot 11 WebSocket connect: %v", err)
	}
	if err := inst.WaitSubscribers(t.Context(), before+1, 0); err != nil {
		t.Fatalf("simtest: %v", err)
	}
	return onebot11.NewClient(ws), ws
}

// MilkyClient returns a Milky client calling inst's HTTP API.
func MilkyClient(t testing.TB, inst *sim.Instance) *milky.Client {
	t.Helper()
	c, err := transport.NewMilkyHTTPCaller(inst.MilkyURL(), &transport.HTTPOptions{Token: inst.MilkyToken()})
	if err != nil {
		t.Fatalf("simtest: Milky HTTP caller: %v", err)
	}
	return milky.NewClient(c)
}

// MilkyEvents returns a Source of inst's Milky events over WebSocket
// ({url}/event), closed by t.Cleanup, once the server publishes to it:
// every event published after MilkyEvents returns is delivered. Run it in
// a goroutine with the test's context.
func MilkyEvents(t testing.TB, inst *sim.Instance) *transport.WSClient {
	t.Helper()
	st := inst.MilkyServer().Stats()
	before := st.WebSocketSubscribers + st.SSESubscribers
	ws, err := transport.NewWSClient(inst.MilkyEventURL(), &transport.WSOptions{Token: inst.MilkyToken(), EventsOnly: true})
	if err != nil {
		t.Fatalf("simtest: Milky WebSocket client: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := inst.WaitSubscribers(t.Context(), 0, before+1); err != nil {
		t.Fatalf("simtest: %v", err)
	}
	return ws
}

// RunOneBot11Bot connects a OneBot 11 bot to inst over the forward
// WebSocket (o may be nil; the token is filled in), runs it with h in a
// goroutine and returns once inst publishes to it: every world event from
// then on reaches h. t.Cleanup stops the bot and waits for its handlers;
// a Run that ends with an error before that fails the test.
func RunOneBot11Bot(t testing.TB, inst *sim.Instance, h onebot11.Handler, o *onebot11.BotOptions) *onebot11.Bot {
	t.Helper()
	var opts onebot11.BotOptions
	if o != nil {
		opts = *o
	}
	if opts.AccessToken == "" {
		opts.AccessToken = inst.OneBot11Token()
	}
	st := inst.OneBot11Server().Stats()
	before := st.WebSockets + st.SSESubscribers
	bot, err := onebot11.DialWS(t.Context(), inst.OneBot11WSURL(), &opts)
	if err != nil {
		t.Fatalf("simtest: OneBot 11 bot: %v", err)
	}
	startBot(t, func(ctx context.Context) error { return bot.Run(ctx, h) }, func() { bot.Close() })
	if err := inst.WaitSubscribers(t.Context(), before+1, 0); err != nil {
		t.Fatalf("simtest: %v", err)
	}
	return bot
}

// RunMilkyBot connects a Milky bot to inst (events over WebSocket unless
// o says otherwise; o may be nil; the token is filled in), runs it with h
// in a goroutine and returns once inst publishes to it. t.Cleanup stops
// the bot and waits for its handlers.
func RunMilkyBot(t testing.TB, inst *sim.Instance, h milky.Handler, o *milky.BotOptions) *milky.Bot {
	t.Helper()
	var opts milky.BotOptions
	if o != nil {
		opts = *o
	}
	if opts.AccessToken == "" {
		opts.AccessToken = inst.MilkyToken()
	}
	if opts.Events == milky.EventsAuto && opts.Source == nil {
		opts.Events = milky.EventsWebSocket
	}
	st := inst.MilkyServer().Stats()
	before := st.WebSocketSubscribers + st.SSESubscribers
	bot, err := milky.Dial(inst.MilkyURL(), &opts)
	if err != nil {
		t.Fatalf("simtest: Milky bot: %v", err)
	}
	startBot(t, func(ctx context.Context) error { return bot.Run(ctx, h) }, func() { bot.Close() })
	if opts.Source == nil {
		if err := inst.WaitSubscribers(t.Context(), 0, before+1); err != nil {
			t.Fatalf("simtest: %v", err)
		}
	}
	return bot
}

// startBot runs run in a goroutine until t's cleanup, which cancels it,
// waits for it and closes the bot.
func startBot(t testing.TB, run func(ctx context.Context) error, closeBot func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	t.Cleanup(func() {
		cancel()
		err := <-done
		closeBot()
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("simtest: bot stopped: %v", err)
		}
	})
}
