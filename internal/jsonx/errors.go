package jsonx

import (
	"errors"
	"strconv"
)

// ErrSyntax is matched (errors.Is) by every *SyntaxError.
var ErrSyntax = errors.New("jsonx: syntax error")

// ErrType is matched (errors.Is) by every *TypeError and *RangeError: a
// valid JSON value that does not fit the Go type it is decoded into.
var ErrType = errors.New("jsonx: type mismatch")

// SyntaxError is malformed JSON at a byte offset.
type SyntaxError struct {
	Offset int    // byte offset in the input
	Msg    string // what is wrong
}

// Error describes the error and its offset.
func (e *SyntaxError) Error() string {
	return "jsonx: " + e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

// Is matches ErrSyntax.
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }

// TypeError is a JSON value of a kind the target type does not accept.
type TypeError struct {
	Offset int    // byte offset of the value
	Value  Kind   // the kind found
	Want   string // the Go type wanted
	Text   string // the offending text, when short and useful
}

// Error describes the mismatch.
func (e *TypeError) Error() string {
	s := "jsonx: cannot decode " + e.Value.String()
	if e.Text != "" {
		s += " " + strconv.Quote(e.Text)
	}
	return s + " into " + e.Want + " at offset " + strconv.Itoa(e.Offset)
}

// Is matches ErrType.
func (e *TypeError) Is(target error) bool { return target == ErrType }

// RangeError is a number that does not fit its target (a fraction for an
// integer, an overflow).
type RangeError struct {
	Offset int    // byte offset of the value
	Text   string // the number's text
	Want   string // the Go type wanted
	Msg    string // "not an integer", "out of range"
}

// Error describes the error.
func (e *RangeError) Error() string {
	return "jsonx: number " + e.Text + " " + e.Msg + " for " + e.Want + " at offset " + strconv.Itoa(e.Offset)
}

// Is matches ErrType.
func (e *RangeError) Is(target error) bool { return target == ErrType }

// FieldError is an error decoding or encoding one field of a struct.
type FieldError struct {
	Type  string // Go type name of the struct
	Field string // JSON key of the field; "" for the value as a whole
	Err   error  // the cause
}

// Error names the struct and field, then the cause.
func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Type + ": " + e.Err.Error()
	}
	return e.Type + "." + e.Field + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Err }

// WrapField wraps err (when not nil) in a *FieldError.
func WrapField(typ, field string, err error) error {
	if err == nil {
		return nil
	}
	return &FieldError{Type: typ, Field: field, Err: err}
}

// WrapType prefixes err (when not nil) with the Go type being decoded.
func WrapType(typ string, err error) error {
	if err == nil {
		return nil
	}
	return &FieldError{Type: typ, Err: err}
}
