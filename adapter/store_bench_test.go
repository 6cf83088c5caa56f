package adapter

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

// naiveStore is the in-run baseline: what a bridge without a bounded,
// bidirectional store would write (a mutex, one map and a counter).
type naiveStore struct {
	mu   sync.Mutex
	next int32
	ids  map[MessageRef]int32
}

func (n *naiveStore) MessageID(_ context.Context, ref MessageRef) (int32, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if id, ok := n.ids[ref]; ok {
		return id, nil
	}
	n.next++
	n.ids[ref] = n.next
	return n.next, nil
}

type messageIDer interface {
	MessageID(ctx context.Context, ref MessageRef) (int32, error)
}

func benchStores(b *testing.B, run func(b *testing.B, s messageIDer)) {
	b.Run("baseline-map", func(b *testing.B) {
		run(b, &naiveStore{ids: map[MessageRef]int32{}})
	})
	b.Run("memory", func(b *testing.B) { run(b, newMemory(b)) })
	b.Run("bolt", func(b *testing.B) {
		s, err := OpenBoltStore(context.Background(), filepath.Join(b.TempDir(), "ids.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = s.Close() })
		run(b, s)
	})
	b.Run("bolt-nosync", func(b *testing.B) { run(b, newBolt(b)) })
}

// BenchmarkMessageIDNew maps a fresh ref per op (bolt: one write
// transaction per op; memory: eviction once past capacity).
func BenchmarkMessageIDNew(b *testing.B) {
	benchStores(b, func(b *testing.B, s messageIDer) {
		ctx := context.Background()
		b.ReportAllocs()
		seq := int64(0)
		for b.Loop() {
			seq++
			if _, err := s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: seq}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMessageIDExisting maps refs already in the store (bolt: a read
// transaction per op).
func BenchmarkMessageIDExisting(b *testing.B) {
	benchStores(b, func(b *testing.B, s messageIDer) {
		ctx := context.Background()
		const n = 1000
		for seq := range int64(n) {
			if _, err := s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: seq}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		seq := int64(0)
		for b.Loop() {
			seq = (seq + 1) % n
			if _, err := s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: seq}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLookupMessage resolves a live id back to its ref.
func BenchmarkLookupMessage(b *testing.B) {
	for _, st := range []struct {
		name string
		new  newStoreFunc
	}{{"memory", newMemory}, {"bolt", newBolt}} {
		b.Run(st.name, func(b *testing.B) {
			ctx := context.Background()
			s := st.new(b)
			ids := make([]int32, 1000)
			for i := range ids {
				var err error
				if ids[i], err = s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: int64(i)}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i = (i + 1) % len(ids)
				if _, err := s.LookupMessage(ctx, ids[i]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMessageIDNewParallel maps fresh refs from GOMAXPROCS*8
// goroutines: the bolt store's group commit shares each fsync among them.
func BenchmarkMessageIDNewParallel(b *testing.B) {
	benchStores(b, func(b *testing.B, s messageIDer) {
		ctx := context.Background()
		var seq atomic.Int64
		b.ReportAllocs()
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ref := MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: seq.Add(1)}
				if _, err := s.MessageID(ctx, ref); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
