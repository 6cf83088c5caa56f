package adapter

import (
	"context"
	"fmt"
	"sync"
)

// MemoryStore is a bounded in-memory [Store]. It is safe for concurrent use.
// Its mappings are lost when the process ends; ids of references seen again
// after a restart mostly come out the same (see [Store]).
type MemoryStore struct {
	tables [numTables]memTable
	// msgs holds the message table (tables[tableMessages] stays unused):
	// keyed by a struct instead of the canonical key bytes, so mapping a
	// new message allocates no key string.
	msgs memMsgTable
}

var _ Store = (*MemoryStore)(nil)

// NewMemoryStore returns an empty MemoryStore. It fails only on an option out
// of range.
func NewMemoryStore(opts ...Option) (*MemoryStore, error) {
	o, err := buildOptions(opts)
	if err != nil {
		return nil, err
	}
	s := &MemoryStore{}
	for t := range s.tables {
		s.tables[t] = memTable{
			capacity: o.capacity[t],
			byKey:    make(map[string]uint64),
			byID:     make(map[uint64]string),
		}
	}
	s.msgs = memMsgTable{
		capacity:  o.capacity[tableMessages],
		byID:      make(map[uint64]msgKey),
		displaced: make(map[msgKey]uint64),
	}
	return s, nil
}

// msgKey is a [MessageRef] as a map key.
type msgKey struct {
	scene  string
	peerID int64
	seq    int64
}

// newMsgKey returns ref's key; the known scenes use the package constants so
// the table does not keep the caller's (often freshly decoded) strings.
func newMsgKey(ref MessageRef) msgKey {
	scene := ref.Scene
	switch scene {
	case SceneFriend:
		scene = SceneFriend
	case SceneGroup:
		scene = SceneGroup
	case SceneTemp:
		scene = SceneTemp
	}
	return msgKey{scene: scene, peerID: ref.PeerID, seq: ref.Seq}
}

// memMsgTable is the message mapping. Unlike [memTable] it keeps one large
// map: a message's id is the first free candidate of its key's hash (see
// allocate), so looking a key up starts at its home candidate, and only
// keys that landed elsewhere (their home was taken) are listed in
// displaced, which stays tiny (the id space is at least 32 times the
// capacity). Mapping a new message costs one probe, one insert and, at
// capacity, one eviction of the large map.
type memMsgTable struct {
	mu        sync.Mutex
	closed    bool
	capacity  int
	byID      map[uint64]msgKey
	displaced map[msgKey]uint64
	order     []uint64
	head      int
}

// memTable is one bidirectional mapping. order lists the live ids by first
// insertion: it grows to capacity, then works as a ring whose head is the
// oldest.
type memTable struct {
	mu       sync.Mutex
	closed   bool
	capacity int
	byKey    map[string]uint64
	byID     map[uint64]string
	order    []uint64
	head     int
}

func (s *MemoryStore) assign(_ context.Context, t tableID, key []byte) (uint64, error) {
	m := &s.tables[t]
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, ErrClosed
	}
	if id, ok := m.byKey[string(key)]; ok {
		return id, nil
	}
	id, err := allocate(t, key, func(id uint64) bool { _, ok := m.byID[id]; return ok })
	if err != nil {
		return 0, err
	}
	if len(m.order) < m.capacity {
		m.order = append(m.order, id)
	} else {
		oldest := m.order[m.head]
		delete(m.byKey, m.byID[oldest])
		delete(m.byID, oldest)
		m.order[m.head] = id
		m.head = (m.head + 1) % m.capacity
	}
	k := string(key)
	m.byKey[k] = id
	m.byID[id] = k
	return id, nil
}

func (s *MemoryStore) lookup(t tableID, id uint64, decode func(key []byte) error) error {
	m := &s.tables[t]
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return ErrClosed
	}
	k, ok := m.byID[id]
	m.mu.Unlock()
	if !ok {
		return ErrNotFound
	}
	return decode([]byte(k))
}

// MessageID implements [Store]. The ids are the ones every store computes
// from the canonical key (see allocate).
func (s *MemoryStore) MessageID(ctx context.Context, ref MessageRef) (int32, error) {
	if err := ref.validate(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("adapter: message id for %v: %w", ref, err)
	}
	k := newMsgKey(ref)
	m := &s.msgs
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return 0, fmt.Errorf("adapter: message id for %v: %w", ref, ErrClosed)
	}
	var buf [48]byte
	key := ref.appendKey(buf[:0])
	h := keyHash(key)
	home := candidate(h, 0, tableSpaces[tableMessages])
	if cur, ok := m.byID[home]; ok && cur == k {
		return int32(home), nil
	}
	if len(m.displaced) > 0 {
		if id, ok := m.displaced[k]; ok {
			return int32(id), nil
		}
	}
	id, err := allocate(tableMessages, key, func(id uint64) bool { _, ok := m.byID[id]; return ok })
	if err != nil {
		return 0, fmt.Errorf("adapter: message id for %v: %w", ref, err)
	}
	if len(m.order) < m.capacity {
		m.order = append(m.order, id)
	} else {
		oldest := m.order[m.head]
		m.evict(oldest)
		m.order[m.head] = id
		m.head = (m.head + 1) % m.capacity
	}
	m.byID[id] = k
	if id != home {
		m.displaced[k] = id
	}
	return int32(id), nil
}

// evict forgets the mapping of id.
func (m *memMsgTable) evict(id uint64) {
	k, ok := m.byID[id]
	if !ok {
		return
	}
	delete(m.byID, id)
	if len(m.displaced) > 0 {
		if d, ok := m.displaced[k]; ok && d == id {
			delete(m.displaced, k)
		}
	}
}

// LookupMessage implements [Store].
func (s *MemoryStore) LookupMessage(ctx context.Context, id int32) (MessageRef, error) {
	if err := ctx.Err(); err != nil {
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", id, err)
	}
	if id <= 0 {
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", id, ErrNotFound)
	}
	m := &s.msgs
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", id, ErrClosed)
	}
	k, ok := m.byID[uint64(id)]
	m.mu.Unlock()
	if !ok {
		return MessageRef{}, fmt.Errorf("adapter: message id %d: %w", id, ErrNotFound)
	}
	return MessageRef{Scene: k.scene, PeerID: k.peerID, Seq: k.seq}, nil
}

// RequestFlag implements [Store].
func (s *MemoryStore) RequestFlag(ctx context.Context, ref RequestRef) (string, error) {
	return requestFlag(ctx, s, ref)
}

// LookupRequest implements [Store].
func (s *MemoryStore) LookupRequest(ctx context.Context, flag string) (RequestRef, error) {
	return lookupRequest(ctx, s, flag)
}

// ForwardID implements [Store].
func (s *MemoryStore) ForwardID(ctx context.Context, milkyForwardID string) (string, error) {
	return forwardID(ctx, s, milkyForwardID)
}

// LookupForward implements [Store].
func (s *MemoryStore) LookupForward(ctx context.Context, id string) (string, error) {
	return lookupForward(ctx, s, id)
}

// Close drops every mapping. Later calls fail with ErrClosed.
func (s *MemoryStore) Close() error {
	for t := range s.tables {
		m := &s.tables[t]
		m.mu.Lock()
		m.closed = true
		m.byKey, m.byID, m.order = nil, nil, nil
		m.mu.Unlock()
	}
	s.msgs.mu.Lock()
	s.msgs.closed = true
	s.msgs.byID, s.msgs.displaced, s.msgs.order = nil, nil, nil
	s.msgs.mu.Unlock()
	return nil
}
