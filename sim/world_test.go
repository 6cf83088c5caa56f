package sim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// demo returns a seeded deterministic world, its clock, and a subscription
// that is cancelled at the end of the test.
func demo(t *testing.T, opts ...Option) (*World, *ManualClock, *events) {
	t.Helper()
	clk := NewManualClock(epoch)
	w := New(append([]Option{WithClock(clk.Now), WithSeed(42)}, opts...)...)
	require.NoError(t, w.SeedDemo())
	ch, cancel := w.Subscribe(16)
	t.Cleanup(cancel)
	return w, clk, &events{t: t, w: w, ch: ch}
}

type events struct {
	t  *testing.T
	w  *World
	ch <-chan Event
}

// next returns the next event, failing the test after a generous wait.
func (e *events) next() Event {
	e.t.Helper()
	select {
	case ev, ok := <-e.ch:
		require.True(e.t, ok, "event channel closed")
		return ev
	case <-time.After(5 * time.Second):
		e.t.Fatal("no event within 5s")
		return nil
	}
}

// none checks that nothing was published since the last event read: it
// publishes a sentinel and expects it to be the next event.
func (e *events) none() {
	e.t.Helper()
	e.w.mu.Lock()
	e.w.emit(&BotOfflineEvent{Reason: "sentinel"})
	e.w.mu.Unlock()
	ev := e.next()
	if b, ok := ev.(*BotOfflineEvent); !ok || b.Reason != "sentinel" {
		e.t.Fatalf("unexpected event %s: %+v", ev.Kind(), ev)
	}
}

func nextAs[E Event](t *testing.T, e *events) E {
	t.Helper()
	ev := e.next()
	got, ok := ev.(E)
	require.Truef(t, ok, "got %T (%+v), want %T", ev, ev, got)
	return got
}

func txt(s string) []Element { return []Element{Text{Text: s}} }

func TestNewDefaults(t *testing.T) {
	w := New()
	defer w.Close()
	require.Equal(t, DefaultSelfID, w.SelfID())
	self := w.Self()
	require.Equal(t, DefaultSelfNickname, self.Nickname)
	require.NotEmpty(t, self.UID)
	require.Empty(t, w.Friends())
	require.Empty(t, w.Groups())
	require.Equal(t, []FriendCategory{{ID: 0, Name: "My Friends"}}, w.FriendCategories())

	w2 := New(WithSelf(123456, "robo"))
	require.Equal(t, int64(123456), w2.Self().UIN)
	require.Equal(t, "robo", w2.Self().Nickname)
}

func TestSeedDemo(t *testing.T) {
	w, _, _ := demo(t)
	gs := w.Groups()
	require.Len(t, gs, 2)
	require.Equal(t, DemoGroupDev, gs[0].ID)
	require.Equal(t, 5, gs[0].MemberCount)
	require.Equal(t, DemoAlice, gs[0].OwnerID)
	require.Equal(t, 4, gs[1].MemberCount)
	fs := w.Friends()
	require.Len(t, fs, 3)
	require.Equal(t, "Colleagues", fs[2].Category.Name)
	require.Equal(t, "bob (work)", fs[1].Remark)
	m, err := w.Member(DemoGroupDev, DemoBob)
	require.NoError(t, err)
	require.Equal(t, RoleAdmin, m.Role)
	require.Equal(t, "Bob", m.Nickname)
	require.Equal(t, "reviewer", m.Title)
	require.Error(t, w.SeedDemo(), "seeding twice collides")
}

func TestAddValidation(t *testing.T) {
	w := New()
	_, err := w.AddUser(User{UIN: 10000})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.AddUser(User{UIN: 10001, Nickname: "a"})
	require.NoError(t, err)
	_, err = w.AddUser(User{UIN: 10001})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.AddGroup(Group{ID: 50000, Name: "g", OwnerID: 99999})
	require.ErrorIs(t, err, ErrNotFound)
	_, err = w.AddGroup(Group{ID: 50000, Name: "g", OwnerID: 10001, MaxMemberCount: 2})
	require.NoError(t, err)
	_, err = w.AddMember(Member{GroupID: 50000, UserID: w.SelfID(), Role: RoleOwner})
	require.ErrorIs(t, err, ErrInvalidArgument)
	_, err = w.AddMember(Member{GroupID: 50000, UserID: w.SelfID()})
	require.NoError(t, err)
	_, err = w.AddUser(User{UIN: 10002})
	require.NoError(t, err)
	_, err = w.AddMember(Member{GroupID: 50000, UserID: 10002})
	require.ErrorIs(t, err, ErrPermissionDenied, "group full")
	require.ErrorIs(t, w.AddFriend(10002, "", 7), ErrNotFound)
	require.ErrorIs(t, w.AddFriend(w.SelfID(), "", 0), ErrInvalidArgument)
}

func TestWithClockNilKeepsWallClock(t *testing.T) {
	w := New(WithClock(nil))
	defer w.Close()
	require.WithinDuration(t, time.Now(), w.Now(), time.Minute)
}

func TestElementKinds(t *testing.T) {
	all := []Element{Text{}, Mention{}, MentionAll{}, Face{}, Reply{}, Image{}, Record{}, Video{}, File{}, Forward{},
		MarketFace{}, LightApp{}, XML{}, Markdown{}, Unknown{Type: "dice"}}
	want := []string{KindText, KindMention, KindMentionAll, KindFace, KindReply, KindImage, KindRecord, KindVideo, KindFile,
		KindForward, KindMarketFace, KindLightApp, KindXML, KindMarkdown, "dice"}
	for i, e := range all {
		require.Equal(t, want[i], e.Kind())
		e.isElement()
	}
	require.Equal(t, "[image][sticker]@123[forward: f]", PlainText([]Element{Image{}, MarketFace{}, Mention{UserID: 123}, Forward{ID: "f"}}))
	require.Nil(t, CloneContent(nil))
}

func TestManualClock(t *testing.T) {
	c := NewManualClock(epoch)
	c.Advance(time.Hour)
	require.Equal(t, epoch.Add(time.Hour), c.Now())
	c.Set(epoch)
	require.Equal(t, epoch, c.Now())
}
