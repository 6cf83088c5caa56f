package codegen

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// pkgInfo is what the generator learns from a package's hand-written files.
type pkgInfo struct {
	name    string
	types   map[string]*typeDecl
	order   []*typeDecl // in source order (files sorted by name)
	methods map[string]map[string]methodInfo
	idents  map[string]bool // package-level identifiers
	cache   map[string]*typ
	busy    map[string]bool
}

type typeDecl struct {
	name string
	spec *ast.TypeSpec
	file *ast.File
	pos  token.Position
}

type methodInfo struct {
	ptr bool // pointer receiver
}

// loadPackage parses the non-test Go files of dir that match the build
// context, except the generated file.
func loadPackage(dir string) (*pkgInfo, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == FileName {
			continue
		}
		ok, err := build.Default.MatchFile(dir, n)
		if err != nil {
			return nil, err
		}
		if ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fmt.Errorf("jsongen: no Go files in %s", dir)
	}
	p := &pkgInfo{
		types:   map[string]*typeDecl{},
		methods: map[string]map[string]methodInfo{},
		idents:  map[string]bool{},
		cache:   map[string]*typ{},
		busy:    map[string]bool{},
	}
	fset := token.NewFileSet()
	for _, n := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("jsongen: %w", err)
		}
		if p.name == "" {
			p.name = f.Name.Name
		} else if f.Name.Name != p.name {
			return nil, fmt.Errorf("jsongen: %s: package %s, expected %s", n, f.Name.Name, p.name)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						td := &typeDecl{name: s.Name.Name, spec: s, file: f, pos: fset.Position(s.Pos())}
						p.types[td.name] = td
						p.order = append(p.order, td)
						p.idents[td.name] = true
					case *ast.ValueSpec:
						for _, id := range s.Names {
							p.idents[id.Name] = true
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					p.idents[d.Name.Name] = true
					continue
				}
				recv := d.Recv.List[0].Type
				ptr := false
				if s, ok := recv.(*ast.StarExpr); ok {
					ptr = true
					recv = s.X
				}
				switch x := recv.(type) {
				case *ast.IndexExpr:
					recv = x.X
				case *ast.IndexListExpr:
					recv = x.X
				}
				id, ok := recv.(*ast.Ident)
				if !ok {
					continue
				}
				if p.methods[id.Name] == nil {
					p.methods[id.Name] = map[string]methodInfo{}
				}
				p.methods[id.Name][d.Name.Name] = methodInfo{ptr: ptr}
			}
		}
	}
	for _, id := range []string{"json", "jsonx"} {
		if p.idents[id] {
			return nil, fmt.Errorf("jsongen: package %s declares %q, which the generated file imports", p.name, id)
		}
	}
	return p, nil
}

func (p *pkgInfo) has(typeName, method string) bool {
	_, ok := p.methods[typeName][method]
	return ok
}

// importPath returns the import path the file binds to name.
func importPath(f *ast.File, name string) string {
	for _, im := range f.Imports {
		path, err := strconv.Unquote(im.Path.Value)
		if err != nil {
			continue
		}
		local := path[strings.LastIndex(path, "/")+1:]
		if im.Name != nil {
			local = im.Name.Name
		}
		if local == name {
			return path
		}
	}
	return ""
}

// isExtraField reports whether f is the field
// Extra map[string]json.RawMessage tagged json:"-".
func isExtraField(f *ast.Field, file *ast.File) bool {
	if len(f.Names) != 1 || f.Names[0].Name != "Extra" || f.Tag == nil {
		return false
	}
	tag, err := strconv.Unquote(f.Tag.Value)
	if err != nil || reflect.StructTag(tag).Get("json") != "-" {
		return false
	}
	m, ok := f.Type.(*ast.MapType)
	if !ok {
		return false
	}
	if k, ok := m.Key.(*ast.Ident); !ok || k.Name != "string" {
		return false
	}
	return isRawMessage(m.Value, file)
}

func isRawMessage(e ast.Expr, file *ast.File) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "RawMessage" {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && importPath(file, x.Name) == "encoding/json"
}

// wireStruct returns the struct type of td, and the file it is declared
// in, when td is a wire struct (last field Extra), else nil. A type defined
// from another wire struct of the package (type A B) is one too.
func (p *pkgInfo) wireStruct(td *typeDecl) (*ast.StructType, *ast.File) {
	for range 100 {
		if td.spec.TypeParams != nil || td.spec.Assign.IsValid() {
			return nil, nil
		}
		switch t := td.spec.Type.(type) {
		case *ast.StructType:
			if t.Fields == nil || len(t.Fields.List) == 0 || !isExtraField(t.Fields.List[len(t.Fields.List)-1], td.file) {
				return nil, nil
			}
			return t, td.file
		case *ast.Ident:
			next, ok := p.types[t.Name]
			if !ok {
				return nil, nil
			}
			td = next
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// kind of a resolved type.
type kind int

const (
	kBasic    kind = iota // bool, string, ints, floats
	kPtr                  // *elem
	kSlice                // []elem
	kMap                  // map[string]elem
	kNamed                // a named type of this package
	kRaw                  // json.RawMessage
	kAny                  // any / interface{}
	kFallback             // through encoding/json
)

// mode says how a named type is decoded or encoded.
type mode int

const (
	modeGen      mode = iota // generated methods of this run
	modeMethod               // hand-written MarshalJSON / UnmarshalJSON
	modeUnder                // as its underlying type, converted
	modeFallback             // encoding/json
)

// typ is a resolved field type.
type typ struct {
	kind  kind
	expr  string // Go type expression in the generated file; "" if it cannot be written there
	basic string // kBasic: bool, string, int64, ...
	elem  *typ   // kPtr, kSlice, kMap: element; kNamed: the underlying type for modeUnder
	// kNamed only:
	name       string
	dec, enc   mode
	ptrMarshal bool   // MarshalJSON has a pointer receiver
	under      string // underlying kind: struct, slice, map, ptr, basic, interface, other
}

var basics = map[string]string{
	"bool": "bool", "string": "string",
	"int": "int", "int8": "int8", "int16": "int16", "int32": "int32", "int64": "int64",
	"uint": "uint", "uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64",
	"byte": "uint8", "rune": "int32",
	"float32": "float32", "float64": "float64",
}

func fallback(expr string) *typ { return &typ{kind: kFallback, expr: expr} }

// exprOf returns e's source text when it mentions no other package.
func exprOf(e ast.Expr) string {
	foreign := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.SelectorExpr); ok {
			foreign = true
		}
		return !foreign
	})
	if foreign {
		return ""
	}
	return types.ExprString(e)
}

// resolve turns a field's type expression into a typ.
func (p *pkgInfo) resolve(e ast.Expr, file *ast.File) *typ {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return p.resolve(e.X, file)
	case *ast.Ident:
		if _, ok := p.types[e.Name]; ok {
			return p.named(e.Name)
		}
		if b, ok := basics[e.Name]; ok {
			return &typ{kind: kBasic, expr: e.Name, basic: b}
		}
		if e.Name == "any" {
			return &typ{kind: kAny, expr: "any"}
		}
		return fallback(e.Name)
	case *ast.StarExpr:
		el := p.resolve(e.X, file)
		if el.expr == "" {
			return fallback("")
		}
		return &typ{kind: kPtr, expr: "*" + el.expr, elem: el}
	case *ast.ArrayType:
		if e.Len != nil {
			return fallback(exprOf(e))
		}
		el := p.resolve(e.Elt, file)
		if el.expr == "" {
			return fallback("")
		}
		if el.kind == kBasic && el.basic == "uint8" {
			return fallback("[]" + el.expr) // base64, as encoding/json does
		}
		return &typ{kind: kSlice, expr: "[]" + el.expr, elem: el}
	case *ast.MapType:
		k, ok := e.Key.(*ast.Ident)
		if !ok || k.Name != "string" || p.types["string"] != nil {
			return fallback(exprOf(e))
		}
		el := p.resolve(e.Value, file)
		if el.expr == "" {
			return fallback("")
		}
		return &typ{kind: kMap, expr: "map[string]" + el.expr, elem: el}
	case *ast.InterfaceType:
		if e.Methods == nil || len(e.Methods.List) == 0 {
			return &typ{kind: kAny, expr: "any"}
		}
		return fallback(exprOf(e))
	case *ast.SelectorExpr:
		if isRawMessage(e, file) {
			return &typ{kind: kRaw, expr: "json.RawMessage"}
		}
		return fallback("")
	}
	return fallback(exprOf(e))
}

// named resolves a named type of this package.
func (p *pkgInfo) named(name string) *typ {
	if t, ok := p.cache[name]; ok {
		return t
	}
	td := p.types[name]
	if td.spec.TypeParams != nil {
		return fallback("") // needs instantiation
	}
	if td.spec.Assign.IsValid() { // alias
		if p.busy[name] {
			return fallback("")
		}
		p.busy[name] = true
		t := p.resolve(td.spec.Type, td.file)
		delete(p.busy, name)
		p.cache[name] = t
		return t
	}
	t := &typ{kind: kNamed, expr: name, name: name}
	p.cache[name] = t // break cycles: a recursive type refers to this typ
	switch ut := td.spec.Type.(type) {
	case *ast.StructType:
		t.under = "struct"
	case *ast.ArrayType:
		t.under = "slice"
		if ut.Len != nil {
			t.under = "other"
		}
	case *ast.MapType:
		t.under = "map"
	case *ast.StarExpr:
		t.under = "ptr"
	case *ast.InterfaceType:
		t.under = "interface"
	case *ast.Ident:
		t.under = "other"
		if _, ok := basics[ut.Name]; ok && p.types[ut.Name] == nil {
			t.under = "basic:" + basics[ut.Name]
		}
	default:
		t.under = "other"
	}
	st, _ := p.wireStruct(td)
	wire := st != nil
	text := p.has(name, "MarshalText") || p.has(name, "UnmarshalText")
	switch {
	case wire && !p.has(name, "UnmarshalJSON"):
		t.dec = modeGen
	case p.has(name, "UnmarshalJSON"):
		t.dec = modeMethod
	case text:
		t.dec = modeFallback
	default:
		t.dec = modeUnder
	}
	switch {
	case wire && !p.has(name, "MarshalJSON"):
		t.enc = modeGen
	case p.has(name, "MarshalJSON"):
		t.enc = modeMethod
		t.ptrMarshal = p.methods[name]["MarshalJSON"].ptr
	case text:
		t.enc = modeFallback
	default:
		t.enc = modeUnder
	}
	if t.dec == modeUnder || t.enc == modeUnder {
		var under *typ
		if t.under != "struct" && t.under != "interface" && t.under != "other" {
			p.busy[name] = true
			under = p.resolve(td.spec.Type, td.file)
			delete(p.busy, name)
		}
		if under == nil || under.kind == kFallback || under.kind == kNamed || under.expr == "" {
			under = nil
		} else {
			cp := *under
			cp.expr = name // declarations and conversions use the named type
			under = &cp
		}
		t.elem = under
		if t.dec == modeUnder && under == nil {
			t.dec = modeFallback
		}
		if t.enc == modeUnder && under == nil {
			t.enc = modeFallback
		}
	}
	return t
}

// field is one JSON member of a wire struct.
type field struct {
	goName    string
	key       string
	t         *typ
	omitEmpty bool
	omitZero  bool
}

// fields lists the JSON members of a wire struct.
func (p *pkgInfo) fields(td *typeDecl, st *ast.StructType, file *ast.File) ([]field, error) {
	var out []field
	seen := map[string]string{}
	list := st.Fields.List[:len(st.Fields.List)-1]
	for _, f := range list {
		if len(f.Names) == 0 {
			return nil, fmt.Errorf("jsongen: %s: %s: embedded field %s is not supported (write its fields out)", td.pos, td.name, types.ExprString(f.Type))
		}
		tag := ""
		if f.Tag != nil {
			s, err := strconv.Unquote(f.Tag.Value)
			if err != nil {
				return nil, fmt.Errorf("jsongen: %s: %s: bad tag %s", td.pos, td.name, f.Tag.Value)
			}
			tag = reflect.StructTag(s).Get("json")
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		for _, id := range f.Names {
			if !id.IsExported() {
				continue
			}
			key := name
			if key == "" {
				key = id.Name
			}
			if prev, ok := seen[key]; ok {
				return nil, fmt.Errorf("jsongen: %s: %s: fields %s and %s both use key %q", td.pos, td.name, prev, id.Name, key)
			}
			seen[key] = id.Name
			fl := field{goName: id.Name, key: key, t: p.resolve(f.Type, file)}
			for _, o := range strings.Split(opts, ",") {
				switch o {
				case "omitempty":
					fl.omitEmpty = true
				case "omitzero":
					fl.omitZero = true
				}
			}
			out = append(out, fl)
		}
	}
	return out, nil
}
