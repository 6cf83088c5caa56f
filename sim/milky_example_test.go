package sim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/sim"
)

// The Milky front-end in process: API methods act on the world as the bot,
// and world events convert to Milky events. To serve it over the network,
// register it on a milky.ServeMux, give the mux to milky.NewServer, and
// pump events into the server with StartEvents.
func ExampleMilkyBackend() {
	clock := sim.NewManualClock(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	w := sim.New(sim.WithClock(clock.Now), sim.WithSeed(1))
	defer w.Close()
	if err := w.SeedDemo(); err != nil {
		panic(err)
	}
	b := sim.NewMilkyBackend(w, nil)
	events, cancel := w.Subscribe(16)
	defer cancel()

	ctx := context.Background()
	res, err := b.SendGroupMessage(ctx, &milky.SendGroupMessageParams{
		GroupID: sim.DemoGroupDev,
		Message: milky.OutgoingSegments{milky.Mention(sim.DemoCarol), milky.Text(" hello")},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("message_seq", res.MessageSeq)

	// The bot may not kick the group's owner.
	err = b.KickGroupMember(ctx, &milky.KickGroupMemberParams{GroupID: sim.DemoGroupDev, UserID: sim.DemoAlice})
	fmt.Println("retcode", milky.Retcode(err))

	ev, _ := b.Event(<-events)
	frame, _ := json.Marshal(ev.(*milky.MessageReceiveEvent).Data.Segments)
	fmt.Println(ev.EventType(), string(frame))
	// Output:
	// message_seq 1
	// retcode -1403
	// message_receive [{"type":"mention","data":{"user_id":20003,"name":"carol (qa)"}},{"type":"text","data":{"text":" hello"}}]
}
