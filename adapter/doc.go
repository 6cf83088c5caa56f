// Package adapter bridges OneBot 11 and Milky: it converts segments and
// events between the two protocols and serves the API of one on top of an
// implementation that speaks the other.
//
// The two protocols identify things differently, so the bridge keeps state.
// A [Store] holds that state: it maps a Milky message (scene, peer, seq) to
// the single int32 OneBot message_id, a Milky request's key tuple to the
// opaque OneBot request flag, and a Milky forward_id to a OneBot forward id,
// and back. [NewMemoryStore] keeps the mappings in memory; [OpenBoltStore]
// keeps them in a bbolt file so replies, recalls and request handling keep
// working across a bridge restart. Both are bounded and evict the oldest
// mappings first; a lookup of an evicted id reports [ErrNotFound].
//
// # Conversions
//
// A [Converter] turns segments and events of one protocol into the other's,
// in both directions, and reports what it could not carry over:
//
//   - MilkyToOneBotSegments, OneBotToMilkySegments (OneBotToMilkySegmentsTo
//     checks replies against the send target), MilkyEventToOneBot
//     (MilkyMessageToOneBot for one message, as get_msg needs it): for
//     OneBot 11 clients on a Milky implementation (the forward bridge).
//   - OneBotMessageToMilky, MilkyOutgoingToOneBot, OneBotEventToMilky: for
//     Milky clients on a OneBot 11 implementation (the reverse bridge).
//   - MilkyForwardedToOneBot (with ForwardNodes) and OneBotForwardToMilky:
//     the contents of a forward, for get_forward_msg / get_forwarded_messages.
//   - LifecycleConnect, Lifecycle, Heartbeat: the OneBot 11 meta events Milky
//     does not have, which the forward bridge synthesizes.
//
// Loss is never silent. Each conversion returns a [*Report] listing every
// item it dropped, approximated or could not convert (nil when nothing was
// lost); a bridge logs it at debug level (Report implements
// slog.LogValuer). The table below lists every such case; a test keeps it
// equal to [LossTable].
//
// Identities: see [Converter] for how each bridge maps message ids, request
// flags and forward ids, and the helpers the API bridge uses for the same
// mappings (OneBotMessageID, MilkyMessageRef, MilkyForwardID, MilkySeqOf,
// OneBotIDOf, MilkySeqForFlag, FlagForMilkySeq).
//
// # API bridging
//
// [OneBotOnMilky] serves OneBot 11 actions with a milky.Client and
// [MilkyOnOneBot] serves Milky APIs with an onebot11.Client; Register puts
// every action on the protocol's ServeMux, and an action the other protocol
// cannot serve answers an error naming what it lacks (retcode
// [RetcodeUnsupported] or [MilkyRetcodeUnsupported]). [OneBotTable] and
// [MilkyTable] list, for every action, the calls that serve it or what is
// missing; docs/bridge-api.md in the repository is generated from them.
//
// # Bridge
//
// [StartBridge] runs a [Bridge], which is what the `duobot bridge` command
// does; [BridgeOptions] lists its settings, one per flag. A Milky upstream's
// events are read from {base}/event over a WebSocket or as Server-Sent
// Events, as BridgeOptions.UpstreamEvents (flag --upstream-events) says:
// [UpstreamEventsAuto] (the default) decides with one WebSocket handshake
// and reads SSE when the upstream refuses the upgrade; [UpstreamEventsWS]
// and [UpstreamEventsSSE] force one.
//
// Upstream failures, for either upstream protocol:
//
//   - Refused credentials are final. At start, get_login_info or the event
//     stream answered with 401 or 403 (or a OneBot 11 retcode 1401 or 1403,
//     or a refused WebSocket handshake) fails StartBridge at once with an
//     error matching transport.ErrUnauthorized or ErrForbidden. Later, an
//     event stream reconnect refused that way (the token was revoked)
//     closes the bridge: [Bridge.Done] is closed and [Bridge.Err] reports
//     the cause; `duobot bridge` exits with status 1 and says why. An event
//     stream that ends for good otherwise (an SSE server answering 204, a
//     caller-supplied Source returning) does the same.
//   - Network errors and other statuses (connection refused, 404, 503, a
//     dropped stream) are retried with BridgeOptions.Backoff for as long as
//     the bridge runs (get_login_info at start until its context ends). A
//     dropped stream is logged at warn level; failed attempts (reconnects,
//     and get_login_info at start) at warn level for attempts 1, 2, 4, ...,
//     64 and then every 64th (with the attempt count and how long the
//     stream has been down), the others at debug level; the reconnect at
//     info level with the failed attempts and the outage's length.
//   - A OneBot 11 downstream sees the outage: while the upstream event
//     stream is down, heartbeat meta events and get_status say good: false
//     (online stays what the upstream's API answers, false when it does not
//     answer), and good: true again once it reconnects. A Milky downstream
//     has no meta events: it sees only API errors.
//
// # Loss table
//
// Every lossy or impossible conversion, by direction. Each item is
// "code (kind): source data: what happens"; the code is the LossCode a
// Report item carries (LossTable lists the same rows).
//
// milky->onebot:
//
//   - seg.reply.quote (dropped): reply sender_id, sender_name, time, segments: OneBot reply carries only the message id; the embedded quote is dropped
//   - seg.image.resource (dropped): image width, height: no OneBot slot (file carries the resource_id, for get_image; url the temp_url, which expires)
//   - seg.record.resource (dropped): record duration: no OneBot slot (file carries the resource_id, for get_record; url the temp_url, which expires)
//   - seg.video.resource (dropped): video width, height, duration: no OneBot slot (file carries the resource_id, for get_file; url the temp_url, which expires)
//   - seg.file.hash (dropped): file file_hash: no OneBot slot (needed to download a private file)
//   - seg.forward.meta (dropped): forward title, preview, summary: OneBot forward carries only the id
//   - seg.light_app.app_name (dropped): light_app app_name: OneBot json carries only the payload (which usually repeats it as "app")
//   - seg.xml.service_id (dropped): xml service_id: OneBot xml carries only the payload
//   - seg.milky.unknown (unsupported): incoming segment of an unknown type: replaced by the text placeholder [type], as Milky's compatibility rule says
//   - seg.reply.seq_range (approximated): outgoing reply message_seq of 2^32 or more (not one MilkySeqOf gives): passed as the id, which implementations with int32 ids do not know
//   - seg.forward.send_meta (dropped): outgoing forward title, preview, summary, prompt: a OneBot node list has no slot for them
//   - seg.milky.unknown_outgoing (unsupported): outgoing segment of an unknown type: left out
//   - fwd.sender_id (approximated): forwarded message (get_forwarded_messages) whose avatar_url holds no QQ number: the OneBot node's user_id is 0 (Milky gives only sender_name and avatar_url)
//   - fwd.message_seq (dropped): forwarded message message_seq and avatar_url: a OneBot forward node has no slot for them
//   - ev.message.entities (dropped): message friend / group / group_member entity fields without a sender slot (qid, remark, category; group description etc.; join_time, last_sent_time, shut_up_end_time): OneBot sender carries nickname, sex, card, level, role, title only
//   - ev.message.scene (unsupported): message or recall of an unknown message_scene: no OneBot event
//   - ev.recall.display_suffix (dropped): message_recall display_suffix: no OneBot slot
//   - ev.recall.operator (dropped): friend message_recall operator_id: friend_recall has no operator
//   - ev.recall.temp (approximated): message_recall of a temp message: reported as friend_recall
//   - ev.peer_pin_change (unsupported): peer_pin_change: no OneBot event
//   - ev.friend_request.via (dropped): friend_request via, initiator_uid: no OneBot slot (initiator_uid lives on in the flag)
//   - ev.group_invited_join_request (approximated): group_invited_join_request: request.group.add with user_id the invitee and invitor_id the inviter (LLOneBot form)
//   - ev.group_invitation.source (dropped): group_invitation source_group_id: no OneBot slot
//   - ev.nudge.display (dropped): nudge display_action, display_suffix, display_action_img_url: notify.poke has no display text
//   - ev.file_upload.ids (dropped): file upload file_id (friend), file_hash, is_self: offline_file has name, size, url only
//   - ev.admin.operator (dropped): group_admin_change operator_id: group_admin has no operator
//   - ev.essence.sender (approximated): group_essence_message_change: essence notice sender_id is not known: 0
//   - ev.increase.operator (dropped): group_member_increase with both operator_id and invitor_id: operator_id holds the invitor; the approving operator is dropped
//   - ev.reaction.type (dropped): group_message_reaction reaction_type: group_msg_emoji_like likes carry only the emoji id (count 1)
//   - ev.whole_mute.duration (approximated): group_whole_mute: group_ban with user_id 0; duration -1 for a mute, 0 for a lift
//   - ev.bot_offline (approximated): bot_offline: go-cqhttp / NapCat notice.bot_offline (not in the OneBot 11 standard)
//   - ev.group_disband (approximated): group_disband (Milky 1.3): group_decrease kick_me with the operator
//   - ev.milky.unknown (unsupported): event of an unknown event_type: no OneBot event
//   - milky.extra (dropped): unknown members of an event frame, event data or segment data (a later Milky version, an implementation extension): no OneBot slot; the detail names them
//   - api.resource.url_only (approximated): get_image, get_record, get_file answer (get_resource_temp_url): file and url are the temporary URL: there is no local path, no file_size or base64, and get_record's out_format is not applied (Milky does not transcode)
//   - api.forward_single.copy (approximated): forward_friend_single_msg, forward_group_single_msg: Milky has no forward by reference: the message is read (get_message) and sent again by the bot; media are uploaded again from their temporary URLs, and what Milky cannot send is left out (reported with its own code)
//
// onebot->milky:
//
//   - seg.reply.unknown_id (dropped): reply with an unknown, evicted or non-numeric id: no message_seq to refer to; the reply is left out
//   - seg.reply.other_chat (dropped): reply to a message of another conversation than the send target (OneBotToMilkySegmentsTo): Milky replies by seq within the target conversation; the reply is left out
//   - seg.at.name (dropped): at name (outgoing): Milky outgoing mention has no name
//   - seg.at.not_number (approximated): at whose qq is neither a number nor "all": sent as the text @qq
//   - seg.media.file_form (unsupported): image, record or video whose file is a name or id, not a file://, http(s):// or base64:// URI or an absolute path: Milky cannot send it; the segment is left out
//   - seg.image.flash (approximated): image type flash or show: sent as a normal image
//   - seg.fields (dropped): segment fields with no Milky slot (image cache/proxy/timeout, record magic, face resultId, node seq, unknown keys...): left out; the detail names them
//   - seg.file.send (unsupported): file segment to send: Milky sends files with upload_private_file / upload_group_file, not as a segment
//   - seg.xml.send (unsupported): xml segment to send: Milky cannot send xml; left out
//   - seg.mface.send (approximated): mface segment to send: Milky cannot send market faces; sent as its summary text
//   - seg.markdown.send (approximated): markdown segment to send: Milky cannot send markdown; sent as its text
//   - seg.forward.by_id (unsupported): forward segment by id to send: Milky sends forwards only as a node list; left out
//   - seg.node.by_id (unsupported): node by message id (re-forward): Milky has no forward by reference; the node is left out
//   - seg.node.mixed (approximated): node segments mixed with other segments: the nodes become one forward segment in their place
//   - seg.onebot.no_milky_form (unsupported): poke, dice, rps, shake, music, share, contact, location, anonymous, keyboard, flash_file: no Milky segment (poke is the nudge API); left out when sending, the text placeholder [type] when received
//   - seg.onebot.unknown (unsupported): segment of an unknown type: left out when sending, the text placeholder [type] when received
//   - seg.reply.quote_synthesized (approximated): received reply (to a Milky incoming reply): sender_id, time and segments are not known: sender_id and time from the qq and time extensions when given, else 0 (a sender_id Milky's schema rejects), segments empty
//   - seg.media.synthesized (approximated): received image, record or video: resource_id is the OneBot file, temp_url the url; width, height and duration are 0
//   - fwd.no_message_seq (approximated): forward node (get_forward_msg): no message id: message_seq is 0; sender_name is the card when set, else the nickname; avatar_url is the QQ avatar URL of user_id
//   - ev.message.sender (dropped): message fields sender.age, sender.area, font (other than 14), real_id, message_seq, temp_source: no Milky slot; the detail names them (raw_message is not reported: it is derived from the segments)
//   - ev.message.anonymous (dropped): anonymous group message: Milky has no anonymous messages: delivered as from user_id, the anonymous identity dropped
//   - ev.message.guild (unsupported): guild message: Milky has no guilds
//   - ev.message_id.range (approximated): message_id outside the int32 range: message_seq is the id itself when it is not negative, else the event is left out
//   - ev.operator.missing (approximated): notice without the operator Milky requires (group_admin): operator_id 0
//   - ev.upload.fields (dropped): group_upload busid and url; offline_file url: no Milky slot (Milky downloads by file_id); offline_file gets an empty file_id
//   - ev.essence.sender_dropped (dropped): essence sender_id: no Milky slot
//   - ev.emoji_like.type (approximated): group_msg_emoji_like: one group_message_reaction per like; reaction_type guessed (a number below 10000 is a face); count dropped
//   - ev.onebot.no_milky_form (unsupported): friend_add, group_card, client_status, flash_file, poke_recall, lucky_king, honor, title, profile_like, input_status notices: no Milky event
//   - ev.onebot.meta (unsupported): meta events (lifecycle, heartbeat): Milky has no meta events
//   - ev.onebot.unknown (unsupported): event of an unknown type: no Milky event
//   - ev.message.temp_source (approximated): private message of sub_type other (or group without group_id): temp message without a group
//   - ev.poke.peer (approximated): friend poke between two users neither of whom is the bot: friend_nudge user_id is the poker
//   - ev.onebot.field (dropped): event fields with no Milky slot: comment of an invitation or invited join request, duration of a whole-group ban, bot_offline tag (when message is set), poke raw_info, sender nickname of a temporary message: left out; the path names the field
//   - ev.onebot.extra (dropped): unknown members of an event (implementation extensions): no Milky slot; the detail names them
//   - api.group_notifications.partial (dropped): get_group_notifications (get_group_system_msg, get_group_ignore_add_request): only pending join and invited join requests are listed: handled ones (OneBot says checked, not accepted or rejected) and invitations of the bot (not Milky notifications) are left out, the detail counts them; admin_change, kick and quit notifications are never known
//   - api.friend_requests.synthesized (approximated): get_friend_requests (get_doubt_friends_add_request, is_filtered only): state is "pending", initiator_uid the OneBot flag, target_user_id the bot and target_user_uid empty: OneBot lists only pending filtered requests, without uids
package adapter
