package milky

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/duobot/duobot/transport"
)

// BenchmarkServerAPI measures one get_group_member_info call through the
// Client over loopback HTTP. "server" is a Server with a typed ServeMux
// handler; "baseline" is a bare http.HandlerFunc that reads the body and
// writes the same response bytes, so the difference is the Server's cost
// (auth, routing, params decode, result encode, envelope).
func BenchmarkServerAPI(b *testing.B) {
	resp := readTestdata(b, "api", APIGetGroupMemberInfo, "response.json")
	var want GetGroupMemberInfoResult
	if err := json.Unmarshal(dataOf(b, resp), &want); err != nil {
		b.Fatal(err)
	}
	compact, err := json.Marshal(json.RawMessage(resp))
	if err != nil {
		b.Fatal(err)
	}
	mux := NewServeMux()
	mux.HandleGetGroupMemberInfo(func(ctx context.Context, p *GetGroupMemberInfoParams) (*GetGroupMemberInfoResult, error) {
		r := want
		return &r, nil
	})
	srv, err := NewServer(mux, &ServerOptions{Token: srvToken})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	baseline := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(compact)
	})
	params := &GetGroupMemberInfoParams{GroupID: 123456789, UserID: 10001}
	for _, bc := range []struct {
		name string
		h    http.Handler
	}{{"baseline", baseline}, {"server", srv}} {
		b.Run(bc.name, func(b *testing.B) {
			hs := httptest.NewServer(bc.h)
			defer hs.Close()
			tr := &http.Transport{}
			defer tr.CloseIdleConnections()
			caller, err := transport.NewMilkyHTTPCaller(hs.URL, &transport.HTTPOptions{Token: srvToken, Client: &http.Client{Transport: tr}})
			if err != nil {
				b.Fatal(err)
			}
			c := NewClient(caller)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.GetGroupMemberInfo(ctx, params); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkServerPublish measures Publish of a group message event with no
// subscribers (the encoding and fan-out bookkeeping done once per event),
// against encoding the same event with encoding/json ("baseline", which
// calls the event's MarshalJSON and then re-validates its output).
func BenchmarkServerPublish(b *testing.B) {
	ev, err := ParseEvent(readTestdata(b, "events", "message_receive_group.json"))
	if err != nil {
		b.Fatal(err)
	}
	srv, err := NewServer(nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("publish", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := srv.Publish(ctx, ev); err != nil {
				b.Fatal(err)
			}
		}
	})
}
