package onebot11

import (
	"strconv"
	"strings"
)

// Typed readers of data values, which OneBot 11 keeps as strings (numbers
// and strings both decode into them).

func parseID(s string) (int64, bool) {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return v, err == nil
}

// IsAll reports whether the segment mentions everyone.
func (s *AtSegment) IsAll() bool { return s.QQ == "all" }

// UserID returns the mentioned user; ok is false for "all" or a value
// that is not a number.
func (s *AtSegment) UserID() (id int64, ok bool) { return parseID(s.QQ) }

// MessageID returns the quoted message id; ok is false when it is not a
// number.
func (s *ReplySegment) MessageID() (id int64, ok bool) { return parseID(s.ID) }

// FaceID returns the face id; ok is false when it is not a number.
func (s *FaceSegment) FaceID() (id int64, ok bool) { return parseID(s.ID) }

// MessageID returns the id of the referenced message of a reference node;
// ok is false for a custom node.
func (s *NodeSegment) MessageID() (id int64, ok bool) { return parseID(s.ID) }

// SenderID returns the custom node's sender (user_id, or go-cqhttp's uin).
func (s *NodeSegment) SenderID() (id int64, ok bool) {
	if s.UserID != "" {
		return parseID(s.UserID)
	}
	return parseID(s.Uin)
}

// SenderName returns the custom node's sender name (nickname, or
// go-cqhttp's name).
func (s *NodeSegment) SenderName() string {
	if s.Nickname != "" {
		return s.Nickname
	}
	return s.Name
}
