package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// DefaultMaxResponseBytes is the default limit on an HTTP response body or a
// WebSocket / SSE frame: 64 MiB.
const DefaultMaxResponseBytes = 64 << 20

// HTTPOptions configures an [HTTPCaller]. The zero value is usable.
type HTTPOptions struct {
	// Token, when set, is sent as "Authorization: Bearer <Token>".
	Token string
	// Client performs the requests; nil means http.DefaultClient.
	Client *http.Client
	// MaxResponseBytes caps a response body (default
	// DefaultMaxResponseBytes). A larger 2xx body fails with an error
	// wrapping ErrTooLarge; a larger error body is cut at the limit in
	// StatusError.Body.
	MaxResponseBytes int64
	// Header holds extra headers added to every request.
	Header http.Header
}

// HTTPCaller is a [Caller] over HTTP POST. It is safe for concurrent use.
type HTTPCaller struct {
	prefix string // base URL + path up to and including the final '/'
	token  string
	client *http.Client
	limit  int64
	header http.Header
}

var _ Caller = (*HTTPCaller)(nil)

// NewHTTPCaller returns a Caller with the OneBot 11 path shape: each call is
// POST {base}/{action}. base may carry a path prefix
// ("http://127.0.0.1:3000/onebot"). o may be nil.
func NewHTTPCaller(base string, o *HTTPOptions) (*HTTPCaller, error) {
	return newHTTPCaller(base, "", o)
}

// NewMilkyHTTPCaller returns a Caller with the Milky path shape: each call is
// POST {base}/api/{name}. base may carry a path prefix
// ("http://127.0.0.1:3000/milky"). o may be nil.
func NewMilkyHTTPCaller(base string, o *HTTPOptions) (*HTTPCaller, error) {
	return newHTTPCaller(base, "api/", o)
}

func newHTTPCaller(base, sub string, o *HTTPOptions) (*HTTPCaller, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("transport: bad base URL %q: %w", base, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("transport: base URL %q: scheme must be http or https", base)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("transport: base URL %q must not carry a query or fragment", base)
	}
	if o == nil {
		o = &HTTPOptions{}
	}
	c := &HTTPCaller{
		prefix: strings.TrimRight(u.String(), "/") + "/" + sub,
		token:  o.Token,
		client: o.Client,
		limit:  o.MaxResponseBytes,
		header: o.Header.Clone(),
	}
	if c.client == nil {
		c.client = http.DefaultClient
	}
	if c.limit <= 0 {
		c.limit = DefaultMaxResponseBytes
	}
	return c, nil
}

// URL returns the URL a call of action is posted to.
func (c *HTTPCaller) URL(action string) string {
	return c.prefix + url.PathEscape(action)
}

var emptyObject = []byte("{}")

// Call posts params (JSON; nil sends {}) to the action's URL and returns the
// response body of a 2xx answer. Any other status is a *[StatusError]
// holding the body, whatever its content type (OneBot implementations answer
// unknown actions with 404 and a JSON envelope the protocol layer reads).
// A 2xx body above the size limit fails with an error wrapping ErrTooLarge.
func (c *HTTPCaller) Call(ctx context.Context, action string, params []byte) ([]byte, error) {
	if action == "" {
		return nil, errors.New("transport: empty action name")
	}
	if params == nil {
		params = emptyObject
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL(action), bytes.NewReader(params))
	if err != nil {
		return nil, fmt.Errorf("transport: %s: %w", action, err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("transport: %s: %w", action, err)
	}
	defer resp.Body.Close()
	body, tooLarge, err := readLimited(resp.Body, c.limit, resp.ContentLength)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// An error body is informative only: keep what fits.
		return nil, &StatusError{StatusCode: resp.StatusCode, Status: resp.Status, Body: body}
	}
	if tooLarge {
		return nil, fmt.Errorf("transport: %s: response body exceeds %d bytes: %w", action, c.limit, ErrTooLarge)
	}
	if err != nil {
		return nil, fmt.Errorf("transport: %s: reading response: %w", action, err)
	}
	return body, nil
}

var readBufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readLimited reads r up to limit bytes into a fresh, exactly sized slice.
// tooLarge reports that more than limit bytes were available (body then
// holds the first limit bytes). hint is the declared length (-1 when
// unknown): a body of that length is read straight into its final slice.
func readLimited(r io.Reader, limit, hint int64) (body []byte, tooLarge bool, err error) {
	if hint >= 0 && hint <= limit {
		body = make([]byte, hint)
		n, err := io.ReadFull(r, body)
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return body[:n], false, err
		}
		// Read on to EOF, so that an HTTP connection can be reused, and
		// notice a body longer than declared.
		var probe [1]byte
		for {
			m, perr := r.Read(probe[:])
			if m > 0 {
				// Longer than declared (not from net/http, which enforces
				// Content-Length): read on within the limit.
				if hint == limit {
					return body, true, nil
				}
				rest, tooLarge, err := readLimited(r, limit-hint-1, -1)
				return append(append(body, probe[0]), rest...), tooLarge, err
			}
			if perr == io.EOF {
				return body, false, nil
			}
			if perr != nil {
				return body, false, perr
			}
		}
	}
	// Unknown length, or declared too large (not read past the limit, but a
	// prefix is kept for error bodies).
	buf := readBufPool.Get().(*bytes.Buffer)
	buf.Reset()
	_, err = buf.ReadFrom(io.LimitReader(r, limit+1))
	body = bytes.Clone(buf.Bytes())
	if buf.Cap() <= 1<<20 {
		readBufPool.Put(buf)
	}
	if int64(len(body)) > limit {
		return body[:limit], true, err
	}
	return body, false, err
}
