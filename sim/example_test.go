package sim_test

import (
	"fmt"
	"time"

	"github.com/duobot/duobot/sim"
)

func Example() {
	clock := sim.NewManualClock(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	w := sim.New(sim.WithClock(clock.Now), sim.WithSeed(1))
	defer w.Close()
	if err := w.SeedDemo(); err != nil {
		panic(err)
	}
	events, cancel := w.Subscribe(16)
	defer cancel()

	// A user speaks, the bot answers with a reply, an admin mutes someone.
	q, _ := w.UserSendGroup(sim.DemoGroupDev, sim.DemoCarol, []sim.Element{sim.Text{Text: "is the sim up?"}})
	clock.Advance(time.Second)
	_, _ = w.SendGroup(sim.DemoGroupDev, []sim.Element{sim.Reply{Seq: q.Seq}, sim.Mention{UserID: sim.DemoCarol}, sim.Text{Text: " yes"}})
	clock.Advance(time.Second)
	_ = w.UserMute(sim.DemoGroupDev, sim.DemoBob, sim.DemoDave, 10*time.Minute)
	// The bot may not mute the owner.
	err := w.Mute(sim.DemoGroupDev, sim.DemoAlice, time.Minute)
	fmt.Println(err)

	for range 3 {
		fmt.Println(sim.DescribeWithTime(<-events))
	}
	// Output:
	// sim: permission denied: the owner of group 30001 cannot be muted
	// 1 2026-01-01 12:00:00 group 30001 #1 carol (qa)(20003): is the sim up?
	// 2 2026-01-01 12:00:01 group 30001 #2 bot(10086001) (self): [reply #1]@carol (qa) yes
	// 3 2026-01-01 12:00:02 group 30001: 20004 muted for 10m0s by 20002
}
