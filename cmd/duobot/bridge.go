package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/transport"
)

const bridgeHelp = `Serves one protocol on top of an implementation of the other: OneBot 11 bots
run on a Milky implementation (the default), or Milky bots on a OneBot 11
one. Without --upstream the embedded simulator (demo world) is the upstream,
so "duobot bridge" alone serves OneBot 11 backed by a simulated Milky world.

Upstream URLs: Milky http(s)://host:port[/prefix] (API POST {base}/api/...,
events from {base}/event); OneBot 11 ws(s)://host:port/ (forward WebSocket)
or http(s)://host:port (HTTP API + SSE /_events).

A Milky upstream's events are read over WebSocket or SSE (--upstream-events):
auto (the default) tries a WebSocket handshake once and uses SSE when
{base}/event refuses the upgrade (e.g. 404 or 405); ws and sse force one.

Upstream failures: an upstream refusing --upstream-token (401 or 403) is
final: the bridge does not start, or a running bridge stops and exits with
status 1. Other failures (connection refused, HTTP 404 or 503, a dropped
event stream) are retried with backoff for as long as the bridge runs,
logged at warn level (failed attempts 1, 2, 4, 8, ... only); meanwhile
OneBot 11 clients see heartbeats and get_status with good: false.

Every conversion that loses information is reported at debug level
(--log-level debug). Ctrl-C shuts the bridge down, letting API calls in
flight finish for a few seconds.

Environment: ` + envToken + ` sets --token when it is not given.

Examples:
  duobot bridge
  duobot bridge --upstream http://127.0.0.1:3010 --listen 127.0.0.1:5700
  duobot bridge --upstream http://127.0.0.1:3010 --upstream-events sse
  duobot bridge --upstream-protocol onebot11 --upstream ws://127.0.0.1:5700/ --listen 127.0.0.1:3100
  duobot bridge --upstream http://127.0.0.1:3010 --webhook http://127.0.0.1:8080/ --secret s3cret --store ids.db`

func runBridge(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "bridge", "[flags]", bridgeHelp)
	var o adapter.BridgeOptions
	fs.StringVar(&o.UpstreamProtocol, "upstream-protocol", adapter.ProtocolMilky, "`protocol` of the upstream: milky or onebot11 (the bridge serves the other one)")
	fs.StringVar(&o.UpstreamURL, "upstream", "", "upstream base `URL` (empty: the embedded simulator)")
	fs.StringVar(&o.UpstreamToken, "upstream-token", "", "access `token` sent to the upstream")
	fs.StringVar(&o.UpstreamEvents, "upstream-events", adapter.UpstreamEventsAuto, "Milky upstream event transport `mode`: auto (WebSocket, else SSE), ws or sse")
	fs.StringVar(&o.Listen, "listen", adapter.DefaultBridgeListen, "downstream listen `address` (port 0: any free port)")
	fs.StringVar(&o.AccessToken, "token", "", "access `token` downstream clients must send (default env "+envToken+")")
	fs.StringVar(&o.Secret, "secret", "", "OneBot 11 webhook signature `secret` (X-Signature)")
	var hooks listFlag
	fs.Var(&hooks, "webhook", "POST every event to this `URL` (repeatable)")
	fs.StringVar(&o.ReverseURL, "reverse-ws", "", "OneBot 11 reverse WebSocket `URL` (Universal) to dial")
	fs.StringVar(&o.ReverseAPIURL, "reverse-ws-api", "", "OneBot 11 reverse WebSocket API `URL` (split connections)")
	fs.StringVar(&o.ReverseEventURL, "reverse-ws-event", "", "OneBot 11 reverse WebSocket Event `URL` (split connections)")
	heartbeat := fs.Duration("heartbeat", adapter.DefaultHeartbeatInterval, "OneBot 11 heartbeat `interval` (0: none)")
	fs.StringVar(&o.StorePath, "store", "", "persistent id store (bbolt file) `path`; empty: in memory")
	logLevel := fs.String("log-level", "info", "`level` of the log on stderr: debug, info, warn or error (debug shows each conversion's loss report)")
	grace := fs.Duration("shutdown-grace", 5*time.Second, "how long API calls in flight may take to finish after Ctrl-C")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if len(fs.args) > 0 {
		return usageError(env, fs, "bridge: unexpected argument %q", fs.args[0])
	}
	switch o.UpstreamProtocol {
	case adapter.ProtocolMilky, adapter.ProtocolOneBot11:
	default:
		return usageError(env, fs, "bridge: unknown upstream protocol %q (want milky or onebot11)", o.UpstreamProtocol)
	}
	switch o.UpstreamEvents {
	case adapter.UpstreamEventsAuto:
	case adapter.UpstreamEventsWS, adapter.UpstreamEventsSSE:
		if o.UpstreamProtocol != adapter.ProtocolMilky {
			return usageError(env, fs, "bridge: --upstream-events %s applies to a Milky upstream only (a OneBot 11 upstream's URL scheme chooses)", o.UpstreamEvents)
		}
	default:
		return usageError(env, fs, "bridge: unknown --upstream-events %q (want auto, ws or sse)", o.UpstreamEvents)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usageError(env, fs, "bridge: bad --log-level %q", *logLevel)
	}
	if o.AccessToken == "" {
		o.AccessToken = env.getenv(envToken)
	}
	o.WebhookURLs = hooks
	o.HeartbeatInterval = *heartbeat
	if *heartbeat == 0 {
		o.HeartbeatInterval = -1
	}
	o.Logger = slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: level}))

	// The bridge lives in its own context so that Ctrl-C shuts it down
	// gracefully below; during StartBridge, Ctrl-C still aborts it.
	bctx, bcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer bcancel()
	stopAbort := context.AfterFunc(ctx, bcancel)
	b, err := adapter.StartBridge(bctx, &o)
	if !stopAbort() {
		if err == nil {
			b.Close()
		}
		return exitOK
	}
	if err != nil {
		bridgeFailed(env, err)
		return exitFailed
	}
	upstream := o.UpstreamURL
	if upstream == "" {
		upstream = "the embedded simulator (demo world)"
	}
	fmt.Fprintf(env.stdout, "duobot bridge: serving %s for bot %d on top of %s upstream %s\n", b.Downstream(), b.SelfID(), o.UpstreamProtocol, upstream)
	fmt.Fprintf(env.stdout, "  HTTP %s   WebSocket %s\n", b.URL(), b.WSURL())
	fmt.Fprintln(env.stdout, "Ctrl-C to stop.")
	select {
	case <-ctx.Done():
	case <-b.Done():
		bridgeFailed(env, b.Err())
		return exitFailed
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), *grace)
	defer cancel()
	if err := b.Shutdown(sctx); err != nil {
		env.errorf("bridge: shutdown: %v", err)
		return exitFailed
	}
	fmt.Fprintln(env.stdout, "stopped")
	return exitOK
}

// bridgeFailed reports why the bridge did not start or stopped on its own
// (err nil: no cause known), with a hint when the upstream refused the
// token.
func bridgeFailed(env *cmdEnv, err error) {
	switch {
	case err == nil:
		env.errorf("bridge: stopped")
	case errors.Is(err, transport.ErrUnauthorized), errors.Is(err, transport.ErrForbidden):
		env.errorf("bridge: the upstream refused the access token (check --upstream-token): %v", err)
	default:
		env.errorf("bridge: %v", err)
	}
}
