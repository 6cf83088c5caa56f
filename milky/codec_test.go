package milky

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
)

func TestIncomingMessageLenientInput(t *testing.T) {
	in := `{"message_scene":"temp","peer_id":"10001","message_seq":"42","sender_id":-5,"time":null,"segments":[],
		"group":{"group_id":10001,"group_name":12.5,"member_count":"3","max_member_count":9,"remark":"","created_time":0,"description":"","question":"","announcement":""}}`
	var m IncomingMessage
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if m.PeerID != 10001 || m.MessageSeq != 42 || m.SenderID != -5 || m.Time != 0 || m.Group.GroupName != "12.5" || m.Group.MemberCount != 3 {
		t.Errorf("%+v %+v", m, m.Group)
	}
}

func TestCodecStringsRoundTrip(t *testing.T) {
	in := `{"user_id":10001,"nickname":"a\"b\\c\n\t\u0001 \u2028 é 😀 \/","sex":"male","qid":"","remark":"<&>","category":{"category_id":1,"category_name":"x","new":{"deep":[true,null]}},"extra":"\ud83d\ude00"}`
	var f FriendEntity
	if err := json.Unmarshal([]byte(in), &f); err != nil {
		t.Fatal(err)
	}
	if f.Nickname != "a\"b\\c\n\t\x01 \u2028 é 😀 /" || f.Remark != "<&>" {
		t.Errorf("%q", f.Nickname)
	}
	out, err := json.Marshal(&f)
	if err != nil {
		t.Fatal(err)
	}
	golden.EqualJSON(t, []byte(in), out)
}

func TestCodecInvalidUTF8Output(t *testing.T) {
	out, err := json.Marshal(&FriendCategoryEntity{CategoryName: "a\xffb"})
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(out) || !strings.Contains(string(out), `a\ufffdb`) {
		t.Errorf("%s", out)
	}
}

func TestCodecDecodeErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not object":      `[]`,
		"bad int":         `{"user_id":"12a"}`,
		"float int":       `{"user_id":1.5}`,
		"overflow":        `{"user_id":99999999999999999999}`,
		"bool string":     `{"nickname":true}`,
		"unterminated":    `{"nickname":"abc`,
		"missing colon":   `{"nickname" "a"}`,
		"missing comma":   `{"nickname":"a" "sex":"b"}`,
		"trailing":        `{"nickname":"a"} x`,
		"bad extra":       `{"x":[1,}`,
		"bad category":    `{"category":5}`,
		"control in key":  "{\"a\x01\":1}",
		"empty":           ``,
		"bad escape":      `{"nickname":"\x"}`,
		"truncated after": `{"nickname":"a",`,
	} {
		var f FriendEntity
		if err := json.Unmarshal([]byte(in), &f); err == nil {
			t.Errorf("%s: no error for %s", name, in)
		}
		if err := f.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s: UnmarshalJSON: no error for %s", name, in)
		}
	}
}

func FuzzParseEvent(f *testing.F) {
	for _, file := range eventFixtures(f) {
		f.Add(readTestdata(f, "events", file))
	}
	f.Add([]byte(`{"event_type":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := ParseEvent(b)
		if err != nil {
			return
		}
		out, err := json.Marshal(ev)
		if err != nil {
			t.Fatalf("re-encoding a parsed event: %v", err)
		}
		ev2, err := ParseEvent(out)
		if err != nil {
			t.Fatalf("re-parsing %s: %v", out, err)
		}
		if ev2.EventType() != string([]rune(ev.EventType())) || ev2.Time() != ev.Time() || ev2.SelfID() != ev.SelfID() {
			t.Fatalf("re-parsed header differs: %s", out)
		}
		// Once re-encoded, the encoding is stable.
		out2, err := json.Marshal(ev2)
		if err != nil {
			t.Fatal(err)
		}
		if !golden.SameJSON(out, out2) {
			t.Fatalf("re-encoding is not stable:\n%s\n%s", out, out2)
		}
	})
}

func FuzzDecodeResponse(f *testing.F) {
	for _, name := range []string{APIGetGroupNotifications, APIGetMessage, APIGetGroupMemberInfo} {
		f.Add(name, readTestdata(f, "api", name, "response.json"))
	}
	f.Add(APIGetLoginInfo, []byte(`{"status":"failed","retcode":-403,"message":"x"}`))
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		tc, ok := apiCases[name]
		if !ok || tc.result == nil {
			return
		}
		r := tc.result()
		err := decodeResponse(name, b, r)
		var ae *APIError
		var de *DecodeError
		if err != nil && !errors.As(err, &ae) && !errors.As(err, &de) {
			t.Fatalf("error %T: %v", err, err)
		}
		if err == nil {
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("re-encoding a decoded result: %v", err)
			}
		}
	})
}
