package transport_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/duobot/duobot/transport"
)

// authCase is one row of the auth matrix every server is tested with.
type authCase struct {
	name    string
	prepare func(r *http.Request)
	want    int // HTTP status for OneBot rules (0 = accepted)
	milky   int // HTTP status for Milky rules
}

const testToken = "s3cr3t"

var authMatrix = []authCase{
	{"bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+testToken) }, 0, 0},
	{"bearer lowercase", func(r *http.Request) { r.Header.Set("Authorization", "bearer "+testToken) }, 0, 0},
	{"token", func(r *http.Request) { r.Header.Set("Authorization", "Token "+testToken) }, 0, 0},
	{"query", func(r *http.Request) { setQuery(r, testToken) }, 0, 0},
	{"missing", func(r *http.Request) {}, 401, 401},
	{"unknown scheme", func(r *http.Request) { r.Header.Set("Authorization", "Basic "+testToken) }, 401, 401},
	{"wrong bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer nope") }, 403, 401},
	{"wrong query", func(r *http.Request) { setQuery(r, "nope") }, 403, 401},
	{"wrong prefix", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+testToken[:3]) }, 403, 401},
}

func setQuery(r *http.Request, tok string) {
	q := r.URL.Query()
	q.Set("access_token", tok)
	r.URL.RawQuery = q.Encode()
}

func TestAuthenticate(t *testing.T) {
	for _, tc := range authMatrix {
		r := httptest.NewRequest("GET", "/x", nil)
		tc.prepare(r)
		for _, mode := range []struct {
			o    transport.AuthOptions
			want int
		}{{transport.AuthOptions{}, tc.want}, {transport.AuthOptions{WrongTokenIs401: true}, tc.milky}} {
			err := transport.AuthenticateWith(r, testToken, mode.o)
			switch mode.want {
			case 0:
				if err != nil {
					t.Errorf("%s %+v: %v", tc.name, mode.o, err)
				}
			case 401:
				if !errors.Is(err, transport.ErrUnauthorized) || errors.Is(err, transport.ErrForbidden) {
					t.Errorf("%s %+v: %v, want 401", tc.name, mode.o, err)
				}
			case 403:
				if !errors.Is(err, transport.ErrForbidden) || errors.Is(err, transport.ErrUnauthorized) {
					t.Errorf("%s %+v: %v, want 403", tc.name, mode.o, err)
				}
			}
		}
		if err := transport.Authenticate(r, ""); err != nil {
			t.Errorf("%s: empty token must accept: %v", tc.name, err)
		}
	}
}

// checkAuthMatrix runs the auth matrix against a live server: do sends a
// request prepared by the case and returns the status (0 = accepted).
func checkAuthMatrix(t *testing.T, milky bool, do func(prepare func(*http.Request)) int) {
	t.Helper()
	for _, tc := range authMatrix {
		want := tc.want
		if milky {
			want = tc.milky
		}
		if got := do(tc.prepare); got != want {
			t.Errorf("auth %s (milky=%v): status %d, want %d", tc.name, milky, got, want)
		}
	}
}

func TestRequireToken(t *testing.T) {
	for _, milky := range []bool{false, true} {
		h := transport.RequireToken(testToken, transport.AuthOptions{WrongTokenIs401: milky})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(299)
		}))
		srv := httptest.NewServer(h)
		checkAuthMatrix(t, milky, func(prepare func(*http.Request)) int {
			req, _ := http.NewRequest("GET", srv.URL+"/x", nil)
			prepare(req)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == 401 && resp.Header.Get("WWW-Authenticate") != "Bearer" {
				t.Errorf("401 without WWW-Authenticate")
			}
			if resp.StatusCode == 299 {
				return 0
			}
			return resp.StatusCode
		})
		srv.Close()
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"a": 1,  "b":"é"}`)
	sig := transport.Sign("key", body)
	// Known value computed independently (python hmac.new(b"key", body, "sha1")).
	if want := "sha1=67d31728e55dbea08b4cb17963c6da5bdc7199c3"; sig != want {
		t.Fatalf("Sign = %s, want %s", sig, want)
	}
	r := httptest.NewRequest("POST", "/", nil)
	if err := transport.VerifySignature(r, "key", body); !errors.Is(err, transport.ErrUnauthorized) {
		t.Errorf("missing: %v", err)
	}
	r.Header.Set("X-Signature", sig)
	if err := transport.VerifySignature(r, "key", body); err != nil {
		t.Errorf("good: %v", err)
	}
	if err := transport.VerifySignature(r, "key", []byte(`{"a":1,"b":"é"}`)); !errors.Is(err, transport.ErrForbidden) {
		t.Errorf("re-encoded body must not verify: %v", err)
	}
	r.Header.Set("X-Signature", "sha1=00")
	if err := transport.VerifySignature(r, "key", body); !errors.Is(err, transport.ErrForbidden) {
		t.Errorf("wrong: %v", err)
	}
}
