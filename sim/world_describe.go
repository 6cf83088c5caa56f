package sim

import (
	"fmt"
	"strconv"
	"time"
)

// Describe renders an event as one line of plain text for transcripts and
// the interactive simulator, e.g.
//
//	group 30001 #3 Alice(20001): hello
//	recall group 30001 #3 by 20001
//
// Message content is rendered with [PlainText]. The format is meant for
// people; it is stable but not a parsing target.
func Describe(ev Event) string {
	switch e := ev.(type) {
	case *MessageEvent:
		m := e.Message
		name := e.Sender.Nickname
		if e.Member != nil {
			name = e.Member.DisplayName()
		}
		where := fmt.Sprintf("%s %d", m.Scene, m.Peer)
		if m.Scene == SceneTemp {
			where += fmt.Sprintf(" via group %d", m.TempGroup)
		}
		self := ""
		if e.Self {
			self = " (self)"
		}
		return fmt.Sprintf("%s #%d %s(%d)%s: %s", where, m.Seq, name, m.SenderID, self, PlainText(m.Content))
	case *RecallEvent:
		return fmt.Sprintf("recall %s %d #%d (sent by %d) by %d", e.Scene, e.Peer, e.Seq, e.SenderID, e.OperatorID)
	case *FriendRequestEvent:
		return fmt.Sprintf("friend request from %d (%s): %q", e.Request.InitiatorID, e.Request.InitiatorUID, e.Request.Comment)
	case *GroupJoinRequestEvent:
		return fmt.Sprintf("join request #%d to group %d from %d: %q", e.Request.Seq, e.Request.GroupID, e.Request.InitiatorID, e.Request.Comment)
	case *GroupInvitedJoinRequestEvent:
		return fmt.Sprintf("invited-join request #%d to group %d: %d invites %d", e.Request.Seq, e.Request.GroupID, e.Request.InitiatorID, e.Request.TargetUserID)
	case *GroupInvitationEvent:
		return fmt.Sprintf("invitation #%d: %d invites the bot to group %d", e.Invitation.Seq, e.Invitation.InitiatorID, e.Invitation.GroupID)
	case *FriendAddedEvent:
		return fmt.Sprintf("friend added: %s(%d)", e.Friend.User.Nickname, e.Friend.User.UIN)
	case *FriendNudgeEvent:
		return fmt.Sprintf("friend %d: %d %s %d%s", e.UserID, e.SenderID, e.DisplayAction, e.ReceiverID, e.DisplaySuffix)
	case *GroupNudgeEvent:
		return fmt.Sprintf("group %d: %d %s %d%s", e.GroupID, e.SenderID, e.DisplayAction, e.ReceiverID, e.DisplaySuffix)
	case *FriendFileUploadEvent:
		return fmt.Sprintf("friend %d: file %q (%d bytes) from %d", e.UserID, e.File.Name, e.File.Size, e.File.SenderID)
	case *GroupFileUploadEvent:
		return fmt.Sprintf("group %d: file %q (%d bytes) uploaded by %d", e.GroupID, e.File.Name, e.File.Size, e.UserID)
	case *GroupAdminChangeEvent:
		return fmt.Sprintf("group %d: %d %s admin by %d", e.GroupID, e.UserID, onOff(e.IsSet, "made", "unmade"), e.OperatorID)
	case *GroupEssenceChangeEvent:
		return fmt.Sprintf("group %d: #%d %s essence by %d", e.GroupID, e.Seq, onOff(e.IsSet, "set as", "removed from"), e.OperatorID)
	case *GroupMemberIncreaseEvent:
		s := fmt.Sprintf("group %d: %d joined (%s)", e.GroupID, e.UserID, e.SubType)
		if e.InvitorID != 0 {
			s += " invited by " + strconv.FormatInt(e.InvitorID, 10)
		}
		if e.OperatorID != 0 {
			s += " approved by " + strconv.FormatInt(e.OperatorID, 10)
		}
		return s
	case *GroupMemberDecreaseEvent:
		return fmt.Sprintf("group %d: %d left (%s) by %d", e.GroupID, e.UserID, e.SubType, e.OperatorID)
	case *GroupNameChangeEvent:
		return fmt.Sprintf("group %d renamed to %q by %d", e.GroupID, e.Name, e.OperatorID)
	case *GroupReactionEvent:
		return fmt.Sprintf("group %d #%d: %d %s reaction %s:%s (now %d)", e.GroupID, e.Seq, e.UserID, onOff(e.IsAdd, "added", "removed"), e.Type, e.FaceID, e.Count)
	case *GroupMuteEvent:
		if e.Duration == 0 {
			return fmt.Sprintf("group %d: %d unmuted by %d", e.GroupID, e.UserID, e.OperatorID)
		}
		return fmt.Sprintf("group %d: %d muted for %s by %d", e.GroupID, e.UserID, e.Duration, e.OperatorID)
	case *GroupWholeMuteEvent:
		return fmt.Sprintf("group %d: whole mute %s by %d", e.GroupID, onOff(e.IsMute, "on", "off"), e.OperatorID)
	case *GroupDisbandEvent:
		return fmt.Sprintf("group %d dismissed by %d", e.GroupID, e.OperatorID)
	case *BotOfflineEvent:
		return "bot offline: " + e.Reason
	case *ProfileLikeEvent:
		return fmt.Sprintf("%s(%d) liked the bot %d time(s)", e.OperatorNick, e.OperatorID, e.Times)
	case *GroupCardChangeEvent:
		return fmt.Sprintf("group %d: %d card %q -> %q by %d", e.GroupID, e.UserID, e.OldCard, e.NewCard, e.OperatorID)
	case *GroupTitleChangeEvent:
		return fmt.Sprintf("group %d: %d title %q by %d", e.GroupID, e.UserID, e.Title, e.OperatorID)
	case *PeerPinChangeEvent:
		return fmt.Sprintf("%s %d %s", e.Scene, e.Peer, onOff(e.IsPinned, "pinned", "unpinned"))
	}
	return ev.Kind()
}

func onOff(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// DescribeWithTime is Describe prefixed with the event's sequence number
// and time (UTC, seconds).
func DescribeWithTime(ev Event) string {
	h := ev.Header()
	return fmt.Sprintf("%d %s %s", h.Seq, h.Time.UTC().Format(time.DateTime), Describe(ev))
}
