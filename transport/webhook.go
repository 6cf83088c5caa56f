package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// WebhookHandler handles one webhook POST: body is the raw request body,
// header the request headers. A non-empty reply is written back as a JSON
// body with status 200 (e.g. a OneBot 11 quick operation); an empty reply
// gives 204. An error gives 500 with the error text.
type WebhookHandler func(ctx context.Context, body []byte, header http.Header) (reply []byte, err error)

// WebhookReceiverOptions configures a [WebhookReceiver]. The zero value is
// usable.
type WebhookReceiverOptions struct {
	// Token and Auth check "Authorization: Bearer" (see
	// [AuthenticateWith]); empty accepts all.
	Token string
	Auth  AuthOptions
	// Secret, when set, requires "X-Signature: sha1=<hex>", the HMAC-SHA1
	// of the raw body: missing is 401, wrong is 403.
	Secret string
	// MaxBodyBytes caps a request body (default DefaultMaxResponseBytes);
	// a larger one is answered 413.
	MaxBodyBytes int64
	// Handler, when set, handles every accepted POST synchronously. When
	// nil, bodies are queued for Run instead.
	Handler WebhookHandler
	// Queue bounds the bodies waiting for Run (default DefaultEventQueue).
	// When it is full the POST is answered 503 so the sender can retry:
	// nothing is dropped silently.
	Queue int
}

// WebhookReceiver is an http.Handler receiving webhook POSTs, and (without
// a Handler) a [Source] of their bodies. Safe for concurrent use.
type WebhookReceiver struct {
	opts    WebhookReceiverOptions
	queue   chan []byte
	running atomic.Bool
	refused atomic.Uint64
}

var _ Source = (*WebhookReceiver)(nil)

// NewWebhookReceiver returns a receiver; o may be nil.
func NewWebhookReceiver(o *WebhookReceiverOptions) *WebhookReceiver {
	if o == nil {
		o = &WebhookReceiverOptions{}
	}
	r := &WebhookReceiver{opts: *o}
	if r.opts.MaxBodyBytes <= 0 {
		r.opts.MaxBodyBytes = DefaultMaxResponseBytes
	}
	q := r.opts.Queue
	if q <= 0 {
		q = DefaultEventQueue
	}
	r.queue = make(chan []byte, q)
	return r
}

// ServeHTTP checks method, token, size and signature, then handles or
// queues the body.
func (wr *WebhookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if err := AuthenticateWith(r, wr.opts.Token, wr.opts.Auth); err != nil {
		WriteAuthError(w, err)
		return
	}
	body, tooLarge, err := readLimited(r.Body, wr.opts.MaxBodyBytes, r.ContentLength)
	if tooLarge {
		http.Error(w, fmt.Sprintf("body exceeds %d bytes", wr.opts.MaxBodyBytes), http.StatusRequestEntityTooLarge)
		return
	}
	if err != nil {
		http.Error(w, "reading body: "+err.Error(), http.StatusBadRequest)
		return
	}
	if err := VerifySignature(r, wr.opts.Secret, body); err != nil {
		WriteAuthError(w, err)
		return
	}
	if wr.opts.Handler == nil {
		select {
		case wr.queue <- body:
			w.WriteHeader(http.StatusNoContent)
		default:
			wr.refused.Add(1)
			http.Error(w, "event queue full", http.StatusServiceUnavailable)
		}
		return
	}
	reply, err := wr.opts.Handler(r.Context(), body, r.Header)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if len(reply) == 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(reply)
}

// Refused counts POSTs answered 503 because the queue was full.
func (wr *WebhookReceiver) Refused() uint64 { return wr.refused.Load() }

// Run delivers queued bodies in arrival order on Run's goroutine until ctx
// ends (then it returns ctx.Err()). Only one Run may be active at a time.
// With a Handler configured nothing is queued.
func (wr *WebhookReceiver) Run(ctx context.Context, deliver func(frame []byte)) error {
	if !wr.running.CompareAndSwap(false, true) {
		return errors.New("transport: WebhookReceiver.Run is already active")
	}
	defer wr.running.Store(false)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case b := <-wr.queue:
			deliver(b)
		}
	}
}

// WebhookSenderOptions configures a [WebhookSender].
type WebhookSenderOptions struct {
	// URLs receive every frame.
	URLs []string
	// Token, when set, is sent as "Authorization: Bearer <Token>".
	Token string
	// Secret, when set, signs each body: "X-Signature: sha1=<hex>".
	Secret string
	// SelfID, when set, is sent as X-Self-ID.
	SelfID string
	// Header holds extra request headers.
	Header http.Header
	// Client performs the requests; nil means http.DefaultClient.
	Client *http.Client
	// Timeout bounds each attempt (0: only the caller's context).
	Timeout time.Duration
	// MaxAttempts is the number of tries per URL (default 3). Network
	// errors, 408, 429 and 5xx are retried; other statuses are final.
	MaxAttempts int
	// Backoff paces retries (zero: DefaultBackoff).
	Backoff Backoff
	// Concurrency bounds the requests in flight across all Sends (default 8).
	Concurrency int
	// MaxResponseBytes caps a reply body (default DefaultMaxResponseBytes).
	MaxResponseBytes int64
	// OnError is called with every URL that finally failed; it must not
	// block.
	OnError func(url string, err error)
}

// WebhookResult is the outcome of posting one frame to one URL.
type WebhookResult struct {
	URL string
	// StatusCode of the last attempt (0 if no response).
	StatusCode int
	// Body is the reply body of a 2xx answer (empty for 204), e.g. a OneBot
	// 11 quick operation.
	Body []byte
	// Err is the final error for this URL (a *StatusError for a non-2xx
	// answer), nil on success.
	Err error
}

// WebhookSender posts frames to a set of URLs. Safe for concurrent use.
type WebhookSender struct {
	opts   WebhookSenderOptions
	client *http.Client
	sem    chan struct{}
}

// NewWebhookSender validates the URLs and returns a sender.
func NewWebhookSender(o *WebhookSenderOptions) (*WebhookSender, error) {
	if o == nil {
		o = &WebhookSenderOptions{}
	}
	s := &WebhookSender{opts: *o, client: o.Client}
	s.opts.URLs = append([]string(nil), o.URLs...)
	s.opts.Header = o.Header.Clone()
	for _, u := range s.opts.URLs {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
			return nil, fmt.Errorf("transport: bad webhook URL %q", u)
		}
	}
	if s.client == nil {
		s.client = http.DefaultClient
	}
	if s.opts.MaxAttempts <= 0 {
		s.opts.MaxAttempts = 3
	}
	if s.opts.Concurrency <= 0 {
		s.opts.Concurrency = 8
	}
	if s.opts.MaxResponseBytes <= 0 {
		s.opts.MaxResponseBytes = DefaultMaxResponseBytes
	}
	s.sem = make(chan struct{}, s.opts.Concurrency)
	return s, nil
}

// Send posts frame to every URL concurrently (bounded by Concurrency),
// retrying as configured, and waits for all. It returns one result per URL
// in the configured order, and an error joining every URL's failure (nil
// when all succeeded).
func (s *WebhookSender) Send(ctx context.Context, frame []byte) ([]WebhookResult, error) {
	sig := ""
	if s.opts.Secret != "" {
		sig = Sign(s.opts.Secret, frame)
	}
	results := make([]WebhookResult, len(s.opts.URLs))
	var wg sync.WaitGroup
	for i, u := range s.opts.URLs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = s.post(ctx, u, frame, sig)
		}()
	}
	wg.Wait()
	var errs []error
	for _, r := range results {
		if r.Err != nil {
			errs = append(errs, r.Err)
			if s.opts.OnError != nil {
				s.opts.OnError(r.URL, r.Err)
			}
		}
	}
	return results, errors.Join(errs...)
}

func (s *WebhookSender) post(ctx context.Context, u string, frame []byte, sig string) WebhookResult {
	res := WebhookResult{URL: u}
	for attempt := 0; ; attempt++ {
		code, body, err := s.attempt(ctx, u, frame, sig)
		res.StatusCode, res.Body, res.Err = code, body, err
		if err == nil {
			return res
		}
		res.Err = fmt.Errorf("transport: webhook %s: %w", u, err)
		if attempt+1 >= s.opts.MaxAttempts || ctx.Err() != nil || !retryable(code) {
			return res
		}
		if s.opts.Backoff.Wait(ctx, attempt) != nil {
			return res
		}
	}
}

func retryable(code int) bool {
	return code == 0 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500
}

func (s *WebhookSender) attempt(ctx context.Context, u string, frame []byte, sig string) (int, []byte, error) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return 0, nil, ctx.Err()
	}
	defer func() { <-s.sem }()
	if s.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.opts.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(frame))
	if err != nil {
		return 0, nil, err
	}
	for k, v := range s.opts.Header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	if s.opts.Token != "" {
		req.Header.Set("Authorization", "Bearer "+s.opts.Token)
	}
	if sig != "" {
		req.Header.Set(SignatureHeader, sig)
	}
	if s.opts.SelfID != "" {
		req.Header.Set("X-Self-ID", s.opts.SelfID)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, tooLarge, rerr := readLimited(resp.Body, s.opts.MaxResponseBytes, resp.ContentLength)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, nil, &StatusError{StatusCode: resp.StatusCode, Status: resp.Status, Body: body}
	}
	if tooLarge {
		return resp.StatusCode, nil, fmt.Errorf("reply body exceeds %d bytes: %w", s.opts.MaxResponseBytes, ErrTooLarge)
	}
	if rerr != nil {
		return resp.StatusCode, nil, fmt.Errorf("reading reply: %w", rerr)
	}
	return resp.StatusCode, body, nil
}
