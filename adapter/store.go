package adapter

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"
)

// Errors reported by a [Store]. Match them with errors.Is.
var (
	// ErrNotFound: the id, flag or forward id is unknown, or its mapping was
	// evicted.
	ErrNotFound = errors.New("not found")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store closed")
	// ErrLocked: the bbolt file is held by another process (or another
	// [BoltStore] in this one) and did not come free within the lock timeout.
	ErrLocked = errors.New("store file locked by another holder")
	// ErrInvalidRef: the reference lacks a required field.
	ErrInvalidRef = errors.New("invalid reference")
	// ErrCorrupt: the persistent store holds data this package cannot read.
	ErrCorrupt = errors.New("corrupt store data")
	// ErrNoFreeID: every probe for a new id hit a live one. It cannot happen
	// within the capacity limits; it exists so the search is bounded.
	ErrNoFreeID = errors.New("no free id")
)

// Milky message scenes (the message_scene field).
const (
	SceneFriend = "friend"
	SceneGroup  = "group"
	SceneTemp   = "temp"
)

// MessageRef identifies one Milky message: the conversation (scene and peer)
// and the message's sequence number within it. message_seq is per
// conversation, so equal Seq values in different chats are different
// messages.
type MessageRef struct {
	Scene  string // message_scene: SceneFriend, SceneGroup or SceneTemp
	PeerID int64  // peer_id: the friend's or temp peer's QQ number, or the group number
	Seq    int64  // message_seq
}

// String formats the reference as scene:peer:seq.
func (r MessageRef) String() string {
	return r.Scene + ":" + strconv.FormatInt(r.PeerID, 10) + ":" + strconv.FormatInt(r.Seq, 10)
}

func (r MessageRef) validate() error {
	if r.Scene == "" {
		return fmt.Errorf("adapter: message ref %v: empty scene: %w", r, ErrInvalidRef)
	}
	return nil
}

// RequestKind names which Milky API family answers a request.
type RequestKind string

// Request kinds and the RequestRef fields each one uses.
const (
	// RequestFriend: accept_friend_request / reject_friend_request,
	// keyed by InitiatorUID and IsFiltered.
	RequestFriend RequestKind = "friend"
	// RequestGroup: accept_group_request / reject_group_request (the
	// group_join_request and group_invited_join_request events), keyed by
	// GroupID, NotificationSeq, NotificationType and IsFiltered.
	RequestGroup RequestKind = "group"
	// RequestGroupInvitation: accept_group_invitation /
	// reject_group_invitation (the group_invitation event), keyed by GroupID
	// and InvitationSeq.
	RequestGroupInvitation RequestKind = "group_invitation"
)

// RequestRef holds the Milky keys needed to answer one request. Fields a kind
// does not use stay zero. All fields, Extra included, take part in the
// identity: two refs differing in any field get different flags. A nil and an
// empty Extra are the same; a looked-up ref has a nil Extra when it had none.
type RequestRef struct {
	Kind             RequestKind
	InitiatorUID     string // initiator_uid (RequestFriend)
	GroupID          int64  // group_id (RequestGroup, RequestGroupInvitation)
	NotificationSeq  int64  // notification_seq (RequestGroup)
	NotificationType string // notification_type: "join_request" or "invited_join_request" (RequestGroup)
	InvitationSeq    int64  // invitation_seq (RequestGroupInvitation)
	IsFiltered       bool   // is_filtered (RequestFriend, RequestGroup)
	// Extra carries keys a later protocol version or a new kind needs,
	// without a change to this type.
	Extra map[string]string
}

func (r RequestRef) validate() error {
	if r.Kind == "" {
		return fmt.Errorf("adapter: request ref: empty kind: %w", ErrInvalidRef)
	}
	return nil
}

// Store maps Milky identities to OneBot 11 ones and back. Implementations are
// safe for concurrent use and bounded: beyond their capacity they evict the
// oldest mappings (by first insertion), both directions at once.
//
// # Id allocation
//
// An id is chosen by hashing the reference's canonical encoding (FNV-1a,
// then a splitmix64 finaliser) into the id space: [1, math.MaxInt32] for
// message ids (positive and int32-safe), [1, math.MaxInt64] for flags and
// forward ids, which are written in decimal. If the candidate is live for
// another reference, the next candidate comes from the same hash with a
// probe counter mixed in. The id is recorded, so the same reference keeps its
// id while it is live regardless of probing; and because the first candidate
// depends only on the reference, ids are deterministic in tests and mostly
// stable even across a restart of a [MemoryStore] or an eviction: a stale id
// then finds nothing or the same message, and a different one only with
// probability about n/2^31 after n new message mappings. Ids carry no order:
// a later message may get a smaller id. With the capacities allowed here a
// probe hits a live id with probability at most 1/32, so allocation takes one
// probe in practice.
type Store interface {
	// MessageID returns the OneBot message_id for ref, allocating one the
	// first time. It is idempotent while the mapping is live.
	MessageID(ctx context.Context, ref MessageRef) (int32, error)
	// LookupMessage returns the reference of a message_id; ErrNotFound when
	// it is unknown or evicted.
	LookupMessage(ctx context.Context, id int32) (MessageRef, error)
	// RequestFlag returns the OneBot request flag for ref, allocating one the
	// first time.
	RequestFlag(ctx context.Context, ref RequestRef) (string, error)
	// LookupRequest returns the reference of a flag; ErrNotFound when it is
	// unknown or evicted.
	LookupRequest(ctx context.Context, flag string) (RequestRef, error)
	// ForwardID returns a synthetic OneBot forward id for a Milky
	// forward_id, allocating one the first time. A bridge that passes
	// forward ids through unchanged does not need it.
	ForwardID(ctx context.Context, milkyForwardID string) (string, error)
	// LookupForward returns the Milky forward_id of a synthetic forward id;
	// ErrNotFound when it is unknown or evicted.
	LookupForward(ctx context.Context, id string) (string, error)
	// Close releases the store. Later calls fail with ErrClosed; a second
	// Close returns nil.
	Close() error
}

// Defaults and limits of the store options.
const (
	DefaultMessageCapacity = 100_000
	DefaultRequestCapacity = 10_000
	DefaultForwardCapacity = 10_000
	// MaxCapacity bounds every capacity option. It keeps the message id
	// space at most 1/32 full, so allocation needs one probe in practice.
	MaxCapacity = 1 << 26
	// DefaultLockTimeout is how long OpenBoltStore waits for a locked file.
	DefaultLockTimeout = time.Second
)

// Option configures NewMemoryStore and OpenBoltStore.
type Option func(*options)

type options struct {
	capacity    [numTables]int
	lockTimeout time.Duration
}

// WithMessageCapacity sets how many message mappings are kept (default
// DefaultMessageCapacity, at most MaxCapacity).
func WithMessageCapacity(n int) Option {
	return func(o *options) { o.capacity[tableMessages] = n }
}

// WithRequestCapacity sets how many request mappings are kept (default
// DefaultRequestCapacity, at most MaxCapacity).
func WithRequestCapacity(n int) Option {
	return func(o *options) { o.capacity[tableRequests] = n }
}

// WithForwardCapacity sets how many forward mappings are kept (default
// DefaultForwardCapacity, at most MaxCapacity).
func WithForwardCapacity(n int) Option {
	return func(o *options) { o.capacity[tableForwards] = n }
}

// WithLockTimeout sets how long OpenBoltStore waits for a file that another
// holder has locked before it fails with ErrLocked (default
// DefaultLockTimeout; zero or less: try once). The context passed to
// OpenBoltStore bounds the wait too. NewMemoryStore ignores it.
func WithLockTimeout(d time.Duration) Option {
	return func(o *options) { o.lockTimeout = d }
}

func buildOptions(opts []Option) (options, error) {
	o := options{
		capacity:    [numTables]int{DefaultMessageCapacity, DefaultRequestCapacity, DefaultForwardCapacity},
		lockTimeout: DefaultLockTimeout,
	}
	for _, opt := range opts {
		opt(&o)
	}
	for t, n := range o.capacity {
		if n < 1 || n > MaxCapacity {
			return o, fmt.Errorf("adapter: %s capacity %d out of range [1, %d]", tableNames[t], n, MaxCapacity)
		}
	}
	return o, nil
}

// The three mappings a store keeps.
type tableID int

const (
	tableMessages tableID = iota
	tableRequests
	tableForwards
	numTables
)

var (
	tableNames  = [numTables]string{"message", "request", "forward"}
	tableSpaces = [numTables]uint64{math.MaxInt32, math.MaxInt64, math.MaxInt64}
)

// maxProbes bounds the search for a free id.
const maxProbes = 1000

// backend is what MemoryStore and BoltStore provide; the shared functions
// below turn it into the Store methods.
type backend interface {
	// assign returns the id of key in table t, allocating it if absent. It
	// may keep key until the mapping is stored; ctx bounds any wait.
	assign(ctx context.Context, t tableID, key []byte) (uint64, error)
	// lookup calls decode with the key of id in table t, or returns
	// ErrNotFound. The key is valid only during the call.
	lookup(t tableID, id uint64, decode func(key []byte) error) error
}

func messageID(ctx context.Context, b backend, ref MessageRef) (int32, error) {
	if err := ref.validate(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("adapter: message id for %v: %w", ref, err)
	}
	var buf [48]byte
	id, err := b.assign(ctx, tableMessages, ref.appendKey(buf[:0]))
	if err != nil {
		return 0, fmt.Errorf("adapter: message id for %v: %w", ref, err)
	}
	return int32(id), nil
}

func lookupMessage(ctx context.Context, b backend, id int32) (MessageRef, error) {
	var ref MessageRef
	if err := ctx.Err(); err != nil {
		return ref, fmt.Errorf("adapter: message id %d: %w", id, err)
	}
	if id <= 0 {
		return ref, fmt.Errorf("adapter: message id %d: %w", id, ErrNotFound)
	}
	err := b.lookup(tableMessages, uint64(id), func(key []byte) (err error) {
		ref, err = decodeMessageKey(key)
		return err
	})
	if err != nil {
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", id, err)
	}
	return ref, nil
}

func requestFlag(ctx context.Context, b backend, ref RequestRef) (string, error) {
	if err := ref.validate(); err != nil {
		return "", err
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("adapter: request flag for %s request: %w", ref.Kind, err)
	}
	id, err := b.assign(ctx, tableRequests, ref.appendKey(nil))
	if err != nil {
		return "", fmt.Errorf("adapter: request flag for %s request: %w", ref.Kind, err)
	}
	return strconv.FormatUint(id, 10), nil
}

func lookupRequest(ctx context.Context, b backend, flag string) (RequestRef, error) {
	var ref RequestRef
	if err := ctx.Err(); err != nil {
		return ref, fmt.Errorf("adapter: request flag %q: %w", flag, err)
	}
	id, ok := parseStringID(flag)
	if !ok {
		return ref, fmt.Errorf("adapter: request flag %q: %w", flag, ErrNotFound)
	}
	err := b.lookup(tableRequests, id, func(key []byte) (err error) {
		ref, err = decodeRequestKey(key)
		return err
	})
	if err != nil {
		return RequestRef{}, fmt.Errorf("adapter: request flag %q: %w", flag, err)
	}
	return ref, nil
}

func forwardID(ctx context.Context, b backend, milkyID string) (string, error) {
	if milkyID == "" {
		return "", fmt.Errorf("adapter: forward id: empty forward_id: %w", ErrInvalidRef)
	}
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("adapter: forward id for %q: %w", milkyID, err)
	}
	id, err := b.assign(ctx, tableForwards, appendForwardKey(nil, milkyID))
	if err != nil {
		return "", fmt.Errorf("adapter: forward id for %q: %w", milkyID, err)
	}
	return strconv.FormatUint(id, 10), nil
}

func lookupForward(ctx context.Context, b backend, id string) (string, error) {
	var milkyID string
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("adapter: forward id %q: %w", id, err)
	}
	n, ok := parseStringID(id)
	if !ok {
		return "", fmt.Errorf("adapter: forward id %q: %w", id, ErrNotFound)
	}
	err := b.lookup(tableForwards, n, func(key []byte) (err error) {
		milkyID, err = decodeForwardKey(key)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("adapter: forward id %q: %w", id, err)
	}
	return milkyID, nil
}

// parseStringID accepts exactly the decimal form the store writes.
func parseStringID(s string) (uint64, bool) {
	n, err := strconv.ParseUint(s, 10, 63)
	if err != nil || n == 0 || strconv.FormatUint(n, 10) != s {
		return 0, false
	}
	return n, true
}

// keyHash is FNV-1a over a canonical key; candidate mixes in the probe
// number and maps the result into [1, space].
func keyHash(key []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func candidate(h uint64, probe int, space uint64) uint64 {
	h += uint64(probe) * 0x9e3779b97f4a7c15
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h%space + 1
}

// allocate returns the first candidate for key that live does not report
// as taken.
func allocate(t tableID, key []byte, live func(id uint64) bool) (uint64, error) {
	h := keyHash(key)
	for probe := range maxProbes {
		if id := candidate(h, probe, tableSpaces[t]); !live(id) {
			return id, nil
		}
	}
	return 0, ErrNoFreeID
}

// Canonical key encodings. They are what the bolt store persists, so they
// start with a version byte and change only compatibly.
const keyVersion = 1

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (r MessageRef) appendKey(b []byte) []byte {
	b = append(b, keyVersion)
	b = appendString(b, r.Scene)
	b = binary.AppendVarint(b, r.PeerID)
	return binary.AppendVarint(b, r.Seq)
}

func (r RequestRef) appendKey(b []byte) []byte {
	b = append(b, keyVersion)
	b = appendString(b, string(r.Kind))
	b = appendString(b, r.InitiatorUID)
	b = binary.AppendVarint(b, r.GroupID)
	b = binary.AppendVarint(b, r.NotificationSeq)
	b = appendString(b, r.NotificationType)
	b = binary.AppendVarint(b, r.InvitationSeq)
	flt := byte(0)
	if r.IsFiltered {
		flt = 1
	}
	b = append(b, flt)
	b = binary.AppendUvarint(b, uint64(len(r.Extra)))
	for _, k := range slices.Sorted(maps.Keys(r.Extra)) {
		b = appendString(b, k)
		b = appendString(b, r.Extra[k])
	}
	return b
}

func appendForwardKey(b []byte, milkyID string) []byte {
	b = append(b, keyVersion)
	return append(b, milkyID...)
}

// keyReader decodes a canonical key, remembering the first error.
type keyReader struct {
	b   []byte
	err error
}

func (r *keyReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: bad %s in key", ErrCorrupt, what)
	}
	r.b = nil
}

func (r *keyReader) version() {
	if len(r.b) == 0 || r.b[0] != keyVersion {
		r.fail("version")
		return
	}
	r.b = r.b[1:]
}

// varint and uvarint accept only the minimal encoding, so that a decoded
// key re-encodes to the same bytes.
func (r *keyReader) varint() int64 {
	var buf [binary.MaxVarintLen64]byte
	v, n := binary.Varint(r.b)
	if n <= 0 || len(binary.AppendVarint(buf[:0], v)) != n {
		r.fail("integer")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *keyReader) uvarint() uint64 {
	var buf [binary.MaxVarintLen64]byte
	v, n := binary.Uvarint(r.b)
	if n <= 0 || len(binary.AppendUvarint(buf[:0], v)) != n {
		r.fail("length")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *keyReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("string")
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *keyReader) bool() bool {
	if len(r.b) == 0 || r.b[0] > 1 {
		r.fail("bool")
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}

func (r *keyReader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	return r.err
}

func decodeMessageKey(key []byte) (MessageRef, error) {
	r := keyReader{b: key}
	r.version()
	ref := MessageRef{Scene: r.string(), PeerID: r.varint(), Seq: r.varint()}
	if err := r.end(); err != nil {
		return MessageRef{}, err
	}
	return ref, nil
}

func decodeRequestKey(key []byte) (RequestRef, error) {
	r := keyReader{b: key}
	r.version()
	ref := RequestRef{
		Kind:             RequestKind(r.string()),
		InitiatorUID:     r.string(),
		GroupID:          r.varint(),
		NotificationSeq:  r.varint(),
		NotificationType: r.string(),
		InvitationSeq:    r.varint(),
		IsFiltered:       r.bool(),
	}
	n := r.uvarint()
	if n > uint64(len(r.b)) { // each entry takes at least two bytes
		r.fail("extra count")
	}
	prev := ""
	for i := uint64(0); i < n && r.err == nil; i++ {
		if ref.Extra == nil {
			ref.Extra = make(map[string]string, n)
		}
		k := r.string()
		if i > 0 && k <= prev { // keys are written sorted and distinct
			r.fail("extra key order")
		}
		prev = k
		ref.Extra[k] = r.string()
	}
	if err := r.end(); err != nil {
		return RequestRef{}, err
	}
	return ref, nil
}

func decodeForwardKey(key []byte) (string, error) {
	if len(key) < 2 || key[0] != keyVersion {
		return "", fmt.Errorf("%w: bad forward key", ErrCorrupt)
	}
	return string(key[1:]), nil
}
