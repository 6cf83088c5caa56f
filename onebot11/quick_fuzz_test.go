package onebot11_test

import (
	"encoding/json"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
)

// FuzzQuickReply: decoding never panics, and what decodes re-encodes to a
// document that decodes to the same encoding (stable after one pass).
func FuzzQuickReply(f *testing.F) {
	for _, s := range []string{
		`{"reply":"hi","at_sender":true}`,
		`{"reply":[{"type":"text","data":{"text":"x"}}],"delete":true,"kick":false,"ban":true,"ban_duration":60,"x":[1,{"a":null}]}`,
		`{"approve":true,"remark":"r","reason":""}`,
		`{}`, `[]`, `null`, `{"reply":3}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var q onebot11.QuickReply
		if json.Unmarshal([]byte(s), &q) == nil {
			once, err := json.Marshal(&q)
			if err != nil {
				t.Fatalf("re-encoding %s: %v", s, err)
			}
			var q2 onebot11.QuickReply
			if err := json.Unmarshal(once, &q2); err != nil {
				t.Fatalf("decoding our own %s: %v", once, err)
			}
			twice, err := json.Marshal(&q2)
			if err != nil {
				t.Fatal(err)
			}
			golden.EqualJSON(t, once, twice)
		}
		var a onebot11.QuickApprove
		if json.Unmarshal([]byte(s), &a) == nil {
			if _, err := json.Marshal(&a); err != nil {
				t.Fatalf("re-encoding approve %s: %v", s, err)
			}
		}
	})
}
