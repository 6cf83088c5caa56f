package onebot11_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
)

// goldenFiles returns the golden files under testdata/onebot11/actions whose
// names end with suffix pattern, keyed by action.
func goldenFiles(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(golden.Path("onebot11", "actions", pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no golden files %s", pattern)
	}
	sort.Strings(files)
	return files
}

func fileAction(path string) string {
	b := filepath.Base(path)
	return b[:strings.Index(b, ".")]
}

func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b)
	}
	return v
}

// sameJSON fails unless got (a re-encoding) holds the same JSON value as
// want (the example), listing the differing paths.
func sameJSON(t *testing.T, name string, want, got []byte) {
	t.Helper()
	if golden.SameJSON(want, got) {
		return
	}
	var diffs []string
	compareValue(&diffs, "$", decodeAny(t, want), decodeAny(t, got))
	cw, _ := golden.Canonical(want)
	cg, _ := golden.Canonical(got)
	t.Errorf("%s: re-encoding differs:\n  %s\n--- want\n%s--- got\n%s", name, strings.Join(diffs, "\n  "), cw, cg)
}

func compareValue(diffs *[]string, path string, want, got any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: want object, got %v", path, got))
			return
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing", path, k))
				continue
			}
			compareValue(diffs, path+"."+k, wv, gv)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: added (%v)", path, k, g[k]))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: want array of %d, got %v", path, len(w), got))
			return
		}
		for i := range w {
			compareValue(diffs, fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
		}
	default:
		if !reflect.DeepEqual(want, got) {
			*diffs = append(*diffs, fmt.Sprintf("%s: want %v, got %v", path, want, got))
		}
	}
}

// TestGoldenRequests decodes every request example of the document into the
// action's params type and checks that re-encoding gives the same JSON value.
func TestGoldenRequests(t *testing.T) {
	n := 0
	for _, f := range goldenFiles(t, "*.request*.json") {
		action := fileAction(f)
		m, ok := actionMethod(t, action)
		if !ok {
			continue
		}
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := reflect.New(m.Type.In(2).Elem())
		if err := json.Unmarshal(want, p.Interface()); err != nil {
			t.Errorf("%s: decoding request: %v", action, err)
			continue
		}
		got, err := json.Marshal(p.Interface())
		if err != nil {
			t.Errorf("%s: encoding request: %v", action, err)
			continue
		}
		sameJSON(t, filepath.Base(f), want, got)
		n++
	}
	t.Logf("%d request examples", n)
}

// goldenEnvelope is a response example split into its parts.
type goldenEnvelope struct {
	Status  string          `json:"status"`
	Retcode int             `json:"retcode"`
	Data    json.RawMessage `json:"data"`
	Message string          `json:"message"`
	Wording string          `json:"wording"`
}

// TestGoldenResponses decodes the data of every response example of the
// document into the action's result type and checks that re-encoding gives
// the same JSON value; for actions that return no data it checks the data is
// null or absent.
func TestGoldenResponses(t *testing.T) {
	n := 0
	for _, f := range goldenFiles(t, "*.response.*.json") {
		action := fileAction(f)
		m, ok := actionMethod(t, action)
		if !ok {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var env goldenEnvelope
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		n++
		if m.Type.NumOut() == 1 {
			if len(env.Data) != 0 && string(env.Data) != "null" {
				t.Errorf("%s: %s returns no data, but the example has %s", filepath.Base(f), action, env.Data)
			}
			continue
		}
		if len(env.Data) == 0 {
			t.Errorf("%s: example has no data", filepath.Base(f))
			continue
		}
		r := reflect.New(m.Type.Out(0))
		if err := json.Unmarshal(env.Data, r.Interface()); err != nil {
			t.Errorf("%s: decoding data into %v: %v", filepath.Base(f), m.Type.Out(0), err)
			continue
		}
		got, err := json.Marshal(r.Elem().Interface())
		if err != nil {
			t.Errorf("%s: encoding result: %v", filepath.Base(f), err)
			continue
		}
		sameJSON(t, filepath.Base(f), env.Data, got)
	}
	t.Logf("%d response examples", n)
}

// TestEveryActionOverHTTP calls every action method over loopback HTTP
// against a server answering with the action's first response example (or
// an empty success), and checks the action name on the wire, the params
// object sent, and the decoded result or error.
func TestEveryActionOverHTTP(t *testing.T) {
	examples := map[string][]byte{}
	for _, f := range goldenFiles(t, "*.response.0.json") {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		examples[fileAction(f)] = b
	}
	s := newOBServer(t, func(action string, _ []byte) (int, string) {
		if b, ok := examples[action]; ok {
			return 0, string(b)
		}
		return 0, okData("null")
	})
	c := newHTTPClient(t, s)
	ctx := testCtx(t)
	cv := reflect.ValueOf(c)
	for _, e := range readActionList(t) {
		if e.Exempt != "" {
			continue
		}
		m, ok := actionMethod(t, e.Action)
		if !ok {
			continue
		}
		p := reflect.New(m.Type.In(2).Elem())
		out := cv.Method(m.Index).Call([]reflect.Value{reflect.ValueOf(ctx), p})
		if got := s.last(t).Action; got != e.Action {
			t.Errorf("Client.%s sent action %q, want %q", m.Name, got, e.Action)
		}
		errV := out[len(out)-1]
		var env goldenEnvelope
		if b, ok := examples[e.Action]; ok {
			if err := json.Unmarshal(b, &env); err != nil {
				t.Fatal(err)
			}
		} else {
			env.Status = "ok"
		}
		if env.Status != "ok" {
			var ae *onebot11.APIError
			err, _ := errV.Interface().(error)
			if !errors.As(err, &ae) || ae.Status != env.Status || ae.Retcode != env.Retcode || ae.Message != env.Message || ae.Wording != env.Wording {
				t.Errorf("%s: answered %q: err = %v, want the example's APIError", e.Action, env.Status, err)
			}
			continue
		}
		if !errV.IsNil() {
			t.Errorf("%s: %v", e.Action, errV.Interface())
			continue
		}
		if len(out) == 2 && len(env.Data) > 0 && string(env.Data) != "null" {
			got, err := json.Marshal(out[0].Interface())
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, e.Action+" over HTTP", env.Data, got)
		}
	}
}
