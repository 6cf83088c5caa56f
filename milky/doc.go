// Package milky speaks Milky 1.2 (and tolerates 1.3): a typed [Client] for
// every API, typed events and [ParseEvent], incoming and outgoing message
// segments, a [Mux] routing events to typed handlers, and the implementation
// side ([ServeMux], [Server]) on which the duobot simulator and bridge are
// built.
//
// A bot is usually a [Bot] (a Client plus a source of events) running a
// Mux:
//
//	bot, err := milky.Dial("http://127.0.0.1:3000", &milky.BotOptions{AccessToken: token})
//	if err != nil { ... }
//	defer bot.Close()
//	mux := milky.NewMux()
//	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
//		_, err := milky.FromContext(ctx).Reply(ctx, ev, milky.Text("pong"))
//		return err
//	}, milky.Command("/ping"))
//	err = bot.Run(ctx, mux)
//
// # Connecting
//
// A Milky implementation serves its API at POST {base}/api/{name} and its
// events at {base}/event, as a WebSocket or as Server-Sent Events, or posts
// them to a webhook. [Dial] returns a [Bot] for a base URL (which may carry a
// path prefix); it connects lazily, on the first call or [Bot.Run].
// [BotOptions].Events chooses how events are received: [EventsAuto] (the
// default) probes {base}/event once per Run and uses a WebSocket when the
// server upgrades, SSE otherwise; [EventsWebSocket] and [EventsSSE] force one.
// Event connections reconnect with backoff until [Bot.Close].
//
// For webhook delivery, serve a [WebhookReceiver] ([NewWebhookReceiver]
// checks the Bearer token) on your HTTP server and set it as
// [BotOptions].Source: the Bot then reads its events from the POSTs and
// calls the API at base as usual. [NewBot] pairs any transport.Caller with
// any transport.Source; a Client alone is [NewClient].
//
// # Calling actions
//
// [Client] has one method per API, named after the wire name in Go case
// (send_group_message is [Client.SendGroupMessage]): context first, a
// *XxxParams for APIs with input (nil sends {}), and a *XxxResult for APIs
// with output, else just an error. A [Bot] embeds its Client.
//
//	res, err := bot.SendGroupMessage(ctx, &milky.SendGroupMessageParams{
//		GroupID: 123456,
//		Message: milky.OutgoingSegments{milky.Text("hello "), milky.Mention(10001)},
//	})
//
// Params follow the official schemas. Required fields are plain fields,
// always sent. An optional field whose default is Go's zero value
// (no_cache, duration, ...) is a plain field too: its zero value is the
// default. An optional field with another default or with none is a pointer,
// and nil leaves it out so the implementation applies its default
// ([SetPeerPinParams].IsPinned, [GetHistoryMessagesParams].Limit); set one
// with new(value). Every params, result and entity struct keeps unknown keys
// in its Extra map and writes them back; IDs decode from numbers or numeric
// strings. [Client.Call] calls any API by name, decoding its data into any
// value.
//
// # Events and handlers
//
// [ParseEvent] decodes a frame (a WebSocket message, an SSE data payload or
// a webhook body) into one of the *XxxEvent types ([*MessageReceiveEvent],
// [*GroupNudgeEvent], ...), each with a Header and a typed Data, behind the
// [Event] interface. An event_type this package does not know is an
// [*UnknownEvent] keeping its data: delivered, never an error. json.Marshal
// of a parsed event gives back the JSON value it came from.
//
// [Bot.Run] delivers events to a [Handler], each on its own goroutine. A
// [Mux] is the usual handler: [On] registers a function for one event type
// checked at compile time (On[*MessageReceiveEvent], or On[Event] for all)
// with optional [Matcher]s that must all accept the event: [Command],
// [Prefix], [Regex], [ToMe], [MentionsBot], [RepliesToBot], [NotSelf],
// [FromFriend], [FromTemp], [FromGroup], [FromUser], [MatchFunc], combined
// with [Any] and [Not]. The first route that accepts an event handles it;
// [MatchFrom] gives the handler what the matchers found. [Mux.Use] adds
// [Middleware]; On and [Mux.Handle] return a function removing the route.
// [GroupOf] and [UserOf] read the group and user of any event.
//
// Inside a handler, [FromContext] returns the Bot; [Bot.Reply],
// [Bot.ReplyQuote] and [Bot.ReplyWith] answer a received message in its
// conversation, and [Bot.Send] sends to any friend or group. Milky has no
// quick operations: a handler answers with API calls.
//
// # Messages
//
// Milky's received and sent segments are different types.
// [IncomingSegments] (the Segments of an [IncomingMessage]) hold
// [IncomingSegment]s: [*IncomingTextSegment], [*IncomingImageSegment] (with
// a resource id and a temporary URL; [Client.GetResourceTempURL] renews
// it), [*IncomingReplySegment], ... and [*UnknownIncomingSegment] for types
// this package does not know (it reads as "[type]" in
// [IncomingSegments.PlainText] and encodes back unchanged).
// [OutgoingSegments] hold [OutgoingSegment]s, made with the builders [Text],
// [Mention], [MentionAll], [Face], [Reply], [Image], [ImageBytes],
// [Sticker], [Record], [Video], [LightApp] and [Forward] (of
// [ForwardedMessage]s); [*UnknownOutgoingSegment] sends raw JSON for a type
// added after 1.2.
//
// Outgoing resources (images, records, videos) are URIs of three schemes:
// file:// on the implementation's machine ([FileURI]), http(s)://, and
// base64:// ([Base64URI]). [CheckURI] validates one (errors wrap
// [ErrBadURI]).
//
// # Implementation side
//
// To serve Milky (as the simulator and the bridge do), register API
// handlers on a [ServeMux]: each API has a typed method whose handler has
// the signature of the Client method ([ServeMux.HandleSendGroupMessage],
// ...); [ServeMux.Handle] takes any API by name and [ServeMux.HandleDefault]
// the APIs without a handler. [NewServer] serves it as an http.Handler (POST
// {prefix}/api/{name}, GET {prefix}/event as WebSocket or SSE) and posts to
// the webhook URLs of [ServerOptions]; [Server.Publish] sends an event to
// every subscriber without waiting for any ([Server.PublishFrame] for an
// encoded frame); [Server.Serve] runs it on a listener.
//
// # Errors
//
// A failed call is an [*APIError] (API, HTTP status, status, retcode,
// message): a "failed" envelope or a non-2xx HTTP answer. It matches the
// sentinels [ErrUnauthorized], [ErrUnknownAPI], [ErrUnsupportedMediaType],
// [ErrBadParams] and [ErrNotLoggedIn] with errors.Is, and unwraps to the
// transport's *transport.StatusError for HTTP failures, so
// transport.ErrUnauthorized and the other transport sentinels match too.
// [Retcode] extracts the retcode (0 when there is none). A response or event
// that does not decode is a [*DecodeError]. Transport failures are returned
// wrapped: errors.Is(err, transport.ErrClosed) for a closed connection
// ([ErrBotClosed] wraps it), context.Canceled / context.DeadlineExceeded
// when the context ends. [ErrTempSend] reports a reply in the temp scene,
// which Milky 1.2 cannot send.
//
// # Concurrency
//
// [Client], [Bot], [WebhookReceiver], [Mux], [ServeMux] and [Server] are
// safe for concurrent use; routes and API handlers may be registered and
// removed while serving. A Bot runs each event's handler on its own
// goroutine, at most [BotOptions].Concurrency at once (1 handles events in
// order). Every blocking call takes a context and honours it. Segments,
// events and params are plain values: do not modify one while another
// goroutine reads it.
//
// # Code generation
//
// go generate ./milky/ runs two generators: internal/jsongen (from
// client.go) writes zz_json_gen.go, the JSON codecs of the params, result,
// entity and event data structs; handler_gen.go (from handler.go) writes
// handler_api.go, one typed ServeMux method per Client method. A test fails
// when a generated file is not current.
package milky
