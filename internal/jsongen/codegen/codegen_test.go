package codegen

import (
	"errors"
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

const wire = `package p

import "encoding/json"

type T struct {
	A int64 ` + "`json:\"a\"`" + `
	Extra map[string]json.RawMessage ` + "`json:\"-\"`" + `
}
`

func TestWriteAndCheck(t *testing.T) {
	dir := writePkg(t, map[string]string{"t.go": wire})
	if err := Check(dir); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("missing file: %v", err)
	}
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), Header+"\n") || !strings.Contains(string(out), "func (x T) MarshalJSON() ([]byte, error)") {
		t.Errorf("unexpected output:\n%s", out)
	}
	if err := Check(dir); err != nil {
		t.Fatalf("fresh file reported stale: %v", err)
	}
	again, err := Generate(dir)
	if err != nil || string(again) != string(out) {
		t.Fatalf("output not deterministic: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), append(out, "// edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "differs") {
		t.Fatalf("edited file: %v", err)
	}
	// Hand-written methods for both directions: nothing to generate, the
	// old file must go.
	hand := `package p

func (T) MarshalJSON() ([]byte, error) { return []byte("{}"), nil }
func (*T) UnmarshalJSON([]byte) error  { return nil }
`
	if err := os.WriteFile(filepath.Join(dir, "hand.go"), []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "should not exist") {
		t.Fatalf("unneeded file: %v", err)
	}
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("unneeded file kept: %v", err)
	}
	if err := Check(dir); err != nil {
		t.Fatal(err)
	}
}

func TestOneMethodHandWritten(t *testing.T) {
	dir := writePkg(t, map[string]string{"t.go": wire, "m.go": "package p\n\nfunc (T) MarshalJSON() ([]byte, error) { return nil, nil }\n"})
	out, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "MarshalJSON()") || !strings.Contains(string(out), "UnmarshalJSON(") {
		t.Errorf("wrong methods generated:\n%s", out)
	}
}

func TestGeneratorErrors(t *testing.T) {
	cases := map[string]string{
		"embedded": `package p
import "encoding/json"
type Base struct{ A int }
type T struct {
	Base
	Extra map[string]json.RawMessage ` + "`json:\"-\"`" + `
}`,
		"use key": `package p
import "encoding/json"
type T struct {
	A int ` + "`json:\"x\"`" + `
	B int ` + "`json:\"x\"`" + `
	Extra map[string]json.RawMessage ` + "`json:\"-\"`" + `
}`,
		`declares "jsonx"`: wire + "\nvar jsonx = 1\n",
		"expected":         "package q\n",
		"expected ')'":     "package p\nfunc (",
	}
	for want, src := range cases {
		files := map[string]string{"t.go": src}
		if want == "expected" {
			files["u.go"] = wire
		}
		dir := writePkg(t, files)
		_, err := Generate(dir)
		if err == nil || !strings.Contains(err.Error(), strings.TrimSpace(want)) {
			t.Errorf("%s: error %v", want, err)
		}
	}
	if _, err := Generate(t.TempDir()); err == nil {
		t.Error("empty directory accepted")
	}
}

func TestIgnoredFiles(t *testing.T) {
	dir := writePkg(t, map[string]string{
		"t.go":      wire,
		"t_test.go": "package p\n\nfunc (T) MarshalJSON() ([]byte, error) { return nil, nil }\n",
		"ign.go":    "//go:build ignore\n\npackage p\n\nfunc (*T) UnmarshalJSON([]byte) error { return nil }\n",
		FileName:    "package p\n\nfunc (*T) UnmarshalJSON([]byte) error { return nil }\n",
	})
	out, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "MarshalJSON()") || !strings.Contains(string(out), "UnmarshalJSON(") {
		t.Errorf("test, ignored or generated files were taken as hand-written:\n%s", out)
	}
}
