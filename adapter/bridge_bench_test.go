package adapter_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
)

// benchPath is one event path under measurement: events published on a
// Milky server arrive as WebSocket frames at a client, either directly
// (the Milky client on the Milky server) or through a bridge (a OneBot 11
// client on the bridge on the Milky server). Both paths use the same
// client (a gorilla connection reading whole frames, finding the event's
// number in the text) and the same kind of source (a milky.Server of its
// own, PublishFrame of a pre-built frame, at most 128 events in flight).
//
//   - direct: milky.Server.PublishFrame -> its WebSocket writer -> loopback
//     -> client.
//   - bridge: milky.Server.PublishFrame -> its WebSocket writer -> loopback
//     -> the bridge's upstream transport.WSClient (read, event queue) ->
//     milky.ParseEvent -> Converter (message id from the memory store,
//     segments, raw_message) -> onebot11.Server.Publish (encode once, fan
//     out to WebSocket, SSE, sinks) -> its WebSocket writer -> loopback ->
//     client.
type benchPath struct {
	src      *milky.Server
	conn     *websocket.Conn
	received atomic.Int64
	mu       sync.Mutex
	recvAt   map[int64]time.Time
	record   atomic.Bool
	done     chan struct{}
}

// benchFrame is a Milky group message event carrying n in its text.
func benchFrame(n int64) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":10086001,"event_type":"message_receive","data":{"message_scene":"group","peer_id":30001,"message_seq":%d,"sender_id":20001,"time":1700000000,"segments":[{"type":"text","data":{"text":"seq:%d"}}],"group":{"group_id":30001,"group_name":"bench","member_count":3,"max_member_count":200,"remark":"","created_time":0,"description":"","question":"","announcement":""},"group_member":{"user_id":20001,"nickname":"Alice","sex":"female","group_id":30001,"card":"","title":"","level":1,"role":"member","join_time":0,"last_sent_time":0}}}`, n, n)
}

// seqIn reads n back from a frame of either protocol.
func seqIn(frame []byte) (int64, bool) {
	i := bytes.Index(frame, []byte("seq:"))
	if i < 0 {
		return 0, false
	}
	j := i + 4
	for j < len(frame) && frame[j] >= '0' && frame[j] <= '9' {
		j++
	}
	n, err := strconv.ParseInt(string(frame[i+4:j]), 10, 64)
	return n, err == nil
}

func (p *benchPath) read() {
	defer close(p.done)
	for {
		_, frame, err := p.conn.ReadMessage()
		if err != nil {
			return
		}
		n, ok := seqIn(frame)
		if !ok {
			continue // lifecycle and other meta events
		}
		if p.record.Load() {
			now := time.Now()
			p.mu.Lock()
			p.recvAt[n] = now
			p.mu.Unlock()
		}
		p.received.Add(1)
	}
}

// newBenchPaths starts a Milky source server with a direct WebSocket client
// and a bridge (OneBot 11 downstream) with its own WebSocket client.
func newBenchPaths(tb testing.TB, ctx context.Context) (direct, bridged *benchPath) {
	tb.Helper()
	mux := milky.NewServeMux()
	mux.HandleGetLoginInfo(func(context.Context) (*milky.GetLoginInfoResult, error) {
		return &milky.GetLoginInfoResult{Uin: 10086001, Nickname: "bench"}, nil
	})
	mux.HandleGetImplInfo(func(context.Context) (*milky.GetImplInfoResult, error) {
		return &milky.GetImplInfoResult{ImplName: "bench", MilkyVersion: "1.2"}, nil
	})
	newSrc := func() (*milky.Server, *httptest.Server) {
		src, err := milky.NewServer(mux, &milky.ServerOptions{EventQueue: 4096})
		if err != nil {
			tb.Fatal(err)
		}
		return src, httptest.NewServer(src)
	}
	// Each path has its own source, so one path's backlog never touches
	// the other.
	dsrc, dts := newSrc()
	bsrc, bts := newSrc()
	br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamURL: bts.URL, Listen: "127.0.0.1:0", HeartbeatInterval: -1})
	if err != nil {
		tb.Fatal(err)
	}
	dial := func(src *milky.Server, url string) *benchPath {
		c, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
		if err != nil {
			tb.Fatal(err)
		}
		p := &benchPath{src: src, conn: c, recvAt: map[int64]time.Time{}, done: make(chan struct{})}
		go p.read()
		return p
	}
	direct = dial(dsrc, "ws"+strings.TrimPrefix(dts.URL, "http")+"/event")
	bridged = dial(bsrc, br.WSURL())
	tb.Cleanup(func() {
		direct.conn.Close()
		bridged.conn.Close()
		<-direct.done
		<-bridged.done
		br.Close()
		for _, s := range []*milky.Server{dsrc, bsrc} {
			s.Close()
		}
		dts.Close()
		bts.Close()
	})
	// Wait until both paths deliver.
	for n := int64(-1); direct.received.Load() == 0 || bridged.received.Load() == 0; n-- {
		for _, src := range []*milky.Server{dsrc, bsrc} {
			if err := src.PublishFrame(ctx, benchFrame(-n)); err != nil {
				tb.Fatal(err)
			}
		}
		time.Sleep(20 * time.Millisecond)
		if ctx.Err() != nil {
			tb.Fatal("paths not up")
		}
	}
	time.Sleep(100 * time.Millisecond)
	direct.received.Store(0)
	bridged.received.Store(0)
	return direct, bridged
}

// throughput publishes n events as fast as the slower path takes them
// (at most window in flight on it) and returns events/s of p.
func throughput(ctx context.Context, src *milky.Server, p *benchPath, n int64, window int64, base int64) (float64, error) {
	start := time.Now()
	startRecv := p.received.Load()
	for i := range n {
		for (i+startRecv)-p.received.Load() > window {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			time.Sleep(50 * time.Microsecond)
		}
		if err := src.PublishFrame(ctx, benchFrame(base+i)); err != nil {
			return 0, err
		}
	}
	for p.received.Load()-startRecv < n {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("received %d of %d: %w", p.received.Load()-startRecv, n, ctx.Err())
		}
		time.Sleep(100 * time.Microsecond)
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// TestBridgeThroughputLatency measures, in one run, the events/s of the
// direct path (Milky server -> Milky WebSocket client) and of the bridge
// path (Milky server -> bridge -> OneBot 11 WebSocket client), and the
// p50 / p99 latency both add at a steady 1,000 events/s. It runs when
// DUOBOT_BRIDGE_BENCH is set (DUOBOT_BRIDGE_BENCH_N events per throughput
// run, default 20000) and fails when the bridge sustains less than half
// the direct path's events/s.
func TestBridgeThroughputLatency(t *testing.T) {
	if os.Getenv("DUOBOT_BRIDGE_BENCH") == "" {
		t.Skip("set DUOBOT_BRIDGE_BENCH=1 to run the bridge benchmark")
	}
	n := int64(20000)
	if s := os.Getenv("DUOBOT_BRIDGE_BENCH_N"); s != "" {
		n, _ = strconv.ParseInt(s, 10, 64)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	direct, bridged := newBenchPaths(t, ctx)

	// Throughput: each path on its own source, in alternating rounds so
	// that a change in the machine's load hits both paths alike.
	const rounds = 4
	var dTime, bTime float64 // seconds
	for r := range int64(rounds) {
		for _, c := range []struct {
			p    *benchPath
			base int64
			sum  *float64
		}{{direct, 1_000_000, &dTime}, {bridged, 2_000_000, &bTime}} {
			rate, err := throughput(ctx, c.p.src, c.p, n/rounds, 128, c.base+r*n)
			if err != nil {
				t.Fatal(err)
			}
			*c.sum += float64(n/rounds) / rate
		}
	}
	dRate, bRate := float64(n/rounds*rounds)/dTime, float64(n/rounds*rounds)/bTime
	t.Logf("throughput over %d events each (%d alternating rounds): direct %.0f events/s, bridge %.0f events/s (%.0f%%)", n/rounds*rounds, rounds, dRate, bRate, 100*bRate/dRate)

	// Latency at a steady 1,000 events/s for 3 s.
	direct.record.Store(true)
	bridged.record.Store(true)
	const rate, secs = 1000, 3
	sentAt := make(map[int64]time.Time, rate*secs)
	tick := time.NewTicker(time.Second / rate)
	base := int64(3_000_000)
	for i := range int64(rate * secs) {
		<-tick.C
		sentAt[base+i] = time.Now()
		frame := benchFrame(base + i)
		for _, p := range []*benchPath{direct, bridged} {
			if err := p.src.PublishFrame(ctx, frame); err != nil {
				t.Fatal(err)
			}
		}
	}
	tick.Stop()
	time.Sleep(500 * time.Millisecond)
	lat := func(p *benchPath) (p50, p99 time.Duration, got int) {
		p.mu.Lock()
		defer p.mu.Unlock()
		var ds []time.Duration
		for seq, at := range sentAt {
			if r, ok := p.recvAt[seq]; ok {
				ds = append(ds, r.Sub(at))
			}
		}
		slices.Sort(ds)
		if len(ds) == 0 {
			return 0, 0, 0
		}
		return ds[len(ds)*50/100], ds[len(ds)*99/100], len(ds)
	}
	d50, d99, dn := lat(direct)
	b50, b99, bn := lat(bridged)
	t.Logf("latency at %d events/s: direct p50 %v p99 %v (%d events); bridge p50 %v p99 %v (%d events); added p50 %v p99 %v",
		rate, d50, d99, dn, b50, b99, bn, b50-d50, b99-d99)
	if dn != rate*secs || bn != rate*secs {
		t.Errorf("events lost at 1,000/s: direct %d, bridge %d of %d", dn, bn, rate*secs)
	}
	if bRate < dRate/2 {
		t.Errorf("bridge sustains %.0f events/s, less than half the direct path's %.0f", bRate, dRate)
	}
}

// BenchmarkEventPath reports ns per event through each path (windowed
// flat out); run with -benchtime=20000x or similar.
func BenchmarkEventPath(b *testing.B) {
	ctx := b.Context()
	direct, bridged := newBenchPaths(b, ctx)
	for _, c := range []struct {
		name string
		p    *benchPath
	}{{"direct", direct}, {"bridge", bridged}} {
		b.Run(c.name, func(b *testing.B) {
			c.p.received.Store(0)
			b.ResetTimer()
			rate, err := throughput(ctx, c.p.src, c.p, int64(b.N), 128, 10_000_000)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.ReportMetric(rate, "events/s")
		})
	}
}
