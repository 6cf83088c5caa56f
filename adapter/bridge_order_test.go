package adapter_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
)

// TestBridgeEventOrder: upstream events reach a downstream WebSocket client
// all and in order, whether they come one at a time (converted on the
// reader's goroutine) or in bursts (through the two-stage pump), and
// through the switches between the two.
func TestBridgeEventOrder(t *testing.T) {
	leakCheck(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	mux := milky.NewServeMux()
	mux.HandleGetLoginInfo(func(context.Context) (*milky.GetLoginInfoResult, error) {
		return &milky.GetLoginInfoResult{Uin: 10086001, Nickname: "order"}, nil
	})
	mux.HandleGetImplInfo(func(context.Context) (*milky.GetImplInfoResult, error) {
		return &milky.GetImplInfoResult{ImplName: "order", MilkyVersion: "1.2"}, nil
	})
	src, err := milky.NewServer(mux, &milky.ServerOptions{EventQueue: 8192})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(src)
	defer ts.Close()
	defer src.Close()
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamURL: ts.URL, Listen: "127.0.0.1:0", HeartbeatInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	c, _, err := websocket.DefaultDialer.DialContext(ctx, br.WSURL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Wait for the upstream event stream: a probe event gets through.
	got := make(chan int64, 8192)
	go func() {
		defer close(got)
		for {
			_, frame, err := c.ReadMessage()
			if err != nil {
				return
			}
			if n, ok := seqIn(frame); ok {
				got <- n
			}
		}
	}()
	for probe := true; probe; {
		if err := src.PublishFrame(ctx, benchFrame(0)); err != nil {
			t.Fatal(err)
		}
		select {
		case <-got:
			probe = false
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			t.Fatal("bridge not delivering")
		}
	}
	time.Sleep(50 * time.Millisecond)
	for len(got) > 0 {
		<-got // late probes
	}
	// Publish in bursts of up to 200 events ahead of the client (the
	// downstream send queue holds 256), with single events in between.
	const n, window = 3000, 200
	want := int64(1)
	receive := func(upTo int64) {
		for want <= upTo {
			select {
			case seq, ok := <-got:
				switch {
				case !ok:
					t.Fatalf("connection ended after %d of %d events", want-1, n)
				case seq == 0: // a late probe
				case seq != want:
					t.Fatalf("event %d arrived where %d was due", seq, want)
				default:
					want++
				}
			case <-ctx.Done():
				t.Fatalf("only %d of %d events arrived; bridge stats %+v", want-1, n, br.Stats())
			}
		}
	}
	for i := int64(1); i <= n; i++ {
		if err := src.PublishFrame(ctx, benchFrame(i)); err != nil {
			t.Fatal(err)
		}
		switch {
		case i%500 < 20:
			receive(i) // one at a time
		case i-want >= window:
			receive(i - window/2)
		}
	}
	receive(n)
}
