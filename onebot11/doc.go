// Package onebot11 speaks OneBot 11, with the go-cqhttp, LLOneBot and
// NapCat extensions real implementations add: a typed [Client] for every
// action, typed events and [ParseEvent], typed message segments with CQ
// codes, a [Mux] routing events to typed handlers, and the implementation
// side ([ServeMux], [Server]) on which the duobot simulator and bridge are
// built.
//
// A bot is usually a [Bot] (a Client plus a source of events) running a
// Mux:
//
//	bot, err := onebot11.DialWS(ctx, "ws://127.0.0.1:3001/", &onebot11.BotOptions{AccessToken: token})
//	if err != nil { ... }
//	defer bot.Close()
//	mux := onebot11.NewMux()
//	onebot11.On(mux, func(ctx context.Context, ev *onebot11.GroupMessageEvent) error {
//		_, err := onebot11.Respond(ctx, ev, onebot11.Text("pong"))
//		return err
//	}, onebot11.Command("/ping"))
//	err = bot.Run(ctx, mux)
//
// # Connecting
//
// OneBot 11 has several connection modes; each has a constructor returning a
// [Bot], and the same handler code runs unchanged on all of them:
//
//   - HTTP API with Server-Sent Events (LLOneBot's GET {base}/_events):
//     [DialHTTP]. Nothing connects until the first call or [Bot.Run].
//   - Forward WebSocket, one universal connection ("ws://host:port/"):
//     [DialWS]; split API and event connections ("/api" and "/event"):
//     [DialWSSplit]. Both reconnect with backoff until [Bot.Close].
//   - Reverse WebSocket, where the implementation dials us: [NewReverseServer]
//     returns a [ReverseServer], an http.Handler to mount on your server. It
//     keeps one Bot per X-Self-ID ([ReverseServer.Bot], [ReverseServer.WaitBot])
//     and [ReverseServer.Run] serves them all with one handler.
//   - HTTP POST (webhook), where the implementation posts events to us:
//     [NewWebhookBot] with a Caller for the API (transport.NewHTTPCaller);
//     mount the [WebhookBot] as an http.Handler. [BotOptions].Secret checks
//     X-Signature.
//   - Anything else: [NewBot] pairs any transport.Caller with any
//     transport.Source. A Client alone is [NewClient].
//
// [BotOptions] holds what the modes share: the access token, the self id when
// known in advance, handler concurrency, error reporting and a *slog.Logger.
//
// # Calling actions
//
// [Client] has one method per action, named after the wire name in Go case
// (send_group_msg is [Client.SendGroupMsg]): context first, a *XxxParams,
// and a *XxxResult, a slice (list actions such as [Client.GetGroupList]) or
// just an error. A [Bot] embeds its Client, so bot.SendGroupMsg works.
//
//	res, err := bot.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{
//		GroupID: 123456,
//		Message: onebot11.Message{onebot11.Text("hello "), onebot11.At(10001)},
//	})
//
// Params fields follow one rule: a field whose zero value means something is
// always sent ([SetGroupBanParams].Duration 0 lifts a mute; enable and
// approve flags false), an optional field whose zero value would be harmful
// to send carries omitempty, and the few where 0 and "absent" differ are
// pointers ([GetQQAvatarParams].UserID). Every params, result and entity
// struct keeps unknown keys in its Extra map and writes them back, and IDs
// decode from numbers or numeric strings.
//
// Actions this package has no method for are called by name with
// [Client.Call] (decoding "data" into any value) or [Client.CallRaw] (the
// raw "data"). [Client.Async] and [Client.RateLimited] return views of the
// same client that send the "_async" and "_rate_limited" variants of every
// action ([SuffixAsync], [SuffixRateLimited]); the implementation answers
// at once with status "async", which is success. [WithCallTimeout] bounds
// calls whose context has no deadline.
//
// # Events and handlers
//
// [ParseEvent] decodes a frame into one of the *XxxEvent types
// ([*PrivateMessageEvent], [*GroupMessageEvent], [*GroupRecallNoticeEvent],
// ...), all behind the sealed [Event] interface; the message events also
// implement [MessageEvent]. An event this package has no type for, or whose
// known fields do not decode, is an [*UnknownEvent] keeping the frame:
// never an error, never dropped. json.Marshal of any parsed event gives back
// the JSON value it came from.
//
// [Bot.Run] delivers events to a [Handler], each on its own goroutine. A
// [Mux] is the usual handler: [On] registers a function for one event type
// checked at compile time (On[*GroupMessageEvent], or an interface such as
// On[MessageEvent], also [OnMessage]), with optional [Matcher]s that must
// all accept the event: [Command], [Prefix], [Regex], [ToMe], [FromGroup],
// [FromUser], [MatchFunc]. The first route that accepts an event handles
// it; [MatchFrom] gives the handler what the matchers found (command,
// arguments, captures). [Mux.Use] adds [Middleware] around the dispatch.
//
// Inside a handler, [FromContext] returns the Bot and [Respond] (or
// [Bot.Reply], [Bot.ReplyQuote]) answers the event in its conversation. A
// handler may instead set a quick operation with [SetQuickOperation]
// ([*QuickReply] for messages, [*QuickApprove] for requests): the Bot
// performs it when the handler returns nil, as the HTTP reply in webhook
// mode and through .handle_quick_operation in the others.
//
// # Messages
//
// A [Message] is a list of [Segment]s. Each known segment type has a Go type
// ([TextSegment], [ImageSegment], [AtSegment], [ReplySegment], ...) and
// builders make the common ones: [Text], [At], [AtAll], [Face], [Reply],
// [Image], [ImageURL], [ImageFile], [ImageBytes], [Record], [Video],
// [Node] and more. A segment of an unknown type decodes as an
// [*UnknownSegment] keeping its envelope byte for byte; [RegisterSegment]
// adds types of your own.
//
// A Message encodes as the array format and decodes from the array or the
// string (CQ code) format. [ParseCQ] parses CQ codes and never fails
// (malformed codes stay text); [Message.CQString] writes them with the
// standard escaping; [Message.PlainText] and [MessageText] give the text.
// [FileURI] and [Base64URI] make file values the implementation can read.
//
// # Implementation side
//
// To serve OneBot 11 (as the simulator and the bridge do), register action
// handlers on a [ServeMux]: each action has a typed method whose handler has
// the signature of the Client method ([ServeMux.HandleSendGroupMsg],
// [ServeMux.HandleGetGroupList], ...); [ServeMux.Handle] and
// [ServeMux.HandleFallback] take any action by name. Quick operations are
// executed through the registered handlers ([ServeMux.ExecQuickOperation]).
//
// [NewServer] serves a ServeMux over every transport at once: as an
// http.Handler it answers the HTTP API, forward WebSocket (/, /api, /event)
// and SSE (/_events); [ServerOptions] adds webhook URLs and reverse WebSocket
// connections it dials. [Server.Publish] sends an event to every subscriber
// without waiting for any; "_async" and "_rate_limited" calls are served for
// every registered action.
//
// # Errors
//
// A failure answered by the implementation is an [*APIError] (action,
// status, retcode, message, wording, HTTP status). It matches the sentinels
// [ErrBadRequest], [ErrUnauthorized], [ErrForbidden] and [ErrUnknownAction]
// with errors.Is whether the failure came as an HTTP status or as a retcode,
// so the same check works over every transport; [Retcode] extracts the
// retcode (-1 when there is none). A response whose "data" does not fit the
// result type is a [*DecodeError] holding the bytes. Transport failures are
// returned wrapped: errors.Is(err, transport.ErrClosed) for a dropped
// connection, the transport package's status sentinels for a refused
// handshake, and context.Canceled / context.DeadlineExceeded when the
// context ends. On the server side, [*ParamsError] reports params that do
// not decode and [ErrorResponse] maps any handler error to the failed reply.
//
// # Concurrency
//
// [Client], [Bot], [ReverseServer], [WebhookBot], [Mux], [ServeMux] and
// [Server] are safe for concurrent use; routes and action handlers may be
// registered while serving. A Bot runs each event's handler on its own
// goroutine, at most [BotOptions].Concurrency at once (1 handles events in
// order); a handler's context is cancelled when it returns. Every blocking
// call takes a context and honours it. Messages, events and params are
// plain values: do not modify one while another goroutine reads it.
//
// # Code generation
//
// go generate ./onebot11/ runs three generators: internal/jsongen (from
// client.go) writes zz_json_gen.go, the JSON codecs of the params, result
// and entity structs; event_gen.go (from event.go) writes event_json_gen.go,
// the codecs, accessors and ParseEvent dispatch of the types in
// event_types.go; internal/handlergen (from handler.go) writes
// handler_actions_gen.go, one typed ServeMux method per Client method. Tests
// fail when a generated file is not current.
package onebot11
