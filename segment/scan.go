package segment

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is a minimal JSON scanner over strings used by the segment
// decoders: values are validated strictly (RFC 8259) and strings without
// escapes are returned as substrings of the input, so decoding a message
// allocates little beyond the segments themselves.

// ErrSyntax is wrapped by every JSON syntax error of this package.
var ErrSyntax = errors.New("invalid JSON")

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 10000

func syntaxErr(s string, i int, what string) error {
	if i >= len(s) {
		return fmt.Errorf("segment: %w: unexpected end of input (%s)", ErrSyntax, what)
	}
	return fmt.Errorf("segment: %w: %s at offset %d (%q)", ErrSyntax, what, i, s[i])
}

func skipWS(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString reads the JSON string starting at s[i] == '"' and returns its
// decoded value and the index after the closing quote.
func scanString(s string, i int) (string, int, error) {
	if i >= len(s) || s[i] != '"' {
		return "", i, syntaxErr(s, i, "expected string")
	}
	start := i + 1
	j := start
	for {
		// Short strings (keys, most values) end within a few bytes:
		// look at up to 8 bytes one by one before skipping plain words.
		for end := min(j+8, len(s)); j < end; j++ {
			switch c := s[j]; {
			case c == '"':
				return s[start:j], j + 1, nil
			case c == '\\':
				return unescapeString(s, start)
			case c < 0x20:
				return "", j, syntaxErr(s, j, "control character in string")
			}
		}
		if j >= len(s) {
			return "", len(s), syntaxErr(s, len(s), "unterminated string")
		}
		j = plainRun(s, j)
	}
}

func unescapeString(s string, start int) (string, int, error) {
	b := make([]byte, 0, 32)
	j := start
	for j < len(s) {
		c := s[j]
		switch {
		case c == '"':
			return string(b), j + 1, nil
		case c < 0x20:
			return "", j, syntaxErr(s, j, "control character in string")
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= len(s) {
			break
		}
		switch s[j+1] {
		case '"', '\\', '/':
			b = append(b, s[j+1])
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(s, j+2)
			if !ok {
				return "", j, syntaxErr(s, j, "bad \\u escape")
			}
			j += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(s, j+2); ok && j+1 < len(s) && s[j] == '\\' && s[j+1] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						j += 6
						b = utf8.AppendRune(b, d)
						continue
					}
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
			continue
		default:
			return "", j, syntaxErr(s, j+1, "bad escape")
		}
		j += 2
	}
	return "", len(s), syntaxErr(s, len(s), "unterminated string")
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// scanNumber validates the JSON number at s[i] and returns the index after it.
func scanNumber(s string, i int) (int, error) {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	if j >= len(s) {
		return j, syntaxErr(s, j, "bad number")
	}
	switch {
	case s[j] == '0':
		j++
	case s[j] >= '1' && s[j] <= '9':
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	default:
		return j, syntaxErr(s, j, "bad number")
	}
	if j < len(s) && s[j] == '.' {
		j++
		d := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == d {
			return j, syntaxErr(s, j, "bad number")
		}
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		d := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == d {
			return j, syntaxErr(s, j, "bad number")
		}
	}
	return j, nil
}

// skipString validates the JSON string starting at s[i] == '"' and
// returns the index after its closing quote.
func skipString(s string, i int) (int, error) {
	for j := i + 1; j < len(s); j++ {
		if j-i == 9 { // past the short-string bytes: skip plain words
			if j = plainRun(s, j); j >= len(s) {
				break
			}
		}
		switch c := s[j]; {
		case c == '"':
			return j + 1, nil
		case c == '\\':
			if j+1 >= len(s) {
				return len(s), syntaxErr(s, len(s), "unterminated string")
			}
			switch s[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j++
			case 'u':
				if _, ok := hex4(s, j+2); !ok {
					return j, syntaxErr(s, j, "bad \\u escape")
				}
				j += 5
			default:
				return j, syntaxErr(s, j+1, "bad escape")
			}
		case c < 0x20:
			return j, syntaxErr(s, j, "control character in string")
		}
	}
	return len(s), syntaxErr(s, len(s), "unterminated string")
}

// skipValue validates the JSON value starting at s[i] (no leading white
// space) and returns the index after it.
func skipValue(s string, i int, depth int) (int, error) {
	if i >= len(s) {
		return i, syntaxErr(s, i, "expected value")
	}
	switch c := s[i]; {
	case c == '"':
		return skipString(s, i)
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return i, syntaxErr(s, i, "nesting too deep")
		}
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		j := skipWS(s, i+1)
		if j < len(s) && s[j] == closer {
			return j + 1, nil
		}
		for {
			var err error
			if closer == '}' {
				if j >= len(s) || s[j] != '"' {
					return j, syntaxErr(s, j, "object key must be a string")
				}
				if j, err = skipString(s, j); err != nil {
					return j, err
				}
				j = skipWS(s, j)
				if j >= len(s) || s[j] != ':' {
					return j, syntaxErr(s, j, "expected ':'")
				}
				j = skipWS(s, j+1)
			}
			// Strings and numbers, the common members, are read here
			// rather than through another call.
			switch {
			case j < len(s) && s[j] == '"':
				j, err = skipString(s, j)
			case j < len(s) && (s[j] == '-' || s[j] >= '0' && s[j] <= '9'):
				j, err = scanNumber(s, j)
			default:
				j, err = skipValue(s, j, depth+1)
			}
			if err != nil {
				return j, err
			}
			if j < len(s) && s[j] == closer { // no white space: the common case
				return j + 1, nil
			}
			j = skipWS(s, j)
			if j >= len(s) {
				return j, syntaxErr(s, j, "unterminated container")
			}
			if s[j] == closer {
				return j + 1, nil
			}
			if s[j] != ',' {
				return j, syntaxErr(s, j, "expected ',' or closing bracket")
			}
			j = skipWS(s, j+1)
		}
	case c == '-' || c >= '0' && c <= '9':
		return scanNumber(s, i)
	case c == 't':
		return literal(s, i, "true")
	case c == 'f':
		return literal(s, i, "false")
	case c == 'n':
		return literal(s, i, "null")
	}
	return i, syntaxErr(s, i, "expected value")
}

// skipValid returns the index after the value at s[i], which must be
// valid JSON (already checked by skipValue): it only tracks strings and
// brackets, so text scanned once is not validated again.
func skipValid(s string, i int) int {
	depth := 0
	for i < len(s) {
		switch s[i] {
		case '"':
			i = plainRun(s, i+1)
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' {
					i++
				}
				i++
			}
			i++
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 {
				return i
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}

func literal(s string, i int, lit string) (int, error) {
	if len(s)-i >= len(lit) && s[i:i+len(lit)] == lit {
		return i + len(lit), nil
	}
	return i, syntaxErr(s, i, "bad literal")
}

// Valid reports whether s is exactly one JSON value (white space allowed
// around it).
func Valid(s string) bool {
	i, err := skipValue(s, skipWS(s, 0), 0)
	return err == nil && skipWS(s, i) == len(s)
}

// Member is one key/value pair of a JSON object; Value is the raw JSON
// text of the value.
type Member struct {
	Key   string
	Value string
}

// EachMember calls fn for every member of the JSON object s (raw text,
// white space allowed around it), in order. It stops at the first error.
func EachMember(s string, fn func(key, value string) error) error {
	i := skipWS(s, 0)
	if i >= len(s) || s[i] != '{' {
		return syntaxErr(s, i, "expected object")
	}
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == '}' {
		if skipWS(s, i+1) != len(s) {
			return syntaxErr(s, skipWS(s, i+1), "trailing data")
		}
		return nil
	}
	for {
		key, j, err := scanString(s, i)
		if err != nil {
			return err
		}
		j = skipWS(s, j)
		if j >= len(s) || s[j] != ':' {
			return syntaxErr(s, j, "expected ':'")
		}
		vs := skipWS(s, j+1)
		ve, err := skipValue(s, vs, 1)
		if err != nil {
			return err
		}
		if err := fn(key, s[vs:ve]); err != nil {
			return err
		}
		j = skipWS(s, ve)
		if j >= len(s) {
			return syntaxErr(s, j, "unterminated object")
		}
		if s[j] == '}' {
			if k := skipWS(s, j+1); k != len(s) {
				return syntaxErr(s, k, "trailing data")
			}
			return nil
		}
		if s[j] != ',' {
			return syntaxErr(s, j, "expected ',' or '}'")
		}
		i = skipWS(s, j+1)
	}
}

// EachElement calls fn with the raw text of every element of the JSON
// array s, in order. Each element is validated before fn sees it, so fn
// may use ParseValidEnvelope.
func EachElement(s string, fn func(i int, value string) error) error {
	i := skipWS(s, 0)
	if i >= len(s) || s[i] != '[' {
		return syntaxErr(s, i, "expected array")
	}
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == ']' {
		if k := skipWS(s, i+1); k != len(s) {
			return syntaxErr(s, k, "trailing data")
		}
		return nil
	}
	for n := 0; ; n++ {
		e, err := skipValue(s, i, 1)
		if err != nil {
			return err
		}
		if err := fn(n, s[i:e]); err != nil {
			return err
		}
		j := skipWS(s, e)
		if j >= len(s) {
			return syntaxErr(s, j, "unterminated array")
		}
		if s[j] == ']' {
			if k := skipWS(s, j+1); k != len(s) {
				return syntaxErr(s, k, "trailing data")
			}
			return nil
		}
		if s[j] != ',' {
			return syntaxErr(s, j, "expected ',' or ']'")
		}
		i = skipWS(s, j+1)
	}
}

// EachEnvelope reads the JSON array at the front of s (white space
// allowed before it; anything may follow it) and calls fn for every
// element in order: raw is the element's text, and when the element is an
// object (obj) env is its envelope. Every element is validated while its
// envelope is parsed, so each byte is scanned once here; env.Data is valid
// JSON for DecodeData. It returns the index just after the closing bracket.
func EachEnvelope(s string, fn func(raw string, env Envelope, obj bool)) (int, error) {
	i := skipWS(s, 0)
	if i >= len(s) || s[i] != '[' {
		return i, syntaxErr(s, i, "expected array")
	}
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == ']' {
		return i + 1, nil
	}
	for {
		var env Envelope
		var e int
		var err error
		obj := i < len(s) && s[i] == '{'
		if obj {
			env, e, err = parseEnvelopeAt(s, i, false, 2)
		} else {
			e, err = skipValue(s, i, 1)
		}
		if err != nil {
			return e, err
		}
		fn(s[i:e], env, obj)
		j := skipWS(s, e)
		if j >= len(s) {
			return j, syntaxErr(s, j, "unterminated array")
		}
		if s[j] == ']' {
			return j + 1, nil
		}
		if s[j] != ',' {
			return j, syntaxErr(s, j, "expected ',' or ']'")
		}
		i = skipWS(s, j+1)
	}
}

// CountElements returns a cheap upper-bound guess of an array's length
// (used to size slices once).
func CountElements(s string) int {
	return strings.Count(s, "{")
}

// String decodes the JSON string value s (raw text).
func String(s string) (string, error) {
	v, j, err := scanString(s, 0)
	if err != nil {
		return "", err
	}
	if j != len(s) {
		return "", syntaxErr(s, j, "trailing data")
	}
	return v, nil
}

// ParseInt reads an integer given as a JSON number or a numeric JSON
// string. quoted reports the string form. ok is false for anything else
// (fractions, exponents, leading zeros, "-0", out of range, other types),
// which callers keep in Extra so the text survives exactly.
func ParseInt(raw string) (v int64, quoted, ok bool) {
	if raw == "" {
		return 0, false, false
	}
	if raw[0] == '"' {
		s, err := String(raw)
		if err != nil {
			return 0, false, false
		}
		v, ok := CanonicalInt(s)
		return v, true, ok
	}
	v, ok = CanonicalInt(raw)
	return v, false, ok
}

// CanonicalInt parses s when it is an int64 written the way strconv
// formats it (no sign but '-', no leading zeros, not "-0").
func CanonicalInt(s string) (int64, bool) {
	i := 0
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, i = true, 1
	}
	if i == len(s) || (s[i] == '0' && (len(s) > i+1 || neg)) {
		return 0, false
	}
	var u uint64
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if u > (1<<63)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
		if u > 1<<63 {
			return 0, false
		}
	}
	if neg {
		return -int64(u), true // u == 1<<63 wraps to math.MinInt64
	}
	if u > 1<<63-1 {
		return 0, false
	}
	return int64(u), true
}
