// Package golden compares test output with golden files holding canonical
// JSON (sorted keys, two-space indent, trailing newline) and rewrites them
// when UPDATE_GOLDEN=1 is set (make golden).
package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Update reports whether golden files are being rewritten (UPDATE_GOLDEN=1).
func Update() bool { return os.Getenv("UPDATE_GOLDEN") == "1" }

// Canonical returns the canonical form of a JSON document: keys sorted,
// two-space indent, a trailing newline, numbers kept exactly as written and
// HTML characters not escaped.
func Canonical(doc []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("golden: invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("golden: trailing data after JSON value")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil { // maps are encoded with sorted keys
		return nil, err
	}
	return buf.Bytes(), nil
}

// Root returns the repository's top-level testdata directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Path joins elem onto the top-level testdata directory.
func Path(elem ...string) string {
	return filepath.Join(append([]string{Root()}, elem...)...)
}

// JSON compares got (any JSON document) in canonical form with the golden
// file at path, or writes it there when UPDATE_GOLDEN=1. A relative path is
// taken under the top-level testdata directory.
func JSON(t testing.TB, path string, got []byte) {
	t.Helper()
	if !filepath.IsAbs(path) {
		path = Path(path)
	}
	canon, err := Canonical(got)
	if err != nil {
		t.Fatalf("golden %s: output is not valid JSON: %v\n%s", path, err, got)
	}
	if Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, canon, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run UPDATE_GOLDEN=1 go test ./... to create it)", path, err)
	}
	if !bytes.Equal(want, canon) {
		t.Errorf("golden %s differs (run UPDATE_GOLDEN=1 go test ./... to accept):\n--- want\n%s\n--- got\n%s", path, want, canon)
	}
}

// SameJSON reports whether a and b hold the same JSON value (key order and
// white space aside; numbers compared by their text).
func SameJSON(a, b []byte) bool {
	ca, err1 := Canonical(a)
	cb, err2 := Canonical(b)
	return err1 == nil && err2 == nil && bytes.Equal(ca, cb)
}

// EqualJSON fails the test unless got and want hold the same JSON value.
func EqualJSON(t testing.TB, want, got []byte) {
	t.Helper()
	cw, err := Canonical(want)
	if err != nil {
		t.Fatalf("want is not JSON: %v\n%s", err, want)
	}
	cg, err := Canonical(got)
	if err != nil {
		t.Fatalf("got is not JSON: %v\n%s", err, got)
	}
	if !bytes.Equal(cw, cg) {
		t.Errorf("JSON differs:\n--- want\n%s--- got\n%s", cw, cg)
	}
}
