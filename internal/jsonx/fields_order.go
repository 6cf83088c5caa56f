package jsonx

import "sync/atomic"

// Next is what a struct decoder learns about the order of its keys: for
// one field, the field whose key came after it last. A generated decoder
// keeps one Next per field (and one for the start of the object) and asks
// NextKeyIs for the key its Next guesses, so that whatever fixed order a
// server writes its keys in, the key expected is usually the one that
// comes. The zero Next guesses the next field in field order. A Next is
// safe for concurrent use.
type Next struct{ v atomic.Uint32 }

// Guess returns the index of the field expected after field prev (-1: at
// the start of the object), whose Next n is.
func (n *Next) Guess(prev int) int { return int(n.v.Load()) ^ (prev + 1) }

// Learn records that field f came after field prev, whose Next n is.
func (n *Next) Learn(prev, f int) {
	if v := uint32(f ^ (prev + 1)); n.v.Load() != v {
		n.v.Store(v)
	}
}
