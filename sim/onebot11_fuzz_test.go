package sim

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/duobot/duobot/onebot11"
)

// FuzzOneBot11Content: any message converts to world content or fails with
// ErrInvalidArgument, never panics, and content converts back to a message
// that marshals.
func FuzzOneBot11Content(f *testing.F) {
	for _, s := range []string{
		`[{"type":"text","data":{"text":"hi"}},{"type":"at","data":{"qq":"20001"}}]`,
		`"[CQ:face,id=1]x&amp;[CQ:reply,id=3]"`,
		`[{"type":"image","data":{"file":"base64://AAAA","subType":"1"}},{"type":"mface","data":{"emoji_package_id":"x"}}]`,
		`[{"type":"node","data":{"id":"1"}},{"type":"weird","data":{"a":[1,2]},"x":1}]`,
		`[{"type":"file","data":{"file_size":"-1"}},{"type":"xml","data":{"data":"<a/>","resid":"35"}}]`,
	} {
		f.Add([]byte(s))
	}
	b := NewOneBot11(New(WithSeed(1)), nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		var m onebot11.Message
		if json.Unmarshal(data, &m) != nil {
			return
		}
		c, err := b.WorldContent(m)
		if err != nil {
			if !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("WorldContent(%s): %v does not wrap ErrInvalidArgument", data, err)
			}
			return
		}
		if len(c) != len(m) {
			t.Fatalf("%d elements for %d segments", len(c), len(m))
		}
		if _, err := json.Marshal(OneBot11Message(c)); err != nil {
			t.Fatalf("marshal of converted %s: %v", data, err)
		}
	})
}

// FuzzOneBot11GroupFlag: a flag that decodes names a positive seq and a
// request kind, and re-encodes to a flag that decodes the same.
func FuzzOneBot11GroupFlag(f *testing.F) {
	for _, s := range []string{"group:1:join_request", "invite:7", "group:x:kick", "friend:u", "", "invite:-1", "group:9:invited_join_request:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, flag string) {
		seq, typ, invite, err := ob11ParseGroupFlag(flag)
		if err != nil {
			if !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("%q: %v", flag, err)
			}
			return
		}
		var again string
		if invite {
			again = OneBot11InviteFlag(GroupInvitation{Seq: seq})
		} else {
			again = OneBot11GroupFlag(GroupNotification{Seq: seq, Type: typ})
		}
		seq2, typ2, invite2, err := ob11ParseGroupFlag(again)
		if err != nil || seq <= 0 || seq2 != seq || typ2 != typ || invite2 != invite {
			t.Fatalf("%q decoded to seq %d type %q invite %v, which encodes as %q (%v)", flag, seq, typ, invite, again, err)
		}
	})
}
