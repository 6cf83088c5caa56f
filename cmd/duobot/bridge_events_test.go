package main

import (
	"context"
	"strings"
	"testing"
)

// --upstream-events: bad values are usage errors; sse makes the bridge read
// the embedded simulator's Milky events over SSE.
func TestBridgeUpstreamEventsFlag(t *testing.T) {
	cleanEnv(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--upstream-events", "websocket"}, `unknown --upstream-events "websocket"`},
		{[]string{"--upstream-protocol", "onebot11", "--upstream-events", "sse"}, "applies to a Milky upstream only"},
	} {
		code, _, errOut := runCmd(t, testCtx(t), "", append([]string{"bridge", "--listen", "127.0.0.1:0"}, c.args...)...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, stderr %q (want %q)", c.args, code, errOut, c.want)
		}
	}
	_, out, _ := runCmd(t, testCtx(t), "", "bridge", "-h")
	if !strings.Contains(out, "-upstream-events mode") || !strings.Contains(out, "uses SSE when") {
		t.Errorf("bridge -h does not document --upstream-events:\n%s", out)
	}

	for _, mode := range []string{"sse", "ws"} {
		ctx, cancel := context.WithCancel(testCtx(t))
		var out, errb syncBuffer
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"bridge", "--listen", "127.0.0.1:0", "--upstream-events", mode, "--log-level", "info"},
				strings.NewReader(""), &out, &errb)
		}()
		waitFor(t, testCtx(t), "the bridge banner", func() bool { return strings.Contains(out.String(), "Ctrl-C") })
		if log := errb.String(); !strings.Contains(log, "transport="+mode) || !strings.Contains(log, "upstream events connected") {
			t.Errorf("--upstream-events %s: log\n%s", mode, log)
		}
		cancel()
		if code := <-done; code != exitOK {
			t.Fatalf("bridge exit %d: %s", code, errb.String())
		}
	}
}
