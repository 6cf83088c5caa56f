package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/transport"
)

const callHelp = `Params are one JSON object, or key=value pairs. A value that reads as
JSON (a number, true, false, null, "a string", [..] or {..}) is that JSON
value; anything else is a string. Quote to force a string: user_id='"10001"'.

The protocol, when neither --protocol nor ` + envProtocol + ` says, is the one
that has ACTION (send_group_msg is OneBot 11, send_group_message Milky); for
a name both have (get_login_info), see below.

With a ws:// URL, OneBot 11 calls go over the forward WebSocket.

` + connHelp + `

Exit status: 0 when the implementation answered ok, 1 when it refused the
call or could not be reached, 2 on bad usage.

Examples:
  duobot call get_login_info
  duobot call send_group_msg group_id=30001 message='[{"type":"text","data":{"text":"hi"}}]'
  duobot call send_group_message '{"group_id":30001,"message":[{"type":"text","data":{"text":"hi"}}]}'
  duobot call --protocol milky --url http://127.0.0.1:3000 get_login_info
  DUOBOT_ONEBOT11_URL=ws://127.0.0.1:5700/ duobot call get_group_list`

func runCall(ctx context.Context, env *cmdEnv, args []string) int {
	fs := newFlagSet(env, "call", "[flags] ACTION [JSON | key=value ...]", callHelp)
	var cf connFlags
	cf.register(fs)
	timeout := fs.Duration("timeout", 30*time.Second, "give up after this long (0: no limit)")
	if code, ok := parseFlags(env, fs, args); !ok {
		return code
	}
	if len(fs.args) < 1 {
		return usageError(env, fs, "call: missing ACTION")
	}
	action := fs.args[0]
	params, err := parseParams(fs.args[1:])
	if err != nil {
		return usageError(env, fs, "call: %v", err)
	}
	proto, base, token, err := cf.resolve(env, action)
	if err != nil {
		return usageError(env, fs, "call: %v", err)
	}
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	var data json.RawMessage
	switch proto {
	case protoMilky:
		data, err = callMilky(ctx, base, token, action, params)
	default:
		data, err = callOneBot11(ctx, base, token, action, params)
	}
	if err != nil {
		env.errorf("%s", describeCallError(proto, action, err))
		return exitFailed
	}
	fmt.Fprintln(env.stdout, prettyJSON(data))
	return exitOK
}

// parseParams turns the arguments after the action into a JSON object.
func parseParams(args []string) (json.RawMessage, error) {
	if len(args) == 0 {
		return json.RawMessage("{}"), nil
	}
	if len(args) == 1 && strings.HasPrefix(strings.TrimSpace(args[0]), "{") {
		doc := []byte(strings.TrimSpace(args[0]))
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(doc, &obj); err != nil {
			return nil, fmt.Errorf("params are not a JSON object: %w", err)
		}
		return doc, nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	seen := map[string]bool{}
	for i, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("param %q is not key=value (or pass one JSON object)", a)
		}
		if seen[k] {
			return nil, fmt.Errorf("param %q given twice", k)
		}
		seen[k] = true
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		b.Write(inferValue(v))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// inferValue returns v as JSON: itself when it is a JSON value, else a
// JSON string.
func inferValue(v string) []byte {
	t := strings.TrimSpace(v)
	if t != "" && json.Valid([]byte(t)) {
		return []byte(t)
	}
	s, _ := json.Marshal(v)
	return s
}

func callOneBot11(ctx context.Context, base, token, action string, params json.RawMessage) (json.RawMessage, error) {
	if strings.HasPrefix(base, "ws://") || strings.HasPrefix(base, "wss://") {
		// One call: a failed dial fails it at once instead of retrying
		// until the timeout.
		var cancel context.CancelCauseFunc
		ctx, cancel = context.WithCancelCause(ctx)
		defer cancel(nil)
		ws, err := transport.NewWSClient(base, &transport.WSOptions{Token: token, OnDialError: func(err error) { cancel(err) }})
		if err != nil {
			return nil, err
		}
		defer ws.Close()
		data, err := onebot11.NewClient(ws).CallRaw(ctx, action, params)
		if err != nil && ctx.Err() != nil {
			if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, ctx.Err()) {
				return nil, cause
			}
		}
		return data, err
	}
	hc, err := transport.NewHTTPCaller(base, &transport.HTTPOptions{Token: token})
	if err != nil {
		return nil, err
	}
	return onebot11.NewClient(hc).CallRaw(ctx, action, params)
}

func callMilky(ctx context.Context, base, token, api string, params json.RawMessage) (json.RawMessage, error) {
	base = httpScheme(base)
	hc, err := transport.NewMilkyHTTPCaller(base, &transport.HTTPOptions{Token: token})
	if err != nil {
		return nil, err
	}
	var data json.RawMessage
	if err := milky.NewClient(hc).Call(ctx, api, params, &data); err != nil {
		return nil, err
	}
	return data, nil
}

// httpScheme turns ws:// and wss:// into http:// and https://.
func httpScheme(u string) string {
	switch {
	case strings.HasPrefix(u, "ws://"):
		return "http://" + strings.TrimPrefix(u, "ws://")
	case strings.HasPrefix(u, "wss://"):
		return "https://" + strings.TrimPrefix(u, "wss://")
	}
	return u
}

// wsScheme turns http:// and https:// into ws:// and wss://.
func wsScheme(u string) string {
	switch {
	case strings.HasPrefix(u, "http://"):
		return "ws://" + strings.TrimPrefix(u, "http://")
	case strings.HasPrefix(u, "https://"):
		return "wss://" + strings.TrimPrefix(u, "https://")
	}
	return u
}

// prettyJSON indents data; no data prints as null.
func prettyJSON(data json.RawMessage) string {
	if len(bytes.TrimSpace(data)) == 0 {
		return "null"
	}
	var b bytes.Buffer
	if err := json.Indent(&b, data, "", "  "); err != nil {
		return string(data)
	}
	return b.String()
}

// describeCallError renders a failed call for people.
func describeCallError(proto, action string, err error) string {
	var obErr *onebot11.APIError
	var mkErr *milky.APIError
	switch {
	case errors.As(err, &obErr):
		s := fmt.Sprintf("%s failed: retcode %d", action, obErr.Retcode)
		if obErr.Status != "" {
			s += " (status " + obErr.Status + ")"
		}
		if obErr.HTTPStatus != 0 {
			s += fmt.Sprintf(", HTTP %d", obErr.HTTPStatus)
		}
		if obErr.Message != "" {
			s += ": " + obErr.Message
		}
		if obErr.Wording != "" && obErr.Wording != obErr.Message {
			s += " (" + obErr.Wording + ")"
		}
		return s
	case errors.As(err, &mkErr):
		s := fmt.Sprintf("%s failed", action)
		if mkErr.HTTPStatus != 0 {
			s += fmt.Sprintf(": HTTP %d", mkErr.HTTPStatus)
		} else {
			s += fmt.Sprintf(": retcode %d", mkErr.Retcode)
		}
		if mkErr.Message != "" {
			s += ": " + mkErr.Message
		}
		return s
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%s (%s): no answer in time: %v", action, proto, err)
	}
	return fmt.Sprintf("%s (%s): %v", action, proto, err)
}
