package jsonx

import (
	"encoding/json"
	"unsafe"
)

// Field helpers: generated code decodes and encodes a scalar field (or a
// pointer to one) of a wire struct with one call each. A decode helper
// reads the value leniently into *dst and keeps its raw bytes in *extra
// under key when they are not canonical (or when omit is set and the value
// is empty, so that the member is not dropped on encode); an encode helper
// writes lit (the pre-escaped `,"key":`) and the value, or the raw bytes
// kept in extra while they still decode to the value, and writes nothing
// for an empty value when omit is set and nothing is kept.

// Ints are the signed integer types.
type Ints interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64
}

// Uints are the unsigned integer types.
type Uints interface {
	~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64
}

// Floats are the floating-point types.
type Floats interface{ ~float32 | ~float64 }

// Extra is the type of a wire struct's Extra field.
type Extra = map[string]json.RawMessage

// DecodeIntField reads an integer field; see the field helpers above.
func DecodeIntField[T Ints](r *Reader, dst *T, extra *Extra, key string, omit bool) error {
	if !omit {
		if v, ok := r.intFast(int(unsafe.Sizeof(*dst)) * 8); ok {
			*dst = T(v)
			r.forget(extra, key)
			return nil
		}
	}
	start := r.Mark()
	v, err := r.Int(int(unsafe.Sizeof(*dst)) * 8)
	if err != nil {
		return err
	}
	*dst = T(v)
	r.Keep(extra, key, start, omit && v == 0)
	return nil
}

// DecodeUintField reads an unsigned integer field.
func DecodeUintField[T Uints](r *Reader, dst *T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	v, err := r.Uint(int(unsafe.Sizeof(*dst)) * 8)
	if err != nil {
		return err
	}
	*dst = T(v)
	r.Keep(extra, key, start, omit && v == 0)
	return nil
}

// DecodeFloatField reads a float field.
func DecodeFloatField[T Floats](r *Reader, dst *T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	v, err := r.Float(int(unsafe.Sizeof(*dst)) * 8)
	if err != nil {
		return err
	}
	*dst = T(v)
	r.Keep(extra, key, start, omit && v == 0)
	return nil
}

// DecodeBoolField reads a bool field.
func DecodeBoolField[T ~bool](r *Reader, dst *T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	v, err := r.Bool()
	if err != nil {
		return err
	}
	*dst = T(v)
	r.Keep(extra, key, start, omit && !v)
	return nil
}

// DecodeStringField reads a string field.
func DecodeStringField[T ~string](r *Reader, dst *T, extra *Extra, key string, omit bool) error {
	if !omit {
		if b, ok := r.strFast(); ok {
			*dst = T(makeString(b))
			r.forget(extra, key)
			return nil
		}
	}
	start := r.Mark()
	v, err := r.String()
	if err != nil {
		return err
	}
	*dst = T(v)
	r.Keep(extra, key, start, omit && v == "")
	return nil
}

// DecodeIntPtrField reads a pointer-to-integer field (null gives nil).
func DecodeIntPtrField[T Ints](r *Reader, dst **T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	if r.IsNull() {
		*dst = nil
		r.Keep(extra, key, start, omit)
		return nil
	}
	v, err := r.Int(int(unsafe.Sizeof(**dst)) * 8)
	if err != nil {
		return err
	}
	p := new(T)
	*p = T(v)
	*dst = p
	r.Keep(extra, key, start, false)
	return nil
}

// DecodeUintPtrField reads a pointer-to-unsigned-integer field.
func DecodeUintPtrField[T Uints](r *Reader, dst **T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	if r.IsNull() {
		*dst = nil
		r.Keep(extra, key, start, omit)
		return nil
	}
	v, err := r.Uint(int(unsafe.Sizeof(**dst)) * 8)
	if err != nil {
		return err
	}
	p := new(T)
	*p = T(v)
	*dst = p
	r.Keep(extra, key, start, false)
	return nil
}

// DecodeFloatPtrField reads a pointer-to-float field.
func DecodeFloatPtrField[T Floats](r *Reader, dst **T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	if r.IsNull() {
		*dst = nil
		r.Keep(extra, key, start, omit)
		return nil
	}
	v, err := r.Float(int(unsafe.Sizeof(**dst)) * 8)
	if err != nil {
		return err
	}
	p := new(T)
	*p = T(v)
	*dst = p
	r.Keep(extra, key, start, false)
	return nil
}

// DecodeBoolPtrField reads a pointer-to-bool field.
func DecodeBoolPtrField[T ~bool](r *Reader, dst **T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	if r.IsNull() {
		*dst = nil
		r.Keep(extra, key, start, omit)
		return nil
	}
	v, err := r.Bool()
	if err != nil {
		return err
	}
	p := new(T)
	*p = T(v)
	*dst = p
	r.Keep(extra, key, start, false)
	return nil
}

// DecodeStringPtrField reads a pointer-to-string field.
func DecodeStringPtrField[T ~string](r *Reader, dst **T, extra *Extra, key string, omit bool) error {
	start := r.Mark()
	if r.IsNull() {
		*dst = nil
		r.Keep(extra, key, start, omit)
		return nil
	}
	v, err := r.String()
	if err != nil {
		return err
	}
	p := new(T)
	*p = T(v)
	*dst = p
	r.Keep(extra, key, start, false)
	return nil
}

// EncodeIntField writes an integer field.
func EncodeIntField(w *Writer, extra Extra, lit, key string, v int64, omit bool) {
	if raw := Kept(extra, key); raw != nil && SameInt(raw, v) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if omit && v == 0 {
		return
	}
	w.Lit(lit)
	w.Int64(v)
}

// EncodeUintField writes an unsigned integer field.
func EncodeUintField(w *Writer, extra Extra, lit, key string, v uint64, omit bool) {
	if raw := Kept(extra, key); raw != nil && SameUint(raw, v) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if omit && v == 0 {
		return
	}
	w.Lit(lit)
	w.Uint64(v)
}

// EncodeFloatField writes a float field of the given bit size.
func EncodeFloatField(w *Writer, extra Extra, lit, key string, v float64, bits int, omit bool) {
	if raw := Kept(extra, key); raw != nil && SameFloat(raw, v, bits) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if omit && v == 0 {
		return
	}
	w.Lit(lit)
	w.Float64(v, bits)
}

// EncodeBoolField writes a bool field.
func EncodeBoolField(w *Writer, extra Extra, lit, key string, v bool, omit bool) {
	if raw := Kept(extra, key); raw != nil && SameBool(raw, v) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if omit && !v {
		return
	}
	w.Lit(lit)
	w.Bool(v)
}

// EncodeStringField writes a string field.
func EncodeStringField(w *Writer, extra Extra, lit, key string, v string, omit bool) {
	if raw := Kept(extra, key); raw != nil && SameString(raw, v) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if omit && v == "" {
		return
	}
	w.Lit(lit)
	w.String(v)
}

// EncodeIntPtrField writes a pointer-to-integer field: null for nil
// (nothing when omit is set and no raw value is kept).
func EncodeIntPtrField[T Ints](w *Writer, extra Extra, lit, key string, v *T, omit bool) {
	if raw := Kept(extra, key); raw != nil && (v == nil && IsNull(raw) || v != nil && SameInt(raw, int64(*v))) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if v == nil {
		if !omit {
			w.Lit(lit)
			w.Null()
		}
		return
	}
	w.Lit(lit)
	w.Int64(int64(*v))
}

// EncodeUintPtrField writes a pointer-to-unsigned-integer field: null for nil
// (nothing when omit is set and no raw value is kept).
func EncodeUintPtrField[T Uints](w *Writer, extra Extra, lit, key string, v *T, omit bool) {
	if raw := Kept(extra, key); raw != nil && (v == nil && IsNull(raw) || v != nil && SameUint(raw, uint64(*v))) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if v == nil {
		if !omit {
			w.Lit(lit)
			w.Null()
		}
		return
	}
	w.Lit(lit)
	w.Uint64(uint64(*v))
}

// EncodeFloatPtrField writes a pointer-to-float field: null for nil
// (nothing when omit is set and no raw value is kept).
func EncodeFloatPtrField[T Floats](w *Writer, extra Extra, lit, key string, v *T, omit bool) {
	if raw := Kept(extra, key); raw != nil && (v == nil && IsNull(raw) || v != nil && SameFloat(raw, float64(*v), int(unsafe.Sizeof(*v))*8)) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if v == nil {
		if !omit {
			w.Lit(lit)
			w.Null()
		}
		return
	}
	w.Lit(lit)
	w.Float64(float64(*v), int(unsafe.Sizeof(*v))*8)
}

// EncodeBoolPtrField writes a pointer-to-bool field: null for nil
// (nothing when omit is set and no raw value is kept).
func EncodeBoolPtrField[T ~bool](w *Writer, extra Extra, lit, key string, v *T, omit bool) {
	if raw := Kept(extra, key); raw != nil && (v == nil && IsNull(raw) || v != nil && SameBool(raw, bool(*v))) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if v == nil {
		if !omit {
			w.Lit(lit)
			w.Null()
		}
		return
	}
	w.Lit(lit)
	w.Bool(bool(*v))
}

// EncodeStringPtrField writes a pointer-to-string field: null for nil
// (nothing when omit is set and no raw value is kept).
func EncodeStringPtrField[T ~string](w *Writer, extra Extra, lit, key string, v *T, omit bool) {
	if raw := Kept(extra, key); raw != nil && (v == nil && IsNull(raw) || v != nil && SameString(raw, string(*v))) {
		w.Lit(lit)
		w.RawTrusted(raw)
		return
	}
	if v == nil {
		if !omit {
			w.Lit(lit)
			w.Null()
		}
		return
	}
	w.Lit(lit)
	w.String(string(*v))
}
