package milkyschema

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	code := m.Run()
	Close()
	if code == 0 {
		// The harness starts no goroutines; prove it.
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// milky12APIs is the list of Milky 1.2 APIs (notes/milky.md §1.5), in the package's order.
var milky12APIs = []string{
	"get_login_info", "get_impl_info", "get_user_profile", "get_friend_list", "get_friend_info",
	"get_group_list", "get_group_info", "get_group_member_list", "get_group_member_info",
	"get_peer_pins", "set_peer_pin", "set_avatar", "set_nickname", "set_bio",
	"get_custom_face_url_list", "get_cookies", "get_csrf_token",
	"send_private_message", "send_group_message", "recall_private_message", "recall_group_message",
	"get_message", "get_history_messages", "get_resource_temp_url", "get_forwarded_messages",
	"mark_message_as_read",
	"send_friend_nudge", "send_profile_like", "delete_friend", "get_friend_requests",
	"accept_friend_request", "reject_friend_request",
	"set_group_name", "set_group_avatar", "set_group_member_card", "set_group_member_special_title",
	"set_group_member_admin", "set_group_member_mute", "set_group_whole_mute", "kick_group_member",
	"get_group_announcements", "send_group_announcement", "delete_group_announcement",
	"get_group_essence_messages", "set_group_essence_message", "quit_group",
	"send_group_message_reaction", "send_group_nudge", "get_group_notifications",
	"accept_group_request", "reject_group_request", "accept_group_invitation", "reject_group_invitation",
	"upload_private_file", "upload_group_file", "get_private_file_download_url",
	"get_group_file_download_url", "get_group_files", "move_group_file", "rename_group_file",
	"delete_group_file", "create_group_folder", "rename_group_folder", "delete_group_folder",
}

// A group message_receive event shaped as in notes/milky.md §1.6–1.8.
const groupMessageEvent = `{
  "time": 1732500000,
  "self_id": 721011692,
  "event_type": "message_receive",
  "data": {
    "message_scene": "group",
    "peer_id": 123456789,
    "message_seq": 4021,
    "sender_id": 987654321,
    "time": 1732500000,
    "segments": [
      {"type": "reply", "data": {"message_seq": 4019, "sender_id": 55555555, "time": 1732499990,
        "segments": [{"type": "text", "data": {"text": "earlier"}}]}},
      {"type": "mention", "data": {"user_id": 721011692, "name": "bot"}},
      {"type": "text", "data": {"text": " hello "}},
      {"type": "face", "data": {"face_id": "14", "is_large": false}},
      {"type": "image", "data": {"resource_id": "res-1", "temp_url": "https://example.invalid/i.png",
        "width": 640, "height": 480, "summary": "[图片]", "sub_type": "normal"}}
    ],
    "group": {
      "group_id": 123456789, "group_name": "duobot testers", "member_count": 42,
      "max_member_count": 500, "remark": "", "created_time": 1600000000,
      "description": "", "question": "", "announcement": ""
    },
    "group_member": {
      "user_id": 987654321, "nickname": "alice", "sex": "female", "group_id": 123456789,
      "card": "Alice", "title": "", "level": 12, "role": "member",
      "join_time": 1650000000, "last_sent_time": 1732500000
    }
  }
}`

// mutate decodes doc, applies edit and re-encodes it.
func mutate(t *testing.T, doc string, edit func(m map[string]any)) []byte {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m))
	edit(m)
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}

func obj(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

func shared(t *testing.T) *Validator {
	t.Helper()
	return sharedFor(t)
}

// requireSchemaError asserts err is a *SchemaError whose issues mention every fragment.
func requireSchemaError(t *testing.T, err error, fragments ...string) {
	t.Helper()
	require.Error(t, err)
	se, ok := errors.AsType[*SchemaError](err)
	require.Truef(t, ok, "want *SchemaError, got %T: %v", err, err)
	for _, f := range fragments {
		assert.Contains(t, se.Issues, f)
	}
}

func TestListHasExactlyTheMilky12APIs(t *testing.T) {
	assert.Equal(t, milky12APIs, APIs(t))

	names, err := shared(t).Schemas(t.Context())
	require.NoError(t, err)
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	for _, api := range milky12APIs {
		assert.Truef(t, set[APIInput(api)], "missing %s", APIInput(api))
		assert.Truef(t, set[APIOutput(api)], "missing %s", APIOutput(api))
	}
	for _, n := range []string{
		SchemaEvent, SchemaIncomingSegment, SchemaOutgoingSegment,
		"Event", "IncomingSegment", "OutgoingSegment", "IncomingMessage", "GroupMemberEntity",
		"FriendEntity", "GroupNotification", "OutgoingForwardedMessage", "GroupNudgeEvent",
		"SendGroupMessageInput", "SendGroupMessageOutput",
	} {
		assert.Truef(t, set[n], "missing %s", n)
	}
	apiNames := 0
	for _, n := range names {
		if strings.HasPrefix(n, "api_input:") || strings.HasPrefix(n, "api_output:") {
			apiNames++
		}
	}
	assert.Equal(t, 2*len(milky12APIs), apiNames, "no api_* names beyond the 64 APIs")
}

func TestEventGroupMessageReceive(t *testing.T) {
	v := shared(t)
	ctx := t.Context()
	valid := []byte(groupMessageEvent)
	require.NoError(t, v.Validate(ctx, SchemaEvent, valid))
	require.NoError(t, v.ValidateStrict(ctx, SchemaEvent, valid))
	require.NoError(t, v.Validate(ctx, "IncomingGroupMessage", mutate(t, groupMessageEvent,
		func(m map[string]any) {
			for k, val := range obj(m, "data") {
				m[k] = val
			}
			delete(m, "data")
			delete(m, "event_type")
			delete(m, "self_id")
		})))

	cases := []struct {
		name      string
		edit      func(m map[string]any)
		fragments []string
	}{
		{"peer_id as string", func(m map[string]any) { obj(m, "data")["peer_id"] = "123456789" },
			[]string{"at data.peer_id", "expected number, received string"}},
		{"missing group_member", func(m map[string]any) { delete(obj(m, "data"), "group_member") },
			[]string{"at data.group_member", "expected object"}},
		{"self_id below 10001", func(m map[string]any) { m["self_id"] = 10000 },
			[]string{"at self_id", ">=10001"}},
		{"unknown event_type", func(m map[string]any) { m["event_type"] = "message_receieve" },
			[]string{"at event_type", "message_receive"}},
		{"bad member role", func(m map[string]any) { obj(obj(m, "data"), "group_member")["role"] = "boss" },
			[]string{"at data.group_member.role"}},
		{"missing time", func(m map[string]any) { delete(m, "time") },
			[]string{"at time"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := mutate(t, groupMessageEvent, tc.edit)
			requireSchemaError(t, v.Validate(t.Context(), SchemaEvent, doc), tc.fragments...)
		})
	}
}

// The package's IncomingSegment has .catch(): a malformed segment inside an event still
// parses. Only the strict mode notices that the schema replaced it.
func TestMalformedIncomingSegmentOnlyCaughtByStrict(t *testing.T) {
	v := shared(t)
	doc := mutate(t, groupMessageEvent, func(m map[string]any) {
		segs := obj(m, "data")["segments"].([]any)
		img := segs[4].(map[string]any)
		delete(obj(img, "data"), "resource_id")
	})
	require.NoError(t, v.Validate(t.Context(), SchemaEvent, doc))
	err := v.ValidateStrict(t.Context(), SchemaEvent, doc)
	requireSchemaError(t, err, "at data.segments[4].type", `"image" replaced by "text"`)

	out, err := v.Parse(t.Context(), SchemaEvent, doc)
	require.NoError(t, err)
	assert.Contains(t, string(out), `{"type":"text","data":{"text":"[unknown]"}}`)
}

func TestUnknownKeysStrippedUnlessStrict(t *testing.T) {
	v := shared(t)
	doc := mutate(t, groupMessageEvent, func(m map[string]any) {
		obj(m, "data")["future_field"] = 1
	})
	require.NoError(t, v.Validate(t.Context(), SchemaEvent, doc))
	requireSchemaError(t, v.ValidateStrict(t.Context(), SchemaEvent, doc),
		"at data.future_field: key not in the schema (stripped)")
}

func TestOutgoingSegment(t *testing.T) {
	v := shared(t)
	ctx := t.Context()
	for _, doc := range []string{
		`{"type":"text","data":{"text":"hi"}}`,
		`{"type":"mention","data":{"user_id":987654321}}`,
		`{"type":"mention_all","data":{}}`,
		`{"type":"reply","data":{"message_seq":4021}}`,
		`{"type":"image","data":{"uri":"base64://aGk=","sub_type":"sticker","summary":"[动画表情]"}}`,
		`{"type":"forward","data":{"messages":[{"user_id":987654321,"sender_name":"alice",
			"segments":[{"type":"text","data":{"text":"nested"}}]}],"title":"chat"}}`,
	} {
		assert.NoError(t, v.ValidateStrict(ctx, SchemaOutgoingSegment, []byte(doc)), doc)
	}

	requireSchemaError(t, v.Validate(ctx, SchemaOutgoingSegment,
		[]byte(`{"type":"image","data":{"summary":"x"}}`)), "at data.uri", "expected string")
	requireSchemaError(t, v.Validate(ctx, SchemaOutgoingSegment,
		[]byte(`{"type":"file","data":{"file_id":"f"}}`)), "at type", "Invalid discriminator")
	requireSchemaError(t, v.Validate(ctx, SchemaOutgoingSegment,
		[]byte(`{"type":"mention","data":{"user_id":"987654321"}}`)), "at data.user_id", "expected number")
	// The incoming shape of a mention is not an outgoing one: "name" is unknown there.
	requireSchemaError(t, v.ValidateStrict(ctx, SchemaOutgoingSegment,
		[]byte(`{"type":"mention","data":{"user_id":987654321,"name":"alice"}}`)), "at data.name")
}

func TestAPIInputSendGroupMessage(t *testing.T) {
	v := shared(t)
	ctx := t.Context()
	schema := APIInput("send_group_message")
	valid := `{"group_id":123456789,"message":[{"type":"text","data":{"text":"hi"}},
		{"type":"image","data":{"uri":"https://example.invalid/a.png"}}]}`
	require.NoError(t, v.ValidateStrict(ctx, schema, []byte(valid)))
	// The export name and the convenience name are the same schema.
	require.NoError(t, v.ValidateStrict(ctx, "SendGroupMessageInput", []byte(valid)))

	requireSchemaError(t, v.Validate(ctx, schema, []byte(`{"group_id":"123456789","message":[]}`)),
		"at group_id", "expected number, received string")
	requireSchemaError(t, v.Validate(ctx, schema, []byte(`{"group_id":123456789}`)),
		"at message", "expected array")
	requireSchemaError(t, v.Validate(ctx, schema,
		[]byte(`{"group_id":123456789,"message":[{"type":"text","data":{"txt":"hi"}}]}`)),
		"at message[0].data.text")
	requireSchemaError(t, v.ValidateStrict(ctx, schema,
		[]byte(`{"group_id":123456789,"message":[],"auto_escape":true}`)), "at auto_escape")
}

func TestAPIInputWithoutRequestSchemaMustBeEmpty(t *testing.T) {
	v := shared(t)
	require.NoError(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte(`{}`)))
	requireSchemaError(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte(`{"no_cache":true}`)),
		"no_cache")
	requireSchemaError(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte(`null`)),
		"expected object")
}

func TestAPIOutput(t *testing.T) {
	v := shared(t)
	ctx := t.Context()
	require.NoError(t, v.ValidateStrict(ctx, APIOutput("send_group_message"),
		[]byte(`{"message_seq":4022,"time":1732500001}`)))
	requireSchemaError(t, v.Validate(ctx, APIOutput("send_group_message"), []byte(`{"message_seq":4022}`)),
		"at time")
	requireSchemaError(t, v.Validate(ctx, APIOutput("send_group_message"),
		[]byte(`{"message_seq":-1,"time":1732500001}`)), "at message_seq")

	member := obj(obj(decode(t, groupMessageEvent), "data"), "group_member")
	out, err := json.Marshal(map[string]any{"member": member})
	require.NoError(t, err)
	require.NoError(t, v.ValidateStrict(ctx, APIOutput("get_group_member_info"), out))
	delete(member, "role")
	out, err = json.Marshal(map[string]any{"member": member})
	require.NoError(t, err)
	requireSchemaError(t, v.Validate(ctx, APIOutput("get_group_member_info"), out), "at member.role")

	// No response schema: data is {} (extra keys tolerated), never a non-object.
	require.NoError(t, v.Validate(ctx, APIOutput("set_group_name"), []byte(`{}`)))
	requireSchemaError(t, v.Validate(ctx, APIOutput("set_group_name"), []byte(`[]`)), "expected object")
}

func decode(t *testing.T, doc string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(doc), &m))
	return m
}

func TestParseAppliesDefaults(t *testing.T) {
	v := shared(t)
	out, err := v.Parse(t.Context(), APIInput("get_friend_list"), []byte(`{}`))
	require.NoError(t, err)
	assert.JSONEq(t, `{"no_cache":false}`, string(out))
	out, err = v.Parse(t.Context(), APIInput("send_group_message_reaction"),
		[]byte(`{"group_id":123456789,"message_seq":1,"reaction":"76","is_add":null}`))
	require.NoError(t, err)
	assert.JSONEq(t, `{"group_id":123456789,"message_seq":1,"reaction":"76","reaction_type":"face","is_add":true}`,
		string(out))
}

func TestRequestErrorsAreNotSchemaErrors(t *testing.T) {
	v := shared(t)
	err := v.Validate(t.Context(), "api_input:send_msg", []byte(`{}`))
	require.Error(t, err)
	_, isSchema := errors.AsType[*SchemaError](err)
	assert.False(t, isSchema, "unknown schema is a usage error: %v", err)
	assert.Contains(t, err.Error(), `unknown schema "api_input:send_msg"`)

	err = v.Validate(t.Context(), SchemaEvent, []byte(`{"time":`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not valid JSON")

	// Multi-line documents are compacted onto one protocol line; the process stays in sync.
	require.NoError(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte("{\n}\n")))
	require.NoError(t, v.Validate(t.Context(), SchemaEvent, []byte(groupMessageEvent)))
}

func TestConcurrentUse(t *testing.T) {
	v := shared(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8*25)
	for g := range 8 {
		wg.Go(func() {
			for i := range 25 {
				seq := g*100 + i
				good := fmt.Appendf(nil, `{"message_seq":%d,"time":1}`, seq)
				if err := v.Validate(t.Context(), APIOutput("send_private_message"), good); err != nil {
					errs <- err
				}
				bad := fmt.Appendf(nil, `{"message_seq":"%d","time":1}`, seq)
				if _, ok := errors.AsType[*SchemaError](v.Validate(t.Context(), APIOutput("send_private_message"), bad)); !ok {
					errs <- fmt.Errorf("bad document %s accepted", bad)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestCancelledContext(t *testing.T) {
	v := shared(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := v.Validate(ctx, SchemaEvent, []byte(groupMessageEvent))
	require.ErrorIs(t, err, context.Canceled)
	// Nothing was sent: the shared process is still usable.
	require.NoError(t, v.Validate(t.Context(), SchemaEvent, []byte(groupMessageEvent)))
}

func TestPrivateValidatorCloseAndCrash(t *testing.T) {
	v, err := Start(t.Context())
	if err != nil {
		unavailable(t, err)
	}
	require.NoError(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte(`{}`)))
	require.NoError(t, v.Close())
	require.NoError(t, v.Close())
	require.ErrorIs(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte(`{}`)), ErrClosed)

	v, err = Start(t.Context())
	require.NoError(t, err)
	require.NoError(t, v.cmd.Process.Kill())
	err = v.Validate(t.Context(), APIInput("get_login_info"), []byte(`{}`))
	require.ErrorIs(t, err, ErrClosed)
	assert.Contains(t, err.Error(), "node exited")
	require.ErrorIs(t, v.Validate(t.Context(), APIInput("get_login_info"), []byte(`{}`)), ErrClosed)
	require.NoError(t, v.Close())
}

func TestUnavailableDetection(t *testing.T) {
	dir, err := Dir()
	require.NoError(t, err)
	script, err := os.ReadFile(filepath.Join(dir, "validate.mjs"))
	require.NoError(t, err)
	empty := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(empty, "validate.mjs"), script, 0o644))

	_, err = startIn(t.Context(), empty)
	require.ErrorIs(t, err, ErrUnavailable)
	assert.Contains(t, err.Error(), "make deps")

	t.Setenv("PATH", "")
	_, err = Start(t.Context())
	require.ErrorIs(t, err, ErrUnavailable)
	assert.Contains(t, err.Error(), "node not found")
}

// A node_modules holding another version of the package is refused, not used.
func TestWrongPackageVersionRefused(t *testing.T) {
	dir, err := Dir()
	require.NoError(t, err)
	shared(t) // needs node and node_modules (skips, or fails under CI, without them)
	fake := t.TempDir()
	script, err := os.ReadFile(filepath.Join(dir, "validate.mjs"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(fake, "validate.mjs"), script, 0o644))
	pkg := filepath.Join(fake, "node_modules", "@saltify", "milky-types")
	require.NoError(t, os.MkdirAll(pkg, 0o755))
	require.NoError(t, os.Symlink(filepath.Join(dir, "node_modules", "zod"), filepath.Join(fake, "node_modules", "zod")))
	require.NoError(t, os.WriteFile(filepath.Join(pkg, "package.json"),
		[]byte(`{"name":"@saltify/milky-types","version":"9.9.9","type":"module","exports":"./index.mjs"}`), 0o644))
	real := filepath.ToSlash(filepath.Join(dir, "node_modules", "@saltify", "milky-types", "dist", "index.mjs"))
	require.NoError(t, os.WriteFile(filepath.Join(pkg, "index.mjs"),
		[]byte("export * from 'file://"+real+"';\nexport const milkyPackageVersion = '9.9.9';\n"), 0o644))

	_, err = startIn(t.Context(), fake)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrUnavailable)
	assert.Contains(t, err.Error(), "holds @saltify/milky-types 9.9.9, want 1.2.2")
}

// recorder is a testing.TB that records failures; Fatal and Skip end its goroutine.
type recorder struct {
	testing.TB
	mu      sync.Mutex
	errs    []string
	fatal   string
	skipped string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatal = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}
func (r *recorder) Skip(args ...any) {
	r.mu.Lock()
	r.skipped = fmt.Sprint(args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r
}

func TestCheckHelpers(t *testing.T) {
	shared(t) // skip here, not in the recorder, when node is unavailable

	r := record(t, func(tb testing.TB) { Check(tb, SchemaEvent, []byte(groupMessageEvent)) })
	assert.Empty(t, r.errs)
	assert.Empty(t, r.fatal)

	bad := mutate(t, groupMessageEvent, func(m map[string]any) { obj(m, "data")["peer_id"] = "x" })
	r = record(t, func(tb testing.TB) { Check(tb, SchemaEvent, bad) })
	require.Len(t, r.errs, 1)
	assert.Contains(t, r.errs[0], "value does not match event")
	assert.Contains(t, r.errs[0], "at data.peer_id: Invalid input: expected number, received string")
	assert.Contains(t, r.errs[0], `document: {"data":`)

	withExtra := []byte(`{"group_id":123456789,"message":[],"extra":1}`)
	r = record(t, func(tb testing.TB) { Check(tb, APIInput("send_group_message"), withExtra) })
	assert.Empty(t, r.errs)
	r = record(t, func(tb testing.TB) { CheckStrict(tb, APIInput("send_group_message"), withExtra) })
	require.Len(t, r.errs, 1)
	assert.Contains(t, r.errs[0], "at extra: key not in the schema")

	r = record(t, func(tb testing.TB) { Check(tb, "no_such_schema", []byte(`{}`)) })
	assert.Contains(t, r.fatal, `unknown schema "no_such_schema"`)
}

func TestUnavailableSkipsLocallyFailsInCI(t *testing.T) {
	missing := fmt.Errorf("%w (node not found)", ErrUnavailable)

	t.Setenv("CI", "")
	r := record(t, func(tb testing.TB) { unavailable(tb, missing) })
	assert.Contains(t, r.skipped, "run `make deps`")
	assert.Empty(t, r.fatal)

	t.Setenv("CI", "true")
	r = record(t, func(tb testing.TB) { unavailable(tb, missing) })
	assert.Empty(t, r.skipped)
	assert.Contains(t, r.fatal, "run `make deps`")

	t.Setenv("CI", "")
	r = record(t, func(tb testing.TB) { unavailable(tb, errors.New("node crashed")) })
	assert.Empty(t, r.skipped, "only a missing install is skipped")
	assert.Equal(t, "node crashed", r.fatal)
}

func TestExcerpt(t *testing.T) {
	long := bytes.Repeat([]byte("a"), 1000)
	assert.Len(t, excerpt(long), 603)
	assert.Equal(t, "{}", excerpt([]byte("{}")))
}

// A validator process that stops answering: the call returns when its context ends, and
// the validator is shut down rather than left out of step with the stream.
func TestContextEndsBlockedCall(t *testing.T) {
	shared(t) // needs node
	dir := t.TempDir()
	// Announces itself, then reads requests and never answers.
	hang := `process.stdout.write(JSON.stringify({ready: true, package_version: "` + PackageVersion + `"}) + "\n");
process.stdin.resume();
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "validate.mjs"), []byte(hang), 0o644))
	for _, pkg := range []string{"@saltify/milky-types", "zod"} {
		p := filepath.Join(dir, "node_modules", filepath.FromSlash(pkg))
		require.NoError(t, os.MkdirAll(p, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(p, "package.json"), []byte(`{}`), 0o644))
	}
	v, err := startIn(t.Context(), dir)
	require.NoError(t, err)
	defer v.Close()

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = v.Validate(ctx, SchemaEvent, []byte(`{}`))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second)
	require.ErrorIs(t, v.Validate(t.Context(), SchemaEvent, []byte(`{}`)), ErrClosed)
}
