package sim

import (
	"fmt"
	"time"
)

// The Add* methods build the world's initial state. They publish no events
// (use MemberJoin, RequestFriend... for things the bot should notice).

// AddUser adds a user. UIN must be new and at least 10001 (Milky rejects
// smaller ones); the world assigns UID (unless given) and fills Sex and
// AvatarURL when empty. It returns the stored user.
func (w *World) AddUser(u User) (User, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if u.UIN < 10001 {
		return User{}, errf(ErrInvalidArgument, "uin %d is below 10001", u.UIN)
	}
	if _, ok := w.users[u.UIN]; ok {
		return User{}, errf(ErrInvalidArgument, "user %d already exists", u.UIN)
	}
	if u.UID == "" {
		u.UID = w.newUID()
	}
	if u.Sex == "" {
		u.Sex = SexUnknown
	}
	if u.AvatarURL == "" {
		u.AvatarURL = avatarURL(u.UIN)
	}
	w.users[u.UIN] = &userRec{u: u}
	return u, nil
}

// AddFriendCategory adds (or renames) a friend category.
func (w *World) AddFriendCategory(id int64, name string) error {
	if id < 0 || name == "" {
		return errf(ErrInvalidArgument, "friend category %d %q", id, name)
	}
	return w.locked(func() error { w.categories[id] = name; return nil })
}

// AddFriend makes an existing user the bot's friend in category.
func (w *World) AddFriend(uin int64, remark string, category int64) error {
	return w.locked(func() error {
		if _, err := w.user(uin); err != nil {
			return err
		}
		if uin == w.self {
			return errf(ErrInvalidArgument, "the bot cannot befriend itself")
		}
		if _, ok := w.categories[category]; !ok {
			return errf(ErrNotFound, "friend category %d", category)
		}
		if _, ok := w.friends[uin]; ok {
			return errf(ErrInvalidArgument, "user %d is already a friend", uin)
		}
		w.friends[uin] = &friendRec{remark: remark, category: category, since: w.now()}
		return nil
	})
}

// AddGroup adds a group whose owner (OwnerID, an existing user, possibly
// the bot) becomes its first member. ID must be new and at least 10001;
// MaxMemberCount 0 means DefaultMaxMemberCount; CreatedTime zero means
// now; AvatarURL "" gets the usual QQ group avatar URL. MemberCount and
// WholeMute are ignored.
func (w *World) AddGroup(g Group) (Group, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if g.ID < 10001 {
		return Group{}, errf(ErrInvalidArgument, "group id %d is below 10001", g.ID)
	}
	if _, ok := w.groups[g.ID]; ok {
		return Group{}, errf(ErrInvalidArgument, "group %d already exists", g.ID)
	}
	if g.Name == "" {
		return Group{}, errf(ErrInvalidArgument, "empty group name")
	}
	if _, err := w.user(g.OwnerID); err != nil {
		return Group{}, err
	}
	if g.MaxMemberCount <= 0 {
		g.MaxMemberCount = DefaultMaxMemberCount
	}
	if g.CreatedTime.IsZero() {
		g.CreatedTime = w.now()
	}
	if g.AvatarURL == "" {
		g.AvatarURL = fmt.Sprintf("https://p.qlogo.cn/gh/%d/%d/640", g.ID, g.ID)
	}
	g.WholeMute, g.MemberCount = false, 0
	r := &groupRec{
		g:       g,
		members: map[int64]*memberRec{},
		blocked: map[int64]bool{},
		files:   map[string]*fileRec{},
		folders: map[string]*Folder{},
	}
	r.members[g.OwnerID] = &memberRec{m: Member{GroupID: g.ID, UserID: g.OwnerID, Role: RoleOwner, JoinTime: g.CreatedTime, Level: 1}}
	w.groups[g.ID] = r
	return w.groupSnap(r), nil
}

// AddMember adds an existing user to a group with m's Card, Title, Role
// (admin or member; "" is member), Level and JoinTime (zero: now).
// Nickname, Sex and MuteUntil are ignored.
func (w *World) AddMember(m Member) (Member, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(m.GroupID)
	if err != nil {
		return Member{}, err
	}
	if _, err := w.user(m.UserID); err != nil {
		return Member{}, err
	}
	if _, ok := g.members[m.UserID]; ok {
		return Member{}, errf(ErrInvalidArgument, "user %d is already in group %d", m.UserID, m.GroupID)
	}
	switch m.Role {
	case "":
		m.Role = RoleMember
	case RoleAdmin, RoleMember:
	default:
		return Member{}, errf(ErrInvalidArgument, "role %q (a group has one owner, set by AddGroup)", m.Role)
	}
	if len(g.members) >= g.g.MaxMemberCount {
		return Member{}, errf(ErrPermissionDenied, "group %d is full (%d)", g.g.ID, g.g.MaxMemberCount)
	}
	if m.JoinTime.IsZero() {
		m.JoinTime = w.now()
	}
	if m.Level == 0 {
		m.Level = 1
	}
	m.Nickname, m.Sex, m.MuteUntil = "", "", time.Time{}
	rec := &memberRec{m: m}
	g.members[m.UserID] = rec
	return w.memberSnap(g, rec), nil
}

// Demo seed identifiers (see SeedDemo).
const (
	DemoAlice     int64 = 20001
	DemoBob       int64 = 20002
	DemoCarol     int64 = 20003
	DemoDave      int64 = 20004
	DemoEve       int64 = 20005
	DemoGroupDev  int64 = 30001
	DemoGroupPlay int64 = 30002
	DemoColleague int64 = 1 // friend category
)

// SeedDemo fills an empty world with demo data: five users (DemoAlice ...
// DemoEve), friends Alice and Bob (category 0) and Carol (category
// DemoColleague), group DemoGroupDev owned by Alice with the bot and Bob as
// admins and Carol and Dave as members, and group DemoGroupPlay owned by
// the bot with Alice, Bob and Eve.
func (w *World) SeedDemo() error {
	users := []User{
		{UIN: DemoAlice, Nickname: "Alice", Sex: SexFemale, Age: 24, Sign: "hello from the simulator", Level: 32},
		{UIN: DemoBob, Nickname: "Bob", Sex: SexMale, Age: 30, Level: 12, NudgeAction: "拍了拍", NudgeSuffix: "的肩膀"},
		{UIN: DemoCarol, Nickname: "Carol", Sex: SexFemale, Age: 27, QID: "carol", Level: 8},
		{UIN: DemoDave, Nickname: "Dave", Sex: SexMale, Age: 19, Level: 3},
		{UIN: DemoEve, Nickname: "Eve", Sex: SexUnknown, Level: 1},
	}
	for _, u := range users {
		if _, err := w.AddUser(u); err != nil {
			return err
		}
	}
	if err := w.AddFriendCategory(DemoColleague, "Colleagues"); err != nil {
		return err
	}
	for _, f := range []struct {
		uin    int64
		remark string
		cat    int64
	}{{DemoAlice, "", 0}, {DemoBob, "bob (work)", 0}, {DemoCarol, "", DemoColleague}} {
		if err := w.AddFriend(f.uin, f.remark, f.cat); err != nil {
			return err
		}
	}
	if _, err := w.AddGroup(Group{ID: DemoGroupDev, Name: "duobot dev", OwnerID: DemoAlice, Description: "where duobot is built"}); err != nil {
		return err
	}
	for _, m := range []Member{
		{GroupID: DemoGroupDev, UserID: w.self, Role: RoleAdmin, Card: "bot"},
		{GroupID: DemoGroupDev, UserID: DemoBob, Role: RoleAdmin, Title: "reviewer"},
		{GroupID: DemoGroupDev, UserID: DemoCarol, Card: "carol (qa)"},
		{GroupID: DemoGroupDev, UserID: DemoDave},
	} {
		if _, err := w.AddMember(m); err != nil {
			return err
		}
	}
	if _, err := w.AddGroup(Group{ID: DemoGroupPlay, Name: "sim playground", OwnerID: w.self}); err != nil {
		return err
	}
	for _, uin := range []int64{DemoAlice, DemoBob, DemoEve} {
		if _, err := w.AddMember(Member{GroupID: DemoGroupPlay, UserID: uin}); err != nil {
			return err
		}
	}
	return nil
}
