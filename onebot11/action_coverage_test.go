package onebot11_test

import (
	"bufio"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
)

// actionEntry is one line of testdata/onebot11/actions/ACTIONS.txt.
type actionEntry struct {
	Action, Source, Exempt string
}

func readActionList(t *testing.T) []actionEntry {
	t.Helper()
	f, err := os.Open(golden.Path("onebot11", "actions", "ACTIONS.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []actionEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		e := actionEntry{Action: fields[0], Source: fields[1]}
		if i := strings.Index(line, "exempt:"); i >= 0 {
			e.Exempt = strings.TrimSpace(line[i+len("exempt:"):])
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var initialisms = map[string]string{"id": "ID", "url": "URL", "qq": "QQ", "csrf": "CSRF"}

// goName is the naming rule of the client: leading '.' and '_' dropped, each
// '_'-separated word capitalised, ID/URL/QQ/CSRF upper-cased.
func goName(action string) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.TrimLeft(action, "._"), "_") {
		if w == "" {
			continue
		}
		if s, ok := initialisms[w]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// actionConstants parses actions.go and returns its ActionXxx constants.
func actionConstants(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "actions.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, sp := range gd.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, n := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Fatalf("%s is not a string literal", n.Name)
				}
				v, _ := strconv.Unquote(lit.Value)
				out[n.Name] = v
			}
		}
	}
	return out
}

var (
	ctxType   = reflect.TypeFor[context.Context]()
	errorType = reflect.TypeFor[error]()
)

// actionMethod returns the Client method of action and checks its shape:
// (ctx, *<Go>Params) returning (*<Go>Result, error), ([]T, error) or error.
func actionMethod(t *testing.T, action string) (reflect.Method, bool) {
	t.Helper()
	name := goName(action)
	m, ok := reflect.TypeFor[*onebot11.Client]().MethodByName(name)
	if !ok {
		t.Errorf("%s: no method Client.%s", action, name)
		return m, false
	}
	ft := m.Type
	if ft.NumIn() != 3 || ft.In(1) != ctxType || ft.In(2).Kind() != reflect.Pointer || ft.In(2).Elem().Name() != name+"Params" {
		t.Errorf("%s: Client.%s has signature %v, want (context.Context, *%sParams)", action, name, ft, name)
		return m, false
	}
	switch ft.NumOut() {
	case 1:
		if ft.Out(0) != errorType {
			t.Errorf("%s: Client.%s returns %v", action, name, ft.Out(0))
			return m, false
		}
	case 2:
		r := ft.Out(0)
		okShape := r.Kind() == reflect.Slice || r.Kind() == reflect.Pointer && r.Elem().Name() == name+"Result"
		if !okShape || ft.Out(1) != errorType {
			t.Errorf("%s: Client.%s returns (%v, %v), want (*%sResult, error) or ([]T, error)", action, name, r, ft.Out(1), name)
			return m, false
		}
	default:
		t.Errorf("%s: Client.%s has %d results", action, name, ft.NumOut())
		return m, false
	}
	return m, true
}

// TestActionCoverage checks the client against the committed list of every
// required action: a constant and a method of the expected shape for each,
// and nothing the list does not name.
func TestActionCoverage(t *testing.T) {
	list := readActionList(t)
	consts := actionConstants(t)
	bySource := map[string]int{}
	want := map[string]bool{}
	for _, e := range list {
		if e.Exempt != "" {
			if _, ok := consts["Action"+goName(e.Action)]; ok {
				t.Errorf("%s is exempt (%s) but has a constant", e.Action, e.Exempt)
			}
			continue
		}
		bySource[e.Source]++
		want[e.Action] = true
		cname := "Action" + goName(e.Action)
		if v, ok := consts[cname]; !ok || v != e.Action {
			t.Errorf("%s: constant %s = %q, want %q", e.Action, cname, v, e.Action)
		}
		actionMethod(t, e.Action)
	}
	for name, v := range consts {
		if !want[v] {
			t.Errorf("constant %s = %q is not in ACTIONS.txt", name, v)
		}
	}
	// Every exported method is an action method or one of the generic ones.
	generic := map[string]bool{"Call": true, "CallRaw": true, "Async": true, "RateLimited": true}
	ct := reflect.TypeFor[*onebot11.Client]()
	actions := 0
	for i := range ct.NumMethod() {
		n := ct.Method(i).Name
		if generic[n] {
			continue
		}
		actions++
		if _, ok := consts["Action"+n]; !ok {
			t.Errorf("method Client.%s has no action constant", n)
		}
	}
	if actions != len(want) {
		t.Errorf("%d action methods, %d required actions", actions, len(want))
	}
	if bySource["document"] != 100 || bySource["onebot11-standard"] != 8 || bySource["go-cqhttp"] != 8 {
		t.Errorf("actions by source = %v, want 100 from the document (101 minus the SSE stream), 8 standard, 8 go-cqhttp", bySource)
	}
	t.Logf("%d actions covered: %v", len(want), bySource)
}
