// Package jsonx is the runtime of duobot's generated JSON code: a Reader
// over a byte slice with lenient scalar readers (numbers or numeric strings
// for integers, 0/1 and "true"/"false" for bools, numbers for strings), a
// Writer that appends JSON formatted as encoding/json does (without HTML
// escaping), Peek to look at one top-level key without decoding the rest,
// and the helpers the code written by internal/jsongen calls.
//
// Nothing in this package panics on malformed input: every problem is an
// error carrying its byte offset (*SyntaxError, *TypeError, *RangeError,
// matched by ErrSyntax and ErrType), wrapped in a *FieldError naming the
// struct and field by generated code.
package jsonx
