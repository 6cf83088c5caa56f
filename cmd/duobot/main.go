// Command duobot drives the duobot SDK from a shell: a bridge serving one
// QQ-bot protocol on an implementation of the other, a simulator serving
// both, a one-shot API caller, an event tail and a demo.
//
//	duobot sim                       serve OneBot 11 and Milky on loopback, act as users on stdin
//	duobot call ACTION [json | k=v]  call any action of either protocol
//	duobot events                    print events from an implementation
//	duobot demo                      simulator + two example bots + a scripted chat
//	duobot bridge                    serve one protocol on an implementation of the other
//
// Run "duobot help" or "duobot <command> -h" for flags, environment
// variables and examples. Exit codes: 0 success, 1 failure (a call the
// implementation refused, a connection that failed), 2 bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	programName = "duobot"
)

// Environment variables read by the subcommands.
const (
	envProtocol      = "DUOBOT_PROTOCOL"
	envOneBot11URL   = "DUOBOT_ONEBOT11_URL"
	envMilkyURL      = "DUOBOT_MILKY_URL"
	envToken         = "DUOBOT_TOKEN"
	envOneBot11Token = "DUOBOT_ONEBOT11_TOKEN"
	envMilkyToken    = "DUOBOT_MILKY_TOKEN"
)

// Default simulator addresses: "duobot sim" listens there and the other
// subcommands connect there when no URL is configured.
const (
	defaultOneBot11Addr = "127.0.0.1:5700"
	defaultMilkyAddr    = "127.0.0.1:3000"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *cmdEnv, args []string) int
}

// cmdEnv is what a subcommand may use: its streams and the environment.
type cmdEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

func (e *cmdEnv) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, programName+": "+format+"\n", args...)
}

var commands = []command{
	{"sim", "serve a simulated QQ world over OneBot 11 and Milky; act as users on stdin", runSim},
	{"call", "call an action of either protocol and print the result", runCall},
	{"events", "print events from an implementation, one line each (or JSON)", runEvents},
	{"demo", "simulator + an example bot per protocol + a scripted conversation", runDemo},
	{"bridge", "serve OneBot 11 on a Milky implementation (or Milky on OneBot 11)", runBridge},
}

// run is the whole program: it parses args (without the program name),
// runs the subcommand until it finishes or ctx ends, and returns the exit
// code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &cmdEnv{stdin: stdin, stdout: &lockedWriter{w: stdout}, stderr: &lockedWriter{w: stderr}, getenv: os.Getenv}
	if len(args) == 0 {
		mainUsage(env.stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			for _, c := range commands {
				if c.name == args[1] {
					return c.run(ctx, env, []string{"-h"})
				}
			}
		}
		mainUsage(env.stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(ctx, env, args[1:])
		}
	}
	env.errorf("unknown command %q", name)
	mainUsage(env.stderr)
	return exitUsage
}

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s <command> [flags] [args]\n\nCommands:\n", programName)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Environment: %[2]s, %[3]s and %[4]s (also %[5]s,
%[6]s, %[7]s) name the implementation for call and events.

Run "%[1]s <command> -h" for the flags, environment variables and examples of a command.
Try it: "%[1]s demo" needs nothing configured.
`, programName, envOneBot11URL, envMilkyURL, envToken, envOneBot11Token, envMilkyToken, envProtocol)
}

// newFlagSet returns a flag set for a subcommand. Its usage text is a
// usage line, the flags, then help (environment variables and examples);
// parseFlags prints it to stdout for -h and to stderr after a bad flag.
func newFlagSet(env *cmdEnv, name, usageLine, help string) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError)}
	fs.SetOutput(env.stderr)
	fs.Usage = func() {}
	fs.usage = func(w io.Writer) {
		fmt.Fprintf(w, "Usage: %s %s %s\n\nFlags:\n", programName, name, usageLine)
		out := fs.Output()
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(out)
		if help != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(help))
		}
	}
	return fs
}

// flagSet is a subcommand's flags and its usage printer.
type flagSet struct {
	*flag.FlagSet
	usage func(w io.Writer)
	args  []string // positional arguments, after parseFlags
}

// parseFlags parses args; ok is false when the command must stop with
// code (0 after -h, 2 after a bad flag). Flags may come after positional
// arguments too ("call get_login_info --url ..."); everything after "--"
// is positional. The positional arguments are left in fs.args.
func parseFlags(env *cmdEnv, fs *flagSet, args []string) (code int, ok bool) {
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fs.usage(env.stdout)
			return exitOK, false
		case err != nil:
			fs.usage(env.stderr)
			return exitUsage, false
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			fs.args = append(fs.args, rest...)
			return 0, true
		}
		if len(rest) == 0 {
			return 0, true
		}
		fs.args = append(fs.args, rest[0])
		args = rest[1:]
	}
}

// usageError reports a usage problem found after flag parsing.
func usageError(env *cmdEnv, fs *flagSet, format string, args ...any) int {
	env.errorf(format, args...)
	fmt.Fprintf(env.stderr, "Run \"%s %s -h\" for usage.\n", programName, fs.Name())
	return exitUsage
}

// lockedWriter serialises writes from the goroutines of one command
// (event printers and the prompt).
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
