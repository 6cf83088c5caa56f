package onebot11_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/duobot/duobot/onebot11"
)

// callerFunc is an in-memory transport.Caller, so the benchmarks measure the
// client's encoding and decoding rather than the network.
type callerFunc func(ctx context.Context, action string, params []byte) ([]byte, error)

func (f callerFunc) Call(ctx context.Context, action string, params []byte) ([]byte, error) {
	return f(ctx, action, params)
}

func memberListResponse(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status":"ok","retcode":0,"data":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"group_id":123456789,"user_id":%d,"nickname":"member %d","card":"card %d","card_or_nickname":"card %d","sex":"unknown","age":0,"area":"","level":"12","qq_level":33,"join_time":1700000000,"last_sent_time":1700001234,"title_expire_time":0,"unfriendly":false,"card_changeable":true,"is_robot":false,"shut_up_timestamp":0,"role":"member","title":""}`, 10000+i, i, i, i)
	}
	b.WriteString(`],"message":"","wording":"","echo":null}`)
	return b.Bytes()
}

// plainMember mirrors GroupMemberInfo without generated methods: the
// encoding/json baseline.
type plainMember struct {
	GroupID         int64  `json:"group_id"`
	UserID          int64  `json:"user_id"`
	Nickname        string `json:"nickname"`
	Card            string `json:"card"`
	CardOrNickname  string `json:"card_or_nickname"`
	Sex             string `json:"sex"`
	Age             int64  `json:"age"`
	Area            string `json:"area"`
	Level           string `json:"level"`
	QQLevel         int64  `json:"qq_level"`
	JoinTime        int64  `json:"join_time"`
	LastSentTime    int64  `json:"last_sent_time"`
	TitleExpireTime int64  `json:"title_expire_time"`
	Unfriendly      bool   `json:"unfriendly"`
	CardChangeable  bool   `json:"card_changeable"`
	IsRobot         bool   `json:"is_robot"`
	ShutUpTimestamp int64  `json:"shut_up_timestamp"`
	Role            string `json:"role"`
	Title           string `json:"title"`
}

// BenchmarkGetGroupMemberList decodes a 500-member get_group_member_list
// response through the client; the encoding/json sub-benchmark decodes the
// same document into method-less mirror types (no leniency, no Extra).
func BenchmarkGetGroupMemberList(b *testing.B) {
	resp := memberListResponse(500)
	b.Run("client", func(b *testing.B) {
		c := onebot11.NewClient(callerFunc(func(context.Context, string, []byte) ([]byte, error) { return resp, nil }))
		ctx := context.Background()
		p := &onebot11.GetGroupMemberListParams{GroupID: 123456789}
		b.SetBytes(int64(len(resp)))
		b.ReportAllocs()
		for b.Loop() {
			list, err := c.GetGroupMemberList(ctx, p)
			if err != nil || len(list) != 500 {
				b.Fatal(err, len(list))
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(resp)))
		b.ReportAllocs()
		for b.Loop() {
			params, _ := json.Marshal(map[string]any{"group_id": 123456789})
			_ = params
			var env struct {
				Status  string        `json:"status"`
				Retcode int           `json:"retcode"`
				Data    []plainMember `json:"data"`
				Message string        `json:"message"`
				Wording string        `json:"wording"`
			}
			if err := json.Unmarshal(resp, &env); err != nil || len(env.Data) != 500 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSendGroupMsg measures one small call: params encoding, envelope
// and result decoding; the encoding/json sub-benchmark does the same with
// method-less mirror types.
func BenchmarkSendGroupMsg(b *testing.B) {
	resp := []byte(`{"status":"ok","retcode":0,"data":{"message_id":-2147483000},"message":"","wording":""}`)
	segs := `[{"type":"text","data":{"text":"hello"}}]`
	b.Run("client", func(b *testing.B) {
		var msg onebot11.Message
		if err := json.Unmarshal([]byte(segs), &msg); err != nil {
			b.Fatal(err)
		}
		c := onebot11.NewClient(callerFunc(func(_ context.Context, _ string, params []byte) ([]byte, error) { return resp, nil }))
		ctx := context.Background()
		p := &onebot11.SendGroupMsgParams{GroupID: 123456, Message: msg}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.SendGroupMsg(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		type seg struct {
			Type string            `json:"type"`
			Data map[string]string `json:"data"`
		}
		var msg []seg
		if err := json.Unmarshal([]byte(segs), &msg); err != nil {
			b.Fatal(err)
		}
		p := struct {
			GroupID int64 `json:"group_id"`
			Message []seg `json:"message"`
		}{123456, msg}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(&p); err != nil {
				b.Fatal(err)
			}
			var env struct {
				Status  string `json:"status"`
				Retcode int    `json:"retcode"`
				Data    struct {
					MessageID int64 `json:"message_id"`
				} `json:"data"`
				Message string `json:"message"`
				Wording string `json:"wording"`
			}
			if err := json.Unmarshal(resp, &env); err != nil {
				b.Fatal(err)
			}
		}
	})
}
