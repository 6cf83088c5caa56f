package milky

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A reconnect forced by IdleTimeout opens a new SSE stream; it must still
// send Last-Event-ID, so a server that keeps recent events (milky.Server
// does) sends those published during the gap. Each stream here sends one
// event with the next id and then stays silent until the bot gives up on
// it.
func TestBotSSEIdleReconnectResumes(t *testing.T) {
	btNoLeak(t)
	got := make(chan string, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" {
			http.Error(w, "SSE only", http.StatusNotFound)
			return
		}
		last := r.Header.Get("Last-Event-ID")
		got <- last
		next := 1
		fmt.Sscan(last, &next)
		if last != "" {
			next++
		}
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, fmt.Sprintf("id: %d\nevent: milky_event\ndata: {\"time\":1,\"self_id\":1,\"event_type\":\"bot_offline\",\"data\":{\"reason\":\"x\"}}\n\n", next))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	startBot(t, srv.URL, NewMux(), &BotOptions{Events: EventsSSE, IdleTimeout: 50 * time.Millisecond})

	var ids []string
	for len(ids) < 3 {
		select {
		case id := <-got:
			ids = append(ids, id)
		case <-time.After(5 * time.Second):
			t.Fatalf("stream requests so far: %q", ids)
		}
	}
	if want := []string{"", "1", "2"}; fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("Last-Event-ID of the stream requests: %q, want %q", ids, want)
	}
}
