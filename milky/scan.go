package milky

import (
	"errors"
	"fmt"
)

// scanObject calls fn for each member of the JSON object b with the
// member's key (unescaped) and its raw value. It checks the object's
// structure and skips values without decoding them; values are checked
// only as far as needed to find where they end.
func scanObject(b []byte, fn func(key, val []byte) error) error {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return errors.New("not a JSON object")
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		if skipSpace(b, i+1) != len(b) {
			return errors.New("trailing data after JSON object")
		}
		return nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return fmt.Errorf("expected object key at offset %d", i)
		}
		end, err := skipString(b, i)
		if err != nil {
			return err
		}
		rawKey := b[i:end]
		key := rawKey[1 : len(rawKey)-1]
		for _, c := range key {
			if c == '\\' {
				s, err := unquote(rawKey)
				if err != nil {
					return err
				}
				key = []byte(s)
				break
			}
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return fmt.Errorf("expected ':' at offset %d", i)
		}
		i = skipSpace(b, i+1)
		vend, err := skipValue(b, i)
		if err != nil {
			return err
		}
		if err := fn(key, b[i:vend]); err != nil {
			return err
		}
		i = skipSpace(b, vend)
		if i >= len(b) {
			return errors.New("unexpected end of JSON object")
		}
		if b[i] == '}' {
			if skipSpace(b, i+1) != len(b) {
				return errors.New("trailing data after JSON object")
			}
			return nil
		}
		if b[i] != ',' {
			return fmt.Errorf("expected ',' or '}' at offset %d", i)
		}
		i = skipSpace(b, i+1)
	}
}

func skipSpace(b []byte, i int) int {
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

// skipString returns the offset just past the JSON string starting at i.
func skipString(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		default:
			if b[j] < 0x20 {
				return 0, fmt.Errorf("control character in string at offset %d", j)
			}
		}
	}
	return 0, errors.New("unterminated string")
}

// skipValue returns the offset just past the JSON value starting at i.
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("unexpected end of JSON input")
	}
	switch c := b[i]; c {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, err := skipString(b, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errors.New("unexpected end of JSON input")
	default:
		j := i
		for j < len(b) {
			switch b[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				goto done
			}
			j++
		}
	done:
		if j == i {
			return 0, fmt.Errorf("invalid character %q at offset %d", c, i)
		}
		return j, nil
	}
}
