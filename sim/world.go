package sim

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Sentinel errors returned (wrapped with detail) by World operations. Match
// them with errors.Is.
var (
	// ErrNotFound: the user, group, member, message, file, request... does
	// not exist (or is not visible to the actor).
	ErrNotFound = errors.New("sim: not found")
	// ErrPermissionDenied: the actor's role or relationship does not allow
	// the operation (QQ rules, see the package doc).
	ErrPermissionDenied = errors.New("sim: permission denied")
	// ErrInvalidArgument: the request itself is malformed (empty content,
	// negative duration, duplicate id, ...).
	ErrInvalidArgument = errors.New("sim: invalid argument")
	// ErrBotOffline is not returned by World operations (they keep working
	// while the bot is offline): it is matched, in-process, by the failures
	// both front-ends answer while the bot is offline, Milky retcode -403
	// and OneBot 11 retcode 100, both with the message "the bot is offline"
	// (see the package doc, "Bot offline").
	ErrBotOffline = errors.New("sim: the bot is offline")
)

// botOfflineMessage is the wire message of the front-ends' offline failures.
const botOfflineMessage = "the bot is offline"

func errf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}

// Defaults used by [New].
const (
	DefaultSelfID       int64 = 10086001
	DefaultSelfNickname       = "duobot"
	DefaultBaseURL            = "http://sim.invalid"
	// DefaultRecallWindow is how long a non-admin may recall their own
	// message (QQ: two minutes).
	DefaultRecallWindow = 2 * time.Minute
	// DefaultMaxMemberCount is used by AddGroup when MaxMemberCount is 0.
	DefaultMaxMemberCount = 200
	// MaxMuteDuration is the longest mute QQ allows (30 days).
	MaxMuteDuration = 30 * 24 * time.Hour
	// DefaultLikeLimit is how many profile likes the bot may give one user
	// per (clock) day.
	DefaultLikeLimit = 10
)

// Option configures a World at construction.
type Option func(*config)

type config struct {
	selfID       int64
	selfNick     string
	clock        func() time.Time
	seed         uint64
	seeded       bool
	baseURL      string
	recallWindow time.Duration
	likeLimit    int
}

// WithSelf sets the bot account's uin and nickname.
func WithSelf(uin int64, nickname string) Option {
	return func(c *config) { c.selfID, c.selfNick = uin, nickname }
}

// WithClock sets the clock the world reads for every timestamp, mute
// expiry and recall window (nil keeps time.Now). Use a [ManualClock] for
// golden tests.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithSeed makes every generated identifier (OneBot message ids, user uids,
// file/folder/announcement/resource/forward ids) a deterministic function of
// seed and the order of operations. Without it the seed comes from the wall
// clock.
func WithSeed(seed uint64) Option {
	return func(c *config) { c.seed, c.seeded = seed, true }
}

// WithBaseURL sets the URL prefix of generated download and resource URLs
// (a front-end that serves files sets it to its own address).
func WithBaseURL(u string) Option {
	return func(c *config) { c.baseURL = u }
}

// WithRecallWindow sets how long a sender may recall their own message when
// they have no admin rights over the conversation; 0 means forever.
func WithRecallWindow(d time.Duration) Option {
	return func(c *config) { c.recallWindow = d }
}

// WithLikeLimit sets how many profile likes the bot may give one user per
// day; 0 means unlimited.
func WithLikeLimit(n int) Option {
	return func(c *config) { c.likeLimit = n }
}

// ManualClock is a clock that only moves when told, for deterministic tests.
// It is safe for concurrent use.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a clock standing at start.
func NewManualClock(start time.Time) *ManualClock { return &ManualClock{now: start} }

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// World is the simulated QQ world. All methods are safe for concurrent use;
// one mutex serialises every operation, so operations and the events they
// publish have a single total order.
type World struct {
	mu  sync.Mutex
	cfg config
	rng *rand.Rand

	self       int64
	online     bool
	users      map[int64]*userRec
	friends    map[int64]*friendRec
	categories map[int64]string
	groups     map[int64]*groupRec

	convs     map[convKey]*convRec
	msgByID   map[int32]*msgRec
	forwards  map[string][]ForwardNode
	resources map[string]Resource

	friendReqs    map[string]*FriendRequest // by initiator uid
	friendReqList []string                  // uids, oldest first
	notifs        []*GroupNotification
	notifBySeq    map[int64]*GroupNotification
	invitations   map[int64]*GroupInvitation
	privateFiles  map[string]*privateFileRec
	likesGiven    map[likeKey]int
	pins          map[convKey]bool
	readSeq       map[convKey]int64
	nextNotifSeq  int64
	nextInvSeq    int64

	eventSeq uint64
	subs     map[*subscriber]struct{}
	closed   bool
}

type likeKey struct {
	target int64
	day    string
}

type userRec struct {
	u User
}

type friendRec struct {
	remark   string
	category int64
	since    time.Time
}

type memberRec struct {
	m      Member // Nickname/Sex are filled from the user at snapshot time
	muteTo time.Time
}

type groupRec struct {
	g       Group
	members map[int64]*memberRec
	blocked map[int64]bool
	anns    []*Announcement
	essence []essenceRec
	files   map[string]*fileRec
	folders map[string]*Folder
}

type essenceRec struct {
	seq      int64
	operator int64
	at       time.Time
}

type fileRec struct {
	f    GroupFile
	data []byte
}

type privateFileRec struct {
	f    PrivateFile
	data []byte
}

type convKey struct {
	scene Scene
	peer  int64
}

type convRec struct {
	msgs []*msgRec // msgs[i].m.Seq == i+1
}

type msgRec struct {
	m Message
}

// New returns a world holding only the bot account (and the default friend
// category 0). Add users, friends and groups with the scripting API or
// [World.SeedDemo].
func New(opts ...Option) *World {
	cfg := config{
		selfID:       DefaultSelfID,
		selfNick:     DefaultSelfNickname,
		clock:        time.Now,
		baseURL:      DefaultBaseURL,
		recallWindow: DefaultRecallWindow,
		likeLimit:    DefaultLikeLimit,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if !cfg.seeded {
		cfg.seed = uint64(time.Now().UnixNano())
	}
	w := &World{
		cfg:          cfg,
		rng:          rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15)),
		self:         cfg.selfID,
		online:       true,
		users:        map[int64]*userRec{},
		friends:      map[int64]*friendRec{},
		categories:   map[int64]string{0: "My Friends"},
		groups:       map[int64]*groupRec{},
		convs:        map[convKey]*convRec{},
		msgByID:      map[int32]*msgRec{},
		forwards:     map[string][]ForwardNode{},
		resources:    map[string]Resource{},
		friendReqs:   map[string]*FriendRequest{},
		notifBySeq:   map[int64]*GroupNotification{},
		invitations:  map[int64]*GroupInvitation{},
		privateFiles: map[string]*privateFileRec{},
		likesGiven:   map[likeKey]int{},
		pins:         map[convKey]bool{},
		readSeq:      map[convKey]int64{},
		subs:         map[*subscriber]struct{}{},
	}
	w.users[w.self] = &userRec{u: User{
		UIN: w.self, UID: w.newUID(), Nickname: cfg.selfNick, Sex: SexUnknown, Level: 1,
	}}
	w.users[w.self].u.AvatarURL = avatarURL(w.self)
	return w
}

// SelfID returns the bot account's uin.
func (w *World) SelfID() int64 { return w.self }

// Now returns the world clock's current time.
func (w *World) Now() time.Time { return w.cfg.clock() }

// Close cancels every subscription (their channels close). The world's
// state stays readable and operations keep working, but no further events
// are delivered and Subscribe returns a closed channel.
func (w *World) Close() {
	w.mu.Lock()
	subs := w.subs
	w.subs = map[*subscriber]struct{}{}
	w.closed = true
	w.mu.Unlock()
	for s := range subs {
		s.stop()
	}
}

// ---- identifiers ----

func (w *World) now() time.Time { return w.cfg.clock() }

// newMessageID returns an unused positive int32. Caller holds w.mu.
func (w *World) newMessageID() int32 {
	for {
		id := w.rng.Int32N(math.MaxInt32) + 1
		if _, used := w.msgByID[id]; !used {
			return id
		}
	}
}

func (w *World) randBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(w.rng.UintN(256))
	}
	return b
}

func (w *World) newUID() string {
	return "u_" + base64.RawURLEncoding.EncodeToString(w.randBytes(16))
}

func (w *World) newHexID(n int) string { return hex.EncodeToString(w.randBytes(n)) }

func (w *World) newUUID() string {
	b := w.randBytes(16)
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func avatarURL(uin int64) string {
	return fmt.Sprintf("https://q1.qlogo.cn/g?b=qq&nk=%d&s=640", uin)
}

// ---- lookups (caller holds w.mu) ----

func (w *World) user(uin int64) (*userRec, error) {
	u, ok := w.users[uin]
	if !ok {
		return nil, errf(ErrNotFound, "user %d", uin)
	}
	return u, nil
}

func (w *World) group(id int64) (*groupRec, error) {
	g, ok := w.groups[id]
	if !ok {
		return nil, errf(ErrNotFound, "group %d", id)
	}
	return g, nil
}

func (g *groupRec) member(uin int64) (*memberRec, error) {
	m, ok := g.members[uin]
	if !ok {
		return nil, errf(ErrNotFound, "user %d is not a member of group %d", uin, g.g.ID)
	}
	return m, nil
}

// roleOf returns the member's role, or "" when not a member.
func (g *groupRec) roleOf(uin int64) Role {
	if m, ok := g.members[uin]; ok {
		return m.m.Role
	}
	return ""
}

func (w *World) botIn(g *groupRec) bool {
	_, ok := g.members[w.self]
	return ok
}

func (w *World) userSnap(uin int64) User {
	if u, ok := w.users[uin]; ok {
		return u.u
	}
	return User{UIN: uin, Sex: SexUnknown}
}

func (w *World) friendSnap(uin int64) Friend {
	f := w.friends[uin]
	return Friend{
		User:     w.userSnap(uin),
		Remark:   f.remark,
		Category: FriendCategory{ID: f.category, Name: w.categories[f.category]},
	}
}

func (w *World) groupSnap(g *groupRec) Group {
	s := g.g
	s.MemberCount = len(g.members)
	return s
}

func (w *World) memberSnap(g *groupRec, m *memberRec) Member {
	s := m.m
	u := w.userSnap(s.UserID)
	s.Nickname, s.Sex = u.Nickname, u.Sex
	if m.muteTo.After(w.now()) {
		s.MuteUntil = m.muteTo
	}
	return s
}

func sortedKeys[K ~int64 | ~string, V any](m map[K]V) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
	return ks
}

// rank orders roles for permission checks: owner > admin > member.
func rank(r Role) int {
	switch r {
	case RoleOwner:
		return 2
	case RoleAdmin:
		return 1
	case RoleMember:
		return 0
	}
	return -1
}

// requireAdmin checks that actor is an admin or the owner of g.
func requireAdmin(g *groupRec, actor int64, what string) error {
	r := g.roleOf(actor)
	if r == "" {
		return errf(ErrNotFound, "user %d is not a member of group %d", actor, g.g.ID)
	}
	if rank(r) < 1 {
		return errf(ErrPermissionDenied, "%s in group %d needs admin or owner, %d is %s", what, g.g.ID, actor, r)
	}
	return nil
}

// requireOutrank checks that actor is an admin/owner ranking above target.
func requireOutrank(g *groupRec, actor, target int64, what string) error {
	if err := requireAdmin(g, actor, what); err != nil {
		return err
	}
	tr := g.roleOf(target)
	if tr == "" {
		return errf(ErrNotFound, "user %d is not a member of group %d", target, g.g.ID)
	}
	if rank(g.roleOf(actor)) <= rank(tr) {
		return errf(ErrPermissionDenied, "%s: %d (%s) cannot act on %d (%s) in group %d",
			what, actor, g.roleOf(actor), target, tr, g.g.ID)
	}
	return nil
}
