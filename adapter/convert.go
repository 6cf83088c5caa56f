package adapter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrNoStore is returned by NewConverter without a Store.
var ErrNoStore = errors.New("adapter: converter needs a store")

// Converter converts segments and events between OneBot 11 and Milky, in
// both directions, using a Store for the identities that need state. It is
// safe for concurrent use (as safe as its Store).
//
// The two bridges use identities differently:
//
//   - OneBot 11 clients on a Milky implementation (MilkyToOneBotSegments,
//     OneBotToMilkySegments, MilkyEventToOneBot): a Milky message (scene,
//     peer, seq) gets a OneBot message_id from Store.MessageID, a request
//     its flag from Store.RequestFlag, a forward_id a OneBot forward id
//     from Store.ForwardID (or passes through, see WithForwardIDPassthrough).
//   - Milky clients on a OneBot 11 implementation (OneBotMessageToMilky,
//     MilkyOutgoingToOneBot, OneBotEventToMilky): message_seq is the OneBot
//     message_id itself, read as an unsigned 32-bit number (MilkySeqOf /
//     OneBotIDOf: no state, the same in every conversation); a
//     friend request's initiator_uid is the OneBot flag; a group request's
//     notification_seq or invitation_seq is a small number the Store maps
//     back to the flag (MilkySeqForFlag / FlagForMilkySeq); forward ids pass
//     through. The message_seq some implementations send beside message_id
//     is not used: the API bridge must turn a seq back into the message_id
//     those implementations' actions take.
type Converter struct {
	store       Store
	passForward bool
}

// ConverterOption configures NewConverter.
type ConverterOption func(*Converter)

// WithForwardIDPassthrough makes Milky forward_ids pass to OneBot unchanged
// instead of through Store.ForwardID. Milky forward ids are opaque strings,
// which OneBot 11 forward ids are too; the store mapping keeps them short
// and decimal, which some OneBot clients expect.
func WithForwardIDPassthrough() ConverterOption {
	return func(c *Converter) { c.passForward = true }
}

// NewConverter returns a Converter using store. It fails with ErrNoStore
// when store is nil.
func NewConverter(store Store, opts ...ConverterOption) (*Converter, error) {
	if store == nil {
		return nil, ErrNoStore
	}
	c := &Converter{store: store}
	for _, o := range opts {
		o(c)
	}
	return c, nil
}

// Store returns the converter's store.
func (c *Converter) Store() Store { return c.store }

// MilkySeqOf returns the Milky message_seq standing for a OneBot message_id
// in the reverse bridge: the id's two's-complement 32 bits read as an
// unsigned number, so every int32 id, negative ones included, maps to a
// distinct seq in [0, 2^32). ok is false for an id outside the int32 range:
// seq is then the id itself when it is not negative (OneBotIDOf does not
// give it back unless it is at least 2^32), and 0 otherwise.
func MilkySeqOf(messageID int64) (seq int64, ok bool) {
	if messageID >= math.MinInt32 && messageID <= math.MaxInt32 {
		return int64(uint32(int32(messageID))), true
	}
	if messageID >= 0 {
		return messageID, false
	}
	return 0, false
}

// OneBotIDOf is the inverse of MilkySeqOf: the OneBot message_id a Milky
// message_seq of the reverse bridge stands for. ok is false for a negative
// seq; a seq of 2^32 or more is returned as it is (see MilkySeqOf).
func OneBotIDOf(seq int64) (messageID int64, ok bool) {
	switch {
	case seq < 0:
		return 0, false
	case seq <= math.MaxUint32:
		return int64(int32(uint32(seq))), true
	}
	return seq, true
}

// sceneFlagPrefix marks the message references MilkySeqForFlag stores: a
// request flag rides on the message map so its number is a small, int32-safe
// seq (JavaScript Milky clients read numbers as float64).
const sceneFlagPrefix = "onebot-flag:"

// MilkySeqForFlag returns the notification_seq (or invitation_seq) standing
// for a OneBot request flag in the reverse bridge, allocating it the first
// time. FlagForMilkySeq gives the flag back.
func (c *Converter) MilkySeqForFlag(ctx context.Context, flag string) (int64, error) {
	id, err := c.store.MessageID(ctx, MessageRef{Scene: sceneFlagPrefix + flag})
	if err != nil {
		return 0, fmt.Errorf("adapter: request flag %q: %w", flag, err)
	}
	return int64(id), nil
}

// FlagForMilkySeq returns the OneBot request flag a notification_seq or
// invitation_seq of the reverse bridge stands for; it wraps ErrNotFound when
// the seq is unknown or evicted.
func (c *Converter) FlagForMilkySeq(ctx context.Context, seq int64) (string, error) {
	if seq <= 0 || seq > math.MaxInt32 {
		return "", fmt.Errorf("adapter: request seq %d: %w", seq, ErrNotFound)
	}
	ref, err := c.store.LookupMessage(ctx, int32(seq))
	if err != nil {
		return "", fmt.Errorf("adapter: request seq %d: %w", seq, err)
	}
	flag, ok := strings.CutPrefix(ref.Scene, sceneFlagPrefix)
	if !ok {
		return "", fmt.Errorf("adapter: request seq %d names a message: %w", seq, ErrNotFound)
	}
	return flag, nil
}

// OneBotMessageID returns the OneBot message_id of a Milky message (the
// forward bridge), allocating it the first time.
func (c *Converter) OneBotMessageID(ctx context.Context, scene string, peer, seq int64) (int32, error) {
	id, err := c.store.MessageID(ctx, MessageRef{Scene: scene, PeerID: peer, Seq: seq})
	if err != nil {
		return 0, fmt.Errorf("adapter: message id of %s:%d:%d: %w", scene, peer, seq, err)
	}
	return id, nil
}

// MilkyMessageRef returns the Milky message a OneBot message_id of the
// forward bridge stands for; it wraps ErrNotFound when the id is unknown,
// evicted, outside the int32 range or not a message's.
func (c *Converter) MilkyMessageRef(ctx context.Context, messageID int64) (MessageRef, error) {
	if messageID < math.MinInt32 || messageID > math.MaxInt32 {
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", messageID, ErrNotFound)
	}
	ref, err := c.store.LookupMessage(ctx, int32(messageID))
	if err != nil {
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", messageID, err)
	}
	if strings.HasPrefix(ref.Scene, sceneFlagPrefix) {
		return MessageRef{}, fmt.Errorf("adapter: message id %d names a request: %w", messageID, ErrNotFound)
	}
	return ref, nil
}

// oneBotForwardID maps a Milky forward_id to the OneBot one.
func (c *Converter) oneBotForwardID(ctx context.Context, milkyID string) (string, error) {
	if c.passForward || milkyID == "" {
		return milkyID, nil // an empty id has nothing to map
	}
	id, err := c.store.ForwardID(ctx, milkyID)
	if err != nil {
		return "", fmt.Errorf("adapter: forward id %q: %w", milkyID, err)
	}
	return id, nil
}

// MilkyForwardID returns the Milky forward_id of a OneBot forward id of the
// forward bridge (the id itself with WithForwardIDPassthrough); it wraps
// ErrNotFound when the id is unknown or evicted.
func (c *Converter) MilkyForwardID(ctx context.Context, id string) (string, error) {
	if c.passForward || id == "" {
		return id, nil
	}
	fid, err := c.store.LookupForward(ctx, id)
	if err != nil {
		return "", fmt.Errorf("adapter: forward id %q: %w", id, err)
	}
	return fid, nil
}
