package onebot11

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/duobot/duobot/internal/golden"
)

// FuzzReadParams feeds the HTTP API's params reader arbitrary query
// strings, bodies and Content-Types: it never panics; it either refuses
// with a 4xx status and an error, or gives one JSON object in which every
// member of a JSON body keeps its value (the body wins over the query and
// the form), every other query or form key is present, and access_token
// is not.
func FuzzReadParams(f *testing.F) {
	for _, s := range []struct{ query, ct, body string }{
		{"group_id=1&message=hi", "", ""},
		{"access_token=t&group_id=1", "application/json", `{"message":[{"type":"text","data":{"text":"x"}}],"group_id":"2"}`},
		{"message=%5B%7B%22type%22%3A%22face%22%7D%5D&a=1&a=2", "application/x-www-form-urlencoded", "b=%7B%7D&c=x&c=y&a=3"},
		{"", "text/json; charset=utf-8", ` {"a":{"b":[1,2]},"a":null} `},
		{"x=%zz", "application/problem+json", `{"\u0061":1}`},
		{"", "text/plain", "a=1"},
		{"", "application/json", "[1]"},
		{"k=", "multipart/form-data; boundary=", "--"},
		{"%80", "0", " "}, // a key that is not UTF-8
	} {
		f.Add(s.query, s.ct, s.body)
	}
	s, err := NewServer(NewServeMux(), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, query, ct, body string) {
		query = strings.Map(func(r rune) rune { // keep the request line valid
			if r <= ' ' || r == '#' || r == 0x7f {
				return -1
			}
			return r
		}, query)
		if _, err := url.ParseRequestURI("/send_msg?" + query); err != nil {
			return // httptest.NewRequest would panic
		}
		r := httptest.NewRequest(http.MethodPost, "/send_msg?"+query, strings.NewReader(body))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		w := httptest.NewRecorder()
		out, status, err := s.readParams(w, r)
		if err != nil || status != 0 {
			if err == nil || status < 400 || status > 499 {
				t.Fatalf("status %d with error %v", status, err)
			}
			return
		}
		var got map[string]json.RawMessage
		if err := json.Unmarshal(out, &got); err != nil || got == nil {
			t.Fatalf("params %q are not a JSON object: %v", out, err)
		}
		if _, ok := got["access_token"]; ok && !bytes.Contains([]byte(body), []byte("access_token")) {
			t.Fatalf("access_token passed on: %s", out)
		}
		var fromBody map[string]json.RawMessage
		mt, _, _ := mime.ParseMediaType(ct)
		jsonType := ct == "" || mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
		if tb := bytes.TrimSpace([]byte(body)); jsonType && len(tb) > 0 && tb[0] == '{' && json.Unmarshal(tb, &fromBody) == nil && !segHasDuplicateKeysOrBadUTF8(body) {
			for k, v := range fromBody {
				if !golden.SameJSON(got[k], v) {
					t.Fatalf("body member %q = %s became %s", k, v, got[k])
				}
			}
		}
		q, _ := url.ParseQuery(r.URL.RawQuery)
		for k := range q {
			// A key that is not UTF-8 is written with U+FFFD, as
			// encoding/json does (JSON has no other form for it).
			if _, ok := got[k]; !ok && k != "access_token" && utf8.ValidString(k) {
				t.Fatalf("query key %q lost: %s", k, out)
			}
		}
	})
}
