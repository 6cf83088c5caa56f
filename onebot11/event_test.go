package onebot11

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
)

// eventCases maps every file of testdata/onebot11/events to the type
// ParseEvent must give it.
var eventCases = map[string]string{
	// the document's event examples (catalog schemas *Event)
	"doc_message_event":              "*onebot11.PrivateMessageEvent",
	"doc_poke_event":                 "*onebot11.PokeNotifyEvent",
	"doc_poke_recall_event":          "*onebot11.PokeRecallNotifyEvent",
	"doc_friend_recall_notice_event": "*onebot11.FriendRecallNoticeEvent",
	"doc_friend_request_event":       "*onebot11.FriendRequestEvent",
	"doc_friend_add_notice_event":    "*onebot11.FriendAddNoticeEvent",
	"doc_profile_like_event":         "*onebot11.ProfileLikeNotifyEvent",
	"doc_group_upload_notice_event":  "*onebot11.GroupUploadNoticeEvent",
	"doc_group_request_event":        "*onebot11.GroupRequestEvent",
	"doc_group_dismiss_event":        "*onebot11.GroupDismissNoticeEvent",
	"doc_group_increase_event":       "*onebot11.GroupIncreaseNoticeEvent",
	"doc_group_decrease_event":       "*onebot11.GroupDecreaseNoticeEvent",
	"doc_group_title_event":          "*onebot11.TitleNotifyEvent",
	"doc_group_msg_emoji_like_event": "*onebot11.GroupMsgEmojiLikeNoticeEvent",
	"doc_group_recall_notice_event":  "*onebot11.GroupRecallNoticeEvent",
	"doc_group_admin_notice_event":   "*onebot11.GroupAdminNoticeEvent",
	"doc_group_ban_event":            "*onebot11.GroupBanNoticeEvent",
	"doc_essence_event":              "*onebot11.EssenceNoticeEvent",
	"doc_flash_file_event":           "*onebot11.FlashFileNoticeEvent",
	"doc_heartbeat_event":            "*onebot11.HeartbeatMetaEvent",
	"doc_lifecycle_event":            "*onebot11.LifecycleMetaEvent",
	"doc_get_msg_group_sent":         "*onebot11.GroupMessageSentEvent",
	"doc_history_private_sent":       "*onebot11.PrivateMessageSentEvent",
	"gocq_group_message_string":      "*onebot11.GroupMessageEvent",
	"gocq_private_message_string":    "*onebot11.PrivateMessageEvent",
	"gocq_group_message_sent":        "*onebot11.GroupMessageSentEvent",
	"gocq_anonymous_message":         "*onebot11.GroupMessageEvent",
	"gocq_guild_message":             "*onebot11.GuildMessageEvent",
	"gocq_guild_message_sent":        "*onebot11.GuildMessageSentEvent",
	"gocq_group_card":                "*onebot11.GroupCardNoticeEvent",
	"gocq_offline_file":              "*onebot11.OfflineFileNoticeEvent",
	"gocq_client_status":             "*onebot11.ClientStatusNoticeEvent",
	"gocq_lucky_king":                "*onebot11.LuckyKingNotifyEvent",
	"gocq_honor":                     "*onebot11.HonorNotifyEvent",
	"gocq_friend_poke":               "*onebot11.PokeNotifyEvent",
	"gocq_title":                     "*onebot11.TitleNotifyEvent",
	"gocq_essence":                   "*onebot11.EssenceNoticeEvent",
	"gocq_lifecycle_connect":         "*onebot11.LifecycleMetaEvent",
	"gocq_heartbeat":                 "*onebot11.HeartbeatMetaEvent",
	"gocq_group_ban_whole":           "*onebot11.GroupBanNoticeEvent",
	"napcat_poke_raw_info_array":     "*onebot11.PokeNotifyEvent",
	"napcat_input_status":            "*onebot11.InputStatusNotifyEvent",
	"napcat_group_name":              "*onebot11.GroupNameNotifyEvent",
	"napcat_bot_offline":             "*onebot11.BotOfflineNoticeEvent",
	"napcat_group_message_array":     "*onebot11.GroupMessageEvent",
	"case_numeric_string_ids":        "*onebot11.GroupMessageEvent",
	"case_negative_ids":              "*onebot11.GroupRecallNoticeEvent",
	"case_unknown_notice":            "*onebot11.UnknownEvent",
	"case_unknown_notify":            "*onebot11.UnknownEvent",
	"case_unknown_post_type":         "*onebot11.UnknownEvent",
	"case_wrong_field_type":          "*onebot11.UnknownEvent",
	"case_extra_fields":              "*onebot11.GroupIncreaseNoticeEvent",
	"case_null_fields":               "*onebot11.GroupRequestEvent",
	"case_bool_forms":                "*onebot11.GroupMsgEmojiLikeNoticeEvent",
	"case_bool_number":               "*onebot11.HeartbeatMetaEvent",
	"case_escaped_keys":              "*onebot11.FriendAddNoticeEvent",
	"case_lifecycle_enable":          "*onebot11.LifecycleMetaEvent",
	"case_private_temp":              "*onebot11.PrivateMessageEvent",
}

// fullyTyped lists cases whose every member has a Go field: nothing may land
// in Extra.
var fullyTyped = []string{
	"doc_poke_event", "doc_poke_recall_event", "doc_friend_recall_notice_event",
	"doc_friend_request_event", "doc_friend_add_notice_event", "doc_profile_like_event",
	"doc_group_upload_notice_event", "doc_group_request_event", "doc_group_dismiss_event",
	"doc_group_increase_event", "doc_group_decrease_event", "doc_group_title_event",
	"doc_group_msg_emoji_like_event", "doc_group_recall_notice_event",
	"doc_group_admin_notice_event", "doc_group_ban_event", "doc_essence_event",
	"doc_flash_file_event", "doc_heartbeat_event", "doc_lifecycle_event",
	"doc_message_event", "gocq_group_message_string", "gocq_guild_message",
	"gocq_group_card", "gocq_offline_file", "gocq_client_status", "gocq_essence",
	"napcat_input_status", "napcat_group_name", "napcat_bot_offline",
}

func readCase(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(golden.Path("onebot11", "events", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEventCasesCoverTestdata(t *testing.T) {
	files, err := filepath.Glob(golden.Path("onebot11", "events", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		seen[name] = true
		if _, ok := eventCases[name]; !ok {
			t.Errorf("testdata file %s has no entry in eventCases", name)
		}
	}
	for name := range eventCases {
		if !seen[name] {
			t.Errorf("eventCases entry %s has no testdata file", name)
		}
	}
}

func TestParseEventGolden(t *testing.T) {
	names := make([]string, 0, len(eventCases))
	for name := range eventCases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			in := readCase(t, name)
			ev, err := ParseEvent(in)
			if err != nil {
				t.Fatalf("ParseEvent: %v", err)
			}
			if got := fmt.Sprintf("%T", ev); got != eventCases[name] {
				t.Fatalf("type = %s, want %s (%v)", got, eventCases[name], unknownErr(ev))
			}
			out, err := json.Marshal(ev)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			golden.EqualJSON(t, in, out)

			// The Go view: which field got which value.
			golden.JSON(t, "onebot11/events/typed/"+name+".json", goView(t, ev))

			// Header agrees with the wire.
			var m map[string]any
			if err := json.Unmarshal(in, &m); err != nil {
				t.Fatal(err)
			}
			h := ev.Header()
			if pt, _ := m["post_type"].(string); h.PostType != pt || ev.PostType() != pt {
				t.Errorf("PostType = %q/%q, want %q", h.PostType, ev.PostType(), pt)
			}
			if st, _ := m["sub_type"].(string); h.SubType != st {
				t.Errorf("SubType = %q, want %q", h.SubType, st)
			}
			if h.DetailType != ev.DetailType() {
				t.Errorf("DetailType = %q vs %q", h.DetailType, ev.DetailType())
			}
		})
	}
}

func unknownErr(ev Event) error {
	if u, ok := ev.(*UnknownEvent); ok {
		return u.Err
	}
	return nil
}

func TestFullyTypedCasesHaveNoExtra(t *testing.T) {
	for _, name := range fullyTyped {
		ev, err := ParseEvent(readCase(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if extra := collectExtra(reflect.ValueOf(ev), name); len(extra) > 0 {
			t.Errorf("%s: members left in Extra: %v", name, extra)
		}
	}
}

// collectExtra lists the Extra keys of v and its nested wire structs.
func collectExtra(v reflect.Value, path string) []string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	var out []string
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if f.Name == "Extra" {
				for _, k := range v.Field(i).MapKeys() {
					out = append(out, path+"."+k.String())
				}
				continue
			}
			if f.Type == reflect.TypeOf(Message(nil)) {
				continue
			}
			out = append(out, collectExtra(v.Field(i), path+"."+f.Name)...)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Struct {
			for i := 0; i < v.Len(); i++ {
				out = append(out, collectExtra(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return out
}

// goView renders an event's exported Go fields (not its JSON) so the golden
// file shows which field holds which value.
func goView(t testing.TB, ev Event) []byte {
	t.Helper()
	view := map[string]any{"$type": fmt.Sprintf("%T", ev), "$header": ev.Header()}
	if u, ok := ev.(*UnknownEvent); ok {
		view["Raw"] = json.RawMessage(u.Raw)
		if u.Err != nil {
			view["Err"] = u.Err.Error()
		}
	} else {
		view["fields"] = viewOf(reflect.ValueOf(ev))
	}
	if me, ok := ev.(MessageEvent); ok {
		view["$source"] = me.Source()
		view["$self_sent"] = me.IsSelfSent()
	}
	b, err := json.Marshal(view)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func viewOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return viewOf(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.IsExported() {
				m[f.Name] = viewOf(v.Field(i))
			}
		}
		return m
	case reflect.Slice:
		if v.Type() == reflect.TypeOf(json.RawMessage(nil)) {
			if v.Len() == 0 {
				return nil
			}
			return json.RawMessage(v.Bytes())
		}
		if v.Type() == reflect.TypeOf(Message(nil)) {
			// The segments are the segment types' business (their own
			// tests); the round trip above checks them here.
			if v.IsNil() {
				return nil
			}
			return "(Message)"
		}
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = viewOf(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.Len() == 0 {
			return nil
		}
		return v.Interface()
	default:
		return v.Interface()
	}
}

func TestParseEventErrors(t *testing.T) {
	for _, in := range []string{
		``, `   `, `nul`, `[]`, `"notice"`, `123`, `null`,
		`{"post_type":"notice"`, `{"post_type":"notice",}`, `{"a":1}x`,
		`{"post_type":"notice","notice_type":"friend_add","user_id":1} {}`,
		`{"post_type":"notice","notice_type":"friend_add","user_id":01}`,
		`{"post_type":"notice","notice_type":"friend_add","x":[1,]}`,
		`{"post_type":"notice","notice_type":"friend_add","x":"\x"}`,
		"{\"post_type\":\"notice\",\"x\":\"a\nb\"}",
		// a broken message, which the fast delimiting scan leaves to the
		// message decoder and the whole-frame check
		`{"post_type":"message","message_type":"group","message":[{"type":"text","data":{"text":"x"}}`,
		`{"post_type":"message","message_type":"group","message":[1,],"raw_message":""}`,
		`{"post_type":"message","message_type":"group","message":"abc,"raw_message":""}`,
		`{"post_type":"message","message_type":"group","message":[{"type":"text","data":{"text":"a\"]"}}]`,
	} {
		ev, err := ParseEvent([]byte(in))
		if err == nil {
			t.Errorf("ParseEvent(%q) = %T, want an error", in, ev)
			continue
		}
		if !strings.HasPrefix(err.Error(), "onebot11: ") {
			t.Errorf("ParseEvent(%q) error %q lacks the package prefix", in, err)
		}
	}
}

func TestParseEventUnknownKeepsHeader(t *testing.T) {
	ev, err := ParseEvent(readCase(t, "case_unknown_post_type"))
	if err != nil {
		t.Fatal(err)
	}
	u := ev.(*UnknownEvent)
	want := EventHeader{Time: 1700000054, SelfID: 10000, PostType: "message_reactions_updated"}
	if u.Header() != want {
		t.Errorf("Header = %+v, want %+v", u.Header(), want)
	}
	if u.Err != nil {
		t.Errorf("Err = %v for an unknown type", u.Err)
	}
	// A constructed UnknownEvent works out its header from Raw.
	u2 := &UnknownEvent{Raw: u.Raw}
	if u2.Header() != want {
		t.Errorf("constructed Header = %+v", u2.Header())
	}

	ev, err = ParseEvent(readCase(t, "case_wrong_field_type"))
	if err != nil {
		t.Fatal(err)
	}
	u = ev.(*UnknownEvent)
	if u.Err == nil || !strings.Contains(u.Err.Error(), "user_id") {
		t.Errorf("Err = %v, want one naming user_id", u.Err)
	}
	if u.DetailType() != "friend_add" || u.PostType() != "notice" {
		t.Errorf("header = %+v", u.Header())
	}
}

func TestParseEventDoesNotRetainFrame(t *testing.T) {
	for _, name := range []string{"napcat_group_message_array", "case_extra_fields", "case_unknown_notice", "gocq_group_message_string"} {
		in := readCase(t, name)
		frame := append([]byte(nil), in...)
		ev, err := ParseEvent(frame)
		if err != nil {
			t.Fatal(err)
		}
		for i := range frame {
			frame[i] = 'x'
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		golden.EqualJSON(t, in, out)
	}
}

func TestStringFormatMessage(t *testing.T) {
	in := readCase(t, "gocq_group_message_string")
	ev, err := ParseEvent(in)
	if err != nil {
		t.Fatal(err)
	}
	g := ev.(*GroupMessageEvent)
	if len(g.Message) == 0 {
		t.Fatal("string message parsed to no segments")
	}
	if g.Anonymous != nil {
		t.Errorf("Anonymous = %+v, want nil", g.Anonymous)
	}
	if g.MessageID != -2104567231 {
		t.Errorf("MessageID = %d", g.MessageID)
	}
	// Unchanged, it goes back out as the string.
	out, _ := json.Marshal(g)
	var m struct{ Message any }
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Message.(string); !ok {
		t.Errorf("message re-encoded as %T, want the string", m.Message)
	}
	// Replaced, it is written in the array format.
	g.Message = textMessage(t, "new")
	out, _ = json.Marshal(g)
	m.Message = nil
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Message.([]any); !ok {
		t.Errorf("replaced message encoded as %T, want an array", m.Message)
	}
}

func TestNumericStringIDs(t *testing.T) {
	ev, err := ParseEvent(readCase(t, "case_numeric_string_ids"))
	if err != nil {
		t.Fatal(err)
	}
	g := ev.(*GroupMessageEvent)
	if g.GroupID != 123456789 || g.UserID != 10002 || g.MessageID != -2147483648 || g.Time != 1700000050 || g.SelfID != 10000 || g.Font != 14 {
		t.Errorf("ids = %+v", g)
	}
	if g.Sender.UserID != 10002 || g.Sender.Age != 18 || g.Sender.Level != "5" {
		t.Errorf("sender = %+v", g.Sender)
	}
}

// Constructed events write their required fields and their non-zero
// optional ones.
func TestConstructedEventEncoding(t *testing.T) {
	ev := &GroupMessageEvent{
		Time: 1, SelfID: 2, SubType: GroupMessageNormal, MessageID: 3, GroupID: 4, UserID: 5,
		Message:    textMessage(t, "hi"),
		RawMessage: "hi", Sender: Sender{UserID: 5, Nickname: "n", Role: RoleMember},
	}
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"post_type":"message","message_type":"group","time":1,"self_id":2,
		"sub_type":"normal","message_id":3,"group_id":4,"user_id":5,
		"message":[{"type":"text","data":{"text":"hi"}}],"raw_message":"hi","font":0,
		"sender":{"user_id":5,"nickname":"n","role":"member"}}`), out)
	back, err := ParseEvent(out)
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := back.(*GroupMessageEvent); !ok || g.Sender.Nickname != "n" || g.GroupID != 4 {
		t.Errorf("round trip = %#v", back)
	}

	sent := &PrivateMessageSentEvent{Time: 1, SelfID: 2, UserID: 2, TargetID: 9, SubType: PrivateMessageFriend}
	out, err = json.Marshal(sent)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(`{"post_type":"message_sent","message_type":"private","time":1,"self_id":2,
		"sub_type":"friend","message_id":0,"user_id":2,"message":[],"raw_message":"","font":0,
		"sender":{"user_id":0,"nickname":""},"target_id":9}`), out)
}

func TestUnmarshalJSONChecksDiscriminators(t *testing.T) {
	var ev GroupRecallNoticeEvent
	err := json.Unmarshal(readCase(t, "doc_friend_recall_notice_event"), &ev)
	if err == nil || !strings.Contains(err.Error(), "notice_type") {
		t.Errorf("err = %v, want a notice_type mismatch", err)
	}
	var sent GroupMessageSentEvent
	if err := json.Unmarshal(readCase(t, "doc_get_msg_group_sent"), &sent); err != nil {
		t.Fatal(err)
	}
	if sent.GroupID != 860105388 || sent.Sender.Role != RoleOwner {
		t.Errorf("sent = %+v", sent)
	}
	var plain GroupMessageEvent
	if err := json.Unmarshal(readCase(t, "doc_get_msg_group_sent"), &plain); err == nil {
		t.Error("a message_sent frame decoded into GroupMessageEvent")
	}
}

func TestMessageEventInterface(t *testing.T) {
	for name, want := range map[string]MessageSource{
		"gocq_group_message_string": {MessageType: "group", SubType: "normal", MessageID: -2104567231, UserID: 10002, GroupID: 123456789},
		"doc_history_private_sent":  {MessageType: "private", SubType: "friend", MessageID: 1898394369, UserID: 379450326},
		"gocq_guild_message":        {MessageType: "guild", SubType: "channel", GuildID: "65432101234567890", ChannelID: "1234567", GuildUserID: "144115218677563300", GuildMessageID: "BAC3HLRYvXdY/////////wAAAAAAAAAa"},
	} {
		ev, err := ParseEvent(readCase(t, name))
		if err != nil {
			t.Fatal(err)
		}
		me, ok := ev.(MessageEvent)
		if !ok {
			t.Fatalf("%s: %T is not a MessageEvent", name, ev)
		}
		if got := me.Source(); got != want {
			t.Errorf("%s: Source = %+v, want %+v", name, got, want)
		}
		if me.IsSelfSent() != (ev.PostType() == PostTypeMessageSent) {
			t.Errorf("%s: IsSelfSent = %v", name, me.IsSelfSent())
		}
		if len(me.GetMessage()) == 0 || me.DetailType() != want.MessageType {
			t.Errorf("%s: message %v, detail %q", name, me.GetMessage(), me.DetailType())
		}
	}
	ev, _ := ParseEvent(readCase(t, "doc_friend_add_notice_event"))
	if _, ok := ev.(MessageEvent); ok {
		t.Error("a notice is a MessageEvent")
	}
}

func TestNestedNullAndNilJSON(t *testing.T) {
	var s Sender
	if err := json.Unmarshal([]byte(`null`), &s); err != nil || s.UserID != 0 {
		t.Errorf("null: %v %+v", err, s)
	}
	if err := json.Unmarshal([]byte(`{"user_id":1,"nickname":"a","zz":[1]}`), &s); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(s)
	golden.EqualJSON(t, []byte(`{"user_id":1,"nickname":"a","zz":[1]}`), out)
	if err := json.Unmarshal([]byte(`{"user_id":1.5}`), &s); err == nil {
		t.Error("user_id 1.5 accepted")
	}
	if err := json.Unmarshal([]byte(`{"user_id":99999999999999999999}`), &s); err == nil {
		t.Error("overflowing user_id accepted")
	}
	var bad Sender
	bad.Extra = map[string]json.RawMessage{"x": json.RawMessage(`{oops`)}
	if _, err := json.Marshal(bad); err == nil {
		t.Error("invalid Extra JSON marshalled without error")
	}
}

func TestGeneratedCodeIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	out := filepath.Join(t.TempDir(), "event_json_gen.go")
	cmd := exec.Command("go", "run", "event_gen.go", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, b)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("event_json_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("event_json_gen.go is stale: run go generate ./onebot11/")
	}
}

// textMessage builds a one-text-segment Message through its JSON form.
func textMessage(t testing.TB, text string) Message {
	t.Helper()
	b, err := json.Marshal([]map[string]any{{"type": "text", "data": map[string]string{"text": text}}})
	if err != nil {
		t.Fatal(err)
	}
	var m Message
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParseEventDispatchEdges(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// no post_type: nothing would write it back
		{`{"notice_type":"friend_add","user_id":1,"time":1,"self_id":2}`, "*onebot11.UnknownEvent"},
		// post_type contradicting the detail key
		{`{"message_type":"group","post_type":"notice","group_id":1}`, "*onebot11.UnknownEvent"},
		{`{"notice_type":"friend_add","post_type":"request","user_id":1}`, "*onebot11.UnknownEvent"},
		// a detail key of the wrong kind
		{`{"post_type":"notice","notice_type":7}`, "*onebot11.UnknownEvent"},
		// post_type after the detail key, message_sent decided while decoding
		{`{"message_type":"private","sub_type":"friend","user_id":1,"message":[],"raw_message":"","font":0,"sender":{"user_id":1,"nickname":""},"message_id":1,"time":1,"self_id":1,"post_type":"message_sent"}`, "*onebot11.PrivateMessageSentEvent"},
		// notify needs sub_type, wherever it is
		{`{"notice_type":"notify","group_id":1,"user_id":2,"target_id":3,"time":1,"self_id":1,"post_type":"notice","sub_type":"lucky_king"}`, "*onebot11.LuckyKingNotifyEvent"},
		{`{"post_type":"notice","notice_type":"notify","user_id":2,"target_id":3}`, "*onebot11.UnknownEvent"},
	} {
		ev, err := ParseEvent([]byte(tc.in))
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := fmt.Sprintf("%T", ev); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.in, got, tc.want)
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		golden.EqualJSON(t, []byte(tc.in), out)
	}
}

func TestValueEnd(t *testing.T) {
	for _, tc := range []struct {
		in  string
		end int // -1: not delimited
	}{
		{`[]`, 2},
		{`[] ,`, 2},
		{`"abc",`, 5},
		{`"a\"b",`, 6},
		{`"a\\",`, 5},
		{`[{"t":"]}\"]"},[1,{"x":[]}]],"k":1`, 28},
		{`["0123456789abcdef\"0123456789"]}`, 32},
		{`["unterminated`, -1},
		{`[[]`, -1},
		{`"abc`, -1},
		{`"abc\`, -1},
	} {
		end, ok := valueEnd([]byte(tc.in), 0)
		if !ok {
			end = -1
		}
		if end != tc.end {
			t.Errorf("valueEnd(%s) = %d, want %d", tc.in, end, tc.end)
		}
	}
}

func TestUnmarshalJSONResets(t *testing.T) {
	var ev GroupRecallNoticeEvent
	if err := json.Unmarshal(readCase(t, "case_negative_ids"), &ev); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"post_type":"notice","notice_type":"group_recall","group_id":5,"x":1}`), &ev); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(ev)
	golden.EqualJSON(t, []byte(`{"post_type":"notice","notice_type":"group_recall","group_id":5,"x":1}`), out)
}

// Every event type, constructed in Go, encodes to a frame that ParseEvent
// gives back as the same type with the same JSON.
func TestConstructedEventsRoundTrip(t *testing.T) {
	for _, ev := range []Event{
		&PrivateMessageEvent{Time: 1, SelfID: 2, UserID: 3, SubType: PrivateMessageFriend},
		&PrivateMessageSentEvent{Time: 1, SelfID: 2, UserID: 2, TargetID: 3},
		&GroupMessageEvent{GroupID: 4, Anonymous: &Anonymous{ID: 1, Name: "n", Flag: "f"}},
		&GroupMessageSentEvent{GroupID: 4},
		&GuildMessageEvent{GuildID: "1", ChannelID: "2", UserID: "3", MessageID: "m"},
		&GuildMessageSentEvent{GuildID: "1"},
		&GroupUploadNoticeEvent{File: GroupUploadFile{ID: "f", Size: 1}},
		&GroupAdminNoticeEvent{SubType: GroupAdminSet},
		&GroupDecreaseNoticeEvent{SubType: GroupDecreaseKickMe},
		&GroupIncreaseNoticeEvent{SubType: GroupIncreaseInvite},
		&GroupBanNoticeEvent{SubType: GroupBanBan, Duration: 60},
		&FriendAddNoticeEvent{UserID: 1},
		&GroupRecallNoticeEvent{MessageID: -1},
		&FriendRecallNoticeEvent{MessageID: -1},
		&GroupDismissNoticeEvent{GroupID: 1},
		&GroupCardNoticeEvent{CardNew: "a"},
		&OfflineFileNoticeEvent{File: OfflineFile{Name: "x"}},
		&ClientStatusNoticeEvent{Client: &Device{AppID: 1}, Online: true},
		&EssenceNoticeEvent{SubType: EssenceDelete},
		&GroupMsgEmojiLikeNoticeEvent{Likes: []EmojiLike{{EmojiID: "76", Count: 1}}, IsAdd: true},
		&FlashFileNoticeEvent{SubType: FlashFileUploading, Files: []FlashFile{{Name: "a"}}},
		&BotOfflineNoticeEvent{Tag: "t"},
		&PokeNotifyEvent{UserID: 1, TargetID: 2, RawInfo: json.RawMessage(`"x"`)},
		&PokeRecallNotifyEvent{UserID: 1, TargetID: 2},
		&LuckyKingNotifyEvent{TargetID: 2},
		&HonorNotifyEvent{HonorType: HonorEmotion},
		&TitleNotifyEvent{Title: "t"},
		&ProfileLikeNotifyEvent{Times: 3},
		&InputStatusNotifyEvent{EventType: 1},
		&GroupNameNotifyEvent{NameNew: "n"},
		&FriendRequestEvent{Flag: "f"},
		&GroupRequestEvent{SubType: GroupRequestAdd, Flag: "f"},
		&HeartbeatMetaEvent{Interval: 5000, Status: HeartbeatStatus{Online: true, Good: true}},
		&LifecycleMetaEvent{SubType: LifecycleConnect},
	} {
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("%T: %v", ev, err)
		}
		back, err := ParseEvent(out)
		if err != nil {
			t.Fatalf("%T: %v\n%s", ev, err, out)
		}
		if fmt.Sprintf("%T", back) != fmt.Sprintf("%T", ev) {
			t.Errorf("%T came back as %T (%v)\n%s", ev, back, unknownErr(back), out)
			continue
		}
		if back.Header() != ev.Header() {
			t.Errorf("%T: header %+v, want %+v", ev, back.Header(), ev.Header())
		}
		again, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		golden.EqualJSON(t, out, again)
	}
}
