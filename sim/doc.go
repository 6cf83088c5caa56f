// Package sim is a simulated QQ world for tests, demos and the bridge: one
// protocol-neutral state that OneBot 11 and Milky front-ends serve at once.
//
// The world core (world*.go) imports neither protocol package. The
// front-ends serve it: [NewOneBot11] registers the OneBot 11 actions on an
// onebot11.ServeMux and publishes world events as OneBot 11 events;
// [NewMilkyBackend] does the same for Milky. [Start] runs both servers on
// loopback over one world, and package sim/simtest starts one for a test in
// one line.
//
// # Not supported by the simulator
//
// Actions and APIs with no meaning in the simulation answer a clear error
// ("not supported by the simulator: <name>"): OneBot 11 retcode 1404
// (matching onebot11.ErrUnknownAction), Milky retcode -501. The lists, each
// with its reason, are [OneBot11UnsupportedActions] (QQ web services and
// cookies, albums, AI voice and OCR, flash transfers, anonymous chat,
// honours, online clients, raw packets, ...) and [MilkyUnsupportedAPIs]
// (get_cookies, get_csrf_token); tests check that every action of both
// protocols is either implemented or listed.
//
// Front-ends call the bot-side operations ([World.SendGroup],
// [World.Mute], ...) for incoming API calls and turn the world's events
// ([World.Subscribe]) into protocol events. Tests and the interactive
// simulator drive the other users with the scripting API (methods named
// User*, Member*, Request*, Invite*, Add*).
//
// # What the world models
//
//   - The bot account ([World.Self]) and users ([User]) with uin, string uid,
//     nickname, sex, age, qid, signature, level and received likes.
//   - The bot's friends with remark and category ([Friend],
//     [FriendCategory]); friend requests keyed by the initiator's uid.
//   - Groups ([Group]) with members ([Member]: role owner/admin/member,
//     card, special title, join and last-sent time, level, mute expiry),
//     whole-group mute, remark, announcements, essence messages, files and
//     folders (one level, in the root), and the bot's group notification
//     list (join and invited-join requests, admin changes, kicks, quits)
//     with world-global notification seqs; invitations of the bot.
//   - Messages ([Message]) in three scenes (friend, group, temp), each with
//     a per-conversation seq from 1 (Milky message_seq) and a world-global
//     OneBot-style id (positive int32), content as [Element]s (text,
//     mention, mention_all, face, reply, image, record, video, file,
//     forward, market_face, light_app, xml, markdown, and [Unknown] for
//     anything else), recall state and reactions. Stored forwards and media
//     resources can be looked up by id.
//   - Nudges (with the sender's display texts), profile likes, private
//     file transfers, pinned conversations, read marks, the bot going
//     offline (see "Bot offline").
//
// [Describe] renders any event as a line of text for transcripts and the
// interactive simulator; [PlainText] renders message content.
//
// # Permission rules (as QQ)
//
//   - Roles rank owner > admin > member. Acting on another member (mute,
//     kick, recall their message, set their card) needs admin or owner
//     and a strictly higher rank than the target; the owner can never be
//     muted or kicked.
//   - Admin or owner: rename the group, whole mute, essence, announcements,
//     create/rename/delete folders, handle join requests, mention_all.
//   - Owner only: special titles (at most [MaxTitleBytes] bytes), setting
//     and unsetting admins, dismissing the group. The owner cannot leave.
//   - A muted member, or any non-admin during whole mute, cannot send to
//     the group. Mutes are whole seconds up to [MaxMuteDuration]; 0 unmutes.
//   - Senders recall their own messages within the recall window
//     ([DefaultRecallWindow], see [WithRecallWindow]) unless they are admin
//     or owner of the group; friend and temp messages only by their sender.
//   - Private messages need friendship; temp messages need both sides in
//     the group. Group mentions must name members; private ones may only
//     name the two parties. A reply must quote a message of the same
//     conversation.
//   - Group files may be renamed, moved or deleted by their uploader or an
//     admin. Kicking with rejectRejoin blocks later join requests.
//   - The bot gives at most [DefaultLikeLimit] likes per user per day
//     ([WithLikeLimit]).
//
// Violations return errors wrapping [ErrPermissionDenied], [ErrNotFound] or
// [ErrInvalidArgument].
//
// # Events
//
// Every change the bot can observe publishes one event (a pointer to one
// of the *XxxEvent types) stamped with a world-global sequence number and
// the world time. Group events are published only while the bot is a
// member of the group (the bot's own leave or kick is still published).
// The bot's own messages are published too, flagged [MessageEvent.Self].
// The Add* setup methods publish nothing. See [World.Subscribe] for the
// delivery guarantees: ordered, lossless per subscriber, never blocking
// the world.
//
// # Bot offline
//
// [World.BotOffline] takes the bot account offline (publishing a
// [BotOfflineEvent]) and [World.BotOnline] brings it back (no event, as no
// implementation of either protocol sends one); [World.Online] is the one
// state both front-ends consult. World operations keep working and world
// events keep flowing while offline, so scripts can go on driving the other
// users. The front-ends answer as real implementations of their protocol do:
//
//   - Milky: every API but get_impl_info fails with retcode -403
//     (milky.RetcodeNotLoggedIn, "the bot is offline"); Milky has no
//     get_status, so get_login_info failing is how a client tells. The
//     bot_offline event carries the reason.
//   - OneBot 11: get_status and heartbeat meta events say online: false
//     (good: true, as NapCat and LLOneBot; the standard has no offline
//     lifecycle event and go-cqhttp's client_status notice is about the
//     account's other devices, so neither is sent); a NapCat-style
//     notice.bot_offline (user_id, tag, message = the reason) is published.
//     The actions of [OneBot11OfflineActions] (login info, status, version,
//     supported actions, can_send_*, clean_cache, the cached friend, group
//     and member lists, get_msg) are answered as usual; every other
//     supported action fails with retcode 100 (go-cqhttp's code for a failed
//     call) and the message "the bot is offline".
//
// Both failures match [ErrBotOffline] in-process (errors.Is).
//
// # Determinism
//
// With [WithClock] (for instance a [ManualClock]) and [WithSeed], the same
// sequence of calls produces the same ids, seqs, uids, times and event
// order. All generated identifiers come from one seeded generator, and one
// mutex orders all operations.
package sim
