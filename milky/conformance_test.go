package milky

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/internal/milkyschema"
)

// TestConformanceAPIInputs validates, against the official zod schemas
// (strictly: nothing stripped, dropped or replaced), every API input the
// client sends: the full params of each API's fixture, the params with only
// the required fields set, and {} for the APIs without input.
func TestConformanceAPIInputs(t *testing.T) {
	for _, name := range APINames {
		tc := apiCases[name]
		t.Run(name, func(t *testing.T) {
			if tc.params == nil {
				milkyschema.CheckStrict(t, "api_input:"+name, emptyParams)
				return
			}
			for _, file := range []string{"request.json", "request_min.json"} {
				body, err := json.Marshal(paramsFromFile(t, name, file, tc))
				if err != nil {
					t.Fatal(err)
				}
				milkyschema.CheckStrict(t, "api_input:"+name, body)
			}
		})
	}
}

func paramsFromFile(t *testing.T, name, file string, tc apiCase) any {
	t.Helper()
	p := tc.params()
	if err := json.Unmarshal(readTestdata(t, "api", name, file), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConformanceAPIOutputs validates every API output the SDK re-encodes
// after decoding the fixture's response.
func TestConformanceAPIOutputs(t *testing.T) {
	for _, name := range APINames {
		tc := apiCases[name]
		t.Run(name, func(t *testing.T) {
			resp := readTestdata(t, "api", name, "response.json")
			var out []byte
			if tc.result == nil {
				if err := decodeResponse(name, resp, nil); err != nil {
					t.Fatal(err)
				}
				out = dataOf(t, resp)
			} else {
				r := tc.result()
				if err := decodeResponse(name, resp, r); err != nil {
					t.Fatal(err)
				}
				var err error
				if out, err = json.Marshal(r); err != nil {
					t.Fatal(err)
				}
			}
			milkyschema.Check(t, "api_output:"+name, out)
		})
	}
}

// TestConformanceEvents validates every event fixture of Milky 1.2 after
// ParseEvent and re-encoding (group_disband is 1.3 and unknown events are
// not in the 1.2 schema).
func TestConformanceEvents(t *testing.T) {
	for _, file := range eventFixtures(t) {
		if strings.HasPrefix(file, "unknown") || strings.HasPrefix(file, EventGroupDisband) {
			continue
		}
		t.Run(file, func(t *testing.T) {
			ev, err := ParseEvent(readTestdata(t, "events", file))
			if err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(ev)
			if err != nil {
				t.Fatal(err)
			}
			milkyschema.Check(t, "event", out)
		})
	}
}

// TestConformanceZeroParams validates the zero value of the params of every
// API whose fields are all optional: what the client sends when the caller
// sets nothing must be what the schema accepts, defaults unchanged.
func TestConformanceZeroParams(t *testing.T) {
	n := 0
	for _, name := range APINames {
		tc := apiCases[name]
		if tc.params == nil || !golden.SameJSON(readTestdata(t, "api", name, "request_min.json"), []byte("{}")) {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			body, err := json.Marshal(tc.params())
			if err != nil {
				t.Fatal(err)
			}
			milkyschema.CheckStrict(t, "api_input:"+name, body)
		})
	}
	if n != 4 {
		t.Errorf("%d APIs with only optional params, want 4", n)
	}
}
