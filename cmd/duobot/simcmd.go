package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

const simHelp = `Serves one simulated QQ world over both protocols, on loopback:
  OneBot 11  HTTP API http://ADDR/{action}, forward WebSocket ws://ADDR/ (and /api, /event),
             SSE http://ADDR/_events
  Milky      HTTP API http://ADDR/api/{name}, events ws://ADDR/event or SSE http://ADDR/event
The world starts with demo users and groups (see --empty). Point a bot at
either URL, then type commands to act as the other users; every event of the
world is printed as a line. Without a terminal on stdin (or once stdin is
closed) it keeps serving until interrupted. "quit" or Ctrl-C stops it
cleanly: events already emitted are still posted to the webhooks
(--onebot11-webhook, --milky-webhook) for up to --shutdown-grace.

Commands (ids are numbers; text may mention users as @UIN or everyone as @all):
  say GROUP USER TEXT          USER says TEXT in GROUP
  pm USER TEXT                 friend USER sends TEXT to the bot
  friend-request USER [TEXT]   USER asks to become the bot's friend
  join-request GROUP USER [TEXT]  USER asks to join GROUP
  join GROUP USER              USER joins GROUP
  leave GROUP USER             USER leaves GROUP
  nudge GROUP USER [TARGET]    USER nudges TARGET (default the bot) in GROUP
  recall GROUP SEQ [USER]      USER (default the sender) recalls message #SEQ of GROUP
  mute GROUP USER TARGET SECONDS  USER (an admin) mutes TARGET (0 unmutes)
  invite GROUP USER            USER invites the bot into GROUP
  like USER [TIMES]            USER likes the bot's profile
  world                        print the bot, groups and friends
  help                         this list
  quit                         stop

Environment: ` + envToken + ` sets the access token of both protocols (--token wins).

Examples:
  duobot sim
  duobot sim --onebot11 127.0.0.1:0 --milky 127.0.0.1:0 --token s3cret
  duobot sim --milky-webhook http://127.0.0.1:8080/   (with: duobot events --protocol milky --transport webhook)
  printf 'say 30001 20001 hello\nquit\n' | duobot sim`

func runSim(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "sim", "[flags]", simHelp)
	obAddr := fs.String("onebot11", defaultOneBot11Addr, "OneBot 11 listen `address` (port 0: any free port)")
	mkAddr := fs.String("milky", defaultMilkyAddr, "Milky listen `address` (port 0: any free port)")
	token := fs.String("token", "", "access `token` required by both protocols (default env "+envToken+")")
	empty := fs.Bool("empty", false, "start with only the bot account, without the demo users and groups")
	heartbeat := fs.Duration("heartbeat", 0, "OneBot 11 heartbeat `interval` (0: none)")
	var obHooks, mkHooks listFlag
	fs.Var(&obHooks, "onebot11-webhook", "also POST OneBot 11 events to this `URL` (repeatable)")
	fs.Var(&mkHooks, "milky-webhook", "also POST Milky events to this `URL` (repeatable)")
	secret := fs.String("secret", "", "sign OneBot 11 webhook bodies with this HMAC `secret` (X-Signature)")
	reverse := fs.String("onebot11-reverse", "", "also dial this OneBot 11 reverse WebSocket `URL` (Universal)")
	grace := fs.Duration("shutdown-grace", 2*time.Second, "how long events already emitted may take to reach the webhooks after quit or Ctrl-C")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if len(fs.args) > 0 {
		return usageError(env, fs, "sim: unexpected argument %q", fs.args[0])
	}
	tok := *token
	if tok == "" {
		tok = env.getenv(envToken)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The instance lives on after ctx ends (Ctrl-C) so that it can shut
	// down gracefully below; the deferred Close covers the other returns.
	inst, err := sim.Start(context.WithoutCancel(ctx), &sim.StartOptions{
		OneBot11Addr:      *obAddr,
		MilkyAddr:         *mkAddr,
		Token:             tok,
		SeedDemo:          !*empty,
		HeartbeatInterval: *heartbeat,
		OneBot11:          &onebot11.ServerOptions{WebhookURLs: obHooks, Secret: *secret, ReverseURL: *reverse},
		Milky:             &milky.ServerOptions{WebhookURLs: mkHooks},
	})
	if err != nil {
		env.errorf("sim: %v", err)
		return exitFailed
	}
	defer inst.Close()
	// shutdown delivers what is queued for the webhooks, for at most grace.
	shutdown := func() int {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), *grace)
		defer cancel()
		if err := inst.Shutdown(sctx); err != nil {
			env.errorf("sim: shutdown: %v", err)
			return exitFailed
		}
		return exitOK
	}
	w := inst.World()
	events, unsubscribe := w.Subscribe(64)
	defer unsubscribe()

	out := env.stdout
	fmt.Fprintf(out, "duobot simulator running. Ctrl-C to stop.\n")
	fmt.Fprintf(out, "OneBot 11  HTTP %s   WebSocket %s   SSE %s/_events\n", inst.OneBot11URL(), inst.OneBot11WSURL(), inst.OneBot11URL())
	fmt.Fprintf(out, "Milky      HTTP %s   events %s (WebSocket or SSE)\n", inst.MilkyURL(), inst.MilkyURL()+"/event")
	if tok != "" {
		fmt.Fprintf(out, "access token required: %q\n", tok)
	}
	printWorld(out, w)
	urlFlag, tokFlag := "", ""
	if inst.OneBot11Addr() != defaultOneBot11Addr {
		urlFlag = " --url " + inst.OneBot11URL()
	}
	if tok != "" {
		tokFlag = " --token " + tok
	}
	fmt.Fprintf(out, "Try in another terminal:\n  duobot events%s%s\n  duobot call%s%s send_group_msg group_id=%d message=hi\n", urlFlag, tokFlag, urlFlag, tokFlag, sim.DemoGroupDev)
	fmt.Fprintf(out, "Type \"help\" for commands.\n")

	sh := &simShell{w: w, out: out}
	lines := make(chan string)
	stdinDone := make(chan struct{})
	go func() {
		defer close(stdinDone)
		sc := bufio.NewScanner(env.stdin)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	interactive := isTerminal(env.stdin)
	prompt := func() {
		if interactive {
			fmt.Fprint(out, "> ")
		}
	}
	prompt()
	input := (<-chan string)(lines)
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(out, "stopping")
			return shutdown()
		case ev, ok := <-events:
			if !ok {
				return exitOK
			}
			printEvent(out, ev)
		case <-stdinDone:
			stdinDone = nil
			input = nil
			fmt.Fprintln(env.stderr, "stdin closed; serving until interrupted")
		case line := <-input:
			quit, eventful := sh.exec(line)
			if quit {
				drainEvents(out, events)
				return shutdown()
			}
			if eventful {
				// Show the command's first event before the next prompt
				// (the world publishes it before the command returns).
				select {
				case ev, ok := <-events:
					if ok {
						printEvent(out, ev)
					}
				case <-time.After(2 * time.Second):
				case <-ctx.Done():
				}
				drainEvents(out, events)
			}
			prompt()
		}
	}
}

func printEvent(w io.Writer, ev sim.Event) {
	fmt.Fprintf(w, "[%s] %s\n", ev.Header().Time.Local().Format(time.TimeOnly), sim.Describe(ev))
}

// drainEvents prints the events already waiting.
func drainEvents(w io.Writer, events <-chan sim.Event) {
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return
			}
			printEvent(w, ev)
		default:
			return
		}
	}
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// printWorld lists the bot, groups with members and friends.
func printWorld(out io.Writer, w *sim.World) {
	self := w.Self()
	fmt.Fprintf(out, "bot: %s (%d)\n", self.Nickname, self.UIN)
	for _, g := range w.Groups() {
		fmt.Fprintf(out, "group %d %q:", g.ID, g.Name)
		members, _ := w.Members(g.ID)
		for _, m := range members {
			fmt.Fprintf(out, " %s(%d)", m.DisplayName(), m.UserID)
			if m.Role != sim.RoleMember {
				fmt.Fprintf(out, "[%s]", m.Role)
			}
		}
		fmt.Fprintln(out)
	}
	var friends []string
	for _, f := range w.Friends() {
		friends = append(friends, fmt.Sprintf("%s(%d)", f.User.Nickname, f.User.UIN))
	}
	if len(friends) > 0 {
		fmt.Fprintf(out, "friends: %s\n", strings.Join(friends, " "))
	}
}

// simShell runs the commands typed at the sim prompt.
type simShell struct {
	w   *sim.World
	out io.Writer
}

// exec runs one command line; quit reports "quit", eventful that the
// command succeeded and published at least one event.
func (s *simShell) exec(line string) (quit, eventful bool) {
	f := strings.Fields(line)
	if len(f) == 0 {
		return false, false
	}
	cmd, args := strings.ToLower(f[0]), f[1:]
	err := s.run(cmd, args, line)
	switch {
	case err == errQuit:
		return true, false
	case err == errNoEvent:
		return false, false
	case err != nil:
		fmt.Fprintf(s.out, "error: %v\n", err)
		return false, false
	}
	return false, true
}

var (
	errQuit    = fmt.Errorf("quit")
	errNoEvent = fmt.Errorf("no event")
)

func (s *simShell) run(cmd string, args []string, line string) error {
	w := s.w
	switch cmd {
	case "quit", "exit":
		return errQuit
	case "help", "?":
		i := strings.Index(simHelp, "Commands")
		j := strings.Index(simHelp, "\nEnvironment")
		fmt.Fprint(s.out, simHelp[i:j])
		return errNoEvent
	case "world":
		printWorld(s.out, w)
		return errNoEvent
	case "say":
		ids, rest, err := ints(args, 2, "say GROUP USER TEXT")
		if err != nil {
			return err
		}
		if rest == "" {
			return fmt.Errorf("usage: say GROUP USER TEXT")
		}
		_, err = w.UserSendGroup(ids[0], ids[1], content(restOf(line, 3)))
		return err
	case "pm":
		ids, rest, err := ints(args, 1, "pm USER TEXT")
		if err != nil {
			return err
		}
		if rest == "" {
			return fmt.Errorf("usage: pm USER TEXT")
		}
		_, err = w.UserSendPrivate(ids[0], content(restOf(line, 2)))
		return err
	case "friend-request":
		ids, _, err := ints(args, 1, "friend-request USER [TEXT]")
		if err != nil {
			return err
		}
		_, err = w.RequestFriend(ids[0], restOf(line, 2))
		return err
	case "join-request":
		ids, _, err := ints(args, 2, "join-request GROUP USER [TEXT]")
		if err != nil {
			return err
		}
		_, err = w.RequestJoinGroup(ids[0], ids[1], restOf(line, 3))
		return err
	case "join":
		ids, _, err := ints(args, 2, "join GROUP USER")
		if err != nil {
			return err
		}
		return w.MemberJoin(ids[0], ids[1], 0)
	case "leave":
		ids, _, err := ints(args, 2, "leave GROUP USER")
		if err != nil {
			return err
		}
		return w.MemberLeave(ids[0], ids[1])
	case "nudge":
		ids, _, err := ints(args, 2, "nudge GROUP USER [TARGET]")
		if err != nil {
			return err
		}
		target := w.SelfID()
		if len(args) > 2 {
			if target, err = strconv.ParseInt(args[2], 10, 64); err != nil {
				return fmt.Errorf("usage: nudge GROUP USER [TARGET]")
			}
		}
		return w.UserNudgeGroup(ids[0], ids[1], target)
	case "recall":
		ids, _, err := ints(args, 2, "recall GROUP SEQ [USER]")
		if err != nil {
			return err
		}
		op := int64(0)
		if len(args) > 2 {
			if op, err = strconv.ParseInt(args[2], 10, 64); err != nil {
				return fmt.Errorf("usage: recall GROUP SEQ [USER]")
			}
		} else {
			m, err := w.MessageBySeq(sim.SceneGroup, ids[0], ids[1])
			if err != nil {
				return err
			}
			op = m.SenderID
		}
		return w.UserRecall(op, sim.SceneGroup, ids[0], ids[1])
	case "mute":
		ids, _, err := ints(args, 4, "mute GROUP USER TARGET SECONDS")
		if err != nil {
			return err
		}
		return w.UserMute(ids[0], ids[1], ids[2], time.Duration(ids[3])*time.Second)
	case "invite":
		ids, _, err := ints(args, 2, "invite GROUP USER")
		if err != nil {
			return err
		}
		_, err = w.InviteBot(ids[0], ids[1])
		return err
	case "like":
		ids, _, err := ints(args, 1, "like USER [TIMES]")
		if err != nil {
			return err
		}
		times := 1
		if len(args) > 1 {
			if times, err = strconv.Atoi(args[1]); err != nil {
				return fmt.Errorf("usage: like USER [TIMES]")
			}
		}
		return w.UserLike(ids[0], times)
	}
	return fmt.Errorf("unknown command %q (try help)", cmd)
}

// ints parses the first n args as integers; rest is what follows them.
func ints(args []string, n int, usage string) ([]int64, string, error) {
	if len(args) < n {
		return nil, "", fmt.Errorf("usage: %s", usage)
	}
	out := make([]int64, n)
	for i := range n {
		v, err := strconv.ParseInt(args[i], 10, 64)
		if err != nil {
			return nil, "", fmt.Errorf("usage: %s (%q is not a number)", usage, args[i])
		}
		out[i] = v
	}
	return out, strings.Join(args[n:], " "), nil
}

// restOf returns line after its first n fields, spacing kept.
func restOf(line string, n int) string {
	s := strings.TrimLeft(line, " \t")
	for range n {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return ""
		}
		s = strings.TrimLeft(s[i:], " \t")
	}
	return s
}

// content turns typed text into message content: @UIN mentions a user,
// @all everyone, the rest is text.
func content(text string) []sim.Element {
	var out []sim.Element
	var buf strings.Builder
	flush := func() {
		if buf.Len() > 0 {
			out = append(out, sim.Text{Text: buf.String()})
			buf.Reset()
		}
	}
	words := strings.SplitAfter(text, " ")
	for _, w := range words {
		tok := strings.TrimSpace(w)
		if tok == "@all" {
			flush()
			out = append(out, sim.MentionAll{})
			buf.WriteString(w[len(strings.TrimRight(w, " ")):])
			continue
		}
		if strings.HasPrefix(tok, "@") {
			if uin, err := strconv.ParseInt(tok[1:], 10, 64); err == nil {
				flush()
				out = append(out, sim.Mention{UserID: uin})
				buf.WriteString(w[len(strings.TrimRight(w, " ")):])
				continue
			}
		}
		buf.WriteString(w)
	}
	flush()
	return out
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
