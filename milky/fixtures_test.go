package milky

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
)

// TestValidAPIFixtures decodes the schema-valid request and response
// fixtures of every API into their types and checks that re-encoding gives
// the same JSON value.
func TestValidAPIFixtures(t *testing.T) {
	for _, name := range APINames {
		tc := apiCases[name]
		t.Run(name, func(t *testing.T) {
			if tc.params != nil {
				in := readTestdata(t, "api", name, "request.json")
				if out := reencode(t, in, tc.params()); !golden.SameJSON(in, out) {
					t.Errorf("request.json: re-encoded\n%s\nwant\n%s", out, in)
				}
				// Params with only the required fields set: optional fields
				// whose default is the Go zero value are sent explicitly,
				// the others (pointers) are left out. The golden file shows
				// exactly what the client sends.
				in = readTestdata(t, "api", name, "request_min.json")
				golden.JSON(t, "milky/api/"+name+"/request_min.sent.json", reencode(t, in, tc.params()))
			}
			resp := readTestdata(t, "api", name, "response.json")
			if tc.result == nil {
				if err := decodeResponse(name, resp, nil); err != nil {
					t.Fatal(err)
				}
				return
			}
			r := tc.result()
			if err := decodeResponse(name, resp, r); err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if data := dataOf(t, resp); !golden.SameJSON(data, out) {
				t.Errorf("response: re-encoded\n%s\nwant\n%s", out, data)
			}
		})
	}
}

// eventGoTypes maps each event type to the Go type ParseEvent must return.
var eventGoTypes = map[string]Event{
	EventBotOffline:                new(BotOfflineEvent),
	EventMessageReceive:            new(MessageReceiveEvent),
	EventMessageRecall:             new(MessageRecallEvent),
	EventPeerPinChange:             new(PeerPinChangeEvent),
	EventFriendRequest:             new(FriendRequestEvent),
	EventGroupJoinRequest:          new(GroupJoinRequestEvent),
	EventGroupInvitedJoinRequest:   new(GroupInvitedJoinRequestEvent),
	EventGroupInvitation:           new(GroupInvitationEvent),
	EventFriendNudge:               new(FriendNudgeEvent),
	EventFriendFileUpload:          new(FriendFileUploadEvent),
	EventGroupAdminChange:          new(GroupAdminChangeEvent),
	EventGroupEssenceMessageChange: new(GroupEssenceMessageChangeEvent),
	EventGroupMemberIncrease:       new(GroupMemberIncreaseEvent),
	EventGroupMemberDecrease:       new(GroupMemberDecreaseEvent),
	EventGroupNameChange:           new(GroupNameChangeEvent),
	EventGroupMessageReaction:      new(GroupMessageReactionEvent),
	EventGroupMute:                 new(GroupMuteEvent),
	EventGroupWholeMute:            new(GroupWholeMuteEvent),
	EventGroupNudge:                new(GroupNudgeEvent),
	EventGroupFileUpload:           new(GroupFileUploadEvent),
	EventGroupDisband:              new(GroupDisbandEvent),
}

// eventFixtures returns the names of the files in testdata/milky/events.
func eventFixtures(t testing.TB) []string {
	entries, err := os.ReadDir(golden.Path("milky", "events"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestEventFixtures parses one event of every type (the 20 of Milky 1.2 and
// 1.3's group_disband), checks its Go type, header and re-encoding.
func TestEventFixtures(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range eventFixtures(t) {
		t.Run(file, func(t *testing.T) {
			in := readTestdata(t, "events", file)
			ev, err := ParseEvent(in)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(file, "unknown") {
				if _, ok := ev.(*UnknownEvent); !ok {
					t.Fatalf("got %T, want *UnknownEvent", ev)
				}
			} else {
				want, ok := eventGoTypes[ev.EventType()]
				if !ok {
					t.Fatalf("event type %q not expected", ev.EventType())
				}
				if reflect.TypeOf(ev) != reflect.TypeOf(want) {
					t.Fatalf("got %T, want %T", ev, want)
				}
				seen[ev.EventType()] = true
			}
			if ev.Time() != 1764000000 || ev.SelfID() != 3141592653 {
				t.Errorf("header: time %d self_id %d", ev.Time(), ev.SelfID())
			}
			out, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			if !golden.SameJSON(in, out) {
				t.Errorf("re-encoded\n%s\nwant\n%s", out, in)
			}
			// Decoding straight into the concrete type works too.
			if _, ok := ev.(*UnknownEvent); !ok {
				v := reflect.New(reflect.TypeOf(ev).Elem()).Interface()
				if err := json.Unmarshal(in, v); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(v, ev) {
					t.Errorf("json.Unmarshal into %T differs from ParseEvent", v)
				}
			}
		})
	}
	for typ := range eventGoTypes {
		if !seen[typ] {
			t.Errorf("no fixture for %s", typ)
		}
	}
	if len(EventTypes) != 21 {
		t.Errorf("%d event types, want 21", len(EventTypes))
	}
}
