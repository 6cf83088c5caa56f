package onebot11

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/duobot/duobot/internal/jsonx"
	"github.com/duobot/duobot/transport"
)

// serveAPI serves one HTTP API request for action ("" for a POST to / whose
// JSON body names the action).
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, action string) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		writeReply(w, reply{httpStatus: http.StatusMethodNotAllowed, status: "failed", retcode: RetcodeBadRequest,
			message: "method not allowed", wording: "method not allowed"})
		return
	}
	if err := transport.Authenticate(r, s.o.AccessToken); err != nil {
		transport.WriteAuthError(w, err)
		return
	}
	params, status, err := s.readParams(w, r)
	if err != nil {
		rep := failure(&ParamsError{Action: action, Err: err})
		rep.httpStatus = status
		writeReply(w, rep)
		return
	}
	if action == "" {
		if r.Method == http.MethodGet {
			writeReply(w, failure(unknownAction("")))
			return
		}
		req, err := parseRequestFrame(params)
		if err != nil || req.action == "" {
			if err == nil {
				err = errors.New(`no "action"`)
			}
			writeReply(w, failure(&ParamsError{Action: action, Err: err}))
			return
		}
		action, params = req.action, req.params
	}
	ctx := context.WithValue(r.Context(), requestInfoKey{}, &RequestInfo{Transport: TransportHTTP, RemoteAddr: r.RemoteAddr, Header: r.Header})
	writeReply(w, s.do(ctx, action, params))
}

func writeReply(w http.ResponseWriter, rep reply) {
	body := encodeEnvelope(rep, nil)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(rep.httpStatus)
	w.Write(body)
}

// readParams returns the params object of an HTTP API request: the query
// string, then an urlencoded form body, then a JSON object body, merged (a
// later source wins for the same key). On failure it returns the HTTP status
// to answer with: 400 (malformed), 406 (Content-Type), 413 (too large).
func (s *Server) readParams(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	query := r.URL.Query()
	query.Del("access_token")
	var body []byte
	if r.Body != nil && r.Method == http.MethodPost {
		b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.o.MaxBodyBytes))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("body larger than %d bytes", mbe.Limit)
			}
			return nil, http.StatusBadRequest, fmt.Errorf("reading the body: %w", err)
		}
		body = b
	}
	var form url.Values
	var jsonBody []byte
	if len(bytes.TrimSpace(body)) > 0 {
		ct := r.Header.Get("Content-Type")
		mt := ""
		if ct != "" {
			var err error
			if mt, _, err = mime.ParseMediaType(ct); err != nil {
				return nil, http.StatusNotAcceptable, fmt.Errorf("Content-Type %q: %w", ct, err)
			}
		}
		switch {
		case mt == "" || mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json"):
			jsonBody = bytes.TrimSpace(body)
			if jsonBody[0] != '{' || !jsonx.Valid(jsonBody) {
				return nil, http.StatusBadRequest, errors.New("the body is not a JSON object")
			}
		case mt == "application/x-www-form-urlencoded":
			f, err := url.ParseQuery(string(body))
			if err != nil {
				return nil, http.StatusBadRequest, fmt.Errorf("form body: %w", err)
			}
			form = f
		default:
			return nil, http.StatusNotAcceptable, fmt.Errorf("unsupported Content-Type %q", ct)
		}
	}
	if len(query) == 0 && len(form) == 0 {
		if jsonBody == nil {
			return emptyObject, 0, nil
		}
		return jsonBody, 0, nil
	}
	merged := map[string][]byte{}
	addValues(merged, query)
	addValues(merged, form)
	if jsonBody != nil {
		rd := jsonx.NewReader(jsonBody)
		if err := rd.BeginObject(); err != nil {
			return nil, http.StatusBadRequest, err
		}
		for {
			k, more, err := rd.NextKey()
			if err != nil {
				return nil, http.StatusBadRequest, err
			}
			if !more {
				break
			}
			key := string(k)
			v, err := rd.Raw()
			if err != nil {
				return nil, http.StatusBadRequest, err
			}
			merged[key] = v
		}
	}
	keys := make([]string, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	wr := jsonx.GetWriter()
	defer jsonx.PutWriter(wr)
	m := wr.Mark()
	for _, k := range keys {
		wr.Byte(',')
		wr.String(k)
		wr.Byte(':')
		wr.RawTrusted(merged[k])
	}
	wr.EndObject(m)
	out, err := wr.Result()
	if err != nil {
		return nil, http.StatusBadRequest, err
	}
	return bytes.Clone(out), 0, nil
}

// addValues adds query or form values as JSON: a value that is a JSON object
// or array is taken as such (go-cqhttp's rule, so message=[{"type":...}]
// works), any other value as a string, which the typed params decoders
// coerce to numbers and booleans. A key given several times becomes an
// array.
func addValues(dst map[string][]byte, vs url.Values) {
	for k, list := range vs {
		if len(list) == 1 {
			dst[k] = formValue(list[0])
			continue
		}
		b := []byte{'['}
		for i, v := range list {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, formValue(v)...)
		}
		dst[k] = append(b, ']')
	}
}

func formValue(v string) []byte {
	if t := strings.TrimSpace(v); t != "" && (t[0] == '{' || t[0] == '[') && jsonx.Valid([]byte(t)) {
		return []byte(t)
	}
	return appendJSONString(nil, v)
}

// requestFrame is a WebSocket request frame (or go-cqhttp's POST / body).
type requestFrame struct {
	action string
	params []byte
	echo   []byte
}

// parseRequestFrame reads {"action", "params", "echo"}; unknown members are
// ignored. On error, whatever was read (the echo, for the failed response)
// is returned too.
func parseRequestFrame(frame []byte) (requestFrame, error) {
	var req requestFrame
	var badAction error
	rd := jsonx.NewReader(frame)
	if err := rd.BeginObject(); err != nil {
		return req, err
	}
	for {
		k, more, err := rd.NextKey()
		if err != nil {
			return req, err
		}
		if !more {
			break
		}
		switch string(k) {
		case "action":
			if rd.Kind() != jsonx.String {
				// Keep reading: the error answer still carries the echo.
				badAction = fmt.Errorf(`"action" is %v, not a string`, rd.Kind())
				err = rd.Skip()
				break
			}
			req.action, err = rd.String()
		case "params":
			req.params, err = rd.Raw()
		case "echo":
			req.echo, err = rd.Raw()
		default:
			err = rd.Skip()
		}
		if err != nil {
			return req, err
		}
	}
	if err := rd.End(); err != nil {
		return req, err
	}
	if isNull(req.params) {
		req.params = nil
	}
	if badAction != nil {
		return req, badAction
	}
	if req.action == "" {
		return req, errors.New(`request without "action"`)
	}
	return req, nil
}
