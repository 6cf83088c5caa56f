package adapter_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
)

// TestBridgeShutdownDrainsWebhooks: events the bridge has already queued
// for a (slow) webhook are posted before Shutdown returns.
func TestBridgeShutdownDrainsWebhooks(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	var mu sync.Mutex
	var texts []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		time.Sleep(100 * time.Millisecond) // a slow receiver
		if i := strings.Index(string(body), "drain-"); i >= 0 {
			mu.Lock()
			texts = append(texts, string(body[i:i+len("drain-0")]))
			mu.Unlock()
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()
	inst := simtest.Start(t)
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{
		UpstreamProtocol: adapter.ProtocolMilky, UpstreamURL: inst.MilkyURL(), UpstreamToken: inst.MilkyToken(),
		Listen: "127.0.0.1:0", HeartbeatInterval: -1, WebhookURLs: []string{hook.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	const n = 5
	for i := range n {
		if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "drain-" + string(rune('0'+i))}}); err != nil {
			t.Fatal(err)
		}
	}
	// Wait until the bridge has taken all of them from the upstream.
	for br.Stats().Published < n {
		if ctx.Err() != nil {
			t.Fatalf("bridge stats %+v", br.Stats())
		}
		time.Sleep(5 * time.Millisecond)
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := br.Shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(texts, " "); got != "drain-0 drain-1 drain-2 drain-3 drain-4" {
		t.Errorf("webhook got %q", got)
	}
}
