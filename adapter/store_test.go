package adapter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// newStoreFunc makes a fresh, empty store with the given options; the test
// closes it through t.Cleanup.
type newStoreFunc func(t testing.TB, opts ...Option) Store

func newMemory(t testing.TB, opts ...Option) Store {
	s, err := NewMemoryStore(opts...)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

// newBolt opens a store in a fresh file. fsync is off: the suite checks
// behaviour, and thousands of synced commits would only test the disk. The
// persistence tests and benchmarks keep fsync on.
func newBolt(t testing.TB, opts ...Option) Store {
	s, err := OpenBoltStore(context.Background(), filepath.Join(t.TempDir(), "ids.db"), opts...)
	require.NoError(t, err)
	s.db.NoSync = true
	t.Cleanup(func() { require.NoError(t, s.Close()) })
	return s
}

func TestMemoryStore(t *testing.T) { testStore(t, newMemory) }
func TestBoltStore(t *testing.T)   { testStore(t, newBolt) }

// testStore is the conformance suite every Store implementation passes.
func testStore(t *testing.T, newStore newStoreFunc) {
	t.Run("MessageIdempotent", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t)
		ref := MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: 42}
		id, err := s.MessageID(ctx, ref)
		require.NoError(t, err)
		require.Positive(t, id)
		for range 3 {
			again, err := s.MessageID(ctx, ref)
			require.NoError(t, err)
			require.Equal(t, id, again)
		}
		got, err := s.LookupMessage(ctx, id)
		require.NoError(t, err)
		require.Equal(t, ref, got)
	})

	t.Run("MessageIDPinned", func(t *testing.T) {
		// The first candidate depends only on the ref, so every store, of
		// either kind, in any process, gives a fresh ref the same id. A
		// change of the hash changes these values: do it knowingly.
		ctx := context.Background()
		s := newStore(t)
		for ref, want := range map[MessageRef]int32{
			{Scene: SceneGroup, PeerID: 123456789, Seq: 1}: pinnedGroupID,
			{Scene: SceneFriend, PeerID: 10001, Seq: 1}:    pinnedFriendID,
		} {
			id, err := s.MessageID(ctx, ref)
			require.NoError(t, err)
			require.Equal(t, want, id, "%v", ref)
		}
	})

	t.Run("NoCollisionsAcrossChats", func(t *testing.T) {
		// 100 chats (friend, group and temp with overlapping peer numbers)
		// each with seqs 1..100: equal seqs everywhere, 10k distinct refs.
		ctx := context.Background()
		s := newStore(t)
		scenes := []string{SceneFriend, SceneGroup, SceneTemp}
		ids := make(map[int32]MessageRef, 10_000)
		for chat := range 100 {
			for seq := int64(1); seq <= 100; seq++ {
				ref := MessageRef{Scene: scenes[chat%3], PeerID: 10001 + int64(chat/3), Seq: seq}
				id, err := s.MessageID(ctx, ref)
				require.NoError(t, err)
				require.True(t, id >= 1 && id <= math.MaxInt32, "id %d out of range", id)
				prev, dup := ids[id]
				require.False(t, dup, "id %d given to %v and %v", id, prev, ref)
				ids[id] = ref
			}
		}
		require.Len(t, ids, 10_000)
		for id, ref := range ids {
			got, err := s.LookupMessage(ctx, id)
			require.NoError(t, err)
			require.Equal(t, ref, got)
			again, err := s.MessageID(ctx, ref)
			require.NoError(t, err)
			require.Equal(t, id, again)
		}
	})

	t.Run("UnknownIDs", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t)
		id, err := s.MessageID(ctx, MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: 1})
		require.NoError(t, err)
		for _, bad := range []int32{0, -1, math.MinInt32, id ^ 1} {
			_, err := s.LookupMessage(ctx, bad)
			require.ErrorIs(t, err, ErrNotFound, "id %d", bad)
		}
		flag, err := s.RequestFlag(ctx, RequestRef{Kind: RequestFriend, InitiatorUID: "u_x"})
		require.NoError(t, err)
		fwd, err := s.ForwardID(ctx, "res-1")
		require.NoError(t, err)
		for _, bad := range []string{"", "0", "-1", "x", "0" + flag, "+" + flag, flag + " ", "99999999999999999999", otherID(flag), "res-1"} {
			_, err := s.LookupRequest(ctx, bad)
			require.ErrorIs(t, err, ErrNotFound, "flag %q", bad)
			_, err = s.LookupForward(ctx, bad)
			require.ErrorIs(t, err, ErrNotFound, "forward id %q", bad)
		}
		_, err = s.LookupForward(ctx, fwd)
		require.NoError(t, err)
	})

	t.Run("Requests", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t)
		refs := []RequestRef{
			{Kind: RequestFriend, InitiatorUID: "u_abc"},
			{Kind: RequestFriend, InitiatorUID: "u_abc", IsFiltered: true},
			{Kind: RequestGroup, GroupID: 123456789, NotificationSeq: 7, NotificationType: "join_request"},
			{Kind: RequestGroup, GroupID: 123456789, NotificationSeq: 7, NotificationType: "invited_join_request"},
			{Kind: RequestGroup, GroupID: 123456789, NotificationSeq: 7, NotificationType: "join_request", IsFiltered: true},
			{Kind: RequestGroupInvitation, GroupID: 123456789, InvitationSeq: 7},
			{Kind: RequestGroupInvitation, GroupID: 987654321, InvitationSeq: 7},
			{Kind: "future_kind", Extra: map[string]string{"a": "1", "b": ""}},
			{Kind: "future_kind", Extra: map[string]string{"a": "1", "b": "2"}},
		}
		flags := map[string]int{}
		for i, ref := range refs {
			flag, err := s.RequestFlag(ctx, ref)
			require.NoError(t, err)
			n, err := strconv.ParseInt(flag, 10, 64)
			require.NoError(t, err, "flag %q is not a positive decimal", flag)
			require.Positive(t, n)
			prev, dup := flags[flag]
			require.False(t, dup, "flag %s for refs %d and %d", flag, prev, i)
			flags[flag] = i
			again, err := s.RequestFlag(ctx, ref)
			require.NoError(t, err)
			require.Equal(t, flag, again)
		}
		for flag, i := range flags {
			got, err := s.LookupRequest(ctx, flag)
			require.NoError(t, err)
			require.Equal(t, refs[i], got)
		}
		// Nil and empty Extra are the same ref.
		a, err := s.RequestFlag(ctx, RequestRef{Kind: RequestFriend, InitiatorUID: "u_abc", Extra: map[string]string{}})
		require.NoError(t, err)
		b, err := s.RequestFlag(ctx, refs[0])
		require.NoError(t, err)
		require.Equal(t, b, a)
	})

	t.Run("Forwards", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t)
		ids := map[string]string{}
		for _, milkyID := range []string{"a", "b", "res/ü+==", "a\x00b"} {
			id, err := s.ForwardID(ctx, milkyID)
			require.NoError(t, err)
			require.NotContains(t, ids, id)
			ids[id] = milkyID
			again, err := s.ForwardID(ctx, milkyID)
			require.NoError(t, err)
			require.Equal(t, id, again)
		}
		for id, milkyID := range ids {
			got, err := s.LookupForward(ctx, id)
			require.NoError(t, err)
			require.Equal(t, milkyID, got)
		}
	})

	t.Run("InvalidRefs", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t)
		_, err := s.MessageID(ctx, MessageRef{PeerID: 10001, Seq: 1})
		require.ErrorIs(t, err, ErrInvalidRef)
		_, err = s.RequestFlag(ctx, RequestRef{InitiatorUID: "u"})
		require.ErrorIs(t, err, ErrInvalidRef)
		_, err = s.ForwardID(ctx, "")
		require.ErrorIs(t, err, ErrInvalidRef)
	})

	t.Run("EvictMessages", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t, WithMessageCapacity(3))
		ref := func(seq int64) MessageRef { return MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: seq} }
		ids := make([]int32, 6)
		for seq := int64(1); seq <= 3; seq++ {
			id, err := s.MessageID(ctx, ref(seq))
			require.NoError(t, err)
			ids[seq] = id
		}
		// Mapping an existing ref again does not refresh it: eviction
		// follows first insertion.
		again, err := s.MessageID(ctx, ref(1))
		require.NoError(t, err)
		require.Equal(t, ids[1], again)
		ids[4], err = s.MessageID(ctx, ref(4))
		require.NoError(t, err)
		_, err = s.LookupMessage(ctx, ids[1])
		require.ErrorIs(t, err, ErrNotFound, "oldest id still maps")
		for seq := int64(2); seq <= 4; seq++ {
			got, err := s.LookupMessage(ctx, ids[seq])
			require.NoError(t, err)
			require.Equal(t, ref(seq), got)
		}
		// The ref->id direction went too: ref 1 is new again, so mapping it
		// evicts ref 2.
		id1, err := s.MessageID(ctx, ref(1))
		require.NoError(t, err)
		require.Equal(t, ids[1], id1, "a re-added ref gets its first candidate again")
		_, err = s.LookupMessage(ctx, ids[2])
		require.ErrorIs(t, err, ErrNotFound)
		for _, seq := range []int64{3, 4, 1} {
			got, err := s.LookupMessage(ctx, ids[seq])
			require.NoError(t, err)
			require.Equal(t, ref(seq), got)
		}
	})

	t.Run("EvictRequestsAndForwards", func(t *testing.T) {
		ctx := context.Background()
		s := newStore(t, WithRequestCapacity(2), WithForwardCapacity(2), WithMessageCapacity(1))
		req := func(i int64) RequestRef {
			return RequestRef{Kind: RequestGroupInvitation, GroupID: 10001, InvitationSeq: i}
		}
		var flags, fwds []string
		for i := range int64(3) {
			f, err := s.RequestFlag(ctx, req(i))
			require.NoError(t, err)
			flags = append(flags, f)
			fw, err := s.ForwardID(ctx, fmt.Sprint("fwd-", i))
			require.NoError(t, err)
			fwds = append(fwds, fw)
		}
		_, err := s.LookupRequest(ctx, flags[0])
		require.ErrorIs(t, err, ErrNotFound)
		_, err = s.LookupForward(ctx, fwds[0])
		require.ErrorIs(t, err, ErrNotFound)
		for i := 1; i < 3; i++ {
			got, err := s.LookupRequest(ctx, flags[i])
			require.NoError(t, err)
			require.Equal(t, req(int64(i)), got)
			fw, err := s.LookupForward(ctx, fwds[i])
			require.NoError(t, err)
			require.Equal(t, fmt.Sprint("fwd-", i), fw)
		}
		// Re-adding the evicted request evicts the next oldest.
		_, err = s.RequestFlag(ctx, req(0))
		require.NoError(t, err)
		_, err = s.LookupRequest(ctx, flags[1])
		require.ErrorIs(t, err, ErrNotFound)
		// The tables are bounded independently: one message slot does
		// not disturb the others.
		for seq := range int64(3) {
			_, err := s.MessageID(ctx, MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: seq})
			require.NoError(t, err)
		}
		_, err = s.LookupRequest(ctx, flags[2])
		require.NoError(t, err)
	})

	t.Run("Concurrent", func(t *testing.T) {
		// Registered first, so it runs after the store's Close.
		t.Cleanup(func() { goleak.VerifyNone(t) })
		ctx := context.Background()
		s := newStore(t, WithMessageCapacity(10_000))
		const workers, shared, own = 8, 200, 50
		type result struct {
			ref MessageRef
			id  int32
		}
		results := make([][]result, workers)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(w), 1))
				refs := make([]MessageRef, 0, shared+own)
				for i := range shared {
					refs = append(refs, MessageRef{Scene: SceneGroup, PeerID: 20000 + int64(i%7), Seq: int64(i)})
				}
				for i := range own {
					refs = append(refs, MessageRef{Scene: SceneFriend, PeerID: 30000 + int64(w), Seq: int64(i)})
				}
				r.Shuffle(len(refs), func(i, j int) { refs[i], refs[j] = refs[j], refs[i] })
				for _, ref := range refs {
					id, err := s.MessageID(ctx, ref)
					if err != nil {
						errs[w] = err
						return
					}
					if _, err := s.LookupMessage(ctx, id); err != nil {
						errs[w] = err
						return
					}
					results[w] = append(results[w], result{ref, id})
				}
			})
		}
		wg.Wait()
		require.NoError(t, errors.Join(errs...))
		byRef := map[MessageRef]int32{}
		byID := map[int32]MessageRef{}
		for _, rs := range results {
			for _, r := range rs {
				if id, ok := byRef[r.ref]; ok {
					require.Equal(t, id, r.id, "ref %v got two ids", r.ref)
				}
				if ref, ok := byID[r.id]; ok {
					require.Equal(t, ref, r.ref, "id %d given to two refs", r.id)
				}
				byRef[r.ref], byID[r.id] = r.id, r.ref
			}
		}
		require.Len(t, byRef, shared+workers*own)
	})

	t.Run("ContextCancelled", func(t *testing.T) {
		s := newStore(t)
		live, err := s.MessageID(context.Background(), MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: 1})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		checkAll(t, s, ctx, live, context.Canceled)
		// Nothing was stored by the cancelled calls.
		_, err = s.LookupMessage(context.Background(), pinnedGroupID)
		require.ErrorIs(t, err, ErrNotFound)
	})

	t.Run("Closed", func(t *testing.T) {
		s := newStore(t)
		ctx := context.Background()
		live, err := s.MessageID(ctx, MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: 1})
		require.NoError(t, err)
		require.NoError(t, s.Close())
		require.NoError(t, s.Close(), "second Close")
		checkAll(t, s, ctx, live, ErrClosed)
	})
}

// Pinned first candidates of two refs (see MessageIDPinned).
const (
	pinnedGroupID  int32 = 547972855
	pinnedFriendID int32 = 856041280
)

// checkAll calls every method and wants each to fail with target.
func checkAll(t *testing.T, s Store, ctx context.Context, liveID int32, target error) {
	t.Helper()
	_, err := s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: 1})
	require.ErrorIs(t, err, target)
	_, err = s.LookupMessage(ctx, liveID)
	require.ErrorIs(t, err, target)
	_, err = s.RequestFlag(ctx, RequestRef{Kind: RequestFriend, InitiatorUID: "u"})
	require.ErrorIs(t, err, target)
	_, err = s.LookupRequest(ctx, "1")
	require.ErrorIs(t, err, target)
	_, err = s.ForwardID(ctx, "f")
	require.ErrorIs(t, err, target)
	_, err = s.LookupForward(ctx, "1")
	require.ErrorIs(t, err, target)
}

// otherID returns a valid-looking decimal id different from id.
func otherID(id string) string {
	n, _ := strconv.ParseUint(id, 10, 64)
	return strconv.FormatUint(n%(math.MaxInt64-1)+1, 10)
}

func TestOptionsOutOfRange(t *testing.T) {
	for _, opt := range []Option{
		WithMessageCapacity(0), WithMessageCapacity(MaxCapacity + 1),
		WithRequestCapacity(-1), WithForwardCapacity(0),
	} {
		_, err := NewMemoryStore(opt)
		require.Error(t, err)
		_, err = OpenBoltStore(context.Background(), filepath.Join(t.TempDir(), "x.db"), opt)
		require.Error(t, err)
	}
}

func TestAllocateBounded(t *testing.T) {
	_, err := allocate(tableMessages, []byte("k"), func(uint64) bool { return true })
	require.ErrorIs(t, err, ErrNoFreeID)
	// A live first candidate moves the allocation to the next probe.
	key := MessageRef{Scene: SceneGroup, PeerID: 1, Seq: 1}.appendKey(nil)
	first := candidate(keyHash(key), 0, math.MaxInt32)
	id, err := allocate(tableMessages, key, func(id uint64) bool { return id == first })
	require.NoError(t, err)
	require.NotEqual(t, first, id)
	require.Equal(t, candidate(keyHash(key), 1, math.MaxInt32), id)
}

func TestKeyDecodeRejectsGarbage(t *testing.T) {
	good := RequestRef{Kind: RequestGroup, GroupID: 5, Extra: map[string]string{"k": "v"}}.appendKey(nil)
	for _, key := range [][]byte{nil, {0}, {2}, good[:len(good)-1], append(good, 0), {1, 5, 'a'}} {
		_, err := decodeRequestKey(key)
		require.ErrorIs(t, err, ErrCorrupt, "%q", key)
		_, err = decodeMessageKey(key)
		require.ErrorIs(t, err, ErrCorrupt, "%q", key)
	}
	_, err := decodeForwardKey([]byte{1})
	require.ErrorIs(t, err, ErrCorrupt)
}

// FuzzKeyDecode: decoding never panics, and whatever decodes re-encodes to
// the same bytes (the encoding is canonical).
func FuzzKeyDecode(f *testing.F) {
	f.Add(MessageRef{Scene: SceneGroup, PeerID: -3, Seq: 1 << 40}.appendKey(nil))
	f.Add(RequestRef{Kind: RequestGroup, NotificationType: "join_request", IsFiltered: true,
		Extra: map[string]string{"b": "2", "a": "1"}}.appendKey(nil))
	f.Fuzz(func(t *testing.T, key []byte) {
		if ref, err := decodeMessageKey(key); err == nil {
			require.Equal(t, key, ref.appendKey(nil))
		}
		if ref, err := decodeRequestKey(key); err == nil {
			require.Equal(t, key, ref.appendKey(nil))
		}
	})
}

// TestMemoryDisplacedID: a message whose home id is taken (a hash
// collision, planted here) gets the next probe, keeps it while the key that
// took its home lives and after that key is evicted, and leaves no trace
// once it is evicted itself.
func TestMemoryDisplacedID(t *testing.T) {
	ctx := context.Background()
	s, err := NewMemoryStore(WithMessageCapacity(2))
	require.NoError(t, err)
	a := MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1}
	b := MessageRef{Scene: SceneGroup, PeerID: 10002, Seq: 1}
	home := candidate(keyHash(b.appendKey(nil)), 0, tableSpaces[tableMessages])
	// Plant a at b's home, as a collision would put it there (a is
	// displaced from its own home).
	s.msgs.byID[home] = newMsgKey(a)
	s.msgs.displaced[newMsgKey(a)] = home
	s.msgs.order = append(s.msgs.order, home)

	idB, err := s.MessageID(ctx, b)
	require.NoError(t, err)
	require.NotEqual(t, int32(home), idB)
	require.Equal(t, int32(candidate(keyHash(b.appendKey(nil)), 1, tableSpaces[tableMessages])), idB)
	idA, err := s.MessageID(ctx, a)
	require.NoError(t, err)
	require.Equal(t, int32(home), idA, "a lives at the planted id")

	// A third message evicts a (the oldest): b keeps its displaced id.
	_, err = s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 10003, Seq: 1})
	require.NoError(t, err)
	again, err := s.MessageID(ctx, b)
	require.NoError(t, err)
	require.Equal(t, idB, again)
	ref, err := s.LookupMessage(ctx, idB)
	require.NoError(t, err)
	require.Equal(t, b, ref)
	_, err = s.LookupMessage(ctx, int32(home))
	require.ErrorIs(t, err, ErrNotFound)

	// A fourth evicts b: its displaced entry goes too, and b comes back at
	// its (now free) home.
	_, err = s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 10004, Seq: 1})
	require.NoError(t, err)
	require.Empty(t, s.msgs.displaced)
	back, err := s.MessageID(ctx, b)
	require.NoError(t, err)
	require.Equal(t, int32(home), back)
}
