package onebot11_test

import (
	"context"
	"errors"
	"testing"

	"github.com/duobot/duobot/onebot11"
)

// FuzzResponse feeds arbitrary response documents to the client: it must
// never panic, and must return either a result or an *APIError /
// *DecodeError.
func FuzzResponse(f *testing.F) {
	for _, s := range []string{
		`{"status":"ok","retcode":0,"data":[{"group_id":"1","user_id":-2}]}`,
		`{"status":"failed","retcode":"1404","msg":"x","wording":null}`,
		`{"status":"async","retcode":1,"data":null}`,
		`{"status":"ok","data":{"message_id":1}}`,
		`[]`, `null`, `{"data":`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, resp []byte) {
		c := onebot11.NewClient(callerFunc(func(context.Context, string, []byte) ([]byte, error) { return resp, nil }))
		ctx := context.Background()
		list, err := c.GetGroupMemberList(ctx, nil)
		checkFuzzErr(t, err, list != nil)
		res, err := c.SendMsg(ctx, nil)
		checkFuzzErr(t, err, res != nil)
		raw, err := c.CallRaw(ctx, "x", nil)
		checkFuzzErr(t, err, raw != nil)
	})
}

func checkFuzzErr(t *testing.T, err error, haveResult bool) {
	t.Helper()
	if err == nil {
		return
	}
	var ae *onebot11.APIError
	var de *onebot11.DecodeError
	if !errors.As(err, &ae) && !errors.As(err, &de) {
		t.Fatalf("unexpected error type %T: %v", err, err)
	}
	if haveResult {
		t.Fatalf("result returned with error %v", err)
	}
}
