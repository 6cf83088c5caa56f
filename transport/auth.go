package transport

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
)

// AuthOptions tunes how a server side checks access tokens.
type AuthOptions struct {
	// WrongTokenIs401 answers a wrong token with 401 like a missing one
	// (Milky). The default answers a wrong token with 403 (OneBot 11).
	WrongTokenIs401 bool
}

// AuthError is the result of a failed token check. It matches
// [ErrUnauthorized] (StatusCode 401) or [ErrForbidden] (StatusCode 403)
// with errors.Is.
type AuthError struct {
	// StatusCode is the HTTP status to answer with: 401 or 403.
	StatusCode int
	// Missing is true when the request carried no token at all.
	Missing bool
}

// Error describes whether the token was missing or wrong.
func (e *AuthError) Error() string {
	if e.Missing {
		return "transport: access token missing"
	}
	return "transport: access token wrong"
}

// Is matches the sentinel for the error's status code.
func (e *AuthError) Is(target error) bool {
	switch e.StatusCode {
	case http.StatusUnauthorized:
		return target == ErrUnauthorized
	case http.StatusForbidden:
		return target == ErrForbidden
	}
	return false
}

// TokenFromRequest extracts the access token of r: from the Authorization
// header with the scheme "Bearer" or "Token" (case-insensitive), else from
// the access_token query parameter. ok is false when neither is present.
func TokenFromRequest(r *http.Request) (token string, ok bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, rest, found := strings.Cut(strings.TrimSpace(h), " ")
		if found && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Token")) {
			return strings.TrimSpace(rest), true
		}
	}
	if r.URL != nil {
		if q := r.URL.Query(); q.Has("access_token") {
			return q.Get("access_token"), true
		}
	}
	return "", false
}

// Authenticate checks r against token with the OneBot 11 rules: an empty
// token accepts every request; a missing token is a 401 and a wrong one a
// 403, both as *[AuthError]. The comparison takes constant time.
func Authenticate(r *http.Request, token string) error {
	return AuthenticateWith(r, token, AuthOptions{})
}

// AuthenticateWith is [Authenticate] with options (e.g. Milky's "wrong token
// is 401 too").
func AuthenticateWith(r *http.Request, token string, o AuthOptions) error {
	if token == "" {
		return nil
	}
	got, ok := TokenFromRequest(r)
	if !ok {
		return &AuthError{StatusCode: http.StatusUnauthorized, Missing: true}
	}
	if !equalConstantTime(got, token) {
		if o.WrongTokenIs401 {
			return &AuthError{StatusCode: http.StatusUnauthorized}
		}
		return &AuthError{StatusCode: http.StatusForbidden}
	}
	return nil
}

// equalConstantTime compares a and b without leaking where they differ or
// their lengths (both are hashed first).
func equalConstantTime(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// RequireToken returns middleware that rejects requests failing
// [AuthenticateWith] with the error's status (401 with a
// "WWW-Authenticate: Bearer" header, or 403) and an empty body. An empty
// token lets every request through.
func RequireToken(token string, o AuthOptions) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := AuthenticateWith(r, token, o); err != nil {
				WriteAuthError(w, err)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// WriteAuthError answers a request that failed [AuthenticateWith] or
// [VerifySignature]: the *AuthError's status (401 with
// "WWW-Authenticate: Bearer", or 403) and an empty body; 500 for any other
// error.
func WriteAuthError(w http.ResponseWriter, err error) {
	code := http.StatusInternalServerError
	var ae *AuthError
	if errors.As(err, &ae) {
		code = ae.StatusCode
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", "Bearer")
	}
	w.WriteHeader(code)
}

// SignatureHeader is the header carrying the HMAC-SHA1 signature of a
// webhook body ("sha1=<hex>").
const SignatureHeader = "X-Signature"

// Sign returns the X-Signature value for body: "sha1=" followed by the hex
// HMAC-SHA1 of the raw body bytes keyed with secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write(body)
	return "sha1=" + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature checks the X-Signature header of r against the raw body:
// a missing header is a 401, a wrong one a 403 (as *[AuthError]). An empty
// secret accepts everything. The comparison takes constant time.
func VerifySignature(r *http.Request, secret string, body []byte) error {
	if secret == "" {
		return nil
	}
	got := r.Header.Get(SignatureHeader)
	if got == "" {
		return &AuthError{StatusCode: http.StatusUnauthorized, Missing: true}
	}
	want := Sign(secret, body)
	if len(got) != len(want) || !hmac.Equal([]byte(strings.ToLower(got)), []byte(want)) {
		return &AuthError{StatusCode: http.StatusForbidden}
	}
	return nil
}
