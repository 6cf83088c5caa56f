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
// with their own MarshalJSON/UnmarshalJSON go through encoding/json, as do
// all types from other packages.
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
