package codegen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/duobot/duobot/internal/jsonx"
)

// emitter writes Go source for one package.
type emitter struct {
	p      *pkgInfo
	b      strings.Builder
	n      int             // counter for unique variable names
	inline map[string]bool // named types being inlined (modeUnder), to stop recursion
}

func (g *emitter) line(format string, args ...any) {
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *emitter) v(prefix string) string {
	g.n++
	return prefix + strconv.Itoa(g.n)
}

// readerCall returns the Reader call and the Go type it yields for a basic
// type, or "" when the basic type is not handled.
func readerCall(basic string) (call, yields string) {
	switch basic {
	case "bool":
		return "r.Bool()", "bool"
	case "string":
		return "r.String()", "string"
	case "int":
		return "r.Int(jsonx.IntBits)", "int64"
	case "int8", "int16", "int32":
		return "r.Int(" + basic[3:] + ")", "int64"
	case "int64":
		return "r.Int64()", "int64"
	case "uint":
		return "r.Uint(jsonx.IntBits)", "uint64"
	case "uint8", "uint16", "uint32":
		return "r.Uint(" + basic[4:] + ")", "uint64"
	case "uint64":
		return "r.Uint64()", "uint64"
	case "float32":
		return "r.Float(32)", "float64"
	case "float64":
		return "r.Float64()", "float64"
	}
	return "", ""
}

// modeOf returns how the named type t is decoded (dec=true) or encoded; a
// recursive inline of an underlying type becomes a fallback.
func (g *emitter) modeOf(t *typ, dec bool) mode {
	m := t.enc
	if dec {
		m = t.dec
	}
	if m == modeUnder && g.inline[t.name] {
		m = modeFallback
	}
	return m
}

// decode writes statements decoding the next value of r into the
// addressable expression dst; fail(err) is the statement run on error.
func (g *emitter) decode(dst string, t *typ, fail func(string) string) {
	if t.kind == kNamed {
		m := g.modeOf(t, true)
		switch m {
		case modeGen:
			g.line("if err := %s.decodeJSONGen(r); err != nil {", dst)
			g.line("%s", fail("err"))
			g.line("}")
		case modeMethod:
			raw := g.v("raw")
			g.line("if %s, err := r.Raw(); err != nil {", raw)
			g.line("%s", fail("err"))
			g.line("} else if err := %s.UnmarshalJSON(%s); err != nil {", dst, raw)
			g.line("%s", fail("err"))
			g.line("}")
		case modeUnder:
			g.inline[t.name] = true
			g.decode(dst, t.elem, fail)
			delete(g.inline, t.name)
		default:
			g.decodeFallback(dst, fail)
		}
		return
	}
	switch t.kind {
	case kBasic:
		call, yields := readerCall(t.basic)
		v := g.v("v")
		g.line("if %s, err := %s; err != nil {", v, call)
		g.line("%s", fail("err"))
		g.line("} else {")
		if t.expr == yields {
			g.line("%s = %s", dst, v)
		} else {
			g.line("%s = %s(%s)", dst, t.expr, v)
		}
		g.line("}")
	case kPtr:
		p := g.v("p")
		g.line("if r.IsNull() {")
		g.line("%s = nil", dst)
		g.line("} else {")
		g.line("%s := new(%s)", p, t.elem.expr)
		g.decode("(*"+p+")", t.elem, fail)
		g.line("%s = %s", dst, p)
		g.line("}")
	case kSlice:
		s := g.v("s")
		g.line("if r.IsNull() {")
		g.line("%s = nil", dst)
		g.line("} else {")
		g.line("if err := r.BeginArray(); err != nil {")
		g.line("%s", fail("err"))
		g.line("}")
		g.line("var %s %s", s, t.expr)
		g.line("for {")
		g.line("if more, err := r.NextElem(); err != nil {")
		g.line("%s", fail("err"))
		g.line("} else if !more {")
		g.line("break")
		g.line("}")
		g.line("if %s == nil {", s)
		g.line("%s = make(%s, 0, 4)", s, t.expr)
		g.line("}")
		g.line("%s = append(%s, *new(%s))", s, s, t.elem.expr)
		g.decode(s+"[len("+s+")-1]", t.elem, fail)
		g.line("}")
		g.line("if %s == nil {", s)
		g.line("%s = %s{}", s, t.expr)
		g.line("}")
		g.line("%s = %s", dst, s)
		g.line("}")
	case kMap:
		m := g.v("m")
		k := g.v("k")
		e := g.v("e")
		g.line("if r.IsNull() {")
		g.line("%s = nil", dst)
		g.line("} else {")
		g.line("if err := r.BeginObject(); err != nil {")
		g.line("%s", fail("err"))
		g.line("}")
		g.line("%s := %s{}", m, t.expr)
		g.line("for {")
		g.line("key, more, err := r.NextKey()")
		g.line("if err != nil {")
		g.line("%s", fail("err"))
		g.line("}")
		g.line("if !more {")
		g.line("break")
		g.line("}")
		g.line("%s := string(key)", k)
		g.line("var %s %s", e, t.elem.expr)
		g.decode(e, t.elem, fail)
		g.line("%s[%s] = %s", m, k, e)
		g.line("}")
		g.line("%s = %s", dst, m)
		g.line("}")
	case kRaw:
		raw := g.v("raw")
		g.line("if %s, err := r.Raw(); err != nil {", raw)
		g.line("%s", fail("err"))
		g.line("} else {")
		g.line("%s = jsonx.Clone(%s)", dst, raw)
		g.line("}")
	case kAny:
		raw := g.v("raw")
		g.line("if %s, err := r.Raw(); err != nil {", raw)
		g.line("%s", fail("err"))
		g.line("} else if %s, err = jsonx.DecodeAny(%s); err != nil {", dst, raw)
		g.line("%s", fail("err"))
		g.line("}")
	default:
		g.decodeFallback(dst, fail)
	}
}

func (g *emitter) decodeFallback(dst string, fail func(string) string) {
	raw := g.v("raw")
	g.line("if %s, err := r.Raw(); err != nil {", raw)
	g.line("%s", fail("err"))
	g.line("} else if err := jsonx.UnmarshalValue(%s, &%s); err != nil {", raw, dst)
	g.line("%s", fail("err"))
	g.line("}")
}

// encode writes statements appending src (an addressable expression) to w.
func (g *emitter) encode(src string, t *typ) {
	if t.kind == kNamed {
		m := g.modeOf(t, false)
		switch m {
		case modeGen:
			g.line("%s.encodeJSONGen(w)", src)
		case modeMethod:
			g.line("w.Marshaled(%s.MarshalJSON())", src)
		case modeUnder:
			g.inline[t.name] = true
			g.encode(src, t.elem)
			delete(g.inline, t.name)
		default:
			g.line("w.Value(&%s)", src)
		}
		return
	}
	switch t.kind {
	case kBasic:
		switch {
		case t.basic == "bool":
			g.line("w.Bool(bool(%s))", src)
		case t.basic == "string":
			g.line("w.String(string(%s))", src)
		case strings.HasPrefix(t.basic, "int"):
			g.line("w.Int64(int64(%s))", src)
		case strings.HasPrefix(t.basic, "uint"):
			g.line("w.Uint64(uint64(%s))", src)
		default:
			g.line("w.Float64(float64(%s), %s)", src, t.basic[5:])
		}
	case kPtr:
		g.line("if %s == nil {", src)
		g.line("w.Null()")
		g.line("} else {")
		g.encode("(*"+src+")", t.elem)
		g.line("}")
	case kSlice:
		m := g.v("m")
		i := g.v("i")
		g.line("if %s == nil {", src)
		g.line("w.Null()")
		g.line("} else {")
		g.line("%s := w.Mark()", m)
		g.line("for %s := range %s {", i, src)
		g.line("w.Byte(',')")
		g.encode(src+"["+i+"]", t.elem)
		g.line("}")
		g.line("w.EndArray(%s)", m)
		g.line("}")
	case kMap:
		m := g.v("m")
		k := g.v("k")
		e := g.v("e")
		g.line("if %s == nil {", src)
		g.line("w.Null()")
		g.line("} else {")
		g.line("%s := w.Mark()", m)
		g.line("for _, %s := range jsonx.SortedKeys(%s) {", k, src)
		g.line("w.Byte(',')")
		g.line("w.String(%s)", k)
		g.line("w.Byte(':')")
		g.line("%s := %s[%s]", e, src, k)
		g.encode(e, t.elem)
		g.line("}")
		g.line("w.EndObject(%s)", m)
		g.line("}")
	case kRaw:
		g.line("w.Raw(%s)", src)
	case kAny:
		g.line("w.Any(%s)", src)
	default:
		g.line("w.Value(&%s)", src)
	}
}

// mayFlag reports whether decoding t can leave the Reader's not-canonical
// flag set (so the field's raw bytes may need keeping).
func (g *emitter) mayFlag(t *typ, depth int) bool {
	if depth > 20 {
		return true
	}
	switch t.kind {
	case kBasic:
		return true
	case kPtr:
		if t.elem.kind == kNamed && t.elem.dec == modeGen {
			return false
		}
		return g.mayFlag(t.elem, depth+1)
	case kSlice, kMap:
		return g.mayFlag(t.elem, depth+1)
	case kNamed:
		switch t.dec {
		case modeGen:
			return true // null for a struct value
		case modeUnder:
			return t.elem != nil && g.mayFlag(t.elem, depth+1)
		}
	}
	return false
}

// emptyExpr returns a Go expression true when src is empty in the sense of
// omitempty.
func emptyExpr(src string, t *typ) string {
	switch t.kind {
	case kBasic:
		switch {
		case t.basic == "bool":
			return "!" + src
		case t.basic == "string":
			return src + ` == ""`
		default:
			return src + " == 0"
		}
	case kPtr, kAny:
		return src + " == nil"
	case kSlice, kMap, kRaw:
		return "len(" + src + ") == 0"
	case kNamed:
		switch {
		case t.under == "struct":
			return "false"
		case t.under == "slice", t.under == "map":
			return "len(" + src + ") == 0"
		case t.under == "ptr", t.under == "interface":
			return src + " == nil"
		case t.under == "basic:bool":
			return "!" + src
		case t.under == "basic:string":
			return src + ` == ""`
		case strings.HasPrefix(t.under, "basic:"):
			return src + " == 0"
		}
	}
	return "jsonx.IsEmpty(" + src + ")"
}

// sameExpr returns a Go expression true when the raw JSON in variable raw
// decodes to the current value of src.
func (g *emitter) sameExpr(raw, src string, t *typ) string {
	bt := t
	if t.kind == kNamed && t.dec == modeUnder && t.elem != nil {
		bt = t.elem
	}
	if bt.kind == kBasic {
		return sameBasic(raw, src, bt.basic)
	}
	if bt.kind == kPtr && bt.elem.kind == kBasic {
		return fmt.Sprintf("(%s == nil && jsonx.IsNull(%s) || %s != nil && %s)", src, raw, src, sameBasic(raw, "(*"+src+")", bt.elem.basic))
	}
	if t.expr == "" || t.kind == kFallback || t.kind == kNamed && t.dec == modeFallback {
		return fmt.Sprintf("jsonx.SameAs(%s, %s)", raw, src)
	}
	// Decode raw again into a fresh value and compare.
	var sub emitter
	sub.p = g.p
	sub.n = g.n
	sub.inline = map[string]bool{}
	sub.line("func() bool {")
	sub.line("rd := jsonx.NewReader(%s)", raw)
	sub.line("r := &rd")
	sub.line("var tmp %s", t.expr)
	sub.decode("tmp", t, func(string) string { return "return false" })
	sub.line("return r.End() == nil && jsonx.DeepEqual(tmp, %s)", src)
	sub.b.WriteString("}()")
	g.n = sub.n
	return sub.b.String()
}

func sameBasic(raw, src, basic string) string {
	switch {
	case basic == "bool":
		return fmt.Sprintf("jsonx.SameBool(%s, bool(%s))", raw, src)
	case basic == "string":
		return fmt.Sprintf("jsonx.SameString(%s, string(%s))", raw, src)
	case strings.HasPrefix(basic, "int"):
		return fmt.Sprintf("jsonx.SameInt(%s, int64(%s))", raw, src)
	case strings.HasPrefix(basic, "uint"):
		return fmt.Sprintf("jsonx.SameUint(%s, uint64(%s))", raw, src)
	default:
		return fmt.Sprintf("jsonx.SameFloat(%s, float64(%s), %s)", raw, src, basic[5:])
	}
}

// scalarOf reports whether field type t can use the jsonx field helpers
// in the given direction, and returns the helper family (Int, Uint, Float,
// Bool, String), the basic type and whether t is a pointer.
func (g *emitter) scalarOf(t *typ, dec bool) (family, basic string, ptr, ok bool) {
	if t.kind == kPtr {
		ptr = true
		t = t.elem
	}
	if t.kind == kNamed {
		m := t.enc
		if dec {
			m = t.dec
		}
		if m != modeUnder || t.elem == nil || g.p.has(t.name, "IsZero") {
			return "", "", false, false
		}
		t = t.elem
	}
	if t.kind != kBasic {
		return "", "", false, false
	}
	switch b := t.basic; {
	case b == "bool":
		family = "Bool"
	case b == "string":
		family = "String"
	case strings.HasPrefix(b, "int"):
		family = "Int"
	case strings.HasPrefix(b, "uint"):
		family = "Uint"
	default:
		family = "Float"
	}
	return family, t.basic, ptr, true
}

// convert returns the Go expression converting v of type from to type to.
func convert(v, from, to string) string {
	if from == to {
		return v
	}
	return to + "(" + v + ")"
}

// keyLit returns the Go literal of `,"key":` with key escaped as JSON.
func keyLit(key string) string {
	var w jsonx.Writer
	w.Byte(',')
	w.String(key)
	w.Byte(':')
	return goString(string(w.B))
}

// goString returns a Go literal for s, raw when possible.
func goString(s string) string {
	if strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// emitType writes the methods of one wire struct.
func (g *emitter) emitType(td *typeDecl, fields []field) {
	name := td.name
	genEnc := !g.p.has(name, "MarshalJSON")
	genDec := !g.p.has(name, "UnmarshalJSON")
	if genEnc {
		g.line("// MarshalJSON encodes %s: its fields in order, then the other keys of", name)
		g.line("// Extra in sorted order. A field whose key is also in Extra is written as")
		g.line("// that raw value while it still decodes to the field's value.")
		g.line("func (x %s) MarshalJSON() ([]byte, error) {", name)
		g.line("w := jsonx.GetWriter()")
		g.line("x.encodeJSONGen(w)")
		g.line("out, err := w.Result()")
		g.line("jsonx.PutWriter(w)")
		g.line("return out, err")
		g.line("}")
		g.line("")
		g.line("func (x *%s) encodeJSONGen(w *jsonx.Writer) {", name)
		g.line("m := w.Mark()")
		for _, f := range fields {
			src := "x." + f.goName
			kept := g.mayFlag(f.t, 0) || (f.omitEmpty || f.omitZero) && f.t.kind != kRaw
			lit := keyLit(f.key)
			if family, basic, ptr, ok := g.scalarOf(f.t, false); ok {
				omit := strconv.FormatBool(f.omitEmpty || f.omitZero)
				q := strconv.Quote(f.key)
				switch {
				case ptr:
					g.line("jsonx.Encode%sPtrField(w, x.Extra, %s, %s, %s, %s)", family, lit, q, src, omit)
				case family == "Float":
					g.line("jsonx.EncodeFloatField(w, x.Extra, %s, %s, float64(%s), %s, %s)", lit, q, src, basic[5:], omit)
				default:
					conv := map[string]string{"Int": "int64", "Uint": "uint64", "Bool": "bool", "String": "string"}[family]
					g.line("jsonx.Encode%sField(w, x.Extra, %s, %s, %s(%s), %s)", family, lit, q, conv, src, omit)
				}
				continue
			}
			if kept {
				g.line("if raw := jsonx.Kept(x.Extra, %s); raw != nil && %s {", strconv.Quote(f.key), g.sameExpr("raw", src, f.t))
				g.line("w.Lit(%s)", lit)
				g.line("w.RawTrusted(raw)")
				g.b.WriteString("} else ")
			}
			switch {
			case f.omitZero && f.omitEmpty:
				g.line("if !(%s) && !jsonx.IsZero(%s) {", emptyExpr(src, f.t), src)
			case f.omitZero:
				g.line("if !jsonx.IsZero(%s) {", src)
			case f.omitEmpty:
				g.line("if !(%s) {", emptyExpr(src, f.t))
			default:
				g.line("{")
			}
			g.line("w.Lit(%s)", lit)
			g.encode(src, f.t)
			g.line("}")
		}
		var keys []string
		for _, f := range fields {
			keys = append(keys, strconv.Quote(f.key))
		}
		g.line("if len(x.Extra) != 0 {")
		g.line("jsonx.WriteExtra(w, x.Extra%s)", strings.Join(append([]string{""}, keys...), ", "))
		g.line("}")
		g.line("w.EndObject(m)")
		g.line("}")
		g.line("")
	}
	if genDec {
		tn := strconv.Quote(name)
		g.line("// UnmarshalJSON decodes %s leniently (numeric strings for numbers,", name)
		g.line("// 0/1 for bools, numbers for strings), keeping unknown keys, and the raw")
		g.line("// value of a field not written in canonical form, in Extra.")
		g.line("func (x *%s) UnmarshalJSON(data []byte) error {", name)
		g.line("r := jsonx.NewReader(data)")
		g.line("if err := x.decodeJSONGen(&r); err != nil {")
		g.line("return err")
		g.line("}")
		g.line("return jsonx.WrapType(%s, r.End())", tn)
		g.line("}")
		g.line("")
		g.line("func (x *%s) decodeJSONGen(r *jsonx.Reader) error {", name)
		g.line("if r.IsNull() {")
		g.line("*x = %s{}", name)
		g.line("r.SetFlag()")
		g.line("return nil")
		g.line("}")
		g.line("if err := r.BeginObject(); err != nil {")
		g.line("return jsonx.WrapType(%s, err)", tn)
		g.line("}")
		g.line("x.Extra = nil")
		if len(fields) == 0 {
			g.emitExtraOnly(tn)
			return
		}
		g.line("prev := -1 // the field read last")
		g.line("for {")
		g.line("order := &jsonOrder%s[prev+1]", name)
		g.line("f := order.Guess(prev)")
		g.line("key, hit, more, err := r.NextKeyIs(&jsonKeys%s[f])", name)
		g.line("if err != nil {")
		g.line("return jsonx.WrapType(%s, err)", tn)
		g.line("}")
		g.line("if !more {")
		g.line("break")
		g.line("}")
		g.line("if !hit {")
		g.line("if f = jsonField%s(key); f >= 0 {", name)
		g.line("order.Learn(prev, f)")
		g.line("}")
		g.line("}")
		g.line("switch f {")
		for i, f := range fields {
			q := strconv.Quote(f.key)
			g.line("case %d: // %s", i, q)
			fail := func(err string) string { return "return jsonx.WrapField(" + tn + ", " + q + ", " + err + ")" }
			if family, basic, ptr, ok := g.scalarOf(f.t, true); ok {
				omit := f.omitEmpty || f.omitZero
				switch {
				case ptr:
					family += "Ptr"
				case !omit && family == "Int":
					// The canonical form inline; every other through the helper.
					bits := strings.TrimPrefix(basic, "int")
					if bits == "" {
						bits = "jsonx.IntBits"
					}
					g.line("if v, ok := r.CanonicalInt(%s); ok {", bits)
					g.line("x.%s = %s", f.goName, convert("v", "int64", f.t.expr))
					g.line("if x.Extra != nil {")
					g.line("delete(x.Extra, %s)", q)
					g.line("}")
					g.b.WriteString("} else ")
				case !omit && family == "String":
					g.line("if v, ok := r.CanonicalString(); ok {")
					g.line("x.%s = %s", f.goName, convert("v", "string", f.t.expr))
					g.line("if x.Extra != nil {")
					g.line("delete(x.Extra, %s)", q)
					g.line("}")
					g.b.WriteString("} else ")
				}
				g.line("if err := jsonx.Decode%sField(r, &x.%s, &x.Extra, %s, %v); err != nil {", family, f.goName, q, omit)
				g.line("%s", fail("err"))
				g.line("}")
				continue
			}
			kept := g.mayFlag(f.t, 0) || (f.omitEmpty || f.omitZero) && f.t.kind != kRaw
			if kept {
				g.line("start := r.Mark()")
			}
			g.decode("x."+f.goName, f.t, fail)
			if kept {
				also := "false"
				switch {
				case f.omitEmpty && f.omitZero:
					also = "(" + emptyExpr("x."+f.goName, f.t) + ") || jsonx.IsZero(x." + f.goName + ")"
				case f.omitEmpty:
					also = emptyExpr("x."+f.goName, f.t)
				case f.omitZero:
					also = "jsonx.IsZero(x." + f.goName + ")"
				}
				g.line("r.Keep(&x.Extra, %s, start, %s)", q, also)
			}
		}
		g.line("default:")
		g.line("raw, err := r.Raw()")
		g.line("if err != nil {")
		g.line("return jsonx.WrapField(%s, string(key), err)", tn)
		g.line("}")
		g.line("x.Extra = jsonx.Put(x.Extra, key, raw)")
		g.line("continue")
		g.line("}")
		g.line("prev = f")
		g.line("}")
		g.line("r.ClearFlag()")
		g.line("return nil")
		g.line("}")
		g.line("")
		g.emitKeyTables(name, fields)
	}
}

// emitExtraOnly ends the decoder of a struct without fields: every key
// goes to Extra.
func (g *emitter) emitExtraOnly(tn string) {
	g.line("for {")
	g.line("key, more, err := r.NextKey()")
	g.line("if err != nil {")
	g.line("return jsonx.WrapType(%s, err)", tn)
	g.line("}")
	g.line("if !more {")
	g.line("break")
	g.line("}")
	g.line("raw, err := r.Raw()")
	g.line("if err != nil {")
	g.line("return jsonx.WrapField(%s, string(key), err)", tn)
	g.line("}")
	g.line("x.Extra = jsonx.Put(x.Extra, key, raw)")
	g.line("}")
	g.line("r.ClearFlag()")
	g.line("return nil")
	g.line("}")
	g.line("")
}

// emitKeyTables writes, for the decoder of type name, its key table, its
// learned key order (for Reader.NextKeyIs) and the function mapping any
// key to its field index (-1 for an unknown key).
func (g *emitter) emitKeyTables(name string, fields []field) {
	g.line("// jsonKeys%s lists the keys of %s by field index, and then a Key", name, name)
	g.line("// expecting nothing (for after the last field); jsonOrder%s is what", name)
	g.line("// the decoder learned of their order (entry 0: the first key).")
	g.line("var jsonKeys%s = [...]jsonx.Key{", name)
	for _, f := range fields {
		g.line("jsonx.MakeKey(%s),", strconv.Quote(f.key))
	}
	g.line("{},")
	g.line("}")
	g.line("")
	g.line("var jsonOrder%s [%d]jsonx.Next", name, len(fields)+1)
	g.line("")
	g.line("// jsonField%s returns the index of the field of %s with the given", name, name)
	g.line("// key, or -1.")
	g.line("func jsonField%s(key []byte) int {", name)
	if len(fields) > 0 {
		g.line("switch string(key) {")
		for i, f := range fields {
			g.line("case %s:", strconv.Quote(f.key))
			g.line("return %d", i)
		}
		g.line("}")
	}
	g.line("return -1")
	g.line("}")
	g.line("")
}
