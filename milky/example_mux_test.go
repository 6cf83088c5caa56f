package milky_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/duobot/duobot/milky"
)

func groupMessage(sender int64, segments string) milky.Event {
	ev, err := milky.ParseEvent([]byte(`{"time":1764000000,"self_id":3141592653,"event_type":"message_receive","data":{"message_scene":"group","peer_id":987654321,"message_seq":7,"sender_id":` +
		fmt.Sprint(sender) + `,"time":1764000000,"segments":` + segments + `,"group":{"group_id":987654321,"group_name":"duobot","member_count":2,"max_member_count":200,"remark":"","created_time":0,"description":"","question":"","announcement":""},"group_member":{"user_id":1234567890,"nickname":"alice","sex":"female","group_id":987654321,"card":"","title":"","level":1,"role":"member","join_time":0,"last_sent_time":0}}}`))
	if err != nil {
		panic(err)
	}
	return ev
}

func ExampleOn() {
	mux := milky.NewMux()
	// Typed handlers: the event type is checked at compile time.
	// Routes are tried in order; the first that accepts the event takes it.
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		m := milky.MatchFrom(ctx)
		fmt.Printf("%s args=%q\n", m.Command, m.Fields())
		return nil
	}, milky.Command("/roll", "/r"), milky.FromGroup(987654321))
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		fmt.Println("dice:", milky.MatchFrom(ctx).Named)
		return nil
	}, milky.Regex(regexp.MustCompile(`^(?P<n>\d+)d(?P<sides>\d+)$`)))
	milky.On(mux, func(ctx context.Context, ev *milky.MessageReceiveEvent) error {
		fmt.Println("someone talks to me:", ev.Data.SenderID)
		return nil
	}, milky.ToMe())
	milky.On(mux, func(ctx context.Context, ev milky.Event) error {
		fmt.Println("unhandled", ev.EventType())
		return nil
	})

	ctx := context.Background()
	_ = mux.HandleEvent(ctx, groupMessage(1234567890, `[{"type":"text","data":{"text":"/roll 2d6 fast"}}]`))
	_ = mux.HandleEvent(ctx, groupMessage(1234567890, `[{"type":"text","data":{"text":"3d8"}}]`))
	_ = mux.HandleEvent(ctx, groupMessage(1234567890, `[{"type":"mention","data":{"user_id":3141592653,"name":"bot"}},{"type":"text","data":{"text":" /r 1d20"}}]`))
	_ = mux.HandleEvent(ctx, groupMessage(1234567890, `[{"type":"text","data":{"text":"hello"}}]`))
	_ = mux.HandleEvent(ctx, groupMessage(1234567890, `[{"type":"mention","data":{"user_id":3141592653,"name":"bot"}},{"type":"text","data":{"text":" hi"}}]`))
	// Output:
	// /roll args=["2d6" "fast"]
	// dice: map[n:3 sides:8]
	// /r args=["1d20"]
	// unhandled message_receive
	// someone talks to me: 1234567890
}

func ExampleMux_Use() {
	mux := milky.NewMux()
	// Middleware sees every event first and may drop it.
	mux.Use(func(next milky.Handler) milky.Handler {
		return milky.HandlerFunc(func(ctx context.Context, ev milky.Event) error {
			if m, ok := ev.(*milky.MessageReceiveEvent); ok && strings.Contains(m.Data.Segments.PlainText(), "spam") {
				fmt.Println("dropped spam")
				return nil
			}
			return next.HandleEvent(ctx, ev)
		})
	})
	milky.On(mux, func(ctx context.Context, ev milky.Event) error {
		fmt.Println("handled", ev.EventType())
		return nil
	})
	_ = mux.HandleEvent(context.Background(), groupMessage(1234567890, `[{"type":"text","data":{"text":"buy spam"}}]`))
	_ = mux.HandleEvent(context.Background(), groupMessage(1234567890, `[{"type":"text","data":{"text":"hi"}}]`))
	// Output:
	// dropped spam
	// handled message_receive
}
