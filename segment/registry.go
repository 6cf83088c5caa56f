package segment

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Registry maps segment type names to constructors of their Go types. S
// is the protocol's segment interface. A Registry is filled at package
// initialisation and read-only afterwards, so it is safe for concurrent
// lookups.
type Registry[S any] struct {
	m map[string]func() S
}

// NewRegistry returns an empty registry.
func NewRegistry[S any]() *Registry[S] {
	return &Registry[S]{m: map[string]func() S{}}
}

// Register adds a type; registering a name twice replaces the first.
func (r *Registry[S]) Register(typ string, newSeg func() S) { r.m[typ] = newSeg }

// New returns a fresh value of the type registered under typ.
func (r *Registry[S]) New(typ string) (S, bool) {
	f, ok := r.m[typ]
	if !ok {
		var zero S
		return zero, false
	}
	return f(), true
}

// Types lists the registered type names, sorted.
func (r *Registry[S]) Types() []string {
	out := make([]string, 0, len(r.m))
	for k := range r.m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// CQStringer is implemented by field values with their own CQ form (a
// nested message writes itself as a CQ string).
type CQStringer interface {
	CQString() string
}

// AppendCQ appends d as one CQ code: "[CQ:type,key=value,...]" with the
// known fields in schema order followed by the extra keys sorted. String
// values are written as they are, other JSON values as their JSON text.
func AppendCQ(b []byte, d Data) []byte {
	sc, meta, extra := d.SegmentData()
	b = AppendCQCode(b, sc.Type)
	for i := range sc.Fields {
		f := &sc.Fields[i]
		p := d.SegmentField(i)
		if i >= 64 || !emits(f, meta, 1<<uint(i), p) {
			continue
		}
		b = append(b, ',')
		b = append(b, f.Name...)
		b = append(b, '=')
		switch p := p.(type) {
		case *string:
			b = AppendCQValue(b, *p)
		case *int64:
			b = strconv.AppendInt(b, *p, 10)
		case *bool:
			b = strconv.AppendBool(b, *p)
		case *[]string:
			b = AppendCQValue(b, strings.Join(*p, ","))
		case CQStringer:
			b = AppendCQValue(b, p.CQString())
		case json.Marshaler:
			v, err := p.MarshalJSON()
			if err == nil {
				b = AppendCQValue(b, string(v))
			}
		}
	}
	return append(AppendCQExtra(b, *extra), ']')
}

// AppendCQExtra appends ",key=value" for each entry of m in sorted key
// order: JSON strings as their value, anything else as its JSON text.
func AppendCQExtra(b []byte, m map[string]json.RawMessage) []byte {
	if len(m) == 0 {
		return b
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := string(m[k])
		if s, err := String(v); err == nil {
			v = s
		}
		b = AppendCQParam(b, k, v)
	}
	return b
}
