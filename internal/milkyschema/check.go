package milkyschema

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
)

// The validator shared by every caller in one test binary, started on first use.
var sharedV struct {
	once sync.Once
	v    *Validator
	err  error
}

// Default returns the test binary's shared validator, starting it on first use (ctx
// bounds that start-up). The outcome of the first start, success or failure, is kept
// for the life of the process. Call Close from TestMain to stop it.
func Default(ctx context.Context) (*Validator, error) {
	sharedV.once.Do(func() {
		sharedV.v, sharedV.err = Start(ctx)
	})
	return sharedV.v, sharedV.err
}

// Close stops the shared validator if it was started. Without it the node process still
// ends when the test binary exits (its stdin closes), but a TestMain that checks for
// leaks should call it:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		milkyschema.Close()
//		os.Exit(code)
//	}
func Close() {
	sharedV.once.Do(func() { sharedV.err = ErrClosed })
	if sharedV.v != nil {
		_ = sharedV.v.Close()
	}
}

// APIs returns every API name the pinned package knows (see Validator.APIs), using the
// shared validator; like Check it skips (or, under CI, fails) when node is unavailable.
func APIs(t testing.TB) []string {
	t.Helper()
	v := sharedFor(t)
	apis, err := v.APIs(t.Context())
	if err != nil {
		t.Fatalf("milkyschema: %v", err)
	}
	return apis
}

// Check fails the test (t.Errorf, so a table of documents reports every failure) when
// doc does not conform to the named schema, with the readable zod issues and the start
// of the document. Schema names: the package's export names ("GroupMemberEntity",
// "IncomingMessage", "SendGroupMessageInput", ...) and "event", "incoming_segment",
// "outgoing_segment", "api_input:<api>", "api_output:<api>".
//
// When node or node_modules is missing, Check skips the test with "run `make deps`",
// except when the environment variable CI is non-empty: then it fails, so CI cannot pass
// without running the conformance checks. Check uses t.Context(), so call it from the
// test body, not from a Cleanup function.
func Check(t testing.TB, schema string, doc []byte) {
	t.Helper()
	report(t, schema, doc, sharedFor(t).Validate(t.Context(), schema, doc))
}

// CheckStrict is Check using Validator.ValidateStrict: the schema must also keep the
// document as it is (no unknown key stripped, no element dropped, no value replaced).
// Use it for JSON the SDK builds: API inputs and outgoing segments.
func CheckStrict(t testing.TB, schema string, doc []byte) {
	t.Helper()
	report(t, schema, doc, sharedFor(t).ValidateStrict(t.Context(), schema, doc))
}

func report(t testing.TB, schema string, doc []byte, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if _, ok := errors.AsType[*SchemaError](err); ok {
		t.Errorf("%v\ndocument: %s", err, excerpt(doc))
		return
	}
	t.Fatalf("milkyschema: checking against %s: %v", schema, err)
}

// sharedFor returns the shared validator or ends the test (skip or fail, see Check).
func sharedFor(t testing.TB) *Validator {
	t.Helper()
	v, err := Default(t.Context())
	if err != nil {
		unavailable(t, err)
	}
	return v
}

// unavailable ends the test for a validator that could not be had.
func unavailable(t testing.TB, err error) {
	t.Helper()
	if errors.Is(err, ErrUnavailable) && os.Getenv("CI") == "" {
		t.Skip(err.Error())
	}
	t.Fatal(err.Error())
}

func excerpt(doc []byte) string {
	const limit = 600
	if len(doc) <= limit {
		return string(doc)
	}
	return string(doc[:limit]) + "..."
}
