package milky

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/milkyschema"
	"github.com/duobot/duobot/transport"
)

// testServer is a small Milky implementation for the bot tests, on a real
// loopback socket: POST {prefix}/api/{name} and GET {prefix}/event as a
// WebSocket (when ws) and as SSE (when sse). Every call is recorded; the
// params of send_* calls are validated against the official schema.
type testServer struct {
	t      testing.TB
	srv    *httptest.Server
	prefix string
	token  string
	selfID int64

	ws  *transport.WSServer
	sse *transport.SSEServer

	wsConnects atomic.Int64
	sseNamed   bool // publish SSE events named milky_event (else unnamed)
	seq        atomic.Int64

	calls chan apiCall

	mu sync.Mutex
	// apiStatus, when non-zero, answers every API call with that status.
	apiStatus int
	// eventAuth records how each /event request carried its token:
	// "header", "query" or "none".
	eventAuth []string
}

type apiCall struct {
	Name   string
	Body   []byte
	Header http.Header
}

type testServerConfig struct {
	prefix string
	token  string
	ws     bool // serve WebSocket on /event
	sse    bool // serve SSE on /event
	// rejectUpgrade answers a WebSocket handshake with this status when ws
	// is off (0: an SSE-only server streams text/event-stream regardless).
	rejectUpgrade int
	sseUnnamed    bool
	// failUpgrades answers the first n WebSocket handshakes with 503.
	failUpgrades int64
}

const testSelfID = 10001

func newTestServer(t testing.TB, cfg testServerConfig) *testServer {
	t.Helper()
	s := &testServer{
		t:        t,
		prefix:   cfg.prefix,
		token:    cfg.token,
		selfID:   testSelfID,
		sseNamed: !cfg.sseUnnamed,
		calls:    make(chan apiCall, 256),
	}
	auth := transport.AuthOptions{WrongTokenIs401: true}
	if cfg.ws {
		s.ws = transport.NewWSServer(&transport.WSServerOptions{
			Token:     cfg.token,
			Auth:      auth,
			OnConnect: func(*transport.ServerConn) { s.wsConnects.Add(1) },
		})
	}
	if cfg.sse {
		s.sse = transport.NewSSEServer(&transport.SSEServerOptions{Token: cfg.token, Auth: auth})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+cfg.prefix+"/api/{name}", s.serveAPI)
	var upgrades atomic.Int64
	mux.HandleFunc("GET "+cfg.prefix+"/event", func(w http.ResponseWriter, r *http.Request) {
		upgrade := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
		how := "none"
		switch {
		case r.Header.Get("Authorization") != "":
			how = "header"
		case r.URL.Query().Has("access_token"):
			how = "query"
		}
		s.mu.Lock()
		s.eventAuth = append(s.eventAuth, how)
		s.mu.Unlock()
		if upgrade && upgrades.Add(1) <= cfg.failUpgrades {
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		switch {
		case upgrade && s.ws != nil:
			s.ws.ServeHTTP(w, r)
		case upgrade && cfg.rejectUpgrade != 0:
			http.Error(w, "no websocket here", cfg.rejectUpgrade)
		case s.sse != nil:
			s.sse.ServeHTTP(w, r)
		default:
			http.Error(w, "no event stream", http.StatusNotFound)
		}
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// Close stops the server (streams first: http.Server does not track
// upgraded and streaming connections).
func (s *testServer) Close() {
	if s.ws != nil {
		s.ws.Close()
	}
	if s.sse != nil {
		s.sse.Close()
	}
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Base is the URL to Dial.
func (s *testServer) Base() string { return s.srv.URL + s.prefix }

func (s *testServer) serveAPI(w http.ResponseWriter, r *http.Request) {
	if err := transport.AuthenticateWith(r, s.token, transport.AuthOptions{WrongTokenIs401: true}); err != nil {
		transport.WriteAuthError(w, err)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	name := r.PathValue("name")
	s.calls <- apiCall{Name: name, Body: body, Header: r.Header.Clone()}
	s.mu.Lock()
	status := s.apiStatus
	s.mu.Unlock()
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	var data any
	switch name {
	case APISendPrivateMessage, APISendGroupMessage:
		data = map[string]int64{"message_seq": s.seq.Add(1), "time": 1700000000}
	case APIGetLoginInfo:
		data = map[string]any{"uin": s.selfID, "nickname": "duobot"}
	default:
		w.WriteHeader(http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"status": "ok", "retcode": 0, "data": data})
}

// Publish sends an event frame to every WebSocket and SSE subscriber. SSE
// events carry the JSON pretty-printed over several data: lines.
func (s *testServer) Publish(frame []byte) {
	if s.ws != nil {
		s.ws.Broadcast(frame)
	}
	if s.sse != nil {
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, frame, "", "  "); err != nil {
			s.t.Errorf("publish: %v", err)
			return
		}
		name := SSEEventName
		if !s.sseNamed {
			name = ""
		}
		s.sse.Publish(name, pretty.Bytes())
	}
}

// EventAuth returns how the /event requests so far carried their token.
func (s *testServer) EventAuth() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.eventAuth)
}

// DropWS closes every WebSocket connection from the server side.
func (s *testServer) DropWS() {
	for _, c := range s.ws.Conns() {
		c.Close()
	}
}

// NextCall returns the next API call, failing the test after 5s. The
// params of send_* calls are checked strictly against the official
// schema (on the test goroutine, as the check may skip the test).
func (s *testServer) NextCall(t testing.TB) apiCall {
	t.Helper()
	select {
	case c := <-s.calls:
		if c.Name == APISendPrivateMessage || c.Name == APISendGroupMessage {
			milkyschema.CheckStrict(t, "api_input:"+c.Name, c.Body)
		}
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no API call within 5s")
		return apiCall{}
	}
}

// NoCall fails the test if an API call arrives within d.
func (s *testServer) NoCall(t testing.TB, d time.Duration) {
	t.Helper()
	select {
	case c := <-s.calls:
		t.Fatalf("unexpected API call %s %s", c.Name, c.Body)
	case <-time.After(d):
	}
}

// btWaitFor polls cond until it holds, failing the test after 5s.
func btWaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Event frames (valid Milky 1.2 events).

func btSegs(segs ...string) string { return "[" + strings.Join(segs, ",") + "]" }

func btText(s string) string {
	b, _ := json.Marshal(s)
	return fmt.Sprintf(`{"type":"text","data":{"text":%s}}`, b)
}

func btMention(id int64) string {
	return fmt.Sprintf(`{"type":"mention","data":{"user_id":%d,"name":"someone"}}`, id)
}

func btReply(seq, sender int64) string {
	return fmt.Sprintf(`{"type":"reply","data":{"message_seq":%d,"sender_id":%d,"time":1700000000,"segments":[%s]}}`, seq, sender, btText("quoted"))
}

const btGroupEntity = `{"group_id":%d,"group_name":"g","member_count":3,"max_member_count":200,"remark":"","created_time":0,"description":"","question":"","announcement":""}`

func btGroupMsg(groupID, senderID, seq int64, segments string) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"event_type":"message_receive","data":{"message_scene":"group","peer_id":%d,"message_seq":%d,"sender_id":%d,"time":1700000000,"segments":%s,"group":`+btGroupEntity+`,"group_member":{"user_id":%d,"nickname":"n","sex":"unknown","group_id":%d,"card":"","title":"","level":1,"role":"member","join_time":0,"last_sent_time":0}}}`,
		testSelfID, groupID, seq, senderID, segments, groupID, senderID, groupID)
}

func btFriendMsg(userID, seq int64, segments string) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"event_type":"message_receive","data":{"message_scene":"friend","peer_id":%d,"message_seq":%d,"sender_id":%d,"time":1700000000,"segments":%s,"friend":{"user_id":%d,"nickname":"f","sex":"male","qid":"","remark":"","category":{"category_id":0,"category_name":"friends"}}}}`,
		testSelfID, userID, seq, userID, segments, userID)
}

func btTempMsg(userID, seq int64, segments string) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"event_type":"message_receive","data":{"message_scene":"temp","peer_id":%d,"message_seq":%d,"sender_id":%d,"time":1700000000,"segments":%s}}`,
		testSelfID, userID, seq, userID, segments)
}

func btGroupMute(groupID, userID, operatorID int64) []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"event_type":"group_mute","data":{"group_id":%d,"user_id":%d,"operator_id":%d,"duration":60}}`,
		testSelfID, groupID, userID, operatorID)
}

func btUnknown() []byte {
	return fmt.Appendf(nil, `{"time":1700000000,"self_id":%d,"event_type":"future_event","data":{"x":1}}`, testSelfID)
}
