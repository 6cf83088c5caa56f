package adapter

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
	"go.uber.org/goleak"
)

func TestBoltPersistence(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ids.db")
	msg := MessageRef{Scene: SceneGroup, PeerID: 123456789, Seq: 99}
	req := RequestRef{Kind: RequestGroup, GroupID: 123456789, NotificationSeq: 3,
		NotificationType: "join_request", IsFiltered: true, Extra: map[string]string{"initiator_id": "10002"}}

	s, err := OpenBoltStore(ctx, path)
	require.NoError(t, err)
	id, err := s.MessageID(ctx, msg)
	require.NoError(t, err)
	flag, err := s.RequestFlag(ctx, req)
	require.NoError(t, err)
	fwd, err := s.ForwardID(ctx, "milky-forward-1")
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s, err = OpenBoltStore(ctx, path)
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()
	gotMsg, err := s.LookupMessage(ctx, id)
	require.NoError(t, err)
	require.Equal(t, msg, gotMsg)
	again, err := s.MessageID(ctx, msg)
	require.NoError(t, err)
	require.Equal(t, id, again)
	gotReq, err := s.LookupRequest(ctx, flag)
	require.NoError(t, err)
	require.Equal(t, req, gotReq)
	gotFwd, err := s.LookupForward(ctx, fwd)
	require.NoError(t, err)
	require.Equal(t, "milky-forward-1", gotFwd)
}

// TestBoltPersistentProbe: an id that was moved off its first candidate by a
// collision keeps its probed value after a restart, because the mapping is
// stored, not recomputed.
func TestBoltPersistentProbe(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ids.db")
	a := MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1}
	b := MessageRef{Scene: SceneGroup, PeerID: 10002, Seq: 1}
	s, err := OpenBoltStore(ctx, path)
	require.NoError(t, err)
	// Plant b's first candidate as a live id of some other key, as a hash
	// collision would.
	first := candidate(keyHash(b.appendKey(nil)), 0, tableSpaces[tableMessages])
	require.NoError(t, s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(boltTableBk[tableMessages].id).Put(u64(first), a.appendKey(nil))
	}))
	idB, err := s.MessageID(ctx, b)
	require.NoError(t, err)
	require.NotEqual(t, int32(first), idB)
	require.NoError(t, s.Close())

	s, err = OpenBoltStore(ctx, path)
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()
	again, err := s.MessageID(ctx, b)
	require.NoError(t, err)
	require.Equal(t, idB, again)
}

func TestBoltReopenSmallerCapacity(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ids.db")
	s, err := OpenBoltStore(ctx, path)
	require.NoError(t, err)
	var ids []int32
	for seq := range int64(5) {
		id, err := s.MessageID(ctx, MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: seq})
		require.NoError(t, err)
		ids = append(ids, id)
	}
	require.NoError(t, s.Close())

	s, err = OpenBoltStore(ctx, path, WithMessageCapacity(2))
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()
	for i, id := range ids {
		_, err := s.LookupMessage(ctx, id)
		if i < 3 {
			require.ErrorIs(t, err, ErrNotFound, "seq %d should be evicted at open", i)
		} else {
			require.NoError(t, err)
		}
	}
	// The count was reset to 2: one more insert evicts exactly seq 3.
	_, err = s.MessageID(ctx, MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: 5})
	require.NoError(t, err)
	_, err = s.LookupMessage(ctx, ids[3])
	require.ErrorIs(t, err, ErrNotFound)
	_, err = s.LookupMessage(ctx, ids[4])
	require.NoError(t, err)
}

func TestBoltLocked(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ids.db")
	s, err := OpenBoltStore(ctx, path)
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()

	const timeout = 200 * time.Millisecond
	start := time.Now()
	_, err = OpenBoltStore(ctx, path, WithLockTimeout(timeout))
	elapsed := time.Since(start)
	require.ErrorIs(t, err, ErrLocked)
	require.Contains(t, err.Error(), path)
	require.GreaterOrEqual(t, elapsed, timeout)
	require.Less(t, elapsed, timeout+time.Second, "did not give up near the timeout")

	// Zero timeout: a single attempt.
	start = time.Now()
	_, err = OpenBoltStore(ctx, path, WithLockTimeout(0))
	require.ErrorIs(t, err, ErrLocked)
	require.Less(t, time.Since(start), time.Second)

	// The first store still works.
	_, err = s.MessageID(ctx, MessageRef{Scene: SceneFriend, PeerID: 10001, Seq: 1})
	require.NoError(t, err)
}

func TestBoltLockWaitCancelled(t *testing.T) {
	defer goleak.VerifyNone(t)
	path := filepath.Join(t.TempDir(), "ids.db")
	s, err := OpenBoltStore(context.Background(), path)
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = OpenBoltStore(ctx, path, WithLockTimeout(time.Hour))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 2*time.Second)

	done, cancel2 := context.WithCancel(context.Background())
	cancel2()
	_, err = OpenBoltStore(done, filepath.Join(t.TempDir(), "other.db"))
	require.ErrorIs(t, err, context.Canceled)
}

// TestBoltLockReleased: a waiting open succeeds once the holder closes.
func TestBoltLockReleased(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ids.db")
	s, err := OpenBoltStore(ctx, path)
	require.NoError(t, err)
	id, err := s.MessageID(ctx, MessageRef{Scene: SceneTemp, PeerID: 10001, Seq: 7})
	require.NoError(t, err)
	timer := time.AfterFunc(100*time.Millisecond, func() { _ = s.Close() })
	defer timer.Stop()

	s2, err := OpenBoltStore(ctx, path, WithLockTimeout(10*time.Second))
	require.NoError(t, err)
	defer func() { require.NoError(t, s2.Close()) }()
	ref, err := s2.LookupMessage(ctx, id)
	require.NoError(t, err)
	require.Equal(t, MessageRef{Scene: SceneTemp, PeerID: 10001, Seq: 7}, ref)
}

func TestBoltBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	_, err := OpenBoltStore(ctx, filepath.Join(dir, "missing", "ids.db"))
	require.Error(t, err)
	require.NotErrorIs(t, err, ErrLocked)

	junk := filepath.Join(dir, "junk.db")
	require.NoError(t, os.WriteFile(junk, []byte("not a bolt file, not a bolt file, not a bolt file"), 0o600))
	_, err = OpenBoltStore(ctx, junk)
	require.Error(t, err)

	// A bolt file of a future format version.
	future := filepath.Join(dir, "future.db")
	db, err := bolt.Open(future, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(metaBucket)
		if err != nil {
			return err
		}
		return b.Put(versionKey, u64(boltFormat+1))
	}))
	require.NoError(t, db.Close())
	_, err = OpenBoltStore(ctx, future)
	require.ErrorIs(t, err, ErrCorrupt)
	// The failed open released the file.
	db, err = bolt.Open(future, 0o600, &bolt.Options{Timeout: time.Nanosecond})
	require.NoError(t, err)
	require.NoError(t, db.Close())

	// A stored id of the wrong size is reported, not trusted.
	bad := filepath.Join(dir, "bad.db")
	s, err := OpenBoltStore(ctx, bad)
	require.NoError(t, err)
	ref := MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1}
	require.NoError(t, s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(boltTableBk[tableMessages].key).Put(ref.appendKey(nil), []byte{1, 2})
	}))
	_, err = s.MessageID(ctx, ref)
	require.ErrorIs(t, err, ErrCorrupt)
	require.NoError(t, s.Close())
}

// TestBoltGroupCommit: concurrent new mappings share write transactions.
func TestBoltGroupCommit(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()
	s, err := OpenBoltStore(ctx, filepath.Join(t.TempDir(), "ids.db"))
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()

	const workers, each = 16, 20
	ids := make([][]int32, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				id, err := s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 10001 + int64(w), Seq: int64(i)})
				if err != nil {
					errs[w] = err
					return
				}
				ids[w] = append(ids[w], id)
			}
		})
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	seen := map[int32]bool{}
	for _, ws := range ids {
		for _, id := range ws {
			require.False(t, seen[id], "duplicate id %d", id)
			seen[id] = true
		}
	}
	require.Len(t, seen, workers*each)
	commits := s.commits.Load()
	t.Logf("%d mappings in %d commits", workers*each, commits)
	require.Less(t, commits, int64(workers*each), "no commit was shared")
}

// TestBoltWaitHonoursContext: a caller stuck behind a slow write gives up
// when its context ends, and its mapping, committed later, is found.
func TestBoltWaitHonoursContext(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()
	s, err := OpenBoltStore(ctx, filepath.Join(t.TempDir(), "ids.db"))
	require.NoError(t, err)
	defer func() { require.NoError(t, s.Close()) }()

	// Hold bbolt's writer lock, as a slow disk would.
	holding, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = s.db.Update(func(*bolt.Tx) error {
			close(holding)
			<-release
			return nil
		})
	})
	<-holding
	ref := MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.MessageID(short, ref)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Less(t, time.Since(start), 2*time.Second)
	close(release)
	wg.Wait()

	id, err := s.MessageID(ctx, ref)
	require.NoError(t, err)
	require.Equal(t, pinnedGroupIDSeq1(t), id)
}

// pinnedGroupIDSeq1 is the first candidate of group:10001:1.
func pinnedGroupIDSeq1(t *testing.T) int32 {
	t.Helper()
	return int32(candidate(keyHash(MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1}.appendKey(nil)), 0, tableSpaces[tableMessages]))
}

// TestBoltLockedAcrossProcesses: while another process holds the file, open
// fails with ErrLocked near the timeout instead of hanging.
func TestBoltLockedAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ids.db")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestBoltHolderProcess$")
	cmd.Env = append(os.Environ(), "DUOBOT_STORE_HOLD="+path)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "holding\n", line)

	start := time.Now()
	_, err = OpenBoltStore(ctx, path, WithLockTimeout(300*time.Millisecond))
	require.ErrorIs(t, err, ErrLocked)
	require.Less(t, time.Since(start), 2*time.Second)

	require.NoError(t, stdin.Close()) // the holder closes its store and exits
	require.NoError(t, cmd.Wait())
	s, err := OpenBoltStore(ctx, path, WithLockTimeout(0))
	require.NoError(t, err)
	ref, err := s.LookupMessage(ctx, pinnedGroupIDSeq1(t))
	require.NoError(t, err, "the holder's mapping is in the file")
	require.Equal(t, MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1}, ref)
	require.NoError(t, s.Close())
}

// TestBoltHolderProcess is the other process of TestBoltLockedAcrossProcesses;
// it does nothing unless DUOBOT_STORE_HOLD names a file.
func TestBoltHolderProcess(t *testing.T) {
	path := os.Getenv("DUOBOT_STORE_HOLD")
	if path == "" {
		t.Skip("helper process for TestBoltLockedAcrossProcesses")
	}
	ctx := context.Background()
	s, err := OpenBoltStore(ctx, path)
	require.NoError(t, err)
	_, err = s.MessageID(ctx, MessageRef{Scene: SceneGroup, PeerID: 10001, Seq: 1})
	require.NoError(t, err)
	fmt.Println("holding")
	_, _ = io.Copy(io.Discard, os.Stdin)
	require.NoError(t, s.Close())
}
