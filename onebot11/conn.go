package onebot11

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"net/http"
	"strconv"
	"strings"

	"github.com/duobot/duobot/transport"
)

// DialHTTP returns a Bot calling the HTTP API at base (POST
// {base}/{action}) whose events come from LLOneBot's Server-Sent Events
// stream GET {base}/_events, opened when Run starts (and reopened with
// Last-Event-ID after a drop, so a server keeping recent events, as
// [Server] does, sends the ones missed meanwhile). For an implementation
// that posts events to a webhook instead, use NewWebhookBot with the bot's
// Client caller (transport.NewHTTPCaller). Nothing is connected yet: the
// first call or Run connects.
func DialHTTP(base string, o *BotOptions) (*Bot, error) {
	o = o.orZero()
	caller, err := transport.NewHTTPCaller(base, &transport.HTTPOptions{Token: o.AccessToken, Client: o.HTTPClient})
	if err != nil {
		return nil, fmt.Errorf("onebot11: %w", err)
	}
	sse, err := transport.NewSSEClient(strings.TrimRight(base, "/")+"/_events", &transport.SSEOptions{
		Token: o.AccessToken, Client: o.HTTPClient, Logger: o.Logger,
	})
	if err != nil {
		return nil, fmt.Errorf("onebot11: %w", err)
	}
	return newBot(caller, sse, nil, o), nil
}

// wsOptions returns the WebSocket options of o with the token filled in.
func (o *BotOptions) wsOptions() *transport.WSOptions {
	var w transport.WSOptions
	if o.WS != nil {
		w = *o.WS
	}
	if w.Token == "" {
		w.Token = o.AccessToken
	}
	if w.Logger == nil {
		w.Logger = o.Logger
	}
	return &w
}

// DialWS connects to a forward WebSocket's universal endpoint (API calls
// and events on one connection, usually "ws://host:port/") and returns its
// Bot once the first handshake succeeded; it fails when ctx ends first or
// the handshake is refused (an error matching transport.ErrUnauthorized
// or ErrForbidden). The connection is re-established after drops until
// Bot.Close.
func DialWS(ctx context.Context, url string, o *BotOptions) (*Bot, error) {
	o = o.orZero()
	c, err := dialWS(ctx, url, o)
	if err != nil {
		return nil, err
	}
	return newBot(c, c, c.Close, o), nil
}

// DialWSSplit connects to a forward WebSocket's split endpoints: apiURL
// for calls ("ws://host:port/api") and eventURL for events
// ("ws://host:port/event"), as DialWS does for one.
func DialWSSplit(ctx context.Context, apiURL, eventURL string, o *BotOptions) (*Bot, error) {
	o = o.orZero()
	api, err := dialWS(ctx, apiURL, o)
	if err != nil {
		return nil, err
	}
	ev, err := dialWS(ctx, eventURL, o)
	if err != nil {
		return nil, errors.Join(err, api.Close())
	}
	return newBot(api, ev, func() error { return errors.Join(api.Close(), ev.Close()) }, o), nil
}

func dialWS(ctx context.Context, url string, o *BotOptions) (*transport.WSClient, error) {
	c, err := transport.NewWSClient(url, o.wsOptions())
	if err != nil {
		return nil, fmt.Errorf("onebot11: %w", err)
	}
	if err := c.WaitConnected(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("onebot11: connecting to %s: %w", url, err), c.Close())
	}
	return c, nil
}

// WebhookBot is a Bot whose events the implementation POSTs to it (OneBot
// 11 "HTTP POST"): mount it as an http.Handler. Calls go through the Caller
// it was made with. While Run is active (503 otherwise), each POST is
// handled synchronously, so a quick operation set by the handler
// (SetQuickOperation) is the reply body; without one the reply is 204.
// With BotOptions.WebhookAsync the POST is answered 204 at once instead.
// The self id is learnt from the X-Self-ID header.
type WebhookBot struct {
	*Bot
	recv *transport.WebhookReceiver

	seed  maphash.Seed
	dedup recentSet // hashes of recent bodies (WebhookDedup)
}

// NewWebhookBot returns a webhook bot calling the API through c (usually
// transport.NewHTTPCaller for the implementation's HTTP API, with its own
// token). o's Secret checks the POSTs' X-Signature; o's AccessToken is not
// asked of them (implementations send none with HTTP POST).
func NewWebhookBot(c transport.Caller, o *BotOptions) *WebhookBot {
	o = o.orZero()
	wb := &WebhookBot{Bot: newBot(c, nil, nil, o), seed: maphash.MakeSeed()}
	wb.quickInline = true
	if o.WebhookDedup > 0 {
		wb.dedup.init(o.WebhookDedup)
	}
	wb.recv = transport.NewWebhookReceiver(&transport.WebhookReceiverOptions{
		Secret:  o.Secret,
		Handler: wb.handle,
	})
	return wb
}

// ServeHTTP checks the request (method, token, signature) and handles the
// event.
func (wb *WebhookBot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if wb.push.Load() == nil {
		http.Error(w, "onebot11: bot is not running", http.StatusServiceUnavailable)
		return
	}
	wb.recv.ServeHTTP(w, r)
}

func (wb *WebhookBot) handle(ctx context.Context, body []byte, header http.Header) ([]byte, error) {
	d := wb.push.Load()
	if d == nil {
		return nil, errors.New("onebot11: bot is not running")
	}
	if id, err := strconv.ParseInt(header.Get("X-Self-ID"), 10, 64); err == nil {
		wb.setSelfID(id)
	}
	if wb.dedup.enabled() && !wb.dedup.add(int64(maphash.Bytes(wb.seed, body)|1)) {
		return nil, nil // a retry of an event already taken
	}
	if wb.opts.WebhookAsync {
		d.deliverAsync(body)
		return nil, nil
	}
	op, err := d.deliverSync(ctx, body)
	if err != nil || op == nil {
		return nil, err
	}
	reply, err := op.MarshalJSON()
	if err != nil {
		wb.report(nil, fmt.Errorf("onebot11: quick operation: %w", err))
		return nil, nil
	}
	return reply, nil
}
