// Command jsongen writes zz_json_gen.go for a package: MarshalJSON and
// UnmarshalJSON methods for every wire struct, i.e. every struct whose last
// field is
//
//	Extra map[string]json.RawMessage `json:"-"`
//
// unless the type already declares that method in a hand-written file. The
// methods run on internal/jsonx: decoding is lenient (numbers or numeric
// strings for integers, true/false/0/1/"true"/"false" for bools, numbers
// for strings), unknown keys and non-canonical field values are kept in
// Extra, and encoding writes them back, so decode -> encode keeps the JSON
// value.
//
// Use it from the package's doc.go (any directory depth):
//
//	//go:generate go run github.com/duobot/duobot/internal/jsongen
//
// With no argument it works on the current directory (where go generate
// runs it); arguments name other package directories. -check reports,
// without writing, whether the files are current (exit status 1 if not).
//
// Field rules: the JSON key is the tag's name, or the Go field name when
// untagged (as encoding/json); unexported fields and `json:"-"` are
// skipped; omitempty and omitzero follow encoding/json; the string option
// is ignored (decoding accepts both forms anyway). Keys are matched exactly,
// not case-insensitively as encoding/json also does: a key in another case
// lands in Extra (and is written back). Embedded fields are an error. Field
// types other than bool, strings, ints, floats, pointers, slices,
// map[string]T, json.RawMessage, any, wire structs of the package and types
// with their own MarshalJSON/UnmarshalJSON go through encoding/json; types
// from other packages use their own MarshalJSON/UnmarshalJSON when they have
// one (checked at run time), else encoding/json. An any field decodes numbers as
// json.Number (so they re-encode with the same text).
//
// Generated MarshalJSON has a value receiver (so json.Marshal of a value or
// a pointer both use it) and calls the MarshalJSON of nested fields even
// when it has a pointer receiver. A null for a struct-valued field sets it
// to its zero value (and null is written back while it stays zero). Decoding
// resets Extra, then fills it with the unknown keys of the document and the
// raw values of fields that were not in canonical form (a number as a
// string, a bool as 1, a member present with an empty value under
// omitempty): canonical input leaves Extra nil.
//
// Each package tests that its generated file is current with
//
//	func TestGeneratedCodeIsCurrent(t *testing.T) { codegen.AssertCurrent(t, ".") }
//
// (import "github.com/duobot/duobot/internal/jsongen/codegen").
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/duobot/duobot/internal/jsongen/codegen"
)

func main() {
	check := flag.Bool("check", false, "report stale generated files instead of writing them")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: jsongen [-check] [package dir ...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	failed := false
	for _, dir := range dirs {
		var err error
		if *check {
			err = codegen.Check(dir)
		} else {
			err = codegen.Write(dir)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
