package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

const eventsHelp = `Transports:
  ws       OneBot 11: forward WebSocket at the URL (http:// is turned into ws://);
           Milky: WebSocket at {URL}/event
  sse      OneBot 11: Server-Sent Events at {URL}/_events; Milky: SSE at {URL}/event
  webhook  listen on --listen and print the events POSTed there (the implementation
           must be configured to post to it); OneBot 11: --secret checks the
           X-Signature of each body; Milky: the token is required as Bearer
  auto     (default) WebSocket, or SSE when the server answers the WebSocket
           handshake with an HTTP status instead

Each event is one line: local time, type, ids, and the text of messages.
--json prints each event's JSON on one line instead, exactly as received.

` + connHelp + `

Examples:
  duobot events
  duobot events --protocol milky --transport sse
  duobot events --json --count 1 > first-event.json
  duobot events --transport webhook --listen 127.0.0.1:8080 --secret s3cret`

func runEvents(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "events", "[flags]", eventsHelp)
	var cf connFlags
	cf.register(fs)
	mode := fs.String("transport", "auto", "event transport `mode`: ws, sse, webhook or auto (see Transports)")
	asJSON := fs.Bool("json", false, "print each event as one line of JSON, as received")
	count := fs.Int("count", 0, "exit after `n` events (0: run until interrupted)")
	listen := fs.String("listen", "127.0.0.1:8080", "webhook transport: `address` to listen on")
	secret := fs.String("secret", "", "webhook transport, OneBot 11: HMAC `secret` of X-Signature")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if len(fs.args) > 0 {
		return usageError(env, fs, "events: unexpected argument %q", fs.args[0])
	}
	proto, base, token, err := cf.resolve(env, "")
	if err != nil {
		return usageError(env, fs, "events: %v", err)
	}
	switch *mode {
	case "ws", "sse", "webhook", "auto":
	default:
		return usageError(env, fs, "events: unknown transport %q (want ws, sse, webhook or auto)", *mode)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu   sync.Mutex
		seen int
	)
	deliver := func(frame []byte) {
		mu.Lock()
		defer mu.Unlock()
		if *count > 0 && seen >= *count {
			return
		}
		seen++
		if *asJSON {
			var b bytes.Buffer
			if json.Compact(&b, frame) != nil {
				b.Reset()
				b.Write(bytes.TrimSpace(frame))
			}
			b.WriteByte('\n')
			env.stdout.Write(b.Bytes())
		} else if proto == protoMilky {
			fmt.Fprintln(env.stdout, describeMilky(frame))
		} else {
			fmt.Fprintln(env.stdout, describeOneBot11(frame))
		}
		if *count > 0 && seen >= *count {
			cancel()
		}
	}

	src, closeSrc, err := eventSource(ctx, env, proto, base, token, *mode, *listen, *secret)
	if err != nil {
		env.errorf("events: %v", err)
		return exitFailed
	}
	defer closeSrc()
	err = src.Run(ctx, deliver)
	mu.Lock()
	done := *count > 0 && seen >= *count
	mu.Unlock()
	if done || (err != nil && ctx.Err() != nil) || err == nil {
		return exitOK
	}
	env.errorf("events: %v", err)
	return exitFailed
}

// eventSource builds the source for proto over mode.
func eventSource(ctx context.Context, env *cmdEnv, proto, base, token, mode, listen, secret string) (transport.Source, func(), error) {
	// Accept the event endpoint itself as well as the base URL.
	base = strings.TrimSuffix(base, "/")
	if proto == protoMilky {
		base = strings.TrimSuffix(base, "/event")
	} else if strings.HasSuffix(base, "/_events") && !strings.HasPrefix(base, "ws") {
		base = strings.TrimSuffix(base, "/_events")
	}
	httpBase := httpScheme(base)
	if mode == "webhook" {
		return webhookSource(env, proto, token, listen, secret)
	}
	wsURL := wsScheme(base)
	if proto == protoMilky {
		wsURL += "/event"
	} else if u, err := url.Parse(wsURL); err == nil && u.Path == "" {
		wsURL += "/"
	}
	if mode == "auto" {
		if strings.HasPrefix(base, "ws") || probeWebSocket(ctx, wsURL, token) {
			mode = "ws"
		} else {
			mode = "sse"
		}
	}
	onDisconnect := func(err error) {
		if err != nil && ctx.Err() == nil {
			env.errorf("events: connection: %v", err)
		}
	}
	switch mode {
	case "ws":
		ws, err := transport.NewWSClient(wsURL, &transport.WSOptions{
			Token:        token,
			EventsOnly:   proto == protoMilky,
			OnDialError:  onDisconnect,
			OnDisconnect: onDisconnect,
		})
		if err != nil {
			return nil, nil, err
		}
		return ws, func() { ws.Close() }, nil
	default:
		sseURL := httpBase + "/_events"
		o := &transport.SSEOptions{Token: token, OnDisconnect: onDisconnect}
		if proto == protoMilky {
			sseURL = httpBase + "/event"
			o.EventName = "milky_event"
		}
		c, err := transport.NewSSEClient(sseURL, o)
		if err != nil {
			return nil, nil, err
		}
		return c, func() {}, nil
	}
}

// probeWebSocket reports whether url accepts a WebSocket handshake. A
// network failure counts as yes, so the WebSocket client keeps retrying.
func probeWebSocket(ctx context.Context, url, token string) bool {
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	conn, resp, err := websocket.DefaultDialer.DialContext(pctx, url, h)
	if err == nil {
		conn.Close()
		return true
	}
	if resp != nil {
		resp.Body.Close()
		return resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden
	}
	return true
}

// webhookSource listens on listen and serves a webhook receiver there.
func webhookSource(env *cmdEnv, proto, token, listen, secret string) (transport.Source, func(), error) {
	// OneBot 11 senders sign bodies with the secret and send no token;
	// Milky senders send the token as Bearer.
	o := &transport.WebhookReceiverOptions{Secret: secret}
	if proto == protoMilky {
		o = &transport.WebhookReceiverOptions{Token: token, Auth: transport.AuthOptions{WrongTokenIs401: true}}
	}
	rcv := transport.NewWebhookReceiver(o)
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, nil, fmt.Errorf("listen for webhooks: %w", err)
	}
	srv := &http.Server{Handler: rcv, ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			env.errorf("events: webhook server: %v", err)
		}
	}()
	fmt.Fprintf(env.stderr, "listening for %s webhook POSTs on http://%s/\n", proto, ln.Addr())
	return rcv, func() { srv.Close(); wg.Wait() }, nil
}
