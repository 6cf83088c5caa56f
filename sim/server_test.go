package sim_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
	"github.com/duobot/duobot/sim/simtest"
	"github.com/duobot/duobot/transport"
)

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// Download URLs the world hands out point at the instance, and both
// listeners serve them.
func TestInstanceServesFiles(t *testing.T) {
	inst := simtest.Start(t)
	w := inst.World()
	f, err := w.UploadGroupFile(sim.DemoGroupDev, sim.RootFolder, "notes.txt", []byte("file body"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := w.GroupFileURL(sim.DemoGroupDev, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u, inst.OneBot11URL()+"/file/") {
		t.Fatalf("file URL %q does not point at the instance %s", u, inst.OneBot11URL())
	}
	for _, url := range []string{u, inst.MilkyURL() + strings.TrimPrefix(u, inst.OneBot11URL())} {
		code, body := httpGet(t, url)
		if code != http.StatusOK || body != "file body" {
			t.Errorf("GET %s: %d %q", url, code, body)
		}
	}
	// The API paths are still the servers'.
	if code, body := httpGet(t, inst.OneBot11URL()+"/get_login_info"); code != http.StatusOK || !strings.Contains(body, `"user_id":10086001`) {
		t.Errorf("OneBot 11 API beside the files: %d %s", code, body)
	}
	if code, _ := httpGet(t, inst.OneBot11URL()+"/file/group/30001/nope"); code != http.StatusNotFound {
		t.Errorf("unknown file: %d", code)
	}
}

func TestStartOptions(t *testing.T) {
	ctx := t.Context()
	inst, err := sim.Start(ctx, &sim.StartOptions{Token: "both", MilkyToken: "milky-only", WorldOptions: []sim.Option{sim.WithSelf(10001234, "custom")}})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close()
	if inst.OneBot11Token() != "both" || inst.MilkyToken() != "milky-only" {
		t.Errorf("tokens %q %q", inst.OneBot11Token(), inst.MilkyToken())
	}
	if inst.World().SelfID() != 10001234 || len(inst.World().Groups()) != 0 {
		t.Errorf("world: self %d, %d groups", inst.World().SelfID(), len(inst.World().Groups()))
	}
	if !strings.HasPrefix(inst.OneBot11WSURL(), "ws://127.0.0.1:") || !strings.HasSuffix(inst.MilkyEventURL(), "/event") {
		t.Errorf("URLs %s %s", inst.OneBot11WSURL(), inst.MilkyEventURL())
	}

	// An address in use fails Start and leaves nothing running (goleak).
	_, err = sim.Start(ctx, &sim.StartOptions{MilkyAddr: inst.OneBot11Addr()})
	if err == nil || !strings.Contains(err.Error(), "listen for Milky") {
		t.Errorf("Start on a used address: %v", err)
	}
	_, err = sim.Start(ctx, &sim.StartOptions{Milky: &milky.ServerOptions{WebhookURLs: []string{"::not a url"}}})
	if err == nil {
		t.Error("Start with an invalid Milky webhook URL succeeded")
	}
}

// Close ends the connections of event subscribers, so that clients notice.
func TestInstanceCloseEndsConnections(t *testing.T) {
	inst, err := sim.Start(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	disconnected := make(chan error, 1)
	ws, err := transport.NewWSClient(inst.OneBot11WSURL(), &transport.WSOptions{
		OnDisconnect: func(err error) {
			select {
			case disconnected <- err:
			default:
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := ws.WaitConnected(ctx); err != nil {
		t.Fatal(err)
	}
	if err := inst.WaitSubscribers(ctx, 1, 0); err != nil {
		t.Fatal(err)
	}
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-disconnected:
	case <-ctx.Done():
		t.Fatal("the WebSocket client was not disconnected by Close")
	}
	if err := inst.WaitSubscribers(ctx, 0, 0); err != nil {
		t.Fatal(err)
	}
}

// An event of a world operation made right after Start reaches both
// protocols' webhooks: the pumps subscribe before Start returns.
func TestStartPumpsFromTheFirstEvent(t *testing.T) {
	got := make(chan string, 8)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- r.URL.Path + " " + string(b)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()
	for range 5 {
		inst := simtest.Start(t, simtest.Options{Start: &sim.StartOptions{
			SeedDemo: true,
			OneBot11: &onebot11.ServerOptions{WebhookURLs: []string{hook.URL + "/ob11"}},
			Milky:    &milky.ServerOptions{WebhookURLs: []string{hook.URL + "/milky"}},
		}})
		if _, err := inst.World().UserSendGroup(sim.DemoGroupDev, sim.DemoAlice, []sim.Element{sim.Text{Text: "first"}}); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		seen := map[string]bool{}
		for !seen["/ob11"] || !seen["/milky"] {
			select {
			case s := <-got:
				path, body, _ := strings.Cut(s, " ")
				if strings.Contains(body, "first") {
					seen[path] = true
				}
			case <-ctx.Done():
				cancel()
				t.Fatalf("webhooks reached: %v", seen)
			}
		}
		cancel()
		inst.Close()
	}
}
