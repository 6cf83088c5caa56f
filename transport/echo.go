package transport

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// findEcho returns the raw JSON value of the top-level "echo" key of a JSON
// object frame, scanning keys without decoding the values. ok is false when
// the frame is not an object, has no echo key, or is malformed before the
// key is reached. The returned slice aliases frame.
func findEcho(b []byte) (raw []byte, ok bool) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	i++
	for {
		i = skipWS(b, i)
		if i >= len(b) || b[i] != '"' {
			return nil, false
		}
		end, esc, ok := scanString(b, i)
		if !ok {
			return nil, false
		}
		key := b[i+1 : end-1]
		i = skipWS(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipWS(b, i+1)
		vend, ok := skipValue(b, i)
		if !ok {
			return nil, false
		}
		if isEchoKey(key, esc) {
			return b[i:vend], true
		}
		i = skipWS(b, vend)
		if i >= len(b) || b[i] != ',' {
			return nil, false
		}
		i++
	}
}

func isEchoKey(key []byte, escaped bool) bool {
	if !escaped {
		return string(key) == "echo"
	}
	var s string
	q := make([]byte, 0, len(key)+2)
	q = append(append(append(q, '"'), key...), '"')
	return json.Unmarshal(q, &s) == nil && s == "echo"
}

func skipWS(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString scans the string starting at b[i] == '"' and returns the index
// after its closing quote and whether it contains escapes.
func scanString(b []byte, i int) (end int, escaped bool, ok bool) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '"':
			return j + 1, escaped, true
		case '\\':
			escaped = true
			j++
		}
	}
	return 0, false, false
}

// skipValue returns the index after the JSON value starting at b[i].
// Containers are skipped by bracket depth (strings respected); their
// contents are not validated.
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		end, _, ok := scanString(b, i)
		return end, ok
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			case '"':
				end, _, ok := scanString(b, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			}
		}
		return 0, false
	default:
		j := i
		for j < len(b) {
			switch b[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				if j == i {
					return 0, false
				}
				return j, true
			}
			j++
		}
		return 0, false
	}
}

// echoKey normalises a raw echo value for matching, so that a peer
// re-encoding the echo (whitespace, key order, escapes, 1.0 vs 1) still
// matches. Plain strings are used as is.
func echoKey(raw []byte) string {
	if len(raw) > 0 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	// Canonical form: escapes resolved, numbers normalised, object keys
	// sorted, whitespace removed.
	var v any
	if json.Unmarshal(raw, &v) == nil {
		if b, err := json.Marshal(v); err == nil {
			return string(b)
		}
	}
	return string(raw)
}

// echoGen is the fixed part of the echoes one client or server connection
// generates: "<gen>-<n>" with gen 8 lowercase hex digits.
type echoGen [8]byte

// parse returns n when raw is the JSON string "<gen>-<n>" of this generator.
func (g *echoGen) parse(raw []byte) (uint64, bool) {
	// "xxxxxxxx-N"
	if len(raw) < 12 || raw[0] != '"' || raw[len(raw)-1] != '"' || raw[9] != '-' || string(raw[1:9]) != string(g[:]) {
		return 0, false
	}
	digits := raw[10 : len(raw)-1]
	if len(digits) > 20 {
		return 0, false
	}
	var n uint64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// appendEcho appends the JSON string "<gen>-<n>".
func (g *echoGen) appendEcho(b []byte, n uint64) []byte {
	b = append(b, '"')
	b = append(b, g[:]...)
	b = append(b, '-')
	b = strconv.AppendUint(b, n, 10)
	return append(b, '"')
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			simple = false
			break
		}
	}
	if simple {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
