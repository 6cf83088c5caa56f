package adapter

import (
	"context"
	"sync"
)

// MemoryStore is a bounded in-memory [Store]. It is safe for concurrent use.
// Its mappings are lost when the process ends; ids of references seen again
// after a restart mostly come out the same (see [Store]).
type MemoryStore struct {
	tables [numTables]memTable
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
	return s, nil
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

// MessageID implements [Store].
func (s *MemoryStore) MessageID(ctx context.Context, ref MessageRef) (int32, error) {
	return messageID(ctx, s, ref)
}

// LookupMessage implements [Store].
func (s *MemoryStore) LookupMessage(ctx context.Context, id int32) (MessageRef, error) {
	return lookupMessage(ctx, s, id)
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
	return nil
}
