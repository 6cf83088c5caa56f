package transport_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/transport"
)

// newCuttableSSEServer is newSSEServer with access to the httptest server,
// whose CloseClientConnections cuts every stream mid-flight.
func newCuttableSSEServer(t *testing.T, o *transport.SSEServerOptions) (*transport.SSEServer, *httptest.Server) {
	s := transport.NewSSEServer(o)
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		hs.Close()
	})
	return s, hs
}

// TestSSEReplayAcrossCuts publishes a stream of numbered events while the
// connection is cut again and again (also before the first event); the
// client reconnects with Last-Event-ID each time and receives every event
// exactly once, in order.
func TestSSEReplayAcrossCuts(t *testing.T) {
	const n = 600
	s, hs := newCuttableSSEServer(t, nil)
	var connects, gaps atomic.Int32
	c, _ := transport.NewSSEClient(hs.URL, &transport.SSEOptions{
		Backoff:   fastBackoff(),
		Client:    &http.Client{},
		OnConnect: func() { connects.Add(1) },
		OnGap:     func(string) { gaps.Add(1) },
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var got []int
	var ids []uint64
	runDone := make(chan error, 1)
	go func() {
		runDone <- c.RunEvents(ctx, func(ev transport.SSEEvent) {
			v, _ := strconv.Atoi(string(ev.Data))
			id, err := strconv.ParseUint(ev.ID, 10, 64)
			if err != nil {
				t.Errorf("event %s has id %q", ev.Data, ev.ID)
			}
			got = append(got, v)
			ids = append(ids, id)
			if len(got) == n {
				cancel()
			}
		})
	}()
	// Cut before any event, once the client knows where it is (the id
	// block sent on connect): it must resume from there.
	waitFor(t, func() bool { return c.LastEventID() != "" })
	hs.CloseClientConnections()
	for i := range n {
		s.Publish("", []byte(strconv.Itoa(i)))
		if i%50 == 25 {
			hs.CloseClientConnections()
		}
		if i%10 == 0 {
			time.Sleep(time.Millisecond) // let the client reconnect sometimes
		}
	}
	if err := <-runDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("RunEvents = %v after %d events", err, len(got))
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("event %d arrived as number %d (missed or repeated): %v", v, i, got)
		}
		if i > 0 && ids[i] != ids[i-1]+1 {
			t.Fatalf("ids not consecutive: %d after %d", ids[i], ids[i-1])
		}
	}
	if connects.Load() < 5 || gaps.Load() != 0 {
		t.Errorf("%d connects (want several), %d gaps", connects.Load(), gaps.Load())
	}
}

// TestSSEReplayGap: when the client's Last-Event-ID is older than the
// buffer, the kept events are replayed after a ": replay-gap" comment.
func TestSSEReplayGap(t *testing.T) {
	s, hs := newCuttableSSEServer(t, &transport.SSEServerOptions{Replay: 4})
	var gapFrom []string
	var mu sync.Mutex
	c, _ := transport.NewSSEClient(hs.URL, &transport.SSEOptions{
		Backoff: fastBackoff(), Client: &http.Client{},
		OnGap: func(id string) { mu.Lock(); gapFrom = append(gapFrom, id); mu.Unlock() },
	})
	go func() {
		waitFor(t, func() bool { return s.Subscribers() == 1 })
		s.Publish("", []byte("0"))
	}()
	first := collect(t, c, 1)
	for i := 1; i <= 10; i++ {
		s.Publish("", []byte(strconv.Itoa(i)))
	}
	got := collect(t, c, 4)
	var data []string
	for _, ev := range got {
		data = append(data, string(ev.Data))
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(data, ",") != "7,8,9,10" || len(gapFrom) != 1 || gapFrom[0] != first[0].ID {
		t.Errorf("replayed %v, gap reported %v (want once, from %q)", data, gapFrom, first[0].ID)
	}
}

// sseLines reads a raw stream up to and including the blank line ending
// the n-th block.
func sseLines(t *testing.T, br *bufio.Reader, n int) []string {
	t.Helper()
	var out []string
	for n > 0 {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("after %q: %v", out, err)
		}
		line = strings.TrimSuffix(line, "\n")
		out = append(out, line)
		if line == "" {
			n--
		}
	}
	return out
}

func sseGet(t *testing.T, url, lastID string) *bufio.Reader {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return bufio.NewReader(resp.Body)
}

// TestSSEReplayWire checks the bytes: a fresh subscriber gets a data-less
// id block, events get consecutive ids (a given id is kept and uses up a
// number), and Last-Event-ID of either kind resumes right after it.
func TestSSEReplayWire(t *testing.T) {
	s, url := newSSEServer(t, nil)
	br := sseGet(t, url, "")
	head := sseLines(t, br, 1)
	if len(head) != 2 || !strings.HasPrefix(head[0], "id: ") {
		t.Fatalf("stream starts %q, want an id block", head)
	}
	base, err := strconv.ParseUint(strings.TrimPrefix(head[0], "id: "), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	s.Publish("milky_event", []byte("a\nb"))
	s.PublishEvent(transport.SSEEvent{ID: "mine", Data: []byte("c")})
	s.Publish("", []byte("d"))
	want := fmt.Sprintf("id: %d|event: milky_event|data: a|data: b||id: mine|data: c||id: %d|data: d|", base+1, base+3)
	if got := strings.Join(sseLines(t, br, 3), "|"); got != want {
		t.Errorf("live stream\n got %s\nwant %s", got, want)
	}
	// Resume after a server-assigned id, and after a given one.
	if got := strings.Join(sseLines(t, sseGet(t, url, strconv.FormatUint(base+1, 10)), 2), "|"); got != fmt.Sprintf("id: mine|data: c||id: %d|data: d|", base+3) {
		t.Errorf("resumed after %d: %s", base+1, got)
	}
	if got := strings.Join(sseLines(t, sseGet(t, url, "mine"), 1), "|"); got != fmt.Sprintf("id: %d|data: d|", base+3) {
		t.Errorf("resumed after mine: %s", got)
	}
	// Up to date: only the id block, then live events.
	br2 := sseGet(t, url, strconv.FormatUint(base+3, 10))
	if got := strings.Join(sseLines(t, br2, 1), "|"); got != fmt.Sprintf("id: %d|", base+3) {
		t.Errorf("up-to-date subscriber got %s", got)
	}
	// An unknown id: everything kept, after the gap comment.
	got := strings.Join(sseLines(t, sseGet(t, url, "12"), 3), "|")
	if !strings.HasPrefix(got, ": replay-gap") || !strings.HasSuffix(got, fmt.Sprintf("|id: %d|event: milky_event|data: a|data: b||id: mine|data: c||id: %d|data: d|", base+1, base+3)) {
		t.Errorf("unknown id: %s", got)
	}
	// A second server numbers on from later, so the first one's ids are
	// unknown to it, never taken for its own.
	s2, url2 := newSSEServer(t, nil)
	s2.Publish("", []byte("e"))
	got = strings.Join(sseLines(t, sseGet(t, url2, strconv.FormatUint(base+3, 10)), 1), "|")
	if !strings.HasPrefix(got, ": replay-gap") || !strings.HasSuffix(got, "|data: e|") {
		t.Errorf("id of another server: %s", got)
	}
	if id, _ := strconv.ParseUint(strings.TrimPrefix(strings.Split(got, "|")[1], "id: "), 10, 64); id <= base+3 {
		t.Errorf("later server's id %d not above the earlier one's %d", id, base+3)
	}
}

// TestSSEReplayDisabled: with Replay < 0 nothing is kept and no ids are
// sent.
func TestSSEReplayDisabled(t *testing.T) {
	s, url := newSSEServer(t, &transport.SSEServerOptions{Replay: -1})
	s.Publish("", []byte("before"))
	br := sseGet(t, url, "1")
	waitFor(t, func() bool { return s.Subscribers() == 1 })
	s.Publish("", []byte("live"))
	if got := strings.Join(sseLines(t, br, 1), "|"); got != "data: live|" {
		t.Errorf("got %s", got)
	}
}
