package jsonx

import "encoding/binary"

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specialIn8 reports whether any of the 8 bytes of v is '"', '\\' or a
// control character (< 0x20). When also8 is true, bytes >= 0x80 count too.
func specialIn8(v uint64, also8 bool) bool {
	q := v ^ (lsb * '"')
	b := v ^ (lsb * '\\')
	t := ((q - lsb) &^ q) | ((b - lsb) &^ b) | ((v - lsb*0x20) &^ v)
	if also8 {
		t |= v
	}
	return t&msb != 0
}

// plainPrefix returns the length of the longest prefix of s (a multiple of
// 8, give or take) free of '"', '\\' and control bytes; with ascii set,
// also free of bytes >= 0x80.
func plainPrefix(s []byte, ascii bool) int {
	i := 0
	for i+8 <= len(s) && !specialIn8(binary.LittleEndian.Uint64(s[i:]), ascii) {
		i += 8
	}
	return i
}

// plainPrefixString is plainPrefix for a string.
func plainPrefixString(s string, ascii bool) int {
	i := 0
	for i+8 <= len(s) {
		v := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if specialIn8(v, ascii) {
			break
		}
		i += 8
	}
	return i
}
