package sim

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"slices"

	"github.com/duobot/duobot/milky"
)

// MilkyImplName and MilkyImplVersion are what get_impl_info reports.
const (
	MilkyImplName    = "duobot-sim"
	MilkyImplVersion = "0.1.0"
	// MilkyVersion is the Milky protocol version the front-end implements.
	MilkyVersion = "1.2"
	// MilkyQQProtocolType and MilkyQQProtocolVersion are the (simulated)
	// QQ protocol get_impl_info reports.
	MilkyQQProtocolType    = "linux"
	MilkyQQProtocolVersion = "3.2.19-sim"
)

// Retcodes of the Milky front-end's failed calls, besides
// [milky.RetcodeBadParams] (-400: malformed params and
// [ErrInvalidArgument]) and [milky.RetcodeNotLoggedIn] (-403: the bot is
// offline, see [World.BotOffline]). Milky leaves other codes to the
// implementation.
const (
	// MilkyRetcodeNotFound: the user, group, message, file... does not
	// exist ([ErrNotFound]); -404 as Yogurt uses.
	MilkyRetcodeNotFound = -404
	// MilkyRetcodePermissionDenied: the bot's role or relationship does not
	// allow the operation ([ErrPermissionDenied]).
	MilkyRetcodePermissionDenied = -1403
	// MilkyRetcodeUnsupported: the API has no meaning in the simulation
	// (see [MilkyUnsupportedAPIs]).
	MilkyRetcodeUnsupported = -501
	// MilkyRetcodeInternal: anything else (a resource URI that cannot be
	// read, for instance).
	MilkyRetcodeInternal = milky.RetcodeInternal
)

// MilkyHistoryLimit is the most messages get_history_messages returns in
// one page (a larger limit is lowered to it, as Yogurt does).
const MilkyHistoryLimit = 30

// milkyUnsupportedAPIs is the one list of the Milky 1.2 APIs without
// meaning in the simulated world, with the reason.
var milkyUnsupportedAPIs = map[string]string{
	milky.APIGetCookies:   "the simulated world has no QQ web services, so there are no cookies",
	milky.APIGetCSRFToken: "the simulated world has no QQ web services, so there is no CSRF token",
}

// MilkyUnsupportedAPIs returns the Milky 1.2 APIs that have no meaning in
// the simulated world, each with the reason: get_cookies and
// get_csrf_token. They answer retcode [MilkyRetcodeUnsupported] with the
// message "not supported by the simulator: <api> (<reason>)". Every other
// Milky 1.2 API is implemented by [MilkyBackend]. The map is a copy.
func MilkyUnsupportedAPIs() map[string]string {
	return maps.Clone(milkyUnsupportedAPIs)
}

// MilkyOptions configures a [MilkyBackend]. The zero value is usable.
type MilkyOptions struct {
	// IgnoreSelfMessages drops message_receive events of messages the bot
	// sent itself. By default they are delivered (Milky apps compare
	// sender_id with self_id), as Yogurt does.
	IgnoreSelfMessages bool
	// Milky13 enables the Milky 1.3 forms: a dismissed group is reported
	// as group_disband. Without it (Milky 1.2, the default, so that every
	// event validates against @saltify/milky-types 1.2.2) it is reported as
	// the bot's group_member_decrease with the owner as operator.
	Milky13 bool
	// FetchURI reads the content a resource URI names (upload_private_file,
	// upload_group_file). nil uses [MilkyFetchURI] with
	// http.DefaultClient.
	FetchURI func(ctx context.Context, uri string) ([]byte, error)
	// ServeFileURIs lets [MilkyBackend.FileHandler] serve the content of
	// media resources that were sent as file:// URIs by reading the local
	// file. Off by default: the handler then answers 404 for them, so it
	// never exposes local files to whoever can reach it.
	ServeFileURIs bool
	// Logger receives events that could not be published (nil: none).
	Logger *slog.Logger
}

// MilkyBackend serves a [World] as a Milky 1.2 implementation: one method
// per Milky API (registered on a [milky.ServeMux] by
// [MilkyBackend.Register]), world events turned into Milky events
// ([MilkyBackend.Event], published by [MilkyBackend.PumpEvents]), and the
// download URLs the world hands out ([MilkyBackend.FileHandler]).
//
// Every API acts on the world as the bot, with the world's rules: a
// refused operation answers retcode [MilkyRetcodePermissionDenied],
// a missing entity [MilkyRetcodeNotFound], an invalid argument
// [milky.RetcodeBadParams]. While the bot is offline ([World.BotOffline])
// every API but get_impl_info answers [milky.RetcodeNotLoggedIn] with the
// message "the bot is offline" (matching [ErrBotOffline] in-process; see the
// package doc, "Bot offline").
//
// What the simulation does not model:
//   - get_cookies and get_csrf_token (see [MilkyUnsupportedAPIs]) answer
//     "not supported by the simulator".
//   - get_custom_face_url_list answers an empty list (the bot has no
//     custom faces).
//   - get_peer_pins lists pinned friends and groups; pinned temp sessions
//     (settable with set_peer_pin) have no place in its result.
//   - The world files no friend request as filtered: the is_filtered
//     friend request list is empty. Group notifications are listed by
//     their [GroupNotification.IsFiltered] flag.
//   - get_history_messages returns at most [MilkyHistoryLimit] messages
//     and omits recalled ones; get_message answers not found for a recalled
//     message.
//   - World events without a Milky form are not published: friend_added,
//     profile_like, group_card_change, group_title_change. group_disband
//     depends on [MilkyOptions.Milky13].
//   - Segment data keys Milky 1.2 does not define are not kept by the world
//     (unknown segment types are: they travel as [Unknown] elements).
//
// Serving it (the world's base URL must be where FileHandler is mounted):
//
//	w := sim.New(sim.WithBaseURL("http://127.0.0.1:3000"))
//	b := sim.NewMilkyBackend(w, nil)
//	srv, err := milky.NewServer(b.NewMilkyServeMux(), &milky.ServerOptions{Token: token})
//	stop := b.StartEvents(ctx, srv) // before anything happens in the world
//	mux := http.NewServeMux()
//	mux.Handle("/api/", srv)
//	mux.Handle("/event", srv)
//	mux.Handle("/file/", b.FileHandler())
//	mux.Handle("/resource/", b.FileHandler())
//	// ... serve mux on 127.0.0.1:3000; at the end: stop(), srv.Close()
type MilkyBackend struct {
	w    *World
	opts MilkyOptions
}

// NewMilkyBackend returns a Milky front-end over w. o may be nil.
func NewMilkyBackend(w *World, o *MilkyOptions) *MilkyBackend {
	b := &MilkyBackend{w: w}
	if o != nil {
		b.opts = *o
	}
	if b.opts.FetchURI == nil {
		b.opts.FetchURI = func(ctx context.Context, uri string) ([]byte, error) {
			return MilkyFetchURI(ctx, http.DefaultClient, uri)
		}
	}
	return b
}

// World returns the world the backend serves.
func (b *MilkyBackend) World() *World { return b.w }

// MilkyImplementedAPIs returns the Milky 1.2 APIs [MilkyBackend] implements,
// in the order of the specification: every entry of [milky.APINames] that
// is not in [MilkyUnsupportedAPIs].
func MilkyImplementedAPIs() []string {
	out := make([]string, 0, len(milky.APINames))
	for _, api := range milky.APINames {
		if _, ok := milkyUnsupportedAPIs[api]; !ok {
			out = append(out, api)
		}
	}
	return out
}

// NewMilkyServeMux returns a mux with every API of b registered.
func (b *MilkyBackend) NewMilkyServeMux() *milky.ServeMux {
	m := milky.NewServeMux()
	b.Register(m)
	return m
}

// milkyUnsupported is the error of an API in milkyUnsupportedAPIs.
func milkyUnsupported(api string) error {
	msg := "not supported by the simulator: " + api
	if why := milkyUnsupportedAPIs[api]; why != "" {
		msg += " (" + why + ")"
	}
	return &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: MilkyRetcodeUnsupported, Message: msg}
}

// milkyRegisterUnsupported makes every API of milkyUnsupportedAPIs answer the
// unsupported error.
func milkyRegisterUnsupported(m *milky.ServeMux) {
	names := make([]string, 0, len(milkyUnsupportedAPIs))
	for api := range milkyUnsupportedAPIs {
		names = append(names, api)
	}
	slices.Sort(names)
	for _, api := range names {
		m.HandleFunc(api, func(context.Context, string, []byte) ([]byte, error) {
			return nil, milkyUnsupported(api)
		})
	}
}

// milkyError turns a world error into the *milky.APIError of api.
func milkyError(api string, err error) error {
	if err == nil {
		return nil
	}
	var ae *milky.APIError
	if errors.As(err, &ae) {
		return err
	}
	code := MilkyRetcodeInternal
	switch {
	case errors.Is(err, ErrNotFound):
		code = MilkyRetcodeNotFound
	case errors.Is(err, ErrPermissionDenied):
		code = MilkyRetcodePermissionDenied
	case errors.Is(err, ErrInvalidArgument), errors.Is(err, milky.ErrBadURI), errors.Is(err, milky.ErrBadSegments):
		code = milky.RetcodeBadParams
	}
	return &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: code, Message: err.Error(), Err: err}
}

// milkyBadParams is a -400 error of api.
func milkyBadParams(api, msg string) error {
	return &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: milky.RetcodeBadParams, Message: "bad params: " + msg}
}

// online fails every call while the bot is offline.
func (b *MilkyBackend) online(api string) error {
	if b.w.Online() {
		return nil
	}
	return &milky.APIError{API: api, Status: milky.StatusFailed, Retcode: milky.RetcodeNotLoggedIn, Message: botOfflineMessage, Err: ErrBotOffline}
}
