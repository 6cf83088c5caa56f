package sim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/duobot/duobot/onebot11"
)

// OneBot11 is the simulator's OneBot 11 front-end: it serves the world
// through an onebot11.ServeMux (see OneBot11.Register) and turns the world's
// events into OneBot 11 events (OneBot11.Events) and publishes them
// (OneBot11.StartEvents, OneBot11.Run).
//
// Every action of OneBot11Actions is served on the world; the actions of
// OneBot11UnsupportedActions answer an *onebot11.APIError with retcode 1404 and the
// message "not supported by the simulator: <action>". Together the two lists
// cover every action the onebot11 client knows.
//
// Ids: message_id is the world's OneBot-style message id (Message.ID) and
// message_seq the per-conversation seq (Message.Seq). Request flags are
// "friend:<initiator uid>" (friend requests), "group:<seq>:<notification
// type>" (join and invited-join requests) and "invite:<seq>" (invitations of
// the bot); a malformed or unknown flag is a retcode 1400 error.
// set_group_add_request also takes the request_id of get_group_system_msg
// (the seq) as the flag, as go-cqhttp and LLOneBot do: with sub_type (or
// type) "invite" it names an invitation, else a join or invited-join
// request. Filtered requests (World.RequestFriendFiltered,
// World.RequestJoinGroupFiltered) are listed by get_doubt_friends_add_request
// and get_group_ignore_add_request.
//
// Errors: a world error matching ErrInvalidArgument (and bad params) is
// retcode 1400; ErrNotFound and ErrPermissionDenied are retcode 100
// (onebot11.RetcodeFailed) with messages starting "not found: " and
// "permission denied: ".
//
// While the bot is offline (World.BotOffline) the front-end does what real
// implementations do: get_status and heartbeats say online: false (good
// stays true, as NapCat and LLOneBot report it), a NapCat-style bot_offline
// notice is published, and only the actions of OneBot11OfflineActions are
// answered (the account, the implementation and what an implementation keeps
// locally: cached friend, group and member lists, stored messages); every
// other supported action fails with retcode 100 (go-cqhttp's failure code)
// and the message "the bot is offline", matching ErrBotOffline in-process,
// before its params are decoded. See the package doc, "Bot offline".
//
// Media and file URLs point under the world's base URL
// (WithBaseURL); serve them with OneBot11.FileHandler. Actions that read
// files accept base64:// and http(s):// (and, with
// OneBot11Options.AllowLocalFiles, file:// and local paths).
type OneBot11 struct {
	w    *World
	opts OneBot11Options
}

// OneBot11Options configures a OneBot11 front-end. The zero value is usable.
type OneBot11Options struct {
	// HeartbeatInterval makes Run and StartEvents publish a heartbeat meta
	// event at this interval; 0 sends none.
	HeartbeatInterval time.Duration
	// HTTPClient fetches http(s):// files given to upload_group_file,
	// upload_private_file and similar actions; nil means
	// http.DefaultClient.
	HTTPClient *http.Client
	// AllowLocalFiles lets actions read file:// URIs and plain paths from
	// the local file system (off by default: base64:// and http(s):// only).
	AllowLocalFiles bool
	// AppName and AppVersion are reported by get_version_info (defaults
	// "duobot-sim" and "1.0.0").
	AppName, AppVersion string
	// Logger receives front-end diagnostics; nil logs nothing.
	Logger *slog.Logger
}

// NewOneBot11 returns a OneBot 11 front-end for w. o may be nil.
func NewOneBot11(w *World, o *OneBot11Options) *OneBot11 {
	b := &OneBot11{w: w}
	if o != nil {
		b.opts = *o
	}
	if b.opts.AppName == "" {
		b.opts.AppName = "duobot-sim"
	}
	if b.opts.AppVersion == "" {
		b.opts.AppVersion = "1.0.0"
	}
	if b.opts.HTTPClient == nil {
		b.opts.HTTPClient = http.DefaultClient
	}
	return b
}

// World returns the world the front-end serves.
func (b *OneBot11) World() *World { return b.w }

// ErrOneBot11Unsupported is matched (errors.Is) by the error every
// unsupported action answers with on the server side.
var ErrOneBot11Unsupported = errors.New("not supported by the simulator")

// ob11UnsupportedList is the list OneBot11UnsupportedActions documents.
var ob11UnsupportedList = []string{
	"get_profile_like", "get_profile_like_me", "get_robot_uin_range",
	"get_group_honor_info", "get_group_at_all_remain", "send_group_sign",
	"set_group_msg_mask",
	"upload_group_album", "get_group_album_list", "create_group_album", "delete_group_album",
	"set_group_file_forever",
	"voice_msg_to_text", "send_group_ai_record", "get_ai_characters",
	"ocr_image", "scan_qrcode", "get_recommend_face", "fetch_custom_face",
	"upload_flash_file", "download_flash_file", "get_flash_file_info", "download_file",
	"get_cookies", "get_csrf_token", "get_credentials", "get_rkey", "send_pb", "check_url_safely",
	"set_online_status", "set_restart", "get_online_clients",
	"set_group_anonymous_ban", "set_group_anonymous",
	"get_unidirectional_friend_list", "delete_unidirectional_friend",
}

// OneBot11UnsupportedActions returns, sorted, the OneBot 11 actions that
// have no meaning in the simulated world. Each answers retcode 1404 "not
// supported by the simulator: <action>":
//
//   - get_profile_like, get_profile_like_me, get_robot_uin_range: QQ-internal
//     lists the world does not model;
//   - get_group_honor_info, get_group_at_all_remain, send_group_sign,
//     set_group_msg_mask: honours, @all quotas, sign-in and message masks
//     are not modelled;
//   - upload_group_album, get_group_album_list, create_group_album,
//     delete_group_album: no group albums;
//   - set_group_file_forever: group files never expire in the world;
//   - voice_msg_to_text, send_group_ai_record, get_ai_characters,
//     ocr_image, scan_qrcode, get_recommend_face, fetch_custom_face:
//     need real media processing;
//   - upload_flash_file, download_flash_file, get_flash_file_info,
//     download_file: flash transfers and downloads to a local cache;
//   - get_cookies, get_csrf_token, get_credentials, get_rkey, send_pb,
//     check_url_safely: web credentials and raw protocol access;
//   - set_online_status, set_restart, get_online_clients: client state;
//   - set_group_anonymous_ban, set_group_anonymous: no anonymous chat;
//   - get_unidirectional_friend_list, delete_unidirectional_friend: no
//     one-way friends.
func OneBot11UnsupportedActions() []string {
	out := append([]string(nil), ob11UnsupportedList...)
	slices.Sort(out)
	return out
}

// OneBot11Actions returns the OneBot 11 actions the front-end serves on the
// world, sorted (".handle_quick_operation" is served by the ServeMux itself
// through these handlers).
func OneBot11Actions() []string { return append([]string(nil), ob11Actions()...) }

var ob11Actions = sync.OnceValue(func() []string {
	mux := onebot11.NewServeMux()
	NewOneBot11(New(), nil).registerSupported(mux)
	return mux.Actions()
})

// ob11OfflineActions are the actions answered while the bot is offline: the
// account and the implementation, and what an implementation keeps locally
// (go-cqhttp's cached friend, group and member lists and its message
// database; NapCat's and LLOneBot's kernel caches). See OneBot11.
var ob11OfflineActions = []string{
	"get_login_info", "get_status", "get_version_info", "get_supported_actions",
	"can_send_image", "can_send_record", "clean_cache",
	"get_friend_list", "get_group_list", "get_group_info",
	"get_group_member_list", "get_group_member_info", "get_msg",
}

// OneBot11OfflineActions returns, sorted, the OneBot 11 actions the
// front-end still answers while the bot is offline ([World.BotOffline]);
// every other supported action then fails with [ErrBotOffline] (see
// [OneBot11]).
func OneBot11OfflineActions() []string {
	out := append([]string(nil), ob11OfflineActions...)
	slices.Sort(out)
	return out
}

// Register wires every action into mux: the supported ones to the world
// (behind the offline check, see [OneBot11]) and the unsupported ones to the
// "not supported by the simulator" error. It also serves
// ActionRenameGroupFile, an extension the action list lacks.
func (b *OneBot11) Register(mux *onebot11.ServeMux) {
	inner := onebot11.NewServeMux()
	b.registerSupported(inner)
	b.registerExtensions(inner)
	for _, a := range inner.Actions() {
		mux.Handle(a, b.offlineGate(inner, a))
	}
	// get_supported_actions lists what mux serves, actions registered on it
	// by the caller included.
	b.handleSupportedActions(mux)
	for _, a := range ob11UnsupportedList {
		mux.Handle(a, onebot11.ActionHandlerFunc(func(_ context.Context, action string, _ []byte) (json.RawMessage, error) {
			return nil, ob11Unsupported(action)
		}))
	}
}

// offlineGate serves action through inner, answering ErrBotOffline
// instead while the bot is offline unless the action is one of
// ob11OfflineActions. The check comes before the params are decoded.
func (b *OneBot11) offlineGate(inner *onebot11.ServeMux, action string) onebot11.ActionHandler {
	if slices.Contains(ob11OfflineActions, action) {
		return inner
	}
	return onebot11.ActionHandlerFunc(func(ctx context.Context, name string, params []byte) (json.RawMessage, error) {
		if !b.w.Online() {
			return nil, ob11Offline(name)
		}
		return inner.HandleAction(ctx, name, params)
	})
}

// ob11Offline is the failure of an action that needs the QQ server while
// the bot is offline: retcode 100, as go-cqhttp fails such calls.
func ob11Offline(action string) error {
	return &ob11Error{api: &onebot11.APIError{Action: action, Status: "failed",
		Retcode: onebot11.RetcodeFailed, Message: botOfflineMessage, Wording: botOfflineMessage}, cause: ErrBotOffline}
}

func ob11Unsupported(action string) error {
	msg := ErrOneBot11Unsupported.Error() + ": " + action
	return &ob11Error{api: &onebot11.APIError{Action: action, Status: "failed",
		Retcode: onebot11.RetcodeUnknownAction, Message: msg, Wording: msg}, cause: ErrOneBot11Unsupported}
}

// ob11Error carries an *onebot11.APIError for the server and the world error
// it came from (so errors.Is works on both in-process).
type ob11Error struct {
	api   *onebot11.APIError
	cause error
}

func (e *ob11Error) Error() string { return e.api.Message }

// Unwrap returns both the APIError and the cause.
func (e *ob11Error) Unwrap() []error { return []error{e.api, e.cause} }

// ob11Err maps a world error to the failure the server answers.
func ob11Err(action string, err error) error {
	if err == nil {
		return nil
	}
	var oe *ob11Error
	var ae *onebot11.APIError
	if errors.As(err, &oe) || errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	retcode, prefix := onebot11.RetcodeFailed, ""
	switch {
	case errors.Is(err, ErrInvalidArgument):
		retcode, prefix = onebot11.RetcodeBadRequest, "invalid argument: "
	case errors.Is(err, ErrNotFound):
		prefix = "not found: "
	case errors.Is(err, ErrPermissionDenied):
		prefix = "permission denied: "
	}
	msg := prefix + err.Error()
	return &ob11Error{api: &onebot11.APIError{Action: action, Status: "failed", Retcode: retcode,
		Message: msg, Wording: msg}, cause: err}
}

// ob11Bad is an invalid-argument error about the request.
func ob11Bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidArgument, fmt.Sprintf(format, args...))
}
