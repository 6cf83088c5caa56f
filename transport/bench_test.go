package transport_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// echoFrameServer returns every frame unchanged: a request frame carrying an
// echo is its own response.
func echoFrameServer(b *testing.B) string {
	p := newPeer(b, func(_ int, ws *websocket.Conn) {
		for {
			mt, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			if ws.WriteMessage(mt, msg) != nil {
				return
			}
		}
	})
	return p.url
}

// runCallers runs b.N calls spread over n goroutines.
func runCallers(b *testing.B, n int, call func() error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	b.ResetTimer()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := call(); err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
}

var benchParams = []byte(`{"group_id":123456789,"message":[{"type":"text","data":{"text":"hello world"}}]}`)

// rawPipeline is the baseline: a bare gorilla connection, writes under a
// mutex, one reader goroutine matching responses by echo through a map.
type rawPipeline struct {
	ws      *websocket.Conn
	wmu     sync.Mutex
	mu      sync.Mutex
	pending map[uint64]chan []byte
	n       atomic.Uint64
	done    chan struct{}
}

func newRawPipeline(b *testing.B, url string) *rawPipeline {
	ws, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		b.Fatal(err)
	}
	r := &rawPipeline{ws: ws, pending: map[uint64]chan []byte{}, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			i := bytes.LastIndex(msg, []byte(`"echo":"`))
			j := bytes.LastIndexByte(msg, '"')
			id, _ := strconv.ParseUint(string(msg[i+8:j]), 10, 64)
			r.mu.Lock()
			ch := r.pending[id]
			delete(r.pending, id)
			r.mu.Unlock()
			ch <- msg
		}
	}()
	return r
}

func (r *rawPipeline) call(action string, params []byte) ([]byte, error) {
	id := r.n.Add(1)
	ch := make(chan []byte, 1)
	r.mu.Lock()
	r.pending[id] = ch
	r.mu.Unlock()
	frame := []byte(`{"action":"` + action + `","params":` + string(params) + `,"echo":"` + strconv.FormatUint(id, 10) + `"}`)
	r.wmu.Lock()
	err := r.ws.WriteMessage(websocket.TextMessage, frame)
	r.wmu.Unlock()
	if err != nil {
		return nil, err
	}
	return <-ch, nil
}

func (r *rawPipeline) close() {
	r.ws.Close()
	<-r.done
}

func BenchmarkWSCall(b *testing.B) {
	for _, callers := range []int{1, 64} {
		b.Run("raw-gorilla/callers="+strconv.Itoa(callers), func(b *testing.B) {
			r := newRawPipeline(b, echoFrameServer(b))
			defer r.close()
			b.ReportAllocs()
			runCallers(b, callers, func() error {
				_, err := r.call("send_group_msg", benchParams)
				return err
			})
		})
		b.Run("WSClient/callers="+strconv.Itoa(callers), func(b *testing.B) {
			c, err := transport.NewWSClient(echoFrameServer(b), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			ctx := context.Background()
			if err := c.WaitConnected(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			runCallers(b, callers, func() error {
				resp, err := c.Call(ctx, "send_group_msg", benchParams)
				if err == nil && len(resp) == 0 {
					err = errors.New("empty response")
				}
				return err
			})
		})
	}
}

func BenchmarkHTTPCall(b *testing.B) {
	const respBody = `{"status":"ok","retcode":0,"data":{"message_id":1}}`
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, respBody)
	}))
	defer hs.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	for _, callers := range []int{1, 64} {
		b.Run("bare-net/http/callers="+strconv.Itoa(callers), func(b *testing.B) {
			b.ReportAllocs()
			runCallers(b, callers, func() error {
				req, _ := http.NewRequestWithContext(context.Background(), "POST", hs.URL+"/send_group_msg", bytes.NewReader(benchParams))
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return err
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err == nil && !strings.HasPrefix(string(body), `{"status"`) {
					err = errors.New("bad body")
				}
				return err
			})
		})
		b.Run("HTTPCaller/callers="+strconv.Itoa(callers), func(b *testing.B) {
			c, _ := transport.NewHTTPCaller(hs.URL, &transport.HTTPOptions{Client: client})
			b.ReportAllocs()
			runCallers(b, callers, func() error {
				body, err := c.Call(context.Background(), "send_group_msg", benchParams)
				if err == nil && !strings.HasPrefix(string(body), `{"status"`) {
					err = errors.New("bad body")
				}
				return err
			})
		})
	}
}

// BenchmarkWSCallRatio64 alternates batches of 64-caller calls between the
// raw gorilla pipeline and WSClient, so machine noise hits both alike, and
// reports WSClient's throughput relative to the raw one (target >= 0.70).
func BenchmarkWSCallRatio64(b *testing.B) {
	const callers, batch = 64, 2000
	r := newRawPipeline(b, echoFrameServer(b))
	defer r.close()
	c, err := transport.NewWSClient(echoFrameServer(b), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	if err := c.WaitConnected(ctx); err != nil {
		b.Fatal(err)
	}
	run := func(call func() error) time.Duration {
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= batch {
					if err := call(); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	var rawT, ourT time.Duration
	b.ResetTimer()
	for range b.N {
		rawT += run(func() error { _, err := r.call("send_group_msg", benchParams); return err })
		ourT += run(func() error { _, err := c.Call(ctx, "send_group_msg", benchParams); return err })
	}
	b.ReportMetric(float64(rawT)/float64(ourT), "ratio")
	b.ReportMetric(float64(ourT.Nanoseconds())/float64(b.N*batch), "WSClient-ns/call")
	b.ReportMetric(float64(rawT.Nanoseconds())/float64(b.N*batch), "raw-ns/call")
}

// BenchmarkWSEvents measures pushed-frame delivery: a peer writes b.N event
// frames as fast as it can and the consumer counts them. The baseline reads
// the same frames on a bare gorilla connection (ReadMessage in a loop, no
// queue, no handoff); WSClient reads them on its reader goroutine and hands
// them to Run through its event queue.
func BenchmarkWSEvents(b *testing.B) {
	frame := []byte(`{"time":1700000000,"self_id":10086001,"post_type":"message","message_type":"group","group_id":30001,"user_id":20001,"message":[{"type":"text","data":{"text":"hello world"}}],"raw_message":"hello world","font":14,"sender":{"user_id":20001,"nickname":"Alice"}}`)
	pusher := func(b *testing.B, n int) string {
		p := newPeer(b, func(_ int, ws *websocket.Conn) {
			for range n {
				if ws.WriteMessage(websocket.TextMessage, frame) != nil {
					return
				}
			}
			ws.ReadMessage() // hold the connection until the client closes
		})
		return p.url
	}
	b.Run("raw-gorilla", func(b *testing.B) {
		ws, _, err := websocket.DefaultDialer.Dial(pusher(b, b.N), nil)
		if err != nil {
			b.Fatal(err)
		}
		defer ws.Close()
		b.ReportAllocs()
		b.SetBytes(int64(len(frame)))
		b.ResetTimer()
		for range b.N {
			if _, _, err := ws.ReadMessage(); err != nil {
				b.Fatal(err)
			}
		}
	})
	// queue=default: bursts beyond the nominal queue wait in the backlog;
	// queue=big: the nominal queue alone holds every frame.
	for _, q := range []struct {
		name string
		size int
	}{{"default", 0}, {"big", 1 << 18}} {
		b.Run("WSClient/queue="+q.name, func(b *testing.B) { benchWSClientEvents(b, pusher(b, b.N), frame, q.size) })
	}
}

func benchWSClientEvents(b *testing.B, url string, frame []byte, queue int) {
	{
		b.ReportAllocs()
		b.SetBytes(int64(len(frame)))
		b.ResetTimer()
		c, err := transport.NewWSClient(url, &transport.WSOptions{EventsOnly: true, EventQueue: queue})
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		var n atomic.Int64
		go func() {
			// Dropped frames never arrive: stop once all are accounted for.
			for ctx.Err() == nil && n.Load()+int64(c.Stats().Dropped) < int64(b.N) {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
		c.Run(ctx, func([]byte) {
			if n.Add(1) == int64(b.N) {
				cancel()
			}
		})
		b.StopTimer()
		if n.Load() != int64(b.N) || c.Stats().Dropped != 0 {
			b.Fatalf("got %d of %d frames, stats %+v", n.Load(), b.N, c.Stats())
		}
	}
}

// BenchmarkHTTPCallRatio64 alternates batches of 64-caller calls between
// bare net/http and HTTPCaller on the same client and server, so machine
// noise and connection-pool state hit both alike, and reports HTTPCaller's
// throughput relative to bare net/http (1.0: no overhead).
func BenchmarkHTTPCallRatio64(b *testing.B) {
	const callers, batch = 64, 2000
	const respBody = `{"status":"ok","retcode":0,"data":{"message_id":1}}`
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, respBody)
	}))
	defer hs.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: callers}}
	defer client.CloseIdleConnections()
	bare := func() error {
		req, _ := http.NewRequestWithContext(context.Background(), "POST", hs.URL+"/send_group_msg", bytes.NewReader(benchParams))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && !strings.HasPrefix(string(body), `{"status"`) {
			err = errors.New("bad body")
		}
		return err
	}
	c, _ := transport.NewHTTPCaller(hs.URL, &transport.HTTPOptions{Client: client})
	ours := func() error {
		body, err := c.Call(context.Background(), "send_group_msg", benchParams)
		if err == nil && !strings.HasPrefix(string(body), `{"status"`) {
			err = errors.New("bad body")
		}
		return err
	}
	run := func(call func() error) time.Duration {
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= batch {
					if err := call(); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	run(bare) // open the connections
	var bareT, ourT time.Duration
	b.ResetTimer()
	for i := range b.N {
		// Alternate which goes first, so that neither always inherits the
		// other's connection-pool state.
		if i%2 == 0 {
			bareT += run(bare)
			ourT += run(ours)
		} else {
			ourT += run(ours)
			bareT += run(bare)
		}
	}
	b.ReportMetric(float64(bareT)/float64(ourT), "ratio")
	b.ReportMetric(float64(ourT.Nanoseconds())/float64(b.N*batch), "HTTPCaller-ns/call")
	b.ReportMetric(float64(bareT.Nanoseconds())/float64(b.N*batch), "bare-ns/call")
}
