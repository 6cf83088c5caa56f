package milky

// Hand-written codecs for the message_receive hot path (see wire.go).

// UnmarshalJSON decodes a FriendEntity, keeping unknown keys in Extra.
func (v *FriendEntity) UnmarshalJSON(b []byte) error {
	r := reader{b: b}
	if err := v.decode(&r); err != nil {
		return err
	}
	return r.end()
}

func (v *FriendEntity) decode(r *reader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "user_id":
			return r.int(&v.UserID)
		case "nickname":
			return r.str(&v.Nickname)
		case "sex":
			return r.str(&v.Sex)
		case "qid":
			return r.str(&v.QID)
		case "remark":
			return r.str(&v.Remark)
		case "category":
			return v.Category.decode(r)
		}
		return r.extra(&v.Extra, key)
	})
}

// MarshalJSON encodes a FriendEntity, unknown keys from Extra included.
func (v *FriendEntity) MarshalJSON() ([]byte, error) {
	w := newWriter(384)
	w.int("user_id", v.UserID)
	w.str("nickname", v.Nickname)
	w.str("sex", v.Sex)
	w.str("qid", v.QID)
	w.str("remark", v.Remark)
	if err := w.marshal("category", &v.Category); err != nil {
		return nil, err
	}
	return w.finish(v.Extra, "user_id", "nickname", "sex", "qid", "remark", "category")
}

// UnmarshalJSON decodes a FriendCategoryEntity, keeping unknown keys in Extra.
func (v *FriendCategoryEntity) UnmarshalJSON(b []byte) error {
	r := reader{b: b}
	if err := v.decode(&r); err != nil {
		return err
	}
	return r.end()
}

func (v *FriendCategoryEntity) decode(r *reader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "category_id":
			return r.int(&v.CategoryID)
		case "category_name":
			return r.str(&v.CategoryName)
		}
		return r.extra(&v.Extra, key)
	})
}

// MarshalJSON encodes a FriendCategoryEntity, unknown keys from Extra included.
func (v *FriendCategoryEntity) MarshalJSON() ([]byte, error) {
	w := newWriter(128)
	w.int("category_id", v.CategoryID)
	w.str("category_name", v.CategoryName)
	return w.finish(v.Extra, "category_id", "category_name")
}

// UnmarshalJSON decodes a GroupEntity, keeping unknown keys in Extra.
func (v *GroupEntity) UnmarshalJSON(b []byte) error {
	r := reader{b: b}
	if err := v.decode(&r); err != nil {
		return err
	}
	return r.end()
}

func (v *GroupEntity) decode(r *reader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "group_id":
			return r.int(&v.GroupID)
		case "group_name":
			return r.str(&v.GroupName)
		case "member_count":
			return r.int(&v.MemberCount)
		case "max_member_count":
			return r.int(&v.MaxMemberCount)
		case "remark":
			return r.str(&v.Remark)
		case "created_time":
			return r.int(&v.CreatedTime)
		case "description":
			return r.str(&v.Description)
		case "question":
			return r.str(&v.Question)
		case "announcement":
			return r.str(&v.Announcement)
		}
		return r.extra(&v.Extra, key)
	})
}

// MarshalJSON encodes a GroupEntity, unknown keys from Extra included.
func (v *GroupEntity) MarshalJSON() ([]byte, error) {
	w := newWriter(576)
	w.int("group_id", v.GroupID)
	w.str("group_name", v.GroupName)
	w.int("member_count", v.MemberCount)
	w.int("max_member_count", v.MaxMemberCount)
	w.str("remark", v.Remark)
	w.int("created_time", v.CreatedTime)
	w.str("description", v.Description)
	w.str("question", v.Question)
	w.str("announcement", v.Announcement)
	return w.finish(v.Extra, "group_id", "group_name", "member_count", "max_member_count", "remark", "created_time", "description", "question", "announcement")
}

// UnmarshalJSON decodes a GroupMemberEntity, keeping unknown keys in Extra.
func (v *GroupMemberEntity) UnmarshalJSON(b []byte) error {
	r := reader{b: b}
	if err := v.decode(&r); err != nil {
		return err
	}
	return r.end()
}

func (v *GroupMemberEntity) decode(r *reader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "user_id":
			return r.int(&v.UserID)
		case "nickname":
			return r.str(&v.Nickname)
		case "sex":
			return r.str(&v.Sex)
		case "group_id":
			return r.int(&v.GroupID)
		case "card":
			return r.str(&v.Card)
		case "title":
			return r.str(&v.Title)
		case "level":
			return r.int(&v.Level)
		case "role":
			return r.str(&v.Role)
		case "join_time":
			return r.int(&v.JoinTime)
		case "last_sent_time":
			return r.int(&v.LastSentTime)
		case "shut_up_end_time":
			return r.intPtr(&v.ShutUpEndTime)
		}
		return r.extra(&v.Extra, key)
	})
}

// MarshalJSON encodes a GroupMemberEntity, unknown keys from Extra included.
func (v *GroupMemberEntity) MarshalJSON() ([]byte, error) {
	w := newWriter(704)
	w.int("user_id", v.UserID)
	w.str("nickname", v.Nickname)
	w.str("sex", v.Sex)
	w.int("group_id", v.GroupID)
	w.str("card", v.Card)
	w.str("title", v.Title)
	w.int("level", v.Level)
	w.str("role", v.Role)
	w.int("join_time", v.JoinTime)
	w.int("last_sent_time", v.LastSentTime)
	w.intPtr("shut_up_end_time", v.ShutUpEndTime)
	return w.finish(v.Extra, "user_id", "nickname", "sex", "group_id", "card", "title", "level", "role", "join_time", "last_sent_time", "shut_up_end_time")
}

// UnmarshalJSON decodes a IncomingMessage, keeping unknown keys in Extra.
func (v *IncomingMessage) UnmarshalJSON(b []byte) error {
	r := reader{b: b}
	if err := v.decode(&r); err != nil {
		return err
	}
	return r.end()
}

func (v *IncomingMessage) decode(r *reader) error {
	return r.object(func(key []byte) error {
		switch string(key) {
		case "message_scene":
			return r.str(&v.MessageScene)
		case "peer_id":
			return r.int(&v.PeerID)
		case "message_seq":
			return r.int(&v.MessageSeq)
		case "sender_id":
			return r.int(&v.SenderID)
		case "time":
			return r.int(&v.Time)
		case "segments":
			return r.unmarshal(&v.Segments)
		case "friend":
			if r.null() {
				v.Friend = nil
				return nil
			}
			if v.Friend == nil {
				v.Friend = new(FriendEntity)
			}
			return v.Friend.decode(r)
		case "group":
			if r.null() {
				v.Group = nil
				return nil
			}
			if v.Group == nil {
				v.Group = new(GroupEntity)
			}
			return v.Group.decode(r)
		case "group_member":
			if r.null() {
				v.GroupMember = nil
				return nil
			}
			if v.GroupMember == nil {
				v.GroupMember = new(GroupMemberEntity)
			}
			return v.GroupMember.decode(r)
		}
		return r.extra(&v.Extra, key)
	})
}

// MarshalJSON encodes a IncomingMessage, unknown keys from Extra included.
func (v *IncomingMessage) MarshalJSON() ([]byte, error) {
	w := newWriter(576)
	w.str("message_scene", v.MessageScene)
	w.int("peer_id", v.PeerID)
	w.int("message_seq", v.MessageSeq)
	w.int("sender_id", v.SenderID)
	w.int("time", v.Time)
	if err := w.marshal("segments", v.Segments); err != nil {
		return nil, err
	}
	if v.Friend != nil {
		if err := w.marshal("friend", v.Friend); err != nil {
			return nil, err
		}
	}
	if v.Group != nil {
		if err := w.marshal("group", v.Group); err != nil {
			return nil, err
		}
	}
	if v.GroupMember != nil {
		if err := w.marshal("group_member", v.GroupMember); err != nil {
			return nil, err
		}
	}
	return w.finish(v.Extra, "message_scene", "peer_id", "message_seq", "sender_id", "time", "segments", "friend", "group", "group_member")
}
