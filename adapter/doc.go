// Package adapter bridges OneBot 11 and Milky: it converts segments and
// events between the two protocols and serves the API of one on top of an
// implementation that speaks the other.
//
// The two protocols identify things differently, so the bridge keeps state.
// A [Store] holds that state: it maps a Milky message (scene, peer, seq) to
// the single int32 OneBot message_id, a Milky request's key tuple to the
// opaque OneBot request flag, and a Milky forward_id to a OneBot forward id,
// and back. [NewMemoryStore] keeps the mappings in memory; [OpenBoltStore]
// keeps them in a bbolt file so replies, recalls and request handling keep
// working across a bridge restart. Both are bounded and evict the oldest
// mappings first; a lookup of an evicted id reports [ErrNotFound].
package adapter
