package jsonx

import (
	"encoding/json"
	"slices"
)

// SameInt reports whether raw, read leniently as an integer, is v. The
// generated encoder uses it to decide whether a value kept in Extra still
// represents the field.
func SameInt(raw []byte, v int64) bool {
	r := Reader{data: raw}
	got, err := r.Int64()
	return err == nil && r.End() == nil && got == v
}

// SameUint reports whether raw, read leniently as an unsigned integer, is v.
func SameUint(raw []byte, v uint64) bool {
	r := Reader{data: raw}
	got, err := r.Uint64()
	return err == nil && r.End() == nil && got == v
}

// SameFloat reports whether raw, read leniently as a float of the given bit
// size, is v.
func SameFloat(raw []byte, v float64, bits int) bool {
	r := Reader{data: raw}
	got, err := r.Float(bits)
	return err == nil && r.End() == nil && got == v
}

// SameBool reports whether raw, read leniently as a bool, is v.
func SameBool(raw []byte, v bool) bool {
	r := Reader{data: raw}
	got, err := r.Bool()
	return err == nil && r.End() == nil && got == v
}

// SameString reports whether raw, read leniently as a string, is v.
func SameString(raw []byte, v string) bool {
	r := Reader{data: raw}
	got, err := r.String()
	return err == nil && r.End() == nil && got == v
}

// IsNull reports whether raw is the literal null (white space around it
// allowed).
func IsNull(raw []byte) bool {
	r := Reader{data: raw}
	return r.IsNull() && r.End() == nil
}

// SortedKeys returns the keys of m in increasing order.
func SortedKeys[M ~map[string]V, V any](m M) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Peek returns the raw value of the top-level key of the JSON object data,
// without decoding the other members (they are only skipped, so a document
// broken after the key is not noticed). It returns false when data is not
// an object, the key is absent, or the object is malformed before the key.
// The value aliases data. When a key is repeated the first one is returned.
func Peek(data []byte, key string) ([]byte, bool) {
	r := Reader{data: data}
	if r.BeginObject() != nil {
		return nil, false
	}
	for {
		k, ok, err := r.NextKey()
		if err != nil || !ok {
			return nil, false
		}
		if string(k) == key {
			raw, err := r.Raw()
			if err != nil {
				return nil, false
			}
			return raw, true
		}
		if r.Skip() != nil {
			return nil, false
		}
	}
}

// PeekString returns the top-level key of the object data as a string (a
// number is returned as its text), see Peek.
func PeekString(data []byte, key string) (string, bool) {
	raw, ok := Peek(data, key)
	if !ok {
		return "", false
	}
	r := Reader{data: raw}
	if r.Kind() == Null {
		return "", false
	}
	s, err := r.String()
	if err != nil {
		return "", false
	}
	return s, true
}

// Kept returns extra[key], or nil without a map lookup when extra is
// empty (the common case); generated encoders call it for every field.
func Kept(extra map[string]json.RawMessage, key string) json.RawMessage {
	if len(extra) == 0 {
		return nil
	}
	return extra[key]
}

// WriteExtra writes the members of extra whose keys are not in known (the
// struct's field keys), in sorted key order, each preceded by ','.
func WriteExtra(w *Writer, extra map[string]json.RawMessage, known ...string) {
	if len(extra) == 0 {
		return
	}
	for _, k := range SortedKeys(extra) {
		if slices.Contains(known, k) {
			continue
		}
		w.Byte(',')
		w.String(k)
		w.Byte(':')
		w.Raw(extra[k])
	}
}
