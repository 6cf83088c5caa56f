// Package milkyschema checks duobot's Milky JSON against the official zod schemas of
// @saltify/milky-types (pinned at exactly 1.2.2, with the zod it needs, in package.json
// and package-lock.json). It is a test harness: the schemas run in one long-lived node
// process (validate.mjs) per test binary, started on first use.
//
// # Setup
//
// `make deps` (part of `make test` and `.ci/run`) runs `npm ci` here when node_modules is
// missing. Without node or node_modules, Check skips the test with "run `make deps`";
// with the environment variable CI non-empty it fails instead, so CI cannot pass without
// the conformance checks.
//
// # Use from other packages' tests
//
// Validate everything the SDK emits (API inputs, outgoing segments) and everything it
// re-encodes after decoding (events, API outputs):
//
//	body, _ := json.Marshal(params)
//	milkyschema.CheckStrict(t, "api_input:send_group_message", body)
//
//	out, _ := json.Marshal(ev) // a parsed event, re-encoded
//	milkyschema.Check(t, "event", out)
//
// Check fails the test with the readable zod issues ("at data.peer_id: Invalid input:
// expected number, received string [invalid_type]") and continues it (t.Errorf).
// CheckStrict also demands that the schema keep the document as it is: the package's
// objects are not strict (unknown keys are accepted and stripped) and its
// IncomingSegment is wrapped in .catch() (an invalid segment becomes the text
// "[unknown]"), so plain validation cannot see a misspelt optional field or a malformed
// incoming segment; strict validation reports both. Use Check for documents that may
// legitimately carry unknown fields (re-encoded events from newer implementations).
//
// Schema names are the package's export names (Event, IncomingMessage,
// GroupMemberEntity, SendGroupMessageInput, GroupNudgeEventData, ...) and the
// convenience names "event", "incoming_segment", "outgoing_segment",
// "api_input:<api>" and "api_output:<api>" for all 64 APIs (APIInput and APIOutput build
// them). An API without a request schema must be sent exactly {}; one without a response
// schema answers with an object. `node validate.mjs list` prints every name.
//
// A test binary that uses the harness should stop the process when it is done (it also
// ends on its own when the binary exits, as its stdin closes):
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		milkyschema.Close()
//		os.Exit(code)
//	}
//
// For more control (parsed output with defaults applied, the schema list, a private
// process) use Start or Default and the Validator methods. A Validator is safe for
// concurrent use and starts no goroutines, so goleak checks are unaffected.
package milkyschema
