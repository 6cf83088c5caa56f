package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

const demoHelp = `Starts the simulator on loopback, connects an example OneBot 11 bot (forward
WebSocket) and an example Milky bot (WebSocket), plays a short conversation
through the simulated world and prints its transcript, then exits. Nothing
to configure; it takes a second or two.

The OneBot 11 bot answers /echo TEXT (groups and friends) and accepts friend
requests; the Milky bot answers /ping and removes spam (recalls the message
and mutes its sender). The simulated clock is fixed, so the transcript is the
same on every run.

Examples:
  duobot demo
  go run ./cmd/duobot demo`

// demoStart is the simulated clock's start: the transcript is the same on
// every run.
var demoStart = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func runDemo(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "demo", "[flags]", demoHelp)
	timeout := fs.Duration("timeout", 30*time.Second, "give up when the demo has not finished after this long")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if len(fs.args) > 0 {
		return usageError(env, fs, "demo: unexpected argument %q", fs.args[0])
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	if err := playDemo(ctx, env.stdout); err != nil {
		env.errorf("demo: %v", err)
		return exitFailed
	}
	return exitOK
}

// demo holds the running pieces of the demo.
type demo struct {
	w      *sim.World
	clock  *sim.ManualClock
	events <-chan sim.Event
	out    io.Writer

	mu     sync.Mutex
	errs   []error
	failed chan struct{}
}

func (d *demo) fail(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.errs) == 0 {
		close(d.failed)
	}
	d.errs = append(d.errs, err)
}

func (d *demo) err() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return errors.Join(d.errs...)
}

// playDemo runs the whole demo, writing the transcript to out.
func playDemo(ctx context.Context, out io.Writer) (err error) {
	clock := sim.NewManualClock(demoStart)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	inst, err := sim.Start(ctx, &sim.StartOptions{
		SeedDemo:     true,
		WorldOptions: []sim.Option{sim.WithClock(clock.Now), sim.WithSeed(1)},
	})
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, inst.Close()) }()
	w := inst.World()
	events, unsubscribe := w.Subscribe(64)
	defer unsubscribe()
	d := &demo{w: w, clock: clock, events: events, out: out, failed: make(chan struct{})}

	fmt.Fprintln(out, "duobot demo: one simulated QQ world served over OneBot 11 and Milky on loopback.")
	fmt.Fprintln(out, "  OneBot 11 bot (forward WebSocket): /echo TEXT, accepts friend requests")
	fmt.Fprintln(out, "  Milky bot (WebSocket):             /ping, removes spam")
	fmt.Fprintln(out)

	// The bots run until the script is done.
	botCtx, stopBots := context.WithCancel(ctx)
	var bots sync.WaitGroup
	defer func() {
		stopBots()
		bots.Wait()
	}()
	obBot, err := onebot11.DialWS(ctx, inst.OneBot11WSURL(), &onebot11.BotOptions{
		AccessToken: inst.OneBot11Token(),
		OnError:     func(_ onebot11.Event, err error) { d.fail(fmt.Errorf("OneBot 11 bot: %w", err)) },
	})
	if err != nil {
		return fmt.Errorf("OneBot 11 bot: %w", err)
	}
	defer obBot.Close()
	bots.Add(1)
	go func() {
		defer bots.Done()
		if err := obBot.Run(botCtx, oneBot11DemoMux()); err != nil && botCtx.Err() == nil {
			d.fail(fmt.Errorf("OneBot 11 bot stopped: %w", err))
		}
	}()

	connected := make(chan struct{})
	var once sync.Once
	mkBot, err := milky.Dial(inst.MilkyURL(), &milky.BotOptions{
		AccessToken: inst.MilkyToken(),
		Events:      milky.EventsWebSocket,
		OnConnect:   func(milky.EventMode) { once.Do(func() { close(connected) }) },
		OnError:     func(_ milky.Event, err error) { d.fail(fmt.Errorf("Milky bot: %w", err)) },
	})
	if err != nil {
		return fmt.Errorf("Milky bot: %w", err)
	}
	defer mkBot.Close()
	bots.Add(1)
	go func() {
		defer bots.Done()
		if err := mkBot.Run(botCtx, milkyDemoMux()); err != nil && botCtx.Err() == nil {
			d.fail(fmt.Errorf("Milky bot stopped: %w", err))
		}
	}()
	select {
	case <-connected:
	case <-d.failed:
		return d.err()
	case <-ctx.Done():
		return fmt.Errorf("Milky bot did not connect: %w", ctx.Err())
	}
	// Both bots are connected; wait until the servers publish to them.
	if err := inst.WaitSubscribers(ctx, 1, 1); err != nil {
		return err
	}

	if err := d.script(ctx); err != nil {
		return errors.Join(err, d.err())
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "demo finished.")
	return d.err()
}

func text(s string) []sim.Element { return []sim.Element{sim.Text{Text: s}} }

// script plays the conversation. Each step acts as a user, then prints the
// world's events until the step's last expected event, so that the
// transcript is deterministic.
func (d *demo) script(ctx context.Context) error {
	w := d.w
	dev := sim.DemoGroupDev
	selfMsg := func(scene sim.Scene, prefix string) func(sim.Event) bool {
		return func(ev sim.Event) bool {
			m, ok := ev.(*sim.MessageEvent)
			return ok && m.Self && m.Message.Scene == scene && strings.HasPrefix(sim.PlainText(m.Message.Content), prefix)
		}
	}
	fromUser := func(uin int64) func(sim.Event) bool {
		return func(ev sim.Event) bool {
			m, ok := ev.(*sim.MessageEvent)
			return ok && !m.Self && m.Message.SenderID == uin
		}
	}
	var spamSeq int64
	steps := []struct {
		title string
		act   func() error
		until func(sim.Event) bool
	}{
		{"Alice and Bob greet the group", func() error {
			_, err := w.UserSendGroup(dev, sim.DemoAlice, text("hello everyone!"))
			return err
		}, fromUser(sim.DemoAlice)},
		{"", func() error {
			_, err := w.UserSendGroup(dev, sim.DemoBob, text("hi Alice, have you met our two bots?"))
			return err
		}, fromUser(sim.DemoBob)},
		{"Alice tries the OneBot 11 bot", func() error {
			_, err := w.UserSendGroup(dev, sim.DemoAlice, text("/echo hello from OneBot 11"))
			return err
		}, selfMsg(sim.SceneGroup, "hello from OneBot 11")},
		{"Bob pings the Milky bot", func() error {
			_, err := w.UserSendGroup(dev, sim.DemoBob, text("/ping"))
			return err
		}, selfMsg(sim.SceneGroup, "pong")},
		{"Eve asks to be friends; the OneBot 11 bot accepts and says hello", func() error {
			_, err := w.RequestFriend(sim.DemoEve, "hi, I'm Eve from the play group")
			return err
		}, selfMsg(sim.SceneFriend, "Welcome")},
		{"", func() error {
			_, err := w.UserSendPrivate(sim.DemoEve, text("/echo thanks!"))
			return err
		}, selfMsg(sim.SceneFriend, "thanks!")},
		{"Dave posts spam; the Milky bot removes it and mutes him", func() error {
			m, err := w.UserSendGroup(dev, sim.DemoDave, text("cheap followers, click here! spam spam"))
			spamSeq = m.Seq
			return err
		}, selfMsg(sim.SceneGroup, "Removed")},
		{"Carol has the last word", func() error {
			_, err := w.UserSendGroup(dev, sim.DemoCarol, text("thanks, bots! bye"))
			return err
		}, fromUser(sim.DemoCarol)},
	}
	for _, s := range steps {
		d.clock.Advance(time.Second)
		if s.title != "" {
			fmt.Fprintf(d.out, "# %s\n", s.title)
		}
		if err := s.act(); err != nil {
			return fmt.Errorf("step %q: %w", s.title, err)
		}
		if err := d.until(ctx, s.until); err != nil {
			return fmt.Errorf("step %q: %w", s.title, err)
		}
	}
	if spamSeq == 0 {
		return errors.New("the spam message was not sent")
	}
	return nil
}

// until prints world events up to and including the first for which done
// is true.
func (d *demo) until(ctx context.Context, done func(sim.Event) bool) error {
	for {
		select {
		case ev, ok := <-d.events:
			if !ok {
				return errors.New("the world closed")
			}
			fmt.Fprintf(d.out, "[%s] %s\n", ev.Header().Time.UTC().Format(time.TimeOnly), sim.Describe(ev))
			if done(ev) {
				return nil
			}
		case <-d.failed:
			return errors.New("a bot failed")
		case <-ctx.Done():
			return fmt.Errorf("waiting for the bots: %w", ctx.Err())
		}
	}
}

// oneBot11DemoMux is the example OneBot 11 bot: /echo in groups and
// private chats, friend requests accepted with a welcome message.
func oneBot11DemoMux() *onebot11.Mux {
	mux := onebot11.NewMux()
	onebot11.OnMessage(mux, func(ctx context.Context, ev onebot11.MessageEvent) error {
		if ev.IsSelfSent() {
			return nil
		}
		args := onebot11.MatchFrom(ctx).Args
		if args == "" {
			args = "(nothing to echo)"
		}
		_, err := onebot11.FromContext(ctx).Reply(ctx, ev, onebot11.Text(args))
		return err
	}, onebot11.Command("/echo"))
	onebot11.On(mux, func(ctx context.Context, ev *onebot11.FriendRequestEvent) error {
		bot := onebot11.FromContext(ctx)
		if err := bot.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: ev.Flag, Approve: true}); err != nil {
			return err
		}
		_, err := bot.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{
			UserID:  ev.UserID,
			Message: onebot11.Message{onebot11.Text("Welcome! Try /echo something.")},
		})
		return err
	})
	return mux
}

// milkyDemoMux is the example Milky bot: /ping, and spam in groups removed
// (recalled, sender muted for ten minutes, notice posted).
func milkyDemoMux() *milky.Mux {
	mux := milky.NewMux()
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		_, err := milky.FromContext(ctx).Reply(ctx, ev, milky.Text("pong"))
		return err
	}, milky.Command("/ping"), milky.NotSelf())
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		bot := milky.FromContext(ctx)
		m := ev.Data
		if err := bot.RecallGroupMessage(ctx, &milky.RecallGroupMessageParams{GroupID: m.PeerID, MessageSeq: m.MessageSeq}); err != nil {
			return err
		}
		if err := bot.SetGroupMemberMute(ctx, &milky.SetGroupMemberMuteParams{GroupID: m.PeerID, UserID: m.SenderID, Duration: 600}); err != nil {
			return err
		}
		name := fmt.Sprint(m.SenderID)
		if m.GroupMember != nil {
			name = m.GroupMember.Nickname
			if m.GroupMember.Card != "" {
				name = m.GroupMember.Card
			}
		}
		_, err := bot.Reply(ctx, ev, milky.Text("Removed a spam message from "+name+" and muted them for 10 minutes."))
		return err
	}, milky.FromGroup(), milky.NotSelf(), milky.MatchFunc(func(_ context.Context, ev *milky.MessageReceiveEvent) bool {
		return strings.Contains(strings.ToLower(milky.MessageText(&ev.Data)), "spam")
	}))
	return mux
}
