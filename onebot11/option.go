package onebot11

import (
	"log/slog"
	"time"
)

// Option configures a Client.
type Option func(*Client)

// WithLogger makes the client log each call (action, duration, outcome) at
// debug level, and failures at warn level, to l. Without it the client logs
// nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) { c.logger = l }
}

// WithCallTimeout bounds every call by d when the caller's context has no
// deadline of its own. A context with a deadline is used as it is. d <= 0
// (the default) adds no bound.
func WithCallTimeout(d time.Duration) Option {
	return func(c *Client) { c.callTimeout = d }
}
