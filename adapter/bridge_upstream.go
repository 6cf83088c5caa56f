package adapter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/transport"
)

// How a Bridge reads a Milky upstream's events from {base}/event: the values
// of BridgeOptions.UpstreamEvents (flag --upstream-events). Milky 1.2
// implementations serve the event stream as a WebSocket, as Server-Sent
// Events, or both, on the same path.
const (
	// UpstreamEventsAuto (the default) decides with one WebSocket handshake
	// request to {base}/event: an upgrade (101) selects the WebSocket; an
	// answer meaning "no WebSocket here" (2xx, as from a server streaming
	// text/event-stream, or 400, 404, 405, 406, 415, 426) selects SSE; 401
	// and 403 fail; network errors and other statuses are retried with
	// BridgeOptions.Backoff. The choice holds until the bridge closes; the
	// chosen stream reconnects with backoff.
	UpstreamEventsAuto = "auto"
	// UpstreamEventsWS reads the event WebSocket only.
	UpstreamEventsWS = "ws"
	// UpstreamEventsSSE reads the SSE stream only (event name
	// milky.SSEEventName; unnamed events are accepted too).
	UpstreamEventsSSE = "sse"
)

// ErrBadUpstreamEvents is returned by StartBridge for an UpstreamEvents
// value other than "", UpstreamEventsAuto, UpstreamEventsWS and
// UpstreamEventsSSE, or for ws or sse with a OneBot 11 upstream (whose
// URL scheme chooses its event transport).
var ErrBadUpstreamEvents = errors.New("adapter: bad upstream event transport")

// checkUpstreamEvents validates and defaults BridgeOptions.UpstreamEvents.
func (b *Bridge) checkUpstreamEvents() error {
	switch b.opts.UpstreamEvents {
	case "":
		b.opts.UpstreamEvents = UpstreamEventsAuto
		return nil
	case UpstreamEventsAuto:
		return nil
	case UpstreamEventsWS, UpstreamEventsSSE:
		if b.opts.UpstreamProtocol != ProtocolMilky {
			return fmt.Errorf("%w: %q applies to a Milky upstream only (a OneBot 11 upstream's URL scheme chooses: ws:// or http:// with SSE)",
				ErrBadUpstreamEvents, b.opts.UpstreamEvents)
		}
		return nil
	}
	return fmt.Errorf("%w %q (want %q, %q or %q)", ErrBadUpstreamEvents, b.opts.UpstreamEvents,
		UpstreamEventsAuto, UpstreamEventsWS, UpstreamEventsSSE)
}

// runMilkyEvents reads the Milky upstream's events over the transport
// BridgeOptions.UpstreamEvents chooses (probing first in auto mode) and
// pumps them until ctx ends or the stream fails for good (401, 403).
// onConnect is called after each successful connect.
func (b *Bridge) runMilkyEvents(ctx context.Context, onConnect func()) error {
	// The probe and the SSE stream use their own connection pool, so that
	// closing its idle connections ends every goroutine it started.
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer hc.CloseIdleConnections()
	mode := b.opts.UpstreamEvents
	if mode != UpstreamEventsWS && mode != UpstreamEventsSSE {
		m, err := b.probeMilkyEvents(ctx, hc)
		if err != nil {
			return err
		}
		mode = m
	}
	b.log.Info("bridge: upstream events", "transport", mode, "mode", b.opts.UpstreamEvents)
	if mode == UpstreamEventsSSE {
		return b.runMilkySSE(ctx, hc, onConnect)
	}
	hc.CloseIdleConnections()
	return b.runMilkyWS(ctx, onConnect)
}

// milkyEventURL returns {base}/event with an http or https scheme (ws and
// wss bases are mapped); the base's query is kept.
func (b *Bridge) milkyEventURL() (string, error) {
	u, err := url.Parse(b.opts.UpstreamURL)
	if err != nil {
		return "", fmt.Errorf("adapter: bad milky upstream URL %q: %w", b.opts.UpstreamURL, err)
	}
	switch u.Scheme {
	case "http", "https":
	case "ws":
		u.Scheme = "http"
	case "wss":
		u.Scheme = "https"
	default:
		return "", fmt.Errorf("adapter: milky upstream URL %q: scheme must be http or https", b.opts.UpstreamURL)
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/event"
	u.RawPath, u.Fragment = "", ""
	return u.String(), nil
}

// probeMilkyEvents decides the transport of auto mode (see
// UpstreamEventsAuto), retrying with backoff until ctx ends.
func (b *Bridge) probeMilkyEvents(ctx context.Context, hc *http.Client) (string, error) {
	eventURL, err := b.milkyEventURL()
	if err != nil {
		return "", err
	}
	for attempt := 0; ; attempt++ {
		mode, err := b.probeOnce(ctx, hc, eventURL)
		if err == nil {
			return mode, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if errors.Is(err, transport.ErrUnauthorized) || errors.Is(err, transport.ErrForbidden) {
			return "", err
		}
		b.log.Log(ctx, retryLevel(attempt+1), "bridge: upstream event probe failed; retrying", "err", err, "attempt", attempt+1)
		if err := b.opts.Backoff.Wait(ctx, attempt); err != nil {
			return "", err
		}
	}
}

// probeOnce sends one WebSocket handshake request (milky.ProbeEvents) and
// names the transport it shows.
func (b *Bridge) probeOnce(ctx context.Context, hc *http.Client, eventURL string) (string, error) {
	mode, err := milky.ProbeEvents(ctx, hc, eventURL, func(req *http.Request) {
		if b.opts.UpstreamToken != "" {
			req.Header.Set("Authorization", "Bearer "+b.opts.UpstreamToken)
		}
	})
	if err != nil {
		return "", fmt.Errorf("adapter: milky upstream: %w", err)
	}
	if mode == milky.EventsWebSocket {
		return UpstreamEventsWS, nil
	}
	return UpstreamEventsSSE, nil
}

// runMilkySSE reads the upstream's SSE event stream, reconnecting with
// backoff, and pumps the events like runMilkyWS: each frame is parsed on
// the stream's reader goroutine, converted and published in order on a
// second goroutine that has exited when runMilkySSE returns. The reader
// waits when the pump falls behind (SSE loses nothing to back-pressure).
func (b *Bridge) runMilkySSE(ctx context.Context, hc *http.Client, onConnect func()) error {
	eventURL, err := b.milkyEventURL()
	if err != nil {
		return err
	}
	cl, err := transport.NewSSEClient(eventURL, &transport.SSEOptions{Token: b.opts.UpstreamToken, Client: hc,
		Backoff: b.opts.Backoff, Logger: b.opts.Logger, OnConnect: onConnect,
		OnDisconnect: b.sseDisconnected(ctx)})
	if err != nil {
		return fmt.Errorf("adapter: milky upstream events: %w", err)
	}
	return b.pumpMilky(ctx, func(deliver func([]byte)) error {
		return cl.RunEvents(ctx, func(sev transport.SSEEvent) {
			switch sev.Name {
			case milky.SSEEventName, "", "message":
				deliver(sev.Data)
			}
			// Other names are not Milky events.
		})
	}, nil)
}
