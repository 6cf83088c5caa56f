package onebot11

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/duobot/duobot/transport"
)

// sink is one subscriber the server pushes events to itself (a webhook URL
// or a reverse WebSocket connection): a bounded queue drained in order by
// one goroutine.
type sink struct {
	name string
	q    chan []byte
	send func(ctx context.Context, frame []byte) error
	s    *Server
	// webhook marks a webhook queue: Shutdown drains it (see run).
	webhook bool
}

func (s *Server) newSink(name string) *sink {
	k := &sink{name: name, q: make(chan []byte, s.o.EventQueue), s: s, webhook: true}
	s.sinks = append(s.sinks, k)
	return k
}

// offer queues frame without waiting; a full queue loses it (counted and
// reported).
func (k *sink) offer(frame []byte) {
	select {
	case k.q <- frame:
	default:
		k.s.queueDrops.Add(1)
		if k.s.o.OnDrop != nil {
			k.s.o.OnDrop(k.name)
		}
	}
}

// run sends the queued frames in order until Close. A webhook queue also
// stops once Shutdown has begun and it has sent everything queued (no frame
// can be queued any more by then); Close cuts that short.
func (k *sink) run() {
	ctx := k.s.ctx
	var drain <-chan struct{}
	if k.webhook {
		drain = k.s.draining
		drained := false
		defer func() {
			if !drained {
				k.s.undrained.Store(true)
			}
			if k.s.hooksLeft.Add(-1) == 0 {
				close(k.s.hooksDone)
			}
		}()
		defer func() { drained = k.drain(ctx) }()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case f := <-k.q:
			k.deliver(ctx, f)
		case <-drain:
			return // the deferred drain sends the rest
		}
	}
}

// drain sends what is queued; false when ctx ended first (then frames were
// left unsent or a send was cut off).
func (k *sink) drain(ctx context.Context) bool {
	for {
		if ctx.Err() != nil {
			return false
		}
		select {
		case f := <-k.q:
			if !k.deliver(ctx, f) {
				return false
			}
		default:
			return true
		}
	}
}

// deliver sends f, reporting a failure; false when ctx cut it off.
func (k *sink) deliver(ctx context.Context, f []byte) bool {
	if err := k.send(ctx, f); err != nil {
		if ctx.Err() != nil {
			return false
		}
		k.s.report(fmt.Errorf("onebot11: %s: %w", k.name, err))
	}
	return true
}

// startWebhooks starts one ordered queue per webhook URL.
func (s *Server) startWebhooks() error {
	if len(s.o.WebhookURLs) > 0 && s.o.WebhookClient == nil {
		// Each URL keeps one connection busy; the default transport would
		// keep only two idle per host and re-dial for the others.
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = len(s.o.WebhookURLs) + 1
		s.ownClient = &http.Client{Transport: tr}
		s.o.WebhookClient = s.ownClient
	}
	for _, u := range s.o.WebhookURLs {
		ws, err := transport.NewWebhookSender(&transport.WebhookSenderOptions{
			URLs:        []string{u},
			Secret:      s.o.Secret,
			SelfID:      s.selfID,
			Client:      s.o.WebhookClient,
			Timeout:     s.o.WebhookTimeout,
			MaxAttempts: s.o.WebhookMaxAttempts,
			Concurrency: 1,
		})
		if err != nil {
			return fmt.Errorf("onebot11: webhook %q: %w", u, err)
		}
		k := s.newSink("webhook " + u)
		k.send = func(ctx context.Context, frame []byte) error {
			res, err := ws.Send(ctx, frame)
			if err != nil {
				return err
			}
			if len(res) == 0 || len(bytes.TrimSpace(res[0].Body)) == 0 {
				return nil
			}
			if err := s.mux.ExecQuickOperation(ctx, frame, res[0].Body); err != nil {
				return fmt.Errorf("quick operation: %w", err)
			}
			return nil
		}
	}
	s.hooksLeft.Store(int32(len(s.sinks)))
	if len(s.sinks) == 0 {
		close(s.hooksDone)
	}
	for _, k := range s.sinks {
		s.spawn(k.run)
	}
	return nil
}

// startReverse dials the reverse WebSocket connections.
func (s *Server) startReverse() error {
	type target struct{ url, role string }
	var ts []target
	if s.o.ReverseURL != "" {
		ts = append(ts, target{s.o.ReverseURL, transport.RoleUniversal})
	}
	if s.o.ReverseAPIURL != "" {
		ts = append(ts, target{s.o.ReverseAPIURL, transport.RoleAPI})
	}
	if s.o.ReverseEventURL != "" {
		ts = append(ts, target{s.o.ReverseEventURL, transport.RoleEvent})
	}
	for _, t := range ts {
		h := http.Header{}
		h.Set("X-Client-Role", t.role)
		if s.selfID != "" {
			h.Set("X-Self-ID", s.selfID)
		}
		var k *sink
		if t.role != transport.RoleAPI {
			k = &sink{name: "reverse " + t.role + " " + t.url, q: make(chan []byte, s.o.EventQueue), s: s}
		}
		c, err := transport.NewWSClient(t.url, &transport.WSOptions{
			Token:        s.o.ReverseToken,
			Header:       h,
			Backoff:      s.o.ReverseBackoff,
			PingInterval: s.o.PingInterval,
			SendQueue:    s.o.SendQueue,
			OnConnect: func() {
				if k != nil {
					s.sendConnectEvent(func(b []byte) bool { k.offer(b); return true })
				}
			},
			OnDialError: func(err error) { s.report(fmt.Errorf("onebot11: reverse %s %s: %w", t.role, t.url, err)) },
			OnDrop: func(frame []byte) {
				s.report(fmt.Errorf("onebot11: reverse %s %s: request frame dropped (too many waiting): %.200s", t.role, t.url, frame))
			},
			Logger: s.o.Logger,
		})
		if err != nil {
			return fmt.Errorf("onebot11: reverse %s URL %q: %w", t.role, t.url, err)
		}
		s.reverse = append(s.reverse, c)
		if k != nil {
			k.send = c.Send
			s.sinks = append(s.sinks, k)
			s.spawn(k.run)
		}
		if t.role == transport.RoleEvent {
			// Nothing is expected from the peer; drain what it sends.
			s.spawn(func() { c.Run(s.ctx, func([]byte) {}) })
			continue
		}
		info := &RequestInfo{Transport: TransportReverseWebSocket, RemoteAddr: t.url}
		s.spawn(func() { s.serveCalls(info, c.Run, c.Send) })
	}
	return nil
}
