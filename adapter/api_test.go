package adapter_test

import (
	"bufio"
	"errors"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/duobot/duobot/adapter"
	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
)

// readNames reads the first word of every line of a testdata list,
// skipping comments and lines marked exempt.
func readNames(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.Contains(line, "exempt:") {
			continue
		}
		out = append(out, strings.Fields(line)[0])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func tableNames(tab []adapter.Mapping) (all, mapped []string) {
	for _, m := range tab {
		all = append(all, m.Name)
		if m.Mapped() {
			mapped = append(mapped, m.Name)
		}
		if m.Mapped() == (m.Missing != "") {
			panic("row " + m.Name + " is both or neither mapped and missing")
		}
	}
	return all, mapped
}

// TestOneBotTable: the table covers exactly the OneBot 11 action list,
// every mapped action is registered with a handler of its own, and every
// unmapped one answers an error naming what Milky lacks.
func TestOneBotTable(t *testing.T) {
	want := readNames(t, golden.Path("onebot11", "actions", "ACTIONS.txt"))
	tab := adapter.OneBotTable()
	all, mapped := tableNames(tab)
	slices.Sort(want)
	if !slices.Equal(all, want) {
		t.Fatalf("table and ACTIONS.txt differ:\n table %v\n  want %v", all, want)
	}
	t.Logf("OneBot 11 actions: %d, served through Milky: %d, unmapped: %d", len(all), len(mapped), len(all)-len(mapped))

	mux := onebot11.NewServeMux()
	store, _ := adapter.NewMemoryStore()
	conv, _ := adapter.NewConverter(store)
	adapter.NewOneBotOnMilky(milky.NewClient(nil), conv, nil).Register(mux)
	registered := mux.Actions()
	for _, m := range tab {
		if m.Name == ".handle_quick_operation" {
			continue // the mux executes quick operations itself
		}
		if !slices.Contains(registered, m.Name) {
			t.Errorf("%s is not registered", m.Name)
		}
	}
}

// TestMilkyTable: the same for the 64 Milky APIs.
func TestMilkyTable(t *testing.T) {
	want := readNames(t, golden.Path("milky", "api_names.txt"))
	if len(want) != 64 {
		t.Fatalf("api_names.txt has %d names", len(want))
	}
	tab := adapter.MilkyTable()
	all, mapped := tableNames(tab)
	slices.Sort(want)
	if !slices.Equal(all, want) {
		t.Fatalf("table and api_names.txt differ:\n table %v\n  want %v", all, want)
	}
	t.Logf("Milky APIs: %d, served through OneBot 11: %d, unmapped: %d", len(all), len(mapped), len(all)-len(mapped))
	mux := milky.NewServeMux()
	store, _ := adapter.NewMemoryStore()
	conv, _ := adapter.NewConverter(store)
	adapter.NewMilkyOnOneBot(onebot11.NewClient(nil), conv, nil).Register(mux)
	for _, m := range tab {
		if mux.Handler(m.Name) == nil {
			t.Errorf("%s is not registered", m.Name)
		}
	}
}

// TestUnmappedErrors calls every unmapped action / API through a running
// bridge and checks the error names what is missing.
func TestUnmappedErrors(t *testing.T) {
	leakCheck(t)
	ctx := testCtx(t)
	inst := simtest.Start(t)

	t.Run("onebot11", func(t *testing.T) {
		br := startForward(t, ctx, inst, "")
		defer br.Close()
		c := onebot11.NewClient(httpCaller(t, br.URL(), "down-token"))
		n := 0
		for _, m := range adapter.OneBotTable() {
			if m.Mapped() {
				continue
			}
			n++
			_, err := c.CallRaw(ctx, m.Name, map[string]any{})
			var ae *onebot11.APIError
			if !errors.As(err, &ae) {
				t.Errorf("%s: %v, want an *APIError", m.Name, err)
				continue
			}
			if ae.Retcode != adapter.RetcodeUnsupported || !strings.Contains(ae.Message, m.Missing) || !strings.Contains(ae.Message, m.Name) {
				t.Errorf("%s: retcode %d message %q", m.Name, ae.Retcode, ae.Message)
			}
		}
		if n == 0 {
			t.Fatal("no unmapped action")
		}
		// A mapped action with arguments Milky cannot serve.
		_, err := c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: 20001, GroupID: 30001, Message: onebot11.Message{onebot11.Text("x")}})
		var ae *onebot11.APIError
		if !errors.As(err, &ae) || !strings.Contains(ae.Message, "temp-session") {
			t.Errorf("temp send: %v", err)
		}
	})

	t.Run("milky", func(t *testing.T) {
		br, err := adapter.StartBridge(ctx, &adapter.BridgeOptions{UpstreamProtocol: adapter.ProtocolOneBot11,
			UpstreamURL: inst.OneBot11URL(), UpstreamToken: inst.OneBot11Token(), Listen: "127.0.0.1:0"})
		if err != nil {
			t.Fatal(err)
		}
		defer br.Close()
		tr := &http.Transport{}
		defer tr.CloseIdleConnections()
		caller, err := transport.NewMilkyHTTPCaller(br.URL(), &transport.HTTPOptions{Client: &http.Client{Transport: tr}})
		if err != nil {
			t.Fatal(err)
		}
		c := milky.NewClient(caller)
		for _, m := range adapter.MilkyTable() {
			if m.Mapped() {
				continue
			}
			err := c.Call(ctx, m.Name, map[string]any{}, nil)
			var ae *milky.APIError
			if !errors.As(err, &ae) {
				t.Errorf("%s: %v, want an *APIError", m.Name, err)
				continue
			}
			if ae.Retcode != adapter.MilkyRetcodeUnsupported || !strings.Contains(ae.Message, m.Missing) || !strings.Contains(ae.Message, m.Name) {
				t.Errorf("%s: retcode %d message %q", m.Name, ae.Retcode, ae.Message)
			}
		}
	})
}
