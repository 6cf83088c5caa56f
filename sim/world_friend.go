package sim

import "sort"

// Self returns the bot account's profile.
func (w *World) Self() User {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.userSnap(w.self)
}

// User returns any user's profile (stranger info).
func (w *World) User(uin int64) (User, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	u, err := w.user(uin)
	if err != nil {
		return User{}, err
	}
	return u.u, nil
}

// Friends returns the bot's friends, by uin.
func (w *World) Friends() []Friend {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]Friend, 0, len(w.friends))
	for _, uin := range sortedKeys(w.friends) {
		out = append(out, w.friendSnap(uin))
	}
	return out
}

// Friend returns one friend.
func (w *World) Friend(uin int64) (Friend, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.friends[uin]; !ok {
		return Friend{}, errf(ErrNotFound, "friend %d", uin)
	}
	return w.friendSnap(uin), nil
}

// FriendCategories returns the bot's friend categories, by id.
func (w *World) FriendCategories() []FriendCategory {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]FriendCategory, 0, len(w.categories))
	for _, id := range sortedKeys(w.categories) {
		out = append(out, FriendCategory{ID: id, Name: w.categories[id]})
	}
	return out
}

// DeleteFriend removes a friend (no event; the conversation history stays).
func (w *World) DeleteFriend(uin int64) error {
	return w.locked(func() error {
		if _, ok := w.friends[uin]; !ok {
			return errf(ErrNotFound, "friend %d", uin)
		}
		delete(w.friends, uin)
		return nil
	})
}

// SetFriendRemark sets the bot's remark for a friend.
func (w *World) SetFriendRemark(uin int64, remark string) error {
	return w.locked(func() error {
		f, ok := w.friends[uin]
		if !ok {
			return errf(ErrNotFound, "friend %d", uin)
		}
		f.remark = remark
		return nil
	})
}

// SetFriendCategory moves a friend to an existing category.
func (w *World) SetFriendCategory(uin, category int64) error {
	return w.locked(func() error {
		f, ok := w.friends[uin]
		if !ok {
			return errf(ErrNotFound, "friend %d", uin)
		}
		if _, ok := w.categories[category]; !ok {
			return errf(ErrNotFound, "friend category %d", category)
		}
		f.category = category
		return nil
	})
}

// SendLike gives a user times profile likes as the bot (at most the like
// limit per user per clock day, UTC).
func (w *World) SendLike(uin int64, times int) error {
	return w.locked(func() error {
		u, err := w.user(uin)
		if err != nil {
			return err
		}
		if times < 1 {
			return errf(ErrInvalidArgument, "like times %d", times)
		}
		k := likeKey{uin, w.now().UTC().Format("2006-01-02")}
		if w.cfg.likeLimit > 0 && w.likesGiven[k]+times > w.cfg.likeLimit {
			return errf(ErrPermissionDenied, "like limit %d per day for user %d reached (%d given)", w.cfg.likeLimit, uin, w.likesGiven[k])
		}
		w.likesGiven[k] += times
		u.u.LikeCount += times
		return nil
	})
}

// UserLike makes user uin like the bot's profile times times.
func (w *World) UserLike(uin int64, times int) error {
	return w.locked(func() error {
		u, err := w.user(uin)
		if err != nil {
			return err
		}
		if times < 1 {
			return errf(ErrInvalidArgument, "like times %d", times)
		}
		w.users[w.self].u.LikeCount += times
		w.emit(&ProfileLikeEvent{OperatorID: uin, OperatorNick: u.u.Nickname, Times: times})
		return nil
	})
}

// RequestFriend makes user uin ask to become the bot's friend. A repeat
// request from the same user replaces the pending one.
func (w *World) RequestFriend(uin int64, comment string) (FriendRequest, error) {
	return w.requestFriend(uin, comment, false)
}

// RequestFriendFiltered makes user uin ask to become the bot's friend in a
// way QQ filters as risky: the request lands in the filtered list (Milky
// is_filtered, OneBot get_doubt_friends_add_request) and, as in QQ, no
// event announces it. A repeat request replaces the pending one.
func (w *World) RequestFriendFiltered(uin int64, comment string) (FriendRequest, error) {
	return w.requestFriend(uin, comment, true)
}

func (w *World) requestFriend(uin int64, comment string, filtered bool) (FriendRequest, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	u, err := w.user(uin)
	if err != nil {
		return FriendRequest{}, err
	}
	if uin == w.self {
		return FriendRequest{}, errf(ErrInvalidArgument, "the bot cannot befriend itself")
	}
	if _, ok := w.friends[uin]; ok {
		return FriendRequest{}, errf(ErrInvalidArgument, "user %d is already a friend", uin)
	}
	r := &FriendRequest{Time: w.now(), InitiatorID: uin, InitiatorUID: u.u.UID, Comment: comment, Via: "search", State: StatePending, IsFiltered: filtered}
	if _, ok := w.friendReqs[u.u.UID]; ok {
		for i, uid := range w.friendReqList {
			if uid == u.u.UID {
				w.friendReqList = append(w.friendReqList[:i], w.friendReqList[i+1:]...)
				break
			}
		}
	}
	w.friendReqs[u.u.UID] = r
	w.friendReqList = append(w.friendReqList, u.u.UID)
	if !filtered {
		w.emit(&FriendRequestEvent{Request: *r})
	}
	return *r, nil
}

// FriendRequests returns friend requests, newest first.
func (w *World) FriendRequests() []FriendRequest {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]FriendRequest, 0, len(w.friendReqList))
	for i := len(w.friendReqList) - 1; i >= 0; i-- {
		out = append(out, *w.friendReqs[w.friendReqList[i]])
	}
	return out
}

// AcceptFriendRequest accepts the pending request of the user with uid
// initiatorUID: the user becomes a friend in category 0 with remark, and a
// FriendAddedEvent follows.
func (w *World) AcceptFriendRequest(initiatorUID, remark string) error {
	return w.locked(func() error {
		r, err := w.pendingFriendRequest(initiatorUID)
		if err != nil {
			return err
		}
		r.State = StateAccepted
		w.friends[r.InitiatorID] = &friendRec{remark: remark, category: 0, since: w.now()}
		w.emit(&FriendAddedEvent{Friend: w.friendSnap(r.InitiatorID)})
		return nil
	})
}

// RejectFriendRequest rejects the pending request of initiatorUID.
func (w *World) RejectFriendRequest(initiatorUID, reason string) error {
	return w.locked(func() error {
		r, err := w.pendingFriendRequest(initiatorUID)
		if err != nil {
			return err
		}
		r.State, r.Reason = StateRejected, reason
		return nil
	})
}

func (w *World) pendingFriendRequest(uid string) (*FriendRequest, error) {
	r, ok := w.friendReqs[uid]
	if !ok {
		return nil, errf(ErrNotFound, "friend request from %q", uid)
	}
	if r.State != StatePending {
		return nil, errf(ErrInvalidArgument, "friend request from %q is %s", uid, r.State)
	}
	return r, nil
}

// UIDOf returns the string uid of a user (Milky initiator_uid).
func (w *World) UIDOf(uin int64) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	u, err := w.user(uin)
	if err != nil {
		return "", err
	}
	return u.u.UID, nil
}

// UINOf returns the uin of the user with string uid.
func (w *World) UINOf(uid string) (int64, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, uin := range sortedKeys(w.users) {
		if w.users[uin].u.UID == uid {
			return uin, nil
		}
	}
	return 0, errf(ErrNotFound, "user uid %q", uid)
}

// NudgeFriend nudges a friend as the bot (self: the bot nudges itself in
// that conversation).
func (w *World) NudgeFriend(uin int64, self bool) error {
	return w.locked(func() error {
		target := uin
		if self {
			target = w.self
		}
		return w.nudgeFriend(uin, w.self, target)
	})
}

// UserNudgeFriend makes friend uin nudge target (the bot or uin itself) in
// their conversation with the bot.
func (w *World) UserNudgeFriend(uin, target int64) error {
	return w.locked(func() error { return w.nudgeFriend(uin, uin, target) })
}

func (w *World) nudgeFriend(friend, sender, target int64) error {
	if _, ok := w.friends[friend]; !ok {
		return errf(ErrNotFound, "friend %d", friend)
	}
	if target != friend && target != w.self {
		return errf(ErrInvalidArgument, "nudge target %d outside the conversation with %d", target, friend)
	}
	action, suffix := w.nudgeTexts(sender)
	w.emit(&FriendNudgeEvent{UserID: friend, SenderID: sender, ReceiverID: target, DisplayAction: action, DisplaySuffix: suffix})
	return nil
}

// NudgeGroupMember nudges a group member as the bot.
func (w *World) NudgeGroupMember(group, uin int64) error {
	return w.locked(func() error { return w.nudgeGroup(group, w.self, uin) })
}

// UserNudgeGroup makes member sender nudge member target in a group.
func (w *World) UserNudgeGroup(group, sender, target int64) error {
	return w.locked(func() error { return w.nudgeGroup(group, sender, target) })
}

func (w *World) nudgeGroup(group, sender, target int64) error {
	g, err := w.group(group)
	if err != nil {
		return err
	}
	if _, err := g.member(sender); err != nil {
		return err
	}
	if _, err := g.member(target); err != nil {
		return err
	}
	action, suffix := w.nudgeTexts(sender)
	w.groupEmit(g, &GroupNudgeEvent{GroupID: group, SenderID: sender, ReceiverID: target, DisplayAction: action, DisplaySuffix: suffix})
	return nil
}

func (w *World) nudgeTexts(sender int64) (string, string) {
	u := w.userSnap(sender)
	return firstNonEmpty(u.NudgeAction, NudgeAction), u.NudgeSuffix
}

// SetPeerPin pins or unpins a conversation of the bot (friend, group or
// temp) and publishes a PeerPinChangeEvent when that changes something.
func (w *World) SetPeerPin(scene Scene, peer int64, pinned bool) error {
	return w.locked(func() error {
		switch scene {
		case SceneFriend:
			if _, ok := w.friends[peer]; !ok {
				return errf(ErrNotFound, "friend %d", peer)
			}
		case SceneGroup:
			g, err := w.group(peer)
			if err != nil {
				return err
			}
			if !w.botIn(g) {
				return errf(ErrNotFound, "the bot is not in group %d", peer)
			}
		case SceneTemp:
			if _, err := w.user(peer); err != nil {
				return err
			}
		default:
			return errf(ErrInvalidArgument, "scene %q", scene)
		}
		k := convKey{scene, peer}
		if w.pins[k] == pinned {
			return nil
		}
		if pinned {
			w.pins[k] = true
		} else {
			delete(w.pins, k)
		}
		w.emit(&PeerPinChangeEvent{Scene: scene, Peer: peer, IsPinned: pinned})
		return nil
	})
}

// PeerPins returns the pinned conversations, by scene then peer.
func (w *World) PeerPins() []PeerPin {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]PeerPin, 0, len(w.pins))
	for k := range w.pins {
		out = append(out, PeerPin{Scene: k.scene, Peer: k.peer})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Scene != out[j].Scene {
			return out[i].Scene < out[j].Scene
		}
		return out[i].Peer < out[j].Peer
	})
	return out
}

// SetNickname sets the bot's nickname.
func (w *World) SetNickname(nickname string) error {
	if nickname == "" {
		return errf(ErrInvalidArgument, "empty nickname")
	}
	return w.locked(func() error { w.users[w.self].u.Nickname = nickname; return nil })
}

// SetSignature sets the bot's signature (long nick / bio).
func (w *World) SetSignature(sign string) error {
	return w.locked(func() error { w.users[w.self].u.Sign = sign; return nil })
}

// SetAvatar sets the bot's avatar from a URI (stored as given; the avatar
// URL becomes the URI).
func (w *World) SetAvatar(uri string) error {
	if uri == "" {
		return errf(ErrInvalidArgument, "empty avatar uri")
	}
	return w.locked(func() error { w.users[w.self].u.AvatarURL = uri; return nil })
}

// BotOffline takes the bot offline and publishes a BotOfflineEvent.
// World operations keep working; the front-ends consult [World.Online] (see
// the package doc, "Bot offline").
func (w *World) BotOffline(reason string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.online = false
	w.emit(&BotOfflineEvent{Reason: reason})
}

// BotOnline brings the bot back online (no event).
func (w *World) BotOnline() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.online = true
}

// Online reports whether the bot is online.
func (w *World) Online() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.online
}
