package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// syncBuffer is a bytes.Buffer safe for the command's goroutines and the
// test reading it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// cleanEnv clears the variables the commands read.
func cleanEnv(t *testing.T) {
	for _, k := range []string{envProtocol, envOneBot11URL, envMilkyURL, envToken, envOneBot11Token, envMilkyToken} {
		t.Setenv(k, "")
	}
}

// runCmd runs the program in-process with args and stdin.
func runCmd(t *testing.T, ctx context.Context, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb syncBuffer
	code = run(ctx, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestDemoGolden(t *testing.T) {
	cleanEnv(t)
	start := time.Now()
	code, out, errOut := runCmd(t, testCtx(t), "", "demo")
	if code != exitOK {
		t.Fatalf("demo exit %d, stderr:\n%s", code, errOut)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("demo took %v", d)
	}
	path := golden.Path("cmd", "demo.golden.txt")
	if golden.Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 creates it)", err)
	}
	if out != string(want) {
		t.Errorf("demo transcript differs from %s:\n--- got\n%s--- want\n%s", path, out, want)
	}
	// The transcript shows every scripted behaviour.
	for _, s := range []string{"(self): hello from OneBot 11", "(self): pong", "friend added: Eve", "recall group 30001 #7", "muted for 10m0s by 10086001", "demo finished."} {
		if !strings.Contains(out, s) {
			t.Errorf("transcript lacks %q", s)
		}
	}
}

// The demo is deterministic: a second run prints the same transcript.
func TestDemoDeterministic(t *testing.T) {
	cleanEnv(t)
	_, a, _ := runCmd(t, testCtx(t), "", "demo")
	_, b, _ := runCmd(t, testCtx(t), "", "demo")
	if a != b || a == "" {
		t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
	}
}

func TestCallOneBot11(t *testing.T) {
	cleanEnv(t)
	inst := simtest.Start(t, simtest.Options{Token: "tok"})
	ctx := testCtx(t)
	t.Setenv(envOneBot11URL, inst.OneBot11URL())
	t.Setenv(envToken, "tok")

	code, out, errOut := runCmd(t, ctx, "", "call", "get_login_info")
	if code != exitOK {
		t.Fatalf("get_login_info exit %d: %s", code, errOut)
	}
	var login struct {
		UserID   int64  `json:"user_id"`
		Nickname string `json:"nickname"`
	}
	if err := json.Unmarshal([]byte(out), &login); err != nil || login.UserID != sim.DefaultSelfID {
		t.Fatalf("get_login_info output %q (%v)", out, err)
	}
	if !strings.Contains(out, "\n  \"") {
		t.Errorf("output is not indented: %q", out)
	}

	// key=value with inference: a number and a string.
	code, out, errOut = runCmd(t, ctx, "", "call", "send_group_msg", "group_id=30001", "message=hello from the shell")
	if code != exitOK {
		t.Fatalf("send_group_msg exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "message_id") {
		t.Errorf("send_group_msg output %q", out)
	}
	page, err := inst.World().History(sim.HistoryQuery{Scene: sim.SceneGroup, Peer: sim.DemoGroupDev, Limit: 1})
	if err != nil || len(page.Messages) != 1 || sim.PlainText(page.Messages[0].Content) != "hello from the shell" {
		t.Fatalf("world history after send_group_msg: %+v %v", page, err)
	}

	// Over the forward WebSocket, JSON params.
	code, _, errOut = runCmd(t, ctx, "", "call", "--url", inst.OneBot11WSURL(), "get_group_info", `{"group_id":30001}`)
	if code != exitOK {
		t.Fatalf("get_group_info over ws exit %d: %s", code, errOut)
	}

	// Failures: the implementation refuses, the action does not exist, the
	// token is wrong.
	code, _, errOut = runCmd(t, ctx, "", "call", "send_group_msg", "group_id=99999", "message=x")
	if code != exitFailed || !strings.Contains(errOut, "send_group_msg failed: retcode 100") || !strings.Contains(errOut, "not found") {
		t.Errorf("refused call: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, ctx, "", "call", "no_such_action")
	if code != exitFailed || !strings.Contains(errOut, "retcode 1404") {
		t.Errorf("unknown action: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, ctx, "", "call", "get_login_info", "--token", "wrong")
	if code != exitFailed || !strings.Contains(errOut, "1403") {
		t.Errorf("wrong token: exit %d, stderr %q", code, errOut)
	}
}

func TestCallMilky(t *testing.T) {
	cleanEnv(t)
	inst := simtest.Start(t)
	ctx := testCtx(t)
	// The URL is only in the Milky variable: get_login_info (both
	// protocols have it) goes to Milky.
	t.Setenv(envMilkyURL, inst.MilkyURL())
	code, out, errOut := runCmd(t, ctx, "", "call", "get_login_info")
	if code != exitOK || !strings.Contains(out, `"uin": 10086001`) {
		t.Fatalf("milky get_login_info exit %d out %q err %q", code, out, errOut)
	}
	// A Milky-only name picks Milky even with --url given.
	code, out, errOut = runCmd(t, ctx, "", "call", "--url", inst.MilkyURL(), "send_group_message",
		`{"group_id":30001,"message":[{"type":"text","data":{"text":"hi from milky"}}]}`)
	if code != exitOK || !strings.Contains(out, "message_seq") {
		t.Fatalf("send_group_message exit %d out %q err %q", code, out, errOut)
	}
	code, out, errOut = runCmd(t, ctx, "", "call", "get_group_member_info", "group_id=30001", "--protocol", "milky", "user_id=20001", "no_cache=true")
	if code != exitOK || !strings.Contains(out, `"user_id": 20001`) {
		t.Fatalf("get_group_member_info exit %d out %q err %q", code, out, errOut)
	}
	code, _, errOut = runCmd(t, ctx, "", "call", "get_group_info", "group_id=42424")
	if code != exitFailed || !strings.Contains(errOut, "get_group_info failed: retcode -404") {
		t.Errorf("refused milky call: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, ctx, "", "call", "--protocol", "milky", "no_such_api")
	if code != exitFailed || !strings.Contains(errOut, "HTTP 404") {
		t.Errorf("unknown milky api: exit %d, stderr %q", code, errOut)
	}
}

func TestCallUsage(t *testing.T) {
	cleanEnv(t)
	ctx := testCtx(t)
	for _, args := range [][]string{
		{"call"},
		{"call", "--bogus", "x"},
		{"call", "get_login_info", "notkeyvalue"},
		{"call", "get_login_info", "a=1", "a=2"},
		{"call", "get_login_info", "{not json"},
		{"call", "get_login_info", "--", "--url"},
		{"call", "get_login_info", "--nope"},
		{"call", "--protocol", "xmpp", "get_login_info"},
		{"call", "--url", "ftp://x", "get_login_info"},
		{"events", "--transport", "pigeon"},
		{"events", "extra"},
		{"bridge", "--upstream-protocol", "xmpp"},
		{"bridge", "--log-level", "loud"},
		{"bridge", "extra"},
		{"nosuchcommand"},
		{},
	} {
		code, _, errOut := runCmd(t, ctx, "", args...)
		if code != exitUsage || errOut == "" {
			t.Errorf("%q: exit %d stderr %q, want 2 and a message", args, code, errOut)
		}
	}
}

func TestParseParams(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, `{}`},
		{[]string{`{"a": [1, 2]}`}, `{"a":[1,2]}`},
		{[]string{"group_id=30001", "approve=true", "x=null", "neg=-5", "f=1.5"}, `{"group_id":30001,"approve":true,"x":null,"neg":-5,"f":1.5}`},
		{[]string{"text=hello world", "empty=", "q=\"123\"", "eq=a=b"}, `{"text":"hello world","empty":"","q":"123","eq":"a=b"}`},
		{[]string{`message=[{"type":"text","data":{"text":"hi"}}]`, `o={"k":1}`}, `{"message":[{"type":"text","data":{"text":"hi"}}],"o":{"k":1}}`},
		{[]string{"id=12345678901234567890"}, `{"id":12345678901234567890}`},
		{[]string{"t=True"}, `{"t":"True"}`},
	} {
		got, err := parseParams(tc.args)
		if err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		if !golden.SameJSON(got, []byte(tc.want)) {
			t.Errorf("%q: got %s, want %s", tc.args, got, tc.want)
		}
	}
}

func TestInferProtocol(t *testing.T) {
	env := func(vars map[string]string) *cmdEnv {
		return &cmdEnv{getenv: func(k string) string { return vars[k] }}
	}
	for _, tc := range []struct {
		action string
		vars   map[string]string
		want   string
	}{
		{"send_group_msg", nil, protoOneBot11},
		{"send_group_msg_async", nil, protoOneBot11},
		{"send_group_message", nil, protoMilky},
		{"get_login_info", nil, protoOneBot11},
		{"get_login_info", map[string]string{envMilkyURL: "http://m"}, protoMilky},
		{"get_login_info", map[string]string{envMilkyURL: "http://m", envOneBot11URL: "http://o"}, protoOneBot11},
		{"send_group_message", map[string]string{envOneBot11URL: "http://o"}, protoMilky},
		{"", map[string]string{envMilkyURL: "http://m"}, protoMilky},
	} {
		if got := inferProtocol(env(tc.vars), tc.action); got != tc.want {
			t.Errorf("%q %v: %s, want %s", tc.action, tc.vars, got, tc.want)
		}
	}
}

// waitFor polls cond until it holds or the test's time runs out.
func waitFor(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func TestEventsJSON(t *testing.T) {
	cleanEnv(t)
	for _, tc := range []struct {
		name, proto, transport string
		subscribers            func(inst *sim.Instance) int
		wantKey                string
	}{
		{"onebot11-sse", "onebot11", "sse", func(i *sim.Instance) int { return i.OneBot11Server().Stats().SSESubscribers }, `"post_type":"message"`},
		{"onebot11-ws", "onebot11", "ws", func(i *sim.Instance) int { return i.OneBot11Server().Stats().WebSockets }, `"post_type":"message"`},
		{"onebot11-auto", "onebot11", "auto", func(i *sim.Instance) int { return i.OneBot11Server().Stats().WebSockets }, `"post_type":"message"`},
		{"milky-ws", "milky", "ws", func(i *sim.Instance) int { return i.MilkyServer().Stats().WebSocketSubscribers }, `"event_type":"message_receive"`},
		{"milky-auto", "milky", "auto", func(i *sim.Instance) int { return i.MilkyServer().Stats().WebSocketSubscribers }, `"event_type":"message_receive"`},
		{"milky-ws-endpoint", "milky", "ws", func(i *sim.Instance) int { return i.MilkyServer().Stats().WebSocketSubscribers }, `"event_type":"message_receive"`},
		{"milky-sse", "milky", "sse", func(i *sim.Instance) int { return i.MilkyServer().Stats().SSESubscribers }, `"event_type":"message_receive"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst := simtest.Start(t)
			ctx := testCtx(t)
			url := inst.OneBot11URL()
			if tc.proto == "milky" {
				url = inst.MilkyURL()
			}
			if strings.HasSuffix(tc.name, "-endpoint") {
				url = inst.MilkyEventURL() // the endpoint itself, not the base
			}
			var out, errb syncBuffer
			done := make(chan int, 1)
			count := "1"
			if tc.transport != "sse" && tc.proto == "onebot11" {
				count = "2" // the lifecycle connect event comes first
			}
			go func() {
				done <- run(ctx, []string{"events", "--protocol", tc.proto, "--url", url, "--transport", tc.transport, "--json", "--count", count}, strings.NewReader(""), &out, &errb)
			}()
			waitFor(t, ctx, "the event subscriber", func() bool { return tc.subscribers(inst) > 0 })
			if count == "2" {
				// auto may open a probe connection first: the lifecycle
				// event on the output shows the real one is subscribed.
				waitFor(t, ctx, "the lifecycle event", func() bool { return strings.Contains(out.String(), `"lifecycle"`) })
			}
			if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "scripted event"}}); err != nil {
				t.Fatal(err)
			}
			select {
			case code := <-done:
				if code != exitOK {
					t.Fatalf("exit %d, stderr %s", code, errb.String())
				}
			case <-ctx.Done():
				t.Fatal("events did not exit after --count events")
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			last := lines[len(lines)-1]
			if !json.Valid([]byte(last)) || !strings.Contains(last, tc.wantKey) || !strings.Contains(last, "scripted event") {
				t.Errorf("last line %q", last)
			}
		})
	}
}

func TestEventsReadable(t *testing.T) {
	cleanEnv(t)
	inst := simtest.Start(t)
	ctx := testCtx(t)
	for _, tc := range []struct {
		proto, url string
		subs       func() int
		want       string
	}{
		{"onebot11", inst.OneBot11URL(), func() int { return inst.OneBot11Server().Stats().SSESubscribers }, "message.group.normal group=30001 user=20001 msg="},
		{"milky", inst.MilkyURL(), func() int { return inst.MilkyServer().Stats().SSESubscribers }, "message_receive scene=group peer=30001 sender=20001 seq="},
	} {
		var out, errb syncBuffer
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"events", "--protocol", tc.proto, "--url", tc.url, "--transport", "sse", "--count", "1"}, strings.NewReader(""), &out, &errb)
		}()
		waitFor(t, ctx, "the SSE subscriber", func() bool { return tc.subs() > 0 })
		if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "hi "}, sim.Mention{UserID: sim.DemoBob}}); err != nil {
			t.Fatal(err)
		}
		if code := <-done; code != exitOK {
			t.Fatalf("%s: exit %d, stderr %s", tc.proto, code, errb.String())
		}
		line := strings.TrimSpace(out.String())
		if !strings.Contains(line, tc.want) || !strings.HasSuffix(line, ": hi @20002") {
			t.Errorf("%s line %q, want %q ... \": hi @20002\"", tc.proto, line, tc.want)
		}
		waitFor(t, ctx, "the subscriber to leave", func() bool { return tc.subs() == 0 })
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// events --transport webhook receives what the simulator posts, for both
// protocols (OneBot 11 signed with a secret, Milky with a Bearer token).
func TestEventsWebhook(t *testing.T) {
	cleanEnv(t)
	ctx := testCtx(t)
	obHook, mkHook := freeAddr(t), freeAddr(t)
	start := func(args ...string) (chan int, *syncBuffer, *syncBuffer) {
		var out, errb syncBuffer
		done := make(chan int, 1)
		go func() { done <- run(ctx, args, strings.NewReader(""), &out, &errb) }()
		return done, &out, &errb
	}
	// The receivers listen first, so that the simulator's own listeners
	// (any free port) cannot take their addresses.
	obDone, obOut, obErr := start("events", "--protocol", "onebot11", "--transport", "webhook", "--listen", obHook, "--token", "tok", "--secret", "sig", "--count", "1")
	mkDone, mkOut, mkErr := start("events", "--protocol", "milky", "--transport", "webhook", "--listen", mkHook, "--token", "tok", "--count", "1", "--json")
	waitFor(t, ctx, "the webhook listeners", func() bool {
		return strings.Contains(obErr.String(), "listening") && strings.Contains(mkErr.String(), "listening")
	})
	inst := simtest.Start(t, simtest.Options{Start: &sim.StartOptions{
		SeedDemo: true,
		Token:    "tok",
		OneBot11: &onebot11.ServerOptions{WebhookURLs: []string{"http://" + obHook + "/"}, Secret: "sig"},
		Milky:    &milky.ServerOptions{WebhookURLs: []string{"http://" + mkHook + "/"}},
	}})
	if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoBob, []sim.Element{sim.Text{Text: "via webhook"}}); err != nil {
		t.Fatal(err)
	}
	if code := <-obDone; code != exitOK {
		t.Fatalf("onebot11 webhook: exit %d: %s", code, obErr.String())
	}
	if code := <-mkDone; code != exitOK {
		t.Fatalf("milky webhook: exit %d: %s", code, mkErr.String())
	}
	if got := obOut.String(); !strings.Contains(got, "message.group.normal group=30001 user=20002") || !strings.Contains(got, ": via webhook") {
		t.Errorf("onebot11 webhook line %q", got)
	}
	if got := mkOut.String(); !strings.Contains(got, `"event_type":"message_receive"`) || !strings.Contains(got, "via webhook") {
		t.Errorf("milky webhook line %q", got)
	}
}

func TestSimScripted(t *testing.T) {
	cleanEnv(t)
	stdin := "help\nsay 30001 20001 hello @20002 and @all\nfriend-request 20004 let me in\nbogus\nsay 30001 notanumber hi\nnudge 30001 20002\nquit\nsay 30001 20001 after quit\n"
	code, out, errOut := runCmd(t, testCtx(t), stdin, "sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{
		"OneBot 11  HTTP http://127.0.0.1:",
		"Milky      HTTP http://127.0.0.1:",
		"bot: duobot (10086001)",
		`group 30001 "`,
		"say GROUP USER TEXT",
		"group 30001 #1 Alice(20001): hello @Bob and @all",
		`friend request from 20004 (`,
		`"let me in"`,
		`error: unknown command "bogus"`,
		`error: usage: say GROUP USER TEXT ("notanumber" is not a number)`,
		"group 30001: 20002 ",
		" 10086001",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "after quit") {
		t.Error("a command after quit ran")
	}
}

// With stdin closed the simulator keeps serving until its context ends.
func TestSimStdinClosed(t *testing.T) {
	cleanEnv(t)
	ctx, cancel := context.WithCancel(testCtx(t))
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0", "--empty"}, strings.NewReader(""), &out, &errb)
	}()
	waitFor(t, testCtx(t), "stdin closed notice", func() bool { return strings.Contains(errb.String(), "stdin closed") })
	select {
	case code := <-done:
		t.Fatalf("sim exited (%d) when stdin closed", code)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d after cancel, stderr %s", code, errb.String())
	}
}

func TestHelp(t *testing.T) {
	cleanEnv(t)
	ctx := testCtx(t)
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {"help", c.name}} {
			code, out, _ := runCmd(t, ctx, "", args...)
			if code != exitOK {
				t.Errorf("%q: exit %d", args, code)
			}
			if !strings.HasPrefix(out, "Usage: duobot "+c.name+" ") || !strings.Contains(out, "Examples:") || !strings.Contains(out, "Flags:") {
				t.Errorf("%q: help output:\n%s", args, out)
			}
		}
	}
	code, out, _ := runCmd(t, ctx, "", "help")
	if code != exitOK || !strings.Contains(out, "Commands:") || !strings.Contains(out, "demo") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	for _, c := range []string{"call", "events"} {
		_, out, _ := runCmd(t, ctx, "", c, "-h")
		for _, v := range []string{envOneBot11URL, envMilkyURL, envToken} {
			if !strings.Contains(out, v) {
				t.Errorf("%s -h does not mention %s", c, v)
			}
		}
	}
}

// --milky-webhook and --onebot11-webhook make the simulator post events.
func TestSimWebhookFlags(t *testing.T) {
	cleanEnv(t)
	got := make(chan string, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- r.Header.Get("X-Signature") + " " + string(b)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()
	ctx := testCtx(t)
	simCtx, stop := context.WithCancel(ctx)
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(simCtx, []string{"sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0",
			"--milky-webhook", hook.URL + "/milky", "--onebot11-webhook", hook.URL + "/ob11", "--secret", "sig"},
			strings.NewReader("say 30001 20001 posted\n"), &out, &errb)
	}()
	var milkySeen, obSeen bool
	for !milkySeen || !obSeen {
		select {
		case s := <-got:
			milkySeen = milkySeen || strings.Contains(s, `"event_type":"message_receive"`) && strings.Contains(s, "posted")
			obSeen = obSeen || strings.HasPrefix(s, "sha1=") && strings.Contains(s, `"post_type":"message"`) && strings.Contains(s, "posted")
		case <-ctx.Done():
			t.Fatalf("webhook posts: milky %v onebot11 %v", milkySeen, obSeen)
		}
	}
	stop()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}

// An implementation that cannot be reached fails the call (exit 1) at
// once, over HTTP and WebSocket alike.
func TestCallUnreachable(t *testing.T) {
	cleanEnv(t)
	addr := freeAddr(t) // nothing listens there now
	for _, url := range []string{"http://" + addr, "ws://" + addr + "/"} {
		code, _, errOut := runCmd(t, testCtx(t), "", "call", "--url", url, "--timeout", "15s", "get_login_info")
		if code != exitFailed || !strings.Contains(errOut, "connection refused") {
			t.Errorf("%s: exit %d, stderr %q", url, code, errOut)
		}
	}
}

// Every prompt command acts on the world and its event is printed.
func TestSimCommands(t *testing.T) {
	cleanEnv(t)
	stdin := strings.Join([]string{
		"pm 20001 hi bot",
		"pm 20005 not a friend",
		"join-request 30001 20005 please",
		"join 30002 20003",
		"leave 30002 20003",
		"say 30001 20003 oops",
		"recall 30001 1",
		"recall 30001 99",
		"mute 30001 20001 20004 60",
		"mute 30001 20004 20001 60",
		"invite 30002 20005",
		"like 20002 3",
		"nudge 30001 20002 20001",
		"world",
		"",
		"exit",
	}, "\n") + "\n"
	code, out, errOut := runCmd(t, testCtx(t), stdin, "sim", "--onebot11", "127.0.0.1:0", "--milky", "127.0.0.1:0", "--token", "tk")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		`access token required: "tk"`,
		"friend 20001 #1 Alice(20001): hi bot",
		"error: ", // pm to a non-friend
		`join request #`, `to group 30001 from 20005: "please"`,
		"group 30002: 20003 joined",
		"group 30002: 20003 left (leave)",
		"group 30001 #1 carol (qa)(20003): oops",
		"recall group 30001 #1 (sent by 20003) by 20003",
		"group 30001: 20004 muted for 1m0s by 20001",
		"error: sim: permission denied",
		"error: sim: invalid argument: the bot is already in group 30002",
		"liked the bot 3 time(s)",
		"group 30001: 20002 ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Count(out, "bot: duobot (10086001)") != 2 {
		t.Errorf("world printed %d times, want 2 (start and the world command)", strings.Count(out, "bot: duobot (10086001)"))
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestSimContent(t *testing.T) {
	got := content("hi @20001 and @all @x done")
	want := []sim.Element{sim.Text{Text: "hi "}, sim.Mention{UserID: 20001}, sim.Text{Text: " and "}, sim.MentionAll{}, sim.Text{Text: " @x done"}}
	if len(got) != len(want) {
		t.Fatalf("content: %#v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("element %d: %#v, want %#v", i, got[i], want[i])
		}
	}
	if r := restOf("say  30001\t20001   hello  world ", 3); r != "hello  world " {
		t.Errorf("restOf: %q", r)
	}
}

// duobot bridge with the embedded simulator serves OneBot 11 until
// interrupted, then shuts down cleanly.
func TestBridgeEmbedded(t *testing.T) {
	cleanEnv(t)
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"bridge", "--listen", "127.0.0.1:0", "--token", "bt", "--log-level", "warn"}, strings.NewReader(""), &out, &errb)
	}()
	waitFor(t, testCtx(t), "the bridge banner", func() bool { return strings.Contains(out.String(), "Ctrl-C") })
	banner := out.String()
	i := strings.Index(banner, "HTTP ")
	if i < 0 || !strings.Contains(banner, "serving onebot11") {
		t.Fatalf("banner %q", banner)
	}
	url := strings.Fields(banner[i+len("HTTP "):])[0]
	code, res, errOut := runCmd(t, testCtx(t), "", "call", "--url", url, "--token", "bt", "get_group_list")
	if code != exitOK || !strings.Contains(res, `"group_id": 30001`) {
		t.Fatalf("get_group_list through the bridge: exit %d out %q err %q", code, res, errOut)
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("bridge exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no shutdown message: %q", out.String())
	}
}
