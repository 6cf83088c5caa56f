package onebot11

// MessageEvent is implemented by every message event (private, group and
// guild, received or sent by the bot), so one handler can read and answer
// any of them.
type MessageEvent interface {
	Event
	// GetMessage returns the message's segments.
	GetMessage() Message
	// GetRawMessage returns raw_message (the CQ-code text), "" if absent.
	GetRawMessage() string
	// IsSelfSent reports whether the bot sent the message itself
	// (post_type message_sent).
	IsSelfSent() bool
	// Source tells where the message came from and how to answer it.
	Source() MessageSource
}

// MessageSource identifies a message and the conversation it belongs to.
type MessageSource struct {
	MessageType string // "private", "group" or "guild"
	SubType     string
	MessageID   int64 // private and group messages
	UserID      int64 // the sender (private and group messages)
	GroupID     int64 // the group; for a private temporary chat, its group if known

	// Guild messages carry string ids.
	GuildID        string
	ChannelID      string
	GuildUserID    string
	GuildMessageID string
}

// GetMessage returns the message's segments.
func (e *PrivateMessageEvent) GetMessage() Message { return e.Message }

// GetRawMessage returns raw_message.
func (e *PrivateMessageEvent) GetRawMessage() string { return e.RawMessage }

// IsSelfSent returns false: see PrivateMessageSentEvent.
func (e *PrivateMessageEvent) IsSelfSent() bool { return false }

// Source returns the private conversation of the message.
func (e *PrivateMessageEvent) Source() MessageSource {
	return MessageSource{MessageType: "private", SubType: e.SubType, MessageID: e.MessageID, UserID: e.UserID, GroupID: e.GroupID}
}

// GetMessage returns the message's segments.
func (e *PrivateMessageSentEvent) GetMessage() Message { return e.Message }

// GetRawMessage returns raw_message.
func (e *PrivateMessageSentEvent) GetRawMessage() string { return e.RawMessage }

// IsSelfSent returns true.
func (e *PrivateMessageSentEvent) IsSelfSent() bool { return true }

// Source returns the private conversation of the message; UserID is the
// bot's own account, the peer is TargetID.
func (e *PrivateMessageSentEvent) Source() MessageSource {
	return (*PrivateMessageEvent)(e).Source()
}

// GetMessage returns the message's segments.
func (e *GroupMessageEvent) GetMessage() Message { return e.Message }

// GetRawMessage returns raw_message.
func (e *GroupMessageEvent) GetRawMessage() string { return e.RawMessage }

// IsSelfSent returns false: see GroupMessageSentEvent.
func (e *GroupMessageEvent) IsSelfSent() bool { return false }

// Source returns the group of the message.
func (e *GroupMessageEvent) Source() MessageSource {
	return MessageSource{MessageType: "group", SubType: e.SubType, MessageID: e.MessageID, UserID: e.UserID, GroupID: e.GroupID}
}

// GetMessage returns the message's segments.
func (e *GroupMessageSentEvent) GetMessage() Message { return e.Message }

// GetRawMessage returns raw_message.
func (e *GroupMessageSentEvent) GetRawMessage() string { return e.RawMessage }

// IsSelfSent returns true.
func (e *GroupMessageSentEvent) IsSelfSent() bool { return true }

// Source returns the group of the message.
func (e *GroupMessageSentEvent) Source() MessageSource {
	return (*GroupMessageEvent)(e).Source()
}

// GetMessage returns the message's segments.
func (e *GuildMessageEvent) GetMessage() Message { return e.Message }

// GetRawMessage returns raw_message.
func (e *GuildMessageEvent) GetRawMessage() string { return e.RawMessage }

// IsSelfSent returns false: see GuildMessageSentEvent.
func (e *GuildMessageEvent) IsSelfSent() bool { return false }

// Source returns the guild channel of the message.
func (e *GuildMessageEvent) Source() MessageSource {
	return MessageSource{MessageType: "guild", SubType: e.SubType, GuildID: e.GuildID, ChannelID: e.ChannelID, GuildUserID: e.UserID, GuildMessageID: e.MessageID}
}

// GetMessage returns the message's segments.
func (e *GuildMessageSentEvent) GetMessage() Message { return e.Message }

// GetRawMessage returns raw_message.
func (e *GuildMessageSentEvent) GetRawMessage() string { return e.RawMessage }

// IsSelfSent returns true.
func (e *GuildMessageSentEvent) IsSelfSent() bool { return true }

// Source returns the guild channel of the message.
func (e *GuildMessageSentEvent) Source() MessageSource {
	return (*GuildMessageEvent)(e).Source()
}

var (
	_ MessageEvent = (*PrivateMessageEvent)(nil)
	_ MessageEvent = (*PrivateMessageSentEvent)(nil)
	_ MessageEvent = (*GroupMessageEvent)(nil)
	_ MessageEvent = (*GroupMessageSentEvent)(nil)
	_ MessageEvent = (*GuildMessageEvent)(nil)
	_ MessageEvent = (*GuildMessageSentEvent)(nil)
)
