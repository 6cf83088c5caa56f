package handlergen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePkg(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const consts = `package onebot11
const (
	ActionA = "a"
	ActionB = "b_b"
	ActionC = ".c"
)
`

func TestGenerate(t *testing.T) {
	dir := writePkg(t, map[string]string{
		"actions.go": consts,
		"action_x.go": `package onebot11
import "context"
// B does b.
func (c *Client) B(ctx context.Context, p *BParams) ([]Item, error) { return callList[BParams, Item](ctx, c, ActionB, p) }
func (c *Client) A(ctx context.Context, p *AParams) (*AResult, error) { return callResult[AParams, AResult](ctx, c, ActionA, p) }
func (c *Client) C(ctx context.Context, p *CParams) error { return callNone(ctx, c, ActionC, p) }
func (c *Client) helper() {}
func (x *Other) D(ctx context.Context, p *DParams) error { return nil }
`,
	})
	src, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{
		Header + "\n",
		"func (m *ServeMux) HandleA(h func(ctx context.Context, p *AParams) (*AResult, error)) {\n\tm.Handle(ActionA, resultHandler(h))",
		"func (m *ServeMux) HandleB(h func(ctx context.Context, p *BParams) ([]Item, error)) {\n\tm.Handle(ActionB, listHandler(h))",
		"func (m *ServeMux) HandleC(h func(ctx context.Context, p *CParams) error) {\n\tm.Handle(ActionC, noneHandler(h))",
		"registers h as the handler of .c ([ActionC])",
		"var typedActions = []string{\n\tActionA,\n\tActionB,\n\tActionC,\n}",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	if strings.Contains(s, "HandleD") || strings.Contains(s, "Handlehelper") {
		t.Errorf("non-Client or unexported method generated:\n%s", s)
	}
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	if ok, err := Current(dir); !ok || err != nil {
		t.Errorf("Current after Write: %v %v", ok, err)
	}
	os.WriteFile(filepath.Join(dir, FileName), []byte("stale"), 0o644)
	if ok, _ := Current(dir); ok {
		t.Error("Current on a stale file")
	}
}

func TestGenerateErrors(t *testing.T) {
	for name, method := range map[string]string{
		"no constant":   `func (c *Client) A(ctx context.Context, p *AParams) error { return nil }`,
		"unknown const": `func (c *Client) A(ctx context.Context, p *AParams) error { return callNone(ctx, c, ActionZ, p) }`,
		"value params":  `func (c *Client) A(ctx context.Context, p AParams) error { return callNone(ctx, c, ActionA, p) }`,
		"no ctx":        `func (c *Client) A(p *AParams) error { return callNone(nil, c, ActionA, p) }`,
		"map result":    `func (c *Client) A(ctx context.Context, p *AParams) (map[string]int, error) { return nil, callNone(ctx, c, ActionA, p) }`,
		"three results": `func (c *Client) A(ctx context.Context, p *AParams) (int, int, error) { return 0, 0, callNone(ctx, c, ActionA, p) }`,
	} {
		dir := writePkg(t, map[string]string{
			"actions.go":  consts,
			"action_x.go": "package onebot11\nimport \"context\"\n" + method + "\n",
		})
		if _, err := Generate(dir); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := Generate(t.TempDir()); err == nil {
		t.Error("empty dir: no error")
	}
}
