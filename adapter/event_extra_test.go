package adapter_test

import (
	"testing"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/milky"
)

// TestMilkyEventExtraLoss: unknown members of an event frame and of its
// data are reported by key (sorted), for a message (the fast path) and for
// another event (the general one), and nothing is reported without them.
func TestMilkyEventExtraLoss(t *testing.T) {
	st, err := adapter.NewMemoryStore()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := adapter.NewConverter(st)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, frame  string
		header, data string // expected details; "" none
	}{
		{"message", `{"time":1,"self_id":2,"z_frame":1,"a_frame":2,"event_type":"message_receive","data":{"message_scene":"friend","peer_id":3,"message_seq":4,"sender_id":3,"time":1,"segments":[{"type":"text","data":{"text":"hi"}}],"y_data":true,"b_data":null}}`, "a_frame, z_frame", "b_data, y_data"},
		{"message_plain", `{"time":1,"self_id":2,"event_type":"message_receive","data":{"message_scene":"friend","peer_id":3,"message_seq":5,"sender_id":3,"time":1,"segments":[]}}`, "", ""},
		{"mute", `{"time":1,"self_id":2,"k_frame":"x","event_type":"group_mute","data":{"group_id":3,"user_id":4,"operator_id":5,"duration":60,"q_data":1}}`, "k_frame", "q_data"},
		{"mute_plain", `{"time":1,"self_id":2,"event_type":"group_mute","data":{"group_id":3,"user_id":4,"operator_id":5,"duration":60}}`, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := milky.ParseEvent([]byte(tc.frame))
			if err != nil {
				t.Fatal(err)
			}
			out, rep, err := c.MilkyEventToOneBot(t.Context(), ev)
			if err != nil || len(out) != 1 {
				t.Fatalf("got %d events, %v", len(out), err)
			}
			got := map[string]string{}
			var items []adapter.Loss
			if rep != nil {
				items = rep.Items
			}
			for _, l := range items {
				if l.Code == adapter.LossMilkyExtra {
					got[l.Path] = l.Detail
				}
			}
			if got[""] != tc.header || got["data"] != tc.data || len(got) != btoi(tc.header != "")+btoi(tc.data != "") {
				t.Errorf("extra losses %q, want header %q data %q", got, tc.header, tc.data)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
