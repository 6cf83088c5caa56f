package transport_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/duobot/duobot/transport"
)

// broadcastFrame is a typical OneBot 11 group message event.
var broadcastFrame = []byte(`{"time":1700000000,"self_id":10086001,"post_type":"message","message_type":"group","group_id":30001,"user_id":20001,"message":[{"type":"text","data":{"text":"hello world"}}],"raw_message":"hello world","font":14,"sender":{"user_id":20001,"nickname":"Alice"}}`)

// broadcastReaders dials url peers times; each peer reads frames into a
// reused buffer and, per frame, takes one credit back from its channel
// (nil credits: no pacing). wait returns once every peer has read n frames.
func broadcastReaders(b *testing.B, url string, peers, n int, credits []chan struct{}) (wait func()) {
	var wg sync.WaitGroup
	conns := make([]*websocket.Conn, peers)
	for i := range peers {
		ws, _, err := websocket.DefaultDialer.Dial(url, nil)
		if err != nil {
			b.Fatal(err)
		}
		conns[i] = ws
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 4096)
			for range n {
				_, r, err := ws.NextReader()
				if err != nil {
					b.Error(err)
					return
				}
				for {
					if _, err := r.Read(buf); err == io.EOF {
						break
					} else if err != nil {
						b.Error(err)
						return
					}
				}
				if credits != nil {
					<-credits[i]
				}
			}
		}()
	}
	b.Cleanup(func() {
		for _, ws := range conns {
			ws.Close()
		}
	})
	return wg.Wait
}

// rawBroadcaster is the baseline: bare gorilla connections written
// synchronously, one mutex per connection (go-cqhttp's model).
type rawBroadcaster struct {
	mu    sync.Mutex
	conns []*rawConn
	ready chan struct{}
}

type rawConn struct {
	mu sync.Mutex
	ws *websocket.Conn
}

func (r *rawBroadcaster) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	up := websocket.Upgrader{}
	ws, err := up.Upgrade(w, req, nil)
	if err != nil {
		return
	}
	r.mu.Lock()
	r.conns = append(r.conns, &rawConn{ws: ws})
	r.mu.Unlock()
	r.ready <- struct{}{}
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			ws.Close()
			return
		}
	}
}

func (r *rawBroadcaster) broadcast(frame []byte) {
	for _, c := range r.conns {
		c.mu.Lock()
		c.ws.WriteMessage(websocket.TextMessage, frame)
		c.mu.Unlock()
	}
}

// BenchmarkWSBroadcast measures event fan-out to peers reading as fast as
// they can, per frame broadcast to all. "paced" keeps at most 128 frames
// in flight per peer (under the default SendQueue, the channel fast path);
// the baseline writes each frame synchronously on bare gorilla
// connections, paced alike. "burst" broadcasts every frame at once, so
// that a peer falls behind by thousands of frames and they wait in its
// send backlog (the baseline's broadcaster waits for each write instead).
func BenchmarkWSBroadcast(b *testing.B) {
	const window = 128
	for _, peers := range []int{1, 4} {
		suffix := "/peers=" + strconv.Itoa(peers)
		paced := func(b *testing.B, url string, ready func(), broadcast func([]byte)) {
			credits := make([]chan struct{}, peers)
			for i := range credits {
				credits[i] = make(chan struct{}, window)
			}
			wait := broadcastReaders(b, url, peers, b.N, credits)
			ready()
			b.ReportAllocs()
			b.SetBytes(int64(len(broadcastFrame)))
			b.ResetTimer()
			for range b.N {
				for _, c := range credits {
					c <- struct{}{}
				}
				broadcast(broadcastFrame)
			}
			wait()
			b.StopTimer()
		}
		b.Run("raw-gorilla/paced"+suffix, func(b *testing.B) {
			r := &rawBroadcaster{ready: make(chan struct{}, peers)}
			hs := httptest.NewServer(r)
			defer hs.Close()
			defer hs.CloseClientConnections()
			url := "ws" + strings.TrimPrefix(hs.URL, "http")
			paced(b, url, func() {
				for range peers {
					<-r.ready
				}
			}, r.broadcast)
		})
		b.Run("WSServer/paced"+suffix, func(b *testing.B) {
			srv, url := newWSServer(b, &transport.WSServerOptions{})
			paced(b, url, func() {}, func(f []byte) {
				if n := srv.Broadcast(f); n != peers {
					b.Fatalf("broadcast reached %d of %d peers", n, peers)
				}
			})
			if srv.SlowDrops() != 0 {
				b.Fatalf("%d slow drops", srv.SlowDrops())
			}
		})
		burst := func(b *testing.B, url string, ready func(), broadcast func([]byte)) {
			wait := broadcastReaders(b, url, peers, b.N, nil)
			ready()
			b.ReportAllocs()
			b.SetBytes(int64(len(broadcastFrame)))
			b.ResetTimer()
			for range b.N {
				broadcast(broadcastFrame)
			}
			wait()
			b.StopTimer()
		}
		b.Run("raw-gorilla/burst"+suffix, func(b *testing.B) {
			r := &rawBroadcaster{ready: make(chan struct{}, peers)}
			hs := httptest.NewServer(r)
			defer hs.Close()
			defer hs.CloseClientConnections()
			url := "ws" + strings.TrimPrefix(hs.URL, "http")
			burst(b, url, func() {
				for range peers {
					<-r.ready
				}
			}, r.broadcast)
		})
		b.Run("WSServer/burst"+suffix, func(b *testing.B) {
			// A budget for every frame of the run: none may be refused.
			srv, url := newWSServer(b, &transport.WSServerOptions{SendBacklog: 1 << 40})
			burst(b, url, func() {}, func(f []byte) {
				if n := srv.Broadcast(f); n != peers {
					b.Fatalf("broadcast reached %d of %d peers", n, peers)
				}
			})
			if srv.SlowDrops() != 0 {
				b.Fatalf("%d slow drops", srv.SlowDrops())
			}
		})
	}
}
