package adapter

import (
	"log/slog"
	"strings"
)

// LossKind says how a conversion lost information.
type LossKind string

// Kinds of loss.
const (
	// LossDropped: data of the source has no slot on the other side and was
	// left out.
	LossDropped LossKind = "dropped"
	// LossApproximated: the value was carried over, but in a form that does
	// not mean exactly the same (a guessed sub_type, a synthesized id, a
	// placeholder text).
	LossApproximated LossKind = "approximated"
	// LossUnsupported: the other protocol has no form for the whole segment
	// or event; it was left out (or replaced by a text placeholder).
	LossUnsupported LossKind = "unsupported"
)

// Direction names which way a conversion goes.
type Direction string

// Conversion directions. The bridge for OneBot 11 clients on a Milky
// implementation converts Milky events and incoming segments to OneBot 11
// (MilkyToOneBot) and OneBot 11 messages to send to Milky outgoing segments
// (OneBotToMilky); the reverse bridge does the opposite.
const (
	MilkyToOneBot Direction = "milky->onebot"
	OneBotToMilky Direction = "onebot->milky"
)

// LossCode identifies one lossy conversion; every code is a row of the
// table in the package documentation ([LossTable]).
type LossCode string

// Loss codes. The package documentation's table lists them with their kind
// and direction.
const (
	// Milky -> OneBot 11, segments.
	LossReplyQuote         LossCode = "seg.reply.quote"
	LossImageResource      LossCode = "seg.image.resource"
	LossRecordResource     LossCode = "seg.record.resource"
	LossVideoResource      LossCode = "seg.video.resource"
	LossFileHash           LossCode = "seg.file.hash"
	LossForwardMeta        LossCode = "seg.forward.meta"
	LossLightAppName       LossCode = "seg.light_app.app_name"
	LossXMLServiceID       LossCode = "seg.xml.service_id"
	LossMilkyUnknownSeg    LossCode = "seg.milky.unknown"
	LossReplyUnknownID     LossCode = "seg.reply.unknown_id"
	LossReplyOtherChat     LossCode = "seg.reply.other_chat"
	LossAtName             LossCode = "seg.at.name"
	LossAtNotNumber        LossCode = "seg.at.not_number"
	LossImageFile          LossCode = "seg.media.file_form"
	LossImageFlash         LossCode = "seg.image.flash"
	LossSegmentFields      LossCode = "seg.fields"
	LossFileSend           LossCode = "seg.file.send"
	LossXMLSend            LossCode = "seg.xml.send"
	LossMFaceSend          LossCode = "seg.mface.send"
	LossMarkdownSend       LossCode = "seg.markdown.send"
	LossForwardByID        LossCode = "seg.forward.by_id"
	LossNodeByID           LossCode = "seg.node.by_id"
	LossNodeOutside        LossCode = "seg.node.mixed"
	LossOneBotOnlySeg      LossCode = "seg.onebot.no_milky_form"
	LossOneBotUnknownSeg   LossCode = "seg.onebot.unknown"
	LossForwardSendMeta    LossCode = "seg.forward.send_meta"
	LossMilkyUnknownOutSeg LossCode = "seg.milky.unknown_outgoing"
	LossReplyQuoteSynth    LossCode = "seg.reply.quote_synthesized"
	LossMediaSynth         LossCode = "seg.media.synthesized"
	LossReplySeqRange      LossCode = "seg.reply.seq_range"
	LossForwardedSender    LossCode = "fwd.sender_id"
	LossForwardedSeq       LossCode = "fwd.message_seq"
	LossOneBotForwardSeq   LossCode = "fwd.no_message_seq"

	// Events, Milky -> OneBot 11.
	LossMessageEntities   LossCode = "ev.message.entities"
	LossMessageScene      LossCode = "ev.message.scene"
	LossRecallSuffix      LossCode = "ev.recall.display_suffix"
	LossRecallOperator    LossCode = "ev.recall.operator"
	LossRecallTemp        LossCode = "ev.recall.temp"
	LossPeerPin           LossCode = "ev.peer_pin_change"
	LossFriendRequestVia  LossCode = "ev.friend_request.via"
	LossInvitedJoin       LossCode = "ev.group_invited_join_request"
	LossInvitationSource  LossCode = "ev.group_invitation.source"
	LossNudgeDisplay      LossCode = "ev.nudge.display"
	LossFileUploadID      LossCode = "ev.file_upload.ids"
	LossAdminOperator     LossCode = "ev.admin.operator"
	LossEssenceSender     LossCode = "ev.essence.sender"
	LossIncreaseOperator  LossCode = "ev.increase.operator"
	LossReactionType      LossCode = "ev.reaction.type"
	LossWholeMuteDuration LossCode = "ev.whole_mute.duration"
	LossBotOffline        LossCode = "ev.bot_offline"
	LossGroupDisband      LossCode = "ev.group_disband"
	LossMilkyUnknownEvent LossCode = "ev.milky.unknown"
	LossMilkyExtra        LossCode = "milky.extra"

	// Events, OneBot 11 -> Milky.
	LossOneBotSender       LossCode = "ev.message.sender"
	LossOneBotAnonymous    LossCode = "ev.message.anonymous"
	LossOneBotGuild        LossCode = "ev.message.guild"
	LossOneBotMessageID    LossCode = "ev.message_id.range"
	LossOneBotOperator     LossCode = "ev.operator.missing"
	LossOneBotUpload       LossCode = "ev.upload.fields"
	LossOneBotEssence      LossCode = "ev.essence.sender_dropped"
	LossOneBotReaction     LossCode = "ev.emoji_like.type"
	LossOneBotNoMilkyEvent LossCode = "ev.onebot.no_milky_form"
	LossOneBotMeta         LossCode = "ev.onebot.meta"
	LossOneBotUnknownEvent LossCode = "ev.onebot.unknown"
	LossOneBotTempSource   LossCode = "ev.message.temp_source"
	LossOneBotSelfNudge    LossCode = "ev.poke.peer"
	LossOneBotExtra        LossCode = "ev.onebot.extra"
	LossOneBotField        LossCode = "ev.onebot.field"

	// API answers (OneBotOnMilky, MilkyOnOneBot).
	LossAPIResourceURL    LossCode = "api.resource.url_only"
	LossAPIForwardCopy    LossCode = "api.forward_single.copy"
	LossAPINotifications  LossCode = "api.group_notifications.partial"
	LossAPIFriendRequests LossCode = "api.friend_requests.synthesized"
)

// LossInfo describes one loss code: a row of the package documentation's
// table.
type LossInfo struct {
	Code      LossCode
	Kind      LossKind
	Direction Direction
	// What is the source data concerned, Why what happens to it.
	What, Why string
}

var lossTable = []LossInfo{
	// Segments, Milky -> OneBot 11.
	{LossReplyQuote, LossDropped, MilkyToOneBot, "reply sender_id, sender_name, time, segments", "OneBot reply carries only the message id; the embedded quote is dropped"},
	{LossImageResource, LossDropped, MilkyToOneBot, "image width, height", "no OneBot slot (file carries the resource_id, for get_image; url the temp_url, which expires)"},
	{LossRecordResource, LossDropped, MilkyToOneBot, "record duration", "no OneBot slot (file carries the resource_id, for get_record; url the temp_url, which expires)"},
	{LossVideoResource, LossDropped, MilkyToOneBot, "video width, height, duration", "no OneBot slot (file carries the resource_id, for get_file; url the temp_url, which expires)"},
	{LossFileHash, LossDropped, MilkyToOneBot, "file file_hash", "no OneBot slot (needed to download a private file)"},
	{LossForwardMeta, LossDropped, MilkyToOneBot, "forward title, preview, summary", "OneBot forward carries only the id"},
	{LossLightAppName, LossDropped, MilkyToOneBot, "light_app app_name", "OneBot json carries only the payload (which usually repeats it as \"app\")"},
	{LossXMLServiceID, LossDropped, MilkyToOneBot, "xml service_id", "OneBot xml carries only the payload"},
	{LossMilkyUnknownSeg, LossUnsupported, MilkyToOneBot, "incoming segment of an unknown type", "replaced by the text placeholder [type], as Milky's compatibility rule says"},
	{LossReplySeqRange, LossApproximated, MilkyToOneBot, "outgoing reply message_seq of 2^32 or more (not one MilkySeqOf gives)", "passed as the id, which implementations with int32 ids do not know"},
	{LossForwardSendMeta, LossDropped, MilkyToOneBot, "outgoing forward title, preview, summary, prompt", "a OneBot node list has no slot for them"},
	{LossMilkyUnknownOutSeg, LossUnsupported, MilkyToOneBot, "outgoing segment of an unknown type", "left out"},
	{LossForwardedSender, LossApproximated, MilkyToOneBot, "forwarded message (get_forwarded_messages) whose avatar_url holds no QQ number", "the OneBot node's user_id is 0 (Milky gives only sender_name and avatar_url)"},
	{LossForwardedSeq, LossDropped, MilkyToOneBot, "forwarded message message_seq and avatar_url", "a OneBot forward node has no slot for them"},

	// Segments, OneBot 11 -> Milky.
	{LossReplyUnknownID, LossDropped, OneBotToMilky, "reply with an unknown, evicted or non-numeric id", "no message_seq to refer to; the reply is left out"},
	{LossReplyOtherChat, LossDropped, OneBotToMilky, "reply to a message of another conversation than the send target (OneBotToMilkySegmentsTo)", "Milky replies by seq within the target conversation; the reply is left out"},
	{LossAtName, LossDropped, OneBotToMilky, "at name (outgoing)", "Milky outgoing mention has no name"},
	{LossAtNotNumber, LossApproximated, OneBotToMilky, "at whose qq is neither a number nor \"all\"", "sent as the text @qq"},
	{LossImageFile, LossUnsupported, OneBotToMilky, "image, record or video whose file is a name or id, not a file://, http(s):// or base64:// URI or an absolute path", "Milky cannot send it; the segment is left out"},
	{LossImageFlash, LossApproximated, OneBotToMilky, "image type flash or show", "sent as a normal image"},
	{LossSegmentFields, LossDropped, OneBotToMilky, "segment fields with no Milky slot (image cache/proxy/timeout, record magic, face resultId, node seq, unknown keys...)", "left out; the detail names them"},
	{LossFileSend, LossUnsupported, OneBotToMilky, "file segment to send", "Milky sends files with upload_private_file / upload_group_file, not as a segment"},
	{LossXMLSend, LossUnsupported, OneBotToMilky, "xml segment to send", "Milky cannot send xml; left out"},
	{LossMFaceSend, LossApproximated, OneBotToMilky, "mface segment to send", "Milky cannot send market faces; sent as its summary text"},
	{LossMarkdownSend, LossApproximated, OneBotToMilky, "markdown segment to send", "Milky cannot send markdown; sent as its text"},
	{LossForwardByID, LossUnsupported, OneBotToMilky, "forward segment by id to send", "Milky sends forwards only as a node list; left out"},
	{LossNodeByID, LossUnsupported, OneBotToMilky, "node by message id (re-forward)", "Milky has no forward by reference; the node is left out"},
	{LossNodeOutside, LossApproximated, OneBotToMilky, "node segments mixed with other segments", "the nodes become one forward segment in their place"},
	{LossOneBotOnlySeg, LossUnsupported, OneBotToMilky, "poke, dice, rps, shake, music, share, contact, location, anonymous, keyboard, flash_file", "no Milky segment (poke is the nudge API); left out when sending, the text placeholder [type] when received"},
	{LossOneBotUnknownSeg, LossUnsupported, OneBotToMilky, "segment of an unknown type", "left out when sending, the text placeholder [type] when received"},
	{LossReplyQuoteSynth, LossApproximated, OneBotToMilky, "received reply (to a Milky incoming reply)", "sender_id, time and segments are not known: sender_id and time from the qq and time extensions when given, else 0 (a sender_id Milky's schema rejects), segments empty"},
	{LossMediaSynth, LossApproximated, OneBotToMilky, "received image, record or video", "resource_id is the OneBot file, temp_url the url; width, height and duration are 0"},

	// Events, Milky -> OneBot 11.
	{LossMessageEntities, LossDropped, MilkyToOneBot, "message friend / group / group_member entity fields without a sender slot (qid, remark, category; group description etc.; join_time, last_sent_time, shut_up_end_time)", "OneBot sender carries nickname, sex, card, level, role, title only"},
	{LossMessageScene, LossUnsupported, MilkyToOneBot, "message or recall of an unknown message_scene", "no OneBot event"},
	{LossRecallSuffix, LossDropped, MilkyToOneBot, "message_recall display_suffix", "no OneBot slot"},
	{LossRecallOperator, LossDropped, MilkyToOneBot, "friend message_recall operator_id", "friend_recall has no operator"},
	{LossRecallTemp, LossApproximated, MilkyToOneBot, "message_recall of a temp message", "reported as friend_recall"},
	{LossPeerPin, LossUnsupported, MilkyToOneBot, "peer_pin_change", "no OneBot event"},
	{LossFriendRequestVia, LossDropped, MilkyToOneBot, "friend_request via, initiator_uid", "no OneBot slot (initiator_uid lives on in the flag)"},
	{LossInvitedJoin, LossApproximated, MilkyToOneBot, "group_invited_join_request", "request.group.add with user_id the invitee and invitor_id the inviter (LLOneBot form)"},
	{LossInvitationSource, LossDropped, MilkyToOneBot, "group_invitation source_group_id", "no OneBot slot"},
	{LossNudgeDisplay, LossDropped, MilkyToOneBot, "nudge display_action, display_suffix, display_action_img_url", "notify.poke has no display text"},
	{LossFileUploadID, LossDropped, MilkyToOneBot, "file upload file_id (friend), file_hash, is_self", "offline_file has name, size, url only"},
	{LossAdminOperator, LossDropped, MilkyToOneBot, "group_admin_change operator_id", "group_admin has no operator"},
	{LossEssenceSender, LossApproximated, MilkyToOneBot, "group_essence_message_change", "essence notice sender_id is not known: 0"},
	{LossIncreaseOperator, LossDropped, MilkyToOneBot, "group_member_increase with both operator_id and invitor_id", "operator_id holds the invitor; the approving operator is dropped"},
	{LossReactionType, LossDropped, MilkyToOneBot, "group_message_reaction reaction_type", "group_msg_emoji_like likes carry only the emoji id (count 1)"},
	{LossWholeMuteDuration, LossApproximated, MilkyToOneBot, "group_whole_mute", "group_ban with user_id 0; duration -1 for a mute, 0 for a lift"},
	{LossBotOffline, LossApproximated, MilkyToOneBot, "bot_offline", "go-cqhttp / NapCat notice.bot_offline (not in the OneBot 11 standard)"},
	{LossGroupDisband, LossApproximated, MilkyToOneBot, "group_disband (Milky 1.3)", "group_decrease kick_me with the operator"},
	{LossMilkyUnknownEvent, LossUnsupported, MilkyToOneBot, "event of an unknown event_type", "no OneBot event"},
	{LossMilkyExtra, LossDropped, MilkyToOneBot, "unknown members of an event frame, event data or segment data (a later Milky version, an implementation extension)", "no OneBot slot; the detail names them"},

	// Events, OneBot 11 -> Milky.
	{LossOneBotForwardSeq, LossApproximated, OneBotToMilky, "forward node (get_forward_msg)", "no message id: message_seq is 0; sender_name is the card when set, else the nickname; avatar_url is the QQ avatar URL of user_id"},
	{LossOneBotSender, LossDropped, OneBotToMilky, "message fields sender.age, sender.area, font (other than 14), real_id, message_seq, temp_source", "no Milky slot; the detail names them (raw_message is not reported: it is derived from the segments)"},
	{LossOneBotAnonymous, LossDropped, OneBotToMilky, "anonymous group message", "Milky has no anonymous messages: delivered as from user_id, the anonymous identity dropped"},
	{LossOneBotGuild, LossUnsupported, OneBotToMilky, "guild message", "Milky has no guilds"},
	{LossOneBotMessageID, LossApproximated, OneBotToMilky, "message_id outside the int32 range", "message_seq is the id itself when it is not negative, else the event is left out"},
	{LossOneBotOperator, LossApproximated, OneBotToMilky, "notice without the operator Milky requires (group_admin)", "operator_id 0"},
	{LossOneBotUpload, LossDropped, OneBotToMilky, "group_upload busid and url; offline_file url", "no Milky slot (Milky downloads by file_id); offline_file gets an empty file_id"},
	{LossOneBotEssence, LossDropped, OneBotToMilky, "essence sender_id", "no Milky slot"},
	{LossOneBotReaction, LossApproximated, OneBotToMilky, "group_msg_emoji_like", "one group_message_reaction per like; reaction_type guessed (a number below 10000 is a face); count dropped"},
	{LossOneBotNoMilkyEvent, LossUnsupported, OneBotToMilky, "friend_add, group_card, client_status, flash_file, poke_recall, lucky_king, honor, title, profile_like, input_status notices", "no Milky event"},
	{LossOneBotMeta, LossUnsupported, OneBotToMilky, "meta events (lifecycle, heartbeat)", "Milky has no meta events"},
	{LossOneBotUnknownEvent, LossUnsupported, OneBotToMilky, "event of an unknown type", "no Milky event"},
	{LossOneBotTempSource, LossApproximated, OneBotToMilky, "private message of sub_type other (or group without group_id)", "temp message without a group"},
	{LossOneBotSelfNudge, LossApproximated, OneBotToMilky, "friend poke between two users neither of whom is the bot", "friend_nudge user_id is the poker"},
	{LossOneBotField, LossDropped, OneBotToMilky, "event fields with no Milky slot: comment of an invitation or invited join request, duration of a whole-group ban, bot_offline tag (when message is set), poke raw_info, sender nickname of a temporary message", "left out; the path names the field"},
	{LossOneBotExtra, LossDropped, OneBotToMilky, "unknown members of an event (implementation extensions)", "no Milky slot; the detail names them"},

	// API answers.
	{LossAPIResourceURL, LossApproximated, MilkyToOneBot, "get_image, get_record, get_file answer (get_resource_temp_url)", "file and url are the temporary URL: there is no local path, no file_size or base64, and get_record's out_format is not applied (Milky does not transcode)"},
	{LossAPIForwardCopy, LossApproximated, MilkyToOneBot, "forward_friend_single_msg, forward_group_single_msg", "Milky has no forward by reference: the message is read (get_message) and sent again by the bot; media are uploaded again from their temporary URLs, and what Milky cannot send is left out (reported with its own code)"},
	{LossAPINotifications, LossDropped, OneBotToMilky, "get_group_notifications (get_group_system_msg, get_group_ignore_add_request)", "only pending join and invited join requests are listed: handled ones (OneBot says checked, not accepted or rejected) and invitations of the bot (not Milky notifications) are left out, the detail counts them; admin_change, kick and quit notifications are never known"},
	{LossAPIFriendRequests, LossApproximated, OneBotToMilky, "get_friend_requests (get_doubt_friends_add_request, is_filtered only)", "state is \"pending\", initiator_uid the OneBot flag, target_user_id the bot and target_user_uid empty: OneBot lists only pending filtered requests, without uids"},
}

var lossIndex = func() map[LossCode]LossInfo {
	m := make(map[LossCode]LossInfo, len(lossTable))
	for _, e := range lossTable {
		m[e.Code] = e
	}
	return m
}()

// LossTable returns every loss code with its kind, direction and
// description: the table of the package documentation.
func LossTable() []LossInfo { return append([]LossInfo(nil), lossTable...) }

// Loss is one item of a Report: what a conversion lost, and where.
type Loss struct {
	Code LossCode `json:"code"`
	Kind LossKind `json:"kind"`
	// Path locates the data in the source: "segments[2]", "data.display_suffix",
	// "message[0].data.content[1]"; "" for the whole event.
	Path string `json:"path,omitempty"`
	// Detail adds specifics (field names, a segment type), "" when none.
	Detail string `json:"detail,omitempty"`
}

// String formats the item as "kind code at path: detail".
func (l Loss) String() string {
	var b strings.Builder
	b.WriteString(string(l.Kind))
	b.WriteByte(' ')
	b.WriteString(string(l.Code))
	if l.Path != "" {
		b.WriteString(" at ")
		b.WriteString(l.Path)
	}
	if l.Detail != "" {
		b.WriteString(": ")
		b.WriteString(l.Detail)
	}
	return b.String()
}

// Report lists what one conversion lost. A nil *Report means nothing was
// lost; every method accepts nil.
type Report struct {
	Items []Loss `json:"items"`
}

// Empty reports whether nothing was lost.
func (r *Report) Empty() bool { return r == nil || len(r.Items) == 0 }

// Len returns the number of items.
func (r *Report) Len() int {
	if r == nil {
		return 0
	}
	return len(r.Items)
}

// Has reports whether an item with the code is present.
func (r *Report) Has(code LossCode) bool {
	if r == nil {
		return false
	}
	for _, it := range r.Items {
		if it.Code == code {
			return true
		}
	}
	return false
}

// Codes returns the codes of the items, in order (repeats included).
func (r *Report) Codes() []LossCode {
	if r == nil {
		return nil
	}
	out := make([]LossCode, len(r.Items))
	for i, it := range r.Items {
		out[i] = it.Code
	}
	return out
}

// String lists the items, separated by "; " ("" when empty): for debug logs.
func (r *Report) String() string {
	if r.Empty() {
		return ""
	}
	parts := make([]string, len(r.Items))
	for i, it := range r.Items {
		parts[i] = it.String()
	}
	return strings.Join(parts, "; ")
}

// LogValue implements slog.LogValuer: the report as its String.
func (r *Report) LogValue() slog.Value {
	if r.Empty() {
		return slog.StringValue("")
	}
	return slog.StringValue(r.String())
}

// Merge appends the items of o to r and returns r; a nil r becomes a new
// Report when o has items.
func (r *Report) Merge(o *Report) *Report {
	if o.Empty() {
		return r
	}
	if r == nil {
		r = &Report{}
	}
	r.Items = append(r.Items, o.Items...)
	return r
}

// lossLog collects items during one conversion.
type lossLog struct {
	items []Loss
}

func (l *lossLog) add(code LossCode, path, detail string) {
	l.items = append(l.items, Loss{Code: code, Kind: lossIndex[code].Kind, Path: path, Detail: detail})
}

// lossReport is a Report of one loss.
func lossReport(code LossCode, path, detail string) *Report {
	var l lossLog
	l.add(code, path, detail)
	return l.report()
}

// elemPath is the path of element i of the list at base; its text is built
// only when a loss is recorded (most elements lose nothing).
type elemPath struct {
	base string
	i    int
}

func (p elemPath) String() string { return idx(p.base, p.i) }

// addElem records a loss at element path p.
func (l *lossLog) addElem(code LossCode, p elemPath, detail string) {
	l.add(code, p.String(), detail)
}

// report returns the collected items as a Report, nil when there are none.
func (l *lossLog) report() *Report {
	if len(l.items) == 0 {
		return nil
	}
	return &Report{Items: l.items}
}
