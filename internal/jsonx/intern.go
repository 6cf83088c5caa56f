package jsonx

import "sync/atomic"

// internTab caches short identifier-like strings ("message", "group",
// "text", "admin", ...) that wire values repeat all the time, so decoding
// them does not allocate. Entries are replaced freely on collision; the
// table is safe for concurrent use.
var internTab [1024]atomic.Pointer[string]

// makeString returns b as a string, from internTab when b is a short
// identifier of lower-case ASCII letters, digits and '_' starting with a
// letter.
func makeString(b []byte) string {
	n := len(b)
	if n == 0 {
		return ""
	}
	if n > 16 || b[0] < 'a' || b[0] > 'z' {
		return string(b)
	}
	h := uint32(2166136261)
	for _, c := range b {
		if (c < 'a' || c > 'z') && c != '_' && (c < '0' || c > '9') {
			return string(b)
		}
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &internTab[h%uint32(len(internTab))]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}
