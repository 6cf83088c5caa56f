package adapter

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// BoltStore is a bounded [Store] persisted in a bbolt file, so a bridge
// restart keeps replies, recalls and request handling working. It is safe for
// concurrent use. The file is locked while open: a second OpenBoltStore on
// the same file, from this process or another, waits at most the lock
// timeout and then fails with ErrLocked.
//
// Lookups and repeated mappings are read transactions. New mappings go to
// one writer goroutine, which commits every mapping waiting at the time in
// one write transaction (group commit: one fsync for all of them). A caller
// whose context ends stops waiting at once; its mapping may still be
// committed, and a later call then returns the same id.
//
// File layout, per mapping ("message", "request", "forward"): bucket
// "<name>.key" maps the canonical key to the 8-byte big-endian id, bucket
// "<name>.id" maps the id back to the key, and bucket "<name>.order" maps an
// insertion sequence number to the id, oldest first, for eviction. Bucket
// "meta" holds the format version and the live count of each mapping.
type BoltStore struct {
	db       *bolt.DB
	path     string
	capacity [numTables]int
	closed   atomic.Bool

	queue   chan writeReq // new mappings, to the writer goroutine
	stop    chan struct{} // closed by Close: the writer returns
	done    chan struct{} // closed when the writer has returned
	commits atomic.Int64  // write transactions, for tests
}

var _ Store = (*BoltStore)(nil)

// boltFormat is the file format version kept in the meta bucket.
const boltFormat = 1

// lockRetryInterval is how often OpenBoltStore retries a locked file.
const lockRetryInterval = 25 * time.Millisecond

type boltBuckets struct {
	key, id, order, count []byte
}

var (
	metaBucket  = []byte("meta")
	versionKey  = []byte("version")
	boltTableBk = func() (b [numTables]boltBuckets) {
		for t, name := range tableNames {
			b[t] = boltBuckets{
				key:   []byte(name + ".key"),
				id:    []byte(name + ".id"),
				order: []byte(name + ".order"),
				count: []byte(name + ".count"),
			}
		}
		return b
	}()
)

// OpenBoltStore opens or creates the bbolt file at path. If the file holds
// more mappings than the capacities allow (it was written with larger ones),
// the oldest are evicted now. It fails with ErrLocked when another holder
// keeps the file locked past the lock timeout (WithLockTimeout), with the
// context's error when ctx ends first, and with ErrCorrupt when the file's
// format is not this package's.
func OpenBoltStore(ctx context.Context, path string, opts ...Option) (*BoltStore, error) {
	o, err := buildOptions(opts)
	if err != nil {
		return nil, err
	}
	db, err := openLocked(ctx, path, o.lockTimeout)
	if err != nil {
		return nil, err
	}
	s := &BoltStore{
		db: db, path: path, capacity: o.capacity,
		queue: make(chan writeReq), stop: make(chan struct{}), done: make(chan struct{}),
	}
	if err := db.Update(s.init); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("adapter: open bolt store %s: %w", path, err)
	}
	go s.writer()
	return s, nil
}

// openLocked opens the file, retrying while another holder has it locked.
// bbolt's own Timeout cannot honour a context, so each attempt is a single
// non-blocking try (Timeout of 1ns) and the waiting happens here.
func openLocked(ctx context.Context, path string, timeout time.Duration) (*bolt.DB, error) {
	deadline := time.Now().Add(timeout)
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("adapter: open bolt store %s: %w", path, err)
		}
		// The free list is not written on each commit but rebuilt at open
		// (as etcd runs bbolt): less to write and fsync per new mapping.
		db, err := bolt.Open(path, 0o600, &bolt.Options{
			Timeout:        time.Nanosecond,
			NoFreelistSync: true,
			FreelistType:   bolt.FreelistMapType,
		})
		if err == nil {
			return db, nil
		}
		if !errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("adapter: open bolt store %s: %w", path, err)
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			return nil, fmt.Errorf("adapter: open bolt store %s: %w (gave up after %v)", path, ErrLocked, timeout)
		}
		timer := time.NewTimer(min(wait, lockRetryInterval))
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, fmt.Errorf("adapter: open bolt store %s: waiting for lock: %w", path, ctx.Err())
		case <-timer.C:
		}
	}
}

// init creates the buckets, checks the format, recounts each mapping and
// evicts beyond capacity.
func (s *BoltStore) init(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(metaBucket)
	if err != nil {
		return err
	}
	switch v := meta.Get(versionKey); {
	case v == nil:
		if err := meta.Put(versionKey, u64(boltFormat)); err != nil {
			return err
		}
	case len(v) != 8 || binary.BigEndian.Uint64(v) != boltFormat:
		return fmt.Errorf("%w: unknown format version %x", ErrCorrupt, v)
	}
	for t, names := range boltTableBk {
		for _, name := range [][]byte{names.key, names.id, names.order} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		n := uint64(tx.Bucket(names.order).Stats().KeyN)
		if err := s.evict(tx, tableID(t), n); err != nil {
			return err
		}
	}
	return nil
}

// evict removes the oldest mappings of table t until at most its capacity
// remain, given that n are live now, and records the new count.
func (s *BoltStore) evict(tx *bolt.Tx, t tableID, n uint64) error {
	names := boltTableBk[t]
	kb, ib, ob := tx.Bucket(names.key), tx.Bucket(names.id), tx.Bucket(names.order)
	c := ob.Cursor()
	for n > uint64(s.capacity[t]) {
		seq, idv := c.First()
		if seq == nil {
			return fmt.Errorf("%w: %s count %d but order bucket empty", ErrCorrupt, tableNames[t], n)
		}
		if key := ib.Get(idv); key != nil {
			if err := kb.Delete(key); err != nil {
				return err
			}
			if err := ib.Delete(idv); err != nil {
				return err
			}
		}
		if err := c.Delete(); err != nil {
			return err
		}
		n--
	}
	return tx.Bucket(metaBucket).Put(names.count, u64(n))
}

func u64(v uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), v)
}

// readU64 reads an 8-byte big-endian value; what names it in the error.
func readU64(what string, v []byte) (uint64, error) {
	if len(v) != 8 {
		return 0, fmt.Errorf("%w: %s of %d bytes", ErrCorrupt, what, len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

// boltErr maps bbolt's error on a closed database to ErrClosed.
func boltErr(err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

func (s *BoltStore) assign(ctx context.Context, t tableID, key []byte) (uint64, error) {
	if s.closed.Load() {
		return 0, ErrClosed
	}
	names := boltTableBk[t]
	var id uint64
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(names.key).Get(key)
		if v == nil {
			return nil
		}
		found = true
		var err error
		id, err = readU64(tableNames[t]+" id", v)
		return err
	})
	if err != nil || found {
		return id, boltErr(err)
	}
	// New mapping: hand it to the writer. Once it has taken the request it
	// always replies; a caller that stops waiting leaves a mapping a later
	// call finds.
	req := writeReq{t: t, key: key, reply: make(chan writeResult, 1)}
	select {
	case s.queue <- req:
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-s.done:
		return 0, ErrClosed
	}
	select {
	case res := <-req.reply:
		return res.id, boltErr(res.err)
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// writeReq asks the writer goroutine to map key in table t.
type writeReq struct {
	t     tableID
	key   []byte
	reply chan writeResult // buffered: the writer never blocks on it
}

type writeResult struct {
	id  uint64
	err error
}

// maxBatch bounds how many new mappings share one write transaction.
const maxBatch = 256

// writer commits new mappings. It takes one request, then every other
// request already waiting, and commits them in one transaction: a lone
// writer pays one commit without added delay, and concurrent writers share
// the commit (and its fsync) instead of queueing for one each.
func (s *BoltStore) writer() {
	defer close(s.done)
	batch := make([]writeReq, 0, maxBatch)
	for {
		select {
		case <-s.stop:
			return
		case r := <-s.queue:
			batch = append(batch[:0], r)
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-s.queue:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.commit(batch)
	}
}

// commit maps a batch in one transaction. If that fails and the batch has
// several requests, each is retried in its own transaction, so an error
// reaches only the request that caused it.
func (s *BoltStore) commit(batch []writeReq) {
	s.commits.Add(1)
	ids := make([]uint64, len(batch))
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i, r := range batch {
			var err error
			if ids[i], err = s.assignTx(tx, r.t, r.key); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil || len(batch) == 1 {
		for i, r := range batch {
			r.reply <- writeResult{ids[i], err}
		}
		return
	}
	for _, r := range batch {
		s.commits.Add(1)
		var id uint64
		err := s.db.Update(func(tx *bolt.Tx) (err error) {
			id, err = s.assignTx(tx, r.t, r.key)
			return err
		})
		r.reply <- writeResult{id, err}
	}
}

// assignTx maps key in table t within tx: the existing id if a mapping is
// there (an earlier request of the batch or a batch since the caller's
// read), else a new id, evicting the oldest mapping beyond capacity.
func (s *BoltStore) assignTx(tx *bolt.Tx, t tableID, key []byte) (uint64, error) {
	names := boltTableBk[t]
	kb, ib, ob := tx.Bucket(names.key), tx.Bucket(names.id), tx.Bucket(names.order)
	if v := kb.Get(key); v != nil {
		return readU64(tableNames[t]+" id", v)
	}
	n, err := readU64(tableNames[t]+" count", tx.Bucket(metaBucket).Get(names.count))
	if err != nil {
		return 0, err
	}
	id, err := allocate(t, key, func(id uint64) bool { return ib.Get(u64(id)) != nil })
	if err != nil {
		return 0, err
	}
	seq, err := ob.NextSequence()
	if err != nil {
		return 0, err
	}
	if err := kb.Put(key, u64(id)); err != nil {
		return 0, err
	}
	if err := ib.Put(u64(id), key); err != nil {
		return 0, err
	}
	if err := ob.Put(u64(seq), u64(id)); err != nil {
		return 0, err
	}
	return id, s.evict(tx, t, n+1)
}

func (s *BoltStore) lookup(t tableID, id uint64, decode func(key []byte) error) error {
	if s.closed.Load() {
		return ErrClosed
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		key := tx.Bucket(boltTableBk[t].id).Get(u64(id))
		if key == nil {
			return ErrNotFound
		}
		return decode(key)
	})
	return boltErr(err)
}

// MessageID implements [Store].
func (s *BoltStore) MessageID(ctx context.Context, ref MessageRef) (int32, error) {
	return messageID(ctx, s, ref)
}

// LookupMessage implements [Store].
func (s *BoltStore) LookupMessage(ctx context.Context, id int32) (MessageRef, error) {
	return lookupMessage(ctx, s, id)
}

// RequestFlag implements [Store].
func (s *BoltStore) RequestFlag(ctx context.Context, ref RequestRef) (string, error) {
	return requestFlag(ctx, s, ref)
}

// LookupRequest implements [Store].
func (s *BoltStore) LookupRequest(ctx context.Context, flag string) (RequestRef, error) {
	return lookupRequest(ctx, s, flag)
}

// ForwardID implements [Store].
func (s *BoltStore) ForwardID(ctx context.Context, milkyForwardID string) (string, error) {
	return forwardID(ctx, s, milkyForwardID)
}

// LookupForward implements [Store].
func (s *BoltStore) LookupForward(ctx context.Context, id string) (string, error) {
	return lookupForward(ctx, s, id)
}

// Close waits for running transactions, then closes and unlocks the file.
// Later calls fail with ErrClosed; a second Close returns nil.
func (s *BoltStore) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	close(s.stop)
	<-s.done
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("adapter: close bolt store %s: %w", s.path, err)
	}
	return nil
}
