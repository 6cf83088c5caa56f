package jsonx

import (
	"encoding/binary"
	"math/bits"
)

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

// plainPrefixString returns the length of the longest prefix of s (a
// multiple of 8, give or take) free of '"', '\\' and control bytes; with
// ascii set, also free of bytes >= 0x80.
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

// specialMask returns the bytes of v that are '"', '\\' or control
// characters as a mask of their high bits. Bits above the lowest set one
// may be wrong (borrows), so only the lowest is to be used.
func specialMask(v uint64) uint64 {
	q := v ^ (lsb * '"')
	b := v ^ (lsb * '\\')
	return (((q - lsb) &^ q) | ((b - lsb) &^ b) | ((v - lsb*0x20) &^ v)) & msb
}

// scanPlain returns the offset of the first '"', '\\' or control byte in
// data at or after i, or len(data).
func scanPlain(data []byte, i int) int {
	for i+8 <= len(data) {
		if m := specialMask(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(data) && strSafe[data[i]] {
		i++
	}
	return i
}
