package sim

import (
	"sort"
	"time"
)

// MaxTitleBytes is the longest special title QQ accepts (UTF-8 bytes).
const MaxTitleBytes = 18

// Groups returns the groups the bot is in, by id.
func (w *World) Groups() []Group {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []Group
	for _, id := range sortedKeys(w.groups) {
		if g := w.groups[id]; w.botIn(g) {
			out = append(out, w.groupSnap(g))
		}
	}
	return out
}

// Group returns any group's info (the bot need not be a member).
func (w *World) Group(id int64) (Group, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(id)
	if err != nil {
		return Group{}, err
	}
	return w.groupSnap(g), nil
}

// Members returns a group's members, ordered by join time then uin.
func (w *World) Members(group int64) ([]Member, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return nil, err
	}
	out := make([]Member, 0, len(g.members))
	for _, uin := range sortedKeys(g.members) {
		out = append(out, w.memberSnap(g, g.members[uin]))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].JoinTime.Before(out[j].JoinTime) })
	return out, nil
}

// Member returns one member of a group.
func (w *World) Member(group, uin int64) (Member, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return Member{}, err
	}
	m, err := g.member(uin)
	if err != nil {
		return Member{}, err
	}
	return w.memberSnap(g, m), nil
}

// SetGroupRemark sets the bot's private remark for a group (no event).
func (w *World) SetGroupRemark(group int64, remark string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if !w.botIn(g) {
		return errf(ErrNotFound, "the bot is not in group %d", group)
	}
	g.g.Remark = remark
	return nil
}

// SetGroupAvatar sets a group's avatar from a URI as the bot (admin or
// owner; no event). The avatar URL becomes the URI.
func (w *World) SetGroupAvatar(group int64, uri string) error {
	return w.locked(func() error {
		g, err := w.group(group)
		if err != nil {
			return err
		}
		if uri == "" {
			return errf(ErrInvalidArgument, "empty avatar uri")
		}
		if err := requireAdmin(g, w.self, "set group avatar"); err != nil {
			return err
		}
		g.g.AvatarURL = uri
		return nil
	})
}

// SetGroupName renames a group as the bot (admin or owner).
func (w *World) SetGroupName(group int64, name string) error {
	return w.locked(func() error { return w.setGroupName(w.self, group, name) })
}

// UserSetGroupName renames a group as member operator (admin or owner).
func (w *World) UserSetGroupName(group, operator int64, name string) error {
	return w.locked(func() error { return w.setGroupName(operator, group, name) })
}

func (w *World) locked(f func() error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return f()
}

func (w *World) groupEmit(g *groupRec, ev Event) {
	if w.botIn(g) {
		w.emit(ev)
	}
}

func (w *World) setGroupName(actor, group int64, name string) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if name == "" {
		return errf(ErrInvalidArgument, "empty group name")
	}
	if err := requireAdmin(g, actor, "set group name"); err != nil {
		return err
	}
	g.g.Name = name
	w.groupEmit(g, &GroupNameChangeEvent{GroupID: group, Name: name, OperatorID: actor})
	return nil
}

// SetCard sets a member's group card as the bot. Anyone may set their own;
// admins and the owner may set those of members they outrank.
func (w *World) SetCard(group, uin int64, card string) error {
	return w.locked(func() error { return w.setCard(w.self, group, uin, card) })
}

// UserSetCard sets target's card as member operator (rules as SetCard).
func (w *World) UserSetCard(group, operator, target int64, card string) error {
	return w.locked(func() error { return w.setCard(operator, group, target, card) })
}

func (w *World) setCard(actor, group, target int64, card string) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	m, err := g.member(target)
	if err != nil {
		return err
	}
	if actor != target {
		if err := requireOutrank(g, actor, target, "set card"); err != nil {
			return err
		}
	} else if _, err := g.member(actor); err != nil {
		return err
	}
	old := m.m.Card
	if old == card {
		return nil
	}
	m.m.Card = card
	w.groupEmit(g, &GroupCardChangeEvent{GroupID: group, UserID: target, OperatorID: actor, OldCard: old, NewCard: card})
	return nil
}

// SetTitle sets a member's special title as the bot (owner only; at most
// MaxTitleBytes bytes; "" clears it).
func (w *World) SetTitle(group, uin int64, title string) error {
	return w.locked(func() error { return w.setTitle(w.self, group, uin, title) })
}

// UserSetTitle sets target's special title as member operator (owner only).
func (w *World) UserSetTitle(group, operator, target int64, title string) error {
	return w.locked(func() error { return w.setTitle(operator, group, target, title) })
}

func (w *World) setTitle(actor, group, target int64, title string) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	m, err := g.member(target)
	if err != nil {
		return err
	}
	if err := g.requireOwner(actor, "set title in group"); err != nil {
		return err
	}
	if len(title) > MaxTitleBytes {
		return errf(ErrInvalidArgument, "title is %d bytes, at most %d", len(title), MaxTitleBytes)
	}
	m.m.Title = title
	w.groupEmit(g, &GroupTitleChangeEvent{GroupID: group, UserID: target, OperatorID: actor, Title: title})
	return nil
}

// SetAdmin makes (set) or unmakes a member admin as the bot (owner only).
func (w *World) SetAdmin(group, uin int64, set bool) error {
	return w.locked(func() error { return w.setAdmin(w.self, group, uin, set) })
}

// UserSetAdmin makes or unmakes target admin as member operator (owner
// only).
func (w *World) UserSetAdmin(group, operator, target int64, set bool) error {
	return w.locked(func() error { return w.setAdmin(operator, group, target, set) })
}

func (w *World) setAdmin(actor, group, target int64, set bool) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	m, err := g.member(target)
	if err != nil {
		return err
	}
	if err := g.requireOwner(actor, "set admin in group"); err != nil {
		return err
	}
	if m.m.Role == RoleOwner {
		return errf(ErrPermissionDenied, "the owner's role cannot change")
	}
	want := RoleMember
	if set {
		want = RoleAdmin
	}
	if m.m.Role == want {
		return nil
	}
	m.m.Role = want
	w.addNotif(g, &GroupNotification{Type: NotifyAdminChange, TargetUserID: target, OperatorID: actor, IsSet: set})
	w.groupEmit(g, &GroupAdminChangeEvent{GroupID: group, UserID: target, OperatorID: actor, IsSet: set})
	return nil
}

// Mute mutes a member for d as the bot (whole seconds, at most
// MaxMuteDuration; 0 unmutes). The actor must be an admin or the owner and
// outrank the target; the owner can never be muted.
func (w *World) Mute(group, uin int64, d time.Duration) error {
	return w.locked(func() error { return w.mute(w.self, group, uin, d) })
}

// UserMute mutes target as member operator (rules as Mute).
func (w *World) UserMute(group, operator, target int64, d time.Duration) error {
	return w.locked(func() error { return w.mute(operator, group, target, d) })
}

func (w *World) mute(actor, group, target int64, d time.Duration) error {
	if d < 0 || d > MaxMuteDuration || d%time.Second != 0 {
		return errf(ErrInvalidArgument, "mute duration %s: want whole seconds in [0, %s]", d, MaxMuteDuration)
	}
	g, err := w.group(group)
	if err != nil {
		return err
	}
	m, err := g.member(target)
	if err != nil {
		return err
	}
	if m.m.Role == RoleOwner {
		return errf(ErrPermissionDenied, "the owner of group %d cannot be muted", group)
	}
	if err := requireOutrank(g, actor, target, "mute"); err != nil {
		return err
	}
	if d == 0 {
		m.muteTo = time.Time{}
	} else {
		m.muteTo = w.now().Add(d)
	}
	w.groupEmit(g, &GroupMuteEvent{GroupID: group, UserID: target, OperatorID: actor, Duration: d})
	return nil
}

// SetWholeMute switches whole-group mute as the bot (admin or owner). Only
// admins and the owner may speak while it is on.
func (w *World) SetWholeMute(group int64, on bool) error {
	return w.locked(func() error { return w.setWholeMute(w.self, group, on) })
}

// UserSetWholeMute switches whole-group mute as member operator.
func (w *World) UserSetWholeMute(group, operator int64, on bool) error {
	return w.locked(func() error { return w.setWholeMute(operator, group, on) })
}

func (w *World) setWholeMute(actor, group int64, on bool) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if err := requireAdmin(g, actor, "whole mute"); err != nil {
		return err
	}
	g.g.WholeMute = on
	w.groupEmit(g, &GroupWholeMuteEvent{GroupID: group, OperatorID: actor, IsMute: on})
	return nil
}

// Kick removes a member as the bot (admin/owner outranking the target);
// with rejectRejoin the user can no longer request to join.
func (w *World) Kick(group, uin int64, rejectRejoin bool) error {
	return w.locked(func() error { return w.kick(w.self, group, uin, rejectRejoin) })
}

// UserKick removes target as member operator (rules as Kick). Kicking the
// bot produces a kick_me decrease.
func (w *World) UserKick(group, operator, target int64, rejectRejoin bool) error {
	return w.locked(func() error { return w.kick(operator, group, target, rejectRejoin) })
}

func (w *World) kick(actor, group, target int64, reject bool) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if err := requireOutrank(g, actor, target, "kick"); err != nil {
		return err
	}
	if reject {
		g.blocked[target] = true
	}
	kind := DecreaseKick
	if target == w.self {
		kind = DecreaseKickMe
	}
	w.addNotif(g, &GroupNotification{Type: NotifyKick, TargetUserID: target, OperatorID: actor})
	w.groupEmit(g, &GroupMemberDecreaseEvent{GroupID: group, UserID: target, SubType: kind, OperatorID: actor})
	delete(g.members, target)
	return nil
}

// LeaveGroup makes the bot quit a group. The owner cannot quit (use
// DismissGroup).
func (w *World) LeaveGroup(group int64) error {
	return w.locked(func() error { return w.leave(group, w.self) })
}

// MemberLeave makes member uin quit a group (not the owner).
func (w *World) MemberLeave(group, uin int64) error {
	return w.locked(func() error { return w.leave(group, uin) })
}

func (w *World) leave(group, uin int64) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	m, err := g.member(uin)
	if err != nil {
		return err
	}
	if m.m.Role == RoleOwner {
		return errf(ErrPermissionDenied, "the owner cannot leave group %d; dismiss it", group)
	}
	w.addNotif(g, &GroupNotification{Type: NotifyQuit, TargetUserID: uin})
	w.groupEmit(g, &GroupMemberDecreaseEvent{GroupID: group, UserID: uin, SubType: DecreaseLeave, OperatorID: uin})
	delete(g.members, uin)
	return nil
}

// DismissGroup dismisses a group the bot owns.
func (w *World) DismissGroup(group int64) error {
	return w.locked(func() error { return w.dismiss(w.self, group) })
}

// UserDismissGroup dismisses a group as its owner operator.
func (w *World) UserDismissGroup(group, operator int64) error {
	return w.locked(func() error { return w.dismiss(operator, group) })
}

func (w *World) dismiss(actor, group int64) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if err := g.requireOwner(actor, "dismiss group"); err != nil {
		return err
	}
	w.groupEmit(g, &GroupDisbandEvent{GroupID: group, OperatorID: actor})
	delete(w.groups, group)
	return nil
}

// MemberJoin makes user uin join a group directly (inviter 0) or invited
// by member inviter, with no approval step.
func (w *World) MemberJoin(group, uin, inviter int64) error {
	return w.locked(func() error {
		g, err := w.group(group)
		if err != nil {
			return err
		}
		if inviter != 0 {
			if _, err := g.member(inviter); err != nil {
				return err
			}
		}
		kind := IncreaseJoin
		if inviter != 0 {
			kind = IncreaseInvite
		}
		return w.join(g, uin, kind, 0, inviter)
	})
}

func (w *World) join(g *groupRec, uin int64, kind IncreaseKind, operator, inviter int64) error {
	if _, err := w.user(uin); err != nil {
		return err
	}
	if _, ok := g.members[uin]; ok {
		return errf(ErrInvalidArgument, "user %d is already in group %d", uin, g.g.ID)
	}
	if g.blocked[uin] {
		return errf(ErrPermissionDenied, "user %d was kicked from group %d with re-join rejected", uin, g.g.ID)
	}
	if len(g.members) >= g.g.MaxMemberCount {
		return errf(ErrPermissionDenied, "group %d is full (%d)", g.g.ID, g.g.MaxMemberCount)
	}
	g.members[uin] = &memberRec{m: Member{GroupID: g.g.ID, UserID: uin, Role: RoleMember, JoinTime: w.now(), Level: 1}}
	w.groupEmit(g, &GroupMemberIncreaseEvent{GroupID: g.g.ID, UserID: uin, SubType: kind, OperatorID: operator, InvitorID: inviter})
	return nil
}

// ---- group requests and notifications ----

// addNotif records a notification in the bot's list when the bot
// administers g (QQ shows join requests and admin events to admins).
func (w *World) addNotif(g *groupRec, n *GroupNotification) bool {
	if rank(g.roleOf(w.self)) < 1 {
		return false
	}
	w.nextNotifSeq++
	n.Seq, n.GroupID, n.Time = w.nextNotifSeq, g.g.ID, w.now()
	if n.State == "" && (n.Type == NotifyJoinRequest || n.Type == NotifyInvitedJoinRequest) {
		n.State = StatePending
	}
	w.notifs = append(w.notifs, n)
	w.notifBySeq[n.Seq] = n
	return true
}

// RequestJoinGroup makes user uin ask to join a group. The request is
// visible to the bot (event and notification list) when the bot is an
// admin or the owner; otherwise it returns ErrPermissionDenied, as there
// is nobody the simulator can route it to.
func (w *World) RequestJoinGroup(group, uin int64, comment string) (GroupNotification, error) {
	return w.requestJoinGroup(group, uin, comment, false)
}

// RequestJoinGroupFiltered is RequestJoinGroup for a request QQ filters as
// risky: it lands in the filtered notification list (is_filtered; OneBot
// get_group_ignore_add_request), and its event says so.
func (w *World) RequestJoinGroupFiltered(group, uin int64, comment string) (GroupNotification, error) {
	return w.requestJoinGroup(group, uin, comment, true)
}

func (w *World) requestJoinGroup(group, uin int64, comment string, filtered bool) (GroupNotification, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return GroupNotification{}, err
	}
	if _, err := w.user(uin); err != nil {
		return GroupNotification{}, err
	}
	if _, ok := g.members[uin]; ok {
		return GroupNotification{}, errf(ErrInvalidArgument, "user %d is already in group %d", uin, group)
	}
	if g.blocked[uin] {
		return GroupNotification{}, errf(ErrPermissionDenied, "user %d was kicked from group %d with re-join rejected", uin, group)
	}
	n := &GroupNotification{Type: NotifyJoinRequest, InitiatorID: uin, Comment: comment, IsFiltered: filtered}
	if !w.addNotif(g, n) {
		return GroupNotification{}, errf(ErrPermissionDenied, "the bot does not administer group %d", group)
	}
	w.emit(&GroupJoinRequestEvent{Request: *n})
	return *n, nil
}

// InviteToGroup makes member inviter invite user target into a group that
// needs approval; the bot (admin or owner) sees an invited-join request.
func (w *World) InviteToGroup(group, inviter, target int64) (GroupNotification, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return GroupNotification{}, err
	}
	if _, err := g.member(inviter); err != nil {
		return GroupNotification{}, err
	}
	if _, err := w.user(target); err != nil {
		return GroupNotification{}, err
	}
	if _, ok := g.members[target]; ok {
		return GroupNotification{}, errf(ErrInvalidArgument, "user %d is already in group %d", target, group)
	}
	n := &GroupNotification{Type: NotifyInvitedJoinRequest, InitiatorID: inviter, TargetUserID: target}
	if !w.addNotif(g, n) {
		return GroupNotification{}, errf(ErrPermissionDenied, "the bot does not administer group %d", group)
	}
	w.emit(&GroupInvitedJoinRequestEvent{Request: *n})
	return *n, nil
}

// GroupNotifications returns the bot's group notifications, newest first,
// starting at seq start (0: the newest), at most limit (0: 20).
func (w *World) GroupNotifications(start int64, limit int) []GroupNotification {
	if limit <= 0 {
		limit = 20
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []GroupNotification
	for i := len(w.notifs) - 1; i >= 0 && len(out) < limit; i-- {
		if n := w.notifs[i]; start == 0 || n.Seq <= start {
			out = append(out, *n)
		}
	}
	return out
}

// GroupNotification returns one notification by seq.
func (w *World) GroupNotification(seq int64) (GroupNotification, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, ok := w.notifBySeq[seq]
	if !ok {
		return GroupNotification{}, errf(ErrNotFound, "group notification %d", seq)
	}
	return *n, nil
}

// AcceptGroupRequest approves a pending join or invited-join request (the
// bot must still administer the group). The user joins: a member increase
// with the bot as operator (and the inviter as invitor).
func (w *World) AcceptGroupRequest(seq int64) error {
	return w.locked(func() error {
		n, g, err := w.pendingRequest(seq)
		if err != nil {
			return err
		}
		uin, kind, inviter := n.InitiatorID, IncreaseApprove, int64(0)
		if n.Type == NotifyInvitedJoinRequest {
			uin, kind, inviter = n.TargetUserID, IncreaseInvite, n.InitiatorID
		}
		if err := w.join(g, uin, kind, w.self, inviter); err != nil {
			return err
		}
		n.State, n.OperatorID = StateAccepted, w.self
		return nil
	})
}

// RejectGroupRequest rejects a pending join or invited-join request.
func (w *World) RejectGroupRequest(seq int64, reason string) error {
	return w.locked(func() error {
		n, _, err := w.pendingRequest(seq)
		if err != nil {
			return err
		}
		n.State, n.OperatorID = StateRejected, w.self
		n.Reason = reason
		return nil
	})
}

func (w *World) pendingRequest(seq int64) (*GroupNotification, *groupRec, error) {
	n, ok := w.notifBySeq[seq]
	if !ok || (n.Type != NotifyJoinRequest && n.Type != NotifyInvitedJoinRequest) {
		return nil, nil, errf(ErrNotFound, "group request %d", seq)
	}
	if n.State != StatePending {
		return nil, nil, errf(ErrInvalidArgument, "group request %d is %s", seq, n.State)
	}
	g, err := w.group(n.GroupID)
	if err != nil {
		return nil, nil, err
	}
	if err := requireAdmin(g, w.self, "handle group request"); err != nil {
		return nil, nil, err
	}
	return n, g, nil
}

// InviteBot makes member inviter invite the bot into a group.
func (w *World) InviteBot(group, inviter int64) (GroupInvitation, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	g, err := w.group(group)
	if err != nil {
		return GroupInvitation{}, err
	}
	if _, err := g.member(inviter); err != nil {
		return GroupInvitation{}, err
	}
	if w.botIn(g) {
		return GroupInvitation{}, errf(ErrInvalidArgument, "the bot is already in group %d", group)
	}
	w.nextInvSeq++
	inv := &GroupInvitation{Seq: w.nextInvSeq, GroupID: group, InitiatorID: inviter, Time: w.now(), State: StatePending}
	w.invitations[inv.Seq] = inv
	w.emit(&GroupInvitationEvent{Invitation: *inv})
	return *inv, nil
}

// Invitations returns the bot's group invitations, oldest first.
func (w *World) Invitations() []GroupInvitation {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]GroupInvitation, 0, len(w.invitations))
	for _, seq := range sortedKeys(w.invitations) {
		out = append(out, *w.invitations[seq])
	}
	return out
}

// AcceptInvitation joins the group of a pending invitation (a member
// increase of the bot, kind invite).
func (w *World) AcceptInvitation(seq int64) error {
	return w.locked(func() error {
		inv, g, err := w.pendingInvitation(seq)
		if err != nil {
			return err
		}
		if err := w.join(g, w.self, IncreaseInvite, 0, inv.InitiatorID); err != nil {
			return err
		}
		inv.State = StateAccepted
		return nil
	})
}

// RejectInvitation declines a pending invitation.
func (w *World) RejectInvitation(seq int64) error {
	return w.locked(func() error {
		inv, _, err := w.pendingInvitation(seq)
		if err != nil {
			return err
		}
		inv.State = StateRejected
		return nil
	})
}

func (w *World) pendingInvitation(seq int64) (*GroupInvitation, *groupRec, error) {
	inv, ok := w.invitations[seq]
	if !ok {
		return nil, nil, errf(ErrNotFound, "group invitation %d", seq)
	}
	if inv.State != StatePending {
		return nil, nil, errf(ErrInvalidArgument, "group invitation %d is %s", seq, inv.State)
	}
	g, err := w.group(inv.GroupID)
	if err != nil {
		return nil, nil, err
	}
	return inv, g, nil
}

// requireOwner fails unless actor owns g: ErrNotFound when actor is not a
// member, ErrPermissionDenied otherwise. what names the action, e.g.
// "dismiss group".
func (g *groupRec) requireOwner(actor int64, what string) error {
	if r := g.roleOf(actor); r != RoleOwner {
		if r == "" {
			return errf(ErrNotFound, "user %d is not a member of group %d", actor, g.g.ID)
		}
		return errf(ErrPermissionDenied, "%s %d needs the owner, %d is %s", what, g.g.ID, actor, r)
	}
	return nil
}
